// CSV import of products: decode (BOM → strict UTF-8 → GB18030), map columns by header name,
// validate every row, preview new / changed / unchanged / rejected rows, then commit all or
// nothing. The preview is kept in memory; the commit plans again against the current data, so
// a change made between preview and commit is never overwritten blindly.
import type { ImportPreview, ImportPreviewRow, ImportResult, Problem } from '../../api/contract';
import { skuInput } from '../../api/contract';
import type { Store } from '../../db/store';
import { parseCsv } from '../../lib/csv';
import { decodeBytes, EncodingError } from '../../lib/encoding';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { formatYuan, parseYuan } from '../../lib/money';
import {
  insertProduct,
  insertSku,
  patchProduct,
  patchSku,
  setProductArchivedIfNeeded,
  skuByBarcode,
  skuByCode,
  skuById,
  type ProductFields,
  type SkuData,
  type SkuDb,
} from './service';

/** Our columns and the header names (trimmed) that map to them. Exports use the first name. */
export const COLUMNS = {
  code: ['商家编码', 'SKU商家编码', 'sku商家编码', '编码', 'code'],
  barcode: ['条形码', '条码', 'barcode'],
  title: ['商品标题', '标题', '宝贝标题', '商品名称', 'title'],
  spec: ['规格', '商品属性', '销售属性', 'spec'],
  styleCode: ['款号', '货号', 'styleCode'],
  category: ['类目', '分类', 'category'],
  cost: ['成本价', '成本', 'cost'],
  price: ['售价', '销售价', '价格', '一口价', 'price'],
  listed: ['是否上架', '上架', 'listed'],
  threshold: ['库存预警值', '预警值', '低库存预警', 'lowStockThreshold'],
  status: ['状态', 'status'],
} as const;
type Column = keyof typeof COLUMNS;

const MAX_ROWS = 200_000;
const TRUE_WORDS = new Set(['是', '已上架', '上架', '1', 'y', 'yes', 'true']);
const FALSE_WORDS = new Set(['否', '未上架', '下架', '0', 'n', 'no', 'false']);
const ARCHIVED_WORDS = new Set(['已归档', '归档', 'archived']);
const ACTIVE_WORDS = new Set(['在用', '正常', 'active']);

type RowError = Problem & { field: string };

interface ParsedRow {
  rowNumber: number;
  code: string;
  title: string;
  spec: string;
  errors: RowError[];
  /** Product-level fields given in the file (an absent column or, for 是否上架, an empty cell: not given). */
  product: Partial<ProductFields>;
  /** SKU fields given in the file. */
  sku: Partial<SkuData>;
  /** From the 状态 column when present: the row's SKU should (not) be archived. */
  archived?: boolean;
}

interface Pending {
  staffId: string;
  fileName: string;
  encoding: string;
  headers: Partial<Record<Column, number>>;
  rows: ParsedRow[];
}

// Previews live in memory per store, at most one per person; a new preview replaces the old.
const pendingByStore = new WeakMap<Store, Map<string, Pending>>();
function pendingMap(store: Store): Map<string, Pending> {
  let m = pendingByStore.get(store);
  if (!m) pendingByStore.set(store, (m = new Map()));
  return m;
}

/** Undo spreadsheet quirks: ="123" text formulas, our own export's leading apostrophe. */
export function cleanCell(raw: string | undefined): string {
  let s = (raw ?? '').trim();
  const formula = /^="(.*)"$/s.exec(s);
  if (formula) s = formula[1]!.replace(/""/g, '"');
  if (/^'[=+\-@\t\r]/.test(s)) s = s.slice(1);
  return s.trim();
}

function headerMap(header: string[]): Partial<Record<Column, number>> {
  const map: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const name = h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase();
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (map[col] === undefined && names.some((n) => n.toLowerCase() === name)) map[col] = i;
    }
  });
  return map;
}

/** The SKU fields, each validated on its own with the form's schema, and the CSV column it comes from. */
const SKU_FIELD_COLUMN = {
  code: 'code',
  barcode: 'barcode',
  spec: 'spec',
  costFen: 'cost',
  priceFen: 'price',
  lowStockThreshold: 'threshold',
} as const satisfies Record<Exclude<keyof SkuData, 'id'>, Column>;

