// An agent's day (客服): the daily work log (工作日志 §12.2, §13.7) and the weekly summary and plan
// (周总结/下周计划 §16.5) — one journal per agent per day / ISO week, editable by its author only
// during that day / week (version-checked), read-only after; supervisors read all and comment.
// The memo book (备忘录 §16.5) with optional reminders. Order credit (订单归属) and the daily
// personal sales report (个人销售日报 §12.11).
import type {
  AgentOption,
  CreditOrders,
  CreditSource,
  Journal,
  JournalComment,
  JournalKind,
  JournalSection,
  Memo,
  MemoDue,
  MemoList,
  SalesReport,
  SalesReportRow,
} from '../../api/contract-agentday';
import { isoWeekOf } from '../../api/contract-agentday';
import type { ExportResult } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { sqlFormatYuan } from '../../lib/money';
import { shopTimeZone } from '../staff/service';
import { dayRangeUtc } from './common';

export { isoWeekOf };

const forbidden = () => new AppError('FORBIDDEN', 'forbidden');
const AGENT_ROLES = `('cs_agent', 'cs_supervisor')`;

// ---------------------------------------------------------------------------------------------
// Days and ISO weeks (shop-local)
// ---------------------------------------------------------------------------------------------

/** Today in the shop's time zone, yyyy-mm-dd. */
export function shopToday(store: Store): string {
  const d = store.localDay(shopTimeZone(store));
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

function currentPeriod(store: Store, kind: JournalKind): string {
  const today = shopToday(store);
  return kind === 'day' ? today : isoWeekOf(today);
}

/** The shop's UTC offset now, as an SQLite date modifier ('+480 minutes'). */
function offsetModifier(store: Store): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: shopTimeZone(store),
    timeZoneName: 'longOffset',
  }).formatToParts(new Date(store.now()));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const min = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  return `${min >= 0 ? '+' : ''}${min} minutes`;
}

function staffName(store: Store, id: string): string {
  return store.stmt<{ name: string }>(`SELECT name FROM staff WHERE id = ?`).get(id)?.name ?? '';
}

// ---------------------------------------------------------------------------------------------
// Journals: daily work log and weekly summary/plan
// ---------------------------------------------------------------------------------------------

interface JournalDb {
  id: string;
  kind: JournalKind;
  staff_id: string;
  staff_name: string;
  period: string;
  sections: string;
  updated_at: string;
}

function journalComments(store: Store, journalId: string): JournalComment[] {
  return store
    .stmt<JournalComment>(
      `SELECT c.id, c.at, c.staff_id AS staffId, COALESCE(s.name, '') AS staffName, c.text
       FROM agent_journal_comment c LEFT JOIN staff s ON s.id = c.staff_id
       WHERE c.journal_id = ? ORDER BY c.at, c.id`,
    )
    .all(journalId);
}

function toJournal(store: Store, r: JournalDb, me: string): Journal {
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    staffId: r.staff_id,
    staffName: r.staff_name,
    sections: JSON.parse(r.sections) as Partial<Record<JournalSection, string>>,
    version: r.updated_at,
    updatedAt: r.updated_at.length ? new Date(Number(r.updated_at.split('-')[0])).toISOString() : null,
    editable: r.staff_id === me && r.period === currentPeriod(store, r.kind),
    comments: journalComments(store, r.id),
  };
}

const JOURNAL_SELECT = `SELECT j.id, j.kind, j.staff_id, COALESCE(s.name, '') AS staff_name, j.period,
  j.sections, j.updated_at FROM agent_journal j LEFT JOIN staff s ON s.id = j.staff_id`;

function journalRow(store: Store, kind: JournalKind, staffId: string, period: string): JournalDb | undefined {
  return store
    .stmt<JournalDb>(`${JOURNAL_SELECT} WHERE j.kind = ? AND j.staff_id = ? AND j.period = ?`)
    .get(kind, staffId, period);
}

/** One agent's journal for a period (an empty one when nothing is written yet). */
export function getJournal(
  store: Store,
  me: string,
  canTeam: boolean,
  input: { kind: JournalKind; period: string; staffId?: string },
): Journal {
  const staffId = input.staffId ?? me;
  if (staffId !== me && !canTeam) throw forbidden();
  const r = journalRow(store, input.kind, staffId, input.period);
  if (r) return toJournal(store, r, me);
  return {
    id: null,
    kind: input.kind,
    period: input.period,
    staffId,
    staffName: staffName(store, staffId),
    sections: {},
    version: null,
    updatedAt: null,
    editable: staffId === me && input.period === currentPeriod(store, input.kind),
    comments: [],
  };
}

