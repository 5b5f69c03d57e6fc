// CSV exports of the customer-service data, all through lib/export.ts with SQL-built lines.
import type { ExportResult, OrderFilter } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { sqlFormatYuan } from '../../lib/money';
import { shopTimeZone } from '../staff/service';
import { buyerMatchSql } from './buyers';
import { dayRangeUtc, sqlMaskPhone } from './common';
import { orderFilterSql } from './orders';

/** UTC ISO text → shop-local 'yyyy-mm-dd hh:mm:ss' for a fixed offset (minutes) — the shop's now. */
export function sqlLocalTime(expr: string, offsetMinutes: number): string {
  return `CASE WHEN (${expr}) IS NULL THEN '' ELSE strftime('%Y-%m-%d %H:%M:%S', ${expr}, '${offsetMinutes >= 0 ? '+' : ''}${offsetMinutes} minutes') END`;
}

export function shopOffsetMinutes(store: Store): number {
  const tz = shopTimeZone(store);
  const now = new Date(store.now());
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' }).formatToParts(
    now,
  );
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const STATUS_SQL = (x: string) =>
  `CASE ${x} WHEN 'wait_pay' THEN '等待买家付款' WHEN 'paid' THEN '买家已付款，等待卖家发货' WHEN 'shipped' THEN '卖家已发货，等待买家确认' WHEN 'success' THEN '交易成功' WHEN 'closed' THEN '交易关闭' ELSE ${x} END`;
const FLAG_SQL = (x: string) =>
  `CASE ${x} WHEN 'red' THEN '红旗' WHEN 'yellow' THEN '黄旗' WHEN 'green' THEN '绿旗' WHEN 'blue' THEN '蓝旗' WHEN 'purple' THEN '紫旗' ELSE '' END`;

export function buyersCsvQuery(store: Store, q: string, full: boolean): CsvQuery {
  const phone = full ? 'j.value' : sqlMaskPhone('j.value');
  const line = sqlCsvLine([
    sqlCsvText('b.member_name'),
    sqlCsvText('b.real_name'),
    sqlCsvText(`(SELECT group_concat(${phone}, ' ') FROM json_each(b.phones) j)`),
    sqlCsvText(`(SELECT group_concat(j.value, ' | ') FROM json_each(b.addresses) j)`),
    sqlCsvText(`(SELECT group_concat(j.value, '、') FROM json_each(b.tags) j)`),
    sqlCsvText(`COALESCE((SELECT v.name FROM vip_level v WHERE v.level = b.vip_level), '')`),
    `(SELECT COUNT(*) FROM sales_order o WHERE o.buyer_id = b.id)`,
    sqlFormatYuan(`(SELECT COALESCE(SUM(o.paid_fen), 0) FROM sales_order o WHERE o.buyer_id = b.id)`),
    sqlCsvText(sqlLocalTime('b.created_at', shopOffsetMinutes(store))),
  ]);
  const header = [
    '买家会员名',
    '姓名',
    '手机号',
    '收货地址',
    '分组标签',
    '会员等级',
    '订单数',
    '累计实付',
    '建档时间',
  ];
  if (!q) {
    return {
      header,
      sql: `SELECT ${line} FROM buyer b WHERE b.merged_into_id IS NULL ORDER BY b.member_name`,
    };
  }
  const m = buyerMatchSql(q, '');
  return {
    header,
    sql: `SELECT ${line} FROM buyer b WHERE b.id IN (${m.sql}) ORDER BY b.member_name`,
    params: m.params,
  };
}

