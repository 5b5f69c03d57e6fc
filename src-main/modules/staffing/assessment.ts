// The monthly assessment (月度考核) of the warehouse team: measures taken from the data, plus the
// supervisor's score (0–100) and comments per person and month (assessment_score, its only
// writer). A measure is one entry in MEASURES: a function (store, { from, to }) → Map<staffId,
// number> over the shop-local month [from, to) given as UTC ISO instants. A measure from another
// module (packing errors caught from shipping, stocktake accuracy from stocktake) is one more
// entry here, plus its label under `assessment.measures.<key>` in the i18n files (the Chinese
// header is the fallback). A rate sets `blankWhenMissing`: someone with nothing to rate gets null.
import type { AssessmentMonth, AssessmentRow } from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { packErrorsCaught } from '../warehouse/shipping';
import { countAccuracy } from '../warehouse/stocktake';
import { shopTimeZone } from '../staff/service';
import { attendanceFor } from './attendance';
import { teamPeople } from './rota';
import { localDateOf, localToUtc, monthRange } from './time';

/** A month as UTC ISO instants: from its first local midnight (inclusive) to the next month's (exclusive). */
export interface MeasureRange {
  from: string;
  to: string;
}
export type MeasureFn = (store: Store, range: MeasureRange) => Map<string, number>;
export interface Measure {
  key: string;
  /** The CSV column (Chinese, like every export header). */
  header: string;
  fn: MeasureFn;
  /**
   * Someone missing from the map has no value (null: a blank cell, "—" on screen) rather than 0 —
   * for rates, where "did nothing to rate" is not "rated 0".
   */
  blankWhenMissing?: boolean;
}

const countBy = (rows: { staffId: string; n: number }[]) => new Map(rows.map((r) => [r.staffId, r.n]));

/** Stock documents the person posted (reversals included: posting one is work too). */
export const documentsPosted: MeasureFn = (store, { from, to }) =>
  countBy(
    store
      .stmt<{ staffId: string; n: number }>(
        `SELECT d.posted_by AS staffId, COUNT(*) AS n FROM stock_document d
         WHERE d.posted_at >= @from AND d.posted_at < @to AND d.posted_by IS NOT NULL GROUP BY d.posted_by`,
      )
      .all({ from, to }),
  );

/**
 * Lines of posted sales_out documents the person posted (a reversal 红冲 is not picking). The unary
 * `+` keeps SQLite on the posted_at index (reverses_id IS NULL would otherwise pick its unique index).
 */
export const linesPicked: MeasureFn = (store, { from, to }) =>
  countBy(
    store
      .stmt<{ staffId: string; n: number }>(
        `SELECT d.posted_by AS staffId, COUNT(*) AS n FROM stock_document d
           JOIN stock_document_line l ON l.document_id = d.id
         WHERE d.posted_at >= @from AND d.posted_at < @to AND +d.type = 'sales_out' AND +d.reverses_id IS NULL
           AND d.posted_by IS NOT NULL
         GROUP BY d.posted_by`,
      )
      .all({ from, to }),
  );

/** The shop-local month yyyy-mm that a measure range starts. */
function monthOf(store: Store, range: MeasureRange): string {
  return localDateOf(Date.parse(range.from), shopTimeZone(store)).slice(0, 7);
}

/** A figure from the attendance report of the warehouse team. */
function attendanceMeasure(pick: (r: ReturnType<typeof attendanceFor>['rows'][number]) => number): MeasureFn {
  return (store, range) => {
    const a = attendanceFor(store, teamPeople(store, 'warehouse'), monthOf(store, range));
    return new Map(a.rows.map((r) => [r.staffId, pick(r)]));
  };
}

/**
 * Stocktake accuracy (盘点准确率): of the lines the person counted first in stocktakes approved this
 * month, the percentage (0–100, one decimal) a recount did not change. Only people who counted
 * appear in the map: the others get a blank, not 0.
 */
export const stocktakeAccuracy: MeasureFn = (store, range) =>
  new Map(
    [...countAccuracy(store, range)].map(([staffId, c]) => [
      staffId,
      Math.round((c.exact * 1000) / c.lines) / 10,
    ]),
  );

export const MEASURES: Measure[] = [
  { key: 'documentsPosted', header: '过账单据数', fn: documentsPosted },
  { key: 'linesPicked', header: '拣货行数', fn: linesPicked },
  { key: 'daysWorked', header: '出勤天数', fn: attendanceMeasure((r) => r.daysWorked) },
  {
    key: 'hoursWorked',
    header: '工作时长(小时)',
    fn: attendanceMeasure((r) => Math.round(r.workedMinutes / 6) / 10),
  },
  { key: 'lateCount', header: '迟到次数', fn: attendanceMeasure((r) => r.lateCount) },
  { key: 'earlyCount', header: '早退次数', fn: attendanceMeasure((r) => r.earlyCount) },
  { key: 'absentCount', header: '缺勤次数', fn: attendanceMeasure((r) => r.absentCount) },
  { key: 'missingPunchCount', header: '缺卡次数', fn: attendanceMeasure((r) => r.missingPunchCount) },
  // Wrong or extra items the person's pack-check scans refused this month.
  { key: 'packErrorsCaught', header: '打包查错次数', fn: packErrorsCaught },
  { key: 'stocktakeAccuracy', header: '盘点准确率(%)', fn: stocktakeAccuracy, blankWhenMissing: true },
];

