// Thumbnails, made in the background while and after an import: one worker per store takes images
// whose `thumb` is 'pending' (oldest first), THUMB_CONCURRENCY at a time, writes a 320 px WebP with
// sharp (EXIF-rotated; JPEGs shrink on load) and marks the row 'done' — or 'failed' when the file cannot be decoded (a truncated or corrupt image),
// which the library shows. The `thumb` column is a derived cache state, not a human change, so it
// is not recorded in change_log. Progress is what is still pending (`thumbStatus`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Store } from '../../db/store';
import { objectPath, thumbPath } from './files';

export const THUMB_SIZE = 320;
/**
 * Thumbnails made at once by the background worker. Decoding a camera JPEG is mostly one thread
 * (libjpeg), so two at a time keep both cores of a shop PC busy; more only adds memory.
 */
export const THUMB_CONCURRENCY = Math.max(2, Math.min(4, os.cpus().length));

interface Worker {
  running: Promise<void> | null;
}
const workers = new WeakMap<Store, Worker>();

/** Write the thumbnail of one original (atomically: a .partial file renamed into place). */
export async function makeThumb(source: string, target: string): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    await sharp(source, { failOn: 'truncated', limitInputPixels: 268_402_689 })
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78 })
      .toFile(partial);
    fs.renameSync(partial, target);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/** Start the worker if it is idle; it runs until nothing is pending. Returns when it is done. */
export function kickThumbs(store: Store): Promise<void> {
  let w = workers.get(store);
  if (!w) {
    w = { running: null };
    workers.set(store, w);
  }
  if (w.running) return w.running;
  const worker = w;
  worker.running = (async () => {
    try {
      for (;;) {
        const batch = store
          .stmt<{ id: string; sha256: string; ext: string }>(
            `SELECT id, sha256, ext FROM library_image WHERE thumb <> 'done' AND thumb = 'pending' ORDER BY imported_at LIMIT 20`,
          )
          .all();
        if (!batch.length) break;
        // THUMB_CONCURRENCY at a time; each result is written as soon as it is made.
        let next = 0;
        let closed = false;
        await Promise.all(
          Array.from({ length: Math.min(THUMB_CONCURRENCY, batch.length) }, async () => {
            while (next < batch.length && !closed) {
              const img = batch[next++]!;
              let state: 'done' | 'failed' = 'done';
              try {
                await makeThumb(
                  objectPath(store.dataDir, img.sha256, img.ext),
                  thumbPath(store.dataDir, img.sha256),
                );
              } catch {
                state = 'failed';
              }
              if (!store.db.open) {
                closed = true;
                return;
              }
              store.tx(() =>
                store
                  .stmt(`UPDATE library_image SET thumb = @state WHERE id = @id`)
                  .run({ state, id: img.id }),
              );
            }
          }),
        );
        if (closed) return;
      }
    } finally {
      worker.running = null;
    }
  })();
  return worker.running;
}

/** Wait until the worker (if any) has nothing left (tests; a clean shutdown). */
export function thumbsIdle(store: Store): Promise<void> {
  return workers.get(store)?.running ?? Promise.resolve();
}

export function thumbStatus(store: Store): { pending: number; failed: number } {
  const r = store
    .stmt<{ pending: number; failed: number }>(
      `SELECT COUNT(CASE WHEN thumb = 'pending' THEN 1 END) AS pending,
              COUNT(CASE WHEN thumb = 'failed' THEN 1 END) AS failed
       FROM library_image WHERE thumb <> 'done'`,
    )
    .get()!;
  // Pending thumbs left by an earlier run (the app was closed mid-way) are picked up again.
  if (r.pending > 0) void kickThumbs(store);
  return r;
}