export function ordersCsvQuery(store: Store, filter: OrderFilter & { q: string }): CsvQuery {
  const off = shopOffsetMinutes(store);
  const { where, params } = orderFilterSql(store, filter);
  const line = sqlCsvLine([
    sqlCsvText('o.order_no'),
    sqlCsvText('o.member_name'),
    sqlCsvText(STATUS_SQL('o.status')),
    sqlFormatYuan('o.goods_fen'),
    sqlFormatYuan('o.postage_fen'),
    sqlFormatYuan('o.total_fen'),
    sqlFormatYuan('o.paid_fen'),
    'o.item_count',
    sqlCsvText(
      `(SELECT group_concat(l.title || CASE WHEN l.spec <> '' THEN '（' || l.spec || '）' ELSE '' END || '×' || l.quantity, '；') FROM sales_order_line l WHERE l.order_id = o.id)`,
    ),
    sqlCsvText('o.receiver_name'),
    sqlCsvText('o.receiver_address'),
    sqlCsvText(FLAG_SQL('o.flag')),
    sqlCsvText('o.seller_note'),
    sqlCsvText('o.buyer_message'),
    sqlCsvText(sqlLocalTime('o.ordered_at', off)),
    sqlCsvText(sqlLocalTime('o.paid_at', off)),
    sqlCsvText('o.carrier'),
    sqlCsvText('o.tracking_no'),
  ]);
  return {
    header: [
      '订单编号',
      '买家会员名',
      '订单状态',
      '商品金额',
      '邮费',
      '订单金额',
      '实付金额',
      '件数',
      '宝贝',
      '收货人',
      '收货地址',
      '旗帜',
      '卖家备注',
      '买家留言',
      '下单时间',
      '付款时间',
      '物流公司',
      '物流单号',
    ],
    sql: `SELECT ${line} FROM sales_order o WHERE ${where} ORDER BY o.ordered_at DESC, o.id DESC`,
    params,
  };
}

export function followUpsCsvQuery(store: Store, from?: string, to?: string): CsvQuery {
  const off = shopOffsetMinutes(store);
  const { fromUtc, toUtc } = dayRangeUtc(store, from, to);
  const line = sqlCsvLine([
    sqlCsvText(sqlLocalTime('f.at', off)),
    sqlCsvText('o.order_no'),
    sqlCsvText('o.member_name'),
    sqlCsvText(
      `CASE f.channel WHEN 'wangwang' THEN '旺旺' WHEN 'phone' THEN '电话' WHEN 'sms' THEN '短信' ELSE f.channel END`,
    ),
    sqlCsvText(
      `CASE f.outcome WHEN 'will_pay' THEN '答应付款' WHEN 'no_reply' THEN '未回复' WHEN 'declined' THEN '不要了' ELSE '其他' END`,
    ),
    sqlCsvText('f.note'),
    sqlCsvText(sqlLocalTime('f.remind_at', off)),
    sqlCsvText(`COALESCE(s.name, '')`),
    sqlCsvText(STATUS_SQL('o.status')),
    `CASE WHEN o.paid_at IS NOT NULL AND o.paid_at >= (SELECT MIN(f2.at) FROM order_follow_up f2 WHERE f2.order_id = o.id) THEN '是' ELSE '否' END`,
    sqlFormatYuan('o.total_fen'),
  ]);
  return {
    header: [
      '联系时间',
      '订单编号',
      '买家会员名',
      '方式',
      '结果',
      '备注',
      '提醒时间',
      '客服',
      '订单状态',
      '催付后付款',
      '订单金额',
    ],
    sql: `SELECT ${line} FROM order_follow_up f JOIN sales_order o ON o.id = f.order_id LEFT JOIN staff s ON s.id = f.staff_id
          WHERE f.at >= @fromUtc AND f.at < @toUtc ORDER BY f.at`,
    params: { fromUtc: fromUtc ?? '', toUtc: toUtc ?? '9999' },
  };
}

export function exportBuyers(
  store: Store,
  host: Host,
  q: string,
  full: boolean,
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, full ? '买家资料' : '买家资料_隐藏号码', encoding, () =>
    buyersCsvQuery(store, q, full),
  );
}
export function exportOrders(
  store: Store,
  host: Host,
  filter: OrderFilter & { q: string },
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '订单', encoding, () => ordersCsvQuery(store, filter));
}
export function exportFollowUps(
  store: Store,
  host: Host,
  input: { from?: string; to?: string },
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '催付记录', encoding, () => followUpsCsvQuery(store, input.from, input.to));
}
