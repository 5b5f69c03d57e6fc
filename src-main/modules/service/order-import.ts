// Import of Taobao / Tmall order exports (docs TAOBAO_FORMATS.md): the legacy CSV pair 订单报表 +
// 宝贝报表 and the current xlsx (order and order-line sheets, in one workbook or two files).
// Columns are mapped by trimmed header name with aliases, never by position; ids stay text.
// Preview (new / changed / unchanged / rejected, with row numbers and reasons) → an all-or-nothing
// commit that plans again against the current data. Importing the same files again changes nothing.
import type {
  OrderFlag,
  OrderImportPreview,
  OrderImportResult,
  OrderImportRow,
  OrderStatus,
  Problem,
} from '../../api/contract';
import { ROWS_PER_STATEMENT, RowBuffer } from '../../db/bulk';
import type { ChangeEntry, Store } from '../../db/store';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import {
  buyerByMember,
  insertBuyer,
  patchBuyer,
  SEARCH_KEY_COLUMNS,
  searchKeyRows,
  type BuyerDb,
} from './buyers';
import { parseJsonArray } from './common';
import {
  cellText,
  headerIndex,
  idCell,
  isBlank,
  moneyCell,
  readSheets,
  timeCell,
  type Cell,
  type SheetTable,
} from './import-cells';
import { recordStatus, type OrderDb } from './orders';

/** Order-sheet columns → header names (first found wins, in this order). */
export const ORDER_COLUMNS = {
  orderNo: ['订单编号'],
  memberName: ['买家会员名', '买家会员名称', '买家昵称'],
  goods: ['买家应付货款'],
  postage: ['买家应付邮费'],
  total: ['总金额', '订单金额'],
  paid: ['买家实际支付金额', '买家实付金额'],
  refund: ['退款金额'],
  status: ['订单状态'],
  buyerMessage: ['买家留言'],
  receiverName: ['收货人姓名'],
  address: ['收货地址'],
  mobile: ['联系手机'],
  phone: ['联系电话'],
  orderedAt: ['订单创建时间'],
  paidAt: ['订单付款时间'],
  shippedAt: ['发货时间'],
  tracking: ['物流单号'],
  carrier: ['物流公司'],
  note: ['订单备注', '商家备注', '卖家备注'],
  flag: ['备注标签', '旗帜'],
  itemCount: ['宝贝总数量'],
  closeReason: ['订单关闭原因'],
} as const;
/** Order-line-sheet columns. 主订单编号 (Tmall / current) before 订单编号 (legacy 宝贝报表). */
export const LINE_COLUMNS = {
  orderNo: ['主订单编号', '订单编号'],
  subNo: ['子订单编号'],
  title: ['标题', '商品标题', '宝贝标题'],
  price: ['价格', '商品价格'],
  quantity: ['购买数量'],
  spec: ['商品属性', '商品属性SKU'],
  code: ['商家编码', '外部系统编号'],
  paid: ['买家实际支付金额', '买家实付金额'],
  refundStatus: ['退款状态'],
  shippedAt: ['发货时间'],
  tracking: ['物流单号'],
  carrier: ['物流公司'],
} as const;
type OrderCol = keyof typeof ORDER_COLUMNS;
type LineCol = keyof typeof LINE_COLUMNS;

const MAX_ROWS = 300_000;

/** 订单状态 text (full- or half-width comma) → our status. */
const STATUS_TEXT: Record<string, OrderStatus> = {
  等待买家付款: 'wait_pay',
  '买家已付款,等待卖家发货': 'paid',
  '卖家已发货,等待买家确认': 'shipped',
  '买家已付款,等待卖家发货(部分发货)': 'paid',
  卖家部分发货: 'paid',
  交易成功: 'success',
  交易关闭: 'closed',
  '付款以后用户退款成功,交易自动关闭': 'closed',
};
const FLAG_TEXT: Record<string, OrderFlag> = {
  红: 'red',
  黄: 'yellow',
  绿: 'green',
  蓝: 'blue',
  紫: 'purple',
};

type RowError = Problem & { field: string };

type Table = SheetTable<'orders' | 'lines'>;

interface ParsedOrder {
  rowNumber: number;
  orderNo: string;
  memberName: string;
  errors: RowError[];
  /** Columns present in the file, as database values. */
  fields: Partial<
    Pick<
      OrderDb,
      | 'member_name'
      | 'status'
      | 'goods_fen'
      | 'postage_fen'
      | 'total_fen'
      | 'paid_fen'
      | 'refund_fen'
      | 'receiver_name'
      | 'receiver_phone'
      | 'receiver_address'
      | 'buyer_message'
      | 'seller_note'
      | 'flag'
      | 'close_reason'
      | 'item_count'
      | 'ordered_at'
      | 'paid_at'
      | 'carrier'
      | 'tracking_no'
      | 'shipped_at'
    >
  >;
  lines: ParsedLine[] | null;
}

interface ParsedLine {
  rowNumber: number;
  orderNo: string;
  key: string;
  title: string;
  spec: string;
  code: string;
  quantity: number;
  priceFen: number;
  paidFen: number | null;
  refundStatus: string;
  tracking: string;
  carrier: string;
  shippedAt: string | null;
  errors: RowError[];
}

interface Pending {
  staffId: string;
  files: OrderImportPreview['files'];
  orders: ParsedOrder[];
  /** Line rows whose order is not in the order sheet (rejected). */
  orphanLines: ParsedLine[];
}

