// An agent's day (客服: 工作日志, 备忘录, 周总结/下周计划, 个人销售日报) contract — input schemas and
// answer types. Pure (zod only), like contract.ts, which lists the channels that use these.
import { z } from 'zod';

const id = z.string().uuid();
const localDate = z.iso.date();
/** ISO week, e.g. 2026-W48. */
const isoWeek = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { message: 'key:isoWeek' });
const version = z.string().min(1).max(64);
const section = z.string().trim().max(4000).default('');

export const JOURNAL_KINDS = ['day', 'week'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];
/** The free-text sections of each kind, in display order. */
export const JOURNAL_SECTIONS = {
  day: ['questions', 'deals', 'lessons'],
  week: ['summary', 'plan'],
} as const satisfies Record<JournalKind, readonly string[]>;
export type JournalSection = (typeof JOURNAL_SECTIONS)[JournalKind][number];

export const journalGetInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('day'), period: localDate, staffId: id.optional() }),
  z.strictObject({ kind: z.literal('week'), period: isoWeek, staffId: id.optional() }),
]);
export const journalSaveInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('day'),
    period: localDate,
    expectedVersion: version.optional(),
    sections: z.strictObject({ questions: section, deals: section, lessons: section }),
  }),
  z.strictObject({
    kind: z.literal('week'),
    period: isoWeek,
    expectedVersion: version.optional(),
    sections: z.strictObject({ summary: section, plan: section }),
  }),
]);
export const journalListInput = z.strictObject({
  kind: z.enum(JOURNAL_KINDS),
  /** Day kind: shop-local dates; week kind: the weeks containing them. */
  from: localDate,
  to: localDate,
  staffId: id.optional(),
});
export const journalCommentInput = z.strictObject({
  journalId: id,
  text: z.string().trim().min(1).max(1000),
});

export interface JournalComment {
  id: string;
  at: string;
  staffId: string;
  staffName: string;
  text: string;
}
export interface Journal {
  /** null when nothing is written yet for this period. */
  id: string | null;
  kind: JournalKind;
  period: string;
  staffId: string;
  staffName: string;
  sections: Partial<Record<JournalSection, string>>;
  version: string | null;
  updatedAt: string | null;
  /** The author may still edit it (their own, and the period is the current one). */
  editable: boolean;
  comments: JournalComment[];
}

export const memoListInput = z.strictObject({ includeDone: z.boolean().default(false) });
export const memoSaveInput = z.strictObject({
  id: id.optional(),
  expectedVersion: version.optional(),
  text: z.string().trim().min(1).max(1000),
  /** UTC ISO; null clears it. */
  remindAt: z.iso.datetime({ offset: true }).nullable().default(null),
  buyerId: id.nullable().default(null),
  orderId: id.nullable().default(null),
});
export const memoDoneInput = z.strictObject({ id, expectedVersion: version.optional(), done: z.boolean() });

export interface Memo {
  id: string;
  text: string;
  remindAt: string | null;
  doneAt: string | null;
  /** remindAt has passed and it is not done. */
  due: boolean;
  buyerId: string | null;
  buyerName: string | null;
  orderId: string | null;
  orderNo: string | null;
  createdAt: string;
  version: string;
}
export interface MemoList {
  rows: Memo[];
  dueCount: number;
}
export interface MemoDue {
  count: number;
  rows: Memo[];
}

export const creditOrdersInput = z.strictObject({ day: localDate });
export const assignCreditInput = z.strictObject({
  orderId: id,
  /** null withdraws the manual credit (the inquiry's credit, if any, applies again). */
  staffId: id.nullable(),
});
export type CreditSource = 'manual' | 'inquiry';
export interface CreditOrder {
  orderId: string;
  orderNo: string;
  memberName: string;
  paidAt: string;
  paidFen: number;
  staffId: string | null;
  staffName: string | null;
  source: CreditSource | null;
}
export interface CreditOrders {
  rows: CreditOrder[];
}
export interface AgentOption {
  id: string;
  name: string;
  role: string;
}

export const salesReportInput = z.strictObject({
  from: localDate,
  to: localDate,
  staffId: id.optional(),
});
export const salesExportInput = z.strictObject({
  from: localDate,
  to: localDate,
  staffId: id.optional(),
  encoding: z.enum(['utf8bom', 'gbk']).default('utf8bom'),
});
export interface SalesReportRow {
  day: string;
  staffId: string;
  staffName: string;
  inquiries: number;
  orders: number;
  revenueFen: number;
  /** orders / inquiries, or null without inquiries. */
  conversion: number | null;
  followUpConversions: number;
}
export interface SalesReport {
  rows: SalesReportRow[];
  /** Per agent over the range. */
  agents: Omit<SalesReportRow, 'day'>[];
  totals: Omit<SalesReportRow, 'day' | 'staffId' | 'staffName'>;
}

/** The ISO week (yyyy-Www) of a yyyy-mm-dd date. */
export function isoWeekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = Date.UTC(y, m - 1, d);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(t + (3 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday and Sunday (yyyy-mm-dd) of an ISO week yyyy-Www. */
export function isoWeekDays(week: string): [string, string] {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const monday = monday1 + (n - 1) * 7 * 86_400_000;
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return [iso(monday), iso(monday + 6 * 86_400_000)];
}
