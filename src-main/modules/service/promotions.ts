// Promotions (活动, §6.6): a campaign (name, dates, SKUs, offer), its execution checklist (owner,
// done-by date, ticked with who and when), results computed from the orders (the campaign's SKUs in
// its window against the same number of days just before), and the written summary after it ends.
// `listPromotions` is the function the art tab uses to list campaigns for its creative tasks.
import type { ExportResult } from '../../api/contract';
import type {
  CreativeKind,
  Promotion,
  PromotionCreativeTask,
  PromotionFigures,
  PromotionPhase,
  PromotionResults,
  PromotionRow,
} from '../../api/contract-promotions';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { sqlFormatYuan } from '../../lib/money';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { dayRangeUtc } from './common';

interface PromotionDb {
  id: string;
  number: string;
  name: string;
  start_date: string;
  end_date: string;
  offer: string;
  summary: string;
  summary_at: string | null;
  summary_by: string | null;
  updated_at: string;
}

/** yyyy-mm-dd + n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
/** Days from `from` to `to`, both counted. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
function today(store: Store): string {
  const d = store.localDay(shopTimeZone(store));
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}
export function phaseOf(p: { start_date: string; end_date: string }, day: string): PromotionPhase {
  return day < p.start_date ? 'upcoming' : day > p.end_date ? 'ended' : 'running';
}

const ROW_SQL = `SELECT p.*,
  (SELECT COUNT(*) FROM promotion_sku s WHERE s.promotion_id = p.id) AS sku_count,
  (SELECT COUNT(*) FROM promotion_task t WHERE t.promotion_id = p.id AND t.deleted_at IS NULL) AS tasks_total,
  (SELECT COUNT(*) FROM promotion_task t WHERE t.promotion_id = p.id AND t.deleted_at IS NULL
     AND t.done_at IS NOT NULL) AS tasks_done,
  (SELECT COUNT(*) FROM art_task a WHERE a.promotion_id = p.id AND a.deleted_at IS NULL) AS creative_total,
  (SELECT COUNT(*) FROM art_task a WHERE a.promotion_id = p.id AND a.deleted_at IS NULL
     AND a.status = 'done') AS creative_done
  FROM promotion p`;
type RowDb = PromotionDb & {
  sku_count: number;
  tasks_total: number;
  tasks_done: number;
  creative_total: number;
  creative_done: number;
};

function toRow(p: RowDb, day: string): PromotionRow {
  return {
    id: p.id,
    number: p.number,
    name: p.name,
    startDate: p.start_date,
    endDate: p.end_date,
    offer: p.offer,
    phase: phaseOf(p, day),
    skuCount: p.sku_count,
    tasksDone: p.tasks_done,
    tasksTotal: p.tasks_total,
    hasSummary: p.summary !== '',
    creativeDone: p.creative_done,
    creativeTotal: p.creative_total,
  };
}

/** Campaigns, newest end date first, optionally of one phase (the art tab lists them from here). */
export function listPromotions(store: Store, input: { phase?: PromotionPhase }): PromotionRow[] {
  const day = today(store);
  const cond =
    input.phase === 'upcoming'
      ? 'p.end_date >= @day AND p.start_date > @day'
      : input.phase === 'running'
        ? 'p.end_date >= @day AND p.start_date <= @day'
        : input.phase === 'ended'
          ? 'p.end_date < @day'
          : '1 = 1';
  return store
    .stmt<RowDb>(`${ROW_SQL} WHERE ${cond} ORDER BY p.end_date DESC, p.start_date DESC LIMIT 1000`)
    .all({ day })
    .map((p) => toRow(p, day));
}

