import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, List, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '../../../../src-main/api/contract-agentday';
import { api, errorText } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { AgentDayCredit } from './AgentDayCredit';
import { AgentDayJournal } from './AgentDayJournal';
import { AgentDayMemos } from './AgentDayMemos';
import { AgentDaySales } from './AgentDaySales';
import { AgentDaySalesPrint } from './AgentDaySalesPrint';
import { shopToday, useAgentDay } from './AgentDayStore';
import { ServiceDrawers } from './ServiceDrawers';

/** 我的工作: today's work log, the weekly summary and plan, my sales report, and the memo book. */
export function AgentDayPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const due = useAgentDay((s) => s.due);
  const [tab, setTab] = useState('journal');
  useEffect(() => {
    void useAgentDay.getState().refresh();
  }, []);

  return (
    <div className="wh-page agentday" data-testid="agentday-page">
      {due && due.count > 0 && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('agentDay.dueTitle', { count: due.count })}
          description={
            <List
              size="small"
              split={false}
              dataSource={due.rows}
              renderItem={(m) => (
                <List.Item style={{ padding: '2px 0' }}>
                  <span className="num">{formatDateTime(m.remindAt, timeZone)}</span> {m.text}
                </List.Item>
              )}
            />
          }
          style={{ marginBottom: 12 }}
          data-testid="agentday-due"
        />
      )}
      <div className="agentday-grid">
        <Card size="small" className="agentday-main">
          <Tabs
            activeKey={tab}
            onChange={setTab}
            destroyOnHidden
            items={[
              {
                key: 'journal',
                label: <span data-testid="agentday-tab-journal">{t('agentDay.journalTab')}</span>,
                children: <AgentDayJournal kind="day" />,
              },
              {
                key: 'week',
                label: <span data-testid="agentday-tab-week">{t('agentDay.weekTab')}</span>,
                children: <AgentDayJournal kind="week" />,
              },
              {
                key: 'sales',
                label: <span data-testid="agentday-tab-sales">{t('agentDay.salesTab')}</span>,
                children: <MySales />,
              },
              {
                key: 'credit',
                label: <span data-testid="agentday-tab-credit">{t('agentDay.credit')}</span>,
                children: <AgentDayCredit team={false} />,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('agentDay.memos')} className="agentday-side">
          <AgentDayMemos />
        </Card>
      </div>
      <ServiceDrawers />
    </div>
  );
}

function MySales() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const today = shopToday(timeZone);
  const [range, setRange] = useState<[string, string]>([today, today]);
  const [report, setReport] = useState<SalesReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);
  const myName = useSession((s) => s.session?.staff.name);
  const load = useCallback(async () => {
    try {
      setReport(await api.agentDay.myReport({ from: range[0], to: range[1] }));
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [range]);
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
          data-testid="agentday-my-range"
        />
        <Button
          icon={<PrinterOutlined />}
          disabled={!report}
          onClick={() => setPrinting(true)}
          data-testid="agentday-my-print"
        >
          {t('agentDay.print.button')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <AgentDaySales report={report} team={false} />
      {printing && report && (
        <AgentDaySalesPrint
          report={report}
          from={range[0]}
          to={range[1]}
          team={false}
          agentName={myName}
          onClose={() => setPrinting(false)}
        />
      )}
    </div>
  );
}
