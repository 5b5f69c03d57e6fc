import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Select, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentOption, SalesReport } from '../../../../src-main/api/contract-agentday';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useCan, useSession } from '../../stores/session';
import { AgentDayCredit } from './AgentDayCredit';
import { AgentDayJournal } from './AgentDayJournal';
import { AgentDaySales } from './AgentDaySales';
import { AgentDaySalesPrint } from './AgentDaySalesPrint';
import { shopToday } from './AgentDayStore';

/**
 * 客服日报 (supervisors and the director): every agent's daily sales report with totals and its
 * CSV; for supervisors also order credit and the agents' work logs and weekly summaries.
 */
export function AgentDayTeamPage() {
  const { t } = useTranslation();
  const canTeam = useCan('agentday.team');
  const [tab, setTab] = useState('report');
  const items = [
    {
      key: 'report',
      label: <span data-testid="agentday-team-tab-report">{t('agentDay.report')}</span>,
      children: <TeamReport />,
    },
    ...(canTeam
      ? [
          {
            key: 'credit',
            label: <span data-testid="agentday-team-tab-credit">{t('agentDay.credit')}</span>,
            children: <AgentDayCredit team />,
          },
          {
            key: 'logs',
            label: <span data-testid="agentday-team-tab-logs">{t('agentDay.logs')}</span>,
            children: <TeamJournal kind="day" />,
          },
          {
            key: 'weeks',
            label: <span data-testid="agentday-team-tab-weeks">{t('agentDay.weeks')}</span>,
            children: <TeamJournal kind="week" />,
          },
        ]
      : []),
  ];
  return (
    <div className="wh-page" data-testid="agentday-team">
      <Card size="small">
        <Tabs activeKey={tab} onChange={setTab} destroyOnHidden items={items} />
      </Card>
    </div>
  );
}

function useAgents(): AgentOption[] {
  const [agents, setAgents] = useState<AgentOption[]>([]);
  const canList = useCan('agentday.own');
  useEffect(() => {
    if (!canList) return;
    api.agentDay.agents({}).then(setAgents, () => setAgents([]));
  }, [canList]);
  return agents;
}

function TeamReport() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const today = shopToday(timeZone);
  const agents = useAgents();
  const [range, setRange] = useState<[string, string]>([
    dayjs(today).subtract(6, 'day').format('YYYY-MM-DD'),
    today,
  ]);
  const [staffId, setStaffId] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<SalesReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const load = useCallback(async () => {
    try {
      setReport(
        await api.agentDay.teamReport({ from: range[0], to: range[1], ...(staffId ? { staffId } : {}) }),
      );
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [range, staffId]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          aria-label={t('agentDay.range')}
          value={[dayjs(range[0]), dayjs(range[1])]}
          allowClear={false}
          onChange={(v) =>
            v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
          }
          data-testid="agentday-team-range"
        />
        {agents.length > 0 && (
          <Select
            style={{ width: 160 }}
            allowClear
            value={staffId}
            placeholder={t('agentDay.allAgents')}
            options={agents.map((a) => ({ value: a.id, label: a.name }))}
            onChange={(v: string | undefined) => setStaffId(v)}
            aria-label={t('agentDay.agent')}
            data-testid="agentday-team-agent"
          />
        )}
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="agentday-export">
          {t('agentDay.export')}
        </Button>
        <Button
          icon={<PrinterOutlined />}
          disabled={!report}
          onClick={() => setPrinting(true)}
          data-testid="agentday-team-print"
        >
          {t('agentDay.print.button')}
        </Button>
      </Space>
      {printing && report && (
        <AgentDaySalesPrint
          report={report}
          from={range[0]}
          to={range[1]}
          team={!staffId}
          agentName={staffId ? agents.find((a) => a.id === staffId)?.name : undefined}
          onClose={() => setPrinting(false)}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <AgentDaySales report={report} team />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('agentDay.exportBody')}
        run={(encoding) =>
          api.agentDay.exportCsv({ from: range[0], to: range[1], ...(staffId ? { staffId } : {}), encoding })
        }
      />
    </div>
  );
}

/** A supervisor reads an agent's log / weekly summary and comments on it. */
function TeamJournal({ kind }: { kind: 'day' | 'week' }) {
  const { t } = useTranslation();
  const agents = useAgents();
  const [staffId, setStaffId] = useState<string | undefined>(undefined);
  const selected = staffId ?? agents.find((a) => a.role === 'cs_agent')?.id ?? agents[0]?.id;
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('agentDay.author')}</span>
        <Select
          style={{ width: 160 }}
          value={selected}
          options={agents.map((a) => ({ value: a.id, label: a.name }))}
          onChange={(v: string) => setStaffId(v)}
          aria-label={t('agentDay.author')}
          data-testid={`agentday-team-${kind}-agent`}
        />
      </Space>
      {selected && <AgentDayJournal key={`${kind}-${selected}`} kind={kind} staffId={selected} canComment />}
    </div>
  );
}
