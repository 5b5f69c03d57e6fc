// The library's in-memory filter index answers exactly what the SQL filter (librarySql, also the
// CSV export's) answers: same rows, same order, same totals — for every kind of filter, after
// edits (tags, SKU links, use, trash) through the service, after a rolled-back write, and after a
// change by another connection. Real store, 3,000 catalogued images (the bench's seeder).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/db/store';
import { libraryIndex } from '../../src-main/modules/art/library-index';
import {
  listImages,
  listImagesSql,
  listTags,
  setTrashed,
  updateImages,
  type LibraryFilterData,
} from '../../src-main/modules/art/library';
import { seedLibraryScale } from '../../resources/demo/library-scale';
import { tempDir } from './helpers';

let dir: string;
let store: Store;
let by: string;
let skuIds: string[];

beforeAll(async () => {
  dir = tempDir('shopdesk-libindex-');
  await seedLibraryScale(dir, { images: 3_000, skus: 120, seed: 3 });
  store = openStore({ dataDir: dir });
  by = store.stmt<{ id: string }>(`SELECT id FROM staff WHERE role = 'art_supervisor'`).get()!.id;
  skuIds = store
    .stmt<{ sku_id: string }>(`SELECT DISTINCT sku_id FROM library_image_sku ORDER BY sku_id LIMIT 5`)
    .all()
    .map((r) => r.sku_id);
}, 120_000);
afterAll(() => store?.close());

const F = (x: Partial<LibraryFilterData> = {}): LibraryFilterData => ({
  q: '',
  tag: '',
  flagged: false,
  trash: false,
  ...x,
});

function filters(): LibraryFilterData[] {
  return [
    F(),
    F({ trash: true }),
    F({ q: 'img_1' }),
    F({ q: '主图' }),
    F({ q: 'IMG_10' }),
    F({ q: 'zzz' }),
    F({ tag: '春夏' }),
    F({ tag: '春夏/T恤' }),
    F({ tag: '春夏/T恤/白底' }),
    F({ tag: '没有' }),
    F({ skuId: skuIds[0] }),
    F({ skuId: skuIds[1], use: 'main' }),
    F({ use: 'none' }),
    F({ use: 'detail', status: 'used' }),
    F({ status: 'archived' }),
    F({ from: '2025-06-01', to: '2025-06-30' }),
    F({ from: '2026-01-01' }),
    F({ to: '2025-01-01' }),
    F({ flagged: true }),
    F({ tag: '秋冬', status: 'pending', from: '2025-03-01', to: '2026-03-01' }),
    F({ q: 'img', tag: '新品', use: 'main', trash: true }),
  ];
}

function expectSame(label: string) {
  for (const filter of filters())
    for (const [offset, limit] of [
      [0, 200],
      [150, 60],
    ] as const) {
      const a = listImages(store, { filter, offset, limit });
      const b = listImagesSql(store, { filter, offset, limit });
      expect(
        { total: a.total, ids: a.rows.map((r) => r.id) },
        `${label}: ${JSON.stringify(filter)} @${offset}`,
      ).toEqual({ total: b.total, ids: b.rows.map((r) => r.id) });
    }
}

describe('the library index', () => {
  it('answers the grid as it opens from SQL until it is warm, then from the index', async () => {
    const idx = libraryIndex(store);
    expect(idx.ready).toBe(false);
    const plain = listImages(store, { filter: F(), offset: 0, limit: 50 });
    expect(plain.total).toBe(3_000);
    await idx.warm();
    expect(idx.ready).toBe(true);
    expectSame('warm');
  });

  it('stays right after edits through the service', () => {
    const ids = listImagesSql(store, { filter: F({ tag: '清仓' }), offset: 0, limit: 40 }).rows.map(
      (r) => r.id,
    );
    store.tx(() =>
      updateImages(store, by, {
        ids: ids.slice(0, 20),
        addTags: ['清仓/特价'],
        removeTags: [],
        addSkuIds: [skuIds[2]!],
        removeSkuIds: [],
        use: 'main',
        status: 'used',
      }),
    );
    store.tx(() => setTrashed(store, by, ids.slice(10, 30), true));
    expectSame('after edits');
    const tags = new Map(listTags(store).map((t) => [t.path, t.count]));
    expect(tags.get('清仓/特价')).toBe(10);
  });

  it('forgets a write that rolled back', () => {
    const id = listImagesSql(store, { filter: F(), offset: 0, limit: 1 }).rows[0]!.id;
    expect(() =>
      store.tx(() => {
        setTrashed(store, by, [id], true);
        // A read inside the transaction sees the trashed image…
        expect(
          listImages(store, { filter: F({ trash: true }), offset: 0, limit: 500 }).rows.map((r) => r.id),
        ).toContain(id);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    // …and after the rollback it is back in the library.
    expectSame('after a rollback');
  });

  it('rebuilds after another connection changed the library', async () => {
    const other = openStore({ dataDir: dir });
    try {
      const id = listImagesSql(store, { filter: F(), offset: 5, limit: 1 }).rows[0]!.id;
      other.tx(() => setTrashed(other, by, [id], true));
    } finally {
      other.close();
    }
    // Stale: answered by SQL (the same function as the reference) until it is built again.
    expect(libraryIndex(store).ready).toBe(false);
    expectSame('after another connection, SQL');
    await libraryIndex(store).warm();
    expect(libraryIndex(store).ready).toBe(true);
    expectSame('after another connection, rebuilt');
  });
});
