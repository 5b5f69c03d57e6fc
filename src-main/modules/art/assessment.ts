// The art team's monthly assessment (美工考核, §10.3): per designer and month, measures computed
// in SQL from the task tables, plus the supervisor's score (0–100) and comment — the only writer
// of art_assessment_score (one versioned row per person and month; every change in change_log).
// It answers in the warehouse assessment's shapes (AssessmentMonth / AssessmentRow) so that the
// same page and CSV helper serve both.
//
// A task counts for its assignee in the shop-local month it was completed (approved → 已完成):
//  - tasksCompleted: completed tasks;
//  - onTimeRate: of the completed tasks with a due date, % completed on or before it (shop day);
//  - avgRevisions: the completed tasks' revision count (需修改 rounds), averaged;
//  - firstPassRate: % of the completed tasks approved at their first review (no 需修改 event);
//  - imagesDelivered: distinct library images (not in the trash) attached to the completed tasks.
// Rates and averages are blank (null) for someone with nothing completed.
import type { AssessmentMonth, AssessmentRow, ExportResult } from '../../api/contract';
import { ART_MEASURES, type ArtMeasure } from '../../api/contract-art';
import type { Host } from '../../api/host';
import { can, type Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { fieldErrors } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { measureRange, writeScore, type MeasureRange } from '../staffing/assessment';
import { jsonRowsQuery } from '../staffing/export';
import { shopTimeZone } from '../staff/service';
import { zoneOffsetMinutes } from './time';

/** The CSV columns (Chinese, like every export header), by measure. */
export const ART_MEASURE_HEADERS: Readonly<Record<ArtMeasure, string>> = {
  tasksCompleted: '完成任务数',
  onTimeRate: '按时完成率(%)',
  avgRevisions: '平均修改次数',
  firstPassRate: '一次通过率(%)',
  imagesDelivered: '交付图片数',
};
const ART_ROLES: readonly Role[] = ['art_supervisor', 'art_agent'];
const ROLE_ZH: Partial<Record<Role, string>> = {
  art_supervisor: '美工主管',
  art_agent: '美工专员',
  manager: '店长',
  director: '运营总监',
};

export interface Caller {
  id: string;
  role: Role;
}
/** The supervisor, the manager and the director see the whole team; a designer sees their own row. */
export function seesTeam(role: Role): boolean {
  return can(role, 'art.assess') || role === 'director';
}

interface TaskFigures {
  staffId: string;
  completed: number;
  dated: number;
  onTime: number;
  revisions: number;
  firstPass: number;
}

/** The SQL modifier that turns a UTC instant into shop-local time in this month ('+480 minutes'). */
function localShift(store: Store, range: MeasureRange): string {
  const off = zoneOffsetMinutes(Date.parse(range.from), shopTimeZone(store));
  return `${off >= 0 ? '+' : '-'}${Math.abs(off)} minutes`;
}

export function artMeasures(
  store: Store,
  range: MeasureRange,
): Map<string, Record<ArtMeasure, number | null>> {
  const figures = store
    .stmt<TaskFigures>(
      `SELECT t.assignee_id AS staffId, COUNT(*) AS completed,
         SUM(t.due_date IS NOT NULL) AS dated,
         SUM(t.due_date IS NOT NULL AND date(t.completed_at, @shift) <= t.due_date) AS onTime,
         SUM(t.revision_count) AS revisions,
         SUM(NOT EXISTS (SELECT 1 FROM art_task_event e WHERE e.task_id = t.id AND e.kind = 'revise')) AS firstPass
       FROM art_task t
       WHERE t.completed_at >= @from AND t.completed_at < @to AND t.assignee_id IS NOT NULL AND t.deleted_at IS NULL
       GROUP BY t.assignee_id`,
    )
    .all({ from: range.from, to: range.to, shift: localShift(store, range) });
  const images = new Map(
    store
      .stmt<{ staffId: string; n: number }>(
        `SELECT t.assignee_id AS staffId, COUNT(DISTINCT ti.image_id) AS n
         FROM art_task t JOIN art_task_image ti ON ti.task_id = t.id JOIN library_image i ON i.id = ti.image_id
         WHERE t.completed_at >= @from AND t.completed_at < @to AND t.assignee_id IS NOT NULL
           AND t.deleted_at IS NULL AND i.deleted_at IS NULL
         GROUP BY t.assignee_id`,
      )
      .all({ from: range.from, to: range.to })
      .map((r) => [r.staffId, r.n]),
  );
  const pct = (n: number, d: number) => (d ? Math.round((n * 1000) / d) / 10 : null);
  return new Map(
    figures.map((f) => [
      f.staffId,
      {
        tasksCompleted: f.completed,
        onTimeRate: pct(f.onTime, f.dated),
        avgRevisions: Math.round((f.revisions * 100) / f.completed) / 100,
        firstPassRate: pct(f.firstPass, f.completed),
        imagesDelivered: images.get(f.staffId) ?? 0,
      },
    ]),
  );
}

const EMPTY: Record<ArtMeasure, number | null> = {
  tasksCompleted: 0,
  onTimeRate: null,
  avgRevisions: null,
  firstPassRate: null,
  imagesDelivered: 0,
};

interface ScoreDb {
  id: string;
  staff_id: string;
  score: number | null;
  comment: string;
  updated_at: string;
}

/** The art team (active designers and their supervisor), then anyone else who completed tasks. */
function people(store: Store, extra: string[]): { id: string; name: string; role: Role }[] {
  const team = store
    .stmt<{ id: string; name: string; role: Role }>(
      `SELECT id, name, role FROM staff WHERE active = 1 AND deleted_at IS NULL AND role IN (@a, @b)
       ORDER BY CASE role WHEN @a THEN 0 ELSE 1 END, name`,
    )
    .all({ a: ART_ROLES[0], b: ART_ROLES[1] });
  const known = new Set(team.map((p) => p.id));
  const others = extra
    .filter((id) => !known.has(id))
    .map((id) =>
      store
        .stmt<{ id: string; name: string; role: Role }>(`SELECT id, name, role FROM staff WHERE id = ?`)
        .get(id),
    )
    .filter((p): p is { id: string; name: string; role: Role } => !!p)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return [...team, ...others];
}

export function artAssessmentMonth(store: Store, caller: Caller, month: string): AssessmentMonth {
  const measures = artMeasures(store, measureRange(store, month));
  const scores = new Map(
    store
      .stmt<ScoreDb>(`SELECT * FROM art_assessment_score WHERE month = ?`)
      .all(month)
      .map((s) => [s.staff_id, s]),
  );
  const all = seesTeam(caller.role);
  const rows: AssessmentRow[] = people(store, [...measures.keys()])
    .filter((p) => all || p.id === caller.id)
    .map((p) => {
      const s = scores.get(p.id);
      return {
        staffId: p.id,
        name: p.name,
        role: p.role,
        values: { ...(measures.get(p.id) ?? EMPTY) },
        score: s?.score ?? null,
        comment: s?.comment ?? '',
        version: s?.updated_at ?? null,
      };
    });
  return { month, measures: ART_MEASURES.map((key) => ({ key, header: ART_MEASURE_HEADERS[key] })), rows };
}

export function saveArtScore(
  store: Store,
  caller: Caller,
  input: {
    staffId: string;
    month: string;
    score: number | null;
    comment: string;
    expectedVersion?: string | undefined;
  },
): AssessmentRow {
  const person = store
    .stmt<{ id: string; name: string; role: Role }>(
      `SELECT id, name, role FROM staff WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(input.staffId);
  if (!person || !ART_ROLES.includes(person.role))
    throw fieldErrors({ staffId: { key: 'validation.notInTeam' } });
  writeScore(store, 'art_assessment_score', caller.id, person.name, input);
  return artAssessmentMonth(store, caller, input.month).rows.find((r) => r.staffId === input.staffId)!;
}

export function artAssessmentCsvQuery(store: Store, caller: Caller, month: string): CsvQuery {
  const a = artAssessmentMonth(store, caller, month);
  return jsonRowsQuery(
    ['月份', '姓名', '岗位', ...a.measures.map((m) => m.header), '主管评分', '评语'],
    a.rows.map((r) => [
      month,
      r.name,
      ROLE_ZH[r.role] ?? r.role,
      ...a.measures.map((m) => r.values[m.key] ?? null),
      r.score,
      r.comment,
    ]),
  );
}

export function exportArtAssessment(
  store: Store,
  host: Host,
  caller: Caller,
  input: { month: string; encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, `美工考核_${input.month}`, input.encoding, () =>
    artAssessmentCsvQuery(store, caller, input.month),
  );
}
