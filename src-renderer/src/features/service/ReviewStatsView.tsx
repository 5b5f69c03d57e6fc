import { Card, DatePicker, Empty, Space, Statistic, Table, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewBucket, ReviewStats } from '../../../../src-main/api/contract-reviews';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { formatRate } from './reviewsCommon';

/** 中差评统计: counts and the rate revised to positive, by reason and by product, over a date range. */
export function ReviewStatsView({ version }: { version: number }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[string, string]>([
    dayjs().subtract(29, 'day').format('YYYY-MM-DD'),
    dayjs().format('YYYY-MM-DD'),
  ]);
  const [stats, setStats] = useState<ReviewStats | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.reviews
      .stats({ from: range[0], to: range[1] })
      .then((s) => {
        if (!live) return;
        setStats(s);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [range, version]);

  const counts = <R extends ReviewBucket>(): NonNullable<TableProps<R>['columns']> => [
    { key: 'total', title: t('reviews.stats.count'), width: 70, align: 'right', render: (_, b) => b.total },
    {
      key: 'neutral',
      title: t('reviews.stats.neutral'),
      width: 64,
      align: 'right',
      render: (_, b) => b.neutral,
    },
    {
      key: 'negative',
      title: t('reviews.stats.negative'),
      width: 64,
      align: 'right',
      render: (_, b) => b.negative,
    },
    {
      key: 'revised',
      title: t('reviews.stats.revised'),
      width: 110,
      align: 'right',
      render: (_, b) => b.revised,
    },
    {
      key: 'explained',
      title: t('reviews.stats.explained'),
      width: 72,
      align: 'right',
      render: (_, b) => b.explained,
    },
    {
      key: 'unchanged',
      title: t('reviews.stats.unchanged'),
      width: 72,
      align: 'right',
      render: (_, b) => b.unchanged,
    },
    {
      key: 'pending',
      title: t('reviews.stats.pending'),
      width: 72,
      align: 'right',
      render: (_, b) => b.pending,
    },
    {
      key: 'rate',
      title: t('reviews.stats.rate'),
      width: 80,
      align: 'right',
      render: (_, b) => <span className="num">{formatRate(b.revisedRate)}</span>,
    },
    {
      key: 'comp',
      title: t('reviews.stats.compensation'),
      width: 100,
      align: 'right',
      render: (_, b) => <span className="num">¥{formatYuan(b.compensationFen)}</span>,
    },
  ];
  type ReasonRow = ReviewStats['byReason'][number];
  type ProductRow = ReviewStats['byProduct'][number];
  const reasonColumns: TableProps<ReasonRow>['columns'] = [
    {
      key: 'reason',
      title: t('reviews.reason'),
      width: 110,
      render: (_, b) => (b.reason ? t(`reviews.reasons.${b.reason}`) : t('reviews.unclassified')),
    },
    ...counts<ReasonRow>(),
  ];
  const productColumns: TableProps<ProductRow>['columns'] = [
    {
      key: 'product',
      title: t('reviews.product'),
      ellipsis: true,
      render: (_, b) => (
        <span>
          <span className="num">{b.skuCode || t('reviews.stats.noCode')}</span>
          <Typography.Text type="secondary"> {b.title}</Typography.Text>
        </span>
      ),
    },
    ...counts<ProductRow>(),
  ];

  const o = stats?.overall;
  return (
    <div data-testid="review-stats">
      <div className="toolbar">
        <DatePicker.RangePicker
          aria-label={t('reviews.range')}
          value={[dayjs(range[0]), dayjs(range[1])]}
          allowClear={false}
          onChange={(v) =>
            v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
          }
        />
      </div>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {o && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space size={48} wrap>
            <Statistic
              title={t('reviews.stats.total')}
              value={o.total}
              suffix={
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {t('reviews.stats.neutral')} {o.neutral} · {t('reviews.stats.negative')} {o.negative}
                </Typography.Text>
              }
              data-testid="review-stats-total"
            />
            <Statistic
              title={t('reviews.stats.revised')}
              value={o.revised}
              data-testid="review-stats-revised"
            />
            <Statistic
              title={t('reviews.stats.rate')}
              value={formatRate(o.revisedRate)}
              data-testid="review-stats-rate"
            />
            <Statistic title={t('reviews.stats.pending')} value={o.pending} />
            <Statistic
              title={t('reviews.stats.compensation')}
              value={formatYuan(o.compensationFen)}
              prefix="¥"
            />
          </Space>
        </Card>
      )}
      {stats && !o?.total ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.stats.empty')} />
      ) : (
        stats && (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={t('reviews.stats.byReason')}>
              <Table<ReasonRow>
                data-testid="review-stats-reasons"
                size="small"
                rowKey={(b) => b.reason || '_'}
                columns={reasonColumns}
                dataSource={stats.byReason}
                pagination={false}
                scroll={{ x: 820 }}
              />
            </Card>
            <Card size="small" title={t('reviews.stats.byProduct')}>
              <Table<ProductRow>
                data-testid="review-stats-products"
                size="small"
                rowKey={(b) => b.skuCode || '_'}
                columns={productColumns}
                dataSource={stats.byProduct}
                pagination={false}
                scroll={{ x: 960 }}
                onRow={(b) => ({ 'data-testid': `review-stats-product-${b.skuCode || '_'}` }) as never}
              />
            </Card>
          </Space>
        )
      )}
    </div>
  );
}
