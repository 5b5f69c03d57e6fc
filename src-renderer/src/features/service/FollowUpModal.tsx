import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_OUTCOMES,
  type FollowUpChannel,
  type FollowUpOutcome,
} from '../../../../src-main/api/contract';
import { api, reportError, ui } from '../../api';
import { useServiceUi } from './state';

interface Values {
  channel: FollowUpChannel;
  outcome: FollowUpOutcome;
  note?: string;
  remindAt?: Dayjs | null;
}

/** 催付: record one contact with the buyer of an unpaid order, and optionally a reminder. */
export function FollowUpModal({
  order,
  onClose,
}: {
  order: { id: string; orderNo: string } | null;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    if (!order) return;
    setBusy(true);
    try {
      await api.followUp.record({
        orderId: order.id,
        channel: v.channel,
        outcome: v.outcome,
        note: v.note ?? '',
        ...(v.remindAt ? { remindAt: v.remindAt.toISOString() } : {}),
      });
      ui().message.success(t('followUp.recorded'));
      useServiceUi.getState().changed();
      form.resetFields();
      onClose();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={!!order}
      title={order ? t('followUp.recordTitle', { orderNo: order.orderNo }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('followUp.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'svc-followup-save' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ channel: 'wangwang', outcome: 'will_pay' }}
      >
        <Form.Item name="channel" label={t('followUp.channel')}>
          <Radio.Group
            optionType="button"
            data-testid="svc-followup-channel"
            options={FOLLOW_UP_CHANNELS.map((c) => ({ value: c, label: t(`followUp.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('followUp.outcome')}>
          <Radio.Group
            optionType="button"
            data-testid="svc-followup-outcome"
            options={FOLLOW_UP_OUTCOMES.map((c) => ({ value: c, label: t(`followUp.outcomes.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('followUp.note')}>
          <Input
            maxLength={500}
            placeholder={t('followUp.notePlaceholder')}
            data-testid="svc-followup-note"
          />
        </Form.Item>
        <Form.Item name="remindAt" label={t('followUp.remind')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
