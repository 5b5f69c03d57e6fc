// An in-memory index of the catalog for the list and its search box. A full scan of 50,000 SKUs
// in SQLite takes tens of milliseconds (each row is decoded); the same scan over JS strings takes
// a few. The index holds, per SKU, the search text and the fields the list filters and sorts on;
// the page's rows are then read from SQLite by rowid.
//
// Staying correct without trusting callers: TEMP triggers on this connection record every
// inserted/updated/deleted sku and product row in TEMP tables. Those tables are transactional,
// so a rolled-back write leaves no mark, and every write — through the services or not — is
// seen. Before each query the index re-reads the marked rows. A change made by another
// connection (PRAGMA data_version moves) rebuilds the index.
import type { Store } from '../../db/store';

export interface IndexFilter {
  q: string;
  listed: 'all' | 'listed' | 'unlisted';
  status: 'active' | 'archived' | 'all';
  category: string;
}
export type IndexSortField = 'title' | 'code' | 'priceFen' | 'costFen' | 'updatedAt';

interface Entry {
  rowid: number;
  productId: string;
  text: string;
  listed: boolean;
  archived: boolean;
  category: string;
  title: string;
  code: string;
  priceFen: number;
  costFen: number;
  updatedAt: string;
}

const ENTRY_SQL = `SELECT s.rowid AS rowid, s.product_id AS productId, s.search_text AS text, p.listed AS listed,
    (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived, p.category AS category, p.title AS title,
    s.code AS code, s.price_fen AS priceFen, s.cost_fen AS costFen, s.updated_at AS updatedAt
  FROM sku s JOIN product p ON p.id = s.product_id
  WHERE s.deleted_at IS NULL AND p.deleted_at IS NULL`;

const TRACKING_SQL = `
  CREATE TEMP TABLE IF NOT EXISTS catalog_dirty_sku (id INTEGER PRIMARY KEY);
  CREATE TEMP TABLE IF NOT EXISTS catalog_dirty_product (id TEXT PRIMARY KEY);
  CREATE TEMP TRIGGER IF NOT EXISTS catalog_sku_ins AFTER INSERT ON main.sku
    BEGIN INSERT OR IGNORE INTO catalog_dirty_sku VALUES (new.rowid); END;
  CREATE TEMP TRIGGER IF NOT EXISTS catalog_sku_upd AFTER UPDATE ON main.sku
    BEGIN INSERT OR IGNORE INTO catalog_dirty_sku VALUES (old.rowid); INSERT OR IGNORE INTO catalog_dirty_sku VALUES (new.rowid); END;
  CREATE TEMP TRIGGER IF NOT EXISTS catalog_sku_del AFTER DELETE ON main.sku
    BEGIN INSERT OR IGNORE INTO catalog_dirty_sku VALUES (old.rowid); END;
  CREATE TEMP TRIGGER IF NOT EXISTS catalog_product_ins AFTER INSERT ON main.product
    BEGIN INSERT OR IGNORE INTO catalog_dirty_product VALUES (new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS catalog_product_upd AFTER UPDATE ON main.product
    BEGIN INSERT OR IGNORE INTO catalog_dirty_product VALUES (new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS catalog_product_del AFTER DELETE ON main.product
    BEGIN INSERT OR IGNORE INTO catalog_dirty_product VALUES (old.id); END;`;

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Separates records in an order's haystack; never in a search text or a query. */
const RECORD_SEP = '\u0002';
/** Above this many changed rows, rebuilding the orders beats patching them. */
const PATCH_LIMIT = 2_000;

/**
 * The entries in one sort order, and (built on the first search) their search texts joined into
 * one string: one indexOf over it finds matches several times faster than testing 50,000
 * separate strings.
 */
interface Order {
  field: IndexSortField;
  entries: Entry[];
  haystack: { text: string; starts: Int32Array } | null;
}

function comparator(field: IndexSortField): (a: Entry, b: Entry) => number {
  return (a, b) => compare(a[field], b[field]) || compare(a.code, b.code) || a.rowid - b.rowid;
}

export class CatalogIndex {
  private entries = new Map<number, Entry>();
  private orders = new Map<IndexSortField, Order>();
  private dataVersion = -1;
  private built = false;
  private taintedSkus = new Set<number>();
  private taintedProducts = new Set<string>();

  constructor(private readonly store: Store) {}

