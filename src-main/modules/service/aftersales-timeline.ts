// After-sales cases on a buyer's timeline (buyers.ts TIMELINE_SOURCES) and moved on a buyer merge.
// Kept apart from aftersales.ts so that buyers.ts does not import the warehouse.
import type { TimelineEntry } from '../../api/contract';
import type { Store } from '../../db/store';

/** kind 'case': title = case number, detail = `type|status|refundFen|orderNo`. */
export function caseTimeline(store: Store, buyerId: string, limit: number): TimelineEntry[] {
  return store
    .stmt<{
      id: string;
      case_no: string;
      type: string;
      status: string;
      refund_fen: number;
      order_no: string;
      opened_at: string;
      agent_name: string | null;
    }>(
      `SELECT c.id, c.case_no, c.type, c.status, c.refund_fen, c.order_no, c.opened_at, s.name AS agent_name
       FROM aftersales_case c LEFT JOIN staff s ON s.id = c.agent_id
       WHERE c.buyer_id = ? ORDER BY c.opened_at DESC LIMIT ?`,
    )
    .all(buyerId, limit)
    .map((c) => ({
      kind: 'case' as const,
      at: c.opened_at,
      refId: c.id,
      title: c.case_no,
      detail: `${c.type}|${c.status}|${c.refund_fen}|${c.order_no}`,
      staffName: c.agent_name,
    }));
}

/** A buyer merged into another: their cases follow. Inside the merge's transaction. */
export function moveCasesToBuyer(store: Store, keepId: string, mergeId: string): number {
  return store.stmt(`UPDATE aftersales_case SET buyer_id = ? WHERE buyer_id = ?`).run(keepId, mergeId)
    .changes;
}
