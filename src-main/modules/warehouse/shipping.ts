// Shipping (发货): orders awaiting shipment, pick lists, pack check (验货打包) and shipping.
//
// Until the customer-service orders module lands, an order awaiting shipment is a DRAFT
// sales_out stock document with a non-empty order_ref. `createOrderOutbound` makes one, choosing
// bins itself; the pack check records every scan (refused ones too) in the append-only
// pack_check table; `ship` posts the outbound (the warehouse's posting rules: exactly once, no bin
// below zero) and records the shipment in the same transaction. Writes run inside the caller's
// transaction (router 'tx' mode).
import type { z } from 'zod';
import type {
  orderOutboundInput,
  PackLine,
  PackResult,
  PackScan,
  PackScanAnswer,
  PackState,
  PickList,
  PickListRow,
  ShipmentInfo,
  ShippingOrder,
  StockDocument,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { lookupSku } from '../catalog/service';
import { markShipped, orderStatusByNo } from '../service/warehouse-link';
import { post, reservedSql, saveDraft } from './service';

export type OrderOutboundData = z.output<typeof orderOutboundInput>;

interface SkuInfo {
  id: string;
  code: string;
  archived: number;
}

/** Active SKUs by id; unknown or archived ones are field errors at `lines.N.skuId`. */
export function checkOrderSkus(store: Store, lines: { skuId: string }[]): void {
  const errors: Record<string, { key: string; params?: Record<string, string> }> = {};
  lines.forEach((l, i) => {
    const s = store
      .stmt<SkuInfo>(
        `SELECT s.id, s.code, (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived
         FROM sku s JOIN product p ON p.id = s.product_id WHERE s.id = ? AND s.deleted_at IS NULL`,
      )
      .get(l.skuId);
    if (!s) errors[`lines.${i}.skuId`] = { key: 'validation.skuNotFound' };
    else if (s.archived)
      errors[`lines.${i}.skuId`] = { key: 'validation.skuArchived', params: { code: s.code } };
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
}

/**
 * The SKU's main bin: the active normal bin holding most of it; else the normal bin it last moved
 * in; else the first active normal bin in walk order. Throws CONFLICT noNormalBin when the shop
 * has no active normal bin at all.
 */
export function mainBinOf(store: Store, skuId: string): string {
  const held = store
    .stmt<{ bin_id: string }>(
      `SELECT sb.bin_id FROM stock_balance sb JOIN bin b ON b.id = sb.bin_id
       WHERE sb.sku_id = ? AND sb.on_hand > 0 AND b.kind = 'normal' AND b.retired_at IS NULL AND b.deleted_at IS NULL
       ORDER BY sb.on_hand DESC, b.walk_order, b.code LIMIT 1`,
    )
    .get(skuId);
  if (held) return held.bin_id;
  const last = store
    .stmt<{ bin_id: string }>(
      `SELECT m.bin_id FROM stock_movement m JOIN bin b ON b.id = m.bin_id
       WHERE m.sku_id = ? AND b.kind = 'normal' AND b.retired_at IS NULL AND b.deleted_at IS NULL
       ORDER BY m.seq DESC LIMIT 1`,
    )
    .get(skuId);
  if (last) return last.bin_id;
  const first = store
    .stmt<{ id: string }>(
      `SELECT id FROM bin WHERE kind = 'normal' AND retired_at IS NULL AND deleted_at IS NULL
       ORDER BY walk_order, code LIMIT 1`,
    )
    .get();
  if (!first) throw new AppError('CONFLICT', 'noNormalBin');
  return first.id;
}

/**
 * Where to pick `quantity` of a SKU from: active normal bins with available stock (on hand −
 * reserved − already taken in this allocation) in walk order, splitting across bins; what no bin
 * can give goes to the SKU's main bin (posting will then refuse, as it should).
 */
export function allocate(
  store: Store,
  skuId: string,
  quantity: number,
  taken: Map<string, number> = new Map(),
): { binId: string; quantity: number }[] {
  const bins = store
    .stmt<{ bin_id: string; on_hand: number; reserved: number }>(
      `SELECT sb.bin_id, sb.on_hand, ${reservedSql('sb.sku_id', 'sb.bin_id')} AS reserved
       FROM stock_balance sb JOIN bin b ON b.id = sb.bin_id
       WHERE sb.sku_id = ? AND sb.on_hand > 0 AND b.kind = 'normal' AND b.retired_at IS NULL AND b.deleted_at IS NULL
       ORDER BY b.walk_order, b.code`,
    )
    .all(skuId);
  const out: { binId: string; quantity: number }[] = [];
  let left = quantity;
  for (const b of bins) {
    if (left <= 0) break;
    const key = `${skuId}\n${b.bin_id}`;
    const free = b.on_hand - b.reserved - (taken.get(key) ?? 0);
    if (free <= 0) continue;
    const q = Math.min(free, left);
    out.push({ binId: b.bin_id, quantity: q });
    taken.set(key, (taken.get(key) ?? 0) + q);
    left -= q;
  }
  if (left > 0) {
    const main = mainBinOf(store, skuId);
    const same = out.find((o) => o.binId === main);
    if (same) same.quantity += left;
    else out.push({ binId: main, quantity: left });
  }
  return out;
}

/** Open (draft, not discarded) sales_out documents of an order. */
function openOrderDoc(store: Store, orderRef: string): { id: string; number: string } | undefined {
  return store
    .stmt<{ id: string; number: string }>(
      `SELECT id, number FROM stock_document WHERE order_ref = ? AND order_ref <> '' AND type = 'sales_out'
         AND status = 'draft' AND deleted_at IS NULL LIMIT 1`,
    )
    .get(orderRef);
}

/**
 * A draft sales_out for an order awaiting shipment, bins chosen automatically (see `allocate`).
 * An order that already has one waiting is a CONFLICT orderQueued. Used by the 发货 page, and by
 * the customer-service orders module and after-sales exchanges.
 */
export function createOrderOutbound(
  store: Store,
  by: string,
  input: {
    orderRef: string;
    counterpart?: string;
    lines: { skuId: string; quantity: number }[];
    notes?: string;
  },
): StockDocument {
  const orderRef = input.orderRef.trim();
  if (!orderRef) throw fieldErrors({ orderRef: { key: 'validation.required' } });
  if (!input.lines.length) throw fieldErrors({ lines: { key: 'validation.tooFew', params: { min: 1 } } });
  checkOrderSkus(store, input.lines);
  const queued = openOrderDoc(store, orderRef);
  if (queued) throw new AppError('CONFLICT', 'orderQueued', { orderRef, number: queued.number });
  const taken = new Map<string, number>();
  const lines: { skuId: string; binId: string; quantity: number; note: string }[] = [];
  for (const l of input.lines) {
    for (const a of allocate(store, l.skuId, l.quantity, taken)) {
      const same = lines.find((x) => x.skuId === l.skuId && x.binId === a.binId);
      if (same) same.quantity += a.quantity;
      else lines.push({ skuId: l.skuId, binId: a.binId, quantity: a.quantity, note: '' });
    }
  }
  return saveDraft(store, by, {
    type: 'sales_out',
    counterpart: (input.counterpart ?? '').trim(),
    reason: '',
    orderRef,
    notes: (input.notes ?? '').trim(),
    lines,
  });
}

// ---------------------------------------------------------------------------------------------
// The queue and pack state
// ---------------------------------------------------------------------------------------------
interface OrderDocDb {
  id: string;
  number: string;
  type: string;
  status: string;
  order_ref: string;
  counterpart: string;
  notes: string;
  created_at: string;
  updated_at: string;
}

function orderDoc(store: Store, documentId: string): OrderDocDb {
  const d = store
    .stmt<OrderDocDb>(
      `SELECT id, number, type, status, order_ref, counterpart, notes, created_at, updated_at
       FROM stock_document WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(documentId);
  if (!d) throw notFound('stockDocument');
  if (d.type !== 'sales_out' || !d.order_ref)
    throw new AppError('CONFLICT', 'notAnOrder', { number: d.number });
  return d;
}

function packLines(store: Store, documentId: string): PackLine[] {
  const rows = store
    .stmt<{
      sku_id: string;
      code: string;
      barcode: string;
      title: string;
      spec: string;
      bin_code: string;
      quantity: number;
    }>(
      `SELECT l.sku_id, s.code, s.barcode, p.title, s.spec, b.code AS bin_code, l.quantity
       FROM stock_document_line l JOIN sku s ON s.id = l.sku_id JOIN product p ON p.id = s.product_id
         JOIN bin b ON b.id = l.bin_id
       WHERE l.document_id = ? ORDER BY b.walk_order, b.code, l.line_no`,
    )
    .all(documentId);
  const checked = new Map(
    store
      .stmt<{ sku_id: string; n: number }>(
        `SELECT sku_id, COUNT(*) AS n FROM pack_check WHERE document_id = ? AND result = 'ok' GROUP BY sku_id`,
      )
      .all(documentId)
      .map((r) => [r.sku_id, r.n]),
  );
  const bySku = new Map<string, PackLine>();
  for (const r of rows) {
    const line = bySku.get(r.sku_id);
    if (line) {
      line.quantity += r.quantity;
      if (!line.binCodes.includes(r.bin_code)) line.binCodes.push(r.bin_code);
    } else {
      bySku.set(r.sku_id, {
        skuId: r.sku_id,
        code: r.code,
        barcode: r.barcode,
        title: r.title,
        spec: r.spec,
        binCodes: [r.bin_code],
        quantity: r.quantity,
        checked: 0,
      });
    }
  }
  for (const l of bySku.values()) l.checked = Math.min(l.quantity, checked.get(l.skuId) ?? 0);
  return [...bySku.values()];
}

function toOrder(store: Store, d: OrderDocDb): ShippingOrder {
  const lines = packLines(store, d.id);
  const totalQuantity = lines.reduce((n, l) => n + l.quantity, 0);
  const checkedQuantity = lines.reduce((n, l) => n + l.checked, 0);
  return {
    documentId: d.id,
    number: d.number,
    orderRef: d.order_ref,
    counterpart: d.counterpart,
    notes: d.notes,
    createdAt: d.created_at,
    version: d.updated_at,
    lines,
    totalQuantity,
    checkedQuantity,
    packed: totalQuantity > 0 && checkedQuantity === totalQuantity,
    orderStatus: orderStatusByNo(store, d.order_ref),
  };
}

/** Orders waiting to ship, oldest first; `q` matches order ref, buyer or number. */
export function shippingQueue(store: Store, input: { q: string }): ShippingOrder[] {
  const q = input.q.toLowerCase();
  return store
    .stmt<OrderDocDb>(
      `SELECT id, number, type, status, order_ref, counterpart, notes, created_at, updated_at
       FROM stock_document d WHERE type = 'sales_out' AND status = 'draft' AND deleted_at IS NULL
         AND order_ref <> ''
         AND (@q = '' OR instr(lower(order_ref || char(10) || counterpart || char(10) || number), @q) > 0)
       ORDER BY created_at, number LIMIT 500`,
    )
    .all({ q })
    .map((d) => toOrder(store, d));
}

export function packState(store: Store, documentId: string): PackState {
  const d = orderDoc(store, documentId);
  const scans = store
    .stmt<{
      at: string;
      code: string;
      sku_code: string | null;
      result: PackResult;
      staff_name: string | null;
    }>(
      `SELECT pc.at, pc.code, s.code AS sku_code, pc.result, st.name AS staff_name
       FROM pack_check pc LEFT JOIN sku s ON s.id = pc.sku_id LEFT JOIN staff st ON st.id = pc.staff_id
       WHERE pc.document_id = ? ORDER BY pc.seq DESC LIMIT 200`,
    )
    .all(documentId)
    .map((r): PackScan => ({
      at: r.at,
      code: r.code,
      skuCode: r.sku_code,
      result: r.result,
      staffName: r.staff_name,
    }));
  return { ...toOrder(store, d), scans };
}

/**
 * One scan at the packing bench. A unit of an order line not yet complete is ticked ('ok'); an
 * item not in the order ('wrong'), a unit more than ordered ('extra') or a code no active SKU has
 * ('unknown') is refused. Every scan is recorded — it is answered, not thrown, so the record
 * stays.
 */
export function packScan(
  store: Store,
  by: string,
  input: { documentId: string; code: string },
): PackScanAnswer {
  const d = orderDoc(store, input.documentId);
  if (d.status !== 'draft') throw new AppError('CONFLICT', 'alreadyShipped', { number: d.number });
  const code = input.code.trim();
  const sku = lookupSku(store, code);
  let result: PackResult;
  if (!sku) result = 'unknown';
  else {
    const line = packLines(store, d.id).find((l) => l.skuId === sku.skuId);
    result = !line ? 'wrong' : line.checked >= line.quantity ? 'extra' : 'ok';
  }
  const id = newId();
  const at = store.isoNow();
  store
    .stmt(
      `INSERT INTO pack_check (id, document_id, staff_id, at, code, sku_id, result)
       VALUES (@id, @documentId, @by, @at, @code, @skuId, @result)`,
    )
    .run({ id, documentId: d.id, by, at, code, skuId: sku?.skuId ?? null, result });
  store.log({
    staffId: by,
    entity: 'pack_check',
    rowId: id,
    op: 'create',
    label: d.number,
    fields: {
      code: { from: null, to: code },
      result: { from: null, to: result },
      ...(sku ? { sku: { from: null, to: sku.skuId } } : {}),
    },
  });
  return { result, skuCode: sku?.code ?? null, state: packState(store, d.id) };
}

// ---------------------------------------------------------------------------------------------
// Pick list
// ---------------------------------------------------------------------------------------------
/** The chosen orders' lines aggregated by bin and SKU, in bin walk order. */
export function pickList(store: Store, input: { documentIds: string[] }): PickList {
  const orders: PickList['orders'] = [];
  const rows = new Map<string, PickListRow & { walk: number }>();
  for (const id of [...new Set(input.documentIds)]) {
    const d = orderDoc(store, id);
    if (d.status !== 'draft') throw new AppError('CONFLICT', 'alreadyShipped', { number: d.number });
    orders.push({ documentId: d.id, number: d.number, orderRef: d.order_ref, counterpart: d.counterpart });
    const lines = store
      .stmt<{
        bin_id: string;
        bin_code: string;
        zone: string;
        walk_order: number;
        sku_id: string;
        code: string;
        barcode: string;
        title: string;
        spec: string;
        quantity: number;
      }>(
        `SELECT l.bin_id, b.code AS bin_code, b.zone, b.walk_order, l.sku_id, s.code, s.barcode, p.title, s.spec,
           l.quantity
         FROM stock_document_line l JOIN bin b ON b.id = l.bin_id JOIN sku s ON s.id = l.sku_id
           JOIN product p ON p.id = s.product_id
         WHERE l.document_id = ?`,
      )
      .all(d.id);
    for (const l of lines) {
      const key = `${l.bin_id}\n${l.sku_id}`;
      const row = rows.get(key);
      if (row) {
        row.quantity += l.quantity;
        if (!row.orderRefs.includes(d.order_ref)) row.orderRefs.push(d.order_ref);
      } else {
        rows.set(key, {
          binId: l.bin_id,
          binCode: l.bin_code,
          zone: l.zone,
          walk: l.walk_order,
          skuId: l.sku_id,
          code: l.code,
          barcode: l.barcode,
          title: l.title,
          spec: l.spec,
          quantity: l.quantity,
          orderRefs: [d.order_ref],
        });
      }
    }
  }
  const sorted = [...rows.values()]
    .sort((a, b) => a.walk - b.walk || cmp(a.binCode, b.binCode) || cmp(a.code, b.code))
    .map(({ walk: _w, ...r }) => r);
  return { orders, rows: sorted, totalQuantity: sorted.reduce((n, r) => n + r.quantity, 0) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Shipping
// ---------------------------------------------------------------------------------------------
const SHIPMENT_SELECT = `SELECT d.number AS document_number, sh.carrier, sh.tracking_no, sh.shipped_at, st.name AS staff_name
  FROM shipment sh JOIN stock_document d ON d.id = sh.document_id LEFT JOIN staff st ON st.id = sh.shipped_by`;
type ShipmentDb = {
  document_number: string;
  carrier: string;
  tracking_no: string;
  shipped_at: string;
  staff_name: string | null;
};
const toShipment = (r: ShipmentDb): ShipmentInfo => ({
  documentNumber: r.document_number,
  carrier: r.carrier,
  trackingNo: r.tracking_no,
  shippedAt: r.shipped_at,
  shippedByName: r.staff_name,
});

/**
 * Ship an order: refused (CONFLICT packIncomplete) until every unit is pack-checked; posts the
 * outbound (exactly once; a bin below zero is refused unless overridden, as for any posting) and
 * records carrier, tracking number, time and person in the same transaction; the customer-service
 * order with that 订单编号 is marked shipped in it too, and an order closed there is refused
 * (CONFLICT orderClosedInQueue). Shipping a shipped
 * order answers its shipment and writes nothing.
 */
export function ship(
  store: Store,
  by: string,
  input: {
    documentId: string;
    carrier: string;
    trackingNo: string;
    overrideReason?: string | undefined;
    mayOverride: boolean;
  },
): ShipmentInfo {
  const d = orderDoc(store, input.documentId);
  const existing = store.stmt<ShipmentDb>(`${SHIPMENT_SELECT} WHERE sh.document_id = ?`).get(d.id);
  if (existing) return toShipment(existing);
  if (d.status !== 'draft') throw new AppError('CONFLICT', 'documentPosted', { number: d.number });
  // an order closed (refunded) in customer service after it was queued is not shipped.
  if (orderStatusByNo(store, d.order_ref) === 'closed')
    throw new AppError('CONFLICT', 'orderClosedInQueue', { orderRef: d.order_ref, number: d.number });
  const state = toOrder(store, d);
  if (!state.packed)
    throw new AppError('CONFLICT', 'packIncomplete', {
      number: d.number,
      checked: state.checkedQuantity,
      total: state.totalQuantity,
    });
  post(store, by, {
    id: d.id,
    overrideReason: input.overrideReason,
    mayOverride: input.mayOverride,
  });
  const carrier = input.carrier.trim();
  const trackingNo = input.trackingNo.trim().toUpperCase();
  const shippedAt = store.isoNow();
  store
    .stmt(
      `INSERT INTO shipment (document_id, order_ref, carrier, tracking_no, shipped_at, shipped_by)
       VALUES (@id, @orderRef, @carrier, @trackingNo, @shippedAt, @by)`,
    )
    .run({ id: d.id, orderRef: d.order_ref, carrier, trackingNo, shippedAt, by });
  store.log({
    staffId: by,
    entity: 'shipment',
    rowId: d.id,
    op: 'ship',
    label: d.number,
    fields: {
      orderRef: { from: null, to: d.order_ref },
      carrier: { from: null, to: carrier },
      trackingNo: { from: null, to: trackingNo },
    },
  });
  // the customer-service order with this 订单编号 (if any) becomes 已发货 in this transaction.
  markShipped(store, by, d.order_ref, { carrier, trackingNo, shippedAt });
  return toShipment(store.stmt<ShipmentDb>(`${SHIPMENT_SELECT} WHERE sh.document_id = ?`).get(d.id)!);
}

/** The latest shipment of an order, for customer service; null when not shipped. */
export function shipmentForOrder(store: Store, orderRef: string): ShipmentInfo | null {
  const r = store
    .stmt<ShipmentDb>(`${SHIPMENT_SELECT} WHERE sh.order_ref = ? ORDER BY sh.shipped_at DESC LIMIT 1`)
    .get(orderRef.trim());
  return r ? toShipment(r) : null;
}

/**
 * Packing errors caught per person in [from, to] (UTC ISO-8601, inclusive): pack-check scans
 * refused as a wrong item or an extra unit. (Unknown codes are mis-scans, not packing errors.)
 * For the monthly assessment.
 */
export function packErrorsCaught(store: Store, range: { from: string; to: string }): Map<string, number> {
  return new Map(
    store
      .stmt<{ staff_id: string; n: number }>(
        `SELECT staff_id, COUNT(*) AS n FROM pack_check
         WHERE at >= @from AND at < @to AND result IN ('wrong', 'extra') GROUP BY staff_id`,
      )
      .all({ from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() })
      .map((r) => [r.staff_id, r.n]),
  );
}
