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
  /** On an edit that moves the start date: move the open creative tasks' due dates with it. */
  moveCreative: z.boolean().default(false),
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
  /** The campaign's design tasks in the art tab (已完成 / all). */
  creativeDone: number;
  creativeTotal: number;
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
  /** Design tasks of the art tab linked to this campaign (its creative work), by due date. */
  creative: PromotionCreativeTask[];
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

// ---------------------------------------------------------------------------------------------
// Promotion creative (活动美工任务, §10.4) and checklist edits
// ---------------------------------------------------------------------------------------------
/** The creative work every campaign needs: 促销图 (banner), 活动页 (page), 首页更新 (homepage). */
export const CREATIVE_KINDS = ['banner', 'page', 'homepage'] as const;
export type CreativeKind = (typeof CREATIVE_KINDS)[number];

/** Days before the campaign's start each kind is due (the art supervisor's setting). */
const leadDays = z.number().int().min(0).max(60);
export const creativeLead = z.strictObject({ banner: leadDays, page: leadDays, homepage: leadDays });
export type CreativeLead = z.output<typeof creativeLead>;
/** Banner and page three days ahead (time for a review round), the homepage the day before. */
export const DEFAULT_CREATIVE_LEAD: CreativeLead = { banner: 3, page: 3, homepage: 1 };

export interface PromotionCreativeTask {
  id: string;
  number: string;
  /** art_task type: promo / homepage (or any type a designer linked by hand). */
  type: string;
  /** Set on the tasks made for the campaign; null for tasks linked by hand. */
  creativeKind: CreativeKind | null;
  title: string;
  status: 'todo' | 'doing' | 'review' | 'rework' | 'done';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  assigneeName: string | null;
  requesterName: string | null;
  dueDate: string | null;
  /** Not done and due before today (shop-local). */
  overdue: boolean;
  revisionCount: number;
  completedAt: string | null;
}

export const promotionTaskEditInput = z.strictObject({
  taskId: id,
  title: z.string().trim().min(1).max(100),
  ownerId: id,
  dueDate: localDate,
});
export const promotionTaskRefInput = z.strictObject({ taskId: id });
export const promotionTaskMoveInput = z.strictObject({ taskId: id, direction: z.enum(['up', 'down']) });
