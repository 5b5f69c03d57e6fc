// Import of the 退款报表 (refund report, docs TAOBAO_FORMATS.md): the legacy CSV or the current
// xls/xlsx, read with the order import's helpers (import-cells.ts: encoding detection, `="…"`,
// `元`, trailing-space headers). Each row is a platform refund keyed by 退款编号: it creates an
// after-sales case or updates the one with that 退款编号 (售后类型 / 是否需要退货 → type,
// 退款状态 → status; the import only moves a case forward). The order is linked by 订单编号 and the
// buyer by 买家会员名称. Preview (new / changed / unchanged / rejected, with row numbers and
// reasons) → an all-or-nothing commit that plans again against the current data; importing the
// same file again changes nothing.
import {
  FINAL_STATUSES,
  STATUS_RANK,
  type CaseStatus,
  type CaseType,
  type RefundImportPreview,
  type RefundImportResult,
  type RefundImportRow,
} from '../../api/contract-aftersales';
import type { Problem } from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { CASE_PREFIX, caseByRefundNo, insertLines, recordCaseStatus, type CaseDb } from './aftersales';
import { buyerByMember } from './buyers';
import {
  cellText,
  headerIndex,
  idCell,
  isBlank,
  moneyCell,
  readSheets,
  timeCell,
  type Cell,
  type SheetTable,
} from './import-cells';
import { linkBuyer, orderByNo } from './orders';

/** 退款报表 columns → header names (first found wins). */
export const REFUND_COLUMNS = {
  refundNo: ['退款编号'],
  orderNo: ['订单编号'],
  memberName: ['买家会员名称', '买家会员名', '买家昵称'],
  paid: ['买家实际支付金额', '买家实付金额'],
  refund: ['买家退款金额', '退款金额'],
  title: ['宝贝标题', '商品标题'],
  code: ['商家编码', '商品编码'],
  needReturn: ['是否需要退货'],
  kind: ['售后类型'],
  status: ['退款状态'],
  appliedAt: ['退款的申请时间', '申请时间'],
  dueAt: ['超时时间'],
  finishedAt: ['退款完结时间', '完结时间'],
  reason: ['买家退款原因'],
  explain: ['买家退款说明'],
  returnTracking: ['退货物流单号'],
  returnCarrier: ['退货物流公司'],
} as const;
type Col = keyof typeof REFUND_COLUMNS;

const MAX_ROWS = 100_000;
type RowError = Problem & { field: string };

function kindOf(header: string[]): 'refunds' | null {
  const names = new Set(
    header.map((h) =>
      cellText(h)
        .replace(/^\uFEFF/, '')
        .trim(),
    ),
  );
  return names.has('退款编号') && names.has('退款状态') ? 'refunds' : null;
}

/** 售后类型 (and 是否需要退货 when the type says nothing) → our case type. */
export function caseTypeOf(kindText: string, needReturn: string): CaseType {
  if (kindText.includes('换货')) return 'exchange';
  if (kindText.includes('补寄') || kindText.includes('补发')) return 'resend';
  if (kindText.includes('退货')) return 'return_refund';
  if (kindText.includes('仅退款')) return 'refund_only';
  return needReturn.startsWith('是') ? 'return_refund' : 'refund_only';
}

/** 退款状态 → our status for a case of this type; undefined when unknown. */
export function caseStatusOf(statusText: string, type: CaseType): CaseStatus | undefined {
  const s = statusText.replace(/，/g, ',');
  if (s.includes('成功'))
    return type === 'exchange'
      ? 'exchanged'
      : type === 'resend'
        ? 'resent'
        : type === 'logistics'
          ? 'done'
          : 'refunded';
  if (s.includes('关闭')) return 'closed';
  if (s.includes('等待买家退货') || s.includes('等待卖家确认收货') || s.includes('买家已经退货'))
    return 'awaiting_return';
  if (s.includes('拒绝') || s.includes('处理中') || s.includes('客服介入')) return 'processing';
  if (s.includes('等待卖家同意') || s.includes('申请')) return 'pending';
  return undefined;
}

