// Orders (订单): imported from Taobao exports or entered by hand; the list, the order page with
// lines, status history, the seller note with its 千牛 flag, shipping and follow-ups.
import type {
  ManualOrderInput,
  Order,
  OrderFilter,
  OrderFlag,
  OrderRow,
  OrderShipping,
  OrderStatus,
  Paged,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { outboundForOrder } from '../warehouse/order-link';
import { shipmentForOrder } from '../warehouse/shipping';
import { buyerByMember, insertBuyer, patchBuyer, unionJson } from './buyers';
import { dayRangeUtc, maskPhone } from './common';

export interface OrderDb {
  id: string;
  order_no: string;
  source: 'taobao' | 'manual';
  buyer_id: string | null;
  member_name: string;
  status: OrderStatus;
  goods_fen: number;
  postage_fen: number;
  total_fen: number;
  paid_fen: number;
  refund_fen: number;
  receiver_name: string;
  receiver_phone: string;
  receiver_address: string;
  buyer_message: string;
  seller_note: string;
  flag: OrderFlag;
  close_reason: string;
  item_count: number;
  ordered_at: string;
  paid_at: string | null;
  carrier: string | null;
  tracking_no: string | null;
  shipped_at: string | null;
  created_at: string;
  updated_at: string;
}

export function orderById(store: Store, id: string): OrderDb | undefined {
  return store.stmt<OrderDb>(`SELECT * FROM sales_order WHERE id = ?`).get(id);
}
export function orderByNo(store: Store, orderNo: string): OrderDb | undefined {
  return store.stmt<OrderDb>(`SELECT * FROM sales_order WHERE order_no = ?`).get(orderNo);
}

/**
 * THE SEAM for shipping: the warehouse's shipment for this 订单编号 when it shipped it
 * (`shipmentForOrder`), else the carrier / tracking / shipped-at columns filled by the import;
 * plus the warehouse's outbound document (waiting or shipped), if any.
 */
export function shipping(store: Store, o: OrderDb): OrderShipping {
  const doc = outboundForOrder(store, o.order_no);
  const outbound = doc ? { number: doc.number, status: doc.status } : null;
  const sh = shipmentForOrder(store, o.order_no);
  if (sh) {
    return {
      carrier: sh.carrier,
      trackingNo: sh.trackingNo,
      shippedAt: sh.shippedAt,
      source: 'warehouse',
      outbound,
    };
  }
  if (o.carrier || o.tracking_no || o.shipped_at) {
    return {
      carrier: o.carrier,
      trackingNo: o.tracking_no,
      shippedAt: o.shipped_at,
      source: 'import',
      outbound,
    };
  }
  return { carrier: null, trackingNo: null, shippedAt: null, source: 'none', outbound };
}

export function toOrderRow(o: OrderDb): OrderRow {
  return {
    id: o.id,
    orderNo: o.order_no,
    source: o.source,
    buyerId: o.buyer_id,
    memberName: o.member_name,
    status: o.status,
    totalFen: o.total_fen,
    paidFen: o.paid_fen,
    itemCount: o.item_count,
    flag: o.flag,
    sellerNote: o.seller_note,
    orderedAt: o.ordered_at,
    paidAt: o.paid_at,
  };
}

const LIST_COLS = `o.id, o.order_no, o.source, o.buyer_id, o.member_name, o.status, o.total_fen, o.paid_fen,
  o.item_count, o.flag, o.seller_note, o.ordered_at, o.paid_at`;

/**
 * The WHERE clause for a filter, from fixed fragments. `q` is an order id prefix when it is all
 * digits (or an SD- number), else a member-name prefix.
 */
export function orderFilterSql(
  store: Store,
  f: Required<Pick<OrderFilter, 'q'>> & Omit<OrderFilter, 'q'>,
): { where: string; params: Record<string, string> } {
  const conds: string[] = [];
  const params: Record<string, string> = {};
  if (f.status) {
    conds.push('o.status = @status');
    params.status = f.status;
  }
  const { fromUtc, toUtc } = dayRangeUtc(store, f.from, f.to);
  if (fromUtc) {
    conds.push('o.ordered_at >= @fromUtc');
    params.fromUtc = fromUtc;
  }
  if (toUtc) {
    conds.push('o.ordered_at < @toUtc');
    params.toUtc = toUtc;
  }
  if (f.buyerId) {
    conds.push('o.buyer_id = @buyerId');
    params.buyerId = f.buyerId;
  }
  const q = f.q.trim();
  if (q) {
    params.q = q;
    params.qEnd = q + '\u{10FFFF}';
    if (/^\d+$/.test(q) || /^SD-/i.test(q)) {
      params.q = q.toUpperCase();
      params.qEnd = params.q + '\u{10FFFF}';
      conds.push('o.order_no >= @q AND o.order_no < @qEnd');
    } else conds.push('o.member_name >= @q AND o.member_name < @qEnd');
  }
  return { where: conds.length ? conds.join(' AND ') : '1 = 1', params };
}

export function listOrders(
  store: Store,
  input: { filter: OrderFilter & { q: string }; offset: number; limit: number },
): Paged<OrderRow> {
  const { where, params } = orderFilterSql(store, input.filter);
  // No filter, or the status alone: the trigger-kept counters (0018), not a count of 1M rows.
  const keys = Object.keys(params);
  const counted = !keys.length
    ? (store
        .stmt<{ n: number | null }>(
          `SELECT SUM(n) AS n FROM service_count WHERE key >= 'order:' AND key < 'order;'`,
        )
        .get()!.n ?? 0)
    : keys.length === 1 && params.status
      ? store.stmt<{ n: number }>(`SELECT n FROM service_count WHERE key = ?`).get(`order:${params.status}`)
          ?.n
      : undefined;
  const total =
    counted ??
    store.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM sales_order o WHERE ${where}`).get(params)!.n;
  const rows = store
    .stmt<OrderDb>(
      `SELECT ${LIST_COLS} FROM sales_order o WHERE ${where} ORDER BY o.ordered_at DESC, o.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { rows: rows.map(toOrderRow), total };
}

export function getOrder(store: Store, id: string, canContact: boolean): Order {
  const o = orderById(store, id);
  if (!o) throw notFound('order');
  const lines = store
    .stmt<{
      id: string;
      line_key: string;
      title: string;
      spec: string;
      sku_code: string;
      sku_id: string | null;
      quantity: number;
      price_fen: number;
      paid_fen: number | null;
      refund_status: string;
    }>(`SELECT * FROM sales_order_line WHERE order_id = ? ORDER BY line_no`)
    .all(id);
  const history = store
    .stmt<{ at: string; status: string; source: 'import' | 'manual'; staff_name: string | null }>(
      `SELECT h.at, h.status, h.source, s.name AS staff_name FROM sales_order_status h
       LEFT JOIN staff s ON s.id = h.staff_id WHERE h.order_id = ? ORDER BY h.at, h.rowid`,
    )
    .all(id);
  const followUps = store
    .stmt<{
      id: string;
      at: string;
      staff_name: string | null;
      channel: Order['followUps'][number]['channel'];
      outcome: Order['followUps'][number]['outcome'];
      note: string;
      remind_at: string | null;
    }>(
      `SELECT f.id, f.at, s.name AS staff_name, f.channel, f.outcome, f.note, f.remind_at FROM order_follow_up f
       LEFT JOIN staff s ON s.id = f.staff_id WHERE f.order_id = ? ORDER BY f.at`,
    )
    .all(id);
  return {
    ...toOrderRow(o),
    goodsFen: o.goods_fen,
    postageFen: o.postage_fen,
    refundFen: o.refund_fen,
    receiverName: o.receiver_name,
    receiverPhone: canContact || !o.receiver_phone ? o.receiver_phone : maskPhone(o.receiver_phone),
    receiverAddress: o.receiver_address,
    buyerMessage: o.buyer_message,
    closeReason: o.close_reason,
    version: o.updated_at,
    lines: lines.map((l) => ({
      id: l.id,
      lineKey: l.line_key,
      title: l.title,
      spec: l.spec,
      skuCode: l.sku_code,
      skuId: l.sku_id,
      quantity: l.quantity,
      priceFen: l.price_fen,
      paidFen: l.paid_fen,
      refundStatus: l.refund_status,
    })),
    history: history.map((h) => ({ at: h.at, status: h.status, source: h.source, staffName: h.staff_name })),
    shipping: shipping(store, o),
    followUps: followUps.map((f) => ({
      id: f.id,
      at: f.at,
      staffName: f.staff_name,
      channel: f.channel,
      outcome: f.outcome,
      note: f.note,
      remindAt: f.remind_at,
    })),
  };
}

export function recordStatus(
  store: Store,
  orderId: string,
  status: string,
  at: string,
  source: 'import' | 'manual',
  by: string | null,
): void {
  store
    .stmt(
      `INSERT INTO sales_order_status (id, order_id, at, status, source, staff_id) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(newId(), orderId, at, status, source, by);
}

/**
 * The buyer for an order's member name: the existing one (its contact data topped up with the
 * order's receiver), or a new one. None without a member name (privacy-trimmed exports).
 */
export function linkBuyer(
  store: Store,
  by: string | null,
  memberName: string,
  receiver: { name: string; phone: string; address: string },
  hlc: string,
  op: string,
): { id: string | null; created: boolean } {
  if (!memberName) return { id: null, created: false };
  const found = buyerByMember(store, memberName);
  const phones = receiver.phone ? [receiver.phone] : [];
  const addresses = receiver.address ? [receiver.address] : [];
  if (!found) {
    const id = insertBuyer(store, by, { memberName, realName: receiver.name, phones, addresses }, hlc, op);
    return { id, created: true };
  }
  patchBuyer(
    store,
    by,
    found,
    {
      real_name: found.real_name || receiver.name,
      phones: unionJson(found.phones, phones),
      addresses: unionJson(found.addresses, addresses),
    },
    hlc,
    op,
  );
  return { id: found.id, created: false };
}

export function createManualOrder(store: Store, by: string, input: Required<ManualOrderInput>): string {
  const problems: Record<string, { key: string }> = {};
  const skus = input.lines.map((l, i) => {
    const s = store
      .stmt<{ id: string; code: string; spec: string; price_fen: number; title: string; archived: number }>(
        `SELECT s.id, s.code, s.spec, s.price_fen, p.title,
           (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived
         FROM sku s JOIN product p ON p.id = s.product_id WHERE s.id = ? AND s.deleted_at IS NULL`,
      )
      .get(l.skuId);
    if (!s) problems[`lines.${i}.skuId`] = { key: 'validation.skuNotFound' };
    return s;
  });
  if (Object.keys(problems).length) throw fieldErrors(problems);
  const hlc = store.stamp();
  const now = store.isoNow();
  const orderNo = store.nextNumber('SD', shopTimeZone(store));
  const buyer = linkBuyer(
    store,
    by,
    input.memberName,
    { name: input.receiverName, phone: input.receiverPhone, address: input.receiverAddress },
    hlc,
    'create',
  );
  let goods = 0;
  let count = 0;
  const lines = input.lines.map((l, i) => {
    const s = skus[i]!;
    const price = l.priceFen ?? s.price_fen;
    goods += price * l.quantity;
    count += l.quantity;
    return { ...l, price, s };
  });
  const id = newId();
  const paid = input.status === 'wait_pay' || input.status === 'closed' ? 0 : goods + input.postageFen;
  store
    .stmt(
      `INSERT INTO sales_order (id, order_no, source, buyer_id, member_name, status, goods_fen, postage_fen,
         total_fen, paid_fen, receiver_name, receiver_phone, receiver_address, buyer_message, item_count,
         ordered_at, paid_at, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @orderNo, 'manual', @buyerId, @memberName, @status, @goods, @postage, @total, @paid,
         @receiverName, @receiverPhone, @receiverAddress, @buyerMessage, @count, @now, @paidAt, @now, @by, @hlc, @by)`,
    )
    .run({
      id,
      orderNo,
      buyerId: buyer.id,
      memberName: input.memberName,
      status: input.status,
      goods,
      postage: input.postageFen,
      total: goods + input.postageFen,
      paid,
      receiverName: input.receiverName,
      receiverPhone: input.receiverPhone,
      receiverAddress: input.receiverAddress,
      buyerMessage: input.buyerMessage,
      count,
      now,
      paidAt: paid ? now : null,
      hlc,
      by,
    });
  lines.forEach((l, i) => {
    store
      .stmt(
        `INSERT INTO sales_order_line (id, order_id, line_key, line_no, title, spec, sku_code, sku_id, quantity, price_fen)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), id, String(i + 1), i + 1, l.s.title, l.s.spec, l.s.code, l.s.id, l.quantity, l.price);
  });
  recordStatus(store, id, input.status, now, 'manual', by);
  store.log(
    {
      staffId: by,
      entity: 'sales_order',
      rowId: id,
      op: 'create',
      label: orderNo,
      fields: {
        member_name: { from: null, to: input.memberName },
        status: { from: null, to: input.status },
        total_fen: { from: null, to: goods + input.postageFen },
        lines: { from: null, to: lines.map((l) => `${l.s.code}×${l.quantity}`) },
      },
    },
    hlc,
  );
  return id;
}

