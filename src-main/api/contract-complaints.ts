// Complaints contract (客服 part 2: the complaint register 投诉处理登记表, §14) — value lists, input
// schemas and answer types. Pure (zod only), like contract.ts, which lists the channels.
import { z } from 'zod';

export const COMPLAINT_CHANNELS = ['wangwang', 'phone', 'sms', 'platform', 'other'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CATEGORIES = [
  'quality',
  'logistics',
  'attitude',
  'mismatch',
  'aftersale',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
/** 一般 / 较重 / 严重. */
export const COMPLAINT_SEVERITIES = ['normal', 'major', 'severe'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
/** 处理中 → 已解决 → 已确认 (主管) → 已归档 (only after confirmation and the callback). */
export const COMPLAINT_STATUSES = ['open', 'resolved', 'confirmed', 'archived'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const STEP_KINDS = [
  'registered',
  'investigation',
  'step',
  'resolved',
  'confirmed',
  'callbackScheduled',
  'callback',
  'archived',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const id = z.string().uuid();
const isoDate = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);

export const complaintInput = z.strictObject({
  /** When the buyer complained (UTC ISO); defaults to now. */
  receivedAt: isoDate.optional(),
  channel: z.enum(COMPLAINT_CHANNELS),
  buyerId: id.optional(),
  memberName: text(64).default(''),
  orderId: id.optional(),
  skuId: id.optional(),
  product: text(100).default(''),
  category: z.enum(COMPLAINT_CATEGORIES),
  severity: z.enum(COMPLAINT_SEVERITIES),
  description: z.string().trim().min(1).max(2000),
  handlerId: id.optional(),
});
export type ComplaintInput = z.input<typeof complaintInput>;

export const complaintFilter = z.strictObject({
  q: text(64).default(''),
  status: z.enum([...COMPLAINT_STATUSES, 'active']).optional(),
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  overdueOnly: z.boolean().default(false),
  from: localDate.optional(),
  to: localDate.optional(),
});
export type ComplaintFilter = z.input<typeof complaintFilter>;

export const complaintStepInput = z.strictObject({
  id,
  kind: z.enum(['investigation', 'step']),
  text: z.string().trim().min(1).max(2000),
});
export const complaintResolveInput = z.strictObject({ id, result: z.string().trim().min(1).max(2000) });
export const complaintScheduleInput = z.strictObject({ id, at: isoDate });
export const complaintCallbackInput = z.strictObject({
  id,
  satisfaction: z.number().int().min(1).max(5),
  comment: text(1000).default(''),
});

const minutes = z.number().int().min(1).max(43_200);
/** One severity's deadlines: the resolution deadline never comes before the response deadline. */
const severityDeadlines = z
  .strictObject({ responseMinutes: minutes, resolveMinutes: minutes })
  .refine((d) => d.resolveMinutes >= d.responseMinutes, {
    message: 'key:resolveBeforeResponse',
    path: ['resolveMinutes'],
  });
export const deadlineSettings = z.strictObject({
  normal: severityDeadlines,
  major: severityDeadlines,
  severe: severityDeadlines,
});
export type DeadlineSettings = z.output<typeof deadlineSettings>;

export interface ComplaintRow {
  id: string;
  complaintNo: string;
  receivedAt: string;
  channel: ComplaintChannel;
  buyerId: string | null;
  memberName: string;
  orderId: string | null;
  orderNo: string | null;
  product: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  description: string;
  handlerId: string | null;
  handlerName: string | null;
  status: ComplaintStatus;
  responseDueAt: string;
  resolveDueAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  /** No first response by its deadline (still waiting, or answered late). */
  responseOverdue: boolean;
  /** Not resolved by its deadline (still open, or resolved late). */
  resolveOverdue: boolean;
  callbackDueAt: string | null;
  callbackAt: string | null;
  satisfaction: number | null;
}

export interface ComplaintStep {
  id: string;
  at: string;
  kind: StepKind;
  text: string;
  staffName: string | null;
}

export interface Complaint extends ComplaintRow {
  skuId: string | null;
  result: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
  evaluation: string;
  archivedAt: string | null;
  version: string;
  steps: ComplaintStep[];
}

export interface ComplaintNotice {
  id: string;
  complaintId: string;
  complaintNo: string;
  at: string;
  severity: ComplaintSeverity;
  category: ComplaintCategory;
  memberName: string;
  status: ComplaintStatus;
  read: boolean;
}

export interface ComplaintNotices {
  unread: number;
  rows: ComplaintNotice[];
}

export interface ComplaintAnalysis {
  total: number;
  severe: number;
  resolved: number;
  overdue: number;
  /** Average minutes from receipt to resolution over resolved complaints; null when none. */
  avgResolveMinutes: number | null;
  avgSatisfaction: number | null;
  byCategory: { category: ComplaintCategory; count: number }[];
  byProduct: { product: string; count: number }[];
  byAgent: {
    name: string;
    count: number;
    avgResolveMinutes: number | null;
    avgSatisfaction: number | null;
  }[];
  bySatisfaction: { satisfaction: number; count: number }[];
}
