// Pre-sales (售前, §12, §15.4): the inquiry log (咨询记录) with per-day counts and conversion,
// reply templates (快捷回复/话术库) and product knowledge (产品知识) with versions and the agents'
// 已学习 records. Writes only its own tables (buyers are created through buyers.ts).
import type { ExportResult } from '../../api/contract';
import type {
  AgentLearned,
  CoveragePage,
  Inquiry,
  InquiryFilter,
  InquiryOutcome,
  InquiryPage,
  KnowledgeContent,
  ProductKnowledge,
  QuestionType,
  ReplyTemplate,
  TemplateCategory,
} from '../../api/contract-presales';
import { INQUIRY_BACKDATE_DAYS } from '../../api/contract-presales';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { newId } from '../../lib/ids';
import { pinyinInitials } from '../../lib/text';
import { buyerById, buyerByMember, insertBuyer } from './buyers';
import { dayRangeUtc } from './common';
import { shopOffsetMinutes, sqlLocalTime } from './export';
import { orderById } from './orders';

/** The role whose active members must learn every product's knowledge (§15.4). */
export const LEARNER_ROLE = 'cs_agent';

// ---------------------------------------------------------------------------------------------
// Inquiries
// ---------------------------------------------------------------------------------------------
interface InquiryDb {
  id: string;
  buyer_id: string;
  member_name: string;
  product_id: string | null;
  sku_id: string | null;
  question: QuestionType;
  outcome: InquiryOutcome;
  order_id: string | null;
  note: string;
  staff_id: string;
  at: string;
  outcome_at: string | null;
  updated_at: string;
}

const INQUIRY_SELECT = `SELECT i.*, COALESCE(p.title, '') AS product_title, COALESCE(k.code, '') AS sku_code,
  COALESCE(k.spec, '') AS sku_spec, COALESCE(o.order_no, '') AS order_no, COALESCE(s.name, '') AS staff_name
  FROM presales_inquiry i LEFT JOIN product p ON p.id = i.product_id LEFT JOIN sku k ON k.id = i.sku_id
  LEFT JOIN sales_order o ON o.id = i.order_id LEFT JOIN staff s ON s.id = i.staff_id`;

type InquiryJoined = InquiryDb & {
  product_title: string;
  sku_code: string;
  sku_spec: string;
  order_no: string;
  staff_name: string;
};

function toInquiry(r: InquiryJoined): Inquiry {
  return {
    id: r.id,
    buyerId: r.buyer_id,
    memberName: r.member_name,
    productId: r.product_id,
    skuId: r.sku_id,
    productTitle: r.product_title,
    skuCode: r.sku_code,
    skuSpec: r.sku_spec,
    question: r.question,
    outcome: r.outcome,
    orderId: r.order_id,
    orderNo: r.order_no,
    note: r.note,
    staffId: r.staff_id,
    staffName: r.staff_name,
    at: r.at,
    outcomeAt: r.outcome_at,
    version: r.updated_at,
  };
}

export function getInquiry(store: Store, id: string): Inquiry {
  const r = store.stmt<InquiryJoined>(`${INQUIRY_SELECT} WHERE i.id = ?`).get(id);
  if (!r) throw notFound('inquiry');
  return toInquiry(r);
}

/** The buyer ids an inquiry may name for `buyerId`: itself and buyers merged into it. */
function sameBuyer(store: Store, buyerId: string, other: string | null): boolean {
  if (!other) return false;
  if (other === buyerId) return true;
  const b = buyerById(store, other);
  return b?.merged_into_id === buyerId;
}

/** An order linked to an inquiry must be that buyer's (or a buyer merged into it). */
function checkOrder(store: Store, buyerId: string, orderId: string, field: string): void {
  const o = orderById(store, orderId);
  if (!o || !sameBuyer(store, buyerId, o.buyer_id))
    throw fieldErrors({ [field]: { key: 'validation.inquiryOrderBuyer' } });
}

/** A minute of clock skew between the agent's clock and main's is not "the future". */
const SKEW_MS = 60_000;

/**
 * When a new inquiry happened: now, or the time the agent gives for one logged after the fact —
 * never in the future, and not older than INQUIRY_BACKDATE_DAYS unless `anyTime`. Stored as UTC
 * ISO like every time; the sales report and the conversion counts read this column.
 */
