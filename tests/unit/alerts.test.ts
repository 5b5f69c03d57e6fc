// Low-stock alerts (§16.7) against a real store: raised and cleared by the database triggers
// whatever writes stock or the catalog; acknowledged with a handler; exported as CSV. Also the
// ledger's CSV export and its person filter.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertCounts, AlertRow, ExportResult, Paged, Product } from '../../src-main/api/contract';
import { zoneOffsetMinutes, sqlShopTime } from '../../src-main/modules/alerts/shop-time-sql';
import { changeLogRows, makeApp, sampleProduct, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000a1';
const CS = '00000000-0000-4000-8000-0000000000a2';
let app: TestApp;
afterEach(() => app?.close());

type AlertPage = Paged<AlertRow> & { counts: AlertCounts };

async function setupShop() {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'manager');
  const p = await app.ok<Product>(C, 'catalog.create', sampleProduct());
  const bin = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-01' });
  const defects = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'Z-99-01', kind: 'defects' });
  return { p, skuId: p.skus[0]!.id, sku2: p.skus[1]!.id, bin: bin.id, defects: defects.id };
}

async function postDoc(
  type: string,
  lines: { skuId: string; binId: string; quantity: number; toBinId?: string }[],
) {
  const d = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', { type, lines });
  return app.ok<{ id: string; number: string }>(C, 'warehouse.post', { id: d.id, overrideReason: '测试' });
}

const list = (input: Record<string, unknown> = {}) => app.ok<AlertPage>(C, 'alerts.list', input);
const openFor = async (skuId: string) => (await list()).rows.filter((r) => r.skuId === skuId);
const allFor = async (skuId: string) => (await list({ status: 'all' })).rows.filter((r) => r.skuId === skuId);

