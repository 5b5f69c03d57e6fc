// Design tasks against a real store: the board's allowed moves (enforced in main), review by the
// supervisor with an append-only history, revision count, deliverables, overdue, requesters from
// other teams, the CSV export (Chinese intact).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Paged } from '../../src-main/api/contract';
import sharp from 'sharp';
import type { ImportReport, LibraryImage, Task, TaskRow, TaskStatus } from '../../src-main/api/contract-art';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { TASK_MOVES, TASK_STATUSES } from '../../src-main/api/contract-art';
import { decodeBytes } from '../../src-main/lib/encoding';
import { changeLogRows, fingerprint, makeApp, sampleProduct, tempDir, type TestApp } from './helpers';

const A = '00000000-0000-4000-8000-0000000000b1'; // 美工专员
const S = '00000000-0000-4000-8000-0000000000b2'; // 美工主管
const M = '00000000-0000-4000-8000-0000000000b3'; // 店长
let app: TestApp;
afterEach(() => app?.close());

async function setup(): Promise<{ skuIds: string[] }> {
  app = makeApp({ shop: true });
  await app.signInAs(A, 'art_agent');
  await app.signInAs(S, 'art_supervisor');
  await app.signInAs(M, 'manager');
  const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct());
  return { skuIds: p.skus.map((s) => s.id) };
}

const shoot = (skuIds: string[], extra: Record<string, unknown> = {}) => ({
  type: 'shoot',
  title: '白色T恤 模特图+细节图',
  brief: '模特上身正反侧各3张，领口、面料细节各2张',
  priority: 'high',
  dueDate: '2026-12-05',
  skuIds,
  ...extra,
});