const pendingByStore = new WeakMap<Store, Map<string, Pending>>();
function pendingMap(store: Store): Map<string, Pending> {
  let m = pendingByStore.get(store);
  if (!m) pendingByStore.set(store, (m = new Map()));
  return m;
}

function kindOf(header: string[]): 'orders' | 'lines' | null {
  const names = new Set(
    header.map((h) =>
      cellText(h)
        .replace(/^\uFEFF/, '')
        .trim(),
    ),
  );
  if (names.has('子订单编号') && names.has('主订单编号')) return 'lines';
  if (names.has('订单编号') && names.has('买家应付邮费')) return 'orders';
  if (names.has('订单编号') && names.has('购买数量')) return 'lines'; // legacy 宝贝报表
  return null;
}

function phoneCell(c: Cell): string {
  const s = cellText(c).replace(/[\s-]/g, '');
  return s;
}

function readTables(fileName: string, bytes: Buffer): { tables: Table[]; encoding: string } {
  return readSheets(fileName, bytes, kindOf);
}

/** Money columns of the order sheet → database fields. */
const ORDER_MONEY = [
  ['goods', 'goods_fen'],
  ['postage', 'postage_fen'],
  ['total', 'total_fen'],
  ['paid', 'paid_fen'],
  ['refund', 'refund_fen'],
] as const;
/** Text columns of the order sheet → database fields, with their length caps. */
const ORDER_TEXTS: readonly (readonly [OrderCol, keyof ParsedOrder['fields'], number])[] = [
  ['receiverName', 'receiver_name', 40],
  ['address', 'receiver_address', 300],
  ['buyerMessage', 'buyer_message', 1000],
  ['note', 'seller_note', 1000],
  ['closeReason', 'close_reason', 200],
];
/** Time columns of the order sheet → database fields. */
const ORDER_TIMES = [
  ['orderedAt', 'ordered_at'],
  ['paidAt', 'paid_at'],
  ['shippedAt', 'shipped_at'],
] as const;

function parseOrders(t: Table, tz: string): ParsedOrder[] {
  const h = headerIndex(t.header, ORDER_COLUMNS);
  const out: ParsedOrder[] = [];
  // One set of helpers for all rows (100,000s), reading the current row.
  let cells: Cell[] = [];
  let errors: RowError[] = [];
  const get = (c: OrderCol): Cell => (h[c] === undefined ? undefined : cells[h[c]!]);
  const has = (c: OrderCol) => h[c] !== undefined;
  const err = (c: OrderCol, key: string, params?: Problem['params']) =>
    errors.push({ field: ORDER_COLUMNS[c][0], key, ...(params ? { params } : {}) });
  t.body.forEach((row, i) => {
    if (isBlank(row)) return;
    cells = row;
    errors = [];
    const rowNumber = i + 2;
    const fields: ParsedOrder['fields'] = {};

    const id = idCell(get('orderNo'));
    if (!id.ok) err('orderNo', id.key);
    const memberName = has('memberName') ? cellText(get('memberName')).slice(0, 64) : '';
    if (has('memberName')) fields.member_name = memberName;

    const statusText = cellText(get('status')).replace(/，/g, ',').replace(/（/g, '(').replace(/）/g, ')');
    const status = STATUS_TEXT[statusText] ?? (statusText.startsWith('交易关闭') ? 'closed' : undefined);
    if (!status)
      err('status', statusText ? 'orderImport.badStatus' : 'validation.required', { value: statusText });
    else fields.status = status;

    for (const [col, f] of ORDER_MONEY) {
      if (!has(col)) continue;
      const raw = get(col);
      // Refund cells sometimes hold text such as 无退款申请: no refund.
      const v =
        col === 'refund' && typeof raw === 'string' && /[\u4e00-\u9fff]/.test(raw) && !/元/.test(raw)
          ? 0
          : moneyCell(raw);
      if (v === null) err(col, 'validation.money');
      else fields[f] = v;
    }
    for (const [col, f, max] of ORDER_TEXTS)
      if (has(col)) (fields as Record<string, unknown>)[f] = cellText(get(col)).slice(0, max);
    if (fields.close_reason === '订单未关闭') fields.close_reason = '';
    if (has('mobile') || has('phone')) {
      fields.receiver_phone = phoneCell(get('mobile')) || phoneCell(get('phone'));
    }
    if (has('flag')) {
      const f = cellText(get('flag'));
      fields.flag = FLAG_TEXT[f.slice(0, 1)] ?? 'none';
    }
    if (has('itemCount')) {
      const n = cellText(get('itemCount'));
      if (/^\d{1,6}$/.test(n)) fields.item_count = Number(n);
      else if (n) err('itemCount', 'validation.wholeNumber');
    }
    if (has('tracking')) fields.tracking_no = cellText(get('tracking')) || null;
    if (has('carrier')) fields.carrier = cellText(get('carrier')) || null;
    for (const [col, f] of ORDER_TIMES) {
      if (!has(col)) continue;
      const v = timeCell(get(col), tz);
      if (v === undefined) err(col, 'orderImport.badTime');
      else if (v === null && col === 'orderedAt') err(col, 'validation.required');
      else (fields as Record<string, unknown>)[f] = v;
    }
    if (!has('orderedAt')) err('orderedAt', 'validation.required');
    out.push({
      rowNumber,
      // A row without an id is still excludable: it is keyed by its row number.
      orderNo: id.ok ? id.value : cellText(get('orderNo')) || `#${rowNumber}`,
      memberName,
      errors,
      fields,
      lines: null,
    });
  });
  return out;
}

