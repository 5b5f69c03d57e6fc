// Listing readiness (上架准备): per product a checklist computed in main, and the store manager's
// mark listed / delisted (上架 / 下架) — the only writer of product_listing_event, and of
// product.listed outside the catalog form. Every function runs inside the caller's transaction.
//
// The checklist, over the product's live SKUs (not archived or deleted):
//  - mainImages: at least one library image with use 主图 linked to a SKU, not in the trash, not
//    归档, and passing the shop's image rules (square, shortest side, file size);
//  - skuImages: every SKU has an SKU图 (same liveness);
//  - detailPage: a completed 详情页 task linked to a SKU, or a live 详情 image linked to one;
//  - stock: on hand > 0 in stock_balance for at least one SKU;
//  - knowledge: customer service learned the product (客服已学习) — read only through
//    knowledgeLearned(), which asks the pre-sales module (presales.knowledgeLearnedByAll): the
//    product has knowledge and every active 客服专员 learned its current version.
// Listing with items missing is refused (CONFLICT notReady, the item keys in params) unless the
// manager gives an override reason, which is recorded with the missing items on the event.
import type { Paged } from '../../api/contract';
import {
  READINESS_ITEMS,
  READINESS_STATES,
  type CheckState,
  type ReadinessItem,
  type ReadinessRow,
  type ReadinessState,
} from '../../api/contract-art';
import type { Store } from '../../db/store';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { knowledgeLearnedByAll } from '../service/presales';
import { getRules } from './library';

// ---------------------------------------------------------------------------------------------
// CS product knowledge (the one item read from another tab: 客服 › 产品知识)
// ---------------------------------------------------------------------------------------------
/**
 * Whether customer service has learned the product (客服已学习), by the pre-sales module's own
 * definition: it has knowledge and every active 客服专员 marked its current version learned (a new
 * version makes it missing again); a shop with no active 客服专员 needs only the written knowledge.
 */
export function knowledgeLearned(store: Store, productId: string): CheckState {
  return knowledgeLearnedByAll(store, productId) ? 'done' : 'missing';
}

// ---------------------------------------------------------------------------------------------
// The checklist
// ---------------------------------------------------------------------------------------------
interface FactsDb {
  id: string;
  title: string;
  style_code: string;
  listed: number;
  updated_at: string;
  sku_count: number;
  sku_codes: string | null;
  main_images: number;
  skus_with_image: number;
  detail: number;
  on_hand: number;
}

/** A library image that counts: live (not in the trash) and not 归档. */
const LIVE_IMAGE = `i.deleted_at IS NULL AND i.status <> 'archived'`;
const LIVE_SKU = `s.deleted_at IS NULL AND s.archived_at IS NULL`;

const FACTS_SQL = `SELECT p.id, p.title, p.style_code, p.listed, p.updated_at,
  (SELECT COUNT(*) FROM sku s WHERE s.product_id = p.id AND ${LIVE_SKU}) AS sku_count,
  (SELECT group_concat(code, ' ') FROM (SELECT s.code FROM sku s WHERE s.product_id = p.id AND ${LIVE_SKU}
     ORDER BY s.code LIMIT 6)) AS sku_codes,
  (SELECT COUNT(DISTINCT i.id) FROM sku s JOIN library_image_sku l ON l.sku_id = s.id
     JOIN library_image i ON i.id = l.image_id
   WHERE s.product_id = p.id AND ${LIVE_SKU} AND i.use = 'main' AND ${LIVE_IMAGE}
     AND NOT ((@square = 1 AND i.width <> i.height) OR min(i.width, i.height) < @minSide OR i.bytes > @maxBytes))
    AS main_images,
  (SELECT COUNT(*) FROM sku s WHERE s.product_id = p.id AND ${LIVE_SKU} AND EXISTS
     (SELECT 1 FROM library_image_sku l JOIN library_image i ON i.id = l.image_id
      WHERE l.sku_id = s.id AND i.use = 'sku' AND ${LIVE_IMAGE})) AS skus_with_image,
  (EXISTS (SELECT 1 FROM sku s JOIN art_task_sku ts ON ts.sku_id = s.id JOIN art_task t ON t.id = ts.task_id
     WHERE s.product_id = p.id AND ${LIVE_SKU} AND t.type = 'detail_page' AND t.status = 'done'
       AND t.deleted_at IS NULL)
   OR EXISTS (SELECT 1 FROM sku s JOIN library_image_sku l ON l.sku_id = s.id JOIN library_image i ON i.id = l.image_id
     WHERE s.product_id = p.id AND ${LIVE_SKU} AND i.use = 'detail' AND ${LIVE_IMAGE})) AS detail,
  (SELECT COALESCE(SUM(b.on_hand), 0) FROM sku s JOIN stock_balance b ON b.sku_id = s.id
     WHERE s.product_id = p.id AND ${LIVE_SKU} AND b.on_hand > 0) AS on_hand
FROM product p`;

function ruleParams(store: Store) {
  const r = getRules(store);
  return { square: r.mainSquare ? 1 : 0, minSide: r.mainMinSide, maxBytes: r.mainMaxBytes };
}

interface LastMarkDb {
  product_id: string;
  at: string;
  listed: number;
  override_reason: string;
  staff_name: string | null;
}

function lastMark(store: Store, productId: string): ReadinessRow['lastMark'] {
  const m = store
    .stmt<LastMarkDb>(
      `SELECT e.product_id, e.at, e.listed, e.override_reason, st.name AS staff_name
       FROM product_listing_event e LEFT JOIN staff st ON st.id = e.staff_id
       WHERE e.product_id = ? ORDER BY e.seq DESC LIMIT 1`,
    )
    .get(productId);
  return m
    ? { at: m.at, staffName: m.staff_name, listed: m.listed === 1, overrideReason: m.override_reason }
    : null;
}

