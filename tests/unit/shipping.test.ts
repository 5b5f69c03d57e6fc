// Shipping, pack check, returns inspection and the warehouse CSV exports, through the real router
// on a real SQLite file: bin allocation across bins in walk order, the pick list's order, pack
// check refusals recorded, shipping exactly once and only when packed, reserved/available, returns
// (good / defective / write-off → documents and balances), shipmentForOrder, CSV read back.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BalancePage,
  Bin,
  Envelope,
  ExportResult,
  InspectionResult,
  PackScanAnswer,
  PackState,
  PickList,
  Product,
  ShipmentInfo,
  ShippingOrder,
  SkuStock,
  StockDocument,
} from '../../src-main/api/contract';
import { packErrorsCaught, shipmentForOrder } from '../../src-main/modules/warehouse/shipping';
import { createOrderOutbound } from '../../src-main/modules/warehouse/shipping';
import { createExpectedReturn } from '../../src-main/modules/warehouse/returns';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const M = '00000000-0000-4000-8000-0000000000f1'; // manager
const A = '00000000-0000-4000-8000-0000000000f2'; // wh_agent
const CS = '00000000-0000-4000-8000-0000000000f3'; // cs_agent

let app: TestApp;
let skuA: string; // TX001-WH-L, barcode 6901234567892, cost 2500
let skuB: string; // TX001-BK-XL, no barcode
let skuC: string; // another product's SKU, not in the orders
let b1: Bin; // A-01-01 walk 10
let b2: Bin; // A-01-02 walk 20
let b3: Bin; // B-01-01 walk 5 (first on the walk)
let bad: Bin; // defects

function expectError(env: Envelope<unknown>, code: string, key?: string) {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('expected an error');
  expect(env.error.code).toBe(code);
  if (key) expect(env.error.key).toBe(key);
  return env.error;
}

async function receive(skuId: string, binId: string, quantity: number): Promise<void> {
  const d = await app.ok<StockDocument>(M, 'warehouse.saveDraft', {
    type: 'purchase_in',
    lines: [{ skuId, binId, quantity }],
  });
  await app.ok(M, 'warehouse.post', { id: d.id });
}
const stock = (skuId: string) => app.ok<SkuStock>(M, 'warehouse.skuStock', { skuId });
const inBin = async (skuId: string, binId: string) =>
  (await stock(skuId)).bins.find((b) => b.binId === binId);
const order = (orderRef: string, lines: { skuId: string; quantity: number }[], counterpart = '买家小王') =>
  app.ok<StockDocument>(A, 'shipping.createOrder', { orderRef, counterpart, lines });
const scan = (documentId: string, code: string) =>
  app.ok<PackScanAnswer>(A, 'shipping.packScan', { documentId, code });

beforeEach(async () => {
  app = makeApp({ shop: true });
  await app.signInAs(M, 'manager');
  await app.signInAs(A, 'wh_agent');
  await app.signInAs(CS, 'cs_agent');
  const p = await app.ok<Product>(M, 'catalog.create', sampleProduct());
  skuA = p.skus.find((s) => s.code === 'TX001-WH-L')!.id;
  skuB = p.skus.find((s) => s.code === 'TX001-BK-XL')!.id;
  const q = await app.ok<Product>(
    M,
    'catalog.create',
    sampleProduct({
      title: '碎花连衣裙',
      styleCode: 'QZ01',
      skus: [{ code: 'QZ01-M', barcode: '6909999999994', costFen: 4000, priceFen: 9900 }],
    }),
  );
  skuC = q.skus[0]!.id;
  b1 = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'A-01-01', walkOrder: 10 });
  b2 = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'A-01-02', walkOrder: 20 });
  b3 = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'B-01-01', walkOrder: 5 });
  bad = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'Z-99', kind: 'defects', walkOrder: 99 });
});
afterEach(() => app.close());

