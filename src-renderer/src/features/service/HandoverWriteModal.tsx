import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOVER_KINDS, type HandoverKind, type HandoverOpen } from '../../../../src-main/api/contract';
import { api, reportError, ui } from '../../api';
import { useSession } from '../../stores/session';
import { shopTimeToUtc } from '../staffing/dates';
import { SkuSelect } from '../warehouse/pickers';

interface ItemValues {
  kind: HandoverKind;
  text?: string;
  buyerId?: string;
  skuId?: string;
  callbackAt?: Dayjs | null;
}
interface Values {
  date: Dayjs;
  templateId?: string;
  items: ItemValues[];
}

/** A buyer select searching the buyer database (member name, phone, initials). */
function BuyerSelect(props: { value?: string; onChange?: (v: string) => void; testId: string }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  function search(q: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      try {
        const page = await api.buyers.search({ q: q.trim(), limit: 20 });
        setOptions(page.rows.map((b) => ({ value: b.id, label: b.memberName })));
      } catch {
        setOptions([]);
      }
    }, 200);
  }
  return (
    <Select<string>
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      showSearch={{ filterOption: false, onSearch: search }}
      onOpenChange={(open) => {
        if (open && !options.length) search('');
      }}
      options={options}
      placeholder={t('handover.buyerPlaceholder')}
      style={{ width: 240 }}
      data-testid={props.testId}
    />
  );
}

/** 写交接: the items one shift leaves for the next (date and shift from the rota when known). */
export function HandoverWriteModal({
  open,
  context,
  onClose,
  onDone,
}: {
  open: boolean;
  context: HandoverOpen;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const timeZone = useSession((s) => s.timeZone);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const items = await api.handover.write({
        date: v.date.format('YYYY-MM-DD'),
        templateId: v.templateId ?? '',
        items: v.items.map((it) => ({
          kind: it.kind,
          text: it.text ?? '',
          ...(it.kind === 'buyer' && it.buyerId ? { buyerId: it.buyerId } : {}),
          ...(it.kind === 'stock' && it.skuId ? { skuId: it.skuId } : {}),
          ...(it.kind === 'callback' && it.callbackAt
            ? {
                // The picked wall-clock time is the shop's, whatever zone this computer is set to.
                callbackAt: shopTimeToUtc(
                  it.callbackAt.format('YYYY-MM-DD'),
                  it.callbackAt.hour(),
                  it.callbackAt.minute(),
                  timeZone,
                ).toISOString(),
              }
            : {}),
        })),
      });
      ui().message.success(t('handover.written', { count: items.length }));
      form.resetFields();
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  const mine = context.myShift;
  return (
    <Modal
      open={open}
      title={t('handover.writeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('handover.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'handover-submit' }}
      width={720}
      destroyOnHidden
    >
      <Alert
        type={mine ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 12 }}
        title={
          mine
            ? t('handover.myShift', { shift: mine.name, start: mine.start, end: mine.end })
            : t('handover.noShift')
        }
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          date: dayjs(context.today),
          templateId: mine?.templateId,
          items: [{ kind: 'buyer' }],
        }}
      >
        <Space size="large">
          <Form.Item name="date" label={t('handover.date')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} data-testid="handover-date" />
          </Form.Item>
          <Form.Item name="templateId" label={t('handover.shift')} rules={[{ required: true }]}>
            <Select
              style={{ width: 200 }}
              data-testid="handover-shift"
              options={context.shifts.map((s) => ({
                value: s.templateId,
                label: `${s.name}（${s.start}–${s.end}）`,
              }))}
            />
          </Form.Item>
        </Space>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <div key={f.key} className="handover-item-form" data-testid={`handover-item-${i}`}>
                  <Space align="start" wrap>
                    <Form.Item name={[f.name, 'kind']} label={t('handover.item', { n: i + 1 })}>
                      <Select
                        style={{ width: 130 }}
                        data-testid={`handover-item-${i}-kind`}
                        options={HANDOVER_KINDS.map((k) => ({ value: k, label: t(`handover.kinds.${k}`) }))}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = form.getFieldValue(['items', f.name, 'kind']) as HandoverKind;
                        if (kind === 'buyer')
                          return (
                            <Form.Item name={[f.name, 'buyerId']} label={t('handover.buyer')}>
                              <BuyerSelect testId={`handover-item-${i}-buyer`} />
                            </Form.Item>
                          );
                        if (kind === 'callback')
                          return (
                            <Form.Item name={[f.name, 'callbackAt']} label={t('handover.callbackAt')}>
                              <DatePicker
                                showTime={{ format: 'HH:mm' }}
                                format="YYYY-MM-DD HH:mm"
                                data-testid={`handover-item-${i}-callback`}
                              />
                            </Form.Item>
                          );
                        if (kind === 'stock')
                          return (
                            <Form.Item name={[f.name, 'skuId']} label={t('handover.sku')}>
                              <SkuSelect style={{ width: 260 }} data-testid={`handover-item-${i}-sku`} />
                            </Form.Item>
                          );
                        return null;
                      }}
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('handover.removeItem')}
                        title={t('handover.removeItem')}
                        style={{ marginTop: 30 }}
                        onClick={() => remove(f.name)}
                      />
                    )}
                  </Space>
                  <Form.Item name={[f.name, 'text']} label={t('handover.text')} rules={[{ required: true }]}>
                    <Input.TextArea
                      rows={2}
                      maxLength={500}
                      placeholder={t('handover.textPlaceholder')}
                      data-testid={`handover-item-${i}-text`}
                    />
                  </Form.Item>
                </div>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'other' })}
                data-testid="handover-add"
              >
                {t('handover.addItem')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
