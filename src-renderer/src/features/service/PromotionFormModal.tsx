import { Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Promotion } from '../../../../src-main/api/contract-promotions';
import { api, fieldsOf, reportError, ui } from '../../api';

interface Values {
  name?: string;
  dates?: [Dayjs, Dayjs];
  offer?: string;
  skuIds?: string[];
  /** Editing, start moved: move the open creative tasks' due dates too. */
  moveCreative?: boolean;
}
type Option = { value: string; label: string };

/** New or edited campaign: name, dates, offer text, the SKUs in it. */
export function PromotionFormModal({
  open,
  editing,
  onClose,
  onDone,
}: {
  open: boolean;
  editing: Promotion | null;
  onClose(): void;
  onDone(p: Promotion): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [options, setOptions] = useState<Option[]>([]);
  const [busy, setBusy] = useState(false);
  const known = useRef(new Map<string, Option>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!open) return;
    if (editing) {
      const opts = editing.skus.map((s) => ({
        value: s.id,
        label: `${s.code} · ${s.title}${s.spec ? `（${s.spec}）` : ''}`,
      }));
      for (const o of opts) known.current.set(o.value, o);
      form.setFieldsValue({
        name: editing.name,
        dates: [dayjs(editing.startDate), dayjs(editing.endDate)],
        offer: editing.offer,
        skuIds: editing.skus.map((s) => s.id),
        moveCreative: true,
      });
    } else form.resetFields();
  }, [open, editing, form]);

  function search(q: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api.catalog
        .list({ filter: { q: q.trim() }, limit: 30 })
        .then((p) => {
          const found = p.rows.map((r) => ({
            value: r.skuId,
            label: `${r.code} · ${r.title}${r.spec ? `（${r.spec}）` : ''}`,
          }));
          for (const o of found) known.current.set(o.value, o);
          const picked = (form.getFieldValue('skuIds') as string[] | undefined) ?? [];
          const keep = picked.map((id) => known.current.get(id)).filter((o): o is Option => !!o);
          setOptions([...keep, ...found.filter((o) => !picked.includes(o.value))]);
        })
        .catch(() => undefined);
    }, 200);
  }

  async function submit(v: Values) {
    if (!v.dates) return;
    setBusy(true);
    try {
      const p = await api.promotions.save({
        ...(editing ? { id: editing.id, expectedVersion: editing.version } : {}),
        name: v.name ?? '',
        startDate: v.dates[0].format('YYYY-MM-DD'),
        endDate: v.dates[1].format('YYYY-MM-DD'),
        offer: v.offer ?? '',
        skuIds: v.skuIds ?? [],
        moveCreative: !!editing && startMoved && v.moveCreative !== false,
      });
      ui().message.success(t('promotions.saved'));
      onClose();
      onDone(p);
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(['name', 'offer', 'skuIds'], { startDate: 'dates', endDate: 'dates' }),
      });
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('errors.validation.required') }];
  const dates = Form.useWatch('dates', form);
  const startMoved = !!editing && !!dates?.[0] && dates[0].format('YYYY-MM-DD') !== editing.startDate;
  const openCreative = editing
    ? editing.creative.filter((c) => c.creativeKind && c.status !== 'done').length
    : 0;
  return (
    <Modal
      open={open}
      title={editing ? t('promotions.edit') : t('promotions.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'promo-form-save' }}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('promotions.name')} rules={[{ ...required[0], whitespace: true }]}>
          <Input maxLength={60} placeholder={t('promotions.namePlaceholder')} data-testid="promo-form-name" />
        </Form.Item>
        <Form.Item name="dates" label={t('promotions.dates')} rules={required}>
          <DatePicker.RangePicker data-testid="promo-form-dates" />
        </Form.Item>
        {startMoved && openCreative > 0 && (
          <Form.Item
            name="moveCreative"
            valuePropName="checked"
            extra={t('promotions.creative.moveDueHint')}
            style={{ marginTop: -8 }}
          >
            <Checkbox data-testid="promo-form-move-creative">
              {t('promotions.creative.moveDue', { count: openCreative })}
            </Checkbox>
          </Form.Item>
        )}
        <Form.Item name="offer" label={t('promotions.offer')}>
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('promotions.offerPlaceholder')}
            data-testid="promo-form-offer"
          />
        </Form.Item>
        <Form.Item name="skuIds" label={t('promotions.skus')} rules={required}>
          <Select
            mode="multiple"
            data-testid="promo-form-skus"
            showSearch={{ filterOption: false, onSearch: search }}
            onOpenChange={(o) => o && search('')}
            placeholder={t('promotions.skusPlaceholder')}
            options={[
              ...(editing?.skus ?? [])
                .filter((x) => !options.some((o) => o.value === x.id))
                .map((x) => ({
                  value: x.id,
                  label: `${x.code} · ${x.title}${x.spec ? `（${x.spec}）` : ''}`,
                })),
              ...options,
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