interface Parsed {
  rowNumber: number;
  refundNo: string;
  orderNo: string;
  memberName: string;
  type: CaseType;
  status: CaseStatus | undefined;
  refundFen: number;
  paidFen: number | null;
  title: string;
  code: string;
  reason: string;
  explain: string;
  appliedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnTracking: string;
  returnCarrier: string;
  errors: RowError[];
}

interface Pending {
  staffId: string;
  fileName: string;
  encoding: string;
  rows: Parsed[];
}
const pendingByStore = new WeakMap<Store, Map<string, Pending>>();
function pendingMap(store: Store): Map<string, Pending> {
  let m = pendingByStore.get(store);
  if (!m) pendingByStore.set(store, (m = new Map()));
  return m;
}

function parse(t: SheetTable<'refunds'>, tz: string): Parsed[] {
  const h = headerIndex(t.header, REFUND_COLUMNS);
  const out: Parsed[] = [];
  t.body.forEach((cells, i) => {
    if (isBlank(cells)) return;
    const rowNumber = i + 2;
    const get = (c: Col): Cell => (h[c] === undefined ? undefined : cells[h[c]!]);
    const errors: RowError[] = [];
    const err = (c: Col, key: string, params?: Problem['params']) =>
      errors.push({ field: REFUND_COLUMNS[c][0], key, ...(params ? { params } : {}) });
    const refundId = idCell(get('refundNo'));
    if (!refundId.ok)
      err(
        'refundNo',
        refundId.key === 'orderImport.badOrderNo' ? 'aftersalesImport.badRefundNo' : refundId.key,
      );
    const orderId = idCell(get('orderNo'));
    if (!orderId.ok) err('orderNo', orderId.key);
    const type = caseTypeOf(cellText(get('kind')), cellText(get('needReturn')));
    const statusText = cellText(get('status'));
    const status = caseStatusOf(statusText, type);
    if (!status)
      err('status', statusText ? 'aftersalesImport.badStatus' : 'validation.required', { value: statusText });
    // 买家退款金额: money (¥ / 元) or text such as 无退款申请 (nothing refunded).
    const rawRefund = get('refund');
    const refund =
      typeof rawRefund === 'string' && /[\u4e00-\u9fff]/.test(rawRefund) && !/元/.test(rawRefund)
        ? 0
        : moneyCell(rawRefund);
    if (refund === null) err('refund', 'validation.money');
    let paid: number | null = null;
    if (h.paid !== undefined && cellText(get('paid'))) {
      paid = moneyCell(get('paid'));
      if (paid === null) err('paid', 'validation.money');
    }
    if (refund !== null && paid !== null && refund > paid)
      err('refund', 'aftersalesImport.refundOverPaid', { paid: (paid / 100).toFixed(2) });
    const times = {} as Record<'appliedAt' | 'dueAt' | 'finishedAt', string | null>;
    for (const c of ['appliedAt', 'dueAt', 'finishedAt'] as const) {
      const v = h[c] === undefined ? null : timeCell(get(c), tz);
      if (v === undefined) err(c, 'orderImport.badTime');
      times[c] = v ?? null;
    }
    out.push({
      rowNumber,
      refundNo: refundId.ok ? refundId.value : cellText(get('refundNo')) || `#${rowNumber}`,
      orderNo: orderId.ok ? orderId.value : cellText(get('orderNo')),
      memberName: cellText(get('memberName')).slice(0, 64),
      type,
      status,
      refundFen: refund ?? 0,
      paidFen: paid,
      title: cellText(get('title')).slice(0, 200),
      code: cellText(get('code')).slice(0, 64),
      reason: cellText(get('reason')).slice(0, 200),
      explain: cellText(get('explain')).slice(0, 1000),
      ...times,
      returnTracking: cellText(get('returnTracking')).slice(0, 64),
      returnCarrier: cellText(get('returnCarrier')).slice(0, 40),
      errors,
    });
  });
  return out;
}

