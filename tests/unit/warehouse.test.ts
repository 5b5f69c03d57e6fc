// The warehouse through the real router on a real SQLite file: bins, drafts, posting (once,
// atomically, never below zero without a supervisor's reason), reversals, transfers, the ledger's
// running balance, balances, and a property test that stock_balance always equals the sum of the
// append-only movements.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  BalancePage,
  Bin,
  Envelope,
  MovementRow,
  Paged,
  Product,
  SkuStock,
  StockDocument,
  StockDocumentRow,
} from '../../src-main/api/contract';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const M = '00000000-0000-4000-8000-0000000000e1'; // manager
const A = '00000000-0000-4000-8000-0000000000e2'; // wh_agent
const S = '00000000-0000-4000-8000-0000000000e3'; // wh_supervisor

let app: TestApp;
let skuA: string; // TX001-WH-L, cost 2500
let skuB: string; // TX001-BK-XL
let productId: string;
let productVersion: string;
let bin1: Bin;
let bin2: Bin;

function expectError(env: Envelope<unknown>, code: string, key?: string) {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('expected an error');
  expect(env.error.code).toBe(code);
  if (key) expect(env.error.key).toBe(key);
  return env.error;
}

const saveBin = (input: Record<string, unknown>, client = M) =>
  app.ok<Bin>(client, 'warehouse.saveBin', input);
const draft = (input: Record<string, unknown>, client = M) =>
  app.ok<StockDocument>(client, 'warehouse.saveDraft', input);
const post = (id: string, client = M, extra: Record<string, unknown> = {}) =>
  app.ok<StockDocument>(client, 'warehouse.post', { id, ...extra });
const stock = (skuId: string) => app.ok<SkuStock>(M, 'warehouse.skuStock', { skuId });
const onHandIn = async (skuId: string, binId: string) =>
  (await stock(skuId)).bins.find((b) => b.binId === binId)?.onHand ?? 0;
const movementCount = () =>
  (app.store.db.prepare('SELECT COUNT(*) AS n FROM stock_movement').get() as { n: number }).n;

/** A posted purchase of `qty` of skuA into bin1 (or as given). */
async function receive(qty: number, skuId = skuA, binId = bin1.id): Promise<StockDocument> {
  const d = await draft({
    type: 'purchase_in',
    counterpart: '义乌某服饰厂',
    lines: [{ skuId, binId, quantity: qty }],
  });
  return post(d.id);
}

beforeEach(async () => {
  app = makeApp({ shop: true });
  await app.signInAs(M, 'manager');
  await app.signInAs(A, 'wh_agent');
  await app.signInAs(S, 'wh_supervisor');
  const p = await app.ok<Product>(M, 'catalog.create', sampleProduct());
  productId = p.id;
  productVersion = p.version;
  skuA = p.skus.find((s) => s.code === 'TX001-WH-L')!.id;
  skuB = p.skus.find((s) => s.code === 'TX001-BK-XL')!.id;
  bin1 = await saveBin({ code: 'a-01-01', zone: 'A区', capacity: 100 });
  bin2 = await saveBin({ code: 'A-01-02', zone: 'A区' });
});
afterEach(() => app.close());

