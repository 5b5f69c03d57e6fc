// Neutral and negative reviews (中差评, §13.4): registered against an order line (the buyer is the
// order's), handled in append-only steps (buyer contacted, reason, solution, compensation, outcome
// 已修改为好评 / 已解释 / 未改变), on the buyer's timeline, counted by reason and by product, exported.
import type { ExportResult, Paged, TimelineEntry } from '../../api/contract';
import {
  REVIEW_REASONS,
  type Review,
  type ReviewBucket,
  type ReviewContactChannel,
  type ReviewFilter,
  type ReviewOutcome,
  type ReviewRating,
  type ReviewReason,
  type ReviewRow,
  type ReviewStats,
  type ReviewStep,
} from '../../api/contract-reviews';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { sqlFormatYuan } from '../../lib/money';
import { shopTimeZone } from '../staff/service';
import { shopOffsetMinutes, sqlLocalTime } from './export';
import { orderById } from './orders';

interface ReviewDb {
  id: string;
  number: string;
  order_id: string;
  order_line_id: string | null;
  sku_id: string | null;
  sku_code: string;
  title: string;
  spec: string;
  rating: ReviewRating;
  content: string;
  review_date: string;
  reason: ReviewReason | '';
  contacted_at: string | null;
  contact_channel: ReviewContactChannel | null;
  solution: string;
  compensation_fen: number;
  outcome: ReviewOutcome;
  explanation: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}
type ReviewListDb = ReviewDb & {
  order_no: string;
  buyer_id: string | null;
  member_name: string;
  created_by_name: string | null;
};

const LIST_SQL = `SELECT r.*, o.order_no, o.buyer_id, o.member_name, s.name AS created_by_name
  FROM review r JOIN sales_order o ON o.id = r.order_id LEFT JOIN staff s ON s.id = r.created_by`;

function toRow(r: ReviewListDb): ReviewRow {
  return {
    id: r.id,
    number: r.number,
    orderId: r.order_id,
    orderNo: r.order_no,
    buyerId: r.buyer_id,
    memberName: r.member_name,
    skuId: r.sku_id,
    skuCode: r.sku_code,
    title: r.title,
    spec: r.spec,
    rating: r.rating,
    content: r.content,
    reviewDate: r.review_date,
    reason: r.reason,
    contactedAt: r.contacted_at,
    contactChannel: r.contact_channel,
    solution: r.solution,
    compensationFen: r.compensation_fen,
    outcome: r.outcome,
    explanation: r.explanation,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
  };
}

