// The library's cold open: the grid's total and the tag tree's counts come from
// counters kept by triggers (migration library_cold) — they must equal a recount after every kind
// of write, a rollback, and when the migration fills them on an existing library; and a search
// issued while the in-memory index is still being built (in the background, a chunk per event-loop
// turn) gets the right answer, with writes in between, and the finished index agrees with SQL.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { DB_FILE, openStore, type Store } from '../../src-main/db/store';
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
import path from 'node:path';

let dir: string;
let store: Store;
let by: string;

beforeAll(async () => {
  dir = tempDir('shopdesk-libcold-');
  await seedLibraryScale(dir, { images: 12_000, skus: 120, seed: 7 });
  store = openStore({ dataDir: dir });
  by = store.stmt<{ id: string }>(`SELECT id FROM staff WHERE role = 'art_supervisor'`).get()!.id;
}, 180_000);
afterAll(() => store?.close());

const F = (x: Partial<LibraryFilterData> = {}): LibraryFilterData => ({
  q: '',
  tag: '',
  flagged: false,
  trash: false,
  ...x,
});

/** The counters as the triggers keep them, and the same recounted from the links. */
function counters(s: Store) {
  const kept = {
    live: s.stmt<{ n: number }>(`SELECT images AS n FROM library_live_count WHERE id = 1`).get()!.n,
    tags: Object.fromEntries(
      s
        .stmt<{ tag_id: string; n: number }>(
          `SELECT tag_id, images AS n FROM library_tag_live WHERE images > 0`,
        )
        .all()
        .map((r) => [r.tag_id, r.n]),
    ),
  };
  const counted = {
    live: s.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM library_image WHERE deleted_at IS NULL`).get()!.n,
    tags: Object.fromEntries(
      s
        .stmt<{ tag_id: string; n: number }>(
          `SELECT it.tag_id, COUNT(*) AS n FROM library_image_tag it JOIN library_image i ON i.id = it.image_id
           WHERE i.deleted_at IS NULL GROUP BY it.tag_id`,
        )
        .all()
        .map((r) => [r.tag_id, r.n]),
    ),
  };
  return { kept, counted };
}

function expectCountersRight(label: string) {
  const { kept, counted } = counters(store);
  expect(kept, label).toEqual(counted);
  expect(Object.keys(kept.tags).length, label).toBeGreaterThan(10);
}

describe('the library counters (grid total, tag counts)', () => {
  it('equal a recount after tagging, untagging, trash, restore and a rollback', () => {
    expectCountersRight('seeded');
    const ids = listImagesSql(store, { filter: F({ tag: '清仓' }), offset: 0, limit: 60 }).rows.map(
      (r) => r.id,
    );
    store.tx(() =>
      updateImages(store, by, {
        ids: ids.slice(0, 30),
        addTags: ['清仓/冷启动', '春夏'],
        removeTags: ['清仓'],
        addSkuIds: [],
        removeSkuIds: [],
      }),
    );
    expectCountersRight('after tagging');
    store.tx(() => setTrashed(store, by, ids.slice(10, 40), true));
    expectCountersRight('after trashing');
    // A link to a trashed image does not count (written directly: the service refuses to tag the
    // trash); restoring the image counts it.
    store.tx(() =>
      updateImages(store, by, {
        ids: ids.slice(40, 45),
        addTags: ['清仓/回收'],
        removeTags: [],
        addSkuIds: [],
        removeSkuIds: [],
      }),
    );
    const recycled = store.stmt<{ id: string }>(`SELECT id FROM library_tag WHERE path = '清仓/回收'`).get()!
      .id;
    store.tx(() => {
      for (const id of ids.slice(20, 25))
        store.stmt(`INSERT INTO library_image_tag (image_id, tag_id) VALUES (?, ?)`).run(id, recycled);
    });
    expect(new Map(listTags(store).map((t) => [t.path, t.count])).get('清仓/回收')).toBe(5);
    expectCountersRight('after tagging trashed images');
    store.tx(() => setTrashed(store, by, ids.slice(15, 25), false));
    expect(new Map(listTags(store).map((t) => [t.path, t.count])).get('清仓/回收')).toBe(10);
    expectCountersRight('after restoring');
    const before = counters(store).kept;
    expect(() =>
      store.tx(() => {
        setTrashed(store, by, ids.slice(0, 10), true);
        expect(counters(store).kept.live).toBe(before.live - 10);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(counters(store).kept).toEqual(before);
    expectCountersRight('after a rollback');
    // What the page shows: the total of the plain grid and the tag tree.
    expect(listImagesSql(store, { filter: F(), offset: 0, limit: 1 }).total).toBe(before.live);
  });

  it('are filled by the migration on an existing library', () => {
    const d = tempDir('shopdesk-libcold-mig-');
    const cold = MIGRATIONS.find((m) => m.name === 'library_cold')!;
    const older = MIGRATIONS.filter((m) => m.version < cold.version);
    expect(older.length).toBe(cold.version - 1);
    openStore({ dataDir: d, migrations: older }).close();
    const db = new Database(path.join(d, DB_FILE));
    const at = '2026-11-01T00:00:00.000Z';
    db.prepare(
      `INSERT INTO library_tag (id, path, created_at) VALUES ('t1', '夏装', ?), ('t2', '夏装/T恤', ?)`,
    ).run(at, at);
    const img = db.prepare(
      `INSERT INTO library_image (id, sha256, ext, file_name, folder, name_lower, bytes, width, height, format,
         use, status, stage, thumb, imported_at, updated_at, deleted_at)
       VALUES (?, ?, 'jpg', 'a.jpg', '', 'a.jpg', 1, 1, 1, 'jpeg', '', 'pending', 'original', 'done', ?, ?, ?)`,
    );
    for (const [i, trashed] of [false, false, true].entries())
      img.run(`i${i}`, String(i).repeat(64), at, at, trashed ? at : null);
    const link = db.prepare(`INSERT INTO library_image_tag (image_id, tag_id) VALUES (?, ?)`);
    for (const [i, t] of [
      ['i0', 't1'],
      ['i1', 't1'],
      ['i2', 't1'],
      ['i2', 't2'],
      ['i1', 't2'],
    ])
      link.run(i, t);
    db.close();
    const s = openStore({ dataDir: d });
    try {
      expect(listTags(s)).toEqual([
        { path: '夏装', count: 2 },
        { path: '夏装/T恤', count: 1 },
      ]);
      expect(listImagesSql(s, { filter: F(), offset: 0, limit: 10 }).total).toBe(2);
      const { kept, counted } = counters(s);
      expect(kept).toEqual(counted);
    } finally {
      s.close();
    }
  });
});

describe('searching while the index is being built', () => {
  const searches = [
    F(),
    F({ q: 'img_1' }),
    F({ tag: '春夏' }),
    F({ tag: '清仓/冷启动' }),
    F({ use: 'main', status: 'used' }),
    F({ from: '2025-06-01', to: '2025-09-30' }),
    F({ flagged: true }),
    F({ trash: true }),
  ];
  const same = (label: string) => {
    for (const filter of searches) {
      const a = listImages(store, { filter, offset: 40, limit: 100 });
      const b = listImagesSql(store, { filter, offset: 40, limit: 100 });
      expect({ total: a.total, ids: a.rows.map((r) => r.id) }, `${label}: ${JSON.stringify(filter)}`).toEqual(
        {
          total: b.total,
          ids: b.rows.map((r) => r.id),
        },
      );
    }
  };
  const turn = () => new Promise((r) => setImmediate(r));

  it('answers right mid-build, with writes in between, and the finished index agrees', async () => {
    const idx = libraryIndex(store);
    expect(idx.ready).toBe(false);
    const ids = listImagesSql(store, { filter: F({ tag: '春夏' }), offset: 0, limit: 20 }).rows.map(
      (r) => r.id,
    );
    // The first call starts the build; it goes on a chunk per event-loop turn.
    const building = idx.warm();
    let searched = 0;
    let wrote = false;
    for (let turns = 0; !idx.ready && turns < 1000; turns++) {
      await turn();
      if (idx.ready) break;
      same(`mid-build, turn ${turns}`);
      searched++;
      if (!wrote && turns >= 2) {
        // A write while the build is in progress (its rows are marked and read again).
        store.tx(() =>
          updateImages(store, by, {
            ids,
            addTags: ['清仓/冷启动'],
            use: 'main',
            status: 'used',
            addSkuIds: [],
            removeTags: [],
            removeSkuIds: [],
          }),
        );
        store.tx(() => setTrashed(store, by, ids.slice(0, 5), true));
        wrote = true;
      }
    }
    await building;
    // 12,000 images in chunks: several turns of searches were answered before the index was ready.
    expect(searched).toBeGreaterThanOrEqual(4);
    expect(wrote).toBe(true);
    expect(idx.ready).toBe(true);
    same('built');
    // The write made mid-build shows in the index's answers.
    const hit = listImages(store, {
      filter: F({ tag: '清仓/冷启动', use: 'main', status: 'used' }),
      offset: 0,
      limit: 500,
    });
    expect(hit.rows.map((r) => r.id)).toEqual(expect.arrayContaining(ids.slice(5)));
    expectCountersRight('after the build');
  });
});
