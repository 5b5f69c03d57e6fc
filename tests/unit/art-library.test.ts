// The image library against a real store and real files: imports of JPEG, PNG, WebP and a folder
// tree (images made with sharp), duplicates by content, per-file errors, originals unchanged,
// thumbnails, the version chain, tags and SKU links, trash/restore, rules, exports, and the path
// checks (nothing outside the store or a dialog-chosen folder is read or written).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport, LibraryImage, LibraryImageRow } from '../../src-main/api/contract-art';
import type { Paged } from '../../src-main/api/contract';
import { objectPath, resolveLibraryPath, safeFileName, thumbPath } from '../../src-main/modules/art/files';
import { exportNames } from '../../src-main/modules/art/library';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { appRequestHandler } from '../../src-main/protocol';
import { changeLogRows, fingerprint, makeApp, sampleProduct, tempDir, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000a1';
let app: TestApp;
afterEach(async () => {
  if (app) await thumbsIdle(app.store);
  app?.close();
});

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A photo-like image (noise over a gradient) so that every file's content differs. */
async function image(
  file: string,
  opts: { w: number; h: number; format: 'jpeg' | 'png' | 'webp'; seed: number; exifDate?: string },
): Promise<string> {
  const raw = Buffer.alloc(opts.w * opts.h * 3);
  let x = opts.seed * 7919 + 1;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = (i % 3 === 0 ? (i / 3) % opts.w : 0) + (x % 64);
  }
  let img = sharp(raw, { raw: { width: opts.w, height: opts.h, channels: 3 } });
  if (opts.exifDate)
    img = img.withExif({ IFD0: { Make: 'Test' }, IFD2: { DateTimeOriginal: opts.exifDate } });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await img.toFormat(opts.format).toFile(file);
  return file;
}

async function setup(): Promise<{ src: string }> {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'art_agent');
  return { src: tempDir('shopdesk-art-src-') };
}

async function importPaths(paths: string[]): Promise<ImportReport> {
  app.pickPaths = paths;
  return app.ok<ImportReport>(C, 'art.libraryImport', { mode: 'files' });
}

const list = (filter: Record<string, unknown> = {}) =>
  app.ok<Paged<LibraryImageRow>>(C, 'art.libraryList', { filter });