function inquiryTime(store: Store, given: string | undefined, anyTime: boolean): string {
  const now = store.isoNow();
  if (given === undefined) return now;
  const ms = Date.parse(given);
  const nowMs = Date.parse(now);
  if (ms > nowMs + SKEW_MS) throw fieldErrors({ at: { key: 'validation.inquiryAtFuture' } });
  if (!anyTime && ms < nowMs - INQUIRY_BACKDATE_DAYS * 86_400_000)
    throw fieldErrors({ at: { key: 'validation.inquiryAtTooOld', params: { days: INQUIRY_BACKDATE_DAYS } } });
  return new Date(Math.min(ms, nowMs)).toISOString();
}

export function createInquiry(
  store: Store,
  by: string,
  input: {
    memberName: string;
    skuId?: string;
    question: QuestionType;
    outcome: InquiryOutcome;
    orderId?: string;
    note: string;
    at?: string;
  },
  /** May log an inquiry older than INQUIRY_BACKDATE_DAYS (客服主管, 店长). */
  anyTime = false,
): Inquiry {
  if (input.orderId && input.outcome !== 'ordered')
    throw fieldErrors({ orderId: { key: 'validation.inquiryOrderOutcome' } });
  const at = inquiryTime(store, input.at, anyTime);
  let productId: string | null = null;
  if (input.skuId) {
    const sku = store
      .stmt<{ product_id: string }>(`SELECT product_id FROM sku WHERE id = ? AND deleted_at IS NULL`)
      .get(input.skuId);
    if (!sku) throw fieldErrors({ skuId: { key: 'validation.inquirySku' } });
    productId = sku.product_id;
  }
  const hlc = store.stamp();
  let buyer = buyerByMember(store, input.memberName);
  const buyerId = buyer ? buyer.id : insertBuyer(store, by, { memberName: input.memberName }, hlc);
  buyer = buyerById(store, buyerId)!;
  if (input.orderId) checkOrder(store, buyer.id, input.orderId, 'orderId');
  const id = newId();
  const row = {
    id,
    buyer_id: buyer.id,
    member_name: input.memberName,
    product_id: productId,
    sku_id: input.skuId ?? null,
    question: input.question,
    outcome: input.outcome,
    order_id: input.orderId ?? null,
    note: input.note,
    staff_id: by,
    at,
  };
  store
    .stmt(
      `INSERT INTO presales_inquiry (id, buyer_id, member_name, product_id, sku_id, question, outcome, order_id, note, staff_id, at, updated_at, updated_by)
       VALUES (@id, @buyer_id, @member_name, @product_id, @sku_id, @question, @outcome, @order_id, @note, @staff_id, @at, @hlc, @staff_id)`,
    )
    .run({ ...row, hlc });
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'id') fields[k] = { from: null, to: v };
  store.log(
    { staffId: by, entity: 'presales_inquiry', rowId: id, op: 'create', label: input.memberName, fields },
    hlc,
  );
  return getInquiry(store, id);
}

/**
 * The agent who took an inquiry settles it: while 跟进中 any outcome, or an 已下单 inquiry without
 * an order gets its order. A version-checked update of the one row (the inquiry stays one record
 * for the conversion maths and the later sales credit); the change log keeps the history.
 */
