import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounce } from '../../components/useDebounce';
import type { DocType, StockDocumentRow } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { DIRECTION, DOC_TYPES, EMPTY_DOC_QUERY, useWarehouse } from '../../stores/warehouse';
import { DocumentDrawer } from './DocumentDrawer';
import { WarehouseExportButton } from './WarehouseExport';
import { api } from '../../api';
import { TYPE_COLOR } from './pickers';
import { serverPagination } from '../../components/pagination';

/** 出入库单据: the stock documents, filtered; a row opens the editor (drafts) or the posted view. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const staffId = useSession((s) => s.session?.staff.id);
  const canWrite = useCan('warehouse.write');
  const query = useWarehouse((s) => s.docQuery);
  const rows = useWarehouse((s) => s.docs);
  const total = useWarehouse((s) => s.docTotal);
  const loading = useWarehouse((s) => s.docsLoading);
  const loaded = useWarehouse((s) => s.docsLoaded);
  const error = useWarehouse((s) => s.docsError);
  const { setDocQuery, loadDocs, openDocument, loadBins } = useWarehouse.getState();
  const [text, setText] = useState(query.q);
  const debounce = useDebounce(250);

  useEffect(() => {
    void loadDocs().catch(() => {});
    void loadBins();
  }, [staffId, loadDocs, loadBins]);

  function onSearch(v: string) {
    setText(v);
    debounce.schedule(() => void setDocQuery({ q: v.trim() }).catch(() => {}));
  }

  const filtersActive = !!(query.q || query.type || query.status || query.from || query.to);
  function clearFilters() {
    setText('');
    void setDocQuery({ ...EMPTY_DOC_QUERY, limit: query.limit }).catch(() => {});
  }

  const columns: TableProps<StockDocumentRow>['columns'] = [
    {
      key: 'number',
      dataIndex: 'number',
      title: t('warehouse.docs.number'),
      width: 210,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'type',
      dataIndex: 'type',
      title: t('warehouse.docs.type'),
      width: 104,
      render: (v: DocType) => <Tag color={TYPE_COLOR[v]}>{t(`warehouse.types.${v}`)}</Tag>,
    },
    {
      key: 'status',
      title: t('warehouse.docs.status'),
      width: 150,
      render: (_, r) => (
        <Space size={2} wrap>
          {r.status === 'draft' ? (
            <Tag color="gold">{t('warehouse.statuses.draft')}</Tag>
          ) : (
            <Tag color="success">{t('warehouse.statuses.posted')}</Tag>
          )}
          {r.reversedById && <Tag>{t('warehouse.docs.reversedTag')}</Tag>}
          {r.reversesId && <Tag color="purple">{t('warehouse.docs.reversalTag')}</Tag>}
          {r.overrideReason && <Tag color="red">{t('warehouse.docs.overrideTag')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'date',
      dataIndex: 'docDate',
      title: t('warehouse.docs.date'),
      width: 104,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'counterpart',
      title: t('warehouse.docs.counterpart'),
      ellipsis: true,
      render: (_, r) =>
        r.counterpart || <Typography.Text type="secondary">{r.reason || r.orderRef || '—'}</Typography.Text>,
    },
    {
      key: 'qty',
      title: t('warehouse.docs.quantity'),
      width: 90,
      align: 'right',
      render: (_, r) => {
        const dir = DIRECTION[r.type];
        const sign = dir === 'in' ? '+' : dir === 'out' ? '−' : '';
        return (
          <span className={`num ${dir === 'in' ? 'wh-qty-in' : dir === 'out' ? 'wh-qty-out' : ''}`}>
            {sign}
            {r.totalQuantity}
          </span>
        );
      },
    },
    {
      key: 'amount',
      dataIndex: 'totalFen',
      title: t('warehouse.docs.amount'),
      width: 110,
      align: 'right',
      render: (v: number) => <span className="num">{formatYuan(v)}</span>,
    },
    {
      key: 'posted',
      title: t('warehouse.docs.posted'),
      width: 200,
      render: (_, r) =>
        r.postedAt ? (
          <span className="num">
            {r.postedByName ? `${r.postedByName} · ` : ''}
            {formatDateTime(r.postedAt, timeZone)}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const empty = !loaded ? (
    <span />
  ) : filtersActive ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warehouse.docs.noMatch')}>
      <Button onClick={clearFilters}>{t('warehouse.docs.clearFilters')}</Button>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={canWrite ? t('warehouse.docs.empty') : t('warehouse.docs.emptyReadOnly')}
    >
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => openDocument('new')}>
          {t('warehouse.docs.new')}
        </Button>
      )}
    </Empty>
  );

  return (
    <div className="wh-page" data-testid="wh-documents">
      <div className="toolbar" role="search">
        <Input
          className="toolbar__search"
          style={{ width: 280 }}
          data-testid="wh-doc-search"
          aria-label={t('warehouse.docs.searchLabel')}
          placeholder={t('warehouse.docs.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          maxLength={100}
          onChange={(e) => onSearch(e.target.value)}
        />
        <Select<DocType | ''>
          className="toolbar__select"
          data-testid="wh-doc-filter-type"
          aria-label={t('warehouse.docs.type')}
          value={query.type}
          onChange={(v) => void setDocQuery({ type: v }).catch(() => {})}
          popupMatchSelectWidth={false}
          options={[
            { value: '', label: t('warehouse.any.type') },
            ...DOC_TYPES.map((v) => ({ value: v, label: t(`warehouse.types.${v}`) })),
          ]}
        />
        <Select
          className="toolbar__select"
          data-testid="wh-doc-filter-status"
          aria-label={t('warehouse.docs.status')}
          value={query.status}
          onChange={(v) => void setDocQuery({ status: v }).catch(() => {})}
          popupMatchSelectWidth={false}
          options={[
            { value: '', label: t('warehouse.any.status') },
            { value: 'draft', label: t('warehouse.statuses.draft') },
            { value: 'posted', label: t('warehouse.statuses.posted') },
          ]}
        />
        <DatePicker.RangePicker
          aria-label={t('warehouse.docs.dateRange')}
          data-testid="wh-doc-filter-dates"
          style={{ width: 250 }}
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          placeholder={[t('warehouse.docs.startDate'), t('warehouse.docs.endDate')]}
          onChange={(v) =>
            void setDocQuery(
              v && v[0] && v[1]
                ? { from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') }
                : { from: '', to: '' },
            ).catch(() => {})
          }
        />
        {filtersActive && (
          <Button type="link" onClick={clearFilters} data-testid="wh-doc-clear">
            {t('warehouse.docs.clearFilters')}
          </Button>
        )}
        <span style={{ marginLeft: 'auto' }} />
        <WarehouseExportButton
          testId="wh-doc-export"
          body={t('docPrint.exportDocsBody')}
          run={(encoding) =>
            api.warehouse.exportDocuments({
              q: query.q,
              ...(query.type ? { type: query.type } : {}),
              ...(query.status ? { status: query.status } : {}),
              ...(query.from ? { from: query.from } : {}),
              ...(query.to ? { to: query.to } : {}),
              encoding,
            })
          }
        />
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => openDocument('new')}
            data-testid="wh-doc-new"
          >
            {t('warehouse.docs.new')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<StockDocumentRow>
        data-testid="wh-doc-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading && !loaded}
        scroll={{ x: 1100 }}
        locale={{ emptyText: empty }}
        rowClassName={(r) => `wh-row${r.reversedById ? ' wh-row--reversed' : ''}`}
        onRow={(r) => ({
          onClick: () => openDocument(r.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') openDocument(r.id);
          },
          tabIndex: 0,
          'data-testid': `wh-doc-row-${r.number}`,
        })}
        pagination={serverPagination(
          t,
          query.offset,
          query.limit,
          total,
          (offset, limit) => void setDocQuery({ offset, limit }).catch(() => {}),
        )}
      />
      <DocumentDrawer />
    </div>
  );
}
