// The warehouse tab (仓储): which sub-page is shown, the bins (used by every page's bin choices),
// the document list, and the document open in the editor. Main is the source of truth: after
// every write the store reloads from it.
import { create } from 'zustand';
import type { Bin, DocStatus, DocType, StockDocumentRow } from '../../../src-main/api/contract';
import { api, ApiFailure, errorText } from '../api';
export { DOC_TYPES } from '../../../src-main/api/values';

export type WarehousePage =
  | 'catalog'
  | 'documents'
  | 'balances'
  | 'ledger'
  | 'bins'
  | 'shipping'
  | 'returns'
  | 'stocktake'
  | 'alerts'
  | 'rota'
  | 'assessment'
  | 'samples';

export const DIRECTION: Readonly<Record<DocType, 'in' | 'out' | 'transfer'>> = {
  purchase_in: 'in',
  return_in: 'in',
  other_in: 'in',
  sales_out: 'out',
  other_out: 'out',
  transfer: 'transfer',
};

export interface DocQuery {
  q: string;
  type: DocType | '';
  status: DocStatus | '';
  /** docDate range, shop-local yyyy-mm-dd. */
  from: string;
  to: string;
  offset: number;
  limit: number;
}
export const EMPTY_DOC_QUERY: DocQuery = {
  q: '',
  type: '',
  status: '',
  from: '',
  to: '',
  offset: 0,
  limit: 50,
};

/** What the ledger page should show when opened from elsewhere (a balance row). */
export interface LedgerPreset {
  skuId: string;
  skuLabel: string;
  binId?: string;
}

interface WarehouseState {
  page: WarehousePage | null;
  setPage(page: WarehousePage): void;

  bins: Bin[];
  binsLoaded: boolean;
  binsLoading: boolean;
  binsError: string | null;
  /** All bins, retired ones included (choices filter them out). */
  loadBins(): Promise<void>;

  docQuery: DocQuery;
  docs: StockDocumentRow[];
  docTotal: number;
  docsLoading: boolean;
  docsLoaded: boolean;
  docsError: string | null;
  setDocQuery(patch: Partial<DocQuery>): Promise<void>;
  loadDocs(): Promise<void>;

  /** The document open in the editor: an id, 'new', or null. */
  openDoc: string | null;
  openDocument(id: string | null): void;

  ledgerPreset: LedgerPreset | null;
  /** Switch to 物资明细账 filtered to one SKU. */
  showLedger(preset: LedgerPreset): void;
  takeLedgerPreset(): LedgerPreset | null;

  /** Forget everything (sign-out). */
  reset(): void;
}

let docSeq = 0;

const BLANK = {
  page: null,
  bins: [],
  binsLoaded: false,
  binsLoading: false,
  binsError: null,
  docQuery: EMPTY_DOC_QUERY,
  docs: [],
  docTotal: 0,
  docsLoading: false,
  docsLoaded: false,
  docsError: null,
  openDoc: null,
  ledgerPreset: null,
} satisfies Partial<WarehouseState>;

export const useWarehouse = create<WarehouseState>()((set, get) => ({
  ...BLANK,

  setPage(page) {
    set({ page });
  },

  async loadBins() {
    set({ binsLoading: true, binsError: null });
    try {
      const bins = await api.warehouse.listBins({ includeRetired: true });
      set({ bins, binsLoading: false, binsLoaded: true });
    } catch (e) {
      set({ binsLoading: false, binsError: errorText(e) });
    }
  },

  async setDocQuery(patch) {
    set({ docQuery: { ...get().docQuery, offset: 0, ...patch } });
    return get().loadDocs();
  },

  async loadDocs() {
    const mine = ++docSeq;
    const q = get().docQuery;
    set({ docsLoading: true, docsError: null });
    try {
      const page = await api.warehouse.listDocuments({
        q: q.q,
        ...(q.type ? { type: q.type } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
        offset: q.offset,
        limit: q.limit,
      });
      if (mine !== docSeq) return;
      set({ docs: page.rows, docTotal: page.total, docsLoading: false, docsLoaded: true });
    } catch (e) {
      if (mine !== docSeq) return;
      set({ docsLoading: false, docsError: errorText(e) });
      if (!(e instanceof ApiFailure)) throw e;
    }
  },

  openDocument(id) {
    set({ openDoc: id });
  },

  showLedger(preset) {
    set({ ledgerPreset: preset, page: 'ledger' });
  },

  takeLedgerPreset() {
    const p = get().ledgerPreset;
    if (p) set({ ledgerPreset: null });
    return p;
  },

  reset() {
    docSeq++;
    set(BLANK);
  },
}));

/** Bins a person may put stock into or take it from (not retired), in walk order. */
export function activeBins(bins: Bin[]): Bin[] {
  return bins
    .filter((b) => !b.retired)
    .sort((a, b) => a.walkOrder - b.walkOrder || a.code.localeCompare(b.code));
}