export function measureRange(store: Store, month: string): MeasureRange {
  const tz = shopTimeZone(store);
  const { from, to } = monthRange(month);
  return {
    from: new Date(localToUtc(from, 0, tz)).toISOString(),
    to: new Date(localToUtc(to, 1440, tz)).toISOString(),
  };
}

interface ScoreDb {
  id: string;
  staff_id: string;
  score: number | null;
  comment: string;
  updated_at: string;
}

export function assessmentMonth(
  store: Store,
  month: string,
  measures: readonly Measure[] = MEASURES,
): AssessmentMonth {
  const range = measureRange(store, month);
  const values = measures.map((m) => ({
    key: m.key,
    map: m.fn(store, range),
    missing: m.blankWhenMissing ? null : 0,
  }));
  const scores = new Map(
    store
      .stmt<ScoreDb>(`SELECT * FROM assessment_score WHERE month = ?`)
      .all(month)
      .map((s) => [s.staff_id, s]),
  );
  const rows: AssessmentRow[] = teamPeople(store, 'warehouse').map((p) => {
    const s = scores.get(p.id);
    return {
      staffId: p.id,
      name: p.name,
      role: p.role,
      values: Object.fromEntries(values.map((v) => [v.key, v.map.get(p.id) ?? v.missing])),
      score: s?.score ?? null,
      comment: s?.comment ?? '',
      version: s?.updated_at ?? null,
    };
  });
  return { month, measures: measures.map((m) => ({ key: m.key, header: m.header })), rows };
}

export function saveScore(
  store: Store,
  by: string,
  input: {
    staffId: string;
    month: string;
    score: number | null;
    comment: string;
    expectedVersion?: string | undefined;
  },
): AssessmentRow {
  const person = teamPeople(store, 'warehouse').find((p) => p.id === input.staffId);
  if (!person) throw fieldErrors({ staffId: { key: 'validation.notInTeam' } });
  writeScore(store, 'assessment_score', by, person.name, input);
  return assessmentMonth(store, input.month).rows.find((r) => r.staffId === input.staffId)!;
}

/** The supervisor's score and comment for one person's month, versioned and change-logged: the
 *  warehouse/customer-service table (`assessment_score`) and the art team's (`art_assessment_score`)
 *  have the same shape. A stale `expectedVersion` is refused; an unchanged save writes nothing. */
export function writeScore(
  store: Store,
  table: 'assessment_score' | 'art_assessment_score',
  by: string,
  personName: string,
  input: {
    staffId: string;
    month: string;
    score: number | null;
    comment: string;
    expectedVersion?: string | undefined;
  },
): void {
  const old = store
    .stmt<ScoreDb>(`SELECT * FROM ${table} WHERE month = @month AND staff_id = @staffId`)
    .get({ month: input.month, staffId: input.staffId });
  if (old && input.expectedVersion && old.updated_at !== input.expectedVersion)
    throw new AppError('CONFLICT', 'staleEdit');
  const stamp = store.stamp();
  const label = `${personName} ${input.month}`;
  if (!old) {
    const id = newId();
    store
      .stmt(
        `INSERT INTO ${table} (id, staff_id, month, score, comment, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @staffId, @month, @score, @comment, @now, @by, @stamp, @by)`,
      )
      .run({
        id,
        staffId: input.staffId,
        month: input.month,
        score: input.score,
        comment: input.comment,
        now: store.isoNow(),
        by,
        stamp,
      });
    store.log(
      {
        staffId: by,
        entity: table,
        rowId: id,
        op: 'create',
        label,
        fields: { score: { from: null, to: input.score }, comment: { from: null, to: input.comment } },
      },
      stamp,
    );
    return;
  }
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if (old.score !== input.score) fields.score = { from: old.score, to: input.score };
  if (old.comment !== input.comment) fields.comment = { from: old.comment, to: input.comment };
  if (!Object.keys(fields).length) return;
  store
    .stmt(
      `UPDATE ${table} SET score = @score, comment = @comment, updated_at = @stamp, updated_by = @by WHERE id = @id`,
    )
    .run({ id: old.id, score: input.score, comment: input.comment, stamp, by });
  store.log({ staffId: by, entity: table, rowId: old.id, op: 'update', label, fields }, stamp);
}
