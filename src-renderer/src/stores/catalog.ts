// The catalog list: filter, sort and the rows loaded so far. Catalogs reach 50,000 SKUs, so rows
// come in pages as the person scrolls; after every write the store reloads from main (the
// database is the source of truth).
import { create } from 'zustand';
import type { SkuRow } from '../../../src-main/api/contract';
import { api, ApiFailure, errorText } from '../api';

export const PAGE_SIZE = 200;
/** The contract's largest page. */
const MAX_LIMIT = 500;

export type SortField = 'title' | 'code' | 'priceFen' | 'costFen' | 'updatedAt';
export interface CatalogQuery {
  q: string;
  listed: 'all' | 'listed' | 'unlisted';
  status: 'active' | 'archived' | 'all';
  category: string;
}
export interface CatalogSort {
  field: SortField;
  order: 'asc' | 'desc';
}

export const EMPTY_FILTER: CatalogQuery = { q: '', listed: 'all', status: 'active', category: '' };
export const DEFAULT_SORT: CatalogSort = { field: 'updatedAt', order: 'desc' };

interface CatalogState {
  filter: CatalogQuery;
  sort: CatalogSort;
  rows: SkuRow[];
  total: number;
  /** A first page is loading (the table shows a spinner). */
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Has a first page ever loaded (to tell "empty catalog" from "not loaded yet"). */
  loaded: boolean;
  selectedSkuId: string | null;
  /** The product open in the drawer: an id, 'new', or null. */
  openProduct: string | null;
  /** Categories seen so far, for the category filter. */
  categories: string[];
  /** Bumped on each fresh load so the table can scroll back to the top. */
  generation: number;

  setFilter(patch: Partial<CatalogQuery>): Promise<SkuRow[]>;
  setSort(sort: CatalogSort): Promise<SkuRow[]>;
  /** Load the first page for the current filter and sort. */
  load(): Promise<SkuRow[]>;
  loadMore(): Promise<void>;
  /** Reload after a write, keeping as many rows as were shown (so the scroll position holds). */
  refresh(): Promise<void>;
  select(skuId: string | null): void;
  open(productId: string | null): void;
  /** Forget everything (sign-out): the next person starts from a clean list. */
  reset(): void;
}

let seq = 0;

/** A clean list: the first state, and the state after sign-out. */
const BLANK = {
  filter: EMPTY_FILTER,
  sort: DEFAULT_SORT,
  rows: [],
  total: 0,
  loading: false,
  loadingMore: false,
  error: null,
  loaded: false,
  selectedSkuId: null,
  openProduct: null,
} satisfies Partial<CatalogState>;

export const useCatalog = create<CatalogState>()((set, get) => {
  /** The categories in use, from main (the 类目 filter's choices); kept as they were on failure. */
  async function categories(): Promise<string[]> {
    return api.catalog.categories({}).catch(() => get().categories);
  }

  async function fetch(offset: number, limit: number) {
    const { filter, sort } = get();
    return api.catalog.list({ filter, sort, offset, limit });
  }

  return {
    ...BLANK,
    categories: [],
    generation: 0,

    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } });
      return get().load();
    },

    async setSort(sort) {
      set({ sort });
      return get().load();
    },

    async load() {
      const mine = ++seq;
      set({ loading: true, error: null });
      try {
        const [page, cats] = await Promise.all([fetch(0, PAGE_SIZE), categories()]);
        if (mine !== seq) return page.rows;
        set({
          rows: page.rows,
          total: page.total,
          loading: false,
          loaded: true,
          categories: cats,
          generation: get().generation + 1,
        });
        return page.rows;
      } catch (e) {
        if (mine === seq) set({ loading: false, error: errorText(e) });
        if (e instanceof ApiFailure && e.code === 'UNAUTHENTICATED') return [];
        throw e;
      }
    },

    async loadMore() {
      const { rows, total, loading, loadingMore } = get();
      if (loading || loadingMore || rows.length >= total) return;
      const mine = seq;
      set({ loadingMore: true });
      try {
        const page = await fetch(rows.length, PAGE_SIZE);
        if (mine !== seq) return;
        // Drop duplicates in case a write shifted the rows between pages.
        const have = new Set(rows.map((r) => r.skuId));
        const fresh = page.rows.filter((r) => !have.has(r.skuId));
        set({
          rows: [...rows, ...fresh],
          total: page.total,
          loadingMore: false,
        });
      } catch (e) {
        if (mine === seq) set({ loadingMore: false, error: errorText(e) });
      }
    },

    async refresh() {
      const want = Math.max(get().rows.length, PAGE_SIZE);
      const mine = ++seq;
      set({ error: null });
      try {
        const rows: SkuRow[] = [];
        let total = 0;
        for (let offset = 0; offset < want; offset += MAX_LIMIT) {
          const page = await fetch(offset, Math.min(MAX_LIMIT, want - offset));
          if (mine !== seq) return;
          rows.push(...page.rows);
          total = page.total;
          if (page.rows.length < Math.min(MAX_LIMIT, want - offset)) break;
        }
        set({ rows, total, loaded: true, loading: false, categories: await categories() });
      } catch (e) {
        if (mine === seq) set({ error: errorText(e), loading: false });
      }
    },

    select(skuId) {
      set({ selectedSkuId: skuId });
    },

    open(productId) {
      set({ openProduct: productId });
    },

    reset() {
      seq++;
      set(BLANK);
    },
  };
});
