// Shift handover book (交接本, §15.1). At the end of a customer-service shift an agent writes the
// items the next shift must pick up; someone on the following shift (per the rota), or a
// supervisor / the store manager, acknowledges each item (已接收). Items and acknowledgements are
// facts: an acknowledgement is a new row, never an edit. Unacknowledged items stay open.
import type { HandoverItem, HandoverKind, HandoverOpen, HandoverShift } from '../../api/contract';
import type { Role } from '../../api/permissions';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { addDays, daysBetween, hhmm, localDateOf } from '../staffing/time';

interface Caller {
  id: string;
  role: Role;
}

/** Supervisors and the store manager may acknowledge any shift's items (but not their own). */
const ACKS_ANY: readonly Role[] = ['cs_supervisor', 'manager'];

interface TemplateDb {
  id: string;
  name: string;
  start_min: number;
  end_min: number;
  archived_at: string | null;
}

/** The service shifts in their daily order (archived ones too: old items may name them). */
function serviceTemplates(store: Store): TemplateDb[] {
  return store
    .stmt<TemplateDb>(
      `SELECT id, name, start_min, end_min, archived_at FROM shift_template
       WHERE team = 'service' ORDER BY sort_order, start_min, id`,
    )
    .all();
}

function toShift(t: TemplateDb): HandoverShift {
  return { templateId: t.id, name: t.name, start: hhmm(t.start_min), end: hhmm(t.end_min) };
}

/**
 * The shift after (date, template): the next active service shift starting later that day, or
 * else the first one of the next day.
 */
function nextShift(
  active: TemplateDb[],
  date: string,
  templateId: string,
  all: TemplateDb[],
): { date: string; template: TemplateDb } | null {
  if (active.length === 0) return null;
  const cur = all.find((t) => t.id === templateId);
  const start = cur?.start_min ?? -1;
  const later = active.filter((t) => t.id !== templateId && t.start_min > start);
  if (later.length > 0) return { date, template: later[0]! };
  return { date: addDays(date, 1), template: active[0]! };
}

interface ItemDb {
  id: string;
  work_date: string;
  template_id: string;
  shift_name: string;
  kind: HandoverKind;
  text: string;
  buyer_id: string | null;
  buyer_name: string | null;
  order_id: string | null;
  order_no: string | null;
  sku_id: string | null;
  sku_label: string | null;
  callback_at: string | null;
  created_at: string;
  created_by: string;
  created_by_name: string;
  ack_at: string | null;
  ack_staff_id: string | null;
  ack_staff_name: string | null;
  ack_note: string | null;
}

const ITEM_SELECT = `SELECT i.*, b.member_name AS buyer_name, o.order_no AS order_no,
    CASE WHEN s.id IS NULL THEN NULL ELSE s.code || CASE WHEN s.spec <> '' THEN ' ' || s.spec ELSE '' END || ' ' || p.title END AS sku_label,
    w.name AS created_by_name,
    a.at AS ack_at, a.staff_id AS ack_staff_id, ak.name AS ack_staff_name, a.note AS ack_note
  FROM handover_item i
  JOIN staff w ON w.id = i.created_by
  LEFT JOIN buyer b ON b.id = i.buyer_id
  LEFT JOIN sales_order o ON o.id = i.order_id
  LEFT JOIN sku s ON s.id = i.sku_id
  LEFT JOIN product p ON p.id = s.product_id
  LEFT JOIN handover_ack a ON a.item_id = i.id
  LEFT JOIN staff ak ON ak.id = a.staff_id`;

/** Whether the person is on the rota for that service shift on that date. */
function onShift(store: Store, staffId: string, date: string, templateId: string): boolean {
  return !!store
    .stmt(
      `SELECT 1 FROM rota_entry WHERE staff_id = @staffId AND work_date = @date
         AND kind = 'shift' AND team = 'service' AND template_id = @templateId`,
    )
    .get({ staffId, date, templateId });
}