/** Write one's own journal for the current day / week; a stale or missing version is a CONFLICT. */
export function saveJournal(
  store: Store,
  me: string,
  input: {
    kind: JournalKind;
    period: string;
    expectedVersion?: string;
    sections: Partial<Record<JournalSection, string>>;
  },
): Journal {
  if (input.period !== currentPeriod(store, input.kind)) {
    throw new AppError('CONFLICT', input.kind === 'day' ? 'journalDayClosed' : 'journalWeekClosed');
  }
  const before = journalRow(store, input.kind, me, input.period);
  const sections = JSON.stringify(input.sections);
  const hlc = store.stamp();
  const label = `${input.kind === 'day' ? '工作日志' : '周总结'} ${input.period}`;
  if (!before) {
    if (input.expectedVersion) throw new AppError('CONFLICT', 'staleEdit');
    const id = newId();
    store
      .stmt(
        `INSERT INTO agent_journal (id, kind, staff_id, period, sections, created_at, updated_at, updated_by)
         VALUES (@id, @kind, @me, @period, @sections, @at, @hlc, @me)`,
      )
      .run({ id, kind: input.kind, me, period: input.period, sections, at: store.isoNow(), hlc });
    store.log(
      {
        staffId: me,
        entity: 'agent_journal',
        rowId: id,
        op: 'create',
        label,
        fields: { sections: { from: null, to: input.sections } },
      },
      hlc,
    );
  } else {
    if (input.expectedVersion !== before.updated_at) throw new AppError('CONFLICT', 'staleEdit');
    store
      .stmt(
        `UPDATE agent_journal SET sections = @sections, updated_at = @hlc, updated_by = @me WHERE id = @id`,
      )
      .run({ id: before.id, sections, hlc, me });
    store.log(
      {
        staffId: me,
        entity: 'agent_journal',
        rowId: before.id,
        op: 'update',
        label,
        fields: { sections: { from: JSON.parse(before.sections), to: input.sections } },
      },
      hlc,
    );
  }
  return toJournal(store, journalRow(store, input.kind, me, input.period)!, me);
}

/** Journals in a date range (week kind: the weeks containing the dates), newest first. */
export function listJournals(
  store: Store,
  me: string,
  canTeam: boolean,
  input: { kind: JournalKind; from: string; to: string; staffId?: string },
): Journal[] {
  const staffId = canTeam ? (input.staffId ?? null) : me;
  if (!canTeam && input.staffId && input.staffId !== me) throw forbidden();
  const from = input.kind === 'day' ? input.from : isoWeekOf(input.from);
  const to = input.kind === 'day' ? input.to : isoWeekOf(input.to);
  return store
    .stmt<JournalDb>(
      `${JOURNAL_SELECT} WHERE j.kind = @kind AND j.period >= @from AND j.period <= @to
         AND (@staffId IS NULL OR j.staff_id = @staffId)
       ORDER BY j.period DESC, staff_name LIMIT 500`,
    )
    .all({ kind: input.kind, from, to, staffId })
    .map((r) => toJournal(store, r, me));
}

/** A supervisor's comment on someone's journal (append-only). */
export function commentJournal(
  store: Store,
  me: string,
  input: { journalId: string; text: string },
): Journal {
  const r = store.stmt<JournalDb>(`${JOURNAL_SELECT} WHERE j.id = ?`).get(input.journalId);
  if (!r) throw notFound('journal');
  const id = newId();
  store
    .stmt(
      `INSERT INTO agent_journal_comment (id, journal_id, at, staff_id, text) VALUES (@id, @journalId, @at, @me, @text)`,
    )
    .run({ id, journalId: r.id, at: store.isoNow(), me, text: input.text });
  store.log({
    staffId: me,
    entity: 'agent_journal_comment',
    rowId: id,
    op: 'create',
    label: `${r.staff_name} ${r.period}`,
    fields: { journal_id: { from: null, to: r.id }, text: { from: null, to: input.text } },
  });
  return toJournal(store, r, me);
}