function parseLines(t: Table, tz: string): ParsedLine[] {
  const h = headerIndex(t.header, LINE_COLUMNS);
  const out: ParsedLine[] = [];
  const perOrder = new Map<string, number>();
  let cells: Cell[] = [];
  let errors: RowError[] = [];
  const get = (c: LineCol): Cell => (h[c] === undefined ? undefined : cells[h[c]!]);
  const err = (c: LineCol, key: string) => errors.push({ field: LINE_COLUMNS[c][0], key });
  t.body.forEach((row, i) => {
    if (isBlank(row)) return;
    cells = row;
    errors = [];
    const rowNumber = i + 2;
    const id = idCell(get('orderNo'));
    if (!id.ok) err('orderNo', id.key);
    const orderNo = id.ok ? id.value : cellText(get('orderNo')) || `#L${rowNumber}`;
    const n = (perOrder.get(orderNo) ?? 0) + 1;
    perOrder.set(orderNo, n);
    let key = String(n);
    if (h.subNo !== undefined) {
      const sub = idCell(get('subNo'));
      if (sub.ok) key = sub.value;
      else err('subNo', sub.key);
    }
    const qtyText = cellText(get('quantity'));
    if (!/^\d{1,6}$/.test(qtyText))
      err('quantity', qtyText ? 'validation.wholeNumber' : 'validation.required');
    const price = h.price === undefined ? 0 : moneyCell(get('price'));
    if (price === null) err('price', 'validation.money');
    let paid: number | null = null;
    if (h.paid !== undefined && cellText(get('paid'))) {
      paid = moneyCell(get('paid'));
      if (paid === null) err('paid', 'validation.money');
    }
    const shippedAt = h.shippedAt === undefined ? null : timeCell(get('shippedAt'), tz);
    if (shippedAt === undefined) err('shippedAt', 'orderImport.badTime');
    out.push({
      rowNumber,
      orderNo,
      key,
      title: cellText(get('title')).slice(0, 200),
      spec: cellText(get('spec')).slice(0, 200),
      code: cellText(get('code')).slice(0, 64),
      quantity: Number(qtyText) || 0,
      priceFen: price ?? 0,
      paidFen: paid,
      refundStatus: cellText(get('refundStatus')).slice(0, 60),
      tracking: cellText(get('tracking')),
      carrier: cellText(get('carrier')),
      shippedAt: shippedAt ?? null,
      errors,
    });
  });
  return out;
}

// ---- planning --------------------------------------------------------------------------------
interface LineDb {
  id: string;
  line_key: string;
  line_no: number;
  title: string;
  spec: string;
  sku_code: string;
  sku_id: string | null;
  quantity: number;
  price_fen: number;
  paid_fen: number | null;
  refund_status: string;
}

interface Planned {
  order: ParsedOrder;
  status: OrderImportRow['status'];
  changes: string[];
  errors: RowError[];
  existing?: OrderDb;
  /** The order's fields after the import (new orders: complete). */
  next: ParsedOrder['fields'];
  newBuyer: boolean;
}

/** How many values go into one `IN (SELECT value FROM json_each(?))` lookup. */
const CHUNK = 10_000;

/** Run a set-based lookup over `values` in chunks (one statement, a JSON array per chunk). */
function inChunks<R>(store: Store, sql: string, values: readonly string[]): R[] {
  const out: R[] = [];
  const stmt = store.stmt<R>(sql);
  for (let i = 0; i < values.length; i += CHUNK) {
    out.push(...stmt.all(JSON.stringify(values.slice(i, i + CHUNK))));
  }
  return out;
}

/**
 * What planning needs from the database for one import, read set-based once (not per row): the
 * existing orders by 订单编号, their lines, the buyers by member name (following merges, as
 * `buyerByMember` does) and the SKU ids of the 商家编码 in the file.
 */
interface Snapshot {
  orders: Map<string, OrderDb>;
  lines: Map<string, LineDb[]>;
  buyers: Map<string, BuyerDb>;
  skus: Map<string, string>;
}

function snapshot(store: Store, orders: readonly ParsedOrder[]): Snapshot {
  const nos = [...new Set(orders.map((o) => o.orderNo))];
  const byNo = new Map<string, OrderDb>();
  for (const o of inChunks<OrderDb>(
    store,
    `SELECT * FROM sales_order WHERE order_no IN (SELECT value FROM json_each(?))`,
    nos,
  ))
    byNo.set(o.order_no, o);
  const lines = new Map<string, LineDb[]>();
  const withLines = orders.filter((o) => o.lines).map((o) => byNo.get(o.orderNo)?.id);
  const ids = [...new Set(withLines.filter((id): id is string => !!id))];
  for (const l of inChunks<LineDb & { order_id: string }>(
    store,
    `SELECT * FROM sales_order_line WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no`,
    ids,
  )) {
    let list = lines.get(l.order_id);
    if (!list) lines.set(l.order_id, (list = []));
    list.push(l);
  }
  const members = [...new Set(orders.map((o) => o.memberName).filter(Boolean))];
  const buyers = new Map<string, BuyerDb>();
  for (const b of inChunks<BuyerDb>(
    store,
    `SELECT * FROM buyer WHERE merged_into_id IS NULL AND member_name IN (SELECT value FROM json_each(?))`,
    members,
  ))
    buyers.set(b.member_name, b);
  // Names without a live buyer: merged-away buyers lead to the kept one (rare; one lookup each).
  const gone = inChunks<{ member_name: string }>(
    store,
    `SELECT DISTINCT member_name FROM buyer WHERE merged_into_id IS NOT NULL AND member_name IN (SELECT value FROM json_each(?))`,
    members.filter((m) => !buyers.has(m)),
  );
  for (const { member_name } of gone) {
    const b = buyerByMember(store, member_name);
    if (b) buyers.set(member_name, b);
  }
  const codes = new Set<string>();
  for (const o of orders) for (const l of o.lines ?? []) if (l.code) codes.add(l.code);
  const skus = new Map<string, string>();
  for (const r of inChunks<{ code: string; id: string }>(
    store,
    `SELECT code, id FROM sku WHERE deleted_at IS NULL AND code IN (SELECT value FROM json_each(?))`,
    [...codes],
  ))
    skus.set(r.code, r.id);
  return { orders: byNo, lines, buyers, skus };
}