  /** Bring the index up to date with the database. Cheap when nothing changed. */
  private refresh(): void {
    const { store } = this;
    const version = store.db.pragma('data_version', { simple: true }) as number;
    if (!this.built || version !== this.dataVersion) {
      store.db.exec(TRACKING_SQL);
      store.db.exec('DELETE FROM temp.catalog_dirty_sku; DELETE FROM temp.catalog_dirty_product;');
      this.entries = new Map();
      for (const e of store.stmt<Record<string, unknown>>(ENTRY_SQL).all()) this.put(e);
      this.orders.clear();
      // Built inside a transaction that may roll back: build again next time.
      this.built = !store.db.inTransaction;
      this.dataVersion = version;
      this.taintedSkus = new Set();
      this.taintedProducts = new Set();
      return;
    }
    const dirty = store
      .stmt<{ n: number }>(
        'SELECT (SELECT COUNT(*) FROM temp.catalog_dirty_sku) + (SELECT COUNT(*) FROM temp.catalog_dirty_product) AS n',
      )
      .get()!.n;
    if (!dirty && !this.taintedSkus.size && !this.taintedProducts.size) return;
    const skus = new Set([
      ...this.taintedSkus,
      ...store
        .stmt<{ id: number }>('SELECT id FROM temp.catalog_dirty_sku')
        .all()
        .map((r) => r.id),
    ]);
    const products = new Set([
      ...this.taintedProducts,
      ...store
        .stmt<{ id: string }>('SELECT id FROM temp.catalog_dirty_product')
        .all()
        .map((r) => r.id),
    ]);
    // Forget the marked rows, then read back those that still exist.
    const changed = new Set<number>();
    for (const id of skus) if (this.entries.delete(id)) changed.add(id);
    if (products.size)
      for (const [rowid, e] of this.entries)
        if (products.has(e.productId)) {
          this.entries.delete(rowid);
          changed.add(rowid);
        }
    const rows = store
      .stmt<Record<string, unknown>>(
        `${ENTRY_SQL} AND (s.rowid IN (SELECT value FROM json_each(@skus))
           OR s.product_id IN (SELECT value FROM json_each(@products)))`,
      )
      .all({ skus: JSON.stringify([...skus]), products: JSON.stringify([...products]) });
    const fresh = rows.map((r) => this.put(r));
    store.db.exec('DELETE FROM temp.catalog_dirty_sku; DELETE FROM temp.catalog_dirty_product;');
    this.patchOrders(changed, fresh);
    // Inside a transaction we may have read writes that will still roll back — and the rollback
    // would bring back none of the marks just deleted. Remember these rows in memory (which no
    // rollback touches) and read them again next time. Reads normally run outside transactions
    // (the router's 'read' mode), so this is the rare path.
    if (store.db.inTransaction) {
      this.taintedSkus = skus;
      this.taintedProducts = products;
    } else {
      this.taintedSkus = new Set();
      this.taintedProducts = new Set();
    }
  }

  /**
   * Keep the built sort orders instead of sorting 50,000 entries again after every edit: drop the
   * changed rows and insert their new versions where they belong.
   */
  private patchOrders(changed: Set<number>, fresh: Entry[]): void {
    if (!changed.size && !fresh.length) return;
    if (changed.size + fresh.length > PATCH_LIMIT) {
      this.orders.clear();
      return;
    }
    for (const order of this.orders.values()) {
      const cmp = comparator(order.field);
      const kept = changed.size ? order.entries.filter((e) => !changed.has(e.rowid)) : order.entries;
      for (const e of fresh) {
        let lo = 0;
        let hi = kept.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cmp(kept[mid]!, e) < 0) lo = mid + 1;
          else hi = mid;
        }
        kept.splice(lo, 0, e);
      }
      order.entries = kept;
      order.haystack = null;
    }
  }

  private put(r: Record<string, unknown>): Entry {
    const e: Entry = {
      rowid: r.rowid as number,
      productId: r.productId as string,
      text: r.text as string,
      listed: r.listed === 1,
      archived: r.archived === 1,
      category: r.category as string,
      title: r.title as string,
      code: r.code as string,
      priceFen: r.priceFen as number,
      costFen: r.costFen as number,
      updatedAt: r.updatedAt as string,
    };
    this.entries.set(e.rowid, e);
    return e;
  }

  /** Entries sorted ascending by `field`, then 商家编码 (unique); built lazily per field. */
  private order(field: IndexSortField): Order {
    let o = this.orders.get(field);
    if (!o) {
      o = { field, entries: [...this.entries.values()].sort(comparator(field)), haystack: null };
      this.orders.set(field, o);
    }
    return o;
  }

  /** Positions in the order of the entries whose search text contains `q`, ascending. */
  private matches(order: Order, q: string): number[] {
    if (!order.haystack) {
      const starts = new Int32Array(order.entries.length);
      let at = 0;
      order.entries.forEach((e, i) => {
        starts[i] = at;
        at += e.text.length + 1;
      });
      order.haystack = { text: order.entries.map((e) => e.text).join(RECORD_SEP), starts };
    }
    const { text, starts } = order.haystack;
    const found: number[] = [];
    for (let pos = text.indexOf(q); pos !== -1;) {
      // The record holding `pos`: the last start at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= pos) lo = mid;
        else hi = mid - 1;
      }
      found.push(lo);
      if (lo + 1 >= starts.length) break;
      pos = text.indexOf(q, starts[lo + 1]!);
    }
    return found;
  }

  /** One page of matching SKU rowids, in order, and how many match in all. */
  query(
    filter: IndexFilter,
    sort: { field: IndexSortField; order: 'asc' | 'desc' },
    offset: number,
    limit: number,
  ): { rowids: number[]; total: number } {
    this.refresh();
    const order = this.order(sort.field);
    // Control characters never occur in what people search for, and the separators are one.
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const q = filter.q.toLowerCase().replace(/[\u0000-\u001f]/g, '');
    const listed = filter.listed === 'all' ? null : filter.listed === 'listed';
    const archived = filter.status === 'all' ? null : filter.status === 'archived';
    const { category } = filter;
    const { entries } = order;
    const positions = q ? this.matches(order, q) : null;
    const n = positions ? positions.length : entries.length;
    const asc = sort.order === 'asc';
    const rowids: number[] = [];
    let total = 0;
    for (let k = 0; k < n; k++) {
      const i = asc ? k : n - 1 - k;
      const e = entries[positions ? positions[i]! : i]!;
      if (archived !== null && e.archived !== archived) continue;
      if (listed !== null && e.listed !== listed) continue;
      if (category && e.category !== category) continue;
      if (total >= offset && rowids.length < limit) rowids.push(e.rowid);
      total++;
    }
    return { rowids, total };
  }
}

const indexes = new WeakMap<Store, CatalogIndex>();

/** The catalog index of a store (one per connection). */
export function catalogIndex(store: Store): CatalogIndex {
  let idx = indexes.get(store);
  if (!idx) indexes.set(store, (idx = new CatalogIndex(store)));
  return idx;
}
