import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readsTeamAttendance, type Team } from '../../../../src-main/api/contract';
import { useSession } from '../../stores/session';
import { AttendanceView } from './AttendanceView';
import { RotaWeekView } from './RotaWeekView';
import { ShiftSettings } from './ShiftSettings';
import './staffing.css';

type View = 'week' | 'report' | 'settings';

/** 排班考勤 of one team: the week's rota, the monthly attendance report, and (manager) the shifts. */
export function StaffingPage({ team }: { team: Team }) {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const [view, setView] = useState<View>('week');
  const role = session?.staff.role;
  const views: { key: View; render(): React.ReactNode }[] = [
    { key: 'week', render: () => <RotaWeekView team={team} /> },
    ...(role && readsTeamAttendance(role, team)
      ? [{ key: 'report' as const, render: () => <AttendanceView team={team} /> }]
      : []),
    ...(session?.permissions.includes('shop.manage')
      ? [{ key: 'settings' as const, render: () => <ShiftSettings team={team} /> }]
      : []),
  ];
  return (
    <Tabs
      className="staffing-tabs"
      size="small"
      type="card"
      activeKey={views.some((v) => v.key === view) ? view : 'week'}
      onChange={(k) => setView(k as View)}
      destroyOnHidden
      items={views.map((v) => ({
        key: v.key,
        label: <span data-testid={`staffing-view-${v.key}`}>{t(`rota.tabs.${v.key}`)}</span>,
        children: v.render(),
      }))}
    />
  );
}
