// The open-alert counts behind the sub-tab badge: loaded when a page with alerts is shown,
// refreshed every minute, after an acknowledgement, and whenever the warehouse's document list
// reloads (a post or reversal may raise or clear alerts).
import { create } from 'zustand';
import type { AlertCounts } from '../../../../src-main/api/contract';
import { api } from '../../api';
import { useWarehouse } from '../../stores/warehouse';

interface AlertsState {
  counts: AlertCounts | null;
  /** Bumped after an acknowledgement or a stock change, so an open list reloads. */
  version: number;
  refresh(): Promise<void>;
  changed(): void;
}

export const useAlerts = create<AlertsState>((set, get) => ({
  counts: null,
  version: 0,
  async refresh() {
    try {
      set({ counts: await api.alerts.counts({}) });
    } catch {
      // the badge is a comfort: a failed refresh keeps the last figure
    }
  },
  changed() {
    set({ version: get().version + 1 });
    void get().refresh();
  },
}));

useWarehouse.subscribe((s, prev) => {
  if (s.docs !== prev.docs) useAlerts.getState().changed();
});