interface Planned {
  row: Parsed;
  status: RefundImportRow['status'];
  changes: string[];
  errors: RowError[];
  existing?: CaseDb;
  /** The status the case gets (existing: only when it moves forward). */
  nextStatus: CaseStatus;
  next: Partial<CaseDb>;
}

/** What the row would change on an existing case (the import never moves a case backwards). */
function diff(
  store: Store,
  e: CaseDb,
  r: Parsed,
): { changes: string[]; next: Partial<CaseDb>; nextStatus: CaseStatus } {
  const next: Partial<CaseDb> = {};
  let nextStatus = e.status;
  const to = r.status!;
  if (to !== e.status && !FINAL_STATUSES.includes(e.status)) {
    if (to === 'closed' || STATUS_RANK[to] > STATUS_RANK[e.status]) nextStatus = to;
  }
  if (nextStatus !== e.status) next.status = nextStatus;
  if (r.refundFen !== e.refund_fen) next.refund_fen = r.refundFen;
  if (r.paidFen !== null && r.paidFen !== e.paid_fen) next.paid_fen = r.paidFen;
  if (e.source === 'import' && r.reason !== e.reason) next.reason = r.reason;
  if (r.dueAt !== e.due_at && r.dueAt !== null) next.due_at = r.dueAt;
  if (r.returnTracking && r.returnTracking !== e.return_tracking) next.return_tracking = r.returnTracking;
  if (r.returnCarrier && r.returnCarrier !== e.return_carrier) next.return_carrier = r.returnCarrier;
  if (!e.order_id && r.orderNo) {
    const o = orderByNo(store, r.orderNo);
    if (o) next.order_id = o.id;
  }
  if (!e.buyer_id && r.memberName) {
    const b = buyerByMember(store, r.memberName);
    if (b) next.buyer_id = b.id;
  }
  return { changes: Object.keys(next), next, nextStatus };
}

function plan(store: Store, p: Pending, excluded: ReadonlySet<string> = new Set()): Planned[] {
  const out: Planned[] = [];
  for (const row of p.rows) {
    if (excluded.has(row.refundNo)) continue;
    const errors = [...row.errors];
    const existing = errors.length ? undefined : caseByRefundNo(store, row.refundNo);
    if (!errors.length && !existing && row.orderNo) {
      // The refund limit also holds against the order we have.
      const o = orderByNo(store, row.orderNo);
      if (o && row.paidFen === null && row.refundFen > o.paid_fen)
        errors.push({
          field: REFUND_COLUMNS.refund[0],
          key: 'aftersalesImport.refundOverPaid',
          params: { paid: (o.paid_fen / 100).toFixed(2) },
        });
    }
    if (errors.length) {
      out.push({ row, status: 'rejected', changes: [], errors, nextStatus: 'pending', next: {} });
      continue;
    }
    if (!existing) {
      out.push({ row, status: 'new', changes: [], errors, nextStatus: row.status!, next: {} });
      continue;
    }
    const d = diff(store, existing, row);
    out.push({
      row,
      status: d.changes.length ? 'changed' : 'unchanged',
      changes: d.changes,
      errors,
      existing,
      nextStatus: d.nextStatus,
      next: d.next,
    });
  }
  return out;
}

