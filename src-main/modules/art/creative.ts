// Promotion creative (活动美工任务, §10.4 "定期制作促销图片和页面,配合店铺销售活动"): every campaign of
// the CS tab needs a banner 促销图 and an activity page 活动页 (type promo) and a homepage refresh
// 首页更新 (type homepage). They are design tasks like any other (the board, review, deliverables),
// linked to the campaign (promotion_id, creative_kind) and its SKUs.
//
// - Saving a NEW campaign makes them in the same transaction, as a system consequence of the
//   promotion channel: the person saving (客服主管) needs no art permission for it; they are the
//   requester, the assignee stays empty for the art supervisor to choose.
// - `promotions.createCreative` makes the missing ones for an existing campaign (idempotent: one
//   live task per campaign and kind, also enforced by a unique index).
// - Due = start − the kind's lead days (art_setting `creativeLead`), never before today: a due date
//   that would be in the past is today and the task is 紧急. Priority by the days left until due:
//   ≤ 1 紧急, ≤ 3 高, else 普通.
// - Moving a campaign's start (with `moveCreative`) moves the open creative tasks' due dates by the
//   same rule; done tasks keep theirs.
// - Changing a campaign's SKUs changes its open creative tasks' SKU links the same way (added ones
//   linked, removed ones unlinked); SKUs a designer linked by hand stay; done tasks keep theirs.
import {
  CREATIVE_KINDS,
  DEFAULT_CREATIVE_LEAD,
  creativeLead,
  type CreativeKind,
  type CreativeLead,
} from '../../api/contract-promotions';
import type { TaskPriority } from '../../api/contract-art';
import type { Store } from '../../db/store';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import { addDays, daysInclusive, savePromotion } from '../service/promotions';
import { setSkus, taskEvent, touchTask } from './tasks';
import { localToday } from './time';

export const CREATIVE_NAME: Readonly<Record<CreativeKind, string>> = {
  banner: '促销图',
  page: '活动页',
  homepage: '首页更新',
};
const CREATIVE_TYPE: Readonly<Record<CreativeKind, 'promo' | 'homepage'>> = {
  banner: 'promo',
  page: 'promo',
  homepage: 'homepage',
};
const PRIORITY_RANK: Readonly<Record<TaskPriority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };

const today = (store: Store) => localToday(store.now(), shopTimeZone(store));

export function getCreativeLead(store: Store): CreativeLead {
  const row = store.stmt<{ value: string }>(`SELECT value FROM art_setting WHERE key = 'creativeLead'`).get();
  if (!row) return { ...DEFAULT_CREATIVE_LEAD };
  const parsed = creativeLead.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : { ...DEFAULT_CREATIVE_LEAD };
}

