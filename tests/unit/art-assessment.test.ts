// The art team's monthly assessment (美工考核, §10.3) against a real store: every measure's maths
// from tasks moved through the real channels at controlled times, month boundaries in shop time,
// the supervisor's score (versioned, change_log), who sees which rows, and the CSV (Chinese intact).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssessmentMonth, AssessmentRow } from '../../src-main/api/contract';
import type { ImportReport, Task } from '../../src-main/api/contract-art';
import { decodeBytes } from '../../src-main/lib/encoding';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const A = '00000000-0000-4000-8000-0000000000c1'; // 美工专员
const S = '00000000-0000-4000-8000-0000000000c2'; // 美工主管
const M = '00000000-0000-4000-8000-0000000000c3'; // 店长
const W = '00000000-0000-4000-8000-0000000000c4'; // 仓储专员
let app: TestApp;
let clock = Date.parse('2026-11-02T02:00:00Z');
afterEach(() => app?.close());

async function setup() {
  clock = Date.parse('2026-11-02T02:00:00Z');
  app = makeApp({ shop: true, now: () => clock });
  await app.signInAs(A, 'art_agent');
  await app.signInAs(S, 'art_supervisor');
  await app.signInAs(M, 'manager');
  await app.signInAs(W, 'wh_agent');
  const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct({ listed: false }));
  return { skuId: p.skus[0]!.id };
}

/** A task taken by the designer, sent for review, revised `revisions` times, approved at `approveAt`. */
async function finish(opts: {
  dueDate: string | null;
  revisions: number;
  approveAt: string;
  images?: string[];
}) {
  const t = await app.ok<Task>(S, 'art.taskSave', {
    type: 'main_image',
    title: '主图',
    dueDate: opts.dueDate,
  });
  await app.ok(A, 'art.taskMove', { id: t.id, to: 'doing' });
  if (opts.images?.length) await app.ok(A, 'art.taskAttach', { id: t.id, imageIds: opts.images });
  await app.ok(A, 'art.taskMove', { id: t.id, to: 'review' });
  for (let i = 0; i < opts.revisions; i++) {
    await app.ok(S, 'art.taskReview', { id: t.id, decision: 'revise', comment: `第${i + 1}次修改` });
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'review' });
  }
  clock = Date.parse(opts.approveAt);
  await app.ok(S, 'art.taskReview', { id: t.id, decision: 'approve' });
  clock = Date.parse('2026-11-02T02:00:00Z');
  return t.id;
}

async function images(n: number): Promise<string[]> {
  const dir = path.join(app.dir, 'src');
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = path.join(dir, `图${i}.png`);
    await sharp({ create: { width: 100 + i, height: 100, channels: 3, background: '#abcdef' } })
      .png()
      .toFile(f);
    files.push(f);
  }
  app.pickPaths = files;
  const rep = await app.ok<ImportReport>(A, 'art.libraryImport', { mode: 'files' });
  await thumbsIdle(app.store);
  return rep.imported.map((x) => x.id);
}

const rowOf = (m: AssessmentMonth, staffId: string) => m.rows.find((r) => r.staffId === staffId)!;