export function refundImportPreview(
  store: Store,
  staffId: string,
  input: { file: { fileName: string; contentBase64: string } },
): RefundImportPreview {
  const tz = shopTimeZone(store);
  const { fileName } = input.file;
  const bytes = Buffer.from(input.file.contentBase64, 'base64');
  if (!bytes.length) throw new AppError('VALIDATION', 'orderImport.empty', { file: fileName });
  const read = readSheets(fileName, bytes, kindOf);
  const table = read.tables[0];
  if (!table) throw new AppError('VALIDATION', 'aftersalesImport.unknownFile', { file: fileName });
  if (table.body.length > MAX_ROWS)
    throw new AppError('VALIDATION', 'orderImport.tooManyRows', { max: MAX_ROWS });
  const rows = parse(table, tz);
  const first = new Map<string, number>();
  for (const r of rows) {
    const seen = first.get(r.refundNo);
    if (seen)
      r.errors.push({
        field: REFUND_COLUMNS.refundNo[0],
        key: 'aftersalesImport.duplicateRefund',
        params: { row: seen },
      });
    else first.set(r.refundNo, r.rowNumber);
  }
  const pending: Pending = { staffId, fileName, encoding: read.encoding, rows };
  const importId = newId();
  const map = pendingMap(store);
  for (const [id, p] of map) if (p.staffId === staffId) map.delete(id);
  map.set(importId, pending);

  const planned = plan(store, pending);
  const counts = { new: 0, changed: 0, unchanged: 0, rejected: 0 };
  for (const p of planned) counts[p.status]++;
  const unknownOrders = new Set<string>();
  for (const p of planned)
    if (p.status === 'new' && p.row.orderNo && !orderByNo(store, p.row.orderNo))
      unknownOrders.add(p.row.orderNo);
  return {
    importId,
    fileName,
    encoding: read.encoding,
    counts,
    unknownOrders: [...unknownOrders].sort().slice(0, 500),
    rows: planned
      .filter((p) => p.status !== 'unchanged')
      .slice(0, 2000)
      .map((p) => ({
        rowNumber: p.row.rowNumber,
        refundNo: p.row.refundNo,
        orderNo: p.row.orderNo,
        memberName: p.row.memberName,
        status: p.status,
        changes: p.changes,
        errors: p.errors,
      })),
  };
}

