// The stock ledger (物资明细账) as CSV, with the ledger page's filters, all rows, oldest first;
// with a running balance (结存) when filtered by SKU and/or bin (of the SKU in that bin when a bin
// is given), computed like the page's: a window over the SKU's whole history, taken before the other
// filters. Also the ledger's person filter: everyone who ever posted a movement.
import type { ExportResult, LedgerPerson } from '../../api/contract';
import { DOC_TYPES, type DocType } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { sqlFormatYuan } from '../../lib/money';
import { sqlShopTime } from '../alerts/shop-time-sql';
import { shopTimeZone } from '../staff/service';

export interface LedgerFilter {
  skuId?: string | undefined;
  binId?: string | undefined;
  documentId?: string | undefined;
  type?: DocType | undefined;
  staffId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Chinese names of the document types, as the UI shows them (zh-CN `warehouse.docType.*`). */
export const DOC_TYPE_NAMES: Readonly<Record<DocType, string>> = {
  purchase_in: '采购入库',
  return_in: '退货入库',
  other_in: '其他入库',
  sales_out: '销售出库',
  other_out: '其他出库',
  transfer: '调拨',
};

const BASE_HEADER = [
  '时间',
  '单号',
  '类型',
  '商家编码',
  '商品名称',
  '规格',
  '库位',
  '数量变动',
  '单位成本',
  '经办人',
] as const;

/** The ledger rows matching `filter` as CSV lines, oldest first. */
export function ledgerCsvQuery(filter: LedgerFilter, timeZone: string): CsvQuery {
  const inner: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.skuId) {
    inner.push('m.sku_id = @skuId');
    params.skuId = filter.skuId;
  }
  if (filter.binId) {
    inner.push('m.bin_id = @binId');
    params.binId = filter.binId;
  }
  // Running balance, as on the ledger page: of the SKU in all bins when filtered by SKU, of each SKU
  // in the bin when filtered by bin; none when filtered by neither.
  const withBalance = inner.length > 0;
  const source = withBalance
    ? `SELECT m.*, SUM(m.qty_delta) OVER (PARTITION BY m.sku_id ORDER BY m.seq) AS balance
       FROM stock_movement m WHERE ${inner.join(' AND ')}`
    : `SELECT m.*, NULL AS balance FROM stock_movement m`;
  const outer: string[] = [];
  if (filter.documentId) {
    outer.push('x.document_id = @documentId');
    params.documentId = filter.documentId;
  }
  if (filter.type) {
    outer.push('d.type = @type');
    params.type = filter.type;
  }
  if (filter.staffId) {
    outer.push('x.staff_id = @staffId');
    params.staffId = filter.staffId;
  }
  if (filter.from) {
    outer.push('x.at >= @from');
    params.from = new Date(filter.from).toISOString();
  }
  if (filter.to) {
    outer.push('x.at <= @to');
    params.to = new Date(filter.to).toISOString();
  }
  const typeName = `CASE d.type ${DOC_TYPES.map((t) => `WHEN '${t}' THEN '${DOC_TYPE_NAMES[t]}'`).join(' ')} END`;
  const cells = [
    sqlShopTime('x.at', timeZone),
    sqlCsvText('d.number'),
    typeName,
    sqlCsvText('s.code'),
    sqlCsvText('p.title'),
    sqlCsvText('s.spec'),
    sqlCsvText('b.code'),
    'x.qty_delta',
    sqlFormatYuan('x.unit_cost_fen'),
    sqlCsvText(`COALESCE(st.name, '')`),
  ];
  if (withBalance) cells.push('x.balance');
  return {
    header: withBalance ? [...BASE_HEADER, '结存'] : BASE_HEADER,
    sql: `SELECT ${sqlCsvLine(cells)} FROM (${source}) x
      JOIN stock_document d ON d.id = x.document_id JOIN sku s ON s.id = x.sku_id
      JOIN product p ON p.id = s.product_id JOIN bin b ON b.id = x.bin_id LEFT JOIN staff st ON st.id = x.staff_id
      ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''} ORDER BY x.seq`,
    params,
  };
}

export function exportLedger(
  store: Store,
  host: Host,
  input: LedgerFilter & { encoding: CsvEncoding },
): Promise<ExportResult> {
  const { encoding, ...filter } = input;
  return exportCsv(store, host, '物资明细账', encoding, () => ledgerCsvQuery(filter, shopTimeZone(store)));
}

/**
 * Everyone who ever posted a stock movement, active or deactivated: the ledger's person filter.
 * A movement's staff is its document's poster, so this probes stock_document_posted_by once per
 * person instead of the movement table.
 */
export function ledgerPeople(store: Store): LedgerPerson[] {
  return store
    .stmt<{ id: string; name: string; active: number }>(
      `SELECT st.id, st.name, st.active FROM staff st
       WHERE EXISTS (SELECT 1 FROM stock_document d WHERE d.posted_by = st.id)
       ORDER BY st.active DESC, st.name`,
    )
    .all()
    .map((r) => ({ id: r.id, name: r.name, active: r.active === 1 }));
}
