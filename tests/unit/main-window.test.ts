import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Host } from '../../src-main/api/host';

// A fake of the parts of Electron that security.ts and index.ts use. Electron's binary is not
// available here; these tests assert the real option objects and handlers that reach Electron.
const fake = vi.hoisted(() => {
  type Fn = (...args: never[]) => unknown;
  const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
  const appListeners = new Map<string, Fn[]>();
  const app = {
    isPackaged: true,
    gotLock: true,
    requestSingleInstanceLock: vi.fn(() => app.gotLock),
    setAppUserModelId: vi.fn(),
    on: vi.fn((name: string, l: Fn) => {
      appListeners.set(name, [...(appListeners.get(name) ?? []), l]);
      return app;
    }),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    setPath: vi.fn(),
    getAppPath: vi.fn(() => '/fake/project'),
    getVersion: vi.fn(() => '0.1.0'),
    quit: vi.fn(),
  };
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
  const dialog = {
    showErrorBox: vi.fn(),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
      canceled: false,
      filePath: '/fake/documents/x.csv',
    })),
  };
  const webContents = { fromId: vi.fn() };
  const windows: FakeWindow[] = [];
  class FakeWindow {
    readonly listeners = new Map<string, Fn>();
    readonly webContents = { id: 5, on: vi.fn(), closeDevTools: vi.fn() };
    readonly removeMenu = vi.fn();
    readonly loadURL = vi.fn(async (_url: string) => undefined);
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    readonly isMinimized = vi.fn(() => true);
    constructor(readonly options: Record<string, unknown>) {
      windows.push(this);
    }
    once(name: string, l: Fn) {
      this.listeners.set(name, l);
      return this;
    }
    on(name: string, l: Fn) {
      this.listeners.set(name, l);
      return this;
    }
  }
  const emitApp = (name: string, ...args: unknown[]) => {
    for (const l of appListeners.get(name) ?? []) (l as (...a: unknown[]) => unknown)(...args);
  };
  return {
    shell,
    app,
    appListeners,
    emitApp,
    protocol,
    defaultSession,
    ipcMain,
    dialog,
    webContents,
    windows,
    BrowserWindow: FakeWindow,
  };
});
const shell = fake.shell;

vi.mock('electron', () => ({
  shell: fake.shell,
  app: fake.app,
  protocol: fake.protocol,
  session: { defaultSession: fake.defaultSession },
  ipcMain: fake.ipcMain,
  dialog: fake.dialog,
  webContents: fake.webContents,
  BrowserWindow: fake.BrowserWindow,
}));

// index.ts's collaborators that need SQLite or the handlers: replaced with fakes.
const db = vi.hoisted(() => {
  class DatabaseTooNewError extends Error {
    constructor(
      readonly found: number,
      readonly supported: number,
    ) {
      super('too new');
    }
  }
  const store = { close: vi.fn() };
  return { DatabaseTooNewError, store, openStore: vi.fn((_opts: unknown): unknown => store) };
});
vi.mock('../../src-main/db/store', () => ({
  openStore: db.openStore,
  DatabaseTooNewError: db.DatabaseTooNewError,
}));
const routing = vi.hoisted(() => {
  const router = { call: vi.fn(), dropClient: vi.fn(), store: null };
  return { router, createRouter: vi.fn((_opts: unknown) => router) };
});
vi.mock('../../src-main/api/router', () => ({ createRouter: routing.createRouter }));

const security = await import('../../src-main/security');
const { originOf, trustedOrigins } = await import('../../src-main/protocol');
const { allowOrigins, CSP, devCsp, hardenSession, hardenWebContents, windowOptions, withCspHeader } =
  security;

beforeEach(() => {
  shell.openExternal.mockClear();
});