const skuIdOf = (snap: Snapshot, code: string): string | null => (code && snap.skus.get(code)) || null;

function sameLines(snap: Snapshot, cur: LineDb[], next: ParsedLine[]): boolean {
  if (cur.length !== next.length) return false;
  return next.every((l, i) => {
    const c = cur[i]!;
    return (
      c.line_key === l.key &&
      c.title === l.title &&
      c.spec === l.spec &&
      c.sku_code === l.code &&
      c.sku_id === skuIdOf(snap, l.code) &&
      c.quantity === l.quantity &&
      c.price_fen === l.priceFen &&
      c.paid_fen === l.paidFen &&
      c.refund_status === l.refundStatus
    );
  });
}

/** Fill what the order sheet lacks from its lines: item count, shipping. */
function withLineFacts(o: ParsedOrder): ParsedOrder['fields'] {
  const f = { ...o.fields };
  if (o.lines?.length) {
    if (f.item_count === undefined) f.item_count = o.lines.reduce((s, l) => s + l.quantity, 0);
    const shipped = o.lines.find((l) => l.tracking || l.carrier);
    if (shipped) {
      if (!f.tracking_no) f.tracking_no = shipped.tracking || null;
      if (!f.carrier) f.carrier = shipped.carrier || null;
    }
    const at = o.lines.find((l) => l.shippedAt)?.shippedAt;
    if (at && !f.shipped_at) f.shipped_at = at;
  }
  return f;
}

function plan(snap: Snapshot, p: Pending, excluded: ReadonlySet<string> = new Set()): Planned[] {
  const newMembers = new Set<string>();
  const out: Planned[] = [];
  for (const o of p.orders) {
    if (excluded.has(o.orderNo)) continue;
    const errors = [...o.errors];
    for (const l of o.lines ?? []) {
      if (l.errors.length)
        errors.push({ field: '宝贝', key: 'orderImport.badLine', params: { row: l.rowNumber } });
    }
    const existing = errors.length ? undefined : snap.orders.get(o.orderNo);
    const next = withLineFacts(o);
    const changes: string[] = [];
    if (existing) {
      if (existing.source !== 'taobao')
        errors.push({ field: ORDER_COLUMNS.orderNo[0], key: 'orderImport.manualOrder' });
      for (const [k, v] of Object.entries(next) as [keyof OrderDb, unknown][]) {
        if (existing[k] !== v) changes.push(k);
      }
      if (o.lines && !sameLines(snap, snap.lines.get(existing.id) ?? [], o.lines)) changes.push('lines');
    }
    let newBuyer = false;
    if (!errors.length && o.memberName && !newMembers.has(o.memberName) && !snap.buyers.has(o.memberName)) {
      newMembers.add(o.memberName);
      newBuyer = true;
    }
    const status: Planned['status'] = errors.length
      ? 'rejected'
      : !existing
        ? 'new'
        : changes.length
          ? 'changed'
          : 'unchanged';
    out.push({ order: o, status, changes, errors, ...(existing ? { existing } : {}), next, newBuyer });
  }
  return out;
}

