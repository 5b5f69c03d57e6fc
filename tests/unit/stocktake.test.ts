// Stocktakes (盘点) through the real router on a real SQLite file: the snapshot, movements posted
// while the count is open, variance maths (value, shrinkage rate, counter accuracy), blind counts,
// recounts, cancel, approval exactly once, a reproducible sample, and the variance CSV.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Bin,
  Envelope,
  ExportResult,
  Paged,
  Product,
  SkuStock,
  StockDocument,
  Stocktake,
  StocktakeCounted,
  StocktakeLine,
  StocktakeReport,
  StocktakeRow,
} from '../../src-main/api/contract';
import { countAccuracy, sampleOf, startStocktake } from '../../src-main/modules/warehouse/stocktake';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const M = '00000000-0000-4000-8000-0000000000f1'; // manager
const A = '00000000-0000-4000-8000-0000000000f2'; // wh_agent (counts, cannot approve)
const S = '00000000-0000-4000-8000-0000000000f3'; // wh_supervisor
const D = '00000000-0000-4000-8000-0000000000f4'; // director

let app: TestApp;
let skuA: string; // TX001-WH-L, cost 2500 fen
let skuB: string; // TX001-BK-XL, cost 2500 fen
let skuC: string; // Q1-1, cost 1000 fen
let bin1: Bin;
let bin2: Bin;
let bin3: Bin;

function expectError(env: Envelope<unknown>, code: string, key?: string) {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('expected an error');
  expect(env.error.code).toBe(code);
  if (key) expect(env.error.key).toBe(key);
  return env.error;
}

async function move(type: string, skuId: string, binId: string, quantity: number) {
  const d = await app.ok<StockDocument>(M, 'warehouse.saveDraft', {
    type,
    lines: [{ skuId, binId, quantity }],
  });
  return app.ok<StockDocument>(M, 'warehouse.post', { id: d.id });
}
const onHand = async (skuId: string, binId: string) =>
  (await app.ok<SkuStock>(M, 'warehouse.skuStock', { skuId })).bins.find((b) => b.binId === binId)?.onHand ??
  0;
const start = (input: Record<string, unknown>, client = S) =>
  app.ok<Stocktake>(client, 'stocktake.start', input);
const count = (id: string, counts: { skuId: string; binId: string; counted: number }[], client = A) =>
  app.ok<StocktakeCounted>(client, 'stocktake.count', { id, counts });
const lines = (id: string, client = S, extra: Record<string, unknown> = {}) =>
  app.ok<Paged<StocktakeLine>>(client, 'stocktake.lines', { id, limit: 500, ...extra });
const lineOf = (p: Paged<StocktakeLine>, skuId: string, binId: string) =>
  p.rows.find((r) => r.skuId === skuId && r.binId === binId)!;

beforeEach(async () => {
  app = makeApp({ shop: true });
  await app.signInAs(M, 'manager');
  await app.signInAs(A, 'wh_agent');
  await app.signInAs(S, 'wh_supervisor');
  await app.signInAs(D, 'director');
  const p = await app.ok<Product>(M, 'catalog.create', sampleProduct());
  skuA = p.skus.find((s) => s.code === 'TX001-WH-L')!.id;
  skuB = p.skus.find((s) => s.code === 'TX001-BK-XL')!.id;
  const q = await app.ok<Product>(
    M,
    'catalog.create',
    sampleProduct({
      title: '加厚连帽卫衣',
      styleCode: 'Q1',
      skus: [{ code: 'Q1-1', costFen: 1000, priceFen: 9900 }],
    }),
  );
  skuC = q.skus[0]!.id;
  bin1 = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'A-01-01' });
  bin2 = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'A-01-02' });
  bin3 = await app.ok<Bin>(M, 'warehouse.saveBin', { code: 'B-01-01' });
  await move('purchase_in', skuA, bin1.id, 10);
  await move('purchase_in', skuB, bin1.id, 4);
  await move('purchase_in', skuA, bin2.id, 6);
  await move('purchase_in', skuC, bin3.id, 20);
});
afterEach(() => app.close());

