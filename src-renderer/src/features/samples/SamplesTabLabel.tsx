import { Badge } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { LoanCounts } from '../../../../src-main/api/contract-samples';
import { api } from '../../api';
import { useSession } from '../../stores/session';

const NONE: LoanCounts = { requested: 0, out: 0, overdue: 0 };

/** Requests waiting to be issued and loans overdue (main counts them). */
export const useSampleCounts = create<{ counts: LoanCounts; refresh(): Promise<void> }>()((set) => ({
  counts: NONE,
  refresh: async () => {
    try {
      set({ counts: await api.samples.counts({}) });
    } catch {
      set({ counts: NONE }); // signed out meanwhile, or no right to see loans
    }
  },
}));

/** 样品借出 with the number of requests waiting for the warehouse. */
export function SamplesTabLabel({ label, badge }: { label: string; badge: 'requested' | 'overdue' }) {
  const { t } = useTranslation();
  const n = useSampleCounts((s) => s.counts[badge]);
  const staffId = useSession((s) => s.session?.staff.id);
  useEffect(() => {
    void useSampleCounts.getState().refresh();
    const timer = window.setInterval(() => void useSampleCounts.getState().refresh(), 60_000);
    return () => window.clearInterval(timer);
  }, [staffId]);
  return (
    <span>
      {label}
      {n > 0 && (
        <Badge
          count={n}
          size="small"
          style={{ marginInlineStart: 6 }}
          data-testid={`samples-tab-badge-${badge}`}
          title={t(badge === 'requested' ? 'samples.badgeRequested' : 'samples.badgeOverdue', { count: n })}
        />
      )}
    </span>
  );
}