export function getPromotion(store: Store, id: string): Promotion {
  const p = store
    .stmt<RowDb & { summary_by_name: string | null }>(
      `${ROW_SQL.replace(
        'FROM promotion p',
        'FROM promotion p LEFT JOIN staff sb ON sb.id = p.summary_by',
      ).replace('SELECT p.*,', 'SELECT p.*, sb.name AS summary_by_name,')} WHERE p.id = ?`,
    )
    .get(id);
  if (!p) throw notFound('promotion');
  const day = today(store);
  const skus = store
    .stmt<{ id: string; code: string; title: string; spec: string }>(
      `SELECT s.id, s.code, pr.title, s.spec FROM promotion_sku ps JOIN sku s ON s.id = ps.sku_id
       JOIN product pr ON pr.id = s.product_id WHERE ps.promotion_id = ? ORDER BY s.code`,
    )
    .all(id);
  const tasks = store
    .stmt<{
      id: string;
      title: string;
      owner_id: string;
      owner_name: string;
      due_date: string;
      done_at: string | null;
      done_by_name: string | null;
    }>(
      `SELECT t.id, t.title, t.owner_id, o.name AS owner_name, t.due_date, t.done_at, d.name AS done_by_name
       FROM promotion_task t JOIN staff o ON o.id = t.owner_id LEFT JOIN staff d ON d.id = t.done_by
       WHERE t.promotion_id = ? AND t.deleted_at IS NULL ORDER BY t.position`,
    )
    .all(id);
  return {
    ...toRow(p, day),
    version: p.updated_at,
    skus,
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      ownerId: t.owner_id,
      ownerName: t.owner_name,
      dueDate: t.due_date,
      doneAt: t.done_at,
      doneByName: t.done_by_name,
      overdue: !t.done_at && t.due_date < day,
    })),
    creative: creativeTasksOf(store, id, day),
    summary: p.summary,
    summaryAt: p.summary_at,
    summaryByName: p.summary_by_name,
  };
}

function skuIdsOf(store: Store, id: string): string[] {
  return store
    .stmt<{ sku_id: string }>(`SELECT sku_id FROM promotion_sku WHERE promotion_id = ? ORDER BY sku_id`)
    .all(id)
    .map((r) => r.sku_id);
}

