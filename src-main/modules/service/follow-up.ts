// Unpaid-order follow-up (催付, §12.6): the queue of orders 等待买家付款 for longer than the shop's
// delay, the contacts agents record, and the report of how many followed-up orders were then paid.
import type {
  FollowUpChannel,
  FollowUpOutcome,
  FollowUpQueueRow,
  FollowUpReport,
  Paged,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { dayRangeUtc, getSettings } from './common';
import { orderById, toOrderRow, type OrderDb } from './orders';

export function followUpQueue(
  store: Store,
  input: { offset: number; limit: number },
): Paged<FollowUpQueueRow> {
  const delay = getSettings(store).followUpDelayMinutes;
  const nowMs = store.now();
  const before = new Date(nowMs - delay * 60_000).toISOString();
  const total = store
    .stmt<{ n: number }>(
      `SELECT COUNT(*) AS n FROM sales_order WHERE status = 'wait_pay' AND ordered_at <= @before`,
    )
    .get({ before })!.n;
  const rows = store
    .stmt<
      OrderDb & {
        contacts: number;
        last_at: string | null;
        last_outcome: FollowUpOutcome | null;
        remind_at: string | null;
      }
    >(
      `SELECT o.*,
         (SELECT COUNT(*) FROM order_follow_up f WHERE f.order_id = o.id) AS contacts,
         (SELECT MAX(f.at) FROM order_follow_up f WHERE f.order_id = o.id) AS last_at,
         (SELECT f.outcome FROM order_follow_up f WHERE f.order_id = o.id ORDER BY f.at DESC LIMIT 1) AS last_outcome,
         (SELECT f.remind_at FROM order_follow_up f WHERE f.order_id = o.id ORDER BY f.at DESC LIMIT 1) AS remind_at
       FROM sales_order o WHERE o.status = 'wait_pay' AND o.ordered_at <= @before
       ORDER BY o.ordered_at LIMIT @limit OFFSET @offset`,
    )
    .all({ before, limit: input.limit, offset: input.offset });
  return {
    total,
    rows: rows.map((r) => ({
      ...toOrderRow(r),
      contacts: r.contacts,
      lastContactAt: r.last_at,
      lastOutcome: r.last_outcome,
      remindAt: r.remind_at,
      waitingMinutes: Math.max(0, Math.floor((nowMs - Date.parse(r.ordered_at)) / 60_000)),
    })),
  };
}

export function recordFollowUp(
  store: Store,
  by: string,
  input: {
    orderId: string;
    channel: FollowUpChannel;
    outcome: FollowUpOutcome;
    note: string;
    remindAt?: string;
  },
): void {
  const o = orderById(store, input.orderId);
  if (!o) throw notFound('order');
  const id = newId();
  const at = store.isoNow();
  const remindAt = input.remindAt ? new Date(input.remindAt).toISOString() : null;
  store
    .stmt(
      `INSERT INTO order_follow_up (id, order_id, at, staff_id, channel, outcome, note, remind_at)
       VALUES (@id, @orderId, @at, @by, @channel, @outcome, @note, @remindAt)`,
    )
    .run({
      id,
      orderId: o.id,
      at,
      by,
      channel: input.channel,
      outcome: input.outcome,
      note: input.note,
      remindAt,
    });
  store.log({
    staffId: by,
    entity: 'order_follow_up',
    rowId: id,
    op: 'create',
    label: o.order_no,
    fields: {
      order_id: { from: null, to: o.id },
      channel: { from: null, to: input.channel },
      outcome: { from: null, to: input.outcome },
      note: { from: null, to: input.note },
      remind_at: { from: null, to: remindAt },
    },
  });
}

/**
 * Orders whose FIRST contact falls in the range; "paid after" = paid at or after that first contact
 * (an order paid before anyone reached out does not count as a follow-up success).
 */
export function followUpReport(store: Store, input: { from?: string; to?: string }): FollowUpReport {
  const { fromUtc, toUtc } = dayRangeUtc(store, input.from, input.to);
  const params = { fromUtc: fromUtc ?? '', toUtc: toUtc ?? '9999' };
  const r = store
    .stmt<{
      n: number;
      paid: number | null;
      paid_fen: number | null;
      unpaid: number | null;
      closed: number | null;
    }>(
      `WITH firsts AS (
         SELECT order_id, MIN(at) AS first_at FROM order_follow_up WHERE at < @toUtc
         GROUP BY order_id HAVING MIN(at) >= @fromUtc
       )
       SELECT COUNT(*) AS n,
         SUM(o.paid_at IS NOT NULL AND o.paid_at >= f.first_at) AS paid,
         SUM(CASE WHEN o.paid_at IS NOT NULL AND o.paid_at >= f.first_at THEN o.paid_fen ELSE 0 END) AS paid_fen,
         SUM(o.status = 'wait_pay') AS unpaid,
         SUM(o.status = 'closed' AND o.paid_at IS NULL) AS closed
       FROM firsts f JOIN sales_order o ON o.id = f.order_id`,
    )
    .get(params)!;
  const byChannel = store
    .stmt<{ channel: FollowUpChannel; n: number }>(
      `SELECT channel, COUNT(*) AS n FROM order_follow_up WHERE at >= @fromUtc AND at < @toUtc GROUP BY channel ORDER BY channel`,
    )
    .all(params);
  return {
    followedUp: r.n,
    paidAfter: r.paid ?? 0,
    paidFen: r.paid_fen ?? 0,
    stillUnpaid: r.unpaid ?? 0,
    closed: r.closed ?? 0,
    byChannel: byChannel.map((c) => ({ channel: c.channel, contacts: c.n })),
  };
}
