// The image library (图片库, §11.1 and §17): the only writer of library_image, library_tag,
// library_image_tag, library_image_sku and art_setting. Files are kept by content hash in the
// data folder (files.ts); identical content is stored once and reported as a duplicate.
//
// Paths: the renderer never sends one. Imports read only what the host's open dialog returned
// (files, or every file under the chosen folder); exports write only into the folder the host's
// folder dialog returned, under names made safe here (no separators, no "..").
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import type { z } from 'zod';
import type { ExportResult, Paged } from '../../api/contract';
import {
  DEFAULT_IMAGE_RULES,
  IMAGE_STAGES,
  imageRules,
  type exportFilesInput,
  type FilesExportResult,
  type ImageFlag,
  type ImageRules,
  type ImageStage,
  type ImageStatus,
  type ImageUse,
  type ImportReport,
  type LibraryImage,
  type LibraryImageRow,
  type libraryFilter,
  type libraryUpdateInput,
  type TaskStatus,
} from '../../api/contract-art';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { objectPath, objectUrl, safeFileName, thumbUrl, type LibraryExt } from './files';
import { libraryIndex, type IndexQuery } from './library-index';
import { kickThumbs } from './thumbs';
import { dayStartIso, exifToIso, localToday, zoneOffsetMinutes } from './time';

export type LibraryFilterData = z.output<typeof libraryFilter>;
export type LibraryUpdateData = z.output<typeof libraryUpdateInput>;
type Changes = Record<string, { from: unknown; to: unknown }>;

/** Files larger than this are refused (a camera RAW or a video, not a shop image). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** At most this many files per import (a whole folder tree). */
export const MAX_IMPORT_FILES = 20_000;
const FORMAT_EXT: Readonly<Record<string, LibraryExt>> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  tiff: 'tif',
  heif: 'avif',
};
/** Extensions that claim to be an image: such a file that cannot be read is "corrupt", not "not an image". */
const IMAGE_NAME = /\.(jpe?g|png|webp|gif|tiff?|avif|bmp|heic|heif)$/i;
export const OPEN_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif', 'tif', 'tiff', 'avif'];

/** Names of the uses in file names ({用途}); the UI has its own translated labels. */
const USE_NAME: Readonly<Record<ImageUse, string>> = {
  main: '主图',
  detail: '详情',
  sku: 'SKU图',
  promo: '促销',
  home: '首页',
  model: '模特',
  closeup: '细节',
};

// ---------------------------------------------------------------------------------------------
// Rules (configurable; defaults: main images square, ≥ 800×800, ≤ 3 MB)
// ---------------------------------------------------------------------------------------------
export function getRules(store: Store): ImageRules {
  const row = store.stmt<{ value: string }>(`SELECT value FROM art_setting WHERE key = 'imageRules'`).get();
  if (!row) return { ...DEFAULT_IMAGE_RULES };
  const parsed = imageRules.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : { ...DEFAULT_IMAGE_RULES };
}