export function setInquiryOutcome(
  store: Store,
  by: string,
  input: {
    id: string;
    expectedVersion: string;
    outcome: InquiryOutcome;
    orderId: string | null;
    note?: string;
  },
): Inquiry {
  const r = store.stmt<InquiryDb>(`SELECT * FROM presales_inquiry WHERE id = ?`).get(input.id);
  if (!r) throw notFound('inquiry');
  if (r.staff_id !== by) throw new AppError('CONFLICT', 'inquiryNotYours');
  if (r.updated_at !== input.expectedVersion) throw new AppError('CONFLICT', 'staleEdit');
  const linking = r.outcome === 'ordered' && !r.order_id;
  if (r.outcome !== 'pending' && !linking) throw new AppError('CONFLICT', 'inquirySettled');
  if (input.orderId && input.outcome !== 'ordered')
    throw fieldErrors({ orderId: { key: 'validation.inquiryOrderOutcome' } });
  if (input.orderId) checkOrder(store, r.buyer_id, input.orderId, 'orderId');
  const next = {
    outcome: input.outcome,
    order_id: input.orderId,
    note: input.note ?? r.note,
  };
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ['outcome', 'order_id', 'note'] as const)
    if (next[k] !== r[k]) fields[k] = { from: r[k], to: next[k] };
  if (!Object.keys(fields).length) return getInquiry(store, r.id);
  const hlc = store.stamp();
  store
    .stmt(
      `UPDATE presales_inquiry SET outcome = @outcome, order_id = @order_id, note = @note, outcome_at = @now,
       updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ ...next, now: store.isoNow(), hlc, by, id: r.id });
  store.log(
    { staffId: by, entity: 'presales_inquiry', rowId: r.id, op: 'outcome', label: r.member_name, fields },
    hlc,
  );
  return getInquiry(store, r.id);
}

/** WHERE for a filter: fixed fragments only; the range always bounds `at` (an index range). */
function inquiryWhere(store: Store, f: InquiryFilter): { where: string; params: Record<string, string> } {
  const { fromUtc, toUtc } = dayRangeUtc(store, f.from, f.to);
  const parts = ['i.at >= @fromUtc', 'i.at < @toUtc'];
  const params: Record<string, string> = { fromUtc: fromUtc ?? '', toUtc: toUtc ?? '9999' };
  if (f.staffId) {
    parts.push('i.staff_id = @staffId');
    params.staffId = f.staffId;
  }
  if (f.buyerId) {
    parts.push(
      '(i.buyer_id = @buyerId OR i.buyer_id IN (SELECT id FROM buyer WHERE merged_into_id = @buyerId))',
    );
    params.buyerId = f.buyerId;
  }
  if (f.outcome) {
    parts.push('i.outcome = @outcome');
    params.outcome = f.outcome;
  }
  if (f.question) {
    parts.push('i.question = @question');
    params.question = f.question;
  }
  return { where: parts.join(' AND '), params };
}

export function listInquiries(
  store: Store,
  input: { filter: InquiryFilter; offset: number; limit: number },
): InquiryPage {
  const { where, params } = inquiryWhere(store, input.filter);
  const rows = store
    .stmt<InquiryJoined>(`${INQUIRY_SELECT} WHERE ${where} ORDER BY i.at DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit, offset: input.offset });
  const off = shopOffsetMinutes(store);
  const days = store
    .stmt<{ day: string; total: number; ordered: number; pending: number }>(
      `SELECT strftime('%Y-%m-%d', i.at, @shift) AS day, COUNT(*) AS total,
         SUM(i.outcome = 'ordered') AS ordered, SUM(i.outcome = 'pending') AS pending
       FROM presales_inquiry i WHERE ${where} GROUP BY day ORDER BY day`,
    )
    .all({ ...params, shift: `${off >= 0 ? '+' : ''}${off} minutes` });
  const stats = inquiryStats(days);
  const agents = store
    .stmt<{ id: string; name: string }>(
      `SELECT s.id, s.name FROM staff s WHERE s.id IN (SELECT DISTINCT staff_id FROM presales_inquiry)
         OR (s.active = 1 AND s.deleted_at IS NULL AND s.role IN ('cs_agent', 'cs_supervisor'))
       ORDER BY s.name`,
    )
    .all();
  return { rows: rows.map(toInquiry), total: stats.total, stats, agents };
}

/** Totals and conversion (ordered / total) from per-day counts. */
export function inquiryStats(
  days: { day: string; total: number; ordered: number; pending: number }[],
): InquiryPage['stats'] {
  let total = 0;
  let ordered = 0;
  let pending = 0;
  for (const d of days) {
    total += d.total;
    ordered += d.ordered;
    pending += d.pending;
  }
  return {
    total,
    ordered,
    pending,
    notOrdered: total - ordered - pending,
    conversion: total ? ordered / total : 0,
    days: days.map((d) => ({ day: d.day, total: d.total, ordered: d.ordered, pending: d.pending })),
  };
}

const QUESTION_SQL = (x: string) =>
  `CASE ${x} WHEN 'size' THEN '尺码' WHEN 'material' THEN '材质' WHEN 'price' THEN '价格/讨价还价' WHEN 'shipping' THEN '发货/快递' WHEN 'stock' THEN '库存' WHEN 'promotion' THEN '活动优惠' WHEN 'after_sales' THEN '售后' ELSE '其他' END`;
