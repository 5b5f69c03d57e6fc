// Promotion creative (活动美工任务, §10.4), the checklist edits and the results CSV, against a real
// store through the real router: creative tasks made with a new campaign (by a planner without art
// rights), idempotent creation from the campaign page, due dates ahead of the start (lead days,
// clamped to today and urgent when close), moving them with the start, progress on the campaign
// page, the campaign shown on the task; editing, removing and reordering checklist items (ticked
// items stay); the per-SKU results CSV read back in UTF-8 with BOM and GBK.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, ExportResult } from '../../src-main/api/contract';
import type { Task, TaskRow } from '../../src-main/api/contract-art';
import type {
  CreativeLead,
  Promotion,
  PromotionResults,
  PromotionRow,
} from '../../src-main/api/contract-promotions';
import { creativeSchedule } from '../../src-main/modules/art/creative';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const M = '00000000-0000-4000-8000-0000000000c1'; // 店长
const CS = '00000000-0000-4000-8000-0000000000c2'; // 客服主管: plans campaigns, no art.read
const AS = '00000000-0000-4000-8000-0000000000c3'; // 美工主管
const AG = '00000000-0000-4000-8000-0000000000c4'; // 美工专员
const CA = '00000000-0000-4000-8000-0000000000c5'; // 客服专员

