// After-sales cases (售后单, rulebook §13): returns, exchanges, refunds, resends, logistics queries
// and damaged / wrong goods. A case belongs to an order (its lines and quantities) and its buyer;
// the refund can never exceed what the buyer paid (less the other open cases' refunds); the
// status follows its type's flow (CASE_FLOW) with an append-only history. A 退货退款 or 换货
// case announces the goods coming back to the warehouse (`createExpectedReturn`) and an 换货 or
// 补发 case queues its outbound (`createOrderOutbound`, order_ref = the case number), both in the
// same transaction. Writes run inside the caller's transaction.
import {
  FINAL_STATUSES,
  nextStatuses,
  OUTBOUND_TYPES,
  RETURN_TYPES,
  type Case,
  type CaseAgent,
  type CaseFilter,
  type CaseRow,
  type CaseStatus,
  type CaseType,
  type CaseWarehouse,
} from '../../api/contract-aftersales';
import type { ExportResult, Paged, Problem } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding } from '../../lib/export';
import { newId } from '../../lib/ids';
import { sqlFormatYuan } from '../../lib/money';
import { shopTimeZone } from '../staff/service';
import { createExpectedReturn } from '../warehouse/returns';
import { createOrderOutbound } from '../warehouse/shipping';
import { dayRangeUtc } from './common';
import { orderById } from './orders';

/** A case entered by hand is overdue when still open this long after it was opened. */
export const CASE_DUE_HOURS = 48;
export const CASE_PREFIX = 'SH';