describe('bins', () => {
  it('stores codes upper-case, refuses duplicates and bad codes, orders by walk order', async () => {
    expect(bin1).toMatchObject({ code: 'A-01-01', kind: 'normal', capacity: 100, onHand: 0, retired: false });
    const dup = await app.call(M, 'warehouse.saveBin', { code: 'A-01-01' });
    expect(expectError(dup, 'VALIDATION').fields).toEqual({ code: { key: 'validation.binCodeTaken' } });
    const bad = await app.call(M, 'warehouse.saveBin', { code: 'A 01' });
    expect(expectError(bad, 'VALIDATION').fields).toEqual({ code: { key: 'validation.binCodeFormat' } });
    // A new bin without a walk order goes where its code sorts.
    await saveBin({ code: 'Z-09', walkOrder: 50 });
    await saveBin({ code: 'A-01-00' });
    const defects = await saveBin({ code: 'X-00', kind: 'defects' });
    expect(defects.kind).toBe('defects');
    const codes = (await app.ok<Bin[]>(M, 'warehouse.listBins', {})).map((b) => b.code);
    expect(codes).toEqual(['A-01-00', 'A-01-01', 'A-01-02', 'X-00', 'Z-09']);
    const edited = await saveBin({
      id: bin2.id,
      expectedVersion: bin2.version,
      code: 'A-01-02',
      note: '靠门',
      walkOrder: 99,
    });
    expect(edited).toMatchObject({ note: '靠门', walkOrder: 99 });
    const stale = await app.call(M, 'warehouse.saveBin', {
      id: bin2.id,
      expectedVersion: bin2.version,
      code: 'B-01',
    });
    expectError(stale, 'CONFLICT', 'staleEdit');
    expect(changeLogRows(app.store, { entity: 'bin' }).map((r) => r.op)).toEqual([
      'create',
      'create',
      'create',
      'create',
      'create',
      'update',
    ]);
  });

  it('shows on-hand pieces, SKU count and fill ratio', async () => {
    await receive(30);
    await receive(10, skuB);
    const [b1, b2] = await app.ok<Bin[]>(M, 'warehouse.listBins', {});
    expect(b1).toMatchObject({ code: 'A-01-01', onHand: 40, skuCount: 2, fillRatio: 0.4 });
    expect(b2).toMatchObject({ code: 'A-01-02', onHand: 0, skuCount: 0, fillRatio: null });
  });

  it('refuses retiring a bin that holds stock; a retired bin is hidden and refused on lines', async () => {
    await receive(5);
    const env = await app.call(S, 'warehouse.setBinRetired', { id: bin1.id, retired: true });
    expect(expectError(env, 'CONFLICT', 'binNotEmpty').params).toEqual({ code: 'A-01-01', onHand: 5 });
    expectError(await app.call(A, 'warehouse.setBinRetired', { id: bin2.id, retired: true }), 'FORBIDDEN');
    const retired = await app.ok<Bin>(S, 'warehouse.setBinRetired', { id: bin2.id, retired: true });
    expect(retired.retired).toBe(true);
    expect((await app.ok<Bin[]>(M, 'warehouse.listBins', {})).map((b) => b.code)).toEqual(['A-01-01']);
    expect(await app.ok<Bin[]>(M, 'warehouse.listBins', { includeRetired: true })).toHaveLength(2);
    const refused = await app.call(M, 'warehouse.saveDraft', {
      type: 'transfer',
      lines: [{ skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 1 }],
    });
    expect(expectError(refused, 'VALIDATION').fields).toEqual({
      'lines.0.toBinId': { key: 'validation.binRetired', params: { bin: 'A-01-02' } },
    });
  });
});

