// An image library at scale for benchmarks: a demo shop (seedScale: people and a catalog of SKUs)
// with 100,000 catalogued images — library_image rows, hierarchical tags and SKU links — written
// set-based with direct prepared INSERTs in one transaction (importing 100,000 real files through
// the service would take hours; what the list and search queries read is the catalogue). The rows
// have the shape an import gives (sha256, ext, file name, folder, name_lower, size, format, EXIF
// time, imported_at spread over two years, use/status/stage as people set them later).
// Thumbnails: the newest THUMB_FILES images get a real tiny WebP file (the same bytes under each
// hash's path) and thumb = 'done', so the first screens of the grid paint real images; older rows
// are 'done' without a file (the grid never reaches them in a benchmark).
//
// Cached like the warehouse scale DB: `libraryScaleDb()` builds it once in the temp folder, keyed
// by a hash of the migrations and the options, and later runs reuse it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openStore } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { thumbPath } from '../../src-main/modules/art/files';
import { Rng, seedScale } from './shop';
import { scaleCache, type ScaleCache } from './scale-cache';

export interface LibraryScaleOptions {
  images: number;
  skus: number;
  seed: number;
}

export const LIBRARY_SCALE: LibraryScaleOptions = { images: 100_000, skus: 4_000, seed: 11 };
/** The newest images that get a real thumbnail file. */
export const THUMB_FILES = 2_000;

export interface LibraryScaleInfo {
  images: number;
  tagLinks: number;
  skuLinks: number;
  tags: string[];
  seconds: number;
}

const SEASONS = ['春夏', '秋冬', '新品', '清仓', '活动'];
const KINDS = ['连衣裙', 'T恤', '衬衫', '半身裙', '牛仔裤', '外套', '针织衫', '家居服', '睡衣', '卫衣'];
const LEAVES = ['白底', '模特', '细节', '平铺', '场景'];
const USES = ['', '', 'main', 'detail', 'sku', 'promo', 'home', 'model', 'closeup'] as const;
const STATUSES = ['pending', 'pending', 'used', 'used', 'used', 'archived'] as const;
const WORDS = ['主图', '详情', '白底', '模特', '细节', '平铺', '场景', '封面', '尺码表', '吊牌'];

/** The tag paths of the scale library: season, season/kind, season/kind/leaf. */
export function scaleTags(): string[] {
  const out: string[] = [];
  for (const s of SEASONS) {
    out.push(s);
    for (const k of KINDS) {
      out.push(`${s}/${k}`);
      for (const l of LEAVES) out.push(`${s}/${k}/${l}`);
    }
  }
  return out;
}