describe('import', () => {
  it('imports JPEG, PNG and WebP byte-for-byte with metadata, EXIF time and thumbnails', async () => {
    const { src } = await setup();
    const jpg = await image(path.join(src, '白色T恤-正面.jpg'), {
      w: 900,
      h: 900,
      format: 'jpeg',
      seed: 1,
      exifDate: '2026:11:20 10:05:00',
    });
    const png = await image(path.join(src, 'detail.png'), { w: 400, h: 300, format: 'png', seed: 2 });
    const webp = await image(path.join(src, 'banner.webp'), { w: 640, h: 200, format: 'webp', seed: 3 });
    const before = [jpg, png, webp].map(sha);

    const r = await importPaths([jpg, png, webp]);
    expect(r.errors).toEqual([]);
    expect(r.duplicates).toEqual([]);
    expect(r.imported.map((i) => i.fileName)).toEqual(['白色T恤-正面.jpg', 'detail.png', 'banner.webp']);

    // Originals untouched, and the stored copies are byte-identical.
    expect([jpg, png, webp].map(sha)).toEqual(before);
    for (const [i, h] of before.entries()) {
      const ext = ['jpg', 'png', 'webp'][i]!;
      expect(sha(objectPath(app.dir, h, ext))).toBe(h);
    }

    const page = await list();
    expect(page.total).toBe(3);
    const byName = Object.fromEntries(page.rows.map((x) => [x.fileName, x]));
    expect(byName['白色T恤-正面.jpg']).toMatchObject({
      width: 900,
      height: 900,
      format: 'jpeg',
      status: 'pending',
    });
    // 10:05 in Asia/Shanghai is 02:05 UTC.
    expect(byName['白色T恤-正面.jpg']!.takenAt).toBe('2026-11-20T02:05:00.000Z');
    expect(byName['detail.png']).toMatchObject({ width: 400, height: 300, format: 'png', takenAt: null });
    expect(byName['banner.webp']).toMatchObject({ width: 640, height: 200, format: 'webp' });
    expect(byName['detail.png']!.bytes).toBe(fs.statSync(png).size);

    // Thumbnails in the background, visible as progress.
    await thumbsIdle(app.store);
    expect(await app.ok(C, 'art.libraryThumbs')).toEqual({ pending: 0, failed: 0 });
    for (const h of before) {
      const meta = await sharp(thumbPath(app.dir, h)).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    }
    expect((await list()).rows.every((x) => x.thumb === 'done')).toBe(true);
    expect(
      changeLogRows(app.store, { entity: 'library_image' }).filter((e) => e.op === 'create'),
    ).toHaveLength(3);
  });

  it('imports a folder tree, reports duplicates by content, and gives per-file errors while the rest import', async () => {
    const { src } = await setup();
    const root = path.join(src, '夏装拍摄');
    const a = await image(path.join(root, '模特', 'a.jpg'), { w: 300, h: 400, format: 'jpeg', seed: 4 });
    await image(path.join(root, '细节', '领口.png'), { w: 200, h: 200, format: 'png', seed: 5 });
    fs.copyFileSync(a, path.join(root, '细节', 'a-copy.jpg')); // same bytes, other name
    fs.writeFileSync(path.join(root, '说明.txt'), '拍摄说明');
    fs.writeFileSync(
      path.join(root, '坏图.jpg'),
      Buffer.from('\xff\xd8\xff\xe0 this is not really a jpeg', 'latin1'),
    );
    fs.writeFileSync(path.join(root, '.DS_Store'), 'hidden');

    app.pickPaths = [root];
    const r = await app.ok<ImportReport>(C, 'art.libraryImport', { mode: 'folder' });
    expect(r.imported.map((i) => i.fileName).sort()).toEqual(['a.jpg', '领口.png']);
    expect(r.duplicates).toEqual([
      expect.objectContaining({ fileName: 'a-copy.jpg', existingName: 'a.jpg', trashed: false }),
    ]);
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { fileName: '说明.txt', key: 'notImage' },
        { fileName: '坏图.jpg', key: 'corrupt' },
      ]),
    );
    expect(r.errors).toHaveLength(2);
    const rows = (await list()).rows;
    expect(rows.map((x) => x.folder).sort()).toEqual(['夏装拍摄/模特', '夏装拍摄/细节']);
    // Search by folder or file name.
    expect((await list({ q: '模特' })).rows.map((x) => x.fileName)).toEqual(['a.jpg']);
    expect((await list({ q: '领口' })).total).toBe(1);

    // Importing the same folder again: all duplicates, nothing new.
    const again = await app.ok<ImportReport>(C, 'art.libraryImport', { mode: 'folder' });
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(3);
    expect((await list()).total).toBe(2);
  });

  it('marks an image whose header reads but whose data is truncated as a failed thumbnail', async () => {
    const { src } = await setup();
    const good = await image(path.join(src, 'full.jpg'), { w: 500, h: 500, format: 'jpeg', seed: 6 });
    const bytes = fs.readFileSync(good);
    const cut = path.join(src, 'cut.jpg');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const r = await importPaths([cut]);
    expect(r.imported).toHaveLength(1);
    await thumbsIdle(app.store);
    expect(await app.ok(C, 'art.libraryThumbs')).toEqual({ pending: 0, failed: 1 });
    expect((await list()).rows[0]!.thumb).toBe('failed');
  });

  it('a cancelled dialog imports nothing', async () => {
    await setup();
    const before = fingerprint(app.store);
    app.pickPaths = null;
    expect(await app.ok(C, 'art.libraryImport', { mode: 'files' })).toMatchObject({ cancelled: true });
    expect(fingerprint(app.store)).toBe(before);
  });
});