const OUTCOME_SQL = (x: string) =>
  `CASE ${x} WHEN 'ordered' THEN '已下单' WHEN 'not_ordered' THEN '未下单' ELSE '跟进中' END`;

export function inquiriesCsvQuery(store: Store, filter: InquiryFilter): CsvQuery {
  const off = shopOffsetMinutes(store);
  const { where, params } = inquiryWhere(store, filter);
  const line = sqlCsvLine([
    sqlCsvText(sqlLocalTime('i.at', off)),
    sqlCsvText(`COALESCE(s.name, '')`),
    sqlCsvText('i.member_name'),
    sqlCsvText(`COALESCE(p.title, '')`),
    sqlCsvText(`COALESCE(k.code, '')`),
    sqlCsvText(`COALESCE(k.spec, '')`),
    sqlCsvText(QUESTION_SQL('i.question')),
    sqlCsvText(OUTCOME_SQL('i.outcome')),
    sqlCsvText(`COALESCE(o.order_no, '')`),
    sqlCsvText('i.note'),
  ]);
  return {
    header: [
      '咨询时间',
      '客服',
      '买家会员名',
      '商品',
      '商家编码',
      '规格',
      '问题类型',
      '结果',
      '订单编号',
      '备注',
    ],
    sql: `SELECT ${line} FROM presales_inquiry i LEFT JOIN product p ON p.id = i.product_id
          LEFT JOIN sku k ON k.id = i.sku_id LEFT JOIN sales_order o ON o.id = i.order_id
          LEFT JOIN staff s ON s.id = i.staff_id WHERE ${where} ORDER BY i.at`,
    params,
  };
}

export function exportInquiries(
  store: Store,
  host: Host,
  filter: InquiryFilter,
  encoding: CsvEncoding,
): Promise<ExportResult> {
  return exportCsv(store, host, '咨询记录', encoding, () => inquiriesCsvQuery(store, filter));
}

// ---------------------------------------------------------------------------------------------
// Reply templates
// ---------------------------------------------------------------------------------------------
interface TemplateDb {
  id: string;
  category: TemplateCategory;
  title: string;
  body: string;
  search_text: string;
  updated_at: string;
  staff_name: string | null;
  created_at: string;
  deleted_at: string | null;
}

function toTemplate(r: TemplateDb): ReplyTemplate {
  return {
    id: r.id,
    category: r.category,
    title: r.title,
    body: r.body,
    version: r.updated_at,
    updatedAt: r.updated_at,
    updatedByName: r.staff_name ?? '',
  };
}

const TEMPLATE_SELECT = `SELECT t.*, s.name AS staff_name FROM reply_template t LEFT JOIN staff s ON s.id = t.updated_by`;

function templateSearchText(title: string, body: string): string {
  return [title, pinyinInitials(title), body].map((s) => s.toLowerCase()).join('\u0001');
}

/** A shop has tens to hundreds of templates: filtered by category (index) and text. */
export function listTemplates(
  store: Store,
  input: { category?: TemplateCategory; q: string },
): ReplyTemplate[] {
  const q = input.q.toLowerCase();
  const rows = input.category
    ? store
        .stmt<TemplateDb>(
          `${TEMPLATE_SELECT} WHERE t.category = @category AND t.deleted_at IS NULL ORDER BY t.category, t.title`,
        )
        .all({ category: input.category })
    : store
        .stmt<TemplateDb>(`${TEMPLATE_SELECT} WHERE t.deleted_at IS NULL ORDER BY t.category, t.title`)
        .all();
  if (!q) return rows.map(toTemplate);
  const words = q.split(/\s+/).filter(Boolean);
  return rows.filter((r) => words.every((w) => r.search_text.includes(w))).map(toTemplate);
}