// ---- preview and commit ----------------------------------------------------------------------
export function importPreview(
  store: Store,
  staffId: string,
  input: { files: { fileName: string; contentBase64: string }[] },
): OrderImportPreview {
  const tz = shopTimeZone(store);
  const tables: Table[] = [];
  const files: OrderImportPreview['files'] = [];
  for (const f of input.files) {
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (!bytes.length) throw new AppError('VALIDATION', 'orderImport.empty', { file: f.fileName });
    const read = readTables(f.fileName, bytes);
    if (!read.tables.length)
      throw new AppError('VALIDATION', 'orderImport.unknownFile', { file: f.fileName });
    const kinds = new Set(read.tables.map((t) => t.kind));
    files.push({
      fileName: f.fileName,
      kind: kinds.size > 1 ? 'both' : read.tables[0]!.kind,
      encoding: read.encoding,
    });
    tables.push(...read.tables);
  }
  const orderTables = tables.filter((t) => t.kind === 'orders');
  const lineTables = tables.filter((t) => t.kind === 'lines');
  if (!orderTables.length) throw new AppError('VALIDATION', 'orderImport.noOrderSheet');
  if (orderTables.length > 1 || lineTables.length > 1)
    throw new AppError('VALIDATION', 'orderImport.twoOfAKind');
  const rowCount = tables.reduce((n, t) => n + t.body.length, 0);
  if (rowCount > MAX_ROWS) throw new AppError('VALIDATION', 'orderImport.tooManyRows', { max: MAX_ROWS });

  const orders = parseOrders(orderTables[0]!, tz);
  const byNo = new Map<string, ParsedOrder>();
  for (const o of orders) {
    const first = byNo.get(o.orderNo);
    if (first)
      o.errors.push({
        field: ORDER_COLUMNS.orderNo[0],
        key: 'orderImport.duplicateOrder',
        params: { row: first.rowNumber },
      });
    else if (o.orderNo) byNo.set(o.orderNo, o);
  }
  const orphanLines: ParsedLine[] = [];
  if (lineTables[0]) {
    for (const o of orders) o.lines = [];
    const keys = new Map<string, number>();
    for (const l of parseLines(lineTables[0], tz)) {
      const o = byNo.get(l.orderNo);
      if (!o) {
        l.errors.push({ field: LINE_COLUMNS.orderNo[1], key: 'orderImport.lineWithoutOrder' });
        orphanLines.push(l);
        continue;
      }
      const k = `${l.orderNo}|${l.key}`;
      const first = keys.get(k);
      if (first)
        l.errors.push({
          field: LINE_COLUMNS.subNo[0],
          key: 'orderImport.duplicateLine',
          params: { row: first },
        });
      else keys.set(k, l.rowNumber);
      o.lines!.push(l);
    }
  }
  const pending: Pending = { staffId, files, orders, orphanLines };
  const importId = newId();
  const map = pendingMap(store);
  for (const [id, p] of map) if (p.staffId === staffId) map.delete(id);
  map.set(importId, pending);

  const snap = snapshot(store, orders);
  const planned = plan(snap, pending);
  const counts = { new: 0, changed: 0, unchanged: 0, rejected: orphanLines.length };
  for (const p of planned) counts[p.status]++;
  const unknown = new Set<string>();
  let lineCount = 0;
  for (const p of planned) {
    if (p.status === 'rejected') continue;
    for (const l of p.order.lines ?? []) {
      lineCount++;
      if (l.code && !skuIdOf(snap, l.code)) unknown.add(l.code);
    }
  }
  const rows: OrderImportRow[] = [];
  for (const p of planned) {
    if (p.status === 'unchanged' || rows.length >= 2000) continue;
    rows.push({
      sheet: 'orders',
      rowNumber: p.order.rowNumber,
      orderNo: p.order.orderNo,
      memberName: p.order.memberName,
      status: p.status,
      changes: p.changes,
      errors: p.errors,
    });
  }
  for (const l of orphanLines.slice(0, Math.max(0, 2000 - rows.length))) {
    rows.push({
      sheet: 'lines',
      rowNumber: l.rowNumber,
      orderNo: l.orderNo,
      memberName: '',
      status: 'rejected',
      changes: [],
      errors: l.errors,
    });
  }
  return {
    importId,
    files,
    counts,
    newBuyers: planned.filter((p) => p.newBuyer).length,
    lineCount,
    unknownCodes: [...unknown].sort().slice(0, 500),
    rows,
  };
}

const ORDER_DEFAULTS = {
  member_name: '',
  goods_fen: 0,
  postage_fen: 0,
  total_fen: 0,
  paid_fen: 0,
  refund_fen: 0,
  receiver_name: '',
  receiver_phone: '',
  receiver_address: '',
  buyer_message: '',
  seller_note: '',
  flag: 'none',
  close_reason: '',
  item_count: 0,
  paid_at: null,
  carrier: null,
  tracking_no: null,
  shipped_at: null,
} as const;

function writeLines(
  store: Store,
  orderId: string,
  lines: ParsedLine[],
  snap: Snapshot,
  fresh: boolean,
): void {
  if (!fresh) store.stmt(`DELETE FROM sales_order_line WHERE order_id = ?`).run(orderId);
  const ins = store.stmt(
    `INSERT INTO sales_order_line (id, order_id, line_key, line_no, title, spec, sku_code, sku_id, quantity, price_fen, paid_fen, refund_status)
     VALUES (@id, @orderId, @key, @no, @title, @spec, @code, @skuId, @quantity, @price, @paid, @refund)`,
  );
  lines.forEach((l, i) =>
    ins.run({
      id: newId(),
      orderId,
      key: l.key,
      no: i + 1,
      title: l.title,
      spec: l.spec,
      code: l.code,
      skuId: skuIdOf(snap, l.code),
      quantity: l.quantity,
      price: l.priceFen,
      paid: l.paidFen,
      refund: l.refundStatus,
    }),
  );
}

