// Samples lent to the art team (样品借出, issue 5 §1; rulebook §9, §11.4): the only writer of
// sample_loan, sample_loan_line and sample_event. Every function runs inside the caller's
// transaction (router 'tx' mode).
//
// A design task requests samples (SKUs, quantities, expected return date). The warehouse issues
// them: one 其他出库 (reason 样品借出, counterpart = the designer) with bins chosen in walk order by
// shipping's `allocate`, posted through the normal path (no bin below zero without an override).
// Samples come back, in part or in full, on posted 其他入库 documents (reason 样品归还): good pieces
// into a normal bin (default: the bin they left from), damaged ones into the defects bin (次品区).
// A lost sample is written off by 仓储主管 with a reason: no movement, since it already left stock
// on the outbound; the write-off is recorded on the loan (sample_event) and in change_log.
// Posted documents are immutable, so the loan links to them from sample_event.
import type { z } from 'zod';
import type { ExportResult, Paged } from '../../api/contract';
import type {
  Loan,
  LoanCounts,
  LoanEvent,
  LoanLine,
  LoanRow,
  LoanStatus,
  loanFilter,
  loanIssueInput,
  loanRequestInput,
  loanReturnInput,
  loanWriteOffInput,
  loanCancelInput,
} from '../../api/contract-samples';
import type { Host } from '../../api/host';
import { can, type Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { localToday, zoneOffsetMinutes } from '../art/time';
import { shopTimeZone } from '../staff/service';
import { getDocument, post, saveDraft } from './service';
import { allocate, checkOrderSkus, mainBinOf } from './shipping';

export type LoanFilterData = z.output<typeof loanFilter>;
type Changes = Record<string, { from: unknown; to: unknown }>;

export const LOAN_PREFIX = 'YP';
export const ISSUE_REASON = '样品借出';
export const RETURN_REASON = '样品归还';
export const STATUS_NAME: Readonly<Record<LoanStatus, string>> = {
  requested: '待发出',
  out: '借出中',
  closed: '已归还',
  cancelled: '已取消',
};

interface LoanDb {
  id: string;
  number: string;
  task_id: string;
  borrower_id: string;
  due_date: string;
  status: LoanStatus;
  notes: string;
  requested_at: string;
  requested_by: string;
  issued_at: string | null;
  issued_by: string | null;
  out_document_id: string | null;
  closed_at: string | null;
  updated_at: string;
}
interface LineDb {
  id: string;
  sku_id: string;
  code: string;
  title: string;
  spec: string;
  quantity: number;
  issued: number;
  returned_good: number;
  returned_damaged: number;
  written_off: number;
}

const today = (store: Store) => localToday(store.now(), shopTimeZone(store));

const ROW_SELECT = `SELECT l.*, t.number AS task_number, t.title AS task_title, b.name AS borrower_name,
    rq.name AS requested_by_name, iss.name AS issued_by_name, od.number AS out_document_number
  FROM sample_loan l JOIN art_task t ON t.id = l.task_id JOIN staff b ON b.id = l.borrower_id
  JOIN staff rq ON rq.id = l.requested_by LEFT JOIN staff iss ON iss.id = l.issued_by
  LEFT JOIN stock_document od ON od.id = l.out_document_id`;
type RowDb = LoanDb & {
  task_number: string;
  task_title: string;
  borrower_name: string;
  requested_by_name: string;
  issued_by_name: string | null;
  out_document_number: string | null;
};

function linesOf(store: Store, loanId: string): LineDb[] {
  return store
    .stmt<LineDb>(
      `SELECT ll.id, ll.sku_id, s.code, p.title, s.spec, ll.quantity, ll.issued, ll.returned_good,
         ll.returned_damaged, ll.written_off
       FROM sample_loan_line ll JOIN sku s ON s.id = ll.sku_id JOIN product p ON p.id = s.product_id
       WHERE ll.loan_id = ? ORDER BY ll.line_no`,
    )
    .all(loanId);
}

const outOf = (l: LineDb) => l.issued - l.returned_good - l.returned_damaged - l.written_off;

function toRow(store: Store, r: RowDb, day: string): LoanRow {
  const lines: LoanLine[] = linesOf(store, r.id).map((l) => ({
    skuId: l.sku_id,
    code: l.code,
    title: l.title,
    spec: l.spec,
    quantity: l.quantity,
    issued: l.issued,
    returnedGood: l.returned_good,
    returnedDamaged: l.returned_damaged,
    writtenOff: l.written_off,
    out: outOf(l),
  }));
  const returns = store
    .stmt<{ number: string }>(
      `SELECT d.number FROM sample_event e JOIN stock_document d ON d.id = e.document_id
       WHERE e.loan_id = ? AND e.kind = 'returned' ORDER BY e.seq`,
    )
    .all(r.id)
    .map((x) => x.number);
  return {
    id: r.id,
    number: r.number,
    taskId: r.task_id,
    taskNumber: r.task_number,
    taskTitle: r.task_title,
    borrowerId: r.borrower_id,
    borrowerName: r.borrower_name,
    dueDate: r.due_date,
    status: r.status,
    overdue: r.status === 'out' && r.due_date < day,
    notes: r.notes,
    requestedAt: r.requested_at,
    requestedByName: r.requested_by_name,
    issuedAt: r.issued_at,
    issuedByName: r.issued_by_name,
    outDocumentId: r.out_document_id,
    outDocumentNumber: r.out_document_number,
    returnDocumentNumbers: returns,
    lines,
    outQuantity: lines.reduce((n, l) => n + l.out, 0),
    version: r.updated_at,
  };
}

/** WHERE (fixed fragments) and parameters of the list's filter. */
function filterSql(store: Store, callerId: string, f: LoanFilterData) {
  const parts: string[] = [];
  const params: Record<string, unknown> = { today: today(store) };
  switch (f.view) {
    case 'open':
      parts.push(`l.status IN ('requested', 'out')`);
      break;
    case 'overdue':
      parts.push(`l.status = 'out' AND l.due_date < @today`);
      break;
    case 'all':
      parts.push(`l.status IN ('requested', 'out', 'closed', 'cancelled')`);
      break;
    default:
      parts.push(`l.status = @status`);
      params.status = f.view;
  }
  if (f.taskId) {
    parts.push('l.task_id = @taskId');
    params.taskId = f.taskId;
  }
  if (f.mine) {
    parts.push('l.borrower_id = @me');
    params.me = callerId;
  }
  if (f.q) {
    parts.push(`(instr(lower(l.number), @q) > 0 OR instr(lower(t.number), @q) > 0 OR instr(t.title, @q) > 0
      OR instr(b.name, @q) > 0 OR EXISTS (SELECT 1 FROM sample_loan_line x JOIN sku s ON s.id = x.sku_id
        WHERE x.loan_id = l.id AND instr(lower(s.code), @q) > 0))`);
    params.q = f.q.toLowerCase();
  }
  return { where: parts.join(' AND '), params };
}

export function listLoans(
  store: Store,
  callerId: string,
  input: { filter: LoanFilterData; offset: number; limit: number },
): Paged<LoanRow> {
  const { where, params } = filterSql(store, callerId, input.filter);
  const from = `FROM sample_loan l JOIN art_task t ON t.id = l.task_id JOIN staff b ON b.id = l.borrower_id`;
  const total = store.stmt<{ n: number }>(`SELECT COUNT(*) AS n ${from} WHERE ${where}`).get(params)!.n;
  const day = today(store);
  // Requests first (work to do), then overdue, then by expected return date.
  const rows = store
    .stmt<RowDb>(
      `${ROW_SELECT} WHERE ${where}
       ORDER BY CASE l.status WHEN 'requested' THEN 0 WHEN 'out' THEN 1 ELSE 2 END, l.due_date, l.number
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset })
    .map((r) => toRow(store, r, day));
  return { rows, total };
}

function loanDb(store: Store, id: string): LoanDb {
  const r = store.stmt<LoanDb>(`SELECT * FROM sample_loan WHERE id = ?`).get(id);
  if (!r) throw notFound('sampleLoan');
  return r;
}

export function getLoan(store: Store, id: string): Loan {
  const r = store.stmt<RowDb>(`${ROW_SELECT} WHERE l.id = ?`).get(id);
  if (!r) throw notFound('sampleLoan');
  const events = store
    .stmt<{
      seq: number;
      kind: LoanEvent['kind'];
      at: string;
      staff_name: string | null;
      document_id: string | null;
      document_number: string | null;
      reason: string;
      lines: string;
    }>(
      `SELECT e.seq, e.kind, e.at, st.name AS staff_name, e.document_id, d.number AS document_number, e.reason, e.lines
       FROM sample_event e LEFT JOIN staff st ON st.id = e.staff_id LEFT JOIN stock_document d ON d.id = e.document_id
       WHERE e.loan_id = ? ORDER BY e.seq`,
    )
    .all(id)
    .map((e): LoanEvent => ({
      seq: e.seq,
      kind: e.kind,
      at: e.at,
      staffName: e.staff_name,
      documentId: e.document_id,
      documentNumber: e.document_number,
      reason: e.reason,
      lines: JSON.parse(e.lines) as LoanEvent['lines'],
    }));
  const issuedFrom = r.out_document_id
    ? getDocument(store, r.out_document_id).lines.map((l) => ({
        skuId: l.skuId,
        binId: l.binId,
        binCode: l.binCode,
        quantity: l.quantity,
      }))
    : [];
  return { ...toRow(store, r, today(store)), events, issuedFrom };
}

/** The warehouse's badge (requests waiting) and the open/overdue counts. */
export function loanCounts(store: Store): LoanCounts {
  const r = store
    .stmt<{ requested: number; out: number; overdue: number }>(
      `SELECT
         (SELECT COUNT(*) FROM sample_loan WHERE status = 'requested') AS requested,
         (SELECT COUNT(*) FROM sample_loan WHERE status = 'out') AS out,
         (SELECT COUNT(*) FROM sample_loan WHERE status = 'out' AND due_date < @today) AS overdue`,
    )
    .get({ today: today(store) })!;
  return r;
}

function event(
  store: Store,
  by: string,
  e: {
    loanId: string | null;
    taskId: string;
    kind: LoanEvent['kind'];
    documentId?: string | null;
    reason?: string;
    lines?: unknown[];
  },
): void {
  const seq = store.stmt<{ n: number }>(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM sample_event`).get()!.n;
  store
    .stmt(
      `INSERT INTO sample_event (id, seq, loan_id, task_id, kind, document_id, reason, lines, at, staff_id)
       VALUES (@id, @seq, @loanId, @taskId, @kind, @documentId, @reason, @lines, @at, @by)`,
    )
    .run({
      id: newId(),
      seq,
      loanId: e.loanId,
      taskId: e.taskId,
      kind: e.kind,
      documentId: e.documentId ?? null,
      reason: e.reason ?? '',
      lines: JSON.stringify(e.lines ?? []),
      at: store.isoNow(),
      by,
    });
}

function checkVersion(r: LoanDb, expected: string | undefined): void {
  if (expected !== undefined && expected !== r.updated_at) throw new AppError('CONFLICT', 'staleEdit');
}

function touch(
  store: Store,
  by: string,
  r: LoanDb,
  set: Record<string, unknown>,
  op: string,
  fields: Changes,
) {
  const stamp = store.stamp();
  const cols = Object.keys(set)
    .map((k) => `${k} = @${k}`)
    .join(', ');
  store
    .stmt(
      `UPDATE sample_loan SET ${cols}${cols ? ', ' : ''}updated_at = @stamp, updated_by = @by WHERE id = @id`,
    )
    .run({ ...set, stamp, by, id: r.id });
  store.log({ staffId: by, entity: 'sample_loan', rowId: r.id, op, label: r.number, fields }, stamp);
}

interface TaskInfo {
  id: string;
  number: string;
  status: string;
  requester_id: string;
  assignee_id: string | null;
}
function taskInfo(store: Store, id: string): TaskInfo | undefined {
  return store
    .stmt<TaskInfo>(
      `SELECT id, number, status, requester_id, assignee_id FROM art_task WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(id);
}

/** The task's requester or assignee, or an art reviewer (美工主管, the manager). */
function actsForTask(t: TaskInfo, by: string, role: Role): boolean {
  return t.requester_id === by || t.assignee_id === by || can(role, 'art.review');
}

/** A design task asks the warehouse for samples. */
export function requestSamples(
  store: Store,
  by: string,
  role: Role,
  input: z.output<typeof loanRequestInput>,
): Loan {
  const t = taskInfo(store, input.taskId);
  if (!t) throw fieldErrors({ taskId: { key: 'validation.taskNotFound' } });
  if (!actsForTask(t, by, role)) throw new AppError('FORBIDDEN', 'samplesNotYourTask');
  if (t.status === 'done') throw new AppError('CONFLICT', 'taskDone');
  const errors: Record<string, { key: string; params?: Record<string, string> }> = {};
  if (input.dueDate < today(store)) errors.dueDate = { key: 'validation.notInPast' };
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    if (seen.has(l.skuId)) errors[`lines.${i}.skuId`] = { key: 'validation.duplicateSku' };
    seen.add(l.skuId);
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
  checkOrderSkus(store, input.lines);

  const id = newId();
  const number = store.nextNumber(LOAN_PREFIX, shopTimeZone(store));
  const borrower = t.assignee_id ?? by;
  const stamp = store.stamp();
  const at = store.isoNow();
  store
    .stmt(
      `INSERT INTO sample_loan (id, number, task_id, borrower_id, due_date, status, notes, requested_at, requested_by,
         updated_at, updated_by)
       VALUES (@id, @number, @taskId, @borrower, @dueDate, 'requested', @notes, @at, @by, @stamp, @by)`,
    )
    .run({ id, number, taskId: t.id, borrower, dueDate: input.dueDate, notes: input.notes, at, by, stamp });
  input.lines.forEach((l, i) =>
    store
      .stmt(
        `INSERT INTO sample_loan_line (id, loan_id, line_no, sku_id, quantity) VALUES (@id, @loanId, @no, @skuId, @q)`,
      )
      .run({ id: newId(), loanId: id, no: i + 1, skuId: l.skuId, q: l.quantity }),
  );
  const lines = linesOf(store, id).map((l) => ({ skuId: l.sku_id, code: l.code, quantity: l.quantity }));
  event(store, by, { loanId: id, taskId: t.id, kind: 'requested', lines });
  store.log(
    {
      staffId: by,
      entity: 'sample_loan',
      rowId: id,
      op: 'create',
      label: number,
      fields: {
        task: { from: null, to: t.number },
        borrowerId: { from: null, to: borrower },
        dueDate: { from: null, to: input.dueDate },
        lines: { from: null, to: lines.map((l) => `${l.code}×${l.quantity}`) },
      },
    },
    stamp,
  );
  return getLoan(store, id);
}

/** Withdraw a request before it is issued (the task's people, an art reviewer, or the warehouse). */
export function cancelLoan(
  store: Store,
  by: string,
  role: Role,
  input: z.output<typeof loanCancelInput>,
): Loan {
  const r = loanDb(store, input.id);
  const t = taskInfo(store, r.task_id)!;
  if (!actsForTask(t, by, role) && !can(role, 'samples.issue'))
    throw new AppError('FORBIDDEN', 'samplesNotYourTask');
  checkVersion(r, input.expectedVersion);
  if (r.status === 'cancelled') return getLoan(store, r.id);
  if (r.status !== 'requested') throw new AppError('CONFLICT', 'loanNotRequested', { number: r.number });
  event(store, by, { loanId: r.id, taskId: r.task_id, kind: 'cancelled', reason: input.reason });
  touch(store, by, r, { status: 'cancelled', closed_at: store.isoNow() }, 'cancel', {
    status: { from: r.status, to: 'cancelled' },
    ...(input.reason ? { reason: { from: null, to: input.reason } } : {}),
  });
  return getLoan(store, r.id);
}

function designerName(store: Store, staffId: string): string {
  return store.stmt<{ name: string }>(`SELECT name FROM staff WHERE id = ?`).get(staffId)?.name ?? '';
}

/** The warehouse issues a request: a 其他出库 (样品借出) with bins in walk order, posted now. */
export function issueLoan(
  store: Store,
  by: string,
  input: z.output<typeof loanIssueInput> & { mayOverride: boolean },
): Loan {
  const r = loanDb(store, input.id);
  checkVersion(r, input.expectedVersion);
  if (r.status !== 'requested') {
    if (r.status === 'out' || r.status === 'closed') return getLoan(store, r.id); // issued once
    throw new AppError('CONFLICT', 'loanNotRequested', { number: r.number });
  }
  const t = taskInfo(store, r.task_id)!;
  if (t.status === 'done') throw new AppError('CONFLICT', 'taskDone');
  const lines = linesOf(store, r.id);
  const taken = new Map<string, number>();
  const docLines = lines.flatMap((l) =>
    allocate(store, l.sku_id, l.quantity, taken).map((a) => ({
      skuId: l.sku_id,
      binId: a.binId,
      quantity: a.quantity,
      note: ISSUE_REASON,
    })),
  );
  const draft = saveDraft(store, by, {
    type: 'other_out',
    counterpart: designerName(store, r.borrower_id),
    reason: ISSUE_REASON,
    orderRef: r.number,
    notes: `设计任务 ${t.number}`,
    lines: docLines,
  });
  const doc = post(store, by, {
    id: draft.id,
    overrideReason: input.overrideReason,
    mayOverride: input.mayOverride,
  });
  for (const l of lines) store.stmt(`UPDATE sample_loan_line SET issued = quantity WHERE id = ?`).run(l.id);
  event(store, by, {
    loanId: r.id,
    taskId: r.task_id,
    kind: 'issued',
    documentId: doc.id,
    lines: lines.map((l) => ({ skuId: l.sku_id, code: l.code, quantity: l.quantity })),
  });
  touch(
    store,
    by,
    r,
    { status: 'out', issued_at: store.isoNow(), issued_by: by, out_document_id: doc.id },
    'issue',
    { status: { from: r.status, to: 'out' }, outDocument: { from: null, to: doc.number } },
  );
  return getLoan(store, r.id);
}

function activeBin(store: Store, id: string): { id: string; code: string; kind: string } | undefined {
  return store
    .stmt<{ id: string; code: string; kind: string }>(
      `SELECT id, code, kind FROM bin WHERE id = ? AND deleted_at IS NULL AND retired_at IS NULL`,
    )
    .get(id);
}

/** Close the loan when nothing is out any more. */
function closeIfDone(store: Store, by: string, loanId: string): void {
  const r = loanDb(store, loanId);
  if (r.status !== 'out') return;
  if (linesOf(store, loanId).some((l) => outOf(l) > 0)) return;
  touch(store, by, r, { status: 'closed', closed_at: store.isoNow() }, 'close', {
    status: { from: 'out', to: 'closed' },
  });
}

/** Samples come back (partly or all): good → a normal bin, damaged → the defects bin; one posted 其他入库. */
export function returnLoan(
  store: Store,
  by: string,
  input: z.output<typeof loanReturnInput> & { mayOverride: boolean },
): Loan {
  const r = loanDb(store, input.id);
  checkVersion(r, input.expectedVersion);
  if (r.status !== 'out') throw new AppError('CONFLICT', 'loanNotOut', { number: r.number });
  const lines = linesOf(store, r.id);
  const errors: Record<string, { key: string; params?: Record<string, string | number> }> = {};
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const line = lines.find((x) => x.sku_id === l.skuId);
    if (!line || seen.has(l.skuId)) {
      errors[`lines.${i}.skuId`] = { key: 'validation.notOnLoan' };
      return;
    }
    seen.add(l.skuId);
    if (l.good + l.damaged === 0) errors[`lines.${i}.good`] = { key: 'validation.nothingReturned' };
    else if (l.good + l.damaged > outOf(line))
      errors[`lines.${i}.good`] = { key: 'validation.moreThanOut', params: { out: outOf(line) } };
    if (l.goodBinId) {
      const b = activeBin(store, l.goodBinId);
      if (!b) errors[`lines.${i}.goodBinId`] = { key: 'validation.binNotFound' };
      else if (b.kind !== 'normal')
        errors[`lines.${i}.goodBinId`] = { key: 'validation.notNormalBin', params: { bin: b.code } };
    }
  });
  let defectsBinId: string | undefined;
  if (input.defectsBinId) {
    const b = activeBin(store, input.defectsBinId);
    if (!b) errors.defectsBinId = { key: 'validation.binNotFound' };
    else if (b.kind !== 'defects')
      errors.defectsBinId = { key: 'validation.notDefectsBin', params: { bin: b.code } };
    else defectsBinId = b.id;
  }
  if (Object.keys(errors).length) throw fieldErrors(errors);
  if (!defectsBinId && input.lines.some((l) => l.damaged > 0)) {
    defectsBinId = store
      .stmt<{ id: string }>(
        `SELECT id FROM bin WHERE kind = 'defects' AND retired_at IS NULL AND deleted_at IS NULL
         ORDER BY walk_order, code LIMIT 1`,
      )
      .get()?.id;
    if (!defectsBinId) throw new AppError('CONFLICT', 'noDefectsBin');
  }
  // Good pieces go back where they came from (the first bin of the outbound still active), else the main bin.
  const fromBins = store
    .stmt<{ sku_id: string; bin_id: string }>(
      `SELECT dl.sku_id, dl.bin_id FROM stock_document_line dl JOIN bin b ON b.id = dl.bin_id
       WHERE dl.document_id = ? AND b.kind = 'normal' AND b.retired_at IS NULL AND b.deleted_at IS NULL
       ORDER BY dl.line_no`,
    )
    .all(r.out_document_id ?? '');
  const docLines: { skuId: string; binId: string; quantity: number; note: string }[] = [];
  for (const l of input.lines) {
    if (l.good > 0)
      docLines.push({
        skuId: l.skuId,
        binId: l.goodBinId ?? fromBins.find((f) => f.sku_id === l.skuId)?.bin_id ?? mainBinOf(store, l.skuId),
        quantity: l.good,
        note: '良品',
      });
    if (l.damaged > 0)
      docLines.push({ skuId: l.skuId, binId: defectsBinId!, quantity: l.damaged, note: '次品' });
  }
  const t = taskInfo(store, r.task_id)!;
  const draft = saveDraft(store, by, {
    type: 'other_in',
    counterpart: designerName(store, r.borrower_id),
    reason: RETURN_REASON,
    orderRef: r.number,
    notes: [`设计任务 ${t.number}`, input.notes].filter(Boolean).join('；'),
    lines: docLines,
  });
  const doc = post(store, by, { id: draft.id, mayOverride: input.mayOverride });
  const evLines = input.lines.map((l) => {
    const line = lines.find((x) => x.sku_id === l.skuId)!;
    store
      .stmt(
        `UPDATE sample_loan_line SET returned_good = returned_good + @good, returned_damaged = returned_damaged + @damaged
         WHERE id = @id`,
      )
      .run({ good: l.good, damaged: l.damaged, id: line.id });
    return { skuId: l.skuId, code: line.code, good: l.good, damaged: l.damaged };
  });
  event(store, by, { loanId: r.id, taskId: r.task_id, kind: 'returned', documentId: doc.id, lines: evLines });
  touch(store, by, r, {}, 'return', {
    returnDocument: { from: null, to: doc.number },
    returned: { from: null, to: evLines.map((l) => `${l.code} 良品${l.good} 次品${l.damaged}`) },
  });
  closeIfDone(store, by, r.id);
  return getLoan(store, r.id);
}

/**
 * 仓储主管 writes off samples that will not come back (lost, used up). No stock movement: they left
 * stock on the outbound already. Recorded with the reason on the loan and in change_log.
 */
export function writeOffLoan(store: Store, by: string, input: z.output<typeof loanWriteOffInput>): Loan {
  const r = loanDb(store, input.id);
  checkVersion(r, input.expectedVersion);
  if (r.status !== 'out') throw new AppError('CONFLICT', 'loanNotOut', { number: r.number });
  const lines = linesOf(store, r.id);
  const errors: Record<string, { key: string; params?: Record<string, number> }> = {};
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const line = lines.find((x) => x.sku_id === l.skuId);
    if (!line || seen.has(l.skuId)) errors[`lines.${i}.skuId`] = { key: 'validation.notOnLoan' };
    else if (l.quantity > outOf(line))
      errors[`lines.${i}.quantity`] = { key: 'validation.moreThanOut', params: { out: outOf(line) } };
    seen.add(l.skuId);
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
  const evLines = input.lines.map((l) => {
    const line = lines.find((x) => x.sku_id === l.skuId)!;
    store
      .stmt(`UPDATE sample_loan_line SET written_off = written_off + ? WHERE id = ?`)
      .run(l.quantity, line.id);
    return { skuId: l.skuId, code: line.code, quantity: l.quantity };
  });
  event(store, by, {
    loanId: r.id,
    taskId: r.task_id,
    kind: 'writtenOff',
    reason: input.reason,
    lines: evLines,
  });
  touch(store, by, r, {}, 'writeOff', {
    writtenOff: { from: null, to: evLines.map((l) => `${l.code}×${l.quantity}`) },
    reason: { from: null, to: input.reason },
  });
  closeIfDone(store, by, r.id);
  return getLoan(store, r.id);
}

/** Pieces of the task's samples still out (issued, not returned nor written off). */
export function samplesOutForTask(store: Store, taskId: string): number {
  return store
    .stmt<{ n: number }>(
      `SELECT COALESCE(SUM(ll.issued - ll.returned_good - ll.returned_damaged - ll.written_off), 0) AS n
       FROM sample_loan l JOIN sample_loan_line ll ON ll.loan_id = l.id WHERE l.task_id = ? AND l.status = 'out'`,
    )
    .get(taskId)!.n;
}

/**
 * Before a task is approved (已完成): refused (CONFLICT samplesOut) while samples are out, unless
 * the reviewer (art.review: 美工主管, the manager) gives a reason, which is recorded on the task's
 * sample history. Requests never issued are cancelled with the task's completion.
 */
export function checkTaskCompletion(
  store: Store,
  by: string,
  taskId: string,
  overrideReason: string | undefined,
): void {
  const t = taskInfo(store, taskId);
  if (!t || t.status !== 'review') return; // reviewTask answers those cases
  const out = samplesOutForTask(store, taskId);
  if (out > 0) {
    if (!overrideReason) throw new AppError('CONFLICT', 'samplesOut', { count: out });
    event(store, by, { loanId: null, taskId, kind: 'completedWithSamplesOut', reason: overrideReason });
    store.log({
      staffId: by,
      entity: 'art_task',
      rowId: taskId,
      op: 'samplesOverride',
      label: t.number,
      fields: { samplesOut: { from: null, to: out }, overrideReason: { from: null, to: overrideReason } },
    });
  }
  const pending = store
    .stmt<LoanDb>(`SELECT * FROM sample_loan WHERE task_id = ? AND status = 'requested'`)
    .all(taskId);
  for (const r of pending) {
    event(store, by, { loanId: r.id, taskId, kind: 'cancelled', reason: '任务已完成' });
    touch(store, by, r, { status: 'cancelled', closed_at: store.isoNow() }, 'cancel', {
      status: { from: 'requested', to: 'cancelled' },
    });
  }
}

export const LOAN_CSV_HEADER = [
  '借用单号',
  '状态',
  '是否逾期',
  '设计任务',
  '任务标题',
  '借用人',
  '预计归还日期',
  '商家编码',
  '商品名称',
  '规格',
  '申请数量',
  '借出数量',
  '良品归还',
  '次品归还',
  '核销数量',
  '未归还',
  '出库单号',
  '归还入库单号',
  '申请时间',
  '发出时间',
] as const;

export function loanCsvQuery(store: Store, callerId: string, filter: LoanFilterData): CsvQuery {
  const { where, params } = filterSql(store, callerId, filter);
  const offset = `${zoneOffsetMinutes(store.now(), shopTimeZone(store))} minutes`;
  const local = (col: string) => `strftime('%Y-%m-%d %H:%M', ${col}, @offset)`;
  const status = `CASE l.status ${Object.entries(STATUS_NAME)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ')} END`;
  const line = sqlCsvLine([
    sqlCsvText('l.number'),
    status,
    `CASE WHEN l.status = 'out' AND l.due_date < @today THEN '是' ELSE '否' END`,
    sqlCsvText('t.number'),
    sqlCsvText('t.title'),
    sqlCsvText('b.name'),
    'l.due_date',
    sqlCsvText('s.code'),
    sqlCsvText('p.title'),
    sqlCsvText('s.spec'),
    'll.quantity',
    'll.issued',
    'll.returned_good',
    'll.returned_damaged',
    'll.written_off',
    '(ll.issued - ll.returned_good - ll.returned_damaged - ll.written_off)',
    sqlCsvText(`COALESCE(od.number, '')`),
    sqlCsvText(`COALESCE((SELECT group_concat(number, ' | ') FROM (SELECT d.number FROM sample_event e
      JOIN stock_document d ON d.id = e.document_id WHERE e.loan_id = l.id AND e.kind = 'returned' ORDER BY e.seq)), '')`),
    local('l.requested_at'),
    `COALESCE(${local('l.issued_at')}, '')`,
  ]);
  return {
    header: LOAN_CSV_HEADER,
    sql: `SELECT ${line} FROM sample_loan l JOIN art_task t ON t.id = l.task_id JOIN staff b ON b.id = l.borrower_id
      JOIN sample_loan_line ll ON ll.loan_id = l.id JOIN sku s ON s.id = ll.sku_id JOIN product p ON p.id = s.product_id
      LEFT JOIN stock_document od ON od.id = l.out_document_id
      WHERE ${where} ORDER BY l.number, ll.line_no`,
    params: { ...params, offset },
  };
}

export function exportLoans(
  store: Store,
  host: Host,
  callerId: string,
  input: { filter: LoanFilterData; encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '样品借用', input.encoding, () =>
    loanCsvQuery(store, callerId, input.filter),
  );
}
