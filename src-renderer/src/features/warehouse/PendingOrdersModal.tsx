// 待生成出库单的订单: paid customer-service orders without an outbound. The ready ones
// can be queued all at once or as ticked; the blocked ones (a 商家编码 without a SKU, …) are
// listed with the reason. Main creates the drafts (shipping.queueOrders) and reports each order
// it could not queue.
import { Alert, Button, Empty, Modal, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderQueueResult, PendingOrder, PendingOrders } from '../../../../src-main/api/contract';
import { api, errorText, problemText, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';

export function PendingOrdersModal({
  open,
  onClose,
}: {
  open: boolean;
  /** `queued`: drafts were created, reload the queue. */
  onClose(queued: boolean): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const [data, setData] = useState<PendingOrders | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OrderQueueResult | null>(null);
  const [queued, setQueued] = useState(false);

  const load = useCallback(
    () =>
      api.shipping.pendingOrders({}).then(
        (d) => {
          setData(d);
          setError(null);
          setSelected((s) => s.filter((id) => d.ready.some((o) => o.orderId === id)));
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [],
  );

  // Mounted only while open (see ShippingPage), so every opening starts afresh.
  useEffect(() => {
    void load();
  }, [load]);

  async function queue(orderIds?: string[]) {
    setBusy(true);
    try {
      const r = await api.shipping.queueOrders(orderIds ? { orderIds } : {});
      setResult(r);
      if (r.created.length) {
        setQueued(true);
        ui().message.success(t('orderLink.created', { count: r.created.length }));
      }
      await load();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  const columns = (withReason: boolean): TableProps<PendingOrder>['columns'] => [
    {
      key: 'orderNo',
      title: t('orderLink.orderNo'),
      width: 190,
      render: (_, r) => <span className="num">{r.orderNo}</span>,
    },
    {
      key: 'buyer',
      title: t('orderLink.buyer'),
      width: 150,
      ellipsis: true,
      render: (_, r) =>
        r.memberName && r.receiverName && r.memberName !== r.receiverName
          ? `${r.memberName} / ${r.receiverName}`
          : r.memberName || r.receiverName || '—',
    },
    {
      key: 'items',
      title: t('orderLink.items'),
      render: (_, r) => (
        <span>
          {r.lines.map((l, i) => (
            <span key={i} className="num" style={{ marginRight: 8, whiteSpace: 'nowrap' }}>
              {l.skuCode || l.title} ×{l.quantity}
              {!l.linked && (
                <Tag color="error" style={{ marginLeft: 4 }}>
                  {t('orderLink.unlinked')}
                </Tag>
              )}
            </span>
          ))}
        </span>
      ),
    },
    withReason
      ? {
          key: 'reason',
          title: t('orderLink.reason'),
          width: 260,
          render: (_, r) =>
            r.problem ? <Typography.Text type="danger">{problemText(r.problem)}</Typography.Text> : null,
        }
      : {
          key: 'paidAt',
          title: t('orderLink.paidAt'),
          width: 150,
          render: (_, r) => formatDateTime(r.paidAt, timeZone) || '—',
        },
  ];

  const ready = data?.ready ?? [];
  const blocked = data?.blocked ?? [];
  return (
    <Modal
      open={open}
      title={t('orderLink.pendingTitle')}
      onCancel={() => onClose(queued)}
      footer={
        <Space>
          <Button onClick={() => onClose(queued)} data-testid="pending-close">
            {t('common.close')}
          </Button>
          <Button
            disabled={!selected.length || busy}
            onClick={() => void queue(selected)}
            data-testid="pending-create-selected"
          >
            {t('orderLink.createSelected', { count: selected.length })}
          </Button>
          <Button
            type="primary"
            disabled={!ready.length || busy}
            loading={busy}
            onClick={() => void queue()}
            data-testid="pending-create-all"
          >
            {t('orderLink.createAll', { count: ready.length })}
          </Button>
        </Space>
      }
      width={960}
      destroyOnHidden
    >
      <div data-testid="pending-orders">
        <Typography.Paragraph type="secondary">{t('orderLink.pendingIntro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        {result && result.skipped.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="pending-skipped"
            title={t('orderLink.skipped', { count: result.skipped.length })}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {result.skipped.map((s) => (
                  <li key={s.orderId}>
                    <span className="num">{s.orderNo}</span>：{problemText(s.problem)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        <Typography.Title level={5}>{t('orderLink.readyTitle', { count: ready.length })}</Typography.Title>
        <Table<PendingOrder>
          size="small"
          rowKey="orderId"
          data-testid="pending-ready"
          columns={columns(false)}
          dataSource={ready}
          loading={!data && !error}
          pagination={false}
          scroll={{ y: 280 }}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (r) =>
              ({ 'aria-label': r.orderNo, 'data-testid': `pending-select-${r.orderNo}` }) as object,
          }}
          onRow={(r) => ({ 'data-testid': `pending-row-${r.orderNo}` }) as object}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orderLink.emptyReady')} />,
          }}
        />
        {blocked.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('orderLink.blockedTitle', { count: blocked.length })}
            </Typography.Title>
            <Table<PendingOrder>
              size="small"
              rowKey="orderId"
              data-testid="pending-blocked"
              columns={columns(true)}
              dataSource={blocked}
              pagination={false}
              scroll={{ y: 200 }}
              onRow={(r) => ({ 'data-testid': `pending-blocked-${r.orderNo}` }) as object}
            />
          </>
        )}
      </div>
    </Modal>
  );
}
