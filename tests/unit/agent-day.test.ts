// An agent's day: the work log and weekly summary (one per agent per period, editable by the
// author during it, read-only after, supervisors read and comment), memo reminders, order credit
// (manual wins over the inquiry log, reassignment supersedes) and the daily sales report maths.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportResult, Envelope } from '../../src-main/api/contract';
import type {
  CreditOrders,
  Journal,
  Memo,
  MemoDue,
  MemoList,
  SalesReport,
} from '../../src-main/api/contract-agentday';
import { isoWeekOf } from '../../src-main/modules/service/agent-day';
import { makeApp, sampleProduct, type TestApp } from './helpers';

const AGENT = '00000000-0000-4000-8000-0000000000a1';
const SUP = '00000000-0000-4000-8000-0000000000a2';
const MGR = '00000000-0000-4000-8000-0000000000a3';
let app: TestApp;
afterEach(() => app?.close());

/** 2026-11-28 (Saturday, ISO week 48) 10:00 shop time = 02:00 UTC. */
let nowMs = 0;
const HOUR = 3_600_000;
async function shop(): Promise<TestApp> {
  nowMs = Date.parse('2026-11-28T02:00:00Z');
  app = makeApp({ shop: true, now: () => nowMs });
  await app.signInAs(AGENT, 'cs_agent');
  await app.signInAs(SUP, 'cs_supervisor');
  await app.signInAs(MGR, 'manager');
  return app;
}
const agentId = () => app.people.cs_agent!.id;
const supId = () => app.people.cs_supervisor!.id;
const errorOf = (env: Envelope<unknown>) => (env.ok ? null : { code: env.error.code, key: env.error.key });
const logCount = (entity: string) =>
  (app.store.db.prepare(`SELECT COUNT(*) AS n FROM change_log WHERE entity = ?`).get(entity) as { n: number })
    .n;

const dayLog = (extra: Record<string, unknown> = {}) => ({
  kind: 'day',
  period: '2026-11-28',
  sections: { questions: '买家问尺码偏大吗', deals: '成交 3 单', lessons: '先问身高体重再推荐尺码' },
  ...extra,
});

