import { Alert, Button, DatePicker, Select, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadOutlined } from '@ant-design/icons';
import type { DocType, LedgerPerson, MovementRow, Paged } from '../../../../src-main/api/contract';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { api, errorText } from '../../api';
import { formatDateTime, startOfDayInZone } from '../../lib/time';
import { useSession } from '../../stores/session';
import { DOC_TYPES, useWarehouse } from '../../stores/warehouse';
import { DocumentDrawer } from './DocumentDrawer';
import { BinSelect, SkuSelect, TYPE_COLOR } from './pickers';
import { PagedTable } from '../../components/PagedTable';

interface Query {
  skuId?: string;
  binId?: string;
  type?: DocType;
  staffId?: string;
  range: [Dayjs, Dayjs] | null;
  offset: number;
  limit: number;
}

/** 物资明细账: every stock movement, newest first; the running balance when one SKU is chosen. */
export function LedgerPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const staffId = useSession((s) => s.session?.staff.id);
  const bins = useWarehouse((s) => s.bins);
  const { loadBins, openDocument } = useWarehouse.getState();
  const [people, setPeople] = useState<LedgerPerson[]>([]);
  const [exporting, setExporting] = useState(false);
  const [query, setQuery] = useState<Query>(() => {
    const preset = useWarehouse.getState().takeLedgerPreset();
    return {
      ...(preset ? { skuId: preset.skuId, ...(preset.binId ? { binId: preset.binId } : {}) } : {}),
      range: null,
      offset: 0,
      limit: 50,
    };
  });
  const [answer, setAnswer] = useState<{
    for: unknown;
    page: Paged<MovementRow> | null;
    error: string | null;
  }>({
    for: null,
    page: null,
    error: null,
  });
  const loading = answer.for !== query;

  useEffect(() => {
    void loadBins();
    // Everyone who ever posted a movement, deactivated people too (marked 已停用).
    api.warehouse
      .people({})
      .then(setPeople)
      .catch(() => setPeople([]));
  }, [loadBins, staffId]);

  // A balance row clicked while this page is already shown.
  useEffect(
    () =>
      useWarehouse.subscribe((s) => {
        if (s.ledgerPreset) {
          const p = useWarehouse.getState().takeLedgerPreset();
          if (p) setQuery((q) => ({ ...q, skuId: p.skuId, binId: p.binId, offset: 0 }));
        }
      }),
    [],
  );

  /** The query's filters as the contract takes them (the page and the CSV export share them). */
  const filterOf = useCallback(() => {
    const r = query.range;
    const from = r ? startOfDayInZone(r[0].year(), r[0].month() + 1, r[0].date(), timeZone) : null;
    const end = r ? r[1].add(1, 'day') : null;
    // The contract's range is inclusive: end one millisecond before the next day starts.
    const to = end
      ? new Date(startOfDayInZone(end.year(), end.month() + 1, end.date(), timeZone).getTime() - 1)
      : null;
    return {
      ...(query.skuId ? { skuId: query.skuId } : {}),
      ...(query.binId ? { binId: query.binId } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.staffId ? { staffId: query.staffId } : {}),
      ...(from ? { from: from.toISOString() } : {}),
      ...(to ? { to: to.toISOString() } : {}),
    };
  }, [query, timeZone]);

  const load = useCallback(async () => {
    try {
      const page = await api.warehouse.ledger({ ...filterOf(), offset: query.offset, limit: query.limit });
      setAnswer({ for: query, page, error: null });
    } catch (e) {
      setAnswer((a) => ({ ...a, for: query, error: errorText(e) }));
    }
  }, [query, filterOf]);

  useEffect(() => {
    void load();
  }, [load, staffId]);

  // Reload after a document opened from here was reversed or posted.
  useEffect(
    () =>
      useWarehouse.subscribe((s, prev) => {
        if (prev.openDoc && !s.openDoc) void load();
      }),
    [load],
  );

  const filtersActive = !!(query.skuId || query.binId || query.type || query.staffId || query.range);
  const clearFilters = () => setQuery((q) => ({ range: null, offset: 0, limit: q.limit }));
  const rows = answer.page?.rows ?? [];
  const withBalance = rows.some((r) => r.balance !== null);

  const columns: TableProps<MovementRow>['columns'] = [
    {
      key: 'at',
      dataIndex: 'at',
      title: t('warehouse.ledger.time'),
      width: 150,
      render: (v: string) => <span className="num">{formatDateTime(v, timeZone)}</span>,
    },
    {
      key: 'number',
      dataIndex: 'documentNumber',
      title: t('warehouse.ledger.number'),
      width: 210,
      render: (v: string, r) => (
        <Button
          type="link"
          size="small"
          className="num"
          style={{ padding: 0 }}
          onClick={() => openDocument(r.documentId)}
          data-testid={`wh-ledger-doc-${v}`}
        >
          {v}
        </Button>
      ),
    },
    {
      key: 'type',
      dataIndex: 'documentType',
      title: t('warehouse.ledger.type'),
      width: 100,
      render: (v: DocType) => <Tag color={TYPE_COLOR[v]}>{t(`warehouse.types.${v}`)}</Tag>,
    },
    {
      key: 'sku',
      title: t('warehouse.ledger.sku'),
      ellipsis: true,
      render: (_, r) => (
        <span className="wh-line-sku">
          <span className="num">{r.skuCode}</span>
          <span className="wh-line-sku__title" title={`${r.title} ${r.spec}`}>
            {r.title}
            {r.spec ? ` · ${r.spec}` : ''}
          </span>
        </span>
      ),
    },
    {
      key: 'bin',
      dataIndex: 'binCode',
      title: t('warehouse.ledger.bin'),
      width: 100,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'qty',
      dataIndex: 'qtyDelta',
      title: t('warehouse.ledger.quantity'),
      width: 80,
      align: 'right',
      render: (v: number) => (
        <span className={`num ${v > 0 ? 'wh-qty-in' : 'wh-qty-out'}`}>{v > 0 ? `+${v}` : `−${-v}`}</span>
      ),
    },
    ...(withBalance
      ? [
          {
            key: 'balance',
            dataIndex: 'balance',
            title: t('warehouse.ledger.balance'),
            width: 80,
            align: 'right' as const,
            render: (v: number | null) => (
              <span className={`num${v !== null && v < 0 ? ' wh-qty-out' : ''}`}>{v ?? '—'}</span>
            ),
          },
        ]
      : []),
    {
      key: 'person',
      dataIndex: 'staffName',
      title: t('warehouse.ledger.person'),
      width: 90,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];

  return (
    <div className="wh-page" data-testid="wh-ledger">
      <div className="toolbar">
        <SkuSelect
          allowClear
          value={query.skuId}
          placeholder={t('warehouse.ledger.skuFilter')}
          onChange={(v) => setQuery((q) => ({ ...q, skuId: v || undefined, offset: 0 }))}
          aria-label={t('warehouse.ledger.sku')}
          data-testid="wh-ledger-filter-sku"
          style={{ width: 300 }}
          popupMatchSelectWidth={460}
        />
        <BinSelect
          bins={bins}
          allowClear
          value={query.binId}
          placeholder={t('warehouse.any.bin')}
          onChange={(v) => setQuery((q) => ({ ...q, binId: v || undefined, offset: 0 }))}
          aria-label={t('warehouse.ledger.bin')}
          data-testid="wh-ledger-filter-bin"
          style={{ width: 130 }}
        />
        <Select<DocType | ''>
          data-testid="wh-ledger-filter-type"
          aria-label={t('warehouse.ledger.type')}
          value={query.type ?? ''}
          style={{ width: 120 }}
          popupMatchSelectWidth={false}
          onChange={(v) => setQuery((q) => ({ ...q, type: v || undefined, offset: 0 }))}
          options={[
            { value: '', label: t('warehouse.any.type') },
            ...DOC_TYPES.map((v) => ({ value: v, label: t(`warehouse.types.${v}`) })),
          ]}
        />
        <DatePicker.RangePicker
          aria-label={t('warehouse.ledger.dateRange')}
          data-testid="wh-ledger-filter-dates"
          style={{ width: 240 }}
          value={query.range}
          placeholder={[t('warehouse.ledger.startDate'), t('warehouse.ledger.endDate')]}
          onChange={(v) =>
            setQuery((q) => ({ ...q, range: v && v[0] && v[1] ? [v[0], v[1]] : null, offset: 0 }))
          }
        />
        <Select
          data-testid="wh-ledger-filter-person"
          aria-label={t('warehouse.ledger.person')}
          value={query.staffId ?? ''}
          style={{ width: 150 }}
          popupMatchSelectWidth={false}
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(v: string) => setQuery((q) => ({ ...q, staffId: v || undefined, offset: 0 }))}
          options={[
            { value: '', label: t('warehouse.any.person') },
            ...people.map((p) => ({
              value: p.id,
              label: p.active ? p.name : `${p.name}（${t('alerts.ledger.inactive')}）`,
            })),
          ]}
        />
        {filtersActive && (
          <Button type="link" onClick={clearFilters} data-testid="wh-ledger-clear">
            {t('warehouse.ledger.clearFilters')}
          </Button>
        )}
        <span style={{ flex: 1 }} />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="wh-ledger-export">
          {t('alerts.ledger.export')}
        </Button>
      </div>
      {!query.skuId && !query.binId && rows.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4, marginBottom: 8, fontSize: 13 }}>
          {t('warehouse.ledger.balanceHint')}
        </Typography.Paragraph>
      )}
      {answer.error && (
        <Alert type="error" showIcon title={answer.error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <PagedTable<MovementRow>
        testId="wh-ledger-table"
        columns={columns}
        page={answer.page}
        loading={loading && answer.for !== null}
        scrollX={1000}
        empty={filtersActive ? t('warehouse.ledger.noMatch') : t('warehouse.ledger.empty')}
        emptyAction={
          filtersActive && <Button onClick={clearFilters}>{t('warehouse.ledger.clearFilters')}</Button>
        }
        offset={query.offset}
        limit={query.limit}
        onPage={(offset, limit) => setQuery((q) => ({ ...q, offset, limit }))}
        rowTestId={(r) => `wh-ledger-row-${r.documentNumber}-${r.skuCode}`}
      />
      <DocumentDrawer />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t(query.skuId || query.binId ? 'alerts.ledger.exportBodyBalance' : 'alerts.ledger.exportBody', {
          count: answer.page?.total ?? 0,
        })}
        run={(encoding) => Promise.resolve(api.warehouse.exportLedger({ ...filterOf(), encoding }))}
      />
    </div>
  );
}
