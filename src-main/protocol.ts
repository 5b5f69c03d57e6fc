// The app:// scheme: the renderer is served from app://shopdesk/… instead of file://, so it has a
// real origin (CSP 'self', fetch, same-origin checks work) and can only ever read files under the
// renderer build folder. Electron is only touched through the `protocol` object passed in, so the
// path guard and the handler are tested in plain Node against real files
// (tests/unit/protocol.test.ts).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CSP } from './csp';
import { LIBRARY_CONTENT_TYPES, resolveLibraryPath } from './modules/art/files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'shopdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

type SchemeRegistrar = Pick<Protocol, 'registerSchemesAsPrivileged'>;
type SchemeHandler = Pick<Protocol, 'handle'>;

/**
 * Must run before the app's `ready` event. `standard` gives the scheme real origins and relative
 * URL resolution, `secure` makes it a secure context like https; fetch is supported for the
 * renderer's own assets; no CORS (nothing else may read from it), no CSP bypass, no service workers.
 */
export function registerSchemePrivileges(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        bypassCSP: false,
        allowServiceWorkers: false,
        stream: false,
      },
    },
  ]);
}

/**
 * `scheme://host` of a URL, or null. Computed by hand because WHATWG `URL.origin` is "null" for
 * schemes Node does not know (app:), while Chromium gives registered standard schemes a real one.
 * URLs carrying credentials have no origin we trust.
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!u.host || u.username || u.password) return null;
  return `${u.protocol}//${u.host}`.toLowerCase();
}

/**
 * The origins our own UI may be loaded from: app://shopdesk always; the electron-vite dev server
 * only when running unpackaged with ELECTRON_RENDERER_URL set.
 */
export function trustedOrigins(opts: { isPackaged: boolean; rendererUrl?: string | undefined }): string[] {
  const origins = [APP_ORIGIN];
  if (!opts.isPackaged && opts.rendererUrl) {
    const dev = originOf(opts.rendererUrl);
    if (dev && /^https?:\/\//.test(dev)) origins.push(dev);
  }
  return origins;
}

/**
 * Map a request URL to a file under `rootDir`, or null when it must not be served.
 * `app://shopdesk/` → index.html; `app://shopdesk/assets/x.js` → <root>/assets/x.js.
 *
 * The raw path is checked as written as well as after URL parsing: Chromium and `new URL` both
 * collapse `..` segments, which would silently turn a traversal attempt into an innocent-looking
 * path. Any `..`/`.` segment, backslash, NUL or undecodable escape refuses the whole request; the
 * final absolute path must still lie inside rootDir.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  const prefix = `${APP_ORIGIN}/`;
  if (requestUrl.length > 4096) return null;
  // The origin must be exactly ours, and written exactly (no credentials, port, other case tricks).
  if (requestUrl !== APP_ORIGIN && !requestUrl.toLowerCase().startsWith(prefix)) return null;
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username || parsed.password || parsed.port) return null;

  // Path as written: between the origin and any query or fragment.
  const rawPath = requestUrl.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || /[\\]/.test(rawPath)) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  // A drive letter or `:` anywhere (C:, alternate data streams `file:stream`) is never one of ours.
  if (decoded.includes(':')) return null;

  const relative = segments.filter((s) => s !== '').join('/');
  const root = path.resolve(rootDir);
  const target = path.resolve(root, relative === '' ? 'index.html' : relative);
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  if (!target.startsWith(root + path.sep)) return null;
  return target;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

function plain(status: number, text: string, csp: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The request handler, separate from registration so it can be called directly. */
export function appRequestHandler(
  rootDir: string,
  opts: { csp?: string; libraryDir?: string } = {},
): (request: Request) => Promise<Response> {
  const csp = opts.csp ?? CSP;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method Not Allowed', csp);
    // The image library (art tab): only exact /library/objects|thumbs/<hash> URLs, from its own folder.
    if (opts.libraryDir && request.url.toLowerCase().startsWith(`${APP_ORIGIN}/library/`)) {
      const rawPath = request.url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0] ?? '';
      const file = resolveLibraryPath(opts.libraryDir, rawPath);
      if (!file) return plain(404, 'Not Found', csp);
      try {
        const body = request.method === 'HEAD' ? null : await readFile(file);
        return new Response(body, {
          status: 200,
          headers: {
            ...securityHeaders(csp),
            'Content-Type':
              LIBRARY_CONTENT_TYPES[file.slice(file.lastIndexOf('.') + 1)] ?? 'application/octet-stream',
            // Named by content hash: never changes.
            'Cache-Control': 'private, max-age=31536000, immutable',
          },
        });
      } catch {
        return plain(404, 'Not Found', csp);
      }
    }
    const file = resolveAppPath(rootDir, request.url);
    if (!file) return plain(404, 'Not Found', csp);
    try {
      const info = await stat(file);
      if (!info.isFile()) return plain(404, 'Not Found', csp);
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          ...securityHeaders(csp),
          'Content-Type': contentTypeOf(file),
          'Content-Length': String(info.size),
          // The files change only with the app itself; no stale assets across upgrades.
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not Found', csp);
    }
  };
}

/** Serve `rootDir` (the built renderer) on app://shopdesk. Call after the app is ready. */
export function handleAppProtocol(
  protocol: SchemeHandler,
  rootDir: string,
  opts: { csp?: string; libraryDir?: string } = {},
): void {
  protocol.handle(APP_SCHEME, appRequestHandler(rootDir, opts));
}
