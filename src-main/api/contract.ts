// The IPC contract: the single source of truth for every channel's input schema, the permission
// it needs and the type of its answer. Pure (zod only, no Node imports): main validates with it,
// the preload builds its methods from the channel list, the renderer imports its types.
import { z } from 'zod';
import { CHANNELS, type Channel } from './channels';
import { ROLES, type Permission, type Role } from './permissions';
import { BIN_KINDS, DOC_TYPES, type BinKind, type DocType } from './values';
import {
  STOCKTAKE_KINDS,
  STOCKTAKE_SCOPES,
  STOCKTAKE_STATUSES,
  type StocktakeKind,
  type StocktakeScope,
  type StocktakeStatus,
} from './values';
import * as art from './contract-art';
import * as rv from './contract-reviews';
import * as pm from './contract-promotions';
import * as cmp from './contract-complaints';
import * as agentDay from './contract-agentday';
import * as presales from './contract-presales';
import * as aftersales from './contract-aftersales';
import * as samples from './contract-samples';

export { CHANNELS, type Channel };

// ---------------------------------------------------------------------------------------------
// Envelope and errors
// ---------------------------------------------------------------------------------------------
export const ERROR_CODES = [
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
  'UNAUTHENTICATED',
  'AUTH_FAILED',
  'LOCKED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A message the renderer translates: `errors.<key>` in its i18n resources. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export interface ApiError extends Problem {
  code: ErrorCode;
  /** English, for logs and developers; the UI shows the translated key instead. */
  message: string;
  /** Field path (e.g. `skus.0.priceFen`) → problem, for forms. */
  fields?: Record<string, Problem>;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// ---------------------------------------------------------------------------------------------
// Shared schema pieces
// ---------------------------------------------------------------------------------------------
const id = z.string().uuid();
const name = z.string().trim().min(1).max(40);
/** A PIN is 4–8 digits: short enough for a shop floor, long enough with lock-out. */
const pin = z.string().regex(/^\d{4,8}$/, { message: 'key:pinFormat' });
const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'key:timeZone' },
  );
/** Money is integer fen (分); at most ¥10,000,000.00. */
const fen = z.number().int().min(0).max(1_000_000_000);
const empty = z.strictObject({});
const page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
};
const isoDate = z.iso.datetime({ offset: true });
/** A CSV export's file encoding: UTF-8 with BOM (default) or GBK (GB18030) for old Excel. */
const csvEncoding = z.enum(['utf8bom', 'gbk']).default('utf8bom');

export const roleSchema = z.enum(ROLES);

export const skuInput = z.strictObject({
  id: id.optional(),
  /** 商家编码: printable, no spaces, unique across the catalog. */
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[\x21-\x7E]+$/, { message: 'key:codeFormat' }),
  barcode: z
    .string()
    .trim()
    .max(32)
    .regex(/^[0-9A-Za-z-]*$/, { message: 'key:barcodeFormat' })
    .default(''),
  /** 规格, e.g. 颜色分类:黑色;尺码:XL */
  spec: z.string().trim().max(200).default(''),
  costFen: fen,
  priceFen: fen,
  lowStockThreshold: z.number().int().min(0).max(1_000_000).default(10),
});
export type SkuInput = z.input<typeof skuInput>;

export const productInput = z.strictObject({
  title: z.string().trim().min(1).max(120),
  /** 款号: optional style number that groups SKUs on import. */
  styleCode: z.string().trim().max(64).default(''),
  category: z.string().trim().max(60).default(''),
  listed: z.boolean().default(false),
  notes: z.string().trim().max(2000).default(''),
  skus: z.array(skuInput).min(1).max(500),
});
export type ProductInput = z.input<typeof productInput>;

export const catalogFilter = z.strictObject({
  q: z.string().trim().max(100).default(''),
  listed: z.enum(['all', 'listed', 'unlisted']).default('all'),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  category: z.string().trim().max(60).default(''),
});
export type CatalogFilter = z.input<typeof catalogFilter>;

export const CATALOG_SORT_FIELDS = ['title', 'code', 'priceFen', 'costFen', 'updatedAt'] as const;

// ---------------------------------------------------------------------------------------------
// Output types
// ---------------------------------------------------------------------------------------------
export interface StaffPublic {
  id: string;
  name: string;
  role: Role;
}
export interface Session {
  staff: StaffPublic;
  permissions: Permission[];
  signedInAt: string;
}
export interface SystemStatus {
  setupDone: boolean;
  shopName: string | null;
  timeZone: string;
  deviceCode: string;
  appVersion: string;
  schemaVersion: number;
}
export interface Shop {
  name: string;
  timeZone: string;
  updatedAt: string;
}
/** Times are UTC ISO-8601 (the UI shows them in the shop's time zone). */
export interface StaffRow extends StaffPublic {
  active: boolean;
  locked: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface AuditRow {
  seq: number;
  at: string;
  staffId: string | null;
  staffName: string | null;
  entity: string;
  rowId: string;
  op: string;
  label: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}
export interface Sku {
  id: string;
  code: string;
  barcode: string;
  spec: string;
  costFen: number;
  priceFen: number;
  lowStockThreshold: number;
  archived: boolean;
}
export interface Product {
  id: string;
  title: string;
  styleCode: string;
  category: string;
  listed: boolean;
  notes: string;
  archived: boolean;
  /** Opaque version token (a hybrid-logical-clock stamp); send it back as `expectedVersion`. */
  version: string;
  /** When it was last changed, UTC ISO-8601. */
  updatedAt: string;
  updatedByName: string | null;
  skus: Sku[];
}
/** One row of the catalog list: a SKU with its product's fields. `updatedAt` is UTC ISO-8601. */
export interface SkuRow {
  skuId: string;
  productId: string;
  code: string;
  barcode: string;
  title: string;
  spec: string;
  category: string;
  costFen: number;
  priceFen: number;
  listed: boolean;
  lowStockThreshold: number;
  archived: boolean;
  updatedAt: string;
}
export interface Paged<T> {
  rows: T[];
  total: number;
}
export type ImportRowStatus = 'new' | 'changed' | 'unchanged' | 'rejected';
export interface ImportPreviewRow {
  rowNumber: number;
  status: ImportRowStatus;
  code: string;
  title: string;
  spec: string;
  /** For changed rows: the fields that differ. */
  changes: string[];
  /** For rejected rows: why. `field` names the CSV column. */
  errors: (Problem & { field: string })[];
}
export interface ImportPreview {
  importId: string;
  fileName: string;
  encoding: string;
  counts: Record<ImportRowStatus, number>;
  rows: ImportPreviewRow[];
}
export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
}
export type ExportResult = { cancelled: true } | { cancelled: false; path: string; rows: number };

// ---------------------------------------------------------------------------------------------
// Warehouse (仓储): bins, stock documents, the stock ledger and balances
// ---------------------------------------------------------------------------------------------
// warehouse contract: stable
export { BIN_KINDS, DOC_TYPES, type BinKind, type DocType };
export const DOC_STATUSES = ['draft', 'posted'] as const;
export type DocStatus = (typeof DOC_STATUSES)[number];
/** Which way stock moves for each type (a transfer takes from binId and puts into toBinId). */
export const DOC_DIRECTION: Readonly<Record<DocType, 'in' | 'out' | 'transfer'>> = {
  purchase_in: 'in',
  return_in: 'in',
  other_in: 'in',
  sales_out: 'out',
  other_out: 'out',
  transfer: 'transfer',
};

/** A shop-local calendar day, yyyy-mm-dd. */
const localDate = z.iso.date();
const version = z.string().min(1).max(64);
/** Pieces on one line: a positive integer. */
const quantity = z.number().int().min(1).max(1_000_000);

/** 库位编码 zone-shelf-level, e.g. A-01-03: letters/digits in dash-separated parts; stored upper-case. */
export const binCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, { message: 'key:binCodeFormat' })
  .transform((s) => s.toUpperCase());

export const binInput = z.strictObject({
  id: id.optional(),
  /** When given on an edit, a bin changed since (its `version`) is a CONFLICT staleEdit. */
  expectedVersion: version.optional(),
  code: binCode,
  zone: z.string().trim().max(40).default(''),
  kind: z.enum(BIN_KINDS).default('normal'),
  /** Pieces the bin holds; null or omitted = no limit. */
  capacity: z.number().int().min(1).max(100_000_000).nullable().optional(),
  /** Position on a pick walk (ascending). Omitted: a new bin goes where its code sorts; an edit keeps it. */
  walkOrder: z.number().int().min(0).max(1_000_000_000).optional(),
  note: z.string().trim().max(500).default(''),
});
export type BinInput = z.input<typeof binInput>;

export const documentLineInput = z.strictObject({
  skuId: id,
  /** The bin stock goes into (入库) or comes out of (出库, and the source of a transfer). */
  binId: id,
  /** Transfers only: the destination bin (≠ binId). Refused on other types. */
  toBinId: id.optional(),
  quantity,
  /** Defaults to the SKU's cost. */
  unitCostFen: fen.optional(),
  note: z.string().trim().max(200).default(''),
});
export type DocumentLineInput = z.input<typeof documentLineInput>;

export const draftInput = z.strictObject({
  /** Omitted: a new draft. Given: replaces that draft's header and lines. */
  id: id.optional(),
  /** Required in practice when `id` is given: the draft's `version` (stale → CONFLICT staleEdit). */
  expectedVersion: version.optional(),
  type: z.enum(DOC_TYPES),
  /** Shop-local day; defaults to today in the shop's time zone. */
  docDate: localDate.optional(),
  /** Supplier (供应商) or customer (客户). */
  counterpart: z.string().trim().max(100).default(''),
  reason: z.string().trim().max(200).default(''),
  /** e.g. a Taobao order id for a manual sale. */
  orderRef: z.string().trim().max(64).default(''),
  notes: z.string().trim().max(2000).default(''),
  lines: z.array(documentLineInput).min(1).max(500),
});
export type DraftInput = z.input<typeof draftInput>;

const reasonText = z.string().trim().min(1).max(200);

