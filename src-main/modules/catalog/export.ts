// CSV export of the catalog: asks the host where to save, then streams rows from a read-only
// connection (its own consistent snapshot, and the main connection stays free for other calls
// while the file is written) through the CSV writer with bounded memory.
import type { ExportResult } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText, writeCsvFile } from '../../lib/csv';
import { sqlFormatYuan } from '../../lib/money';
import { COLUMNS } from './import';
import { shopTimeZone } from '../staff/service';
import { filterSql, type Filter } from './service';

export const EXPORT_HEADER = [
  COLUMNS.code[0],
  COLUMNS.barcode[0],
  COLUMNS.title[0],
  COLUMNS.spec[0],
  COLUMNS.styleCode[0],
  COLUMNS.category[0],
  COLUMNS.cost[0],
  COLUMNS.price[0],
  COLUMNS.listed[0],
  COLUMNS.threshold[0],
  COLUMNS.status[0],
];

/** The export's columns as SQL: SQLite renders each whole CSV line (see `sqlCsvLine`). */
const LINE_SQL = sqlCsvLine([
  sqlCsvText('s.code'),
  sqlCsvText('s.barcode'),
  sqlCsvText('p.title'),
  sqlCsvText('s.spec'),
  sqlCsvText('p.style_code'),
  sqlCsvText('p.category'),
  sqlFormatYuan('s.cost_fen'),
  sqlFormatYuan('s.price_fen'),
  `CASE WHEN p.listed THEN '是' ELSE '否' END`,
  's.low_stock_threshold',
  `CASE WHEN s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL THEN '已归档' ELSE '在用' END`,
]);

/** Write the catalog rows matching `filter` to `filePath`; returns the number of rows. */
export async function writeCatalogCsv(
  store: Store,
  filePath: string,
  filter: Filter,
  encoding: 'utf8bom' | 'gbk',
): Promise<number> {
  const reader = store.openReader();
  try {
    const { where, params } = filterSql(filter);
    const lines = reader
      .prepare(
        `SELECT ${LINE_SQL} FROM sku s JOIN product p ON p.id = s.product_id WHERE ${where} ORDER BY p.title, s.code`,
      )
      .pluck(true)
      .iterate(params) as IterableIterator<string>;
    const res = await writeCsvFile(filePath, { encoding, header: EXPORT_HEADER, lines });
    return res.rows;
  } finally {
    reader.close();
  }
}

export async function exportCatalog(
  store: Store,
  host: Host,
  input: { filter: Filter; encoding: 'utf8bom' | 'gbk' },
): Promise<ExportResult> {
  const day = store.localDay(shopTimeZone(store));
  const path = await host.chooseSavePath({
    defaultName: `商品资料_${day}.csv`,
    filterName: 'CSV',
    extensions: ['csv'],
  });
  if (!path) return { cancelled: true };
  const rows = await writeCatalogCsv(store, path, input.filter, input.encoding);
  return { cancelled: false, path, rows };
}
