// Samples lent to the art team (样品借出) contract: input schemas and answer types.
// Pure (zod only), like contract.ts, which lists the channels that use these.
import { z } from 'zod';

const id = z.string().uuid();
const localDate = z.iso.date();
const version = z.string().min(1).max(64);
const qty = z.number().int().min(0).max(100_000);
const reason = z.string().trim().min(1).max(200);

/** requested → out (issued) → closed (all back or written off); cancelled before issue. */
export const LOAN_STATUSES = ['requested', 'out', 'closed', 'cancelled'] as const;
export type LoanStatus = (typeof LOAN_STATUSES)[number];
/** The list's filter: open = requested or out; overdue = out past the expected return date. */
export const LOAN_VIEWS = ['open', 'requested', 'out', 'overdue', 'closed', 'all'] as const;
export type LoanView = (typeof LOAN_VIEWS)[number];

export const loanFilter = z.strictObject({
  view: z.enum(LOAN_VIEWS).default('open'),
  /** Loan number, task number or title, designer, SKU code (substring). */
  q: z.string().trim().max(64).default(''),
  taskId: id.optional(),
  /** Only loans borrowed by the caller (the designer's view). */
  mine: z.boolean().default(false),
});
export type LoanFilter = z.input<typeof loanFilter>;

export const loanRequestInput = z.strictObject({
  taskId: id,
  /** Expected return date, shop-local; not before today. */
  dueDate: localDate,
  notes: z.string().trim().max(500).default(''),
  lines: z
    .array(z.strictObject({ skuId: id, quantity: z.number().int().min(1).max(1000) }))
    .min(1)
    .max(100),
});
export type LoanRequestInput = z.input<typeof loanRequestInput>;

export const loanIssueInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  /** Below zero in a bin: needs warehouse.override and a reason (the normal posting rule). */
  overrideReason: reason.optional(),
});

export const loanReturnInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  lines: z
    .array(
      z.strictObject({
        skuId: id,
        good: qty.default(0),
        damaged: qty.default(0),
        /** Where good pieces go; default: the bin they were issued from. */
        goodBinId: id.optional(),
      }),
    )
    .min(1)
    .max(100),
  /** Where damaged pieces go (a defects bin, 次品区); default: the first one. */
  defectsBinId: id.optional(),
  notes: z.string().trim().max(500).default(''),
});
export type LoanReturnInput = z.input<typeof loanReturnInput>;

export const loanWriteOffInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  lines: z
    .array(z.strictObject({ skuId: id, quantity: z.number().int().min(1).max(100_000) }))
    .min(1)
    .max(100),
  reason,
});

export const loanCancelInput = z.strictObject({
  id,
  expectedVersion: version.optional(),
  reason: z.string().trim().max(200).default(''),
});

export interface LoanLine {
  skuId: string;
  code: string;
  title: string;
  spec: string;
  quantity: number;
  issued: number;
  returnedGood: number;
  returnedDamaged: number;
  writtenOff: number;
  /** issued − returned − written off. */
  out: number;
}
export interface LoanRow {
  id: string;
  number: string;
  taskId: string;
  taskNumber: string;
  taskTitle: string;
  borrowerId: string;
  borrowerName: string;
  dueDate: string;
  status: LoanStatus;
  /** Out past the expected return date (shop's today). */
  overdue: boolean;
  notes: string;
  requestedAt: string;
  requestedByName: string;
  issuedAt: string | null;
  issuedByName: string | null;
  outDocumentId: string | null;
  outDocumentNumber: string | null;
  /** Document numbers of the returns (其他入库 样品归还), oldest first. */
  returnDocumentNumbers: string[];
  lines: LoanLine[];
  /** Σ out over the lines. */
  outQuantity: number;
  version: string;
}
export interface LoanEvent {
  seq: number;
  kind: 'requested' | 'issued' | 'returned' | 'writtenOff' | 'cancelled' | 'completedWithSamplesOut';
  at: string;
  staffName: string | null;
  documentId: string | null;
  documentNumber: string | null;
  reason: string;
  lines: { skuId: string; code: string; quantity?: number; good?: number; damaged?: number }[];
}
export interface Loan extends LoanRow {
  events: LoanEvent[];
  /** Where the issued pieces came from (the outbound's lines). */
  issuedFrom: { skuId: string; binId: string; binCode: string; quantity: number }[];
}
export interface LoanCounts {
  /** Requests waiting to be issued (the warehouse's badge). */
  requested: number;
  out: number;
  overdue: number;
}
