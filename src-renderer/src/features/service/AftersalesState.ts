// After-sales (售后) UI state: which case drawer is open, the create dialog (for an order or
// with an order number to look up), and the colours of types and statuses.
import { create } from 'zustand';
import type { CaseStatus, CaseType } from '../../../../src-main/api/contract-aftersales';

interface AftersalesUi {
  caseId: string | null;
  /** The create dialog: open with an order (id), or with none to type an order number. */
  creating: { orderId: string | null } | null;
  openCase(id: string | null): void;
  openCreate(orderId: string | null): void;
  closeCreate(): void;
}

export const useAftersalesUi = create<AftersalesUi>()((set) => ({
  caseId: null,
  creating: null,
  openCase: (caseId) => set({ caseId }),
  openCreate: (orderId) => set({ creating: { orderId } }),
  closeCreate: () => set({ creating: null }),
}));

export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  pending: 'orange',
  processing: 'blue',
  awaiting_return: 'gold',
  return_received: 'cyan',
  refunded: 'green',
  exchanged: 'green',
  resent: 'green',
  done: 'default',
  closed: 'default',
};

export const CASE_TYPE_COLOR: Record<CaseType, string> = {
  return_refund: 'volcano',
  exchange: 'purple',
  refund_only: 'magenta',
  resend: 'geekblue',
  logistics: 'cyan',
  damaged: 'red',
};
