// The complaint register (投诉处理登记表, §14): numbered complaints with per-severity response and
// resolution deadlines, an append-only handling timeline, supervisor confirmation, the callback
// (回访) with the customer evaluation, archiving only after both, notices for severe complaints,
// analysis and the CSV export of the register.
import type { ExportResult } from '../../api/contract';
import type {
  Complaint,
  ComplaintAnalysis,
  ComplaintCategory,
  ComplaintFilter,
  ComplaintNotices,
  ComplaintRow,
  ComplaintSeverity,
  ComplaintStatus,
  ComplaintStep,
  DeadlineSettings,
  StepKind,
} from '../../api/contract-complaints';
import { COMPLAINT_SEVERITIES } from '../../api/contract-complaints';
import type { Host } from '../../api/host';
import type { Paged } from '../../api/contract';
import type { Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { buyerById, buyerByMember } from './buyers';
import { dayRangeUtc } from './common';
import { orderById } from './orders';

/** Roles notified at once of a severe complaint (§14): the CS supervisor and the store manager. */
export const SEVERE_NOTIFY: readonly Role[] = ['cs_supervisor', 'manager'];

interface ComplaintDb {
  id: string;
  complaint_no: string;
  received_at: string;
  channel: ComplaintRow['channel'];
  buyer_id: string | null;
  member_name: string;
  order_id: string | null;
  sku_id: string | null;
  product: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  description: string;
  handler_id: string | null;
  status: ComplaintStatus;
  response_due_at: string;
  resolve_due_at: string;
  first_response_at: string | null;
  result: string;
  resolved_at: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  callback_due_at: string | null;
  callback_at: string | null;
  callback_by: string | null;
  satisfaction: number | null;
  evaluation: string;
  archived_at: string | null;
  updated_at: string;
}
type RowDb = ComplaintDb & { order_no: string | null; handler_name: string | null };

const ROW_SELECT = `SELECT c.*, o.order_no AS order_no, h.name AS handler_name FROM complaint c
  LEFT JOIN sales_order o ON o.id = c.order_id LEFT JOIN staff h ON h.id = c.handler_id`;

export function getDeadlines(store: Store): DeadlineSettings {
  const rows = store
    .stmt<{ severity: ComplaintSeverity; response_minutes: number; resolve_minutes: number }>(
      `SELECT severity, response_minutes, resolve_minutes FROM complaint_setting`,
    )
    .all();
  const out = {} as DeadlineSettings;
  for (const r of rows)
    out[r.severity] = { responseMinutes: r.response_minutes, resolveMinutes: r.resolve_minutes };
  return out;
}

export function saveDeadlines(store: Store, by: string, input: DeadlineSettings): DeadlineSettings {
  const before = getDeadlines(store);
  for (const s of COMPLAINT_SEVERITIES)
    store
      .stmt(`UPDATE complaint_setting SET response_minutes = @r, resolve_minutes = @v WHERE severity = @s`)
      .run({ s, r: input[s].responseMinutes, v: input[s].resolveMinutes });
  const after = getDeadlines(store);
  store.log({
    staffId: by,
    entity: 'complaint_setting',
    rowId: 'complaints',
    op: 'update',
    label: '投诉处理时限',
    fields: { deadlines: { from: before, to: after } },
  });
  return after;
}

function toRow(store: Store, r: RowDb): ComplaintRow {
  const now = store.isoNow();
  return {
    id: r.id,
    complaintNo: r.complaint_no,
    receivedAt: r.received_at,
    channel: r.channel,
    buyerId: r.buyer_id,
    memberName: r.member_name,
    orderId: r.order_id,
    orderNo: r.order_no,
    product: r.product,
    category: r.category,
    severity: r.severity,
    description: r.description,
    handlerId: r.handler_id,
    handlerName: r.handler_name,
    status: r.status,
    responseDueAt: r.response_due_at,
    resolveDueAt: r.resolve_due_at,
    firstResponseAt: r.first_response_at,
    resolvedAt: r.resolved_at,
    responseOverdue: (r.first_response_at ?? now) > r.response_due_at,
    resolveOverdue: (r.resolved_at ?? now) > r.resolve_due_at,
    callbackDueAt: r.callback_due_at,
    callbackAt: r.callback_at,
    satisfaction: r.satisfaction,
  };
}

/** The SQL twin of the overdue flags (either deadline missed), for filters and analysis. */
const OVERDUE_SQL = `(COALESCE(c.first_response_at, @now) > c.response_due_at OR COALESCE(c.resolved_at, @now) > c.resolve_due_at)`;

function filterSql(store: Store, f: ComplaintFilter): { where: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = { now: store.isoNow() };
  const { fromUtc, toUtc } = dayRangeUtc(store, f.from, f.to);
  if (fromUtc) {
    parts.push('c.received_at >= @fromUtc');
    params.fromUtc = fromUtc;
  }
  if (toUtc) {
    parts.push('c.received_at < @toUtc');
    params.toUtc = toUtc;
  }
  if (f.status === 'active') parts.push(`c.status IN ('open', 'resolved', 'confirmed')`);
  else if (f.status) {
    parts.push('c.status = @status');
    params.status = f.status;
  }
  if (f.severity) {
    parts.push('c.severity = @severity');
    params.severity = f.severity;
  }
  if (f.overdueOnly) parts.push(`c.status <> 'archived' AND ${OVERDUE_SQL}`);
  const q = (f.q ?? '').trim();
  if (q) {
    parts.push(
      `(c.complaint_no = @q OR c.member_name LIKE @qp ESCAPE '\\' OR c.product LIKE @qp ESCAPE '\\')`,
    );
    params.q = q;
    params.qp = `${q.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function listComplaints(
  store: Store,
  input: { filter: ComplaintFilter; offset: number; limit: number },
): Paged<ComplaintRow> {
  const { where, params } = filterSql(store, input.filter);
  const total = store.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM complaint c ${where}`).get(params)!.n;
  const rows = store
    .stmt<RowDb>(`${ROW_SELECT} ${where} ORDER BY c.received_at DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { total, rows: rows.map((r) => toRow(store, r)) };
}

function complaintDb(store: Store, id: string): ComplaintDb {
  const c = store.stmt<ComplaintDb>(`SELECT * FROM complaint WHERE id = ?`).get(id);
  if (!c) throw notFound('complaint');
  return c;
}

export function getComplaint(store: Store, id: string): Complaint {
  const r = store.stmt<RowDb>(`${ROW_SELECT} WHERE c.id = ?`).get(id);
  if (!r) throw notFound('complaint');
  const steps = store
    .stmt<{ id: string; at: string; kind: StepKind; text: string; staff_name: string | null }>(
      `SELECT st.id, st.at, st.kind, st.text, s.name AS staff_name FROM complaint_step st
       LEFT JOIN staff s ON s.id = st.staff_id WHERE st.complaint_id = ? ORDER BY st.at, st.id`,
    )
    .all(id)
    .map((s): ComplaintStep => ({ id: s.id, at: s.at, kind: s.kind, text: s.text, staffName: s.staff_name }));
  const confirmer = r.confirmed_by
    ? (store.stmt<{ name: string }>(`SELECT name FROM staff WHERE id = ?`).get(r.confirmed_by)?.name ?? null)
    : null;
  return {
    ...toRow(store, r),
    skuId: r.sku_id,
    result: r.result,
    confirmedAt: r.confirmed_at,
    confirmedByName: confirmer,
    evaluation: r.evaluation,
    archivedAt: r.archived_at,
    version: r.updated_at,
    steps,
  };
}

function addStepRow(store: Store, by: string, complaintId: string, kind: StepKind, text: string): void {
  store
    .stmt(
      `INSERT INTO complaint_step (id, complaint_id, at, staff_id, kind, text) VALUES (@id, @cid, @at, @by, @kind, @text)`,
    )
    .run({ id: newId(), cid: complaintId, at: store.isoNow(), by, kind, text });
}

/** Set columns of a complaint, bump its version and log the change. */
function patch(
  store: Store,
  by: string,
  c: ComplaintDb,
  changes: Partial<Record<keyof ComplaintDb, string | number | null>>,
): void {
  const hlc = store.stamp();
  const cols = Object.keys(changes);
  store
    .stmt(
      `UPDATE complaint SET ${cols.map((k) => `${k} = @${k}`).join(', ')}, updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ ...changes, hlc, by, id: c.id });
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of cols) fields[k] = { from: c[k as keyof ComplaintDb], to: changes[k as keyof ComplaintDb] };
  store.log(
    { staffId: by, entity: 'complaint', rowId: c.id, op: 'update', label: c.complaint_no, fields },
    hlc,
  );
}

