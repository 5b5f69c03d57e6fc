// Clock-in / clock-out (打卡) and the monthly attendance report (考勤月报). The only writer of
// attendance_punch (append-only facts: a correction is a new row, never an edit) and
// attendance_setting. Writes run inside the caller's transaction (router 'tx' mode).
//
// The maths: a person's punches that count (not replaced or voided by a later correction),
// oldest first, pair into work sessions (a clock-in and the next clock-out within 20 hours);
// a lone clock-in or clock-out is a missing punch. Each session belongs to the rota shift whose
// time, widened by 3 hours either side, it overlaps most; sessions matching no shift are
// unscheduled work on the shop-local date they began. Per past shift: no session → absent;
// first clock-in later than start + grace → late; last clock-out earlier than end − grace →
// left early. A shift ending at 24:00 is the next local midnight and belongs to its start date.
import type { z } from 'zod';
import {
  managesTeam,
  readsTeamAttendance,
  teamOfRole,
  type AttendanceDay,
  type AttendanceDayStatus,
  type AttendanceReport,
  type AttendanceRow,
  type AttendanceSettings,
  type ClockStatus,
  type Punch,
  type PunchKind,
  type StaffPublic,
  type Team,
  type punchCorrectionInput,
} from '../../api/contract';
import type { Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { personCells, teamPeople, toCell, type Caller, type EntryDb } from './rota';
import { addDays, hhmm, localDateOf, localToUtc, monthRange } from './time';

export type CorrectionData = z.output<typeof punchCorrectionInput>;

/** A clock-in and a clock-out further apart than this are not one session. */
const MAX_SESSION_MS = 20 * 3_600_000;
/** How far before a shift's start and after its end a session may lie and still belong to it. */
const SHIFT_SLACK_MS = 3 * 3_600_000;

interface PunchDb {
  seq: number;
  id: string;
  staff_id: string;
  kind: PunchKind;
  at: string;
  source: 'self' | 'correction';
  replaces_id: string | null;
  reason: string;
  device: string;
  recorded_at: string;
  recorded_by: string;
  recorded_by_name: string | null;
  superseded: number;
}

const PUNCH_SELECT = `SELECT p.*, st.name AS recorded_by_name,
    EXISTS (SELECT 1 FROM attendance_punch r WHERE r.replaces_id = p.id) AS superseded
  FROM attendance_punch p LEFT JOIN staff st ON st.id = p.recorded_by`;

const toPunch = (r: PunchDb): Punch => ({
  id: r.id,
  staffId: r.staff_id,
  kind: r.kind,
  at: r.at,
  source: r.source,
  replacesId: r.replaces_id,
  reason: r.reason,
  device: r.device,
  recordedAt: r.recorded_at,
  recordedByName: r.recorded_by_name,
  superseded: r.superseded === 1,
});

/** A person's punches with `at` in [fromMs, toMs), oldest first, superseded ones included. */
function punchesBetween(store: Store, staffId: string, fromMs: number, toMs: number): PunchDb[] {
  return store
    .stmt<PunchDb>(
      `${PUNCH_SELECT} WHERE p.staff_id = @staffId AND p.at >= @from AND p.at < @to ORDER BY p.at, p.seq`,
    )
    .all({ staffId, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
}

/** Punches that count: clock-ins and clock-outs not replaced or voided by a later correction. */
const effective = (rows: PunchDb[]) => rows.filter((r) => r.kind !== 'void' && r.superseded === 0);

function personOf(store: Store, staffId: string): (StaffPublic & { active: number }) | undefined {
  return store
    .stmt<StaffPublic & { active: number }>(
      `SELECT id, name, role, active FROM staff WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(staffId);
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------
export function getSettings(store: Store): AttendanceSettings {
  const r = store
    .stmt<{ late_grace_min: number; early_grace_min: number; updated_at: string }>(
      `SELECT * FROM attendance_setting WHERE id = 'attendance'`,
    )
    .get()!;
  return { lateGraceMin: r.late_grace_min, earlyGraceMin: r.early_grace_min, version: r.updated_at };
}

export function saveSettings(
  store: Store,
  by: string,
  input: { lateGraceMin: number; earlyGraceMin: number },
): AttendanceSettings {
  const old = getSettings(store);
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if (old.lateGraceMin !== input.lateGraceMin)
    fields.lateGraceMin = { from: old.lateGraceMin, to: input.lateGraceMin };
  if (old.earlyGraceMin !== input.earlyGraceMin)
    fields.earlyGraceMin = { from: old.earlyGraceMin, to: input.earlyGraceMin };
  if (!Object.keys(fields).length) return old;
  const stamp = store.stamp();
  store
    .stmt(
      `UPDATE attendance_setting SET late_grace_min = @late, early_grace_min = @early, updated_at = @stamp,
         updated_by = @by WHERE id = 'attendance'`,
    )
    .run({ late: input.lateGraceMin, early: input.earlyGraceMin, stamp, by });
  store.log(
    {
      staffId: by,
      entity: 'attendance_setting',
      rowId: 'attendance',
      op: 'update',
      label: '考勤规则',
      fields,
    },
    stamp,
  );
  return getSettings(store);
}

// ---------------------------------------------------------------------------------------------
// Clocking in and out
// ---------------------------------------------------------------------------------------------
function insertPunch(
  store: Store,
  p: {
    staffId: string;
    kind: PunchKind;
    at: string;
    source: 'self' | 'correction';
    replacesId: string | null;
    reason: string;
    by: string;
  },
  label: string,
): string {
  const id = newId();
  const stamp = store.stamp();
  store
    .stmt(
      `INSERT INTO attendance_punch (id, staff_id, kind, at, source, replaces_id, reason, device, recorded_at,
         recorded_by, hlc)
       VALUES (@id, @staffId, @kind, @at, @source, @replacesId, @reason, @device, @now, @by, @stamp)`,
    )
    .run({ ...p, id, device: store.deviceCode, now: store.isoNow(), stamp });
  store.log(
    {
      staffId: p.by,
      entity: 'attendance_punch',
      rowId: id,
      op: 'create',
      label,
      fields: {
        kind: { from: null, to: p.kind },
        at: { from: null, to: p.at },
        ...(p.replacesId ? { replaces: { from: null, to: p.replacesId } } : {}),
        ...(p.reason ? { reason: { from: null, to: p.reason } } : {}),
      },
    },
    stamp,
  );
  return id;
}

/** The open clock-in (the last punch that counts is a clock-in less than 20 hours ago), if any. */
function openClockIn(store: Store, staffId: string, nowMs: number): PunchDb | undefined {
  const last = effective(punchesBetween(store, staffId, nowMs - MAX_SESSION_MS, nowMs + 60_000)).at(-1);
  return last?.kind === 'in' ? last : undefined;
}

export function clockStatus(store: Store, caller: Caller): ClockStatus {
  const tz = shopTimeZone(store);
  const nowMs = store.now();
  const today = localDateOf(nowMs, tz);
  const cell = personCells(store, caller.id, today, today)[0];
  const dayStart = localToUtc(today, 0, tz);
  const open = openClockIn(store, caller.id, nowMs);
  return {
    today,
    team: teamOfRole(caller.role),
    shift: cell ? toCell(cell) : null,
    clockedInAt: open?.at ?? null,
    punches: effective(punchesBetween(store, caller.id, dayStart, localToUtc(today, 1440, tz))).map(toPunch),
  };
}

/** The caller clocks in or out now. Clocking in twice, or out without being in, is refused. */
export function clock(store: Store, caller: Caller & { name: string }, kind: 'in' | 'out'): ClockStatus {
  const nowMs = store.now();
  const open = openClockIn(store, caller.id, nowMs);
  if (kind === 'in' && open) throw new AppError('CONFLICT', 'alreadyClockedIn', { at: open.at });
  if (kind === 'out' && !open) throw new AppError('CONFLICT', 'notClockedIn');
  insertPunch(
    store,
    {
      staffId: caller.id,
      kind,
      at: store.isoNow(),
      source: 'self',
      replacesId: null,
      reason: '',
      by: caller.id,
    },
    `${caller.name} ${kind === 'in' ? '上班打卡' : '下班打卡'}`,
  );
  return clockStatus(store, caller);
}

/** Who the person is and the team whose supervisor may correct or read them. */
function teamCheck(
  store: Store,
  caller: Caller,
  staffId: string,
  allowed: (role: Role, team: Team) => boolean,
) {
  const person = personOf(store, staffId);
  if (!person) throw notFound('staff');
  const team = teamOfRole(person.role);
  // People on no team (manager, art, admin…): only whoever may do it for every team.
  const ok = team
    ? allowed(caller.role, team)
    : allowed(caller.role, 'warehouse') && allowed(caller.role, 'service');
  if (!ok) throw new AppError('FORBIDDEN', 'forbidden');
  return person;
}

/** A supervisor's correction: a new punch with a reason (never an edit of the old one). */
export function correct(store: Store, caller: Caller, input: CorrectionData): Punch {
  const person = teamCheck(store, caller, input.staffId, managesTeam);
  const problems: Record<string, { key: string }> = {};
  if (input.replacesId) {
    const target = store.stmt<PunchDb>(`${PUNCH_SELECT} WHERE p.id = ?`).get(input.replacesId);
    if (!target || target.staff_id !== input.staffId)
      problems.replacesId = { key: 'validation.punchNotFound' };
    else if (target.superseded || target.kind === 'void')
      problems.replacesId = { key: 'validation.punchSuperseded' };
  }
  const at = input.kind === 'void' ? store.isoNow() : new Date(input.at!).toISOString();
  if (Date.parse(at) > store.now() + 60_000) problems.at = { key: 'validation.futureTime' };
  if (Object.keys(problems).length) throw fieldErrors(problems);
  const id = insertPunch(
    store,
    {
      staffId: input.staffId,
      kind: input.kind,
      at,
      source: 'correction',
      replacesId: input.replacesId ?? null,
      reason: input.reason,
      by: caller.id,
    },
    `${person.name} 补卡/更正`,
  );
  return toPunch(store.stmt<PunchDb>(`${PUNCH_SELECT} WHERE p.id = ?`).get(id)!);
}

export function listPunches(
  store: Store,
  caller: Caller,
  input: { staffId: string; month: string },
): Punch[] {
  teamCheck(store, caller, input.staffId, readsTeamAttendance);
  const tz = shopTimeZone(store);
  const { from, to } = monthRange(input.month);
  return punchesBetween(store, input.staffId, localToUtc(from, 0, tz), localToUtc(to, 1440, tz)).map(toPunch);
}

// ---------------------------------------------------------------------------------------------
// The maths
// ---------------------------------------------------------------------------------------------
interface Session {
  inMs: number | null;
  outMs: number | null;
  /** Clocked in and not out yet, less than 20 hours ago. */
  ongoing: boolean;
}

/** Pair punches (that count, oldest first) into sessions. */
export function sessionsOf(punches: { kind: PunchKind; at: string }[], nowMs: number): Session[] {
  const out: Session[] = [];
  let open: number | null = null;
  for (const p of punches) {
    const t = Date.parse(p.at);
    if (p.kind === 'in') {
      if (open !== null) out.push({ inMs: open, outMs: null, ongoing: false });
      open = t;
    } else if (p.kind === 'out') {
      if (open !== null && t - open <= MAX_SESSION_MS) out.push({ inMs: open, outMs: t, ongoing: false });
      else {
        if (open !== null) out.push({ inMs: open, outMs: null, ongoing: false });
        out.push({ inMs: null, outMs: t, ongoing: false });
      }
      open = null;
    }
  }
  if (open !== null) out.push({ inMs: open, outMs: null, ongoing: nowMs - open <= MAX_SESSION_MS });
  return out;
}

export interface AttendanceOptions {
  timeZone: string;
  lateGraceMin: number;
  earlyGraceMin: number;
  nowMs: number;
}

interface ShiftSlot {
  entry: EntryDb;
  startMs: number;
  endMs: number;
  sessions: Session[];
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.min(a1, b1) - Math.max(a0, b0);
const minutes = (ms: number) => Math.floor(ms / 60_000);
const minutesUp = (ms: number) => Math.ceil(ms / 60_000);

/**
 * One person's days from `from` to `to` (shop-local, inclusive): every rota cell and every day
 * with unscheduled work, plus the month's summary. Pure apart from its inputs.
 */
export function personAttendance(
  person: StaffPublic,
  cells: EntryDb[],
  punches: { kind: PunchKind; at: string }[],
  range: { from: string; to: string },
  o: AttendanceOptions,
): { row: AttendanceRow; days: AttendanceDay[] } {
  const sessions = sessionsOf(punches, o.nowMs);
  const slots: ShiftSlot[] = cells
    .filter((c) => c.kind === 'shift')
    .map((c) => ({
      entry: c,
      startMs: localToUtc(c.work_date, c.start_min!, o.timeZone),
      endMs: localToUtc(c.work_date, c.end_min!, o.timeZone),
      sessions: [],
    }));
  const unscheduled = new Map<string, Session[]>();
  for (const s of sessions) {
    const a = s.inMs ?? s.outMs!;
    const b = s.outMs ?? (s.ongoing ? Math.max(o.nowMs, a) : a);
    let best: ShiftSlot | null = null;
    let bestOverlap = -Infinity;
    for (const slot of slots) {
      const ov = overlap(a, b, slot.startMs - SHIFT_SLACK_MS, slot.endMs + SHIFT_SLACK_MS);
      if (ov < 0) continue;
      // Prefer the shift the session overlaps most (measured against the real shift times).
      const real = overlap(a, b, slot.startMs, slot.endMs);
      if (real > bestOverlap) {
        best = slot;
        bestOverlap = real;
      }
    }
    if (best) best.sessions.push(s);
    else {
      const date = localDateOf(a, o.timeZone);
      unscheduled.set(date, [...(unscheduled.get(date) ?? []), s]);
    }
  }

  const row: AttendanceRow = {
    staffId: person.id,
    name: person.name,
    role: person.role,
    scheduledShifts: 0,
    restDays: 0,
    daysWorked: 0,
    workedMinutes: 0,
    lateCount: 0,
    lateMinutes: 0,
    earlyCount: 0,
    earlyMinutes: 0,
    absentCount: 0,
    missingPunchCount: 0,
    unscheduledCount: 0,
    unscheduledMinutes: 0,
  };
  const days: AttendanceDay[] = [];
  const inRange = (d: string) => d >= range.from && d <= range.to;
  const worked = (ss: Session[]) =>
    ss.reduce((n, s) => n + (s.inMs !== null && s.outMs !== null ? minutes(s.outMs - s.inMs) : 0), 0);
  const missing = (ss: Session[]) =>
    ss.filter((s) => !s.ongoing && (s.inMs === null || s.outMs === null)).length;
  const firstIn = (ss: Session[]) => {
    const v = ss.map((s) => s.inMs).filter((x): x is number => x !== null);
    return v.length ? Math.min(...v) : null;
  };
  const lastOut = (ss: Session[]) => {
    const v = ss.map((s) => s.outMs).filter((x): x is number => x !== null);
    return v.length ? Math.max(...v) : null;
  };
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const workedDates = new Set<string>();

  for (const c of cells) {
    if (!inRange(c.work_date)) continue;
    const slot = slots.find((s) => s.entry === c);
    const base = {
      staffId: person.id,
      date: c.work_date,
      shiftName: c.kind === 'shift' ? c.shift_name : null,
      start: c.start_min === null ? null : hhmm(c.start_min),
      end: c.end_min === null ? null : hhmm(c.end_min),
      rest: c.kind === 'rest',
    };
    if (!slot) {
      row.restDays++;
      // Work on a rest day is unscheduled; it is reported by the loop below.
      if (!unscheduled.has(c.work_date))
        days.push({
          ...base,
          firstIn: null,
          lastOut: null,
          workedMinutes: 0,
          lateMinutes: 0,
          earlyMinutes: 0,
          missingPunches: 0,
          status: 'rest',
        });
      continue;
    }
    row.scheduledShifts++;
    const ss = slot.sessions;
    const fin = firstIn(ss);
    const lout = lastOut(ss);
    const ongoing = ss.some((s) => s.ongoing);
    const miss = missing(ss);
    const lateMs = fin !== null ? fin - slot.startMs : 0;
    const lateMinutes = fin !== null && lateMs > o.lateGraceMin * 60_000 ? minutesUp(lateMs) : 0;
    const earlyMs = lout !== null ? slot.endMs - lout : 0;
    const earlyMinutes =
      lout !== null && !ongoing && earlyMs > o.earlyGraceMin * 60_000 ? minutesUp(earlyMs) : 0;
    const workedMinutes = worked(ss);
    let status: AttendanceDayStatus;
    if (slot.startMs > o.nowMs && !ss.length) status = 'upcoming';
    else if (!ss.length) status = slot.endMs <= o.nowMs ? 'absent' : 'inProgress';
    else if (miss) status = 'missingPunch';
    else if (ongoing) status = lateMinutes ? 'late' : 'inProgress';
    else if (lateMinutes && earlyMinutes) status = 'lateEarly';
    else if (lateMinutes) status = 'late';
    else if (earlyMinutes) status = 'early';
    else status = 'ok';
    if (status === 'absent') row.absentCount++;
    if (lateMinutes) {
      row.lateCount++;
      row.lateMinutes += lateMinutes;
    }
    if (earlyMinutes) {
      row.earlyCount++;
      row.earlyMinutes += earlyMinutes;
    }
    row.missingPunchCount += miss;
    row.workedMinutes += workedMinutes;
    if (ss.length) workedDates.add(c.work_date);
    days.push({
      ...base,
      firstIn: iso(fin),
      lastOut: iso(lout),
      workedMinutes,
      lateMinutes,
      earlyMinutes,
      missingPunches: miss,
      status,
    });
  }
  for (const [date, ss] of unscheduled) {
    if (!inRange(date)) continue;
    const cell = cells.find((c) => c.work_date === date);
    const workedMinutes = worked(ss);
    const miss = missing(ss);
    row.unscheduledCount += ss.length;
    row.unscheduledMinutes += workedMinutes;
    row.workedMinutes += workedMinutes;
    row.missingPunchCount += miss;
    workedDates.add(date);
    days.push({
      staffId: person.id,
      date,
      shiftName: null,
      start: null,
      end: null,
      rest: cell?.kind === 'rest',
      firstIn: iso(firstIn(ss)),
      lastOut: iso(lastOut(ss)),
      workedMinutes,
      lateMinutes: 0,
      earlyMinutes: 0,
      missingPunches: miss,
      status: 'unscheduled',
    });
  }
  row.daysWorked = workedDates.size;
  days.sort((a, b) => a.date.localeCompare(b.date));
  return { row, days };
}

/** Attendance of these people over a month (shop-local yyyy-mm). */
export function attendanceFor(store: Store, people: StaffPublic[], month: string) {
  const tz = shopTimeZone(store);
  const settings = getSettings(store);
  const range = monthRange(month);
  const o: AttendanceOptions = {
    timeZone: tz,
    lateGraceMin: settings.lateGraceMin,
    earlyGraceMin: settings.earlyGraceMin,
    nowMs: store.now(),
  };
  // Punches from the day before (a late shift's clock-out after midnight belongs to it) to the day after.
  const fromMs = localToUtc(addDays(range.from, -1), 0, tz);
  const toMs = localToUtc(addDays(range.to, 1), 1440, tz);
  const rows: AttendanceRow[] = [];
  const days: AttendanceDay[] = [];
  for (const p of people) {
    const cells = personCells(store, p.id, addDays(range.from, -1), addDays(range.to, 1));
    const punches = effective(punchesBetween(store, p.id, fromMs, toMs));
    const r = personAttendance(p, cells, punches, range, o);
    rows.push(r.row);
    days.push(...r.days);
  }
  return { tz, settings, rows, days };
}

export function report(store: Store, caller: Caller, input: { team: Team; month: string }): AttendanceReport {
  if (!readsTeamAttendance(caller.role, input.team)) throw new AppError('FORBIDDEN', 'forbidden');
  const a = attendanceFor(store, teamPeople(store, input.team), input.month);
  return {
    team: input.team,
    month: input.month,
    timeZone: a.tz,
    lateGraceMin: a.settings.lateGraceMin,
    earlyGraceMin: a.settings.earlyGraceMin,
    rows: a.rows,
    days: a.days,
  };
}
