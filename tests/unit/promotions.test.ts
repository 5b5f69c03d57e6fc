// Promotions (活动, §6.6) against a real store: the window maths (the campaign's days vs the same
// number of days just before, shop-local, inclusive), results from orders (paid, not closed; the
// campaign's SKUs only; per SKU), the checklist (owner or planner ticks, who and when), the summary
// only after the end, phases, and who may do what.
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/api/contract';
import type { Promotion, PromotionResults, PromotionRow } from '../../src-main/api/contract-promotions';
import { addDays, daysInclusive } from '../../src-main/modules/service/promotions';
import { changeLogRows, makeApp, sampleProduct, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000e2';
let app: TestApp;
afterEach(() => app?.close());

let nowMs = 0;
/** Shop time zone Asia/Shanghai: `at('2026-11-10 23:30')` is that wall-clock time in the shop. */
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
let skus: string[] = [];
async function shop(): Promise<void> {
  nowMs = at('2026-11-01 10:00');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(C, 'manager');
  const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  skus = p.skus.map((s) => s.id);
}
async function orderAt(local: string, lines: [number, number][], status = 'paid'): Promise<void> {
  const keep = nowMs;
  nowMs = at(local);
  await app.ok(C, 'orders.create', {
    memberName: '买家',
    status,
    lines: lines.map(([i, quantity]) => ({ skuId: skus[i]!, quantity, priceFen: 5000 })),
  });
  nowMs = keep;
}
const fail = (env: Envelope<unknown>) => {
  if (env.ok) throw new Error('expected a failure');
  return env.error;
};

describe('the window maths', () => {
  it('counts days inclusively and steps across months', () => {
    expect(daysInclusive('2026-11-11', '2026-11-11')).toBe(1);
    expect(daysInclusive('2026-11-10', '2026-11-12')).toBe(3);
    expect(addDays('2026-11-01', -3)).toBe('2026-10-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('compares the campaign days with the same number of days just before, from paid orders of its SKUs', async () => {
    await shop();
    // Campaign 11-10..11-12 (3 days) on the first SKU only; before = 11-07..11-09.
    const p = await app.ok<Promotion>(C, 'promotions.save', {
      name: '双十一',
      startDate: '2026-11-10',
      endDate: '2026-11-12',
      offer: '满 199 减 30',
      skuIds: [skus[0]],
    });
    await orderAt('2026-11-06 23:59', [[0, 9]]); // before the before-window
    await orderAt('2026-11-07 00:00', [[0, 1]]); // before-window, first minute
    await orderAt('2026-11-09 23:59', [[0, 2]]); // before-window, last minute
    await orderAt('2026-11-10 00:00', [
      [0, 3],
      [1, 4],
    ]); // window: only SKU 0 counts (3 × ¥50)
    await orderAt('2026-11-11 12:00', [[0, 1]]);
    await orderAt('2026-11-11 13:00', [[0, 5]], 'closed'); // closed: not a sale
    await orderAt('2026-11-11 14:00', [[0, 5]], 'wait_pay'); // unpaid: not a sale
    await orderAt('2026-11-12 23:59', [[0, 2]]);
    await orderAt('2026-11-13 00:00', [[0, 7]]); // after
    await orderAt('2026-11-11 15:00', [[1, 6]]); // another SKU
    const r = await app.ok<PromotionResults>(C, 'promotions.results', { id: p.id });
    expect(r.window).toEqual({ from: '2026-11-10', to: '2026-11-12', days: 3 });
    expect(r.before).toEqual({ from: '2026-11-07', to: '2026-11-09' });
    expect(r.partial).toBe(true); // the shop's today is 11-01
    expect(r.during).toEqual({ orders: 3, quantity: 6, revenueFen: 30000 });
    expect(r.previous).toEqual({ orders: 2, quantity: 3, revenueFen: 15000 });
    expect(r.bySku).toHaveLength(1);
    expect(r.bySku[0]).toMatchObject({ skuId: skus[0], code: 'TX001-WH-L', during: { orders: 3 } });
    // Adding the second SKU brings its orders in (and splits per SKU).
    await app.ok(C, 'promotions.save', {
      id: p.id,
      expectedVersion: p.version,
      name: '双十一',
      startDate: '2026-11-10',
      endDate: '2026-11-12',
      offer: '满 199 减 30',
      skuIds: [skus[0], skus[1]],
    });
    const r2 = await app.ok<PromotionResults>(C, 'promotions.results', { id: p.id });
    expect(r2.during).toEqual({ orders: 4, quantity: 16, revenueFen: 80000 });
    expect(r2.bySku.map((s) => [s.code, s.during.quantity, s.previous.quantity])).toEqual([
      ['TX001-BK-XL', 10, 0],
      ['TX001-WH-L', 6, 3],
    ]);
    nowMs = at('2026-11-13 09:00');
    expect((await app.ok<PromotionResults>(C, 'promotions.results', { id: p.id })).partial).toBe(false);
  });
});

describe('campaigns, checklist and summary', () => {
  it('refuses an end before the start; phases follow the shop day; logs every change', async () => {
    await shop();
    const bad = fail(
      await app.call(C, 'promotions.save', {
        name: 'x',
        startDate: '2026-11-10',
        endDate: '2026-11-09',
        skuIds: [skus[0]],
      }),
    );
    expect(bad.fields).toEqual({ endDate: { key: 'validation.rangeOrder' } });
    const mk = (name: string, startDate: string, endDate: string) =>
      app.ok<Promotion>(C, 'promotions.save', { name, startDate, endDate, skuIds: [skus[0]] });
    await mk('已结束', '2026-10-01', '2026-10-31');
    await mk('进行中', '2026-11-01', '2026-11-03');
    await mk('未开始', '2026-11-20', '2026-11-22');
    const all = await app.ok<PromotionRow[]>(C, 'promotions.list', {});
    expect(all.map((p) => [p.name, p.phase])).toEqual([
      ['未开始', 'upcoming'],
      ['进行中', 'running'],
      ['已结束', 'ended'],
    ]);
    expect(
      (await app.ok<PromotionRow[]>(C, 'promotions.list', { phase: 'running' })).map((p) => p.name),
    ).toEqual(['进行中']);
    expect(changeLogRows(app.store, { entity: 'promotion' })).toHaveLength(3);
  });

  it('lets the owner or the planner tick an item (who and when), nobody else; a summary only after the end', async () => {
    await shop();
    const p = await app.ok<Promotion>(C, 'promotions.save', {
      name: '年货节',
      startDate: '2026-11-05',
      endDate: '2026-11-06',
      skuIds: [skus[0]],
    });
    await app.signInAs(C, 'cs_supervisor');
    const withTask = await app.ok<Promotion>(C, 'promotions.addTask', {
      promotionId: p.id,
      title: '活动主图',
      ownerId: app.people.art_agent!.id,
      dueDate: '2026-11-03',
    });
    const task = withTask.tasks[0]!;
    expect(task).toMatchObject({ ownerName: 'art_agent-人员', doneAt: null, overdue: false });
    // Another art person may not tick it; its owner may.
    await app.signInAs(C, 'art_supervisor');
    expect(fail(await app.call(C, 'promotions.tickTask', { taskId: task.id, done: true }))).toMatchObject({
      code: 'FORBIDDEN',
      key: 'promotionTaskNotYours',
    });
    nowMs = at('2026-11-02 15:00');
    await app.signInAs(C, 'art_agent');
    const ticked = await app.ok<Promotion>(C, 'promotions.tickTask', { taskId: task.id, done: true });
    expect(ticked.tasks[0]).toMatchObject({
      doneAt: new Date(nowMs).toISOString(),
      doneByName: 'art_agent-人员',
    });
    expect(ticked.tasksDone).toBe(1);
    // Summary: not before the end.
    await app.signInAs(C, 'cs_supervisor');
    nowMs = at('2026-11-06 20:00');
    expect(
      fail(await app.call(C, 'promotions.saveSummary', { id: p.id, summary: '效果不错' })),
    ).toMatchObject({
      code: 'CONFLICT',
      key: 'promotionNotEnded',
    });
    nowMs = at('2026-11-07 09:00');
    const done = await app.ok<Promotion>(C, 'promotions.saveSummary', {
      id: p.id,
      summary: '效果不错，主图点击率高',
    });
    expect(done).toMatchObject({
      summary: '效果不错，主图点击率高',
      summaryByName: 'cs_supervisor-人员',
      phase: 'ended',
    });
    // An untouched item past its date is overdue.
    const late = await app.ok<Promotion>(C, 'promotions.addTask', {
      promotionId: p.id,
      title: '复盘',
      ownerId: app.people.cs_agent!.id,
      dueDate: '2026-11-06',
    });
    expect(late.tasks[1]!.overdue).toBe(true);
    // cs_agent reads but does not plan.
    await app.signInAs(C, 'cs_agent');
    expect(
      fail(
        await app.call(C, 'promotions.save', {
          name: 'x',
          startDate: '2026-12-01',
          endDate: '2026-12-02',
          skuIds: [skus[0]],
        }),
      ).code,
    ).toBe('FORBIDDEN');
    expect((await app.call(C, 'promotions.list', {})).ok).toBe(true);
  });
});