describe('starting a stocktake', () => {
  it('snapshots book quantities per SKU and bin in scope, with the movement seq, and logs it', async () => {
    const seq = (app.store.db.prepare('SELECT MAX(seq) AS n FROM stock_movement').get() as { n: number }).n;
    const t = await start({ kind: 'monthly', scope: { type: 'all' } });
    expect(t).toMatchObject({ kind: 'monthly', scope: 'all', status: 'counting', lines: 4, counted: 0 });
    expect(t.number).toMatch(/^PD-[A-Z2-9]{4}-\d{8}-0001$/);
    expect(t.snapshotSeq).toBe(seq);
    const l = await lines(t.id);
    expect(l.rows.map((r) => [r.binCode, r.code, r.bookQty])).toEqual([
      ['A-01-01', 'TX001-BK-XL', 4],
      ['A-01-01', 'TX001-WH-L', 10],
      ['A-01-02', 'TX001-WH-L', 6],
      ['B-01-01', 'Q1-1', 20],
    ]);
    expect(changeLogRows(app.store, { entity: 'stocktake' }).map((r) => r.op)).toEqual(['create']);

    // By bin range: only A-01-01…A-01-02; B-01-01 is outside. Overlapping an open one is refused.
    await app.ok(S, 'stocktake.cancel', { id: t.id, reason: '重新开始' });
    const r = await start({ kind: 'ad_hoc', scope: { type: 'bins', from: 'a-01-01', to: 'A-01-02' } });
    expect((await lines(r.id)).rows.map((x) => x.binCode)).toEqual(['A-01-01', 'A-01-01', 'A-01-02']);
    expectError(
      await app.call(S, 'stocktake.start', { kind: 'spot', scope: { type: 'skus', skuIds: [skuA] } }),
      'CONFLICT',
      'stocktakeOverlap',
    );
    // By picked SKUs: every bin holding them (C is not in the open one).
    const s = await start({ kind: 'spot', scope: { type: 'skus', skuIds: [skuC] } });
    expect((await lines(s.id)).rows.map((x) => [x.code, x.binCode])).toEqual([['Q1-1', 'B-01-01']]);
    // A reversed range and an empty range are field errors.
    const bad = expectError(
      await app.call(S, 'stocktake.start', { kind: 'spot', scope: { type: 'bins', from: 'B', to: 'A' } }),
      'VALIDATION',
    );
    expect(bad.fields).toHaveProperty(['scope.to']);
  });

  it('starts over 20,000 SKUs in one INSERT…SELECT well under a second', () => {
    // Bulk stock straight into the tables (the posting path is tested elsewhere).
    const db = app.store.db;
    db.transaction(() => {
      const sku = db.prepare(
        `INSERT INTO sku (id, product_id, code, cost_fen, price_fen, created_at, updated_at)
         SELECT @id, product_id, @code, 100, 200, created_at, updated_at FROM sku WHERE id = @src`,
      );
      const bal = db.prepare(`INSERT INTO stock_balance (sku_id, bin_id, on_hand) VALUES (?, ?, 3)`);
      for (let i = 0; i < 20_000; i++) {
        const id = `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`;
        sku.run({ id, code: `BULK-${i}`, src: skuA });
        bal.run(id, bin3.id);
      }
    })();
    const t0 = performance.now();
    const t = app.store.tx(() =>
      startStocktake(app.store, app.people.manager!.id, {
        kind: 'year_end',
        scope: { type: 'all' },
        blind: false,
        note: '',
      }),
    );
    const ms = performance.now() - t0;
    console.log(`startStocktake over ${t.lines} lines: ${ms.toFixed(0)} ms`);
    expect(t.lines).toBe(20_004);
    expect(ms).toBeLessThan(1000);
  });
});

