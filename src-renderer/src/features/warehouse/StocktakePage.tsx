import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged, StocktakeRow, StocktakeStatus } from '../../../../src-main/api/contract';
import { STOCKTAKE_STATUSES } from '../../../../src-main/api/values';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { useWarehouse } from '../../stores/warehouse';
import { StocktakeDetail } from './StocktakeDetail';
import { StocktakeStartDialog } from './StocktakeStartDialog';
import { serverPagination } from '../../components/pagination';

export const STATUS_COLOR: Record<StocktakeStatus, string> = {
  counting: 'processing',
  approved: 'success',
  cancelled: 'default',
};

/** The scope in words: 全部库存 / 库位 A-01-01 至 A-02-05 / 3 个商品 / 随机 20 个商品（种子 …）. */
export function useScopeText(): (r: StocktakeRow) => string {
  const { t } = useTranslation();
  return (r) =>
    r.scope === 'bins'
      ? t('stocktake.scopeBins', { from: r.binFrom, to: r.binTo })
      : r.scope === 'skus'
        ? t('stocktake.scopeSkus', { count: r.skuCount ?? 0 })
        : r.scope === 'sample'
          ? t('stocktake.scopeSample', { count: r.skuCount ?? 0, seed: r.sampleSeed })
          : t('stocktake.scopes.all');
}

/** 盘点: the history of stocktakes (status, who/when, result figures); a row opens it. */
export function StocktakePage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const staffId = useSession((s) => s.session?.staff.id);
  const canStart = useCan('warehouse.stocktake');
  const scopeText = useScopeText();
  const [status, setStatus] = useState<StocktakeStatus | ''>('');
  const [paging, setPaging] = useState({ offset: 0, limit: 20 });
  const [answer, setAnswer] = useState<{ page: Paged<StocktakeRow> | null; error: string | null }>({
    page: null,
    error: null,
  });
  const [openId, setOpenId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    void useWarehouse.getState().loadBins();
  }, [staffId]);

  const load = useCallback(async () => {
    try {
      const page = await api.stocktake.list({ ...(status ? { status } : {}), ...paging });
      setAnswer({ page, error: null });
    } catch (e) {
      setAnswer((a) => ({ ...a, error: errorText(e) }));
    }
  }, [status, paging]);

  useEffect(() => {
    if (!openId) void load();
  }, [load, openId, staffId]);

  if (openId) return <StocktakeDetail id={openId} onBack={() => setOpenId(null)} />;

  const columns: TableProps<StocktakeRow>['columns'] = [
    {
      key: 'number',
      dataIndex: 'number',
      title: t('stocktake.number'),
      width: 210,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'kind',
      title: t('stocktake.kind'),
      width: 130,
      render: (_, r) => (
        <Space size={4}>
          {t(`stocktake.kinds.${r.kind}`)}
          {r.blind && <Tag>{t('stocktake.blindTag')}</Tag>}
        </Space>
      ),
    },
    { key: 'scope', title: t('stocktake.scope'), ellipsis: true, render: (_, r) => scopeText(r) },
    {
      key: 'status',
      title: t('stocktake.status'),
      width: 100,
      render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`stocktake.statuses.${r.status}`)}</Tag>,
    },
    {
      key: 'started',
      title: t('stocktake.started'),
      width: 190,
      render: (_, r) => (
        <span className="num">
          {r.startedByName ? `${r.startedByName} · ` : ''}
          {formatDateTime(r.startedAt, timeZone)}
        </span>
      ),
    },
    {
      key: 'progress',
      title: t('stocktake.progress'),
      width: 150,
      render: (_, r) => t('stocktake.progressText', { counted: r.counted, lines: r.lines }),
    },
    {
      key: 'result',
      title: t('stocktake.result'),
      width: 300,
      render: (_, r) =>
        r.status === 'approved' && r.gainFen !== null && r.lossFen !== null ? (
          <span className="num">
            {t('stocktake.resultText', { gain: formatYuan(r.gainFen), loss: formatYuan(r.lossFen) })}
            {r.shrinkageRate !== null &&
              ` · ${t('stocktake.resultShrinkage', { rate: `${(r.shrinkageRate * 100).toFixed(2)}%` })}`}
          </span>
        ) : r.status === 'cancelled' ? (
          <Typography.Text type="secondary" ellipsis title={r.cancelReason ?? ''}>
            {r.cancelReason}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  return (
    <div className="wh-page" data-testid="stk-page">
      <div className="toolbar">
        <Select<StocktakeStatus | ''>
          className="toolbar__select"
          data-testid="stk-filter-status"
          aria-label={t('stocktake.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPaging((p) => ({ ...p, offset: 0 }));
          }}
          popupMatchSelectWidth={false}
          options={[
            { value: '', label: t('stocktake.anyStatus') },
            ...STOCKTAKE_STATUSES.map((s) => ({ value: s, label: t(`stocktake.statuses.${s}`) })),
          ]}
        />
        <span style={{ marginLeft: 'auto' }} />
        {canStart && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setStarting(true)}
            data-testid="stk-new"
          >
            {t('stocktake.new')}
          </Button>
        )}
      </div>
      {answer.error && (
        <Alert type="error" showIcon title={answer.error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <Table<StocktakeRow>
        data-testid="stk-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={answer.page?.rows ?? []}
        loading={answer.page === null && !answer.error}
        scroll={{ x: 1100 }}
        rowClassName="wh-row"
        locale={{
          emptyText: answer.page ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stocktake.empty')}>
              <Typography.Paragraph type="secondary">{t('stocktake.emptyHint')}</Typography.Paragraph>
            </Empty>
          ) : (
            <span />
          ),
        }}
        onRow={(r) => ({
          onClick: () => setOpenId(r.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.id);
          },
          tabIndex: 0,
          'data-testid': `stk-row-${r.number}`,
        })}
        pagination={serverPagination(
          t,
          paging.offset,
          paging.limit,
          answer.page?.total ?? 0,
          (offset, limit) => setPaging({ offset, limit }),
        )}
      />
      <StocktakeStartDialog
        open={starting}
        onClose={() => setStarting(false)}
        onStarted={(id) => {
          setStarting(false);
          setOpenId(id);
        }}
      />
    </div>
  );
}
