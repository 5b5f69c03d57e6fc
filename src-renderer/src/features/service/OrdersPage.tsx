import { DownloadOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Input, Select, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ORDER_STATUSES,
  type OrderRow,
  type OrderStatus,
  type Paged,
} from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { Flag } from './Flag';
import { ManualOrderModal } from './ManualOrderModal';
import { OrderImportModal } from './OrderImportModal';
import { ServiceDrawers } from './ServiceDrawers';
import { STATUS_COLOR, useServiceUi } from './state';
import { PagedTable } from '../../components/PagedTable';

interface Query {
  q: string;
  status: OrderStatus | '';
  from: string;
  to: string;
  offset: number;
  limit: number;
}
const EMPTY: Query = { q: '', status: '', from: '', to: '', offset: 0, limit: 50 };

export function filterOf(q: Query) {
  return {
    q: q.q,
    ...(q.status ? { status: q.status } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

/** 订单: the order list with filters; import, manual entry, export; a row opens the order. */
export function OrdersPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canImport = useCan('orders.import');
  const canWrite = useCan('orders.write');
  const version = useServiceUi((s) => s.version);
  const { openOrder, openBuyer, changed } = useServiceUi.getState();
  const [query, setQuery] = useState<Query>(EMPTY);
  const [text, setText] = useState('');
  const [page, setPage] = useState<Paged<OrderRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const debounce = useDebounce(250);

  const load = useCallback(async (q: Query) => {
    try {
      const found = await api.orders.list({ filter: filterOf(q), offset: q.offset, limit: q.limit });
      setPage(found);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, []);
  useEffect(() => {
    void load(query);
  }, [query, version, load]);

  const update = (patch: Partial<Query>) => setQuery((q) => ({ ...q, offset: 0, ...patch }));
  const filtersActive = !!(query.q || query.status || query.from);

  const columns: TableProps<OrderRow>['columns'] = [
    {
      key: 'no',
      title: t('orders.orderNo'),
      width: 200,
      render: (_, r) => (
        <span className="num">
          {r.orderNo}
          {r.source === 'manual' && <Tag style={{ marginLeft: 6 }}>{t('orders.manual')}</Tag>}
        </span>
      ),
    },
    {
      key: 'buyer',
      title: t('orders.buyer'),
      width: 150,
      ellipsis: true,
      render: (_, r) =>
        r.memberName ? (
          <a
            onClick={(e) => {
              e.stopPropagation();
              if (r.buyerId) openBuyer(r.buyerId);
            }}
          >
            {r.memberName}
          </a>
        ) : (
          <Typography.Text type="secondary">{t('orders.noMember')}</Typography.Text>
        ),
    },
    {
      key: 'status',
      title: t('orders.status'),
      width: 120,
      render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`orders.statuses.${r.status}`)}</Tag>,
    },
    {
      key: 'amount',
      title: t('orders.amount'),
      width: 100,
      align: 'right',
      render: (_, r) => <span className="num">{formatYuan(r.totalFen)}</span>,
    },
    { key: 'items', dataIndex: 'itemCount', title: t('orders.items'), width: 64, align: 'right' },
    {
      key: 'note',
      title: t('orders.note'),
      ellipsis: true,
      render: (_, r) => (
        <span>
          <Flag flag={r.flag} />
          {r.sellerNote}
        </span>
      ),
    },
    {
      key: 'at',
      title: t('orders.orderedAt'),
      width: 150,
      render: (_, r) => <span className="num">{formatDateTime(r.orderedAt, timeZone)}</span>,
    },
  ];

  return (
    <div className="wh-page" data-testid="svc-orders">
      <div className="toolbar" role="search">
        <Input
          style={{ width: 260 }}
          data-testid="svc-order-search"
          aria-label={t('orders.searchLabel')}
          placeholder={t('orders.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          maxLength={64}
          onChange={(e) => {
            setText(e.target.value);
            const v = e.target.value.trim();
            debounce.schedule(() => update({ q: v }));
          }}
        />
        <Select<OrderStatus | ''>
          data-testid="svc-order-status"
          aria-label={t('orders.status')}
          value={query.status}
          style={{ width: 150 }}
          onChange={(v) => update({ status: v })}
          options={[
            { value: '', label: t('orders.anyStatus') },
            ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) })),
          ]}
        />
        <DatePicker.RangePicker
          style={{ width: 250 }}
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          placeholder={[t('orders.startDate'), t('orders.endDate')]}
          onChange={(v) =>
            update(
              v && v[0] && v[1]
                ? { from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') }
                : { from: '', to: '' },
            )
          }
        />
        {filtersActive && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              setQuery({ ...EMPTY, limit: query.limit });
            }}
          >
            {t('orders.clearFilters')}
          </Button>
        )}
        <span style={{ marginLeft: 'auto' }} />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="svc-order-export">
          {t('orders.export')}
        </Button>
        {canWrite && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="svc-order-new">
            {t('orders.new')}
          </Button>
        )}
        {canImport && (
          <Button
            type="primary"
            icon={<ImportOutlined />}
            onClick={() => setImporting(true)}
            data-testid="svc-order-import"
          >
            {t('orders.import')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <PagedTable<OrderRow>
        testId="svc-order-table"
        columns={columns}
        page={page}
        loading={!page && !error}
        scrollX={980}
        empty={filtersActive ? t('orders.noMatch') : t('orders.empty')}
        offset={query.offset}
        limit={query.limit}
        onPage={(offset, limit) => setQuery((q) => ({ ...q, offset, limit }))}
        onOpen={(r) => openOrder(r.id)}
        rowTestId={(r) => `svc-order-row-${r.orderNo}`}
      />
      <OrderImportModal open={importing} onClose={() => setImporting(false)} onDone={changed} />
      <ManualOrderModal open={creating} onClose={() => setCreating(false)} />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('orders.exportBody', { count: page?.total ?? 0 })}
        run={(encoding) => api.orders.exportCsv({ filter: filterOf(query), encoding })}
      />
      <ServiceDrawers />
    </div>
  );
}
