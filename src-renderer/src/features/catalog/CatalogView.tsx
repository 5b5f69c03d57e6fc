import { ExportOutlined, ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Button,
  Empty,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type InputRef,
  type TableProps,
} from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkuRow } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { ui } from '../../api';
import { useElementSize } from '../../lib/useElementSize';
import { formatCompact, formatDateTime } from '../../lib/time';
import {
  EMPTY_FILTER,
  DEFAULT_SORT,
  useCatalog,
  type CatalogSort,
  type SortField,
} from '../../stores/catalog';
import { useCan, useSession } from '../../stores/session';
import { ExportDialog } from './ExportDialog';
import { ImportWizard } from './ImportWizard';
import { ProductDrawer } from './ProductDrawer';

const SEARCH_DEBOUNCE_MS = 200;

type ColumnKey =
  | 'code'
  | 'barcode'
  | 'title'
  | 'spec'
  | 'category'
  | 'costFen'
  | 'priceFen'
  | 'listed'
  | 'lowStockThreshold'
  | 'updatedAt';
const BASE_WIDTHS: Record<ColumnKey, number> = {
  code: 160,
  barcode: 120,
  title: 220,
  spec: 160,
  category: 100,
  costFen: 86,
  priceFen: 86,
  listed: 72,
  lowStockThreshold: 92,
  updatedAt: 136,
};
const FLEX: ColumnKey[] = ['title', 'spec', 'category'];

/**
 * Column widths that fit the table's width (a virtual table needs fixed widths): extra room goes
 * to title and 规格; on a narrow window they shrink (down to a floor) and the time loses its year.
 */
function columnWidths(available: number): Record<ColumnKey, number> & { compactTime: boolean } {
  const base = { ...BASE_WIDTHS };
  const total = Object.values(base).reduce((a, b) => a + b, 0);
  const room = Math.floor(available) - 2;
  if (!available || room === total) return { ...base, compactTime: false };
  if (room > total) {
    const extra = room - total;
    return {
      ...base,
      title: base.title + Math.round(extra * 0.6),
      spec: base.spec + Math.round(extra * 0.4),
      compactTime: false,
    };
  }
  const compact = { ...base, code: 150, barcode: 128, costFen: 80, priceFen: 80, listed: 64, updatedAt: 100 };
  const fixed = Object.entries(compact)
    .filter(([k]) => !FLEX.includes(k as ColumnKey))
    .reduce((a, [, v]) => a + v, 0);
  const flexRoom = Math.max(room - fixed, 360);
  const flexBase = FLEX.reduce((a, k) => a + base[k], 0);
  const out = { ...compact, compactTime: true };
  for (const k of FLEX) out[k] = Math.floor((base[k] * flexRoom) / flexBase);
  return out;
}

interface Props {
  /** The page title's i18n key (商品资料 in the warehouse and art tabs, 商品查询 in customer service). */
  titleKey: 'features.catalog' | 'features.catalogLookup';
  /** Customer service: read-focused (no bulk import), editing only with the permission. */
  lookup?: boolean;
}

/**
 * The product catalog: one row per SKU, searched as you type (title, pinyin initials, 商家编码,
 * barcode), filtered, sorted by header, loaded page by page while scrolling. A barcode scanner
 * types the code and Enter: the single hit is selected and focus stays in the search box, ready
 * for the next scan.
 */
