// The buyer database (买家资料库, §13.9): one buyer per Taobao member name (旺旺), with phones,
// addresses, groups and traits, a VIP level and dated notes; a timeline built from a list of
// sources; prefix search through the buyer_search key table; merging duplicates.
import type {
  Buyer,
  BuyerInput,
  BuyerNote,
  BuyerRow,
  Paged,
  TimelineEntry,
  TimelineKind,
  VipLevel,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { pinyinInitials } from '../../lib/text';
import { maskPhone, parseJsonArray } from './common';
import { reviewTimeline } from './reviews';
import { caseTimeline, moveCasesToBuyer } from './aftersales-timeline';

export interface BuyerDb {
  id: string;
  member_name: string;
  real_name: string;
  phones: string;
  addresses: string;
  tags: string;
  vip_level: number;
  merged_into_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Everything after the prefix in a key range: `key >= q AND key < q || MAX`. */
const KEY_MAX = '\u{10FFFF}';
const TOTAL_CAP = 10_000;
/** One shared collator for sorting a page of names by member name. */
const ZH = new Intl.Collator('zh-CN');

export function buyerById(store: Store, id: string): BuyerDb | undefined {
  return store.stmt<BuyerDb>(`SELECT * FROM buyer WHERE id = ?`).get(id);
}

/** The live buyer with this member name (following a merge), if any. */
export function buyerByMember(store: Store, memberName: string): BuyerDb | undefined {
  const live = store
    .stmt<BuyerDb>(`SELECT * FROM buyer WHERE member_name = ? AND merged_into_id IS NULL`)
    .get(memberName);
  if (live) return live;
  let b = store
    .stmt<BuyerDb>(`SELECT * FROM buyer WHERE member_name = ? ORDER BY created_at LIMIT 1`)
    .get(memberName);
  for (let hops = 0; b?.merged_into_id && hops < 20; hops++) b = buyerById(store, b.merged_into_id);
  return b;
}

/** Pinyin initials, remembered: an import meets the same real names again and again. */
const initialsSeen = new Map<string, string>();
function initials(text: string): string {
  let v = initialsSeen.get(text);
  if (v === undefined) {
    if (initialsSeen.size >= 20_000) initialsSeen.clear();
    initialsSeen.set(text, (v = pinyinInitials(text)));
  }
  return v;
}

export function searchKeys(
  b: Pick<BuyerDb, 'member_name' | 'real_name' | 'phones' | 'tags'>,
  mergedNames: string[],
): Set<string> {
  const keys = new Set<string>();
  const add = (k: string) => {
    const s = k.trim().toLowerCase();
    if (s) keys.add(s);
  };
  for (const name of [b.member_name, ...mergedNames]) {
    add(name);
    if (/[\u4e00-\u9fff]/.test(name)) add(initials(name));
  }
  add(b.real_name);
  if (b.real_name) add(initials(b.real_name));
  for (const p of parseJsonArray(b.phones)) {
    add(p);
    if (p.length >= 7) add(p.slice(-4));
  }
  for (const t of parseJsonArray(b.tags)) add(`#${t}`);
  return keys;
}

/** What a list row shows of a buyer: copied into each of its search keys (0022). */
type KeyedBuyer = Pick<BuyerDb, 'id' | 'member_name' | 'real_name' | 'phones' | 'tags' | 'vip_level'>;

/** buyer_search's columns, in the order `searchKeyRows` gives them. */
export const SEARCH_KEY_COLUMNS = [
  'key',
  'buyer_id',
  'member_name',
  'real_name',
  'phones',
  'tags',
  'vip_level',
] as const;

/**
 * A live buyer's buyer_search rows: each search key with the row columns it lists by. The ONE
 * definition of those rows: `writeKeys` (insertBuyer, reindexBuyer) and the order import's bulk
 * writer both write what this gives.
 */
export function searchKeyRows(b: KeyedBuyer, mergedNames: string[]): (string | number)[][] {
  return [...searchKeys(b, mergedNames)].map((key) => [
    key,
    b.id,
    b.member_name,
    b.real_name,
    b.phones,
    b.tags,
    b.vip_level,
  ]);
}

function writeKeys(store: Store, b: KeyedBuyer, mergedNames: string[]): void {
  const ins = store.stmt(
    `INSERT OR IGNORE INTO buyer_search (${SEARCH_KEY_COLUMNS.join(', ')}) VALUES (${SEARCH_KEY_COLUMNS.map(() => '?').join(', ')})`,
  );
  for (const row of searchKeyRows(b, mergedNames)) ins.run(...row);
}

/** Rewrite a buyer's search keys (none for a merged-away buyer). */
export function reindexBuyer(store: Store, id: string): void {
  store.stmt(`DELETE FROM buyer_search WHERE buyer_id = ?`).run(id);
  const b = buyerById(store, id);
  if (!b || b.merged_into_id) return;
  const merged = store
    .stmt<{ member_name: string }>(`SELECT member_name FROM buyer WHERE merged_into_id = ?`)
    .all(id)
    .map((r) => r.member_name);
  writeKeys(store, b, merged);
}

export interface NewBuyer {
  memberName: string;
  realName?: string;
  phones?: string[];
  addresses?: string[];
  tags?: string[];
  vipLevel?: number;
}

export function insertBuyer(
  store: Store,
  by: string | null,
  data: NewBuyer,
  hlc: string,
  op = 'create',
): string {
  const id = newId();
  const row = {
    id,
    member_name: data.memberName,
    real_name: data.realName ?? '',
    phones: JSON.stringify(data.phones ?? []),
    addresses: JSON.stringify(data.addresses ?? []),
    tags: JSON.stringify(data.tags ?? []),
    vip_level: data.vipLevel ?? 0,
  };
  store
    .stmt(
      `INSERT INTO buyer (id, member_name, real_name, phones, addresses, tags, vip_level, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @member_name, @real_name, @phones, @addresses, @tags, @vip_level, @at, @by, @hlc, @by)`,
    )
    .run({ ...row, at: store.isoNow(), by, hlc });
  // A new buyer has no keys yet and no buyers merged into it: its keys come from the row itself.
  writeKeys(store, row, []);
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'id') fields[k] = { from: null, to: v };
  store.log({ staffId: by, entity: 'buyer', rowId: id, op, label: data.memberName, fields }, hlc);
  return id;
}

/** Change the given columns of a buyer (only those that differ), log them and reindex. */
export function patchBuyer(
  store: Store,
  by: string | null,
  before: BuyerDb,
  next: Partial<
    Pick<
      BuyerDb,
      'member_name' | 'real_name' | 'phones' | 'addresses' | 'tags' | 'vip_level' | 'merged_into_id'
    >
  >,
  hlc: string,
  op = 'update',
): boolean {
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(next) as [keyof BuyerDb, unknown][]) {
    if (v !== undefined && before[k] !== v) fields[k] = { from: before[k], to: v };
  }
  if (!Object.keys(fields).length) return false;
  const merged = { ...before, ...next };
  store
    .stmt(
      `UPDATE buyer SET member_name = @member_name, real_name = @real_name, phones = @phones,
         addresses = @addresses, tags = @tags, vip_level = @vip_level, merged_into_id = @merged_into_id,
         updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({
      id: before.id,
      member_name: merged.member_name,
      real_name: merged.real_name,
      phones: merged.phones,
      addresses: merged.addresses,
      tags: merged.tags,
      vip_level: merged.vip_level,
      merged_into_id: merged.merged_into_id,
      hlc,
      by,
    });
  reindexBuyer(store, before.id);
  store.log({ staffId: by, entity: 'buyer', rowId: before.id, op, label: merged.member_name, fields }, hlc);
  return true;
}

/** Add values to a JSON array column, keeping order and skipping ones already there. */
export function unionJson(current: string, add: readonly string[]): string {
  const list = parseJsonArray(current);
  let changed = false;
  for (const v of add) {
    if (v && !list.includes(v)) {
      list.push(v);
      changed = true;
    }
  }
  return changed ? JSON.stringify(list) : current;
}

interface RowDb {
  id: string;
  member_name: string;
  real_name: string;
  phones: string;
  tags: string;
  vip_level: number;
  order_count: number;
  last_order_at: string | null;
}
const ROW_COLS = `b.id, b.member_name, b.real_name, b.phones, b.tags, b.vip_level,
  (SELECT COUNT(*) FROM sales_order o WHERE o.buyer_id = b.id) AS order_count,
  (SELECT MAX(o.ordered_at) FROM sales_order o WHERE o.buyer_id = b.id) AS last_order_at`;

function toRow(r: RowDb): BuyerRow {
  return {
    id: r.id,
    memberName: r.member_name,
    realName: r.real_name,
    phones: parseJsonArray(r.phones).map(maskPhone),
    tags: parseJsonArray(r.tags),
    vipLevel: r.vip_level,
    orderCount: r.order_count,
    lastOrderAt: r.last_order_at,
  };
}

/** The SQL that picks the ids of buyers matching `q` / `tag` (prefix ranges on buyer_search). */
export function buyerMatchSql(q: string, tag: string): { sql: string; params: Record<string, string> } {
  return matchSql(q, tag, 't.buyer_id');
}

/**
 * The buyers matching `q` / `tag` with `cols` of their buyer_search rows: ranges on the key,
 * distinct buyers in key order. The slim (key, buyer_id) index when only ids are wanted (the
 * count, the export); the table itself, clustered by key, when the row columns are (the page).
 */
function matchSql(q: string, tag: string, cols: string): { sql: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const slim = cols === 't.buyer_id' ? ' INDEXED BY buyer_search_key' : '';
  const conds: string[] = [];
  let from: string;
  if (tag) {
    params.tag = `#${tag.toLowerCase()}`;
    from = `SELECT ${cols} FROM buyer_search t${slim} WHERE t.key = @tag`;
    if (q) {
      params.q = q.toLowerCase();
      params.qEnd = params.q + KEY_MAX;
      conds.push(
        `EXISTS (SELECT 1 FROM buyer_search k INDEXED BY buyer_search_buyer WHERE k.buyer_id = t.buyer_id AND k.key >= @q AND k.key < @qEnd)`,
      );
    }
  } else {
    params.q = q.toLowerCase();
    params.qEnd = params.q + KEY_MAX;
    from = `SELECT DISTINCT ${cols} FROM buyer_search t${slim} WHERE t.key >= @q AND t.key < @qEnd`;
  }
  return { sql: [from, ...conds].join(' AND '), params };
}

