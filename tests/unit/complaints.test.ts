// The complaint register (§14): numbering, deadlines by severity (shop-configurable) and overdue
// marking, notices for severe complaints, the append-only timeline, archiving only after the
// supervisor's confirmation and the callback, analysis, the buyer timeline and the CSV export.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Buyer, ExportResult, Paged } from '../../src-main/api/contract';
import type {
  Complaint,
  ComplaintAnalysis,
  ComplaintNotices,
  ComplaintRow,
} from '../../src-main/api/contract-complaints';
import { makeApp, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000c1';
const SUP = '00000000-0000-4000-8000-0000000000c2';
const AGENT = '00000000-0000-4000-8000-0000000000c3';
let app: TestApp;
afterEach(() => app?.close());

/** 2026-11-27 12:00 shop time (04:00 UTC); tests move the clock. */
let nowMs = 0;
async function shop(): Promise<TestApp> {
  nowMs = Date.parse('2026-11-27T04:00:00Z');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(C, 'manager');
  await app.signInAs(SUP, 'cs_supervisor');
  await app.signInAs(AGENT, 'cs_agent');
  return app;
}
const minutes = (n: number) => {
  nowMs += n * 60_000;
};

async function register(severity: 'normal' | 'major' | 'severe', extra: Record<string, unknown> = {}) {
  return app.ok<Complaint>(AGENT, 'complaints.create', {
    channel: 'wangwang',
    memberName: '小雨点',
    category: 'quality',
    severity,
    description: '收到的衣服袖口开线',
    product: '纯棉短袖T恤',
    ...extra,
  });
}

describe('registering', () => {
  it('numbers complaints TS-…, sets deadlines by severity from the shop settings', async () => {
    await shop();
    const severe = await register('severe');
    expect(severe.complaintNo).toMatch(/^TS-[A-Z0-9]+-20261127-0001$/);
    expect(severe.status).toBe('open');
    expect(severe.responseDueAt).toBe('2026-11-27T05:00:00.000Z'); // 1 h
    expect(severe.resolveDueAt).toBe('2026-11-28T04:00:00.000Z'); // 24 h
    const major = await register('major');
    expect(major.complaintNo).toMatch(/-0002$/);
    expect(major.responseDueAt).toBe('2026-11-27T08:00:00.000Z'); // 4 h
    expect(major.resolveDueAt).toBe('2026-11-29T04:00:00.000Z'); // 48 h
    const normal = await register('normal');
    expect(normal.responseDueAt).toBe('2026-11-28T04:00:00.000Z'); // 24 h
    expect(normal.resolveDueAt).toBe('2026-11-30T04:00:00.000Z'); // 72 h

    // The shop changes the deadlines: new complaints use them, old ones keep theirs.
    const d = { responseMinutes: 30, resolveMinutes: 600 };
    await app.ok(C, 'complaints.saveSettings', { normal: d, major: d, severe: d });
    const later = await register('normal');
    expect(later.responseDueAt).toBe('2026-11-27T04:30:00.000Z');
    expect((await app.ok<Complaint>(C, 'complaints.get', { id: normal.id })).responseDueAt).toBe(
      '2026-11-28T04:00:00.000Z',
    );
    const cl = app.store.db
      .prepare(`SELECT COUNT(*) AS n FROM change_log WHERE entity = 'complaint' AND op = 'create'`)
      .get() as { n: number };
    expect(cl.n).toBe(4);
  });

  it('links the order and takes its buyer; unknown links are field errors', async () => {
    await shop();
    const b = await app.ok<{ id: string }>(AGENT, 'buyers.save', { memberName: '阿花' });
    const c = await register('normal', { buyerId: b.id, memberName: '' });
    expect(c.memberName).toBe('阿花');
    const bad = await app.call(AGENT, 'complaints.create', {
      channel: 'phone',
      category: 'other',
      severity: 'normal',
      description: 'x',
      orderId: '01930000-0000-7000-8000-0000000000aa',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { orderId: { key: 'validation.complaintOrderUnknown' } } },
    });
    // A member name typed without picking the buyer links the buyer of that name; others stay unlinked.
    const typed = await register('normal', { memberName: '阿花' });
    expect(typed.buyerId).toBe(b.id);
    expect((await register('normal', { memberName: '路过的买家' })).buyerId).toBeNull();
    // On the buyer's timeline.
    const buyer = await app.ok<Buyer>(AGENT, 'buyers.get', { id: b.id });
    expect(buyer.timeline).toContainEqual(
      expect.objectContaining({ kind: 'complaint', refId: c.id, detail: 'normal|quality|open' }),
    );
  });
});

