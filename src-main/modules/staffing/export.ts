// CSV exports of the attendance report and the assessment, through lib/export.ts. The figures are
// computed in TypeScript (attendance maths, measure functions), so the rows go to SQLite as one
// JSON parameter and SQLite renders each CSV line from it with the shared `sqlCsvLine` helpers.
import type { ExportResult, Team } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { assessmentMonth } from './assessment';
import { attendanceFor, report } from './attendance';
import type { Caller } from './rota';

/** A CSV query over rows given as a JSON array of arrays (text cells neutralised and quoted). */
export function jsonRowsQuery(
  header: readonly string[],
  rows: readonly (string | number | null)[][],
): CsvQuery {
  const cells = header.map((_, i) => sqlCsvText(`CAST(json_extract(j.value, '$[${i}]') AS TEXT)`));
  return {
    header,
    sql: `SELECT ${sqlCsvLine(cells)} FROM json_each(@rows) j ORDER BY CAST(j.key AS INTEGER)`,
    params: { rows: JSON.stringify(rows) },
  };
}

const hours = (minutes: number) => (minutes / 60).toFixed(1);

export const ATTENDANCE_HEADER = [
  '月份',
  '姓名',
  '岗位',
  '排班次数',
  '休息天数',
  '出勤天数',
  '工作时长(小时)',
  '迟到次数',
  '迟到分钟',
  '早退次数',
  '早退分钟',
  '缺勤次数',
  '缺卡次数',
  '排班外出勤次数',
  '排班外时长(小时)',
] as const;

const ROLE_ZH: Record<string, string> = {
  director: '运营总监',
  manager: '店长',
  cs_supervisor: '客服主管',
  cs_agent: '客服专员',
  wh_supervisor: '仓储主管',
  wh_agent: '仓储专员',
  art_supervisor: '美工主管',
  art_agent: '美工专员',
  admin: '行政人事',
};

export function attendanceCsvQuery(store: Store, caller: Caller, team: Team, month: string): CsvQuery {
  const r = report(store, caller, { team, month });
  return jsonRowsQuery(
    ATTENDANCE_HEADER,
    r.rows.map((x) => [
      month,
      x.name,
      ROLE_ZH[x.role] ?? x.role,
      x.scheduledShifts,
      x.restDays,
      x.daysWorked,
      hours(x.workedMinutes),
      x.lateCount,
      x.lateMinutes,
      x.earlyCount,
      x.earlyMinutes,
      x.absentCount,
      x.missingPunchCount,
      x.unscheduledCount,
      hours(x.unscheduledMinutes),
    ]),
  );
}

export function exportAttendance(
  store: Store,
  host: Host,
  caller: Caller,
  input: { team: Team; month: string; encoding: CsvEncoding },
): Promise<ExportResult> {
  // Refuse before asking where to save.
  report(store, caller, { team: input.team, month: input.month });
  const base = `考勤月报_${input.team === 'warehouse' ? '仓储' : '客服'}_${input.month}`;
  return exportCsv(store, host, base, input.encoding, () =>
    attendanceCsvQuery(store, caller, input.team, input.month),
  );
}

export function assessmentCsvQuery(store: Store, month: string): CsvQuery {
  const a = assessmentMonth(store, month);
  return jsonRowsQuery(
    ['月份', '姓名', '岗位', ...a.measures.map((m) => m.header), '主管评分', '评语'],
    a.rows.map((r) => [
      month,
      r.name,
      ROLE_ZH[r.role] ?? r.role,
      ...a.measures.map((m) => r.values[m.key] ?? null), // null: an empty cell
      r.score,
      r.comment,
    ]),
  );
}

export function exportAssessment(
  store: Store,
  host: Host,
  input: { month: string; encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, `月度考核_${input.month}`, input.encoding, () =>
    assessmentCsvQuery(store, input.month),
  );
}

export { attendanceFor };