export function searchBuyers(
  store: Store,
  input: { q: string; tag: string; offset: number; limit: number },
): Paged<BuyerRow> {
  const q = input.q.trim();
  const tag = input.tag.trim();
  if (!q && !tag) {
    // The trigger-kept count of live buyers (0018), not a count of 500k rows.
    const total = store.stmt<{ n: number }>(`SELECT n FROM service_count WHERE key = 'buyer'`).get()!.n;
    const rows = store
      .stmt<RowDb>(
        `SELECT ${ROW_COLS} FROM buyer b INDEXED BY buyer_member WHERE b.merged_into_id IS NULL
         ORDER BY b.member_name LIMIT @limit OFFSET @offset`,
      )
      .all({ limit: input.limit, offset: input.offset });
    return { rows: rows.map(toRow), total };
  }
  const m = buyerMatchSql(q, tag);
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM (${m.sql} LIMIT ${TOTAL_CAP})`)
    .get(m.params)!.n;
  // The page straight from the key range (0022: each key row carries the buyer's row columns),
  // then each buyer's order count and latest order from one read of the sales_order_buyer index.
  const p = matchSql(q, tag, 't.buyer_id AS id, t.member_name, t.real_name, t.phones, t.tags, t.vip_level');
  const page = store
    .stmt<Omit<RowDb, 'order_count' | 'last_order_at'>>(`${p.sql} LIMIT @limit OFFSET @offset`)
    .all({ ...p.params, limit: input.limit, offset: input.offset });
  const stats = store.stmt<{ n: number; last: string | null }>(
    `SELECT COUNT(*) AS n, MAX(ordered_at) AS last FROM sales_order WHERE buyer_id = ?`,
  );
  const rows: RowDb[] = page.map((r) => {
    const s = stats.get(r.id)!;
    return { ...r, order_count: s.n, last_order_at: s.last };
  });
  rows.sort((a, b) => ZH.compare(a.member_name, b.member_name));
  return { rows: rows.map(toRow), total };
}

// ---- the timeline: one source per kind of record --------------------------------------------
interface TimelineSource {
  kind: TimelineKind;
  read(store: Store, buyerId: string, limit: number): TimelineEntry[];
}

/**
 * Every source of a buyer's timeline. Later parts (after-sales cases, complaints, reviews,
 * inquiries) add their own entry here.
 */
export const TIMELINE_SOURCES: TimelineSource[] = [
  {
    kind: 'order',
    read: (store, buyerId, limit) =>
      store
        .stmt<{
          id: string;
          order_no: string;
          status: string;
          total_fen: number;
          ordered_at: string;
          item_count: number;
        }>(
          `SELECT id, order_no, status, total_fen, ordered_at, item_count FROM sales_order
           WHERE buyer_id = ? ORDER BY ordered_at DESC LIMIT ?`,
        )
        .all(buyerId, limit)
        .map((o) => ({
          kind: 'order' as const,
          at: o.ordered_at,
          refId: o.id,
          title: o.order_no,
          detail: `${o.status}|${o.total_fen}|${o.item_count}`,
          staffName: null,
        })),
  },
  {
    kind: 'followUp',
    read: (store, buyerId, limit) =>
      store
        .stmt<{
          id: string;
          order_id: string;
          order_no: string;
          at: string;
          channel: string;
          outcome: string;
          note: string;
          staff_name: string | null;
        }>(
          `SELECT f.id, f.order_id, o.order_no, f.at, f.channel, f.outcome, f.note, s.name AS staff_name
           FROM sales_order o JOIN order_follow_up f ON f.order_id = o.id LEFT JOIN staff s ON s.id = f.staff_id
           WHERE o.buyer_id = ? ORDER BY f.at DESC LIMIT ?`,
        )
        .all(buyerId, limit)
        .map((f) => ({
          kind: 'followUp' as const,
          at: f.at,
          refId: f.order_id,
          title: f.order_no,
          detail: `${f.channel}|${f.outcome}|${f.note}`,
          staffName: f.staff_name,
        })),
  },
  {
    kind: 'complaint',
    read: (store, buyerId, limit) =>
      store
        .stmt<{
          id: string;
          complaint_no: string;
          received_at: string;
          severity: string;
          category: string;
          status: string;
          staff_name: string | null;
        }>(
          `SELECT c.id, c.complaint_no, c.received_at, c.severity, c.category, c.status, s.name AS staff_name
           FROM complaint c LEFT JOIN staff s ON s.id = c.handler_id
           WHERE c.buyer_id = ? ORDER BY c.received_at DESC LIMIT ?`,
        )
        .all(buyerId, limit)
        .map((c) => ({
          kind: 'complaint' as const,
          at: c.received_at,
          refId: c.id,
          title: c.complaint_no,
          detail: `${c.severity}|${c.category}|${c.status}`,
          staffName: c.staff_name,
        })),
  },
  {
    kind: 'note',
    read: (store, buyerId, limit) =>
      notesOf(store, buyerId, limit).map((n) => ({
        kind: 'note' as const,
        at: n.at,
        refId: n.id,
        title: '',
        detail: n.text,
        staffName: n.staffName,
      })),
  },
  // 中差评: refId is the order, title the review's number.
  { kind: 'review', read: (store, buyerId, limit) => reviewTimeline(store, buyerId, limit) },
  {
    // 售前 inquiries (presales.ts), buyers merged into this one included
    kind: 'inquiry',
    read: (store, buyerId, limit) =>
      store
        .stmt<{
          id: string;
          at: string;
          question: string;
          outcome: string;
          order_id: string | null;
          order_no: string | null;
          note: string;
          title: string | null;
          staff_name: string | null;
        }>(
          `SELECT i.id, i.at, i.question, i.outcome, i.order_id, o.order_no, i.note, p.title, s.name AS staff_name
           FROM presales_inquiry i LEFT JOIN product p ON p.id = i.product_id
           LEFT JOIN sales_order o ON o.id = i.order_id LEFT JOIN staff s ON s.id = i.staff_id
           WHERE i.buyer_id = @b OR i.buyer_id IN (SELECT id FROM buyer WHERE merged_into_id = @b)
           ORDER BY i.at DESC LIMIT @limit`,
        )
        .all({ b: buyerId, limit })
        .map((i) => ({
          kind: 'inquiry' as const,
          at: i.at,
          refId: i.id,
          title: i.title ?? '',
          detail: [i.question, i.outcome, i.order_id ?? '', i.order_no ?? '', i.note].join('|'),
          staffName: i.staff_name,
        })),
  },
  // after-sales cases (售后)
  { kind: 'case', read: caseTimeline },
];

function notesOf(store: Store, buyerId: string, limit: number): BuyerNote[] {
  return store
    .stmt<{ id: string; at: string; staff_name: string | null; text: string }>(
      `SELECT n.id, n.at, s.name AS staff_name, n.text FROM buyer_note n LEFT JOIN staff s ON s.id = n.staff_id
       WHERE n.buyer_id = ? ORDER BY n.at DESC LIMIT ?`,
    )
    .all(buyerId, limit)
    .map((n) => ({ id: n.id, at: n.at, staffName: n.staff_name, text: n.text }));
}

export function getBuyer(store: Store, id: string, canContact: boolean): Buyer {
  const b = buyerById(store, id);
  if (!b) throw notFound('buyer');
  if (b.merged_into_id) return getBuyer(store, b.merged_into_id, canContact);
  const stats = store
    .stmt<{ n: number; paid: number }>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(paid_fen), 0) AS paid FROM sales_order WHERE buyer_id = ?`,
    )
    .get(id)!;
  const vip = b.vip_level
    ? (store.stmt<VipLevel>(`SELECT level, name, offers FROM vip_level WHERE level = ?`).get(b.vip_level) ?? {
        level: b.vip_level,
        name: '',
        offers: '',
      })
    : null;
  const timeline = TIMELINE_SOURCES.flatMap((s) => s.read(store, id, 200))
    .sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0))
    .slice(0, 300);
  const phones = parseJsonArray(b.phones);
  return {
    id: b.id,
    memberName: b.member_name,
    realName: b.real_name,
    phones: canContact ? phones : phones.map(maskPhone),
    phonesMasked: !canContact,
    addresses: parseJsonArray(b.addresses),
    tags: parseJsonArray(b.tags),
    vipLevel: b.vip_level,
    vip,
    version: b.updated_at,
    createdAt: b.created_at,
    updatedAt: b.updated_at,
    orderCount: stats.n,
    paidFen: stats.paid,
    notes: notesOf(store, id, 500),
    timeline,
  };
}