describe('overdue', () => {
  it('marks a missed response and a missed resolution, also when answered late', async () => {
    await shop();
    const c = await register('severe');
    expect(c.responseOverdue).toBe(false);
    minutes(61);
    let row = await app.ok<Complaint>(AGENT, 'complaints.get', { id: c.id });
    expect(row.responseOverdue).toBe(true);
    expect(row.resolveOverdue).toBe(false);
    let overdue = await app.ok<Paged<ComplaintRow>>(C, 'complaints.list', { filter: { overdueOnly: true } });
    expect(overdue.rows.map((r) => r.id)).toEqual([c.id]);
    await app.ok(AGENT, 'complaints.addStep', { id: c.id, kind: 'step', text: '已电话联系' });
    row = await app.ok<Complaint>(AGENT, 'complaints.get', { id: c.id });
    expect(row.firstResponseAt).toBe(new Date(nowMs).toISOString());
    expect(row.responseOverdue).toBe(true); // answered, but late
    // A major one answered in time and resolved in time is not overdue.
    const m = await register('major');
    minutes(10);
    await app.ok(AGENT, 'complaints.addStep', {
      id: m.id,
      kind: 'investigation',
      text: '查看了仓库出库记录',
    });
    await app.ok(AGENT, 'complaints.resolve', { id: m.id, result: '补发' });
    minutes(24 * 60);
    row = await app.ok<Complaint>(AGENT, 'complaints.get', { id: c.id });
    expect(row.resolveOverdue).toBe(true);
    const mm = await app.ok<Complaint>(AGENT, 'complaints.get', { id: m.id });
    expect([mm.responseOverdue, mm.resolveOverdue]).toEqual([false, false]);
    overdue = await app.ok<Paged<ComplaintRow>>(C, 'complaints.list', { filter: { overdueOnly: true } });
    expect(overdue.rows.map((r) => r.id)).toEqual([c.id]);
  });
});

describe('notices', () => {
  it('a severe complaint notifies the CS supervisor and the manager at once; others are not', async () => {
    await shop();
    await register('normal');
    await register('major');
    let sup = await app.ok<ComplaintNotices>(SUP, 'complaints.notices', {});
    expect(sup.unread).toBe(0);
    const severe = await register('severe');
    sup = await app.ok<ComplaintNotices>(SUP, 'complaints.notices', {});
    const mgr = await app.ok<ComplaintNotices>(C, 'complaints.notices', {});
    expect(sup.unread).toBe(1);
    expect(mgr.unread).toBe(1);
    expect(sup.rows[0]).toMatchObject({ complaintId: severe.id, severity: 'severe', read: false });
    expect((await app.ok<ComplaintNotices>(AGENT, 'complaints.notices', {})).unread).toBe(0);
    // Reading is per person: the supervisor reads, the manager's stays unread.
    sup = await app.ok<ComplaintNotices>(SUP, 'complaints.readNotices', { ids: [sup.rows[0]!.id] });
    expect(sup.unread).toBe(0);
    expect(sup.rows[0]!.read).toBe(true);
    expect((await app.ok<ComplaintNotices>(C, 'complaints.notices', {})).unread).toBe(1);
  });
});