describe('design tasks', () => {
  it('runs the board: 待办 → 进行中 → 待审核 → 需修改 → 待审核 → 已完成, with history and revision count', async () => {
    const { skuIds } = await setup();
    const t = await app.ok<Task>(A, 'art.taskSave', shoot([skuIds[0]!]));
    expect(t).toMatchObject({ status: 'todo', type: 'shoot', revisionCount: 0, skuCodes: ['TX001-WH-L'] });
    expect(t.number).toMatch(/^SJ-[A-Z2-9]{4}-\d{8}-0001$/);

    // Starting an unassigned task assigns it to whoever starts it.
    const doing = await app.ok<Task>(A, 'art.taskMove', { id: t.id, to: 'doing' });
    expect(doing).toMatchObject({ status: 'doing', assigneeId: app.people.art_agent!.id });
    // A designer cannot approve their own work: leaving 待审核 is the reviewer's.
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'review' });
    expect(await app.call(A, 'art.taskMove', { id: t.id, to: 'done' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'taskMove' },
    });
    expect(await app.call(A, 'art.taskReview', { id: t.id, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // Asking for a revision needs a comment.
    expect(await app.call(S, 'art.taskReview', { id: t.id, decision: 'revise' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { comment: { key: 'validation.required' } } },
    });
    const rework = await app.ok<Task>(S, 'art.taskReview', {
      id: t.id,
      decision: 'revise',
      comment: '背景太暗，领口细节不清楚',
    });
    expect(rework).toMatchObject({ status: 'rework', revisionCount: 1 });
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'doing' });
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'review', comment: '已重拍' });
    const done = await app.ok<Task>(S, 'art.taskReview', { id: t.id, decision: 'approve', comment: '通过' });
    expect(done).toMatchObject({ status: 'done', revisionCount: 1 });
    expect(done.completedAt).not.toBeNull();
    expect(done.events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.comment])).toEqual([
      ['created', null, 'todo', ''],
      ['move', 'todo', 'doing', ''],
      ['move', 'doing', 'review', ''],
      ['revise', 'review', 'rework', '背景太暗，领口细节不清楚'],
      ['move', 'rework', 'doing', ''],
      ['move', 'doing', 'review', '已重拍'],
      ['approve', 'review', 'done', '通过'],
    ]);
    // 已完成 is final: no move, no edit.
    expect(await app.call(A, 'art.taskMove', { id: t.id, to: 'doing' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await app.call(A, 'art.taskSave', { ...shoot([]), id: t.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'taskDone' },
    });
    // The history is append-only.
    expect(() => app.store.db.prepare(`UPDATE art_task_event SET comment = 'x'`).run()).toThrow(
      /append-only/,
    );
    expect(() => app.store.db.prepare(`DELETE FROM art_task_event`).run()).toThrow(/append-only/);
    expect(changeLogRows(app.store, { entity: 'art_task' }).map((e) => e.op)).toEqual([
      'create',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
    ]);
  });

  it('enforces exactly the allowed moves from every status', async () => {
    const { skuIds } = await setup();
    const path: Record<TaskStatus, (id: string) => Promise<void>> = {
      todo: async () => {},
      doing: async (id) => void (await app.ok(A, 'art.taskMove', { id, to: 'doing' })),
      review: async (id) => {
        await app.ok(A, 'art.taskMove', { id, to: 'doing' });
        await app.ok(A, 'art.taskMove', { id, to: 'review' });
      },
      rework: async (id) => {
        await path.review(id);
        await app.ok(S, 'art.taskReview', { id, decision: 'revise', comment: '改' });
      },
      done: async (id) => {
        await path.review(id);
        await app.ok(S, 'art.taskReview', { id, decision: 'approve' });
      },
    };
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        if (from === to) continue;
        const t = await app.ok<Task>(A, 'art.taskSave', shoot([skuIds[0]!], { title: `${from}→${to}` }));
        await path[from](t.id);
        const env = await app.call<Task>(A, 'art.taskMove', { id: t.id, to });
        expect(env.ok, `${from} → ${to}`).toBe(TASK_MOVES[from].includes(to));
      }
    }
  });

  it('refuses a stale edit, a non-art assignee and unknown SKUs, changing nothing', async () => {
    const { skuIds } = await setup();
    const t = await app.ok<Task>(A, 'art.taskSave', shoot(skuIds));
    await app.ok(A, 'art.taskSave', {
      ...shoot(skuIds, { title: '改过的标题' }),
      id: t.id,
      expectedVersion: t.version,
    });
    const before = fingerprint(app.store);
    expect(
      await app.call(A, 'art.taskSave', { ...shoot(skuIds), id: t.id, expectedVersion: t.version }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'staleEdit' },
    });
    const bad = await app.call(A, 'art.taskSave', {
      ...shoot(['00000000-0000-4000-8000-00000000ffff']),
      assigneeId: app.people.wh_agent!.id,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: {
          assigneeId: { key: 'validation.assigneeNotArt' },
          'skuIds.0': { key: 'validation.skuMissing' },
        },
      },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('lets 客服主管 request work (no assignee), edit it while 待办, but not move it', async () => {
    const { skuIds } = await setup();
    const CS = '00000000-0000-4000-8000-0000000000b4';
    await app.signInAs(CS, 'cs_supervisor');
    const t = await app.ok<Task>(CS, 'art.taskSave', {
      ...shoot(skuIds, { type: 'promo', title: '双12 活动海报' }),
      assigneeId: app.people.art_agent!.id,
    });
    expect(t).toMatchObject({ requesterId: app.people.cs_supervisor!.id, assigneeId: null, status: 'todo' });
    await app.ok(CS, 'art.taskSave', {
      ...shoot(skuIds, { type: 'promo', title: '双12 活动海报（改）' }),
      id: t.id,
    });
    expect(await app.call(CS, 'art.taskMove', { id: t.id, to: 'doing' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await app.call(CS, 'art.tasksList', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'doing' });
    expect(
      await app.call(CS, 'art.taskSave', { ...shoot(skuIds, { type: 'promo', title: 'x' }), id: t.id }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('marks overdue tasks, filters by due dates (the calendar), SKU, status and text', async () => {
    const { skuIds } = await setup();
    // The store's clock is now; a due date in the past is overdue unless done.
    const past = '2020-01-10';
    const late = await app.ok<Task>(
      A,
      'art.taskSave',
      shoot([skuIds[0]!], { dueDate: past, title: '逾期的主图' }),
    );
    const future = await app.ok<Task>(
      A,
      'art.taskSave',
      shoot([skuIds[1]!], { dueDate: '2099-01-20', type: 'main_image' }),
    );
    await app.ok(A, 'art.taskSave', shoot([], { dueDate: null, title: '没有截止日期' }));
    const list = (filter: Record<string, unknown>) => app.ok<Paged<TaskRow>>(A, 'art.tasksList', { filter });
    const all = await list({});
    expect(all.total).toBe(3);
    expect(all.rows[0]!.id).toBe(late.id); // earliest due first
    expect(all.rows.find((r) => r.id === late.id)!.overdue).toBe(true);
    expect(all.rows.find((r) => r.id === future.id)!.overdue).toBe(false);
    expect((await list({ dueFrom: '2020-01-01', dueTo: '2020-01-31' })).rows.map((r) => r.id)).toEqual([
      late.id,
    ]);
    expect((await list({ skuId: skuIds[1] })).rows.map((r) => r.id)).toEqual([future.id]);
    expect((await list({ type: 'main_image' })).rows.map((r) => r.id)).toEqual([future.id]);
    expect((await list({ q: 'tx001-bk' })).rows.map((r) => r.id)).toEqual([future.id]);
    expect((await list({ q: '逾期' })).rows.map((r) => r.id)).toEqual([late.id]);
    expect((await list({ status: 'doing' })).total).toBe(0);
  });

  it('attaches library images as deliverables, and detaches them', async () => {
    const { skuIds } = await setup();
    const dir = tempDir('shopdesk-art-deliver-');
    const file = path.join(dir, '主图1.png');
    await sharp({ create: { width: 800, height: 800, channels: 3, background: '#e0e0e0' } })
      .png()
      .toFile(file);
    app.pickPaths = [file];
    const rep = await app.ok<ImportReport>(A, 'art.libraryImport', { mode: 'files' });
    const imageId = rep.imported[0]!.id;
    const t = await app.ok<Task>(A, 'art.taskSave', shoot([skuIds[0]!]));
    const withImg = await app.ok<Task>(A, 'art.taskAttach', { id: t.id, imageIds: [imageId] });
    expect(withImg.deliverables.map((d) => d.fileName)).toEqual(['主图1.png']);
    expect(withImg.deliverableCount).toBe(1);
    const img = await app.ok<LibraryImage>(A, 'art.libraryGet', { id: imageId });
    expect(img.tasks.map((x) => x.number)).toEqual([t.number]);
    const without = await app.ok<Task>(A, 'art.taskAttach', { id: t.id, imageIds: [imageId], detach: true });
    expect(without.deliverables).toEqual([]);
    await thumbsIdle(app.store);
  });

  it('exports tasks as CSV with Chinese intact (UTF-8 BOM and GBK)', async () => {
    const { skuIds } = await setup();
    const t = await app.ok<Task>(A, 'art.taskSave', shoot([skuIds[0]!], { dueDate: '2020-01-10' }));
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'doing' });
    for (const encoding of ['utf8bom', 'gbk'] as const) {
      const r = await app.ok<{ path: string; rows: number }>(A, 'art.tasksExportCsv', { encoding });
      expect(r.rows).toBe(1);
      const { text } = decodeBytes(fs.readFileSync(r.path));
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        '任务编号,类型,标题,状态,优先级,商家编码,需求人,负责人,截止日期,是否逾期,修改次数,交付图片数,创建时间,完成时间',
      );
      expect(lines[1]).toContain(
        `${t.number},产品拍摄,白色T恤 模特图+细节图,进行中,高,TX001-WH-L,art_agent-人员,art_agent-人员,2020-01-10,是,0,0,`,
      );
      expect(path.basename(r.path)).toMatch(/^设计任务_\d{8}( \(\d\))?\.csv$|^设计任务_\d{8}\.csv$/);
      fs.rmSync(r.path);
    }
  });
});
