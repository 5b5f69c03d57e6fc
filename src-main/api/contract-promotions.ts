// Promotions (活动, §6.6) contract: input schemas and answer types. Pure (zod only), like
// contract.ts, which lists the channels that use these.
import { z } from 'zod';

const id = z.string().uuid();
const localDate = z.iso.date();

/** upcoming: not started; running: today within the dates; ended: after the end date. */
export const PROMOTION_PHASES = ['upcoming', 'running', 'ended'] as const;
export type PromotionPhase = (typeof PROMOTION_PHASES)[number];

export const promotionInput = z.strictObject({
  id: id.optional(),
  expectedVersion: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1).max(60),
  startDate: localDate,
  endDate: localDate,
  /** 优惠内容, e.g. 全场满 199 减 30. */
  offer: z.string().trim().max(500).default(''),
  skuIds: z.array(id).min(1).max(500),
});
export type PromotionInput = z.input<typeof promotionInput>;

export const promotionTaskInput = z.strictObject({
  promotionId: id,
  title: z.string().trim().min(1).max(100),
  ownerId: id,
  dueDate: localDate,
});

export interface PromotionRow {
  id: string;
  number: string;
  name: string;
  startDate: string;
  endDate: string;
  offer: string;
  phase: PromotionPhase;
  skuCount: number;
  tasksDone: number;
  tasksTotal: number;
  hasSummary: boolean;
}
export interface PromotionTask {
  id: string;
  title: string;
  ownerId: string;
  ownerName: string;
  dueDate: string;
  doneAt: string | null;
  doneByName: string | null;
  /** Not done and the due date has passed (shop-local). */
  overdue: boolean;
}
export interface Promotion extends PromotionRow {
  version: string;
  skus: { id: string; code: string; title: string; spec: string }[];
  tasks: PromotionTask[];
  summary: string;
  summaryAt: string | null;
  summaryByName: string | null;
}
export interface PromotionFigures {
  orders: number;
  quantity: number;
  revenueFen: number;
}
export interface PromotionResults {
  /** The campaign's days and the same number of days just before it (inclusive, shop-local). */
  window: { from: string; to: string; days: number };
  before: { from: string; to: string };
  /** True while the campaign has not ended: the figures are so far. */
  partial: boolean;
  during: PromotionFigures;
  previous: PromotionFigures;
  bySku: {
    skuId: string;
    code: string;
    title: string;
    spec: string;
    during: PromotionFigures;
    previous: PromotionFigures;
  }[];
}
