// Drag and drop import, main side: the drop registry (what main records from the preload's
// trusted drop events), the IPC handler that records them only from our own window, and
// art.libraryImport { mode: 'drop' } importing a dropped folder tree through the real import path
// — and refusing when nothing was dropped on this window (the renderer can never name a path).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport, LibraryImageRow } from '../../src-main/api/contract-art';
import type { Paged } from '../../src-main/api/contract';
import { DROP_TTL_MS, DropRegistry, MAX_DROP_PATHS } from '../../src-main/modules/art/drops';
import { thumbPath } from '../../src-main/modules/art/files';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { fingerprint, makeApp, tempDir, type TestApp } from './helpers';

// ipc.ts → protocol.ts → security.ts imports `shell`; Electron cannot load here.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => undefined) } }));
const { IPC_DROP, registerIpc, senderCheck } = await import('../../src-main/ipc');
const { trustedOrigins } = await import('../../src-main/protocol');

const C = '00000000-0000-4000-8000-0000000000d1';
const OTHER = '00000000-0000-4000-8000-0000000000d2';
let app: TestApp | undefined;
afterEach(async () => {
  if (app) await thumbsIdle(app.store);
  app?.close();
  app = undefined;
});

async function photo(file: string, seed: number): Promise<string> {
  const w = 64;
  const raw = Buffer.alloc(w * w * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 31 + seed * 97) % 251;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp(raw, { raw: { width: w, height: w, channels: 3 } })
    .jpeg()
    .toFile(file);
  return file;
}

describe('DropRegistry', () => {
  it('keeps one drop per client, taken once', () => {
    const d = new DropRegistry();
    expect(d.record('a', ['/x/1.jpg', '/x/1.jpg', '/x/dir'])).toBe(2);
    expect(d.take('b')).toBeNull();
    expect(d.take('a')).toEqual(['/x/1.jpg', '/x/dir']);
    expect(d.take('a')).toBeNull();
    d.record('a', ['/x/1.jpg']);
    d.record('a', ['/y/2.jpg']);
    expect(d.take('a')).toEqual(['/y/2.jpg']);
    d.record('a', ['/x/1.jpg']);
    d.forget('a');
    expect(d.take('a')).toBeNull();
  });

  it('expires a drop that was not imported soon after', () => {
    let now = 1_000_000;
    const d = new DropRegistry(() => now);
    d.record('a', ['/x/1.jpg']);
    now += DROP_TTL_MS + 1;
    expect(d.take('a')).toBeNull();
  });

  it.each<[string, unknown]>([
    ['not a list', '/etc/passwd'],
    ['an empty list', []],
    ['a relative path', ['images/1.jpg']],
    ['a traversal without a root', ['../../etc/passwd']],
    ['a non-string', [42]],
    ['a NUL byte', ['/x/a\0.jpg']],
    ['too many paths', Array.from({ length: MAX_DROP_PATHS + 1 }, (_, i) => `/x/${i}.jpg`)],
  ])('refuses %s as a whole', (_label, paths) => {
    const d = new DropRegistry();
    expect(d.record('a', ['/ok.jpg'])).toBe(1);
    expect(d.record('a', paths)).toBe(0);
    // The earlier, valid drop is untouched by a refused one.
    expect(d.take('a')).toEqual(['/ok.jpg']);
  });
});

