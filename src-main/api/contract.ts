// The IPC contract: the single source of truth for every channel's input schema, the permission
// it needs and the type of its answer. Pure (zod only, no Node imports): main validates with it,
// the preload builds its methods from the channel list, the renderer imports its types.
import { z } from 'zod';
import { CHANNELS, type Channel } from './channels';
import { ROLES, type Permission, type Role } from './permissions';
import { BIN_KINDS, DOC_TYPES, type BinKind, type DocType } from './values';

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
  /** Reserved by orders (0 until orders exist). */
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
  bins: { binId: string; binCode: string; kind: BinKind; retired: boolean; onHand: number }[];
  total: number;
  lastMovement: MovementRow | null;
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
const csvEncoding = z.enum(['utf8bom', 'gbk']).default('utf8bom');

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
export type TimelineKind = 'order' | 'followUp' | 'note';
/** One entry on a buyer's timeline; later sources (cases, complaints, reviews) add kinds. */
export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  /** The record it comes from (an order id, a note id, …). */
  refId: string;
  /** The order id for orders and follow-ups; '' for notes. */
  title: string;
  /** By kind — order: `status|totalFen|items`; followUp: `channel|outcome|note`; note: its text. */
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
      encoding: z.enum(['utf8bom', 'gbk']).default('utf8bom'),
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
} as const satisfies Record<Channel, ChannelDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

// Every channel in the list has a definition, and nothing else does.
type _MissingDefs = Exclude<Channel, keyof typeof contract>;
const _check: _MissingDefs extends never ? true : never = true;
void _check;