function toRow(store: Store, f: FactsDb): ReadinessRow {
  const tick = (ok: boolean): CheckState => (ok ? 'done' : 'missing');
  const items: Record<ReadinessItem, CheckState> = {
    mainImages: tick(f.main_images > 0),
    skuImages: tick(f.sku_count > 0 && f.skus_with_image === f.sku_count),
    detailPage: tick(f.detail === 1),
    stock: tick(f.on_hand > 0),
    knowledge: knowledgeLearned(store, f.id),
  };
  const missing = READINESS_ITEMS.filter((k) => items[k] === 'missing');
  return {
    productId: f.id,
    title: f.title,
    styleCode: f.style_code,
    listed: f.listed === 1,
    skuCount: f.sku_count,
    skuCodes: f.sku_codes ? f.sku_codes.split(' ') : [],
    items,
    mainImageCount: f.main_images,
    skusWithImage: f.skus_with_image,
    onHand: f.on_hand,
    missing,
    ready: missing.length === 0,
    lastMark: lastMark(store, f.id),
    version: f.updated_at,
  };
}

export function readinessOf(store: Store, productId: string): ReadinessRow {
  const f = store
    .stmt<FactsDb>(`${FACTS_SQL} WHERE p.id = @id AND p.deleted_at IS NULL`)
    .get({ id: productId, ...ruleParams(store) });
  if (!f) throw notFound('product');
  return toRow(store, f);
}

const stateOf = (r: ReadinessRow): Exclude<ReadinessState, 'all'> =>
  r.listed ? 'listed' : r.ready ? 'ready' : 'notReady';

/**
 * Every live product (not archived), with its checklist; filtered by state and a search, then paged.
 * A shop has hundreds to a few thousand products: one pass with per-product index lookups.
 */
export function listReadiness(
  store: Store,
  input: { filter: { state: ReadinessState; q: string }; offset: number; limit: number },
): Paged<ReadinessRow> & { counts: Record<ReadinessState, number> } {
  const q = input.filter.q.toLowerCase();
  const where = q
    ? `WHERE p.deleted_at IS NULL AND p.archived_at IS NULL AND (instr(lower(p.title), @q) > 0
         OR instr(lower(p.style_code), @q) > 0 OR EXISTS (SELECT 1 FROM sku s WHERE s.product_id = p.id
           AND ${LIVE_SKU} AND instr(lower(s.code), @q) > 0))`
    : `WHERE p.deleted_at IS NULL AND p.archived_at IS NULL`;
  const all = store
    .stmt<FactsDb>(`${FACTS_SQL} ${where} ORDER BY p.title, p.id`)
    .all({ ...ruleParams(store), ...(q ? { q } : {}) })
    .map((f) => toRow(store, f));
  const counts = Object.fromEntries(READINESS_STATES.map((s) => [s, 0])) as Record<ReadinessState, number>;
  counts.all = all.length;
  for (const r of all) counts[stateOf(r)] += 1;
  const picked = input.filter.state === 'all' ? all : all.filter((r) => stateOf(r) === input.filter.state);
  return { rows: picked.slice(input.offset, input.offset + input.limit), total: picked.length, counts };
}

// ---------------------------------------------------------------------------------------------
// Marking listed / delisted
// ---------------------------------------------------------------------------------------------
export function markListed(
  store: Store,
  by: string,
  input: { productId: string; listed: boolean; overrideReason: string; expectedVersion?: string | undefined },
): ReadinessRow {
  const archived = store
    .stmt<{ archived_at: string | null }>(
      `SELECT archived_at FROM product WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(input.productId);
  if (!archived) throw notFound('product');
  if (archived.archived_at && input.listed) throw new AppError('CONFLICT', 'productArchived');
  const before = readinessOf(store, input.productId);
  if (input.expectedVersion && before.version !== input.expectedVersion)
    throw new AppError('CONFLICT', 'staleEdit');
  if (before.listed === input.listed) return before;
  const missing = input.listed ? before.missing : [];
  const reason = missing.length ? input.overrideReason : '';
  if (missing.length && !reason)
    throw new AppError('CONFLICT', 'notReady', { items: missing.join(','), count: missing.length });
  const stamp = store.stamp();
  store
    .stmt(`UPDATE product SET listed = @listed, updated_at = @stamp, updated_by = @by WHERE id = @id`)
    .run({ listed: input.listed ? 1 : 0, stamp, by, id: input.productId });
  store
    .stmt(
      `INSERT INTO product_listing_event (id, product_id, at, staff_id, listed, missing, override_reason)
       VALUES (@id, @productId, @at, @by, @listed, @missing, @reason)`,
    )
    .run({
      id: newId(),
      productId: input.productId,
      at: store.isoNow(),
      by,
      listed: input.listed ? 1 : 0,
      missing: JSON.stringify(missing),
      reason,
    });
  const fields: Record<string, { from: unknown; to: unknown }> = {
    listed: { from: before.listed, to: input.listed },
  };
  if (reason) fields.overrideReason = { from: null, to: reason };
  if (missing.length) fields.missing = { from: null, to: missing };
  store.log(
    {
      staffId: by,
      entity: 'product',
      rowId: input.productId,
      op: input.listed ? 'list' : 'delist',
      label: before.title,
      fields,
    },
    stamp,
  );
  return readinessOf(store, input.productId);
}
