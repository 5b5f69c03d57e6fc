import { Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldsOf, isFailure, reportError, ui } from '../api';
import { CenteredPage } from '../components/CenteredPage';
import { PinInput, pinAgainRules, pinRules } from '../components/PinInput';
import { TimeZoneSelect } from '../components/TimeZoneSelect';
import { useSession } from '../stores/session';
import { useRelocalizeErrors } from '../components/useRelocalizeErrors';

interface Values {
  shopName: string;
  timeZone: string;
  managerName: string;
  pin: string;
  pin2: string;
}

/** First run: create the shop and its first store manager, who is then signed in. */
export function FirstRun() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useRelocalizeErrors(form);
  const [busy, setBusy] = useState(false);
  const signedIn = useSession((s) => s.signedIn);
  const boot = useSession((s) => s.boot);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const session = await api.system.setup({
        shopName: v.shopName,
        timeZone: v.timeZone,
        managerName: v.managerName,
        pin: v.pin,
      });
      ui().message.success(t('setup.welcome', { name: session.staff.name }));
      signedIn(session);
    } catch (e) {
      // Someone finished the setup on this data already: go to the sign-in screen.
      if (isFailure(e, 'CONFLICT')) {
        reportError(e);
        void boot();
        return;
      }
      reportError(e, { form, map: fieldsOf(['shopName', 'timeZone', 'managerName', 'pin']) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredPage width={580}>
      <Card className="welcome-card" variant="borderless">
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('setup.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ timeZone: 'Asia/Shanghai' }}
          onFinish={submit}
          disabled={busy}
        >
          <Divider titlePlacement="start" plain>
            {t('setup.shopSection')}
          </Divider>
          <Form.Item
            name="shopName"
            label={t('setup.shopName')}
            rules={[{ required: true, whitespace: true, message: t('setup.shopNameRequired') }]}
          >
            <Input
              data-testid="setup-shop-name"
              placeholder={t('setup.shopNamePlaceholder')}
              maxLength={60}
              autoFocus
            />
          </Form.Item>
          <Form.Item name="timeZone" label={t('setup.timeZone')} extra={t('setup.timeZoneHelp')}>
            <TimeZoneSelect data-testid="setup-time-zone" />
          </Form.Item>
          <Divider titlePlacement="start" plain>
            {t('setup.managerSection')}
          </Divider>
          <Form.Item
            name="managerName"
            label={t('setup.managerName')}
            rules={[{ required: true, whitespace: true, message: t('setup.managerNameRequired') }]}
          >
            <Input
              data-testid="setup-manager-name"
              placeholder={t('setup.managerNamePlaceholder')}
              maxLength={40}
            />
          </Form.Item>
          <div className="form-row-2">
            <Form.Item name="pin" label={t('setup.pin')} extra={t('setup.pinHelp')} rules={pinRules(t)}>
              <PinInput data-testid="setup-pin" placeholder={t('pin.placeholder')} />
            </Form.Item>
            <Form.Item
              name="pin2"
              label={t('setup.pin2')}
              dependencies={['pin']}
              rules={pinAgainRules(t, 'pin')}
            >
              <PinInput data-testid="setup-pin2" placeholder={t('pin.placeholder')} />
            </Form.Item>
          </div>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            data-testid="setup-submit"
          >
            {t('setup.submit')}
          </Button>
        </Form>
      </Card>
    </CenteredPage>
  );
}