export interface CaseDb {
  id: string;
  case_no: string;
  type: CaseType;
  status: CaseStatus;
  source: 'manual' | 'import';
  refund_no: string | null;
  order_id: string | null;
  order_no: string;
  buyer_id: string | null;
  member_name: string;
  reason: string;
  note: string;
  refund_fen: number;
  paid_fen: number | null;
  agent_id: string | null;
  return_doc_id: string | null;
  outbound_doc_id: string | null;
  return_carrier: string;
  return_tracking: string;
  opened_at: string;
  due_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export function caseById(store: Store, id: string): CaseDb | undefined {
  return store.stmt<CaseDb>(`SELECT * FROM aftersales_case WHERE id = ?`).get(id);
}
export function caseByRefundNo(store: Store, refundNo: string): CaseDb | undefined {
  return store.stmt<CaseDb>(`SELECT * FROM aftersales_case WHERE refund_no = ?`).get(refundNo);
}

function isOverdue(store: Store, c: Pick<CaseDb, 'status' | 'due_at'>): boolean {
  return !FINAL_STATUSES.includes(c.status) && !!c.due_at && c.due_at < store.isoNow();
}

function toRow(store: Store, c: CaseDb & { agent_name: string | null }): CaseRow {
  return {
    id: c.id,
    caseNo: c.case_no,
    type: c.type,
    status: c.status,
    source: c.source,
    refundNo: c.refund_no,
    orderId: c.order_id,
    orderNo: c.order_no,
    buyerId: c.buyer_id,
    memberName: c.member_name,
    reason: c.reason,
    refundFen: c.refund_fen,
    agentId: c.agent_id,
    agentName: c.agent_name,
    openedAt: c.opened_at,
    dueAt: c.due_at,
    closedAt: c.closed_at,
    overdue: isOverdue(store, c),
  };
}

/** The WHERE clause of a case filter, from fixed fragments (named parameters only). */
export function caseFilterSql(
  store: Store,
  f: CaseFilter,
): { where: string; params: Record<string, string> } {
  const conds: string[] = [];
  const params: Record<string, string> = {};
  if (f.status === 'open') conds.push(`c.status NOT IN ('done', 'closed')`);
  else if (f.status) {
    conds.push('c.status = @status');
    params.status = f.status;
  }
  if (f.type) {
    conds.push('c.type = @type');
    params.type = f.type;
  }
  if (f.agentId) {
    conds.push('c.agent_id = @agentId');
    params.agentId = f.agentId;
  }
  if (f.orderId) {
    conds.push('c.order_id = @orderId');
    params.orderId = f.orderId;
  }
  if (f.buyerId) {
    conds.push('c.buyer_id = @buyerId');
    params.buyerId = f.buyerId;
  }
  const { fromUtc, toUtc } = dayRangeUtc(store, f.from, f.to);
  if (fromUtc) {
    conds.push('c.opened_at >= @fromUtc');
    params.fromUtc = fromUtc;
  }
  if (toUtc) {
    conds.push('c.opened_at < @toUtc');
    params.toUtc = toUtc;
  }
  if (f.overdue) {
    conds.push(`c.status NOT IN ('done', 'closed') AND c.due_at < @now`);
    params.now = store.isoNow();
  }
  const q = (f.q ?? '').trim();
  if (q) {
    params.q = q;
    params.qEnd = q + '\uffff';
    conds.push(
      `c.id IN (SELECT id FROM aftersales_case WHERE case_no >= @q AND case_no < @qEnd
        UNION SELECT id FROM aftersales_case WHERE refund_no >= @q AND refund_no < @qEnd
        UNION SELECT id FROM aftersales_case WHERE order_no >= @q AND order_no < @qEnd
        UNION SELECT c2.id FROM buyer b JOIN aftersales_case c2 ON c2.buyer_id = b.id
          WHERE b.member_name >= @q AND b.member_name < @qEnd)`,
    );
  }
  return { where: conds.length ? conds.join(' AND ') : '1 = 1', params };
}

const ROW_SELECT = `SELECT c.*, st.name AS agent_name FROM aftersales_case c LEFT JOIN staff st ON st.id = c.agent_id`;

export function listCases(
  store: Store,
  input: { filter: CaseFilter; offset: number; limit: number },
): Paged<CaseRow> {
  const { where, params } = caseFilterSql(store, input.filter);
  const rows = store
    .stmt<CaseDb & { agent_name: string | null }>(
      `${ROW_SELECT} WHERE ${where} ORDER BY c.opened_at DESC, c.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM aftersales_case c WHERE ${where}`)
    .get(params)!.n;
  return { rows: rows.map((r) => toRow(store, r)), total };
}

/** The refund still possible on an order: what was paid less the refunds of its other open cases. */
function refundLimit(
  store: Store,
  c: { id?: string; orderId: string | null; paidFen: number | null },
): number | null {
  if (c.paidFen === null) return null;
  if (!c.orderId) return c.paidFen;
  const used = store
    .stmt<{ n: number }>(
      `SELECT COALESCE(SUM(refund_fen), 0) AS n FROM aftersales_case
       WHERE order_id = @orderId AND status <> 'closed' AND id <> @id`,
    )
    .get({ orderId: c.orderId, id: c.id ?? '' })!.n;
  return Math.max(0, c.paidFen - used);
}

function warehouseOf(store: Store, c: CaseDb): CaseWarehouse {
  const doc = (id: string | null) =>
    id
      ? store
          .stmt<{ id: string; number: string; status: 'draft' | 'posted'; deleted_at: string | null }>(
            `SELECT id, number, status, deleted_at FROM stock_document WHERE id = ?`,
          )
          .get(id)
      : undefined;
  const r = doc(c.return_doc_id);
  const o = doc(c.outbound_doc_id);
  const inspection = r
    ? store
        .stmt<{ good: number; defective: number; scrapped: number; inspected_at: string }>(
          `SELECT good, defective, scrapped, inspected_at FROM return_inspection WHERE document_id = ?`,
        )
        .get(r.id)
    : undefined;
  const shipment = o
    ? store
        .stmt<{ carrier: string; tracking_no: string; shipped_at: string }>(
          `SELECT carrier, tracking_no, shipped_at FROM shipment WHERE document_id = ?`,
        )
        .get(o.id)
    : undefined;
  return {
    returnDoc:
      r && !r.deleted_at
        ? {
            id: r.id,
            number: r.number,
            status: r.status,
            inspection: inspection
              ? {
                  good: inspection.good,
                  defective: inspection.defective,
                  scrapped: inspection.scrapped,
                  at: inspection.inspected_at,
                }
              : null,
          }
        : null,
    outbound:
      o && !o.deleted_at
        ? {
            id: o.id,
            number: o.number,
            status: o.status,
            shipment: shipment
              ? {
                  carrier: shipment.carrier,
                  trackingNo: shipment.tracking_no,
                  shippedAt: shipment.shipped_at,
                }
              : null,
          }
        : null,
  };
}

export function getCase(store: Store, id: string): Case {
  const c = store.stmt<CaseDb & { agent_name: string | null }>(`${ROW_SELECT} WHERE c.id = ?`).get(id);
  if (!c) throw notFound('case');
  const lines = store
    .stmt<{
      line_no: number;
      order_line_id: string | null;
      sku_id: string | null;
      sku_code: string;
      title: string;
      spec: string;
      quantity: number;
    }>(`SELECT * FROM aftersales_line WHERE case_id = ? ORDER BY line_no`)
    .all(id);
  const history = store
    .stmt<{
      at: string;
      from_status: CaseStatus | null;
      status: CaseStatus;
      source: 'manual' | 'import';
      staff_name: string | null;
      note: string;
    }>(
      `SELECT h.at, h.from_status, h.status, h.source, st.name AS staff_name, h.note
       FROM aftersales_status h LEFT JOIN staff st ON st.id = h.staff_id WHERE h.case_id = ? ORDER BY h.at, h.rowid`,
    )
    .all(id);
  return {
    ...toRow(store, c),
    note: c.note,
    paidFen: c.paid_fen,
    refundLimitFen: refundLimit(store, { id: c.id, orderId: c.order_id, paidFen: c.paid_fen }),
    returnCarrier: c.return_carrier,
    returnTracking: c.return_tracking,
    version: c.updated_at,
    createdAt: c.created_at,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      orderLineId: l.order_line_id,
      skuId: l.sku_id,
      skuCode: l.sku_code,
      title: l.title,
      spec: l.spec,
      quantity: l.quantity,
    })),
    history: history.map((h) => ({
      at: h.at,
      from: h.from_status,
      status: h.status,
      source: h.source,
      staffName: h.staff_name,
      note: h.note,
    })),
    next: nextStatuses(c.type, c.status),
    warehouse: warehouseOf(store, c),
  };
}

