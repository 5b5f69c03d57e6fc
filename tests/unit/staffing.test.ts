// Rota, attendance and assessment through the real router on a real SQLite file, with the
// store's clock under the test's control: saving and copying a week, team enforcement, clocking
// in and out, corrections as new append-only facts, the attendance maths (late, early, absent,
// missing punch, a late shift ending at 24:00 across midnight, the shop's time zone), the
// assessment's measures and scores, and the CSV exports read back with Chinese intact.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AssessmentMonth,
  AttendanceReport,
  ClockStatus,
  Envelope,
  ExportResult,
  PackScanAnswer,
  Punch,
  RotaWeek,
  ShiftTemplate,
  StockDocument,
  Stocktake,
  StocktakeCounted,
} from '../../src-main/api/contract';
import { assessmentMonth, MEASURES, type Measure } from '../../src-main/modules/staffing/assessment';
import { personAttendance } from '../../src-main/modules/staffing/attendance';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const M = '00000000-0000-4000-8000-0000000000a1'; // manager
const WS = '00000000-0000-4000-8000-0000000000a2'; // wh_supervisor
const WA = '00000000-0000-4000-8000-0000000000a3'; // wh_agent
const CS = '00000000-0000-4000-8000-0000000000a4'; // cs_supervisor
const CA = '00000000-0000-4000-8000-0000000000a5'; // cs_agent
const ART = '00000000-0000-4000-8000-0000000000a6'; // art_agent

const WEEK = '2026-11-02'; // a Monday
const DAY_SHIFT = '01930000-0000-7000-8000-000000000003'; // 白班 09:00–18:00
const EARLY = '01930000-0000-7000-8000-000000000001'; // 早班 08:00–17:00
const LATE = '01930000-0000-7000-8000-000000000002'; // 晚班 16:00–24:00

let app: TestApp;
let clock = Date.parse('2026-11-01T01:00:00Z');
/** Set the store's clock to a Shanghai wall time (UTC+8). */
const at = (local: string) => (clock = Date.parse(`${local}+08:00`));

afterEach(() => app?.close());

async function start(): Promise<void> {
  clock = Date.parse('2026-11-01T01:00:00Z');
  app = makeApp({ shop: true, now: () => clock });
  await app.signInAs(M, 'manager');
  await app.signInAs(WS, 'wh_supervisor');
  await app.signInAs(WA, 'wh_agent');
  await app.signInAs(CS, 'cs_supervisor');
  await app.signInAs(CA, 'cs_agent');
  await app.signInAs(ART, 'art_agent');
}

function expectError(env: Envelope<unknown>, code: string, key?: string) {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('expected an error');
  expect(env.error.code).toBe(code);
  if (key) expect(env.error.key).toBe(key);
  return env.error;
}

const wa = () => app.people.wh_agent!.id;
const ws = () => app.people.wh_supervisor!.id;
const ca = () => app.people.cs_agent!.id;
const cell = (staffId: string, date: string, kind: 'shift' | 'rest' | 'none', templateId?: string) => ({
  staffId,
  date,
  kind,
  ...(templateId ? { templateId } : {}),
});
const punchRows = () =>
  app.store.db.prepare('SELECT * FROM attendance_punch ORDER BY seq').all() as Record<string, unknown>[];

describe('shift templates', () => {
  it('start with the rulebook shifts and the warehouse day shift; a shift may end at 24:00', async () => {
    await start();
    const all = await app.ok<ShiftTemplate[]>(WA, 'rota.templates', {});
    expect(all.map((t) => [t.team, t.name, t.start, t.end])).toEqual([
      ['service', '早班', '08:00', '17:00'],
      ['service', '晚班', '16:00', '24:00'],
      ['warehouse', '白班', '09:00', '18:00'],
    ]);
    const night = await app.ok<ShiftTemplate>(M, 'rota.saveTemplate', {
      team: 'warehouse',
      name: '中班',
      start: '14:00',
      end: '24:00',
    });
    expect(night).toMatchObject({ start: '14:00', end: '24:00', archived: false });
    const edited = await app.ok<ShiftTemplate>(M, 'rota.saveTemplate', {
      id: DAY_SHIFT,
      team: 'warehouse',
      name: '白班',
      start: '08:30',
      end: '17:30',
    });
    expect(edited).toMatchObject({ start: '08:30', end: '17:30' });
    expect(changeLogRows(app.store, { entity: 'shift_template' }).at(-1)!.fields.time).toEqual({
      from: '09:00–18:00',
      to: '08:30–17:30',
    });
    const before = fingerprint(app.store);
    const bad = expectError(
      await app.call(M, 'rota.saveTemplate', {
        team: 'warehouse',
        name: '夜班',
        start: '22:00',
        end: '06:00',
      }),
      'VALIDATION',
    );
    expect(bad.fields).toMatchObject({ end: { key: 'validation.shiftEnd' } });
    expectError(
      await app.call(M, 'rota.saveTemplate', { team: 'warehouse', name: 'x', start: '24:00', end: '24:00' }),
      'VALIDATION',
    );
    expectError(
      await app.call(M, 'rota.saveTemplate', {
        team: 'warehouse',
        name: '白班',
        start: '07:00',
        end: '15:00',
      }),
      'VALIDATION',
    );
    expectError(
      await app.call(WS, 'rota.saveTemplate', {
        team: 'warehouse',
        name: '早',
        start: '07:00',
        end: '15:00',
      }),
      'FORBIDDEN',
    );
    expect(fingerprint(app.store)).toBe(before);
  });
});