export function saveBuyer(
  store: Store,
  by: string,
  input: Required<Omit<BuyerInput, 'id' | 'expectedVersion'>> & { id?: string; expectedVersion?: string },
): string {
  const owner = buyerByMember(store, input.memberName);
  if (owner && owner.id !== input.id && !owner.merged_into_id && owner.member_name === input.memberName) {
    throw fieldErrors({ memberName: { key: 'validation.memberTaken' } });
  }
  const hlc = store.stamp();
  const data = {
    real_name: input.realName,
    phones: JSON.stringify([...new Set(input.phones)]),
    addresses: JSON.stringify([...new Set(input.addresses)]),
    tags: JSON.stringify([...new Set(input.tags)]),
    vip_level: input.vipLevel,
  };
  if (!input.id) {
    return insertBuyer(
      store,
      by,
      {
        memberName: input.memberName,
        realName: data.real_name,
        phones: JSON.parse(data.phones) as string[],
        addresses: JSON.parse(data.addresses) as string[],
        tags: JSON.parse(data.tags) as string[],
        vipLevel: data.vip_level,
      },
      hlc,
    );
  }
  const before = buyerById(store, input.id);
  if (!before || before.merged_into_id) throw notFound('buyer');
  if (input.expectedVersion && input.expectedVersion !== before.updated_at) {
    throw new AppError('CONFLICT', 'staleEdit');
  }
  patchBuyer(store, by, before, { member_name: input.memberName, ...data }, hlc);
  return before.id;
}