// ---------------------------------------------------------------------------------------------
// Memo book (备忘录)
// ---------------------------------------------------------------------------------------------

interface MemoDb {
  id: string;
  staff_id: string;
  text: string;
  remind_at: string | null;
  done_at: string | null;
  buyer_id: string | null;
  buyer_name: string | null;
  order_id: string | null;
  order_no: string | null;
  created_at: string;
  updated_at: string;
}
const MEMO_SELECT = `SELECT m.id, m.staff_id, m.text, m.remind_at, m.done_at, m.buyer_id, b.member_name AS buyer_name,
  m.order_id, o.order_no, m.created_at, m.updated_at
  FROM agent_memo m LEFT JOIN buyer b ON b.id = m.buyer_id LEFT JOIN sales_order o ON o.id = m.order_id`;

function toMemo(r: MemoDb, nowIso: string): Memo {
  return {
    id: r.id,
    text: r.text,
    remindAt: r.remind_at,
    doneAt: r.done_at,
    due: r.remind_at !== null && r.done_at === null && r.remind_at <= nowIso,
    buyerId: r.buyer_id,
    buyerName: r.buyer_name,
    orderId: r.order_id,
    orderNo: r.order_no,
    createdAt: r.created_at,
    version: r.updated_at,
  };
}

/** One's due reminders: a reminder time that has passed, not done. */
export function dueMemos(store: Store, me: string): MemoDue {
  const now = store.isoNow();
  const rows = store
    .stmt<MemoDb>(
      `${MEMO_SELECT} WHERE m.staff_id = @me AND m.remind_at IS NOT NULL AND m.done_at IS NULL
         AND m.deleted_at IS NULL AND m.remind_at <= @now ORDER BY m.remind_at LIMIT 100`,
    )
    .all({ me, now });
  const count = store
    .stmt<{ n: number }>(
      `SELECT COUNT(*) AS n FROM agent_memo WHERE staff_id = @me AND remind_at IS NOT NULL
         AND done_at IS NULL AND deleted_at IS NULL AND remind_at <= @now`,
    )
    .get({ me, now })!.n;
  return { count, rows: rows.map((r) => toMemo(r, now)) };
}

/** One's memos: open ones (and done ones with `includeDone`), newest first. */
export function listMemos(store: Store, me: string, input: { includeDone: boolean }): MemoList {
  const now = store.isoNow();
  const rows = store
    .stmt<MemoDb>(
      `${MEMO_SELECT} WHERE m.staff_id = @me AND m.deleted_at IS NULL AND (@all = 1 OR m.done_at IS NULL)
       ORDER BY m.done_at IS NOT NULL, m.created_at DESC LIMIT 500`,
    )
    .all({ me, all: input.includeDone ? 1 : 0 });
  return { rows: rows.map((r) => toMemo(r, now)), dueCount: dueMemos(store, me).count };
}

function ownMemo(store: Store, me: string, id: string, expectedVersion?: string): MemoDb {
  const r = store.stmt<MemoDb>(`${MEMO_SELECT} WHERE m.id = ? AND m.deleted_at IS NULL`).get(id);
  if (!r || r.staff_id !== me) throw notFound('memo');
  if (expectedVersion && expectedVersion !== r.updated_at) throw new AppError('CONFLICT', 'staleEdit');
  return r;
}