export function saveRules(store: Store, by: string, rules: ImageRules): ImageRules {
  const before = getRules(store);
  const fields: Changes = {};
  for (const k of Object.keys(rules) as (keyof ImageRules)[])
    if (before[k] !== rules[k]) fields[k] = { from: before[k], to: rules[k] };
  if (!Object.keys(fields).length) return before;
  store
    .stmt(
      `INSERT INTO art_setting (key, value, updated_at, updated_by) VALUES ('imageRules', @value, @at, @by)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run({ value: JSON.stringify(rules), at: store.stamp(), by });
  store.log({
    staffId: by,
    entity: 'art_setting',
    rowId: 'imageRules',
    op: 'update',
    label: '图片规则',
    fields,
  });
  return rules;
}

export function flagsOf(
  img: { use: string; width: number; height: number; bytes: number },
  rules: ImageRules,
): ImageFlag[] {
  if (img.use !== 'main') return [];
  const flags: ImageFlag[] = [];
  if (rules.mainSquare && img.width !== img.height) flags.push('notSquare');
  if (Math.min(img.width, img.height) < rules.mainMinSide) flags.push('tooSmall');
  if (img.bytes > rules.mainMaxBytes) flags.push('tooLarge');
  return flags;
}

/** SQL for "breaks a rule" (same logic as flagsOf), with the rules as parameters. */
const FLAGGED_SQL = `(i.use = 'main' AND ((@square = 1 AND i.width <> i.height)
  OR min(i.width, i.height) < @minSide OR i.bytes > @maxBytes))`;

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------
interface ImageDb {
  id: string;
  sha256: string;
  ext: string;
  file_name: string;
  folder: string;
  bytes: number;
  width: number;
  height: number;
  format: string;
  taken_at: string | null;
  use: string;
  status: ImageStatus;
  stage: ImageStage;
  parent_id: string | null;
  note: string;
  thumb: 'pending' | 'done' | 'failed';
  imported_at: string;
  updated_at: string;
  deleted_at: string | null;
}

function toRow(r: ImageDb, rules: ImageRules, tags: string[], skuCodes: string[]): LibraryImageRow {
  return {
    id: r.id,
    fileName: r.file_name,
    folder: r.folder,
    bytes: r.bytes,
    width: r.width,
    height: r.height,
    format: r.format,
    takenAt: r.taken_at,
    use: (r.use || null) as ImageUse | null,
    status: r.status,
    stage: r.stage,
    parentId: r.parent_id,
    thumb: r.thumb,
    thumbUrl: thumbUrl(r.sha256),
    fileUrl: objectUrl(r.sha256, r.ext),
    flags: flagsOf(r, rules),
    importedAt: r.imported_at,
    trashed: r.deleted_at !== null,
    tags,
    skuCodes,
  };
}

/** Tags and SKU codes of a page of images, two indexed queries. */
function decorate(store: Store, rows: ImageDb[]): LibraryImageRow[] {
  const rules = getRules(store);
  const ids = JSON.stringify(rows.map((r) => r.id));
  const tags = new Map<string, string[]>();
  for (const t of store
    .stmt<{ image_id: string; path: string }>(
      `SELECT it.image_id, t.path FROM library_image_tag it JOIN library_tag t ON t.id = it.tag_id
       WHERE it.image_id IN (SELECT value FROM json_each(@ids)) ORDER BY t.path`,
    )
    .all({ ids }))
    (tags.get(t.image_id) ?? tags.set(t.image_id, []).get(t.image_id)!).push(t.path);
  const skus = new Map<string, string[]>();
  for (const s of store
    .stmt<{ image_id: string; code: string }>(
      `SELECT ls.image_id, s.code FROM library_image_sku ls JOIN sku s ON s.id = ls.sku_id
       WHERE ls.image_id IN (SELECT value FROM json_each(@ids)) ORDER BY s.code`,
    )
    .all({ ids }))
    (skus.get(s.image_id) ?? skus.set(s.image_id, []).get(s.image_id)!).push(s.code);
  return rows.map((r) => toRow(r, rules, tags.get(r.id) ?? [], skus.get(r.id) ?? []));
}

/** WHERE clause (fixed fragments only) and parameters for a library filter. */
export function librarySql(
  store: Store,
  f: LibraryFilterData,
): { where: string; params: Record<string, unknown> } {
  const tz = shopTimeZone(store);
  const rules = getRules(store);
  const parts = [f.trash ? 'i.deleted_at IS NOT NULL' : 'i.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (f.q) {
    parts.push(`instr(i.name_lower, @q) > 0`);
    params.q = f.q.toLowerCase();
  }
  if (f.use) {
    parts.push(`i.use = @use`);
    params.use = f.use === 'none' ? '' : f.use;
  }
  if (f.status) {
    parts.push(`i.status = @status`);
    params.status = f.status;
  }
  if (f.from) {
    parts.push(`i.imported_at >= @fromAt`);
    params.fromAt = dayStartIso(f.from, tz);
  }
  if (f.to) {
    parts.push(`i.imported_at < @toAt`);
    params.toAt = dayStartIso(f.to, tz, true);
  }
  if (f.tag) {
    // The tag and its sub-tags: 夏装 matches 夏装 and 夏装/… ('0' sorts right after '/').
    parts.push(`i.id IN (SELECT it.image_id FROM library_tag t JOIN library_image_tag it ON it.tag_id = t.id
      WHERE t.path = @tag OR (t.path >= @tagLo AND t.path < @tagHi))`);
    params.tag = f.tag;
    params.tagLo = `${f.tag}/`;
    params.tagHi = `${f.tag}0`;
  }
  if (f.skuId) {
    parts.push(`i.id IN (SELECT ls.image_id FROM library_image_sku ls WHERE ls.sku_id = @skuId)`);
    params.skuId = f.skuId;
  }
  if (f.flagged) {
    parts.push(FLAGGED_SQL);
    params.square = rules.mainSquare ? 1 : 0;
    params.minSide = rules.mainMinSide;
    params.maxBytes = rules.mainMaxBytes;
  }
  return { where: parts.join(' AND '), params };
}

/** True when the filter is the grid as it opens (nothing chosen; the library or the trash). */
function isPlain(f: LibraryFilterData): boolean {
  return !f.q && !f.tag && !f.skuId && !f.use && !f.status && !f.from && !f.to && !f.flagged;
}

/** The filter in the in-memory index's terms (the same meaning as librarySql). */
function indexQuery(store: Store, f: LibraryFilterData): IndexQuery {
  const tz = shopTimeZone(store);
  return {
    q: f.q,
    tagIds: f.tag
      ? store
          .stmt<{ id: string }>(
            `SELECT id FROM library_tag WHERE path = @tag OR (path >= @lo AND path < @hi)`,
          )
          .all({ tag: f.tag, lo: `${f.tag}/`, hi: `${f.tag}0` })
          .map((t) => t.id)
      : null,
    skuId: f.skuId ?? null,
    use: f.use ? (f.use === 'none' ? '' : f.use) : null,
    status: f.status ?? null,
    fromAt: f.from ? dayStartIso(f.from, tz) : null,
    toAt: f.to ? dayStartIso(f.to, tz, true) : null,
    flagged: f.flagged ? getRules(store) : null,
    trash: f.trash,
  };
}

/**
 * One page, newest import first. Only the page's rows are read (the grid pages as it scrolls).
 * Answered by the in-memory index (library-index.ts) once it is built; until then by SQL — the grid
 * as it opens and any search — while the index is built in the background, a chunk per event-loop
 * turn, so neither opening the library nor a search right after waits for the whole build.
 */
export function listImages(
  store: Store,
  input: { filter: LibraryFilterData; offset: number; limit: number },
): Paged<LibraryImageRow> {
  const index = libraryIndex(store);
  if (!index.ready) {
    void index.warm();
    return listImagesSql(store, input);
  }
  const { rowids, total } = index.query(indexQuery(store, input.filter), input.offset, input.limit);
  const rows = store
    .stmt<ImageDb>(
      `SELECT i.* FROM json_each(@rowids) j CROSS JOIN library_image i ON i.rowid = j.value ORDER BY j.key`,
    )
    .all({ rowids: JSON.stringify(rowids) });
  return { rows: decorate(store, rows), total };
}

/** The same page in plain SQL (the grid as it opens, before the index is built; tests compare). */
export function listImagesSql(
  store: Store,
  input: { filter: LibraryFilterData; offset: number; limit: number },
): Paged<LibraryImageRow> {
  const { where, params } = librarySql(store, input.filter);
  // The live images, a counter kept by triggers (library_live_count): counting them, even by the
  // smallest index, reads the whole index on a cold start.
  const plainTotal = () =>
    store.stmt<{ n: number }>(`SELECT images AS n FROM library_live_count WHERE id = 1`).get()!.n;
  const rows = store
    .stmt<ImageDb>(
      // The page's rowids from the index first (no row is read while skipping the offset).
      `SELECT i.* FROM library_image i WHERE i.rowid IN (SELECT i.rowid FROM library_image i WHERE ${where}
         ORDER BY i.imported_at DESC, i.rowid DESC LIMIT @limit OFFSET @offset)
       ORDER BY i.imported_at DESC, i.rowid DESC`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  const total =
    isPlain(input.filter) && !input.filter.trash
      ? plainTotal()
      : store.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM library_image i WHERE ${where}`).get(params)!.n;
  return { rows: decorate(store, rows), total };
}

