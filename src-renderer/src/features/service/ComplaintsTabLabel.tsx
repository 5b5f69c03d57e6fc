import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { api } from '../../api';
import { useSession } from '../../stores/session';

/** Unread notices of severe complaints for the signed-in person (main decides whose they are). */
export const useComplaintNotices = create<{ unread: number; refresh(): Promise<void> }>()((set) => ({
  unread: 0,
  refresh: async () => {
    try {
      set({ unread: (await api.complaints.notices({})).unread });
    } catch {
      // Signed out meanwhile, or no right to read complaints: no badge.
      set({ unread: 0 });
    }
  },
}));

/** 投诉登记 with the number of unread severe-complaint notices, shown as soon as the person signs in. */
export function ComplaintsTabLabel() {
  const { t } = useTranslation();
  const unread = useComplaintNotices((s) => s.unread);
  const staffId = useSession((s) => s.session?.staff.id);
  useEffect(() => {
    void useComplaintNotices.getState().refresh();
    const timer = window.setInterval(() => void useComplaintNotices.getState().refresh(), 30_000);
    return () => window.clearInterval(timer);
  }, [staffId]);
  return (
    <span>
      {t('complaints.tab')}
      {unread > 0 && (
        <Badge
          count={unread}
          size="small"
          style={{ marginInlineStart: 6 }}
          data-testid="cmp-tab-badge"
          title={t('complaints.unreadNotices', { count: unread })}
        />
      )}
    </span>
  );
}
