// An agent's day: the due memo reminders behind the 我的工作 sub-tab badge and the page's alert,
// refreshed on sign-in, every minute, and after a memo changes.
import { create } from 'zustand';
import type { MemoDue } from '../../../../src-main/api/contract-agentday';
import { api } from '../../api';

interface AgentDayState {
  due: MemoDue | null;
  /** Bumped after a memo write, so an open list reloads. */
  version: number;
  refresh(): Promise<void>;
  changed(): void;
}

export const useAgentDay = create<AgentDayState>((set, get) => ({
  due: null,
  version: 0,
  async refresh() {
    try {
      set({ due: await api.agentDay.memoDue({}) });
    } catch {
      // the badge is a comfort: a failed refresh keeps the last figure
    }
  },
  changed() {
    set({ version: get().version + 1 });
    void get().refresh();
  },
}));

/** Today (yyyy-mm-dd) in the shop's time zone. */
export function shopToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