describe('drafts', () => {
  it('checks lines: archived SKUs, transfer bins, toBinId only on transfers', async () => {
    await app.ok(M, 'catalog.update', {
      ...sampleProduct(),
      skus: [sampleProduct().skus[0]],
      id: productId,
      expectedVersion: productVersion,
    }); // archives TX001-BK-XL
    const env = await app.call(M, 'warehouse.saveDraft', {
      type: 'transfer',
      lines: [
        { skuId: skuB, binId: bin1.id, toBinId: bin2.id, quantity: 1 },
        { skuId: skuA, binId: bin1.id, toBinId: bin1.id, quantity: 1 },
        { skuId: skuA, binId: bin1.id, quantity: 1 },
      ],
    });
    expect(expectError(env, 'VALIDATION').fields).toEqual({
      'lines.0.skuId': { key: 'validation.skuArchived', params: { code: 'TX001-BK-XL' } },
      'lines.1.toBinId': { key: 'validation.sameBin' },
      'lines.2.toBinId': { key: 'validation.required' },
    });
    const zero = await app.call(M, 'warehouse.saveDraft', {
      type: 'other_in',
      lines: [{ skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 0 }],
    });
    expect(Object.keys(expectError(zero, 'VALIDATION').fields!)).toEqual(['lines.0.quantity']);
    const toBin = await app.call(M, 'warehouse.saveDraft', {
      type: 'other_in',
      lines: [{ skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 1 }],
    });
    expect(expectError(toBin, 'VALIDATION').fields).toEqual({
      'lines.0.toBinId': { key: 'validation.toBinNotAllowed' },
    });
  });

  it('saves, edits with expectedVersion, defaults the cost and date, and discards', async () => {
    const d = await draft({
      type: 'purchase_in',
      counterpart: '厂家',
      lines: [{ skuId: skuA, binId: bin1.id, quantity: 3 }],
    });
    expect(d).toMatchObject({
      status: 'draft',
      type: 'purchase_in',
      totalQuantity: 3,
      totalFen: 7500,
      lineCount: 1,
    });
    expect(d.docDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.lines[0]).toMatchObject({
      skuCode: 'TX001-WH-L',
      binCode: 'A-01-01',
      unitCostFen: 2500,
      amountFen: 7500,
    });
    const e = await draft({
      id: d.id,
      expectedVersion: d.version,
      type: 'purchase_in',
      counterpart: '另一家',
      lines: [
        { skuId: skuA, binId: bin1.id, quantity: 2, unitCostFen: 2000 },
        { skuId: skuB, binId: bin2.id, quantity: 1 },
      ],
    });
    expect(e.lines.map((l) => [l.lineNo, l.quantity, l.unitCostFen])).toEqual([
      [1, 2, 2000],
      [2, 1, 2500],
    ]);
    expect(e.number).toBe(d.number);
    const stale = await app.call(M, 'warehouse.saveDraft', {
      id: d.id,
      expectedVersion: d.version,
      type: 'purchase_in',
      lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }],
    });
    expectError(stale, 'CONFLICT', 'staleEdit');
    const typeChange = await app.call(M, 'warehouse.saveDraft', {
      id: d.id,
      expectedVersion: e.version,
      type: 'other_in',
      lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }],
    });
    expect(expectError(typeChange, 'VALIDATION').fields).toEqual({ type: { key: 'validation.typeFixed' } });
    await app.ok(A, 'warehouse.discardDraft', { id: d.id, expectedVersion: e.version });
    expectError(await app.call(M, 'warehouse.getDocument', { id: d.id }), 'NOT_FOUND');
    expect((await app.ok<Paged<StockDocumentRow>>(M, 'warehouse.listDocuments', {})).total).toBe(0);
    expect(changeLogRows(app.store, { entity: 'stock_document' }).map((r) => r.op)).toEqual([
      'create',
      'update',
      'delete',
    ]);
    // Discarding again: it is gone.
    expectError(await app.call(M, 'warehouse.discardDraft', { id: d.id }), 'NOT_FOUND');
  });

  it('numbers documents with the device code, per prefix and day', async () => {
    const day = app.store.localDay('Asia/Shanghai');
    const dev = app.store.deviceCode;
    const a = await draft({ type: 'purchase_in', lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }] });
    const b = await draft({ type: 'return_in', lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }] });
    const c = await draft({ type: 'sales_out', lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }] });
    const t = await draft({
      type: 'transfer',
      lines: [{ skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 1 }],
    });
    expect([a.number, b.number, c.number, t.number]).toEqual([
      `RK-${dev}-${day}-0001`,
      `RK-${dev}-${day}-0002`,
      `CK-${dev}-${day}-0001`,
      `DB-${dev}-${day}-0001`,
    ]);
  });
});

