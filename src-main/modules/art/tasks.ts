// Design tasks (设计任务, §10–§11): the only writer of art_task, art_task_sku, art_task_event and
// art_task_image. Every function runs inside the caller's transaction (router 'tx' mode).
//
// The board: 待办 → 进行中 → 待审核 → 需修改 → 已完成. Designers move tasks along TASK_MOVES;
// only a reviewer (art.review) takes a task out of 待审核: approve → 已完成, revise → 需修改
// (with a comment; the revision count goes up). Every move, review and comment is an
// art_task_event row — append-only, the task's history. People outside the art team (客服主管,
// 仓储主管) may request work: they create tasks and edit their own while still 待办.
import type { z } from 'zod';
import type { ExportResult, Paged } from '../../api/contract';
import {
  TASK_MOVES,
  type Task,
  type TaskEvent,
  type taskFilter,
  type taskInput,
  type TaskPriority,
  type TaskRow,
  type TaskStatus,
  type TaskType,
} from '../../api/contract-art';
import type { Host } from '../../api/host';
import { can, type Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { imageRowsByIds } from './library';
import { localToday, zoneOffsetMinutes } from './time';

export type TaskFilterData = z.output<typeof taskFilter>;
export type TaskData = z.output<typeof taskInput>;
type Changes = Record<string, { from: unknown; to: unknown }>;

export const TYPE_NAME: Readonly<Record<TaskType, string>> = {
  shoot: '产品拍摄',
  retouch: '修图',
  main_image: '主图',
  detail_page: '详情页',
  promo: '促销图/活动页',
  homepage: '首页更新',
  template: '描述模板',
};
export const STATUS_NAME: Readonly<Record<TaskStatus, string>> = {
  todo: '待办',
  doing: '进行中',
  review: '待审核',
  rework: '需修改',
  done: '已完成',
};
const PRIORITY_NAME: Readonly<Record<TaskPriority, string>> = {
  low: '低',
  normal: '普通',
  high: '高',
  urgent: '紧急',
};

interface TaskDb {
  id: string;
  number: string;
  type: TaskType;
  title: string;
  brief: string;
  status: TaskStatus;
  priority: TaskPriority;
  requester_id: string;
  assignee_id: string | null;
  due_date: string | null;
  promotion_id: string | null;
  creative_kind: 'banner' | 'page' | 'homepage' | null;
  revision_count: number;
  submitted_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const ROW_SELECT = `SELECT t.*, rq.name AS requester_name, asg.name AS assignee_name,
    (SELECT group_concat(code, ',') FROM (SELECT s.code FROM art_task_sku ts JOIN sku s ON s.id = ts.sku_id
       WHERE ts.task_id = t.id ORDER BY s.code)) AS sku_codes,
    (SELECT COUNT(*) FROM art_task_image ti WHERE ti.task_id = t.id) AS deliverables
  FROM art_task t LEFT JOIN staff rq ON rq.id = t.requester_id LEFT JOIN staff asg ON asg.id = t.assignee_id`;
type RowDb = TaskDb & {
  requester_name: string | null;
  assignee_name: string | null;
  sku_codes: string | null;
  deliverables: number;
};

function toRow(r: RowDb, today: string): TaskRow {
  return {
    id: r.id,
    number: r.number,
    type: r.type,
    title: r.title,
    status: r.status,
    priority: r.priority,
    requesterId: r.requester_id,
    requesterName: r.requester_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    dueDate: r.due_date,
    overdue: r.status !== 'done' && r.due_date !== null && r.due_date < today,
    revisionCount: r.revision_count,
    promotionId: r.promotion_id,
    skuCodes: r.sku_codes ? r.sku_codes.split(',') : [],
    deliverableCount: r.deliverables,
    createdAt: r.created_at,
    completedAt: r.completed_at,
    version: r.updated_at,
  };
}

const today = (store: Store) => localToday(store.now(), shopTimeZone(store));

/** WHERE (fixed fragments) and parameters for a task filter. */
function filterSql(store: Store, f: TaskFilterData): { where: string; params: Record<string, unknown> } {
  const parts = ['t.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (f.status) {
    parts.push('t.status = @status');
    params.status = f.status;
  }
  if (f.type) {
    parts.push('t.type = @type');
    params.type = f.type;
  }
  if (f.assigneeId) {
    parts.push('t.assignee_id = @assigneeId');
    params.assigneeId = f.assigneeId;
  }
  if (f.skuId) {
    parts.push('t.id IN (SELECT ts.task_id FROM art_task_sku ts WHERE ts.sku_id = @skuId)');
    params.skuId = f.skuId;
  }
  if (f.dueFrom) {
    parts.push('t.due_date >= @dueFrom');
    params.dueFrom = f.dueFrom;
  }
  if (f.dueTo) {
    parts.push('t.due_date <= @dueTo');
    params.dueTo = f.dueTo;
  }
  if (f.q) {
    parts.push(`(instr(lower(t.number), @q) > 0 OR instr(lower(t.title), @q) > 0 OR t.id IN (
      SELECT ts.task_id FROM art_task_sku ts JOIN sku s ON s.id = ts.sku_id WHERE instr(lower(s.code), @q) > 0))`);
    params.q = f.q.toLowerCase();
  }
  if (!f.includeOldDone) {
    // Done more than 30 days ago: off the board (still in the export and the calendar).
    parts.push(`(t.status <> 'done' OR t.completed_at >= @doneSince)`);
    params.doneSince = new Date(store.now() - 30 * 86_400_000).toISOString();
  }
  return { where: parts.join(' AND '), params };
}

const PRIORITY_ORDER = `CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END`;

export function listTasks(
  store: Store,
  input: { filter: TaskFilterData; offset: number; limit: number },
): Paged<TaskRow> {
  const { where, params } = filterSql(store, input.filter);
  const rows = store
    .stmt<RowDb>(
      `${ROW_SELECT} WHERE ${where}
       ORDER BY t.due_date IS NULL, t.due_date, ${PRIORITY_ORDER}, t.number LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM art_task t WHERE ${where}`)
    .get(params)!.n;
  const day = today(store);
  return { rows: rows.map((r) => toRow(r, day)), total };
}

function taskDb(store: Store, id: string): TaskDb {
  const r = store.stmt<TaskDb>(`SELECT * FROM art_task WHERE id = ? AND deleted_at IS NULL`).get(id);
  if (!r) throw notFound('task');
  return r;
}

export function getTask(store: Store, id: string): Task {
  const r = store.stmt<RowDb>(`${ROW_SELECT} WHERE t.id = ? AND t.deleted_at IS NULL`).get(id);
  if (!r) throw notFound('task');
  const skus = store
    .stmt<{ id: string; code: string; title: string; spec: string }>(
      `SELECT s.id, s.code, p.title, s.spec FROM art_task_sku ts JOIN sku s ON s.id = ts.sku_id
       JOIN product p ON p.id = s.product_id WHERE ts.task_id = ? ORDER BY s.code`,
    )
    .all(id);
  const events = store
    .stmt<{
      seq: number;
      at: string;
      staff_id: string;
      staff_name: string | null;
      kind: TaskEvent['kind'];
      from_status: TaskStatus | null;
      to_status: TaskStatus | null;
      comment: string;
    }>(
      `SELECT e.seq, e.at, e.staff_id, st.name AS staff_name, e.kind, e.from_status, e.to_status, e.comment
       FROM art_task_event e LEFT JOIN staff st ON st.id = e.staff_id WHERE e.task_id = ? ORDER BY e.seq`,
    )
    .all(id)
    .map((e): TaskEvent => ({
      seq: e.seq,
      at: e.at,
      staffId: e.staff_id,
      staffName: e.staff_name,
      kind: e.kind,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
    }));
  const imageIds = store
    .stmt<{ image_id: string }>(`SELECT image_id FROM art_task_image WHERE task_id = ? ORDER BY added_at`)
    .all(id)
    .map((x) => x.image_id);
  const deliverables = imageRowsByIds(store, imageIds);
  const promotion = r.promotion_id
    ? (store
        .stmt<{ id: string; number: string; name: string; startDate: string; endDate: string }>(
          `SELECT id, number, name, start_date AS startDate, end_date AS endDate FROM promotion WHERE id = ?`,
        )
        .get(r.promotion_id) ?? null)
    : null;
  return {
    ...toRow(r, today(store)),
    brief: r.brief,
    skus,
    events,
    deliverables,
    promotion,
    creativeKind: r.creative_kind,
  };
}

/** Append one row to the task's history (art_task_event, append-only). */
export function taskEvent(
  store: Store,
  by: string,
  taskId: string,
  kind: TaskEvent['kind'],
  from: TaskStatus | null,
  to: TaskStatus | null,
  comment = '',
): void {
  store
    .stmt(
      `INSERT INTO art_task_event (id, task_id, at, staff_id, kind, from_status, to_status, comment)
       VALUES (@id, @taskId, @at, @by, @kind, @from, @to, @comment)`,
    )
    .run({ id: newId(), taskId, at: store.isoNow(), by, kind, from, to, comment });
}

function checkVersion(r: TaskDb, expected: string | undefined): void {
  if (expected !== undefined && expected !== r.updated_at) throw new AppError('CONFLICT', 'staleEdit');
}

function checkRefs(store: Store, input: TaskData): void {
  const bad: Record<string, { key: string }> = {};
  if (input.assigneeId) {
    const a = store
      .stmt<{ role: Role }>(`SELECT role FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL`)
      .get(input.assigneeId);
    if (!a || !can(a.role, 'art.tasks') || !can(a.role, 'art.read'))
      bad.assigneeId = { key: 'validation.assigneeNotArt' };
  }
  input.skuIds.forEach((sid, i) => {
    if (!store.stmt(`SELECT 1 FROM sku WHERE id = ? AND deleted_at IS NULL`).get(sid))
      bad[`skuIds.${i}`] = { key: 'validation.skuMissing' };
  });
  if (Object.keys(bad).length) throw fieldErrors(bad);
}

/** A change to what hangs off a task (its SKUs, its deliverables): the task's version moves and the change is logged. */
export function touchTask(
  store: Store,
  by: string,
  task: { id: string; number: string },
  op: string,
  fields: Record<string, { from: unknown; to: unknown }>,
): void {
  const stamp = store.stamp();
  store
    .stmt(`UPDATE art_task SET updated_at = @stamp, updated_by = @by WHERE id = @id`)
    .run({ stamp, by, id: task.id });
  store.log({ staffId: by, entity: 'art_task', rowId: task.id, op, label: task.number, fields }, stamp);
}

/** Replace a task's SKU links; what they were and are (sorted). */
export function setSkus(store: Store, taskId: string, skuIds: string[]): { from: string[]; to: string[] } {
  const before = store
    .stmt<{ sku_id: string }>(`SELECT sku_id FROM art_task_sku WHERE task_id = ? ORDER BY sku_id`)
    .all(taskId)
    .map((x) => x.sku_id);
  const after = [...new Set(skuIds)].sort();
  for (const s of before)
    if (!after.includes(s))
      store.stmt(`DELETE FROM art_task_sku WHERE task_id = ? AND sku_id = ?`).run(taskId, s);
  for (const s of after)
    if (!before.includes(s))
      store.stmt(`INSERT INTO art_task_sku (task_id, sku_id) VALUES (?, ?)`).run(taskId, s);
  return { from: before, to: after };
}

/** Create or edit a task. `role` decides what a requester outside the art team may do. */
export function saveTask(store: Store, by: string, role: Role, input: TaskData): Task {
  checkRefs(store, input);
  const artTeam = can(role, 'art.read');
  if (!input.id) {
    const id = newId();
    const stamp = store.stamp();
    const number = store.nextNumber('SJ', shopTimeZone(store));
    store
      .stmt(
        `INSERT INTO art_task (id, number, type, title, brief, status, priority, requester_id, assignee_id,
           due_date, promotion_id, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @number, @type, @title, @brief, 'todo', @priority, @by, @assigneeId, @dueDate,
           @promotionId, @at, @by, @stamp, @by)`,
      )
      .run({
        id,
        number,
        type: input.type,
        title: input.title,
        brief: input.brief,
        priority: input.priority,
        by,
        assigneeId: artTeam ? input.assigneeId : null,
        dueDate: input.dueDate,
        promotionId: input.promotionId,
        at: store.isoNow(),
        stamp,
      });
    const skus = setSkus(store, id, input.skuIds);
    taskEvent(store, by, id, 'created', null, 'todo');
    store.log(
      {
        staffId: by,
        entity: 'art_task',
        rowId: id,
        op: 'create',
        label: number,
        fields: {
          type: { from: null, to: input.type },
          title: { from: null, to: input.title },
          dueDate: { from: null, to: input.dueDate },
          assigneeId: { from: null, to: artTeam ? input.assigneeId : null },
          skuIds: { from: [], to: skus.to },
        },
      },
      stamp,
    );
    return getTask(store, id);
  }
  const r = taskDb(store, input.id);
  checkVersion(r, input.expectedVersion);
  if (!artTeam && (r.requester_id !== by || r.status !== 'todo'))
    throw new AppError('FORBIDDEN', 'forbidden');
  if (r.status === 'done') throw new AppError('CONFLICT', 'taskDone');
  const next = {
    type: input.type,
    title: input.title,
    brief: input.brief,
    priority: input.priority,
    assignee_id: artTeam ? input.assigneeId : r.assignee_id,
    due_date: input.dueDate,
    promotion_id: input.promotionId,
  };
  const fields: Changes = {};
  for (const [k, v] of Object.entries(next)) {
    const before = r[k as keyof TaskDb];
    if (before !== v) fields[k] = { from: before, to: v };
  }
  const skus = setSkus(store, r.id, input.skuIds);
  if (skus.from.join() !== skus.to.join()) fields.skuIds = skus;
  if (!Object.keys(fields).length) return getTask(store, r.id);
  const stamp = store.stamp();
  store
    .stmt(
      `UPDATE art_task SET type = @type, title = @title, brief = @brief, priority = @priority,
         assignee_id = @assignee_id, due_date = @due_date, promotion_id = @promotion_id,
         updated_at = @stamp, updated_by = @by WHERE id = @id`,
    )
    .run({ ...next, stamp, by, id: r.id });
  store.log({ staffId: by, entity: 'art_task', rowId: r.id, op: 'update', label: r.number, fields }, stamp);
  return getTask(store, r.id);
}

function setStatus(store: Store, by: string, r: TaskDb, to: TaskStatus, extra: Changes = {}): void {
  const stamp = store.stamp();
  const at = store.isoNow();
  const revisions = to === 'rework' ? r.revision_count + 1 : r.revision_count;
  store
    .stmt(
      `UPDATE art_task SET status = @to, revision_count = @revisions,
         submitted_at = CASE WHEN @to = 'review' THEN @at ELSE submitted_at END,
         completed_at = CASE WHEN @to = 'done' THEN @at ELSE NULL END,
         updated_at = @stamp, updated_by = @by WHERE id = @id`,
    )
    .run({ to, revisions, at, stamp, by, id: r.id });
  const fields: Changes = { status: { from: r.status, to }, ...extra };
  if (revisions !== r.revision_count) fields.revisionCount = { from: r.revision_count, to: revisions };
  store.log({ staffId: by, entity: 'art_task', rowId: r.id, op: 'status', label: r.number, fields }, stamp);
}

/** A designer's move on the board. */
export function moveTask(
  store: Store,
  by: string,
  role: Role,
  input: { id: string; expectedVersion?: string | undefined; to: TaskStatus; comment: string },
): Task {
  if (!can(role, 'art.read')) throw new AppError('FORBIDDEN', 'forbidden');
  const r = taskDb(store, input.id);
  checkVersion(r, input.expectedVersion);
  if (r.status === input.to) return getTask(store, r.id);
  if (!TASK_MOVES[r.status].includes(input.to))
    throw new AppError('CONFLICT', 'taskMove', { from: STATUS_NAME[r.status], to: STATUS_NAME[input.to] });
  const extra: Changes = {};
  // Whoever starts an unassigned task takes it.
  if (input.to === 'doing' && !r.assignee_id) {
    store.stmt(`UPDATE art_task SET assignee_id = ? WHERE id = ?`).run(by, r.id);
    extra.assigneeId = { from: null, to: by };
  }
  setStatus(store, by, r, input.to, extra);
  taskEvent(store, by, r.id, 'move', r.status, input.to, input.comment);
  return getTask(store, r.id);
}

/** The supervisor's review of a task in 待审核: approve (已完成) or ask for a revision (需修改). */
export function reviewTask(
  store: Store,
  by: string,
  input: {
    id: string;
    expectedVersion?: string | undefined;
    decision: 'approve' | 'revise';
    comment: string;
  },
): Task {
  const r = taskDb(store, input.id);
  checkVersion(r, input.expectedVersion);
  if (r.status !== 'review') throw new AppError('CONFLICT', 'taskNotInReview');
  if (input.decision === 'revise' && !input.comment)
    throw fieldErrors({ comment: { key: 'validation.required' } });
  const to: TaskStatus = input.decision === 'approve' ? 'done' : 'rework';
  setStatus(store, by, r, to);
  taskEvent(store, by, r.id, input.decision, r.status, to, input.comment);
  return getTask(store, r.id);
}

/** Attach (or detach) library images as the task's deliverables. */
export function attachImages(
  store: Store,
  by: string,
  input: { id: string; imageIds: string[]; detach: boolean },
): Task {
  const r = taskDb(store, input.id);
  if (r.status === 'done') throw new AppError('CONFLICT', 'taskDone');
  const before = store
    .stmt<{ image_id: string }>(`SELECT image_id FROM art_task_image WHERE task_id = ? ORDER BY image_id`)
    .all(r.id)
    .map((x) => x.image_id);
  input.imageIds.forEach((iid, i) => {
    const img = store
      .stmt<{ deleted_at: string | null }>(`SELECT deleted_at FROM library_image WHERE id = ?`)
      .get(iid);
    if (!img || (img.deleted_at && !input.detach))
      throw fieldErrors({ [`imageIds.${i}`]: { key: 'validation.imageMissing' } });
    if (input.detach)
      store.stmt(`DELETE FROM art_task_image WHERE task_id = ? AND image_id = ?`).run(r.id, iid);
    else
      store
        .stmt(
          `INSERT OR IGNORE INTO art_task_image (task_id, image_id, added_at, added_by) VALUES (@t, @i, @at, @by)`,
        )
        .run({ t: r.id, i: iid, at: store.isoNow(), by });
  });
  const after = store
    .stmt<{ image_id: string }>(`SELECT image_id FROM art_task_image WHERE task_id = ? ORDER BY image_id`)
    .all(r.id)
    .map((x) => x.image_id);
  if (before.join() !== after.join()) {
    touchTask(store, by, r, 'deliverables', { imageIds: { from: before, to: after } });
  }
  return getTask(store, r.id);
}

export const TASK_CSV_HEADER = [
  '任务编号',
  '类型',
  '标题',
  '状态',
  '优先级',
  '商家编码',
  '需求人',
  '负责人',
  '截止日期',
  '是否逾期',
  '修改次数',
  '交付图片数',
  '创建时间',
  '完成时间',
];

export function taskCsvQuery(store: Store, filter: TaskFilterData): CsvQuery {
  const { where, params } = filterSql(store, filter);
  const offset = `${zoneOffsetMinutes(store.now(), shopTimeZone(store))} minutes`;
  const local = (col: string) => `strftime('%Y-%m-%d %H:%M', ${col}, @offset)`;
  const caseOf = (col: string, names: Record<string, string>) =>
    `CASE ${col} ${Object.entries(names)
      .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
      .join(' ')} ELSE ${col} END`;
  const line = sqlCsvLine([
    sqlCsvText('t.number'),
    sqlCsvText(caseOf('t.type', TYPE_NAME)),
    sqlCsvText('t.title'),
    caseOf('t.status', STATUS_NAME),
    caseOf('t.priority', PRIORITY_NAME),
    sqlCsvText(`(SELECT group_concat(code, ' | ') FROM (SELECT s.code FROM art_task_sku ts
      JOIN sku s ON s.id = ts.sku_id WHERE ts.task_id = t.id ORDER BY s.code))`),
    sqlCsvText('rq.name'),
    sqlCsvText('asg.name'),
    `COALESCE(t.due_date, '')`,
    `CASE WHEN t.status <> 'done' AND t.due_date < @today THEN '是' ELSE '否' END`,
    't.revision_count',
    '(SELECT COUNT(*) FROM art_task_image ti WHERE ti.task_id = t.id)',
    local('t.created_at'),
    `COALESCE(${local('t.completed_at')}, '')`,
  ]);
  return {
    header: TASK_CSV_HEADER,
    sql: `SELECT ${line} FROM art_task t LEFT JOIN staff rq ON rq.id = t.requester_id
      LEFT JOIN staff asg ON asg.id = t.assignee_id WHERE ${where} ORDER BY t.number`,
    params: { ...params, offset, today: today(store) },
  };
}

export function exportTasksCsv(
  store: Store,
  host: Host,
  input: { filter: TaskFilterData; encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '设计任务', input.encoding, () => taskCsvQuery(store, input.filter));
}
