import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Empty, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  managesTeam,
  type AttendanceDay,
  type AttendanceReport,
  type AttendanceRow,
  type Team,
} from '../../../../src-main/api/contract';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { PUNCH_EVENT } from './ClockWidget';
import { hoursText, todayIn } from './dates';
import { PunchesModal } from './PunchesModal';

const STATUS_COLOR: Record<AttendanceDay['status'], string> = {
  ok: 'green',
  late: 'orange',
  early: 'orange',
  lateEarly: 'orange',
  absent: 'red',
  missingPunch: 'volcano',
  unscheduled: 'purple',
  rest: 'default',
  upcoming: 'default',
  inProgress: 'blue',
};

/** 考勤月报: per person for one month, each person's days on expanding; print and CSV. */
export function AttendanceView({ team }: { team: Team }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const shopName = useSession((s) => s.shopName);
  const role = useSession((s) => s.session?.staff.role);
  const [month, setMonth] = useState(() => todayIn(timeZone).slice(0, 7));
  const [report, setReport] = useState<AttendanceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [punchesOf, setPunchesOf] = useState<AttendanceRow | null>(null);
  const canCorrect = !!role && managesTeam(role, team);

  const load = useCallback(
    () =>
      api.attendance.report({ team, month }).then(
        (next) => {
          setReport(next);
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [team, month],
  );

  useEffect(() => {
    void load();
    window.addEventListener(PUNCH_EVENT, load);
    return () => window.removeEventListener(PUNCH_EVENT, load);
  }, [load]);

  const count = (n: number) => (n ? t('attendance.report.count', { count: n }) : '—');
  const countMin = (n: number, m: number) =>
    n ? t('attendance.report.countMinutes', { count: n, minutes: m }) : '—';
  const statusText = (d: AttendanceDay) =>
    d.status === 'late'
      ? t('attendance.status.late', { minutes: d.lateMinutes })
      : d.status === 'early'
        ? t('attendance.status.early', { minutes: d.earlyMinutes })
        : d.status === 'lateEarly'
          ? t('attendance.status.lateEarly', { late: d.lateMinutes, early: d.earlyMinutes })
          : t(`attendance.status.${d.status}`);
  const time = (iso: string | null) => (iso ? formatDateTime(iso, timeZone).slice(5) : '—');
  const teamName = t(`rota.teams.${team}`);

  const columns: TableProps<AttendanceRow>['columns'] = [
    { key: 'name', dataIndex: 'name', title: t('attendance.report.name'), width: 110, fixed: 'left' },
    {
      key: 'role',
      title: t('attendance.report.role'),
      width: 100,
      render: (_: unknown, r) => t(`roles.${r.role}`),
    },
    {
      key: 'scheduled',
      title: t('attendance.report.scheduled'),
      width: 70,
      align: 'right',
      render: (_: unknown, r) => r.scheduledShifts,
    },
    {
      key: 'rest',
      title: t('attendance.report.rest'),
      width: 60,
      align: 'right',
      render: (_: unknown, r) => r.restDays,
    },
    {
      key: 'days',
      title: t('attendance.report.daysWorked'),
      width: 90,
      align: 'right',
      render: (_: unknown, r) => r.daysWorked,
    },
    {
      key: 'hours',
      title: t('attendance.report.hours'),
      width: 100,
      align: 'right',
      render: (_: unknown, r) => hoursText(r.workedMinutes),
    },
    {
      key: 'late',
      title: t('attendance.report.late'),
      width: 110,
      render: (_: unknown, r) => countMin(r.lateCount, r.lateMinutes),
    },
    {
      key: 'early',
      title: t('attendance.report.early'),
      width: 110,
      render: (_: unknown, r) => countMin(r.earlyCount, r.earlyMinutes),
    },
    {
      key: 'absent',
      title: t('attendance.report.absent'),
      width: 70,
      render: (_: unknown, r) => count(r.absentCount),
    },
    {
      key: 'missing',
      title: t('attendance.report.missing'),
      width: 70,
      render: (_: unknown, r) => count(r.missingPunchCount),
    },
    {
      key: 'unscheduled',
      title: t('attendance.report.unscheduled'),
      width: 90,
      render: (_: unknown, r) => count(r.unscheduledCount),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_: unknown, r) => (
        <Button
          size="small"
          type="link"
          onClick={() => setPunchesOf(r)}
          data-testid={`att-punches-${r.name}`}
        >
          {t('attendance.report.punches')}
        </Button>
      ),
    },
  ];

  const dayColumns: TableProps<AttendanceDay>['columns'] = [
    { key: 'date', dataIndex: 'date', title: t('attendance.report.date'), width: 110 },
    {
      key: 'shift',
      title: t('attendance.report.shift'),
      width: 150,
      render: (_: unknown, d) =>
        d.rest ? t('rota.rest') : d.shiftName ? `${d.shiftName} ${d.start}–${d.end}` : '—',
    },
    {
      key: 'in',
      title: t('attendance.report.firstIn'),
      width: 110,
      render: (_: unknown, d) => time(d.firstIn),
    },
    {
      key: 'out',
      title: t('attendance.report.lastOut'),
      width: 110,
      render: (_: unknown, d) => time(d.lastOut),
    },
    {
      key: 'worked',
      title: t('attendance.report.worked'),
      width: 80,
      align: 'right',
      render: (_: unknown, d) => hoursText(d.workedMinutes),
    },
    {
      key: 'status',
      title: t('attendance.report.status'),
      render: (_: unknown, d) => (
        <Tag color={STATUS_COLOR[d.status]} data-testid={`att-day-${d.date}`}>
          {statusText(d)}
        </Tag>
      ),
    },
  ];

  const rows = report?.rows ?? [];
  return (
    <div className="wh-page staffing-page" data-testid={`att-report-${team}`}>
      <div className="toolbar">
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format="YYYY-MM"
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          aria-label={t('attendance.report.month')}
          data-testid="att-month"
        />
        {report && (
          <Typography.Text type="secondary">
            {t('attendance.report.rules', {
              late: report.lateGraceMin,
              early: report.earlyGraceMin,
              zone: t(`timeZones.${report.timeZone}`, { defaultValue: report.timeZone }),
            })}
          </Typography.Text>
        )}
        <span className="toolbar__spacer" />
        <Button
          icon={<PrinterOutlined />}
          disabled={!report}
          onClick={() => setPrinting(true)}
          data-testid="att-print"
        >
          {t('attendance.report.print')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          disabled={!report}
          onClick={() => setExporting(true)}
          data-testid="att-export"
        >
          {t('attendance.report.export')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<AttendanceRow>
        size="small"
        rowKey="staffId"
        columns={columns}
        dataSource={rows}
        loading={!report && !error}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attendance.report.empty')} />
          ),
        }}
        onRow={(r) => ({ 'data-testid': `att-row-${r.name}` }) as never}
        expandable={{
          expandRowByClick: false,
          rowExpandable: (r) => (report?.days ?? []).some((d) => d.staffId === r.staffId),
          expandedRowRender: (r) => (
            <Table<AttendanceDay>
              size="small"
              rowKey="date"
              columns={dayColumns}
              dataSource={(report?.days ?? []).filter((d) => d.staffId === r.staffId)}
              pagination={false}
              aria-label={t('attendance.report.details', { name: r.name })}
            />
          ),
        }}
      />
      {report && (
        <PrintSheet
          open={printing}
          onClose={() => setPrinting(false)}
          title={t('attendance.report.printTitle', { shop: shopName, team: teamName })}
        >
          <h1>{t('attendance.report.printTitle', { shop: shopName, team: teamName })}</h1>
          <div className="paper-meta">
            <span>
              {t('attendance.report.printMeta', { month, time: formatDateTime(new Date(), timeZone) })}
            </span>
            <span>
              {t('attendance.report.rules', {
                late: report.lateGraceMin,
                early: report.earlyGraceMin,
                zone: t(`timeZones.${report.timeZone}`, { defaultValue: report.timeZone }),
              })}
            </span>
          </div>
          <table>
            <thead>
              <tr>
                <th>{t('attendance.report.name')}</th>
                <th>{t('attendance.report.role')}</th>
                <th className="num">{t('attendance.report.scheduled')}</th>
                <th className="num">{t('attendance.report.daysWorked')}</th>
                <th className="num">{t('attendance.report.hours')}</th>
                <th>{t('attendance.report.late')}</th>
                <th>{t('attendance.report.early')}</th>
                <th className="num">{t('attendance.report.absent')}</th>
                <th className="num">{t('attendance.report.missing')}</th>
                <th className="num">{t('attendance.report.unscheduled')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.staffId}>
                  <td>{r.name}</td>
                  <td>{t(`roles.${r.role}`)}</td>
                  <td className="num">{r.scheduledShifts}</td>
                  <td className="num">{r.daysWorked}</td>
                  <td className="num">{hoursText(r.workedMinutes)}</td>
                  <td>{countMin(r.lateCount, r.lateMinutes)}</td>
                  <td>{countMin(r.earlyCount, r.earlyMinutes)}</td>
                  <td className="num">{r.absentCount}</td>
                  <td className="num">{r.missingPunchCount}</td>
                  <td className="num">{r.unscheduledCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="paper-sign">
            <span>{t('attendance.report.signSupervisor')}</span>
            <span>{t('attendance.report.signManager')}</span>
            <span>{t('attendance.report.signDate')}</span>
          </div>
        </PrintSheet>
      )}
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('attendance.report.exportBody', { team: teamName, month, count: rows.length })}
        run={(encoding) => api.attendance.exportCsv({ team, month, encoding })}
      />
      {punchesOf && (
        <PunchesModal
          person={punchesOf}
          month={month}
          canCorrect={canCorrect}
          onClose={() => setPunchesOf(null)}
          onChanged={() => void load()}
        />
      )}
    </div>
  );
}