export interface Bin {
  id: string;
  code: string;
  zone: string;
  kind: BinKind;
  capacity: number | null;
  walkOrder: number;
  note: string;
  retired: boolean;
  /** Pieces on hand in this bin (all SKUs). */
  onHand: number;
  /** SKUs with non-zero stock here. */
  skuCount: number;
  /** onHand / capacity (may exceed 1); null without a capacity. */
  fillRatio: number | null;
  /** Opaque version token; send back as `expectedVersion`. */
  version: string;
  updatedAt: string;
}
export interface StockDocumentLine {
  id: string;
  lineNo: number;
  skuId: string;
  skuCode: string;
  title: string;
  spec: string;
  binId: string;
  binCode: string;
  toBinId: string | null;
  toBinCode: string | null;
  quantity: number;
  unitCostFen: number;
  /** quantity × unitCostFen */
  amountFen: number;
  note: string;
}
/** A document's header fields as listed. Times are UTC ISO-8601; docDate is shop-local yyyy-mm-dd. */
export interface StockDocumentRow {
  id: string;
  number: string;
  type: DocType;
  status: DocStatus;
  docDate: string;
  counterpart: string;
  reason: string;
  orderRef: string;
  /** The document this one reverses (红冲), and the one that reversed this one. */
  reversesId: string | null;
  reversedById: string | null;
  overrideReason: string | null;
  postedAt: string | null;
  postedByName: string | null;
  lineCount: number;
  totalQuantity: number;
  totalFen: number;
  updatedAt: string;
}
export interface StockDocument extends StockDocumentRow {
  notes: string;
  reversesNumber: string | null;
  reversedByNumber: string | null;
  createdAt: string;
  createdByName: string | null;
  updatedByName: string | null;
  /** Opaque version token; send back as `expectedVersion` when saving or discarding a draft. */
  version: string;
  lines: StockDocumentLine[];
}
/** One stock movement (物资明细账), newest first. */
export interface MovementRow {
  seq: number;
  id: string;
  at: string;
  documentId: string;
  documentNumber: string;
  documentType: DocType;
  lineId: string;
  skuId: string;
  skuCode: string;
  title: string;
  spec: string;
  binId: string;
  binCode: string;
  /** Signed: + into the bin, − out of it. */
  qtyDelta: number;
  unitCostFen: number;
  staffId: string;
  staffName: string | null;
  /**
   * On hand after this movement: of this SKU in this bin when the ledger is filtered by binId,
   * of this SKU in all bins when filtered by skuId only; null when filtered by neither.
   */
  balance: number | null;
}
export interface BalanceRow {
  skuId: string;
  code: string;
  title: string;
  spec: string;
  binId: string;
  binCode: string;
  onHand: number;
  /** On orders awaiting shipment: draft sales_out documents with an order ref. */
  reserved: number;
  available: number;
  /** onHand × the SKU's cost. */
  valueFen: number;
}
export interface BalanceTotals {
  onHand: number;
  reserved: number;
  available: number;
  valueFen: number;
}
/** Totals are over every row that matches the filter, not just the page. */
export type BalancePage = Paged<BalanceRow> & { totals: BalanceTotals };
export interface SkuStock {
  skuId: string;
  code: string;
  title: string;
  spec: string;
  costFen: number;
  /** Bins holding (or having held) this SKU, in walk order. */
  bins: {
    binId: string;
    binCode: string;
    kind: BinKind;
    retired: boolean;
    onHand: number;
    /** On orders awaiting shipment (draft sales_out with an order ref). */
    reserved: number;
    available: number;
  }[];
  total: number;
  reserved: number;
  available: number;
  lastMovement: MovementRow | null;
}

// ---------------------------------------------------------------------------------------------
// Shipping (发货), pack check (验货打包), returns inspection (退货验收), warehouse CSV exports
// ---------------------------------------------------------------------------------------------
const orderLine = z.strictObject({ skuId: id, quantity });
/** A Taobao order number or any shop reference: printable, no spaces. */
const orderRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7E]+$/, { message: 'key:orderRefFormat' });

export const orderOutboundInput = z.strictObject({
  orderRef,
  /** Buyer (买家昵称 / 收件人). */
  counterpart: z.string().trim().max(100).default(''),
  notes: z.string().trim().max(2000).default(''),
  lines: z.array(orderLine).min(1).max(200),
});
export type OrderOutboundInput = z.input<typeof orderOutboundInput>;

/** 物流单号: 8–30 letters or digits (stored upper-case). */
export const trackingNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{8,30}$/, { message: 'key:trackingNoFormat' })
  .transform((s) => s.toUpperCase());

export const expectedReturnInput = z.strictObject({
  orderRef,
  counterpart: z.string().trim().max(100).default(''),
  /** 退货原因, e.g. 尺码不合适. */
  reason: z.string().trim().max(200).default(''),
  lines: z.array(orderLine).min(1).max(200),
});
export type ExpectedReturnInput = z.input<typeof expectedReturnInput>;

const count = z.number().int().min(0).max(1_000_000);
export const inspectionLine = z
  .strictObject({
    skuId: id,
    /** Where the good pieces go; defaults to the SKU's main bin. */
    goodBinId: id.optional(),
    good: count,
    defective: count,
    /** 报废: received into the defects bin and written off at once. */
    scrap: count,
  })
  .refine((l) => l.good + l.defective + l.scrap > 0, { message: 'key:inspectionEmpty', path: ['good'] });

export const inspectionInput = z
  .strictObject({
    /** A return_in draft (e.g. from after-sales). Omitted: a walk-in return, orderRef required. */
    documentId: id.optional(),
    expectedVersion: version.optional(),
    orderRef: orderRef.optional(),
    counterpart: z.string().trim().max(100).optional(),
    reason: z.string().trim().max(200).optional(),
    /** The defects bin (次品区); defaults to the first active defects bin. */
    defectsBinId: id.optional(),
    lines: z.array(inspectionLine).min(1).max(200),
  })
  .refine((v) => v.documentId !== undefined || v.orderRef !== undefined, {
    message: 'key:required',
    path: ['orderRef'],
  });
export type InspectionInput = z.input<typeof inspectionInput>;

export interface PackLine {
  skuId: string;
  code: string;
  barcode: string;
  title: string;
  spec: string;
  /** Bins the pieces are picked from, in walk order. */
  binCodes: string[];
  quantity: number;
  /** Units ticked by correct scans. */
  checked: number;
}
export type PackResult = 'ok' | 'wrong' | 'extra' | 'unknown';
export interface PackScan {
  at: string;
  code: string;
  skuCode: string | null;
  result: PackResult;
  staffName: string | null;
}
/** An order waiting to ship: a draft sales_out with an order ref. `createdAt` is UTC ISO-8601. */
export interface ShippingOrder {
  documentId: string;
  number: string;
  orderRef: string;
  counterpart: string;
  notes: string;
  createdAt: string;
  version: string;
  lines: PackLine[];
  totalQuantity: number;
  checkedQuantity: number;
  /** Every unit pack-checked. */
  packed: boolean;
  /** The customer-service order's status when it has one with this 订单编号, else null. */
  orderStatus: OrderStatus | null;
}
export interface PackState extends ShippingOrder {
  /** Newest first. */
  scans: PackScan[];
}
export interface PackScanAnswer {
  result: PackResult;
  skuCode: string | null;
  state: PackState;
}
export interface PickListRow {
  binId: string;
  binCode: string;
  zone: string;
  skuId: string;
  code: string;
  barcode: string;
  title: string;
  spec: string;
  quantity: number;
  /** Order refs needing this SKU from this bin. */
  orderRefs: string[];
}
export interface PickList {
  orders: { documentId: string; number: string; orderRef: string; counterpart: string }[];
  /** In bin walk order, then SKU code. */
  rows: PickListRow[];
  totalQuantity: number;
}
/** What customer service sees of a shipped order. `shippedAt` is UTC ISO-8601. */
export interface ShipmentInfo {
  documentNumber: string;
  carrier: string;
  trackingNo: string;
  shippedAt: string;
  shippedByName: string | null;
}
export interface InspectionResult {
  /** The posted return_in (good and defective pieces in their bins, write-offs in the defects bin). */
  returnDocument: StockDocument;
  /** The posted other_out (报废) taking the write-offs out, or null. */
  scrapDocument: StockDocument | null;
}

// ---------------------------------------------------------------------------------------------
// Stocktakes (盘点): snapshot, counts and recounts, variance report, approval
// ---------------------------------------------------------------------------------------------
export { STOCKTAKE_KINDS, STOCKTAKE_SCOPES, STOCKTAKE_STATUSES, type StocktakeKind, type StocktakeScope };
export { type StocktakeStatus };

export const stocktakeScopeInput = z.discriminatedUnion('type', [
  /** Every SKU and bin holding stock. */
  z.strictObject({ type: z.literal('all') }),
  /** Bins whose code sorts from `from` to `to` (inclusive). */
  z.strictObject({ type: z.literal('bins'), from: binCode, to: binCode }),
  /** Picked SKUs, in every bin holding them. */
  z.strictObject({ type: z.literal('skus'), skuIds: z.array(id).min(1).max(5000) }),
  /** N SKUs drawn from those in stock with a seeded generator (seed recorded; random when omitted). */
  z.strictObject({
    type: z.literal('sample'),
    size: z.number().int().min(1).max(10_000),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  }),
]);
export const stocktakeStartInput = z.strictObject({
  kind: z.enum(STOCKTAKE_KINDS),
  scope: stocktakeScopeInput,
  /** Blind count: counters (without warehouse.stocktake) never receive book quantities. */
  blind: z.boolean().default(false),
  note: z.string().trim().max(500).default(''),
});
export type StocktakeStartInput = z.input<typeof stocktakeStartInput>;
export const stocktakeCountInput = z.strictObject({
  id,
  /** Counted pieces per SKU and bin. A line already counted is a recount (another person, variance lines only). */
  counts: z
    .array(z.strictObject({ skuId: id, binId: id, counted: z.number().int().min(0).max(1_000_000) }))
    .min(1)
    .max(500),
});
export const STOCKTAKE_LINE_FILTERS = ['all', 'uncounted', 'counted', 'variance'] as const;

