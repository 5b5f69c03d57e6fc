import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_FLAGS, ORDER_STATUSES, type Order, type OrderFlag } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { AftersalesOrderSection } from './AftersalesOrderSection';
import { Flag } from './Flag';
import { FollowUpModal } from './FollowUpModal';
import { STATUS_COLOR, useServiceUi } from './state';

/** The order page: amounts, receiver, lines, seller note with its flag, shipping, history, 催付. */
export function OrderDrawer() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('orders.write');
  const canFollow = useCan('followup.write');
  const orderId = useServiceUi((s) => s.orderId);
  const version = useServiceUi((s) => s.version);
  const { openOrder, openBuyer, changed } = useServiceUi.getState();
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [flag, setFlag] = useState<OrderFlag>('none');
  const [following, setFollowing] = useState(false);

  useEffect(() => {
    if (!orderId) return;
    let live = true;
    api.orders
      .get({ id: orderId })
      .then((o) => {
        if (!live) return;
        setOrder(o);
        setNote(o.sellerNote);
        setFlag(o.flag);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [orderId, version]);

  async function saveNote() {
    if (!order) return;
    try {
      await api.orders.setSellerNote({ id: order.id, expectedVersion: order.version, note, flag });
      ui().message.success(t('orders.detail.noteSaved'));
      changed();
    } catch (e) {
      reportError(e);
    }
  }
  /** 通知仓库发货: the warehouse gets an outbound draft for this paid order. */
  async function notifyWarehouse() {
    if (!order) return;
    try {
      const o = await api.orders.notifyWarehouse({ id: order.id });
      ui().message.success(t('orderLink.notified', { number: o.shipping.outbound?.number ?? '' }));
      changed();
    } catch (e) {
      reportError(e);
    }
  }
  async function setStatus(status: Order['status']) {
    if (!order) return;
    try {
      await api.orders.setStatus({ id: order.id, expectedVersion: order.version, status });
      ui().message.success(t('orders.detail.statusSaved'));
      changed();
    } catch (e) {
      reportError(e);
    }
  }

  // The order shown is the one asked for (not the previous one while the next loads).
  const o = order && order.id === orderId ? order : null;
  const money = (fen: number) => <span className="num">¥{formatYuan(fen)}</span>;
  return (
    <Drawer
      open={!!orderId}
      onClose={() => openOrder(null)}
      size={860}
      title={o ? t('orders.detail.title', { orderNo: o.orderNo }) : ''}
      data-testid="svc-order-drawer"
      extra={
        o && (
          <Space>
            {canWrite && o.status === 'paid' && !o.shipping.outbound && (
              <Button type="primary" onClick={() => void notifyWarehouse()} data-testid="svc-order-notify-wh">
                {t('orderLink.notifyWarehouse')}
              </Button>
            )}
            {canFollow && o.status === 'wait_pay' && (
              <Button type="primary" onClick={() => setFollowing(true)} data-testid="svc-order-followup">
                {t('followUp.act')}
              </Button>
            )}
            {o.buyerId && (
              <Button onClick={() => openBuyer(o.buyerId!)} data-testid="svc-order-open-buyer">
                {t('orders.detail.openBuyer')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {o && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('orders.status')}>
              <Space>
                <Tag color={STATUS_COLOR[o.status]} data-testid="svc-order-status-tag">
                  {t(`orders.statuses.${o.status}`)}
                </Tag>
                {canWrite && o.source === 'manual' && (
                  <Select
                    size="small"
                    value={o.status}
                    style={{ width: 150 }}
                    aria-label={t('orders.detail.setStatus')}
                    onChange={(v) => void setStatus(v)}
                    options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))}
                  />
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.buyer')}>
              {o.memberName || t('orders.noMember')}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.orderedAt')}>
              {formatDateTime(o.orderedAt, timeZone, true)}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.paidAt')}>
              {formatDateTime(o.paidAt, timeZone, true) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.goods')}>{money(o.goodsFen)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.postage')}>{money(o.postageFen)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.total')}>{money(o.totalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.paid')}>{money(o.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.receiver')}>{o.receiverName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.phone')}>
              <span className="num" data-testid="svc-order-phone">
                {o.receiverPhone || '—'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('orders.detail.address')} span={2}>
              {o.receiverAddress || '—'}
            </Descriptions.Item>
            {o.buyerMessage ? (
              <Descriptions.Item label={t('orders.detail.message')} span={2}>
                {o.buyerMessage}
              </Descriptions.Item>
            ) : null}
            {o.refundFen > 0 ? (
              <Descriptions.Item label={t('orders.detail.refund')}>{money(o.refundFen)}</Descriptions.Item>
            ) : null}
            {o.closeReason ? (
              <Descriptions.Item label={t('orders.detail.closeReason')}>{o.closeReason}</Descriptions.Item>
            ) : null}
          </Descriptions>

          <Card size="small" title={t('orders.detail.lines')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={o.lines}
              columns={[
                { key: 'title', dataIndex: 'title', title: t('orders.detail.lineTitle'), ellipsis: true },
                {
                  key: 'spec',
                  dataIndex: 'spec',
                  title: t('orders.detail.spec'),
                  width: 180,
                  ellipsis: true,
                },
                {
                  key: 'code',
                  title: t('orders.detail.code'),
                  width: 130,
                  render: (_, l) =>
                    l.skuCode ? (
                      <span className="num" title={l.skuId ? undefined : t('orders.detail.unknownCode')}>
                        {l.skuCode}
                        {!l.skuId && (
                          <Tag color="warning" style={{ marginLeft: 4 }}>
                            ?
                          </Tag>
                        )}
                      </span>
                    ) : (
                      '—'
                    ),
                },
                {
                  key: 'qty',
                  dataIndex: 'quantity',
                  title: t('orders.detail.quantity'),
                  width: 60,
                  align: 'right',
                },
                {
                  key: 'price',
                  title: t('orders.detail.price'),
                  width: 90,
                  align: 'right',
                  render: (_, l) => <span className="num">{formatYuan(l.priceFen)}</span>,
                },
              ]}
            />
          </Card>

          <Card size="small" title={t('orders.detail.sellerNote')}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Radio.Group
                value={flag}
                onChange={(e) => setFlag(e.target.value as OrderFlag)}
                disabled={!canWrite}
                data-testid="svc-order-flag"
              >
                {ORDER_FLAGS.map((f) => (
                  <Radio key={f} value={f} data-testid={`svc-order-flag-${f}`}>
                    <Flag flag={f} />
                    {t(`orders.flags.${f}`)}
                  </Radio>
                ))}
              </Radio.Group>
              <Input.TextArea
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={500}
                autoSize={{ minRows: 2, maxRows: 5 }}
                placeholder={t('orders.detail.notePlaceholder')}
                disabled={!canWrite}
                data-testid="svc-order-note"
              />
              {canWrite && (
                <Button onClick={saveNote} data-testid="svc-order-note-save">
                  {t('orders.detail.saveNote')}
                </Button>
              )}
            </Space>
          </Card>

          <Space align="start" style={{ width: '100%' }} size={16} wrap>
            <Card
              size="small"
              title={t('orders.detail.shipping')}
              style={{ width: 380 }}
              data-testid="svc-order-shipping"
            >
              {o.shipping.outbound && (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('orderLink.outbound')}>
                    <span className="num" data-testid="svc-order-outbound">
                      {t(
                        o.shipping.outbound.status === 'draft'
                          ? 'orderLink.outboundWaiting'
                          : 'orderLink.outboundPosted',
                        { number: o.shipping.outbound.number },
                      )}
                    </span>
                  </Descriptions.Item>
                </Descriptions>
              )}
              {o.shipping.source === 'none' ? (
                <Typography.Text type="secondary">{t('orders.detail.notShipped')}</Typography.Text>
              ) : (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('orderLink.source')}>
                    {o.shipping.source === 'warehouse'
                      ? t('orderLink.fromWarehouse')
                      : t('orderLink.fromImport')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.carrier')}>
                    {o.shipping.carrier ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.tracking')}>
                    <span className="num">{o.shipping.trackingNo ?? '—'}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('orders.detail.shippedAt')}>
                    {formatDateTime(o.shipping.shippedAt, timeZone) || '—'}
                  </Descriptions.Item>
                </Descriptions>
              )}
            </Card>
            <Card size="small" title={t('orders.detail.history')} style={{ width: 380 }}>
              <Timeline
                items={o.history.map((h) => ({
                  content: (
                    <span>
                      {t(`orders.statuses.${h.status as Order['status']}`)}
                      <Typography.Text type="secondary">
                        {' '}
                        · {formatDateTime(h.at, timeZone)} ·{' '}
                        {h.source === 'import' ? t('orders.detail.fromImport') : (h.staffName ?? '')}
                      </Typography.Text>
                    </span>
                  ),
                }))}
              />
            </Card>
          </Space>

          <Card size="small" title={t('orders.detail.followUps')} data-testid="svc-order-followups">
            {o.followUps.length ? (
              <Timeline
                items={o.followUps.map((f) => ({
                  content: (
                    <span>
                      {t(`followUp.channels.${f.channel}`)} · {t(`followUp.outcomes.${f.outcome}`)}
                      {f.note ? `：${f.note}` : ''}
                      <Typography.Text type="secondary">
                        {' '}
                        · {f.staffName ?? ''} · {formatDateTime(f.at, timeZone)}
                        {f.remindAt
                          ? ` · ${t('followUp.remindAt')} ${formatDateTime(f.remindAt, timeZone)}`
                          : ''}
                      </Typography.Text>
                    </span>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followUp.none')} />
            )}
          </Card>
          <AftersalesOrderSection orderId={o.id} />
        </Space>
      )}
      <FollowUpModal
        order={following && o ? { id: o.id, orderNo: o.orderNo } : null}
        onClose={() => setFollowing(false)}
      />
    </Drawer>
  );
}