/** Apply a previewed import inside the caller's transaction: every case or none. */
export function refundImportCommit(
  store: Store,
  staffId: string,
  input: { importId: string; excludeRefunds: string[] },
): RefundImportResult {
  const pending = pendingMap(store).get(input.importId);
  if (!pending || pending.staffId !== staffId) throw notFound('import');
  const excluded = new Set(input.excludeRefunds);
  const planned = plan(store, pending, excluded);
  const rejected = planned.filter((p) => p.status === 'rejected').map((p) => p.row.rowNumber);
  if (rejected.length)
    throw new AppError('VALIDATION', 'orderImport.hasRejected', { rows: rejected.slice(0, 20).join(', ') });
  const result: RefundImportResult = { created: 0, updated: 0, unchanged: 0, excluded: excluded.size };
  if (!planned.some((p) => p.status !== 'unchanged')) {
    result.unchanged = planned.length;
    pendingMap(store).delete(input.importId);
    return result;
  }
  const tz = shopTimeZone(store);
  const hlc = store.stamp();
  const now = store.isoNow();
  for (const p of planned) {
    const r = p.row;
    if (p.status === 'unchanged') {
      result.unchanged++;
      continue;
    }
    if (p.status === 'new') {
      const order = r.orderNo ? orderByNo(store, r.orderNo) : undefined;
      const buyer = order?.buyer_id
        ? { id: order.buyer_id }
        : linkBuyer(store, staffId, r.memberName, { name: '', phone: '', address: '' }, hlc, 'import');
      const id = newId();
      const caseNo = store.nextNumber(CASE_PREFIX, tz);
      const final = FINAL_STATUSES.includes(r.status!);
      store
        .stmt(
          `INSERT INTO aftersales_case (id, case_no, type, status, source, refund_no, order_id, order_no, buyer_id,
             member_name, reason, note, refund_fen, paid_fen, agent_id, return_carrier, return_tracking, opened_at, due_at,
             closed_at, created_at, created_by, updated_at, updated_by)
           VALUES (@id, @caseNo, @type, @status, 'import', @refundNo, @orderId, @orderNo, @buyerId, @member, @reason,
             @note, @refund, @paid, NULL, @carrier, @tracking, @opened, @due, @closed, @now, @by, @hlc, @by)`,
        )
        .run({
          id,
          caseNo,
          type: r.type,
          status: r.status,
          refundNo: r.refundNo,
          orderId: order?.id ?? null,
          orderNo: r.orderNo,
          buyerId: buyer.id,
          member: r.memberName,
          reason: r.reason,
          note: r.explain,
          refund: r.refundFen,
          paid: r.paidFen ?? order?.paid_fen ?? null,
          carrier: r.returnCarrier,
          tracking: r.returnTracking,
          opened: r.appliedAt ?? now,
          due: r.dueAt,
          closed: final ? (r.finishedAt ?? now) : null,
          now,
          by: staffId,
          hlc,
        });
      if (r.code || r.title) {
        const line = order
          ? store
              .stmt<{ id: string; sku_id: string | null; spec: string; quantity: number }>(
                `SELECT id, sku_id, spec, quantity FROM sales_order_line WHERE order_id = ? AND sku_code = ? ORDER BY line_no LIMIT 1`,
              )
              .get(order.id, r.code)
          : undefined;
        const skuId =
          line?.sku_id ??
          (r.code
            ? (store
                .stmt<{ id: string }>(`SELECT id FROM sku WHERE code = ? AND deleted_at IS NULL`)
                .get(r.code)?.id ?? null)
            : null);
        insertLines(store, id, [
          {
            orderLineId: line?.id ?? null,
            skuId,
            code: r.code,
            title: r.title,
            spec: line?.spec ?? '',
            quantity: Math.max(1, line?.quantity ?? 1),
          },
        ]);
      }
      recordCaseStatus(store, id, null, r.status!, 'import', staffId, '', r.appliedAt ?? now);
      store.log(
        {
          staffId,
          entity: 'aftersales_case',
          rowId: id,
          op: 'import',
          label: caseNo,
          fields: {
            refundNo: { from: null, to: r.refundNo },
            type: { from: null, to: r.type },
            status: { from: null, to: r.status },
            refundFen: { from: null, to: r.refundFen },
          },
        },
        hlc,
      );
      result.created++;
      continue;
    }
    const e = p.existing!;
    const f = { ...e, ...p.next };
    const final = FINAL_STATUSES.includes(f.status);
    store
      .stmt(
        `UPDATE aftersales_case SET status = @status, refund_fen = @refund_fen, paid_fen = @paid_fen, reason = @reason,
           due_at = @due_at, return_tracking = @return_tracking, return_carrier = @return_carrier, order_id = @order_id,
           buyer_id = @buyer_id, closed_at = @closed_at, updated_at = @hlc, updated_by = @by WHERE id = @id`,
      )
      .run({
        ...f,
        closed_at: final ? (e.closed_at ?? r.finishedAt ?? now) : null,
        hlc,
        by: staffId,
      });
    if (p.next.status)
      recordCaseStatus(store, e.id, e.status, p.next.status, 'import', staffId, '退款报表', now);
    const fields: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of p.changes) fields[k] = { from: e[k as keyof CaseDb], to: f[k as keyof CaseDb] };
    store.log(
      { staffId, entity: 'aftersales_case', rowId: e.id, op: 'import', label: e.case_no, fields },
      hlc,
    );
    result.updated++;
  }
  store.log(
    {
      staffId,
      entity: 'aftersales_import',
      rowId: input.importId,
      op: 'import',
      label: pending.fileName,
      fields: {
        created: { from: null, to: result.created },
        updated: { from: null, to: result.updated },
        excluded: { from: null, to: result.excluded },
      },
    },
    hlc,
  );
  pendingMap(store).delete(input.importId);
  return result;
}