/** Library rows (trashed ones included, marked) for these ids, in the given order. */
export function imageRowsByIds(store: Store, ids: string[]): LibraryImageRow[] {
  if (!ids.length) return [];
  const rows = store
    .stmt<ImageDb>(`SELECT i.* FROM json_each(@ids) j JOIN library_image i ON i.id = j.value ORDER BY j.key`)
    .all({ ids: JSON.stringify(ids) });
  return decorate(store, rows);
}

function imageRow(store: Store, id: string): ImageDb | undefined {
  return store.stmt<ImageDb>(`SELECT * FROM library_image WHERE id = ?`).get(id);
}

/** The root of an image's version chain (walking parents; bounded against bad data). */
function chainRoot(store: Store, id: string): string {
  let cur = id;
  for (let i = 0; i < 50; i++) {
    const p = store
      .stmt<{ parent_id: string | null }>(`SELECT parent_id FROM library_image WHERE id = ?`)
      .get(cur);
    if (!p?.parent_id) return cur;
    cur = p.parent_id;
  }
  return cur;
}

export function getImage(store: Store, id: string): LibraryImage {
  const r = imageRow(store, id);
  if (!r) throw notFound('image');
  const [row] = decorate(store, [r]);
  const root = chainRoot(store, id);
  const chain = store
    .stmt<{ id: string; file_name: string; stage: ImageStage; sha256: string; deleted_at: string | null }>(
      `WITH RECURSIVE c(id, depth) AS (SELECT @root, 0
         UNION ALL SELECT i.id, c.depth + 1 FROM c CROSS JOIN library_image i ON i.parent_id = c.id WHERE c.depth < 50)
       SELECT i.id, i.file_name, i.stage, i.sha256, i.deleted_at FROM c CROSS JOIN library_image i ON i.id = c.id
       ORDER BY c.depth, i.imported_at`,
    )
    .all({ root });
  const skus = store
    .stmt<{ id: string; code: string; title: string }>(
      `SELECT s.id, s.code, p.title FROM library_image_sku ls JOIN sku s ON s.id = ls.sku_id
       JOIN product p ON p.id = s.product_id WHERE ls.image_id = ? ORDER BY s.code`,
    )
    .all(id);
  const tasks = store
    .stmt<{ id: string; number: string; title: string; status: TaskStatus }>(
      `SELECT t.id, t.number, t.title, t.status FROM art_task_image ti JOIN art_task t ON t.id = ti.task_id
       WHERE ti.image_id = ? AND t.deleted_at IS NULL ORDER BY t.number`,
    )
    .all(id);
  return {
    ...row!,
    sha256: r.sha256,
    note: r.note,
    skus,
    chain: chain.map((c) => ({
      id: c.id,
      fileName: c.file_name,
      stage: c.stage,
      thumbUrl: thumbUrl(c.sha256),
      trashed: c.deleted_at !== null,
    })),
    tasks,
    version: r.updated_at,
  };
}