export function createComplaint(
  store: Store,
  by: string,
  input: {
    receivedAt?: string;
    channel: ComplaintRow['channel'];
    buyerId?: string;
    memberName: string;
    orderId?: string;
    skuId?: string;
    product: string;
    category: ComplaintCategory;
    severity: ComplaintSeverity;
    description: string;
    handlerId?: string;
  },
): string {
  let memberName = input.memberName;
  let buyerId = input.buyerId ?? null;
  if (input.orderId) {
    const o = orderById(store, input.orderId);
    if (!o) throw fieldErrors({ orderId: { key: 'validation.complaintOrderUnknown' } });
    buyerId ??= o.buyer_id;
    if (!memberName) memberName = o.member_name;
  }
  // A member name typed without picking a buyer still links the buyer of that name, if any.
  if (!buyerId && memberName) buyerId = buyerByMember(store, memberName)?.id ?? null;
  if (buyerId) {
    const b = buyerById(store, buyerId);
    if (!b) throw fieldErrors({ buyerId: { key: 'validation.complaintBuyerUnknown' } });
    if (!memberName) memberName = b.member_name;
  }
  if (input.skuId && !store.stmt(`SELECT 1 FROM sku WHERE id = ?`).get(input.skuId))
    throw fieldErrors({ skuId: { key: 'validation.complaintSkuUnknown' } });
  const handlerId = input.handlerId ?? by;
  if (!store.stmt(`SELECT 1 FROM staff WHERE id = ? AND active = 1`).get(handlerId))
    throw fieldErrors({ handlerId: { key: 'validation.complaintHandlerUnknown' } });
  const nowMs = store.now();
  const received = input.receivedAt ? Date.parse(input.receivedAt) : nowMs;
  if (received > nowMs + 5 * 60_000) throw fieldErrors({ receivedAt: { key: 'validation.complaintFuture' } });
  const d = getDeadlines(store)[input.severity];
  const id = newId();
  const hlc = store.stamp();
  const row = {
    complaint_no: store.nextNumber('TS', shopTimeZone(store)),
    received_at: new Date(received).toISOString(),
    channel: input.channel,
    buyer_id: buyerId,
    member_name: memberName,
    order_id: input.orderId ?? null,
    sku_id: input.skuId ?? null,
    product: input.product,
    category: input.category,
    severity: input.severity,
    description: input.description,
    handler_id: handlerId,
    status: 'open',
    response_due_at: new Date(received + d.responseMinutes * 60_000).toISOString(),
    resolve_due_at: new Date(received + d.resolveMinutes * 60_000).toISOString(),
  };
  store
    .stmt(
      `INSERT INTO complaint (id, ${Object.keys(row).join(', ')}, created_at, created_by, updated_at, updated_by)
       VALUES (@id, ${Object.keys(row)
         .map((k) => `@${k}`)
         .join(', ')}, @at, @by, @hlc, @by)`,
    )
    .run({ ...row, id, at: store.isoNow(), by, hlc });
  addStepRow(store, by, id, 'registered', '');
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(row)) fields[k] = { from: null, to: v };
  store.log(
    { staffId: by, entity: 'complaint', rowId: id, op: 'create', label: row.complaint_no, fields },
    hlc,
  );
  if (input.severity === 'severe') {
    for (const role of SEVERE_NOTIFY) {
      const nid = newId();
      store
        .stmt(`INSERT INTO complaint_notice (id, complaint_id, role, at) VALUES (?, ?, ?, ?)`)
        .run(nid, id, role, store.isoNow());
      store.log({
        staffId: by,
        entity: 'complaint_notice',
        rowId: nid,
        op: 'create',
        label: row.complaint_no,
        fields: { role: { from: null, to: role } },
      });
    }
  }
  return id;
}

