// The audit view: change_log read back for the manager and director. Read-only.
import type { AuditRow, Paged } from '../../api/contract';
import type { Store } from '../../db/store';

export function listAudit(
  store: Store,
  input: { entity: string; staffId?: string; from?: string; to?: string; offset: number; limit: number },
): Paged<AuditRow> {
  const where = `(@entity = '' OR c.entity = @entity) AND (@staffId IS NULL OR c.staff_id = @staffId)
    AND (@from IS NULL OR c.at >= @from) AND (@to IS NULL OR c.at < @to)`;
  const params = {
    entity: input.entity,
    staffId: input.staffId ?? null,
    from: input.from ? new Date(input.from).toISOString() : null,
    to: input.to ? new Date(input.to).toISOString() : null,
  };
  const rows = store
    .stmt<{
      seq: number;
      at: string;
      staff_id: string | null;
      staff_name: string | null;
      entity: string;
      row_id: string;
      op: string;
      label: string;
      fields: string;
    }>(
      `SELECT c.*, s.name AS staff_name FROM change_log c LEFT JOIN staff s ON s.id = c.staff_id
       WHERE ${where} ORDER BY c.seq DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM change_log c WHERE ${where}`)
    .get(params)!.n;
  return {
    total,
    rows: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      staffId: r.staff_id,
      staffName: r.staff_name,
      entity: r.entity,
      rowId: r.row_id,
      op: r.op,
      label: r.label,
      fields: JSON.parse(r.fields) as AuditRow['fields'],
    })),
  };
}