export function addNote(store: Store, by: string, buyerId: string, text: string): void {
  const b = buyerById(store, buyerId);
  if (!b || b.merged_into_id) throw notFound('buyer');
  const id = newId();
  const at = store.isoNow();
  store
    .stmt(`INSERT INTO buyer_note (id, buyer_id, at, staff_id, text) VALUES (?, ?, ?, ?, ?)`)
    .run(id, buyerId, at, by, text);
  store.log({
    staffId: by,
    entity: 'buyer_note',
    rowId: id,
    op: 'create',
    label: b.member_name,
    fields: { buyer_id: { from: null, to: buyerId }, text: { from: null, to: text } },
  });
}

/** Merge `mergeId` into `keepId`: its orders and notes move, its contact data is added. */
export function mergeBuyers(store: Store, by: string, keepId: string, mergeId: string): void {
  if (keepId === mergeId) throw fieldErrors({ mergeId: { key: 'validation.sameBuyer' } });
  const keep = buyerById(store, keepId);
  const gone = buyerById(store, mergeId);
  if (!keep || keep.merged_into_id) throw notFound('buyer');
  if (!gone || gone.merged_into_id) throw notFound('buyer');
  const hlc = store.stamp();
  const orders = store
    .stmt<{ id: string; order_no: string }>(`SELECT id, order_no FROM sales_order WHERE buyer_id = ?`)
    .all(mergeId);
  for (const o of orders) {
    store
      .stmt(`UPDATE sales_order SET buyer_id = ?, updated_at = ?, updated_by = ? WHERE id = ?`)
      .run(keepId, hlc, by, o.id);
    store.log(
      {
        staffId: by,
        entity: 'sales_order',
        rowId: o.id,
        op: 'merge',
        label: o.order_no,
        fields: { buyer_id: { from: mergeId, to: keepId } },
      },
      hlc,
    );
  }
  const notes = store
    .stmt(`UPDATE buyer_note SET buyer_id = ? WHERE buyer_id = ?`)
    .run(keepId, mergeId).changes;
  moveCasesToBuyer(store, keepId, mergeId); // after-sales cases follow the buyer
  patchBuyer(
    store,
    by,
    keep,
    {
      real_name: keep.real_name || gone.real_name,
      phones: unionJson(keep.phones, parseJsonArray(gone.phones)),
      addresses: unionJson(keep.addresses, parseJsonArray(gone.addresses)),
      tags: unionJson(keep.tags, parseJsonArray(gone.tags)),
      vip_level: Math.max(keep.vip_level, gone.vip_level),
    },
    hlc,
    'merge',
  );
  // Buyers merged earlier into the one going away now point at the one kept.
  for (const r of store.stmt<BuyerDb>(`SELECT * FROM buyer WHERE merged_into_id = ?`).all(mergeId)) {
    patchBuyer(store, by, r, { merged_into_id: keepId }, hlc, 'merge');
  }
  patchBuyer(store, by, gone, { merged_into_id: keepId }, hlc, 'merge');
  reindexBuyer(store, keepId);
  store.log(
    {
      staffId: by,
      entity: 'buyer',
      rowId: keepId,
      op: 'mergeFrom',
      label: `${gone.member_name} → ${keep.member_name}`,
      fields: {
        mergedId: { from: null, to: mergeId },
        orders: { from: null, to: orders.length },
        notes: { from: null, to: notes },
      },
    },
    hlc,
  );
}