describe('movements while the count is open', () => {
  it('counts each line against the book plus the movements up to its count; approval adjusts the current balance', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'bins', from: 'A-01-01', to: 'A-01-01' } });
    // After the snapshot, before counting A: a receipt of 5 and an issue of 3 of A in bin1.
    await move('purchase_in', skuA, bin1.id, 5);
    await move('sales_out', skuA, bin1.id, 3);
    // Expected at count = 10 + 5 − 3 = 12; counted 11 → variance −1.
    await count(t.id, [{ skuId: skuA, binId: bin1.id, counted: 11 }]);
    // B counted first (expected 4, counted 5 → +1), then an issue of 2 after its count.
    await count(t.id, [{ skuId: skuB, binId: bin1.id, counted: 5 }]);
    await move('sales_out', skuB, bin1.id, 2);
    // After the count of A, another receipt of 4: it does not change A's variance.
    await move('purchase_in', skuA, bin1.id, 4);

    const l = await lines(t.id);
    expect(lineOf(l, skuA, bin1.id)).toMatchObject({
      bookQty: 10,
      expectedQty: 12,
      countedQty: 11,
      variance: -1,
    });
    expect(lineOf(l, skuB, bin1.id)).toMatchObject({
      bookQty: 4,
      expectedQty: 4,
      countedQty: 5,
      variance: 1,
    });
    // The recorded count holds the seq at the time of counting.
    const c = app.store.db
      .prepare(`SELECT movement_seq, expected_qty FROM stocktake_count WHERE sku_id = ? ORDER BY round`)
      .all(skuA) as { movement_seq: number; expected_qty: number }[];
    expect(c).toHaveLength(1);
    expect(c[0]!.expected_qty).toBe(12);
    expect(c[0]!.movement_seq).toBeGreaterThan(t.snapshotSeq);

    const a = await app.ok<Stocktake>(S, 'stocktake.approve', { id: t.id });
    expect(a).toMatchObject({ status: 'approved', gainQty: 1, gainFen: 2500, lossQty: 1, lossFen: 2500 });
    expect(a.gainDocumentNumber).toMatch(/^RK-/);
    expect(a.lossDocumentNumber).toMatch(/^CK-/);
    // Current balances: A = 10 + 5 − 3 + 4 − 1 = 15; B = 4 − 2 + 1 = 3.
    expect(await onHand(skuA, bin1.id)).toBe(15);
    expect(await onHand(skuB, bin1.id)).toBe(3);
    // The adjustment documents are posted other_in 盘盈 / other_out 盘亏 linked to the stocktake.
    const docs = app.store.db
      .prepare(
        `SELECT type, status, reason, stocktake_id FROM stock_document WHERE stocktake_id = ? ORDER BY type`,
      )
      .all(t.id);
    expect(docs).toEqual([
      { type: 'other_in', status: 'posted', reason: '盘盈', stocktake_id: t.id },
      { type: 'other_out', status: 'posted', reason: '盘亏', stocktake_id: t.id },
    ]);
  });
});

describe('variance maths', () => {
  it('values variances at cost, gives the shrinkage rate and each counter’s accuracy', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'all' } });
    // A/bin1 10 → 7 (−3 × 25.00), A/bin2 6 → 6, B/bin1 4 → 4, C/bin3 20 → 21 (+1 × 10.00).
    await count(t.id, [
      { skuId: skuA, binId: bin1.id, counted: 8 },
      { skuId: skuA, binId: bin2.id, counted: 6 },
    ]);
    await count(t.id, [
      { skuId: skuB, binId: bin1.id, counted: 4 },
      { skuId: skuC, binId: bin3.id, counted: 21 },
    ]);
    // The supervisor recounts A/bin1: 7 (the agent's 8 was wrong). C's recount confirms 21.
    await count(t.id, [{ skuId: skuA, binId: bin1.id, counted: 7 }], S);
    await count(t.id, [{ skuId: skuC, binId: bin3.id, counted: 21 }], S);
    const rep = await app.ok<StocktakeReport>(S, 'stocktake.report', { id: t.id });
    const book = (10 + 4 + 6) * 2500 + 20 * 1000;
    expect(rep.totals).toMatchObject({
      lines: 4,
      counted: 4,
      uncounted: 0,
      varianceLines: 2,
      bookQty: 40,
      bookValueFen: book,
      gainQty: 1,
      gainFen: 1000,
      lossQty: 3,
      lossFen: 7500,
      netLossFen: 6500,
    });
    expect(rep.totals.shrinkageRate).toBeCloseTo(6500 / book, 10);
    // Largest variance value first.
    expect(rep.lines.map((l) => [l.code, l.variance, l.varianceFen])).toEqual([
      ['TX001-WH-L', -3, -7500],
      ['Q1-1', 1, 1000],
    ]);
    expect(rep.byBin.map((b) => [b.binCode, b.lossFen, b.gainFen])).toEqual([
      ['A-01-01', 7500, 0],
      ['B-01-01', 0, 1000],
    ]);
    // The agent counted all 4 lines first; one (A/bin1) was changed by the recount.
    expect(rep.byCounter).toEqual([
      expect.objectContaining({ staffId: app.people.wh_agent!.id, lines: 4, exact: 3, accuracy: 0.75 }),
    ]);

    await app.ok(S, 'stocktake.approve', { id: t.id });
    const acc = countAccuracy(app.store, { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    expect(acc.get(app.people.wh_agent!.id)).toEqual({ lines: 4, exact: 3 });
    expect(acc.has(app.people.wh_supervisor!.id)).toBe(false);
    expect(countAccuracy(app.store, { from: '2000-01-01T00:00:00Z', to: '2001-01-01T00:00:00Z' }).size).toBe(
      0,
    );
    const row = (await app.ok<Paged<StocktakeRow>>(D, 'stocktake.list', {})).rows[0]!;
    expect(row).toMatchObject({ status: 'approved', lossFen: 7500, gainFen: 1000, bookValueFen: book });
    expect(row.shrinkageRate).toBeCloseTo(6500 / book, 10);
  });
});

