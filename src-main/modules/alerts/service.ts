// Low-stock alerts (库存预警, §16.7). Raising and clearing happen in SQLite triggers
// (0005_alerts.sql), so every writer of stock or catalog keeps them right; this module reads them,
// acknowledges them (who handles it, with a note) and exports them. The only writer of
// stock_alert outside those triggers.
import type { AlertCounts, AlertRow, AlertStatus, ExportResult, Paged } from '../../api/contract';
import type { DocType } from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { shopTimeZone } from '../staff/service';
import { sqlShopTime } from './shop-time-sql';

export interface AlertFilter {
  status: AlertStatus;
  q: string;
}

/** On hand in normal bins (defects bins do not count), and the SKU's newest movement's seq. */
const ON_HAND = `(SELECT COALESCE(SUM(sb.on_hand), 0) FROM stock_balance sb JOIN bin b ON b.id = sb.bin_id
    WHERE sb.sku_id = a.sku_id AND b.kind = 'normal')`;
const LAST_SEQ = `(SELECT MAX(m.seq) FROM stock_movement m WHERE m.sku_id = a.sku_id)`;

const FROM = `FROM stock_alert a JOIN sku s ON s.id = a.sku_id JOIN product p ON p.id = s.product_id`;

function filterSql(f: AlertFilter): { where: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.status === 'active') parts.push('a.cleared_at IS NULL');
  else if (f.status === 'unacknowledged') parts.push('a.cleared_at IS NULL AND a.ack_at IS NULL');
  else if (f.status === 'cleared') parts.push('a.cleared_at IS NOT NULL');
  if (f.q) {
    parts.push('instr(s.search_text, @q) > 0');
    params.q = f.q.toLowerCase();
  }
  return { where: parts.length ? parts.join(' AND ') : '1 = 1', params };
}

interface AlertDb {
  id: string;
  sku_id: string;
  code: string;
  title: string;
  spec: string;
  threshold: number;
  on_hand: number;
  raised_at: string;
  raised_qty: number;
  raised_threshold: number;
  ack_at: string | null;
  ack_by: string | null;
  ack_by_name: string | null;
  handler_id: string | null;
  handler_name: string | null;
  note: string;
  cleared_at: string | null;
  cleared_qty: number | null;
  cleared_reason: AlertRow['clearedReason'];
  updated_at: string;
  m_seq: number | null;
  m_at: string | null;
  m_qty: number | null;
  m_doc_number: string | null;
  m_doc_type: DocType | null;
  m_staff_name: string | null;
}

const SELECT = `SELECT a.id, a.sku_id, s.code, p.title, s.spec, s.low_stock_threshold AS threshold,
    ${ON_HAND} AS on_hand, a.raised_at, a.raised_qty, a.raised_threshold, a.ack_at, a.ack_by,
    ab.name AS ack_by_name, a.handler_id, h.name AS handler_name, a.note, a.cleared_at, a.cleared_qty,
    a.cleared_reason, a.updated_at, m.seq AS m_seq, m.at AS m_at, m.qty_delta AS m_qty,
    d.number AS m_doc_number, d.type AS m_doc_type, ms.name AS m_staff_name
  ${FROM}
  LEFT JOIN staff ab ON ab.id = a.ack_by LEFT JOIN staff h ON h.id = a.handler_id
  LEFT JOIN stock_movement m ON m.seq = ${LAST_SEQ}
  LEFT JOIN stock_document d ON d.id = m.document_id LEFT JOIN staff ms ON ms.id = m.staff_id`;

function toRow(r: AlertDb): AlertRow {
  return {
    id: r.id,
    skuId: r.sku_id,
    code: r.code,
    title: r.title,
    spec: r.spec,
    threshold: r.threshold,
    onHand: r.on_hand,
    status: r.cleared_at ? 'cleared' : r.ack_at ? 'acknowledged' : 'open',
    raisedAt: r.raised_at,
    raisedQty: r.raised_qty,
    raisedThreshold: r.raised_threshold,
    ackAt: r.ack_at,
    ackByName: r.ack_by_name,
    handlerId: r.handler_id,
    handlerName: r.handler_name,
    note: r.note,
    clearedAt: r.cleared_at,
    clearedQty: r.cleared_qty,
    clearedReason: r.cleared_reason,
    lastMovement:
      r.m_seq === null
        ? null
        : {
            seq: r.m_seq,
            at: r.m_at!,
            qtyDelta: r.m_qty!,
            documentNumber: r.m_doc_number!,
            documentType: r.m_doc_type!,
            staffName: r.m_staff_name,
          },
  };
}

