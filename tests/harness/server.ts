// The browser harness: serves the built renderer on 127.0.0.1 with the SAME router the Electron
// app uses, behind HTTP, and a `window.shopdesk` shim of the preload's type. For e2e tests and
// for looking at the UI in a plain browser. Lives in tests/, never packaged.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CHANNELS, EVENTS } from '../../src-main/api/channels';
import { CSP } from '../../src-main/csp';
import { createRouter, type Router } from '../../src-main/api/router';
import { openStore, type Store } from '../../src-main/db/store';
import type { DEMO_PEOPLE } from '../../resources/demo/shop';
import { seedDemoShop } from '../../resources/demo/shop';
import { LIBRARY_CONTENT_TYPES, libraryRoot, resolveLibraryPath } from '../../src-main/modules/art/files';
import { DropRegistry } from '../../src-main/modules/art/drops';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(ROOT, 'out/renderer');

export interface HarnessOptions {
  dataDir: string;
  /** Where "saved" files go (the harness's stand-in for the save dialog). */
  exportDir?: string;
  /**
   * The stand-in for the open dialog (art tab imports): "files" answers every file directly in
   * this folder, "folder" the folder itself. Default <dataDir>/imports (none: cancelled).
   */
  importDir?: string;
  demo?: boolean;
  /** With `demo`: also the demo shop's customer-service orders, buyers and cases (dev:browser). */
  demoOrders?: boolean;
  port?: number;
  rendererDir?: string;
}

export interface Harness {
  url: string;
  token: string;
  dataDir: string;
  exportDir: string;
  store: Store;
  router: Router;
  demoPeople: typeof DEMO_PEOPLE | null;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function shimSource(): string {
  // Mirrors src-preload/index.ts: one function per channel, events with payload only, frozen.
  return `(() => {
  const params = new URLSearchParams(location.search);
  if (params.get('token')) sessionStorage.setItem('shopdesk-token', params.get('token'));
  const token = sessionStorage.getItem('shopdesk-token') || '';
  let client = sessionStorage.getItem('shopdesk-client');
  if (!client) { client = crypto.randomUUID(); sessionStorage.setItem('shopdesk-client', client); }
  const headers = { 'content-type': 'application/json', 'x-shopdesk-token': token, 'x-shopdesk-client': client };
  const channels = ${JSON.stringify(CHANNELS)};
  const eventNames = ${JSON.stringify(EVENTS)};
  const api = {};
  // Drag and drop: the stand-in for the preload's drop listener. A browser gives the page no
  // paths, so the harness takes each dropped file's NAME as a file or folder in its import folder
  // (tests put them there) and records them for this client, as main does from a real drop.
  // Calls made after a drop wait until it is recorded (in Electron, IPC keeps that order).
  let dropped = Promise.resolve();
  window.addEventListener('drop', (e) => {
    const names = Array.from((e.dataTransfer && e.dataTransfer.files) || [], (f) => f.name);
    if (!names.length) return;
    dropped = fetch('/__drop', { method: 'POST', headers, body: JSON.stringify(names) }).then(() => {}, () => {});
  }, true);
  for (const ch of channels) {
    const [ns, m] = ch.split('.');
    api[ns] = api[ns] || {};
    api[ns][m] = async (input) => {
      await dropped;
      const res = await fetch('/__api/' + ch, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
      return res.json();
    };
  }
  const listeners = new Map();
  let source = null;
  api.events = {
    on(name, listener) {
      if (!eventNames.includes(name)) throw new Error('Unknown event ' + name);
      if (!source) {
        source = new EventSource('/__events?token=' + encodeURIComponent(token) + '&client=' + encodeURIComponent(client));
        source.onmessage = (e) => {
          const { name, payload } = JSON.parse(e.data);
          for (const l of listeners.get(name) || []) l(payload);
        };
      }
      const set = listeners.get(name) || new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => set.delete(listener);
    },
  };
  for (const ns of Object.values(api)) Object.freeze(ns);
  Object.defineProperty(window, 'shopdesk', { value: Object.freeze(api), writable: false, configurable: false });
})();`;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npx electron-vite build" first`);
  }
  const token = randomBytes(18).toString('base64url');
  const exportDir = opts.exportDir ?? path.join(opts.dataDir, 'exports');
  const importDir = opts.importDir ?? path.join(opts.dataDir, 'imports');
  const libraryDir = libraryRoot(opts.dataDir);
  fs.mkdirSync(exportDir, { recursive: true });
  const store = openStore({ dataDir: opts.dataDir });
  // The e2e specs import their own orders into the demo shop and count them: no demo orders for them.
  const demoPeople =
    opts.demo && !store.stmt('SELECT 1 FROM shop').get()
      ? seedDemoShop(store, { service: opts.demoOrders === true }).people
      : null;

