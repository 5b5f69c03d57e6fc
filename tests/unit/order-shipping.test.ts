// Orders ↔ warehouse, through the real router and a real SQLite file: a paid order from
// the Taobao export is queued as an outbound draft, picked, pack-checked and shipped, and customer
// service then sees it 已发货 with carrier and tracking number; refusals carry their reasons.
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Order,
  OrderQueueResult,
  PendingOrders,
  ShippingOrder,
  SkuStock,
} from '../../src-main/api/contract';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv, ORDERS, type SampleOrder } from './service-fixtures';

const C = '00000000-0000-4000-8000-000000000001';
const PAID_NO = '2456781234567890123'; // 买家已付款，等待卖家发货: TX001-WH-L ×1
const UNLINKED_NO = '1930679858170647'; // TX001-WH-L + NOPE-404 (no such SKU)

let app: TestApp;
afterEach(() => app?.close());

async function importOrders(orders: SampleOrder[]) {
  const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
    files: [
      { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk', orders)) },
      { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
    ],
  });
  await app.ok(C, 'orders.importCommit', { importId: pre.importId });
}

const paid = (o: SampleOrder): SampleOrder => ({
  ...o,
  status: '买家已付款，等待卖家发货',
  paidAt: '2026-11-27 09:20:00',
});

/** A shop with the T-shirt in stock (10 in A-01-01) and the three sample orders, the first paid. */
async function setup() {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'manager');
  const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  const bin = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-01' });
  const skuId = p.skus[0]!.id;
  const d = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', {
    type: 'purchase_in',
    lines: [{ skuId, binId: bin.id, quantity: 10 }],
  });
  await app.ok(C, 'warehouse.post', { id: d.id });
  await importOrders([paid(ORDERS[0]!), ORDERS[1]!, ORDERS[2]!]);
  const list = await app.ok<{ rows: { id: string; orderNo: string }[] }>(C, 'orders.list', {});
  const idOf = (no: string) => list.rows.find((r) => r.orderNo === no)!.id;
  return { skuId, paidId: idOf(PAID_NO), unlinkedId: idOf(UNLINKED_NO), shippedId: idOf(ORDERS[2]!.no) };
}

