import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Input, Segmented, Select, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged } from '../../../../src-main/api/contract';
import {
  REVIEW_OUTCOMES,
  REVIEW_RATINGS,
  REVIEW_REASONS,
  type ReviewOutcome,
  type ReviewRating,
  type ReviewReason,
  type ReviewRow,
} from '../../../../src-main/api/contract-reviews';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { useCan } from '../../stores/session';
import { ReviewDrawer } from './ReviewDrawer';
import { ReviewRegisterModal } from './ReviewRegisterModal';
import { ReviewStatsView } from './ReviewStatsView';
import { OUTCOME_COLOR, RATING_COLOR } from './reviewsCommon';
import { ServiceDrawers } from './ServiceDrawers';
import { PagedTable } from '../../components/PagedTable';

interface Query {
  q: string;
  rating: ReviewRating | '';
  reason: ReviewReason | '';
  outcome: ReviewOutcome | '';
  from: string;
  to: string;
  offset: number;
  limit: number;
}
const EMPTY: Query = { q: '', rating: '', reason: '', outcome: '', from: '', to: '', offset: 0, limit: 50 };

function filterOf(q: Query) {
  return {
    q: q.q,
    ...(q.rating ? { rating: q.rating } : {}),
    ...(q.reason ? { reason: q.reason } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

/** 中差评: the register of neutral and negative reviews with filters, their handling, statistics, CSV. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const canWrite = useCan('reviews.write');
  const canOrders = useCan('orders.read');
  const [view, setView] = useState<'list' | 'stats'>('list');
  const [query, setQuery] = useState<Query>(EMPTY);
  const [text, setText] = useState('');
  const [page, setPage] = useState<Paged<ReviewRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const debounce = useDebounce(250);

  const load = useCallback(async (q: Query) => {
    try {
      setPage(await api.reviews.list({ filter: filterOf(q), offset: q.offset, limit: q.limit }));
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, []);
  useEffect(() => {
    void load(query);
  }, [query, version, load]);

  const update = (patch: Partial<Query>) => setQuery((q) => ({ ...q, offset: 0, ...patch }));
  const changed = () => setVersion((v) => v + 1);

  const columns: TableProps<ReviewRow>['columns'] = [
    {
      key: 'date',
      title: t('reviews.reviewDate'),
      width: 104,
      render: (_, r) => <span className="num">{r.reviewDate}</span>,
    },
    {
      key: 'rating',
      title: t('reviews.rating'),
      width: 70,
      render: (_, r) => <Tag color={RATING_COLOR[r.rating]}>{t(`reviews.ratings.${r.rating}`)}</Tag>,
    },
    {
      key: 'order',
      title: t('reviews.orderNo'),
      width: 180,
      render: (_, r) => <span className="num">{r.orderNo}</span>,
    },
    {
      key: 'buyer',
      title: t('reviews.buyer'),
      width: 130,
      ellipsis: true,
      render: (_, r) => r.memberName || '—',
    },
    {
      key: 'product',
      title: t('reviews.product'),
      width: 200,
      ellipsis: true,
      render: (_, r) => (
        <span title={`${r.title}${r.spec ? `（${r.spec}）` : ''}`}>
          {r.skuCode && <span className="num">{r.skuCode} </span>}
          <Typography.Text type={r.skuCode ? 'secondary' : undefined}>{r.title}</Typography.Text>
        </span>
      ),
    },
    { key: 'content', title: t('reviews.content'), ellipsis: true, render: (_, r) => r.content },
    {
      key: 'reason',
      title: t('reviews.reason'),
      width: 90,
      render: (_, r) =>
        r.reason ? (
          t(`reviews.reasons.${r.reason}`)
        ) : (
          <Typography.Text type="secondary">{t('reviews.unclassified')}</Typography.Text>
        ),
    },
    {
      key: 'outcome',
      title: t('reviews.outcome'),
      width: 120,
      render: (_, r) => (
        <Tag color={OUTCOME_COLOR[r.outcome]} data-testid={`review-row-outcome-${r.number}`}>
          {t(`reviews.outcomes.${r.outcome}`)}
        </Tag>
      ),
    },
    {
      key: 'comp',
      title: t('reviews.compensation'),
      width: 80,
      align: 'right',
      render: (_, r) =>
        r.compensationFen ? <span className="num">{formatYuan(r.compensationFen)}</span> : '—',
    },
  ];

  const filtersActive = !!(query.q || query.rating || query.reason || query.outcome || query.from);
  return (
    <div className="wh-page" data-testid="svc-reviews">
      <div className="toolbar">
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'list' | 'stats')}
          options={[
            { value: 'list', label: <span data-testid="review-view-list">{t('reviews.views.list')}</span> },
            {
              value: 'stats',
              label: <span data-testid="review-view-stats">{t('reviews.views.stats')}</span>,
            },
          ]}
        />
        <span style={{ marginLeft: 'auto' }} />
        {view === 'list' && (
          <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="review-export">
            {t('reviews.export')}
          </Button>
        )}
        {canWrite && canOrders && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRegistering(true)}
            data-testid="review-register"
          >
            {t('reviews.register')}
          </Button>
        )}
      </div>
      {view === 'stats' ? (
        <ReviewStatsView version={version} />
      ) : (
        <>
          <div className="toolbar" role="search">
            <Input
              style={{ width: 220 }}
              data-testid="review-search"
              aria-label={t('reviews.searchPlaceholder')}
              placeholder={t('reviews.searchPlaceholder')}
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
            <Select<ReviewRating | ''>
              data-testid="review-filter-rating"
              aria-label={t('reviews.rating')}
              value={query.rating}
              style={{ width: 110 }}
              onChange={(v) => update({ rating: v })}
              options={[
                { value: '', label: t('reviews.allRatings') },
                ...REVIEW_RATINGS.map((x) => ({ value: x, label: t(`reviews.ratings.${x}`) })),
              ]}
            />
            <Select<ReviewReason | ''>
              data-testid="review-filter-reason"
              aria-label={t('reviews.reason')}
              value={query.reason}
              style={{ width: 120 }}
              onChange={(v) => update({ reason: v })}
              options={[
                { value: '', label: t('reviews.allReasons') },
                ...REVIEW_REASONS.map((x) => ({ value: x, label: t(`reviews.reasons.${x}`) })),
              ]}
            />
            <Select<ReviewOutcome | ''>
              data-testid="review-filter-outcome"
              aria-label={t('reviews.outcome')}
              value={query.outcome}
              style={{ width: 140 }}
              onChange={(v) => update({ outcome: v })}
              options={[
                { value: '', label: t('reviews.allOutcomes') },
                ...REVIEW_OUTCOMES.map((x) => ({ value: x, label: t(`reviews.outcomes.${x}`) })),
              ]}
            />
            <DatePicker.RangePicker
              style={{ width: 250 }}
              aria-label={t('reviews.range')}
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
          </div>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
          <PagedTable<ReviewRow>
            testId="review-table"
            columns={columns}
            page={page}
            loading={!page && !error}
            scrollX={1160}
            empty={t('reviews.empty')}
            offset={query.offset}
            limit={query.limit}
            onPage={(offset, limit) => setQuery((q) => ({ ...q, offset, limit }))}
            onOpen={(r) => setOpenId(r.id)}
            rowTestId={(r) => `review-row-${r.number}`}
          />
        </>
      )}
      <ReviewRegisterModal
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={(r) => {
          changed();
          setOpenId(r.id);
        }}
      />
      <ReviewDrawer id={openId} onClose={() => setOpenId(null)} onChanged={changed} />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('reviews.exportBody', { count: page?.total ?? 0 })}
        run={(encoding) => api.reviews.exportCsv({ filter: filterOf(query), encoding })}
      />
      {canOrders && <ServiceDrawers />}
    </div>
  );
}
