import { Alert, Button, Form, Input, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Shop } from '../../../../src-main/api/contract';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';

interface Values {
  name: string;
  timeZone: string;
}

/** 店铺设置: the shop's name and time zone. */
export function ShopPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useRelocalizeErrors(form);
  const [shop, setShop] = useState<Shop | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shopChanged = useSession((s) => s.shopChanged);
  const timeZone = useSession((s) => s.timeZone);

  useEffect(() => {
    api.shop
      .get({})
      .then((s) => {
        setShop(s);
        form.setFieldsValue({ name: s.name, timeZone: s.timeZone });
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [form]);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const s = await api.shop.update({ name: v.name.trim(), timeZone: v.timeZone });
      setShop(s);
      shopChanged(s);
      form.setFieldsValue({ name: s.name, timeZone: s.timeZone });
      ui().message.success(t('shop.saved'));
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['name', 'timeZone']) });
    } finally {
      setBusy(false);
    }
  }

  if (error) return <Alert type="error" showIcon title={error} />;
  return (
    <div className="settings-page settings-page--narrow" data-testid="shop-page">
      {!shop ? (
        <Skeleton active />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
          <Form.Item
            name="name"
            label={t('shop.name')}
            rules={[{ required: true, whitespace: true, message: t('setup.shopNameRequired') }]}
          >
            <Input data-testid="shop-name" maxLength={60} />
          </Form.Item>
          <Form.Item name="timeZone" label={t('shop.timeZone')} extra={t('shop.timeZoneHelp')}>
            <TimeZoneSelect data-testid="shop-time-zone" />
          </Form.Item>
          <div className="form-actions">
            <Button type="primary" htmlType="submit" loading={busy} data-testid="shop-save">
              {t('common.save')}
            </Button>
            <Typography.Text type="secondary">
              {t('shop.lastUpdated', { time: formatDateTime(shop.updatedAt, timeZone) })}
            </Typography.Text>
          </div>
        </Form>
      )}
    </div>
  );
}