export interface StocktakeRow {
  id: string;
  number: string;
  kind: StocktakeKind;
  scope: StocktakeScope;
  binFrom: string | null;
  binTo: string | null;
  sampleSize: number | null;
  sampleSeed: number | null;
  /** Picked or sampled SKUs (scope skus/sample). */
  skuCount: number | null;
  blind: boolean;
  note: string;
  status: StocktakeStatus;
  startedAt: string;
  startedByName: string | null;
  closedAt: string | null;
  closedByName: string | null;
  cancelReason: string | null;
  lines: number;
  counted: number;
  /** Result figures, fixed at approval (null before). */
  bookQty: number | null;
  bookValueFen: number | null;
  gainQty: number | null;
  gainFen: number | null;
  lossQty: number | null;
  lossFen: number | null;
  /** (loss − gain) value / book value; null before approval or with no book value. */
  shrinkageRate: number | null;
  gainDocumentNumber: string | null;
  lossDocumentNumber: string | null;
}
export interface Stocktake extends StocktakeRow {
  snapshotSeq: number;
  /** Lines whose last count differs from what was expected (null when book quantities are hidden). */
  varianceLines: number | null;
  /** Lines a recount would help: counted with a variance. */
  recountLines: number;
  /** False for a counter on a blind stocktake: book, expected and variance come back null. */
  seesBook: boolean;
}
export interface StocktakeLine {
  skuId: string;
  code: string;
  title: string;
  spec: string;
  binId: string;
  binCode: string;
  bookQty: number | null;
  /** Found while counting (no book line at the snapshot). */
  added: boolean;
  countedQty: number | null;
  expectedQty: number | null;
  variance: number | null;
  varianceFen: number | null;
  unitCostFen: number | null;
  rounds: number;
  /** Counted, and the last count differs from expected: a recount is allowed. */
  needsRecount: boolean;
  firstByName: string | null;
  lastByName: string | null;
  lastAt: string | null;
}
export interface StocktakeCounted {
  counted: number;
  recounted: number;
  added: number;
}
export interface StocktakeReport {
  stocktake: Stocktake;
  totals: {
    lines: number;
    counted: number;
    uncounted: number;
    varianceLines: number;
    bookQty: number;
    bookValueFen: number;
    gainQty: number;
    gainFen: number;
    lossQty: number;
    lossFen: number;
    /** lossFen − gainFen */
    netLossFen: number;
    shrinkageRate: number | null;
  };
  /** Variance lines, largest value first (at most 200). */
  lines: StocktakeLine[];
  bySku: {
    skuId: string;
    code: string;
    title: string;
    spec: string;
    varianceQty: number;
    varianceFen: number;
  }[];
  byBin: {
    binId: string;
    binCode: string;
    lines: number;
    varianceQty: number;
    gainFen: number;
    lossFen: number;
  }[];
  /** First counts per person: `exact` = the first count was not changed by a recount. */
  byCounter: { staffId: string; name: string; lines: number; exact: number; accuracy: number }[];
}

// ---------------------------------------------------------------------------------------------
// Staffing (排班、考勤、考核): shift templates, the weekly rota, clock-in/out, attendance, assessment
// ---------------------------------------------------------------------------------------------
// staffing contract
/** Teams with a rota: 仓储 and 客服. A person's team follows from their role. */
export const TEAMS = ['warehouse', 'service'] as const;
export type Team = (typeof TEAMS)[number];
export const TEAM_ROLES: Readonly<Record<Team, readonly Role[]>> = {
  warehouse: ['wh_supervisor', 'wh_agent'],
  service: ['cs_supervisor', 'cs_agent'],
};
/** The team whose rota a role is on, or null (manager, director, art, admin). */
export function teamOfRole(role: Role): Team | null {
  return TEAMS.find((t) => TEAM_ROLES[t].includes(role)) ?? null;
}
/** Who may edit a team's rota and correct its punches: the manager, or that team's supervisor. */
export function managesTeam(role: Role, team: Team): boolean {
  return (
    role === 'manager' ||
    (role === 'wh_supervisor' && team === 'warehouse') ||
    (role === 'cs_supervisor' && team === 'service')
  );
}
/** Who may read a team's attendance: manager and director, or that team's supervisor. */
export function readsTeamAttendance(role: Role, team: Team): boolean {
  return role === 'director' || managesTeam(role, team);
}
/** Who may see a team's rota: its members, its supervisor, the manager and the director. */
export function seesTeamRota(role: Role, team: Team): boolean {
  return readsTeamAttendance(role, team) || teamOfRole(role) === team;
}

/** A time of day `HH:mm`, 00:00–23:59, or 24:00 (the end of a late shift). */
const timeOfDay = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'key:timeOfDay' });
/** A shop-local month, yyyy-mm. */
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'key:month' });
const team = z.enum(TEAMS);

export const shiftTemplateInput = z.strictObject({
  id: id.optional(),
  expectedVersion: z.string().min(1).max(64).optional(),
  team,
  name: z.string().trim().min(1).max(20),
  start: timeOfDay,
  end: timeOfDay,
  archived: z.boolean().default(false),
});
export type ShiftTemplateInput = z.input<typeof shiftTemplateInput>;

/** One cell of the week grid: a shift, 休息 (rest), or nothing planned ('none' clears it). */
export const rotaCellInput = z.strictObject({
  staffId: id,
  date: z.iso.date(),
  kind: z.enum(['shift', 'rest', 'none']),
  /** Required for kind 'shift'. */
  templateId: id.optional(),
});

export const punchCorrectionInput = z
  .strictObject({
    staffId: id,
    /** 'in'/'out': a punch the person forgot (or the right time of a wrong one, with replacesId); 'void': cancel replacesId. */
    kind: z.enum(['in', 'out', 'void']),
    /** When the person really clocked in or out (UTC ISO-8601); not for 'void'. */
    at: isoDate.optional(),
    replacesId: id.optional(),
    reason: z.string().trim().min(1).max(200),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'void' && !v.at) ctx.addIssue({ code: 'custom', path: ['at'], message: 'key:required' });
    if (v.kind === 'void' && !v.replacesId)
      ctx.addIssue({ code: 'custom', path: ['replacesId'], message: 'key:required' });
  });

export interface ShiftTemplate {
  id: string;
  team: Team;
  name: string;
  /** HH:mm shop-local; end may be 24:00. */
  start: string;
  end: string;
  archived: boolean;
  version: string;
}
export interface RotaCell {
  staffId: string;
  /** Shop-local yyyy-mm-dd: the date the shift starts (a shift ending at 24:00 belongs to it). */
  date: string;
  kind: 'shift' | 'rest';
  templateId: string | null;
  /** The shift as assigned (copied from its template then). Empty for rest. */
  name: string;
  start: string | null;
  end: string | null;
}
export interface RotaWeek {
  team: Team;
  /** The Monday, yyyy-mm-dd. */
  weekStart: string;
  /** Monday … Sunday. */
  dates: string[];
  people: StaffPublic[];
  cells: RotaCell[];
  /** The team's shift templates in use. */
  templates: ShiftTemplate[];
  /** Whether the caller may edit this team's rota. */
  canManage: boolean;
}
export type PunchKind = 'in' | 'out' | 'void';
export interface Punch {
  id: string;
  staffId: string;
  kind: PunchKind;
  /** UTC ISO-8601. */
  at: string;
  source: 'self' | 'correction';
  replacesId: string | null;
  reason: string;
  device: string;
  recordedAt: string;
  recordedByName: string | null;
  /** A later correction replaced or voided this punch: it no longer counts. */
  superseded: boolean;
}
export interface ClockStatus {
  /** Today in the shop's zone, yyyy-mm-dd. */
  today: string;
  team: Team | null;
  /** Today's rota cell for the caller, if any. */
  shift: RotaCell | null;
  /** Clocked in and not out yet: since when (UTC ISO); otherwise null. */
  clockedInAt: string | null;
  /** The caller's punches that count, today (shop-local), oldest first. */
  punches: Punch[];
}
export interface AttendanceSettings {
  lateGraceMin: number;
  earlyGraceMin: number;
  version: string;
}
export type AttendanceDayStatus =
  | 'ok'
  | 'late'
  | 'early'
  | 'lateEarly'
  | 'absent'
  | 'missingPunch'
  | 'unscheduled'
  | 'rest'
  | 'upcoming'
  | 'inProgress';
/** One person's day in the attendance report: a scheduled shift, a rest day, or unscheduled work. */
export interface AttendanceDay {
  staffId: string;
  date: string;
  /** The rota cell: shift name and times, or rest; null when nothing was planned. */
  shiftName: string | null;
  start: string | null;
  end: string | null;
  rest: boolean;
  /** First clock-in and last clock-out that count (UTC ISO), if any. */
  firstIn: string | null;
  lastOut: string | null;
  workedMinutes: number;
  lateMinutes: number;
  earlyMinutes: number;
  missingPunches: number;
  status: AttendanceDayStatus;
}
export interface AttendanceRow {
  staffId: string;
  name: string;
  role: Role;
  /** Shifts on the rota this month (future ones too). */
  scheduledShifts: number;
  restDays: number;
  /** Dates with any time worked (scheduled or not). */
  daysWorked: number;
  workedMinutes: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  earlyMinutes: number;
  /** Past shifts with no punch at all. */
  absentCount: number;
  /** Clock-ins without a clock-out and clock-outs without a clock-in. */
  missingPunchCount: number;
  /** Work sessions outside any shift (on rest days or unplanned days). */
  unscheduledCount: number;
  unscheduledMinutes: number;
}
export interface AttendanceReport {
  team: Team;
  month: string;
  timeZone: string;
  lateGraceMin: number;
  earlyGraceMin: number;
  rows: AttendanceRow[];
  /** Every person's days that had a shift, a rest or work, by person then date. */
  days: AttendanceDay[];
}
export interface AssessmentRow {
  staffId: string;
  name: string;
  role: Role;
  /** Measure key → value (see `assessment.month`'s `measures`); null: nothing to measure (a blank). */
  values: Record<string, number | null>;
  score: number | null;
  comment: string;
  /** The saved score's version; null before the first save. */
  version: string | null;
}
export interface AssessmentMonth {
  month: string;
  /** The measures in column order: key and the Chinese column name (the UI translates the key). */
  measures: { key: string; header: string }[];
  rows: AssessmentRow[];
}

