// The open handover items behind the 交接本 sub-tab badge and the page: loaded when the 客服 tab
// shows, refreshed every minute and after a write or an acknowledgement.
import { create } from 'zustand';
import type { HandoverOpen } from '../../../../src-main/api/contract';
import { api } from '../../api';

interface HandoverState {
  open: HandoverOpen | null;
  refresh(): Promise<void>;
}

export const useHandover = create<HandoverState>((set) => ({
  open: null,
  async refresh() {
    try {
      set({ open: await api.handover.open({}) });
    } catch {
      // the badge is a comfort: a failed refresh keeps the last figure
    }
  },
}));