export async function seedLibraryScale(
  dir: string,
  options: LibraryScaleOptions = LIBRARY_SCALE,
  log: (msg: string) => void = () => {},
): Promise<LibraryScaleInfo> {
  const started = performance.now();
  const store = openStore({ dataDir: dir });
  try {
    seedScale(store, { skus: options.skus });
    log(`  catalog: ${options.skus} SKUs`);
    const rng = new Rng(options.seed);
    const skus = store.stmt<{ id: string; code: string }>(`SELECT id, code FROM sku ORDER BY rowid`).all();
    const by =
      store.stmt<{ id: string }>(`SELECT id FROM staff WHERE role = 'art_supervisor'`).get()?.id ?? null;
    const tags = scaleTags();
    const tagIds = tags.map(() => newId());
    const thumbBytes = await sharp({
      create: { width: 320, height: 320, channels: 3, background: '#d9c7b8' },
    })
      .webp({ quality: 60 })
      .toBuffer();
    const end = Date.parse('2026-11-27T10:00:00Z');
    const span = 2 * 365 * 86_400_000;
    let tagLinks = 0;
    let skuLinks = 0;
    store.db.pragma('synchronous = OFF');
    store.tx(() => {
      const at = new Date(end).toISOString();
      const tagIns = store.db.prepare(`INSERT INTO library_tag (id, path, created_at) VALUES (?, ?, ?)`);
      tags.forEach((t, i) => tagIns.run(tagIds[i], t, at));
      const ins = store.db.prepare(
        `INSERT INTO library_image (id, sha256, ext, file_name, folder, name_lower, bytes, width, height, format,
           taken_at, use, status, stage, thumb, imported_at, imported_by, updated_at, updated_by)
         VALUES (@id, @sha, @ext, @fileName, @folder, @nameLower, @bytes, @width, @height, @format,
           @takenAt, @use, @status, @stage, 'done', @importedAt, @by, @stamp, @by)`,
      );
      const tagLink = store.db.prepare(
        `INSERT OR IGNORE INTO library_image_tag (image_id, tag_id) VALUES (?, ?)`,
      );
      const skuLink = store.db.prepare(
        `INSERT OR IGNORE INTO library_image_sku (image_id, sku_id) VALUES (?, ?)`,
      );
      // Oldest first, as imports happen: imported_at grows with the rowid (batches of one import).
      for (let i = 0; i < options.images; i++) {
        const sha = createHash('sha256').update(`library-scale-${options.seed}-${i}`).digest('hex');
        const sku = rng.pick(skus);
        const season = rng.pick(SEASONS);
        const kind = rng.pick(KINDS);
        const folder = `${season}/${kind}/${sku.code}`;
        const fileName = rng.chance(0.5)
          ? `IMG_${String(1000 + (i % 9000)).padStart(4, '0')}.jpg`
          : `${sku.code}_${rng.pick(WORDS)}_${rng.int(1, 9)}.jpg`;
        const square = rng.chance(0.4);
        const width = rng.pick([800, 750, 1200, 1920, 4000]);
        const height = square ? width : Math.round(width * rng.pick([1.25, 1.5, 0.75]));
        const importedAt = new Date(end - span + Math.floor((span * i) / options.images)).toISOString();
        const id = newId();
        ins.run({
          id,
          sha,
          ext: 'jpg',
          fileName,
          folder,
          nameLower: `${folder}/${fileName}`.toLowerCase(),
          bytes: rng.int(80_000, 6_000_000),
          width,
          height,
          format: 'jpeg',
          takenAt: rng.chance(0.6)
            ? new Date(Date.parse(importedAt) - rng.int(0, 30) * 86_400_000).toISOString()
            : null,
          use: rng.pick(USES),
          status: rng.pick(STATUSES),
          stage: rng.pick(['original', 'original', 'retouched', 'final']),
          importedAt,
          by,
          stamp: `${Date.parse(importedAt)}-0000-SCAL`,
        });
        // One to three tags (a leaf, sometimes its kind, sometimes another season's leaf).
        const n = rng.int(1, 3);
        for (let k = 0; k < n; k++) {
          const t =
            k === 0
              ? `${season}/${kind}/${rng.pick(LEAVES)}`
              : rng.chance(0.5)
                ? `${season}/${kind}`
                : rng.pick(tags);
          tagLinks += tagLink.run(id, tagIds[tags.indexOf(t)]).changes;
        }
        // Most images belong to one SKU; some to two (a set), some to none yet.
        if (rng.chance(0.85)) skuLinks += skuLink.run(id, sku.id).changes;
        if (rng.chance(0.1)) skuLinks += skuLink.run(id, rng.pick(skus).id).changes;
        if (i >= options.images - THUMB_FILES) {
          const target = thumbPath(dir, sha);
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, thumbBytes);
        }
        if (i % 20_000 === 19_999) log(`  ${i + 1} images`);
      }
    });
    store.db.pragma('synchronous = FULL');
    store.db.exec('ANALYZE');
    return {
      images: options.images,
      tagLinks,
      skuLinks,
      tags,
      seconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    store.close();
  }
}

/**
 * The cached scale library (`scaleCache`): built on first use in
 * `<tmp>/shopdesk-bench-library-<migrations key>-<options>`, reused (or upgraded) afterwards; a
 * `scale.json` next to it says it is complete.
 */
export async function libraryScaleDb(
  options: LibraryScaleOptions = LIBRARY_SCALE,
  log: (msg: string) => void = () => {},
): Promise<ScaleCache<LibraryScaleInfo>> {
  const key = `${options.images}-${options.skus}-${options.seed}`;
  return scaleCache('library', key, 'scale.json', (dir) => seedLibraryScale(dir, options, log), log);
}
