// Child process of the library bench: the first open of the image library in a fresh process —
// openStore, then the calls the page makes when the 图片库 tab opens, in its order: art.libraryList
// (offset 0, the page's 200 rows + total; the first paint) and the first 60 thumbnails' bytes from
// disk (what app:// serves for the visible cells), then art.libraryThumbs and art.libraryTags (asked
// after the first page has arrived). Prints one JSON line of milliseconds per part.
// Usage: library-cold.ts <dataDir>
import fs from 'node:fs';
import { openStore } from '../../src-main/db/store';
import { thumbPath } from '../../src-main/modules/art/files';
import { listImages, listTags, type LibraryFilterData } from '../../src-main/modules/art/library';
import { thumbStatus } from '../../src-main/modules/art/thumbs';

export interface ColdResult {
  open: number;
  list: number;
  thumbFiles: number;
  thumbs: number;
  tags: number;
  /** openStore → the first page's rows and their 60 thumbnails read. */
  firstPaint: number;
  /** firstPaint + the thumbnail progress and the tag tree. */
  firstScreen: number;
  rows: number;
  total: number;
}

const EMPTY: LibraryFilterData = { q: '', tag: '', flagged: false, trash: false };

function main(): void {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: library-cold.ts <dataDir>');
  const t0 = performance.now();
  const store = openStore({ dataDir });
  try {
    const t1 = performance.now();
    const page = listImages(store, { filter: EMPTY, offset: 0, limit: 200 });
    const t2 = performance.now();
    for (const r of page.rows.slice(0, 60)) {
      const sha = r.thumbUrl.slice(r.thumbUrl.lastIndexOf('/') + 1, -'.webp'.length);
      fs.readFileSync(thumbPath(store.dataDir, sha));
    }
    const t3 = performance.now();
    thumbStatus(store);
    const t4 = performance.now();
    listTags(store);
    const t5 = performance.now();
    const result: ColdResult = {
      open: t1 - t0,
      list: t2 - t1,
      thumbFiles: t3 - t2,
      thumbs: t4 - t3,
      tags: t5 - t4,
      firstPaint: t3 - t1,
      firstScreen: t5 - t1,
      rows: page.rows.length,
      total: page.total,
    };
    console.log(JSON.stringify(result));
  } finally {
    store.close();
  }
}

main();
