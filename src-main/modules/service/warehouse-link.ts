// The customer-service side of the order ↔ warehouse link. The service module stays the only
// writer of sales_order: the warehouse reads paid orders through `ordersForShipping` /
// `paidOrdersForShipping` / `orderStatusByNo`, and marks an order shipped through `markShipped`
// inside its own ship transaction.
import type { OrderStatus } from '../../api/contract';
import type { Store } from '../../db/store';
import { orderByNo, recordStatus, type OrderDb } from './orders';

export interface OrderForShipping {
  id: string;
  orderNo: string;
  status: OrderStatus;
  memberName: string;
  receiverName: string;
  buyerMessage: string;
  paidAt: string | null;
  itemCount: number;
  lines: { skuId: string | null; skuCode: string; title: string; spec: string; quantity: number }[];
}

type Head = Pick<
  OrderDb,
  'id' | 'order_no' | 'status' | 'member_name' | 'receiver_name' | 'buyer_message' | 'paid_at' | 'item_count'
>;
const HEAD = `id, order_no, status, member_name, receiver_name, buyer_message, paid_at, item_count`;

function withLines(store: Store, o: Head): OrderForShipping {
  const lines = store
    .stmt<{ sku_id: string | null; sku_code: string; title: string; spec: string; quantity: number }>(
      `SELECT sku_id, sku_code, title, spec, quantity FROM sales_order_line WHERE order_id = ? ORDER BY line_no`,
    )
    .all(o.id);
  return {
    id: o.id,
    orderNo: o.order_no,
    status: o.status,
    memberName: o.member_name,
    receiverName: o.receiver_name,
    buyerMessage: o.buyer_message,
    paidAt: o.paid_at,
    itemCount: o.item_count,
    lines: lines.map((l) => ({
      skuId: l.sku_id,
      skuCode: l.sku_code,
      title: l.title,
      spec: l.spec,
      quantity: l.quantity,
    })),
  };
}

/** Paid orders (买家已付款，等待卖家发货), oldest first, with their lines. */
export function paidOrdersForShipping(store: Store, limit = 2000): OrderForShipping[] {
  return store
    .stmt<Head>(
      `SELECT ${HEAD} FROM sales_order WHERE status = 'paid' ORDER BY status, ordered_at, id LIMIT ?`,
    )
    .all(limit)
    .map((o) => withLines(store, o));
}

/** The given orders (unknown ids left out), with their lines. */
export function ordersForShipping(store: Store, ids: string[]): OrderForShipping[] {
  const out: OrderForShipping[] = [];
  for (const id of new Set(ids)) {
    const o = store.stmt<Head>(`SELECT ${HEAD} FROM sales_order WHERE id = ?`).get(id);
    if (o) out.push(withLines(store, o));
  }
  return out;
}

/** The status of the order with this 订单编号, or null when customer service has no such order. */
export function orderStatusByNo(store: Store, orderNo: string): OrderStatus | null {
  return (
    store.stmt<{ status: OrderStatus }>(`SELECT status FROM sales_order WHERE order_no = ?`).get(orderNo)
      ?.status ?? null
  );
}

/**
 * The warehouse shipped the order with this 订单编号: an unpaid or paid order becomes `shipped`
 * with a status-history entry by the person who shipped (at the shipping time) and a change-log
 * entry with carrier and tracking number. Carrier and tracking stay in the warehouse's shipment
 * (the order page reads them there). No such order, or one already shipped/finished/closed:
 * nothing is written. Runs inside the caller's transaction. Answers whether the order changed.
 */
export function markShipped(
  store: Store,
  by: string,
  orderNo: string,
  shipment: { carrier: string; trackingNo: string; shippedAt: string },
): boolean {
  const o = orderByNo(store, orderNo);
  if (!o || (o.status !== 'paid' && o.status !== 'wait_pay')) return false;
  const hlc = store.stamp();
  store
    .stmt(`UPDATE sales_order SET status = 'shipped', updated_at = ?, updated_by = ? WHERE id = ?`)
    .run(hlc, by, o.id);
  recordStatus(store, o.id, 'shipped', shipment.shippedAt, 'manual', by);
  store.log(
    {
      staffId: by,
      entity: 'sales_order',
      rowId: o.id,
      op: 'ship',
      label: o.order_no,
      fields: {
        status: { from: o.status, to: 'shipped' },
        carrier: { from: null, to: shipment.carrier },
        trackingNo: { from: null, to: shipment.trackingNo },
      },
    },
    hlc,
  );
  return true;
}