function refuseArchived(c: ComplaintDb): void {
  if (c.status === 'archived') throw new AppError('CONFLICT', 'complaintArchived');
}

/** An investigation note or a handling step; the first one answers the complaint (响应). */
export function addStep(
  store: Store,
  by: string,
  input: { id: string; kind: 'investigation' | 'step'; text: string },
): void {
  const c = complaintDb(store, input.id);
  refuseArchived(c);
  addStepRow(store, by, c.id, input.kind, input.text);
  store.log({
    staffId: by,
    entity: 'complaint_step',
    rowId: c.id,
    op: 'create',
    label: c.complaint_no,
    fields: { kind: { from: null, to: input.kind }, text: { from: null, to: input.text } },
  });
  if (!c.first_response_at) patch(store, by, c, { first_response_at: store.isoNow() });
}

export function resolveComplaint(store: Store, by: string, input: { id: string; result: string }): void {
  const c = complaintDb(store, input.id);
  refuseArchived(c);
  if (c.status === 'confirmed') throw new AppError('CONFLICT', 'complaintConfirmed');
  const now = store.isoNow();
  addStepRow(store, by, c.id, 'resolved', input.result);
  patch(store, by, c, {
    result: input.result,
    status: 'resolved',
    resolved_at: c.resolved_at ?? now,
    first_response_at: c.first_response_at ?? now,
  });
}