/** Every tag with its number of images not in the trash. */
export function listTags(store: Store): { path: string; count: number }[] {
  // Counts kept exact by triggers (library_tag_live, migration library_cold): read by key, never
  // by counting the ~190,000 links (a full read of their index took 1.5 s on a cold start).
  return store
    .stmt<{ path: string; count: number }>(
      `SELECT t.path, coalesce(c.images, 0) AS count FROM library_tag t
       LEFT JOIN library_tag_live c ON c.tag_id = t.id ORDER BY t.path`,
    )
    .all();
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------
/** Every file to import from the chosen paths: files as they are, folders walked (hidden entries skipped). */
function collect(paths: string[]): { file: string; folder: string }[] {
  const out: { file: string; folder: string }[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (out.length >= MAX_IMPORT_FILES) return;
      if (e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full, rel ? `${rel}/${e.name}` : e.name);
      else if (e.isFile()) out.push({ file: full, folder: rel });
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      out.push({ file: p, folder: '' });
      continue;
    }
    if (st.isDirectory()) walk(p, path.basename(p));
    else out.push({ file: p, folder: '' });
  }
  return out;
}

interface Probe {
  ext: LibraryExt;
  format: string;
  width: number;
  height: number;
  takenAt: string | null;
}

async function probe(buf: Buffer, tz: string): Promise<Probe | null> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(buf).metadata();
  } catch {
    return null;
  }
  const ext = meta.format ? FORMAT_EXT[meta.format] : undefined;
  if (!ext || !meta.width || !meta.height) return null;
  // EXIF orientations 5–8 are rotated by 90°: width and height as shown.
  const turned = (meta.orientation ?? 1) >= 5;
  let takenAt: string | null = null;
  if (meta.exif) {
    try {
      const exif = (await exifr.parse(buf, {
        pick: ['DateTimeOriginal', 'CreateDate'],
        reviveValues: false,
      })) as Record<string, unknown> | undefined;
      takenAt = exifToIso(exif?.DateTimeOriginal ?? exif?.CreateDate, tz);
    } catch {
      takenAt = null;
    }
  }
  return {
    ext,
    format: meta.format!,
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
    takenAt,
  };
}

/** Copy bytes into the store once (write .partial, then rename); an existing object is kept. */
function storeObject(target: string, buf: Buffer): void {
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.writeFileSync(partial, buf, { flush: true });
  fs.renameSync(partial, target);
}

/**
 * Import files and folders (paths the host's dialog returned). Each file is its own transaction:
 * one bad file never stops the rest. Thumbnails are made afterwards, in the background.
 */
