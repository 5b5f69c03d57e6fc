// Main-process lifecycle. Deliberately thin: the rules live in security.ts, protocol.ts, paths.ts
// and ipc.ts (all unit-tested); this file only wires them to Electron.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, webContents } from 'electron';
import { createRouter, type Router } from './api/router';
import type { Host } from './api/host';
import { DatabaseTooNewError, openStore, type Store } from './db/store';
import { makeEmitter, registerIpc, senderCheck } from './ipc';
import { resolveDataDir, resolveNativeBinding } from './paths';
import { libraryRoot } from './modules/art/files';
import { DropRegistry } from './modules/art/drops';
import {
  APP_ORIGIN,
  handleAppProtocol,
  originOf,
  registerSchemePrivileges,
  trustedOrigins,
} from './protocol';
import { allowOrigins, CSP, devCsp, hardenSession, hardenWebContents, windowOptions } from './security';

// ESM has no __dirname; this file is out/main/index.js.
const here = dirname(fileURLToPath(import.meta.url));

/** The electron-vite dev server, only when running unpackaged (`npm run dev`). */
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL || undefined : undefined;
const origins = trustedOrigins({ isPackaged: app.isPackaged, rendererUrl: devServerUrl });

let mainWindow: BrowserWindow | null = null;
let store: Store | null = null;
let router: Router | null = null;
/** Paths of files dropped onto a window (drag and drop import), per client. */
const drops = new DropRegistry();

if (!app.requestSingleInstanceLock()) {
  // Another ShopDesk is running on this PC (one SQLite writer); it gets focus via second-instance.
  app.quit();
} else {
  start();
}

function start(): void {
  // Before 'ready': the scheme must be privileged before any session exists.
  registerSchemePrivileges(protocol);
  if (process.platform === 'win32') app.setAppUserModelId('com.shopdesk.app');
  // An ASCII data folder (…/AppData/Roaming/ShopDesk) rather than one named after the Chinese
  // product name: safer for backup tools and support instructions.
  app.setPath('userData', join(app.getPath('appData'), 'ShopDesk'));

  const isAllowedUrl = allowOrigins(origins, originOf);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { isAllowedUrl }));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // A Windows/Linux shop app: closing the window ends the app on every platform.
  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', () => {
    try {
      store?.close();
    } catch (e) {
      console.error('[main] closing the database failed:', e);
    }
    store = null;
  });

  app
    .whenReady()
    .then(onReady)
    .catch((e: unknown) => fatal('启动失败 / ShopDesk failed to start', e));
}

function onReady(): void {
  hardenSession(session.defaultSession, { csp: devServerUrl ? devCsp(devServerUrl) : CSP });
  const dataDir = resolveDataDir({
    argv: process.argv,
    env: process.env,
    userDataPath: app.getPath('userData'),
  });
  // The image library's thumbnails and originals are served under app://shopdesk/library/….
  handleAppProtocol(protocol, join(here, '../renderer'), { libraryDir: libraryRoot(dataDir) });
  const nativeBinding = resolveNativeBinding({
    env: process.env,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    exists: existsSync,
  });
  try {
    store = openStore({ dataDir, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (e) {
    if (e instanceof DatabaseTooNewError) {
      dialog.showErrorBox(
        '数据库版本过新 / Database is newer than this app',
        `这个数据库由更新版本的店务台创建（结构版本 ${e.found}），本版本最多支持 ${e.supported}。请先升级店务台。\n` +
          `数据文件夹：${dataDir}\n\n` +
          `This database was written by a newer ShopDesk (schema ${e.found}); this version supports up to ${e.supported}. ` +
          `Please update ShopDesk.\nData folder: ${dataDir}`,
      );
      app.quit();
      return;
    }
    fatal(`无法打开数据库 / Cannot open the database\n${dataDir}`, e);
    return;
  }

  const host: Host = {
    appVersion: app.getVersion(),
    takeDroppedPaths: (clientId) => drops.take(clientId),
    async chooseSavePath({ defaultName, filterName, extensions }) {
      const options = {
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: filterName, extensions }],
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenPaths({ mode, filterName, extensions }) {
      const options: Electron.OpenDialogOptions =
        mode === 'folder'
          ? { properties: ['openDirectory'] }
          : { properties: ['openFile', 'multiSelections'], filters: [{ name: filterName, extensions }] };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || !result.filePaths.length ? null : result.filePaths;
    },
    async chooseFolder({ title }) {
      const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
    },
  };

  router = createRouter({
    store,
    host,
    emit: makeEmitter((clientId) => webContents.fromId(Number(clientId))),
  });
  registerIpc({
    ipcMain,
    router,
    isTrustedSender: senderCheck(origins),
    onDrop: (clientId, paths) => drops.record(clientId, paths),
  });

  createWindow();
}

function createWindow(): void {
  const win = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs')));
  mainWindow = win;
  // webContents is destroyed by the time 'closed' fires: keep its id for dropClient.
  const clientId = String(win.webContents.id);

  win.once('ready-to-show', () => win.show());
  if (app.isPackaged) {
    // Shop-floor PCs: no menu bar and no developer tools in the installed app.
    win.removeMenu();
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  win.on('closed', () => {
    router?.dropClient(clientId);
    drops.forget(clientId);
    if (mainWindow === win) mainWindow = null;
  });

  const url = devServerUrl ?? `${APP_ORIGIN}/index.html`;
  win.loadURL(url).catch((e: unknown) => console.error(`[main] loading ${url} failed:`, e));
}

function fatal(title: string, e: unknown): void {
  console.error(`[main] ${title}`, e);
  let detail = e instanceof Error ? e.message : String(e);
  if (/NODE_MODULE_VERSION|better_sqlite3\.node/.test(detail)) {
    // better-sqlite3 built for system Node, not Electron (see scripts/electron-native.mjs).
    detail += '\n\nRun `node scripts/electron-native.mjs` (npm start / npm run dev do this).';
  }
  dialog.showErrorBox(title, detail);
  app.quit();
}