export function confirmComplaint(store: Store, by: string, id: string): void {
  const c = complaintDb(store, id);
  if (c.status !== 'resolved') throw new AppError('CONFLICT', 'complaintNotResolved');
  addStepRow(store, by, c.id, 'confirmed', '');
  patch(store, by, c, { status: 'confirmed', confirmed_at: store.isoNow(), confirmed_by: by });
}

export function scheduleCallback(store: Store, by: string, input: { id: string; at: string }): void {
  const c = complaintDb(store, input.id);
  refuseArchived(c);
  if (c.callback_at) throw new AppError('CONFLICT', 'complaintCalledBack');
  const at = new Date(input.at).toISOString();
  addStepRow(store, by, c.id, 'callbackScheduled', at);
  patch(store, by, c, { callback_due_at: at });
}

/** The callback with the customer evaluation form; only once the complaint is resolved. */
export function recordCallback(
  store: Store,
  by: string,
  input: { id: string; satisfaction: number; comment: string },
): void {
  const c = complaintDb(store, input.id);
  refuseArchived(c);
  if (c.status === 'open') throw new AppError('CONFLICT', 'complaintNotResolved');
  if (c.callback_at) throw new AppError('CONFLICT', 'complaintCalledBack');
  addStepRow(store, by, c.id, 'callback', `${input.satisfaction}|${input.comment}`);
  patch(store, by, c, {
    callback_at: store.isoNow(),
    callback_by: by,
    satisfaction: input.satisfaction,
    evaluation: input.comment,
  });
}

/** Archiving needs the supervisor's confirmation AND the callback (also a CHECK in the table). */
export function archiveComplaint(store: Store, by: string, id: string): void {
  const c = complaintDb(store, id);
  refuseArchived(c);
  if (c.status !== 'confirmed' || !c.confirmed_at) throw new AppError('CONFLICT', 'complaintNotConfirmed');
  if (!c.callback_at) throw new AppError('CONFLICT', 'complaintNoCallback');
  addStepRow(store, by, c.id, 'archived', '');
  patch(store, by, c, { status: 'archived', archived_at: store.isoNow() });
}

