import { Alert, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldsOf, reportError, ui } from '../../api';
import { PinInput, pinAgainRules, pinRules } from '../../components/PinInput';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';

interface Values {
  currentPin: string;
  newPin: string;
  newPin2: string;
}

/** 修改我的 PIN: everyone can change their own PIN. */
export function MyPinPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useRelocalizeErrors(form);
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    try {
      await api.auth.changeOwnPin({ currentPin: v.currentPin, newPin: v.newPin });
      form.resetFields();
      ui().message.success(t('myPin.done'));
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['currentPin', 'newPin']) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="settings-page settings-page--narrow" data-testid="mypin-page">
      <Alert type="info" showIcon title={t('myPin.intro')} style={{ marginBottom: 20 }} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
        <Form.Item
          name="currentPin"
          label={t('myPin.current')}
          rules={[{ required: true, message: t('pin.required') }]}
        >
          <PinInput data-testid="mypin-current" placeholder={t('pin.placeholder')} />
        </Form.Item>
        <Form.Item
          name="newPin"
          label={t('myPin.new')}
          dependencies={['currentPin']}
          rules={[
            ...pinRules(t),
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                v && v === getFieldValue('currentPin')
                  ? Promise.reject(new Error(t('myPin.sameAsOld')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <PinInput data-testid="mypin-new" placeholder={t('pin.placeholder')} />
        </Form.Item>
        <Form.Item
          name="newPin2"
          label={t('myPin.new2')}
          dependencies={['newPin']}
          rules={pinAgainRules(t, 'newPin')}
        >
          <PinInput data-testid="mypin-new2" placeholder={t('pin.placeholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="mypin-submit">
          {t('myPin.submit')}
        </Button>
      </Form>
    </div>
  );
}