describe('orders → warehouse → orders', () => {
  it('queues a paid order, ships it, and customer service sees it shipped with history', async () => {
    const ids = await setup();
    await app.signInAs(C, 'wh_agent');
    const pending = await app.ok<PendingOrders>(C, 'shipping.pendingOrders', {});
    expect(pending.ready.map((o) => o.orderNo)).toEqual([PAID_NO]);
    expect(pending.ready[0]).toMatchObject({ memberName: '阿强的店', totalQuantity: 1, problem: null });
    // The unpaid and already-shipped orders are not there; the paid one with an unknown code is blocked.
    expect(pending.blocked.map((o) => [o.orderNo, o.problem?.key])).toEqual([
      [UNLINKED_NO, 'orderUnlinkedSku'],
    ]);
    expect(pending.blocked[0]!.problem!.params.codes).toBe('NOPE-404');

    const r = await app.ok<OrderQueueResult>(C, 'shipping.queueOrders', {});
    expect(r.created.map((c) => c.orderNo)).toEqual([PAID_NO]);
    expect(r.skipped.map((s) => [s.orderNo, s.problem.key])).toEqual([[UNLINKED_NO, 'orderUnlinkedSku']]);
    const queue = await app.ok<ShippingOrder[]>(C, 'shipping.queue', {});
    const q = queue.find((o) => o.orderRef === PAID_NO)!;
    expect(q).toMatchObject({ counterpart: '阿强的店', totalQuantity: 1, orderStatus: 'paid' });
    // The draft reserves the stock.
    const stock = await app.ok<SkuStock>(C, 'warehouse.skuStock', { skuId: ids.skuId });
    expect(JSON.stringify(stock)).toContain('"reserved":1');
    // Nothing left to queue.
    expect((await app.ok<PendingOrders>(C, 'shipping.pendingOrders', {})).ready).toEqual([]);

    await app.ok(C, 'shipping.pickList', { documentIds: [q.documentId] });
    const wrong = await app.ok<{ result: string }>(C, 'shipping.packScan', {
      documentId: q.documentId,
      code: 'TX001-BK-XL',
    });
    expect(wrong.result).toBe('wrong');
    await app.ok(C, 'shipping.packScan', { documentId: q.documentId, code: '6901234567892' });
    const seqBefore = changeLogRows(app.store).at(-1)!.seq;
    await app.ok(C, 'shipping.ship', {
      documentId: q.documentId,
      carrier: '顺丰速运',
      trackingNo: 'sf1234567890',
    });

    // Same transaction: the order became shipped, with a history entry by the packer and a log entry.
    const log = changeLogRows(app.store, { afterSeq: seqBefore });
    expect(log.map((l) => `${l.entity}:${l.op}`)).toEqual(
      expect.arrayContaining(['shipment:ship', 'sales_order:ship']),
    );
    expect(log.find((l) => l.entity === 'sales_order')!.fields.status).toEqual({
      from: 'paid',
      to: 'shipped',
    });

    await app.signInAs(C, 'cs_agent');
    const o = await app.ok<Order>(C, 'orders.get', { id: ids.paidId });
    expect(o.status).toBe('shipped');
    expect(o.history.at(-1)).toMatchObject({
      status: 'shipped',
      source: 'manual',
      staffName: 'wh_agent-人员',
    });
    expect(o.shipping).toMatchObject({
      source: 'warehouse',
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890',
      outbound: { number: q.number, status: 'posted' },
    });
    expect(o.shipping.shippedAt).toBe(o.history.at(-1)!.at);
    // The imported shipment of the third order still comes from its columns.
    const imported = await app.ok<Order>(C, 'orders.get', { id: ids.shippedId });
    expect(imported.shipping).toMatchObject({ source: 'import', carrier: '中通快递', outbound: null });
  });

  it('refuses an order whose line matches no SKU, with the reason, and changes nothing', async () => {
    const ids = await setup();
    await app.signInAs(C, 'cs_agent');
    const before = fingerprint(app.store);
    const env = await app.call(C, 'orders.notifyWarehouse', { id: ids.unlinkedId });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'orderUnlinkedSku', params: { codes: 'NOPE-404' } },
    });
    expect(fingerprint(app.store)).toBe(before);
    await app.signInAs(C, 'wh_agent');
    const before2 = fingerprint(app.store);
    const r = await app.ok<OrderQueueResult>(C, 'shipping.queueOrders', { orderIds: [ids.unlinkedId] });
    expect(r.created).toEqual([]);
    expect(r.skipped[0]!.problem).toMatchObject({ key: 'orderUnlinkedSku' });
    expect(fingerprint(app.store)).toBe(before2);
  });

  it('queues idempotently: twice (from either side) gives one draft', async () => {
    const ids = await setup();
    await app.signInAs(C, 'cs_agent');
    const o = await app.ok<Order>(C, 'orders.notifyWarehouse', { id: ids.paidId });
    expect(o.shipping.outbound).toMatchObject({ status: 'draft' });
    const again = await app.ok<Order>(C, 'orders.notifyWarehouse', { id: ids.paidId });
    expect(again.shipping.outbound).toEqual(o.shipping.outbound);
    await app.signInAs(C, 'wh_agent');
    const r = await app.ok<OrderQueueResult>(C, 'shipping.queueOrders', { orderIds: [ids.paidId] });
    expect(r.created).toEqual([]);
    expect(r.skipped[0]!.problem).toMatchObject({
      key: 'orderQueued',
      params: { number: o.shipping.outbound!.number },
    });
    const all = await app.ok<OrderQueueResult>(C, 'shipping.queueOrders', {});
    expect(all.created).toEqual([]);
    const queue = await app.ok<ShippingOrder[]>(C, 'shipping.queue', {});
    expect(queue.filter((d) => d.orderRef === PAID_NO)).toHaveLength(1);
    // Unpaid and already-shipped orders are refused with their reasons.
    await app.signInAs(C, 'cs_agent');
    const shipped = await app.call(C, 'orders.notifyWarehouse', { id: ids.shippedId });
    expect(shipped).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'orderAlreadyShipped' } });
  });

  it('flags an order closed by a later import while its draft waits, and refuses to ship it', async () => {
    const ids = await setup();
    await app.ok(C, 'shipping.queueOrders', { orderIds: [ids.paidId] });
    const doc = (await app.ok<ShippingOrder[]>(C, 'shipping.queue', {})).find((d) => d.orderRef === PAID_NO)!;
    await app.ok(C, 'shipping.packScan', { documentId: doc.documentId, code: 'TX001-WH-L' });
    // The buyer got a refund: the next export says 交易关闭.
    await importOrders([paid(ORDERS[0]!), { ...ORDERS[1]!, status: '交易关闭' }, ORDERS[2]!]);
    const flagged = (await app.ok<ShippingOrder[]>(C, 'shipping.queue', {})).find(
      (d) => d.orderRef === PAID_NO,
    )!;
    expect(flagged).toMatchObject({ orderStatus: 'closed', packed: true });
    const before = fingerprint(app.store);
    const env = await app.call(C, 'shipping.ship', {
      documentId: doc.documentId,
      carrier: '顺丰速运',
      trackingNo: 'SF1234567890',
    });
    expect(env).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        key: 'orderClosedInQueue',
        params: { orderRef: PAID_NO, number: doc.number },
      },
    });
    expect(fingerprint(app.store)).toBe(before);
    // Closed orders are not offered for queueing, and asking explicitly gives the reason.
    expect((await app.ok<PendingOrders>(C, 'shipping.pendingOrders', {})).ready).toEqual([]);
    await app.ok(C, 'warehouse.discardDraft', { id: doc.documentId });
    const r = await app.ok<OrderQueueResult>(C, 'shipping.queueOrders', { orderIds: [ids.paidId] });
    expect(r.skipped[0]!.problem.key).toBe('orderClosed');
    const o = await app.ok<Order>(C, 'orders.get', { id: ids.paidId });
    expect(o.status).toBe('closed');
    expect(o.shipping.outbound).toBeNull();
  });
});
