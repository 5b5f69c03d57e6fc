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
import { parseYuan } from '../../lib/money';
import {
  insertProduct,
  insertSku,
  patchProduct,
  patchSku,
  skuByBarcode,
  skuByCode,
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
const FALSE_WORDS = new Set(['否', '未上架', '下架', '0', 'n', 'no', 'false', '']);

interface ParsedRow {
  rowNumber: number;
  code: string;
  title: string;
  spec: string;
  errors: (Problem & { field: string })[];
  /** Product-level fields present in the file. */
  product: Partial<ProductFields>;
  /** SKU fields present in the file (price only when the column exists). */
  sku: Partial<SkuData>;
}

interface Pending {
  staffId: string;
  fileName: string;
  encoding: string;
  headers: Partial<Record<Column, number>>;
  rows: ParsedRow[];
}

// Previews live in memory per store, at most a few per PC; the newest replaces older ones.
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
    const name = h.replace(/^\uFEFF/, '').trim();
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (map[col] === undefined && names.some((n) => n.toLowerCase() === name.toLowerCase())) map[col] = i;
    }
  });
  return map;
}

function parseRow(cells: string[], rowNumber: number, h: Partial<Record<Column, number>>): ParsedRow {
  const get = (c: Column) => (h[c] === undefined ? undefined : cleanCell(cells[h[c]!]));
  const errors: ParsedRow['errors'] = [];
  const err = (col: Column, key: string, params?: Problem['params']) =>
    errors.push({ field: COLUMNS[col][0], key, ...(params ? { params } : {}) });

  const product: Partial<ProductFields> = {};
  const sku: Partial<SkuData> = {};
  const title = get('title') ?? '';
  if (!title) err('title', 'validation.required');
  else if (title.length > 120) err('title', 'validation.tooLong', { max: 120 });
  else product.title = title;
  for (const col of ['styleCode', 'category'] as const) {
    const v = get(col);
    if (v !== undefined) product[col] = v.slice(0, col === 'styleCode' ? 64 : 60);
  }
  const listed = get('listed');
  if (listed !== undefined) {
    const w = listed.toLowerCase();
    if (TRUE_WORDS.has(w)) product.listed = true;
    else if (FALSE_WORDS.has(w)) product.listed = false;
    else err('listed', 'import.yesNo');
  }

  const rawSku: Record<string, unknown> = {
    code: get('code') ?? '',
    barcode: get('barcode') ?? '',
    spec: get('spec') ?? '',
  };
  for (const [col, key] of [
    ['cost', 'costFen'],
    ['price', 'priceFen'],
  ] as const) {
    const v = get(col);
    if (v === undefined || v === '') continue;
    const fen = parseYuan(v);
    if (fen === null) err(col, 'validation.money');
    else rawSku[key] = fen;
  }
  const threshold = get('threshold');
  if (threshold !== undefined && threshold !== '') {
    if (/^\d{1,7}$/.test(threshold)) rawSku.lowStockThreshold = Number(threshold);
    else err('threshold', 'validation.wholeNumber');
  }
  // Validate SKU fields with the same schema as the form (price/cost checked above).
  const checked = skuInput.safeParse({ costFen: 0, priceFen: 0, ...rawSku });
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const f = issue.path[0];
      const col: Column =
        f === 'code' ? 'code' : f === 'barcode' ? 'barcode' : f === 'spec' ? 'spec' : 'threshold';
      const key = issue.message.startsWith('key:')
        ? `validation.${issue.message.slice(4)}`
        : issue.code === 'too_small'
          ? 'validation.required'
          : issue.code === 'too_big'
            ? 'validation.tooLong'
            : 'validation.invalid';
      if (!errors.some((e) => e.field === COLUMNS[col][0])) err(col, key);
    }
  } else {
    sku.code = checked.data.code;
    if (h.barcode !== undefined) sku.barcode = checked.data.barcode;
    if (h.spec !== undefined) sku.spec = checked.data.spec;
    if (rawSku.costFen !== undefined) sku.costFen = checked.data.costFen;
    if (rawSku.priceFen !== undefined) sku.priceFen = checked.data.priceFen;
    if (rawSku.lowStockThreshold !== undefined) sku.lowStockThreshold = checked.data.lowStockThreshold;
  }
  return { rowNumber, code: String(rawSku.code), title, spec: String(rawSku.spec), errors, product, sku };
}

interface PlannedRow {
  row: ParsedRow;
  status: ImportPreviewRow['status'];
  changes: string[];
  errors: ParsedRow['errors'];
  existing?: SkuDb;
  /** Key of the product the row belongs to: an existing product id, or `new:<key>`. */
  productKey: string;
}