export function saveMemo(
  store: Store,
  me: string,
  input: {
    id?: string;
    expectedVersion?: string;
    text: string;
    remindAt: string | null;
    buyerId: string | null;
    orderId: string | null;
  },
): Memo {
  if (input.buyerId && !store.stmt(`SELECT 1 FROM buyer WHERE id = ?`).get(input.buyerId)) {
    throw notFound('buyer');
  }
  if (input.orderId && !store.stmt(`SELECT 1 FROM sales_order WHERE id = ?`).get(input.orderId)) {
    throw notFound('order');
  }
  const remindAt = input.remindAt ? new Date(input.remindAt).toISOString() : null;
  const hlc = store.stamp();
  let id = input.id;
  if (!id) {
    id = newId();
    store
      .stmt(
        `INSERT INTO agent_memo (id, staff_id, text, remind_at, buyer_id, order_id, created_at, updated_at, updated_by)
         VALUES (@id, @me, @text, @remindAt, @buyerId, @orderId, @at, @hlc, @me)`,
      )
      .run({
        id,
        me,
        text: input.text,
        remindAt,
        buyerId: input.buyerId,
        orderId: input.orderId,
        at: store.isoNow(),
        hlc,
      });
    store.log(
      {
        staffId: me,
        entity: 'agent_memo',
        rowId: id,
        op: 'create',
        label: input.text.slice(0, 40),
        fields: {
          text: { from: null, to: input.text },
          remind_at: { from: null, to: remindAt },
          buyer_id: { from: null, to: input.buyerId },
          order_id: { from: null, to: input.orderId },
        },
      },
      hlc,
    );
  } else {
    const before = ownMemo(store, me, id, input.expectedVersion);
    store
      .stmt(
        `UPDATE agent_memo SET text = @text, remind_at = @remindAt, buyer_id = @buyerId, order_id = @orderId,
           updated_at = @hlc, updated_by = @me WHERE id = @id`,
      )
      .run({ id, me, text: input.text, remindAt, buyerId: input.buyerId, orderId: input.orderId, hlc });
    store.log(
      {
        staffId: me,
        entity: 'agent_memo',
        rowId: id,
        op: 'update',
        label: input.text.slice(0, 40),
        fields: {
          text: { from: before.text, to: input.text },
          remind_at: { from: before.remind_at, to: remindAt },
          buyer_id: { from: before.buyer_id, to: input.buyerId },
          order_id: { from: before.order_id, to: input.orderId },
        },
      },
      hlc,
    );
  }
  return toMemo(ownMemo(store, me, id), store.isoNow());
}

export function setMemoDone(
  store: Store,
  me: string,
  input: { id: string; expectedVersion?: string; done: boolean },
): Memo {
  const before = ownMemo(store, me, input.id, input.expectedVersion);
  const doneAt = input.done ? (before.done_at ?? store.isoNow()) : null;
  if (doneAt !== before.done_at) {
    const hlc = store.stamp();
    store
      .stmt(`UPDATE agent_memo SET done_at = @doneAt, updated_at = @hlc, updated_by = @me WHERE id = @id`)
      .run({ id: input.id, doneAt, hlc, me });
    store.log(
      {
        staffId: me,
        entity: 'agent_memo',
        rowId: input.id,
        op: 'update',
        label: before.text.slice(0, 40),
        fields: { done_at: { from: before.done_at, to: doneAt } },
      },
      hlc,
    );
  }
  return toMemo(ownMemo(store, me, input.id), store.isoNow());
}

// ---------------------------------------------------------------------------------------------
// Inquiry log (售前咨询, presales_inquiry from migration 0012): read only
// ---------------------------------------------------------------------------------------------

interface InquirySource {
  /** SQL expression: the agent of the newest inquiry (by `at`) linked to order `o` (NULL if none). */
  creditSql: string;
  /** SQL: (staff_id, day, n) inquiries per agent per shop-local day in [@fromUtc, @toUtc). */
  countsSql: string;
}

/**
 * THE one place that reads the inquiry log (`presales_inquiry`, owned by the presales module):
 * the agent who took it (`staff_id`), when (`at`, UTC ISO) and the order it led to (`order_id`).
 * Credit uses the partial index on order_id; counts use the index on at.
 */
export function inquirySource(off: string): InquirySource {
  const offset = off.replace(/[^0-9+\- a-z]/g, '');
  return {
    creditSql: `(SELECT i.staff_id FROM presales_inquiry i WHERE i.order_id = o.id ORDER BY i.at DESC, i.id DESC LIMIT 1)`,
    countsSql: `SELECT i.staff_id, date(i.at, '${offset}') AS day, COUNT(*) AS n FROM presales_inquiry i
      WHERE i.at >= @fromUtc AND i.at < @toUtc GROUP BY 1, 2`,
  };
}

// ---------------------------------------------------------------------------------------------
// Order credit (订单归属)
// ---------------------------------------------------------------------------------------------

const MANUAL_CREDIT_SQL = `(SELECT c.staff_id FROM order_credit c WHERE c.order_id = o.id ORDER BY c.at DESC, c.id DESC LIMIT 1)`;