export function saveTemplate(
  store: Store,
  by: string,
  input: { id?: string; expectedVersion?: string; category: TemplateCategory; title: string; body: string },
): ReplyTemplate {
  const hlc = store.stamp();
  const search = templateSearchText(input.title, input.body);
  if (!input.id) {
    const id = newId();
    store
      .stmt(
        `INSERT INTO reply_template (id, category, title, body, search_text, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @category, @title, @body, @search, @at, @by, @hlc, @by)`,
      )
      .run({
        id,
        category: input.category,
        title: input.title,
        body: input.body,
        search,
        at: store.isoNow(),
        by,
        hlc,
      });
    store.log(
      {
        staffId: by,
        entity: 'reply_template',
        rowId: id,
        op: 'create',
        label: input.title,
        fields: {
          category: { from: null, to: input.category },
          title: { from: null, to: input.title },
          body: { from: null, to: input.body },
        },
      },
      hlc,
    );
    return toTemplate(store.stmt<TemplateDb>(`${TEMPLATE_SELECT} WHERE t.id = ?`).get(id)!);
  }
  const r = store.stmt<TemplateDb>(`${TEMPLATE_SELECT} WHERE t.id = ?`).get(input.id);
  if (!r || r.deleted_at) throw notFound('template');
  if (input.expectedVersion !== undefined && input.expectedVersion !== r.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of ['category', 'title', 'body'] as const)
    if (input[k] !== r[k]) fields[k] = { from: r[k], to: input[k] };
  if (!Object.keys(fields).length) return toTemplate(r);
  store
    .stmt(
      `UPDATE reply_template SET category = @category, title = @title, body = @body, search_text = @search,
       updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ category: input.category, title: input.title, body: input.body, search, hlc, by, id: r.id });
  store.log(
    { staffId: by, entity: 'reply_template', rowId: r.id, op: 'update', label: input.title, fields },
    hlc,
  );
  return toTemplate(store.stmt<TemplateDb>(`${TEMPLATE_SELECT} WHERE t.id = ?`).get(r.id)!);
}

export function deleteTemplate(
  store: Store,
  by: string,
  input: { id: string; expectedVersion: string },
): void {
  const r = store.stmt<TemplateDb>(`${TEMPLATE_SELECT} WHERE t.id = ?`).get(input.id);
  if (!r || r.deleted_at) throw notFound('template');
  if (input.expectedVersion !== r.updated_at) throw new AppError('CONFLICT', 'staleEdit');
  const hlc = store.stamp();
  const now = store.isoNow();
  store
    .stmt(`UPDATE reply_template SET deleted_at = @now, updated_at = @hlc, updated_by = @by WHERE id = @id`)
    .run({ now, hlc, by, id: r.id });
  store.log(
    {
      staffId: by,
      entity: 'reply_template',
      rowId: r.id,
      op: 'delete',
      label: r.title,
      fields: { deleted_at: { from: null, to: now } },
    },
    hlc,
  );
}

// ---------------------------------------------------------------------------------------------
// Product knowledge
// ---------------------------------------------------------------------------------------------
interface ProductHead {
  id: string;
  title: string;
  listed: number;
  version: number | null;
}

function productHead(store: Store, productId: string): ProductHead {
  const p = store
    .stmt<ProductHead>(
      `SELECT p.id, p.title, p.listed, k.version FROM product p LEFT JOIN product_knowledge k ON k.product_id = p.id
       WHERE p.id = ? AND p.deleted_at IS NULL`,
    )
    .get(productId);
  if (!p) throw notFound('product');
  return p;
}

export function getKnowledge(
  store: Store,
  me: string,
  input: { productId: string; version?: number },
): ProductKnowledge {
  const p = productHead(store, input.productId);
  const current = p.version ?? 0;
  const want = input.version ?? current;
  const row = want
    ? store
        .stmt<{
          version: number;
          selling_points: string;
          sizes: string;
          material: string;
          faqs: string;
          notes: string;
          at: string;
          staff_name: string | null;
        }>(
          `SELECT v.*, s.name AS staff_name FROM product_knowledge_version v LEFT JOIN staff s ON s.id = v.staff_id
           WHERE v.product_id = ? AND v.version = ?`,
        )
        .get(p.id, want)
    : undefined;
  if (input.version !== undefined && !row) throw notFound('knowledgeVersion');
  const content: KnowledgeContent | null = row
    ? {
        version: row.version,
        sellingPoints: row.selling_points,
        sizes: row.sizes,
        material: row.material,
        faqs: JSON.parse(row.faqs) as { q: string; a: string }[],
        notes: row.notes,
        at: row.at,
        staffName: row.staff_name ?? '',
      }
    : null;
  const versions = store
    .stmt<{ version: number; at: string; staff_name: string | null }>(
      `SELECT v.version, v.at, s.name AS staff_name FROM product_knowledge_version v LEFT JOIN staff s ON s.id = v.staff_id
       WHERE v.product_id = ? ORDER BY v.version DESC`,
    )
    .all(p.id)
    .map((v) => ({ version: v.version, at: v.at, staffName: v.staff_name ?? '' }));
  const agents: AgentLearned[] = store
    .stmt<{ id: string; name: string; version: number | null; at: string | null }>(
      `SELECT s.id, s.name,
         (SELECT l.version FROM product_knowledge_learned l WHERE l.product_id = @p AND l.staff_id = s.id ORDER BY l.version DESC LIMIT 1) AS version,
         (SELECT l.at FROM product_knowledge_learned l WHERE l.product_id = @p AND l.staff_id = s.id ORDER BY l.version DESC LIMIT 1) AS at
       FROM staff s WHERE s.active = 1 AND s.deleted_at IS NULL AND s.role = @role ORDER BY s.name`,
    )
    .all({ p: p.id, role: LEARNER_ROLE })
    .map((a) => ({ staffId: a.id, name: a.name, learnedVersion: a.version, learnedAt: a.at }));
  const mine =
    store
      .stmt<{ v: number | null }>(
        `SELECT MAX(version) AS v FROM product_knowledge_learned WHERE product_id = ? AND staff_id = ?`,
      )
      .get(p.id, me)?.v ?? null;
  return {
    productId: p.id,
    title: p.title,
    listed: p.listed === 1,
    currentVersion: current,
    content,
    versions,
    agents,
    myLearnedVersion: mine,
  };
}

export function saveKnowledge(
  store: Store,
  by: string,
  input: {
    productId: string;
    expectedVersion: number;
    sellingPoints: string;
    sizes: string;
    material: string;
    faqs: { q: string; a: string }[];
    notes: string;
  },
): ProductKnowledge {
  const p = productHead(store, input.productId);
  const current = p.version ?? 0;
  if (input.expectedVersion !== current) throw new AppError('CONFLICT', 'staleEdit');
  const before = current ? getKnowledge(store, by, { productId: p.id }).content : null;
  const next = {
    selling_points: input.sellingPoints,
    sizes: input.sizes,
    material: input.material,
    faqs: JSON.stringify(input.faqs),
    notes: input.notes,
  };
  const prev = before
    ? {
        selling_points: before.sellingPoints,
        sizes: before.sizes,
        material: before.material,
        faqs: JSON.stringify(before.faqs),
        notes: before.notes,
      }
    : null;
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(next) as (keyof typeof next)[])
    if (!prev || prev[k] !== next[k]) fields[k] = { from: prev ? prev[k] : null, to: next[k] };
  if (prev && !Object.keys(fields).length) return getKnowledge(store, by, { productId: p.id });
  const version = current + 1;
  const hlc = store.stamp();
  const id = newId();
  store
    .stmt(
      `INSERT INTO product_knowledge_version (id, product_id, version, selling_points, sizes, material, faqs, notes, at, staff_id)
       VALUES (@id, @product_id, @version, @selling_points, @sizes, @material, @faqs, @notes, @at, @by)`,
    )
    .run({ id, product_id: p.id, version, ...next, at: store.isoNow(), by });
  store
    .stmt(
      `INSERT INTO product_knowledge (product_id, version, updated_at, updated_by) VALUES (@p, @version, @hlc, @by)
       ON CONFLICT (product_id) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run({ p: p.id, version, hlc, by });
  fields.version = { from: current || null, to: version };
  store.log(
    {
      staffId: by,
      entity: 'product_knowledge',
      rowId: p.id,
      op: current ? 'update' : 'create',
      label: p.title,
      fields,
    },
    hlc,
  );
  return getKnowledge(store, by, { productId: p.id });
}

/** 已学习: only the current version can be marked; marking it again changes nothing. */
export function learnKnowledge(
  store: Store,
  by: string,
  input: { productId: string; version: number },
): ProductKnowledge {
  const p = productHead(store, input.productId);
  if (!p.version) throw new AppError('CONFLICT', 'knowledgeMissing');
  if (input.version !== p.version) throw new AppError('CONFLICT', 'staleEdit');
  const done = store
    .stmt(`SELECT 1 FROM product_knowledge_learned WHERE product_id = ? AND version = ? AND staff_id = ?`)
    .get(p.id, p.version, by);
  if (!done) {
    const id = newId();
    const at = store.isoNow();
    store
      .stmt(
        `INSERT INTO product_knowledge_learned (id, product_id, version, staff_id, at) VALUES (@id, @p, @v, @by, @at)`,
      )
      .run({ id, p: p.id, v: p.version, by, at });
    store.log({
      staffId: by,
      entity: 'product_knowledge_learned',
      rowId: id,
      op: 'create',
      label: p.title,
      fields: { product_id: { from: null, to: p.id }, version: { from: null, to: p.version } },
    });
  }
  return getKnowledge(store, by, { productId: p.id });
}

/** The active learners (SQL, needs @role = LEARNER_ROLE): the people who must learn the knowledge. */
const ACTIVE_LEARNERS = `(SELECT COUNT(*) FROM staff WHERE active = 1 AND deleted_at IS NULL AND role = @role)`;

/**
 * How many active learners learned version `version` of product `product` (SQL expressions; needs
 * @role = LEARNER_ROLE). A product's knowledge is learned when this count for its current version
 * reaches ACTIVE_LEARNERS — the one definition of 已学习, shared by the coverage list and
 * knowledgeLearnedByAll (listing readiness).
 */
const learnedCount = (product: string, version: string) =>
  `(SELECT COUNT(*) FROM product_knowledge_learned l JOIN staff s ON s.id = l.staff_id
        WHERE l.product_id = ${product} AND l.version = ${version} AND s.active = 1 AND s.deleted_at IS NULL AND s.role = @role)`;

/**
 * Whether customer service has learned the product (客服已学习): it has knowledge, and every active
 * learner (客服专员) marked its current version learned. With no active learner, written knowledge is
 * enough. One indexed lookup per product (listing readiness calls it for every product of the list).
 */
export function knowledgeLearnedByAll(store: Store, productId: string): boolean {
  const r = store
    .stmt<{ learned: number; agents: number }>(
      `SELECT ${learnedCount('k.product_id', 'k.version')} AS learned, ${ACTIVE_LEARNERS} AS agents
       FROM product_knowledge k WHERE k.product_id = @p`,
    )
    .get({ p: productId, role: LEARNER_ROLE });
  return !!r && r.learned >= r.agents;
}

/**
 * Listed (or not-yet-listed) live products by title with their knowledge version and how many
 * active agents learned that version; `onlyGaps` keeps those missing knowledge or a learner.
 */
export function knowledgeCoverage(
  store: Store,
  input: { scope: 'listed' | 'unlisted'; onlyGaps: boolean; offset: number; limit: number },
): CoveragePage {
  const agentCount = store
    .stmt<{ n: number }>(`SELECT ${ACTIVE_LEARNERS} AS n`)
    .get({ role: LEARNER_ROLE })!.n;
  const base = `SELECT p.id, p.title, p.listed, COALESCE(k.version, 0) AS version,
      ${learnedCount('p.id', 'k.version')} AS learned
    FROM product p INDEXED BY product_listed_live LEFT JOIN product_knowledge k ON k.product_id = p.id
    WHERE p.listed = @listed AND p.archived_at IS NULL AND p.deleted_at IS NULL`;
  const gap = input.onlyGaps ? `WHERE x.version = 0 OR x.learned < @agents` : '';
  const params = { role: LEARNER_ROLE, listed: input.scope === 'listed' ? 1 : 0, agents: agentCount };
  const total = store.stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM (${base}) x ${gap}`).get(params)!.n;
  const rows = store
    .stmt<{ id: string; title: string; listed: number; version: number; learned: number }>(
      `SELECT * FROM (${base}) x ${gap} ORDER BY x.title, x.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return {
    agentCount,
    total,
    rows: rows.map((r) => ({
      productId: r.id,
      title: r.title,
      listed: r.listed === 1,
      version: r.version,
      learned: r.learned,
    })),
  };
}
