// Pre-sales (售前, §12, §15.4) contract: the inquiry log, reply templates and product knowledge —
// value lists, input schemas, answer types and the pure placeholder fill the renderer uses.
// Pure (zod only), like contract.ts, which lists the channels that use these.
import { z } from 'zod';

/** 尺码 / 材质 / 价格·讨价还价 / 发货·快递 / 库存 / 活动优惠 / 售后 / 其他. */
export const QUESTION_TYPES = [
  'size',
  'material',
  'price',
  'shipping',
  'stock',
  'promotion',
  'after_sales',
  'other',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
/** 已下单 / 未下单 / 跟进中. */
export const INQUIRY_OUTCOMES = ['ordered', 'not_ordered', 'pending'] as const;
export type InquiryOutcome = (typeof INQUIRY_OUTCOMES)[number];
/** 问候 / 商品 / 讨价还价 / 发货 / 售后 / 其他. */
export const TEMPLATE_CATEGORIES = [
  'greeting',
  'product',
  'bargain',
  'shipping',
  'after_sales',
  'other',
] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** The placeholders a reply template may hold, and what fills each. */
export const PLACEHOLDERS = ['买家', '商品', '单号', '客服'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
const PLACEHOLDER_RE = /\{(买家|商品|单号|客服)\}/g;

/** A template's text cut into plain parts and placeholders (for highlighting). */
export function templateParts(body: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let last = 0;
  for (const m of body.matchAll(PLACEHOLDER_RE)) {
    if (m.index > last) parts.push({ text: body.slice(last, m.index), placeholder: false });
    parts.push({ text: m[0], placeholder: true });
    last = m.index + m[0].length;
  }
  if (last < body.length) parts.push({ text: body.slice(last), placeholder: false });
  return parts;
}

/**
 * Fill the placeholders that have a value; the others stay as written ({单号} with no order
 * chosen), so the agent sees what is still to fill in before sending.
 */
export function fillTemplate(body: string, values: Partial<Record<Placeholder, string>>): string {
  return body.replace(PLACEHOLDER_RE, (all, name: Placeholder) => {
    const v = values[name]?.trim();
    return v ? v : all;
  });
}

const id = z.string().uuid();
const localDate = z.iso.date();
const version = z.string().min(1).max(64);
const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};
const csvEncoding = z.enum(['utf8bom', 'gbk']).default('utf8bom');

// ---------------------------------------------------------------------------------------------
// Inquiries (咨询记录)
// ---------------------------------------------------------------------------------------------
export const inquiryFilter = z.strictObject({
  /** Shop-local days, inclusive. */
  from: localDate.optional(),
  to: localDate.optional(),
  staffId: id.optional(),
  outcome: z.enum(INQUIRY_OUTCOMES).optional(),
  question: z.enum(QUESTION_TYPES).optional(),
  buyerId: id.optional(),
});
export type InquiryFilter = z.input<typeof inquiryFilter>;

export const inquiryInput = z.strictObject({
  /** 买家会员名 (旺旺): an existing buyer, or a new one created with this name. */
  memberName: z.string().trim().min(1).max(64),
  skuId: id.optional(),
  question: z.enum(QUESTION_TYPES),
  outcome: z.enum(INQUIRY_OUTCOMES).default('pending'),
  /** An order of that buyer (only with outcome 已下单). */
  orderId: id.optional(),
  note: z.string().trim().max(500).default(''),
  /** When the inquiry happened, for one logged after the fact (default now; checked in main). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type InquiryInput = z.input<typeof inquiryInput>;
/** How far back an agent may log an inquiry late; the CS supervisor (and the manager) any time. */
export const INQUIRY_BACKDATE_DAYS = 7;

export const inquiryOutcomeInput = z.strictObject({
  id,
  expectedVersion: version,
  outcome: z.enum(INQUIRY_OUTCOMES),
  orderId: id.nullable().default(null),
  note: z.string().trim().max(500).optional(),
});

export const inquiriesListInput = z.strictObject({ filter: inquiryFilter.default({}), ...page });
export const inquiriesExportInput = z.strictObject({
  filter: inquiryFilter.default({}),
  encoding: csvEncoding,
});

export interface Inquiry {
  id: string;
  buyerId: string;
  memberName: string;
  productId: string | null;
  skuId: string | null;
  productTitle: string;
  skuCode: string;
  skuSpec: string;
  question: QuestionType;
  outcome: InquiryOutcome;
  orderId: string | null;
  orderNo: string;
  note: string;
  staffId: string;
  staffName: string;
  at: string;
  outcomeAt: string | null;
  version: string;
}
export interface InquiryDay {
  /** Shop-local yyyy-mm-dd. */
  day: string;
  total: number;
  ordered: number;
  pending: number;
}
export interface InquiryStats {
  total: number;
  ordered: number;
  notOrdered: number;
  pending: number;
  /** ordered / total, 0 when there are none (a fraction, 0–1). */
  conversion: number;
  days: InquiryDay[];
}
export interface InquiryPage {
  rows: Inquiry[];
  total: number;
  stats: InquiryStats;
  /** Everyone who logged inquiries in the shop (the agent filter's choices). */
  agents: { id: string; name: string }[];
}

// ---------------------------------------------------------------------------------------------
// Reply templates (快捷回复/话术库)
// ---------------------------------------------------------------------------------------------
export const templatesInput = z.strictObject({
  category: z.enum(TEMPLATE_CATEGORIES).optional(),
  /** Words of the title or text, or the title's pinyin initials. */
  q: z.string().trim().max(50).default(''),
});
export const templateInput = z.strictObject({
  id: id.optional(),
  expectedVersion: version.optional(),
  category: z.enum(TEMPLATE_CATEGORIES),
  title: z.string().trim().min(1).max(40),
  body: z.string().trim().min(1).max(1000),
});
export type TemplateInput = z.input<typeof templateInput>;

export interface ReplyTemplate {
  id: string;
  category: TemplateCategory;
  title: string;
  body: string;
  version: string;
  updatedAt: string;
  updatedByName: string;
}

// ---------------------------------------------------------------------------------------------
// Product knowledge (产品知识)
// ---------------------------------------------------------------------------------------------
export const faqInput = z.strictObject({
  q: z.string().trim().min(1).max(200),
  a: z.string().trim().min(1).max(1000),
});
export const knowledgeInput = z.strictObject({
  productId: id,
  /** The version being edited; 0 for a product with no knowledge yet. */
  expectedVersion: z.number().int().min(0),
  sellingPoints: z.string().trim().max(2000).default(''),
  sizes: z.string().trim().max(2000).default(''),
  material: z.string().trim().max(500).default(''),
  faqs: z.array(faqInput).max(50).default([]),
  notes: z.string().trim().max(2000).default(''),
});
export type KnowledgeInput = z.input<typeof knowledgeInput>;
export const knowledgeGetInput = z.strictObject({
  productId: id,
  /** An older version to read; the current one when left out. */
  version: z.number().int().min(1).optional(),
});
export const knowledgeLearnInput = z.strictObject({ productId: id, version: z.number().int().min(1) });
export const coverageInput = z.strictObject({
  /** 已上架 (listed) or 待上架 (not listed yet, not archived). */
  scope: z.enum(['listed', 'unlisted']).default('listed'),
  /** Only products whose knowledge is missing or not learned by every active agent. */
  onlyGaps: z.boolean().default(true),
  ...page,
});

export interface KnowledgeContent {
  version: number;
  sellingPoints: string;
  sizes: string;
  material: string;
  faqs: { q: string; a: string }[];
  notes: string;
  at: string;
  staffName: string;
}
export interface AgentLearned {
  staffId: string;
  name: string;
  /** The latest version they marked learned, or null. */
  learnedVersion: number | null;
  learnedAt: string | null;
}
export interface ProductKnowledge {
  productId: string;
  title: string;
  listed: boolean;
  /** 0 when the product has no knowledge yet. */
  currentVersion: number;
  /** The version asked for (the current one by default); null when there is none. */
  content: KnowledgeContent | null;
  versions: { version: number; at: string; staffName: string }[];
  /** Every active 客服专员, and what they learned. */
  agents: AgentLearned[];
  /** The caller's own learned version (null: not learned). */
  myLearnedVersion: number | null;
}
export interface CoverageRow {
  productId: string;
  title: string;
  listed: boolean;
  /** 0: no knowledge yet. */
  version: number;
  /** Active agents who learned the current version. */
  learned: number;
}
export interface CoveragePage {
  rows: CoverageRow[];
  total: number;
  /** Active 客服专员 who must learn each product. */
  agentCount: number;
}