describe('the weekly rota', () => {
  it('is saved by the team supervisor, logged, copied to the next week, and seen by the team', async () => {
    await start();
    const week = await app.ok<RotaWeek>(WS, 'rota.saveWeek', {
      team: 'warehouse',
      weekStart: WEEK,
      cells: [
        cell(wa(), '2026-11-02', 'shift', DAY_SHIFT),
        cell(wa(), '2026-11-03', 'shift', DAY_SHIFT),
        cell(wa(), '2026-11-07', 'rest'),
        cell(ws(), '2026-11-02', 'shift', DAY_SHIFT),
      ],
    });
    expect(week.dates).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
      '2026-11-08',
    ]);
    expect(week.people.map((p) => p.role).sort()).toEqual(['wh_agent', 'wh_supervisor']);
    expect(week.cells).toHaveLength(4);
    expect(week.cells.find((c) => c.staffId === wa() && c.date === '2026-11-02')).toMatchObject({
      kind: 'shift',
      name: '白班',
      start: '09:00',
      end: '18:00',
    });
    expect(week.canManage).toBe(true);
    const logs = changeLogRows(app.store, { entity: 'rota_entry' });
    expect(logs).toHaveLength(4);
    expect(logs[0]!.fields.shift).toEqual({ from: null, to: '白班 09:00–18:00' });
    expect(logs[0]!.staff_id).toBe(ws());

    // Changing one cell to rest and clearing another: two more log entries, nothing else.
    await app.ok(WS, 'rota.saveWeek', {
      team: 'warehouse',
      weekStart: WEEK,
      cells: [
        cell(wa(), '2026-11-03', 'rest'),
        cell(ws(), '2026-11-02', 'none'),
        cell(wa(), '2026-11-02', 'shift', DAY_SHIFT),
      ],
    });
    const more = changeLogRows(app.store, { entity: 'rota_entry' }).slice(4);
    expect(more.map((l) => [l.op, l.fields.shift])).toEqual([
      ['update', { from: '白班 09:00–18:00', to: '休息' }],
      ['delete', { from: '白班 09:00–18:00', to: null }],
    ]);

    // Copy last week into the next one.
    const next = await app.ok<RotaWeek>(WS, 'rota.copyWeek', { team: 'warehouse', weekStart: '2026-11-09' });
    expect(next.cells.map((c) => [c.date, c.kind]).sort()).toEqual([
      ['2026-11-09', 'shift'],
      ['2026-11-10', 'rest'],
      ['2026-11-14', 'rest'],
    ]);
    // Copying a week after an empty one is refused.
    expectError(
      await app.call(WS, 'rota.copyWeek', { team: 'warehouse', weekStart: '2026-12-28' }),
      'CONFLICT',
      'rotaNothingToCopy',
    );

    // Members see their team's week and their own shifts; others do not see it.
    const seen = await app.ok<RotaWeek>(WA, 'rota.week', { team: 'warehouse', weekStart: WEEK });
    expect(seen.canManage).toBe(false);
    expect(seen.cells).toHaveLength(3);
    expectError(await app.call(CA, 'rota.week', { team: 'warehouse', weekStart: WEEK }), 'FORBIDDEN');
    expectError(await app.call(ART, 'rota.week', { team: 'service', weekStart: WEEK }), 'FORBIDDEN');
    expect((await app.ok<RotaWeek>(M, 'rota.week', { team: 'service', weekStart: WEEK })).canManage).toBe(
      true,
    );
    const mine = await app.ok<unknown[]>(WA, 'rota.myShifts', { from: '2026-11-01', to: '2026-11-30' });
    expect(mine).toHaveLength(6); // 3 cells this week, 3 copied into the next
  });

  it('enforces the team in main and refuses bad cells with field paths, changing nothing', async () => {
    await start();
    const before = fingerprint(app.store);
    // A CS supervisor may not edit the warehouse rota (nor a warehouse supervisor the CS one).
    expectError(
      await app.call(CS, 'rota.saveWeek', {
        team: 'warehouse',
        weekStart: WEEK,
        cells: [cell(wa(), WEEK, 'rest')],
      }),
      'FORBIDDEN',
    );
    expectError(
      await app.call(WS, 'rota.saveWeek', {
        team: 'service',
        weekStart: WEEK,
        cells: [cell(ca(), WEEK, 'rest')],
      }),
      'FORBIDDEN',
    );
    expectError(await app.call(CS, 'rota.copyWeek', { team: 'warehouse', weekStart: WEEK }), 'FORBIDDEN');
    const err = expectError(
      await app.call(WS, 'rota.saveWeek', {
        team: 'warehouse',
        weekStart: WEEK,
        cells: [
          cell(ca(), WEEK, 'rest'), // not on the warehouse team
          cell(wa(), '2026-11-09', 'rest'), // outside the week
          cell(wa(), WEEK, 'shift', EARLY), // a CS shift
          cell(wa(), '2026-11-04', 'shift'), // no shift chosen
        ],
      }),
      'VALIDATION',
    );
    expect(err.fields).toEqual({
      'cells.0.staffId': { key: 'validation.notInTeam' },
      'cells.1.date': { key: 'validation.outsideWeek' },
      'cells.2.templateId': { key: 'validation.shiftNotInTeam' },
      'cells.3.templateId': { key: 'validation.required' },
    });
    const monday = expectError(
      await app.call(WS, 'rota.week', { team: 'warehouse', weekStart: '2026-11-03' }),
      'VALIDATION',
    );
    expect(monday.fields).toEqual({ weekStart: { key: 'validation.monday' } });
    expect(fingerprint(app.store)).toBe(before);
    // The CS supervisor plans the CS team with the rulebook's shifts.
    const cs = await app.ok<RotaWeek>(CS, 'rota.saveWeek', {
      team: 'service',
      weekStart: WEEK,
      cells: [cell(ca(), WEEK, 'shift', LATE)],
    });
    expect(cs.cells[0]).toMatchObject({ name: '晚班', start: '16:00', end: '24:00' });
  });
});