describe('windowOptions', () => {
  const opts = windowOptions('/app/out/preload/index.cjs');

  it('sets every webPreferences security switch explicitly', () => {
    expect(opts.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
    });
  });

  it('is a hidden-until-ready window of at least 1100x700 with our title', () => {
    expect(opts.show).toBe(false);
    expect(opts.title).toBe('店务台 ShopDesk');
    expect(opts.minWidth).toBeGreaterThanOrEqual(1100);
    expect(opts.minHeight).toBeGreaterThanOrEqual(700);
    expect(opts.width).toBeGreaterThanOrEqual(opts.minWidth!);
    expect(opts.height).toBeGreaterThanOrEqual(opts.minHeight!);
    expect(opts.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('returns a fresh object each time', () => {
    expect(windowOptions('a')).not.toBe(windowOptions('a'));
    expect(windowOptions('a').webPreferences).not.toBe(windowOptions('a').webPreferences);
  });
});

describe('CSP', () => {
  it('is the strict policy', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'; frame-src 'none'; worker-src 'self'",
    );
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('loosens only script-src and connect-src for the dev server', () => {
    const dev = devCsp('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
    expect(dev).not.toContain('unsafe-eval');
  });

  it('replaces any CSP header of a response, whatever its case', () => {
    const headers = withCspHeader(
      { 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html', 'X-A': ['1', '2'] },
      CSP,
    );
    expect(headers).toEqual({
      'Content-Security-Policy': [CSP],
      'Content-Type': ['text/html'],
      'X-A': ['1', '2'],
    });
    expect(withCspHeader(undefined, CSP)).toEqual({ 'Content-Security-Policy': [CSP] });
  });
});

describe('hardenSession', () => {
  function fakeSession(withDeviceHandler = true) {
    return {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      ...(withDeviceHandler ? { setDevicePermissionHandler: vi.fn() } : {}),
      webRequest: { onHeadersReceived: vi.fn() },
    };
  }

  it('denies every permission request', () => {
    const s = fakeSession();
    hardenSession(s as never);
    const handler = s.setPermissionRequestHandler.mock.calls[0]![0];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      const callback = vi.fn();
      handler({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission check and device request with false', () => {
    const s = fakeSession();
    hardenSession(s as never);
    const check = s.setPermissionCheckHandler.mock.calls[0]![0];
    for (const permission of ['media', 'hid', 'serial', 'usb', 'fullscreen']) {
      expect(check(null, permission, 'app://shopdesk', {})).toBe(false);
    }
    const device = s.setDevicePermissionHandler!.mock.calls[0]![0];
    expect(device({ deviceType: 'usb', origin: 'app://shopdesk', device: {} })).toBe(false);
  });

  it('works where setDevicePermissionHandler does not exist', () => {
    const s = fakeSession(false);
    expect(() => hardenSession(s as never)).not.toThrow();
    expect(s.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
  });

  it('adds the CSP to every response through webRequest', () => {
    const s = fakeSession();
    hardenSession(s as never);
    const listener = s.webRequest.onHeadersReceived.mock.calls[0]![0];
    const callback = vi.fn();
    listener(
      { url: 'http://localhost:5173/', responseHeaders: { 'Content-Security-Policy': ['x'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CSP] } });
  });

  it('can be given the dev CSP', () => {
    const s = fakeSession();
    const csp = devCsp('http://localhost:5173');
    hardenSession(s as never, { csp });
    const callback = vi.fn();
    s.webRequest.onHeadersReceived.mock.calls[0]![0]({ responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [csp] } });
  });
});

describe('hardenWebContents', () => {
  type Listener = (...args: unknown[]) => void;
  function setup(origins = trustedOrigins({ isPackaged: true })) {
    const listeners = new Map<string, Listener[]>();
    const contents = {
      on: vi.fn((name: string, l: Listener) => {
        listeners.set(name, [...(listeners.get(name) ?? []), l]);
        return contents;
      }),
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as never, { isAllowedUrl: allowOrigins(origins, originOf) });
    /** Emit like Electron 39: an Event carrying `url` (and the deprecated positional url). */
    const emit = (name: string, details: Record<string, unknown> = {}) => {
      const event = { preventDefault: vi.fn(), ...details };
      for (const l of listeners.get(name) ?? []) l(event, details.url, false, details.isMainFrame ?? true);
      return event.preventDefault;
    };
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    return { contents, listeners, emit, openHandler };
  }

  it('listens to every navigation-related event', () => {
    const { listeners, contents } = setup();
    expect([...listeners.keys()].sort()).toEqual(
      ['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect'].sort(),
    );
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://shopdesk.evil/',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
  ])('denies will-navigate to %s', (url) => {
    expect(setup().emit('will-navigate', { url })).toHaveBeenCalled();
  });

  it('allows will-navigate within our own origin', () => {
    const { emit } = setup();
    expect(emit('will-navigate', { url: 'app://shopdesk/index.html' })).not.toHaveBeenCalled();
    expect(emit('will-navigate', { url: 'app://shopdesk/index.html#/warehouse' })).not.toHaveBeenCalled();
  });

  it('allows the dev server only when it is trusted', () => {
    const dev = setup(trustedOrigins({ isPackaged: false, rendererUrl: 'http://localhost:5173' }));
    expect(dev.emit('will-navigate', { url: 'http://localhost:5173/' })).not.toHaveBeenCalled();
    expect(dev.emit('will-navigate', { url: 'http://localhost:5174/' })).toHaveBeenCalled();
  });

  it('denies will-redirect away from our origin', () => {
    const { emit } = setup();
    expect(emit('will-redirect', { url: 'https://evil.example/' })).toHaveBeenCalled();
    expect(emit('will-redirect', { url: 'app://shopdesk/index.html' })).not.toHaveBeenCalled();
  });

  it('denies will-frame-navigate for subframes, even to our origin', () => {
    const { emit } = setup();
    expect(
      emit('will-frame-navigate', { url: 'app://shopdesk/index.html', isMainFrame: false }),
    ).toHaveBeenCalled();
    expect(
      emit('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: true }),
    ).toHaveBeenCalled();
    expect(
      emit('will-frame-navigate', { url: 'app://shopdesk/index.html', isMainFrame: true }),
    ).not.toHaveBeenCalled();
  });

  it('denies will-attach-webview', () => {
    const { emit } = setup();
    expect(emit('will-attach-webview', { url: 'app://shopdesk/index.html' })).toHaveBeenCalled();
  });

  it('denies every new window and opens only a safe https URL externally', () => {
    const { openHandler } = setup();
    expect(openHandler({ url: 'https://item.taobao.com/item.htm?id=1' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://item.taobao.com/item.htm?id=1');

    shell.openExternal.mockClear();
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'ms-msdt:/id PCWDiagnostic',
      'smb://fileserver/share',
      'https://user:pass@evil.example/',
      'app://shopdesk/index.html',
      'about:blank',
      '',
    ]) {
      expect(openHandler({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('treats a throwing isAllowedUrl as "not allowed"', () => {
    const listeners = new Map<string, (...a: unknown[]) => void>();
    const contents = {
      on: (n: string, l: (...a: unknown[]) => void) => listeners.set(n, l),
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as never, {
      isAllowedUrl: () => {
        throw new Error('boom');
      },
    });
    const event = { url: 'app://shopdesk/', preventDefault: vi.fn() };
    listeners.get('will-navigate')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('index.ts lifecycle (Electron mocked)', () => {
  const srcMain = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src-main');

  async function loadMain(opts: { isPackaged?: boolean; rendererUrl?: string; gotLock?: boolean } = {}) {
    vi.resetModules();
    vi.clearAllMocks();
    fake.appListeners.clear();
    fake.windows.length = 0;
    fake.app.isPackaged = opts.isPackaged ?? true;
    fake.app.gotLock = opts.gotLock ?? true;
    db.openStore.mockImplementation(() => db.store);
    vi.stubEnv('ELECTRON_RENDERER_URL', opts.rendererUrl ?? '');
    vi.stubEnv('SHOPDESK_DATA_DIR', '/srv/shop-data');
    vi.stubEnv('SHOPDESK_NATIVE_BINDING', '');
    await import('../../src-main/index');
    await new Promise((r) => setTimeout(r, 0));
    vi.unstubAllEnvs();
  }

  it('quits at once when another instance holds the lock', async () => {
    await loadMain({ gotLock: false });
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
  });

  it('registers the scheme before ready and hardens the session before opening a window', async () => {
    await loadMain();
    const registered = fake.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!;
    const ready = fake.app.whenReady.mock.invocationCallOrder[0]!;
    expect(registered).toBeLessThan(ready);
    expect(fake.protocol.registerSchemesAsPrivileged.mock.calls[0]![0][0].scheme).toBe('app');
    expect(fake.defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(fake.defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    const onHeaders = fake.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0];
    const cb = vi.fn();
    onHeaders({ responseHeaders: {} }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CSP] } });
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('removes the menu and closes developer tools in the packaged app only', async () => {
    await loadMain({ isPackaged: true });
    const win = fake.windows.at(-1)!;
    expect(win.removeMenu).toHaveBeenCalledTimes(1);
    const [event, handler] = win.webContents.on.mock.calls.find((c) => c[0] === 'devtools-opened')!;
    expect(event).toBe('devtools-opened');
    (handler as () => void)();
    expect(win.webContents.closeDevTools).toHaveBeenCalledTimes(1);

    await loadMain({ isPackaged: false });
    const devWin = fake.windows.at(-1)!;
    expect(devWin).not.toBe(win);
    expect(devWin.removeMenu).not.toHaveBeenCalled();
  });

  it('keeps its data in an ASCII-named user-data folder, set before ready', async () => {
    await loadMain();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', path.join('/fake/appData', 'ShopDesk'));
    expect(fake.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(
      fake.app.whenReady.mock.invocationCallOrder[0]!,
    );
  });

  it('opens the store in the data dir, then the router, IPC and a hardened window on app://', async () => {
    await loadMain();
    expect(db.openStore).toHaveBeenCalledExactlyOnceWith({ dataDir: path.resolve('/srv/shop-data') });
    expect(routing.createRouter).toHaveBeenCalledTimes(1);
    const routerOpts = routing.createRouter.mock.calls[0]![0] as {
      store: unknown;
      host: { appVersion: string };
    };
    expect(routerOpts.store).toBe(db.store);
    expect(routerOpts.host.appVersion).toBe('0.1.0');
    // The API channel, and the preload's report of a real drag-and-drop (library import).
    expect(fake.ipcMain.handle.mock.calls.map((c: unknown[]) => c[0])).toEqual([
      'shopdesk:call',
      'shopdesk:drop',
    ]);
    expect(fake.ipcMain.handle).toHaveBeenCalledWith('shopdesk:call', expect.any(Function));
    expect(fake.ipcMain.handle).toHaveBeenCalledWith('shopdesk:drop', expect.any(Function));

    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options).toEqual(windowOptions(path.join(srcMain, '../preload/index.cjs')));
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://shopdesk/index.html');
    expect(win.show).not.toHaveBeenCalled();
    win.listeners.get('ready-to-show')!();
    expect(win.show).toHaveBeenCalled();
  });

  it('hardens every webContents created', async () => {
    await loadMain();
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    fake.emitApp('web-contents-created', {}, contents);
    expect(contents.on.mock.calls.map((c) => c[0])).toContain('will-navigate');
    const open = contents.setWindowOpenHandler.mock.calls[0]![0] as (d: { url: string }) => unknown;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('the IPC handler refuses a foreign sender and passes our window to the router', async () => {
    await loadMain();
    const handler = fake.ipcMain.handle.mock.calls[0]![1] as (
      e: unknown,
      ...a: unknown[]
    ) => Promise<unknown>;
    const evil = { sender: { id: 5 }, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await handler(evil, 'auth.session', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    routing.router.call.mockResolvedValueOnce({ ok: true, data: 1 });
    const ours = { sender: { id: 5 }, senderFrame: { url: 'app://shopdesk/index.html', parent: null } };
    expect(await handler(ours, 'auth.session', {})).toEqual({ ok: true, data: 1 });
    expect(routing.router.call).toHaveBeenCalledExactlyOnceWith('5', 'auth.session', {});
  });

  it('asks where to save with the system dialog, in Documents', async () => {
    await loadMain();
    const host = (routing.createRouter.mock.calls[0]![0] as { host: Host }).host;
    const out = await host.chooseSavePath({
      defaultName: '商品.csv',
      filterName: 'CSV',
      extensions: ['csv'],
    });
    expect(out).toBe('/fake/documents/x.csv');
    expect(fake.dialog.showSaveDialog).toHaveBeenCalledExactlyOnceWith(fake.windows[0], {
      defaultPath: path.join('/fake/documents', '商品.csv'),
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    });
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(
      await host.chooseSavePath({ defaultName: 'a.csv', filterName: 'CSV', extensions: ['csv'] }),
    ).toBeNull();
  });

  it('drops the client on close, quits with the last window, closes the store on will-quit', async () => {
    await loadMain();
    const win = fake.windows[0]!;
    win.listeners.get('closed')!();
    expect(routing.router.dropClient).toHaveBeenCalledExactlyOnceWith('5');
    fake.emitApp('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    fake.emitApp('will-quit');
    expect(db.store.close).toHaveBeenCalledTimes(1);
  });

  it('restores and focuses the window on a second launch', async () => {
    await loadMain();
    fake.emitApp('second-instance');
    const win = fake.windows[0]!;
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('loads the dev server only when unpackaged', async () => {
    await loadMain({ isPackaged: false, rendererUrl: 'http://localhost:5173' });
    expect(fake.windows[0]!.loadURL).toHaveBeenCalledWith('http://localhost:5173');
    const onHeaders = fake.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0];
    const cb = vi.fn();
    onHeaders({ responseHeaders: {} }, cb);
    expect(cb).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [devCsp('http://localhost:5173')] },
    });

    await loadMain({ isPackaged: true, rendererUrl: 'http://localhost:5173' });
    expect(fake.windows[0]!.loadURL).toHaveBeenCalledWith('app://shopdesk/index.html');
  });

  it('shows a bilingual error and quits when the database is newer than the app', async () => {
    db.openStore.mockImplementation(() => {
      throw new db.DatabaseTooNewError(9, 3);
    });
    vi.resetModules();
    vi.clearAllMocks();
    fake.appListeners.clear();
    fake.windows.length = 0;
    fake.app.isPackaged = true;
    fake.app.gotLock = true;
    await import('../../src-main/index');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, text] = fake.dialog.showErrorBox.mock.calls[0]! as [string, string];
    expect(title).toMatch(/数据库/);
    expect(title).toMatch(/Database/);
    expect(text).toContain('9');
    expect(text).toContain('3');
    expect(text).toMatch(/升级/);
    expect(text).toMatch(/update/i);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcMain.handle).not.toHaveBeenCalled();
  });
});