/** Decide, against the current database, what each row would do. Pure read. */
function plan(store: Store, pending: Pending): PlannedRow[] {
  const seenCodes = new Map<string, number>();
  const seenBarcodes = new Map<string, { row: number; code: string }>();
  const productValues = new Map<string, { row: number; fields: Partial<ProductFields> }>();
  const newProductByStyle = new Map<string, string>();
  const newProductByTitle = new Map<string, string>();
  const out: PlannedRow[] = [];

  for (const row of pending.rows) {
    const errors = [...row.errors];
    const reject = (field: string, key: string, params?: Problem['params']) =>
      errors.push({ field, key, ...(params ? { params } : {}) });
    const existing = row.sku.code ? skuByCode(store, row.sku.code) : undefined;

    if (row.sku.code) {
      const first = seenCodes.get(row.sku.code);
      if (first !== undefined) reject(COLUMNS.code[0], 'import.duplicateCode', { row: first });
      else seenCodes.set(row.sku.code, row.rowNumber);
    }
    if (row.sku.barcode) {
      const first = seenBarcodes.get(row.sku.barcode);
      if (first && first.code !== row.sku.code)
        reject(COLUMNS.barcode[0], 'import.duplicateBarcode', { row: first.row });
      else seenBarcodes.set(row.sku.barcode, { row: row.rowNumber, code: row.sku.code ?? '' });
      const owner = skuByBarcode(store, row.sku.barcode);
      if (owner && owner.code !== row.sku.code)
        reject(COLUMNS.barcode[0], 'import.barcodeTaken', { code: owner.code });
    }
    if (!existing && row.sku.priceFen === undefined && !errors.some((e) => e.field === COLUMNS.price[0])) {
      reject(COLUMNS.price[0], 'import.priceRequired');
    }

    // Which product does the row belong to?
    let productKey: string;
    if (existing) productKey = existing.product_id;
    else {
      const style = row.product.styleCode ?? '';
      const title = row.product.title ?? '';
      const byStyle = style
        ? store
            .stmt<{ id: string }>(
              `SELECT id FROM product WHERE style_code = ? AND deleted_at IS NULL ORDER BY archived_at IS NOT NULL LIMIT 1`,
            )
            .get(style)
        : undefined;
      const byTitle = !style
        ? store
            .stmt<{ id: string }>(
              `SELECT id FROM product WHERE title = ? AND deleted_at IS NULL ORDER BY archived_at IS NOT NULL LIMIT 1`,
            )
            .get(title)
        : undefined;
      productKey =
        byStyle?.id ??
        byTitle?.id ??
        (style
          ? (newProductByStyle.get(style) ?? `new:style:${style}`)
          : (newProductByTitle.get(title) ?? `new:title:${title}`));
      if (style) newProductByStyle.set(style, productKey);
      else newProductByTitle.set(title, productKey);
    }

    // All rows of one product must agree on the product-level fields.
    const prev = productValues.get(productKey);
    if (prev) {
      for (const k of ['title', 'listed', 'category', 'styleCode'] as const) {
        if (
          row.product[k] !== undefined &&
          prev.fields[k] !== undefined &&
          row.product[k] !== prev.fields[k]
        ) {
          reject(COLUMNS[k === 'title' ? 'title' : k][0], 'import.productConflict', { row: prev.row });
          break;
        }
      }
    } else if (!errors.length) productValues.set(productKey, { row: row.rowNumber, fields: row.product });

    let status: PlannedRow['status'] = 'new';
    const changes: string[] = [];
    if (errors.length) status = 'rejected';
    else if (existing) {
      const product = store
        .stmt<{ title: string; style_code: string; category: string; listed: number }>(
          `SELECT * FROM product WHERE id = ?`,
        )
        .get(existing.product_id)!;
      const cur = {
        title: product.title,
        styleCode: product.style_code,
        category: product.category,
        listed: product.listed === 1,
        barcode: existing.barcode,
        spec: existing.spec,
        costFen: existing.cost_fen,
        priceFen: existing.price_fen,
        lowStockThreshold: existing.low_stock_threshold,
      };
      for (const k of ['title', 'styleCode', 'category', 'listed'] as const)
        if (row.product[k] !== undefined && row.product[k] !== cur[k]) changes.push(k);
      for (const k of ['barcode', 'spec', 'costFen', 'priceFen', 'lowStockThreshold'] as const)
        if (row.sku[k] !== undefined && row.sku[k] !== cur[k]) changes.push(k);
      if (existing.archived_at) changes.push('restore');
      status = changes.length ? 'changed' : 'unchanged';
    }
    out.push({ row, status, changes, errors, existing, productKey });
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
  const planned = plan(store, pending).filter((p) => !excluded.has(p.row.rowNumber));
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
    if (p.existing) {
      patchProduct(store, staffId, p.existing.product_id, p.row.product, hlc, 'import');
      patchSku(store, staffId, p.existing, { ...p.row.sku, archived: false }, hlc, 'import');
      result.updated++;
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
    }
    insertSku(
      store,
      staffId,
      productId,
      { code: '', barcode: '', spec: '', costFen: 0, priceFen: 0, lowStockThreshold: 10, ...p.row.sku },
      hlc,
      'import',
    );
    result.created++;
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