describe('blind count', () => {
  it('never sends book quantities to counters without the approve permission', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'all' }, blind: true });
    const seen = await app.ok<Stocktake>(A, 'stocktake.get', { id: t.id });
    expect(seen.seesBook).toBe(false);
    await count(t.id, [{ skuId: skuA, binId: bin1.id, counted: 9 }]);
    const mine = await lines(t.id, A);
    for (const r of mine.rows) {
      expect(r.bookQty).toBeNull();
      expect(r.expectedQty).toBeNull();
      expect(r.variance).toBeNull();
      expect(r.varianceFen).toBeNull();
    }
    expect(lineOf(mine, skuA, bin1.id)).toMatchObject({ countedQty: 9, needsRecount: true });
    // Nothing in the raw answers carries the book figures either.
    const raw = JSON.stringify(await app.call(A, 'stocktake.lines', { id: t.id }));
    expect(raw).not.toMatch(/"bookQty":\d/);
    expectError(await app.call(A, 'stocktake.report', { id: t.id }), 'FORBIDDEN', 'blindCount');
    expectError(await app.call(A, 'stocktake.exportCsv', { id: t.id }), 'FORBIDDEN', 'blindCount');
    // The supervisor and the director (who reads, not counts) see them.
    expect(lineOf(await lines(t.id, S), skuA, bin1.id)).toMatchObject({ bookQty: 10, variance: -1 });
    expect((await app.ok<Stocktake>(D, 'stocktake.get', { id: t.id })).seesBook).toBe(true);
    // Approved, the history still shows the agent no figures of a blind count.
    await count(t.id, [
      { skuId: skuB, binId: bin1.id, counted: 4 },
      { skuId: skuA, binId: bin2.id, counted: 6 },
    ]);
    await count(t.id, [{ skuId: skuC, binId: bin3.id, counted: 20 }]);
    await app.ok(S, 'stocktake.approve', { id: t.id });
    const listed = (await app.ok<Paged<StocktakeRow>>(A, 'stocktake.list', {})).rows[0]!;
    expect(listed).toMatchObject({ status: 'approved', bookQty: null, lossFen: null, shrinkageRate: null });
    expect((await app.ok<Paged<StocktakeRow>>(S, 'stocktake.list', {})).rows[0]!.lossFen).toBe(2500);
    // Not blind: the agent sees book quantities.
    const open = await start({ kind: 'monthly', scope: { type: 'all' } });
    expect(lineOf(await lines(open.id, A), skuA, bin1.id).bookQty).toBe(9); // 10, adjusted by the −1
  });
});

