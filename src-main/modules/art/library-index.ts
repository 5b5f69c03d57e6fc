// An in-memory index of the image library for the grid's filters. With 100,000 images, answering a
// filter in SQLite means reading tens of thousands of rows or index entries for the total alone
// (a root tag spans a quarter of the library; a name substring cannot use an index), 50–300 ms on
// a busy PC; the same test over compact JS entries takes a few milliseconds. The index holds, per
// image, what the filters test (import time, lower-case name, use, status, trash, size for the
// rule flags, tag ids, SKU ids), in grid order (newest import first); the page's rows are then read
// from SQLite by rowid.
//
// Staying correct without trusting callers (the catalog index's approach): TEMP triggers on this
// connection mark every inserted/updated/deleted library_image row and every changed tag or SKU
// link in a TEMP table (transactional: a rolled-back write leaves no mark). Before each query the
// marked images are read again. A change by another connection (PRAGMA data_version) rebuilds.
// The thumbnail worker's `thumb` updates are not marked (the index does not hold that column).
import type { Store } from '../../db/store';
import type { ImageRules } from '../../api/contract-art';

export interface IndexQuery {
  q: string;
  /** Tag ids: the tag and its sub-tags (empty array: no image can match; null: no tag filter). */
  tagIds: string[] | null;
  skuId: string | null;
  /** '' for "no use"; null: any. */
  use: string | null;
  status: string | null;
  fromAt: string | null;
  toAt: string | null;
  flagged: ImageRules | null;
  trash: boolean;
}

interface Entry {
  rowid: number;
  at: string;
  name: string;
  use: string;
  status: string;
  trashed: boolean;
  width: number;
  height: number;
  bytes: number;
  tags: string[];
  skus: string[];
}

/** Separates names in the haystack; never in a name (control characters are refused). */
const SEP = '\u0002';
const USE_CODES = ['', 'main', 'detail', 'sku', 'promo', 'home', 'model', 'closeup'];
const STATUS_CODES = ['pending', 'used', 'archived'];
const MAIN_USE = 1;
/** A value's small-number code (255 for a value the list does not know: matches nothing). */
function code(list: readonly string[], v: string): number {
  const i = list.indexOf(v);
  return i < 0 ? 255 : i;
}

interface Columns {
  rowid: Int32Array;
  at: Float64Array;
  use: Uint8Array;
  status: Uint8Array;
  trashed: Uint8Array;
  width: Int32Array;
  height: Int32Array;
  bytes: Float64Array;
  byTag: Map<string, number[]>;
  bySku: Map<string, number[]>;
  haystack: string;
  starts: Int32Array;
}

/**
 * Rows read per event-loop turn when the index is warmed in the background: images, then links
 * (each turn blocks main for a few tens of ms at most, so calls keep being answered meanwhile).
 */
const CHUNK = 2_000;
const LINK_CHUNK = 10_000;
const COLUMNS_CHUNK = 20_000;
/** Above this many changed images, sorting everything again beats patching. */
const PATCH_LIMIT = 2_000;

const ENTRY_COLUMNS = `li_all.rowid AS rowid, li_all.imported_at AS at, li_all.name_lower AS name, li_all.use AS use,
  li_all.status AS status, (li_all.deleted_at IS NOT NULL) AS trashed, li_all.width AS width, li_all.height AS height,
  li_all.bytes AS bytes,
  (SELECT group_concat(tag_id) FROM library_image_tag WHERE image_id = li_all.id) AS tags,
  (SELECT group_concat(sku_id) FROM library_image_sku WHERE image_id = li_all.id) AS skus`;
/**
 * The full build, in rowid ranges: the images, then all tag and SKU links (the links are matched to
 * their image by id in JS, not joined row by row).
 */
const RANGE_SQL = `SELECT li_all.rowid AS rowid, li_all.id AS id, li_all.imported_at AS at, li_all.name_lower AS name,
  li_all.use AS use, li_all.status AS status, (li_all.deleted_at IS NOT NULL) AS trashed, li_all.width AS width,
  li_all.height AS height, li_all.bytes AS bytes
  FROM library_image li_all WHERE li_all.rowid > @after ORDER BY li_all.rowid LIMIT @limit`;
const TAGS_SQL = `SELECT li_links.rowid AS rowid, li_links.image_id AS image, li_links.tag_id AS link
  FROM library_image_tag li_links WHERE li_links.rowid > @after ORDER BY li_links.rowid LIMIT @limit`;
const SKUS_SQL = `SELECT li_links.rowid AS rowid, li_links.image_id AS image, li_links.sku_id AS link
  FROM library_image_sku li_links WHERE li_links.rowid > @after ORDER BY li_links.rowid LIMIT @limit`;