export function notices(store: Store, me: { id: string; role: Role }): ComplaintNotices {
  const rows = store
    .stmt<{
      id: string;
      complaint_id: string;
      at: string;
      complaint_no: string;
      severity: ComplaintSeverity;
      category: ComplaintCategory;
      member_name: string;
      status: ComplaintStatus;
      is_read: number;
    }>(
      `SELECT n.id, n.complaint_id, n.at, c.complaint_no, c.severity, c.category, c.member_name, c.status,
         EXISTS (SELECT 1 FROM complaint_notice_read r WHERE r.notice_id = n.id AND r.staff_id = @me) AS is_read
       FROM complaint_notice n JOIN complaint c ON c.id = n.complaint_id
       WHERE n.role = @role ORDER BY n.at DESC LIMIT 50`,
    )
    .all({ role: me.role, me: me.id });
  const unread = store
    .stmt<{ n: number }>(
      `SELECT COUNT(*) AS n FROM complaint_notice n WHERE n.role = @role
       AND NOT EXISTS (SELECT 1 FROM complaint_notice_read r WHERE r.notice_id = n.id AND r.staff_id = @me)`,
    )
    .get({ role: me.role, me: me.id })!.n;
  return {
    unread,
    rows: rows.map((r) => ({
      id: r.id,
      complaintId: r.complaint_id,
      complaintNo: r.complaint_no,
      at: r.at,
      severity: r.severity,
      category: r.category,
      memberName: r.member_name,
      status: r.status,
      read: r.is_read === 1,
    })),
  };
}

export function readNotices(store: Store, me: { id: string; role: Role }, ids: readonly string[]): void {
  for (const nid of ids) {
    const ok = store.stmt(`SELECT 1 FROM complaint_notice WHERE id = ? AND role = ?`).get(nid, me.role);
    if (!ok) continue;
    const r = store
      .stmt(`INSERT OR IGNORE INTO complaint_notice_read (notice_id, staff_id, at) VALUES (?, ?, ?)`)
      .run(nid, me.id, store.isoNow());
    if (r.changes)
      store.log({ staffId: me.id, entity: 'complaint_notice_read', rowId: nid, op: 'create', label: '' });
  }
}

export function analysis(store: Store, input: { from: string; to: string }): ComplaintAnalysis {
  const { fromUtc, toUtc } = dayRangeUtc(store, input.from, input.to);
  const p = { fromUtc: fromUtc!, toUtc: toUtc!, now: store.isoNow() };
  const RANGE = `c.received_at >= @fromUtc AND c.received_at < @toUtc`;
  const MINUTES = `(julianday(c.resolved_at) - julianday(c.received_at)) * 1440`;
  const t = store
    .stmt<{
      n: number;
      severe: number | null;
      resolved: number | null;
      overdue: number | null;
      avg_min: number | null;
      avg_sat: number | null;
    }>(
      `SELECT COUNT(*) AS n, SUM(c.severity = 'severe') AS severe, SUM(c.resolved_at IS NOT NULL) AS resolved,
         SUM(${OVERDUE_SQL}) AS overdue, AVG(CASE WHEN c.resolved_at IS NOT NULL THEN ${MINUTES} END) AS avg_min,
         AVG(c.satisfaction) AS avg_sat
       FROM complaint c WHERE ${RANGE}`,
    )
    .get(p)!;
  const round = (x: number | null) => (x === null ? null : Math.round(x));
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return {
    total: t.n,
    severe: t.severe ?? 0,
    resolved: t.resolved ?? 0,
    overdue: t.overdue ?? 0,
    avgResolveMinutes: round(t.avg_min),
    avgSatisfaction: round1(t.avg_sat),
    byCategory: store
      .stmt<{ category: ComplaintCategory; count: number }>(
        `SELECT c.category, COUNT(*) AS count FROM complaint c WHERE ${RANGE} GROUP BY c.category ORDER BY count DESC, c.category`,
      )
      .all(p),
    byProduct: store
      .stmt<{ product: string; count: number }>(
        `SELECT COALESCE(NULLIF(c.product, ''), pr.title, '') AS product, COUNT(*) AS count FROM complaint c
         LEFT JOIN sku k ON k.id = c.sku_id LEFT JOIN product pr ON pr.id = k.product_id WHERE ${RANGE} GROUP BY 1 ORDER BY count DESC, 1 LIMIT 20`,
      )
      .all(p),
    byAgent: store
      .stmt<{ name: string | null; count: number; avg_min: number | null; avg_sat: number | null }>(
        `SELECT s.name, COUNT(*) AS count, AVG(CASE WHEN c.resolved_at IS NOT NULL THEN ${MINUTES} END) AS avg_min,
           AVG(c.satisfaction) AS avg_sat
         FROM complaint c LEFT JOIN staff s ON s.id = c.handler_id WHERE ${RANGE}
         GROUP BY c.handler_id ORDER BY count DESC, s.name`,
      )
      .all(p)
      .map((a) => ({
        name: a.name ?? '',
        count: a.count,
        avgResolveMinutes: round(a.avg_min),
        avgSatisfaction: round1(a.avg_sat),
      })),
    bySatisfaction: store
      .stmt<{ satisfaction: number; count: number }>(
        `SELECT c.satisfaction, COUNT(*) AS count FROM complaint c
         WHERE ${RANGE} AND c.satisfaction IS NOT NULL GROUP BY c.satisfaction ORDER BY c.satisfaction`,
      )
      .all(p),
  };
}

