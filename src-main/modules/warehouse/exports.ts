// CSV exports of the warehouse (saved and streamed by lib/export.ts): the document list (one row
// per line with its document's header fields) and the balances (with reserved, available, value).
import type { DocStatus, DocType, ExportResult } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { sqlFormatYuan } from '../../lib/money';
import { shopTimeZone } from '../staff/service';
import { documentFilterSql, reservedSql } from './service';

const TYPE_LABEL: Readonly<Record<DocType, string>> = {
  purchase_in: '采购入库',
  return_in: '退货入库',
  other_in: '其他入库',
  sales_out: '销售出库',
  other_out: '其他出库',
  transfer: '调拨',
};
const typeSql = (expr: string) =>
  `CASE ${expr} ${Object.entries(TYPE_LABEL)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ')} ELSE ${expr} END`;

/** The shop zone's current UTC offset as an SQLite modifier, e.g. '+480 minutes'. */
export function offsetModifier(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  const minutes = Math.round((local - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  return `${minutes >= 0 ? '+' : ''}${minutes} minutes`;
}

export const DOCUMENTS_HEADER = [
  '单据编号',
  '单据类型',
  '状态',
  '单据日期',
  '往来单位',
  '事由',
  '订单号',
  '备注',
  '过账时间',
  '过账人',
  '行号',
  '商家编码',
  '商品名称',
  '规格',
  '库位',
  '调入库位',
  '数量',
  '单价',
  '金额',
  '行备注',
];

export function documentsCsvQuery(
  store: Store,
  filter: {
    type?: DocType | undefined;
    status?: DocStatus | undefined;
    q: string;
    from?: string | undefined;
    to?: string | undefined;
  },
): CsvQuery {
  const { where, params } = documentFilterSql(filter);
  const line = sqlCsvLine([
    sqlCsvText('d.number'),
    typeSql('d.type'),
    `CASE d.status WHEN 'posted' THEN '已过账' ELSE '草稿' END`,
    sqlCsvText('d.doc_date'),
    sqlCsvText('d.counterpart'),
    sqlCsvText('d.reason'),
    sqlCsvText('d.order_ref'),
    sqlCsvText('d.notes'),
    `COALESCE(strftime('%Y-%m-%d %H:%M', d.posted_at, @tzOffset), '')`,
    sqlCsvText('st.name'),
    'l.line_no',
    sqlCsvText('s.code'),
    sqlCsvText('p.title'),
    sqlCsvText('s.spec'),
    sqlCsvText('b.code'),
    sqlCsvText('tb.code'),
    'l.quantity',
    sqlFormatYuan('l.unit_cost_fen'),
    sqlFormatYuan('l.quantity * l.unit_cost_fen'),
    sqlCsvText('l.note'),
  ]);
  return {
    header: DOCUMENTS_HEADER,
    sql: `SELECT ${line} FROM stock_document d JOIN stock_document_line l ON l.document_id = d.id
      JOIN sku s ON s.id = l.sku_id JOIN product p ON p.id = s.product_id JOIN bin b ON b.id = l.bin_id
      LEFT JOIN bin tb ON tb.id = l.to_bin_id LEFT JOIN staff st ON st.id = d.posted_by
      WHERE ${where} ORDER BY d.doc_date DESC, d.created_at DESC, d.number DESC, l.line_no`,
    params: { ...params, tzOffset: offsetModifier(shopTimeZone(store)) },
  };
}

export const BALANCES_HEADER = [
  '商家编码',
  '商品名称',
  '规格',
  '库位',
  '现存',
  '待发货占用',
  '可用',
  '成本单价',
  '库存金额',
];

export function balancesCsvQuery(filter: {
  q: string;
  binId?: string | undefined;
  onlyNonZero: boolean;
}): CsvQuery {
  const parts = ['1 = 1'];
  const params: Record<string, unknown> = {};
  if (filter.binId) {
    parts.push('sb.bin_id = @binId');
    params.binId = filter.binId;
  }
  if (filter.onlyNonZero) parts.push('sb.on_hand <> 0');
  if (filter.q) {
    parts.push('instr(s.search_text, @q) > 0');
    params.q = filter.q.toLowerCase();
  }
  const reserved = reservedSql('sb.sku_id', 'sb.bin_id');
  const line = sqlCsvLine([
    sqlCsvText('s.code'),
    sqlCsvText('p.title'),
    sqlCsvText('s.spec'),
    sqlCsvText('b.code'),
    'sb.on_hand',
    reserved,
    `sb.on_hand - ${reserved}`,
    sqlFormatYuan('s.cost_fen'),
    sqlFormatYuan('sb.on_hand * s.cost_fen'),
  ]);
  return {
    header: BALANCES_HEADER,
    sql: `SELECT ${line} FROM stock_balance sb JOIN sku s ON s.id = sb.sku_id JOIN product p ON p.id = s.product_id
      JOIN bin b ON b.id = sb.bin_id WHERE ${parts.join(' AND ')} ORDER BY s.code, b.walk_order, b.code`,
    params,
  };
}

export function exportDocuments(
  store: Store,
  host: Host,
  input: Parameters<typeof documentsCsvQuery>[1] & { encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '出入库单据', input.encoding, () => documentsCsvQuery(store, input));
}

export function exportBalances(
  store: Store,
  host: Host,
  input: Parameters<typeof balancesCsvQuery>[0] & { encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '库存余额', input.encoding, () => balancesCsvQuery(input));
}
