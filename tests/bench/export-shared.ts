// What export-1m.ts and its child process (export-child.ts) share.
import type { Filter } from '../../src-main/modules/catalog/service';

/** Every SKU, archived ones included. */
export const ALL_ROWS: Filter = { q: '', listed: 'all', status: 'all', category: '' };

/** The child's answer, one JSON line on stdout. */
export interface ChildResult {
  rows: number;
  ms: number;
  /** Peak resident set size of the child (Linux VmHWM), bytes. */
  maxRss: number;
  /** RSS and heap used just before the export started. */
  rssBefore: number;
  heapBefore: number;
  /** Highest heap used seen while exporting (sampled every 20 ms while the writer waits to drain). */
  heapPeak: number;
  /** Highest heap committed (heapTotal) and RSS seen by the same sampling. */
  heapTotalPeak: number;
  rssPeak: number;
  /** Highest external + ArrayBuffer memory seen (Buffers of encoded chunks). */
  external: number;
}