describe('workflow', () => {
  it('archives only after the supervisor confirmed and the customer was called back', async () => {
    await shop();
    const c = await register('major');
    const refuse = async (key: string) =>
      expect(await app.call(AGENT, 'complaints.archive', { id: c.id })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', key },
      });
    await refuse('complaintNotConfirmed');
    // Confirmation needs a result; callback needs a result.
    expect(await app.call(SUP, 'complaints.confirm', { id: c.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'complaintNotResolved' },
    });
    expect(await app.call(AGENT, 'complaints.callback', { id: c.id, satisfaction: 3 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'complaintNotResolved' },
    });
    await app.ok(AGENT, 'complaints.addStep', { id: c.id, kind: 'investigation', text: '质检确认开线' });
    await app.ok(AGENT, 'complaints.resolve', { id: c.id, result: '退款 20 元并致歉' });
    await refuse('complaintNotConfirmed');
    // An agent may not confirm.
    expect(await app.call(AGENT, 'complaints.confirm', { id: c.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await app.ok(AGENT, 'complaints.scheduleCallback', { id: c.id, at: '2026-11-29T02:00:00.000Z' });
    await app.ok(AGENT, 'complaints.callback', { id: c.id, satisfaction: 4, comment: '处理很快' });
    await refuse('complaintNotConfirmed'); // called back, not confirmed
    const confirmed = await app.ok<Complaint>(SUP, 'complaints.confirm', { id: c.id });
    expect(confirmed.status).toBe('confirmed');
    const archived = await app.ok<Complaint>(AGENT, 'complaints.archive', { id: c.id });
    expect(archived.status).toBe('archived');
    expect(archived.satisfaction).toBe(4);
    expect(archived.evaluation).toBe('处理很快');
    expect(archived.steps.map((s) => s.kind)).toEqual([
      'registered',
      'investigation',
      'resolved',
      'callbackScheduled',
      'callback',
      'confirmed',
      'archived',
    ]);
    expect(await app.call(AGENT, 'complaints.addStep', { id: c.id, kind: 'step', text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'complaintArchived' },
    });
  });

  it('refuses archiving without a callback, even when confirmed; the table refuses it too', async () => {
    await shop();
    const c = await register('normal');
    await app.ok(AGENT, 'complaints.resolve', { id: c.id, result: '换货' });
    await app.ok(SUP, 'complaints.confirm', { id: c.id });
    expect(await app.call(AGENT, 'complaints.archive', { id: c.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'complaintNoCallback' },
    });
    expect(() =>
      app.store.db.prepare(`UPDATE complaint SET status = 'archived' WHERE id = ?`).run(c.id),
    ).toThrow(/CHECK/);
  });

  it('keeps the handling timeline and the notices append-only', async () => {
    await shop();
    const c = await register('severe');
    await app.ok(AGENT, 'complaints.addStep', { id: c.id, kind: 'step', text: '已联系' });
    expect(() => app.store.db.prepare(`UPDATE complaint_step SET text = 'x'`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM complaint_step`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM complaint_notice`).run()).toThrow(/append-only/);
  });
});

describe('analysis and export', () => {
  it('counts by category, product, agent, resolution time and satisfaction', async () => {
    await shop();
    const a = await register('severe');
    const b = await register('normal', { category: 'logistics', product: '' });
    minutes(90);
    await app.ok(AGENT, 'complaints.resolve', { id: a.id, result: '补发' });
    await app.ok(AGENT, 'complaints.callback', { id: a.id, satisfaction: 5 });
    minutes(30);
    await app.ok(AGENT, 'complaints.resolve', { id: b.id, result: '催快递' });
    await app.ok(AGENT, 'complaints.callback', { id: b.id, satisfaction: 2 });
    const r = await app.ok<ComplaintAnalysis>(C, 'complaints.analysis', {
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(r).toMatchObject({ total: 2, severe: 1, resolved: 2, overdue: 1, avgResolveMinutes: 105 });
    expect(r.avgSatisfaction).toBe(3.5);
    expect(r.byCategory).toEqual([
      { category: 'logistics', count: 1 },
      { category: 'quality', count: 1 },
    ]);
    expect(r.byProduct).toContainEqual({ product: '纯棉短袖T恤', count: 1 });
    expect(r.byAgent).toHaveLength(1);
    expect(r.byAgent[0]!.count).toBe(2);
    expect(r.bySatisfaction).toEqual([
      { satisfaction: 2, count: 1 },
      { satisfaction: 5, count: 1 },
    ]);
    const empty = await app.ok<ComplaintAnalysis>(C, 'complaints.analysis', {
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(empty).toMatchObject({ total: 0, avgResolveMinutes: null, avgSatisfaction: null });
  });

  it('exports the register as CSV with Chinese intact (UTF-8 BOM and GBK)', async () => {
    await shop();
    const c = await register('severe');
    await app.ok(AGENT, 'complaints.resolve', { id: c.id, result: '退款，并赠送优惠券' });
    const exp = await app.ok<ExportResult>(C, 'complaints.exportCsv', {});
    if (exp.cancelled) throw new Error('cancelled');
    expect(exp.rows).toBe(1);
    const text = fs.readFileSync(exp.path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('投诉编号,投诉时间,投诉渠道');
    expect(text).toContain(c.complaintNo);
    expect(text).toContain('2026-11-27 12:00');
    expect(text).toContain('旺旺');
    expect(text).toContain('严重');
    expect(text).toContain('退款，并赠送优惠券');
    const gbk = await app.ok<ExportResult>(C, 'complaints.exportCsv', { encoding: 'gbk' });
    if (gbk.cancelled) throw new Error('cancelled');
    expect(new TextDecoder('gb18030').decode(fs.readFileSync(gbk.path))).toContain('商品质量');
  });
});