describe('ISO weeks', () => {
  it('numbers weeks the ISO way, across year ends', () => {
    expect(isoWeekOf('2026-11-28')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48');
    expect(isoWeekOf('2026-11-30')).toBe('2026-W49');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });
});

describe('the daily work log', () => {
  it('is one per agent per day, version-checked, logged, and read-only once the day is over', async () => {
    await shop();
    const first = await app.ok<Journal>(AGENT, 'agentDay.journalSave', dayLog());
    expect(first).toMatchObject({ staffId: agentId(), editable: true, sections: { deals: '成交 3 单' } });
    // A second create (no version) for the same day is refused: one log per day.
    expect(errorOf(await app.call(AGENT, 'agentDay.journalSave', dayLog()))).toEqual({
      code: 'CONFLICT',
      key: 'staleEdit',
    });
    const second = await app.ok<Journal>(
      AGENT,
      'agentDay.journalSave',
      dayLog({
        expectedVersion: first.version,
        sections: { questions: '问尺码', deals: '成交 4 单', lessons: '' },
      }),
    );
    expect(second.id).toBe(first.id);
    expect(second.sections.deals).toBe('成交 4 单');
    // The old version is stale now.
    expect(
      errorOf(await app.call(AGENT, 'agentDay.journalSave', dayLog({ expectedVersion: first.version }))),
    ).toEqual({ code: 'CONFLICT', key: 'staleEdit' });
    expect((app.store.db.prepare(`SELECT COUNT(*) AS n FROM agent_journal`).get() as { n: number }).n).toBe(
      1,
    );
    expect(logCount('agent_journal')).toBe(2);

    // Another day: yesterday's log is read-only, and only today's may be written.
    nowMs += 24 * HOUR;
    const old = await app.ok<Journal>(AGENT, 'agentDay.journalGet', { kind: 'day', period: '2026-11-28' });
    expect(old).toMatchObject({ id: first.id, editable: false });
    expect(
      errorOf(await app.call(AGENT, 'agentDay.journalSave', dayLog({ expectedVersion: second.version }))),
    ).toEqual({ code: 'CONFLICT', key: 'journalDayClosed' });
    const today = await app.ok<Journal>(AGENT, 'agentDay.journalGet', { kind: 'day', period: '2026-11-29' });
    expect(today).toMatchObject({ id: null, editable: true, sections: {} });
  });

  it('is read by supervisors, who comment; agents read only their own', async () => {
    await shop();
    const j = await app.ok<Journal>(AGENT, 'agentDay.journalSave', dayLog());
    await app.ok(
      SUP,
      'agentDay.journalSave',
      dayLog({ sections: { questions: '主管', deals: '', lessons: '' } }),
    );
    // The supervisor sees the agent's log but cannot edit it.
    const seen = await app.ok<Journal>(SUP, 'agentDay.journalGet', {
      kind: 'day',
      period: '2026-11-28',
      staffId: agentId(),
    });
    expect(seen).toMatchObject({ id: j.id, editable: false });
    const commented = await app.ok<Journal>(SUP, 'agentDay.journalComment', {
      journalId: j.id,
      text: '很好，继续保持',
    });
    expect(commented.comments).toMatchObject([{ staffId: supId(), text: '很好，继续保持' }]);
    expect(logCount('agent_journal_comment')).toBe(1);
    // The agent sees the comment on their own log; cannot read the supervisor's nor comment.
    const mine = await app.ok<Journal>(AGENT, 'agentDay.journalGet', { kind: 'day', period: '2026-11-28' });
    expect(mine.comments.map((c) => c.text)).toEqual(['很好，继续保持']);
    expect(
      errorOf(
        await app.call(AGENT, 'agentDay.journalGet', { kind: 'day', period: '2026-11-28', staffId: supId() }),
      ),
    ).toEqual({ code: 'FORBIDDEN', key: 'forbidden' });
    expect(
      errorOf(await app.call(AGENT, 'agentDay.journalComment', { journalId: j.id, text: 'x' }))?.code,
    ).toBe('FORBIDDEN');
    // Lists: the supervisor sees both, the agent only their own.
    const range = { kind: 'day', from: '2026-11-01', to: '2026-11-30' };
    expect((await app.ok<Journal[]>(SUP, 'agentDay.journalList', range)).length).toBe(2);
    const own = await app.ok<Journal[]>(AGENT, 'agentDay.journalList', range);
    expect(own.map((r) => r.staffId)).toEqual([agentId()]);
    // Comments are facts.
    expect(() => app.store.db.exec(`UPDATE agent_journal_comment SET text = 'x'`)).toThrow(/append-only/);
    expect(() => app.store.db.exec(`DELETE FROM agent_journal_comment`)).toThrow(/append-only/);
  });

  it('keeps the weekly summary and plan per ISO week, editable during that week only', async () => {
    await shop();
    const week = {
      kind: 'week',
      period: '2026-W48',
      sections: { summary: '本周成交 20 单', plan: '下周主推羽绒服' },
    };
    const w = await app.ok<Journal>(AGENT, 'agentDay.journalSave', week);
    expect(w).toMatchObject({ editable: true, sections: { plan: '下周主推羽绒服' } });
    expect(errorOf(await app.call(AGENT, 'agentDay.journalSave', { ...week, period: '2026-W47' }))).toEqual({
      code: 'CONFLICT',
      key: 'journalWeekClosed',
    });
    nowMs += 2 * 24 * HOUR; // Monday 2026-11-30: week 49
    expect(
      errorOf(await app.call(AGENT, 'agentDay.journalSave', { ...week, expectedVersion: w.version })),
    ).toEqual({ code: 'CONFLICT', key: 'journalWeekClosed' });
    const list = await app.ok<Journal[]>(SUP, 'agentDay.journalList', {
      kind: 'week',
      from: '2026-11-23',
      to: '2026-11-30',
    });
    expect(list.map((j) => [j.period, j.editable])).toEqual([['2026-W48', false]]);
  });
});

describe('the memo book', () => {
  it('shows due reminders (time passed, not done) to their owner only', async () => {
    await shop();
    const soon = await app.ok<Memo>(AGENT, 'agentDay.memoSave', {
      text: '下午三点回复买家小雨换货',
      remindAt: new Date(nowMs + HOUR).toISOString(),
    });
    await app.ok<Memo>(AGENT, 'agentDay.memoSave', { text: '整理常见问题话术' });
    const past = await app.ok<Memo>(AGENT, 'agentDay.memoSave', {
      text: '给老顾客发新品消息',
      remindAt: new Date(nowMs - HOUR).toISOString(),
    });
    expect(past.due).toBe(true);
    expect(soon.due).toBe(false);
    let due = await app.ok<MemoDue>(AGENT, 'agentDay.memoDue');
    expect(due.count).toBe(1);
    expect(due.rows.map((m) => m.text)).toEqual(['给老顾客发新品消息']);
    nowMs += 2 * HOUR;
    due = await app.ok<MemoDue>(AGENT, 'agentDay.memoDue');
    expect(due.count).toBe(2);
    const done = await app.ok<Memo>(AGENT, 'agentDay.memoDone', { id: past.id, done: true });
    expect(done.doneAt).not.toBeNull();
    expect((await app.ok<MemoDue>(AGENT, 'agentDay.memoDue')).count).toBe(1);
    const open = await app.ok<MemoList>(AGENT, 'agentDay.memos', {});
    expect(open.rows.map((m) => m.text).sort()).toEqual(
      ['下午三点回复买家小雨换货', '整理常见问题话术'].sort(),
    );
    expect(open.dueCount).toBe(1);
    expect((await app.ok<MemoList>(AGENT, 'agentDay.memos', { includeDone: true })).rows).toHaveLength(3);
    // Not the supervisor's: they see none and cannot touch it.
    expect((await app.ok<MemoDue>(SUP, 'agentDay.memoDue')).count).toBe(0);
    expect(errorOf(await app.call(SUP, 'agentDay.memoDone', { id: soon.id, done: true }))?.code).toBe(
      'NOT_FOUND',
    );
    // Editing is version-checked; clearing the reminder takes it off the due list.
    expect(
      errorOf(await app.call(AGENT, 'agentDay.memoSave', { id: soon.id, expectedVersion: 'old', text: 'x' })),
    ).toEqual({ code: 'CONFLICT', key: 'staleEdit' });
    await app.ok(AGENT, 'agentDay.memoSave', { id: soon.id, expectedVersion: soon.version, text: '改期' });
    expect((await app.ok<MemoDue>(AGENT, 'agentDay.memoDue')).count).toBe(0);
    expect(logCount('agent_memo')).toBe(5);
  });

  it('links a memo to an order and its buyer', async () => {
    await shop();
    const o = await paidOrder('链接买家');
    const m = await app.ok<Memo>(AGENT, 'agentDay.memoSave', {
      text: '确认地址',
      orderId: o.id,
      buyerId: o.buyerId,
    });
    expect(m).toMatchObject({ orderId: o.id, buyerName: '链接买家' });
    expect(m.orderNo).toMatch(/^SD-/);
  });
});

// ---------------------------------------------------------------------------------------------
// Credit and the sales report
// ---------------------------------------------------------------------------------------------

let skuId = '';
async function paidOrder(
  member: string,
  quantity = 1,
  status: 'paid' | 'wait_pay' = 'paid',
): Promise<{ id: string; buyerId: string; paidFen: number }> {
  if (!skuId) {
    const p = await app.ok<{ skus: { id: string }[] }>(MGR, 'catalog.create', sampleProduct());
    skuId = p.skus[0]!.id;
  }
  return app.ok(MGR, 'orders.create', { memberName: member, status, lines: [{ skuId, quantity }] });
}

/** An inquiry in the presales log (presales_inquiry), taken now by the person signed in as `as`
 *  through the real channel; with an order it is 已下单 and linked to it (`member` is its buyer). */
async function inquiry(as: string, member: string, orderId?: string): Promise<void> {
  await app.ok(
    as,
    'presales.inquiryCreate',
    orderId
      ? { memberName: member, question: 'size', outcome: 'ordered', orderId }
      : { memberName: member, question: 'price', outcome: 'not_ordered' },
  );
}
/** An inquiry at a given past `at`, written directly (the channel stamps the current time). */
let inq = 0;
function inquiryAt(staffId: string, buyerId: string, at: string, orderId: string | null = null): void {
  inq += 1;
  app.store.db
    .prepare(
      `INSERT INTO presales_inquiry (id, buyer_id, member_name, question, outcome, order_id, staff_id, at, updated_at)
       VALUES (?, ?, '', 'other', ?, ?, ?, ?, ?)`,
    )
    .run(`inq-${inq}`, buyerId, orderId ? 'ordered' : 'pending', orderId, staffId, at, at);
}
const DAY = { from: '2026-11-28', to: '2026-11-28' };

describe('order credit', () => {
  it('takes the inquiry that led to the order; manual credit wins; reassignment supersedes', async () => {
    await shop();
    skuId = '';
    const a = await paidOrder('买家甲');
    const b = await paidOrder('买家乙');
    await inquiry(AGENT, '买家甲', a.id);
    // An earlier inquiry by the supervisor linked to the same order (written after, dated before):
    // the latest inquiry by `at` takes the credit, not the last one written.
    inquiryAt(supId(), a.buyerId, new Date(nowMs - HOUR).toISOString(), a.id);
    let c = await app.ok<CreditOrders>(SUP, 'agentDay.creditOrders', { day: '2026-11-28' });
    expect(c.rows.find((r) => r.orderId === a.id)).toMatchObject({ staffId: agentId(), source: 'inquiry' });
    expect(c.rows.find((r) => r.orderId === b.id)).toMatchObject({ staffId: null, source: null });

    // Manual credit to the supervisor wins over the inquiry.
    c = await app.ok<CreditOrders>(SUP, 'agentDay.assignCredit', {
      orderId: a.id,
      staffId: supId(),
      day: '2026-11-28',
    });
    expect(c.rows.find((r) => r.orderId === a.id)).toMatchObject({ staffId: supId(), source: 'manual' });
    let rep = await app.ok<SalesReport>(SUP, 'agentDay.teamReport', DAY);
    expect(rep.agents.find((x) => x.staffId === supId())?.orders).toBe(1);
    expect(rep.agents.find((x) => x.staffId === agentId())?.orders ?? 0).toBe(0);

    // The agent cannot take it back, nor give an order to someone else; may claim an open one.
    nowMs += 60_000;
    expect(
      errorOf(
        await app.call(AGENT, 'agentDay.assignCredit', {
          orderId: a.id,
          staffId: agentId(),
          day: '2026-11-28',
        }),
      )?.code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(
        await app.call(AGENT, 'agentDay.assignCredit', {
          orderId: b.id,
          staffId: supId(),
          day: '2026-11-28',
        }),
      )?.code,
    ).toBe('FORBIDDEN');
    await app.ok(AGENT, 'agentDay.assignCredit', { orderId: b.id, staffId: agentId(), day: '2026-11-28' });

    // Reassignment: a new fact; the newest wins.
    nowMs += 60_000;
    await app.ok(SUP, 'agentDay.assignCredit', { orderId: a.id, staffId: agentId(), day: '2026-11-28' });
    const facts = app.store.db
      .prepare(`SELECT staff_id FROM order_credit WHERE order_id = ? ORDER BY at`)
      .all(a.id) as { staff_id: string }[];
    expect(facts.map((f) => f.staff_id)).toEqual([supId(), agentId()]);
    rep = await app.ok<SalesReport>(AGENT, 'agentDay.myReport', DAY);
    expect(rep.rows).toHaveLength(1);
    expect(rep.rows[0]).toMatchObject({ staffId: agentId(), orders: 2, revenueFen: a.paidFen + b.paidFen });

    // Withdrawing the manual credit of b leaves it uncredited; of a, the inquiry's credit applies again.
    nowMs += 60_000;
    await app.ok(SUP, 'agentDay.assignCredit', { orderId: b.id, staffId: null, day: '2026-11-28' });
    await app.ok(SUP, 'agentDay.assignCredit', { orderId: a.id, staffId: null, day: '2026-11-28' });
    c = await app.ok<CreditOrders>(SUP, 'agentDay.creditOrders', { day: '2026-11-28' });
    expect(c.rows.find((r) => r.orderId === a.id)).toMatchObject({ staffId: agentId(), source: 'inquiry' });
    expect(c.rows.find((r) => r.orderId === b.id)).toMatchObject({ staffId: null, source: null });
    // Only agents may be credited; facts are append-only; every credit is in change_log.
    const wh = await app.call(SUP, 'agentDay.assignCredit', {
      orderId: a.id,
      staffId: app.people.wh_agent!.id,
      day: '2026-11-28',
    });
    expect(wh.ok ? null : wh.error.fields?.staffId?.key).toBe('validation.creditNotAgent');
    expect(() => app.store.db.exec(`UPDATE order_credit SET staff_id = NULL`)).toThrow(/append-only/);
    expect(() => app.store.db.exec(`DELETE FROM order_credit`)).toThrow(/append-only/);
    expect(logCount('order_credit')).toBe(5);
  });
});

describe('the daily sales report', () => {
  it('counts inquiries, credited orders, revenue, conversion and follow-up conversions per day', async () => {
    await shop();
    skuId = '';
    // Day 1 (11-28): 4 inquiries by the agent, 2 leading to orders (1 and 2 pieces); 1 manual.
    const o1 = await paidOrder('买家一', 1);
    const o2 = await paidOrder('买家二', 2);
    const o3 = await paidOrder('买家三', 3);
    await inquiry(AGENT, '买家一', o1.id);
    await inquiry(AGENT, '买家二', o2.id);
    await inquiry(AGENT, '咨询买家');
    await inquiry(AGENT, '咨询买家');
    await inquiry(SUP, '咨询买家');
    // Inquiries count by the shop-local day of `at` (UTC+8): 16:30Z on 11-27 is 00:30 on 11-28,
    // 15:30Z is 23:30 on 11-27 (outside the range).
    inquiryAt(supId(), o1.buyerId, '2026-11-27T16:30:00.000Z');
    inquiryAt(supId(), o1.buyerId, '2026-11-27T15:30:00.000Z');
    await app.ok(SUP, 'agentDay.assignCredit', { orderId: o3.id, staffId: agentId(), day: '2026-11-28' });
    // 催付: the agent contacts an unpaid order, which is then paid (a conversion); a contact made
    // after payment does not count; the supervisor's earlier contact is superseded by the agent's later one.
    const u1 = await paidOrder('催付买家', 1, 'wait_pay');
    await app.ok(SUP, 'followUp.record', { orderId: u1.id, channel: 'phone', outcome: 'no_reply' });
    nowMs += 60_000;
    await app.ok(AGENT, 'followUp.record', { orderId: u1.id, channel: 'wangwang', outcome: 'will_pay' });
    nowMs += HOUR;
    await app.ok(MGR, 'orders.setStatus', { id: u1.id, status: 'paid' });
    nowMs += 60_000;
    await app.ok(SUP, 'followUp.record', { orderId: u1.id, channel: 'sms', outcome: 'other' });
    // Day 2 (11-29): one manual order for the agent.
    nowMs += 24 * HOUR;
    const o4 = await paidOrder('买家四', 1);
    await app.ok(AGENT, 'agentDay.assignCredit', { orderId: o4.id, staffId: agentId(), day: '2026-11-29' });
    // An order paid outside the range is not counted.
    nowMs += 24 * HOUR;
    const late = await paidOrder('买家五', 1);
    await app.ok(SUP, 'agentDay.assignCredit', { orderId: late.id, staffId: agentId(), day: '2026-11-30' });

    const rep = await app.ok<SalesReport>(SUP, 'agentDay.teamReport', {
      from: '2026-11-28',
      to: '2026-11-29',
    });
    const row = (day: string, staff: string) => rep.rows.find((r) => r.day === day && r.staffId === staff);
    expect(row('2026-11-28', agentId())).toMatchObject({
      inquiries: 4,
      orders: 3,
      revenueFen: o1.paidFen + o2.paidFen + o3.paidFen,
      conversion: 0.75,
      followUpConversions: 1,
    });
    expect(row('2026-11-28', supId())).toMatchObject({
      inquiries: 2,
      orders: 0,
      conversion: 0,
      followUpConversions: 0,
    });
    expect(row('2026-11-29', agentId())).toMatchObject({
      inquiries: 0,
      orders: 1,
      revenueFen: o4.paidFen,
      conversion: null,
    });
    expect(rep.totals).toMatchObject({
      inquiries: 6,
      orders: 4,
      revenueFen: o1.paidFen + o2.paidFen + o3.paidFen + o4.paidFen,
      conversion: 4 / 6,
      followUpConversions: 1,
    });
    expect(rep.agents.find((a) => a.staffId === agentId())).toMatchObject({
      orders: 4,
      inquiries: 4,
      conversion: 1,
    });
    // One agent only, and the agent's own report is theirs alone.
    const one = await app.ok<SalesReport>(SUP, 'agentDay.teamReport', {
      from: '2026-11-28',
      to: '2026-11-29',
      staffId: supId(),
    });
    expect(one.rows.map((r) => r.staffId)).toEqual([supId()]);
    const mine = await app.ok<SalesReport>(AGENT, 'agentDay.myReport', {
      from: '2026-11-28',
      to: '2026-11-29',
    });
    expect(mine.rows.every((r) => r.staffId === agentId())).toBe(true);
    expect(mine.totals.orders).toBe(4);
    // Director reads the team report; an agent does not.
    await app.signInAs(MGR, 'director');
    expect((await app.call(MGR, 'agentDay.teamReport', DAY)).ok).toBe(true);
    expect(errorOf(await app.call(AGENT, 'agentDay.teamReport', DAY))?.code).toBe('FORBIDDEN');

    // CSV: UTF-8 with BOM, Chinese intact, yuan and percentages rendered by SQL.
    await app.signInAs(MGR, 'cs_supervisor');
    const res = await app.ok<ExportResult>(MGR, 'agentDay.exportCsv', {
      from: '2026-11-28',
      to: '2026-11-29',
    });
    expect(res).toMatchObject({ cancelled: false, rows: 3 });
    const text = fs.readFileSync(
      path.join(app.exportDir, path.basename((res as { path: string }).path)),
      'utf8',
    );
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('日期,客服,咨询数,成交订单数,销售额（元）,转化率,催付成交数');
    const agentName = 'cs_agent-人员';
    expect(lines).toContain(
      `2026-11-28,${agentName},4,3,${((o1.paidFen + o2.paidFen + o3.paidFen) / 100).toFixed(2)},75.0%,1`,
    );
    expect(lines).toContain(`2026-11-29,${agentName},0,1,${(o4.paidFen / 100).toFixed(2)},,0`);
  });
});