describe('posting', () => {
  it('posts once: movements, balances and one change-log entry; a second post writes nothing', async () => {
    const d = await draft({
      type: 'purchase_in',
      lines: [
        { skuId: skuA, binId: bin1.id, quantity: 10 },
        { skuId: skuA, binId: bin1.id, quantity: 5 },
        { skuId: skuB, binId: bin2.id, quantity: 7 },
      ],
    });
    const p = await post(d.id, A);
    expect(p).toMatchObject({ status: 'posted', postedByName: 'wh_agent-人员', overrideReason: null });
    expect(p.postedAt).not.toBeNull();
    expect(movementCount()).toBe(3);
    expect(await onHandIn(skuA, bin1.id)).toBe(15);
    expect(await onHandIn(skuB, bin2.id)).toBe(7);
    const posts = changeLogRows(app.store, { entity: 'stock_document' }).filter((r) => r.op === 'post');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.label).toBe(d.number);

    const before = fingerprint(app.store);
    const again = await post(d.id, A);
    expect(again).toEqual(p);
    expect(fingerprint(app.store)).toBe(before);
  });

  it('posted documents cannot be edited or discarded', async () => {
    const p = await receive(3);
    const edit = await app.call(M, 'warehouse.saveDraft', {
      id: p.id,
      expectedVersion: p.version,
      type: 'purchase_in',
      lines: [{ skuId: skuA, binId: bin1.id, quantity: 300 }],
    });
    expectError(edit, 'CONFLICT', 'documentPosted');
    expectError(await app.call(M, 'warehouse.discardDraft', { id: p.id }), 'CONFLICT', 'documentPosted');
  });

  it('refuses to go below zero; an agent cannot override; a supervisor can, and the reason is kept', async () => {
    await receive(4);
    const out = await draft(
      { type: 'sales_out', orderRef: '3721234567890', lines: [{ skuId: skuA, binId: bin1.id, quantity: 6 }] },
      A,
    );
    const before = fingerprint(app.store);
    const refused = await app.call(A, 'warehouse.post', { id: out.id });
    expect(expectError(refused, 'CONFLICT', 'negativeStock').params).toEqual({
      code: 'TX001-WH-L',
      bin: 'A-01-01',
      available: 4,
      quantity: 6,
    });
    expectError(
      await app.call(A, 'warehouse.post', { id: out.id, overrideReason: '先发货后补单' }),
      'FORBIDDEN',
    );
    expect(fingerprint(app.store)).toBe(before);
    const ok = await post(out.id, S, { overrideReason: '先发货后补单' });
    expect(ok).toMatchObject({ status: 'posted', overrideReason: '先发货后补单' });
    expect(await onHandIn(skuA, bin1.id)).toBe(-2);
    // An override reason on a post that does not need one is not recorded.
    const fine = await draft({ type: 'other_in', lines: [{ skuId: skuA, binId: bin1.id, quantity: 2 }] });
    expect((await post(fine.id, S, { overrideReason: '不需要' })).overrideReason).toBeNull();
  });

  it('refuses posting a draft whose SKU was archived since', async () => {
    const d = await draft({ type: 'purchase_in', lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }] });
    await app.ok(M, 'catalog.setArchived', { productId, archived: true });
    expect(
      expectError(await app.call(M, 'warehouse.post', { id: d.id }), 'CONFLICT', 'skuArchived').params,
    ).toEqual({
      code: 'TX001-WH-L',
    });
  });

  it('refuses posting a draft whose bin or to-bin was retired since, and answers the posted totals', async () => {
    await receive(10);
    const t = await draft({
      type: 'transfer',
      lines: [
        { skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 4 },
        { skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 1 },
      ],
    });
    await app.ok(S, 'warehouse.setBinRetired', { id: bin2.id, retired: true });
    const before = fingerprint(app.store);
    expect(
      expectError(await app.call(M, 'warehouse.post', { id: t.id }), 'CONFLICT', 'binRetired').params,
    ).toEqual({ bin: 'A-01-02' });
    expect(fingerprint(app.store)).toBe(before);
    await app.ok(S, 'warehouse.setBinRetired', { id: bin2.id, retired: false });
    const posted = await post(t.id, A);
    expect(posted).toMatchObject({ status: 'posted', lineCount: 2, totalQuantity: 5, totalFen: 5 * 2500 });
    expect(posted).toEqual(await app.ok(M, 'warehouse.getDocument', { id: t.id }));
    const list = await app.ok<{ rows: StockDocument[] }>(M, 'warehouse.listDocuments', { type: 'transfer' });
    expect(list.rows.find((r) => r.id === t.id)).toMatchObject({
      lineCount: 2,
      totalQuantity: 5,
      totalFen: 12500,
    });
  });

  it('a transfer moves stock between bins', async () => {
    await receive(10);
    const t = await draft({
      type: 'transfer',
      lines: [{ skuId: skuA, binId: bin1.id, toBinId: bin2.id, quantity: 4 }],
    });
    expect(t.lines[0]).toMatchObject({ binCode: 'A-01-01', toBinCode: 'A-01-02' });
    await post(t.id, A);
    const s = await stock(skuA);
    expect(s.bins.map((b) => [b.binCode, b.onHand])).toEqual([
      ['A-01-01', 6],
      ['A-01-02', 4],
    ]);
    expect(s.total).toBe(10);
    expect(s.lastMovement).toMatchObject({ documentNumber: t.number, balance: 10 });
    // Too many for the source bin.
    const t2 = await draft({
      type: 'transfer',
      lines: [{ skuId: skuA, binId: bin2.id, toBinId: bin1.id, quantity: 5 }],
    });
    expect(
      expectError(await app.call(A, 'warehouse.post', { id: t2.id }), 'CONFLICT', 'negativeStock').params,
    ).toMatchObject({ bin: 'A-01-02', available: 4 });
  });
});