export async function importPaths(store: Store, by: string, paths: string[]): Promise<ImportReport> {
  const report: ImportReport = { cancelled: false, imported: [], duplicates: [], errors: [] };
  const tz = shopTimeZone(store);
  for (const { file, folder } of collect(paths)) {
    const fileName = path.basename(file);
    let buf: Buffer;
    try {
      const st = fs.statSync(file);
      if (st.size > MAX_IMPORT_BYTES) {
        report.errors.push({ fileName, key: 'tooBig' });
        continue;
      }
      buf = fs.readFileSync(file);
    } catch {
      report.errors.push({ fileName, key: 'unreadable' });
      continue;
    }
    if (buf.length === 0) {
      report.errors.push({ fileName, key: IMAGE_NAME.test(fileName) ? 'corrupt' : 'notImage' });
      continue;
    }
    const sha = createHash('sha256').update(buf).digest('hex');
    const dup = () =>
      store
        .stmt<{ id: string; file_name: string; deleted_at: string | null }>(
          `SELECT id, file_name, deleted_at FROM library_image WHERE sha256 = ?`,
        )
        .get(sha);
    const existing = dup();
    if (existing) {
      report.duplicates.push({
        fileName,
        existingId: existing.id,
        existingName: existing.file_name,
        trashed: existing.deleted_at !== null,
      });
      continue;
    }
    const info = await probe(buf, tz);
    if (!info) {
      report.errors.push({ fileName, key: IMAGE_NAME.test(fileName) ? 'corrupt' : 'notImage' });
      continue;
    }
    storeObject(objectPath(store.dataDir, sha, info.ext), buf);
    const id = newId();
    const inserted = store.tx(() => {
      if (dup()) return false; // imported meanwhile by another call
      const stamp = store.stamp();
      const at = store.isoNow();
      store
        .stmt(
          `INSERT INTO library_image (id, sha256, ext, file_name, folder, name_lower, bytes, width, height, format,
             taken_at, imported_at, imported_by, updated_at, updated_by)
           VALUES (@id, @sha, @ext, @fileName, @folder, @nameLower, @bytes, @width, @height, @format,
             @takenAt, @at, @by, @stamp, @by)`,
        )
        .run({
          id,
          sha,
          ext: info.ext,
          fileName,
          folder,
          nameLower: `${folder}/${fileName}`.toLowerCase(),
          bytes: buf.length,
          width: info.width,
          height: info.height,
          format: info.format,
          takenAt: info.takenAt,
          at,
          by,
          stamp,
        });
      store.log(
        {
          staffId: by,
          entity: 'library_image',
          rowId: id,
          op: 'create',
          label: fileName,
          fields: {
            fileName: { from: null, to: fileName },
            sha256: { from: null, to: sha },
            bytes: { from: null, to: buf.length },
            size: { from: null, to: `${info.width}×${info.height}` },
          },
        },
        stamp,
      );
      return true;
    });
    if (inserted) {
      report.imported.push({ id, fileName });
      // Thumbnails start with the first file and run alongside the rest of the import.
      void kickThumbs(store);
    } else {
      const e = dup()!;
      report.duplicates.push({
        fileName,
        existingId: e.id,
        existingName: e.file_name,
        trashed: e.deleted_at !== null,
      });
    }
  }
  return report;
}

export async function importFromDialog(
  store: Store,
  host: Host,
  by: string,
  mode: 'files' | 'folder',
): Promise<ImportReport> {
  if (!host.chooseOpenPaths) throw new AppError('INTERNAL', 'internal');
  const picked = await host.chooseOpenPaths({ mode, filterName: '图片', extensions: OPEN_EXTENSIONS });
  if (!picked || !picked.length) return { cancelled: true, imported: [], duplicates: [], errors: [] };
  return importPaths(store, by, picked);
}

/** Import what the person dropped onto the window (recorded by main from a real drop; drops.ts). */
export async function importDropped(
  store: Store,
  host: Host,
  by: string,
  clientId: string,
): Promise<ImportReport> {
  const dropped = host.takeDroppedPaths?.(clientId) ?? null;
  if (!dropped || !dropped.length) throw new AppError('CONFLICT', 'noDrop');
  return importPaths(store, by, dropped);
}

// ---------------------------------------------------------------------------------------------
// Editing
// ---------------------------------------------------------------------------------------------
function tagId(store: Store, by: string, tagPathText: string): string {
  const found = store.stmt<{ id: string }>(`SELECT id FROM library_tag WHERE path = ?`).get(tagPathText);
  if (found) return found.id;
  const id = newId();
  store
    .stmt(`INSERT INTO library_tag (id, path, created_at) VALUES (@id, @path, @at)`)
    .run({ id, path: tagPathText, at: store.isoNow() });
  store.log({
    staffId: by,
    entity: 'library_tag',
    rowId: id,
    op: 'create',
    label: tagPathText,
    fields: { path: { from: null, to: tagPathText } },
  });
  return id;
}

