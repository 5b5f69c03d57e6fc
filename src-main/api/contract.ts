// The IPC contract: the single source of truth for every channel's input schema, the permission
// it needs and the type of its answer. Pure (zod only, no Node imports): main validates with it,
// the preload builds its methods from the channel list, the renderer imports its types.
import { z } from 'zod';
import { CHANNELS, type Channel } from './channels';
import { ROLES, type Permission, type Role } from './permissions';

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
} as const satisfies Record<Channel, ChannelDef<z.ZodType, unknown>>;

export type Contract = typeof contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

// Every channel in the list has a definition, and nothing else does.
type _MissingDefs = Exclude<Channel, keyof typeof contract>;
const _check: _MissingDefs extends never ? true : never = true;
void _check;