const BUYER_COLUMNS = [
  'id',
  'member_name',
  'real_name',
  'phones',
  'addresses',
  'tags',
  'vip_level',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;

/** Write gathered change-log entries in order: full statements only, or all; returns the rest. */
function flushLogs(store: Store, logs: ChangeEntry[], hlc: string, all: boolean): ChangeEntry[] {
  const n = all ? logs.length : Math.floor(logs.length / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
  if (!n) return logs;
  store.logMany(logs.slice(0, n), hlc);
  return logs.slice(n);
}

/**
 * New buyers written in bulk exactly as `insertBuyer(store, by, data, hlc, 'import')` writes each:
 * the same row, the same search key rows (`searchKeyRows` of the row) and the same change_log entry.
 */
class BulkBuyers {
  private readonly rows: RowBuffer;
  private readonly keys: RowBuffer;
  private logs: ChangeEntry[] = [];
  private readonly at: string;

  constructor(
    private readonly store: Store,
    private readonly by: string,
    private readonly hlc: string,
  ) {
    this.at = store.isoNow();
    this.rows = new RowBuffer(store, 'buyer', BUYER_COLUMNS);
    this.keys = new RowBuffer(store, 'buyer_search', SEARCH_KEY_COLUMNS, 'INSERT OR IGNORE');
  }

  add(data: { memberName: string; realName: string; phones: string[]; addresses: string[] }): string {
    const id = newId();
    const row = {
      id,
      member_name: data.memberName,
      real_name: data.realName,
      phones: JSON.stringify(data.phones),
      addresses: JSON.stringify(data.addresses),
      tags: '[]',
      vip_level: 0,
    };
    this.rows.push([
      id,
      row.member_name,
      row.real_name,
      row.phones,
      row.addresses,
      row.tags,
      row.vip_level,
      this.at,
      this.by,
      this.hlc,
      this.by,
    ]);
    for (const k of searchKeyRows(row, [])) this.keys.push(k);
    this.logs.push({
      staffId: this.by,
      entity: 'buyer',
      rowId: id,
      op: 'import',
      label: data.memberName,
      fields: {
        member_name: { from: null, to: row.member_name },
        real_name: { from: null, to: row.real_name },
        phones: { from: null, to: row.phones },
        addresses: { from: null, to: row.addresses },
        tags: { from: null, to: row.tags },
        vip_level: { from: null, to: row.vip_level },
      },
    });
    if (this.rows.size >= ROWS_PER_STATEMENT) {
      // Buyers first: their keys reference them.
      this.rows.flushFull();
      this.keys.flushFull();
      this.logs = flushLogs(this.store, this.logs, this.hlc, false);
    }
    return id;
  }

  /** Write everything gathered (before a patched buyer, and at the end). */
  flush(): void {
    this.rows.flushAll();
    this.keys.flushAll();
    this.logs = flushLogs(this.store, this.logs, this.hlc, true);
  }
}

/**
 * The buyers of the orders to write, linked by member name as `linkBuyer` does order by order —
 * a new buyer from the first order of a name, later orders topping up real name, phones and
 * addresses — but folded in memory first, so each buyer is written (and logged, and its search
 * keys rebuilt) once per import instead of once per order. Returns member name → buyer id.
 */
function linkBuyers(
  store: Store,
  staffId: string,
  snap: Snapshot,
  orders: readonly OrderDb[],
  hlc: string,
  result: OrderImportResult,
  rowByRow: boolean,
): Map<string, string> {
  interface Acc {
    before: BuyerDb | null;
    memberName: string;
    realName: string;
    phones: string[];
    addresses: string[];
  }
  const byMember = new Map<string, Acc>();
  const byId = new Map<string, Acc>();
  const accs: Acc[] = [];
  for (const f of orders) {
    if (!f.member_name) continue;
    const phone = /^\+?\d{5,20}$/.test(f.receiver_phone) ? f.receiver_phone : '';
    const address = f.receiver_address;
    let acc = byMember.get(f.member_name);
    if (!acc) {
      const found = snap.buyers.get(f.member_name);
      acc = found ? byId.get(found.id) : undefined;
      if (!acc && !found) {
        acc = {
          before: null,
          memberName: f.member_name,
          realName: f.receiver_name,
          phones: phone ? [phone] : [],
          addresses: address ? [address] : [],
        };
        byMember.set(f.member_name, acc);
        accs.push(acc);
        continue;
      }
      if (!acc) {
        acc = {
          before: found!,
          memberName: found!.member_name,
          realName: found!.real_name,
          phones: parseJsonArray(found!.phones),
          addresses: parseJsonArray(found!.addresses),
        };
        byId.set(found!.id, acc);
        accs.push(acc);
      }
      byMember.set(f.member_name, acc);
    }
    if (!acc.realName) acc.realName = f.receiver_name;
    if (phone && !acc.phones.includes(phone)) acc.phones.push(phone);
    if (address && !acc.addresses.includes(address)) acc.addresses.push(address);
  }
  const ids = new Map<Acc, string>();
  // Bulk path: new buyers gather here and are written (rows, search keys, log entries) with
  // multi-row INSERTs before the next patched buyer, so every table gets the same rows in the
  // same order as `insertBuyer` one by one.
  const fresh = new BulkBuyers(store, staffId, hlc);
  for (const acc of accs) {
    if (!acc.before) {
      const data = {
        memberName: acc.memberName,
        realName: acc.realName,
        phones: acc.phones,
        addresses: acc.addresses,
      };
      ids.set(acc, rowByRow ? insertBuyer(store, staffId, data, hlc, 'import') : fresh.add(data));
      result.buyersCreated++;
      continue;
    }
    fresh.flush();
    const b = acc.before;
    const before = { phones: parseJsonArray(b.phones).length, addresses: parseJsonArray(b.addresses).length };
    patchBuyer(
      store,
      staffId,
      b,
      {
        real_name: acc.realName,
        // Unchanged lists keep their stored text, so an unchanged buyer is not written.
        phones: acc.phones.length === before.phones ? b.phones : JSON.stringify(acc.phones),
        addresses: acc.addresses.length === before.addresses ? b.addresses : JSON.stringify(acc.addresses),
      },
      hlc,
      'import',
    );
    ids.set(acc, b.id);
  }
  fresh.flush();
  const out = new Map<string, string>();
  for (const [member, acc] of byMember) out.set(member, ids.get(acc)!);
  return out;
}

const ORDER_INSERT_COLUMNS = [
  'id',
  'order_no',
  'source',
  'buyer_id',
  'member_name',
  'status',
  'goods_fen',
  'postage_fen',
  'total_fen',
  'paid_fen',
  'refund_fen',
  'receiver_name',
  'receiver_phone',
  'receiver_address',
  'buyer_message',
  'seller_note',
  'flag',
  'close_reason',
  'item_count',
  'ordered_at',
  'paid_at',
  'carrier',
  'tracking_no',
  'shipped_at',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;
const LINE_INSERT_COLUMNS = [
  'id',
  'order_id',
  'line_key',
  'line_no',
  'title',
  'spec',
  'sku_code',
  'sku_id',
  'quantity',
  'price_fen',
  'paid_fen',
  'refund_status',
] as const;
const STATUS_INSERT_COLUMNS = ['id', 'order_id', 'at', 'status', 'source', 'staff_id'] as const;

/**
 * Writes the planned orders. Bulk (the default): new orders, their lines and status facts are
 * gathered and written with multi-row INSERTs (`db/bulk.ts`), flushed before each updated order
 * (rare: those go row by row) so every table gets its rows in the same order; the change_log
 * entries (one per order, as before) go in one `logMany` at the end, in file order. `rowByRow`
 * is the previous writer, one statement per row, kept so a test proves both give the same rows.
 */
class OrderWriter {
  private readonly orders: RowBuffer;
  private readonly lines: RowBuffer;
  private readonly statuses: RowBuffer;
  private logs: ChangeEntry[] = [];

  constructor(
    private readonly store: Store,
    private readonly by: string,
    private readonly snap: Snapshot,
    private readonly hlc: string,
    private readonly now: string,
    private readonly rowByRow: boolean,
  ) {
    this.orders = new RowBuffer(store, 'sales_order', ORDER_INSERT_COLUMNS);
    this.lines = new RowBuffer(store, 'sales_order_line', LINE_INSERT_COLUMNS);
    this.statuses = new RowBuffer(store, 'sales_order_status', STATUS_INSERT_COLUMNS);
  }

  private log(e: ChangeEntry): void {
    if (this.rowByRow) this.store.log(e, this.hlc);
    else {
      this.logs.push(e);
      if (this.logs.length >= ROWS_PER_STATEMENT)
        this.logs = flushLogs(this.store, this.logs, this.hlc, false);
    }
  }

  private status(orderId: string, status: string, at: string): void {
    if (this.rowByRow) recordStatus(this.store, orderId, status, at, 'import', this.by);
    else this.statuses.push([newId(), orderId, at, status, 'import', this.by]);
  }

  create(p: Planned, f: OrderDb, buyerId: string | null): void {
    const { store, by, hlc, now } = this;
    const id = newId();
    if (this.rowByRow) {
      store
        .stmt(
          `INSERT INTO sales_order (id, order_no, source, buyer_id, member_name, status, goods_fen, postage_fen, total_fen,
             paid_fen, refund_fen, receiver_name, receiver_phone, receiver_address, buyer_message, seller_note, flag,
             close_reason, item_count, ordered_at, paid_at, carrier, tracking_no, shipped_at, created_at, created_by,
             updated_at, updated_by)
           VALUES (@id, @order_no, 'taobao', @buyer_id, @member_name, @status, @goods_fen, @postage_fen, @total_fen,
             @paid_fen, @refund_fen, @receiver_name, @receiver_phone, @receiver_address, @buyer_message, @seller_note, @flag,
             @close_reason, @item_count, @ordered_at, @paid_at, @carrier, @tracking_no, @shipped_at, @now, @by, @hlc, @by)`,
        )
        .run({ ...f, id, order_no: p.order.orderNo, buyer_id: buyerId, now, by, hlc });
      if (p.order.lines) writeLines(store, id, p.order.lines, this.snap, true);
    } else {
      this.orders.push([
        id,
        p.order.orderNo,
        'taobao',
        buyerId,
        f.member_name,
        f.status,
        f.goods_fen,
        f.postage_fen,
        f.total_fen,
        f.paid_fen,
        f.refund_fen,
        f.receiver_name,
        f.receiver_phone,
        f.receiver_address,
        f.buyer_message,
        f.seller_note,
        f.flag,
        f.close_reason,
        f.item_count,
        f.ordered_at,
        f.paid_at,
        f.carrier,
        f.tracking_no,
        f.shipped_at,
        now,
        by,
        hlc,
        by,
      ]);
      p.order.lines?.forEach((l, i) =>
        this.lines.push([
          newId(),
          id,
          l.key,
          i + 1,
          l.title,
          l.spec,
          l.code,
          skuIdOf(this.snap, l.code),
          l.quantity,
          l.priceFen,
          l.paidFen,
          l.refundStatus,
        ]),
      );
    }
    // Every Taobao order starts unpaid; then paid; then where it is now.
    this.status(id, 'wait_pay', f.ordered_at);
    if (f.paid_at) this.status(id, 'paid', f.paid_at);
    if (f.status !== 'wait_pay' && f.status !== 'paid') {
      this.status(id, f.status, f.status === 'shipped' && f.shipped_at ? f.shipped_at : now);
    }
    this.log({
      staffId: by,
      entity: 'sales_order',
      rowId: id,
      op: 'import',
      label: p.order.orderNo,
      fields: {
        member_name: { from: null, to: f.member_name },
        status: { from: null, to: f.status },
        total_fen: { from: null, to: f.total_fen },
      },
    });
    if (this.orders.size >= ROWS_PER_STATEMENT) {
      // Orders first: their lines and status facts reference them.
      this.orders.flushFull();
      this.lines.flushFull();
      this.statuses.flushFull();
    }
  }

  update(p: Planned, e: OrderDb, f: OrderDb, buyerId: string | null): void {
    const { store, by, hlc, now } = this;
    this.flushRows();
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of p.changes)
      if (k !== 'lines') changed[k] = { from: e[k as keyof OrderDb], to: f[k as keyof OrderDb] };
    store
      .stmt(
        `UPDATE sales_order SET buyer_id = @buyer_id, member_name = @member_name, status = @status, goods_fen = @goods_fen,
           postage_fen = @postage_fen, total_fen = @total_fen, paid_fen = @paid_fen, refund_fen = @refund_fen,
           receiver_name = @receiver_name, receiver_phone = @receiver_phone, receiver_address = @receiver_address,
           buyer_message = @buyer_message, seller_note = @seller_note, flag = @flag, close_reason = @close_reason,
           item_count = @item_count, ordered_at = @ordered_at, paid_at = @paid_at, carrier = @carrier,
           tracking_no = @tracking_no, shipped_at = @shipped_at, updated_at = @hlc, updated_by = @by WHERE id = @id`,
      )
      .run({ ...f, id: e.id, buyer_id: buyerId ?? e.buyer_id, hlc, by });
    if (p.changes.includes('lines') && p.order.lines) {
      writeLines(store, e.id, p.order.lines, this.snap, false);
      changed.lines = { from: null, to: p.order.lines.length };
    }
    if (e.status !== f.status) {
      const at =
        f.status === 'paid' && f.paid_at
          ? f.paid_at
          : f.status === 'shipped' && f.shipped_at
            ? f.shipped_at
            : now;
      recordStatus(store, e.id, f.status, at, 'import', by);
    }
    this.log({
      staffId: by,
      entity: 'sales_order',
      rowId: e.id,
      op: 'import',
      label: p.order.orderNo,
      fields: changed,
    });
  }

  private flushRows(): void {
    this.orders.flushAll();
    this.lines.flushAll();
    this.statuses.flushAll();
  }

  /** Write what is still gathered (bulk path). */
  finish(): void {
    this.flushRows();
    this.logs = flushLogs(this.store, this.logs, this.hlc, true);
  }
}

/** Apply a previewed import inside the caller's transaction: every order or none. */
export function importCommit(
  store: Store,
  staffId: string,
  input: { importId: string; excludeOrders: string[] },
  /** The row-by-row writer the bulk one replaced: kept only so tests prove both write the same rows. */
  { rowByRow = false }: { rowByRow?: boolean } = {},
): OrderImportResult {
  const pending = pendingMap(store).get(input.importId);
  if (!pending || pending.staffId !== staffId) throw notFound('import');
  const excluded = new Set(input.excludeOrders);
  const snap = snapshot(
    store,
    pending.orders.filter((o) => !excluded.has(o.orderNo)),
  );
  const planned = plan(snap, pending, excluded);
  const rejected = [
    ...planned.filter((p) => p.status === 'rejected').map((p) => p.order.rowNumber),
    ...pending.orphanLines.filter((l) => !excluded.has(l.orderNo)).map((l) => l.rowNumber),
  ];
  if (rejected.length) {
    throw new AppError('VALIDATION', 'orderImport.hasRejected', { rows: rejected.slice(0, 20).join(', ') });
  }
  const result: OrderImportResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    excluded: excluded.size,
    buyersCreated: 0,
  };
  if (!planned.some((p) => p.status !== 'unchanged')) {
    // Nothing to write: not even a log entry (re-import is a no-op).
    result.unchanged = planned.length;
    pendingMap(store).delete(input.importId);
    return result;
  }
  const hlc = store.stamp();
  const now = store.isoNow();
  const writes = planned.filter((p) => p.status !== 'unchanged');
  result.unchanged = planned.length - writes.length;
  const full = writes.map((p) => ({ ...ORDER_DEFAULTS, ...(p.existing ?? {}), ...p.next }) as OrderDb);
  const buyerIds = linkBuyers(store, staffId, snap, full, hlc, result, rowByRow);
  const w = new OrderWriter(store, staffId, snap, hlc, now, rowByRow);
  writes.forEach((p, i) => {
    const f = full[i]!;
    const buyerId = f.member_name ? buyerIds.get(f.member_name)! : (p.existing?.buyer_id ?? null);
    if (!p.existing) {
      w.create(p, f, buyerId);
      result.created++;
    } else {
      w.update(p, p.existing, f, buyerId);
      result.updated++;
    }
  });
  w.finish();
  store.log(
    {
      staffId,
      entity: 'order_import',
      rowId: input.importId,
      op: 'import',
      label: pending.files.map((f) => f.fileName).join(' + '),
      fields: {
        created: { from: null, to: result.created },
        updated: { from: null, to: result.updated },
        buyersCreated: { from: null, to: result.buyersCreated },
        excluded: { from: null, to: result.excluded },
      },
    },
    hlc,
  );
  pendingMap(store).delete(input.importId);
  return result;
}
