import { SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Empty,
  Input,
  Space,
  Switch,
  Table,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounce } from '../../components/useDebounce';
import type { BalancePage, BalanceRow } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { useSession } from '../../stores/session';
import { useWarehouse } from '../../stores/warehouse';
import { BinSelect, rememberSku } from './pickers';
import { WarehouseExportButton } from './WarehouseExport';
import { serverPagination } from '../../components/pagination';

interface Query {
  q: string;
  binId: string | undefined;
  onlyNonZero: boolean;
  offset: number;
  limit: number;
}

/** 库存余额: on hand per SKU and bin, with totals; a row opens that SKU's ledger. */
export function BalancesPage() {
  const { t } = useTranslation();
  const staffId = useSession((s) => s.session?.staff.id);
  const bins = useWarehouse((s) => s.bins);
  const { loadBins, showLedger } = useWarehouse.getState();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<Query>({
    q: '',
    binId: undefined,
    onlyNonZero: true,
    offset: 0,
    limit: 50,
  });
  const [answer, setAnswer] = useState<{ for: unknown; page: BalancePage | null; error: string | null }>({
    for: null,
    page: null,
    error: null,
  });
  const loading = answer.for !== query;
  const debounce = useDebounce(250);

  useEffect(() => {
    void loadBins();
  }, [loadBins, staffId]);

  const load = useCallback(async () => {
    try {
      const page = await api.warehouse.balances({
        q: query.q,
        ...(query.binId ? { binId: query.binId } : {}),
        onlyNonZero: query.onlyNonZero,
        offset: query.offset,
        limit: query.limit,
      });
      setAnswer({ for: query, page, error: null });
    } catch (e) {
      setAnswer((a) => ({ ...a, for: query, error: errorText(e) }));
    }
  }, [query]);

  useEffect(() => {
    void load();
  }, [load, staffId]);

  function onSearch(v: string) {
    setText(v);
    debounce.schedule(() => setQuery((q) => ({ ...q, q: v.trim(), offset: 0 })));
  }

  const filtersActive = !!query.q || !!query.binId || !query.onlyNonZero;
  function clearFilters() {
    setText('');
    setQuery((q) => ({ ...q, q: '', binId: undefined, onlyNonZero: true, offset: 0 }));
  }

  function open(r: BalanceRow) {
    rememberSku({ skuId: r.skuId, code: r.code, title: r.title, spec: r.spec });
    showLedger({ skuId: r.skuId, skuLabel: r.code });
  }

  const num = (v: number) => <span className="num">{v}</span>;
  const columns: TableProps<BalanceRow>['columns'] = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('warehouse.balances.code'),
      width: 160,
      ellipsis: true,
      render: (v: string) => <span className="num">{v}</span>,
    },
    { key: 'title', dataIndex: 'title', title: t('warehouse.balances.title'), ellipsis: true },
    { key: 'spec', dataIndex: 'spec', title: t('warehouse.balances.spec'), width: 180, ellipsis: true },
    {
      key: 'bin',
      dataIndex: 'binCode',
      title: t('warehouse.balances.bin'),
      width: 100,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'onHand',
      dataIndex: 'onHand',
      title: t('warehouse.balances.onHand'),
      width: 90,
      align: 'right',
      render: (v: number) => <span className={`num${v < 0 ? ' wh-qty-out' : ''}`}>{v}</span>,
    },
    {
      key: 'reserved',
      dataIndex: 'reserved',
      title: t('warehouse.balances.reserved'),
      width: 80,
      align: 'right',
      render: num,
    },
    {
      key: 'available',
      dataIndex: 'available',
      title: t('warehouse.balances.available'),
      width: 90,
      align: 'right',
      render: (v: number) => <span className={`num${v < 0 ? ' wh-qty-out' : ''}`}>{v}</span>,
    },
    {
      key: 'value',
      dataIndex: 'valueFen',
      title: t('warehouse.balances.value'),
      width: 130,
      align: 'right',
      render: (v: number) => <span className="num">{formatYuan(v)}</span>,
    },
  ];

  const page = answer.page;
  const empty =
    answer.for === null ? (
      <span />
    ) : filtersActive ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warehouse.balances.noMatch')}>
        <Button onClick={clearFilters}>{t('warehouse.docs.clearFilters')}</Button>
      </Empty>
    ) : (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('warehouse.balances.empty')} />
    );

  return (
    <div className="wh-page" data-testid="wh-balances">
      <div className="toolbar" role="search">
        <Input
          className="toolbar__search"
          data-testid="wh-balance-search"
          aria-label={t('warehouse.balances.searchLabel')}
          placeholder={t('warehouse.balances.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          maxLength={100}
          onChange={(e) => onSearch(e.target.value)}
          onPressEnter={() => {
            debounce.cancel();
            setQuery((q) => ({ ...q, q: text.trim(), offset: 0 }));
          }}
        />
        <BinSelect
          className="toolbar__select"
          bins={bins}
          allowClear
          value={query.binId}
          placeholder={t('warehouse.any.bin')}
          onChange={(v) => setQuery((q) => ({ ...q, binId: v || undefined, offset: 0 }))}
          prefix={<span className="select-prefix">{t('warehouse.balances.bin')}</span>}
          aria-label={t('warehouse.balances.bin')}
          data-testid="wh-balance-filter-bin"
          style={{ minWidth: 170 }}
        />
        <label>
          <Space size={6}>
            <Switch
              size="small"
              checked={query.onlyNonZero}
              onChange={(v) => setQuery((q) => ({ ...q, onlyNonZero: v, offset: 0 }))}
              data-testid="wh-balance-nonzero"
            />
            {t('warehouse.balances.onlyNonZero')}
          </Space>
        </label>
        {filtersActive && (
          <Button type="link" onClick={clearFilters} data-testid="wh-balance-clear">
            {t('warehouse.docs.clearFilters')}
          </Button>
        )}
        <span style={{ marginLeft: 'auto' }} />
        <WarehouseExportButton
          testId="wh-balance-export"
          body={t('docPrint.exportBalancesBody')}
          run={(encoding) =>
            api.warehouse.exportBalances({
              q: query.q,
              ...(query.binId ? { binId: query.binId } : {}),
              onlyNonZero: query.onlyNonZero,
              encoding,
            })
          }
        />
      </div>
      {answer.error && (
        <Alert type="error" showIcon title={answer.error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Table<BalanceRow>
        data-testid="wh-balance-table"
        size="middle"
        rowKey={(r) => `${r.skuId}|${r.binId}`}
        columns={columns}
        dataSource={page?.rows ?? []}
        loading={loading && answer.for !== null}
        scroll={{ x: 1000 }}
        locale={{ emptyText: empty }}
        rowClassName="wh-row"
        onRow={(r) => ({
          onClick: () => open(r),
          onKeyDown: (e) => {
            if (e.key === 'Enter') open(r);
          },
          tabIndex: 0,
          title: t('warehouse.balances.openLedger'),
          'data-testid': `wh-balance-row-${r.code}-${r.binCode}`,
        })}
        summary={() =>
          page && page.total > 0 ? (
            <Table.Summary fixed>
              <Table.Summary.Row className="wh-balance-totals" data-testid="wh-balance-totals">
                <Table.Summary.Cell index={0} colSpan={4}>
                  <Tooltip title={t('common.total', { count: page.total })}>
                    <Typography.Text strong>{t('warehouse.balances.totals')}</Typography.Text>
                  </Tooltip>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  <strong className="num">{page.totals.onHand}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  <strong className="num">{page.totals.reserved}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  <strong className="num">{page.totals.available}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7} align="right">
                  <strong className="num">{formatYuan(page.totals.valueFen)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
        pagination={serverPagination(t, query.offset, query.limit, page?.total ?? 0, (offset, limit) =>
          setQuery((q) => ({ ...q, offset, limit })),
        )}
      />
    </div>
  );
}
