// Staff accounts for 员工管理. Reloaded from main after every write.
import { create } from 'zustand';
import type { StaffRow } from '../../../src-main/api/contract';
import { api, errorText } from '../api';

interface StaffState {
  rows: StaffRow[];
  loading: boolean;
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useStaff = create<StaffState>()((set) => ({
  rows: [],
  loading: false,
  loaded: false,
  error: null,
  async load() {
    set({ loading: true, error: null });
    try {
      const rows = await api.staff.list({ includeInactive: true });
      // Active people first, each group in pinyin order.
      rows.sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh-CN'));
      set({ rows, loading: false, loaded: true });
    } catch (e) {
      set({ loading: false, error: errorText(e) });
    }
  },
}));