const stageIndex = (s: ImageStage) => IMAGE_STAGES.indexOf(s);

/** Bulk edit (one transaction): fields, tags and SKU links; one change_log entry per changed image. */
export function updateImages(store: Store, by: string, input: LibraryUpdateData): { updated: number } {
  const ids = [...new Set(input.ids)];
  const rows = ids.map((id, i) => {
    const r = imageRow(store, id);
    if (!r || r.deleted_at) throw fieldErrors({ [`ids.${i}`]: { key: 'validation.imageMissing' } });
    return r;
  });
  const bad: Record<string, { key: string }> = {};
  input.addSkuIds.forEach((sid, i) => {
    if (!store.stmt(`SELECT 1 FROM sku WHERE id = ? AND deleted_at IS NULL`).get(sid))
      bad[`addSkuIds.${i}`] = { key: 'validation.skuMissing' };
  });
  if (input.parentId) {
    const parent = imageRow(store, input.parentId);
    if (!parent || parent.deleted_at) bad.parentId = { key: 'validation.imageMissing' };
    else {
      // No cycles: the new parent may not descend from this image.
      let cur: string | null = parent.id;
      for (let n = 0; cur && n < 60; n++) {
        if (cur === ids[0]) {
          bad.parentId = { key: 'validation.versionCycle' };
          break;
        }
        cur = imageRow(store, cur)?.parent_id ?? null;
      }
      const stage = input.stage ?? rows[0]!.stage;
      if (!bad.parentId && stageIndex(stage) <= stageIndex(parent.stage))
        bad.stage = { key: 'validation.stageAfterParent' };
    }
  } else if (input.stage && input.parentId === undefined) {
    for (const r of rows) {
      const parent = r.parent_id ? imageRow(store, r.parent_id) : undefined;
      if (parent && stageIndex(input.stage) <= stageIndex(parent.stage))
        bad.stage = { key: 'validation.stageAfterParent' };
    }
  }
  if (Object.keys(bad).length) throw fieldErrors(bad);

  const addTags = [...new Set(input.addTags)].map((p) => ({ path: p, id: tagId(store, by, p) }));
  const removeTagIds = input.removeTags
    .map((p) => store.stmt<{ id: string }>(`SELECT id FROM library_tag WHERE path = ?`).get(p)?.id)
    .filter((x): x is string => !!x);
  let updated = 0;
  for (const r of rows) {
    const fields: Changes = {};
    const set: Record<string, unknown> = {};
    const use = input.use === undefined ? undefined : input.use === 'none' ? '' : input.use;
    const change = (field: string, col: string, from: unknown, to: unknown) => {
      fields[field] = { from, to };
      set[col] = to;
    };
    if (use !== undefined && use !== r.use) change('use', 'use', r.use, use);
    if (input.status && input.status !== r.status) change('status', 'status', r.status, input.status);
    if (input.stage && input.stage !== r.stage) change('stage', 'stage', r.stage, input.stage);
    if (input.parentId !== undefined && input.parentId !== r.parent_id)
      change('parentId', 'parent_id', r.parent_id, input.parentId);
    if (input.note !== undefined && input.note !== r.note) change('note', 'note', r.note, input.note);

    const tagsBefore = store
      .stmt<{ path: string }>(
        `SELECT t.path FROM library_image_tag it JOIN library_tag t ON t.id = it.tag_id WHERE it.image_id = ? ORDER BY t.path`,
      )
      .all(r.id)
      .map((t) => t.path);
    for (const t of addTags)
      store.stmt(`INSERT OR IGNORE INTO library_image_tag (image_id, tag_id) VALUES (?, ?)`).run(r.id, t.id);
    for (const t of removeTagIds)
      store.stmt(`DELETE FROM library_image_tag WHERE image_id = ? AND tag_id = ?`).run(r.id, t);
    const skusBefore = store
      .stmt<{ sku_id: string }>(`SELECT sku_id FROM library_image_sku WHERE image_id = ? ORDER BY sku_id`)
      .all(r.id)
      .map((s) => s.sku_id);
    for (const s of input.addSkuIds)
      store.stmt(`INSERT OR IGNORE INTO library_image_sku (image_id, sku_id) VALUES (?, ?)`).run(r.id, s);
    for (const s of input.removeSkuIds)
      store.stmt(`DELETE FROM library_image_sku WHERE image_id = ? AND sku_id = ?`).run(r.id, s);
    const tagsAfter = store
      .stmt<{ path: string }>(
        `SELECT t.path FROM library_image_tag it JOIN library_tag t ON t.id = it.tag_id WHERE it.image_id = ? ORDER BY t.path`,
      )
      .all(r.id)
      .map((t) => t.path);
    const skusAfter = store
      .stmt<{ sku_id: string }>(`SELECT sku_id FROM library_image_sku WHERE image_id = ? ORDER BY sku_id`)
      .all(r.id)
      .map((s) => s.sku_id);
    if (tagsBefore.join('\n') !== tagsAfter.join('\n')) fields.tags = { from: tagsBefore, to: tagsAfter };
    if (skusBefore.join('\n') !== skusAfter.join('\n')) fields.skuIds = { from: skusBefore, to: skusAfter };
    if (!Object.keys(fields).length) continue;
    const stamp = store.stamp();
    store
      .stmt(
        `UPDATE library_image SET use = @use, status = @status, stage = @stage, parent_id = @parent_id, note = @note,
           updated_at = @stamp, updated_by = @by WHERE id = @id`,
      )
      .run({
        use: r.use,
        status: r.status,
        stage: r.stage,
        parent_id: r.parent_id,
        note: r.note,
        ...set,
        stamp,
        by,
        id: r.id,
      });
    store.log(
      { staffId: by, entity: 'library_image', rowId: r.id, op: 'update', label: r.file_name, fields },
      stamp,
    );
    updated++;
  }
  return { updated };
}