describe('raising and clearing', () => {
  it('a listed new SKU with no stock is low at once; stock at or above the threshold clears it; going low again raises a new one', async () => {
    const { skuId, bin } = await setupShop();
    const [a] = await openFor(skuId);
    expect(a).toMatchObject({ status: 'open', onHand: 0, threshold: 10, raisedQty: 0, lastMovement: null });
    expect(a!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 9 }]);
    expect(await openFor(skuId)).toHaveLength(1); // 9 < 10: still low
    expect((await openFor(skuId))[0]).toMatchObject({ onHand: 9, lastMovement: { qtyDelta: 9 } });

    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 1 }]); // 10 = threshold: clears
    expect(await openFor(skuId)).toEqual([]);
    const [cleared] = await allFor(skuId);
    expect(cleared).toMatchObject({ status: 'cleared', clearedQty: 10, clearedReason: 'restocked' });

    const ck = await postDoc('sales_out', [{ skuId, binId: bin, quantity: 4 }]);
    const again = await openFor(skuId);
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(cleared!.id);
    expect(again[0]).toMatchObject({
      onHand: 6,
      raisedQty: 6,
      lastMovement: { qtyDelta: -4, documentNumber: ck.number, documentType: 'sales_out' },
    });
    expect(await allFor(skuId)).toHaveLength(2); // history kept

    // A reversal of the sale brings it back to 10: cleared again.
    await app.ok(C, 'warehouse.reverse', { id: ck.id, reason: '客户取消' });
    expect(await openFor(skuId)).toEqual([]);
  });

  it('never raises for an unlisted or archived SKU; delisting or archiving clears; listing raises', async () => {
    const { p, skuId } = await setupShop();
    expect(await openFor(skuId)).toHaveLength(1);
    // The store manager delists it in 上架准备 (the product form cannot).
    await app.ok(C, 'art.readinessMark', { productId: p.id, listed: false });
    expect(await openFor(skuId)).toEqual([]);
    expect((await allFor(skuId))[0]).toMatchObject({ clearedReason: 'inactive' });

    const other = await app.ok<Product>(
      C,
      'catalog.create',
      sampleProduct({ styleCode: 'UN1', listed: false, skus: [{ code: 'UN1-1', costFen: 1, priceFen: 2 }] }),
    );
    expect(await allFor(other.skus[0]!.id)).toEqual([]);

    await app.ok(C, 'art.readinessMark', { productId: p.id, listed: true, overrideReason: '补货中先上架' });
    expect(await openFor(skuId)).toHaveLength(1);
    await app.ok(C, 'catalog.setArchived', { productId: p.id, archived: true });
    expect(await openFor(skuId)).toEqual([]);
    expect((await list()).counts.active).toBe(0);
  });

  it('a threshold change raises or clears; a CSV import changing it too', async () => {
    const { p, skuId, sku2, bin } = await setupShop();
    await postDoc('purchase_in', [
      { skuId, binId: bin, quantity: 12 },
      { skuId: sku2, binId: bin, quantity: 12 },
    ]);
    expect((await list()).counts).toEqual({ active: 0, unacknowledged: 0 });
    const skus = p.skus.map(({ id, code, barcode, spec, costFen, priceFen }) => ({
      id,
      code,
      barcode,
      spec,
      costFen,
      priceFen,
    }));
    const p2 = await app.ok<Product>(C, 'catalog.update', {
      ...sampleProduct(),
      skus: [{ ...skus[0]!, lowStockThreshold: 20 }, skus[1]!],
      id: p.id,
      expectedVersion: p.version,
    });
    expect(await openFor(skuId)).toMatchObject([{ threshold: 20, raisedThreshold: 20, onHand: 12 }]);
    await app.ok<Product>(C, 'catalog.update', {
      ...sampleProduct(),
      skus: [{ ...skus[0]!, lowStockThreshold: 5 }, skus[1]!],
      id: p.id,
      expectedVersion: p2.version,
    });
    expect(await openFor(skuId)).toEqual([]);
    expect((await allFor(skuId))[0]).toMatchObject({ clearedReason: 'threshold', clearedQty: 12 });

    // The import path (another writer of sku) is covered by the same triggers.
    const csv = '\uFEFF商家编码,商品标题,库存预警值\r\nTX001-BK-XL,纯棉圆领短袖T恤 男款,30\r\n';
    const preview = await app.ok<{ importId: string; counts: { changed: number } }>(
      C,
      'catalog.importPreview',
      {
        fileName: 'x.csv',
        contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      },
    );
    expect(preview.counts.changed).toBe(1);
    await app.ok(C, 'catalog.importCommit', { importId: preview.importId });
    expect(await openFor(sku2)).toMatchObject([{ threshold: 30, onHand: 12 }]);
  });

  it('counts normal bins only: stock in a defects bin does not clear an alert; a bin turning into defects raises', async () => {
    const { skuId, bin, defects } = await setupShop();
    await postDoc('return_in', [{ skuId, binId: defects, quantity: 50 }]);
    expect(await openFor(skuId)).toMatchObject([{ onHand: 0 }]);
    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 10 }]);
    expect(await openFor(skuId)).toEqual([]);
    // Moving it all to the defects area makes it low again.
    await postDoc('transfer', [{ skuId, binId: bin, toBinId: defects, quantity: 3 }]);
    expect(await openFor(skuId)).toMatchObject([{ onHand: 7 }]);
    await postDoc('transfer', [{ skuId, binId: defects, toBinId: bin, quantity: 3 }]);
    expect(await openFor(skuId)).toEqual([]);
    // Turning the bin into a defects bin takes its stock out of the count.
    const b = (
      await app.ok<{ id: string; version: string; code: string }[]>(C, 'warehouse.listBins', {})
    ).find((x) => x.id === bin)!;
    await app.ok(C, 'warehouse.saveBin', {
      id: bin,
      expectedVersion: b.version,
      code: b.code,
      kind: 'defects',
    });
    expect(await openFor(skuId)).toMatchObject([{ onHand: 0 }]);
  });

  it('is right after a raw write to stock_balance too (e.g. another module’s adjustment)', async () => {
    const { skuId, bin } = await setupShop();
    app.store.tx(() =>
      app.store.db
        .prepare(`INSERT INTO stock_balance (sku_id, bin_id, on_hand) VALUES (?, ?, 25)`)
        .run(skuId, bin),
    );
    expect(await openFor(skuId)).toEqual([]);
    app.store.tx(() =>
      app.store.db
        .prepare(`UPDATE stock_balance SET on_hand = 2 WHERE sku_id = ? AND bin_id = ?`)
        .run(skuId, bin),
    );
    expect(await openFor(skuId)).toMatchObject([{ onHand: 2 }]);
    // A rolled-back write leaves the alerts as they were.
    expect(() =>
      app.store.tx(() => {
        app.store.db.prepare(`UPDATE stock_balance SET on_hand = 99 WHERE sku_id = ?`).run(skuId);
        throw new Error('rollback');
      }),
    ).toThrow('rollback');
    expect(await openFor(skuId)).toMatchObject([{ onHand: 2 }]);
    expect(() => app.store.db.prepare(`DELETE FROM stock_alert`).run()).toThrow(/history/);
  });
});