/** Active customer-service people (and managers) who may handle cases. */
export function listAgents(store: Store): CaseAgent[] {
  return store
    .stmt<CaseAgent>(
      `SELECT id, name FROM staff WHERE active = 1 AND role IN ('cs_supervisor', 'cs_agent', 'manager') ORDER BY name`,
    )
    .all();
}

function checkAgent(store: Store, agentId: string | null | undefined, errors: Record<string, Problem>): void {
  if (!agentId) return;
  if (!listAgents(store).some((a) => a.id === agentId)) errors.agentId = { key: 'validation.notAnAgent' };
}

export function recordCaseStatus(
  store: Store,
  caseId: string,
  from: CaseStatus | null,
  to: CaseStatus,
  source: 'manual' | 'import',
  by: string,
  note: string,
  at = store.isoNow(),
): void {
  store
    .stmt(
      `INSERT INTO aftersales_status (id, case_id, at, from_status, status, source, staff_id, note)
       VALUES (@id, @caseId, @at, @from, @to, @source, @by, @note)`,
    )
    .run({ id: newId(), caseId, at, from, to, source, by, note });
}

export function createCase(
  store: Store,
  by: string,
  input: {
    type: CaseType;
    orderId: string;
    lines: { orderLineId: string; quantity: number }[];
    reason: string;
    note: string;
    refundFen: number;
    agentId?: string | undefined;
    refundNo: string;
  },
): string {
  const order = orderById(store, input.orderId);
  if (!order) throw fieldErrors({ orderId: { key: 'validation.orderNotFound' } });
  const errors: Record<string, Problem> = {};
  const orderLines = new Map(
    store
      .stmt<{
        id: string;
        sku_id: string | null;
        sku_code: string;
        title: string;
        spec: string;
        quantity: number;
      }>(`SELECT id, sku_id, sku_code, title, spec, quantity FROM sales_order_line WHERE order_id = ?`)
      .all(order.id)
      .map((l) => [l.id, l]),
  );
  const seen = new Set<string>();
  input.lines.forEach((l, i) => {
    const ol = orderLines.get(l.orderLineId);
    if (!ol || seen.has(l.orderLineId))
      errors[`lines.${i}.orderLineId`] = { key: 'validation.caseLineNotInOrder' };
    else if (l.quantity > ol.quantity)
      errors[`lines.${i}.quantity`] = { key: 'validation.caseLineQuantity', params: { max: ol.quantity } };
    else if (!ol.sku_id && (RETURN_TYPES.includes(input.type) || OUTBOUND_TYPES.includes(input.type)))
      errors[`lines.${i}.orderLineId`] = {
        key: 'validation.caseLineNoSku',
        params: { code: ol.sku_code || ol.title },
      };
    seen.add(l.orderLineId);
  });
  if (!input.lines.length && (RETURN_TYPES.includes(input.type) || OUTBOUND_TYPES.includes(input.type)))
    errors.lines = { key: 'validation.caseNeedsLines' };
  const limit = refundLimit(store, { orderId: order.id, paidFen: order.paid_fen })!;
  if (input.refundFen > limit)
    errors.refundFen = { key: 'validation.refundTooHigh', params: { max: (limit / 100).toFixed(2) } };
  if (input.refundNo && caseByRefundNo(store, input.refundNo))
    errors.refundNo = { key: 'validation.refundNoTaken' };
  checkAgent(store, input.agentId, errors);
  if (Object.keys(errors).length) throw fieldErrors(errors);

  const tz = shopTimeZone(store);
  const caseNo = store.nextNumber(CASE_PREFIX, tz);
  const id = newId();
  const hlc = store.stamp();
  const now = store.isoNow();
  const agentId = input.agentId ?? (listAgents(store).some((a) => a.id === by) ? by : null);
  const lines = input.lines.map((l, i) => ({
    ...orderLines.get(l.orderLineId)!,
    quantity: l.quantity,
    no: i + 1,
  }));

  let returnDocId: string | null = null;
  let outboundDocId: string | null = null;
  const skuLines = lines.map((l) => ({ skuId: l.sku_id!, quantity: l.quantity }));
  if (RETURN_TYPES.includes(input.type)) {
    returnDocId = createExpectedReturn(store, by, {
      orderRef: caseNo,
      counterpart: order.member_name || order.receiver_name,
      reason: `售后退货 订单 ${order.order_no}${input.reason ? `：${input.reason}` : ''}`.slice(0, 200),
      lines: skuLines,
    }).id;
  }
  if (OUTBOUND_TYPES.includes(input.type)) {
    outboundDocId = createOrderOutbound(store, by, {
      orderRef: caseNo,
      counterpart: order.member_name || order.receiver_name,
      lines: skuLines,
      notes: `${input.type === 'exchange' ? '换货' : '补发'} 订单 ${order.order_no}`,
    }).id;
  }
  store
    .stmt(
      `INSERT INTO aftersales_case (id, case_no, type, status, source, refund_no, order_id, order_no, buyer_id,
         member_name, reason, note, refund_fen, paid_fen, agent_id, return_doc_id, outbound_doc_id, opened_at, due_at,
         created_at, created_by, updated_at, updated_by)
       VALUES (@id, @caseNo, @type, 'pending', 'manual', @refundNo, @orderId, @orderNo, @buyerId, @member, @reason,
         @note, @refund, @paid, @agentId, @returnDocId, @outboundDocId, @now, @due, @now, @by, @hlc, @by)`,
    )
    .run({
      id,
      caseNo,
      type: input.type,
      refundNo: input.refundNo || null,
      orderId: order.id,
      orderNo: order.order_no,
      buyerId: order.buyer_id,
      member: order.member_name,
      reason: input.reason,
      note: input.note,
      refund: input.refundFen,
      paid: order.paid_fen,
      agentId,
      returnDocId,
      outboundDocId,
      now,
      due: new Date(Date.parse(now) + CASE_DUE_HOURS * 3_600_000).toISOString(),
      by,
      hlc,
    });
  insertLines(
    store,
    id,
    lines.map((l) => ({
      orderLineId: l.id,
      skuId: l.sku_id,
      code: l.sku_code,
      title: l.title,
      spec: l.spec,
      quantity: l.quantity,
    })),
  );
  recordCaseStatus(store, id, null, 'pending', 'manual', by, '', now);
  store.log(
    {
      staffId: by,
      entity: 'aftersales_case',
      rowId: id,
      op: 'create',
      label: caseNo,
      fields: {
        type: { from: null, to: input.type },
        orderNo: { from: null, to: order.order_no },
        refundFen: { from: null, to: input.refundFen },
        ...(returnDocId ? { returnDocId: { from: null, to: returnDocId } } : {}),
        ...(outboundDocId ? { outboundDocId: { from: null, to: outboundDocId } } : {}),
      },
    },
    hlc,
  );
  return id;
}