// ---------------------------------------------------------------------------------------------
// Low-stock alerts (库存预警, §16.7), the ledger CSV export and the ledger's person filter
// ---------------------------------------------------------------------------------------------
export const ALERT_STATUSES = ['active', 'unacknowledged', 'cleared', 'all'] as const;
/** active: not cleared (open or acknowledged); unacknowledged: open and nobody took it yet. */
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const alertFilter = {
  status: z.enum(ALERT_STATUSES).default('active'),
  /** Matches the SKU's search text (title, pinyin initials, code, barcode, spec). */
  q: z.string().trim().max(100).default(''),
};
export const ledgerFilter = {
  skuId: id.optional(),
  binId: id.optional(),
  documentId: id.optional(),
  type: z.enum(DOC_TYPES).optional(),
  staffId: id.optional(),
  /** Movement time range (UTC ISO-8601), inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
};
export interface AlertRow {
  id: string;
  skuId: string;
  code: string;
  title: string;
  spec: string;
  /** The SKU's threshold now (raisedThreshold: when raised). */
  threshold: number;
  /** On hand now, normal bins only (defects bins do not count). */
  onHand: number;
  status: 'open' | 'acknowledged' | 'cleared';
  raisedAt: string;
  raisedQty: number;
  raisedThreshold: number;
  ackAt: string | null;
  ackByName: string | null;
  handlerId: string | null;
  handlerName: string | null;
  note: string;
  clearedAt: string | null;
  clearedQty: number | null;
  /** restocked: back at or above the threshold; threshold: the threshold was lowered; inactive: delisted/archived. */
  clearedReason: 'restocked' | 'threshold' | 'inactive' | null;
  lastMovement: {
    seq: number;
    at: string;
    qtyDelta: number;
    documentNumber: string;
    documentType: DocType;
    staffName: string | null;
  } | null;
}
export interface AlertCounts {
  /** Not cleared. */
  active: number;
  /** Not cleared and not acknowledged. */
  unacknowledged: number;
}
export interface LedgerPerson {
  id: string;
  name: string;
  active: boolean;
}

// ---------------------------------------------------------------------------------------------
// Customer service (客服) part 1: buyers, orders and their import, unpaid follow-up (催付)
// ---------------------------------------------------------------------------------------------
export const ORDER_STATUSES = ['wait_pay', 'paid', 'shipped', 'success', 'closed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** 千牛 seller-note flags (旗帜). */
export const ORDER_FLAGS = ['none', 'red', 'yellow', 'green', 'blue', 'purple'] as const;
export type OrderFlag = (typeof ORDER_FLAGS)[number];
export const FOLLOW_UP_CHANNELS = ['wangwang', 'phone', 'sms'] as const;
export type FollowUpChannel = (typeof FOLLOW_UP_CHANNELS)[number];
export const FOLLOW_UP_OUTCOMES = ['will_pay', 'no_reply', 'declined', 'other'] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

/** A mobile or landline number as people type it; stored as digits (and a leading +). */
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{4,22}$/, { message: 'key:phoneFormat' })
  .transform((s) => s.replace(/[ -]/g, ''));

export const buyerInput = z.strictObject({
  id: id.optional(),
  expectedVersion: version.optional(),
  /** 买家会员名 (旺旺). */
  memberName: z.string().trim().min(1).max(64),
  realName: z.string().trim().max(40).default(''),
  phones: z.array(phone).max(10).default([]),
  addresses: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
  /** Groups and traits (顾客分类), e.g. 回头客, 爱砍价. */
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  vipLevel: z.number().int().min(0).max(9).default(0),
});
export type BuyerInput = z.input<typeof buyerInput>;

export const orderFilter = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  /** 下单时间 range, shop-local days, inclusive. */
  from: localDate.optional(),
  to: localDate.optional(),
  buyerId: id.optional(),
  /** An order id (prefix) or a member name (prefix). */
  q: z.string().trim().max(64).default(''),
});
export type OrderFilter = z.input<typeof orderFilter>;

export const manualOrderInput = z.strictObject({
  memberName: z.string().trim().min(1).max(64),
  receiverName: z.string().trim().max(40).default(''),
  receiverPhone: z.union([phone, z.literal('')]).default(''),
  receiverAddress: z.string().trim().max(200).default(''),
  status: z.enum(ORDER_STATUSES).default('wait_pay'),
  postageFen: fen.default(0),
  buyerMessage: z.string().trim().max(500).default(''),
  lines: z
    .array(
      z.strictObject({
        skuId: id,
        quantity: z.number().int().min(1).max(10_000),
        /** Defaults to the SKU's price. */
        priceFen: fen.optional(),
      }),
    )
    .min(1)
    .max(100),
});
export type ManualOrderInput = z.input<typeof manualOrderInput>;

export const orderImportFile = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64; at most 30 MB. */
  contentBase64: z
    .string()
    .max(40_000_000)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'key:base64' }),
});

export interface VipLevel {
  level: number;
  name: string;
  offers: string;
}
export interface ServiceSettings {
  followUpDelayMinutes: number;
  vipLevels: VipLevel[];
}
/** A buyer in a list: phones always masked (138****1234). */
export interface BuyerRow {
  id: string;
  memberName: string;
  realName: string;
  phones: string[];
  tags: string[];
  vipLevel: number;
  orderCount: number;
  lastOrderAt: string | null;
}
export interface BuyerNote {
  id: string;
  at: string;
  staffName: string | null;
  text: string;
}
export type TimelineKind = 'order' | 'followUp' | 'note' | 'review' | 'complaint' | 'inquiry' | 'case';
/** One entry on a buyer's timeline; later sources (cases, complaints, reviews) add kinds. */
export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  /** The record it comes from (an order id, a note id, …). */
  refId: string;
  /** The order id for orders and follow-ups; '' for notes. */
  title: string;
  /** By kind — order: `status|totalFen|items`; followUp: `channel|outcome|note`; note: its text;
   * inquiry (售前): `question|outcome|orderId|orderNo|note` (title = the product's title). */
  detail: string;
  staffName: string | null;
}
export interface Buyer extends Omit<BuyerRow, 'orderCount' | 'lastOrderAt'> {
  /** Full numbers only for roles with buyers.contact; masked otherwise. */
  phones: string[];
  phonesMasked: boolean;
  addresses: string[];
  vip: VipLevel | null;
  version: string;
  createdAt: string;
  updatedAt: string;
  orderCount: number;
  paidFen: number;
  notes: BuyerNote[];
  timeline: TimelineEntry[];
}
export interface OrderRow {
  id: string;
  orderNo: string;
  source: 'taobao' | 'manual';
  buyerId: string | null;
  memberName: string;
  status: OrderStatus;
  totalFen: number;
  paidFen: number;
  itemCount: number;
  flag: OrderFlag;
  sellerNote: string;
  orderedAt: string;
  paidAt: string | null;
}
export interface OrderLine {
  id: string;
  lineKey: string;
  title: string;
  spec: string;
  skuCode: string;
  skuId: string | null;
  quantity: number;
  priceFen: number;
  paidFen: number | null;
  refundStatus: string;
}
/** Where the parcel is: today from the import; the warehouse's shipment once merged. */
export interface OrderShipping {
  carrier: string | null;
  trackingNo: string | null;
  shippedAt: string | null;
  source: 'import' | 'warehouse' | 'none';
  /** The warehouse's outbound for the order: its number and whether it is waiting or shipped. */
  outbound: { number: string; status: 'draft' | 'posted' } | null;
}
export interface OrderFollowUp {
  id: string;
  at: string;
  staffName: string | null;
  channel: FollowUpChannel;
  outcome: FollowUpOutcome;
  note: string;
  remindAt: string | null;
}
export interface Order extends OrderRow {
  goodsFen: number;
  postageFen: number;
  refundFen: number;
  receiverName: string;
  /** Masked unless the role has buyers.contact. */
  receiverPhone: string;
  receiverAddress: string;
  buyerMessage: string;
  closeReason: string;
  version: string;
  lines: OrderLine[];
  history: {
    at: string;
    status: OrderStatus | string;
    source: 'import' | 'manual';
    staffName: string | null;
  }[];
  shipping: OrderShipping;
  followUps: OrderFollowUp[];
}
export type OrderImportStatus = 'new' | 'changed' | 'unchanged' | 'rejected';
export interface OrderImportRow {
  /** Which table the row is in: the order sheet or the order-line sheet. */
  sheet: 'orders' | 'lines';
  rowNumber: number;
  orderNo: string;
  memberName: string;
  status: OrderImportStatus;
  changes: string[];
  errors: (Problem & { field: string })[];
}
export interface OrderImportPreview {
  importId: string;
  /** Per file: its name, what it was read as, its encoding. */
  files: { fileName: string; kind: 'orders' | 'lines' | 'both'; encoding: string }[];
  counts: Record<OrderImportStatus, number>;
  newBuyers: number;
  lineCount: number;
  /** 商家编码 in the lines that match no SKU. */
  unknownCodes: string[];
  /** Rows that are not unchanged (at most 2,000). */
  rows: OrderImportRow[];
}
export interface OrderImportResult {
  created: number;
  updated: number;
  unchanged: number;
  excluded: number;
  buyersCreated: number;
}
export interface FollowUpQueueRow extends OrderRow {
  contacts: number;
  lastContactAt: string | null;
  lastOutcome: FollowUpOutcome | null;
  remindAt: string | null;
  /** Minutes since the order was placed. */
  waitingMinutes: number;
}
export interface FollowUpReport {
  /** Orders with at least one contact in the range (by first contact). */
  followedUp: number;
  /** …of which paid after the first contact. */
  paidAfter: number;
  paidFen: number;
  stillUnpaid: number;
  closed: number;
  byChannel: { channel: FollowUpChannel; contacts: number }[];
}

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------
/** `public`: no sign-in needed. `signedIn`: anyone signed in. Otherwise a permission. */
export type Access = 'public' | 'signedIn' | Permission;

interface ChannelDef<S extends z.ZodType, O> {
  input: S;
  access: Access;
  /** Phantom: the answer's type. Never read at run time. */
  output: O;
}
/** `def<Answer>()(inputSchema, access)`: curried so the schema's type is inferred. */
function def<O>() {
  return <S extends z.ZodType>(input: S, access: Access): ChannelDef<S, O> => ({
    input,
    access,
    output: undefined as unknown as O,
  });
}

// ---------------------------------------------------------------------------------------------
// Orders ↔ warehouse link: paid orders → outbound drafts; shipping marks orders shipped
// ---------------------------------------------------------------------------------------------
/** Why an order cannot be queued: an `errors.*` key and its params. */
export interface OrderQueueProblem {
  key: string;
  params: Record<string, string | number>;
}
/** A paid customer-service order without an outbound yet. `paidAt` is UTC ISO-8601. */
export interface PendingOrder {
  orderId: string;
  orderNo: string;
  memberName: string;
  receiverName: string;
  paidAt: string | null;
  lines: { skuCode: string; title: string; spec: string; quantity: number; linked: boolean }[];
  totalQuantity: number;
  /** Null when it can be queued. */
  problem: OrderQueueProblem | null;
}
export interface PendingOrders {
  /** Can be queued now, oldest first. */
  ready: PendingOrder[];
  /** Paid but cannot be queued (e.g. a line whose 商家编码 matches no SKU), with the reason. */
  blocked: PendingOrder[];
}
export interface OrderQueueResult {
  created: { orderId: string; orderNo: string; documentId: string; documentNumber: string }[];
  skipped: { orderId: string; orderNo: string; problem: OrderQueueProblem }[];
}

