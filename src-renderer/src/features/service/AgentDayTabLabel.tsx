import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session';
import { useAgentDay } from './AgentDayStore';

/** 我的工作 with the number of memo reminders that are due (shown as soon as the agent signs in). */
export function AgentDayTabLabel() {
  const { t } = useTranslation();
  const count = useAgentDay((s) => s.due?.count ?? 0);
  const staffId = useSession((s) => s.session?.staff.id);
  useEffect(() => {
    void useAgentDay.getState().refresh();
    const timer = window.setInterval(() => void useAgentDay.getState().refresh(), 60_000);
    return () => window.clearInterval(timer);
  }, [staffId]);
  return (
    <span data-testid="cs-subtab-agent-label" className="alerts-tab">
      {t('agentDay.tab')}
      {count > 0 && (
        <Badge
          count={count}
          size="small"
          className="alerts-tab__badge"
          data-testid="agentday-due-badge"
          title={t('agentDay.dueBadge', { count })}
        />
      )}
    </span>
  );
}