/** Turn one zod issue on a single field into a problem (same keys as the router uses). */
function issueProblem(issue: { code: string; message: string; maximum?: unknown }): Problem {
  if (issue.message.startsWith('key:')) return { key: `validation.${issue.message.slice(4)}` };
  if (issue.code === 'too_small') return { key: 'validation.required' };
  if (issue.code === 'too_big') return { key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
  return { key: 'validation.invalid' };
}

function parseRow(cells: string[], rowNumber: number, h: Partial<Record<Column, number>>): ParsedRow {
  const get = (c: Column) => (h[c] === undefined ? undefined : cleanCell(cells[h[c]!]));
  const errors: RowError[] = [];
  const err = (col: Column, key: string, params?: Problem['params']) => {
    if (!errors.some((e) => e.field === COLUMNS[col][0]))
      errors.push({ field: COLUMNS[col][0], key, ...(params ? { params } : {}) });
  };

  const product: Partial<ProductFields> = {};
  const title = get('title') ?? '';
  if (!title) err('title', 'validation.required');
  else if (title.length > 120) err('title', 'validation.tooLong', { max: 120 });
  else product.title = title;
  const styleCode = get('styleCode');
  if (styleCode !== undefined) {
    if (styleCode.length > 64) err('styleCode', 'validation.tooLong', { max: 64 });
    else product.styleCode = styleCode;
  }
  const category = get('category');
  if (category !== undefined) {
    if (category.length > 60) err('category', 'validation.tooLong', { max: 60 });
    else product.category = category;
  }
  const listed = get('listed')?.toLowerCase();
  if (listed) {
    if (TRUE_WORDS.has(listed)) product.listed = true;
    else if (FALSE_WORDS.has(listed)) product.listed = false;
    else err('listed', 'import.yesNo');
  }
  let archived: boolean | undefined;
  const status = get('status')?.toLowerCase();
  if (status) {
    if (ARCHIVED_WORDS.has(status)) archived = true;
    else if (ACTIVE_WORDS.has(status)) archived = false;
    else err('status', 'import.status');
  }

  // SKU fields: money in yuan, the threshold a whole number, then each field through the form's schema.
  const raw: Partial<Record<Exclude<keyof SkuData, 'id'>, unknown>> = { code: get('code') ?? '' };
  if (h.barcode !== undefined) raw.barcode = get('barcode');
  if (h.spec !== undefined) raw.spec = get('spec');
  for (const [col, key] of [
    ['cost', 'costFen'],
    ['price', 'priceFen'],
  ] as const) {
    const v = get(col);
    if (!v) continue;
    const fen = parseYuan(v);
    if (fen === null) err(col, 'validation.money');
    else raw[key] = fen;
  }
  const threshold = get('threshold');
  if (threshold) {
    if (/^\d{1,7}$/.test(threshold)) raw.lowStockThreshold = Number(threshold);
    else err('threshold', 'validation.wholeNumber');
  }
  const sku: Partial<SkuData> = {};
  for (const [field, col] of Object.entries(SKU_FIELD_COLUMN) as [Exclude<keyof SkuData, 'id'>, Column][]) {
    if (raw[field] === undefined) continue;
    const checked = skuInput.shape[field].safeParse(raw[field]);
    if (checked.success) (sku as Record<string, unknown>)[field] = checked.data;
    else {
      const issue = checked.error.issues[0]! as { code: string; message: string; maximum?: unknown };
      const money = col === 'price' || col === 'cost';
      if (money && issue.code === 'too_big')
        err(col, 'validation.max', { max: formatYuan(Number(issue.maximum)) });
      else {
        const p = issueProblem(issue);
        err(col, p.key, p.params);
      }
    }
  }
  return {
    rowNumber,
    code: String(raw.code),
    title,
    spec: String(raw.spec ?? ''),
    errors,
    product,
    sku,
    ...(archived !== undefined ? { archived } : {}),
  };
}

const PRODUCT_KEYS = ['title', 'styleCode', 'category', 'listed'] as const;
const SKU_KEYS = ['barcode', 'spec', 'costFen', 'priceFen', 'lowStockThreshold'] as const;

interface ProductDbRow {
  id: string;
  title: string;
  style_code: string;
  category: string;
  listed: number;
  archived_at: string | null;
}

interface PlannedRow {
  row: ParsedRow;
  status: ImportPreviewRow['status'];
  /** What the row changes: SKU and product field names, 'archive' or 'restore'. */
  changes: string[];
  errors: RowError[];
  existing?: SkuDb;
  /** The product the row belongs to: an existing product id, or `new:<key>`. */
  productKey: string;
}

/**
 * Decide, against the current database, what each row would do. Pure read. Excluded rows take
 * no part: they claim no code, barcode or product.
 */
function plan(store: Store, pending: Pending, excluded: ReadonlySet<number> = new Set()): PlannedRow[] {
  const seenCodes = new Map<string, number>();
  const seenBarcodes = new Map<string, { row: number; code: string }>();
  const productValues = new Map<string, { row: number; fields: Partial<ProductFields> }>();
  const newProductKeys = new Map<string, string>();
  const productById = (id: string) => store.stmt<ProductDbRow>(`SELECT * FROM product WHERE id = ?`).get(id);
  const out: PlannedRow[] = [];

  for (const row of pending.rows) {
    if (excluded.has(row.rowNumber)) continue;
    const errors = [...row.errors];
    const reject = (field: string, key: string, params?: Problem['params']) =>
      errors.push({ field, key, ...(params ? { params } : {}) });
    const code = row.sku.code;
    const existing = code ? skuByCode(store, code) : undefined;

    if (code) {
      const first = seenCodes.get(code);
      if (first !== undefined) reject(COLUMNS.code[0], 'import.duplicateCode', { row: first });
      else seenCodes.set(code, row.rowNumber);
    }
    const barcode = row.sku.barcode;
    if (barcode) {
      const first = seenBarcodes.get(barcode);
      if (first && first.code !== code)
        reject(COLUMNS.barcode[0], 'import.duplicateBarcode', { row: first.row });
      else seenBarcodes.set(barcode, { row: row.rowNumber, code: code ?? '' });
      const owner = skuByBarcode(store, barcode);
      if (owner && owner.code !== code)
        reject(COLUMNS.barcode[0], 'import.barcodeTaken', { code: owner.code });
    }
    const priceGiven = row.sku.priceFen !== undefined || row.errors.some((e) => e.field === COLUMNS.price[0]);
    if (!existing && !priceGiven) reject(COLUMNS.price[0], 'import.priceRequired');

    // Which product does the row belong to? An existing SKU's own; else by 款号, else by title.
    let productKey: string;
    if (existing) productKey = existing.product_id;
    else {
      const style = row.product.styleCode ?? '';
      const groupKey = style ? `style:${style}` : `title:${row.product.title ?? ''}`;
      const found = newProductKeys.get(groupKey);
      if (found) productKey = found;
      else {
        const match = store
          .stmt<{ id: string }>(
            style
              ? `SELECT id FROM product WHERE style_code = ? AND style_code <> '' AND deleted_at IS NULL ORDER BY archived_at IS NOT NULL, rowid LIMIT 1`
              : `SELECT id FROM product WHERE title = ? AND deleted_at IS NULL ORDER BY archived_at IS NOT NULL, rowid LIMIT 1`,
          )
          .get(style || (row.product.title ?? ''));
        productKey = match?.id ?? `new:${groupKey}`;
        newProductKeys.set(groupKey, productKey);
      }
    }

    // All rows of one product must agree on the product-level fields.
    const prev = productValues.get(productKey);
    if (prev) {
      const clash = PRODUCT_KEYS.find(
        (k) =>
          row.product[k] !== undefined && prev.fields[k] !== undefined && row.product[k] !== prev.fields[k],
      );
      if (clash) reject(COLUMNS[clash][0], 'import.productConflict', { row: prev.row });
    } else if (!errors.length) productValues.set(productKey, { row: row.rowNumber, fields: row.product });

    // What would change? Product fields (also for a new SKU joining an existing product), SKU
    // fields, and the archived state when the file has a 状态 column.
    const changes: string[] = [];
    const product = productKey.startsWith('new:') ? undefined : productById(productKey);
    if (product) {
      const cur = {
        title: product.title,
        styleCode: product.style_code,
        category: product.category,
        listed: product.listed === 1,
      };
      for (const k of PRODUCT_KEYS)
        if (row.product[k] !== undefined && row.product[k] !== cur[k]) changes.push(k);
      // Listing an existing product goes through its readiness checklist (上架准备), never a file.
      if (changes.includes('listed')) reject(COLUMNS.listed[0], 'import.listedViaReadiness');
    }
    if (existing) {
      const cur = {
        barcode: existing.barcode,
        spec: existing.spec,
        costFen: existing.cost_fen,
        priceFen: existing.price_fen,
        lowStockThreshold: existing.low_stock_threshold,
      };
      for (const k of SKU_KEYS) if (row.sku[k] !== undefined && row.sku[k] !== cur[k]) changes.push(k);
      const effectivelyArchived = existing.archived_at !== null || (product?.archived_at ?? null) !== null;
      if (row.archived === true && !effectivelyArchived) changes.push('archive');
      if (row.archived === false && effectivelyArchived) changes.push('restore');
    }
    const status: PlannedRow['status'] = errors.length
      ? 'rejected'
      : !existing
        ? 'new'
        : changes.length
          ? 'changed'
          : 'unchanged';
    out.push({ row, status, changes, errors, ...(existing ? { existing } : {}), productKey });
  }
  return out;
}

export function importPreview(
  store: Store,
  staffId: string,
  input: { fileName: string; contentBase64: string },
): ImportPreview {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  let decoded: { text: string; encoding: string };
  try {
    decoded = decodeBytes(bytes);
  } catch (e) {
    if (e instanceof EncodingError) throw new AppError('VALIDATION', 'import.encoding');
    throw e;
  }
  let table: string[][];
  try {
    table = parseCsv(decoded.text);
  } catch {
    throw new AppError('VALIDATION', 'import.badCsv');
  }
  const [header, ...body] = table;
  if (!header || !body.length) throw new AppError('VALIDATION', 'import.empty');
  if (body.length > MAX_ROWS) throw new AppError('VALIDATION', 'import.tooManyRows', { max: MAX_ROWS });
  const headers = headerMap(header);
  const missing = (['code', 'title'] as const)
    .filter((c) => headers[c] === undefined)
    .map((c) => COLUMNS[c][0]);
  if (missing.length)
    throw new AppError('VALIDATION', 'import.missingColumns', { columns: missing.join('、') });

  // Row numbers are the spreadsheet's: the header is row 1.
  const rows = body.map((cells, i) => parseRow(cells, i + 2, headers));
  const pending: Pending = { staffId, fileName: input.fileName, encoding: decoded.encoding, headers, rows };
  const importId = newId();
  const map = pendingMap(store);
  for (const [id, p] of map) if (p.staffId === staffId) map.delete(id);
  map.set(importId, pending);

  const planned = plan(store, pending);
  const counts = { new: 0, changed: 0, unchanged: 0, rejected: 0 };
  for (const p of planned) counts[p.status]++;
  return {
    importId,
    fileName: input.fileName,
    encoding: decoded.encoding,
    counts,
    rows: planned.map((p) => ({
      rowNumber: p.row.rowNumber,
      status: p.status,
      code: p.row.code,
      title: p.row.title,
      spec: p.row.spec,
      changes: p.changes,
      errors: p.errors,
    })),
  };
}

/** Apply a previewed import in the caller's transaction: every row or none. */
export function importCommit(
  store: Store,
  staffId: string,
  input: { importId: string; excludeRows: number[] },
): ImportResult {
  const pending = pendingMap(store).get(input.importId);
  if (!pending || pending.staffId !== staffId) throw notFound('import');
  const excluded = new Set(input.excludeRows);
  const planned = plan(store, pending, excluded);
  const rejected = planned.filter((p) => p.status === 'rejected').map((p) => p.row.rowNumber);
  if (rejected.length) {
    throw new AppError('VALIDATION', 'import.hasRejected', { rows: rejected.slice(0, 20).join(', ') });
  }
  const hlc = store.stamp();
  const createdProducts = new Map<string, string>();
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, excluded: excluded.size };
  for (const p of planned) {
    if (p.status === 'unchanged') {
      result.unchanged++;
      continue;
    }
    let productId = p.productKey.startsWith('new:') ? createdProducts.get(p.productKey) : p.productKey;
    if (!productId) {
      productId = insertProduct(
        store,
        staffId,
        { title: '', styleCode: '', category: '', listed: false, notes: '', ...p.row.product },
        hlc,
        'import',
      );
      createdProducts.set(p.productKey, productId);
    } else {
      patchProduct(store, staffId, productId, p.row.product, hlc, 'import');
      if (p.changes.includes('restore')) setProductArchivedIfNeeded(store, staffId, productId, false, hlc);
    }
    if (p.existing) {
      const archived = p.changes.includes('archive')
        ? true
        : p.changes.includes('restore')
          ? false
          : undefined;
      patchSku(
        store,
        staffId,
        p.existing,
        { ...p.row.sku, ...(archived !== undefined ? { archived } : {}) },
        hlc,
        'import',
      );
      result.updated++;
    } else {
      const skuId = insertSku(
        store,
        staffId,
        productId,
        { code: '', barcode: '', spec: '', costFen: 0, priceFen: 0, lowStockThreshold: 10, ...p.row.sku },
        hlc,
        'import',
      );
      if (p.row.archived) patchSku(store, staffId, skuById(store, skuId), { archived: true }, hlc, 'import');
      result.created++;
    }
  }
  store.log(
    {
      staffId,
      entity: 'import',
      rowId: input.importId,
      op: 'import',
      label: pending.fileName,
      fields: {
        created: { from: null, to: result.created },
        updated: { from: null, to: result.updated },
        excluded: { from: null, to: result.excluded },
      },
    },
    hlc,
  );
  pendingMap(store).delete(input.importId);
  return result;
}
