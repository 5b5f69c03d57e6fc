// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), in one
// place. index.ts only wires these up; tests/unit/main-window.test.ts asserts the real objects.
//
//  1. Only local content: the UI is our own bundle served from app://shopdesk (protocol.ts).
//  2-4. No Node in renderers, context isolation and the sandbox: windowOptions().
//  5. Permission requests/checks denied: hardenSession().
//  6. webSecurity stays on, 8. allowRunningInsecureContent off, 9. experimental features off.
//  7. A strict Content-Security-Policy: CSP below, sent by the app:// handler and by webRequest.
// 10. No <webview>: webviewTag false and will-attach-webview prevented.
// 11-13. Navigation, redirects and new windows denied; links opened in the system browser only
//       after isSafeExternalUrl (external-links.ts): hardenWebContents().
// 14. No shell.openExternal with untrusted content (same helper).
// 15. A current Electron (package.json).
// 16-17. IPC: the preload exposes fixed functions only; ipc.ts checks every sender.
// 18. No file:// — custom protocol instead (protocol.ts).
// 19. Fuses: flipped when packaging, by electron-builder's `electronFuses` (electron-builder.yml):
//     runAsNode off, NODE_OPTIONS and --inspect off, cookie encryption on, asar integrity
//     validation on, only load the app from app.asar, no extra file:// privileges.
import { shell } from 'electron';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CSP, devCsp } from './csp';
import { isSafeExternalUrl } from './external-links';

export { CSP, devCsp };

export const WINDOW_TITLE = '店务台 ShopDesk';

export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1360,
    height: 860,
    minWidth: 1100,
    minHeight: 700,
    // Shown on 'ready-to-show' so people never see a blank white frame.
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Response headers with our CSP replacing whatever the response carried (any letter case). */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  setDevicePermissionHandler?: Session['setDevicePermissionHandler'];
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/**
 * Deny every permission (camera, microphone, notifications, geolocation, HID/USB/serial…): a
 * back-office tool needs none of them. Scanners are keyboards and need no permission. The CSP is
 * added to every response that passes through the network stack (the dev server included).
 */
export function hardenSession(session: HardenableSession, opts: { csp?: string } = {}): void {
  const csp = opts.csp ?? CSP;
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  if (typeof session.setDevicePermissionHandler === 'function') {
    session.setDevicePermissionHandler(() => false);
  }
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}

/** Hand a link to the system browser, only if it is a plain http(s) URL. Returns whether it did. */
export function openExternalSafely(url: string): boolean {
  if (!isSafeExternalUrl(url)) return false;
  shell.openExternal(url).catch((e: unknown) => console.warn('[security] openExternal failed:', e));
  return true;
}

type Preventable = { preventDefault(): void };
type NavigationEvent = Preventable & { url?: string; isMainFrame?: boolean };
type HardenableContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: string, listener: (...args: never[]) => void): unknown;
};

/**
 * For every webContents ('web-contents-created'): no navigation or redirect away from our own
 * UI, no subframe navigation, no <webview>, no new windows. A window.open/target=_blank link to a
 * vetted http(s) URL goes to the system browser instead.
 */
export function hardenWebContents(
  contents: HardenableContents,
  opts: { isAllowedUrl(url: string): boolean },
): void {
  const allowed = (url: unknown): boolean => {
    if (typeof url !== 'string') return false;
    try {
      return opts.isAllowedUrl(url);
    } catch {
      return false;
    }
  };
  const guardNavigation = (event: NavigationEvent, legacyUrl?: string) => {
    if (!allowed(event.url ?? legacyUrl)) event.preventDefault();
  };

  contents.on('will-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  // Fires for every frame: there are no iframes in our UI, so subframes never navigate.
  contents.on('will-frame-navigate', (event: NavigationEvent) => {
    if (event.isMainFrame !== true || !allowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event: Preventable) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** isAllowedUrl for hardenWebContents: the URL's origin is one of ours. */
export function allowOrigins(
  origins: readonly string[],
  originOf: (url: string) => string | null,
): (url: string) => boolean {
  const set = new Set(origins.map((o) => o.toLowerCase()));
  return (url) => {
    const o = originOf(url);
    return o !== null && set.has(o);
  };
}
