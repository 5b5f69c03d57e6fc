// The customer-service tab's shared UI state: which order or buyer drawer is open, and a counter
// that pages watch to reload after a write (main is the source of truth).
import { create } from 'zustand';
import type { OrderFlag, OrderStatus } from '../../../../src-main/api/contract';

interface ServiceUi {
  orderId: string | null;
  buyerId: string | null;
  /** Bumped after every write; lists reload when it changes. */
  version: number;
  openOrder(id: string | null): void;
  openBuyer(id: string | null): void;
  changed(): void;
}

export const useServiceUi = create<ServiceUi>()((set) => ({
  orderId: null,
  buyerId: null,
  version: 0,
  openOrder: (orderId) => set({ orderId }),
  openBuyer: (buyerId) => set({ buyerId }),
  changed: () => set((s) => ({ version: s.version + 1 })),
}));

export const STATUS_COLOR: Record<OrderStatus, string> = {
  wait_pay: 'orange',
  paid: 'blue',
  shipped: 'cyan',
  success: 'green',
  closed: 'default',
};

/** The 千牛 flag colours. */
export const FLAG_COLOR: Record<Exclude<OrderFlag, 'none'>, string> = {
  red: '#f5222d',
  yellow: '#fadb14',
  green: '#52c41a',
  blue: '#1677ff',
  purple: '#722ed1',
};