let app: TestApp;
afterEach(() => app?.close());
let nowMs = 0;
const at = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`);
let skus: string[] = [];

async function shop(): Promise<void> {
  nowMs = at('2026-11-01 10:00');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(M, 'manager');
  await app.signInAs(CS, 'cs_supervisor');
  await app.signInAs(AS, 'art_supervisor');
  await app.signInAs(AG, 'art_agent');
  await app.signInAs(CA, 'cs_agent');
  const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct());
  skus = p.skus.map((s) => s.id);
}
const campaign = (name: string, startDate: string, endDate: string, extra: Record<string, unknown> = {}) =>
  app.ok<Promotion>(CS, 'promotions.save', { name, startDate, endDate, skuIds: skus, ...extra });
const fail = (env: Envelope<unknown>) => {
  if (env.ok) throw new Error('expected a failure');
  return env.error;
};
const byKind = (p: Promotion) => Object.fromEntries(p.creative.map((c) => [c.creativeKind, c]));

describe('due dates ahead of the start', () => {
  it('subtracts the lead, clamps to today and sets the priority by the days left', () => {
    expect(creativeSchedule('2026-11-20', 3, '2026-11-01')).toEqual({
      dueDate: '2026-11-17',
      priority: 'normal',
      clamped: false,
    });
    expect(creativeSchedule('2026-11-06', 3, '2026-11-01').priority).toBe('high'); // due 11-03: 2 days
    expect(creativeSchedule('2026-11-07', 3, '2026-11-01').priority).toBe('high'); // due 11-04: 3 days
    expect(creativeSchedule('2026-11-08', 3, '2026-11-01').priority).toBe('normal'); // 4 days
    expect(creativeSchedule('2026-11-03', 1, '2026-11-01')).toEqual({
      dueDate: '2026-11-02',
      priority: 'urgent',
      clamped: false,
    });
    // Would be 10-30: never in the past, today and urgent instead.
    expect(creativeSchedule('2026-11-02', 3, '2026-11-01')).toEqual({
      dueDate: '2026-11-01',
      priority: 'urgent',
      clamped: true,
    });
    // Across a month end.
    expect(creativeSchedule('2026-12-02', 3, '2026-11-01').dueDate).toBe('2026-11-29');
  });
});

describe('creative tasks of a campaign', () => {
  it('are made with a new campaign by a planner without art rights: linked, unassigned, due ahead, logged', async () => {
    await shop();
    const p = await campaign('双十二', '2026-12-12', '2026-12-14', { offer: '满 199 减 30' });
    expect(p.creative).toHaveLength(3);
    const k = byKind(p);
    expect(k.banner).toMatchObject({ type: 'promo', title: '双十二 · 促销图', dueDate: '2026-12-09' });
    expect(k.page).toMatchObject({ type: 'promo', title: '双十二 · 活动页', dueDate: '2026-12-09' });
    expect(k.homepage).toMatchObject({ type: 'homepage', title: '双十二 · 首页更新', dueDate: '2026-12-11' });
    for (const c of p.creative)
      expect(c).toMatchObject({
        status: 'todo',
        priority: 'normal',
        assigneeName: null,
        requesterName: 'cs_supervisor-人员',
        overdue: false,
      });
    expect(p).toMatchObject({ creativeDone: 0, creativeTotal: 3 });
    // On the art board, with the campaign's SKUs, the brief and the campaign on the task.
    const board = await app.ok<{ rows: TaskRow[] }>(AG, 'art.tasksList', {});
    expect(board.rows.map((r) => r.title).sort()).toEqual(
      ['双十二 · 促销图', '双十二 · 活动页', '双十二 · 首页更新'].sort(),
    );
    const task = await app.ok<Task>(AG, 'art.taskGet', { id: k.banner!.id });
    expect(task.skus.map((s) => s.id).sort()).toEqual([...skus].sort());
    expect(task.promotionId).toBe(p.id);
    expect(task.creativeKind).toBe('banner');
    expect(task.promotion).toEqual({
      id: p.id,
      number: p.number,
      name: '双十二',
      startDate: '2026-12-12',
      endDate: '2026-12-14',
    });
    expect(task.brief).toContain('满 199 减 30');
    expect(task.requesterId).toBe(app.people.cs_supervisor!.id);
    expect(task.events.map((e) => e.kind)).toEqual(['created']);
    // The same transaction wrote the campaign and the three tasks, each logged.
    const logs = changeLogRows(app.store, { entity: 'art_task' });
    expect(logs).toHaveLength(3);
    expect(logs.every((l) => l.staff_id === app.people.cs_supervisor!.id && l.op === 'create')).toBe(true);
    // The 客服主管 may not open art tasks (no art.read): the campaign page is their read-only view.
    expect(fail(await app.call(CS, 'art.taskGet', { id: k.banner!.id })).code).toBe('FORBIDDEN');
    const seen = await app.ok<Promotion>(CA, 'promotions.get', { id: p.id });
    expect(seen.creative).toHaveLength(3);
  });

  it('is idempotent: creating again makes only what is missing, never duplicates', async () => {
    await shop();
    const p = await campaign('年货节', '2027-01-10', '2027-01-20');
    const again = await app.ok<Promotion>(AS, 'promotions.createCreative', { id: p.id });
    expect(again.creative.map((c) => c.id).sort()).toEqual(p.creative.map((c) => c.id).sort());
    const same = await app.ok<Promotion>(CS, 'promotions.createCreative', { id: p.id });
    expect(same.creative).toHaveLength(3);
    // A task linked by hand is shown too, and does not stand in for a kind.
    await app.ok(AS, 'art.taskSave', { type: 'main_image', title: '年货节主图', promotionId: p.id });
    expect((await app.ok<Promotion>(AS, 'promotions.get', { id: p.id })).creative).toHaveLength(4);
    // The unique index holds even if a writer forgot to look first.
    expect(() =>
      app.store.db
        .prepare(
          `INSERT INTO art_task (id, number, type, title, requester_id, promotion_id, creative_kind, created_at, updated_at)
           VALUES ('x', 'x', 'promo', 'x', ?, ?, 'banner', 'x', 'x')`,
        )
        .run(app.people.manager!.id, p.id),
    ).toThrow(/UNIQUE/);
    expect(changeLogRows(app.store, { entity: 'art_task' }).filter((l) => l.op === 'create')).toHaveLength(4);
  });

  it('an existing campaign without creative tasks gets them from the campaign page', async () => {
    await shop();
    const p = await campaign('周年庆', '2026-11-05', '2026-11-08');
    // Simulate a campaign made before this feature: no creative tasks.
    app.store.db.prepare(`UPDATE art_task SET deleted_at = 'x' WHERE promotion_id = ?`).run(p.id);
    expect((await app.ok<Promotion>(CS, 'promotions.get', { id: p.id })).creative).toEqual([]);
    const made = await app.ok<Promotion>(AS, 'promotions.createCreative', { id: p.id });
    const k = byKind(made);
    // Start 11-05, today 11-01: banner/page would be 11-02 (1 day left: urgent), homepage 11-04 (high).
    expect([k.banner!.dueDate, k.banner!.priority]).toEqual(['2026-11-02', 'urgent']);
    expect([k.homepage!.dueDate, k.homepage!.priority]).toEqual(['2026-11-04', 'high']);
    // A campaign starting tomorrow: due today, urgent.
    const soon = await campaign('闪购', '2026-11-02', '2026-11-02');
    expect(byKind(soon).banner).toMatchObject({ dueDate: '2026-11-01', priority: 'urgent' });
    expect(byKind(soon).homepage).toMatchObject({ dueDate: '2026-11-01', priority: 'urgent' });
  });

  it('an ended campaign gets none; asking for them is a clear conflict that changes nothing', async () => {
    await shop();
    const p = await campaign('国庆', '2026-10-01', '2026-10-07');
    expect(p.creative).toEqual([]);
    const before = fingerprint(app.store);
    const err = fail(await app.call(AS, 'promotions.createCreative', { id: p.id }));
    expect(err).toMatchObject({ code: 'CONFLICT', key: 'promotionEnded', params: { endDate: '2026-10-07' } });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('only planners and the art supervisor create them from the page', async () => {
    await shop();
    const p = await campaign('会员日', '2026-11-20', '2026-11-20');
    for (const c of [AG, CA]) {
      const before = fingerprint(app.store);
      expect(fail(await app.call(c, 'promotions.createCreative', { id: p.id })).code).toBe('FORBIDDEN');
      expect(fingerprint(app.store)).toBe(before);
    }
  });

  it('uses the art supervisor’s lead days', async () => {
    await shop();
    expect(await app.ok<CreativeLead>(CA, 'art.creativeLeadGet', {})).toEqual({
      banner: 3,
      page: 3,
      homepage: 1,
    });
    expect(fail(await app.call(AG, 'art.creativeLeadSave', { banner: 5, page: 7, homepage: 2 })).code).toBe(
      'FORBIDDEN',
    );
    await app.ok(AS, 'art.creativeLeadSave', { banner: 5, page: 7, homepage: 2 });
    expect(changeLogRows(app.store, { entity: 'art_setting' }).at(-1)).toMatchObject({
      row_id: 'creativeLead',
    });
    const p = await campaign('春装上新', '2026-12-01', '2026-12-05');
    expect(p.creative.map((c) => [c.creativeKind, c.dueDate])).toEqual(
      expect.arrayContaining([
        ['banner', '2026-11-26'],
        ['page', '2026-11-24'],
        ['homepage', '2026-11-29'],
      ]),
    );
  });

  it('moving the start moves the open tasks’ due dates when asked; done ones keep theirs', async () => {
    await shop();
    const p = await campaign('双十二', '2026-12-12', '2026-12-14');
    const k = byKind(p);
    // The designer takes the banner to done (the supervisor approves).
    await app.ok(AG, 'art.taskMove', { id: k.banner!.id, to: 'doing' });
    await app.ok(AG, 'art.taskMove', { id: k.banner!.id, to: 'review' });
    await app.ok(AS, 'art.taskReview', { id: k.banner!.id, decision: 'approve' });
    const edit = (startDate: string, moveCreative: boolean, version: string) =>
      app.ok<Promotion>(CS, 'promotions.save', {
        id: p.id,
        expectedVersion: version,
        name: '双十二',
        startDate,
        endDate: '2026-12-14',
        skuIds: skus,
        moveCreative,
      });
    // Without asking: nothing moves.
    const a = await edit('2026-12-10', false, p.version);
    expect(byKind(a).page!.dueDate).toBe('2026-12-09');
    // Asking: open tasks follow the new start; the done banner keeps its date.
    const b = await edit('2026-12-08', true, a.version);
    expect(byKind(b).banner).toMatchObject({ status: 'done', dueDate: '2026-12-09' });
    expect(byKind(b).page!.dueDate).toBe('2026-12-05');
    expect(byKind(b).homepage!.dueDate).toBe('2026-12-07');
    const moved = changeLogRows(app.store, { entity: 'art_task' }).filter(
      (l) => l.op === 'update' && l.staff_id === app.people.cs_supervisor!.id,
    );
    expect(moved).toHaveLength(2);
    expect(moved.map((l) => l.fields.dueDate)).toEqual(
      expect.arrayContaining([
        { from: '2026-12-09', to: '2026-12-05' },
        { from: '2026-12-11', to: '2026-12-07' },
      ]),
    );
    // Pulled in to the day after tomorrow: clamped to today and raised to urgent.
    const c = await edit('2026-11-02', true, b.version);
    expect(byKind(c).page).toMatchObject({ dueDate: '2026-11-01', priority: 'urgent' });
  });

  it('changing the campaign’s SKUs changes the open tasks’ links; hand-linked SKUs and done tasks stay', async () => {
    await shop();
    const other = await app.ok<{ skus: { id: string }[] }>(
      M,
      'catalog.create',
      sampleProduct({
        title: '加绒卫衣',
        styleCode: 'WY002',
        skus: [
          { code: 'WY002-GR-M', barcode: '', spec: '颜色分类:灰色;尺码:M', costFen: 4000, priceFen: 9900 },
          { code: 'WY002-GR-L', barcode: '', spec: '颜色分类:灰色;尺码:L', costFen: 4000, priceFen: 9900 },
        ],
      }),
    );
    const [w1, w2] = other.skus.map((s) => s.id) as [string, string];
    const save = (skuIds: string[], id?: string) =>
      app.ok<Promotion>(CS, 'promotions.save', {
        id,
        name: '冬季上新',
        startDate: '2026-12-12',
        endDate: '2026-12-14',
        skuIds,
      });
    const p = await save([skus[0]!]);
    const k = byKind(p);
    // The designer links a second SKU to the page by hand; the banner is done.
    const page = await app.ok<Task>(AG, 'art.taskGet', { id: k.page!.id });
    await app.ok(AS, 'art.taskSave', {
      id: page.id,
      type: page.type,
      title: page.title,
      priority: page.priority,
      dueDate: page.dueDate,
      promotionId: page.promotionId,
      skuIds: [...page.skus.map((s) => s.id), w2],
    });
    await app.ok(AG, 'art.taskMove', { id: k.banner!.id, to: 'doing' });
    await app.ok(AG, 'art.taskMove', { id: k.banner!.id, to: 'review' });
    await app.ok(AS, 'art.taskReview', { id: k.banner!.id, decision: 'approve' });
    const before = fingerprint(app.store);
    // Campaign SKUs: skus[0] removed, w1 added.
    await save([w1], p.id);
    expect(fingerprint(app.store)).not.toEqual(before);
    const linked = async (id: string) =>
      (await app.ok<Task>(AG, 'art.taskGet', { id })).skus.map((s) => s.id).sort();
    expect(await linked(k.page!.id)).toEqual([w1, w2].sort());
    expect(await linked(k.homepage!.id)).toEqual([w1]);
    expect(await linked(k.banner!.id)).toEqual([skus[0]]);
    const logged = changeLogRows(app.store, { entity: 'art_task' }).filter(
      (l) => l.op === 'update' && l.staff_id === app.people.cs_supervisor!.id,
    );
    expect(logged.map((l) => l.row_id).sort()).toEqual([k.page!.id, k.homepage!.id].sort());
    expect(logged.find((l) => l.row_id === k.homepage!.id)!.fields.skuIds).toEqual({
      from: [skus[0]],
      to: [w1],
    });
    // Saving the same SKUs again changes no task.
    const again = changeLogRows(app.store, {}).length;
    await save([w1], p.id);
    expect(changeLogRows(app.store, {})).toHaveLength(again);
  });

  it('shows progress on the campaign page and overdue tasks', async () => {
    await shop();
    const p = await campaign('周末特卖', '2026-11-10', '2026-11-11');
    const k = byKind(p);
    await app.ok(AG, 'art.taskMove', { id: k.page!.id, to: 'doing' });
    await app.ok(AG, 'art.taskMove', { id: k.page!.id, to: 'review' });
    await app.ok(AS, 'art.taskReview', { id: k.page!.id, decision: 'approve' });
    nowMs = at('2026-11-08 09:00'); // banner due 11-07: overdue; page done; homepage due 11-09
    const seen = await app.ok<Promotion>(CA, 'promotions.get', { id: p.id });
    expect(seen).toMatchObject({ creativeDone: 1, creativeTotal: 3 });
    expect(byKind(seen).banner).toMatchObject({ overdue: true, status: 'todo' });
    expect(byKind(seen).page).toMatchObject({
      overdue: false,
      status: 'done',
      assigneeName: 'art_agent-人员',
    });
    expect(byKind(seen).homepage!.overdue).toBe(false);
    const row = (await app.ok<PromotionRow[]>(CA, 'promotions.list', {})).find((r) => r.id === p.id);
    expect(row).toMatchObject({ creativeDone: 1, creativeTotal: 3 });
  });
});

describe('checklist edits', () => {
  async function withItems() {
    await shop();
    const p = await campaign('双十一', '2026-11-10', '2026-11-12');
    const add = (title: string) =>
      app.ok<Promotion>(CS, 'promotions.addTask', {
        promotionId: p.id,
        title,
        ownerId: app.people.cs_agent!.id,
        dueDate: '2026-11-08',
      });
    await add('客服话术');
    await add('改价');
    const x = await add('备货');
    return { p: x, ids: Object.fromEntries(x.tasks.map((t) => [t.title, t.id])) as Record<string, string> };
  }

  it('edits title, owner and due date, logged with from and to', async () => {
    const { p, ids } = await withItems();
    const seq = changeLogRows(app.store).length;
    const x = await app.ok<Promotion>(CS, 'promotions.editTask', {
      taskId: ids['改价']!,
      title: '改价（主推款）',
      ownerId: app.people.cs_supervisor!.id,
      dueDate: '2026-11-09',
    });
    expect(x.tasks.find((t) => t.id === ids['改价'])).toMatchObject({
      title: '改价（主推款）',
      ownerId: app.people.cs_supervisor!.id,
      dueDate: '2026-11-09',
    });
    const log = changeLogRows(app.store).slice(seq);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ entity: 'promotion_task', op: 'update', row_id: ids['改价'] });
    expect(log[0]!.fields).toEqual({
      title: { from: '改价', to: '改价（主推款）' },
      owner_id: { from: app.people.cs_agent!.id, to: app.people.cs_supervisor!.id },
      due_date: { from: '2026-11-08', to: '2026-11-09' },
    });
    // An inactive or unknown owner is a field error; nothing changes.
    const before = fingerprint(app.store);
    const err = fail(
      await app.call(CS, 'promotions.editTask', {
        taskId: ids['备货']!,
        title: '备货',
        ownerId: '00000000-0000-4000-8000-00000000dead',
        dueDate: '2026-11-08',
      }),
    );
    expect(err.fields).toEqual({ ownerId: { key: 'validation.activeStaff' } });
    expect(fingerprint(app.store)).toBe(before);
    expect(p.tasks).toHaveLength(3);
  });

  it('removes and reorders; a ticked item stays as history', async () => {
    const { p, ids } = await withItems();
    const order = (x: Promotion) => x.tasks.map((t) => t.title);
    expect(order(p)).toEqual(['客服话术', '改价', '备货']);
    let x = await app.ok<Promotion>(CS, 'promotions.moveTask', { taskId: ids['备货']!, direction: 'up' });
    expect(order(x)).toEqual(['客服话术', '备货', '改价']);
    x = await app.ok<Promotion>(CS, 'promotions.moveTask', { taskId: ids['客服话术']!, direction: 'up' });
    expect(order(x)).toEqual(['客服话术', '备货', '改价']); // already first: nothing
    x = await app.ok<Promotion>(CS, 'promotions.removeTask', { taskId: ids['备货']! });
    expect(order(x)).toEqual(['客服话术', '改价']);
    expect(x).toMatchObject({ tasksTotal: 2 });
    expect(changeLogRows(app.store, { entity: 'promotion_task' }).map((l) => l.op)).toEqual([
      'create',
      'create',
      'create',
      'reorder',
      'reorder',
      'delete',
    ]);
    // The removed row is still in the table (tombstone).
    expect(
      app.store.db.prepare(`SELECT deleted_at FROM promotion_task WHERE id = ?`).get(ids['备货']),
    ).toMatchObject({ deleted_at: expect.any(String) });
    // The owner ticks one: it can no longer be edited or removed, only reordered.
    await app.ok(CA, 'promotions.tickTask', { taskId: ids['改价']!, done: true });
    const before = fingerprint(app.store);
    for (const [ch, input] of [
      ['promotions.removeTask', { taskId: ids['改价']! }],
      [
        'promotions.editTask',
        { taskId: ids['改价']!, title: '改', ownerId: app.people.cs_agent!.id, dueDate: '2026-11-08' },
      ],
    ] as const) {
      const err = fail(await app.call(CS, ch, input));
      expect(err).toMatchObject({ code: 'CONFLICT', key: 'promotionTaskDone', params: { title: '改价' } });
    }
    expect(fingerprint(app.store)).toBe(before);
    // A removed item cannot be ticked or edited any more.
    expect(fail(await app.call(CS, 'promotions.tickTask', { taskId: ids['备货']!, done: true })).code).toBe(
      'NOT_FOUND',
    );
    // Agents cannot edit the checklist.
    expect(fail(await app.call(CA, 'promotions.removeTask', { taskId: ids['客服话术']! })).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('the results CSV', () => {
  async function orderAt(local: string, lines: [number, number][], status = 'paid'): Promise<void> {
    const keep = nowMs;
    nowMs = at(local);
    await app.ok(M, 'orders.create', {
      memberName: '买家',
      status,
      lines: lines.map(([i, quantity]) => ({ skuId: skus[i]!, quantity, priceFen: 5000 })),
    });
    nowMs = keep;
  }

  it('per SKU and a total, window vs the days before, Chinese intact in UTF-8 BOM and GBK', async () => {
    await shop();
    const p = await app.ok<Promotion>(CS, 'promotions.save', {
      name: '双十一 大促/主会场',
      startDate: '2026-11-10',
      endDate: '2026-11-12',
      skuIds: [skus[0], skus[1]],
    });
    await orderAt('2026-11-07 00:00', [[0, 1]]); // before
    await orderAt('2026-11-09 23:59', [[0, 2]]); // before
    await orderAt('2026-11-10 00:00', [
      [0, 3],
      [1, 4],
    ]);
    await orderAt('2026-11-11 12:00', [[0, 1]]);
    await orderAt('2026-11-11 13:00', [[0, 5]], 'closed'); // not a sale
    await orderAt('2026-11-13 00:00', [[0, 7]]); // after
    const r = await app.ok<PromotionResults>(CS, 'promotions.results', { id: p.id });
    const res = await app.ok<ExportResult>(AG, 'promotions.resultsExportCsv', {
      id: p.id,
      encoding: 'utf8bom',
    });
    if (res.cancelled) throw new Error('cancelled');
    expect(res.path).toMatch(/活动效果_双十一_大促_主会场_\d{8}\.csv$/);
    expect(res.rows).toBe(3);
    const buf = fs.readFileSync(res.path);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '商家编码,商品名称,规格,活动期订单数,活动期件数,活动期销售额(元),活动前订单数,活动前件数,活动前销售额(元),销售额增长(%)',
    );
    const bySku = Object.fromEntries(r.bySku.map((s) => [s.code, s]));
    const skuLine = (code: string) => lines.find((l) => l.startsWith(`${code},`))!.split(',');
    const white = skuLine('TX001-WH-L');
    expect(white.slice(3)).toEqual(['2', '4', '200.00', '2', '3', '150.00', '33.3']);
    expect(bySku['TX001-WH-L']!.during).toEqual({ orders: 2, quantity: 4, revenueFen: 20000 });
    const black = skuLine('TX001-BK-XL');
    expect(black.slice(3)).toEqual(['1', '4', '200.00', '0', '0', '0.00', '']);
    expect(white[1]).toBe(bySku['TX001-WH-L']!.title);
    expect(lines[3]!.split(',')).toEqual(['合计', '', '', '2', '8', '400.00', '2', '3', '150.00', '166.7']);
    expect(r.during).toEqual({ orders: 2, quantity: 8, revenueFen: 40000 });
    expect(r.previous).toEqual({ orders: 2, quantity: 3, revenueFen: 15000 });
    expect(lines[4]).toBe('');

    const gbk = await app.ok<ExportResult>(CA, 'promotions.resultsExportCsv', { id: p.id, encoding: 'gbk' });
    if (gbk.cancelled) throw new Error('cancelled');
    const text = iconv.decode(fs.readFileSync(gbk.path), 'gb18030');
    expect(text.split('\r\n')[0]).toContain('活动期销售额(元)');
    expect(text).toContain('合计');
    expect(text).toContain(bySku['TX001-WH-L']!.title);
  });
});