describe('editing', () => {
  async function three(): Promise<{ ids: string[]; skuIds: string[] }> {
    const { src } = await setup();
    const files = [
      await image(path.join(src, 'main-1.jpg'), { w: 800, h: 800, format: 'jpeg', seed: 10 }),
      await image(path.join(src, 'main-2.jpg'), { w: 800, h: 600, format: 'jpeg', seed: 11 }),
      await image(path.join(src, 'detail-3.png'), { w: 300, h: 300, format: 'png', seed: 12 }),
    ];
    const r = await importPaths(files);
    await app.signInAs(M, 'manager');
    const p = await app.ok<{ skus: { id: string }[] }>(M, 'catalog.create', sampleProduct());
    return { ids: r.imported.map((x) => x.id), skuIds: p.skus.map((s) => s.id) };
  }
  const M = '00000000-0000-4000-8000-0000000000a2';

  it('bulk-tags with hierarchical tags, links SKUs, filters by tag (with sub-tags), SKU, use and status', async () => {
    const { ids, skuIds } = await three();
    await app.ok(C, 'art.libraryUpdate', {
      ids: ids.slice(0, 2),
      addTags: ['夏装/连衣裙', ' 夏装 / 新品 '],
      use: 'main',
    });
    await app.ok(C, 'art.libraryUpdate', { ids: [ids[2]], addTags: ['秋装'], use: 'detail', status: 'used' });
    await app.ok(C, 'art.libraryUpdate', { ids: [ids[0]], addSkuIds: [skuIds[0]] });

    const tags = await app.ok<{ path: string; count: number }[]>(C, 'art.libraryTags');
    expect(tags).toEqual([
      { path: '夏装/新品', count: 2 },
      { path: '夏装/连衣裙', count: 2 },
      { path: '秋装', count: 1 },
    ]);
    expect((await list({ tag: '夏装' })).total).toBe(2);
    expect((await list({ tag: '夏装/连衣裙' })).total).toBe(2);
    expect((await list({ tag: '夏' })).total).toBe(0); // a prefix of a name is not a parent tag
    expect((await list({ skuId: skuIds[0] })).rows.map((x) => x.id)).toEqual([ids[0]]);
    expect((await list({ use: 'detail' })).rows.map((x) => x.id)).toEqual([ids[2]]);
    expect((await list({ status: 'used' })).total).toBe(1);
    expect((await list({ use: 'none' })).total).toBe(0);
    const row = (await list({ skuId: skuIds[0] })).rows[0]!;
    expect(row.skuCodes).toEqual(['TX001-WH-L']);
    expect(row.tags).toEqual(['夏装/新品', '夏装/连衣裙']);

    // Remove a tag; every change is in the change log with from/to.
    await app.ok(C, 'art.libraryUpdate', { ids: [ids[0]], removeTags: ['夏装/新品'] });
    expect((await list({ tag: '夏装/新品' })).total).toBe(1);
    const last = changeLogRows(app.store, { entity: 'library_image' }).at(-1)!;
    expect(last.fields.tags).toEqual({ from: ['夏装/新品', '夏装/连衣裙'], to: ['夏装/连衣裙'] });
  });

  it('flags main images that break the rules; the rules are configurable', async () => {
    const { ids } = await three();
    await app.ok(C, 'art.libraryUpdate', { ids, use: 'main' });
    const flags = async () =>
      Object.fromEntries((await list()).rows.map((r) => [r.fileName, r.flags])) as Record<string, string[]>;
    expect(await flags()).toEqual({
      'main-1.jpg': [],
      'main-2.jpg': ['notSquare', 'tooSmall'],
      'detail-3.png': ['tooSmall'],
    });
    expect((await list({ flagged: true })).total).toBe(2);
    // Only a reviewer may change the rules.
    expect(
      await app.call(C, 'art.rulesSave', { mainSquare: false, mainMinSide: 200, mainMaxBytes: 3145728 }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const S = '00000000-0000-4000-8000-0000000000a3';
    await app.signInAs(S, 'art_supervisor');
    await app.ok(S, 'art.rulesSave', { mainSquare: false, mainMinSide: 200, mainMaxBytes: 3145728 });
    expect(await flags()).toEqual({ 'main-1.jpg': [], 'main-2.jpg': [], 'detail-3.png': [] });
    expect((await list({ flagged: true })).total).toBe(0);
    await app.ok(S, 'art.rulesSave', { mainSquare: true, mainMinSide: 800, mainMaxBytes: 1024 * 10 });
    expect((await flags())['main-1.jpg']).toEqual(['tooLarge']);
  });

  it('keeps a version chain original → retouched → final and refuses cycles and backwards stages', async () => {
    const { ids } = await three();
    const [o, r, f] = ids as [string, string, string];
    await app.ok(C, 'art.libraryUpdate', { ids: [r], parentId: o, stage: 'retouched' });
    await app.ok(C, 'art.libraryUpdate', { ids: [f], parentId: r, stage: 'final' });
    const detail = await app.ok<LibraryImage>(C, 'art.libraryGet', { id: r });
    expect(detail.chain.map((c) => [c.id, c.stage])).toEqual([
      [o, 'original'],
      [r, 'retouched'],
      [f, 'final'],
    ]);
    const before = fingerprint(app.store);
    const cycle = await app.call(C, 'art.libraryUpdate', { ids: [o], parentId: f, stage: 'final' });
    expect(cycle).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { parentId: { key: 'validation.versionCycle' } } },
    });
    const backwards = await app.call(C, 'art.libraryUpdate', { ids: [f], stage: 'retouched' });
    expect(backwards).toMatchObject({
      ok: false,
      error: { fields: { stage: { key: 'validation.stageAfterParent' } } },
    });
    const many = await app.call(C, 'art.libraryUpdate', { ids: [r, f], parentId: o });
    expect(many).toMatchObject({
      ok: false,
      error: { fields: { parentId: { key: 'validation.oneImageOnly' } } },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('moves images to the trash and restores them; a trashed duplicate is reported as such', async () => {
    const { ids } = await three();
    await app.ok(C, 'art.libraryUpdate', { ids: [ids[0]], addTags: ['夏装'] });
    await app.ok(C, 'art.libraryTrash', { ids: [ids[0], ids[1]], trashed: true });
    expect((await list()).total).toBe(1);
    expect((await list({ trash: true })).rows.map((r) => r.id).sort()).toEqual([ids[0], ids[1]].sort());
    expect((await app.ok<{ path: string; count: number }[]>(C, 'art.libraryTags'))[0]).toEqual({
      path: '夏装',
      count: 0,
    });
    // The file stays in the store while in the trash.
    const d = await app.ok<LibraryImage>(C, 'art.libraryGet', { id: ids[0] });
    expect(d.trashed).toBe(true);
    expect(fs.existsSync(objectPath(app.dir, d.sha256, 'jpg'))).toBe(true);
    // Importing the same content again names the trashed image.
    const again = await importPaths([objectPath(app.dir, d.sha256, 'jpg')]);
    expect(again.duplicates[0]).toMatchObject({ existingId: ids[0], trashed: true });
    // Editing a trashed image is refused; restoring brings it back.
    expect(await app.call(C, 'art.libraryUpdate', { ids: [ids[0]], use: 'main' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    await app.ok(C, 'art.libraryTrash', { ids: [ids[0]], trashed: false });
    expect((await list()).total).toBe(2);
    const ops = changeLogRows(app.store, { entity: 'library_image' }).map((e) => e.op);
    expect(ops.filter((o) => o === 'trash')).toHaveLength(2);
    expect(ops.filter((o) => o === 'restore')).toHaveLength(1);
  });
});

describe('exports and paths', () => {
  it('exports a selection to the chosen folder by the naming rule, converting to JPEG when asked', async () => {
    const { src } = await setup();
    const files = [
      await image(path.join(src, 'p1.jpg'), { w: 800, h: 800, format: 'jpeg', seed: 20 }),
      await image(path.join(src, 'p2.png'), { w: 800, h: 800, format: 'png', seed: 21 }),
      await image(path.join(src, 'p3.jpg'), { w: 800, h: 800, format: 'jpeg', seed: 22 }),
    ];
    const r = await importPaths(files);
    const ids = r.imported.map((x) => x.id);
    const M = '00000000-0000-4000-8000-0000000000a4';
    await app.signInAs(M, 'manager');
    const p = await app.ok<{ skus: { id: string; code: string }[] }>(M, 'catalog.create', sampleProduct());
    await app.ok(C, 'art.libraryUpdate', { ids: ids.slice(0, 2), addSkuIds: [p.skus[0]!.id], use: 'main' });
    const out = tempDir('shopdesk-art-out-');
    app.pickFolder = out;
    const res = await app.ok<{ cancelled: false; folder: string; files: string[] }>(
      C,
      'art.libraryExportFiles',
      {
        ids,
        pattern: '{商家编码}_主图_{序号}.jpg',
      },
    );
    expect(res.files).toEqual(['TX001-WH-L_主图_1.jpg', 'TX001-WH-L_主图_2.jpg', '未关联_主图_1.jpg']);
    expect(fs.readdirSync(out).sort()).toEqual([...res.files].sort());
    // A JPEG is copied byte-for-byte; the PNG was converted to a real JPEG.
    expect(sha(path.join(out, 'TX001-WH-L_主图_1.jpg'))).toBe(sha(files[0]!));
    expect((await sharp(path.join(out, 'TX001-WH-L_主图_2.jpg')).metadata()).format).toBe('jpeg');
    // Again into the same folder: nothing is overwritten.
    const again = await app.ok<{ files: string[] }>(C, 'art.libraryExportFiles', {
      ids: [ids[0]],
      pattern: '{商家编码}_主图_{序号}.jpg',
    });
    expect(again.files).toEqual(['TX001-WH-L_主图_1 (2).jpg']);
  });

  it('never writes outside the chosen folder, whatever the SKU code or pattern', () => {
    const names = exportNames(
      [{ fileName: 'a.jpg', ext: 'jpg', use: 'main', skuCode: '../../evil' }],
      '{商家编码}_{原文件名}',
      '2026-11-28',
    );
    expect(names[0]!.name).toBe('_.._evil_a.jpg');
    expect(names[0]!.name).not.toContain('/');
    expect(safeFileName('..\\..\\x')).toBe('_.._x');
    expect(safeFileName('CON')).toBe('_CON');
  });

  it('refuses patterns with path characters or unknown placeholders, and paths in the input', async () => {
    await setup();
    const id = '00000000-0000-4000-8000-00000000000f';
    const bad = await app.call(C, 'art.libraryExportFiles', { ids: [id], pattern: '../{商家编码}' });
    expect(bad).toMatchObject({
      ok: false,
      error: { fields: { pattern: { key: 'validation.fileNamePattern' } } },
    });
    const tok = await app.call(C, 'art.libraryExportFiles', { ids: [id], pattern: '{路径}' });
    expect(tok).toMatchObject({
      ok: false,
      error: { fields: { pattern: { key: 'validation.fileNameToken' } } },
    });
    const withPath = await app.call(C, 'art.libraryImport', { mode: 'files', paths: ['/etc/passwd'] });
    expect(withPath).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('serves only exact library URLs from the library folder', async () => {
    const { src } = await setup();
    const f = await image(path.join(src, 'x.jpg'), { w: 100, h: 100, format: 'jpeg', seed: 30 });
    const [row] = (await importPaths([f])).imported;
    await thumbsIdle(app.store);
    const d = await app.ok<LibraryImage>(C, 'art.libraryGet', { id: row!.id });
    const lib = path.join(app.dir, 'library');
    expect(resolveLibraryPath(lib, d.fileUrl)).toBe(objectPath(app.dir, d.sha256, 'jpg'));
    expect(resolveLibraryPath(lib, d.thumbUrl)).toBe(thumbPath(app.dir, d.sha256));
    for (const bad of [
      '/library/../shopdesk.sqlite',
      '/library/objects/../../shopdesk.sqlite',
      `/library/objects/00/${d.sha256}.jpg`, // wrong prefix folder
      `/library/thumbs/${d.sha256.slice(0, 2)}/${d.sha256}.jpg`, // thumbs are webp
      `/library/objects/${d.sha256.slice(0, 2)}/${d.sha256}.sqlite`,
      '/library/%2e%2e/shopdesk.sqlite',
    ])
      expect(resolveLibraryPath(lib, bad)).toBeNull();

    // Through the app:// handler: the image, and nothing else.
    const handler = appRequestHandler(tempDir(), { libraryDir: lib });
    const ok = await handler(new Request(`app://shopdesk${d.fileUrl}`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await ok.arrayBuffer()).equals(fs.readFileSync(f))).toBe(true);
    const no = await handler(new Request('app://shopdesk/library/objects/../../shopdesk.sqlite'));
    expect(no.status).toBe(404);
  });
});
