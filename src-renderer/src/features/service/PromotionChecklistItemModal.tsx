// Edit one checklist item of a campaign (title, owner, due date). Ticked items are not offered:
// they stay as the record of what was done (main refuses too).
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPublic } from '../../../../src-main/api/contract';
import type { Promotion, PromotionTask } from '../../../../src-main/api/contract-promotions';
import { api, fieldsOf, reportError, ui } from '../../api';

interface Values {
  title: string;
  ownerId: string;
  dueDate: Dayjs | null;
}

export function PromotionChecklistItemModal({
  item,
  people,
  onClose,
  onDone,
}: {
  item: PromotionTask | null;
  people: StaffPublic[];
  onClose(): void;
  onDone(p: Promotion): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (item) form.setFieldsValue({ title: item.title, ownerId: item.ownerId, dueDate: dayjs(item.dueDate) });
  }, [item, form]);

  async function submit(v: Values) {
    if (!item || !v.dueDate) return;
    setBusy(true);
    try {
      const p = await api.promotions.editTask({
        taskId: item.id,
        title: v.title.trim(),
        ownerId: v.ownerId,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
      });
      ui().message.success(t('promotions.taskSaved'));
      onClose();
      onDone(p);
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['title', 'ownerId', 'dueDate']) });
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('errors.validation.required') }];
  // The current owner stays choosable even if no longer on the active roster.
  const options = people.map((x) => ({ value: x.id, label: `${x.name}（${t(`roles.${x.role}`)}）` }));
  if (item && !people.some((x) => x.id === item.ownerId))
    options.unshift({ value: item.ownerId, label: item.ownerName });
  return (
    <Modal
      open={!!item}
      title={t('promotions.editTask')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'promo-item-save' } as never}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('promotions.task')} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={100} data-testid="promo-item-title" />
        </Form.Item>
        <Form.Item name="ownerId" label={t('promotions.owner')} rules={required}>
          <Select options={options} data-testid="promo-item-owner" />
        </Form.Item>
        <Form.Item name="dueDate" label={t('promotions.dueDate')} rules={required}>
          <DatePicker style={{ width: '100%' }} data-testid="promo-item-due" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