/** Alerts matching the filter: open ones first (unacknowledged before acknowledged), then cleared; newest first. */
export function listAlerts(
  store: Store,
  input: AlertFilter & { offset: number; limit: number },
): Paged<AlertRow> & { counts: AlertCounts } {
  const { where, params } = filterSql(input);
  const total = store.stmt<{ n: number }>(`SELECT COUNT(*) AS n ${FROM} WHERE ${where}`).get(params)!.n;
  const rows = store
    .stmt<AlertDb>(
      `${SELECT} WHERE ${where}
       ORDER BY a.cleared_at IS NOT NULL, a.cleared_at IS NULL AND a.ack_at IS NOT NULL, a.raised_at DESC, a.id DESC
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset })
    .map(toRow);
  return { rows, total, counts: alertCounts(store) };
}

/** Open alerts, and how many of them nobody has acknowledged yet (the sub-tab's badge). */
export function alertCounts(store: Store): AlertCounts {
  const r = store
    .stmt<{ active: number; unacknowledged: number }>(
      `SELECT COUNT(*) AS active, COALESCE(SUM(ack_at IS NULL), 0) AS unacknowledged
       FROM stock_alert INDEXED BY stock_alert_open WHERE cleared_at IS NULL`,
    )
    .get()!;
  return { active: r.active, unacknowledged: r.unacknowledged };
}

export function getAlert(store: Store, id: string): AlertRow {
  const r = store.stmt<AlertDb>(`${SELECT} WHERE a.id = @id`).get({ id });
  if (!r) throw notFound('alert');
  return toRow(r);
}

/**
 * Acknowledge an open alert and name who handles it (an active person) with a note. Again on an
 * acknowledged alert: hands it to someone else / changes the note. A cleared alert is history
 * (CONFLICT alertCleared).
 */
export function acknowledge(
  store: Store,
  by: string,
  input: { id: string; handlerId: string; note: string },
): AlertRow {
  const a = store
    .stmt<{
      id: string;
      sku_id: string;
      ack_at: string | null;
      ack_by: string | null;
      handler_id: string | null;
      note: string;
      cleared_at: string | null;
    }>(`SELECT id, sku_id, ack_at, ack_by, handler_id, note, cleared_at FROM stock_alert WHERE id = ?`)
    .get(input.id);
  if (!a) throw notFound('alert');
  if (a.cleared_at) throw new AppError('CONFLICT', 'alertCleared');
  const handler = store
    .stmt<{ id: string }>(`SELECT id FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL`)
    .get(input.handlerId);
  if (!handler) throw fieldErrors({ handlerId: { key: 'validation.activeStaff' } });
  const at = store.isoNow();
  const hlc = store.stamp();
  store
    .stmt(
      `UPDATE stock_alert SET ack_at = COALESCE(ack_at, @at), ack_by = COALESCE(ack_by, @by),
         handler_id = @handler, note = @note, updated_at = @at WHERE id = @id AND cleared_at IS NULL`,
    )
    .run({ at, by, handler: input.handlerId, note: input.note, id: a.id });
  const code = store.stmt<{ code: string }>(`SELECT code FROM sku WHERE id = ?`).get(a.sku_id)!.code;
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if (!a.ack_at) fields.acknowledged = { from: null, to: at };
  if (a.handler_id !== input.handlerId) fields.handlerId = { from: a.handler_id, to: input.handlerId };
  if (a.note !== input.note) fields.note = { from: a.note, to: input.note };
  store.log(
    {
      staffId: by,
      entity: 'stock_alert',
      rowId: a.id,
      op: a.ack_at ? 'reassign' : 'ack',
      label: code,
      fields,
    },
    hlc,
  );
  return getAlert(store, a.id);
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------
export const ALERT_CSV_HEADER = [
  '状态',
  '商家编码',
  '商品名称',
  '规格',
  '当前库存',
  '预警阈值',
  '预警时间',
  '预警时库存',
  '确认人',
  '确认时间',
  '处理人',
  '备注',
  '解除时间',
  '解除原因',
  '最近变动时间',
  '最近变动单号',
  '最近变动数量',
] as const;

/** The alerts matching `filter` as CSV lines (times in the shop's zone), in the list's order. */
export function alertsCsvQuery(filter: AlertFilter, timeZone: string): CsvQuery {
  const { where, params } = filterSql(filter);
  const line = sqlCsvLine([
    `CASE WHEN a.cleared_at IS NOT NULL THEN '已解除' WHEN a.ack_at IS NOT NULL THEN '已确认' ELSE '待确认' END`,
    sqlCsvText('s.code'),
    sqlCsvText('p.title'),
    sqlCsvText('s.spec'),
    ON_HAND,
    's.low_stock_threshold',
    sqlShopTime('a.raised_at', timeZone),
    'a.raised_qty',
    sqlCsvText(`COALESCE(ab.name, '')`),
    sqlShopTime('a.ack_at', timeZone),
    sqlCsvText(`COALESCE(h.name, '')`),
    sqlCsvText('a.note'),
    sqlShopTime('a.cleared_at', timeZone),
    `CASE a.cleared_reason WHEN 'restocked' THEN '已补货' WHEN 'threshold' THEN '阈值调整' WHEN 'inactive' THEN '已下架或归档' ELSE '' END`,
    sqlShopTime('m.at', timeZone),
    sqlCsvText(`COALESCE(d.number, '')`),
    `COALESCE(m.qty_delta, '')`,
  ]);
  return {
    header: ALERT_CSV_HEADER,
    sql: `SELECT ${line} ${FROM}
      LEFT JOIN staff ab ON ab.id = a.ack_by LEFT JOIN staff h ON h.id = a.handler_id
      LEFT JOIN stock_movement m ON m.seq = ${LAST_SEQ}
      LEFT JOIN stock_document d ON d.id = m.document_id
      WHERE ${where} ORDER BY a.cleared_at IS NOT NULL, a.cleared_at IS NULL AND a.ack_at IS NOT NULL, a.raised_at DESC, a.id DESC`,
    params,
  };
}

export function exportAlerts(
  store: Store,
  host: Host,
  input: AlertFilter & { encoding: CsvEncoding },
): Promise<ExportResult> {
  return exportCsv(store, host, '库存预警', input.encoding, () => alertsCsvQuery(input, shopTimeZone(store)));
}
