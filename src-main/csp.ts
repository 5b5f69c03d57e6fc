// The Content-Security-Policy, pure (no Electron import) so that the app:// handler, the dev
// session, the build's <meta> tag (electron.vite.config.ts) and the browser harness share it.
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  // antd (v5+) is CSS-in-JS: it injects <style> elements at run time, and components set inline
  // `style` attributes. Inline styles cannot run code; inline *scripts* stay forbidden.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
];

/** The Content-Security-Policy of every page we serve. */
export const CSP = CSP_DIRECTIVES.join('; ');

/**
 * CSP for `electron-vite dev` only (unpackaged, ELECTRON_RENDERER_URL set): Vite's React refresh
 * preamble is an inline module script and HMR talks over a WebSocket to the dev server. Never
 * used for app:// or in a packaged build.
 */
export function devCsp(devServerUrl: string): string {
  const u = new URL(devServerUrl);
  const ws = `${u.protocol === 'https:' ? 'wss:' : 'ws:'}//${u.host}`;
  return CSP_DIRECTIVES.map((d) => {
    if (d.startsWith('script-src ')) return `${d} 'unsafe-inline'`;
    if (d.startsWith('connect-src ')) return `${d} ${ws}`;
    return d;
  }).join('; ');
}

/** The policy as a <meta> tag can carry it (frame-ancestors is ignored in <meta>). */
export const CSP_META = CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
