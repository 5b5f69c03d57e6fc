import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session';
import { useAlerts } from './store';

/** 库存预警 with the number of alerts nobody has acknowledged yet. */
export function AlertsTabLabel({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const unack = useAlerts((s) => s.counts?.unacknowledged ?? 0);
  const staffId = useSession((s) => s.session?.staff.id);
  useEffect(() => {
    void useAlerts.getState().refresh();
    const timer = window.setInterval(() => void useAlerts.getState().refresh(), 60_000);
    return () => window.clearInterval(timer);
  }, [staffId]);
  return (
    <span data-testid={testId} className="alerts-tab">
      {t('alerts.tab')}
      {unack > 0 && (
        <Badge
          count={unack}
          size="small"
          overflowCount={999}
          className="alerts-tab__badge"
          data-testid={`${testId}-badge`}
          title={t('alerts.badge', { count: unack })}
        />
      )}
    </span>
  );
}
