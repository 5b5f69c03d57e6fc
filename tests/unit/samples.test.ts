// Samples lent to the art team (样品借出) against a real store, through the real router: a shoot task
// requests samples → the warehouse issues them on a posted 其他出库 with exact movements (bins in walk
// order) → partial return good + damaged on a posted 其他入库 → what is still out → overdue → write-off
// → the task can be approved. Refusals: more than out, negative stock, wrong role, not the task's
// people, completing the task with samples out. CSV read back with Chinese intact.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Paged, StockDocument } from '../../src-main/api/contract';
import type { Task } from '../../src-main/api/contract-art';
import type { Loan, LoanCounts, LoanRow } from '../../src-main/api/contract-samples';
import { decodeBytes } from '../../src-main/lib/encoding';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const A = '00000000-0000-4000-8000-0000000000c1'; // 美工专员 (the designer)
const S = '00000000-0000-4000-8000-0000000000c2'; // 美工主管
const W = '00000000-0000-4000-8000-0000000000c3'; // 仓储专员
const WS = '00000000-0000-4000-8000-0000000000c4'; // 仓储主管
const M = '00000000-0000-4000-8000-0000000000c5'; // 店长
let app: TestApp;
let now = Date.parse('2026-11-28T02:00:00Z'); // 10:00 in Shanghai
afterEach(() => app?.close());

interface Ids {
  sku1: string;
  sku2: string;
  bin1: string;
  bin2: string;
  bin3: string;
  defects: string;
  taskId: string;
}

/** Two SKUs; bins A-01-01 (walk 1, 2 of sku1), A-01-02 (walk 2, 5 of sku1, 3 of sku2), defects bin; a shoot task. */
async function setup(): Promise<Ids> {
  now = Date.parse('2026-11-28T02:00:00Z');
  app = makeApp({ shop: true, now: () => now });
  for (const [c, role] of [
    [A, 'art_agent'],
    [S, 'art_supervisor'],
    [W, 'wh_agent'],
    [WS, 'wh_supervisor'],
    [M, 'manager'],
  ] as const)
    await app.signInAs(c, role);
  const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct());
  const [sku1, sku2] = p.skus.map((s) => s.id) as [string, string];
  const bin1 = (await app.ok<{ id: string }>(WS, 'warehouse.saveBin', { code: 'A-01-01', walkOrder: 1 })).id;
  const bin2 = (await app.ok<{ id: string }>(WS, 'warehouse.saveBin', { code: 'A-01-02', walkOrder: 2 })).id;
  const bin3 = (await app.ok<{ id: string }>(WS, 'warehouse.saveBin', { code: 'A-01-03', walkOrder: 3 })).id;
  const defects = (
    await app.ok<{ id: string }>(WS, 'warehouse.saveBin', { code: 'C-99-01', kind: 'defects' })
  ).id;
  const d = await app.ok<{ id: string }>(W, 'warehouse.saveDraft', {
    type: 'purchase_in',
    lines: [
      { skuId: sku1, binId: bin1, quantity: 2 },
      { skuId: sku1, binId: bin2, quantity: 5 },
      { skuId: sku2, binId: bin2, quantity: 3 },
    ],
  });
  await app.ok(W, 'warehouse.post', { id: d.id });
  const task = await app.ok<Task>(A, 'art.taskSave', {
    type: 'shoot',
    title: '白色T恤 模特图',
    skuIds: [sku1, sku2],
    dueDate: '2026-12-05',
  });
  await app.ok(A, 'art.taskMove', { id: task.id, to: 'doing' }); // the designer takes it
  return { sku1, sku2, bin1, bin2, bin3, defects, taskId: task.id };
}

const onHand = (skuId: string, binId: string) =>
  (
    app.store.db
      .prepare('SELECT on_hand FROM stock_balance WHERE sku_id = ? AND bin_id = ?')
      .get(skuId, binId) as { on_hand: number } | undefined
  )?.on_hand ?? 0;

const request = (ids: Ids, extra: Record<string, unknown> = {}) => ({
  taskId: ids.taskId,
  dueDate: '2026-12-01',
  notes: '拍摄用，周一归还',
  lines: [
    { skuId: ids.sku1, quantity: 3 },
    { skuId: ids.sku2, quantity: 1 },
  ],
  ...extra,
});