describe('recount', () => {
  it('keeps every count as history; another person recounts variance lines; the last count wins', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'bins', from: 'A-01-01', to: 'A-01-01' } });
    await count(t.id, [
      { skuId: skuA, binId: bin1.id, counted: 7 },
      { skuId: skuB, binId: bin1.id, counted: 4 },
    ]);
    // The same person may not recount; a line without variance needs no recount.
    let err = expectError(
      await app.call(A, 'stocktake.count', {
        id: t.id,
        counts: [{ skuId: skuA, binId: bin1.id, counted: 8 }],
      }),
      'VALIDATION',
    );
    expect(err.fields?.['counts.0.counted']?.key).toBe('validation.recountSamePerson');
    err = expectError(
      await app.call(S, 'stocktake.count', {
        id: t.id,
        counts: [{ skuId: skuB, binId: bin1.id, counted: 3 }],
      }),
      'VALIDATION',
    );
    expect(err.fields?.['counts.0.counted']?.key).toBe('validation.recountNotNeeded');
    const r = await count(t.id, [{ skuId: skuA, binId: bin1.id, counted: 10 }], S);
    expect(r).toEqual({ counted: 0, recounted: 1, added: 0 });
    const history = app.store.db
      .prepare(`SELECT round, counted_qty, counted_by FROM stocktake_count WHERE sku_id = ? ORDER BY round`)
      .all(skuA);
    expect(history).toEqual([
      { round: 1, counted_qty: 7, counted_by: app.people.wh_agent!.id },
      { round: 2, counted_qty: 10, counted_by: app.people.wh_supervisor!.id },
    ]);
    expect(lineOf(await lines(t.id), skuA, bin1.id)).toMatchObject({
      countedQty: 10,
      variance: 0,
      rounds: 2,
    });
    // Counts are facts: the table refuses changes.
    expect(() => app.store.db.exec('UPDATE stocktake_count SET counted_qty = 1')).toThrow(/append-only/);
    expect(() => app.store.db.exec('DELETE FROM stocktake_count')).toThrow(/append-only/);
    expect(() => app.store.db.exec('UPDATE stocktake_line SET book_qty = 1')).toThrow(/fixed/);
  });

  it('adds a SKU found in a bin with no book line (book 0), only inside the scope', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'bins', from: 'A-01-01', to: 'A-01-02' } });
    const r = await count(t.id, [{ skuId: skuC, binId: bin2.id, counted: 2 }]);
    expect(r).toEqual({ counted: 1, recounted: 0, added: 1 });
    expect(lineOf(await lines(t.id), skuC, bin2.id)).toMatchObject({ bookQty: 0, added: true, variance: 2 });
    const before = fingerprint(app.store);
    const err = expectError(
      await app.call(A, 'stocktake.count', {
        id: t.id,
        counts: [{ skuId: skuC, binId: bin3.id, counted: 1 }],
      }),
      'VALIDATION',
    );
    expect(err.fields?.['counts.0.skuId']?.key).toBe('validation.notInStocktake');
    expect(fingerprint(app.store)).toBe(before);
  });
});

describe('cancel and approve', () => {
  it('cancels an open stocktake without posting anything', async () => {
    const t = await start({ kind: 'ad_hoc', scope: { type: 'all' } });
    await count(t.id, [{ skuId: skuA, binId: bin1.id, counted: 1 }]);
    const docs = () =>
      (app.store.db.prepare('SELECT COUNT(*) AS n FROM stock_document').get() as { n: number }).n;
    const n = docs();
    const c = await app.ok<Stocktake>(S, 'stocktake.cancel', { id: t.id, reason: '范围选错' });
    expect(c).toMatchObject({ status: 'cancelled', cancelReason: '范围选错' });
    expect(docs()).toBe(n);
    expect(await onHand(skuA, bin1.id)).toBe(10);
    expectError(await app.call(S, 'stocktake.approve', { id: t.id }), 'CONFLICT', 'stocktakeClosed');
    expectError(
      await app.call(A, 'stocktake.count', {
        id: t.id,
        counts: [{ skuId: skuB, binId: bin1.id, counted: 1 }],
      }),
      'CONFLICT',
      'stocktakeClosed',
    );
    expectError(await app.call(A, 'stocktake.cancel', { id: t.id, reason: 'x' }), 'FORBIDDEN');
  });

  it('approves exactly once, only when every line is counted, and only with the approve permission', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'bins', from: 'A-01-02', to: 'A-01-02' } });
    expectError(await app.call(S, 'stocktake.approve', { id: t.id }), 'CONFLICT', 'stocktakeUncounted');
    await count(t.id, [{ skuId: skuA, binId: bin2.id, counted: 4 }]);
    expectError(await app.call(A, 'stocktake.approve', { id: t.id }), 'FORBIDDEN');
    const first = await app.ok<Stocktake>(S, 'stocktake.approve', { id: t.id });
    const before = fingerprint(app.store);
    const again = await app.ok<Stocktake>(M, 'stocktake.approve', { id: t.id });
    expect(fingerprint(app.store)).toBe(before);
    expect(again).toEqual(first);
    expect(await onHand(skuA, bin2.id)).toBe(4);
    expect(first.gainDocumentNumber).toBeNull();
    const log = changeLogRows(app.store).filter((r) => r.entity === 'stocktake' && r.op === 'approve');
    expect(log).toHaveLength(1);
    expectError(
      await app.call(S, 'stocktake.cancel', { id: t.id, reason: '晚了' }),
      'CONFLICT',
      'stocktakeClosed',
    );
  });
});