export function insertLines(
  store: Store,
  caseId: string,
  lines: {
    orderLineId: string | null;
    skuId: string | null;
    code: string;
    title: string;
    spec: string;
    quantity: number;
  }[],
): void {
  const ins = store.stmt(
    `INSERT INTO aftersales_line (case_id, line_no, order_line_id, sku_id, sku_code, title, spec, quantity)
     VALUES (@caseId, @no, @orderLineId, @skuId, @code, @title, @spec, @quantity)`,
  );
  lines.forEach((l, i) => ins.run({ caseId, no: i + 1, ...l }));
}

function loadForEdit(store: Store, id: string, expectedVersion: string | undefined): CaseDb {
  const c = caseById(store, id);
  if (!c) throw notFound('case');
  if (expectedVersion !== undefined && expectedVersion !== c.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');
  return c;
}

export function updateCase(
  store: Store,
  by: string,
  input: {
    id: string;
    expectedVersion?: string | undefined;
    reason: string;
    note: string;
    refundFen: number;
    agentId: string | null;
  },
): void {
  const c = loadForEdit(store, input.id, input.expectedVersion);
  const errors: Record<string, Problem> = {};
  const limit = refundLimit(store, { id: c.id, orderId: c.order_id, paidFen: c.paid_fen });
  if (limit !== null && input.refundFen > limit && input.refundFen !== c.refund_fen)
    errors.refundFen = { key: 'validation.refundTooHigh', params: { max: (limit / 100).toFixed(2) } };
  if (input.agentId !== c.agent_id) checkAgent(store, input.agentId, errors);
  if (Object.keys(errors).length) throw fieldErrors(errors);
  if (FINAL_STATUSES.includes(c.status))
    throw new AppError('CONFLICT', 'caseFinished', { caseNo: c.case_no });
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  const next = {
    reason: input.reason,
    note: input.note,
    refund_fen: input.refundFen,
    agent_id: input.agentId,
  };
  for (const [k, v] of Object.entries(next)) {
    const cur = c[k as keyof CaseDb];
    if (cur !== v) fields[k] = { from: cur, to: v };
  }
  if (!Object.keys(fields).length) return;
  const hlc = store.stamp();
  store
    .stmt(
      `UPDATE aftersales_case SET reason = @reason, note = @note, refund_fen = @refund_fen, agent_id = @agent_id,
         updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ ...next, id: c.id, hlc, by });
  store.log(
    { staffId: by, entity: 'aftersales_case', rowId: c.id, op: 'update', label: c.case_no, fields },
    hlc,
  );
}

/** One step of the type's flow (or 已关闭). 已收到退货 waits for the warehouse's inspection. */
export function moveCase(
  store: Store,
  by: string,
  input: { id: string; expectedVersion?: string | undefined; to: CaseStatus; note: string },
): void {
  const c = loadForEdit(store, input.id, input.expectedVersion);
  if (!nextStatuses(c.type, c.status).includes(input.to))
    throw new AppError('CONFLICT', 'caseBadMove', { caseNo: c.case_no, from: c.status, to: input.to });
  if (input.to === 'return_received' && c.return_doc_id) {
    const inspected = store
      .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM return_inspection WHERE document_id = ?`)
      .get(c.return_doc_id)!.n;
    if (!inspected) throw new AppError('CONFLICT', 'caseNotInspected', { caseNo: c.case_no });
  }
  if (input.to === 'closed' && !input.note) throw fieldErrors({ note: { key: 'validation.required' } });
  const hlc = store.stamp();
  const now = store.isoNow();
  store
    .stmt(
      `UPDATE aftersales_case SET status = @to, closed_at = @closedAt, updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ to: input.to, closedAt: FINAL_STATUSES.includes(input.to) ? now : null, hlc, by, id: c.id });
  recordCaseStatus(store, c.id, c.status, input.to, 'manual', by, input.note, now);
  store.log(
    {
      staffId: by,
      entity: 'aftersales_case',
      rowId: c.id,
      op: 'move',
      label: c.case_no,
      fields: {
        status: { from: c.status, to: input.to },
        ...(input.note ? { note: { from: null, to: input.note } } : {}),
      },
    },
    hlc,
  );
}

// ---- CSV export --------------------------------------------------------------------------------
const TYPE_SQL = (x: string) =>
  `CASE ${x} WHEN 'return_refund' THEN '退货退款' WHEN 'exchange' THEN '换货' WHEN 'refund_only' THEN '仅退款' WHEN 'resend' THEN '补发' WHEN 'logistics' THEN '物流查询' WHEN 'damaged' THEN '破损/错漏发' ELSE ${x} END`;
const STATUS_SQL = (x: string) =>
  `CASE ${x} WHEN 'pending' THEN '待处理' WHEN 'processing' THEN '处理中' WHEN 'awaiting_return' THEN '待买家退货' WHEN 'return_received' THEN '已收到退货' WHEN 'refunded' THEN '已退款' WHEN 'exchanged' THEN '已换货' WHEN 'resent' THEN '已补发' WHEN 'done' THEN '已完结' WHEN 'closed' THEN '已关闭' ELSE ${x} END`;

/** UTC ISO → shop-local 'yyyy-mm-dd hh:mm' at the shop's current offset. */
function sqlLocal(expr: string, offsetMinutes: number): string {
  return `CASE WHEN (${expr}) IS NULL THEN '' ELSE strftime('%Y-%m-%d %H:%M', ${expr}, '${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes} minutes') END`;
}
function shopOffsetMinutes(store: Store): number {
  const tz = shopTimeZone(store);
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(new Date(store.now()))
      .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

export const CASES_CSV_HEADER = [
  '售后单号',
  '售后类型',
  '状态',
  '退款编号',
  '订单编号',
  '买家会员名',
  '原因',
  '退款金额',
  '处理人',
  '申请时间',
  '超时时间',
  '完结时间',
  '是否超时',
  '来源',
] as const;

export function casesCsvQuery(
  store: Store,
  filter: CaseFilter,
): { header: readonly string[]; sql: string; params: Record<string, string> } {
  const { where, params } = caseFilterSql(store, filter);
  const off = shopOffsetMinutes(store);
  const now = store.isoNow();
  const line = sqlCsvLine([
    sqlCsvText('c.case_no'),
    sqlCsvText(TYPE_SQL('c.type')),
    sqlCsvText(STATUS_SQL('c.status')),
    sqlCsvText(`COALESCE(c.refund_no, '')`),
    sqlCsvText('c.order_no'),
    sqlCsvText('c.member_name'),
    sqlCsvText('c.reason'),
    sqlFormatYuan('c.refund_fen'),
    sqlCsvText(`COALESCE(st.name, '')`),
    sqlCsvText(sqlLocal('c.opened_at', off)),
    sqlCsvText(sqlLocal('c.due_at', off)),
    sqlCsvText(sqlLocal('c.closed_at', off)),
    sqlCsvText(`CASE WHEN c.status NOT IN ('done', 'closed') AND c.due_at < @csvNow THEN '是' ELSE '否' END`),
    sqlCsvText(`CASE c.source WHEN 'import' THEN '退款报表导入' ELSE '手工登记' END`),
  ]);
  return {
    header: CASES_CSV_HEADER,
    sql: `SELECT ${line} FROM aftersales_case c LEFT JOIN staff st ON st.id = c.agent_id WHERE ${where}
          ORDER BY c.opened_at DESC, c.id DESC`,
    params: { ...params, csvNow: now },
  };
}

export function exportCases(
  store: Store,
  host: Host,
  filter: CaseFilter,
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '售后单', encoding, () => casesCsvQuery(store, filter));
}