describe('clocking in and out', () => {
  it('records append-only punches; a supervisor corrects with a new fact and a reason', async () => {
    await start();
    at('2026-11-02T08:58:00');
    const s1 = await app.ok<ClockStatus>(WA, 'attendance.clock', { kind: 'in' });
    expect(s1.clockedInAt).toBe('2026-11-02T00:58:00.000Z');
    expect(s1.today).toBe('2026-11-02');
    expectError(await app.call(WA, 'attendance.clock', { kind: 'in' }), 'CONFLICT', 'alreadyClockedIn');
    at('2026-11-02T18:01:00');
    const s2 = await app.ok<ClockStatus>(WA, 'attendance.clock', { kind: 'out' });
    expect(s2.clockedInAt).toBeNull();
    expect(s2.punches.map((p) => p.kind)).toEqual(['in', 'out']);
    expectError(await app.call(WA, 'attendance.clock', { kind: 'out' }), 'CONFLICT', 'notClockedIn');
    const rows = punchRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'in', source: 'self', device: app.store.deviceCode });
    expect(changeLogRows(app.store, { entity: 'attendance_punch' })).toHaveLength(2);

    // Facts: the database refuses to change or remove them.
    expect(() =>
      app.store.db.prepare(`UPDATE attendance_punch SET at = '2026-11-02T01:00:00.000Z'`).run(),
    ).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM attendance_punch`).run()).toThrow(/append-only/);

    // The supervisor moves the clock-in to the real time: a new row replacing the old one.
    at('2026-11-02T19:00:00');
    const fix = await app.ok<Punch>(WS, 'attendance.correct', {
      staffId: wa(),
      kind: 'in',
      at: '2026-11-02T00:50:00.000Z',
      replacesId: rows[0]!.id,
      reason: '打卡机排队，08:50 已到岗',
    });
    expect(fix).toMatchObject({
      source: 'correction',
      replacesId: rows[0]!.id,
      reason: '打卡机排队，08:50 已到岗',
    });
    const all = await app.ok<Punch[]>(WS, 'attendance.punches', { staffId: wa(), month: '2026-11' });
    expect(all.map((p) => [p.kind, p.source, p.superseded])).toEqual([
      ['in', 'correction', false],
      ['in', 'self', true],
      ['out', 'self', false],
    ]);
    expect(punchRows()[0]).toEqual(rows[0]); // the original is untouched
    // A superseded punch cannot be corrected again; a future time is refused.
    const before = fingerprint(app.store);
    const e1 = expectError(
      await app.call(WS, 'attendance.correct', {
        staffId: wa(),
        kind: 'void',
        replacesId: rows[0]!.id,
        reason: '重复',
      }),
      'VALIDATION',
    );
    expect(e1.fields).toEqual({ replacesId: { key: 'validation.punchSuperseded' } });
    const e2 = expectError(
      await app.call(WS, 'attendance.correct', {
        staffId: wa(),
        kind: 'out',
        at: '2026-11-03T00:00:00.000Z',
        reason: '补卡',
      }),
      'VALIDATION',
    );
    expect(e2.fields).toEqual({ at: { key: 'validation.futureTime' } });
    // Only the team's supervisor (or the manager) corrects; a member cannot read others' punches.
    expectError(
      await app.call(CS, 'attendance.correct', {
        staffId: wa(),
        kind: 'in',
        at: '2026-11-02T01:00:00.000Z',
        reason: 'x',
      }),
      'FORBIDDEN',
    );
    expectError(await app.call(CS, 'attendance.punches', { staffId: wa(), month: '2026-11' }), 'FORBIDDEN');
    expect(fingerprint(app.store)).toBe(before);
    // A void cancels a punch.
    await app.ok(M, 'attendance.correct', {
      staffId: wa(),
      kind: 'void',
      replacesId: fix.id,
      reason: '录错人',
    });
    const after = await app.ok<Punch[]>(M, 'attendance.punches', { staffId: wa(), month: '2026-11' });
    expect(after.filter((p) => !p.superseded && p.kind !== 'void').map((p) => p.kind)).toEqual(['out']);
  });
});

describe('the monthly attendance report', () => {
  async function punch(client: string, local: string, kind: 'in' | 'out') {
    at(local);
    await app.ok(client, 'attendance.clock', { kind });
  }

  it('counts late arrivals, early leaves, absences, missing punches, unscheduled work and a shift ending at 24:00', async () => {
    await start();
    await app.ok(WS, 'rota.saveWeek', {
      team: 'warehouse',
      weekStart: WEEK,
      cells: [
        cell(wa(), '2026-11-02', 'shift', DAY_SHIFT),
        cell(wa(), '2026-11-03', 'shift', DAY_SHIFT),
        cell(wa(), '2026-11-04', 'shift', DAY_SHIFT),
        cell(wa(), '2026-11-05', 'shift', DAY_SHIFT),
        cell(wa(), '2026-11-06', 'rest'),
        cell(wa(), '2026-11-08', 'shift', DAY_SHIFT),
      ],
    });
    await app.ok(CS, 'rota.saveWeek', {
      team: 'service',
      weekStart: WEEK,
      cells: [cell(ca(), '2026-11-02', 'shift', LATE), cell(ca(), '2026-11-03', 'shift', EARLY)],
    });
    await punch(WA, '2026-11-02T09:04:59', 'in'); // within the 5-minute grace
    await punch(WA, '2026-11-02T18:00:00', 'out');
    await punch(WA, '2026-11-03T09:10:00', 'in'); // 10 minutes late
    await punch(WA, '2026-11-03T17:30:00', 'out'); // 30 minutes early
    // 11-04: no punch at all → absent
    await punch(WA, '2026-11-05T09:00:00', 'in'); // forgot to clock out → missing punch
    await punch(WA, '2026-11-06T10:00:00', 'in'); // a rest day: unscheduled work
    await punch(WA, '2026-11-06T12:00:00', 'out');
    // The late shift 16:00–24:00 clocked out after midnight still belongs to 11-02.
    await punch(CA, '2026-11-02T15:58:00', 'in');
    await punch(CA, '2026-11-03T00:02:00', 'out');
    // …and the next morning's early shift is its own day.
    await punch(CA, '2026-11-03T08:00:00', 'in');
    await punch(CA, '2026-11-03T17:00:00', 'out');

    at('2026-11-07T12:00:00'); // Sunday 11-08's shift is still to come
    const r = await app.ok<AttendanceReport>(WS, 'attendance.report', {
      team: 'warehouse',
      month: '2026-11',
    });
    expect(r).toMatchObject({ lateGraceMin: 5, timeZone: 'Asia/Shanghai' });
    const agent = r.rows.find((x) => x.staffId === wa())!;
    expect(agent).toMatchObject({
      scheduledShifts: 5,
      restDays: 1,
      daysWorked: 4,
      workedMinutes: 8 * 60 + 55 + (8 * 60 + 20) + 120,
      lateCount: 1,
      lateMinutes: 10,
      earlyCount: 1,
      earlyMinutes: 30,
      absentCount: 1,
      missingPunchCount: 1,
      unscheduledCount: 1,
      unscheduledMinutes: 120,
    });
    const days = r.days.filter((d) => d.staffId === wa());
    expect(days.map((d) => [d.date, d.status])).toEqual([
      ['2026-11-02', 'ok'],
      ['2026-11-03', 'lateEarly'],
      ['2026-11-04', 'absent'],
      ['2026-11-05', 'missingPunch'],
      ['2026-11-06', 'unscheduled'],
      ['2026-11-08', 'upcoming'],
    ]);
    expect(r.rows.find((x) => x.staffId === ws())).toMatchObject({ scheduledShifts: 0, daysWorked: 0 });

    const cs = await app.ok<AttendanceReport>(CS, 'attendance.report', { team: 'service', month: '2026-11' });
    const agentCs = cs.rows.find((x) => x.staffId === ca())!;
    expect(agentCs).toMatchObject({
      scheduledShifts: 2,
      daysWorked: 2,
      workedMinutes: 484 + 540,
      lateCount: 0,
      earlyCount: 0,
      absentCount: 0,
      missingPunchCount: 0,
      unscheduledCount: 0,
    });
    expect(cs.days.filter((d) => d.staffId === ca()).map((d) => [d.date, d.status, d.workedMinutes])).toEqual(
      [
        ['2026-11-02', 'ok', 484],
        ['2026-11-03', 'ok', 540],
      ],
    );

    // The grace is configurable: at 15 minutes, 09:10 is on time.
    await app.ok(M, 'attendance.saveSettings', { lateGraceMin: 15, earlyGraceMin: 0 });
    const relaxed = await app.ok<AttendanceReport>(M, 'attendance.report', {
      team: 'warehouse',
      month: '2026-11',
    });
    expect(relaxed.rows.find((x) => x.staffId === wa())).toMatchObject({ lateCount: 0, earlyCount: 1 });

    // Reading is per team: a supervisor reads only theirs; the director reads both; agents none.
    expectError(
      await app.call(CS, 'attendance.report', { team: 'warehouse', month: '2026-11' }),
      'FORBIDDEN',
    );
    expectError(
      await app.call(WA, 'attendance.report', { team: 'warehouse', month: '2026-11' }),
      'FORBIDDEN',
    );
  });

  it('uses the shop time zone for shift times and dates', () => {
    const person = { id: 'p', name: '测试', role: 'wh_agent' as const };
    const entry = {
      id: 'e',
      team: 'warehouse' as const,
      staff_id: 'p',
      work_date: '2026-11-02',
      kind: 'shift' as const,
      template_id: 't',
      shift_name: '白班',
      start_min: 540,
      end_min: 1440,
    };
    const punches = [
      { kind: 'in' as const, at: '2026-11-02T14:03:00.000Z' }, // 09:03 in New York (UTC−5)
      { kind: 'out' as const, at: '2026-11-03T05:00:00.000Z' }, // 24:00 in New York
    ];
    const opts = { lateGraceMin: 5, earlyGraceMin: 0, nowMs: Date.parse('2026-11-20T00:00:00Z') };
    const range = { from: '2026-11-01', to: '2026-11-30' };
    const ny = personAttendance(person, [entry], punches, range, { ...opts, timeZone: 'America/New_York' });
    expect(ny.days[0]).toMatchObject({
      date: '2026-11-02',
      status: 'ok',
      lateMinutes: 0,
      workedMinutes: 897,
    });
    // The same instants in a Shanghai shop are 22:03 → 13:00 the next day: 783 minutes late.
    const sh = personAttendance(person, [entry], punches, range, { ...opts, timeZone: 'Asia/Shanghai' });
    expect(sh.days[0]).toMatchObject({
      date: '2026-11-02',
      status: 'late',
      lateMinutes: 783,
      workedMinutes: 897,
    });
  });
});

describe('the monthly assessment', () => {
  it('counts documents posted and lines picked per person, keeps scores, and takes extra measures', async () => {
    await start();
    at('2026-11-10T10:00:00');
    const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct());
    const [a, b] = p.skus.map((s) => s.id) as [string, string];
    const bin = await app.ok<{ id: string }>(WS, 'warehouse.saveBin', { code: 'A-01-01' });
    const rk = await app.ok<StockDocument>(WA, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [
        { skuId: a, binId: bin.id, quantity: 10 },
        { skuId: b, binId: bin.id, quantity: 10 },
      ],
    });
    await app.ok(WA, 'warehouse.post', { id: rk.id });
    const ck = await app.ok<StockDocument>(WA, 'warehouse.saveDraft', {
      type: 'sales_out',
      lines: [
        { skuId: a, binId: bin.id, quantity: 1 },
        { skuId: b, binId: bin.id, quantity: 2 },
      ],
    });
    await app.ok(WA, 'warehouse.post', { id: ck.id });
    const ck2 = await app.ok<StockDocument>(WS, 'warehouse.saveDraft', {
      type: 'sales_out',
      lines: [{ skuId: a, binId: bin.id, quantity: 1 }],
    });
    await app.ok(WS, 'warehouse.post', { id: ck2.id });
    await app.ok(WS, 'warehouse.reverse', { id: ck2.id, reason: '发错' }); // a posted document, no picking
    // Next month's work does not count for November.
    at('2026-12-01T00:30:00');
    const ck3 = await app.ok<StockDocument>(WA, 'warehouse.saveDraft', {
      type: 'sales_out',
      lines: [{ skuId: a, binId: bin.id, quantity: 1 }],
    });
    await app.ok(WA, 'warehouse.post', { id: ck3.id });

    const month = await app.ok<AssessmentMonth>(WS, 'assessment.month', { month: '2026-11' });
    expect(month.measures.map((m) => m.key)).toEqual(MEASURES.map((m) => m.key));
    const agent = month.rows.find((r) => r.staffId === wa())!;
    const sup = month.rows.find((r) => r.staffId === ws())!;
    expect(agent.values).toMatchObject({ documentsPosted: 2, linesPicked: 2, daysWorked: 0 });
    expect(sup.values).toMatchObject({ documentsPosted: 2, linesPicked: 1 });
    expect(month.rows.map((r) => r.role).sort()).toEqual(['wh_agent', 'wh_supervisor']);

    const saved = await app.ok<{ score: number; comment: string; version: string }>(
      WS,
      'assessment.saveScore',
      {
        staffId: wa(),
        month: '2026-11',
        score: 92,
        comment: '拣货又快又准，月底盘点很配合',
      },
    );
    expect(saved).toMatchObject({ score: 92, comment: '拣货又快又准，月底盘点很配合' });
    await app.ok(WS, 'assessment.saveScore', {
      staffId: wa(),
      month: '2026-11',
      score: 95,
      comment: '拣货又快又准，月底盘点很配合',
      expectedVersion: saved.version,
    });
    expectError(
      await app.call(WS, 'assessment.saveScore', {
        staffId: wa(),
        month: '2026-11',
        score: 90,
        comment: '',
        expectedVersion: saved.version,
      }),
      'CONFLICT',
      'staleEdit',
    );
    expect(changeLogRows(app.store, { entity: 'assessment_score' }).map((l) => l.fields.score)).toEqual([
      { from: null, to: 92 },
      { from: 92, to: 95 },
    ]);
    const before = fingerprint(app.store);
    const notTeam = expectError(
      await app.call(WS, 'assessment.saveScore', { staffId: ca(), month: '2026-11', score: 80 }),
      'VALIDATION',
    );
    expect(notTeam.fields).toEqual({ staffId: { key: 'validation.notInTeam' } });
    expectError(await app.call(CS, 'assessment.month', { month: '2026-11' }), 'FORBIDDEN');
    expect(fingerprint(app.store)).toBe(before);

    // Adding a measure is one more entry: (store, { from, to }) → Map<staffId, number>.
    const seen: { from: string; to: string }[] = [];
    const extra: Measure = {
      key: 'packingErrorsCaught',
      header: '查出打包错误',
      fn: (_store, range) => {
        seen.push(range);
        return new Map([[wa(), 3]]);
      },
    };
    const withExtra = assessmentMonth(app.store, '2026-11', [...MEASURES, extra]);
    expect(seen).toEqual([{ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' }]);
    expect(withExtra.rows.find((r) => r.staffId === wa())!.values.packingErrorsCaught).toBe(3);
    expect(withExtra.rows.find((r) => r.staffId === ws())!.values.packingErrorsCaught).toBe(0);
  });
});

describe('assessment: packing errors caught and stocktake accuracy', () => {
  it('counts refused pack scans per person and the share of lines counted right first time', async () => {
    await start();
    at('2026-11-10T10:00:00');
    const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct());
    const [a, b] = p.skus.map((s) => s.id) as [string, string];
    const bin = await app.ok<{ id: string }>(WS, 'warehouse.saveBin', { code: 'A-01-01' });
    const rk = await app.ok<StockDocument>(WS, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [
        { skuId: a, binId: bin.id, quantity: 10 },
        { skuId: b, binId: bin.id, quantity: 10 },
      ],
    });
    await app.ok(WS, 'warehouse.post', { id: rk.id });

    // Pack check of an order of one TX001-WH-L: the agent's scans catch a wrong item and an extra
    // one, the supervisor's one wrong item; a correct scan and an unknown code are no catch.
    const order = await app.ok<StockDocument>(WA, 'shipping.createOrder', {
      orderRef: 'TB900001',
      counterpart: '买家小李',
      lines: [{ skuId: a, quantity: 1 }],
    });
    const scan = (who: string, code: string) =>
      app.ok<PackScanAnswer>(who, 'shipping.packScan', { documentId: order.id, code });
    expect((await scan(WA, 'TX001-BK-XL')).result).toBe('wrong');
    expect((await scan(WA, 'TX001-WH-L')).result).toBe('ok');
    expect((await scan(WA, 'TX001-WH-L')).result).toBe('extra');
    expect((await scan(WA, 'NO-SUCH-CODE')).result).toBe('unknown');
    expect((await scan(WS, 'TX001-BK-XL')).result).toBe('wrong');

    // A monthly stocktake: the agent counts both lines first, one of them wrong (8 of 10); the
    // supervisor's recount finds 10. Approved in November.
    const t = await app.ok<Stocktake>(WS, 'stocktake.start', { kind: 'monthly', scope: { type: 'all' } });
    await app.ok<StocktakeCounted>(WA, 'stocktake.count', {
      id: t.id,
      counts: [
        { skuId: a, binId: bin.id, counted: 8 },
        { skuId: b, binId: bin.id, counted: 10 },
      ],
    });
    await app.ok<StocktakeCounted>(WS, 'stocktake.count', {
      id: t.id,
      counts: [{ skuId: a, binId: bin.id, counted: 10 }],
    });
    at('2026-11-15T18:00:00');
    expect((await app.ok<Stocktake>(WS, 'stocktake.approve', { id: t.id })).status).toBe('approved');

    const nov = await app.ok<AssessmentMonth>(WS, 'assessment.month', { month: '2026-11' });
    expect(nov.measures.slice(-2)).toEqual([
      { key: 'packErrorsCaught', header: '打包查错次数' },
      { key: 'stocktakeAccuracy', header: '盘点准确率(%)' },
    ]);
    const agentOf = (m: AssessmentMonth) => m.rows.find((r) => r.staffId === wa())!.values;
    const supOf = (m: AssessmentMonth) => m.rows.find((r) => r.staffId === ws())!.values;
    expect(agentOf(nov)).toMatchObject({ packErrorsCaught: 2, stocktakeAccuracy: 50 });
    // The supervisor only recounted: no first counts, so no accuracy (blank, not 0).
    expect(supOf(nov)).toMatchObject({ packErrorsCaught: 1, stocktakeAccuracy: null });

    // A spot check later in the month, all right first time: 3 of 4 lines overall, 75.
    at('2026-11-20T10:00:00');
    const t2 = await app.ok<Stocktake>(WS, 'stocktake.start', { kind: 'spot', scope: { type: 'all' } });
    await app.ok<StocktakeCounted>(WA, 'stocktake.count', {
      id: t2.id,
      counts: [
        { skuId: a, binId: bin.id, counted: 10 },
        { skuId: b, binId: bin.id, counted: 10 },
      ],
    });
    await app.ok(WS, 'stocktake.approve', { id: t2.id });
    expect(
      agentOf(await app.ok<AssessmentMonth>(WS, 'assessment.month', { month: '2026-11' })),
    ).toMatchObject({
      stocktakeAccuracy: 75,
    });

    // December's catch counts for December only; nobody counted in December.
    at('2026-12-01T00:30:00');
    expect((await scan(WA, 'TX001-BK-XL')).result).toBe('wrong');
    const dec = await app.ok<AssessmentMonth>(WS, 'assessment.month', { month: '2026-12' });
    expect(agentOf(dec)).toMatchObject({ packErrorsCaught: 1, stocktakeAccuracy: null });
    expect(supOf(dec)).toMatchObject({ packErrorsCaught: 0, stocktakeAccuracy: null });

    // The CSV: the count, the percentage, and an empty cell for the supervisor's accuracy.
    const res = await app.ok<ExportResult>(M, 'assessment.exportCsv', { month: '2026-11' });
    if (res.cancelled) throw new Error('cancelled');
    const rows = fs.readFileSync(res.path, 'utf8').slice(1).trim().split('\r\n');
    expect(rows[0]).toBe(
      '月份,姓名,岗位,过账单据数,拣货行数,出勤天数,工作时长(小时),迟到次数,早退次数,缺勤次数,缺卡次数,打包查错次数,盘点准确率(%),主管评分,评语',
    );
    expect(rows).toContain('2026-11,wh_agent-人员,仓储专员,0,0,0,0,0,0,0,0,2,75,,');
    expect(rows).toContain('2026-11,wh_supervisor-人员,仓储主管,1,0,0,0,0,0,0,0,1,,,');
  });
});

describe('CSV exports', () => {
  it('writes the attendance report and the assessment with Chinese intact (UTF-8 BOM and GBK)', async () => {
    await start();
    await app.ok(WS, 'rota.saveWeek', {
      team: 'warehouse',
      weekStart: WEEK,
      cells: [cell(wa(), '2026-11-02', 'shift', DAY_SHIFT)],
    });
    at('2026-11-02T09:20:00');
    await app.ok(WA, 'attendance.clock', { kind: 'in' });
    at('2026-11-02T18:00:00');
    await app.ok(WA, 'attendance.clock', { kind: 'out' });
    const res = await app.ok<ExportResult>(WS, 'attendance.exportCsv', {
      team: 'warehouse',
      month: '2026-11',
    });
    if (res.cancelled) throw new Error('cancelled');
    expect(path.basename(res.path)).toBe('考勤月报_仓储_2026-11_20261102.csv');
    const bytes = fs.readFileSync(res.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      '月份,姓名,岗位,排班次数,休息天数,出勤天数,工作时长(小时),迟到次数,迟到分钟,早退次数,早退分钟,缺勤次数,缺卡次数,排班外出勤次数,排班外时长(小时)',
    );
    expect(lines).toContain('2026-11,wh_agent-人员,仓储专员,1,0,1,8.7,1,20,0,0,0,0,0,0.0');
    expect(res.rows).toBe(2);
    expectError(
      await app.call(CS, 'attendance.exportCsv', { team: 'warehouse', month: '2026-11' }),
      'FORBIDDEN',
    );

    await app.ok(WS, 'assessment.saveScore', {
      staffId: wa(),
      month: '2026-11',
      score: 88,
      comment: '认真负责, "靠谱"',
    });
    const res2 = await app.ok<ExportResult>(M, 'assessment.exportCsv', { month: '2026-11', encoding: 'gbk' });
    if (res2.cancelled) throw new Error('cancelled');
    const text = new TextDecoder('gb18030').decode(fs.readFileSync(res2.path));
    const rows = text.trim().split('\r\n');
    expect(rows[0]).toBe(
      '月份,姓名,岗位,过账单据数,拣货行数,出勤天数,工作时长(小时),迟到次数,早退次数,缺勤次数,缺卡次数,打包查错次数,盘点准确率(%),主管评分,评语',
    );
    expect(rows).toContain('2026-11,wh_agent-人员,仓储专员,0,0,1,8.7,1,0,0,0,0,,88,"认真负责, ""靠谱"""');
  });
});