  const streams = new Map<string, Set<http.ServerResponse>>();
  const drops = new DropRegistry();
  const router = createRouter({
    store,
    host: {
      appVersion: 'harness',
      async chooseSavePath({ defaultName }) {
        const ext = path.extname(defaultName);
        const base = path.basename(defaultName, ext);
        let target = path.join(exportDir, defaultName);
        for (let i = 2; fs.existsSync(target); i++) target = path.join(exportDir, `${base} (${i})${ext}`);
        return target;
      },
      async chooseOpenPaths({ mode }) {
        if (!fs.existsSync(importDir)) return null;
        if (mode === 'folder') return [importDir];
        return fs
          .readdirSync(importDir, { withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(importDir, e.name))
          .sort();
      },
      takeDroppedPaths: (clientId) => drops.take(clientId),
      async chooseFolder() {
        // A fresh folder per export under the export folder (the folder dialog's stand-in).
        let target = path.join(exportDir, 'images');
        for (let i = 2; fs.existsSync(target); i++) target = path.join(exportDir, `images-${i}`);
        fs.mkdirSync(target, { recursive: true });
        return target;
      },
    },
    emit(clientId, name, payload) {
      for (const res of streams.get(clientId) ?? [])
        res.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
    },
  });
  const shim = shimSource();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer) => {
      // The same CSP header the app:// protocol sends in Electron.
      res.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': CSP,
      });
      res.end(body);
    };
    if (url.pathname.startsWith('/__api/')) {
      if (req.method !== 'POST' || req.headers['x-shopdesk-token'] !== token)
        return send(403, 'text/plain', 'forbidden');
      const client = String(req.headers['x-shopdesk-client'] ?? '');
      if (!/^[0-9a-f-]{36}$/.test(client)) return send(400, 'text/plain', 'bad client');
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 40_000_000) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        let input: unknown;
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          return send(400, 'text/plain', 'bad json');
        }
        router
          .call(client, decodeURIComponent(url.pathname.slice('/__api/'.length)), input)
          .then((env) => send(200, 'application/json; charset=utf-8', JSON.stringify(env)));
      });
      return;
    }
    if (url.pathname === '/__drop') {
      if (req.method !== 'POST' || req.headers['x-shopdesk-token'] !== token)
        return send(403, 'text/plain', 'forbidden');
      const client = String(req.headers['x-shopdesk-client'] ?? '');
      if (!/^[0-9a-f-]{36}$/.test(client)) return send(400, 'text/plain', 'bad client');
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let names: unknown;
        try {
          names = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, 'text/plain', 'bad json');
        }
        // Plain names only, each resolved inside the import folder.
        const ok =
          Array.isArray(names) &&
          names.every(
            (n) => typeof n === 'string' && n !== '' && n === path.basename(n) && !n.startsWith('.'),
          );
        const n = ok
          ? drops.record(
              client,
              (names as string[]).map((x) => path.join(importDir, x)),
            )
          : 0;
        send(200, 'application/json; charset=utf-8', JSON.stringify({ recorded: n }));
      });
      return;
    }
    if (url.pathname === '/__events') {
      if (url.searchParams.get('token') !== token) return send(403, 'text/plain', 'forbidden');
      const client = url.searchParams.get('client') ?? '';
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': ok\n\n');
      const set = streams.get(client) ?? new Set();
      set.add(res);
      streams.set(client, set);
      req.on('close', () => set.delete(res));
      return;
    }
    if (url.pathname === '/__harness/shim.js') return send(200, TYPES['.js']!, shim);
    // The image library, as app://shopdesk/library/… serves it in Electron (same path check).
    if (url.pathname.startsWith('/library/')) {
      const raw = (req.url ?? '').split(/[?#]/, 1)[0] ?? '';
      const file = resolveLibraryPath(libraryDir, raw);
      if (!file || !fs.existsSync(file)) return send(404, 'text/plain', 'not found');
      return send(200, LIBRARY_CONTENT_TYPES[path.extname(file).slice(1)]!, fs.readFileSync(file));
    }
    // Static files of the built renderer, with a traversal guard.
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'text/plain', 'not found');
    }
    let body: string | Buffer = fs.readFileSync(file);
    if (rel === 'index.html') {
      body = body
        .toString('utf8')
        .replace(/<script/, '<script src="/__harness/shim.js"></script>\n    <script');
    }
    send(200, TYPES[path.extname(file)] ?? 'application/octet-stream', body);
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    dataDir: opts.dataDir,
    exportDir,
    store,
    router,
    demoPeople,
    async close() {
      for (const set of streams.values()) for (const r of set) r.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}