export function savePromotion(
  store: Store,
  by: string,
  input: {
    id?: string;
    expectedVersion?: string;
    name: string;
    startDate: string;
    endDate: string;
    offer: string;
    skuIds: string[];
  },
): string {
  const problems: Record<string, { key: string }> = {};
  if (input.endDate < input.startDate) problems.endDate = { key: 'validation.rangeOrder' };
  const skuIds = [...new Set(input.skuIds)].sort();
  skuIds.forEach((s) => {
    if (!store.stmt(`SELECT 1 FROM sku WHERE id = ? AND deleted_at IS NULL`).get(s))
      problems[`skuIds.${input.skuIds.indexOf(s)}`] = { key: 'validation.skuNotFound' };
  });
  if (Object.keys(problems).length) throw fieldErrors(problems);
  const hlc = store.stamp();
  const row = { name: input.name, start_date: input.startDate, end_date: input.endDate, offer: input.offer };
  if (!input.id) {
    const id = newId();
    const number = store.nextNumber('HD', shopTimeZone(store));
    store
      .stmt(
        `INSERT INTO promotion (id, number, name, start_date, end_date, offer, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @number, @name, @start_date, @end_date, @offer, @now, @by, @hlc, @by)`,
      )
      .run({ id, number, ...row, now: store.isoNow(), by, hlc });
    const ins = store.stmt(`INSERT INTO promotion_sku (promotion_id, sku_id) VALUES (?, ?)`);
    for (const s of skuIds) ins.run(id, s);
    const fields: Record<string, { from: unknown; to: unknown }> = { number: { from: null, to: number } };
    for (const [k, v] of Object.entries(row)) fields[k] = { from: null, to: v };
    fields.sku_ids = { from: null, to: skuIds };
    store.log({ staffId: by, entity: 'promotion', rowId: id, op: 'create', label: input.name, fields }, hlc);
    return id;
  }
  const before = store.stmt<PromotionDb>(`SELECT * FROM promotion WHERE id = ?`).get(input.id);
  if (!before) throw notFound('promotion');
  if (input.expectedVersion && input.expectedVersion !== before.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(row))
    if (before[k as keyof PromotionDb] !== v) fields[k] = { from: before[k as keyof PromotionDb], to: v };
  const oldSkus = skuIdsOf(store, before.id);
  if (oldSkus.join() !== skuIds.join()) fields.sku_ids = { from: oldSkus, to: skuIds };
  if (!Object.keys(fields).length) return before.id;
  store
    .stmt(
      `UPDATE promotion SET name = @name, start_date = @start_date, end_date = @end_date, offer = @offer,
         updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ id: before.id, ...row, hlc, by });
  if (fields.sku_ids) {
    store.stmt(`DELETE FROM promotion_sku WHERE promotion_id = ?`).run(before.id);
    const ins = store.stmt(`INSERT INTO promotion_sku (promotion_id, sku_id) VALUES (?, ?)`);
    for (const s of skuIds) ins.run(before.id, s);
  }
  store.log(
    { staffId: by, entity: 'promotion', rowId: before.id, op: 'update', label: input.name, fields },
    hlc,
  );
  return before.id;
}

export function addTask(
  store: Store,
  by: string,
  input: { promotionId: string; title: string; ownerId: string; dueDate: string },
): void {
  const p = store.stmt<PromotionDb>(`SELECT * FROM promotion WHERE id = ?`).get(input.promotionId);
  if (!p) throw notFound('promotion');
  if (!store.stmt(`SELECT 1 FROM staff WHERE id = ? AND active = 1`).get(input.ownerId))
    throw fieldErrors({ ownerId: { key: 'validation.activeStaff' } });
  const id = newId();
  const position =
    store
      .stmt<{ n: number | null }>(`SELECT MAX(position) AS n FROM promotion_task WHERE promotion_id = ?`)
      .get(p.id)!.n ?? 0;
  store
    .stmt(
      `INSERT INTO promotion_task (id, promotion_id, position, title, owner_id, due_date, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, p.id, position + 1, input.title, input.ownerId, input.dueDate, store.isoNow(), by);
  store.log({
    staffId: by,
    entity: 'promotion_task',
    rowId: id,
    op: 'create',
    label: `${p.name}：${input.title}`,
    fields: {
      promotion_id: { from: null, to: p.id },
      title: { from: null, to: input.title },
      owner_id: { from: null, to: input.ownerId },
      due_date: { from: null, to: input.dueDate },
    },
  });
}

/** Tick or untick; only the item's owner or someone who plans campaigns. Answers the promotion id. */
export function tickTask(
  store: Store,
  by: string,
  canPlan: boolean,
  input: { taskId: string; done: boolean },
): string {
  const t = store
    .stmt<{
      id: string;
      promotion_id: string;
      title: string;
      owner_id: string;
      done_at: string | null;
      done_by: string | null;
    }>(
      `SELECT id, promotion_id, title, owner_id, done_at, done_by FROM promotion_task
       WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(input.taskId);
  if (!t) throw notFound('promotionTask');
  if (t.owner_id !== by && !canPlan) throw new AppError('FORBIDDEN', 'promotionTaskNotYours');
  if (!!t.done_at === input.done) return t.promotion_id;
  const doneAt = input.done ? store.isoNow() : null;
  const doneBy = input.done ? by : null;
  store.stmt(`UPDATE promotion_task SET done_at = ?, done_by = ? WHERE id = ?`).run(doneAt, doneBy, t.id);
  store.log({
    staffId: by,
    entity: 'promotion_task',
    rowId: t.id,
    op: input.done ? 'tick' : 'untick',
    label: t.title,
    fields: { done_at: { from: t.done_at, to: doneAt }, done_by: { from: t.done_by, to: doneBy } },
  });
  return t.promotion_id;
}

export function saveSummary(store: Store, by: string, input: { id: string; summary: string }): void {
  const p = store.stmt<PromotionDb>(`SELECT * FROM promotion WHERE id = ?`).get(input.id);
  if (!p) throw notFound('promotion');
  if (today(store) <= p.end_date)
    throw new AppError('CONFLICT', 'promotionNotEnded', { endDate: p.end_date });
  if (p.summary === input.summary) return;
  const hlc = store.stamp();
  const at = store.isoNow();
  store
    .stmt(
      `UPDATE promotion SET summary = ?, summary_at = ?, summary_by = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
    )
    .run(input.summary, at, by, hlc, by, p.id);
  store.log(
    {
      staffId: by,
      entity: 'promotion',
      rowId: p.id,
      op: 'summary',
      label: p.name,
      fields: { summary: { from: p.summary, to: input.summary } },
    },
    hlc,
  );
}

// ---- results ----------------------------------------------------------------------------------
/** Orders that count: paid and not closed (付款后退款关闭 does not count as a sale). */
const COUNTED = `o.status IN ('paid', 'shipped', 'success')`;

export function promotionResults(store: Store, id: string): PromotionResults {
  const p = store.stmt<PromotionDb>(`SELECT * FROM promotion WHERE id = ?`).get(id);
  if (!p) throw notFound('promotion');
  const days = daysInclusive(p.start_date, p.end_date);
  const before = { from: addDays(p.start_date, -days), to: addDays(p.start_date, -1) };
  const figures = (from: string, to: string) => {
    const r = dayRangeUtc(store, from, to);
    const params = { id, fromUtc: r.fromUtc!, toUtc: r.toUtc! };
    const base = `FROM promotion_sku ps JOIN sales_order_line l ON l.sku_id = ps.sku_id
      JOIN sales_order o ON o.id = l.order_id
      WHERE ps.promotion_id = @id AND o.ordered_at >= @fromUtc AND o.ordered_at < @toUtc AND ${COUNTED}`;
    const total = store
      .stmt<{ orders: number; qty: number | null; rev: number | null }>(
        `SELECT COUNT(DISTINCT o.id) AS orders, SUM(l.quantity) AS qty,
           SUM(COALESCE(l.paid_fen, l.price_fen * l.quantity)) AS rev ${base}`,
      )
      .get(params)!;
    const bySku = store
      .stmt<{ sku_id: string; orders: number; qty: number; rev: number }>(
        `SELECT l.sku_id, COUNT(DISTINCT o.id) AS orders, SUM(l.quantity) AS qty,
           SUM(COALESCE(l.paid_fen, l.price_fen * l.quantity)) AS rev ${base} GROUP BY l.sku_id`,
      )
      .all(params);
    return {
      total: { orders: total.orders, quantity: total.qty ?? 0, revenueFen: total.rev ?? 0 },
      bySku: new Map(bySku.map((s) => [s.sku_id, { orders: s.orders, quantity: s.qty, revenueFen: s.rev }])),
    };
  };
  const during = figures(p.start_date, p.end_date);
  const previous = figures(before.from, before.to);
  const zero: PromotionFigures = { orders: 0, quantity: 0, revenueFen: 0 };
  const skus = getPromotion(store, id).skus;
  return {
    window: { from: p.start_date, to: p.end_date, days },
    before,
    partial: today(store) <= p.end_date,
    during: during.total,
    previous: previous.total,
    bySku: skus.map((s) => ({
      skuId: s.id,
      code: s.code,
      title: s.title,
      spec: s.spec,
      during: during.bySku.get(s.id) ?? zero,
      previous: previous.bySku.get(s.id) ?? zero,
    })),
  };
}

// ---- creative tasks, checklist edits, results CSV --------------------------------------
/** The art tab's design tasks linked to a campaign (read here; written only by modules/art). */
export function creativeTasksOf(store: Store, promotionId: string, day: string): PromotionCreativeTask[] {
  return store
    .stmt<{
      id: string;
      number: string;
      type: string;
      creative_kind: CreativeKind | null;
      title: string;
      status: PromotionCreativeTask['status'];
      priority: PromotionCreativeTask['priority'];
      assignee_name: string | null;
      requester_name: string | null;
      due_date: string | null;
      revision_count: number;
      completed_at: string | null;
    }>(
      `SELECT a.id, a.number, a.type, a.creative_kind, a.title, a.status, a.priority, asg.name AS assignee_name,
         rq.name AS requester_name, a.due_date, a.revision_count, a.completed_at
       FROM art_task a LEFT JOIN staff asg ON asg.id = a.assignee_id LEFT JOIN staff rq ON rq.id = a.requester_id
       WHERE a.promotion_id = ? AND a.deleted_at IS NULL
       ORDER BY a.due_date IS NULL, a.due_date, a.number`,
    )
    .all(promotionId)
    .map((a) => ({
      id: a.id,
      number: a.number,
      type: a.type,
      creativeKind: a.creative_kind,
      title: a.title,
      status: a.status,
      priority: a.priority,
      assigneeName: a.assignee_name,
      requesterName: a.requester_name,
      dueDate: a.due_date,
      overdue: a.status !== 'done' && a.due_date !== null && a.due_date < day,
      revisionCount: a.revision_count,
      completedAt: a.completed_at,
    }));
}

interface TaskItemDb {
  id: string;
  promotion_id: string;
  position: number;
  title: string;
  owner_id: string;
  due_date: string;
  done_at: string | null;
}
/** A live checklist item that is not ticked: a ticked item stays as it was, as history. */
function openItem(store: Store, taskId: string): TaskItemDb {
  const t = store
    .stmt<TaskItemDb>(
      `SELECT id, promotion_id, position, title, owner_id, due_date, done_at FROM promotion_task
       WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(taskId);
  if (!t) throw notFound('promotionTask');
  if (t.done_at) throw new AppError('CONFLICT', 'promotionTaskDone', { title: t.title });
  return t;
}

/** Change an item's title, owner or due date (not once ticked). Answers the promotion id. */
export function editTask(
  store: Store,
  by: string,
  input: { taskId: string; title: string; ownerId: string; dueDate: string },
): string {
  const t = openItem(store, input.taskId);
  if (
    t.owner_id !== input.ownerId &&
    !store.stmt(`SELECT 1 FROM staff WHERE id = ? AND active = 1`).get(input.ownerId)
  )
    throw fieldErrors({ ownerId: { key: 'validation.activeStaff' } });
  const next = { title: input.title, owner_id: input.ownerId, due_date: input.dueDate };
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(next))
    if (t[k as keyof TaskItemDb] !== v) fields[k] = { from: t[k as keyof TaskItemDb], to: v };
  if (!Object.keys(fields).length) return t.promotion_id;
  store
    .stmt(
      `UPDATE promotion_task SET title = @title, owner_id = @owner_id, due_date = @due_date,
         updated_at = @at, updated_by = @by WHERE id = @id`,
    )
    .run({ ...next, at: store.isoNow(), by, id: t.id });
  store.log({ staffId: by, entity: 'promotion_task', rowId: t.id, op: 'update', label: input.title, fields });
  return t.promotion_id;
}

/** Take an unticked item off the checklist (a tombstone; the change log keeps it). */
export function removeTask(store: Store, by: string, input: { taskId: string }): string {
  const t = openItem(store, input.taskId);
  const at = store.isoNow();
  store.stmt(`UPDATE promotion_task SET deleted_at = ?, deleted_by = ? WHERE id = ?`).run(at, by, t.id);
  store.log({
    staffId: by,
    entity: 'promotion_task',
    rowId: t.id,
    op: 'delete',
    label: t.title,
    fields: { deleted_at: { from: null, to: at } },
  });
  return t.promotion_id;
}

/** Swap an item with its neighbour above or below (ticked items move too: only the order changes). */
export function moveTask(
  store: Store,
  by: string,
  input: { taskId: string; direction: 'up' | 'down' },
): string {
  const t = store
    .stmt<TaskItemDb>(
      `SELECT id, promotion_id, position, title FROM promotion_task WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(input.taskId);
  if (!t) throw notFound('promotionTask');
  const other = store
    .stmt<{ id: string; position: number; title: string }>(
      input.direction === 'up'
        ? `SELECT id, position, title FROM promotion_task WHERE promotion_id = ? AND deleted_at IS NULL
             AND position < ? ORDER BY position DESC LIMIT 1`
        : `SELECT id, position, title FROM promotion_task WHERE promotion_id = ? AND deleted_at IS NULL
             AND position > ? ORDER BY position LIMIT 1`,
    )
    .get(t.promotion_id, t.position);
  if (!other) return t.promotion_id;
  const set = store.stmt(`UPDATE promotion_task SET position = ? WHERE id = ?`);
  set.run(other.position, t.id);
  set.run(t.position, other.id);
  for (const [row, from, to, label] of [
    [t.id, t.position, other.position, t.title],
    [other.id, other.position, t.position, other.title],
  ] as const)
    store.log({
      staffId: by,
      entity: 'promotion_task',
      rowId: row,
      op: 'reorder',
      label,
      fields: { position: { from, to } },
    });
  return t.promotion_id;
}

export const RESULTS_CSV_HEADER = [
  '商家编码',
  '商品名称',
  '规格',
  '活动期订单数',
  '活动期件数',
  '活动期销售额(元)',
  '活动前订单数',
  '活动前件数',
  '活动前销售额(元)',
  '销售额增长(%)',
];

/** Per SKU (then 合计): the campaign's days against the same number of days just before. */
export function resultsCsvQuery(store: Store, id: string): CsvQuery {
  const p = store.stmt<PromotionDb>(`SELECT * FROM promotion WHERE id = ?`).get(id);
  if (!p) throw notFound('promotion');
  const days = daysInclusive(p.start_date, p.end_date);
  const during = dayRangeUtc(store, p.start_date, p.end_date);
  const before = dayRangeUtc(store, addDays(p.start_date, -days), addDays(p.start_date, -1));
  const cells = (label: string[]) =>
    sqlCsvLine([
      ...label,
      'd_orders',
      'd_qty',
      sqlFormatYuan('d_rev'),
      'b_orders',
      'b_qty',
      sqlFormatYuan('b_rev'),
      `CASE WHEN b_rev > 0 THEN printf('%.1f', (d_rev - b_rev) * 100.0 / b_rev) ELSE '' END`,
    ]);
  const agg = (group: string) => `SELECT ${group}
      COUNT(DISTINCT CASE WHEN during THEN order_id END) AS d_orders,
      COALESCE(SUM(CASE WHEN during THEN qty END), 0) AS d_qty,
      COALESCE(SUM(CASE WHEN during THEN rev END), 0) AS d_rev,
      COUNT(DISTINCT CASE WHEN NOT during THEN order_id END) AS b_orders,
      COALESCE(SUM(CASE WHEN NOT during THEN qty END), 0) AS b_qty,
      COALESCE(SUM(CASE WHEN NOT during THEN rev END), 0) AS b_rev
    FROM lines`;
  return {
    header: RESULTS_CSV_HEADER,
    sql: `WITH lines AS (
        SELECT l.sku_id, o.id AS order_id, l.quantity AS qty,
          COALESCE(l.paid_fen, l.price_fen * l.quantity) AS rev, o.ordered_at >= @dFrom AS during
        FROM promotion_sku ps JOIN sales_order_line l ON l.sku_id = ps.sku_id
        JOIN sales_order o ON o.id = l.order_id
        WHERE ps.promotion_id = @id AND o.ordered_at >= @bFrom AND o.ordered_at < @dTo AND ${COUNTED}
          AND (o.ordered_at >= @dFrom OR o.ordered_at < @bTo)
      ), per AS (${agg('sku_id,')} GROUP BY sku_id), total AS (${agg('')})
      SELECT line FROM (
        SELECT ${cells([sqlCsvText('s.code'), sqlCsvText('pr.title'), sqlCsvText('s.spec')]).replace(
          /\b(d_orders|d_qty|d_rev|b_orders|b_qty|b_rev)\b/g,
          'COALESCE(a.$1, 0)',
        )} AS line, 0 AS k, s.code AS code
        FROM promotion_sku ps JOIN sku s ON s.id = ps.sku_id JOIN product pr ON pr.id = s.product_id
        LEFT JOIN per a ON a.sku_id = ps.sku_id WHERE ps.promotion_id = @id
        UNION ALL
        SELECT ${cells(["'合计'", "''", "''"])}, 1, '' FROM total
      ) ORDER BY k, code`,
    params: { id, dFrom: during.fromUtc, dTo: during.toUtc, bFrom: before.fromUtc, bTo: before.toUtc },
  };
}

export function exportResultsCsv(
  store: Store,
  host: Host,
  input: { id: string; encoding: CsvEncoding },
): Promise<ExportResult> {
  const p = store.stmt<PromotionDb>(`SELECT * FROM promotion WHERE id = ?`).get(input.id);
  if (!p) throw notFound('promotion');
  const name = p.name.replace(/[\\/:*?"<>|\s]+/g, '_');
  return exportCsv(store, host, `活动效果_${name}`, input.encoding, () => resultsCsvQuery(store, input.id));
}