/** Move to the trash, or restore from it. Files stay in the store either way. */
export function setTrashed(store: Store, by: string, ids: string[], trashed: boolean): { updated: number } {
  let updated = 0;
  [...new Set(ids)].forEach((id, i) => {
    const r = imageRow(store, id);
    if (!r) throw fieldErrors({ [`ids.${i}`]: { key: 'validation.imageMissing' } });
    if ((r.deleted_at !== null) === trashed) return;
    const stamp = store.stamp();
    const deletedAt = trashed ? store.isoNow() : null;
    store
      .stmt(
        `UPDATE library_image SET deleted_at = @deletedAt, updated_at = @stamp, updated_by = @by WHERE id = @id`,
      )
      .run({ deletedAt, stamp, by, id });
    store.log(
      {
        staffId: by,
        entity: 'library_image',
        rowId: id,
        op: trashed ? 'trash' : 'restore',
        label: r.file_name,
        fields: { deletedAt: { from: r.deleted_at, to: deletedAt } },
      },
      stamp,
    );
    updated++;
  });
  return { updated };
}

// ---------------------------------------------------------------------------------------------
// Export: files to a folder by a naming rule, and the catalogue as CSV
// ---------------------------------------------------------------------------------------------
const TARGET_EXT: Readonly<Record<string, 'jpg' | 'png' | 'webp'>> = {
  '.jpg': 'jpg',
  '.jpeg': 'jpg',
  '.png': 'png',
  '.webp': 'webp',
};

/** The file names the pattern gives, in the selection's order ({序号} counts per 商家编码). */
export function exportNames(
  items: { fileName: string; ext: string; use: string; skuCode: string | null }[],
  pattern: string,
  today: string,
): { name: string; convertTo: 'jpg' | 'png' | 'webp' | null }[] {
  const patExt = path.extname(pattern).toLowerCase();
  const target = TARGET_EXT[patExt] ?? null;
  const stem = target ? pattern.slice(0, -patExt.length) : pattern;
  const seq = new Map<string, number>();
  return items.map((it) => {
    const code = it.skuCode ?? '未关联';
    const n = (seq.get(code) ?? 0) + 1;
    seq.set(code, n);
    const base = stem
      .replaceAll('{商家编码}', code)
      .replaceAll('{序号}', String(n))
      .replaceAll('{用途}', USE_NAME[it.use as ImageUse] ?? '未分类')
      .replaceAll('{原文件名}', path.basename(it.fileName, path.extname(it.fileName)))
      .replaceAll('{日期}', today.replaceAll('-', ''));
    const ext = target ?? it.ext;
    const convertTo = target && target !== it.ext ? target : null;
    return { name: `${safeFileName(base)}.${ext}`, convertTo };
  });
}