function checkVersion(o: OrderDb, expected: string | undefined): void {
  if (expected && expected !== o.updated_at) throw new AppError('CONFLICT', 'staleEdit');
}

export function setOrderStatus(
  store: Store,
  by: string,
  input: { id: string; expectedVersion?: string; status: OrderStatus },
): void {
  const o = orderById(store, input.id);
  if (!o) throw notFound('order');
  checkVersion(o, input.expectedVersion);
  if (o.status === input.status) return;
  const hlc = store.stamp();
  const now = store.isoNow();
  const paidAt = o.paid_at ?? (input.status !== 'wait_pay' && input.status !== 'closed' ? now : null);
  store
    .stmt(`UPDATE sales_order SET status = ?, paid_at = ?, updated_at = ?, updated_by = ? WHERE id = ?`)
    .run(input.status, paidAt, hlc, by, o.id);
  recordStatus(store, o.id, input.status, now, 'manual', by);
  store.log(
    {
      staffId: by,
      entity: 'sales_order',
      rowId: o.id,
      op: 'status',
      label: o.order_no,
      fields: { status: { from: o.status, to: input.status } },
    },
    hlc,
  );
}

export function setSellerNote(
  store: Store,
  by: string,
  input: { id: string; expectedVersion?: string; note: string; flag: OrderFlag },
): void {
  const o = orderById(store, input.id);
  if (!o) throw notFound('order');
  checkVersion(o, input.expectedVersion);
  if (o.seller_note === input.note && o.flag === input.flag) return;
  const hlc = store.stamp();
  store
    .stmt(`UPDATE sales_order SET seller_note = ?, flag = ?, updated_at = ?, updated_by = ? WHERE id = ?`)
    .run(input.note, input.flag, hlc, by, o.id);
  store.log(
    {
      staffId: by,
      entity: 'sales_order',
      rowId: o.id,
      op: 'sellerNote',
      label: o.order_no,
      fields: {
        ...(o.seller_note !== input.note ? { seller_note: { from: o.seller_note, to: input.note } } : {}),
        ...(o.flag !== input.flag ? { flag: { from: o.flag, to: input.flag } } : {}),
      },
    },
    hlc,
  );
}