export function agentOptions(store: Store): AgentOption[] {
  return store
    .stmt<AgentOption>(
      `SELECT id, name, role FROM staff WHERE role IN ${AGENT_ROLES} AND active = 1 AND deleted_at IS NULL ORDER BY name`,
    )
    .all();
}

/** Orders paid on a shop-local day, with whom each is credited to and why. */
export function creditOrders(store: Store, input: { day: string }): CreditOrders {
  const { fromUtc, toUtc } = dayRangeUtc(store, input.day, input.day);
  const inq = inquirySource(offsetModifier(store));
  const rows = store
    .stmt<{
      id: string;
      order_no: string;
      member_name: string;
      paid_at: string;
      paid_fen: number;
      manual: string | null;
      inquiry: string | null;
    }>(
      `SELECT o.id, o.order_no, o.member_name, o.paid_at, o.paid_fen, ${MANUAL_CREDIT_SQL} AS manual,
         ${inq.creditSql} AS inquiry
       FROM sales_order o WHERE o.paid_at >= @fromUtc AND o.paid_at < @toUtc ORDER BY o.paid_at, o.id LIMIT 1000`,
    )
    .all({ fromUtc, toUtc });
  return {
    rows: rows.map((r) => {
      const staffId = r.manual ?? r.inquiry;
      const source: CreditSource | null = r.manual ? 'manual' : r.inquiry ? 'inquiry' : null;
      return {
        orderId: r.id,
        orderNo: r.order_no,
        memberName: r.member_name,
        paidAt: r.paid_at,
        paidFen: r.paid_fen,
        staffId,
        staffName: staffId ? staffName(store, staffId) : null,
        source,
      };
    }),
  };
}

/**
 * Credit an order to an agent (a new fact; the newest wins). Supervisors assign anyone; an agent
 * may only claim an order for themselves, and not one manually credited to someone else.
 */
export function assignCredit(
  store: Store,
  me: string,
  canTeam: boolean,
  input: { orderId: string; staffId: string | null },
): void {
  const o = store
    .stmt<{ id: string; order_no: string; manual: string | null }>(
      `SELECT o.id, o.order_no, ${MANUAL_CREDIT_SQL} AS manual FROM sales_order o WHERE o.id = ?`,
    )
    .get(input.orderId);
  if (!o) throw notFound('order');
  if (!canTeam && (input.staffId !== me || (o.manual !== null && o.manual !== me))) throw forbidden();
  if (input.staffId) {
    const s = store
      .stmt(
        `SELECT 1 FROM staff WHERE id = ? AND role IN ${AGENT_ROLES} AND active = 1 AND deleted_at IS NULL`,
      )
      .get(input.staffId);
    if (!s) throw fieldErrors({ staffId: { key: 'validation.creditNotAgent' } });
  }
  if (o.manual === input.staffId) return;
  const id = newId();
  store
    .stmt(
      `INSERT INTO order_credit (id, order_id, staff_id, source, at, by_id) VALUES (@id, @orderId, @staffId, 'manual', @at, @me)`,
    )
    .run({ id, orderId: o.id, staffId: input.staffId, at: store.isoNow(), me });
  store.log({
    staffId: me,
    entity: 'order_credit',
    rowId: id,
    op: 'create',
    label: o.order_no,
    fields: { order_id: { from: null, to: o.id }, staff_id: { from: o.manual, to: input.staffId } },
  });
}

// ---------------------------------------------------------------------------------------------
// Daily personal sales report (个人销售日报 §12.11)
// ---------------------------------------------------------------------------------------------

/**
 * Per agent per shop-local day: inquiries (the inquiry log), orders credited (manual credit wins
 * over inquiry credit) and their revenue (实付, by the day the order was paid), and follow-up
 * conversions — paid orders whose last 催付 contact before payment was the agent's.
 */
