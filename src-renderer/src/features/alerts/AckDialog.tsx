import { Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertRow, StaffPublic } from '../../../../src-main/api/contract';
import { api, fieldsOf, reportError } from '../../api';
import { useSession } from '../../stores/session';

/** 确认预警: who handles it (an active person) and a note. Also used to hand it to someone else. */
export function AckDialog({
  alert,
  onClose,
  onDone,
}: {
  alert: AlertRow | null;
  onClose(): void;
  onDone(row: AlertRow): void;
}) {
  const { t } = useTranslation();
  const me = useSession((s) => s.session?.staff.id);
  const [people, setPeople] = useState<StaffPublic[]>([]);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ handlerId: string; note: string }>();

  useEffect(() => {
    if (!alert) return;
    api.auth
      .roster({})
      .then(setPeople)
      .catch(() => setPeople([]));
    form.setFieldsValue({ handlerId: alert.handlerId ?? me, note: alert.note });
  }, [alert, form, me]);

  async function submit() {
    if (!alert) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const row = await api.alerts.ack({ id: alert.id, handlerId: v.handlerId, note: v.note ?? '' });
      onDone(row);
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['handlerId', 'note']) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!alert}
      title={alert?.status === 'acknowledged' ? t('alerts.ack.reassignTitle') : t('alerts.ack.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('alerts.ack.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'alerts-ack-submit' }}
      destroyOnHidden
      width={480}
    >
      {alert && (
        <Typography.Paragraph data-testid="alerts-ack-summary">
          {t('alerts.ack.summary', {
            code: alert.code,
            title: alert.title,
            onHand: alert.onHand,
            threshold: alert.threshold,
          })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          name="handlerId"
          label={t('alerts.ack.handler')}
          rules={[{ required: true, message: t('alerts.ack.handlerRequired') }]}
        >
          <Select
            data-testid="alerts-ack-handler"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('alerts.ack.handlerPlaceholder')}
            options={people.map((p) => ({ value: p.id, label: `${p.name}（${t(`roles.${p.role}`)}）` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('alerts.ack.note')}>
          <Input.TextArea
            data-testid="alerts-ack-note"
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('alerts.ack.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