describe('sample loans', () => {
  it('request → issue (posted 其他出库, bins in walk order) → partial return good + damaged → out → overdue → write-off → closed', async () => {
    const ids = await setup();
    const loan = await app.ok<Loan>(A, 'samples.request', request(ids));
    expect(loan).toMatchObject({
      status: 'requested',
      borrowerId: app.people.art_agent!.id,
      dueDate: '2026-12-01',
      outQuantity: 0,
      outDocumentNumber: null,
    });
    expect(loan.number).toMatch(/^YP-[A-Z2-9]{4}-20261128-0001$/);
    expect(await app.ok<LoanCounts>(W, 'samples.counts')).toEqual({ requested: 1, out: 0, overdue: 0 });

    // The warehouse issues: sku1 ×3 = 2 from A-01-01 (walk 1) + 1 from A-01-02; sku2 ×1 from A-01-02.
    const issued = await app.ok<Loan>(W, 'samples.issue', { id: loan.id, expectedVersion: loan.version });
    expect(issued.status).toBe('out');
    expect(issued.outQuantity).toBe(4);
    const out = await app.ok<StockDocument>(W, 'warehouse.getDocument', { id: issued.outDocumentId });
    expect(out).toMatchObject({
      type: 'other_out',
      status: 'posted',
      reason: '样品借出',
      counterpart: 'art_agent-人员',
      orderRef: loan.number,
    });
    expect(out.lines.map((l) => [l.skuCode, l.binCode, l.quantity])).toEqual([
      ['TX001-WH-L', 'A-01-01', 2],
      ['TX001-WH-L', 'A-01-02', 1],
      ['TX001-BK-XL', 'A-01-02', 1],
    ]);
    const moves = app.store.db
      .prepare(
        `SELECT s.code, b.code AS bin, m.qty_delta FROM stock_movement m JOIN sku s ON s.id = m.sku_id
         JOIN bin b ON b.id = m.bin_id WHERE m.document_id = ? ORDER BY m.seq`,
      )
      .all(out.id);
    expect(moves).toEqual([
      { code: 'TX001-WH-L', bin: 'A-01-01', qty_delta: -2 },
      { code: 'TX001-WH-L', bin: 'A-01-02', qty_delta: -1 },
      { code: 'TX001-BK-XL', bin: 'A-01-02', qty_delta: -1 },
    ]);
    expect([onHand(ids.sku1, ids.bin1), onHand(ids.sku1, ids.bin2), onHand(ids.sku2, ids.bin2)]).toEqual([
      0, 4, 2,
    ]);
    // Issuing twice issues once.
    await app.ok(W, 'samples.issue', { id: loan.id });
    expect(
      app.store.db.prepare(`SELECT COUNT(*) AS n FROM stock_document WHERE reason = '样品借出'`).get(),
    ).toEqual({
      n: 1,
    });

    // More than out is refused with the line's path; nothing changes.
    const before = fingerprint(app.store);
    const tooMany = await app.call(W, 'samples.return', {
      id: loan.id,
      lines: [{ skuId: ids.sku1, good: 3, damaged: 1 }],
    });
    expect(tooMany).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: { 'lines.0.good': { key: 'validation.moreThanOut', params: { out: 3 } } },
      },
    });
    expect(fingerprint(app.store)).toBe(before);

    // Partial return: sku1 1 good (back to its first bin by default) + 1 damaged (→ 次品区).
    const back = await app.ok<Loan>(W, 'samples.return', {
      id: loan.id,
      lines: [{ skuId: ids.sku1, good: 1, damaged: 1 }],
    });
    expect(back.status).toBe('out');
    expect(back.lines.map((l) => [l.code, l.issued, l.returnedGood, l.returnedDamaged, l.out])).toEqual([
      ['TX001-WH-L', 3, 1, 1, 1],
      ['TX001-BK-XL', 1, 0, 0, 1],
    ]);
    expect(back.outQuantity).toBe(2);
    expect(back.returnDocumentNumbers).toHaveLength(1);
    const inbound = back.events.find((e) => e.kind === 'returned')!;
    const inDoc = await app.ok<StockDocument>(W, 'warehouse.getDocument', { id: inbound.documentId });
    expect(inDoc).toMatchObject({
      type: 'other_in',
      status: 'posted',
      reason: '样品归还',
      orderRef: loan.number,
    });
    expect(inDoc.lines.map((l) => [l.skuCode, l.binCode, l.quantity, l.note])).toEqual([
      ['TX001-WH-L', 'A-01-01', 1, '良品'],
      ['TX001-WH-L', 'C-99-01', 1, '次品'],
    ]);
    expect([onHand(ids.sku1, ids.bin1), onHand(ids.sku1, ids.defects)]).toEqual([1, 1]);

    // Past the expected return date: overdue in the list, the counts, and the designer's own view.
    now = Date.parse('2026-12-02T02:00:00Z');
    const mine = await app.ok<Paged<LoanRow>>(A, 'samples.list', { filter: { view: 'overdue', mine: true } });
    expect(mine.rows.map((r) => [r.number, r.overdue, r.outQuantity])).toEqual([[loan.number, true, 2]]);
    expect(await app.ok<LoanCounts>(W, 'samples.counts')).toEqual({ requested: 0, out: 1, overdue: 1 });
    expect(
      (await app.ok<Paged<LoanRow>>(S, 'samples.list', { filter: { view: 'overdue', mine: true } })).total,
    ).toBe(0);

    // The task cannot be approved while samples are out ...
    await app.ok(A, 'art.taskMove', { id: ids.taskId, to: 'review' });
    expect(await app.call(S, 'art.taskReview', { id: ids.taskId, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'samplesOut', params: { count: 2 } },
    });

    // Write-off: only 仓储主管, not more than out, with a reason; no stock movement.
    const wo = { id: loan.id, lines: [{ skuId: ids.sku2, quantity: 1 }], reason: '拍摄时遗失' };
    expect(await app.call(W, 'samples.writeOff', wo)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await app.call(WS, 'samples.writeOff', { ...wo, lines: [{ skuId: ids.sku2, quantity: 2 }] }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { 'lines.0.quantity': {} } } });
    const movementsBefore = app.store.db.prepare('SELECT COUNT(*) AS n FROM stock_movement').get();
    const written = await app.ok<Loan>(WS, 'samples.writeOff', wo);
    expect(written.lines[1]).toMatchObject({ writtenOff: 1, out: 0 });
    expect(app.store.db.prepare('SELECT COUNT(*) AS n FROM stock_movement').get()).toEqual(movementsBefore);

    // The last piece back, good, into a chosen bin: the loan closes.
    const closed = await app.ok<Loan>(W, 'samples.return', {
      id: loan.id,
      lines: [{ skuId: ids.sku1, good: 1, goodBinId: ids.bin3 }],
    });
    expect(closed).toMatchObject({ status: 'closed', overdue: false, outQuantity: 0 });
    expect(closed.returnDocumentNumbers).toHaveLength(2);
    expect(onHand(ids.sku1, ids.bin3)).toBe(1);
    expect(closed.events.map((e) => e.kind)).toEqual([
      'requested',
      'issued',
      'returned',
      'writtenOff',
      'returned',
    ]);
    expect(
      await app.call(W, 'samples.return', { id: loan.id, lines: [{ skuId: ids.sku1, good: 1 }] }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'loanNotOut' } });

    // ... now it can.
    expect(await app.ok<Task>(S, 'art.taskReview', { id: ids.taskId, decision: 'approve' })).toMatchObject({
      status: 'done',
    });
    const log = changeLogRows(app.store, { entity: 'sample_loan' }).map((r) => r.op);
    expect(log).toEqual(['create', 'issue', 'return', 'writeOff', 'return', 'close']);
    // sample_event is append-only.
    expect(() => app.store.db.exec(`UPDATE sample_event SET reason = 'x'`)).toThrow(/append-only/);
    expect(() => app.store.db.exec(`DELETE FROM sample_event`)).toThrow(/append-only/);
  });

  it('refuses issuing below zero (the posting rule), and 仓储主管 may override with a reason', async () => {
    const ids = await setup();
    const loan = await app.ok<Loan>(A, 'samples.request', {
      ...request(ids),
      lines: [{ skuId: ids.sku2, quantity: 5 }], // only 3 in stock
    });
    const before = fingerprint(app.store);
    expect(await app.call(W, 'samples.issue', { id: loan.id })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        key: 'negativeStock',
        params: { code: 'TX001-BK-XL', available: 3, quantity: 5 },
      },
    });
    expect(await app.call(W, 'samples.issue', { id: loan.id, overrideReason: '先借后补' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(fingerprint(app.store)).toBe(before);
    const issued = await app.ok<Loan>(WS, 'samples.issue', { id: loan.id, overrideReason: '先借后补' });
    expect(issued.status).toBe('out');
    expect(onHand(ids.sku2, ids.bin2)).toBe(-2);
  });

  it('checks who may request, cancel and complete', async () => {
    const ids = await setup();
    // Warehouse and customer service cannot request (no samples.request).
    expect(await app.call(W, 'samples.request', request(ids))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Another designer, not on the task, cannot; the art supervisor can.
    const other = await app.ok<Task>(S, 'art.taskSave', { type: 'shoot', title: '别的任务', skuIds: [] });
    await app.ok(S, 'art.taskMove', { id: other.id, to: 'doing' });
    expect(await app.call(A, 'samples.request', { ...request(ids), taskId: other.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'samplesNotYourTask' },
    });
    // Field errors: past date, duplicate SKU.
    expect(
      await app.call(A, 'samples.request', {
        ...request(ids),
        dueDate: '2026-11-27',
        lines: [
          { skuId: ids.sku1, quantity: 1 },
          { skuId: ids.sku1, quantity: 2 },
        ],
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          dueDate: { key: 'validation.notInPast' },
          'lines.1.skuId': { key: 'validation.duplicateSku' },
        },
      },
    });
    const viaSupervisor = await app.ok<Loan>(S, 'samples.request', request(ids));
    expect(viaSupervisor.borrowerId).toBe(app.people.art_agent!.id); // the task's designer
    // Cancel before issue (the warehouse may too); not after.
    const cancelled = await app.ok<Loan>(W, 'samples.cancel', { id: viaSupervisor.id, reason: '库存不足' });
    expect(cancelled.status).toBe('cancelled');
    expect(await app.call(W, 'samples.issue', { id: viaSupervisor.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'loanNotRequested' },
    });
    const l2 = await app.ok<Loan>(A, 'samples.request', request(ids));
    await app.ok(W, 'samples.issue', { id: l2.id });
    expect(await app.call(A, 'samples.cancel', { id: l2.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'loanNotRequested' },
    });

    // Completing with samples out: the art supervisor with a reason (recorded); a pending request is cancelled.
    const l3 = await app.ok<Loan>(
      A,
      'samples.request',
      request(ids, { lines: [{ skuId: ids.sku2, quantity: 1 }] }),
    );
    await app.ok(A, 'art.taskMove', { id: ids.taskId, to: 'review' });
    const done = await app.ok<Task>(S, 'art.taskReview', {
      id: ids.taskId,
      decision: 'approve',
      samplesOverrideReason: '样品留作下次拍摄',
    });
    expect(done.status).toBe('done');
    expect((await app.ok<Loan>(S, 'samples.get', { id: l3.id })).status).toBe('cancelled');
    const ev = app.store.db
      .prepare(`SELECT kind, reason FROM sample_event WHERE task_id = ? AND loan_id IS NULL`)
      .all(ids.taskId);
    expect(ev).toEqual([{ kind: 'completedWithSamplesOut', reason: '样品留作下次拍摄' }]);
    // A done task takes no new requests.
    expect(await app.call(A, 'samples.request', request(ids))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'taskDone' },
    });
  });

  it('exports the loans as CSV with Chinese intact', async () => {
    const ids = await setup();
    const loan = await app.ok<Loan>(A, 'samples.request', request(ids));
    await app.ok(W, 'samples.issue', { id: loan.id });
    const r = await app.ok<{ path: string; rows: number }>(W, 'samples.exportCsv', {
      filter: { view: 'all' },
      encoding: 'utf8bom',
    });
    expect(r.rows).toBe(2);
    const bytes = fs.readFileSync(r.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { text, encoding } = decodeBytes(bytes);
    expect(encoding).toBe('UTF-8 BOM');
    const rows = text.trim().split('\r\n');
    expect(rows[0]).toContain('借用单号,状态,是否逾期,设计任务,任务标题,借用人');
    expect(rows[1]).toContain(`${loan.number},借出中,否`);
    expect(rows[1]).toContain('白色T恤 模特图');
    expect(rows[1]).toContain('TX001-WH-L,纯棉圆领短袖T恤 男款');
    const gbk = await app.ok<{ path: string }>(W, 'samples.exportCsv', {
      filter: { view: 'all' },
      encoding: 'gbk',
    });
    expect(new TextDecoder('gb18030').decode(fs.readFileSync(gbk.path))).toContain('借出中');
  });
});