describe('acknowledging', () => {
  it('names a handler and a note, logs it, can be handed over, and is refused once cleared', async () => {
    const { skuId, bin } = await setupShop();
    const [a] = await openFor(skuId);
    await app.signInAs(CS, 'cs_supervisor');
    const handler = app.people.wh_agent!.id;
    const acked = await app.ok<AlertRow>(CS, 'alerts.ack', {
      id: a!.id,
      handlerId: handler,
      note: '  联系供应商补货 ',
    });
    expect(acked).toMatchObject({
      status: 'acknowledged',
      ackByName: 'cs_supervisor-人员',
      handlerId: handler,
      handlerName: 'wh_agent-人员',
      note: '联系供应商补货',
    });
    expect((await list()).counts).toEqual({ active: 2, unacknowledged: 1 });
    expect((await list({ status: 'unacknowledged' })).rows.map((r) => r.skuId)).not.toContain(skuId);
    const log = changeLogRows(app.store, { entity: 'stock_alert' });
    expect(log).toMatchObject([
      { op: 'ack', row_id: a!.id, label: 'TX001-WH-L', staff_id: app.people.cs_supervisor!.id },
    ]);

    const again = await app.ok<AlertRow>(CS, 'alerts.ack', {
      id: a!.id,
      handlerId: app.people.wh_supervisor!.id,
      note: '改由主管处理',
    });
    expect(again).toMatchObject({ ackByName: 'cs_supervisor-人员', handlerName: 'wh_supervisor-人员' });
    expect(changeLogRows(app.store, { entity: 'stock_alert' }).map((r) => r.op)).toEqual(['ack', 'reassign']);

    // The handler must be an active person.
    await app.ok(C, 'staff.setActive', { id: app.people.art_agent!.id, active: false });
    expect(
      await app.call(CS, 'alerts.ack', { id: a!.id, handlerId: app.people.art_agent!.id }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { handlerId: { key: 'validation.activeStaff' } } },
    });

    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 30 }]);
    const [h] = await allFor(skuId);
    expect(h).toMatchObject({ status: 'cleared', handlerName: 'wh_supervisor-人员', note: '改由主管处理' });
    expect(h!.clearedAt).not.toBeNull();
    expect(await app.call(CS, 'alerts.ack', { id: a!.id, handlerId: handler })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'alertCleared' },
    });
  });

  it('is readable by customer service and the director, acknowledged only by those allowed', async () => {
    const { skuId } = await setupShop();
    const [a] = await openFor(skuId);
    await app.signInAs(CS, 'cs_agent');
    expect((await app.ok<AlertPage>(CS, 'alerts.list', {})).total).toBe(2);
    expect(await app.call(CS, 'alerts.ack', { id: a!.id, handlerId: app.people.cs_agent!.id })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    await app.signInAs(CS, 'director');
    expect((await app.ok<AlertCounts>(CS, 'alerts.counts', {})).active).toBe(2);
    await app.signInAs(CS, 'art_agent');
    expect(await app.call(CS, 'alerts.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('CSV', () => {
  it('exports the alerts with Chinese intact (UTF-8 BOM and GBK), times in the shop zone', async () => {
    const { skuId, bin } = await setupShop();
    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 3 }]);
    const [a] = await openFor(skuId);
    await app.ok(C, 'alerts.ack', { id: a!.id, handlerId: app.people.wh_agent!.id, note: '已催，周三到货' });
    const r = await app.ok<ExportResult>(C, 'alerts.exportCsv', {});
    expect(r).toMatchObject({ cancelled: false, rows: 2 });
    if (r.cancelled) return;
    expect(r.path).toMatch(/库存预警_\d{8}\.csv$/);
    const buf = fs.readFileSync(r.path);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '状态,商家编码,商品名称,规格,当前库存,预警阈值,预警时间,预警时库存,确认人,确认时间,处理人,备注,解除时间,解除原因,最近变动时间,最近变动单号,最近变动数量',
    );
    const row = lines.find((l) => l.includes('TX001-WH-L'))!;
    expect(row).toContain('已确认,TX001-WH-L,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:L,3,10,');
    expect(row).toContain(',manager-人员'.replace('manager-人员', '店长甲'));
    expect(row).toContain('wh_agent-人员,"已催，周三到货"'.replace(/"/g, ''));
    // Shop time: the acknowledgement time, 8 hours ahead of UTC.
    const acked = (await openFor(skuId))[0]!.ackAt!;
    const local = new Date(new Date(acked).getTime() + 8 * 3600_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    expect(row).toContain(local);

    const g = await app.ok<ExportResult>(C, 'alerts.exportCsv', {
      encoding: 'gbk',
      status: 'all',
      q: 'tx001-bk',
    });
    if (g.cancelled) throw new Error('cancelled');
    expect(g.rows).toBe(1);
    const text = iconv.decode(fs.readFileSync(g.path), 'gb18030');
    expect(text).toContain('待确认,TX001-BK-XL,纯棉圆领短袖T恤 男款,颜色分类:黑色;尺码:XL,0,10,');
  });

  it('renders shop-local times in SQL, daylight saving included', () => {
    app = makeApp();
    const at = (iso: string, tz: string) =>
      (app.store.db.prepare(`SELECT ${sqlShopTime('@at', tz)} AS v`).get({ at: iso }) as { v: string }).v;
    expect(at('2026-11-28T17:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-29 01:30:00');
    expect(at('2026-07-01T12:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01 14:00:00');
    expect(at('2026-01-01T12:00:00.000Z', 'Europe/Berlin')).toBe('2026-01-01 13:00:00');
    // Around the spring-forward instant (2026-03-29 01:00 UTC).
    expect(at('2026-03-29T00:59:59.000Z', 'Europe/Berlin')).toBe('2026-03-29 01:59:59');
    expect(at('2026-03-29T01:00:00.000Z', 'Europe/Berlin')).toBe('2026-03-29 03:00:00');
    expect(zoneOffsetMinutes('America/New_York', Date.UTC(2026, 6, 1))).toBe(-240);
    expect(
      (app.store.db.prepare(`SELECT ${sqlShopTime('NULL', 'Asia/Shanghai')} AS v`).get() as { v: string }).v,
    ).toBe('');
  });
});

describe('the ledger CSV and person filter', () => {
  it('exports the current filters, all rows oldest first, with the running balance when filtered by SKU', async () => {
    const { skuId, sku2, bin } = await setupShop();
    const bin2 = (await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-02' })).id;
    await postDoc('purchase_in', [
      { skuId, binId: bin, quantity: 20 },
      { skuId: sku2, binId: bin, quantity: 7 },
    ]);
    await app.signInAs(C, 'wh_agent');
    await postDoc('transfer', [{ skuId, binId: bin, toBinId: bin2, quantity: 5 }]);
    await postDoc('sales_out', [{ skuId, binId: bin2, quantity: 2 }]);

    const all = await app.ok<ExportResult>(C, 'warehouse.exportLedger', {});
    if (all.cancelled) throw new Error('cancelled');
    expect(all.rows).toBe(5);
    expect(all.path).toMatch(/物资明细账_\d{8}\.csv$/);
    const text = fs.readFileSync(all.path, 'utf8');
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('时间,单号,类型,商家编码,商品名称,规格,库位,数量变动,单位成本,经办人');
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,RK-\w{4}-\d{8}-0001,采购入库,TX001-WH-L,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:L,A-01-01,20,25.00,店长甲$/,
    );
    expect(lines[5]).toMatch(/,CK-\w{4}-\d{8}-0001,销售出库,TX001-WH-L,.*,A-01-02,-2,25.00,wh_agent-人员$/);

    const one = await app.ok<ExportResult>(C, 'warehouse.exportLedger', { skuId, encoding: 'gbk' });
    if (one.cancelled) throw new Error('cancelled');
    const rows = iconv.decode(fs.readFileSync(one.path), 'gb18030').trimEnd().split('\r\n');
    expect(rows[0]).toBe('时间,单号,类型,商家编码,商品名称,规格,库位,数量变动,单位成本,经办人,结存');
    expect(rows.slice(1).map((r) => r.split(',').slice(-4, -3).concat(r.split(',').slice(-1)))).toEqual([
      ['20', '20'],
      ['-5', '15'],
      ['5', '20'],
      ['-2', '18'],
    ]);
    // Filters after the window keep the balances: only the sale, balance 18.
    const sales = await app.ok<ExportResult>(C, 'warehouse.exportLedger', {
      skuId,
      type: 'sales_out',
      staffId: app.people.wh_agent!.id,
    });
    if (sales.cancelled) throw new Error('cancelled');
    expect(sales.rows).toBe(1);
    expect(fs.readFileSync(sales.path, 'utf8').trimEnd().endsWith(',-2,25.00,wh_agent-人员,18')).toBe(true);
  });

  it("a SKU's ledger page (covering-index path) equals the filtered path, page by page", async () => {
    const { skuId, sku2, bin } = await setupShop();
    const bin2 = (await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-02' })).id;
    for (let i = 0; i < 7; i++) {
      await postDoc('purchase_in', [
        { skuId, binId: i % 2 ? bin : bin2, quantity: 3 + i },
        { skuId: sku2, binId: bin, quantity: 1 },
      ]);
      await postDoc('sales_out', [{ skuId, binId: i % 2 ? bin : bin2, quantity: 1 }]);
    }
    // `from` far in the past changes nothing but takes the general path.
    const since = '2000-01-01T00:00:00.000Z';
    for (const f of [{ skuId }, { skuId, binId: bin }, { binId: bin }]) {
      for (const [offset, limit] of [
        [0, 5],
        [5, 5],
        [12, 5],
        [0, 100],
      ] as const) {
        const fast = await app.ok<Paged<unknown>>(C, 'warehouse.ledger', { ...f, offset, limit });
        const slow = await app.ok<Paged<unknown>>(C, 'warehouse.ledger', {
          ...f,
          from: since,
          offset,
          limit,
        });
        expect(fast).toEqual(slow);
      }
    }
  });

  it('lists everyone who ever posted, deactivated people marked', async () => {
    const { skuId, bin } = await setupShop();
    await app.signInAs(C, 'wh_agent');
    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 1 }]);
    await app.signInAs(C, 'manager');
    await postDoc('purchase_in', [{ skuId, binId: bin, quantity: 1 }]);
    await app.ok(C, 'staff.setActive', { id: app.people.wh_agent!.id, active: false });
    const people = await app.ok<{ id: string; name: string; active: boolean }[]>(C, 'warehouse.people', {});
    expect(people).toEqual([
      { id: app.people.manager!.id, name: '店长甲', active: true },
      { id: app.people.wh_agent!.id, name: 'wh_agent-人员', active: false },
    ]);
    const led = await app.ok<Paged<{ staffId: string }>>(C, 'warehouse.ledger', {
      staffId: app.people.wh_agent!.id,
    });
    expect(led.total).toBe(1);
  });
});
