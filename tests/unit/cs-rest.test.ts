// Customer-service leftovers: the complaint deadline settings (who may change them, resolution never
// before response, change-logged, new complaints only) and the inquiry time an agent sets when
// logging an inquiry after the fact (not in the future, at most 7 days back unless supervisor; the
// inquiry log and the daily sales report count it on that day).
import { afterEach, describe, expect, it } from 'vitest';
import type { Complaint, DeadlineSettings } from '../../src-main/api/contract-complaints';
import type { SalesReport } from '../../src-main/api/contract-agentday';
import type { Inquiry, InquiryPage } from '../../src-main/api/contract-presales';
import { changeLogRows, makeApp, type TestApp } from './helpers';

const MGR = '00000000-0000-4000-8000-0000000000f1';
const SUP = '00000000-0000-4000-8000-0000000000f2';
const AGENT = '00000000-0000-4000-8000-0000000000f3';
let app: TestApp;
afterEach(() => app?.close());

/** 2026-11-27 12:00 shop time (04:00 UTC). */
let nowMs = 0;
async function shop(): Promise<TestApp> {
  nowMs = Date.parse('2026-11-27T04:00:00Z');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(MGR, 'manager');
  await app.signInAs(SUP, 'cs_supervisor');
  await app.signInAs(AGENT, 'cs_agent');
  return app;
}

describe('complaint deadline settings (投诉时限)', () => {
  it('the CS supervisor saves them (logged); new complaints use them, open ones keep theirs', async () => {
    await shop();
    const before = await app.ok<DeadlineSettings>(AGENT, 'complaints.settings');
    expect(before.severe).toEqual({ responseMinutes: 60, resolveMinutes: 1440 });
    const old = await app.ok<Complaint>(AGENT, 'complaints.create', {
      channel: 'phone',
      memberName: '晚风徐徐',
      category: 'logistics',
      severity: 'severe',
      description: '三天没发货',
    });
    const next = {
      normal: { responseMinutes: 12 * 60, resolveMinutes: 48 * 60 },
      major: { responseMinutes: 2 * 60, resolveMinutes: 24 * 60 },
      severe: { responseMinutes: 30, resolveMinutes: 8 * 60 },
    };
    const saved = await app.ok<DeadlineSettings>(SUP, 'complaints.saveSettings', next);
    expect(saved).toEqual(next);
    expect(await app.ok<DeadlineSettings>(AGENT, 'complaints.settings')).toEqual(next);
    const log = changeLogRows(app.store).filter((r) => r.entity === 'complaint_setting');
    expect(log).toHaveLength(1);
    expect(log[0]!.staff_id).toBe(app.people.cs_supervisor!.id);

    const fresh = await app.ok<Complaint>(AGENT, 'complaints.create', {
      channel: 'phone',
      memberName: '晚风徐徐',
      category: 'logistics',
      severity: 'severe',
      description: '又来催了',
    });
    expect(fresh.responseDueAt).toBe('2026-11-27T04:30:00.000Z');
    expect(fresh.resolveDueAt).toBe('2026-11-27T12:00:00.000Z');
    const kept = await app.ok<Complaint>(AGENT, 'complaints.get', { id: old.id });
    expect(kept.responseDueAt).toBe('2026-11-27T05:00:00.000Z');
    expect(kept.resolveDueAt).toBe('2026-11-28T04:00:00.000Z');
  });

  it('refuses a resolution deadline shorter than the response deadline, and agents; nothing changes', async () => {
    await shop();
    const before = await app.ok<DeadlineSettings>(MGR, 'complaints.settings');
    const bad = await app.call(MGR, 'complaints.saveSettings', {
      ...before,
      normal: { responseMinutes: 600, resolveMinutes: 599 },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(bad.error.fields?.['normal.resolveMinutes']?.key).toBe('validation.resolveBeforeResponse');
    }
    // equal is fine (answer and solve in one go)
    await app.ok(MGR, 'complaints.saveSettings', {
      ...before,
      normal: { responseMinutes: 600, resolveMinutes: 600 },
    });
    const agent = await app.call(AGENT, 'complaints.saveSettings', before);
    expect(agent.ok).toBe(false);
    if (!agent.ok) expect(agent.error.code).toBe('FORBIDDEN');
    expect((await app.ok<DeadlineSettings>(MGR, 'complaints.settings')).normal).toEqual({
      responseMinutes: 600,
      resolveMinutes: 600,
    });
  });
});

describe('inquiry time (补登咨询)', () => {
  const base = { memberName: '补登买家', question: 'size', outcome: 'ordered' } as const;

  it('defaults to now; a given time is kept; the future and more than 7 days back are refused', async () => {
    await shop();
    const now = await app.ok<Inquiry>(AGENT, 'presales.inquiryCreate', base);
    expect(now.at).toBe('2026-11-27T04:00:00.000Z');
    const earlier = await app.ok<Inquiry>(AGENT, 'presales.inquiryCreate', {
      ...base,
      at: '2026-11-26T21:15:00+08:00',
    });
    expect(earlier.at).toBe('2026-11-26T13:15:00.000Z');
    const count = () =>
      app.store.db.prepare('SELECT COUNT(*) AS n FROM presales_inquiry').get() as { n: number };
    expect(count().n).toBe(2);

    const future = await app.call(AGENT, 'presales.inquiryCreate', { ...base, at: '2026-11-27T05:00:00Z' });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.fields?.at?.key).toBe('validation.inquiryAtFuture');
    const tooOld = await app.call(AGENT, 'presales.inquiryCreate', { ...base, at: '2026-11-19T04:00:00Z' });
    expect(tooOld.ok).toBe(false);
    if (!tooOld.ok) {
      expect(tooOld.error.fields?.at).toEqual({ key: 'validation.inquiryAtTooOld', params: { days: 7 } });
    }
    expect(count().n).toBe(2);
    // exactly 7 days back is still allowed; the supervisor may go further back
    await app.ok(AGENT, 'presales.inquiryCreate', { ...base, at: '2026-11-20T04:00:00Z' });
    const sup = await app.ok<Inquiry>(SUP, 'presales.inquiryCreate', { ...base, at: '2026-11-01T02:00:00Z' });
    expect(sup.at).toBe('2026-11-01T02:00:00.000Z');
  });

  it('the inquiry log and the daily sales report count a late-logged inquiry on the day it happened', async () => {
    await shop();
    // logged on the 27th about a chat on the 25th (shop time 22:00)
    await app.ok(AGENT, 'presales.inquiryCreate', { ...base, at: '2026-11-25T14:00:00Z' });
    await app.ok(AGENT, 'presales.inquiryCreate', { ...base, outcome: 'not_ordered' });
    const log = await app.ok<InquiryPage>(AGENT, 'presales.inquiries', {
      filter: { from: '2026-11-25', to: '2026-11-27' },
    });
    expect(log.stats.days).toEqual([
      { day: '2026-11-25', total: 1, ordered: 1, pending: 0 },
      { day: '2026-11-27', total: 1, ordered: 0, pending: 0 },
    ]);
    const report = await app.ok<SalesReport>(AGENT, 'agentDay.myReport', {
      from: '2026-11-25',
      to: '2026-11-27',
    });
    expect(report.rows.map((r) => [r.day, r.inquiries])).toEqual([
      ['2026-11-25', 1],
      ['2026-11-27', 1],
    ]);
  });
});

