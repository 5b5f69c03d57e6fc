import { PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, CaseAgent, CaseStatus } from '../../../../src-main/api/contract-aftersales';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { AftersalesPrint } from './AftersalesPrint';
import { CASE_STATUS_COLOR, CASE_TYPE_COLOR, useAftersalesUi } from './AftersalesState';
import { useServiceUi } from './state';

interface EditValues {
  reason: string;
  note: string;
  refundYuan: number | null;
  agentId: string | null;
}

/** The case page (售后单): order and buyer, goods, refund, the warehouse's side, the status flow and its history. */
export function AftersalesDrawer() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('aftersales.write');
  const canOrders = useCan('orders.read');
  const caseId = useAftersalesUi((s) => s.caseId);
  const version = useServiceUi((s) => s.version);
  const { openCase } = useAftersalesUi.getState();
  const { openOrder, openBuyer, changed } = useServiceUi.getState();
  const [c, setCase] = useState<Case | null>(null);
  const [agents, setAgents] = useState<CaseAgent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [moveNote, setMoveNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [form] = Form.useForm<EditValues>();

  useEffect(() => {
    if (!caseId) return;
    let live = true;
    api.aftersales
      .get({ id: caseId })
      .then((x) => {
        if (!live) return;
        setCase(x);
        setError(null);
        form.setFieldsValue({
          reason: x.reason,
          note: x.note,
          refundYuan: x.refundFen / 100,
          agentId: x.agentId,
        });
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [caseId, version, form]);
  useEffect(() => {
    if (caseId && canWrite)
      api.aftersales
        .agents({})
        .then(setAgents)
        .catch(() => setAgents([]));
  }, [caseId, canWrite]);

  async function move(to: CaseStatus) {
    if (!c) return;
    setBusy(true);
    try {
      await api.aftersales.move({ id: c.id, expectedVersion: c.version, to, note: moveNote.trim() });
      ui().message.success(t('aftersales.drawer.moved', { status: t(`aftersales.statuses.${to}`) }));
      setMoveNote('');
      changed();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    if (!c) return;
    const v = form.getFieldsValue();
    try {
      await api.aftersales.update({
        id: c.id,
        expectedVersion: c.version,
        reason: v.reason ?? '',
        note: v.note ?? '',
        refundFen: Math.round((v.refundYuan ?? 0) * 100),
        agentId: v.agentId ?? null,
      });
      ui().message.success(t('aftersales.drawer.saved'));
      changed();
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(['reason', 'note', 'refundYuan', 'agentId'], { refundFen: 'refundYuan' }),
      });
    }
  }

  const open = !!c && c.next.length > 0;
  const wh = c?.warehouse;
  return (
    <Drawer
      open={!!caseId}
      onClose={() => openCase(null)}
      size={860}
      destroyOnHidden
      data-testid="as-drawer"
      title={
        c ? (
          <Space wrap>
            <span className="num" data-testid="as-drawer-no">
              {c.caseNo}
            </span>
            <Tag color={CASE_TYPE_COLOR[c.type]}>{t(`aftersales.types.${c.type}`)}</Tag>
            <Tag color={CASE_STATUS_COLOR[c.status]} data-testid="as-drawer-status">
              {t(`aftersales.statuses.${c.status}`)}
            </Tag>
            {c.overdue && <Tag color="red">{t('aftersales.overdue')}</Tag>}
            <Button
              size="small"
              icon={<PrinterOutlined />}
              onClick={() => setPrinting(true)}
              data-testid="as-print"
            >
              {t('aftersales.print.button')}
            </Button>
          </Space>
        ) : (
          t('aftersales.drawer.title')
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {c && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('aftersales.fields.orderNo')}>
              {c.orderId && canOrders ? (
                <a className="num" onClick={() => openOrder(c.orderId)}>
                  {c.orderNo}
                </a>
              ) : (
                <span className="num">{c.orderNo || '—'}</span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.buyer')}>
              {c.buyerId && canOrders ? (
                <a onClick={() => openBuyer(c.buyerId)}>{c.memberName || '—'}</a>
              ) : (
                c.memberName || '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.refundNo')}>
              <span className="num">{c.refundNo ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.source')}>
              {t(`aftersales.sources.${c.source}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.openedAt')}>
              {formatDateTime(c.openedAt, timeZone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.dueAt')}>
              <Typography.Text type={c.overdue ? 'danger' : undefined}>
                {formatDateTime(c.dueAt, timeZone) || '—'}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.refund')}>
              <span className="num" data-testid="as-drawer-refund">
                ¥{formatYuan(c.refundFen)}
              </span>
              {c.refundLimitFen !== null && (
                <Typography.Text type="secondary">
                  {' '}
                  {t('aftersales.drawer.limit', { amount: formatYuan(c.refundLimitFen) })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.agent')}>{c.agentName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('aftersales.fields.reason')} span={2}>
              {c.reason || '—'}
            </Descriptions.Item>
            {c.note ? (
              <Descriptions.Item label={t('aftersales.fields.note')} span={2}>
                {c.note}
              </Descriptions.Item>
            ) : null}
            {c.returnTracking || c.returnCarrier ? (
              <Descriptions.Item label={t('aftersales.fields.returnParcel')} span={2}>
                {c.returnCarrier} <span className="num">{c.returnTracking}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>

          {canWrite && open && (
            <Card size="small" title={t('aftersales.drawer.handle')} data-testid="as-drawer-actions">
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  value={moveNote}
                  onChange={(e) => setMoveNote(e.target.value)}
                  maxLength={500}
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  placeholder={t('aftersales.drawer.notePlaceholder')}
                  data-testid="as-move-note"
                />
                <Space wrap>
                  {c.next.map((s) => (
                    <Button
                      key={s}
                      type={s === 'closed' ? 'default' : 'primary'}
                      danger={s === 'closed'}
                      loading={busy}
                      onClick={() => void move(s)}
                      data-testid={`as-move-${s}`}
                    >
                      {t(`aftersales.moves.${s}`)}
                    </Button>
                  ))}
                </Space>
              </Space>
            </Card>
          )}

          <Card size="small" title={t('aftersales.drawer.goods')}>
            {c.lines.length ? (
              <Table
                size="small"
                rowKey="lineNo"
                pagination={false}
                dataSource={c.lines}
                columns={[
                  { key: 'code', dataIndex: 'skuCode', title: t('aftersales.fields.skuCode'), width: 140 },
                  {
                    key: 'title',
                    title: t('aftersales.fields.goods'),
                    ellipsis: true,
                    render: (_, l) => `${l.title}${l.spec ? `（${l.spec}）` : ''}`,
                  },
                  {
                    key: 'qty',
                    dataIndex: 'quantity',
                    title: t('aftersales.fields.quantity'),
                    width: 70,
                    align: 'right',
                  },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('aftersales.drawer.noGoods')}</Typography.Text>
            )}
          </Card>

          {(wh?.returnDoc || wh?.outbound) && (
            <Card size="small" title={t('aftersales.drawer.warehouse')} data-testid="as-drawer-warehouse">
              <Descriptions size="small" column={1}>
                {wh.returnDoc && (
                  <Descriptions.Item label={t('aftersales.drawer.returnDoc')}>
                    <span data-testid="as-drawer-return">
                      <span className="num">{wh.returnDoc.number}</span>
                      {' · '}
                      {wh.returnDoc.inspection
                        ? t('aftersales.drawer.inspected', {
                            good: wh.returnDoc.inspection.good,
                            defective: wh.returnDoc.inspection.defective,
                            scrapped: wh.returnDoc.inspection.scrapped,
                            at: formatDateTime(wh.returnDoc.inspection.at, timeZone),
                          })
                        : t('aftersales.drawer.awaitingInspection')}
                    </span>
                  </Descriptions.Item>
                )}
                {wh.outbound && (
                  <Descriptions.Item label={t('aftersales.drawer.outbound')}>
                    <span data-testid="as-drawer-outbound">
                      <span className="num">{wh.outbound.number}</span>
                      {' · '}
                      {wh.outbound.shipment
                        ? t('aftersales.drawer.shipped', {
                            carrier: wh.outbound.shipment.carrier,
                            tracking: wh.outbound.shipment.trackingNo,
                            at: formatDateTime(wh.outbound.shipment.shippedAt, timeZone),
                          })
                        : t('aftersales.drawer.awaitingShipment')}
                    </span>
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          )}

          {canWrite && open && (
            <Card size="small" title={t('aftersales.drawer.edit')}>
              <Form<EditValues> form={form} layout="vertical" requiredMark={false}>
                <Space size={16} align="start" wrap>
                  <Form.Item name="refundYuan" label={t('aftersales.fields.refund')}>
                    <InputNumber<number> min={0} precision={2} prefix="¥" style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name="agentId" label={t('aftersales.fields.agent')}>
                    <Select
                      style={{ width: 160 }}
                      allowClear
                      options={agents.map((a) => ({ value: a.id, label: a.name }))}
                    />
                  </Form.Item>
                </Space>
                <Form.Item name="reason" label={t('aftersales.fields.reason')}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="note" label={t('aftersales.fields.note')}>
                  <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
                </Form.Item>
                <Button onClick={() => void save()} data-testid="as-edit-save">
                  {t('common.save')}
                </Button>
              </Form>
            </Card>
          )}

          <Card size="small" title={t('aftersales.drawer.history')} data-testid="as-drawer-history">
            {c.history.length ? (
              <Timeline
                items={c.history.map((h) => ({
                  color: CASE_STATUS_COLOR[h.status] === 'default' ? 'gray' : CASE_STATUS_COLOR[h.status],
                  content: (
                    <span>
                      {t(`aftersales.statuses.${h.status}`)}
                      {h.note ? `：${h.note}` : ''}
                      <Typography.Text type="secondary">
                        {' '}
                        · {formatDateTime(h.at, timeZone)} ·{' '}
                        {h.source === 'import' ? t('aftersales.sources.import') : (h.staffName ?? '')}
                      </Typography.Text>
                    </span>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Space>
      )}
      {c && printing && <AftersalesPrint c={c} onClose={() => setPrinting(false)} />}
    </Drawer>
  );
}
