// Saving a CSV report: ask the host where to save, then stream rows that SQLite renders as whole
// CSV lines (see `sqlCsvLine`) from a read-only connection — its own consistent snapshot, so the
// main connection stays free while a big file is written. Every CSV export goes through here.
import type { ExportResult } from '../api/contract';
import type { Host } from '../api/host';
import type { Store } from '../db/store';
import { writeCsvFile } from './csv';
import { shopTimeZone } from '../modules/staff/service';

export type CsvEncoding = 'utf8bom' | 'gbk';

export interface CsvQuery {
  header: readonly string[];
  /** A SELECT whose single column is one finished CSV line (CRLF included). */
  sql: string;
  params?: Record<string, unknown> | unknown[];
}

/** Stream `query`'s lines to `filePath`; returns the number of data rows. */
export async function writeQueryCsv(
  store: Store,
  filePath: string,
  query: CsvQuery,
  encoding: CsvEncoding,
): Promise<number> {
  const reader = store.openReader();
  try {
    const stmt = reader.prepare(query.sql).pluck(true);
    const lines = (
      query.params === undefined ? stmt.iterate() : stmt.iterate(query.params)
    ) as IterableIterator<string>;
    const res = await writeCsvFile(filePath, { encoding, header: query.header, lines });
    return res.rows;
  } finally {
    reader.close();
  }
}

/**
 * Ask where to save (`<baseName>_<shop-local yyyymmdd>.csv` suggested), then write. `query` may be
 * a function so that building it (reading settings, resolving names) happens only if the person
 * did not cancel.
 */
export async function exportCsv(
  store: Store,
  host: Host,
  baseName: string,
  encoding: CsvEncoding,
  query: CsvQuery | (() => CsvQuery),
): Promise<ExportResult> {
  const day = store.localDay(shopTimeZone(store));
  const path = await host.chooseSavePath({
    defaultName: `${baseName}_${day}.csv`,
    filterName: 'CSV',
    extensions: ['csv'],
  });
  if (!path) return { cancelled: true };
  const rows = await writeQueryCsv(store, path, typeof query === 'function' ? query() : query, encoding);
  return { cancelled: false, path, rows };
}
