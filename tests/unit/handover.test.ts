// Shift handover book (交接本, §15.1): writing, who may acknowledge, open items, history, facts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoverItem, HandoverOpen } from '../../src-main/api/contract';
import { createStaff } from '../../src-main/modules/staff/service';
import { makeApp, sampleProduct, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-000000000001';
const EARLY = '01930000-0000-7000-8000-000000000001';
const LATE = '01930000-0000-7000-8000-000000000002';
// 2026-11-27 (Friday) 16:30 in Asia/Shanghai: the early shift is ending.
let nowMs = Date.parse('2026-11-27T08:30:00Z');

let app: TestApp;
/** Second agent (晚班 on the 27th), and a third (早班 on the 28th). */
const extra: Record<string, { id: string; pin: string }> = {};

async function as(person: { id: string; pin: string }) {
  await app.ok(C, 'auth.signIn', { staffId: person.id, pin: person.pin });
}

beforeEach(async () => {
  nowMs = Date.parse('2026-11-27T08:30:00Z');
  app = makeApp({ shop: true, now: () => nowMs });
  app.store.tx(() => {
    for (const [name, pin] of [
      ['晚班客服', '3001'],
      ['次日早班', '3002'],
    ] as const) {
      const row = createStaff(app.store, app.people.manager!.id, { name, role: 'cs_agent', pin });
      extra[name] = { id: row.id, pin };
    }
  });
  await app.signInAs(C, 'cs_supervisor');
  await app.ok(C, 'rota.saveWeek', {
    team: 'service',
    weekStart: '2026-11-23',
    cells: [
      { staffId: app.people.cs_agent!.id, date: '2026-11-27', kind: 'shift', templateId: EARLY },
      { staffId: extra['晚班客服']!.id, date: '2026-11-27', kind: 'shift', templateId: LATE },
      { staffId: extra['次日早班']!.id, date: '2026-11-28', kind: 'shift', templateId: EARLY },
    ],
  });
});
afterEach(() => app?.close());

describe('writing a handover', () => {
  it('offers the writer their shift from the rota and stores each kind with its link', async () => {
    const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const buyer = await app.ok<{ id: string }>(C, 'buyers.save', { memberName: '小鹿买家' });
    await app.signInAs(C, 'cs_agent');
    const open = await app.ok<HandoverOpen>(C, 'handover.open');
    expect(open.today).toBe('2026-11-27');
    expect(open.myShift).toMatchObject({ templateId: EARLY, name: '早班', start: '08:00', end: '17:00' });
    expect(open.shifts.map((s) => s.name)).toEqual(['早班', '晚班']);

    const items = await app.ok<HandoverItem[]>(C, 'handover.write', {
      date: '2026-11-27',
      templateId: EARLY,
      items: [
        { kind: 'buyer', text: '问尺码，还没回复', buyerId: buyer.id },
        { kind: 'callback', text: '答应晚上七点回电', callbackAt: '2026-11-27T11:00:00Z' },
        { kind: 'stock', text: '白色L码库存不准', skuId: p.skus[0]!.id },
        { kind: 'other', text: '打印机缺纸' },
      ],
    });
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ kind: 'buyer', buyerName: '小鹿买家', shiftName: '早班', ack: null });
    expect(items[1]!.callbackAt).toBe('2026-11-27T11:00:00.000Z');
    expect(items[2]!.skuLabel).toContain('TX001-WH-L');
    expect(items.every((i) => i.nextDate === '2026-11-27' && i.nextShiftName === '晚班')).toBe(true);
    // The writer is not on the next shift.
    expect(items.some((i) => i.canAck)).toBe(false);
    const log = app.store.db
      .prepare(`SELECT COUNT(*) AS n FROM change_log WHERE entity = 'handover_item'`)
      .get() as { n: number };
    expect(log.n).toBe(4);
  });

  it('refuses a missing callback time, an unknown SKU, a date two days back', async () => {
    await app.signInAs(C, 'cs_agent');
    const bad = await app.call(C, 'handover.write', {
      date: '2026-11-27',
      templateId: EARLY,
      items: [
        { kind: 'callback', text: '回电' },
        { kind: 'stock', text: '缺货', skuId: '01930000-0000-7000-8000-0000000000ff' },
      ],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(Object.keys(bad.error.fields!)).toEqual(['items.0.callbackAt']);
    const sku = await app.call(C, 'handover.write', {
      date: '2026-11-27',
      templateId: EARLY,
      items: [{ kind: 'stock', text: '缺货', skuId: '01930000-0000-7000-8000-0000000000ff' }],
    });
    expect(sku).toMatchObject({
      ok: false,
      error: { fields: { 'items.0.skuId': { key: 'validation.handoverSku' } } },
    });
    const old = await app.call(C, 'handover.write', {
      date: '2026-11-25',
      templateId: EARLY,
      items: [{ kind: 'other', text: '旧事' }],
    });
    expect(old).toMatchObject({ ok: false, error: { fields: { date: { key: 'validation.handoverDate' } } } });
    expect(app.store.db.prepare('SELECT COUNT(*) AS n FROM handover_item').get()).toEqual({ n: 0 });
  });
});

describe('acknowledging', () => {
  async function writeEarly(): Promise<HandoverItem[]> {
    await app.signInAs(C, 'cs_agent');
    const items = await app.ok<HandoverItem[]>(C, 'handover.write', {
      date: '2026-11-27',
      templateId: EARLY,
      items: [
        { kind: 'other', text: '一号事项' },
        { kind: 'other', text: '二号事项' },
      ],
    });
    await app.ok(C, 'auth.signOut');
    return items;
  }

  it('only the next shift per the rota, or a supervisor / the manager, may acknowledge', async () => {
    const [a, b] = await writeEarly();
    // The writer (早班) may not, nor tomorrow's early shift.
    await app.signInAs(C, 'cs_agent');
    expect(await app.call(C, 'handover.ack', { itemId: a!.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'handoverOwnItem' },
    });
    await as(extra['次日早班']!);
    expect(await app.call(C, 'handover.ack', { itemId: a!.id })).toMatchObject({
      ok: false,
      error: {
        code: 'FORBIDDEN',
        key: 'handoverNotNextShift',
        params: { shift: '晚班', date: '2026-11-27' },
      },
    });
    // The late shift sees both as theirs to acknowledge, and acknowledges one with a note.
    await as(extra['晚班客服']!);
    const open = await app.ok<HandoverOpen>(C, 'handover.open');
    expect(open.forMe).toBe(2);
    const acked = await app.ok<HandoverItem>(C, 'handover.ack', { itemId: a!.id, note: '已联系' });
    expect(acked.ack).toMatchObject({ staffName: '晚班客服', note: '已联系' });
    expect(acked.canAck).toBe(false);
    // Acknowledging twice is a conflict.
    expect(await app.call(C, 'handover.ack', { itemId: a!.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'handoverAcked' },
    });
    // A supervisor may acknowledge any item, except one she wrote herself.
    await app.signInAs(C, 'cs_supervisor');
    const [own] = await app.ok<HandoverItem[]>(C, 'handover.write', {
      date: '2026-11-27',
      templateId: EARLY,
      items: [{ kind: 'other', text: '主管写的事项' }],
    });
    expect(own!.canAck).toBe(false);
    expect((await app.ok<HandoverOpen>(C, 'handover.open')).forMe).toBe(1);
    expect(await app.call(C, 'handover.ack', { itemId: own!.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', key: 'handoverOwnItem' },
    });
    await app.ok(C, 'handover.ack', { itemId: b!.id });
  });

  it('a late shift hands over to the next day’s early shift', async () => {
    nowMs = Date.parse('2026-11-27T15:50:00Z'); // 23:50 local
    await as(extra['晚班客服']!);
    const [item] = await app.ok<HandoverItem[]>(C, 'handover.write', {
      date: '2026-11-27',
      templateId: LATE,
      items: [{ kind: 'callback', text: '明早回电', callbackAt: '2026-11-28T01:30:00Z' }],
    });
    expect(item).toMatchObject({ nextDate: '2026-11-28', nextShiftName: '早班' });
    nowMs = Date.parse('2026-11-28T00:10:00Z'); // 08:10 local the next day
    await as(extra['次日早班']!);
    const open = await app.ok<HandoverOpen>(C, 'handover.open');
    expect(open.myShift?.name).toBe('早班');
    expect(open.items.find((i) => i.id === item!.id)?.canAck).toBe(true);
    await app.ok(C, 'handover.ack', { itemId: item!.id });
  });

  it('keeps unacknowledged items open across days, and the history keeps everything', async () => {
    const [a, b] = await writeEarly();
    await as(extra['晚班客服']!);
    await app.ok(C, 'handover.ack', { itemId: a!.id, note: '好' });
    nowMs = Date.parse('2026-11-29T02:00:00Z'); // two days later
    await app.signInAs(C, 'director');
    const open = await app.ok<HandoverOpen>(C, 'handover.open');
    expect(open.items.map((i) => i.id)).toEqual([b!.id]);
    expect(open.forMe).toBe(0);
    const hist = await app.ok<HandoverItem[]>(C, 'handover.history', {
      from: '2026-11-27',
      to: '2026-11-29',
    });
    expect(hist.map((i) => [i.text, i.ack?.note ?? null])).toEqual([
      ['一号事项', '好'],
      ['二号事项', null],
    ]);
    expect(
      await app.ok<HandoverItem[]>(C, 'handover.history', { from: '2026-11-28', to: '2026-11-29' }),
    ).toEqual([]);
    expect(await app.call(C, 'handover.history', { from: '2026-11-29', to: '2026-11-27' })).toMatchObject({
      ok: false,
      error: { fields: { to: { key: 'validation.rangeOrder' } } },
    });
  });

  it('items and acknowledgements are append-only facts', async () => {
    const [a] = await writeEarly();
    await app.signInAs(C, 'cs_supervisor');
    await app.ok(C, 'handover.ack', { itemId: a!.id });
    expect(() => app.store.db.prepare(`UPDATE handover_item SET text = 'x'`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM handover_item`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`UPDATE handover_ack SET note = 'x'`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM handover_ack`).run()).toThrow(/append-only/);
  });
});
