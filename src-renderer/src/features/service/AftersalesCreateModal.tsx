import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../src-main/api/contract';
import {
  CASE_TYPES,
  OUTBOUND_TYPES,
  RETURN_TYPES,
  type CaseAgent,
  type CaseType,
} from '../../../../src-main/api/contract-aftersales';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { useSession } from '../../stores/session';
import { useAftersalesUi } from './AftersalesState';
import { useServiceUi } from './state';

interface Values {
  type: CaseType;
  reason: string;
  refundYuan: number | null;
  agentId: string | null;
  refundNo: string;
  note: string;
}

/** 登记售后: a case on an order — type, the goods concerned, reason, refund, who handles it. */
export function AftersalesCreateModal() {
  const creating = useAftersalesUi((s) => s.creating);
  // Mounted afresh for each opening: a clean form every time.
  return creating ? <CreateCase orderId={creating.orderId} /> : null;
}

function CreateCase({ orderId }: { orderId: string | null }) {
  const { t } = useTranslation();
  const { closeCreate, openCase } = useAftersalesUi.getState();
  const me = useSession((s) => s.session?.staff.id);
  const [form] = Form.useForm<Values>();
  const [order, setOrder] = useState<Order | null>(null);
  const [orderNo, setOrderNo] = useState('');
  const [agents, setAgents] = useState<CaseAgent[]>([]);
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form);

  useEffect(() => {
    api.aftersales
      .agents({})
      .then((a) => {
        setAgents(a);
        if (me && a.some((x) => x.id === me)) form.setFieldValue('agentId', me);
      })
      .catch(() => setAgents([]));
    if (orderId)
      api.orders
        .get({ id: orderId })
        .then(setOrder)
        .catch((e: unknown) => setError(errorText(e)));
  }, [orderId, form, me]);

  async function lookUp() {
    setError(null);
    try {
      const found = await api.orders.list({ filter: { q: orderNo.trim() }, offset: 0, limit: 5 });
      const exact = found.rows.find((r) => r.orderNo === orderNo.trim()) ?? found.rows[0];
      if (!exact) {
        setError(t('aftersales.create.orderNotFound'));
        return;
      }
      setOrder(await api.orders.get({ id: exact.id }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function submit() {
    if (!order) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const c = await api.aftersales.create({
        type: v.type,
        orderId: order.id,
        lines: Object.entries(picked).map(([orderLineId, quantity]) => ({ orderLineId, quantity })),
        reason: v.reason ?? '',
        note: v.note ?? '',
        refundFen: Math.round((v.refundYuan ?? 0) * 100),
        ...(v.agentId ? { agentId: v.agentId } : {}),
        refundNo: v.refundNo ?? '',
      });
      ui().message.success(t('aftersales.create.done', { caseNo: c.caseNo }));
      useServiceUi.getState().changed();
      closeCreate();
      openCase(c.id);
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(['type', 'reason', 'refundYuan', 'agentId', 'refundNo', 'note'], {
          refundFen: 'refundYuan',
        }),
      });
    } finally {
      setBusy(false);
    }
  }

  const needsGoods = !!type && (RETURN_TYPES.includes(type) || OUTBOUND_TYPES.includes(type));
  return (
    <Modal
      open
      title={t('aftersales.create.title')}
      onCancel={closeCreate}
      width={820}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={closeCreate}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            disabled={!order}
            loading={busy}
            onClick={() => void submit()}
            data-testid="as-create-submit"
          >
            {t('aftersales.create.submit')}
          </Button>
        </Space>
      }
    >
      {!orderId && (
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input
            data-testid="as-create-order-no"
            placeholder={t('aftersales.create.orderNoPlaceholder')}
            aria-label={t('aftersales.fields.orderNo')}
            value={orderNo}
            maxLength={64}
            onChange={(e) => setOrderNo(e.target.value)}
            onPressEnter={() => void lookUp()}
          />
          <Button onClick={() => void lookUp()} data-testid="as-create-order-find">
            {t('aftersales.create.find')}
          </Button>
        </Space.Compact>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {order && (
        <>
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('aftersales.fields.orderNo')}>
              <span className="num">{order.orderNo}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.buyer')}>
              {order.memberName || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.paid')}>
              ¥{formatYuan(order.paidFen)}
            </Descriptions.Item>
          </Descriptions>
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ reason: '', refundYuan: null, note: '', refundNo: '' }}
          >
            <Space size={16} align="start" wrap>
              <Form.Item
                name="type"
                label={t('aftersales.fields.type')}
                rules={[{ required: true, message: t('aftersales.create.pickType') }]}
              >
                <Select<CaseType>
                  data-testid="as-create-type"
                  style={{ width: 180 }}
                  placeholder={t('aftersales.create.pickType')}
                  options={CASE_TYPES.map((k) => ({ value: k, label: t(`aftersales.types.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="refundYuan" label={t('aftersales.fields.refund')}>
                <InputNumber<number>
                  data-testid="as-create-refund"
                  min={0}
                  max={order.paidFen / 100}
                  precision={2}
                  prefix="¥"
                  style={{ width: 150 }}
                />
              </Form.Item>
              <Form.Item name="agentId" label={t('aftersales.fields.agent')}>
                <Select
                  data-testid="as-create-agent"
                  style={{ width: 150 }}
                  allowClear
                  options={agents.map((a) => ({ value: a.id, label: a.name }))}
                />
              </Form.Item>
              <Form.Item name="refundNo" label={t('aftersales.fields.refundNo')}>
                <Input
                  style={{ width: 200 }}
                  maxLength={24}
                  placeholder={t('aftersales.create.refundNoHint')}
                  data-testid="as-create-refund-no"
                />
              </Form.Item>
            </Space>
            <Form.Item name="reason" label={t('aftersales.fields.reason')}>
              <Input data-testid="as-create-reason" maxLength={200} />
            </Form.Item>
            <Form.Item
              label={needsGoods ? t('aftersales.create.goodsRequired') : t('aftersales.create.goods')}
              required={needsGoods}
            >
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={order.lines}
                data-testid="as-create-lines"
                columns={[
                  {
                    key: 'pick',
                    width: 48,
                    render: (_, l, i) => (
                      <Checkbox
                        data-testid={`as-create-line-${i}`}
                        aria-label={l.title}
                        checked={picked[l.id] !== undefined}
                        onChange={(e) =>
                          setPicked((p) => {
                            const next = { ...p };
                            if (e.target.checked) next[l.id] = l.quantity;
                            else delete next[l.id];
                            return next;
                          })
                        }
                      />
                    ),
                  },
                  { key: 'code', dataIndex: 'skuCode', title: t('aftersales.fields.skuCode'), width: 130 },
                  {
                    key: 'title',
                    title: t('aftersales.fields.goods'),
                    ellipsis: true,
                    render: (_, l) => `${l.title}${l.spec ? `（${l.spec}）` : ''}`,
                  },
                  {
                    key: 'qty',
                    title: t('aftersales.fields.quantity'),
                    width: 110,
                    render: (_, l) => (
                      <InputNumber<number>
                        size="small"
                        min={1}
                        max={l.quantity}
                        disabled={picked[l.id] === undefined}
                        value={picked[l.id] ?? l.quantity}
                        onChange={(v) => v && setPicked((p) => ({ ...p, [l.id]: v }))}
                        style={{ width: 80 }}
                      />
                    ),
                  },
                ]}
              />
            </Form.Item>
            <Form.Item name="note" label={t('aftersales.fields.note')}>
              <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