class Context {
  readonly all: TemplateDb[];
  readonly active: TemplateDb[];
  constructor(
    readonly store: Store,
    readonly caller: Caller,
  ) {
    this.all = serviceTemplates(store);
    this.active = this.all.filter((t) => !t.archived_at);
  }
  next(date: string, templateId: string) {
    return nextShift(this.active, date, templateId, this.all);
  }
  mayAck(r: { work_date: string; template_id: string; created_by: string }): boolean {
    // A handover passes work to someone else: nobody acknowledges their own item.
    if (r.created_by === this.caller.id) return false;
    if (ACKS_ANY.includes(this.caller.role)) return true;
    const n = this.next(r.work_date, r.template_id);
    if (!n) return false;
    return onShift(this.store, this.caller.id, n.date, n.template.id);
  }
  toItem(r: ItemDb): HandoverItem {
    const n = this.next(r.work_date, r.template_id);
    return {
      id: r.id,
      date: r.work_date,
      templateId: r.template_id,
      shiftName: r.shift_name,
      kind: r.kind,
      text: r.text,
      buyerId: r.buyer_id,
      buyerName: r.buyer_name,
      orderId: r.order_id,
      orderNo: r.order_no,
      skuId: r.sku_id,
      skuLabel: r.sku_label,
      callbackAt: r.callback_at,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      nextDate: n?.date ?? addDays(r.work_date, 1),
      nextShiftName: n?.template.name ?? '',
      ack: r.ack_at
        ? {
            at: r.ack_at,
            staffId: r.ack_staff_id!,
            staffName: r.ack_staff_name ?? '',
            note: r.ack_note ?? '',
          }
        : null,
      canAck: !r.ack_at && this.mayAck(r),
    };
  }
}

function itemById(store: Store, id: string): ItemDb | undefined {
  return store.stmt<ItemDb>(`${ITEM_SELECT} WHERE i.id = @id`).get({ id });
}

export function openItems(store: Store, caller: Caller): HandoverOpen {
  const ctx = new Context(store, caller);
  const rows = store
    .stmt<ItemDb>(
      `${ITEM_SELECT} WHERE i.id IN (SELECT item_id FROM handover_open)
       ORDER BY i.work_date, i.created_at, i.rowid`,
    )
    .all();
  const items = rows.map((r) => ctx.toItem(r));
  const today = localDateOf(store.now(), shopTimeZone(store));
  const mine = store
    .stmt<{ template_id: string }>(
      `SELECT template_id FROM rota_entry WHERE staff_id = @staffId AND work_date = @today
         AND kind = 'shift' AND team = 'service'`,
    )
    .get({ staffId: caller.id, today });
  const t = mine && ctx.all.find((x) => x.id === mine.template_id);
  return {
    items,
    forMe: items.filter((i) => i.canAck).length,
    myShift: t ? { ...toShift(t), date: today } : null,
    shifts: ctx.active.map(toShift),
    today,
  };
}

export function history(store: Store, caller: Caller, input: { from: string; to: string }): HandoverItem[] {
  const span = daysBetween(input.from, input.to);
  if (span < 0) throw fieldErrors({ to: { key: 'validation.rangeOrder' } });
  if (span > 62) throw fieldErrors({ to: { key: 'validation.rangeTooLong' } });
  const ctx = new Context(store, caller);
  return store
    .stmt<ItemDb>(
      `${ITEM_SELECT} WHERE i.work_date BETWEEN @from AND @to ORDER BY i.work_date DESC, i.created_at, i.rowid`,
    )
    .all(input)
    .map((r) => ctx.toItem(r));
}

export interface HandoverItemData {
  kind: HandoverKind;
  text: string;
  buyerId?: string | undefined;
  orderId?: string | undefined;
  skuId?: string | undefined;
  callbackAt?: string | undefined;
}

