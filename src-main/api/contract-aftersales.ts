// After-sales (售后, rulebook §13) contract: case types and statuses with the status flow per type,
// input schemas and answer types. Pure (zod only), like contract.ts, which lists the channels.
import { z } from 'zod';

/** 退货退款 · 换货 · 仅退款 · 补发 · 物流查询 · 破损/错漏发. */
export const CASE_TYPES = [
  'return_refund',
  'exchange',
  'refund_only',
  'resend',
  'logistics',
  'damaged',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** 待处理 · 处理中 · 待买家退货 · 已收到退货 · 已退款 · 已换货 · 已补发 · 已完结 · 已关闭. */
export const CASE_STATUSES = [
  'pending',
  'processing',
  'awaiting_return',
  'return_received',
  'refunded',
  'exchanged',
  'resent',
  'done',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** 已完结 and 已关闭 end a case. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['done', 'closed'];

/**
 * The moves an agent may make, per type (enforced in main). 已关闭 is allowed from every open
 * status. The 退款报表 import follows the platform instead and only moves a case forward.
 */
export const CASE_FLOW: Readonly<Record<CaseType, Partial<Record<CaseStatus, readonly CaseStatus[]>>>> = {
  return_refund: {
    pending: ['processing'],
    processing: ['awaiting_return'],
    awaiting_return: ['return_received'],
    return_received: ['refunded'],
    refunded: ['done'],
  },
  exchange: {
    pending: ['processing'],
    processing: ['awaiting_return'],
    awaiting_return: ['return_received'],
    return_received: ['exchanged'],
    exchanged: ['done'],
  },
  refund_only: { pending: ['processing'], processing: ['refunded'], refunded: ['done'] },
  resend: { pending: ['processing'], processing: ['resent'], resent: ['done'] },
  logistics: { pending: ['processing'], processing: ['done'] },
  damaged: {
    pending: ['processing'],
    processing: ['refunded', 'resent'],
    refunded: ['done'],
    resent: ['done'],
  },
};

/** Where a status stands in a case's life (the import never moves a case backwards). */
export const STATUS_RANK: Readonly<Record<CaseStatus, number>> = {
  pending: 0,
  processing: 1,
  awaiting_return: 2,
  return_received: 3,
  refunded: 4,
  exchanged: 4,
  resent: 4,
  done: 5,
  closed: 5,
};

/** The statuses a case of this type may move to from `from` (closing included). */
export function nextStatuses(type: CaseType, from: CaseStatus): CaseStatus[] {
  if (FINAL_STATUSES.includes(from)) return [];
  return [...(CASE_FLOW[type][from] ?? []), 'closed'];
}

/** Types whose goods come back (an expected return receipt) and types that send goods out. */
export const RETURN_TYPES: readonly CaseType[] = ['return_refund', 'exchange'];
export const OUTBOUND_TYPES: readonly CaseType[] = ['exchange', 'resend'];

const id = z.string().uuid();
const fen = z.number().int().min(0).max(1_000_000_000);
const localDate = z.iso.date();
const version = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);

export const caseLineInput = z.strictObject({
  /** A line of the order (its SKU comes with it). */
  orderLineId: id,
  quantity: z.number().int().min(1).max(10_000),
});

export const caseCreateInput = z.strictObject({
  type: z.enum(CASE_TYPES),
  orderId: id,
  lines: z.array(caseLineInput).max(100).default([]),
  reason: text(200).default(''),
  note: text(1000).default(''),
  refundFen: fen.default(0),
  /** Who handles it (default: the person entering it). */
  agentId: id.optional(),
  /** 退款编号 of the buyer's refund request on Taobao, when there is one (links the later import). */
  refundNo: z
    .string()
    .trim()
    .regex(/^(\d{6,24})?$/, { message: 'key:refundNo' })
    .default(''),
});
export type CaseCreateInput = z.input<typeof caseCreateInput>;

export const caseUpdateInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  reason: text(200),
  note: text(1000),
  refundFen: fen,
  agentId: id.nullable(),
});

export const caseMoveInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  to: z.enum(CASE_STATUSES),
  note: text(500).default(''),
});

export const caseFilter = z.strictObject({
  status: z.enum([...CASE_STATUSES, 'open'] as const).optional(),
  type: z.enum(CASE_TYPES).optional(),
  agentId: id.optional(),
  orderId: id.optional(),
  buyerId: id.optional(),
  /** 申请时间 range, shop-local days, inclusive. */
  from: localDate.optional(),
  to: localDate.optional(),
  /** Only open cases past their deadline. */
  overdue: z.boolean().default(false),
  /** A case number, 退款编号 or 订单编号 (prefix), or a member name (prefix). */
  q: text(64).default(''),
});
export type CaseFilter = z.input<typeof caseFilter>;

export interface CaseRow {
  id: string;
  caseNo: string;
  type: CaseType;
  status: CaseStatus;
  source: 'manual' | 'import';
  refundNo: string | null;
  orderId: string | null;
  orderNo: string;
  buyerId: string | null;
  memberName: string;
  reason: string;
  refundFen: number;
  agentId: string | null;
  agentName: string | null;
  openedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  overdue: boolean;
}
export interface CaseLine {
  lineNo: number;
  orderLineId: string | null;
  skuId: string | null;
  skuCode: string;
  title: string;
  spec: string;
  quantity: number;
}
export interface CaseHistoryEntry {
  at: string;
  from: CaseStatus | null;
  status: CaseStatus;
  source: 'manual' | 'import';
  staffName: string | null;
  note: string;
}
/** The warehouse's side: the expected return (and its inspection) and the outbound (and its shipment). */
export interface CaseWarehouse {
  returnDoc: {
    id: string;
    number: string;
    status: 'draft' | 'posted';
    inspection: { good: number; defective: number; scrapped: number; at: string } | null;
  } | null;
  outbound: {
    id: string;
    number: string;
    status: 'draft' | 'posted';
    shipment: { carrier: string; trackingNo: string; shippedAt: string } | null;
  } | null;
}
export interface Case extends CaseRow {
  note: string;
  paidFen: number | null;
  /** The most that may be refunded on this case (what was paid less other open cases' refunds). */
  refundLimitFen: number | null;
  returnCarrier: string;
  returnTracking: string;
  version: string;
  createdAt: string;
  lines: CaseLine[];
  history: CaseHistoryEntry[];
  next: CaseStatus[];
  warehouse: CaseWarehouse;
}
export interface CaseAgent {
  id: string;
  name: string;
}

export type RefundImportStatus = 'new' | 'changed' | 'unchanged' | 'rejected';
export interface RefundImportRow {
  rowNumber: number;
  refundNo: string;
  orderNo: string;
  memberName: string;
  status: RefundImportStatus;
  changes: string[];
  errors: { field: string; key: string; params?: Record<string, string | number> }[];
}
export interface RefundImportPreview {
  importId: string;
  fileName: string;
  encoding: string;
  counts: Record<RefundImportStatus, number>;
  /** 订单编号 of rows whose order is not in ShopDesk (the case is created without the order link). */
  unknownOrders: string[];
  /** Rows that are not unchanged (at most 2,000). */
  rows: RefundImportRow[];
}
export interface RefundImportResult {
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
}
