// Who is signed in, and the shop facts every screen needs (name, time zone). Main is the source
// of truth: the store only mirrors what `system.status`, `auth.session` and sign-in return.
import { create } from 'zustand';
import type { Session, Shop, SystemStatus } from '../../../src-main/api/contract';
import { tabsFor, type Permission, type Tab } from '../../../src-main/api/permissions';
import { api, errorText } from '../api';

export type Phase = 'booting' | 'bootError' | 'setup' | 'signin' | 'ready';

interface SessionState {
  phase: Phase;
  bootError: string | null;
  status: SystemStatus | null;
  session: Session | null;
  shopName: string;
  timeZone: string;
  /** Set when a call found the session gone (shown once on the sign-in screen). */
  expired: boolean;
  boot(): Promise<void>;
  /** A person signed in (first-run setup, the sign-in screen, or a quick switch). */
  signedIn(session: Session): void;
  signOut(): Promise<void>;
  /** A call answered UNAUTHENTICATED: back to the sign-in screen. */
  expire(): void;
  shopChanged(shop: Shop): void;
  refreshStatus(): Promise<void>;
}

export const useSession = create<SessionState>()((set, get) => ({
  phase: 'booting',
  bootError: null,
  status: null,
  session: null,
  shopName: '',
  timeZone: 'Asia/Shanghai',
  expired: false,

  async boot() {
    set({ phase: 'booting', bootError: null });
    try {
      const status = await api.system.status({});
      set({ status, shopName: status.shopName ?? '', timeZone: status.timeZone });
      if (!status.setupDone) {
        set({ phase: 'setup', session: null });
        return;
      }
      const session = await api.auth.session({});
      set({ session, phase: session ? 'ready' : 'signin' });
    } catch (e) {
      set({ phase: 'bootError', bootError: errorText(e) });
    }
  },

  signedIn(session) {
    set({ session, phase: 'ready', expired: false });
    // The shop record may have been created just now (first run): refresh its facts.
    void get().refreshStatus();
  },

  async signOut() {
    // Leave the screen first: main's session.changed event must not read as an expired session.
    set({ session: null, phase: 'signin', expired: false });
    await api.auth.signOut({});
  },

  expire() {
    if (get().phase === 'ready') set({ session: null, phase: 'signin', expired: true });
  },

  shopChanged(shop) {
    set({ shopName: shop.name, timeZone: shop.timeZone });
  },

  async refreshStatus() {
    try {
      const status = await api.system.status({});
      set({ status, shopName: status.shopName ?? '', timeZone: status.timeZone });
    } catch {
      // Keep what we had; the next call will report any real problem.
    }
  },
}));

/** Whether the signed-in person may do `perm` (comfort only: main checks again). */
export function useCan(perm: Permission): boolean {
  return useSession((s) => !!s.session?.permissions.includes(perm));
}

export function useTabs(): Tab[] {
  const role = useSession((s) => s.session?.staff.role);
  return tabsFor(role);
}