function reportSql(store: Store): string {
  const off = offsetModifier(store);
  const inq = inquirySource(off);
  const sql = `WITH paid AS (
      SELECT o.paid_fen, date(o.paid_at, '${off}') AS day,
        COALESCE(${MANUAL_CREDIT_SQL}, ${inq.creditSql}) AS agent,
        (SELECT f.staff_id FROM order_follow_up f WHERE f.order_id = o.id AND f.at <= o.paid_at
          ORDER BY f.at DESC LIMIT 1) AS fu_agent
      FROM sales_order o WHERE o.paid_at >= @fromUtc AND o.paid_at < @toUtc
    ),
    inq AS (${inq.countsSql}),
    parts AS (
      SELECT agent AS staff_id, day, 0 AS inq, 1 AS orders, paid_fen AS rev, 0 AS fu FROM paid WHERE agent IS NOT NULL
      UNION ALL SELECT fu_agent, day, 0, 0, 0, 1 FROM paid WHERE fu_agent IS NOT NULL
      UNION ALL SELECT staff_id, day, n, 0, 0, 0 FROM inq
    )
    SELECT p.day, p.staff_id, COALESCE(s.name, '') AS staff_name, SUM(p.inq) AS inquiries,
      SUM(p.orders) AS orders, SUM(p.rev) AS revenue, SUM(p.fu) AS fu
    FROM parts p LEFT JOIN staff s ON s.id = p.staff_id
    WHERE (@staffId IS NULL OR p.staff_id = @staffId)
    GROUP BY p.day, p.staff_id`;
  return sql;
}

function reportParams(store: Store, input: { from: string; to: string; staffId?: string }) {
  const { fromUtc, toUtc } = dayRangeUtc(store, input.from, input.to);
  return { fromUtc, toUtc, staffId: input.staffId ?? null };
}

const conversion = (orders: number, inquiries: number) => (inquiries > 0 ? orders / inquiries : null);

export function salesReport(
  store: Store,
  input: { from: string; to: string; staffId?: string },
): SalesReport {
  const sql = reportSql(store);
  const raw = store
    .stmt<{
      day: string;
      staff_id: string;
      staff_name: string;
      inquiries: number;
      orders: number;
      revenue: number;
      fu: number;
    }>(`${sql} ORDER BY p.day, staff_name, p.staff_id`)
    .all(reportParams(store, input));
  const rows: SalesReportRow[] = raw.map((r) => ({
    day: r.day,
    staffId: r.staff_id,
    staffName: r.staff_name,
    inquiries: r.inquiries,
    orders: r.orders,
    revenueFen: r.revenue,
    conversion: conversion(r.orders, r.inquiries),
    followUpConversions: r.fu,
  }));
  const byAgent = new Map<string, Omit<SalesReportRow, 'day'>>();
  const totals = {
    inquiries: 0,
    orders: 0,
    revenueFen: 0,
    conversion: null as number | null,
    followUpConversions: 0,
  };
  for (const r of rows) {
    const a = byAgent.get(r.staffId) ?? {
      staffId: r.staffId,
      staffName: r.staffName,
      inquiries: 0,
      orders: 0,
      revenueFen: 0,
      conversion: null,
      followUpConversions: 0,
    };
    a.inquiries += r.inquiries;
    a.orders += r.orders;
    a.revenueFen += r.revenueFen;
    a.followUpConversions += r.followUpConversions;
    a.conversion = conversion(a.orders, a.inquiries);
    byAgent.set(r.staffId, a);
    totals.inquiries += r.inquiries;
    totals.orders += r.orders;
    totals.revenueFen += r.revenueFen;
    totals.followUpConversions += r.followUpConversions;
  }
  totals.conversion = conversion(totals.orders, totals.inquiries);
  return {
    rows,
    agents: [...byAgent.values()].sort((a, b) => b.revenueFen - a.revenueFen),
    totals,
  };
}

export function salesCsvQuery(store: Store, input: { from: string; to: string; staffId?: string }): CsvQuery {
  const sql = reportSql(store);
  const line = sqlCsvLine([
    sqlCsvText('r.day'),
    sqlCsvText('r.staff_name'),
    'r.inquiries',
    'r.orders',
    sqlFormatYuan('r.revenue'),
    sqlCsvText(`CASE WHEN r.inquiries > 0 THEN printf('%.1f%%', 100.0 * r.orders / r.inquiries) ELSE '' END`),
    'r.fu',
  ]);
  return {
    header: ['日期', '客服', '咨询数', '成交订单数', '销售额（元）', '转化率', '催付成交数'],
    sql: `SELECT ${line} FROM (${sql}) r ORDER BY r.day, r.staff_name, r.staff_id`,
    params: reportParams(store, input),
  };
}

export function exportSales(
  store: Store,
  host: Host,
  input: { from: string; to: string; staffId?: string },
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '客服销售日报', encoding, () => salesCsvQuery(store, input));
}