describe('the IPC drop handler', () => {
  function setup() {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: vi.fn(
        (ch: string, h: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(ch, h),
      ),
      removeHandler: vi.fn((ch: string) => void handlers.delete(ch)),
    };
    const drops = new DropRegistry();
    const unregister = registerIpc({
      ipcMain: ipcMain as never,
      router: { call: vi.fn() },
      isTrustedSender: senderCheck(trustedOrigins({ isPackaged: true })),
      logError: () => {},
      onDrop: (clientId, paths) => drops.record(clientId, paths),
    });
    return { handlers, drops, unregister, ipcMain };
  }
  const frame = (url = 'app://shopdesk/index.html', parent: unknown = null) => ({ url, parent });

  it("records a drop from our window's main frame under that window's client id", () => {
    const s = setup();
    expect(IPC_DROP).toBe('shopdesk:drop');
    const h = s.handlers.get(IPC_DROP)!;
    expect(h({ sender: { id: 9 }, senderFrame: frame() }, ['/home/me/拍摄'])).toBe(1);
    expect(s.drops.take('8')).toBeNull();
    expect(s.drops.take('9')).toEqual(['/home/me/拍摄']);
    s.unregister();
    expect(s.ipcMain.removeHandler).toHaveBeenCalledWith(IPC_DROP);
  });

  it.each<[string, unknown]>([
    ['a foreign origin', frame('https://evil.example/')],
    ['a subframe', frame('app://shopdesk/index.html', frame())],
    ['no frame', null],
  ])('records nothing from %s', (_label, senderFrame) => {
    const s = setup();
    expect(s.handlers.get(IPC_DROP)!({ sender: { id: 9 }, senderFrame }, ['/etc'])).toBe(0);
    expect(s.drops.take('9')).toBeNull();
  });
});

describe("art.libraryImport { mode: 'drop' }", () => {
  it('imports a dropped folder tree and a loose file, with thumbnails', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'art_agent');
    const src = tempDir('shopdesk-drop-');
    const shoot = path.join(src, '春季拍摄');
    await photo(path.join(shoot, '主图', 'a.jpg'), 1);
    await photo(path.join(shoot, '细节', 'b.jpg'), 2);
    await photo(path.join(shoot, '细节', '更多', 'c.jpg'), 3);
    fs.writeFileSync(path.join(shoot, '说明.txt'), '不是图片');
    const loose = await photo(path.join(src, 'loose.jpg'), 4);

    app.drops.record(C, [shoot, loose]);
    const rep = await app.ok<ImportReport>(C, 'art.libraryImport', { mode: 'drop' });
    expect(rep.cancelled).toBe(false);
    expect(rep.imported.map((x) => x.fileName).sort()).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'loose.jpg']);
    expect(rep.errors).toEqual([{ fileName: '说明.txt', key: 'notImage' }]);
    await thumbsIdle(app.store);
    const page = await app.ok<Paged<LibraryImageRow>>(C, 'art.libraryList', { filter: {} });
    expect(page.total).toBe(4);
    expect(page.rows.find((r) => r.fileName === 'c.jpg')?.folder).toBe('春季拍摄/细节/更多');
    for (const r of page.rows) {
      expect(r.thumb).toBe('done');
      const sha = r.thumbUrl.slice(r.thumbUrl.lastIndexOf('/') + 1, -5);
      expect(fs.existsSync(thumbPath(app.dir, sha))).toBe(true);
    }
    // The drop is used up: importing it again needs a new drop.
    const again = await app.call(C, 'art.libraryImport', { mode: 'drop' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'noDrop' } });
  });

  it('refuses when nothing was dropped on this window, and never takes a path from the renderer', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'art_agent');
    await app.signInAs(OTHER, 'art_agent');
    const src = tempDir('shopdesk-drop-');
    const f = await photo(path.join(src, 'x.jpg'), 5);
    const before = fingerprint(app.store);

    expect(await app.call(C, 'art.libraryImport', { mode: 'drop' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'noDrop' },
    });
    // Dropped on another window: not this client's to import.
    app.drops.record(OTHER, [f]);
    expect(await app.call(C, 'art.libraryImport', { mode: 'drop' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'noDrop' },
    });
    // A path in the input is refused by the schema (strict), whatever the mode.
    expect(await app.call(C, 'art.libraryImport', { mode: 'drop', paths: [f] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(fingerprint(app.store)).toEqual(before);
    // The other window's drop is still there for it.
    const rep = await app.ok<ImportReport>(OTHER, 'art.libraryImport', { mode: 'drop' });
    expect(rep.imported).toHaveLength(1);
  });

  it('is refused to roles without art.library', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'cs_agent');
    app.drops.record(C, ['/tmp']);
    expect(await app.call(C, 'art.libraryImport', { mode: 'drop' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
