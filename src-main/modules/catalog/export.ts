// CSV export of the catalog (saved and streamed by lib/export.ts).
import type { ExportResult } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { exportCsv, writeQueryCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { sqlFormatYuan } from '../../lib/money';
import { COLUMNS } from './import';
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

/** The catalog rows matching `filter`, as CSV lines. */
export function catalogCsvQuery(filter: Filter): CsvQuery {
  const { where, params } = filterSql(filter);
  return {
    header: EXPORT_HEADER,
    sql: `SELECT ${LINE_SQL} FROM sku s JOIN product p ON p.id = s.product_id WHERE ${where} ORDER BY p.title, s.code`,
    params,
  };
}

/** Write the catalog rows matching `filter` to `filePath`; returns the number of rows. */
export function writeCatalogCsv(
  store: Store,
  filePath: string,
  filter: Filter,
  encoding: CsvEncoding,
): Promise<number> {
  return writeQueryCsv(store, filePath, catalogCsvQuery(filter), encoding);
}

export function exportCatalog(
  store: Store,
  host: Host,
  input: { filter: Filter; encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '商品资料', input.encoding, () => catalogCsvQuery(input.filter));
}