// ---------------------------------------------------------------------------------------------
// handover contract (交接本, §15.1): items a shift leaves for the next, each acknowledged once
// ---------------------------------------------------------------------------------------------
export const HANDOVER_KINDS = ['buyer', 'callback', 'stock', 'other'] as const;
export type HandoverKind = (typeof HANDOVER_KINDS)[number];
export interface HandoverShift {
  templateId: string;
  name: string;
  start: string;
  end: string;
}
export interface HandoverItem {
  id: string;
  date: string;
  templateId: string;
  shiftName: string;
  kind: HandoverKind;
  text: string;
  buyerId: string | null;
  buyerName: string | null;
  orderId: string | null;
  orderNo: string | null;
  skuId: string | null;
  skuLabel: string | null;
  callbackAt: string | null;
  createdAt: string;
  createdBy: string;
  createdByName: string;
  /** The following shift, whose people acknowledge the item. */
  nextDate: string;
  nextShiftName: string;
  ack: { at: string; staffId: string; staffName: string; note: string } | null;
  /** Whether the caller may acknowledge it (open, and on the next shift or a supervisor). */
  canAck: boolean;
}
export interface HandoverOpen {
  items: HandoverItem[];
  /** Open items the caller may acknowledge. */
  forMe: number;
  /** The caller's service shift today (shop-local), from the rota, if any. */
  myShift: (HandoverShift & { date: string }) | null;
  shifts: HandoverShift[];
  today: string;
}
const handoverItemInput = z
  .strictObject({
    kind: z.enum(HANDOVER_KINDS),
    text: z.string().trim().min(1).max(500),
    buyerId: z.string().uuid().optional(),
    orderId: z.string().uuid().optional(),
    skuId: z.string().uuid().optional(),
    callbackAt: z.iso.datetime({ offset: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'callback' && !v.callbackAt)
      ctx.addIssue({ code: 'custom', path: ['callbackAt'], message: 'key:handoverCallbackTime' });
    if (v.kind === 'stock' && !v.skuId)
      ctx.addIssue({ code: 'custom', path: ['skuId'], message: 'key:handoverSku' });
    if (v.kind === 'buyer' && !v.buyerId && !v.orderId)
      ctx.addIssue({ code: 'custom', path: ['buyerId'], message: 'key:handoverBuyer' });
  });

export const contract = {
  'system.status': def<SystemStatus>()(empty, 'public'),
  'system.setup': def<Session>()(
    z.strictObject({
      shopName: z.string().trim().min(1).max(60),
      timeZone: timeZone.default('Asia/Shanghai'),
      managerName: name,
      pin,
    }),
    'public',
  ),
  'auth.roster': def<StaffPublic[]>()(empty, 'public'),
  'auth.session': def<Session | null>()(empty, 'public'),
  'auth.signIn': def<Session>()(z.strictObject({ staffId: id, pin: z.string().max(8) }), 'public'),
  'auth.signOut': def<null>()(empty, 'public'),
  'auth.changeOwnPin': def<null>()(
    z.strictObject({ currentPin: z.string().max(8), newPin: pin }),
    'signedIn',
  ),
  'shop.get': def<Shop>()(empty, 'signedIn'),
  'shop.update': def<Shop>()(
    z.strictObject({ name: z.string().trim().min(1).max(60), timeZone }),
    'shop.manage',
  ),
  'staff.list': def<StaffRow[]>()(
    z.strictObject({ includeInactive: z.boolean().default(true) }),
    'staff.manage',
  ),
  'staff.create': def<StaffRow>()(z.strictObject({ name, role: roleSchema, pin }), 'staff.manage'),
  'staff.update': def<StaffRow>()(z.strictObject({ id, name, role: roleSchema }), 'staff.manage'),
  'staff.setActive': def<StaffRow>()(z.strictObject({ id, active: z.boolean() }), 'staff.manage'),
  'staff.resetPin': def<StaffRow>()(z.strictObject({ id, pin }), 'staff.manage'),
  'audit.list': def<Paged<AuditRow>>()(
    z.strictObject({
      entity: z.string().max(40).default(''),
      staffId: id.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      ...page,
    }),
    'audit.read',
  ),
  'audit.people': def<(StaffPublic & { active: boolean })[]>()(empty, 'audit.read'),
  'catalog.list': def<Paged<SkuRow>>()(
    z.strictObject({
      filter: catalogFilter.default({ q: '', listed: 'all', status: 'active', category: '' }),
      sort: z
        .strictObject({
          field: z.enum(CATALOG_SORT_FIELDS),
          order: z.enum(['asc', 'desc']),
        })
        .default({ field: 'updatedAt', order: 'desc' }),
      ...page,
    }),
    'catalog.read',
  ),
  'catalog.categories': def<string[]>()(empty, 'catalog.read'),
  /** What a scanner read: an exact barcode, else an exact 商家编码 (as typed or upper-cased). Active SKUs only. */
  'catalog.lookup': def<SkuRow | null>()(
    z.strictObject({ code: z.string().trim().min(1).max(64) }),
    'catalog.read',
  ),
  'catalog.get': def<Product>()(z.strictObject({ productId: id }), 'catalog.read'),
  'catalog.create': def<Product>()(productInput, 'catalog.write'),
  'catalog.update': def<Product>()(
    productInput.extend({ id, expectedVersion: z.string().min(1).max(64) }),
    'catalog.write',
  ),
  'catalog.setArchived': def<Product>()(
    z.strictObject({ productId: id, archived: z.boolean() }),
    'catalog.archive',
  ),
  'catalog.importPreview': def<ImportPreview>()(
    z.strictObject({
      fileName: z.string().trim().min(1).max(255),
      /** The file's bytes, base64 (an empty file is answered with import.empty). At most 20 MB. */
      contentBase64: z
        .string()
        .max(28_000_000)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'key:base64' }),
    }),
    'catalog.import',
  ),
  'catalog.importCommit': def<ImportResult>()(
    z.strictObject({
      importId: id,
      excludeRows: z.array(z.number().int().min(1)).max(100_000).default([]),
    }),
    'catalog.import',
  ),
  'catalog.exportCsv': def<ExportResult>()(
    z.strictObject({
      filter: catalogFilter.default({ q: '', listed: 'all', status: 'active', category: '' }),
      encoding: csvEncoding,
    }),
    'catalog.export',
  ),
  // warehouse contract: stable
  'warehouse.listBins': def<Bin[]>()(
    z.strictObject({ includeRetired: z.boolean().default(false) }),
    'warehouse.read',
  ),
  'warehouse.saveBin': def<Bin>()(binInput, 'warehouse.bins'),
  /** Retiring a bin that holds stock is a CONFLICT binNotEmpty. */
  'warehouse.setBinRetired': def<Bin>()(z.strictObject({ id, retired: z.boolean() }), 'warehouse.bins'),
  'warehouse.listDocuments': def<Paged<StockDocumentRow>>()(
    z.strictObject({
      type: z.enum(DOC_TYPES).optional(),
      status: z.enum(DOC_STATUSES).optional(),
      /** Matches the number, counterpart, order ref or reason (substring). */
      q: z.string().trim().max(100).default(''),
      /** docDate range, inclusive, shop-local yyyy-mm-dd. */
      from: localDate.optional(),
      to: localDate.optional(),
      ...page,
    }),
    'warehouse.read',
  ),
  'warehouse.getDocument': def<StockDocument>()(z.strictObject({ id }), 'warehouse.read'),
  'warehouse.saveDraft': def<StockDocument>()(draftInput, 'warehouse.write'),
  'warehouse.discardDraft': def<null>()(
    z.strictObject({ id, expectedVersion: version.optional() }),
    'warehouse.write',
  ),
  /**
   * Posts atomically and once (an already posted document is answered unchanged). Going below
   * zero in any bin is a CONFLICT negativeStock, unless overrideReason is given by someone with
   * warehouse.override (without it: FORBIDDEN).
   */
  'warehouse.post': def<StockDocument>()(
    z.strictObject({ id, expectedVersion: version.optional(), overrideReason: reasonText.optional() }),
    'warehouse.post',
  ),
  /** Creates and posts the reversing document (红冲); answers it. Once per document. */
  'warehouse.reverse': def<StockDocument>()(
    z.strictObject({ id, reason: reasonText, overrideReason: reasonText.optional() }),
    'warehouse.override',
  ),
  'warehouse.ledger': def<Paged<MovementRow>>()(
    z.strictObject({
      skuId: id.optional(),
      binId: id.optional(),
      documentId: id.optional(),
      type: z.enum(DOC_TYPES).optional(),
      staffId: id.optional(),
      /** Movement time range (UTC ISO-8601), inclusive. */
      from: isoDate.optional(),
      to: isoDate.optional(),
      ...page,
    }),
    'warehouse.read',
  ),
  'warehouse.balances': def<BalancePage>()(
    z.strictObject({
      /** Matches the SKU's search text (title, pinyin initials, code, barcode, spec). */
      q: z.string().trim().max(100).default(''),
      binId: id.optional(),
      onlyNonZero: z.boolean().default(true),
      ...page,
    }),
    'warehouse.read',
  ),
  'warehouse.skuStock': def<SkuStock>()(z.strictObject({ skuId: id }), 'warehouse.read'),
  // shipping contract
  /** Orders waiting to ship (draft sales_out with an order ref), oldest first. */
  'shipping.queue': def<ShippingOrder[]>()(
    z.strictObject({ q: z.string().trim().max(100).default('') }),
    'warehouse.read',
  ),
  /** A draft sales_out for an order, bins chosen automatically (createOrderOutbound). */
  'shipping.createOrder': def<StockDocument>()(orderOutboundInput, 'warehouse.write'),
  'shipping.pickList': def<PickList>()(
    z.strictObject({ documentIds: z.array(id).min(1).max(200) }),
    'warehouse.read',
  ),
  'shipping.packState': def<PackState>()(z.strictObject({ documentId: id }), 'warehouse.read'),
  /** Records every scan; a wrong, extra or unknown one is answered (not thrown) with its result. */
  'shipping.packScan': def<PackScanAnswer>()(
    z.strictObject({ documentId: id, code: z.string().trim().min(1).max(64) }),
    'warehouse.write',
  ),
  /** Posts the outbound once every unit is pack-checked, and records carrier and tracking number. */
  'shipping.ship': def<ShipmentInfo>()(
    z.strictObject({
      documentId: id,
      carrier: z.string().trim().min(1).max(40),
      trackingNo,
      overrideReason: reasonText.optional(),
    }),
    'warehouse.post',
  ),
  'warehouse.shipment': def<ShipmentInfo | null>()(z.strictObject({ orderRef }), 'orders.shippingRead'),
  'returns.createExpected': def<StockDocument>()(expectedReturnInput, 'warehouse.write'),
  'returns.inspect': def<InspectionResult>()(inspectionInput, 'warehouse.post'),
  'warehouse.exportDocuments': def<ExportResult>()(
    z.strictObject({
      type: z.enum(DOC_TYPES).optional(),
      status: z.enum(DOC_STATUSES).optional(),
      q: z.string().trim().max(100).default(''),
      from: localDate.optional(),
      to: localDate.optional(),
      encoding: csvEncoding,
    }),
    'warehouse.read',
  ),
  'warehouse.exportBalances': def<ExportResult>()(
    z.strictObject({
      q: z.string().trim().max(100).default(''),
      binId: id.optional(),
      onlyNonZero: z.boolean().default(true),
      encoding: csvEncoding,
    }),
    'warehouse.read',
  ),
  // stocktakes (盘点)
  'stocktake.list': def<Paged<StocktakeRow>>()(
    z.strictObject({ status: z.enum(STOCKTAKE_STATUSES).optional(), ...page }),
    'warehouse.read',
  ),
  /** Book quantities are null for counters (warehouse.count without warehouse.stocktake) on a blind count. */
  'stocktake.get': def<Stocktake>()(z.strictObject({ id }), 'warehouse.read'),
  /** Lines in bin walk order (limit up to 20,000 for printing the count sheet). */
  'stocktake.lines': def<Paged<StocktakeLine>>()(
    z.strictObject({
      id,
      binId: id.optional(),
      filter: z.enum(STOCKTAKE_LINE_FILTERS).default('all'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(20_000).default(100),
    }),
    'warehouse.read',
  ),
  'stocktake.start': def<Stocktake>()(stocktakeStartInput, 'warehouse.stocktake'),
  'stocktake.count': def<StocktakeCounted>()(stocktakeCountInput, 'warehouse.count'),
  'stocktake.cancel': def<Stocktake>()(z.strictObject({ id, reason: reasonText }), 'warehouse.stocktake'),
  /** Posts 盘盈 (other_in) and 盘亏 (other_out) documents; approving an approved one answers it unchanged. */
  'stocktake.approve': def<Stocktake>()(z.strictObject({ id }), 'warehouse.stocktake'),
  /** FORBIDDEN for counters on a blind count. */
  'stocktake.report': def<StocktakeReport>()(z.strictObject({ id }), 'warehouse.read'),
  'stocktake.exportCsv': def<ExportResult>()(z.strictObject({ id, encoding: csvEncoding }), 'warehouse.read'),
  // staffing contract
  'rota.templates': def<ShiftTemplate[]>()(
    z.strictObject({ team: team.optional(), includeArchived: z.boolean().default(false) }),
    'rota.read',
  ),
  /** The manager edits the shift templates (a shift may end at 24:00, never after). */
  'rota.saveTemplate': def<ShiftTemplate>()(shiftTemplateInput, 'shop.manage'),
  /** A team's week (Monday first). Its members, its supervisor, the manager and the director. */
  'rota.week': def<RotaWeek>()(z.strictObject({ team, weekStart: localDate }), 'rota.read'),
  /** Sets the given cells (others unchanged); only the manager or the team's supervisor. */
  'rota.saveWeek': def<RotaWeek>()(
    z.strictObject({ team, weekStart: localDate, cells: z.array(rotaCellInput).min(1).max(700) }),
    'rota.manage',
  ),
  /** Makes this week like the week before, for everyone on the team. */
  'rota.copyWeek': def<RotaWeek>()(z.strictObject({ team, weekStart: localDate }), 'rota.manage'),
  /** The caller's own rota cells between two dates (at most 62 days). */
  'rota.myShifts': def<RotaCell[]>()(z.strictObject({ from: localDate, to: localDate }), 'rota.read'),
  'attendance.status': def<ClockStatus>()(empty, 'attendance.clock'),
  /** The caller clocks themselves in or out, now, on this PC. */
  'attendance.clock': def<ClockStatus>()(z.strictObject({ kind: z.enum(['in', 'out']) }), 'attendance.clock'),
  /** A person's punches in a month, corrections and superseded ones included. */
  'attendance.punches': def<Punch[]>()(z.strictObject({ staffId: id, month: yearMonth }), 'attendance.read'),
  /** A correction is a new punch with a reason; the team's supervisor or the manager. */
  'attendance.correct': def<Punch>()(punchCorrectionInput, 'rota.manage'),
  'attendance.report': def<AttendanceReport>()(z.strictObject({ team, month: yearMonth }), 'attendance.read'),
  'attendance.exportCsv': def<ExportResult>()(
    z.strictObject({ team, month: yearMonth, encoding: csvEncoding }),
    'attendance.read',
  ),
  'attendance.settings': def<AttendanceSettings>()(empty, 'attendance.read'),
  'attendance.saveSettings': def<AttendanceSettings>()(
    z.strictObject({
      lateGraceMin: z.number().int().min(0).max(120),
      earlyGraceMin: z.number().int().min(0).max(120),
    }),
    'shop.manage',
  ),
  'assessment.month': def<AssessmentMonth>()(z.strictObject({ month: yearMonth }), 'assessment.manage'),
  'assessment.saveScore': def<AssessmentRow>()(
    z.strictObject({
      staffId: id,
      month: yearMonth,
      score: z.number().int().min(0).max(100).nullable(),
      comment: z.string().trim().max(500).default(''),
      expectedVersion: z.string().min(1).max(64).optional(),
    }),
    'assessment.manage',
  ),
  'assessment.exportCsv': def<ExportResult>()(
    z.strictObject({ month: yearMonth, encoding: csvEncoding }),
    'assessment.manage',
  ),
  // low-stock alerts, ledger export and person filter
  /** The ledger with the page's filters, all rows, oldest first; 结存 when filtered by SKU or bin. */
  'warehouse.exportLedger': def<ExportResult>()(
    z.strictObject({ ...ledgerFilter, encoding: csvEncoding }),
    'warehouse.read',
  ),
  /** Everyone who ever posted a movement, deactivated people included. */
  'warehouse.people': def<LedgerPerson[]>()(empty, 'warehouse.read'),
  'alerts.list': def<Paged<AlertRow> & { counts: AlertCounts }>()(
    z.strictObject({ ...alertFilter, ...page }),
    'alerts.read',
  ),
  'alerts.counts': def<AlertCounts>()(empty, 'alerts.read'),
  /** Acknowledge (or hand over) an open alert: who handles it, with a note. Cleared → CONFLICT alertCleared. */
  'alerts.ack': def<AlertRow>()(
    z.strictObject({ id, handlerId: id, note: z.string().trim().max(500).default('') }),
    'alerts.ack',
  ),
  'alerts.exportCsv': def<ExportResult>()(
    z.strictObject({ ...alertFilter, encoding: csvEncoding }),
    'alerts.read',
  ),
  // art contract (美工: design tasks and the image library; schemas and types in contract-art.ts)
  'art.tasksList': def<Paged<art.TaskRow>>()(
    z.strictObject({ filter: art.taskFilter.default({ q: '', includeOldDone: false }), ...page }),
    'art.read',
  ),
  'art.taskGet': def<art.Task>()(z.strictObject({ id }), 'art.read'),
  /** Create or edit. Requesters outside the art team may create, and edit their own while 待办. */
  'art.taskSave': def<art.Task>()(art.taskInput, 'art.tasks'),
  /** A designer's move on the board (TASK_MOVES); leaving 待审核 is art.taskReview's. */
  'art.taskMove': def<art.Task>()(art.taskMoveInput, 'art.tasks'),
  'art.taskReview': def<art.Task>()(art.taskReviewInput, 'art.review'),
  'art.taskAttach': def<art.Task>()(art.taskAttachInput, 'art.library'),
  'art.tasksExportCsv': def<ExportResult>()(
    z.strictObject({
      filter: art.taskFilter.default({ q: '', includeOldDone: true }),
      encoding: z.enum(['utf8bom', 'gbk']).default('utf8bom'),
    }),
    'art.read',
  ),
  'art.libraryList': def<Paged<art.LibraryImageRow>>()(
    z.strictObject({
      filter: art.libraryFilter.default({ q: '', tag: '', flagged: false, trash: false }),
      ...page,
    }),
    'art.read',
  ),
  'art.libraryGet': def<art.LibraryImage>()(z.strictObject({ id }), 'art.read'),
  'art.libraryTags': def<{ path: string; count: number }[]>()(empty, 'art.read'),
  /**
   * Main opens the file (or folder) dialog, or takes what was dropped onto this window (`drop`:
   * recorded by main from the preload's trusted drop event); the renderer never sends a path.
   */
  'art.libraryImport': def<art.ImportReport>()(
    z.strictObject({ mode: z.enum(['files', 'folder', 'drop']) }),
    'art.library',
  ),
  /** Bulk edit: use, status, stage, version parent, note, tags and SKU links. */
  'art.libraryUpdate': def<{ updated: number }>()(art.libraryUpdateInput, 'art.library'),
  'art.libraryTrash': def<{ updated: number }>()(
    z.strictObject({ ids: z.array(id).min(1).max(5000), trashed: z.boolean() }),
    'art.library',
  ),
  'art.libraryThumbs': def<art.ThumbStatus>()(empty, 'art.read'),
  /** Main asks for the folder; copies the originals named by the pattern. */
  'art.libraryExportFiles': def<art.FilesExportResult>()(art.exportFilesInput, 'art.library'),
  'art.libraryExportCsv': def<ExportResult>()(
    z.strictObject({
      filter: art.libraryFilter.default({ q: '', tag: '', flagged: false, trash: false }),
      encoding: z.enum(['utf8bom', 'gbk']).default('utf8bom'),
    }),
    'art.read',
  ),
  'art.rulesGet': def<art.ImageRules>()(empty, 'art.read'),
  'art.rulesSave': def<art.ImageRules>()(art.imageRules, 'art.review'),
  // art contract, part 2: team assessment (美工考核) and listing readiness (上架准备)
  /** Designers without art.assess get only their own row. */
  'art.assessmentMonth': def<AssessmentMonth>()(z.strictObject({ month: yearMonth }), 'art.read'),
  'art.assessmentSave': def<AssessmentRow>()(
    z.strictObject({
      staffId: id,
      month: yearMonth,
      score: z.number().int().min(0).max(100).nullable(),
      comment: z.string().trim().max(500).default(''),
      expectedVersion: z.string().min(1).max(64).optional(),
    }),
    'art.assess',
  ),
  'art.assessmentExportCsv': def<ExportResult>()(
    z.strictObject({ month: yearMonth, encoding: csvEncoding }),
    'art.read',
  ),
  'art.readinessList': def<Paged<art.ReadinessRow> & { counts: Record<art.ReadinessState, number> }>()(
    z.strictObject({ filter: art.readinessFilter.default({ state: 'all', q: '' }), ...page }),
    'listing.read',
  ),
  /** Mark listed (上架) or delisted; listing with items missing needs overrideReason (CONFLICT notReady). */
  'art.readinessMark': def<art.ReadinessRow>()(art.readinessMarkInput, 'catalog.list'),
  // service contract (客服 part 1: buyers, orders, order import, follow-up)
  'service.settings': def<ServiceSettings>()(empty, 'orders.read'),
  'service.saveSettings': def<ServiceSettings>()(
    z.strictObject({
      followUpDelayMinutes: z.number().int().min(1).max(10_080),
      vipLevels: z
        .array(
          z.strictObject({
            level: z.number().int().min(1).max(9),
            name: z.string().trim().min(1).max(20),
            offers: z.string().trim().max(200).default(''),
          }),
        )
        .max(9),
    }),
    'shop.manage',
  ),
  /** Prefix search on member name, real name, its pinyin initials, phone, or a phone's last 4 digits. */
  'buyers.search': def<Paged<BuyerRow>>()(
    z.strictObject({
      q: z.string().trim().max(64).default(''),
      tag: z.string().trim().max(20).default(''),
      ...page,
    }),
    'buyers.read',
  ),
  'buyers.get': def<Buyer>()(z.strictObject({ id }), 'buyers.read'),
  'buyers.save': def<Buyer>()(buyerInput, 'buyers.write'),
  'buyers.addNote': def<Buyer>()(
    z.strictObject({ buyerId: id, text: z.string().trim().min(1).max(1000) }),
    'buyers.write',
  ),
  /** Moves `mergeId`'s orders, notes, phones, addresses and tags to `keepId`; `mergeId` is retired. */
  'buyers.merge': def<Buyer>()(z.strictObject({ keepId: id, mergeId: id }), 'buyers.write'),
  /** Phones in full for roles with buyers.exportFull, masked for the others. */
  'buyers.exportCsv': def<ExportResult>()(
    z.strictObject({ q: z.string().trim().max(64).default(''), encoding: csvEncoding }),
    'buyers.read',
  ),
  'orders.list': def<Paged<OrderRow>>()(
    z.strictObject({ filter: orderFilter.default({ q: '' }), ...page }),
    'orders.read',
  ),
  'orders.get': def<Order>()(z.strictObject({ id }), 'orders.read'),
  'orders.create': def<Order>()(manualOrderInput, 'orders.write'),
  'orders.setStatus': def<Order>()(
    z.strictObject({ id, expectedVersion: version.optional(), status: z.enum(ORDER_STATUSES) }),
    'orders.write',
  ),
  'orders.setSellerNote': def<Order>()(
    z.strictObject({
      id,
      expectedVersion: version.optional(),
      note: z.string().trim().max(500),
      flag: z.enum(ORDER_FLAGS),
    }),
    'orders.write',
  ),
  /** One or two files: the 订单报表 + 宝贝报表 CSV pair, or an xlsx with both sheets (or one per file). */
  'orders.importPreview': def<OrderImportPreview>()(
    z.strictObject({ files: z.array(orderImportFile).min(1).max(2) }),
    'orders.import',
  ),
  'orders.importCommit': def<OrderImportResult>()(
    z.strictObject({
      importId: id,
      /** 订单编号 of orders to leave out (rejected ones must be). */
      excludeOrders: z.array(z.string().min(1).max(64)).max(100_000).default([]),
    }),
    'orders.import',
  ),
  'orders.exportCsv': def<ExportResult>()(
    z.strictObject({ filter: orderFilter.default({ q: '' }), encoding: csvEncoding }),
    'orders.read',
  ),
  /** Orders 等待买家付款 for longer than the follow-up delay, oldest first. */
  'followUp.queue': def<Paged<FollowUpQueueRow>>()(z.strictObject({ ...page }), 'orders.read'),
  'followUp.record': def<Order>()(
    z.strictObject({
      orderId: id,
      channel: z.enum(FOLLOW_UP_CHANNELS),
      outcome: z.enum(FOLLOW_UP_OUTCOMES),
      note: z.string().trim().max(500).default(''),
      /** When to contact again (UTC ISO). */
      remindAt: isoDate.optional(),
    }),
    'followup.write',
  ),
  /** Contacts whose first contact falls in the shop-local day range. */
  'followUp.report': def<FollowUpReport>()(
    z.strictObject({ from: localDate.optional(), to: localDate.optional() }),
    'orders.read',
  ),
  'followUp.exportCsv': def<ExportResult>()(
    z.strictObject({ from: localDate.optional(), to: localDate.optional(), encoding: csvEncoding }),
    'orders.read',
  ),
  // orders ↔ warehouse link
  /** Paid orders without an outbound: those that can be queued and those that cannot (with reasons). */
  'shipping.pendingOrders': def<PendingOrders>()(empty, 'warehouse.read'),
  /** Outbound drafts for the given paid orders (all that can be queued when `orderIds` is left out). */
  'shipping.queueOrders': def<OrderQueueResult>()(
    z.strictObject({ orderIds: z.array(id).min(1).max(500).optional() }),
    'warehouse.write',
  ),
  /** 通知仓库发货: an outbound draft for one paid order (idempotent); refusals are CONFLICT errors. */
  'orders.notifyWarehouse': def<Order>()(z.strictObject({ id }), 'orders.write'),
  // handover contract (交接本)
  /** Every unacknowledged item, the caller's shift today and the service shifts. */
  'handover.open': def<HandoverOpen>()(empty, 'handover.read'),
  /** Items written for shifts on shop-local dates in the range (at most 62 days), newest first. */
  'handover.history': def<HandoverItem[]>()(
    z.strictObject({ from: localDate, to: localDate }),
    'handover.read',
  ),
  'handover.write': def<HandoverItem[]>()(
    z.strictObject({
      date: localDate,
      templateId: id,
      items: z.array(handoverItemInput).min(1).max(50),
    }),
    'handover.write',
  ),
  'handover.ack': def<HandoverItem>()(
    z.strictObject({ itemId: id, note: z.string().trim().max(300).default('') }),
    'handover.write',
  ),
  // reviews contract (中差评, §13.4; schemas and types in contract-reviews.ts)
  'reviews.list': def<Paged<rv.ReviewRow>>()(
    z.strictObject({ filter: rv.reviewFilter.default({ q: '' }), ...page }),
    'reviews.read',
  ),
  'reviews.get': def<rv.Review>()(z.strictObject({ id }), 'reviews.read'),
  /** Registers a 中评/差评 on an order line; the buyer is the order's. */
  'reviews.create': def<rv.Review>()(rv.reviewCreateInput, 'reviews.write'),
  /** Appends a handling step (contact, reason, solution, compensation, outcome) and applies it. */
  'reviews.handle': def<rv.Review>()(rv.reviewHandleInput, 'reviews.write'),
  /** Counts and rate revised by reason and by product over a review-date range. */
  'reviews.stats': def<rv.ReviewStats>()(
    z.strictObject({ from: localDate.optional(), to: localDate.optional() }),
    'reviews.read',
  ),
  'reviews.exportCsv': def<ExportResult>()(
    z.strictObject({ filter: rv.reviewFilter.default({ q: '' }), encoding: csvEncoding }),
    'reviews.read',
  ),
  // promotions contract (活动, §6.6; schemas and types in contract-promotions.ts)
  /** Campaigns, newest end date first; also what the art tab lists to attach creative tasks to. */
  'promotions.list': def<pm.PromotionRow[]>()(
    z.strictObject({ phase: z.enum(pm.PROMOTION_PHASES).optional() }),
    'promotions.read',
  ),
  'promotions.get': def<pm.Promotion>()(z.strictObject({ id }), 'promotions.read'),
  'promotions.save': def<pm.Promotion>()(pm.promotionInput, 'promotions.write'),
  'promotions.addTask': def<pm.Promotion>()(pm.promotionTaskInput, 'promotions.write'),
  /** Tick (or untick) a checklist item: its owner, or someone with promotions.write. */
  'promotions.tickTask': def<pm.Promotion>()(
    z.strictObject({ taskId: id, done: z.boolean() }),
    'promotions.read',
  ),
  /** Orders and revenue of the campaign's SKUs in its window vs the same length just before. */
  'promotions.results': def<pm.PromotionResults>()(z.strictObject({ id }), 'promotions.read'),
  /** The written summary, once the campaign has ended. */
  'promotions.saveSummary': def<pm.Promotion>()(
    z.strictObject({ id, summary: z.string().trim().min(1).max(2000) }),
    'promotions.write',
  ),
  // promotion creative + checklist edits contract (§10.4; schemas and types in contract-promotions.ts)
  /** Make the campaign's missing creative tasks (促销图 / 活动页 / 首页更新) in the art tab. */
  'promotions.createCreative': def<pm.Promotion>()(z.strictObject({ id }), 'promotions.creative'),
  'promotions.editTask': def<pm.Promotion>()(pm.promotionTaskEditInput, 'promotions.write'),
  'promotions.removeTask': def<pm.Promotion>()(pm.promotionTaskRefInput, 'promotions.write'),
  'promotions.moveTask': def<pm.Promotion>()(pm.promotionTaskMoveInput, 'promotions.write'),
  /** Per-SKU results (window vs the days before) as CSV. */
  'promotions.resultsExportCsv': def<ExportResult>()(
    z.strictObject({ id, encoding: csvEncoding }),
    'promotions.read',
  ),
  'art.creativeLeadGet': def<pm.CreativeLead>()(empty, 'promotions.read'),
  'art.creativeLeadSave': def<pm.CreativeLead>()(pm.creativeLead, 'art.review'),
  // complaints contract (客服 part 2: 投诉登记; schemas and types in contract-complaints.ts)
  'complaints.list': def<Paged<cmp.ComplaintRow>>()(
    z.strictObject({ filter: cmp.complaintFilter.default({ q: '', overdueOnly: false }), ...page }),
    'complaints.read',
  ),
  'complaints.get': def<cmp.Complaint>()(z.strictObject({ id }), 'complaints.read'),
  'complaints.create': def<cmp.Complaint>()(cmp.complaintInput, 'complaints.write'),
  /** An investigation note or a handling step (append-only timeline). */
  'complaints.addStep': def<cmp.Complaint>()(cmp.complaintStepInput, 'complaints.write'),
  'complaints.resolve': def<cmp.Complaint>()(cmp.complaintResolveInput, 'complaints.write'),
  'complaints.confirm': def<cmp.Complaint>()(z.strictObject({ id }), 'complaints.confirm'),
  'complaints.scheduleCallback': def<cmp.Complaint>()(cmp.complaintScheduleInput, 'complaints.write'),
  /** The callback (回访) with the customer evaluation form (客户评价单). */
  'complaints.callback': def<cmp.Complaint>()(cmp.complaintCallbackInput, 'complaints.write'),
  /** Only after the supervisor's confirmation and the callback (CONFLICT otherwise). */
  'complaints.archive': def<cmp.Complaint>()(z.strictObject({ id }), 'complaints.write'),
  /** Notices for the caller's role (severe complaints) with the unread count. */
  'complaints.notices': def<cmp.ComplaintNotices>()(empty, 'complaints.read'),
  'complaints.readNotices': def<cmp.ComplaintNotices>()(
    z.strictObject({ ids: z.array(id).min(1).max(500) }),
    'complaints.read',
  ),
  'complaints.settings': def<cmp.DeadlineSettings>()(empty, 'complaints.read'),
  'complaints.saveSettings': def<cmp.DeadlineSettings>()(cmp.deadlineSettings, 'complaints.deadlines'),
  /** Complaints received in the shop-local day range (a week or a month for the manager's report). */
  'complaints.analysis': def<cmp.ComplaintAnalysis>()(
    z.strictObject({ from: localDate, to: localDate }),
    'complaints.read',
  ),
  'complaints.exportCsv': def<ExportResult>()(
    z.strictObject({
      filter: cmp.complaintFilter.default({ q: '', overdueOnly: false }),
      encoding: csvEncoding,
    }),
    'complaints.read',
  ),
  // an agent's day contract (客服: 工作日志, 备忘录, 周总结, 个人销售日报; schemas in contract-agentday.ts)
  /** Another agent's journal needs agentday.team. */
  'agentDay.journalGet': def<agentDay.Journal>()(agentDay.journalGetInput, 'agentday.own'),
  /** One's own journal for today / this ISO week only; an existing one needs its expectedVersion. */
  'agentDay.journalSave': def<agentDay.Journal>()(agentDay.journalSaveInput, 'agentday.own'),
  /** Everyone's with agentday.team, else one's own. */
  'agentDay.journalList': def<agentDay.Journal[]>()(agentDay.journalListInput, 'agentday.own'),
  'agentDay.journalComment': def<agentDay.Journal>()(agentDay.journalCommentInput, 'agentday.team'),
  'agentDay.memos': def<agentDay.MemoList>()(agentDay.memoListInput, 'agentday.own'),
  'agentDay.memoSave': def<agentDay.Memo>()(agentDay.memoSaveInput, 'agentday.own'),
  'agentDay.memoDone': def<agentDay.Memo>()(agentDay.memoDoneInput, 'agentday.own'),
  'agentDay.memoDue': def<agentDay.MemoDue>()(empty, 'agentday.own'),
  'agentDay.agents': def<agentDay.AgentOption[]>()(empty, 'agentday.own'),
  'agentDay.creditOrders': def<agentDay.CreditOrders>()(agentDay.creditOrdersInput, 'agentday.own'),
  /** Supervisors credit anyone; an agent claims an order for themselves (not one credited to another). */
  'agentDay.assignCredit': def<agentDay.CreditOrders>()(
    agentDay.assignCreditInput.extend({ day: z.iso.date() }),
    'agentday.own',
  ),
  /** One's own daily sales report. */
  'agentDay.myReport': def<agentDay.SalesReport>()(
    agentDay.salesReportInput.omit({ staffId: true }),
    'agentday.own',
  ),
  /** Every agent's (or one agent's) daily sales reports with totals. */
  'agentDay.teamReport': def<agentDay.SalesReport>()(agentDay.salesReportInput, 'agentday.report'),
  'agentDay.exportCsv': def<ExportResult>()(agentDay.salesExportInput, 'agentday.report'),
  // pre-sales contract (售前; schemas and types in contract-presales.ts)
  /** The inquiry log (newest first) with per-day counts and conversion for the same filter. */
  'presales.inquiries': def<presales.InquiryPage>()(presales.inquiriesListInput, 'presales.read'),
  /** Logged by the signed-in agent, now; the buyer is found by member name or created. */
  'presales.inquiryCreate': def<presales.Inquiry>()(presales.inquiryInput, 'presales.write'),
  /** The agent's own inquiry while 跟进中 (or 已下单 without an order, to link it). */
  'presales.inquirySetOutcome': def<presales.Inquiry>()(presales.inquiryOutcomeInput, 'presales.write'),
  'presales.inquiriesExportCsv': def<ExportResult>()(presales.inquiriesExportInput, 'presales.read'),
  'presales.templates': def<presales.ReplyTemplate[]>()(presales.templatesInput, 'presales.read'),
  'presales.templateSave': def<presales.ReplyTemplate>()(presales.templateInput, 'presales.manage'),
  'presales.templateDelete': def<{ deleted: true }>()(
    z.strictObject({ id, expectedVersion: version }),
    'presales.manage',
  ),
  'presales.knowledgeGet': def<presales.ProductKnowledge>()(presales.knowledgeGetInput, 'presales.read'),
  /** Appends a version; `expectedVersion` must be the current one (CONFLICT otherwise). */
  'presales.knowledgeSave': def<presales.ProductKnowledge>()(presales.knowledgeInput, 'presales.manage'),
  /** 已学习: the caller learned this (current) version. */
  'presales.knowledgeLearn': def<presales.ProductKnowledge>()(presales.knowledgeLearnInput, 'presales.write'),
  /** Listed / not-yet-listed products with their knowledge version and how many agents learned it. */
  'presales.coverage': def<presales.CoveragePage>()(presales.coverageInput, 'presales.read'),
  // after-sales contract (售后 cases and the 退款报表 import; schemas and types in contract-aftersales.ts)
  'aftersales.list': def<Paged<aftersales.CaseRow>>()(
    z.strictObject({ filter: aftersales.caseFilter.default({ overdue: false, q: '' }), ...page }),
    'aftersales.read',
  ),
  'aftersales.get': def<aftersales.Case>()(z.strictObject({ id }), 'aftersales.read'),
  /** Customer-service people who may handle cases (active). */
  'aftersales.agents': def<aftersales.CaseAgent[]>()(empty, 'aftersales.read'),
  /** A 退货/换货 case creates the expected return; an 换货/补发 case its outbound draft (order_ref = case number). */
  'aftersales.create': def<aftersales.Case>()(aftersales.caseCreateInput, 'aftersales.write'),
  'aftersales.update': def<aftersales.Case>()(aftersales.caseUpdateInput, 'aftersales.write'),
  /** One step of the type's status flow (CASE_FLOW), or 已关闭; others are CONFLICT caseBadMove. */
  'aftersales.move': def<aftersales.Case>()(aftersales.caseMoveInput, 'aftersales.write'),
  /** One 退款报表: legacy CSV (GBK/GB18030/UTF-8) or the current xls/xlsx. */
  'aftersales.importPreview': def<aftersales.RefundImportPreview>()(
    z.strictObject({ file: orderImportFile }),
    'aftersales.import',
  ),
  'aftersales.importCommit': def<aftersales.RefundImportResult>()(
    z.strictObject({
      importId: id,
      /** 退款编号 of rows to leave out (rejected ones must be). */
      excludeRefunds: z.array(z.string().min(1).max(64)).max(100_000).default([]),
    }),
    'aftersales.import',
  ),
  'aftersales.exportCsv': def<ExportResult>()(
    z.strictObject({
      filter: aftersales.caseFilter.default({ overdue: false, q: '' }),
      encoding: csvEncoding,
    }),
    'aftersales.read',
  ),
  // samples contract (样品借出; schemas and types in contract-samples.ts)
  'samples.list': def<Paged<samples.LoanRow>>()(
    z.strictObject({ filter: samples.loanFilter.default({ view: 'open', q: '', mine: false }), ...page }),
    'samples.read',
  ),
  'samples.get': def<samples.Loan>()(z.strictObject({ id }), 'samples.read'),
  'samples.counts': def<samples.LoanCounts>()(empty, 'samples.read'),
  /** By the task's requester or assignee, or an art reviewer (FORBIDDEN samplesNotYourTask otherwise). */
  'samples.request': def<samples.Loan>()(samples.loanRequestInput, 'samples.request'),
  /** A request not yet issued: the task's people, an art reviewer or the warehouse. */
  'samples.cancel': def<samples.Loan>()(samples.loanCancelInput, 'samples.read'),
  /** Creates and posts the 其他出库 (样品借出); below zero needs warehouse.override + overrideReason. */
  'samples.issue': def<samples.Loan>()(samples.loanIssueInput, 'samples.issue'),
  /** Posts a 其他入库 (样品归还): good → a normal bin, damaged → the defects bin; partial allowed. */
  'samples.return': def<samples.Loan>()(samples.loanReturnInput, 'samples.issue'),
  /** Lost samples, with a reason; no movement (they left stock on the outbound). */
  'samples.writeOff': def<samples.Loan>()(samples.loanWriteOffInput, 'samples.writeOff'),
  'samples.exportCsv': def<ExportResult>()(
    z.strictObject({
      filter: samples.loanFilter.default({ view: 'all', q: '', mine: false }),
      encoding: csvEncoding,
    }),
    'samples.read',
  ),
} as const satisfies Record<Channel, ChannelDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

// Every channel in the list has a definition, and nothing else does.
type _MissingDefs = Exclude<Channel, keyof typeof contract>;
const _check: _MissingDefs extends never ? true : never = true;
void _check;
