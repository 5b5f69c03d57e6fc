import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../stores/session';
import { useHandover } from './HandoverStore';

/** 交接本 with the number of open items the signed-in person may acknowledge. */
export function HandoverTabLabel() {
  const { t } = useTranslation();
  const forMe = useHandover((s) => s.open?.forMe ?? 0);
  const staffId = useSession((s) => s.session?.staff.id);
  useEffect(() => {
    void useHandover.getState().refresh();
    const timer = window.setInterval(() => void useHandover.getState().refresh(), 60_000);
    return () => window.clearInterval(timer);
  }, [staffId]);
  return (
    <span data-testid="cs-subtab-handover-label" className="alerts-tab">
      {t('handover.tab')}
      {forMe > 0 && (
        <Badge
          count={forMe}
          size="small"
          className="alerts-tab__badge"
          data-testid="cs-subtab-handover-badge"
          title={t('handover.tabBadge', { count: forMe })}
        />
      )}
    </span>
  );
}