describe('random sample', () => {
  it('is reproducible from its recorded seed', async () => {
    expect(sampleOf(['a', 'b', 'c', 'd', 'e'], 3, 42)).toEqual(sampleOf(['a', 'b', 'c', 'd', 'e'], 3, 42));
    expect(sampleOf(['a', 'b'], 5, 1)).toHaveLength(2);
    const t = await start({ kind: 'spot', scope: { type: 'sample', size: 2, seed: 12345 } });
    expect(t).toMatchObject({ sampleSize: 2, sampleSeed: 12345, skuCount: 2 });
    const picked = new Set((await lines(t.id)).rows.map((r) => r.skuId));
    expect(picked.size).toBe(2);
    await app.ok(S, 'stocktake.cancel', { id: t.id, reason: '试一下' });
    const again = await start({ kind: 'spot', scope: { type: 'sample', size: 2, seed: 12345 } });
    expect(new Set((await lines(again.id)).rows.map((r) => r.skuId))).toEqual(picked);
    await app.ok(S, 'stocktake.cancel', { id: again.id, reason: '试一下' });
    // Without a seed one is chosen and recorded.
    const random = await start({ kind: 'spot', scope: { type: 'sample', size: 1 } });
    expect(random.sampleSeed).toEqual(expect.any(Number));
  });
});

describe('variance CSV', () => {
  it('writes every line, largest variance first, with Chinese intact (UTF-8 BOM and GBK)', async () => {
    const t = await start({ kind: 'monthly', scope: { type: 'all' } });
    await count(t.id, [
      { skuId: skuA, binId: bin1.id, counted: 8 },
      { skuId: skuA, binId: bin2.id, counted: 6 },
      { skuId: skuB, binId: bin1.id, counted: 4 },
      { skuId: skuC, binId: bin3.id, counted: 21 },
    ]);
    const r = await app.ok<ExportResult>(D, 'stocktake.exportCsv', { id: t.id });
    if (r.cancelled) throw new Error('cancelled');
    expect(r.rows).toBe(4);
    expect(path.basename(r.path)).toMatch(/^盘点差异_PD-.*\.csv$/);
    const bytes = fs.readFileSync(r.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const rows = text.split('\r\n');
    expect(rows[0]).toBe(
      '库位,商家编码,商品名称,规格,账面数量,盘点时应有,实盘数量,差异数量,单位成本(元),差异金额(元),初盘人,末次盘点人,盘点次数',
    );
    expect(rows[1]).toBe(
      'A-01-01,TX001-WH-L,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:L,10,10,8,-2,25.00,-50.00,wh_agent-人员,wh_agent-人员,1',
    );
    expect(rows[2]).toContain('Q1-1,加厚连帽卫衣');
    expect(rows[2]).toContain(',20,20,21,1,10.00,10.00,');

    const g = await app.ok<ExportResult>(S, 'stocktake.exportCsv', { id: t.id, encoding: 'gbk' });
    if (g.cancelled) throw new Error('cancelled');
    const gbk = new TextDecoder('gb18030').decode(fs.readFileSync(g.path));
    expect(gbk).toContain('纯棉圆领短袖T恤 男款');
    expect(gbk.split('\r\n')[0]).toBe(rows[0]);
  });
});