export function writeHandover(
  store: Store,
  caller: Caller,
  input: { date: string; templateId: string; items: HandoverItemData[] },
): HandoverItem[] {
  const ctx = new Context(store, caller);
  const t = ctx.active.find((x) => x.id === input.templateId);
  if (!t) throw fieldErrors({ templateId: { key: 'validation.handoverShift' } });
  const today = localDateOf(store.now(), shopTimeZone(store));
  // A handover is written at the end of today's or yesterday's shift (a late shift ends at 24:00).
  const age = daysBetween(input.date, today);
  if (age < 0 || age > 1) throw fieldErrors({ date: { key: 'validation.handoverDate' } });
  const fields: Record<string, { key: string }> = {};
  input.items.forEach((it, i) => {
    if (it.buyerId && !store.stmt(`SELECT 1 FROM buyer WHERE id = ?`).get(it.buyerId))
      fields[`items.${i}.buyerId`] = { key: 'validation.handoverBuyer' };
    if (it.orderId && !store.stmt(`SELECT 1 FROM sales_order WHERE id = ?`).get(it.orderId))
      fields[`items.${i}.orderId`] = { key: 'validation.handoverOrder' };
    if (it.skuId && !store.stmt(`SELECT 1 FROM sku WHERE id = ?`).get(it.skuId))
      fields[`items.${i}.skuId`] = { key: 'validation.handoverSku' };
  });
  if (Object.keys(fields).length > 0) throw fieldErrors(fields);
  const at = store.isoNow();
  const ids: string[] = [];
  for (const it of input.items) {
    const id = newId();
    const row = {
      id,
      work_date: input.date,
      template_id: t.id,
      shift_name: t.name,
      kind: it.kind,
      text: it.text,
      buyer_id: it.buyerId ?? null,
      order_id: it.orderId ?? null,
      sku_id: it.skuId ?? null,
      callback_at: it.callbackAt ? new Date(it.callbackAt).toISOString() : null,
    };
    store
      .stmt(
        `INSERT INTO handover_item (id, work_date, template_id, shift_name, kind, text, buyer_id, order_id,
           sku_id, callback_at, created_at, created_by)
         VALUES (@id, @work_date, @template_id, @shift_name, @kind, @text, @buyer_id, @order_id,
           @sku_id, @callback_at, @at, @by)`,
      )
      .run({ ...row, at, by: caller.id });
    store.stmt(`INSERT INTO handover_open (item_id) VALUES (?)`).run(id);
    const logged: Record<string, { from: null; to: string | null }> = {};
    for (const [k, v] of Object.entries(row)) if (k !== 'id') logged[k] = { from: null, to: v };
    store.log({
      staffId: caller.id,
      entity: 'handover_item',
      rowId: id,
      op: 'create',
      label: `${input.date} ${t.name}`,
      fields: logged,
    });
    ids.push(id);
  }
  return ids.map((id) => ctx.toItem(itemById(store, id)!));
}

export function acknowledge(
  store: Store,
  caller: Caller,
  input: { itemId: string; note: string },
): HandoverItem {
  const ctx = new Context(store, caller);
  const r = itemById(store, input.itemId);
  if (!r) throw notFound('handoverItem');
  if (r.ack_at) throw new AppError('CONFLICT', 'handoverAcked', { name: r.ack_staff_name ?? '' });
  if (r.created_by === caller.id) throw new AppError('FORBIDDEN', 'handoverOwnItem');
  if (!ctx.mayAck(r)) {
    const n = ctx.next(r.work_date, r.template_id);
    throw new AppError('FORBIDDEN', 'handoverNotNextShift', {
      date: n?.date ?? '',
      shift: n?.template.name ?? '',
    });
  }
  const id = newId();
  const at = store.isoNow();
  store
    .stmt(`INSERT INTO handover_ack (id, item_id, at, staff_id, note) VALUES (@id, @itemId, @at, @by, @note)`)
    .run({ id, itemId: r.id, at, by: caller.id, note: input.note });
  store.stmt(`DELETE FROM handover_open WHERE item_id = ?`).run(r.id);
  store.log({
    staffId: caller.id,
    entity: 'handover_ack',
    rowId: id,
    op: 'create',
    label: `${r.work_date} ${r.shift_name}`,
    fields: { item_id: { from: null, to: r.id }, note: { from: null, to: input.note } },
  });
  return ctx.toItem(itemById(store, r.id)!);
}
