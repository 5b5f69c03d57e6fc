import { DownloadOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Input, Select, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged } from '../../../../src-main/api/contract';
import {
  CASE_STATUSES,
  CASE_TYPES,
  type CaseAgent,
  type CaseFilter,
  type CaseRow,
  type CaseStatus,
  type CaseType,
} from '../../../../src-main/api/contract-aftersales';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { AftersalesImportModal } from './AftersalesImportModal';
import { CASE_STATUS_COLOR, CASE_TYPE_COLOR, useAftersalesUi } from './AftersalesState';
import { ServiceDrawers } from './ServiceDrawers';
import { useServiceUi } from './state';
import { PagedTable } from '../../components/PagedTable';

interface Query {
  q: string;
  status: CaseStatus | 'open' | '';
  type: CaseType | '';
  agentId: string;
  from: string;
  to: string;
  overdue: boolean;
  offset: number;
  limit: number;
}
const EMPTY: Query = {
  q: '',
  status: 'open',
  type: '',
  agentId: '',
  from: '',
  to: '',
  overdue: false,
  offset: 0,
  limit: 50,
};

function filterOf(q: Query): CaseFilter {
  return {
    q: q.q,
    overdue: q.overdue,
    ...(q.status ? { status: q.status } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.agentId ? { agentId: q.agentId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

/** 售后: the case list with filters (status, type, agent, date, overdue); import, new case, export. */
export function AftersalesPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canImport = useCan('aftersales.import');
  const canWrite = useCan('aftersales.write');
  const canOrders = useCan('orders.read');
  const version = useServiceUi((s) => s.version);
  const { changed } = useServiceUi.getState();
  const { openCase, openCreate } = useAftersalesUi.getState();
  const [query, setQuery] = useState<Query>(EMPTY);
  const [text, setText] = useState('');
  const [page, setPage] = useState<Paged<CaseRow> | null>(null);
  const [agents, setAgents] = useState<CaseAgent[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const debounce = useDebounce(250);

  const load = useCallback(async (q: Query) => {
    try {
      const found = await api.aftersales.list({ filter: filterOf(q), offset: q.offset, limit: q.limit });
      setPage(found);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, []);
  useEffect(() => {
    void load(query);
  }, [query, version, load]);
  useEffect(() => {
    api.aftersales
      .agents({})
      .then(setAgents)
      .catch(() => setAgents([]));
  }, []);

  const update = (patch: Partial<Query>) => setQuery((q) => ({ ...q, offset: 0, ...patch }));
  const filtersActive = !!(
    query.q ||
    query.status !== 'open' ||
    query.type ||
    query.agentId ||
    query.from ||
    query.overdue
  );

  const columns: TableProps<CaseRow>['columns'] = [
    {
      key: 'no',
      title: t('aftersales.fields.caseNo'),
      width: 190,
      render: (_, r) => <span className="num">{r.caseNo}</span>,
    },
    {
      key: 'type',
      title: t('aftersales.fields.type'),
      width: 100,
      render: (_, r) => <Tag color={CASE_TYPE_COLOR[r.type]}>{t(`aftersales.types.${r.type}`)}</Tag>,
    },
    {
      key: 'status',
      title: t('aftersales.fields.status'),
      width: 130,
      render: (_, r) => (
        <span>
          <Tag color={CASE_STATUS_COLOR[r.status]}>{t(`aftersales.statuses.${r.status}`)}</Tag>
          {r.overdue && <Tag color="red">{t('aftersales.overdue')}</Tag>}
        </span>
      ),
    },
    {
      key: 'order',
      title: t('aftersales.fields.orderNo'),
      width: 170,
      render: (_, r) => <span className="num">{r.orderNo || '—'}</span>,
    },
    {
      key: 'buyer',
      dataIndex: 'memberName',
      title: t('aftersales.fields.buyer'),
      width: 110,
      ellipsis: true,
    },
    { key: 'reason', dataIndex: 'reason', title: t('aftersales.fields.reason'), ellipsis: true },
    {
      key: 'refund',
      title: t('aftersales.fields.refund'),
      width: 80,
      align: 'right',
      render: (_, r) => <span className="num">{formatYuan(r.refundFen)}</span>,
    },
    {
      key: 'agent',
      title: t('aftersales.fields.agent'),
      width: 80,
      ellipsis: true,
      render: (_, r) => r.agentName ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      key: 'at',
      title: t('aftersales.fields.openedAt'),
      width: 140,
      render: (_, r) => <span className="num">{formatDateTime(r.openedAt, timeZone)}</span>,
    },
  ];

  return (
    <div className="wh-page" data-testid="as-page">
      <div className="toolbar" role="search">
        <Input
          style={{ width: 200 }}
          data-testid="as-search"
          aria-label={t('aftersales.searchLabel')}
          placeholder={t('aftersales.searchPlaceholder')}
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
        <Select<Query['status']>
          data-testid="as-filter-status"
          aria-label={t('aftersales.fields.status')}
          value={query.status}
          style={{ width: 130 }}
          onChange={(v) => update({ status: v })}
          options={[
            { value: 'open', label: t('aftersales.filters.open') },
            { value: '', label: t('aftersales.filters.anyStatus') },
            ...CASE_STATUSES.map((s) => ({ value: s, label: t(`aftersales.statuses.${s}`) })),
          ]}
        />
        <Select<Query['type']>
          data-testid="as-filter-type"
          aria-label={t('aftersales.fields.type')}
          value={query.type}
          style={{ width: 130 }}
          onChange={(v) => update({ type: v })}
          options={[
            { value: '', label: t('aftersales.filters.anyType') },
            ...CASE_TYPES.map((s) => ({ value: s, label: t(`aftersales.types.${s}`) })),
          ]}
        />
        <Select<string>
          data-testid="as-filter-agent"
          aria-label={t('aftersales.fields.agent')}
          value={query.agentId}
          style={{ width: 120 }}
          onChange={(v) => update({ agentId: v })}
          options={[
            { value: '', label: t('aftersales.filters.anyAgent') },
            ...agents.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <DatePicker.RangePicker
          style={{ width: 240 }}
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          placeholder={[t('aftersales.filters.from'), t('aftersales.filters.to')]}
          onChange={(v) =>
            update(
              v && v[0] && v[1]
                ? { from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') }
                : { from: '', to: '' },
            )
          }
        />
        <Checkbox
          checked={query.overdue}
          onChange={(e) => update({ overdue: e.target.checked })}
          data-testid="as-filter-overdue"
        >
          {t('aftersales.filters.overdue')}
        </Checkbox>
        {filtersActive && (
          <Button
            type="link"
            onClick={() => {
              setText('');
              setQuery({ ...EMPTY, limit: query.limit });
            }}
          >
            {t('aftersales.filters.clear')}
          </Button>
        )}
        <span style={{ marginLeft: 'auto' }} />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="as-export">
          {t('aftersales.export')}
        </Button>
        {canWrite && canOrders && (
          <Button icon={<PlusOutlined />} onClick={() => openCreate(null)} data-testid="as-new">
            {t('aftersales.new')}
          </Button>
        )}
        {canImport && (
          <Button
            type="primary"
            icon={<ImportOutlined />}
            onClick={() => setImporting(true)}
            data-testid="as-import"
          >
            {t('aftersales.import.button')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <PagedTable<CaseRow>
        testId="as-table"
        columns={columns}
        page={page}
        loading={!page && !error}
        scrollX={1150}
        empty={filtersActive ? t('aftersales.noMatch') : t('aftersales.empty')}
        offset={query.offset}
        limit={query.limit}
        onPage={(offset, limit) => setQuery((q) => ({ ...q, offset, limit }))}
        onOpen={(r) => openCase(r.id)}
        rowTestId={(r) => `as-row-${r.refundNo ?? r.caseNo}`}
      />
      <AftersalesImportModal open={importing} onClose={() => setImporting(false)} onDone={changed} />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('aftersales.exportBody', { count: page?.total ?? 0 })}
        run={(encoding) => api.aftersales.exportCsv({ filter: filterOf(query), encoding })}
      />
      <ServiceDrawers />
    </div>
  );
}