/** The shop's today, yyyy-mm-dd. */
function today(store: Store): string {
  const d = store.localDay(shopTimeZone(store));
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
/** A UTC ISO time → the shop-local day yyyy-mm-dd. */
function localDayOf(store: Store, iso: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: shopTimeZone(store),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** WHERE for a filter from fixed fragments (review r joined to its order o). */
export function reviewFilterSql(f: Required<Pick<ReviewFilter, 'q'>> & Omit<ReviewFilter, 'q'>): {
  where: string;
  params: Record<string, string>;
} {
  const conds: string[] = [];
  const params: Record<string, string> = {};
  if (f.from) {
    conds.push('r.review_date >= @from');
    params.from = f.from;
  }
  if (f.to) {
    conds.push('r.review_date <= @to');
    params.to = f.to;
  }
  if (f.rating) {
    conds.push('r.rating = @rating');
    params.rating = f.rating;
  }
  if (f.reason) {
    conds.push('r.reason = @reason');
    params.reason = f.reason;
  }
  if (f.outcome) {
    conds.push('r.outcome = @outcome');
    params.outcome = f.outcome;
  }
  const q = f.q.trim();
  if (q) {
    const byNo = /^\d+$/.test(q) || /^SD-/i.test(q);
    params.q = byNo ? q.toUpperCase() : q;
    params.qEnd = params.q + '\u{10FFFF}';
    conds.push(
      byNo
        ? 'r.order_id IN (SELECT id FROM sales_order WHERE order_no >= @q AND order_no < @qEnd)'
        : 'r.order_id IN (SELECT id FROM sales_order WHERE member_name >= @q AND member_name < @qEnd)',
    );
  }
  return { where: conds.length ? conds.join(' AND ') : '1 = 1', params };
}

export function listReviews(
  store: Store,
  input: { filter: ReviewFilter & { q: string }; offset: number; limit: number },
): Paged<ReviewRow> {
  const { where, params } = reviewFilterSql(input.filter);
  const total = store.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM review r WHERE ${where}`).get(params)!.n;
  const rows = store
    .stmt<ReviewListDb>(
      `${LIST_SQL} WHERE ${where} ORDER BY r.review_date DESC, r.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { total, rows: rows.map(toRow) };
}

export function getReview(store: Store, id: string): Review {
  const r = store.stmt<ReviewListDb>(`${LIST_SQL} WHERE r.id = ?`).get(id);
  if (!r) throw notFound('review');
  const steps = store
    .stmt<{
      id: string;
      at: string;
      staff_name: string | null;
      kind: 'register' | 'handle';
      contacted_at: string | null;
      contact_channel: ReviewContactChannel | null;
      reason: ReviewReason | null;
      solution: string | null;
      compensation_fen: number | null;
      outcome: ReviewOutcome | null;
      explanation: string | null;
      note: string;
    }>(
      `SELECT t.*, s.name AS staff_name FROM review_step t LEFT JOIN staff s ON s.id = t.staff_id
       WHERE t.review_id = ? ORDER BY t.at, t.rowid`,
    )
    .all(id);
  return {
    ...toRow(r),
    version: r.updated_at,
    steps: steps.map((t): ReviewStep => ({
      id: t.id,
      at: t.at,
      staffName: t.staff_name,
      kind: t.kind,
      contactedAt: t.contacted_at,
      contactChannel: t.contact_channel,
      reason: t.reason,
      solution: t.solution,
      compensationFen: t.compensation_fen,
      outcome: t.outcome,
      explanation: t.explanation,
      note: t.note,
    })),
  };
}

export function createReview(
  store: Store,
  by: string,
  input: {
    orderId: string;
    orderLineId?: string;
    rating: ReviewRating;
    content: string;
    reviewDate: string;
  },
): string {
  const o = orderById(store, input.orderId);
  if (!o) throw notFound('order');
  const lines = store
    .stmt<{ id: string; sku_id: string | null; sku_code: string; title: string; spec: string }>(
      `SELECT id, sku_id, sku_code, title, spec FROM sales_order_line WHERE order_id = ? ORDER BY line_no`,
    )
    .all(o.id);
  const problems: Record<string, { key: string; params?: Record<string, string> }> = {};
  let line: (typeof lines)[number] | undefined;
  if (input.orderLineId) {
    line = lines.find((l) => l.id === input.orderLineId);
    if (!line) problems.orderLineId = { key: 'validation.reviewLineNotInOrder' };
  } else if (lines.length) problems.orderLineId = { key: 'validation.required' };
  if (input.reviewDate > today(store)) problems.reviewDate = { key: 'validation.reviewDateFuture' };
  else if (input.reviewDate < localDayOf(store, o.ordered_at)) {
    problems.reviewDate = {
      key: 'validation.reviewBeforeOrder',
      params: { date: localDayOf(store, o.ordered_at) },
    };
  }
  if (Object.keys(problems).length) throw fieldErrors(problems);
  // One registered review per order line (Taobao allows one review per bought item).
  const dup = store
    .stmt<{ number: string }>(
      `SELECT number FROM review WHERE order_id = @orderId AND order_line_id IS @lineId LIMIT 1`,
    )
    .get({ orderId: o.id, lineId: line?.id ?? null });
  if (dup) throw new AppError('CONFLICT', 'reviewExists', { number: dup.number });

  const id = newId();
  const hlc = store.stamp();
  const now = store.isoNow();
  const number = store.nextNumber('PJ', shopTimeZone(store));
  const row = {
    number,
    order_id: o.id,
    order_line_id: line?.id ?? null,
    sku_id: line?.sku_id ?? null,
    sku_code: line?.sku_code ?? '',
    title: line?.title ?? '',
    spec: line?.spec ?? '',
    rating: input.rating,
    content: input.content,
    review_date: input.reviewDate,
  };
  store
    .stmt(
      `INSERT INTO review (id, number, order_id, order_line_id, sku_id, sku_code, title, spec, rating, content,
         review_date, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @number, @order_id, @order_line_id, @sku_id, @sku_code, @title, @spec, @rating, @content,
         @review_date, @now, @by, @hlc, @by)`,
    )
    .run({ id, ...row, now, by, hlc });
  store
    .stmt(
      `INSERT INTO review_step (id, review_id, at, staff_id, kind, outcome) VALUES (?, ?, ?, ?, 'register', 'pending')`,
    )
    .run(newId(), id, now, by);
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(row)) fields[k] = { from: null, to: v };
  store.log(
    { staffId: by, entity: 'review', rowId: id, op: 'create', label: `${number} ${o.order_no}`, fields },
    hlc,
  );
  return id;
}

export function handleReview(
  store: Store,
  by: string,
  input: {
    id: string;
    expectedVersion?: string;
    contactedAt?: string;
    contactChannel?: ReviewContactChannel;
    reason?: ReviewReason;
    solution?: string;
    compensationFen?: number;
    outcome?: ReviewOutcome;
    explanation?: string;
    note: string;
  },
): void {
  const r = store.stmt<ReviewDb>(`SELECT * FROM review WHERE id = ?`).get(input.id);
  if (!r) throw notFound('review');
  if (input.expectedVersion && input.expectedVersion !== r.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');

  const problems: Record<string, { key: string }> = {};
  const contactedAt = input.contactedAt
    ? new Date(input.contactedAt).toISOString()
    : input.contactChannel
      ? store.isoNow()
      : undefined;
  if (input.contactedAt && !input.contactChannel) problems.contactChannel = { key: 'validation.required' };
  if (input.contactedAt && Date.parse(input.contactedAt) > store.now() + 60_000)
    problems.contactedAt = { key: 'validation.futureTime' };
  const explanation = input.explanation ?? r.explanation;
  if (input.outcome === 'explained' && !explanation)
    problems.explanation = { key: 'validation.explanationRequired' };
  if (Object.keys(problems).length) throw fieldErrors(problems);
  // 已修改为好评 is where a review ends: Taobao does not let a buyer change a positive review back.
  if (r.outcome === 'revised' && input.outcome && input.outcome !== 'revised')
    throw new AppError('CONFLICT', 'reviewRevisedFinal', { number: r.number });

  const next: Partial<ReviewDb> = {};
  if (contactedAt !== undefined && contactedAt !== r.contacted_at) next.contacted_at = contactedAt;
  if (input.contactChannel !== undefined && input.contactChannel !== r.contact_channel)
    next.contact_channel = input.contactChannel;
  if (input.reason !== undefined && input.reason !== r.reason) next.reason = input.reason;
  if (input.solution !== undefined && input.solution !== r.solution) next.solution = input.solution;
  if (input.compensationFen !== undefined && input.compensationFen !== r.compensation_fen)
    next.compensation_fen = input.compensationFen;
  if (input.outcome !== undefined && input.outcome !== r.outcome) next.outcome = input.outcome;
  if (input.explanation !== undefined && input.explanation !== r.explanation)
    next.explanation = input.explanation;
  const changed = Object.keys(next) as (keyof ReviewDb)[];
  if (!changed.length && !input.note) throw fieldErrors({ note: { key: 'validation.reviewStepEmpty' } });

  const hlc = store.stamp();
  const now = store.isoNow();
  const m = { ...r, ...next };
  store
    .stmt(
      `UPDATE review SET contacted_at = @contacted_at, contact_channel = @contact_channel, reason = @reason,
         solution = @solution, compensation_fen = @compensation_fen, outcome = @outcome,
         explanation = @explanation, updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({
      id: r.id,
      contacted_at: m.contacted_at,
      contact_channel: m.contact_channel,
      reason: m.reason,
      solution: m.solution,
      compensation_fen: m.compensation_fen,
      outcome: m.outcome,
      explanation: m.explanation,
      hlc,
      by,
    });
  store
    .stmt(
      `INSERT INTO review_step (id, review_id, at, staff_id, kind, contacted_at, contact_channel, reason, solution,
         compensation_fen, outcome, explanation, note)
       VALUES (@id, @reviewId, @at, @by, 'handle', @contacted_at, @contact_channel, @reason, @solution,
         @compensation_fen, @outcome, @explanation, @note)`,
    )
    .run({
      id: newId(),
      reviewId: r.id,
      at: now,
      by,
      contacted_at: next.contacted_at ?? null,
      contact_channel: next.contact_channel ?? null,
      reason: next.reason ?? null,
      solution: next.solution ?? null,
      compensation_fen: next.compensation_fen ?? null,
      outcome: next.outcome ?? null,
      explanation: next.explanation ?? null,
      note: input.note,
    });
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of changed) fields[k] = { from: r[k], to: next[k] };
  if (input.note) fields.note = { from: null, to: input.note };
  store.log({ staffId: by, entity: 'review', rowId: r.id, op: 'handle', label: r.number, fields }, hlc);
}

// ---- statistics -------------------------------------------------------------------------------
interface BucketDb {
  total: number;
  neutral: number | null;
  negative: number | null;
  revised: number | null;
  explained: number | null;
  unchanged: number | null;
  pending: number | null;
  comp: number | null;
}
const BUCKET_COLS = `COUNT(*) AS total, SUM(rating = 'neutral') AS neutral, SUM(rating = 'negative') AS negative,
  SUM(outcome = 'revised') AS revised, SUM(outcome = 'explained') AS explained,
  SUM(outcome = 'unchanged') AS unchanged, SUM(outcome = 'pending') AS pending,
  SUM(compensation_fen) AS comp`;

function bucket(b: BucketDb | undefined): ReviewBucket {
  const total = b?.total ?? 0;
  const revised = b?.revised ?? 0;
  return {
    total,
    neutral: b?.neutral ?? 0,
    negative: b?.negative ?? 0,
    revised,
    explained: b?.explained ?? 0,
    unchanged: b?.unchanged ?? 0,
    pending: b?.pending ?? 0,
    revisedRate: total ? revised / total : null,
    compensationFen: b?.comp ?? 0,
  };
}

/** Reviews left between `from` and `to` (shop-local days, inclusive; either may be missing). */
export function reviewStats(store: Store, input: { from?: string; to?: string }): ReviewStats {
  const params = { from: input.from ?? '0000-00-00', to: input.to ?? '9999-99-99' };
  const range = `FROM review WHERE review_date >= @from AND review_date <= @to`;
  const overall = store.stmt<BucketDb>(`SELECT ${BUCKET_COLS} ${range}`).get(params);
  const reasons = new Map(
    store
      .stmt<BucketDb & { reason: ReviewReason | '' }>(
        `SELECT reason, ${BUCKET_COLS} ${range} GROUP BY reason`,
      )
      .all(params)
      .map((b) => [b.reason, b]),
  );
  const byReason: ReviewStats['byReason'] = REVIEW_REASONS.map((reason) => ({
    reason,
    ...bucket(reasons.get(reason)),
  }));
  if (reasons.has('')) byReason.push({ reason: '', ...bucket(reasons.get('')) });
  const byProduct = store
    .stmt<BucketDb & { sku_code: string; title: string }>(
      `SELECT sku_code, MAX(title) AS title, ${BUCKET_COLS} ${range} GROUP BY sku_code
       ORDER BY total DESC, sku_code`,
    )
    .all(params)
    .map((b) => ({ skuCode: b.sku_code, title: b.title, ...bucket(b) }));
  return { from: input.from ?? null, to: input.to ?? null, overall: bucket(overall), byReason, byProduct };
}

// ---- the buyer timeline -----------------------------------------------------------------------
/** A buyer's reviews for the timeline (through the orders, so a merge carries them along). */
export function reviewTimeline(store: Store, buyerId: string, limit: number): TimelineEntry[] {
  return store
    .stmt<{
      order_id: string;
      number: string;
      created_at: string;
      rating: string;
      outcome: string;
      reason: string;
      title: string;
      content: string;
      staff_name: string | null;
    }>(
      `SELECT r.order_id, r.number, r.created_at, r.rating, r.outcome, r.reason, r.title, r.content,
         s.name AS staff_name
       FROM sales_order o JOIN review r ON r.order_id = o.id LEFT JOIN staff s ON s.id = r.created_by
       WHERE o.buyer_id = ? ORDER BY r.created_at DESC LIMIT ?`,
    )
    .all(buyerId, limit)
    .map((r) => ({
      kind: 'review' as const,
      at: r.created_at,
      refId: r.order_id,
      title: r.number,
      detail: `${r.rating}|${r.outcome}|${r.reason}|${r.title}|${r.content}`,
      staffName: r.staff_name,
    }));
}

// ---- CSV --------------------------------------------------------------------------------------
const RATING_SQL = `CASE r.rating WHEN 'neutral' THEN '中评' ELSE '差评' END`;
const REASON_SQL = `CASE r.reason WHEN 'quality' THEN '质量问题' WHEN 'size' THEN '尺码不符' WHEN 'color' THEN '色差'
  WHEN 'logistics' THEN '物流慢' WHEN 'attitude' THEN '服务态度' WHEN 'description' THEN '描述不符'
  WHEN 'other' THEN '其他' ELSE '' END`;
const OUTCOME_SQL = `CASE r.outcome WHEN 'revised' THEN '已修改为好评' WHEN 'explained' THEN '已解释'
  WHEN 'unchanged' THEN '未改变' ELSE '处理中' END`;
const CHANNEL_SQL = `CASE r.contact_channel WHEN 'wangwang' THEN '旺旺' WHEN 'phone' THEN '电话' WHEN 'sms' THEN '短信' ELSE '' END`;

export function reviewsCsvQuery(store: Store, filter: ReviewFilter & { q: string }): CsvQuery {
  const off = shopOffsetMinutes(store);
  const { where, params } = reviewFilterSql(filter);
  const line = sqlCsvLine([
    sqlCsvText('r.number'),
    sqlCsvText('r.review_date'),
    sqlCsvText(RATING_SQL),
    sqlCsvText('o.order_no'),
    sqlCsvText('o.member_name'),
    sqlCsvText('r.sku_code'),
    sqlCsvText(`r.title || CASE WHEN r.spec <> '' THEN '（' || r.spec || '）' ELSE '' END`),
    sqlCsvText('r.content'),
    sqlCsvText(REASON_SQL),
    sqlCsvText(sqlLocalTime('r.contacted_at', off)),
    sqlCsvText(CHANNEL_SQL),
    sqlCsvText('r.solution'),
    sqlFormatYuan('r.compensation_fen'),
    sqlCsvText(OUTCOME_SQL),
    sqlCsvText('r.explanation'),
    sqlCsvText(`COALESCE(s.name, '')`),
    sqlCsvText(sqlLocalTime('r.created_at', off)),
  ]);
  return {
    header: [
      '登记编号',
      '评价日期',
      '评价',
      '订单编号',
      '买家会员名',
      '商家编码',
      '宝贝',
      '评价内容',
      '原因分类',
      '联系买家时间',
      '联系方式',
      '解决方案',
      '补偿金额',
      '处理结果',
      '评价解释',
      '登记人',
      '登记时间',
    ],
    sql: `SELECT ${line} FROM review r JOIN sales_order o ON o.id = r.order_id LEFT JOIN staff s ON s.id = r.created_by
          WHERE ${where} ORDER BY r.review_date DESC, r.id DESC`,
    params,
  };
}

export function exportReviews(
  store: Store,
  host: Host,
  filter: ReviewFilter & { q: string },
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '中差评', encoding, () => reviewsCsvQuery(store, filter));
}
