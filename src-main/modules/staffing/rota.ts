// Shift templates and the weekly rota (排班表). The only writer of shift_template and
// rota_entry. Every function runs inside the caller's transaction (router 'tx' mode) and logs
// each changed row to change_log. Teams are enforced here: only the manager or the team's own
// supervisor edits a team's rota; members see their team's week.
import type { z } from 'zod';
import {
  managesTeam,
  seesTeamRota,
  TEAM_ROLES,
  teamOfRole,
  type Problem,
  type RotaCell,
  type RotaWeek,
  type ShiftTemplate,
  type StaffPublic,
  type Team,
  type rotaCellInput,
  type shiftTemplateInput,
} from '../../api/contract';
import type { Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { addDays, daysBetween, hhmm, isoWeekday, minutesOf } from './time';

export type TemplateData = z.output<typeof shiftTemplateInput>;
export type CellData = z.output<typeof rotaCellInput>;

/** Who is calling: the router's session person. */
export interface Caller {
  id: string;
  role: Role;
}

interface TemplateDb {
  id: string;
  team: Team;
  name: string;
  start_min: number;
  end_min: number;
  sort_order: number;
  archived_at: string | null;
  updated_at: string;
}
export interface EntryDb {
  id: string;
  team: Team;
  staff_id: string;
  work_date: string;
  kind: 'shift' | 'rest';
  template_id: string | null;
  shift_name: string;
  start_min: number | null;
  end_min: number | null;
}

const toTemplate = (r: TemplateDb): ShiftTemplate => ({
  id: r.id,
  team: r.team,
  name: r.name,
  start: hhmm(r.start_min),
  end: hhmm(r.end_min),
  archived: r.archived_at !== null,
  version: r.updated_at,
});

export const toCell = (r: EntryDb): RotaCell => ({
  staffId: r.staff_id,
  date: r.work_date,
  kind: r.kind,
  templateId: r.template_id,
  name: r.shift_name,
  start: r.start_min === null ? null : hhmm(r.start_min),
  end: r.end_min === null ? null : hhmm(r.end_min),
});

/** How a cell reads in the change log: 早班 08:00–17:00, 休息, or '' (nothing planned). */
const cellLabel = (r: Pick<EntryDb, 'kind' | 'shift_name' | 'start_min' | 'end_min'> | undefined): string =>
  !r ? '' : r.kind === 'rest' ? '休息' : `${r.shift_name} ${hhmm(r.start_min!)}–${hhmm(r.end_min!)}`;

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------
export function listTemplates(
  store: Store,
  input: { team?: Team | undefined; includeArchived: boolean },
): ShiftTemplate[] {
  return store
    .stmt<TemplateDb>(
      `SELECT * FROM shift_template WHERE (@team IS NULL OR team = @team)
         AND (@all = 1 OR archived_at IS NULL) ORDER BY team, sort_order, start_min, name`,
    )
    .all({ team: input.team ?? null, all: input.includeArchived ? 1 : 0 })
    .map(toTemplate);
}

function templateRow(store: Store, id: string): TemplateDb | undefined {
  return store.stmt<TemplateDb>(`SELECT * FROM shift_template WHERE id = ?`).get(id);
}

export function saveTemplate(store: Store, by: string, input: TemplateData): ShiftTemplate {
  const start = minutesOf(input.start);
  const end = minutesOf(input.end);
  const problems: Record<string, Problem> = {};
  if (start >= 1440) problems.start = { key: 'validation.shiftStart' };
  if (end <= start) problems.end = { key: 'validation.shiftEnd' };
  const old = input.id ? templateRow(store, input.id) : undefined;
  if (input.id && !old) throw notFound('shiftTemplate');
  if (old && old.team !== input.team) problems.team = { key: 'validation.teamFixed' };
  const clash = store
    .stmt<{ id: string }>(
      `SELECT id FROM shift_template WHERE team = @team AND name = @name AND archived_at IS NULL AND id <> @id`,
    )
    .get({ team: input.team, name: input.name, id: input.id ?? '' });
  if (clash && !input.archived) problems.name = { key: 'validation.shiftNameTaken' };
  if (Object.keys(problems).length) throw fieldErrors(problems);
  if (old && input.expectedVersion && input.expectedVersion !== old.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');

  const stamp = store.stamp();
  const now = store.isoNow();
  const archivedAt = input.archived ? (old?.archived_at ?? now) : null;
  if (!old) {
    const id = newId();
    const order =
      store
        .stmt<{ n: number }>(
          `SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM shift_template WHERE team = ?`,
        )
        .get(input.team)?.n ?? 1;
    store
      .stmt(
        `INSERT INTO shift_template (id, team, name, start_min, end_min, sort_order, archived_at,
           created_at, created_by, updated_at, updated_by)
         VALUES (@id, @team, @name, @start, @end, @order, @archivedAt, @now, @by, @stamp, @by)`,
      )
      .run({ id, team: input.team, name: input.name, start, end, order, archivedAt, now, by, stamp });
    store.log(
      {
        staffId: by,
        entity: 'shift_template',
        rowId: id,
        op: 'create',
        label: input.name,
        fields: {
          name: { from: null, to: input.name },
          time: { from: null, to: `${input.start}–${input.end}` },
        },
      },
      stamp,
    );
    return toTemplate(templateRow(store, id)!);
  }
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if (old.name !== input.name) fields.name = { from: old.name, to: input.name };
  if (old.start_min !== start || old.end_min !== end)
    fields.time = { from: `${hhmm(old.start_min)}–${hhmm(old.end_min)}`, to: `${input.start}–${input.end}` };
  if ((old.archived_at !== null) !== input.archived)
    fields.archived = { from: old.archived_at !== null, to: input.archived };
  if (!Object.keys(fields).length) return toTemplate(old);
  store
    .stmt(
      `UPDATE shift_template SET name = @name, start_min = @start, end_min = @end, archived_at = @archivedAt,
         updated_at = @stamp, updated_by = @by WHERE id = @id`,
    )
    .run({ id: old.id, name: input.name, start, end, archivedAt, stamp, by });
  store.log(
    { staffId: by, entity: 'shift_template', rowId: old.id, op: 'update', label: input.name, fields },
    stamp,
  );
  return toTemplate(templateRow(store, old.id)!);
}

// ---------------------------------------------------------------------------------------------
// The week
// ---------------------------------------------------------------------------------------------
/** Active people on a team, by name. */
export function teamPeople(store: Store, team: Team): StaffPublic[] {
  const [r1, r2] = TEAM_ROLES[team] as [Role, Role];
  return store
    .stmt<StaffPublic>(
      `SELECT id, name, role FROM staff WHERE active = 1 AND deleted_at IS NULL AND role IN (@r1, @r2)
       ORDER BY CASE role WHEN @r1 THEN 0 ELSE 1 END, name`,
    )
    .all({ r1, r2 });
}

function checkMonday(weekStart: string): void {
  if (isoWeekday(weekStart) !== 1) throw fieldErrors({ weekStart: { key: 'validation.monday' } });
}

function weekEntries(store: Store, team: Team, from: string, to: string): EntryDb[] {
  return store
    .stmt<EntryDb>(
      `SELECT * FROM rota_entry WHERE team = @team AND work_date BETWEEN @from AND @to ORDER BY work_date`,
    )
    .all({ team, from, to });
}

export function getWeek(store: Store, caller: Caller, team: Team, weekStart: string): RotaWeek {
  if (!seesTeamRota(caller.role, team)) throw new AppError('FORBIDDEN', 'forbidden');
  checkMonday(weekStart);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const people = teamPeople(store, team);
  const ids = new Set(people.map((p) => p.id));
  return {
    team,
    weekStart,
    dates,
    people,
    cells: weekEntries(store, team, dates[0]!, dates[6]!)
      .filter((e) => ids.has(e.staff_id))
      .map(toCell),
    templates: listTemplates(store, { team, includeArchived: false }),
    canManage: managesTeam(caller.role, team),
  };
}

function entryAt(store: Store, staffId: string, date: string): EntryDb | undefined {
  return store
    .stmt<EntryDb>(`SELECT * FROM rota_entry WHERE staff_id = ? AND work_date = ?`)
    .get(staffId, date);
}

type Wanted = Pick<EntryDb, 'kind' | 'template_id' | 'shift_name' | 'start_min' | 'end_min'> | null;

/** Make one cell what is wanted (null: nothing planned); logs the change. */
function putCell(
  store: Store,
  by: string,
  team: Team,
  person: StaffPublic,
  date: string,
  want: Wanted,
): void {
  const old = entryAt(store, person.id, date);
  const before = cellLabel(old);
  const after = cellLabel(want ?? undefined);
  const same =
    (!old && !want) ||
    (old &&
      want &&
      old.team === team &&
      old.kind === want.kind &&
      old.template_id === want.template_id &&
      old.shift_name === want.shift_name &&
      old.start_min === want.start_min &&
      old.end_min === want.end_min);
  if (same) return;
  const stamp = store.stamp();
  const label = `${person.name} ${date}`;
  const fields = { shift: { from: before || null, to: after || null } };
  if (!want) {
    // A cleared cell is working data, not a fact: it goes, and the change log keeps what it was.
    store.stmt(`DELETE FROM rota_entry WHERE id = ?`).run(old!.id);
    store.log({ staffId: by, entity: 'rota_entry', rowId: old!.id, op: 'delete', label, fields }, stamp);
    return;
  }
  const now = store.isoNow();
  if (!old) {
    const id = newId();
    store
      .stmt(
        `INSERT INTO rota_entry (id, team, staff_id, work_date, kind, template_id, shift_name, start_min, end_min,
           created_at, created_by, updated_at, updated_by)
         VALUES (@id, @team, @staffId, @date, @kind, @templateId, @name, @start, @end, @now, @by, @stamp, @by)`,
      )
      .run({
        id,
        team,
        staffId: person.id,
        date,
        kind: want.kind,
        templateId: want.template_id,
        name: want.shift_name,
        start: want.start_min,
        end: want.end_min,
        now,
        by,
        stamp,
      });
    store.log({ staffId: by, entity: 'rota_entry', rowId: id, op: 'create', label, fields }, stamp);
    return;
  }
  store
    .stmt(
      `UPDATE rota_entry SET team = @team, kind = @kind, template_id = @templateId, shift_name = @name,
         start_min = @start, end_min = @end, updated_at = @stamp, updated_by = @by WHERE id = @id`,
    )
    .run({
      id: old.id,
      team,
      kind: want.kind,
      templateId: want.template_id,
      name: want.shift_name,
      start: want.start_min,
      end: want.end_min,
      stamp,
      by,
    });
  store.log({ staffId: by, entity: 'rota_entry', rowId: old.id, op: 'update', label, fields }, stamp);
}

function checkManages(caller: Caller, team: Team): void {
  if (!managesTeam(caller.role, team)) throw new AppError('FORBIDDEN', 'forbidden');
}

export function saveWeek(
  store: Store,
  caller: Caller,
  input: { team: Team; weekStart: string; cells: CellData[] },
): RotaWeek {
  checkManages(caller, input.team);
  checkMonday(input.weekStart);
  const people = new Map(teamPeople(store, input.team).map((p) => [p.id, p]));
  const problems: Record<string, Problem> = {};
  const planned: { person: StaffPublic; date: string; want: Wanted }[] = [];
  const seen = new Set<string>();
  input.cells.forEach((c, i) => {
    const person = people.get(c.staffId);
    if (!person) problems[`cells.${i}.staffId`] = { key: 'validation.notInTeam' };
    const offset = daysBetween(input.weekStart, c.date);
    if (offset < 0 || offset > 6) problems[`cells.${i}.date`] = { key: 'validation.outsideWeek' };
    if (seen.has(`${c.staffId}|${c.date}`))
      problems[`cells.${i}.date`] = { key: 'validation.duplicateInForm' };
    seen.add(`${c.staffId}|${c.date}`);
    let want: Wanted = null;
    if (c.kind === 'rest')
      want = { kind: 'rest', template_id: null, shift_name: '', start_min: null, end_min: null };
    if (c.kind === 'shift') {
      const tpl = c.templateId ? templateRow(store, c.templateId) : undefined;
      if (!tpl || tpl.team !== input.team || tpl.archived_at !== null) {
        problems[`cells.${i}.templateId`] = {
          key: c.templateId ? 'validation.shiftNotInTeam' : 'validation.required',
        };
      } else {
        want = {
          kind: 'shift',
          template_id: tpl.id,
          shift_name: tpl.name,
          start_min: tpl.start_min,
          end_min: tpl.end_min,
        };
      }
    }
    if (person) planned.push({ person, date: c.date, want });
  });
  if (Object.keys(problems).length) throw fieldErrors(problems);
  for (const p of planned) putCell(store, caller.id, input.team, p.person, p.date, p.want);
  return getWeek(store, caller, input.team, input.weekStart);
}

/** This week becomes a copy of last week for everyone on the team (empty days included). */
export function copyWeek(store: Store, caller: Caller, input: { team: Team; weekStart: string }): RotaWeek {
  checkManages(caller, input.team);
  checkMonday(input.weekStart);
  const prevStart = addDays(input.weekStart, -7);
  const prev = new Map(
    weekEntries(store, input.team, prevStart, addDays(prevStart, 6)).map((e) => [
      `${e.staff_id}|${e.work_date}`,
      e,
    ]),
  );
  if (!prev.size) throw new AppError('CONFLICT', 'rotaNothingToCopy');
  for (const person of teamPeople(store, input.team)) {
    for (let i = 0; i < 7; i++) {
      const src = prev.get(`${person.id}|${addDays(prevStart, i)}`);
      putCell(
        store,
        caller.id,
        input.team,
        person,
        addDays(input.weekStart, i),
        src
          ? {
              kind: src.kind,
              template_id: src.template_id,
              shift_name: src.shift_name,
              start_min: src.start_min,
              end_min: src.end_min,
            }
          : null,
      );
    }
  }
  return getWeek(store, caller, input.team, input.weekStart);
}

/** The rota cells of one person between two dates (inclusive). */
export function personCells(store: Store, staffId: string, from: string, to: string): EntryDb[] {
  return store
    .stmt<EntryDb>(
      `SELECT * FROM rota_entry WHERE staff_id = @staffId AND work_date BETWEEN @from AND @to ORDER BY work_date`,
    )
    .all({ staffId, from, to });
}

export function myShifts(store: Store, caller: Caller, input: { from: string; to: string }): RotaCell[] {
  const span = daysBetween(input.from, input.to);
  if (span < 0) throw fieldErrors({ to: { key: 'validation.rangeOrder' } });
  if (span > 62) throw fieldErrors({ to: { key: 'validation.rangeTooLong' } });
  return personCells(store, caller.id, input.from, input.to).map(toCell);
}

export { teamOfRole };
