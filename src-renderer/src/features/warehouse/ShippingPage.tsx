// 发货: the orders waiting to ship (draft sales_out documents with an order ref), the pick list
// for the ticked orders (printable), a manual 新建销售出库（订单）, and per order the pack check
// (scan each item; wrong and extra ones refused with a beep) followed by carrier and tracking
// number → 发货 (posts the outbound).
import { InboxOutlined, PlusOutlined, PrinterOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Empty,
  Input,
  Popconfirm,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickList, ShippingOrder } from '../../../../src-main/api/contract';
import { api, errorText, reportError, ui } from '../../api';
import { PrintSheet } from '../../components/PrintSheet';
import { useDebounce } from '../../components/useDebounce';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { NewOrderModal } from './NewOrderModal';
import { PackModal } from './PackModal';
import { PendingOrdersModal } from './PendingOrdersModal';

/** How long an order has waited, in the largest whole unit. */
function useAge() {
  const { t } = useTranslation();
  return (iso: string, now: number) => {
    const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
    if (minutes < 60) return t('shipping.ageMinutes', { n: minutes });
    if (minutes < 48 * 60) return t('shipping.ageHours', { n: Math.floor(minutes / 60) });
    return t('shipping.ageDays', { n: Math.floor(minutes / 1440) });
  };
}

export function PackTag({ order }: { order: ShippingOrder }) {
  const { t } = useTranslation();
  if (order.packed) return <Tag color="success">{t('shipping.packDone')}</Tag>;
  if (order.checkedQuantity === 0) return <Tag>{t('shipping.packNone')}</Tag>;
  return (
    <Tag color="processing">
      {t('shipping.packPartial', { checked: order.checkedQuantity, total: order.totalQuantity })}
    </Tag>
  );
}

export function ShippingPage() {
  const { t } = useTranslation();
  const staffId = useSession((s) => s.session?.staff.id);
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('warehouse.write');
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [rows, setRows] = useState<ShippingOrder[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [pick, setPick] = useState<PickList | null>(null);
  const [creating, setCreating] = useState(false);
  const [packing, setPacking] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // paid customer-service orders without an outbound yet.
  const [pendingCount, setPendingCount] = useState<number | null>(null);
  const [pendingOpen, setPendingOpen] = useState(false);
  const debounce = useDebounce(250);
  const age = useAge();

  const load = useCallback(
    () =>
      api.shipping.queue({ q }).then(
        (list) => {
          setRows(list);
          setSelected((s) => s.filter((id) => list.some((o) => o.documentId === id)));
          setError(null);
          setNow(Date.now());
          setLoaded(true);
        },
        (e: unknown) => {
          setError(errorText(e));
          setLoaded(true);
        },
      ),
    [q],
  );

  useEffect(() => {
    void load();
  }, [load, staffId]);

  const loadPending = useCallback(
    () =>
      api.shipping.pendingOrders({}).then(
        (p) => setPendingCount(p.ready.length),
        () => setPendingCount(null),
      ),
    [],
  );
  useEffect(() => {
    void loadPending();
  }, [loadPending, staffId]);

  async function discard(r: ShippingOrder) {
    try {
      await api.warehouse.discardDraft({ id: r.documentId, expectedVersion: r.version });
      ui().message.success(t('orderLink.discarded'));
      void load();
      void loadPending();
    } catch (e) {
      reportError(e);
    }
  }

  async function printPickList() {
    try {
      setPick(await api.shipping.pickList({ documentIds: selected }));
    } catch (e) {
      reportError(e);
    }
  }

  const columns: TableProps<ShippingOrder>['columns'] = [
    {
      key: 'orderRef',
      title: t('shipping.orderRef'),
      width: 200,
      render: (_, r) => (
        <span>
          <span className="num">{r.orderRef}</span>
          {r.orderStatus === 'closed' && (
            <Tooltip title={t('orderLink.closedAdvice')}>
              <Tag color="error" style={{ marginLeft: 6 }} data-testid={`ship-closed-${r.orderRef}`}>
                {t('orderLink.closedTag')}
              </Tag>
            </Tooltip>
          )}
          <br />
          <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>
            {r.number}
          </Typography.Text>
        </span>
      ),
    },
    { key: 'buyer', dataIndex: 'counterpart', title: t('shipping.buyer'), width: 140, ellipsis: true },
    {
      key: 'items',
      title: t('shipping.items'),
      ellipsis: true,
      render: (_, r) => {
        const shown = r.lines.slice(0, 3).map((l) => `${l.code} ×${l.quantity}`);
        const text =
          shown.join('；') +
          (r.lines.length > 3 ? ` ${t('shipping.more', { count: r.lines.length - 3 })}` : '');
        const full = r.lines.map((l) => `${l.code} ${l.title} ${l.spec} ×${l.quantity}`).join('\n');
        return (
          <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{full}</span>}>
            <span className="num">{text}</span>
          </Tooltip>
        );
      },
    },
    {
      key: 'qty',
      dataIndex: 'totalQuantity',
      title: t('shipping.quantity'),
      width: 72,
      align: 'right',
      render: (v: number) => <span className="num">{v}</span>,
    },
    {
      key: 'age',
      title: t('shipping.age'),
      width: 96,
      render: (_, r) => (
        <Tooltip title={formatDateTime(r.createdAt, timeZone)}>
          <span>{age(r.createdAt, now)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'packed',
      title: t('shipping.packed'),
      width: 120,
      render: (_, r) => <PackTag order={r} />,
    },
    {
      key: 'actions',
      title: t('shipping.actions'),
      width: 120,
      render: (_, r) =>
        r.orderStatus === 'closed' ? (
          canWrite && (
            <Popconfirm
              title={t('orderLink.discardConfirm', { number: r.number })}
              okText={t('orderLink.discard')}
              cancelText={t('common.cancel')}
              onConfirm={() => void discard(r)}
            >
              <Button size="small" danger data-testid={`ship-discard-${r.orderRef}`}>
                {t('orderLink.discard')}
              </Button>
            </Popconfirm>
          )
        ) : (
          <Button
            size="small"
            type={r.packed ? 'primary' : 'default'}
            onClick={(e) => {
              e.stopPropagation();
              setPacking(r.documentId);
            }}
            data-testid={`ship-pack-${r.orderRef}`}
          >
            {t('shipping.packAndShip')}
          </Button>
        ),
    },
  ];

  return (
    <div className="wh-page" data-testid="wh-shipping">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('shipping.intro')}
      </Typography.Paragraph>
      <div className="toolbar" role="search">
        <Input
          className="toolbar__search"
          style={{ width: 280 }}
          aria-label={t('shipping.searchLabel')}
          placeholder={t('shipping.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          maxLength={100}
          data-testid="ship-search"
          onChange={(e) => {
            setText(e.target.value);
            const v = e.target.value.trim();
            debounce.schedule(() => setQ(v));
          }}
        />
        <Tooltip title={selected.length ? '' : t('shipping.pickListNone')}>
          <Button
            icon={<PrinterOutlined />}
            disabled={!selected.length}
            onClick={() => void printPickList()}
            data-testid="ship-picklist"
          >
            {t('shipping.pickList', { count: selected.length })}
          </Button>
        </Tooltip>
        <span style={{ marginLeft: 'auto' }} />
        {canWrite && (
          <Button
            icon={<InboxOutlined />}
            type={pendingCount ? 'primary' : 'default'}
            ghost={!!pendingCount}
            onClick={() => setPendingOpen(true)}
            data-testid="ship-pending-orders"
          >
            {t('orderLink.pendingButton', { count: pendingCount ?? 0 })}
          </Button>
        )}
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="ship-new-order"
          >
            {t('shipping.newOrder')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<ShippingOrder>
        data-testid="ship-queue"
        size="middle"
        rowKey="documentId"
        columns={columns}
        dataSource={rows}
        loading={!loaded}
        scroll={{ x: 960 }}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) =>
            ({ 'aria-label': r.orderRef, 'data-testid': `ship-select-${r.orderRef}` }) as object,
        }}
        onRow={(r) => ({ 'data-testid': `ship-row-${r.orderRef}` }) as object}
        locale={{
          emptyText: loaded ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={q ? t('shipping.noMatch') : t('shipping.empty')}
            />
          ) : (
            <span />
          ),
        }}
      />
      <PrintSheet open={!!pick} onClose={() => setPick(null)} title={t('shipping.pickTitle')}>
        {pick && <PickListView list={pick} />}
      </PrintSheet>
      <NewOrderModal
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) void load();
        }}
      />
      {pendingOpen && (
        <PendingOrdersModal
          open
          onClose={(queued) => {
            setPendingOpen(false);
            void loadPending();
            if (queued) void load();
          }}
        />
      )}
      <PackModal
        documentId={packing}
        onClose={(changed) => {
          setPacking(null);
          if (changed) void load();
          if (changed) void loadPending();
        }}
      />
    </div>
  );
}

