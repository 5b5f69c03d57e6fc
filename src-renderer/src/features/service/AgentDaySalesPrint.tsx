import { useTranslation } from 'react-i18next';
import type { SalesReport } from '../../../../src-main/api/contract-agentday';
import { formatYuan } from '../../../../src-main/lib/money';
import { PrintSheet } from '../../components/PrintSheet';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { percent } from './AgentDaySales';

/**
 * 客服日报 on paper (§12.11): one agent's days, or the team's (one row per agent per day, then a
 * total per agent) for the supervisor — inquiries, credited orders, revenue, conversion and
 * follow-up conversions, with the totals and signature lines.
 */
export function AgentDaySalesPrint({
  report,
  from,
  to,
  team,
  agentName,
  onClose,
}: {
  report: SalesReport;
  from: string;
  to: string;
  team: boolean;
  /** The one agent the report is about (own report, or the team view filtered to one agent). */
  agentName?: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const title = team ? t('agentDay.print.teamTitle') : t('agentDay.print.title');
  const period = from === to ? from : t('agentDay.print.range', { from, to });
  const tot = report.totals;
  const money = (fen: number) => `¥${formatYuan(fen)}`;
  return (
    <PrintSheet open onClose={onClose} title={title}>
      <h1>{title}</h1>
      <div className="paper-meta">
        <span>{t('agentDay.print.period', { period })}</span>
        <span>{t('agentDay.print.agent', { name: agentName ?? t('agentDay.allAgents') })}</span>
        <span>
          {t('agentDay.print.printedAt', { at: formatDateTime(new Date().toISOString(), timeZone) })}
        </span>
      </div>
      <table data-testid="agentday-sheet">
        <thead>
          <tr>
            <th style={{ width: 96 }}>{t('agentDay.day')}</th>
            {team && <th>{t('agentDay.agent')}</th>}
            <th className="num">{t('agentDay.inquiries')}</th>
            <th className="num">{t('agentDay.orders')}</th>
            <th className="num">{t('agentDay.revenue')}</th>
            <th className="num">{t('agentDay.conversion')}</th>
            <th className="num">{t('agentDay.followUps')}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.length === 0 && (
            <tr>
              <td colSpan={team ? 7 : 6}>{t('agentDay.reportEmpty')}</td>
            </tr>
          )}
          {report.rows.map((r) => (
            <tr key={`${r.day}-${r.staffId}`}>
              <td className="code">{r.day}</td>
              {team && <td>{r.staffName}</td>}
              <td className="num">{r.inquiries}</td>
              <td className="num">{r.orders}</td>
              <td className="num">{money(r.revenueFen)}</td>
              <td className="num">{percent(r.conversion)}</td>
              <td className="num">{r.followUpConversions}</td>
            </tr>
          ))}
          {team &&
            report.agents.length > 1 &&
            report.agents.map((a) => (
              <tr key={`agent-${a.staffId}`}>
                <th>{t('agentDay.print.agentTotal')}</th>
                <th>{a.staffName}</th>
                <th className="num">{a.inquiries}</th>
                <th className="num">{a.orders}</th>
                <th className="num">{money(a.revenueFen)}</th>
                <th className="num">{percent(a.conversion)}</th>
                <th className="num">{a.followUpConversions}</th>
              </tr>
            ))}
          <tr>
            <th colSpan={team ? 2 : 1}>{t('agentDay.print.total')}</th>
            <th className="num">{tot.inquiries}</th>
            <th className="num">{tot.orders}</th>
            <th className="num">{money(tot.revenueFen)}</th>
            <th className="num">{percent(tot.conversion)}</th>
            <th className="num">{tot.followUpConversions}</th>
          </tr>
        </tbody>
      </table>
      <p style={{ marginTop: 8, color: '#444' }}>{t('agentDay.print.note')}</p>
      <div className="paper-sign">
        <span>{team ? t('agentDay.print.signMaker') : t('agentDay.print.signAgent')}</span>
        <span>{t('agentDay.print.signSupervisor')}</span>
        <span>{t('agentDay.print.signDate')}</span>
      </div>
    </PrintSheet>
  );
}