describe('art assessment (美工考核)', () => {
  it('computes completed, on-time rate, average revisions, first-pass rate and images delivered per month', async () => {
    await setup();
    const imgs = await images(4);
    const agent = app.people.art_agent!.id;
    // Shop time is Asia/Shanghai (UTC+8).
    // 1: due 11-10, approved 11-10 23:30 local (15:30Z) → on time; no revision; 2 images.
    await finish({
      dueDate: '2026-11-10',
      revisions: 0,
      approveAt: '2026-11-10T15:30:00Z',
      images: imgs.slice(0, 2),
    });
    // 2: due 11-10, approved 11-11 00:30 local (11-10 16:30Z) → late; 2 revisions; 1 image shared with #1 + 1 new.
    await finish({
      dueDate: '2026-11-10',
      revisions: 2,
      approveAt: '2026-11-10T16:30:00Z',
      images: [imgs[1]!, imgs[2]!],
    });
    // 3: no due date (not in the on-time rate); 1 revision.
    await finish({ dueDate: null, revisions: 1, approveAt: '2026-11-20T03:00:00Z' });
    // 4: approved 12-01 00:10 local (11-30 16:10Z) → December, not November.
    await finish({
      dueDate: '2026-12-05',
      revisions: 0,
      approveAt: '2026-11-30T16:10:00Z',
      images: [imgs[3]!],
    });
    // A task still in review counts for nothing.
    const open = await app.ok<Task>(S, 'art.taskSave', { type: 'retouch', title: '修图' });
    await app.ok(A, 'art.taskMove', { id: open.id, to: 'doing' });

    const nov = await app.ok<AssessmentMonth>(S, 'art.assessmentMonth', { month: '2026-11' });
    expect(nov.measures.map((m) => m.key)).toEqual([
      'tasksCompleted',
      'onTimeRate',
      'avgRevisions',
      'firstPassRate',
      'imagesDelivered',
    ]);
    expect(rowOf(nov, agent).values).toEqual({
      tasksCompleted: 3,
      onTimeRate: 50, // 1 of the 2 dated tasks
      avgRevisions: 1, // (0 + 2 + 1) / 3
      firstPassRate: 33.3, // 1 of 3 approved at the first review
      imagesDelivered: 3, // distinct images 0, 1, 2
    });
    // The supervisor with nothing completed: counts 0, rates blank.
    expect(rowOf(nov, app.people.art_supervisor!.id).values).toEqual({
      tasksCompleted: 0,
      onTimeRate: null,
      avgRevisions: null,
      firstPassRate: null,
      imagesDelivered: 0,
    });
    const dec = await app.ok<AssessmentMonth>(S, 'art.assessmentMonth', { month: '2026-12' });
    expect(rowOf(dec, agent).values).toEqual({
      tasksCompleted: 1,
      onTimeRate: 100,
      avgRevisions: 0,
      firstPassRate: 100,
      imagesDelivered: 1,
    });
    // An image moved to the trash no longer counts as delivered.
    await app.ok(A, 'art.libraryTrash', { ids: [imgs[2]!], trashed: true });
    const nov2 = await app.ok<AssessmentMonth>(S, 'art.assessmentMonth', { month: '2026-11' });
    expect(rowOf(nov2, agent).values.imagesDelivered).toBe(2);
  });

  it('keeps the supervisor score as a versioned row with change_log; designers see only their own row', async () => {
    await setup();
    const agent = app.people.art_agent!.id;
    const saved = await app.ok<AssessmentRow>(S, 'art.assessmentSave', {
      staffId: agent,
      month: '2026-11',
      score: 86,
      comment: '主图质量稳定，交付偶有延迟',
    });
    expect(saved).toMatchObject({ score: 86, comment: '主图质量稳定，交付偶有延迟' });
    const again = await app.ok<AssessmentRow>(S, 'art.assessmentSave', {
      staffId: agent,
      month: '2026-11',
      score: 90,
      comment: '主图质量稳定，交付偶有延迟',
      expectedVersion: saved.version!,
    });
    expect(again.score).toBe(90);
    // A stale version is refused and changes nothing.
    const before = fingerprint(app.store);
    expect(
      await app.call(S, 'art.assessmentSave', {
        staffId: agent,
        month: '2026-11',
        score: 10,
        expectedVersion: saved.version!,
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'staleEdit' } });
    // Only the art team is scored here.
    expect(
      await app.call(S, 'art.assessmentSave', {
        staffId: app.people.wh_agent!.id,
        month: '2026-11',
        score: 50,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { staffId: { key: 'validation.notInTeam' } } },
    });
    expect(fingerprint(app.store)).toBe(before);
    const log = changeLogRows(app.store, { entity: 'art_assessment_score' });
    expect(log.map((r) => [r.op, r.fields])).toEqual([
      [
        'create',
        { score: { from: null, to: 86 }, comment: { from: null, to: '主图质量稳定，交付偶有延迟' } },
      ],
      ['update', { score: { from: 86, to: 90 } }],
    ]);
    // The designer sees their own row (with the score), the supervisor and the director the team.
    const own = await app.ok<AssessmentMonth>(A, 'art.assessmentMonth', { month: '2026-11' });
    expect(own.rows.map((r) => [r.staffId, r.score])).toEqual([[agent, 90]]);
    await app.signInAs(W, 'director');
    const all = await app.ok<AssessmentMonth>(W, 'art.assessmentMonth', { month: '2026-11' });
    expect(all.rows.map((r) => r.role)).toEqual(['art_supervisor', 'art_agent']);
    expect((await app.call(W, 'art.assessmentSave', { staffId: agent, month: '2026-11', score: 1 })).ok).toBe(
      false,
    );
  });

  it('exports the month as CSV with Chinese intact (UTF-8 BOM and GBK)', async () => {
    await setup();
    await finish({ dueDate: '2026-11-10', revisions: 1, approveAt: '2026-11-09T03:00:00Z' });
    await app.ok(S, 'art.assessmentSave', {
      staffId: app.people.art_agent!.id,
      month: '2026-11',
      score: 92,
      comment: '详情页排版好，有"亮点"',
    });
    for (const encoding of ['utf8bom', 'gbk'] as const) {
      const res = await app.ok<{ cancelled: boolean; path: string }>(M, 'art.assessmentExportCsv', {
        month: '2026-11',
        encoding,
      });
      const bytes = fs.readFileSync(res.path);
      if (encoding === 'utf8bom') expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { text } = decodeBytes(bytes);
      const lines = text.trim().split('\r\n');
      expect(lines[0]).toBe(
        '月份,姓名,岗位,完成任务数,按时完成率(%),平均修改次数,一次通过率(%),交付图片数,主管评分,评语',
      );
      expect(lines).toContain('2026-11,art_agent-人员,美工专员,1,100,1,0,0,92,"详情页排版好，有""亮点"""');
      expect(lines).toContain('2026-11,art_supervisor-人员,美工主管,0,,,,0,,');
    }
  });
});
