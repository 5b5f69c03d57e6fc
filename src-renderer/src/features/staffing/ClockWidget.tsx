import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClockStatus } from '../../../../src-main/api/contract';
import { api, reportError, ui } from '../../api';
import { formatShort } from '../../lib/time';
import { useSession } from '../../stores/session';
import './staffing.css';

/** Fired after a punch so that open attendance pages reload. */
export const PUNCH_EVENT = 'shopdesk:punch';
/** Fired after the rota is saved or copied: today's shift in the header may have changed. */
export const ROTA_EVENT = 'shopdesk:rota';

/** The header's 打卡 widget: today's shift and one button, 上班打卡 or 下班打卡. */
export function ClockWidget() {
  const { t } = useTranslation();
  const session = useSession((s) => s.session);
  const timeZone = useSession((s) => s.timeZone);
  const allowed = !!session?.permissions.includes('attendance.clock');
  const [status, setStatus] = useState<ClockStatus | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      allowed
        ? api.attendance.status({}).then(
            (next) => setStatus(next),
            () => setStatus(null),
          )
        : Promise.resolve(),
    [allowed],
  );

  useEffect(() => {
    void load();
    // The day turns over while the app stays open.
    const timer = window.setInterval(() => void load(), 5 * 60_000);
    window.addEventListener(PUNCH_EVENT, load);
    window.addEventListener(ROTA_EVENT, load);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(PUNCH_EVENT, load);
      window.removeEventListener(ROTA_EVENT, load);
    };
  }, [load, session?.staff.id]);

  if (!allowed || !status) return null;
  const clockedIn = status.clockedInAt !== null;
  const shiftText = status.shift
    ? status.shift.kind === 'rest'
      ? t('attendance.clock.rest')
      : t('attendance.clock.shift', {
          name: status.shift.name,
          start: status.shift.start,
          end: status.shift.end,
        })
    : t('attendance.clock.none');

  async function punch(kind: 'in' | 'out') {
    setBusy(true);
    try {
      const next = await api.attendance.clock({ kind });
      setStatus(next);
      const last = next.punches.at(-1);
      const time = last ? formatShort(last.at, timeZone) : '';
      ui().message.success(
        t(kind === 'in' ? 'attendance.clock.doneIn' : 'attendance.clock.doneOut', { time }),
      );
      window.dispatchEvent(new Event(PUNCH_EVENT));
    } catch (e) {
      reportError(e);
      void load();
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="clock-widget" data-testid="clock-widget">
      <Tooltip title={shiftText}>
        <span className="clock-widget__text" data-testid="clock-status">
          <ClockCircleOutlined aria-hidden />{' '}
          {clockedIn
            ? t('attendance.clock.since', { time: formatShort(status.clockedInAt, timeZone) })
            : shiftText}
        </span>
      </Tooltip>
      <Button
        size="small"
        type={clockedIn ? 'default' : 'primary'}
        loading={busy}
        onClick={() => void punch(clockedIn ? 'out' : 'in')}
        data-testid={clockedIn ? 'clock-out' : 'clock-in'}
      >
        {clockedIn ? t('attendance.clock.out') : t('attendance.clock.in')}
      </Button>
    </span>
  );
}
