// Orders → warehouse: paid customer-service orders whose lines all link to SKUs and that
// have no outbound yet become DRAFT sales_out documents (order_ref = 订单编号) through
// `createOrderOutbound`. The warehouse reads sales_order only through the service module's read
// functions; it writes only its own tables. Writes run inside the caller's transaction.
import type { OrderQueueProblem, OrderQueueResult, PendingOrder, PendingOrders } from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError } from '../../lib/errors';
import { ordersForShipping, paidOrdersForShipping, type OrderForShipping } from '../service/warehouse-link';
import { createOrderOutbound } from './shipping';

/** The order's outbound (not discarded): the waiting draft, else the latest posted one. */
export function outboundForOrder(
  store: Store,
  orderRef: string,
): { id: string; number: string; status: 'draft' | 'posted' } | null {
  return (
    store
      .stmt<{ id: string; number: string; status: 'draft' | 'posted' }>(
        `SELECT id, number, status FROM stock_document
         WHERE order_ref = ? AND order_ref <> '' AND type = 'sales_out' AND deleted_at IS NULL
         ORDER BY status = 'draft' DESC, created_at DESC LIMIT 1`,
      )
      .get(orderRef.trim()) ?? null
  );
}

const problem = (key: string, params: Record<string, string | number> = {}): OrderQueueProblem => ({
  key,
  params,
});

/** Why the order cannot be queued, or null when it can. */
function problemOf(store: Store, o: OrderForShipping): OrderQueueProblem | null {
  if (o.status === 'closed') return problem('orderClosed', { orderNo: o.orderNo });
  if (o.status === 'shipped' || o.status === 'success')
    return problem('orderAlreadyShipped', { orderNo: o.orderNo });
  if (o.status !== 'paid') return problem('orderNotPaid', { orderNo: o.orderNo });
  const doc = outboundForOrder(store, o.orderNo);
  if (doc) return problem('orderQueued', { orderRef: o.orderNo, number: doc.number });
  const lines = o.lines.filter((l) => l.quantity > 0);
  if (!lines.length) return problem('orderNoLines', { orderNo: o.orderNo });
  const unlinked = lines.filter((l) => !l.skuId).map((l) => l.skuCode || l.title);
  if (unlinked.length)
    return problem('orderUnlinkedSku', { orderNo: o.orderNo, codes: [...new Set(unlinked)].join('、') });
  return null;
}

function toPending(o: OrderForShipping, p: OrderQueueProblem | null): PendingOrder {
  const lines = o.lines.filter((l) => l.quantity > 0);
  return {
    orderId: o.id,
    orderNo: o.orderNo,
    memberName: o.memberName,
    receiverName: o.receiverName,
    paidAt: o.paidAt,
    lines: lines.map((l) => ({
      skuCode: l.skuCode,
      title: l.title,
      spec: l.spec,
      quantity: l.quantity,
      linked: !!l.skuId,
    })),
    totalQuantity: lines.reduce((n, l) => n + l.quantity, 0),
    problem: p,
  };
}

/**
 * Paid orders without an outbound (draft or posted): `ready` can be queued, `blocked` cannot
 * (a line without a SKU, no lines), each with its reason.
 */
export function pendingOrders(store: Store): PendingOrders {
  const ready: PendingOrder[] = [];
  const blocked: PendingOrder[] = [];
  for (const o of paidOrdersForShipping(store)) {
    if (outboundForOrder(store, o.orderNo)) continue;
    const p = problemOf(store, o);
    (p ? blocked : ready).push(toPending(o, p));
  }
  return { ready, blocked };
}

function queueOne(
  store: Store,
  by: string,
  o: OrderForShipping,
): { documentId: string; documentNumber: string } | OrderQueueProblem {
  const p = problemOf(store, o);
  if (p) return p;
  const counterpart = o.memberName || o.receiverName;
  try {
    const doc = createOrderOutbound(store, by, {
      orderRef: o.orderNo,
      counterpart,
      lines: o.lines.filter((l) => l.quantity > 0).map((l) => ({ skuId: l.skuId!, quantity: l.quantity })),
      notes: o.buyerMessage ? `买家留言：${o.buyerMessage}`.slice(0, 500) : '',
    });
    return { documentId: doc.id, documentNumber: doc.number };
  } catch (e) {
    // Refusals (an archived SKU, no normal bin) are found before anything is written.
    if (e instanceof AppError && (e.code === 'VALIDATION' || e.code === 'CONFLICT')) {
      const field = Object.values(e.fields ?? {})[0];
      if (field?.key === 'validation.skuArchived')
        return problem('orderSkuArchived', { orderNo: o.orderNo, ...(field.params ?? {}) });
      if (field) return problem('orderSkuNotFound', { orderNo: o.orderNo });
      return problem(e.key, { orderNo: o.orderNo, ...(e.params ?? {}) });
    }
    throw e;
  }
}

/**
 * Outbound drafts for paid orders: the given ones, or every one that can be queued. Orders that
 * cannot be queued are reported with their reason; an order already queued is reported as such
 * and gets no second draft (queueing twice = one draft).
 */
export function queueOrders(store: Store, by: string, input: { orderIds?: string[] }): OrderQueueResult {
  const orders = input.orderIds ? ordersForShipping(store, input.orderIds) : paidOrdersForShipping(store);
  const result: OrderQueueResult = { created: [], skipped: [] };
  if (input.orderIds) {
    const found = new Set(orders.map((o) => o.id));
    for (const id of new Set(input.orderIds))
      if (!found.has(id))
        result.skipped.push({ orderId: id, orderNo: '', problem: problem('orderNotFound') });
  }
  for (const o of orders) {
    // Unasked (all), an order that already has its outbound is not news.
    if (!input.orderIds && outboundForOrder(store, o.orderNo)) continue;
    const r = queueOne(store, by, o);
    if ('documentId' in r) result.created.push({ orderId: o.id, orderNo: o.orderNo, ...r });
    else result.skipped.push({ orderId: o.id, orderNo: o.orderNo, problem: r });
  }
  return result;
}

/**
 * 通知仓库发货 for one order: its outbound draft. Idempotent — an order already queued answers
 * quietly; any other refusal (closed, not paid, shipped, unlinked SKU …) is a CONFLICT with the
 * reason's key.
 */
export function notifyWarehouse(store: Store, by: string, orderId: string): void {
  const r = queueOrders(store, by, { orderIds: [orderId] });
  const skipped = r.skipped[0];
  if (!skipped) return;
  if (skipped.problem.key === 'orderQueued') return;
  if (skipped.problem.key === 'orderNotFound') throw new AppError('NOT_FOUND', 'notFound', { what: 'order' });
  throw new AppError('CONFLICT', skipped.problem.key, skipped.problem.params);
}
