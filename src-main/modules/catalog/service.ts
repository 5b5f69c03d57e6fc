// The product catalog: products and their SKUs. The only writer of the product and sku tables.
import type { z } from 'zod';
import type {
  catalogFilter,
  CATALOG_SORT_FIELDS,
  Paged,
  Product,
  productInput,
  Sku,
  SkuRow,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { hlcToIso } from '../../lib/hlc';
import { newId } from '../../lib/ids';
import { catalogIndex } from './search-index';
import { pinyinInitials, searchText } from '../../lib/text';

export type ProductData = z.output<typeof productInput>;
export type SkuData = ProductData['skus'][number];
export type Filter = z.output<typeof catalogFilter>;
export type SortField = (typeof CATALOG_SORT_FIELDS)[number];
type Changes = Record<string, { from: unknown; to: unknown }>;

interface ProductDb {
  id: string;
  title: string;
  style_code: string;
  category: string;
  listed: number;
  notes: string;
  archived_at: string | null;
  updated_at: string;
  updated_by: string | null;
}
export interface SkuDb {
  id: string;
  product_id: string;
  code: string;
  barcode: string;
  spec: string;
  cost_fen: number;
  price_fen: number;
  low_stock_threshold: number;
  archived_at: string | null;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------
/**
 * The export's WHERE clause: the same filter as the list's index (search_text is lower-case, so
 * instr() is the same substring test as the index's includes()). Built only from fixed fragments.
 */
export function filterSql(f: Filter): { where: string; params: Record<string, unknown> } {
  const parts = ['s.deleted_at IS NULL', 'p.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (f.q) {
    // search_text is stored lower-cased, so a plain substring test (instr: a byte search on
    // UTF-8) is exact and several times faster than LIKE, which folds case per character.
    parts.push('instr(s.search_text, @q) > 0');
    params.q = f.q.toLowerCase();
  }
  if (f.listed !== 'all') {
    parts.push('p.listed = @listed');
    params.listed = f.listed === 'listed' ? 1 : 0;
  }
  if (f.status === 'active') parts.push('s.archived_at IS NULL AND p.archived_at IS NULL');
  if (f.status === 'archived') parts.push('(s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL)');
  if (f.category) {
    parts.push('p.category = @category');
    params.category = f.category;
  }
  return { where: parts.join(' AND '), params };
}

const ROW_COLUMNS = `s.id AS skuId, p.id AS productId, s.code, s.barcode, p.title, s.spec, p.category,
  s.cost_fen AS costFen, s.price_fen AS priceFen, p.listed, s.low_stock_threshold AS lowStockThreshold,
  (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived, s.updated_at AS updatedAt`;

export function listSkus(
  store: Store,
  input: { filter: Filter; sort: { field: SortField; order: 'asc' | 'desc' }; offset: number; limit: number },
): Paged<SkuRow> {
  const { rowids, total } = catalogIndex(store).query(input.filter, input.sort, input.offset, input.limit);
  if (!rowids.length) return { rows: [], total };
  const byRowid = new Map(
    store
      .stmt<Record<string, unknown>>(
        `SELECT s.rowid AS rowid, ${ROW_COLUMNS} FROM sku s JOIN product p ON p.id = s.product_id
         WHERE s.rowid IN (SELECT value FROM json_each(@ids))`,
      )
      .all({ ids: JSON.stringify(rowids) })
      .map((r) => [r.rowid as number, r]),
  );
  return {
    total,
    rows: rowids.map((rowid) => {
      const { rowid: _r, ...r } = byRowid.get(rowid)!;
      return {
        ...(r as unknown as SkuRow),
        listed: r.listed === 1,
        archived: r.archived === 1,
        updatedAt: hlcToIso(r.updatedAt as string),
      };
    }),
  };
}

/**
 * The active SKU a scanner's code names: an exact barcode, else an exact 商家编码 as typed or
 * upper-cased (codes are usually upper-case; people type them in lower case). Index lookups only.
 */
export function lookupSku(store: Store, code: string): SkuRow | null {
  const row = store
    .stmt<Record<string, unknown>>(
      `SELECT ${ROW_COLUMNS} FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.id = COALESCE(
         (SELECT id FROM sku WHERE barcode = @code AND barcode <> '' AND deleted_at IS NULL),
         (SELECT id FROM sku WHERE code = @code AND deleted_at IS NULL),
         (SELECT id FROM sku WHERE code = upper(@code) AND deleted_at IS NULL))
       AND s.archived_at IS NULL AND p.archived_at IS NULL AND p.deleted_at IS NULL`,
    )
    .get({ code });
  return row
    ? {
        ...(row as unknown as SkuRow),
        listed: row.listed === 1,
        archived: false,
        updatedAt: hlcToIso(row.updatedAt as string),
      }
    : null;
}

/** The categories in use (non-empty, of products not deleted), for the list's filter. */
export function listCategories(store: Store): string[] {
  return store
    .stmt<{ category: string }>(
      `SELECT DISTINCT category FROM product WHERE deleted_at IS NULL AND category <> '' ORDER BY category`,
    )
    .all()
    .map((r) => r.category);
}

export function getProduct(store: Store, id: string): Product {
  const p = store
    .stmt<ProductDb & { by_name: string | null }>(
      `SELECT p.*, st.name AS by_name FROM product p LEFT JOIN staff st ON st.id = p.updated_by
       WHERE p.id = ? AND p.deleted_at IS NULL`,
    )
    .get(id);
  if (!p) throw notFound('product');
  const skus = store
    .stmt<SkuDb>(`SELECT * FROM sku WHERE product_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`)
    .all(id);
  return {
    id: p.id,
    title: p.title,
    styleCode: p.style_code,
    category: p.category,
    listed: p.listed === 1,
    notes: p.notes,
    archived: p.archived_at !== null,
    version: p.updated_at,
    updatedAt: hlcToIso(p.updated_at),
    updatedByName: p.by_name,
    skus: skus.map(toSku),
  };
}

export const toSku = (s: SkuDb): Sku => ({
  id: s.id,
  code: s.code,
  barcode: s.barcode,
  spec: s.spec,
  costFen: s.cost_fen,
  priceFen: s.price_fen,
  lowStockThreshold: s.low_stock_threshold,
  archived: s.archived_at !== null,
});

export function skuByCode(store: Store, code: string): SkuDb | undefined {
  return store.stmt<SkuDb>(`SELECT * FROM sku WHERE code = ? AND deleted_at IS NULL`).get(code);
}
export function skuById(store: Store, id: string): SkuDb {
  const s = store.stmt<SkuDb>(`SELECT * FROM sku WHERE id = ? AND deleted_at IS NULL`).get(id);
  if (!s) throw notFound('sku');
  return s;
}
export function skuByBarcode(store: Store, barcode: string): SkuDb | undefined {
  if (!barcode) return undefined;
  // `barcode <> ''` lets SQLite use the partial unique index sku_barcode (a full scan otherwise).
  return store
    .stmt<SkuDb>(`SELECT * FROM sku WHERE barcode = ? AND barcode <> '' AND deleted_at IS NULL`)
    .get(barcode);
}
function productRow(store: Store, id: string): ProductDb | undefined {
  return store.stmt<ProductDb>(`SELECT * FROM product WHERE id = ? AND deleted_at IS NULL`).get(id);
}
function titleOf(store: Store, productId: string): string {
  return productRow(store, productId)?.title ?? '';
}

// ---------------------------------------------------------------------------------------------
// Writing. Every function here runs inside the caller's transaction and logs what it changes.
// ---------------------------------------------------------------------------------------------
const PRODUCT_FIELDS = [
  ['title', 'title'],
  ['styleCode', 'style_code'],
  ['category', 'category'],
  ['listed', 'listed'],
  ['notes', 'notes'],
] as const;
const SKU_FIELDS = [
  ['code', 'code'],
  ['barcode', 'barcode'],
  ['spec', 'spec'],
  ['costFen', 'cost_fen'],
  ['priceFen', 'price_fen'],
  ['lowStockThreshold', 'low_stock_threshold'],
] as const;

export type ProductFields = Omit<ProductData, 'skus'>;

/** Insert a product row. */
export function insertProduct(
  store: Store,
  by: string,
  p: ProductFields,
  hlc: string,
  op = 'create',
): string {
  const id = newId();
  store
    .stmt(
      `INSERT INTO product (id, title, title_initials, style_code, category, listed, notes, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @title, @initials, @styleCode, @category, @listed, @notes, @at, @by, @hlc, @by)`,
    )
    .run({
      id,
      ...p,
      initials: pinyinInitials(p.title),
      listed: p.listed ? 1 : 0,
      at: store.isoNow(),
      by,
      hlc,
    });
  const fields: Changes = {};
  for (const [k] of PRODUCT_FIELDS) if (p[k] !== '') fields[k] = { from: null, to: p[k] };
  store.log({ staffId: by, entity: 'product', rowId: id, op, label: p.title, fields }, hlc);
  return id;
}

/** Apply product-level changes; returns whether anything changed. */
export function patchProduct(
  store: Store,
  by: string,
  id: string,
  next: Partial<ProductFields>,
  hlc: string,
  op = 'update',
): boolean {
  const before = productRow(store, id);
  if (!before) throw notFound('product');
  const fields: Changes = {};
  const current: ProductFields = {
    title: before.title,
    styleCode: before.style_code,
    category: before.category,
    listed: before.listed === 1,
    notes: before.notes,
  };
  for (const [k] of PRODUCT_FIELDS) {
    const v = next[k];
    if (v !== undefined && v !== current[k]) fields[k] = { from: current[k], to: v };
  }
  if (!Object.keys(fields).length) return false;
  const merged = { ...current, ...next };
  store
    .stmt(
      `UPDATE product SET title = @title, title_initials = @initials, style_code = @styleCode, category = @category,
         listed = @listed, notes = @notes, updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ ...merged, initials: pinyinInitials(merged.title), listed: merged.listed ? 1 : 0, hlc, by, id });
  if (fields.title) refreshSearch(store, id, merged.title);
  store.log({ staffId: by, entity: 'product', rowId: id, op, label: merged.title, fields }, hlc);
  return true;
}

function refreshSearch(store: Store, productId: string, title: string): void {
  for (const s of store.stmt<SkuDb>(`SELECT * FROM sku WHERE product_id = ?`).all(productId)) {
    store
      .stmt(`UPDATE sku SET search_text = @t WHERE id = @id`)
      .run({ id: s.id, t: searchText({ title, code: s.code, barcode: s.barcode, spec: s.spec }) });
  }
}

export function insertSku(
  store: Store,
  by: string,
  productId: string,
  s: SkuData,
  hlc: string,
  op = 'create',
): string {
  const id = newId();
  const title = titleOf(store, productId);
  store
    .stmt(
      `INSERT INTO sku (id, product_id, code, barcode, spec, cost_fen, price_fen, low_stock_threshold, search_text,
         created_at, created_by, updated_at, updated_by)
       VALUES (@id, @productId, @code, @barcode, @spec, @costFen, @priceFen, @lowStockThreshold, @search,
         @at, @by, @hlc, @by)`,
    )
    .run({ id, productId, ...s, search: searchText({ title, ...s }), at: store.isoNow(), by, hlc });
  const fields: Changes = {};
  for (const [k] of SKU_FIELDS) if (s[k] !== '') fields[k] = { from: null, to: s[k] };
  store.log({ staffId: by, entity: 'sku', rowId: id, op, label: `${s.code} ${title}`.trim(), fields }, hlc);
  return id;
}

/** Apply SKU changes (and archive/restore); returns whether anything changed. */
export function patchSku(
  store: Store,
  by: string,
  before: SkuDb,
  next: Partial<SkuData> & { archived?: boolean },
  hlc: string,
  op = 'update',
): boolean {
  const current: SkuData = {
    code: before.code,
    barcode: before.barcode,
    spec: before.spec,
    costFen: before.cost_fen,
    priceFen: before.price_fen,
    lowStockThreshold: before.low_stock_threshold,
  };
  const fields: Changes = {};
  for (const [k] of SKU_FIELDS) {
    const v = next[k];
    if (v !== undefined && v !== current[k]) fields[k] = { from: current[k], to: v };
  }
  const wasArchived = before.archived_at !== null;
  const archived = next.archived ?? wasArchived;
  if (archived !== wasArchived) fields.archived = { from: wasArchived, to: archived };
  if (!Object.keys(fields).length) return false;
  const merged = { ...current, ...next };
  const title = titleOf(store, before.product_id);
  store
    .stmt(
      `UPDATE sku SET code = @code, barcode = @barcode, spec = @spec, cost_fen = @costFen, price_fen = @priceFen,
         low_stock_threshold = @lowStockThreshold, search_text = @search, archived_at = @archivedAt,
         updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({
      code: merged.code,
      barcode: merged.barcode,
      spec: merged.spec,
      costFen: merged.costFen,
      priceFen: merged.priceFen,
      lowStockThreshold: merged.lowStockThreshold,
      search: searchText({ title, ...merged }),
      archivedAt: archived ? (before.archived_at ?? store.isoNow()) : null,
      hlc,
      by,
      id: before.id,
    });
  const opName =
    fields.archived && Object.keys(fields).length === 1 ? (archived ? 'archive' : 'restore') : op;
  store.log(
    {
      staffId: by,
      entity: 'sku',
      rowId: before.id,
      op: opName,
      label: `${merged.code} ${title}`.trim(),
      fields,
    },
    hlc,
  );
  return true;
}

/** Codes and barcodes must be unique among themselves and against other products' SKUs. */
function checkSkuUniqueness(store: Store, skus: SkuData[], productId: string | null): void {
  const errors: Record<string, { key: string; params?: Record<string, string | number> }> = {};
  const codes = new Map<string, number>();
  const barcodes = new Map<string, number>();
  skus.forEach((s, i) => {
    if (codes.has(s.code)) errors[`skus.${i}.code`] = { key: 'validation.duplicateInForm' };
    codes.set(s.code, i);
    if (s.barcode) {
      if (barcodes.has(s.barcode)) errors[`skus.${i}.barcode`] = { key: 'validation.duplicateInForm' };
      barcodes.set(s.barcode, i);
    }
    const byCode = skuByCode(store, s.code);
    if (byCode && byCode.product_id !== productId) {
      errors[`skus.${i}.code`] = {
        key: 'validation.codeTaken',
        params: { title: titleOf(store, byCode.product_id) },
      };
    }
    const byBarcode = skuByBarcode(store, s.barcode);
    if (byBarcode && byBarcode.product_id !== productId) {
      errors[`skus.${i}.barcode`] = {
        key: 'validation.barcodeTaken',
        params: { title: titleOf(store, byBarcode.product_id) },
      };
    }
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
}

export function createProduct(store: Store, by: string, input: ProductData): Product {
  checkSkuUniqueness(store, input.skus, null);
  const hlc = store.stamp();
  const { skus, ...fields } = input;
  const id = insertProduct(store, by, fields, hlc);
  for (const s of skus) insertSku(store, by, id, s, hlc);
  return getProduct(store, id);
}

export function updateProduct(
  store: Store,
  by: string,
  input: ProductData & { id: string; expectedVersion: string },
): Product {
  const before = productRow(store, input.id);
  if (!before) throw notFound('product');
  if (before.updated_at !== input.expectedVersion) throw new AppError('CONFLICT', 'staleEdit');
  // Listing or delisting an existing product is the store manager's mark in 上架准备 (with its
  // checklist and an append-only event), never a side effect of editing the product.
  if (input.listed !== (before.listed === 1))
    throw fieldErrors({ listed: { key: 'validation.listedViaReadiness' } });
  const existing = new Map(
    store
      .stmt<SkuDb>(`SELECT * FROM sku WHERE product_id = ? AND deleted_at IS NULL`)
      .all(input.id)
      .map((s) => [s.id, s]),
  );
  // A row without an id whose code belongs to one of this product's SKUs (e.g. one archived
  // earlier) is that SKU again, not a new one.
  const byCode = new Map([...existing.values()].map((s) => [s.code, s.id]));
  const claimed = new Set(input.skus.map((s) => s.id).filter(Boolean));
  input = {
    ...input,
    skus: input.skus.map((s) => {
      const match = !s.id ? byCode.get(s.code) : undefined;
      if (match && !claimed.has(match)) {
        claimed.add(match);
        return { ...s, id: match };
      }
      return s;
    }),
  };
  const errors: Record<string, { key: string }> = {};
  input.skus.forEach((s, i) => {
    if (s.id && !existing.has(s.id)) errors[`skus.${i}.id`] = { key: 'validation.invalid' };
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
  checkSkuUniqueness(store, input.skus, input.id);

  const hlc = store.stamp();
  const { skus, id, expectedVersion: _v, ...fields } = input;
  let changed = patchProduct(store, by, id, fields, hlc);
  // Free codes first: archive removed SKUs before inserting new ones that may reuse a code.
  for (const s of existing.values()) {
    if (!skus.some((x) => x.id === s.id))
      changed = patchSku(store, by, s, { archived: true }, hlc) || changed;
  }
  // Codes and barcodes may move between this product's SKUs (two swapped, say): park the ones
  // that change on temporary values first, so the unique indexes never see a clash half-way.
  // Not logged: patchSku below logs each SKU's change from its original values.
  for (const s of skus) {
    const before = s.id ? existing.get(s.id) : undefined;
    if (before && (before.code !== s.code || before.barcode !== s.barcode)) {
      store.stmt(`UPDATE sku SET code = '~parked~' || id, barcode = '' WHERE id = ?`).run(before.id);
    }
  }
  for (const s of skus) {
    if (s.id) {
      const { id: skuId, ...data } = s;
      changed = patchSku(store, by, existing.get(skuId)!, { ...data, archived: false }, hlc) || changed;
    } else {
      insertSku(store, by, id, s, hlc);
      changed = true;
    }
  }
  if (changed) touchProduct(store, by, id, hlc);
  return getProduct(store, id);
}

/** Bump the product's version when only its SKUs changed, so concurrent editors see it. */
function touchProduct(store: Store, by: string, id: string, hlc: string): void {
  store.stmt(`UPDATE product SET updated_at = @hlc, updated_by = @by WHERE id = @id`).run({ hlc, by, id });
}

/** Archive or restore a product (its SKUs keep their own state); logs only a real change. */
export function setProductArchivedIfNeeded(
  store: Store,
  by: string,
  productId: string,
  archived: boolean,
  hlc?: string,
): void {
  const before = productRow(store, productId);
  if (!before) throw notFound('product');
  if ((before.archived_at !== null) === archived) return;
  const stamp = hlc ?? store.stamp();
  store
    .stmt(`UPDATE product SET archived_at = @a, updated_at = @hlc, updated_by = @by WHERE id = @id`)
    .run({ a: archived ? store.isoNow() : null, hlc: stamp, by, id: productId });
  store.log(
    {
      staffId: by,
      entity: 'product',
      rowId: productId,
      op: archived ? 'archive' : 'restore',
      label: before.title,
      fields: { archived: { from: !archived, to: archived } },
    },
    stamp,
  );
}

export function setArchived(store: Store, by: string, productId: string, archived: boolean): Product {
  setProductArchivedIfNeeded(store, by, productId, archived);
  return getProduct(store, productId);
}