const ROWS_SQL = `SELECT ${ENTRY_COLUMNS} FROM library_image li_all WHERE li_all.rowid IN (SELECT value FROM json_each(@rowids))`;

const TRACKING_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS library_dirty (id INTEGER PRIMARY KEY);
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_ins AFTER INSERT ON main.library_image
    BEGIN INSERT OR IGNORE INTO library_dirty VALUES (new.rowid); END;
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_upd
    AFTER UPDATE OF imported_at, name_lower, use, status, deleted_at, width, height, bytes ON main.library_image
    BEGIN INSERT OR IGNORE INTO library_dirty VALUES (old.rowid); INSERT OR IGNORE INTO library_dirty VALUES (new.rowid); END;
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_del AFTER DELETE ON main.library_image
    BEGIN INSERT OR IGNORE INTO library_dirty VALUES (old.rowid); END;
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_tag_ins AFTER INSERT ON main.library_image_tag
    BEGIN INSERT OR IGNORE INTO library_dirty SELECT rowid FROM main.library_image WHERE id = new.image_id; END;
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_tag_del AFTER DELETE ON main.library_image_tag
    BEGIN INSERT OR IGNORE INTO library_dirty SELECT rowid FROM main.library_image WHERE id = old.image_id; END;
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_sku_ins AFTER INSERT ON main.library_image_sku
    BEGIN INSERT OR IGNORE INTO library_dirty SELECT rowid FROM main.library_image WHERE id = new.image_id; END;
  CREATE TEMP TRIGGER IF NOT EXISTS library_dirty_sku_del AFTER DELETE ON main.library_image_sku
    BEGIN INSERT OR IGNORE INTO library_dirty SELECT rowid FROM main.library_image WHERE id = old.image_id; END;`;

/** Grid order: newest import first, then the higher rowid (as `ORDER BY imported_at DESC, rowid DESC`). */
function before(a: Entry, b: Entry): number {
  return a.at > b.at ? -1 : a.at < b.at ? 1 : b.rowid - a.rowid;
}

function toEntry(r: Record<string, unknown>): Entry {
  return {
    rowid: r.rowid as number,
    at: r.at as string,
    name: r.name as string,
    use: r.use as string,
    status: r.status as string,
    trashed: r.trashed === 1,
    width: r.width as number,
    height: r.height as number,
    bytes: r.bytes as number,
    tags: r.tags ? (r.tags as string).split(',') : [],
    skus: r.skus ? (r.skus as string).split(',') : [],
  };
}

export class LibraryIndex {
  private entries = new Map<number, Entry>();
  private sorted: Entry[] | null = null;
  private dataVersion = -1;
  private built = false;
  private tainted = new Set<number>();
  private warming: Promise<void> | null = null;
  private byId = new Map<string, Entry>();
  /** What a build in progress reads next ('idle': none in progress), and the last rowid it read. */
  private phase: 'idle' | 'images' | 'tags' | 'skus' = 'idle';
  private cursor = 0;
  private cols: Columns | null = null;
  /** Bumped whenever the arrays are dropped (a columns build in progress then gives up). */
  private generation = 0;

  constructor(private readonly store: Store) {}

  get ready(): boolean {
    return this.built && this.dataVersion === this.version();
  }

  private version(): number {
    return this.store.db.pragma('data_version', { simple: true }) as number;
  }

  private reset(): void {
    this.built = false;
    this.store.db.exec(TRACKING_SQL);
    this.store.db.exec('DELETE FROM temp.library_dirty');
    this.entries = new Map();
    this.byId = new Map();
    this.phase = 'idle';
    this.cursor = 0;
    this.sorted = null;
    this.cols = null;
    this.generation++;
    this.tainted = new Set();
    this.dataVersion = this.version();
  }

  private readRange(after: number, limit: number): number {
    const rows = this.store.stmt<Record<string, unknown>>(RANGE_SQL).all({ after, limit });
    for (const r of rows) {
      const e = toEntry(r);
      this.entries.set(e.rowid, e);
      this.byId.set(r.id as string, e);
    }
    return rows.length ? (rows[rows.length - 1]!.rowid as number) : -1;
  }

  /** Start a build from nothing. */
  private begin(): void {
    this.reset();
    this.phase = 'images';
    this.cursor = 0;
  }

  /**
   * One step of a build in progress: up to `limit` images, then tag links, then SKU links (after
   * all images are read: they are matched to their image by id). True when the build is complete.
   */
  private step(limit: number): boolean {
    if (this.phase === 'images') {
      const last = this.readRange(this.cursor, limit);
      if (last >= 0) this.cursor = last;
      else [this.phase, this.cursor] = ['tags', 0];
      return false;
    }
    if (this.phase === 'tags' || this.phase === 'skus') {
      const key = this.phase;
      const rows = this.store
        .stmt<{ rowid: number; image: string; link: string }>(key === 'tags' ? TAGS_SQL : SKUS_SQL)
        .all({ after: this.cursor, limit: Math.max(limit, LINK_CHUNK) });
      for (const r of rows) this.byId.get(r.image)?.[key].push(r.link);
      if (rows.length) this.cursor = rows[rows.length - 1]!.rowid;
      else [this.phase, this.cursor] = [key === 'tags' ? 'skus' : 'idle', 0];
      if (this.phase !== 'idle') return false;
    }
    this.byId = new Map();
    return true;
  }

  /**
   * Build in the background, a chunk per event-loop turn, so main stays responsive (the grid and
   * the searches are answered by SQL meanwhile; changes made between chunks are marked and re-read).
   * The grid order and the flat arrays are made in turns of their own at the end.
   */
  warm(): Promise<void> {
    if (this.ready) return Promise.resolve();
    if (this.warming) return this.warming;
    this.warming = (async () => {
      const turn = () => new Promise((r) => setImmediate(r));
      // Abandoned (closed, a transaction open, another connection wrote) or finished by a query.
      const stale = () =>
        !this.store.db.open || this.store.db.inTransaction || this.dataVersion !== this.version();
      try {
        if (!this.store.db.open || this.store.db.inTransaction) return;
        this.begin();
        for (let done = false; !done;) {
          await turn();
          if (this.built || this.phase === 'idle' || stale()) return;
          done = this.step(CHUNK);
        }
        this.built = true;
        await turn();
        if (stale() || !this.built) return;
        this.order();
        await turn();
        if (stale() || !this.built) return;
        const build = this.buildColumns();
        for (let r = build.next(); !r.done; r = build.next()) {
          await turn();
          if (stale() || !this.built) return;
        }
      } finally {
        this.warming = null;
      }
    })();
    return this.warming;
  }

  /** Bring the index up to date with the database. Cheap when nothing changed. */
  private refresh(): void {
    const { store } = this;
    if (!this.built || this.dataVersion !== this.version()) {
      // A background build in progress on the same data is continued, not started again (the
      // rows it read are current: changes since are marked and re-read below).
      const resume = this.phase !== 'idle' && this.dataVersion === this.version() && !store.db.inTransaction;
      if (!resume) this.begin();
      while (!this.step(50_000));
      // Built inside a transaction that may roll back: build again next time.
      this.built = !store.db.inTransaction;
      if (!resume) return;
    }
    const marked = store
      .stmt<{ id: number }>('SELECT id FROM temp.library_dirty')
      .all()
      .map((r) => r.id);
    if (!marked.length && !this.tainted.size) return;
    const rowids = new Set([...this.tainted, ...marked]);
    const changed: Entry[] = [];
    for (const id of rowids) {
      const old = this.entries.get(id);
      if (old) changed.push(old);
      this.entries.delete(id);
    }
    const fresh = store
      .stmt<Record<string, unknown>>(ROWS_SQL)
      .all({ rowids: JSON.stringify([...rowids]) })
      .map(toEntry);
    for (const e of fresh) this.entries.set(e.rowid, e);
    store.db.exec('DELETE FROM temp.library_dirty');
    this.patch(new Set(changed), fresh);
    this.cols = null;
    this.generation++;
    // Inside a transaction the rows just read may still roll back (and bring back none of the
    // marks just deleted): remember them in memory and read them again next time.
    this.tainted = store.db.inTransaction ? rowids : new Set();
  }

  private patch(changed: Set<Entry>, fresh: Entry[]): void {
    if (!this.sorted) return;
    if (changed.size + fresh.length > PATCH_LIMIT) {
      this.sorted = null;
      return;
    }
    const kept = changed.size ? this.sorted.filter((e) => !changed.has(e)) : this.sorted;
    for (const e of fresh) {
      let lo = 0;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(kept[mid]!, e) < 0) lo = mid + 1;
        else hi = mid;
      }
      kept.splice(lo, 0, e);
    }
    this.sorted = kept;
  }

  private order(): Entry[] {
    return (this.sorted ??= [...this.entries.values()].sort(before));
  }

  /** The grid order as flat arrays (rebuilt after a change; a pass over them takes ~1 ms). */
  private columns(): Columns {
    if (this.cols) return this.cols;
    const build = this.buildColumns();
    for (let r = build.next(); ; r = build.next()) if (r.done) return r.value!;
  }

  /**
   * Make the flat arrays, yielding every COLUMNS_CHUNK entries (the background build takes a turn
   * between). Gives up (returns null) when the index changed in between; else stores and returns them.
   */
  private *buildColumns(): Generator<void, Columns | null> {
    const gen = this.generation;
    const entries = this.order();
    const n = entries.length;
    const c: Columns = {
      rowid: new Int32Array(n),
      at: new Float64Array(n),
      use: new Uint8Array(n),
      status: new Uint8Array(n),
      trashed: new Uint8Array(n),
      width: new Int32Array(n),
      height: new Int32Array(n),
      bytes: new Float64Array(n),
      byTag: new Map(),
      bySku: new Map(),
      haystack: '',
      starts: new Int32Array(n + 1),
    };
    const names: string[] = [];
    let at = 0;
    for (let i = 0; i < n; i++) {
      if (i % COLUMNS_CHUNK === COLUMNS_CHUNK - 1) {
        yield;
        if (gen !== this.generation) return null;
      }
      const e = entries[i]!;
      c.rowid[i] = e.rowid;
      c.at[i] = Date.parse(e.at);
      c.use[i] = code(USE_CODES, e.use);
      c.status[i] = code(STATUS_CODES, e.status);
      c.trashed[i] = e.trashed ? 1 : 0;
      c.width[i] = e.width;
      c.height[i] = e.height;
      c.bytes[i] = e.bytes;
      for (const t of e.tags) (c.byTag.get(t) ?? c.byTag.set(t, []).get(t)!).push(i);
      for (const k of e.skus) (c.bySku.get(k) ?? c.bySku.set(k, []).get(k)!).push(i);
      c.starts[i] = at;
      at += e.name.length + 1;
      names.push(e.name);
    }
    c.starts[n] = at;
    // One string: one indexOf over it finds matches far faster than testing 100,000 strings.
    c.haystack = names.join(SEP);
    this.cols = c;
    return c;
  }

  /** One page of matching rowids in grid order, and how many match in all. */
  query(f: IndexQuery, offset: number, limit: number): { rowids: number[]; total: number } {
    this.refresh();
    const c = this.columns();
    const n = c.rowid.length;
    // Positions allowed by the selective parts (tag, SKU, name): a mark per position.
    let mark: Uint8Array | null = null;
    let needed = 0;
    const require = (positions: Iterable<number>) => {
      mark ??= new Uint8Array(n);
      needed++;
      for (const p of positions) if (mark[p] === needed - 1) mark[p] = needed;
    };
    if (f.tagIds) {
      const seen = new Set<number>();
      for (const t of f.tagIds) for (const p of c.byTag.get(t) ?? []) seen.add(p);
      require(seen);
    }
    if (f.skuId !== null) require(c.bySku.get(f.skuId) ?? []);
    // Control characters never occur in names people search for; the separator is one.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const q = f.q.toLowerCase().replace(/[\u0000-\u001f]/g, '');
    if (q) require(this.nameMatches(c, q));
    const use = f.use === null ? -1 : code(USE_CODES, f.use);
    const status = f.status === null ? -1 : code(STATUS_CODES, f.status);
    const from = f.fromAt === null ? -Infinity : Date.parse(f.fromAt);
    const to = f.toAt === null ? Infinity : Date.parse(f.toAt);
    const trash = f.trash ? 1 : 0;
    const rules = f.flagged;
    const rowids: number[] = [];
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (mark !== null && (mark as Uint8Array)[i] !== needed) continue;
      if (c.trashed[i] !== trash) continue;
      if (use >= 0 && c.use[i] !== use) continue;
      if (status >= 0 && c.status[i] !== status) continue;
      const at = c.at[i]!;
      if (at < from || at >= to) continue;
      if (rules) {
        const w = c.width[i]!;
        const h = c.height[i]!;
        const broken =
          c.use[i] === MAIN_USE &&
          ((rules.mainSquare && w !== h) ||
            Math.min(w, h) < rules.mainMinSide ||
            c.bytes[i]! > rules.mainMaxBytes);
        if (!broken) continue;
      }
      if (total >= offset && rowids.length < limit) rowids.push(c.rowid[i]!);
      total++;
    }
    return { rowids, total };
  }

  /** Positions whose lower-case folder/file name contains `q`. */
  private nameMatches(c: Columns, q: string): number[] {
    const found: number[] = [];
    const { haystack, starts } = c;
    const n = c.rowid.length;
    for (let pos = haystack.indexOf(q); pos !== -1;) {
      // The record holding `pos`: the last start at or before it.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      found.push(lo);
      if (lo + 1 >= n) break;
      pos = haystack.indexOf(q, starts[lo + 1]!);
    }
    return found;
  }
}

const indexes = new WeakMap<Store, LibraryIndex>();

/** The library index of a store (one per connection). */
export function libraryIndex(store: Store): LibraryIndex {
  let idx = indexes.get(store);
  if (!idx) indexes.set(store, (idx = new LibraryIndex(store)));
  return idx;
}