/** The printed pick list: one row per bin and SKU in walk order, with a tick column. */
function PickListView({ list }: { list: PickList }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const shopName = useSession((s) => s.shopName);
  return (
    <div data-testid="pick-sheet">
      <h1>
        {shopName ? `${shopName} · ` : ''}
        {t('shipping.pickSheetTitle')}
      </h1>
      <div className="paper-meta">
        <span>{t('shipping.pickPrinted', { time: formatDateTime(new Date().toISOString(), timeZone) })}</span>
        <span>{t('shipping.pickTotal', { count: list.totalQuantity })}</span>
        <span className="num">
          {t('shipping.pickOrders', { count: list.orders.length })}：
          {list.orders.map((o) => `${o.orderRef}${o.counterpart ? `（${o.counterpart}）` : ''}`).join('、')}
        </span>
      </div>
      <table>
        <thead>
          <tr>
            <th className="num">{t('shipping.pickSeq')}</th>
            <th>{t('shipping.pickBin')}</th>
            <th>{t('shipping.pickCode')}</th>
            <th>{t('shipping.pickTitleSpec')}</th>
            <th className="num">{t('shipping.pickQty')}</th>
            <th>{t('shipping.pickForOrders')}</th>
            <th>{t('shipping.pickDone')}</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((r, i) => (
            <tr key={`${r.binId}|${r.skuId}`} data-testid={`pick-row-${i}`}>
              <td className="num">{i + 1}</td>
              <td className="code">
                <strong>{r.binCode}</strong>
              </td>
              <td className="code">{r.code}</td>
              <td>
                {r.title}
                {r.spec ? ` · ${r.spec}` : ''}
              </td>
              <td className="num">
                <strong>{r.quantity}</strong>
              </td>
              <td>{r.orderRefs.join('、')}</td>
              <td className="blank" />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="paper-sign">
        <span>{t('shipping.pickPicker')}</span>
        <span>{t('shipping.pickChecker')}</span>
      </div>
    </div>
  );
}