describe('reversing', () => {
  it('posts a linked reversal that undoes the movements, once; a reversal cannot be reversed', async () => {
    const p = await receive(8);
    expectError(await app.call(A, 'warehouse.reverse', { id: p.id, reason: '录错了' }), 'FORBIDDEN');
    const r = await app.ok<StockDocument>(S, 'warehouse.reverse', { id: p.id, reason: '录错了' });
    expect(r).toMatchObject({
      status: 'posted',
      type: 'purchase_in',
      reason: '录错了',
      reversesId: p.id,
      reversesNumber: p.number,
      totalQuantity: 8,
    });
    expect(r.number).not.toBe(p.number);
    const orig = await app.ok<StockDocument>(M, 'warehouse.getDocument', { id: p.id });
    expect(orig).toMatchObject({ reversedById: r.id, reversedByNumber: r.number });
    expect(await onHandIn(skuA, bin1.id)).toBe(0);
    const moves = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { documentId: r.id });
    expect(moves.rows.map((m) => m.qtyDelta)).toEqual([-8]);

    expect(
      expectError(
        await app.call(S, 'warehouse.reverse', { id: p.id, reason: '再来' }),
        'CONFLICT',
        'alreadyReversed',
      ).params,
    ).toEqual({ number: p.number, by: r.number });
    expectError(
      await app.call(S, 'warehouse.reverse', { id: r.id, reason: 'x' }),
      'CONFLICT',
      'reversalOfReversal',
    );
    const d = await draft({ type: 'other_in', lines: [{ skuId: skuA, binId: bin1.id, quantity: 1 }] });
    expectError(await app.call(S, 'warehouse.reverse', { id: d.id, reason: 'x' }), 'CONFLICT', 'notPosted');
  });

  it('a reversal may not drive stock negative without an override reason', async () => {
    const p = await receive(5);
    const out = await draft({
      type: 'other_out',
      reason: '样品领用',
      lines: [{ skuId: skuA, binId: bin1.id, quantity: 3 }],
    });
    await post(out.id);
    const before = fingerprint(app.store);
    const refused = await app.call(S, 'warehouse.reverse', { id: p.id, reason: '退回供应商' });
    expect(expectError(refused, 'CONFLICT', 'negativeStock').params).toMatchObject({
      available: 2,
      quantity: 5,
    });
    expect(fingerprint(app.store)).toBe(before);
    const r = await app.ok<StockDocument>(S, 'warehouse.reverse', {
      id: p.id,
      reason: '退回供应商',
      overrideReason: '样品已出库，稍后补单',
    });
    expect(r.overrideReason).toBe('样品已出库，稍后补单');
    expect(await onHandIn(skuA, bin1.id)).toBe(-3);
    // Reversing a transfer moves the stock back.
    const t = await draft({
      type: 'transfer',
      lines: [{ skuId: skuB, binId: bin1.id, toBinId: bin2.id, quantity: 1 }],
    });
    await receive(2, skuB);
    await post(t.id);
    await app.ok(S, 'warehouse.reverse', { id: t.id, reason: '调错了' });
    expect([await onHandIn(skuB, bin1.id), await onHandIn(skuB, bin2.id)]).toEqual([2, 0]);
  });
});