const L = (x: string, pairs: Record<string, string>) =>
  `CASE ${x} ${Object.entries(pairs)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ')} ELSE ${x} END`;

/** The register as CSV lines (shop-local times at the shop's current offset). */
export function complaintsCsvQuery(store: Store, filter: ComplaintFilter): CsvQuery {
  const { where, params } = filterSql(store, filter);
  const tz = shopTimeZone(store);
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
      .formatToParts(new Date(store.now()))
      .find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const local = (x: string) =>
    `CASE WHEN ${x} IS NULL THEN '' ELSE strftime('%Y-%m-%d %H:%M', ${x}, '${off >= 0 ? '+' : ''}${off} minutes') END`;
  const line = sqlCsvLine([
    sqlCsvText('c.complaint_no'),
    sqlCsvText(local('c.received_at')),
    sqlCsvText(
      L('c.channel', { wangwang: '旺旺', phone: '电话', sms: '短信', platform: '平台介入', other: '其他' }),
    ),
    sqlCsvText('c.member_name'),
    sqlCsvText(`COALESCE(o.order_no, '')`),
    sqlCsvText('c.product'),
    sqlCsvText(
      L('c.category', {
        quality: '商品质量',
        logistics: '发货物流',
        attitude: '服务态度',
        mismatch: '描述不符',
        aftersale: '售后处理',
        other: '其他',
      }),
    ),
    sqlCsvText(L('c.severity', { normal: '一般', major: '较重', severe: '严重' })),
    sqlCsvText('c.description'),
    sqlCsvText(`COALESCE(h.name, '')`),
    sqlCsvText(
      L('c.status', { open: '处理中', resolved: '已解决', confirmed: '已确认', archived: '已归档' }),
    ),
    sqlCsvText(`CASE WHEN ${OVERDUE_SQL} THEN '超时' ELSE '' END`),
    sqlCsvText('c.result'),
    sqlCsvText(local('c.resolved_at')),
    sqlCsvText(local('c.confirmed_at')),
    sqlCsvText(local('c.callback_at')),
    `COALESCE(c.satisfaction, '')`,
    sqlCsvText('c.evaluation'),
  ]);
  return {
    header: [
      '投诉编号',
      '投诉时间',
      '投诉渠道',
      '买家会员名',
      '订单编号',
      '商品',
      '投诉类别',
      '严重程度',
      '投诉内容',
      '处理人',
      '状态',
      '是否超时',
      '处理结果',
      '解决时间',
      '主管确认时间',
      '回访时间',
      '满意度',
      '客户评价',
    ],
    sql: `SELECT ${line} FROM complaint c LEFT JOIN sales_order o ON o.id = c.order_id
          LEFT JOIN staff h ON h.id = c.handler_id ${where} ORDER BY c.received_at`,
    params,
  };
}

export function exportComplaints(
  store: Store,
  host: Host,
  filter: ComplaintFilter,
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '投诉登记', encoding, () => complaintsCsvQuery(store, filter));
}