export function saveCreativeLead(store: Store, by: string, lead: CreativeLead): CreativeLead {
  const before = getCreativeLead(store);
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of CREATIVE_KINDS) if (before[k] !== lead[k]) fields[k] = { from: before[k], to: lead[k] };
  if (!Object.keys(fields).length) return before;
  store
    .stmt(
      `INSERT INTO art_setting (key, value, updated_at, updated_by) VALUES ('creativeLead', @value, @at, @by)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    )
    .run({ value: JSON.stringify(lead), at: store.stamp(), by });
  store.log({
    staffId: by,
    entity: 'art_setting',
    rowId: 'creativeLead',
    op: 'update',
    label: '活动美工任务提前天数',
    fields,
  });
  return { ...lead };
}

/** The due date and priority of a creative task for a campaign starting `start`, seen on `day`. */
export function creativeSchedule(
  start: string,
  leadDays: number,
  day: string,
): { dueDate: string; priority: TaskPriority; clamped: boolean } {
  const wanted = addDays(start, -leadDays);
  const clamped = wanted < day;
  const dueDate = clamped ? day : wanted;
  const left = daysInclusive(day, dueDate) - 1;
  const priority: TaskPriority = clamped || left <= 1 ? 'urgent' : left <= 3 ? 'high' : 'normal';
  return { dueDate, priority, clamped };
}

interface PromoDb {
  id: string;
  number: string;
  name: string;
  start_date: string;
  end_date: string;
  offer: string;
}
function promotionDb(store: Store, id: string): PromoDb {
  const p = store
    .stmt<PromoDb>(`SELECT id, number, name, start_date, end_date, offer FROM promotion WHERE id = ?`)
    .get(id);
  if (!p) throw notFound('promotion');
  return p;
}

/**
 * Make the campaign's missing creative tasks; answers how many were made. An ended campaign gets
 * none (`refuseEnded`: say so with CONFLICT promotionEnded instead of making nothing quietly).
 */
export function ensureCreativeTasks(
  store: Store,
  by: string,
  promotionId: string,
  opts: { refuseEnded: boolean },
): number {
  const p = promotionDb(store, promotionId);
  const day = today(store);
  if (p.end_date < day) {
    if (opts.refuseEnded) throw new AppError('CONFLICT', 'promotionEnded', { endDate: p.end_date });
    return 0;
  }
  const lead = getCreativeLead(store);
  const skuIds = store
    .stmt<{ sku_id: string }>(`SELECT sku_id FROM promotion_sku WHERE promotion_id = ? ORDER BY sku_id`)
    .all(p.id)
    .map((r) => r.sku_id);
  const brief = `活动 ${p.number}「${p.name}」：${p.start_date} ~ ${p.end_date}${p.offer ? `\n优惠：${p.offer}` : ''}`;
  let made = 0;
  for (const kind of CREATIVE_KINDS) {
    const exists = store
      .stmt(`SELECT 1 FROM art_task WHERE promotion_id = ? AND creative_kind = ? AND deleted_at IS NULL`)
      .get(p.id, kind);
    if (exists) continue;
    const { dueDate, priority } = creativeSchedule(p.start_date, lead[kind], day);
    const id = newId();
    const stamp = store.stamp();
    const number = store.nextNumber('SJ', shopTimeZone(store));
    const title = `${p.name} · ${CREATIVE_NAME[kind]}`;
    store
      .stmt(
        `INSERT INTO art_task (id, number, type, title, brief, status, priority, requester_id, assignee_id,
           due_date, promotion_id, creative_kind, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @number, @type, @title, @brief, 'todo', @priority, @by, NULL, @dueDate,
           @promotionId, @kind, @at, @by, @stamp, @by)`,
      )
      .run({
        id,
        number,
        type: CREATIVE_TYPE[kind],
        title,
        brief,
        priority,
        by,
        dueDate,
        promotionId: p.id,
        kind,
        at: store.isoNow(),
        stamp,
      });
    const link = store.stmt(`INSERT INTO art_task_sku (task_id, sku_id) VALUES (?, ?)`);
    for (const s of skuIds) link.run(id, s);
    taskEvent(store, by, id, 'created', null, 'todo', `活动 ${p.number} 自动生成`);
    store.log(
      {
        staffId: by,
        entity: 'art_task',
        rowId: id,
        op: 'create',
        label: number,
        fields: {
          type: { from: null, to: CREATIVE_TYPE[kind] },
          title: { from: null, to: title },
          dueDate: { from: null, to: dueDate },
          priority: { from: null, to: priority },
          promotionId: { from: null, to: p.id },
          creativeKind: { from: null, to: kind },
          skuIds: { from: [], to: skuIds },
        },
      },
      stamp,
    );
    made += 1;
  }
  return made;
}

/** After the campaign's start moved: the open creative tasks' due dates follow. Answers how many moved. */
export function shiftCreativeDueDates(store: Store, by: string, promotionId: string): number {
  const p = promotionDb(store, promotionId);
  const day = today(store);
  const lead = getCreativeLead(store);
  const open = store
    .stmt<{
      id: string;
      number: string;
      creative_kind: CreativeKind;
      due_date: string | null;
      priority: TaskPriority;
    }>(
      `SELECT id, number, creative_kind, due_date, priority FROM art_task
       WHERE promotion_id = ? AND creative_kind IS NOT NULL AND deleted_at IS NULL AND status <> 'done'`,
    )
    .all(p.id);
  let moved = 0;
  for (const t of open) {
    const next = creativeSchedule(p.start_date, lead[t.creative_kind], day);
    // Never lower a priority someone raised; raise it when the new date is closer.
    const priority = PRIORITY_RANK[next.priority] > PRIORITY_RANK[t.priority] ? next.priority : t.priority;
    if (next.dueDate === t.due_date && priority === t.priority) continue;
    const stamp = store.stamp();
    store
      .stmt(
        `UPDATE art_task SET due_date = @due, priority = @priority, updated_at = @stamp, updated_by = @by
         WHERE id = @id`,
      )
      .run({ due: next.dueDate, priority, stamp, by, id: t.id });
    const fields: Record<string, { from: unknown; to: unknown }> = {};
    if (next.dueDate !== t.due_date) fields.dueDate = { from: t.due_date, to: next.dueDate };
    if (priority !== t.priority) fields.priority = { from: t.priority, to: priority };
    store.log({ staffId: by, entity: 'art_task', rowId: t.id, op: 'update', label: t.number, fields }, stamp);
    moved += 1;
  }
  return moved;
}

/**
 * `promotions.save`: the campaign, plus its creative tasks when it is new, or their due dates
 * moved when an edit moves the start and `moveCreative` is asked for. One transaction (the router's).
 */
export function savePromotionWithCreative(
  store: Store,
  by: string,
  input: Parameters<typeof savePromotion>[2] & { moveCreative?: boolean },
): string {
  const startBefore = input.id
    ? store.stmt<{ start_date: string }>(`SELECT start_date FROM promotion WHERE id = ?`).get(input.id)
        ?.start_date
    : undefined;
  const skusBefore = input.id ? campaignSkus(store, input.id) : [];
  const { moveCreative, ...rest } = input;
  const id = savePromotion(store, by, rest);
  if (!input.id) ensureCreativeTasks(store, by, id, { refuseEnded: false });
  else {
    if (moveCreative && startBefore !== undefined && startBefore !== input.startDate)
      shiftCreativeDueDates(store, by, id);
    followCampaignSkus(store, by, id, skusBefore);
  }
  return id;
}

function campaignSkus(store: Store, promotionId: string): string[] {
  return store
    .stmt<{ sku_id: string }>(`SELECT sku_id FROM promotion_sku WHERE promotion_id = ?`)
    .all(promotionId)
    .map((r) => r.sku_id);
}

/**
 * After a campaign's SKUs changed from `before`: its open creative tasks link the added SKUs and
 * drop the removed ones, keeping any SKU a designer linked by hand. Returns how many tasks changed.
 */
export function followCampaignSkus(store: Store, by: string, promotionId: string, before: string[]): number {
  const after = campaignSkus(store, promotionId);
  const added = after.filter((s) => !before.includes(s));
  const removed = before.filter((s) => !after.includes(s));
  if (!added.length && !removed.length) return 0;
  const open = store
    .stmt<{ id: string; number: string }>(
      `SELECT id, number FROM art_task
       WHERE promotion_id = ? AND creative_kind IS NOT NULL AND deleted_at IS NULL AND status <> 'done'`,
    )
    .all(promotionId);
  let changed = 0;
  for (const t of open) {
    const linked = store
      .stmt<{ sku_id: string }>(`SELECT sku_id FROM art_task_sku WHERE task_id = ?`)
      .all(t.id)
      .map((r) => r.sku_id);
    const skus = setSkus(store, t.id, [...linked.filter((s) => !removed.includes(s)), ...added]);
    if (skus.from.join() === skus.to.join()) continue;
    touchTask(store, by, t, 'update', { skuIds: { from: skus.from, to: skus.to } });
    changed += 1;
  }
  return changed;
}