describe('ledger and balances', () => {
  it('shows movements newest first with the running balance of the SKU (and bin)', async () => {
    await receive(10);
    await receive(5, skuA, bin2.id);
    const out = await draft({ type: 'sales_out', lines: [{ skuId: skuA, binId: bin1.id, quantity: 3 }] });
    await post(out.id, A);
    await receive(2, skuB);
    const bySku = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { skuId: skuA });
    expect(bySku.total).toBe(3);
    expect(bySku.rows.map((r) => [r.binCode, r.qtyDelta, r.balance])).toEqual([
      ['A-01-01', -3, 12],
      ['A-01-02', 5, 15],
      ['A-01-01', 10, 10],
    ]);
    const byBin = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { skuId: skuA, binId: bin1.id });
    expect(byBin.rows.map((r) => [r.qtyDelta, r.balance])).toEqual([
      [-3, 7],
      [10, 10],
    ]);
    // Filters do not change the balances shown.
    const outs = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { skuId: skuA, type: 'sales_out' });
    expect(outs.rows.map((r) => [r.qtyDelta, r.balance, r.staffName, r.documentType])).toEqual([
      [-3, 12, 'wh_agent-人员', 'sales_out'],
    ]);
    const all = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { limit: 2 });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => [r.skuCode, r.balance])).toEqual([
      ['TX001-BK-XL', null],
      ['TX001-WH-L', null],
    ]);
    const byStaff = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', {
      staffId: app.people.wh_agent!.id,
    });
    expect(byStaff.total).toBe(1);
    const future = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { from: '2999-01-01T00:00:00Z' });
    expect(future.total).toBe(0);
  });

  it('pages and counts a SKU (or bin) ledger with a further filter like the whole ledger filtered', async () => {
    for (let i = 0; i < 6; i++) {
      await receive(5 + i, skuA, i % 2 ? bin1.id : bin2.id);
      const out = await draft({
        type: 'sales_out',
        lines: [{ skuId: skuA, binId: i % 2 ? bin1.id : bin2.id, quantity: 1 + (i % 3) }],
      });
      await post(out.id, i % 2 ? A : M);
      await receive(1, skuB);
    }
    const key = (r: MovementRow) => [r.seq, r.documentType, r.qtyDelta, r.balance, r.binCode, r.staffName];
    for (const base of [{ skuId: skuA }, { skuId: skuA, binId: bin1.id }, { binId: bin1.id }]) {
      const whole = (await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', { ...base, limit: 500 })).rows;
      for (const [filter, keep] of [
        [{ type: 'sales_out' }, (r: MovementRow) => r.documentType === 'sales_out'],
        [{ type: 'purchase_in' }, (r: MovementRow) => r.documentType === 'purchase_in'],
        [{ staffId: app.people.wh_agent!.id }, (r: MovementRow) => r.staffId === app.people.wh_agent!.id],
      ] as const) {
        const expected = whole.filter(keep);
        expect(expected.length).toBeGreaterThan(0);
        for (const [offset, limit] of [
          [0, 2],
          [2, 2],
          [5, 4],
          [40, 5],
        ] as const) {
          const got = await app.ok<Paged<MovementRow>>(M, 'warehouse.ledger', {
            ...base,
            ...filter,
            offset,
            limit,
          });
          expect(got.total).toBe(expected.length);
          expect(got.rows.map(key)).toEqual(expected.slice(offset, offset + limit).map(key));
        }
      }
    }
  });

  it('lists balances with value and totals; filters by search and bin', async () => {
    await receive(10);
    await receive(4, skuB, bin2.id);
    const out = await draft({ type: 'other_out', lines: [{ skuId: skuB, binId: bin2.id, quantity: 4 }] });
    await post(out.id);
    const page = await app.ok<BalancePage>(M, 'warehouse.balances', {});
    expect(page.rows).toEqual([
      {
        skuId: skuA,
        code: 'TX001-WH-L',
        title: '纯棉圆领短袖T恤 男款',
        spec: '颜色分类:白色;尺码:L',
        binId: bin1.id,
        binCode: 'A-01-01',
        onHand: 10,
        reserved: 0,
        available: 10,
        valueFen: 25000,
      },
    ]);
    expect(page.totals).toEqual({ onHand: 10, reserved: 0, available: 10, valueFen: 25000 });
    const withZero = await app.ok<BalancePage>(M, 'warehouse.balances', { onlyNonZero: false });
    expect(withZero.total).toBe(2);
    expect((await app.ok<BalancePage>(M, 'warehouse.balances', { q: 'cmyl', binId: bin2.id })).total).toBe(0);
    expect((await app.ok<BalancePage>(M, 'warehouse.balances', { q: 'WH-L' })).total).toBe(1);
    const docs = await app.ok<Paged<StockDocumentRow>>(M, 'warehouse.listDocuments', { type: 'other_out' });
    expect(docs.rows.map((r) => r.number)).toEqual([out.number]);
    expect(
      (await app.ok<Paged<StockDocumentRow>>(M, 'warehouse.listDocuments', { q: out.number.toLowerCase() }))
        .total,
    ).toBe(1);
    expect(
      (await app.ok<Paged<StockDocumentRow>>(M, 'warehouse.listDocuments', { status: 'draft' })).total,
    ).toBe(0);
  });

  it('movements are append-only', async () => {
    await receive(1);
    expect(() => app.store.db.exec('UPDATE stock_movement SET qty_delta = 100')).toThrow(/append-only/);
    expect(() => app.store.db.exec('DELETE FROM stock_movement')).toThrow(/append-only/);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: whatever happens, balances are the sum of movements, nothing goes negative without an
// override, and old movements never change.
// ---------------------------------------------------------------------------------------------
describe('property: balances are derived from an append-only ledger', () => {
  let shared: TestApp;
  beforeAll(async () => {
    shared = makeApp({ shop: true });
    await shared.signInAs(A, 'wh_agent');
    await shared.signInAs(S, 'wh_supervisor');
    await shared.signInAs(M, 'manager');
  });
  afterAll(() => shared.close());

  const TYPES = ['purchase_in', 'return_in', 'other_in', 'sales_out', 'other_out', 'transfer'] as const;
  const line = fc.record({
    sku: fc.nat(2),
    bin: fc.nat(2),
    to: fc.nat(2),
    qty: fc.integer({ min: 1, max: 6 }),
  });
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('draft' as const),
      type: fc.constantFrom(...TYPES),
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('post' as const),
      doc: fc.nat(20),
      who: fc.constantFrom(A, S),
      override: fc.boolean(),
    }),
    fc.record({ kind: fc.constant('reverse' as const), doc: fc.nat(20), override: fc.boolean() }),
    fc.record({ kind: fc.constant('discard' as const), doc: fc.nat(20) }),
  );

  const movements = () =>
    shared.store.db.prepare('SELECT * FROM stock_movement ORDER BY seq').all() as Record<string, unknown>[];

  let run = 0;
  it('holds for random drafts, posts, reversals and discards', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        run++;
        const p = await shared.ok<Product>(
          M,
          'catalog.create',
          sampleProduct({
            styleCode: `P${run}`,
            skus: [0, 1, 2].map((i) => ({
              code: `P${run}-${i}`,
              barcode: '',
              spec: '',
              costFen: 100 * i,
              priceFen: 999,
            })),
          }),
        );
        const skus = p.skus.map((s) => s.id);
        const bins: string[] = [];
        for (let i = 0; i < 3; i++)
          bins.push((await shared.ok<Bin>(M, 'warehouse.saveBin', { code: `R${run}-${i}` })).id);
        const docs: string[] = [];
        for (const o of ops) {
          const before = movements();
          if (o.kind === 'draft') {
            const env = await shared.call<StockDocument>(A, 'warehouse.saveDraft', {
              type: o.type,
              lines: o.lines.map((l) => ({
                skuId: skus[l.sku],
                binId: bins[l.bin],
                ...(o.type === 'transfer' ? { toBinId: bins[(l.bin + 1 + (l.to % 2)) % 3] } : {}),
                quantity: l.qty,
              })),
            });
            expect(env.ok).toBe(true);
            if (env.ok) docs.push(env.data.id);
          } else if (docs.length) {
            const id = docs[o.doc % docs.length]!;
            if (o.kind === 'post') {
              await shared.call(o.who, 'warehouse.post', {
                id,
                ...(o.override ? { overrideReason: '盘点后补' } : {}),
              });
            } else if (o.kind === 'reverse') {
              const env = await shared.call<StockDocument>(S, 'warehouse.reverse', {
                id,
                reason: '冲销',
                ...(o.override ? { overrideReason: '主管确认' } : {}),
              });
              if (env.ok) docs.push(env.data.id);
            } else {
              await shared.call(A, 'warehouse.discardDraft', { id });
            }
          }
          // Old movement rows are unchanged (append-only, in order).
          const after = movements();
          expect(after.slice(0, before.length)).toEqual(before);
          // Every balance is the sum of its movements, and every movement is in a balance.
          const mismatches = shared.store.db
            .prepare(
              `SELECT sb.sku_id, sb.bin_id FROM stock_balance sb
                 LEFT JOIN (SELECT sku_id, bin_id, SUM(qty_delta) AS n FROM stock_movement GROUP BY sku_id, bin_id) m
                   ON m.sku_id = sb.sku_id AND m.bin_id = sb.bin_id
               WHERE sb.on_hand <> COALESCE(m.n, 0)
               UNION ALL
               SELECT m.sku_id, m.bin_id FROM stock_movement m
                 LEFT JOIN stock_balance sb ON sb.sku_id = m.sku_id AND sb.bin_id = m.bin_id
               WHERE sb.sku_id IS NULL`,
            )
            .all();
          expect(mismatches).toEqual([]);
          // Nothing negative unless some posted document in that SKU and bin carries an override.
          const unexplained = shared.store.db
            .prepare(
              `SELECT sb.sku_id, sb.bin_id, sb.on_hand FROM stock_balance sb WHERE sb.on_hand < 0 AND NOT EXISTS (
                 SELECT 1 FROM stock_movement m JOIN stock_document d ON d.id = m.document_id
                 WHERE m.sku_id = sb.sku_id AND m.bin_id = sb.bin_id AND d.override_reason IS NOT NULL)`,
            )
            .all();
          expect(unexplained).toEqual([]);
          // Posted documents have movements; drafts have none.
          const wrong = shared.store.db
            .prepare(
              `SELECT d.number FROM stock_document d
               WHERE (d.status = 'posted') <> EXISTS (SELECT 1 FROM stock_movement m WHERE m.document_id = d.id)`,
            )
            .all();
          expect(wrong).toEqual([]);
        }
      }),
      {
        numRuns: 40,
        // One run that surely takes every path: post, refused then overridden post, reversal, discard.
        examples: [
          [
            [
              { kind: 'draft', type: 'purchase_in', lines: [{ sku: 0, bin: 0, to: 0, qty: 3 }] },
              { kind: 'post', doc: 0, who: A, override: false },
              { kind: 'draft', type: 'sales_out', lines: [{ sku: 0, bin: 0, to: 0, qty: 5 }] },
              { kind: 'post', doc: 1, who: A, override: false },
              { kind: 'post', doc: 1, who: S, override: true },
              { kind: 'reverse', doc: 0, override: true },
              { kind: 'draft', type: 'other_in', lines: [{ sku: 1, bin: 1, to: 0, qty: 1 }] },
              { kind: 'discard', doc: 3 },
            ],
          ],
        ],
      },
    );
    // The runs did exercise the interesting paths (the fixed example guarantees each of these).
    const count = (sql: string) => (shared.store.db.prepare(sql).get() as { n: number }).n;
    expect(count(`SELECT COUNT(*) AS n FROM stock_document WHERE status = 'posted'`)).toBeGreaterThanOrEqual(
      3,
    );
    expect(count(`SELECT COUNT(*) AS n FROM stock_document WHERE reverses_id IS NOT NULL`)).toBeGreaterThan(
      0,
    );
    expect(
      count(`SELECT COUNT(*) AS n FROM stock_document WHERE override_reason IS NOT NULL`),
    ).toBeGreaterThan(0);
    expect(count(`SELECT COUNT(*) AS n FROM stock_document WHERE deleted_at IS NOT NULL`)).toBeGreaterThan(0);
  }, 180_000);
});
