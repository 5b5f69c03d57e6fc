// Reviews (中差评, §13.4) contract: value lists, input schemas and answer types. Pure (zod only),
// like contract.ts, which lists the channels that use these.
import { z } from 'zod';

export const REVIEW_RATINGS = ['neutral', 'negative'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];
/** 质量问题 / 尺码不符 / 色差 / 物流慢 / 服务态度 / 描述不符 / 其他. */
export const REVIEW_REASONS = [
  'quality',
  'size',
  'color',
  'logistics',
  'attitude',
  'description',
  'other',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
/** 处理中 / 已修改为好评 / 已解释 (评价解释) / 未改变. */
export const REVIEW_OUTCOMES = ['pending', 'revised', 'explained', 'unchanged'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_CONTACT_CHANNELS = ['wangwang', 'phone', 'sms'] as const;
export type ReviewContactChannel = (typeof REVIEW_CONTACT_CHANNELS)[number];

const id = z.string().uuid();
const localDate = z.iso.date();
const isoDate = z.iso.datetime({ offset: true });
const fen = z.number().int().min(0).max(1_000_000_000);

export const reviewFilter = z.strictObject({
  /** Review date range, shop-local yyyy-mm-dd, inclusive. */
  from: localDate.optional(),
  to: localDate.optional(),
  rating: z.enum(REVIEW_RATINGS).optional(),
  reason: z.enum(REVIEW_REASONS).optional(),
  outcome: z.enum(REVIEW_OUTCOMES).optional(),
  /** An order id prefix (digits or SD-), else a member-name prefix. */
  q: z.string().trim().max(64).default(''),
});
export type ReviewFilter = z.input<typeof reviewFilter>;

export const reviewCreateInput = z.strictObject({
  orderId: id,
  /** The order line reviewed (product/SKU); required when the order has lines. */
  orderLineId: id.optional(),
  rating: z.enum(REVIEW_RATINGS),
  content: z.string().trim().min(1).max(1000),
  /** The day the buyer left the review (shop-local); not in the future. */
  reviewDate: localDate,
});
export type ReviewCreateInput = z.input<typeof reviewCreateInput>;

/**
 * One handling step: what was done now. Fields left out keep their value; the step records only
 * what it changed. `explained` needs the 评价解释 text (here or already on the review).
 */
export const reviewHandleInput = z.strictObject({
  id,
  expectedVersion: z.string().min(1).max(64).optional(),
  /** When the buyer was contacted (UTC ISO), with how. */
  contactedAt: isoDate.optional(),
  contactChannel: z.enum(REVIEW_CONTACT_CHANNELS).optional(),
  reason: z.enum(REVIEW_REASONS).optional(),
  solution: z.string().trim().max(500).optional(),
  compensationFen: fen.optional(),
  outcome: z.enum(REVIEW_OUTCOMES).optional(),
  explanation: z.string().trim().max(500).optional(),
  note: z.string().trim().max(500).default(''),
});
export type ReviewHandleInput = z.input<typeof reviewHandleInput>;

export interface ReviewRow {
  id: string;
  number: string;
  orderId: string;
  orderNo: string;
  buyerId: string | null;
  memberName: string;
  skuId: string | null;
  skuCode: string;
  title: string;
  spec: string;
  rating: ReviewRating;
  content: string;
  reviewDate: string;
  reason: ReviewReason | '';
  contactedAt: string | null;
  contactChannel: ReviewContactChannel | null;
  solution: string;
  compensationFen: number;
  outcome: ReviewOutcome;
  explanation: string;
  createdAt: string;
  createdByName: string | null;
}
export interface ReviewStep {
  id: string;
  at: string;
  staffName: string | null;
  kind: 'register' | 'handle';
  contactedAt: string | null;
  contactChannel: ReviewContactChannel | null;
  reason: ReviewReason | null;
  solution: string | null;
  compensationFen: number | null;
  outcome: ReviewOutcome | null;
  explanation: string | null;
  note: string;
}
export interface Review extends ReviewRow {
  version: string;
  steps: ReviewStep[];
}
/** One bucket of the statistics: reviews, how many were revised to positive, the rate (0–1). */
export interface ReviewBucket {
  total: number;
  neutral: number;
  negative: number;
  revised: number;
  explained: number;
  unchanged: number;
  pending: number;
  /** revised / total; null when total is 0. */
  revisedRate: number | null;
  compensationFen: number;
}
export interface ReviewStats {
  from: string | null;
  to: string | null;
  overall: ReviewBucket;
  /** Every reason in REVIEW_REASONS order, then '' (not yet classified) when it has reviews. */
  byReason: (ReviewBucket & { reason: ReviewReason | '' })[];
  /** By product line (商家编码), most reviews first. */
  byProduct: (ReviewBucket & { skuCode: string; title: string })[];
}