export function CatalogView({ titleKey, lookup = false }: Props) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const staffId = useSession((s) => s.session?.staff.id);
  const canWrite = useCan('catalog.write');
  const canImport = useCan('catalog.import') && !lookup;
  const canExport = useCan('catalog.export');

  const filter = useCatalog((s) => s.filter);
  const sort = useCatalog((s) => s.sort);
  const rows = useCatalog((s) => s.rows);
  const total = useCatalog((s) => s.total);
  const loading = useCatalog((s) => s.loading);
  const loadingMore = useCatalog((s) => s.loadingMore);
  const loaded = useCatalog((s) => s.loaded);
  const error = useCatalog((s) => s.error);
  const selectedSkuId = useCatalog((s) => s.selectedSkuId);
  const categories = useCatalog((s) => s.categories);
  const generation = useCatalog((s) => s.generation);
  const { setFilter, setSort, loadMore, select, open } = useCatalog.getState();

  const [text, setText] = useState(filter.q);
  const [categoryText, setCategoryText] = useState(filter.category);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const searchRef = useRef<InputRef>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const tableRef = useRef<{ scrollTo: (c: { top?: number; index?: number }) => void } | null>(null);
  const [wrapRef, wrapSize] = useElementSize<HTMLDivElement>();
  const widths = useMemo(() => columnWidths(wrapSize.width), [wrapSize.width]);

  // Load (again) when shown and whenever the signed-in person changes.
  useEffect(() => {
    const st = useCatalog.getState();
    void (st.loaded ? st.refresh() : st.load().catch(() => {}));
  }, [staffId]);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  useEffect(() => {
    tableRef.current?.scrollTo({ top: 0 });
  }, [generation]);

  useEffect(
    () => () => {
      if (debounce.current) clearTimeout(debounce.current);
      useCatalog.getState().open(null);
    },
    [],
  );

  const runSearch = useCallback(
    (q: string) => {
      if (debounce.current) clearTimeout(debounce.current);
      debounce.current = null;
      return setFilter({ q }).catch(() => [] as SkuRow[]);
    },
    [setFilter],
  );

  function onSearchChange(value: string) {
    setText(value);
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void runSearch(value), SEARCH_DEBOUNCE_MS);
  }

  async function onSearchKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const q = text.trim();
    const st = useCatalog.getState();
    // Enter again on the same single hit opens it.
    if (
      !debounce.current &&
      st.filter.q === q &&
      st.rows.length === 1 &&
      st.selectedSkuId === st.rows[0]!.skuId
    ) {
      open(st.rows[0]!.productId);
      return;
    }
    const found = await runSearch(q);
    const after = useCatalog.getState();
    if (after.total === 1 && found.length === 1) select(found[0]!.skuId);
    else if (q && after.total === 0) ui().message.warning(t('catalog.scanNoHit', { q }));
    // Select the text so the next scan replaces it.
    searchRef.current?.select();
  }

  const filtersActive =
    filter.q !== '' || filter.listed !== 'all' || filter.status !== 'active' || filter.category !== '';

  function clearFilters() {
    setText('');
    setCategoryText('');
    if (debounce.current) clearTimeout(debounce.current);
    void setFilter({ ...EMPTY_FILTER }).catch(() => {});
    searchRef.current?.focus();
  }

  const sortOrderOf = (field: SortField): SortOrder =>
    sort.field === field ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;

  const columns = useMemo<TableProps<SkuRow>['columns']>(
    () => [
      {
        key: 'code',
        dataIndex: 'code',
        title: t('catalog.columns.code'),
        width: widths.code,
        fixed: 'left',
        sorter: true,
        sortOrder: sortOrderOf('code'),
        ellipsis: { showTitle: true },
        render: (v: string) => <span className="num">{v}</span>,
      },
      {
        key: 'barcode',
        dataIndex: 'barcode',
        title: t('catalog.columns.barcode'),
        width: widths.barcode,
        ellipsis: { showTitle: true },
        render: (v: string) => <span className="num">{v}</span>,
      },
      {
        key: 'title',
        dataIndex: 'title',
        title: t('catalog.columns.title'),
        width: widths.title,
        sorter: true,
        sortOrder: sortOrderOf('title'),
        ellipsis: { showTitle: false },
        render: (v: string, r) => (
          <Tooltip title={v} placement="topLeft" mouseEnterDelay={0.6}>
            <span>
              {r.archived && (
                <Tag color="default" className="tag-inline">
                  {t('catalog.tagArchived')}
                </Tag>
              )}
              {v}
            </span>
          </Tooltip>
        ),
      },
      {
        key: 'spec',
        dataIndex: 'spec',
        title: t('catalog.columns.spec'),
        width: widths.spec,
        ellipsis: { showTitle: true },
      },
      {
        key: 'category',
        dataIndex: 'category',
        title: t('catalog.columns.category'),
        width: widths.category,
        ellipsis: { showTitle: true },
      },
      {
        key: 'costFen',
        dataIndex: 'costFen',
        title: t('catalog.columns.cost'),
        width: widths.costFen,
        align: 'right',
        sorter: true,
        sortOrder: sortOrderOf('costFen'),
        render: (v: number) => <span className="num">{formatYuan(v)}</span>,
      },
      {
        key: 'priceFen',
        dataIndex: 'priceFen',
        title: t('catalog.columns.price'),
        width: widths.priceFen,
        align: 'right',
        sorter: true,
        sortOrder: sortOrderOf('priceFen'),
        render: (v: number) => <span className="num">{formatYuan(v)}</span>,
      },
      {
        key: 'listed',
        dataIndex: 'listed',
        title: t('catalog.columns.listed'),
        width: widths.listed,
        render: (v: boolean) =>
          v ? <Tag color="success">{t('catalog.tagListed')}</Tag> : <Tag>{t('catalog.tagUnlisted')}</Tag>,
      },
      {
        key: 'lowStockThreshold',
        dataIndex: 'lowStockThreshold',
        title: t('catalog.columns.threshold'),
        width: widths.lowStockThreshold,
        align: 'right',
        render: (v: number) => <span className="num">{v}</span>,
      },
      {
        key: 'updatedAt',
        dataIndex: 'updatedAt',
        title: t('catalog.columns.updatedAt'),
        width: widths.updatedAt,
        sorter: true,
        sortOrder: sortOrderOf('updatedAt'),
        render: (v: string) => (
          <span className="num" title={formatDateTime(v, timeZone)}>
            {widths.compactTime ? formatCompact(v, timeZone) : formatDateTime(v, timeZone)}
          </span>
        ),
      },
    ],
    // sortOrderOf depends on sort only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, sort, timeZone, widths],
  );
  const scrollX = (columns ?? []).reduce((n, c) => n + Number(c.width ?? 0), 0);

  const onTableChange: TableProps<SkuRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const next: CatalogSort =
      s?.order && s.columnKey
        ? { field: s.columnKey as SortField, order: s.order === 'ascend' ? 'asc' : 'desc' }
        : DEFAULT_SORT;
    void setSort(next).catch(() => {});
  };

  const empty = !loaded ? (
    <span />
  ) : filtersActive ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.noMatch')}>
      <Button onClick={clearFilters} data-testid="catalog-clear-filters">
        {t('catalog.clearFilters')}
      </Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={canWrite ? t('catalog.emptyWritable') : t('catalog.emptyReadOnly')}
    >
      {canWrite && (
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('catalog.new')}
          </Button>
          {canImport && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              {t('catalog.import')}
            </Button>
          )}
        </Space>
      )}
    </Empty>
  );

  const tableHeight = Math.max(160, wrapSize.height - 48);

  return (
    <div className="catalog" data-testid="catalog">
      <div className="page-head">
        <div className="page-head__title">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t(titleKey)}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="catalog-total" aria-live="polite">
            {loaded ? t('catalog.total', { count: total }) : ''}
          </Typography.Text>
        </div>
        <Space wrap>
          {canWrite && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => open('new')}
              data-testid="catalog-new"
            >
              {t('catalog.new')}
            </Button>
          )}
          {canImport && (
            <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="catalog-import">
              {t('catalog.import')}
            </Button>
          )}
          {canExport && (
            <Button
              icon={<ExportOutlined />}
              onClick={() => setExporting(true)}
              disabled={loaded && total === 0}
              data-testid="catalog-export"
            >
              {t('catalog.export')}
            </Button>
          )}
        </Space>
      </div>

      <div className="toolbar" role="search">
        <Input
          ref={searchRef}
          className="toolbar__search"
          data-testid="catalog-search"
          aria-label={t('catalog.searchLabel')}
          placeholder={t('catalog.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          maxLength={100}
          onChange={(e) => onSearchChange(e.target.value)}
          onKeyDown={onSearchKeyDown}
        />
        <Select
          className="toolbar__select"
          data-testid="catalog-filter-listed"
          aria-label={t('catalog.listedFilter')}
          prefix={<span className="select-prefix">{t('catalog.listedFilter')}</span>}
          value={filter.listed}
          onChange={(v) => void setFilter({ listed: v }).catch(() => {})}
          popupMatchSelectWidth={false}
          options={[
            { value: 'all', label: t('catalog.listedAll') },
            { value: 'listed', label: t('catalog.listedYes') },
            { value: 'unlisted', label: t('catalog.listedNo') },
          ]}
        />
        <Select
          className="toolbar__select"
          data-testid="catalog-filter-status"
          aria-label={t('catalog.statusFilter')}
          prefix={<span className="select-prefix">{t('catalog.statusFilter')}</span>}
          value={filter.status}
          onChange={(v) => void setFilter({ status: v }).catch(() => {})}
          popupMatchSelectWidth={false}
          options={[
            { value: 'active', label: t('catalog.statusActive') },
            { value: 'archived', label: t('catalog.statusArchived') },
            { value: 'all', label: t('catalog.statusAll') },
          ]}
        />
        <AutoComplete
          className="toolbar__category"
          data-testid="catalog-filter-category"
          aria-label={t('catalog.categoryFilter')}
          placeholder={t('catalog.categoryAll')}
          allowClear
          value={categoryText}
          options={categories
            .filter((c) => !categoryText || c.includes(categoryText))
            .map((c) => ({ value: c, label: c }))}
          onChange={(v: string | undefined) => {
            setCategoryText(v ?? '');
            if (!v) void setFilter({ category: '' }).catch(() => {});
          }}
          onSelect={(v?: string) => void setFilter({ category: v ?? '' }).catch(() => {})}
          onBlur={() => {
            if (categoryText.trim() !== filter.category)
              void setFilter({ category: categoryText.trim() }).catch(() => {});
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing)
              void setFilter({ category: categoryText.trim() }).catch(() => {});
          }}
        />
        {filtersActive && (
          <Button type="link" onClick={clearFilters} data-testid="catalog-clear">
            {t('catalog.clearFilters')}
          </Button>
        )}
      </div>

      {error && (
        <Typography.Text type="danger" role="alert" className="catalog__error">
          {error}
        </Typography.Text>
      )}

      <div className="catalog__table" ref={wrapRef}>
        <Table<SkuRow>
          ref={tableRef as never}
          data-testid="catalog-table"
          virtual
          size="middle"
          rowKey="skuId"
          columns={columns}
          dataSource={rows}
          pagination={false}
          loading={loading && !loaded}
          scroll={{ x: scrollX, y: tableHeight }}
          onChange={onTableChange}
          showSorterTooltip={false}
          sortDirections={['ascend', 'descend']}
          locale={{ emptyText: empty }}
          rowClassName={(r) =>
            [
              'catalog__row',
              r.skuId === selectedSkuId ? 'catalog__row--selected' : '',
              r.archived ? 'catalog__row--archived' : '',
            ].join(' ')
          }
          onRow={(r) => ({
            onClick: () => {
              select(r.skuId);
              open(r.productId);
            },
            onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
              if (e.key === 'Enter') {
                select(r.skuId);
                open(r.productId);
              }
            },
            tabIndex: 0,
            'data-testid': `catalog-row-${r.code}`,
          })}
          onScroll={(e) => {
            const el = e.currentTarget as HTMLElement | null;
            if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 600) void loadMore();
          }}
        />
      </div>
      <div className="catalog__foot" aria-live="polite">
        {loaded && rows.length > 0 && rows.length < total && (
          <Typography.Text type="secondary">
            {loadingMore ? t('catalog.loadingMore') : t('catalog.loaded', { loaded: rows.length })}
          </Typography.Text>
        )}
        {loading && loaded && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
      </div>

      <ProductDrawer onClosed={() => searchRef.current?.focus()} />
      {importing && <ImportWizard open onClose={() => setImporting(false)} />}
      <ExportDialog open={exporting} onClose={() => setExporting(false)} filter={filter} total={total} />
    </div>
  );
}