describe('createOrderOutbound', () => {
  it('allocates from bins with available stock in walk order, splitting a line across bins', async () => {
    await receive(skuA, b1.id, 3);
    await receive(skuA, b2.id, 10);
    await receive(skuA, b3.id, 2);
    const d = await order('TB1001', [{ skuId: skuA, quantity: 6 }]);
    expect(d).toMatchObject({
      type: 'sales_out',
      status: 'draft',
      orderRef: 'TB1001',
      counterpart: '买家小王',
    });
    // B-01-01 (walk 5) first, then A-01-01 (10), then A-01-02 (20).
    expect(d.lines.map((l) => [l.binCode, l.quantity])).toEqual([
      ['B-01-01', 2],
      ['A-01-01', 3],
      ['A-01-02', 1],
    ]);
    // A second order takes what the first has not reserved.
    const d2 = await order('TB1002', [{ skuId: skuA, quantity: 4 }]);
    expect(d2.lines.map((l) => [l.binCode, l.quantity])).toEqual([['A-01-02', 4]]);
  });

  it('never allocates from a defects bin, and uses the main bin when stock is short', async () => {
    await receive(skuA, bad.id, 50);
    await receive(skuA, b2.id, 2);
    const d = await order('TB2001', [{ skuId: skuA, quantity: 5 }]);
    expect(d.lines.map((l) => [l.binCode, l.quantity])).toEqual([['A-01-02', 5]]);
    // Posting it is refused: only 2 in A-01-02.
    expectError(await app.call(A, 'warehouse.post', { id: d.id }), 'CONFLICT', 'negativeStock');
    // With no stock at all: the first normal bin on the walk.
    const d2 = await order('TB2002', [{ skuId: skuB, quantity: 1 }]);
    expect(d2.lines.map((l) => l.binCode)).toEqual(['B-01-01']);
  });

  it('refuses a second open outbound for the same order, and unknown SKUs with field paths', async () => {
    await order('TB3001', [{ skuId: skuA, quantity: 1 }]);
    expectError(
      await app.call(A, 'shipping.createOrder', {
        orderRef: 'TB3001',
        lines: [{ skuId: skuB, quantity: 1 }],
      }),
      'CONFLICT',
      'orderQueued',
    );
    const before = fingerprint(app.store);
    const err = expectError(
      await app.call(A, 'shipping.createOrder', {
        orderRef: 'TB3002',
        lines: [
          { skuId: skuA, quantity: 1 },
          { skuId: '01900000-0000-7000-8000-000000000000', quantity: 1 },
        ],
      }),
      'VALIDATION',
    );
    expect(err.fields).toEqual({ 'lines.1.skuId': { key: 'validation.skuNotFound' } });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('is callable as a function by other modules (CS, after-sales)', () => {
    const d = app.store.tx(() =>
      createOrderOutbound(app.store, app.people.manager!.id, {
        orderRef: 'EX-1',
        counterpart: '换货',
        lines: [{ skuId: skuC, quantity: 2 }],
      }),
    );
    expect(d).toMatchObject({ type: 'sales_out', orderRef: 'EX-1', totalQuantity: 2 });
  });
});

describe('reserved and available', () => {
  it('balances and skuStock report reserved by waiting orders, not by other drafts', async () => {
    await receive(skuA, b1.id, 10);
    await order('TB4001', [{ skuId: skuA, quantity: 3 }]);
    // A draft sales_out with no order ref (a manual sale being typed) reserves nothing.
    await app.ok(M, 'warehouse.saveDraft', {
      type: 'sales_out',
      lines: [{ skuId: skuA, binId: b1.id, quantity: 4 }],
    });
    const page = await app.ok<BalancePage>(M, 'warehouse.balances', { binId: b1.id });
    expect(page.rows[0]).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    expect(page.totals).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    const s = await stock(skuA);
    expect(s).toMatchObject({ total: 10, reserved: 3, available: 7 });
    expect(await inBin(skuA, b1.id)).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
  });
});

describe('pick list', () => {
  it('aggregates the chosen orders by bin and SKU in walk order, naming the orders', async () => {
    await receive(skuA, b1.id, 5);
    await receive(skuB, b3.id, 5);
    await receive(skuC, b2.id, 5);
    const o1 = await order('TB5001', [
      { skuId: skuC, quantity: 1 },
      { skuId: skuA, quantity: 2 },
    ]);
    const o2 = await order('TB5002', [
      { skuId: skuA, quantity: 1 },
      { skuId: skuB, quantity: 1 },
    ]);
    const list = await app.ok<PickList>(A, 'shipping.pickList', { documentIds: [o1.id, o2.id] });
    expect(list.rows.map((r) => [r.binCode, r.code, r.quantity, r.orderRefs])).toEqual([
      ['B-01-01', 'TX001-BK-XL', 1, ['TB5002']],
      ['A-01-01', 'TX001-WH-L', 3, ['TB5001', 'TB5002']],
      ['A-01-02', 'QZ01-M', 1, ['TB5001']],
    ]);
    expect(list.totalQuantity).toBe(5);
    expect(list.orders.map((o) => o.orderRef)).toEqual(['TB5001', 'TB5002']);
  });
});

describe('pack check and shipping', () => {
  it('ticks correct scans, refuses and records wrong, extra and unknown ones', async () => {
    await receive(skuA, b1.id, 5);
    await receive(skuB, b1.id, 5);
    const d = await order('TB6001', [
      { skuId: skuA, quantity: 2 },
      { skuId: skuB, quantity: 1 },
    ]);
    expect((await scan(d.id, '6901234567892')).result).toBe('ok');
    const wrong = await scan(d.id, '6909999999994'); // QZ01-M: not in this order
    expect(wrong).toMatchObject({ result: 'wrong', skuCode: 'QZ01-M' });
    expect((await scan(d.id, 'tx001-wh-l')).result).toBe('ok'); // 商家编码, any case
    expect((await scan(d.id, '6901234567892')).result).toBe('extra');
    expect((await scan(d.id, 'NO-SUCH')).result).toBe('unknown');
    const state = await app.ok<PackState>(A, 'shipping.packState', { documentId: d.id });
    expect(state.lines.map((l) => [l.code, l.checked, l.quantity])).toEqual([
      ['TX001-WH-L', 2, 2],
      ['TX001-BK-XL', 0, 1],
    ]);
    expect(state.packed).toBe(false);
    expect(state.scans.map((s) => s.result)).toEqual(['unknown', 'extra', 'ok', 'wrong', 'ok']);
    const rows = app.store.db.prepare('SELECT result, staff_id FROM pack_check ORDER BY seq').all() as {
      result: string;
      staff_id: string;
    }[];
    expect(rows.map((r) => r.result)).toEqual(['ok', 'wrong', 'ok', 'extra', 'unknown']);
    expect(changeLogRows(app.store, { entity: 'pack_check' })).toHaveLength(5);
    // Facts: the table refuses changes.
    expect(() => app.store.db.prepare(`UPDATE pack_check SET result = 'ok'`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM pack_check`).run()).toThrow(/append-only/);
    // Errors caught: wrong + extra, by the agent.
    const caught = packErrorsCaught(app.store, { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    expect(caught.get(app.people.wh_agent!.id)).toBe(2);
    expect(
      packErrorsCaught(app.store, { from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' }).size,
    ).toBe(0);
  });

  it('refuses to ship before the pack is complete, then ships exactly once and posts', async () => {
    await receive(skuA, b1.id, 5);
    const d = await order('TB7001', [{ skuId: skuA, quantity: 2 }]);
    await scan(d.id, '6901234567892');
    const before = fingerprint(app.store);
    const early = expectError(
      await app.call(A, 'shipping.ship', {
        documentId: d.id,
        carrier: '中通快递',
        trackingNo: '75312345678901',
      }),
      'CONFLICT',
      'packIncomplete',
    );
    expect(early.params).toMatchObject({ checked: 1, total: 2 });
    expect(fingerprint(app.store)).toBe(before);
    // A bad tracking number is a field error.
    const badNo = expectError(
      await app.call(A, 'shipping.ship', { documentId: d.id, carrier: '中通快递', trackingNo: '12-34' }),
      'VALIDATION',
    );
    expect(badNo.fields?.trackingNo?.key).toBe('validation.trackingNoFormat');
    await scan(d.id, '6901234567892');
    const queue = await app.ok<ShippingOrder[]>(A, 'shipping.queue', {});
    expect(queue.find((o) => o.documentId === d.id)).toMatchObject({ packed: true, checkedQuantity: 2 });

    const input = { documentId: d.id, carrier: '中通快递', trackingNo: 'zt75312345678901' };
    const [first, second] = await Promise.all([
      app.ok<ShipmentInfo>(A, 'shipping.ship', input),
      app.ok<ShipmentInfo>(A, 'shipping.ship', input),
    ]);
    expect(first).toMatchObject({
      carrier: '中通快递',
      trackingNo: 'ZT75312345678901',
      documentNumber: d.number,
    });
    expect(second).toEqual(first);
    const again = await app.ok<ShipmentInfo>(A, 'shipping.ship', { ...input, carrier: '顺丰速运' });
    expect(again).toEqual(first);
    expect(await inBin(skuA, b1.id)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    const movements = app.store.db
      .prepare('SELECT COUNT(*) AS n FROM stock_movement WHERE document_id = ?')
      .get(d.id) as { n: number };
    expect(movements.n).toBe(1);
    expect((app.store.db.prepare('SELECT COUNT(*) AS n FROM shipment').get() as { n: number }).n).toBe(1);
    expect(await app.ok<StockDocument>(A, 'warehouse.getDocument', { id: d.id })).toMatchObject({
      status: 'posted',
    });
    // Gone from the queue; pack scans on a shipped order are refused.
    expect((await app.ok<ShippingOrder[]>(A, 'shipping.queue', {})).map((o) => o.documentId)).not.toContain(
      d.id,
    );
    expectError(await app.call(A, 'shipping.packScan', { documentId: d.id, code: 'TX001-WH-L' }), 'CONFLICT');

    // Customer service sees it; an unknown order is null.
    expect(await app.ok<ShipmentInfo | null>(CS, 'warehouse.shipment', { orderRef: 'TB7001' })).toMatchObject(
      {
        carrier: '中通快递',
        trackingNo: 'ZT75312345678901',
        shippedByName: 'wh_agent-人员',
        documentNumber: d.number,
      },
    );
    expect(await app.ok(CS, 'warehouse.shipment', { orderRef: 'TB0000' })).toBeNull();
    expect(shipmentForOrder(app.store, 'TB7001')?.documentNumber).toBe(d.number);
  });

  it('refuses to ship when stock would go below zero, and writes nothing', async () => {
    await receive(skuA, b1.id, 1);
    const d = await order('TB8001', [{ skuId: skuA, quantity: 2 }]);
    await scan(d.id, 'TX001-WH-L');
    await scan(d.id, 'TX001-WH-L');
    const before = fingerprint(app.store);
    expectError(
      await app.call(A, 'shipping.ship', {
        documentId: d.id,
        carrier: '顺丰速运',
        trackingNo: 'SF1234567890',
      }),
      'CONFLICT',
      'negativeStock',
    );
    expect(fingerprint(app.store)).toBe(before);
    expect(await app.ok(CS, 'warehouse.shipment', { orderRef: 'TB8001' })).toBeNull();
  });
});

describe('returns inspection', () => {
  it('posts good into a normal bin, defective into the defects bin, and writes off scrap', async () => {
    await receive(skuA, b1.id, 4);
    const expected = app.store.tx(() =>
      createExpectedReturn(app.store, app.people.manager!.id, {
        orderRef: 'TB9001',
        counterpart: '买家小李',
        reason: '尺码不合适',
        lines: [{ skuId: skuA, quantity: 4 }],
      }),
    );
    expect(expected).toMatchObject({ type: 'return_in', status: 'draft', orderRef: 'TB9001' });
    expect(expected.lines[0]).toMatchObject({ binCode: 'A-01-01', quantity: 4 }); // its main bin
    const r = await app.ok<InspectionResult>(A, 'returns.inspect', {
      documentId: expected.id,
      lines: [{ skuId: skuA, good: 2, defective: 1, scrap: 1 }],
    });
    expect(r.returnDocument).toMatchObject({ id: expected.id, status: 'posted', totalQuantity: 4 });
    expect(r.returnDocument.lines.map((l) => [l.binCode, l.quantity, l.note])).toEqual([
      ['A-01-01', 2, '良品'],
      ['Z-99', 1, '次品'],
      ['Z-99', 1, '报废'],
    ]);
    expect(r.scrapDocument).toMatchObject({
      type: 'other_out',
      status: 'posted',
      reason: '报废',
      orderRef: 'TB9001',
    });
    expect(r.scrapDocument!.lines.map((l) => [l.binCode, l.quantity])).toEqual([['Z-99', 1]]);
    expect(await inBin(skuA, b1.id)).toMatchObject({ onHand: 6 });
    expect(await inBin(skuA, bad.id)).toMatchObject({ onHand: 1 });
    const insp = app.store.db.prepare('SELECT * FROM return_inspection').get() as Record<string, unknown>;
    expect(insp).toMatchObject({
      good: 2,
      defective: 1,
      scrapped: 1,
      scrap_document_id: r.scrapDocument!.id,
    });
    // Inspected once: the return is posted now.
    expectError(
      await app.call(A, 'returns.inspect', {
        documentId: expected.id,
        lines: [{ skuId: skuA, good: 1, defective: 0, scrap: 0 }],
      }),
      'CONFLICT',
      'documentPosted',
    );
  });

  it('takes a walk-in return by order ref into a chosen bin, with no write-off document', async () => {
    const r = await app.ok<InspectionResult>(A, 'returns.inspect', {
      orderRef: 'TB9100',
      counterpart: '到店退货',
      lines: [{ skuId: skuB, goodBinId: b2.id, good: 1, defective: 1, scrap: 0 }],
    });
    expect(r.scrapDocument).toBeNull();
    expect(r.returnDocument).toMatchObject({ type: 'return_in', status: 'posted', orderRef: 'TB9100' });
    expect(await inBin(skuB, b2.id)).toMatchObject({ onHand: 1 });
    expect(await inBin(skuB, bad.id)).toMatchObject({ onHand: 1 });
  });

  it('refuses empty lines, a missing order ref and a normal bin as the defects bin', async () => {
    const before = fingerprint(app.store);
    const e1 = expectError(
      await app.call(A, 'returns.inspect', { lines: [{ skuId: skuA, good: 0, defective: 0, scrap: 0 }] }),
      'VALIDATION',
    );
    expect(Object.keys(e1.fields ?? {}).sort()).toEqual(['lines.0.good', 'orderRef']);
    const e2 = expectError(
      await app.call(A, 'returns.inspect', {
        orderRef: 'TB1',
        defectsBinId: b1.id,
        lines: [{ skuId: skuA, good: 0, defective: 1, scrap: 0 }],
      }),
      'VALIDATION',
    );
    expect(e2.fields?.defectsBinId?.key).toBe('validation.notDefectsBin');
    expect(fingerprint(app.store)).toBe(before);
  });
});

describe('CSV exports', () => {
  const read = (r: ExportResult) => {
    if (r.cancelled) throw new Error('cancelled');
    return fs.readFileSync(r.path);
  };

  it('exports the document list one row per line, UTF-8 with BOM and GBK, Chinese intact', async () => {
    await receive(skuA, b1.id, 5);
    await order('TB10001', [{ skuId: skuA, quantity: 2 }], '北京·王小姐');
    const r = await app.ok<ExportResult>(M, 'warehouse.exportDocuments', { type: 'sales_out' });
    const buf = read(r);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '单据编号,单据类型,状态,单据日期,往来单位,事由,订单号,备注,过账时间,过账人,行号,商家编码,商品名称,规格,库位,调入库位,数量,单价,金额,行备注',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',销售出库,草稿,');
    expect(lines[1]).toContain('北京·王小姐,,TB10001,');
    expect(lines[1]).toContain(
      'TX001-WH-L,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:L,A-01-01,,2,25.00,50.00,',
    );

    const g = await app.ok<ExportResult>(M, 'warehouse.exportDocuments', { encoding: 'gbk' });
    const gtext = iconv.decode(read(g), 'gb18030');
    expect(gtext.split('\r\n')[0]).toContain('单据编号,单据类型');
    expect(gtext).toContain('采购入库,已过账');
    expect(gtext).toContain('纯棉圆领短袖T恤 男款');
    expect(g.cancelled ? 0 : g.rows).toBe(2);
  });

  it('exports balances with reserved, available and value', async () => {
    await receive(skuA, b1.id, 5);
    await order('TB11001', [{ skuId: skuA, quantity: 2 }]);
    const r = await app.ok<ExportResult>(M, 'warehouse.exportBalances', { q: 'tx001', encoding: 'gbk' });
    const text = iconv.decode(read(r), 'gb18030');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('商家编码,商品名称,规格,库位,现存,待发货占用,可用,成本单价,库存金额');
    expect(lines[1]).toBe('TX001-WH-L,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:L,A-01-01,5,2,3,25.00,125.00');
  });
});

describe('demo warehouse', () => {
  it('seeds ~20 bins with a defects bin, opening stock and orders waiting to ship', async () => {
    const { openStore } = await import('../../src-main/db/store');
    const { seedDemoShop } = await import('../../resources/demo/shop');
    const { shippingQueue } = await import('../../src-main/modules/warehouse/shipping');
    const { tempDir } = await import('./helpers');
    const dir = tempDir();
    const store = openStore({ dataDir: dir });
    try {
      seedDemoShop(store, { products: 20 });
      const bins = store.db.prepare('SELECT kind, COUNT(*) AS n FROM bin GROUP BY kind ORDER BY kind').all();
      expect(bins).toEqual([
        { kind: 'defects', n: 1 },
        { kind: 'normal', n: 19 },
      ]);
      const posted = store.db
        .prepare(`SELECT COUNT(*) AS n FROM stock_document WHERE type = 'purchase_in' AND status = 'posted'`)
        .get() as { n: number };
      expect(posted.n).toBeGreaterThan(0);
      const queue = shippingQueue(store, { q: '' });
      expect(queue).toHaveLength(5);
      for (const o of queue) expect(o.orderRef).toMatch(/^39\d{17}$/);
      // Every waiting order can be shipped from stock: reserved never exceeds on hand.
      const over = store.db
        .prepare(
          `SELECT COUNT(*) AS n FROM stock_document_line l JOIN stock_document d ON d.id = l.document_id
           LEFT JOIN stock_balance sb ON sb.sku_id = l.sku_id AND sb.bin_id = l.bin_id
           WHERE d.status = 'draft' AND d.type = 'sales_out' AND COALESCE(sb.on_hand, 0) < l.quantity`,
        )
        .get() as { n: number };
      expect(over.n).toBe(0);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