describe('the demo shop’s customer-service side', () => {
  it('seeds ~200 Taobao orders over 30 days with buyers, lines, the status mix and one of each record, fast', async () => {
    const { seedDemoShop } = await import('../../resources/demo/shop');
    app = makeApp();
    const started = performance.now();
    seedDemoShop(app.store, { products: 20 });
    const ms = performance.now() - started;
    const q = <T>(sql: string) => app.store.db.prepare(sql).all() as T[];
    const n = (sql: string) => (app.store.db.prepare(sql).get() as { n: number }).n;
    const byStatus = Object.fromEntries(
      q<{ status: string; n: number }>(`SELECT status, COUNT(*) AS n FROM sales_order GROUP BY 1`).map(
        (r) => [r.status, r.n],
      ),
    );
    expect(n(`SELECT COUNT(*) AS n FROM sales_order`)).toBe(200);
    for (const s of ['wait_pay', 'paid', 'shipped', 'success', 'closed'])
      expect(byStatus[s]).toBeGreaterThan(0);
    // 58… order numbers and member names ending in four digits: never the fixtures' (41…, 24…, 30…).
    expect(
      n(`SELECT COUNT(*) AS n FROM sales_order WHERE order_no NOT GLOB '58*' OR length(order_no) <> 19`),
    ).toBe(0);
    expect(
      n(`SELECT COUNT(*) AS n FROM sales_order WHERE member_name NOT GLOB '*[0-9][0-9][0-9][0-9]'`),
    ).toBe(0);
    expect(n(`SELECT COUNT(*) AS n FROM sales_order WHERE buyer_id IS NULL`)).toBe(0);
    expect(
      n(
        `SELECT COUNT(*) AS n FROM sales_order o WHERE NOT EXISTS (SELECT 1 FROM sales_order_line l WHERE l.order_id = o.id)`,
      ),
    ).toBe(0);
    expect(
      n(
        `SELECT COUNT(*) AS n FROM sales_order WHERE status IN ('shipped', 'success') AND tracking_no IS NULL`,
      ),
    ).toBe(0);
    const span = q<{ lo: string; hi: string }>(
      `SELECT MIN(ordered_at) AS lo, MAX(ordered_at) AS hi FROM sales_order`,
    )[0]!;
    expect(Date.now() - Date.parse(span.lo)).toBeLessThanOrEqual(30 * 86_400_000 + 60_000);
    expect(Date.parse(span.hi)).toBeLessThanOrEqual(Date.now());
    expect(n(`SELECT COUNT(*) AS n FROM presales_inquiry`)).toBe(24);
    expect(n(`SELECT COUNT(*) AS n FROM aftersales_case`)).toBe(1);
    expect(n(`SELECT COUNT(*) AS n FROM review`)).toBe(1);
    expect(n(`SELECT COUNT(*) AS n FROM complaint`)).toBe(1);
    expect(n(`SELECT COUNT(*) AS n FROM change_log WHERE entity = 'sales_order'`)).toBe(200);
    // the same seed gives the same orders (numbers, buyers, amounts)
    const fingerprint = (t: TestApp) =>
      t.store.db
        .prepare(`SELECT order_no, member_name, status, total_fen FROM sales_order ORDER BY order_no`)
        .all();
    const first = fingerprint(app);
    app.close();
    app = makeApp();
    seedDemoShop(app.store, { products: 20 });
    expect(fingerprint(app)).toEqual(first);
    expect(ms).toBeLessThan(60_000);
    console.log(`demo shop (20 products + customer service) seeded in ${Math.round(ms)} ms`);
  });
});