export async function exportFiles(
  store: Store,
  host: Host,
  input: z.output<typeof exportFilesInput>,
): Promise<FilesExportResult> {
  const items = input.ids.map((id, i) => {
    const r = imageRow(store, id);
    if (!r || r.deleted_at) throw fieldErrors({ [`ids.${i}`]: { key: 'validation.imageMissing' } });
    const sku = store
      .stmt<{ code: string }>(
        `SELECT s.code FROM library_image_sku ls JOIN sku s ON s.id = ls.sku_id WHERE ls.image_id = ? ORDER BY s.code LIMIT 1`,
      )
      .get(id);
    return { row: r, fileName: r.file_name, ext: r.ext, use: r.use, skuCode: sku?.code ?? null };
  });
  if (!host.chooseFolder) throw new AppError('INTERNAL', 'internal');
  const folder = await host.chooseFolder({ title: '导出图片' });
  if (!folder) return { cancelled: true };
  const root = path.resolve(folder);
  if (!fs.statSync(root).isDirectory()) throw new AppError('CONFLICT', 'notAFolder');
  const names = exportNames(items, input.pattern, localToday(store.now(), shopTimeZone(store)));
  const written: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const { row } = items[i]!;
    const { name, convertTo } = names[i]!;
    const ext = path.extname(name);
    const stem = name.slice(0, -ext.length);
    let target = path.join(root, name);
    for (let k = 2; fs.existsSync(target); k++) target = path.join(root, `${stem} (${k})${ext}`);
    // The name is made safe above; check anyway that it lands directly in the chosen folder.
    if (path.dirname(target) !== root) throw new AppError('CONFLICT', 'unsafeFileName');
    const source = objectPath(store.dataDir, row.sha256, row.ext);
    const partial = `${target}.partial`;
    if (convertTo) {
      const img = sharp(source).rotate();
      const out =
        convertTo === 'jpg'
          ? img.flatten({ background: '#ffffff' }).jpeg({ quality: 92, mozjpeg: true })
          : convertTo === 'png'
            ? img.png()
            : img.webp({ quality: 90 });
      await out.toFile(partial);
    } else {
      fs.copyFileSync(source, partial);
    }
    fs.renameSync(partial, target);
    written.push(path.basename(target));
  }
  return { cancelled: false, folder: root, files: written };
}

export const LIBRARY_CSV_HEADER = [
  '文件名',
  '文件夹',
  '格式',
  '宽',
  '高',
  '大小(KB)',
  '拍摄时间',
  '用途',
  '状态',
  '版本',
  '标签',
  '商家编码',
  '导入时间',
  'SHA-256',
];

export function libraryCsvQuery(store: Store, filter: LibraryFilterData): CsvQuery {
  const { where, params } = librarySql(store, filter);
  // Shop-local times: the zone's current offset (shops in China have no daylight saving).
  const offset = `${zoneOffsetMinutes(store.now(), shopTimeZone(store))} minutes`;
  const local = (col: string) => `strftime('%Y-%m-%d %H:%M', ${col}, @offset)`;
  const line = sqlCsvLine([
    sqlCsvText('i.file_name'),
    sqlCsvText('i.folder'),
    sqlCsvText('i.format'),
    'i.width',
    'i.height',
    `printf('%.1f', i.bytes / 1024.0)`,
    sqlCsvText(local('i.taken_at')),
    `CASE i.use ${Object.entries(USE_NAME)
      .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
      .join(' ')} ELSE '' END`,
    `CASE i.status WHEN 'pending' THEN '待审' WHEN 'used' THEN '已用' ELSE '归档' END`,
    `CASE i.stage WHEN 'original' THEN '原片' WHEN 'retouched' THEN '精修' ELSE '终稿' END`,
    sqlCsvText(`(SELECT group_concat(path, ' | ') FROM (SELECT t.path FROM library_image_tag it
      JOIN library_tag t ON t.id = it.tag_id WHERE it.image_id = i.id ORDER BY t.path))`),
    sqlCsvText(`(SELECT group_concat(code, ' | ') FROM (SELECT s.code FROM library_image_sku ls
      JOIN sku s ON s.id = ls.sku_id WHERE ls.image_id = i.id ORDER BY s.code))`),
    local('i.imported_at'),
    'i.sha256',
  ]);
  return {
    header: LIBRARY_CSV_HEADER,
    sql: `SELECT ${line} FROM library_image i WHERE ${where} ORDER BY i.imported_at DESC, i.rowid DESC`,
    params: { ...params, offset },
  };
}

export function exportLibraryCsv(
  store: Store,
  host: Host,
  input: { filter: LibraryFilterData; encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '图片目录', input.encoding, () => libraryCsvQuery(store, input.filter));
}
