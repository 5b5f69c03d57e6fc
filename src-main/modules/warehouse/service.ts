// The warehouse: bins (库位), stock documents (出入库单据), the stock ledger (物资明细账) and
// per-bin balances. The only writer of bin, stock_document, stock_document_line, stock_movement
// and stock_balance. Every function runs inside the caller's transaction (router 'tx' mode).
//
// Posting rules: a draft becomes posted exactly once, writing one movement per bin it touches
// (a transfer line writes −qty in its bin and +qty in its to-bin) and updating stock_balance in
// the same transaction. Movements are never changed: a mistake is undone by a reversing document
// (红冲) whose movements are the originals negated. No bin may go below zero unless a person with
// warehouse.override gives a reason, which is kept on the document.
import type { z } from 'zod';
import {
  DOC_DIRECTION,
  type BalancePage,
  type BalanceRow,
  type Bin,
  type BinKind,
  type binInput,
  type DocStatus,
  type DocType,
  type draftInput,
  type MovementRow,
  type Paged,
  type Problem,
  type SkuStock,
  type StockDocument,
  type StockDocumentLine,
  type StockDocumentRow,
} from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { hlcToIso } from '../../lib/hlc';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';

export type BinData = z.output<typeof binInput>;
export type DraftData = z.output<typeof draftInput>;
type Changes = Record<string, { from: unknown; to: unknown }>;

export const PREFIX: Readonly<Record<DocType, string>> = {
  purchase_in: 'RK',
  return_in: 'RK',
  other_in: 'RK',
  sales_out: 'CK',
  other_out: 'CK',
  transfer: 'DB',
};

// ---------------------------------------------------------------------------------------------
// Bins
// ---------------------------------------------------------------------------------------------
interface BinDb {
  id: string;
  code: string;
  zone: string;
  kind: BinKind;
  capacity: number | null;
  walk_order: number;
  note: string;
  retired_at: string | null;
  updated_at: string;
}

const BIN_SELECT = `SELECT b.*, COALESCE(SUM(sb.on_hand), 0) AS on_hand,
    COUNT(CASE WHEN sb.on_hand <> 0 THEN 1 END) AS sku_count
  FROM bin b LEFT JOIN stock_balance sb ON sb.bin_id = b.id`;

function toBin(r: BinDb & { on_hand: number; sku_count: number }): Bin {
  return {
    id: r.id,
    code: r.code,
    zone: r.zone,
    kind: r.kind,
    capacity: r.capacity,
    walkOrder: r.walk_order,
    note: r.note,
    retired: r.retired_at !== null,
    onHand: r.on_hand,
    skuCount: r.sku_count,
    fillRatio: r.capacity ? r.on_hand / r.capacity : null,
    version: r.updated_at,
    updatedAt: hlcToIso(r.updated_at),
  };
}

export function listBins(store: Store, input: { includeRetired: boolean }): Bin[] {
  return store
    .stmt<BinDb & { on_hand: number; sku_count: number }>(
      `${BIN_SELECT} WHERE b.deleted_at IS NULL AND (@all = 1 OR b.retired_at IS NULL)
       GROUP BY b.id ORDER BY b.walk_order, b.code`,
    )
    .all({ all: input.includeRetired ? 1 : 0 })
    .map(toBin);
}

export function getBin(store: Store, id: string): Bin {
  const r = store
    .stmt<BinDb & { on_hand: number; sku_count: number }>(
      `${BIN_SELECT} WHERE b.id = ? AND b.deleted_at IS NULL GROUP BY b.id`,
    )
    .get(id);
  if (!r) throw notFound('bin');
  return toBin(r);
}

function binRow(store: Store, id: string): BinDb | undefined {
  return store.stmt<BinDb>(`SELECT * FROM bin WHERE id = ? AND deleted_at IS NULL`).get(id);
}

const BIN_FIELDS = [
  ['code', 'code'],
  ['zone', 'zone'],
  ['kind', 'kind'],
  ['capacity', 'capacity'],
  ['walkOrder', 'walk_order'],
  ['note', 'note'],
] as const;

export function saveBin(store: Store, by: string, input: BinData): Bin {
  const taken = store
    .stmt<{ id: string }>(`SELECT id FROM bin WHERE code = ? AND deleted_at IS NULL`)
    .get(input.code);
  if (taken && taken.id !== input.id) throw fieldErrors({ code: { key: 'validation.binCodeTaken' } });
  const hlc = store.stamp();
  if (!input.id) {
    // Default walk position: right after the bin whose code sorts just before this one.
    const walkOrder =
      input.walkOrder ??
      store
        .stmt<{ w: number }>(
          `SELECT walk_order AS w FROM bin WHERE code < ? AND deleted_at IS NULL ORDER BY code DESC LIMIT 1`,
        )
        .get(input.code)?.w ??
      0;
    const id = newId();
    const row = {
      id,
      code: input.code,
      zone: input.zone,
      kind: input.kind,
      capacity: input.capacity ?? null,
      walkOrder,
      note: input.note,
    };
    store
      .stmt(
        `INSERT INTO bin (id, code, zone, kind, capacity, walk_order, note, created_at, created_by, updated_at, updated_by)
         VALUES (@id, @code, @zone, @kind, @capacity, @walkOrder, @note, @at, @by, @hlc, @by)`,
      )
      .run({ ...row, at: store.isoNow(), by, hlc });
    const fields: Changes = {};
    for (const [k] of BIN_FIELDS)
      if (row[k] !== '' && row[k] !== null) fields[k] = { from: null, to: row[k] };
    store.log({ staffId: by, entity: 'bin', rowId: id, op: 'create', label: input.code, fields }, hlc);
    return getBin(store, id);
  }
  const before = binRow(store, input.id);
  if (!before) throw notFound('bin');
  if (input.expectedVersion !== undefined && input.expectedVersion !== before.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');
  const current = {
    code: before.code,
    zone: before.zone,
    kind: before.kind,
    capacity: before.capacity,
    walkOrder: before.walk_order,
    note: before.note,
  };
  const next = {
    code: input.code,
    zone: input.zone,
    kind: input.kind,
    capacity: input.capacity === undefined ? current.capacity : input.capacity,
    walkOrder: input.walkOrder ?? current.walkOrder,
    note: input.note,
  };
  const fields: Changes = {};
  for (const [k] of BIN_FIELDS) if (next[k] !== current[k]) fields[k] = { from: current[k], to: next[k] };
  if (Object.keys(fields).length) {
    store
      .stmt(
        `UPDATE bin SET code = @code, zone = @zone, kind = @kind, capacity = @capacity, walk_order = @walkOrder,
           note = @note, updated_at = @hlc, updated_by = @by WHERE id = @id`,
      )
      .run({ ...next, hlc, by, id: before.id });
    store.log({ staffId: by, entity: 'bin', rowId: before.id, op: 'update', label: next.code, fields }, hlc);
  }
  return getBin(store, before.id);
}

export function setBinRetired(store: Store, by: string, id: string, retired: boolean): Bin {
  const before = binRow(store, id);
  if (!before) throw notFound('bin');
  if ((before.retired_at !== null) === retired) return getBin(store, id);
  if (retired) {
    const held = store
      .stmt<{ rows: number; n: number }>(
        `SELECT COUNT(*) AS rows, COALESCE(SUM(on_hand), 0) AS n FROM stock_balance WHERE bin_id = ? AND on_hand <> 0`,
      )
      .get(id)!;
    if (held.rows > 0) throw new AppError('CONFLICT', 'binNotEmpty', { code: before.code, onHand: held.n });
  }
  const hlc = store.stamp();
  store
    .stmt(`UPDATE bin SET retired_at = @r, updated_at = @hlc, updated_by = @by WHERE id = @id`)
    .run({ r: retired ? store.isoNow() : null, hlc, by, id });
  store.log(
    {
      staffId: by,
      entity: 'bin',
      rowId: id,
      op: retired ? 'retire' : 'restore',
      label: before.code,
      fields: { retired: { from: !retired, to: retired } },
    },
    hlc,
  );
  return getBin(store, id);
}

// ---------------------------------------------------------------------------------------------
// Documents: reading
// ---------------------------------------------------------------------------------------------
interface DocDb {
  id: string;
  number: string;
  type: DocType;
  status: DocStatus;
  doc_date: string;
  counterpart: string;
  reason: string;
  order_ref: string;
  notes: string;
  reverses_id: string | null;
  reversed_by_id: string | null;
  override_reason: string | null;
  posted_at: string | null;
  posted_by: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
}
interface LineDb {
  id: string;
  document_id: string;
  line_no: number;
  sku_id: string;
  bin_id: string;
  to_bin_id: string | null;
  quantity: number;
  unit_cost_fen: number;
  note: string;
}

const ROW_EXTRAS = `st.name AS posted_by_name,
  (SELECT COUNT(*) FROM stock_document_line l WHERE l.document_id = d.id) AS line_count,
  (SELECT COALESCE(SUM(l.quantity), 0) FROM stock_document_line l WHERE l.document_id = d.id) AS total_quantity,
  (SELECT COALESCE(SUM(l.quantity * l.unit_cost_fen), 0) FROM stock_document_line l WHERE l.document_id = d.id) AS total_fen`;

type DocListDb = DocDb & {
  posted_by_name: string | null;
  line_count: number;
  total_quantity: number;
  total_fen: number;
};

function toRow(d: DocListDb): StockDocumentRow {
  return {
    id: d.id,
    number: d.number,
    type: d.type,
    status: d.status,
    docDate: d.doc_date,
    counterpart: d.counterpart,
    reason: d.reason,
    orderRef: d.order_ref,
    reversesId: d.reverses_id,
    reversedById: d.reversed_by_id,
    overrideReason: d.override_reason,
    postedAt: d.posted_at,
    postedByName: d.posted_by_name,
    lineCount: d.line_count,
    totalQuantity: d.total_quantity,
    totalFen: d.total_fen,
    updatedAt: hlcToIso(d.updated_at),
  };
}

export function listDocuments(
  store: Store,
  input: {
    type?: DocType | undefined;
    status?: DocStatus | undefined;
    q: string;
    from?: string | undefined;
    to?: string | undefined;
    offset: number;
    limit: number;
  },
): Paged<StockDocumentRow> {
  const { where, params } = documentFilterSql(input);
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM stock_document d WHERE ${where}`)
    .get(params)!.n;
  const rows = store
    .stmt<DocListDb>(
      `SELECT d.*, ${ROW_EXTRAS} FROM stock_document d LEFT JOIN staff st ON st.id = d.posted_by
       WHERE ${where} ORDER BY d.doc_date DESC, d.created_at DESC, d.number DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { rows: rows.map(toRow), total };
}

/** The document list's filter on `stock_document d` (also used by the CSV export). */
export function documentFilterSql(input: {
  type?: DocType | undefined;
  status?: DocStatus | undefined;
  q: string;
  from?: string | undefined;
  to?: string | undefined;
}): { where: string; params: Record<string, unknown> } {
  // Built only from fixed fragments.
  const parts = ['d.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (input.type) {
    parts.push('d.type = @type');
    params.type = input.type;
  }
  if (input.status) {
    parts.push('d.status = @status');
    params.status = input.status;
  }
  if (input.from) {
    parts.push('d.doc_date >= @from');
    params.from = input.from;
  }
  if (input.to) {
    parts.push('d.doc_date <= @to');
    params.to = input.to;
  }
  if (input.q) {
    parts.push(
      `instr(lower(d.number || char(10) || d.counterpart || char(10) || d.order_ref || char(10) || d.reason), @q) > 0`,
    );
    params.q = input.q.toLowerCase();
  }
  return { where: parts.join(' AND '), params };
}

export function docRow(store: Store, id: string): DocDb | undefined {
  return store.stmt<DocDb>(`SELECT * FROM stock_document WHERE id = ? AND deleted_at IS NULL`).get(id);
}

function linesOf(store: Store, documentId: string): LineDb[] {
  return store
    .stmt<LineDb>(`SELECT * FROM stock_document_line WHERE document_id = ? ORDER BY line_no`)
    .all(documentId);
}

export function getDocument(store: Store, id: string): StockDocument {
  // The totals come from the lines read below (not ROW_EXTRAS' three passes over them).
  const d = store
    .stmt<
      DocDb & {
        posted_by_name: string | null;
        created_by_name: string | null;
        updated_by_name: string | null;
        reverses_number: string | null;
        reversed_by_number: string | null;
      }
    >(
      `SELECT d.*, st.name AS posted_by_name, cb.name AS created_by_name, ub.name AS updated_by_name,
         rv.number AS reverses_number, rb.number AS reversed_by_number
       FROM stock_document d LEFT JOIN staff st ON st.id = d.posted_by
         LEFT JOIN staff cb ON cb.id = d.created_by LEFT JOIN staff ub ON ub.id = d.updated_by
         LEFT JOIN stock_document rv ON rv.id = d.reverses_id
         LEFT JOIN stock_document rb ON rb.id = d.reversed_by_id
       WHERE d.id = ? AND d.deleted_at IS NULL`,
    )
    .get(id);
  if (!d) throw notFound('stockDocument');
  const lines = store
    .stmt<
      LineDb & { sku_code: string; title: string; spec: string; bin_code: string; to_bin_code: string | null }
    >(
      `SELECT l.*, s.code AS sku_code, p.title, s.spec, b.code AS bin_code, tb.code AS to_bin_code
       FROM stock_document_line l JOIN sku s ON s.id = l.sku_id JOIN product p ON p.id = s.product_id
         JOIN bin b ON b.id = l.bin_id LEFT JOIN bin tb ON tb.id = l.to_bin_id
       WHERE l.document_id = ? ORDER BY l.line_no`,
    )
    .all(id)
    .map((l): StockDocumentLine => ({
      id: l.id,
      lineNo: l.line_no,
      skuId: l.sku_id,
      skuCode: l.sku_code,
      title: l.title,
      spec: l.spec,
      binId: l.bin_id,
      binCode: l.bin_code,
      toBinId: l.to_bin_id,
      toBinCode: l.to_bin_code,
      quantity: l.quantity,
      unitCostFen: l.unit_cost_fen,
      amountFen: l.quantity * l.unit_cost_fen,
      note: l.note,
    }));
  const totals = { line_count: lines.length, total_quantity: 0, total_fen: 0 };
  for (const l of lines) {
    totals.total_quantity += l.quantity;
    totals.total_fen += l.amountFen;
  }
  return {
    ...toRow({ ...d, ...totals }),
    notes: d.notes,
    reversesNumber: d.reverses_number,
    reversedByNumber: d.reversed_by_number,
    createdAt: d.created_at,
    createdByName: d.created_by_name,
    updatedByName: d.updated_by_name,
    version: d.updated_at,
    lines,
  };
}

// ---------------------------------------------------------------------------------------------
// Documents: drafts
// ---------------------------------------------------------------------------------------------
interface SkuCheck {
  id: string;
  code: string;
  cost_fen: number;
  archived: number;
}
function skuForLine(store: Store, id: string): SkuCheck | undefined {
  return store
    .stmt<SkuCheck>(
      `SELECT s.id, s.code, s.cost_fen, (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived
       FROM sku s JOIN product p ON p.id = s.product_id WHERE s.id = ? AND s.deleted_at IS NULL`,
    )
    .get(id);
}

type LineData = DraftData['lines'][number];

/** Field problems of the lines (unknown/archived SKUs, unknown/retired bins, transfer bins). */
function checkLines(store: Store, type: DocType, lines: LineData[]): Map<number, SkuCheck> {
  const errors: Record<string, Problem> = {};
  const skus = new Map<number, SkuCheck>();
  const checkBin = (path: string, binId: string) => {
    const b = binRow(store, binId);
    if (!b) errors[path] = { key: 'validation.binNotFound' };
    else if (b.retired_at !== null) errors[path] = { key: 'validation.binRetired', params: { bin: b.code } };
  };
  lines.forEach((l, i) => {
    const s = skuForLine(store, l.skuId);
    if (!s) errors[`lines.${i}.skuId`] = { key: 'validation.skuNotFound' };
    else if (s.archived)
      errors[`lines.${i}.skuId`] = { key: 'validation.skuArchived', params: { code: s.code } };
    else skus.set(i, s);
    checkBin(`lines.${i}.binId`, l.binId);
    if (type === 'transfer') {
      if (!l.toBinId) errors[`lines.${i}.toBinId`] = { key: 'validation.required' };
      else if (l.toBinId === l.binId) errors[`lines.${i}.toBinId`] = { key: 'validation.sameBin' };
      else checkBin(`lines.${i}.toBinId`, l.toBinId);
    } else if (l.toBinId) {
      errors[`lines.${i}.toBinId`] = { key: 'validation.toBinNotAllowed' };
    }
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return skus;
}

/** What the change log records of a document's lines. */
export function linesSummary(store: Store, documentId: string) {
  return linesOf(store, documentId).map((l) => ({
    sku: l.sku_id,
    bin: l.bin_id,
    ...(l.to_bin_id ? { toBin: l.to_bin_id } : {}),
    quantity: l.quantity,
    unitCostFen: l.unit_cost_fen,
    ...(l.note ? { note: l.note } : {}),
  }));
}

export function insertLines(
  store: Store,
  documentId: string,
  lines: Omit<LineDb, 'id' | 'document_id'>[],
): void {
  for (const l of lines) {
    store
      .stmt(
        `INSERT INTO stock_document_line (id, document_id, line_no, sku_id, bin_id, to_bin_id, quantity, unit_cost_fen, note)
         VALUES (@id, @documentId, @line_no, @sku_id, @bin_id, @to_bin_id, @quantity, @unit_cost_fen, @note)`,
      )
      .run({ id: newId(), documentId, ...l });
  }
}

const HEADER_FIELDS = [
  ['type', 'type'],
  ['docDate', 'doc_date'],
  ['counterpart', 'counterpart'],
  ['reason', 'reason'],
  ['orderRef', 'order_ref'],
  ['notes', 'notes'],
] as const;

export function saveDraft(store: Store, by: string, input: DraftData): StockDocument {
  const before = input.id ? docRow(store, input.id) : undefined;
  if (input.id) {
    if (!before) throw notFound('stockDocument');
    if (before.status !== 'draft')
      throw new AppError('CONFLICT', 'documentPosted', { number: before.number });
    if (input.expectedVersion === undefined)
      throw fieldErrors({ expectedVersion: { key: 'validation.required' } });
    if (input.expectedVersion !== before.updated_at) throw new AppError('CONFLICT', 'staleEdit');
    if (input.type !== before.type) throw fieldErrors({ type: { key: 'validation.typeFixed' } });
  }
  const skus = checkLines(store, input.type, input.lines);
  const lines = input.lines.map((l, i) => ({
    line_no: i + 1,
    sku_id: l.skuId,
    bin_id: l.binId,
    to_bin_id: input.type === 'transfer' ? (l.toBinId ?? null) : null,
    quantity: l.quantity,
    unit_cost_fen: l.unitCostFen ?? skus.get(i)!.cost_fen,
    note: l.note,
  }));
  const header = {
    type: input.type,
    docDate: input.docDate ?? localDate(store),
    counterpart: input.counterpart,
    reason: input.reason,
    orderRef: input.orderRef,
    notes: input.notes,
  };
  const hlc = store.stamp();
  if (!before) {
    const id = newId();
    const number = store.nextNumber(PREFIX[input.type], shopTimeZone(store));
    insertDocument(store, by, id, number, header, null, hlc);
    insertLines(store, id, lines);
    const fields: Changes = {};
    for (const [k] of HEADER_FIELDS) if (header[k] !== '') fields[k] = { from: null, to: header[k] };
    fields.lines = { from: null, to: linesSummary(store, id) };
    store.log({ staffId: by, entity: 'stock_document', rowId: id, op: 'create', label: number, fields }, hlc);
    return getDocument(store, id);
  }
  const current = {
    type: before.type,
    docDate: before.doc_date,
    counterpart: before.counterpart,
    reason: before.reason,
    orderRef: before.order_ref,
    notes: before.notes,
  };
  const fields: Changes = {};
  for (const [k] of HEADER_FIELDS)
    if (header[k] !== current[k]) fields[k] = { from: current[k], to: header[k] };
  const oldLines = linesSummary(store, before.id);
  // Draft lines are working data, not facts: replaced wholesale (the log keeps both versions).
  store.stmt(`DELETE FROM stock_document_line WHERE document_id = ?`).run(before.id);
  insertLines(store, before.id, lines);
  const newLines = linesSummary(store, before.id);
  if (JSON.stringify(oldLines) !== JSON.stringify(newLines)) fields.lines = { from: oldLines, to: newLines };
  if (Object.keys(fields).length) {
    store
      .stmt(
        `UPDATE stock_document SET doc_date = @docDate, counterpart = @counterpart, reason = @reason,
           order_ref = @orderRef, notes = @notes, updated_at = @hlc, updated_by = @by WHERE id = @id`,
      )
      .run({ ...header, hlc, by, id: before.id });
    store.log(
      { staffId: by, entity: 'stock_document', rowId: before.id, op: 'update', label: before.number, fields },
      hlc,
    );
  }
  return getDocument(store, before.id);
}

export function insertDocument(
  store: Store,
  by: string,
  id: string,
  number: string,
  h: { type: DocType; docDate: string; counterpart: string; reason: string; orderRef: string; notes: string },
  reversesId: string | null,
  hlc: string,
): void {
  store
    .stmt(
      `INSERT INTO stock_document (id, number, type, status, doc_date, counterpart, reason, order_ref, notes,
         reverses_id, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @number, @type, 'draft', @docDate, @counterpart, @reason, @orderRef, @notes,
         @reversesId, @at, @by, @hlc, @by)`,
    )
    .run({ id, number, ...h, reversesId, at: store.isoNow(), by, hlc });
}

/** Today in the shop's time zone, yyyy-mm-dd. */
export function localDate(store: Store): string {
  const d = store.localDay(shopTimeZone(store));
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
}

export function discardDraft(
  store: Store,
  by: string,
  input: { id: string; expectedVersion?: string | undefined },
): null {
  const d = docRow(store, input.id);
  if (!d) throw notFound('stockDocument');
  if (d.status !== 'draft') throw new AppError('CONFLICT', 'documentPosted', { number: d.number });
  if (input.expectedVersion !== undefined && input.expectedVersion !== d.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');
  const hlc = store.stamp();
  store
    .stmt(`UPDATE stock_document SET deleted_at = @at, updated_at = @hlc, updated_by = @by WHERE id = @id`)
    .run({ at: store.isoNow(), hlc, by, id: d.id });
  store.log(
    {
      staffId: by,
      entity: 'stock_document',
      rowId: d.id,
      op: 'delete',
      label: d.number,
      fields: { deleted: { from: false, to: true } },
    },
    hlc,
  );
  return null;
}

// ---------------------------------------------------------------------------------------------
// Posting and reversing
// ---------------------------------------------------------------------------------------------
interface Move {
  line: LineDb;
  binId: string;
  delta: number;
}

/** The movements a document's lines make; negated for a reversal. */
function movesOf(type: DocType, lines: LineDb[], sign: 1 | -1): Move[] {
  const dir = DOC_DIRECTION[type];
  const out: Move[] = [];
  for (const line of lines) {
    if (dir === 'in') out.push({ line, binId: line.bin_id, delta: sign * line.quantity });
    else if (dir === 'out') out.push({ line, binId: line.bin_id, delta: -sign * line.quantity });
    else {
      out.push({ line, binId: line.bin_id, delta: -sign * line.quantity });
      out.push({ line, binId: line.to_bin_id!, delta: sign * line.quantity });
    }
  }
  return out;
}

function onHand(store: Store, skuId: string, binId: string): number {
  return (
    store
      .stmt<{ on_hand: number }>(`SELECT on_hand FROM stock_balance WHERE sku_id = ? AND bin_id = ?`)
      .get(skuId, binId)?.on_hand ?? 0
  );
}

/**
 * Write a draft's movements and balances and mark it posted. Refuses (CONFLICT negativeStock)
 * when a bin would end below zero, unless an override reason is given by someone allowed to
 * override (otherwise FORBIDDEN).
 */
export function postDocument(
  store: Store,
  by: string,
  d: DocDb,
  opts: { overrideReason?: string | undefined; mayOverride: boolean; lines?: LineDb[] },
): void {
  const lines = opts.lines ?? linesOf(store, d.id);
  if (!lines.length) throw new AppError('CONFLICT', 'documentEmpty', { number: d.number });
  const moves = movesOf(d.type, lines, d.reverses_id ? -1 : 1);

  // Net change per SKU and bin (a document may name the same pair on several lines).
  const net = new Map<string, { skuId: string; binId: string; delta: number }>();
  for (const m of moves) {
    const k = `${m.line.sku_id}\n${m.binId}`;
    const e = net.get(k) ?? { skuId: m.line.sku_id, binId: m.binId, delta: 0 };
    e.delta += m.delta;
    net.set(k, e);
  }
  let overridden = false;
  for (const e of net.values()) {
    if (e.delta >= 0) continue;
    const available = onHand(store, e.skuId, e.binId);
    if (available + e.delta >= 0) continue;
    if (!opts.overrideReason) {
      const code = store.stmt<{ code: string }>(`SELECT code FROM sku WHERE id = ?`).get(e.skuId)!.code;
      const bin = store.stmt<{ code: string }>(`SELECT code FROM bin WHERE id = ?`).get(e.binId)!.code;
      throw new AppError('CONFLICT', 'negativeStock', { code, bin, available, quantity: -e.delta });
    }
    if (!opts.mayOverride) throw new AppError('FORBIDDEN', 'forbidden');
    overridden = true;
  }

  const hlc = store.stamp();
  const at = store.isoNow();
  for (const m of moves) {
    store
      .stmt(
        `INSERT INTO stock_movement (id, document_id, line_id, sku_id, bin_id, qty_delta, unit_cost_fen, at, staff_id, hlc)
         VALUES (@id, @documentId, @lineId, @skuId, @binId, @delta, @cost, @at, @by, @hlc)`,
      )
      .run({
        id: newId(),
        documentId: d.id,
        lineId: m.line.id,
        skuId: m.line.sku_id,
        binId: m.binId,
        delta: m.delta,
        cost: m.line.unit_cost_fen,
        at,
        by,
        hlc,
      });
    store
      .stmt(
        `INSERT INTO stock_balance (sku_id, bin_id, on_hand) VALUES (@skuId, @binId, @delta)
         ON CONFLICT (sku_id, bin_id) DO UPDATE SET on_hand = on_hand + excluded.on_hand`,
      )
      .run({ skuId: m.line.sku_id, binId: m.binId, delta: m.delta });
  }
  const overrideReason = overridden ? opts.overrideReason! : null;
  store
    .stmt(
      `UPDATE stock_document SET status = 'posted', posted_at = @at, posted_by = @by, override_reason = @overrideReason,
         updated_at = @hlc, updated_by = @by WHERE id = @id AND status = 'draft'`,
    )
    .run({ at, by, overrideReason, hlc, id: d.id });
  const fields: Changes = {
    status: { from: 'draft', to: 'posted' },
    movements: { from: null, to: moves.length },
  };
  if (overrideReason) fields.overrideReason = { from: null, to: overrideReason };
  store.log({ staffId: by, entity: 'stock_document', rowId: d.id, op: 'post', label: d.number, fields }, hlc);
}

export function post(
  store: Store,
  by: string,
  input: {
    id: string;
    expectedVersion?: string | undefined;
    overrideReason?: string | undefined;
    mayOverride: boolean;
  },
): StockDocument {
  const d = docRow(store, input.id);
  if (!d) throw notFound('stockDocument');
  // Exactly once: posting a posted document answers it unchanged and writes nothing.
  if (d.status === 'posted') return getDocument(store, d.id);
  if (input.expectedVersion !== undefined && input.expectedVersion !== d.updated_at)
    throw new AppError('CONFLICT', 'staleEdit');
  // A draft may have been saved before its SKU was archived or its bin retired. One query reads
  // the lines with their SKU and bins (not three lookups per line), and posting reuses them.
  const lines = store
    .stmt<
      LineDb & {
        sku_code: string | null;
        sku_bad: number;
        bin_code: string | null;
        bin_bad: number;
        to_bin_code: string | null;
        to_bin_bad: number;
      }
    >(
      `SELECT l.*, CASE WHEN p.id IS NOT NULL THEN s.code END AS sku_code,
         (p.id IS NULL OR s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS sku_bad,
         b.code AS bin_code, (b.id IS NULL OR b.retired_at IS NOT NULL) AS bin_bad,
         tb.code AS to_bin_code, (tb.id IS NULL OR tb.retired_at IS NOT NULL) AS to_bin_bad
       FROM stock_document_line l
         LEFT JOIN sku s ON s.id = l.sku_id AND s.deleted_at IS NULL
         LEFT JOIN product p ON p.id = s.product_id
         LEFT JOIN bin b ON b.id = l.bin_id AND b.deleted_at IS NULL
         LEFT JOIN bin tb ON tb.id = l.to_bin_id AND tb.deleted_at IS NULL
       WHERE l.document_id = ? ORDER BY l.line_no`,
    )
    .all(d.id);
  for (const l of lines) {
    if (l.sku_bad) throw new AppError('CONFLICT', 'skuArchived', { code: l.sku_code ?? '' });
    if (l.bin_bad) throw new AppError('CONFLICT', 'binRetired', { bin: l.bin_code ?? '' });
    if (l.to_bin_id !== null && l.to_bin_bad)
      throw new AppError('CONFLICT', 'binRetired', { bin: l.to_bin_code ?? '' });
  }
  postDocument(store, by, d, { ...input, lines });
  return getDocument(store, d.id);
}

export function reverse(
  store: Store,
  by: string,
  input: { id: string; reason: string; overrideReason?: string | undefined },
): StockDocument {
  const orig = docRow(store, input.id);
  if (!orig) throw notFound('stockDocument');
  if (orig.status !== 'posted') throw new AppError('CONFLICT', 'notPosted', { number: orig.number });
  if (orig.reverses_id) throw new AppError('CONFLICT', 'reversalOfReversal', { number: orig.number });
  if (orig.reversed_by_id) {
    const by2 = docRow(store, orig.reversed_by_id);
    throw new AppError('CONFLICT', 'alreadyReversed', { number: orig.number, by: by2?.number ?? '' });
  }
  const hlc = store.stamp();
  const id = newId();
  const number = store.nextNumber(PREFIX[orig.type], shopTimeZone(store));
  const header = {
    type: orig.type,
    docDate: localDate(store),
    counterpart: orig.counterpart,
    reason: input.reason,
    orderRef: orig.order_ref,
    notes: '',
  };
  insertDocument(store, by, id, number, header, orig.id, hlc);
  insertLines(
    store,
    id,
    linesOf(store, orig.id).map(({ id: _id, document_id: _d, ...l }) => l),
  );
  store.log(
    {
      staffId: by,
      entity: 'stock_document',
      rowId: id,
      op: 'create',
      label: number,
      fields: {
        type: { from: null, to: header.type },
        docDate: { from: null, to: header.docDate },
        reason: { from: null, to: input.reason },
        reverses: { from: null, to: orig.number },
        lines: { from: null, to: linesSummary(store, id) },
      },
    },
    hlc,
  );
  postDocument(store, by, docRow(store, id)!, { overrideReason: input.overrideReason, mayOverride: true });
  const hlc2 = store.stamp();
  store
    .stmt(
      `UPDATE stock_document SET reversed_by_id = @rid, updated_at = @hlc, updated_by = @by WHERE id = @id`,
    )
    .run({ rid: id, hlc: hlc2, by, id: orig.id });
  store.log(
    {
      staffId: by,
      entity: 'stock_document',
      rowId: orig.id,
      op: 'reverse',
      label: orig.number,
      fields: { reversedBy: { from: null, to: number } },
    },
    hlc2,
  );
  return getDocument(store, id);
}

// ---------------------------------------------------------------------------------------------
// Ledger, balances, one SKU's stock
// ---------------------------------------------------------------------------------------------
type MovementDb = {
  seq: number;
  id: string;
  at: string;
  document_id: string;
  document_number: string;
  document_type: DocType;
  line_id: string;
  sku_id: string;
  sku_code: string;
  title: string;
  spec: string;
  bin_id: string;
  bin_code: string;
  qty_delta: number;
  unit_cost_fen: number;
  staff_id: string;
  staff_name: string | null;
  balance: number | null;
};

const MOVEMENT_COLUMNS = `x.seq, x.id, x.at, x.document_id, d.number AS document_number, d.type AS document_type,
  x.line_id, x.sku_id, s.code AS sku_code, p.title, s.spec, x.bin_id, b.code AS bin_code, x.qty_delta,
  x.unit_cost_fen, x.staff_id, st.name AS staff_name, x.balance`;
const MOVEMENT_JOINS = `JOIN stock_document d ON d.id = x.document_id JOIN sku s ON s.id = x.sku_id
  JOIN product p ON p.id = s.product_id JOIN bin b ON b.id = x.bin_id LEFT JOIN staff st ON st.id = x.staff_id`;

function toMovement(r: MovementDb): MovementRow {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    documentId: r.document_id,
    documentNumber: r.document_number,
    documentType: r.document_type,
    lineId: r.line_id,
    skuId: r.sku_id,
    skuCode: r.sku_code,
    title: r.title,
    spec: r.spec,
    binId: r.bin_id,
    binCode: r.bin_code,
    qtyDelta: r.qty_delta,
    unitCostFen: r.unit_cost_fen,
    staffId: r.staff_id,
    staffName: r.staff_name,
    balance: r.balance,
  };
}

export function ledger(
  store: Store,
  input: {
    skuId?: string | undefined;
    binId?: string | undefined;
    documentId?: string | undefined;
    type?: DocType | undefined;
    staffId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    offset: number;
    limit: number;
  },
): Paged<MovementRow> {
  // The running balance is a window over the SKU's (or the bin's) whole history, taken before
  // the other filters so that filtering by date or type does not change the balances shown.
  const inner: string[] = [];
  const params: Record<string, unknown> = {};
  if (input.skuId) {
    inner.push('m.sku_id = @skuId');
    params.skuId = input.skuId;
  }
  if (input.binId) {
    inner.push('m.bin_id = @binId');
    params.binId = input.binId;
  }
  const source = inner.length
    ? `SELECT m.*, SUM(m.qty_delta) OVER (PARTITION BY m.sku_id ORDER BY m.seq) AS balance
       FROM stock_movement m WHERE ${inner.join(' AND ')}`
    : `SELECT m.*, NULL AS balance FROM stock_movement m`;
  const outer: string[] = ['1 = 1'];
  if (input.documentId) {
    outer.push('x.document_id = @documentId');
    params.documentId = input.documentId;
  }
  if (input.type) {
    outer.push('d.type = @type');
    params.type = input.type;
  }
  if (input.staffId) {
    outer.push('x.staff_id = @staffId');
    params.staffId = input.staffId;
  }
  if (input.from) {
    outer.push('x.at >= @from');
    params.from = new Date(input.from).toISOString();
  }
  if (input.to) {
    outer.push('x.at <= @to');
    params.to = new Date(input.to).toISOString();
  }
  const where = outer.join(' AND ');
  if (inner.length && outer.length === 1) {
    // A SKU's (or bin's) ledger with no other filter — the common case, fast at millions of
    // movements: count and running balance from the covering index stock_movement_sku
    // (sku_id, seq, qty_delta, bin_id; 0005), full rows and joins only for the page's rows.
    const window = `SELECT m.seq AS wseq, SUM(m.qty_delta) OVER (PARTITION BY m.sku_id ORDER BY m.seq) AS balance
       FROM stock_movement m WHERE ${inner.join(' AND ')}`;
    const n = store
      .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM stock_movement m WHERE ${inner.join(' AND ')}`)
      .get(params)!.n;
    const page = store
      .stmt<MovementDb>(
        `SELECT ${MOVEMENT_COLUMNS} FROM (SELECT m2.*, w.balance
           FROM (SELECT * FROM (${window}) ORDER BY wseq DESC LIMIT @limit OFFSET @offset) w
           JOIN stock_movement m2 ON m2.seq = w.wseq) x ${MOVEMENT_JOINS}
         ORDER BY x.seq DESC`,
      )
      .all({ ...params, limit: input.limit, offset: input.offset });
    return { rows: page.map(toMovement), total: n };
  }
  if (inner.length) {
    // A SKU's (or bin's) ledger with a further filter (type, person, dates, document): one pass
    // over the SKU's rows — the running balance from the covering index, each row and its
    // document read once for the filter, the total as a window count over the filtered rows —
    // then full rows and joins for the page's rows only.
    const window = `SELECT m.seq AS wseq, SUM(m.qty_delta) OVER (PARTITION BY m.sku_id ORDER BY m.seq) AS balance
       FROM stock_movement m WHERE ${inner.join(' AND ')}`;
    const page = store
      .stmt<MovementDb & { total: number }>(
        `SELECT ${MOVEMENT_COLUMNS}, x.total FROM (SELECT m2.*, f.balance, f.total FROM (
             SELECT w.wseq, w.balance, COUNT(*) OVER () AS total
             FROM (${window}) w JOIN stock_movement x ON x.seq = w.wseq JOIN stock_document d ON d.id = x.document_id
             WHERE ${where} ORDER BY w.wseq DESC LIMIT @limit OFFSET @offset) f
           JOIN stock_movement m2 ON m2.seq = f.wseq) x ${MOVEMENT_JOINS}
         ORDER BY x.seq DESC`,
      )
      .all({ ...params, limit: input.limit, offset: input.offset });
    if (page.length) return { rows: page.map(toMovement), total: page[0]!.total };
  }
  // The document is joined for the count only when its type is filtered on: every movement has
  // its document (a foreign key), and the join made the unfiltered count of 5M movements 25× slower.
  const docJoin = input.type ? 'JOIN stock_document d ON d.id = x.document_id' : '';
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM (${source}) x ${docJoin} WHERE ${where}`)
    .get(params)!.n;
  const rows = store
    .stmt<MovementDb>(
      `SELECT ${MOVEMENT_COLUMNS} FROM (${source}) x ${MOVEMENT_JOINS}
       WHERE ${where} ORDER BY x.seq DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { rows: rows.map(toMovement), total };
}

/**
 * SQL for the quantity of SKU `sku` in bin `bin` on orders awaiting shipment: lines of draft
 * sales_out documents with an order ref (by the covering stock_document_line_sku_bin index, 0009).
 */
export function reservedSql(sku: string, bin: string): string {
  return `(SELECT COALESCE(SUM(rl.quantity), 0) FROM stock_document_line rl
    JOIN stock_document rd ON rd.id = rl.document_id
    WHERE rl.sku_id = ${sku} AND rl.bin_id = ${bin} AND rd.type = 'sales_out' AND rd.status = 'draft'
      AND rd.deleted_at IS NULL AND rd.order_ref <> '')`;
}

export function balances(
  store: Store,
  input: { q: string; binId?: string | undefined; onlyNonZero: boolean; offset: number; limit: number },
): BalancePage {
  const parts = ['1 = 1'];
  const params: Record<string, unknown> = {};
  if (input.binId) {
    parts.push('sb.bin_id = @binId');
    params.binId = input.binId;
  }
  if (input.onlyNonZero) parts.push('sb.on_hand <> 0');
  if (input.q) {
    parts.push('instr(s.search_text, @q) > 0');
    params.q = input.q.toLowerCase();
  }
  const where = parts.join(' AND ');
  const from = `FROM stock_balance sb JOIN sku s ON s.id = sb.sku_id JOIN product p ON p.id = s.product_id
    JOIN bin b ON b.id = sb.bin_id`;
  const t = store
    .stmt<{ n: number; on_hand: number; value_fen: number; reserved: number }>(
      `SELECT COUNT(*) AS n, COALESCE(SUM(sb.on_hand), 0) AS on_hand,
         COALESCE(SUM(sb.on_hand * s.cost_fen), 0) AS value_fen,
         COALESCE(SUM(${reservedSql('sb.sku_id', 'sb.bin_id')}), 0) AS reserved ${from} WHERE ${where}`,
    )
    .get(params)!;
  const rows = store
    .stmt<{
      sku_id: string;
      code: string;
      title: string;
      spec: string;
      bin_id: string;
      bin_code: string;
      on_hand: number;
      cost_fen: number;
      reserved: number;
    }>(
      `SELECT sb.sku_id, s.code, p.title, s.spec, sb.bin_id, b.code AS bin_code, sb.on_hand, s.cost_fen,
         ${reservedSql('sb.sku_id', 'sb.bin_id')} AS reserved
       ${from} WHERE ${where} ORDER BY s.code, b.walk_order, b.code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset })
    .map((r): BalanceRow => ({
      skuId: r.sku_id,
      code: r.code,
      title: r.title,
      spec: r.spec,
      binId: r.bin_id,
      binCode: r.bin_code,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: r.on_hand - r.reserved,
      valueFen: r.on_hand * r.cost_fen,
    }));
  return {
    rows,
    total: t.n,
    totals: {
      onHand: t.on_hand,
      reserved: t.reserved,
      available: t.on_hand - t.reserved,
      valueFen: t.value_fen,
    },
  };
}

export function skuStock(store: Store, skuId: string): SkuStock {
  const s = store
    .stmt<{ id: string; code: string; title: string; spec: string; cost_fen: number }>(
      `SELECT s.id, s.code, p.title, s.spec, s.cost_fen FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.id = ? AND s.deleted_at IS NULL`,
    )
    .get(skuId);
  if (!s) throw notFound('sku');
  const bins = store
    .stmt<{
      bin_id: string;
      code: string;
      kind: BinKind;
      retired: number;
      on_hand: number;
      reserved: number;
    }>(
      `SELECT sb.bin_id, b.code, b.kind, b.retired_at IS NOT NULL AS retired, sb.on_hand,
         ${reservedSql('sb.sku_id', 'sb.bin_id')} AS reserved
       FROM stock_balance sb JOIN bin b ON b.id = sb.bin_id WHERE sb.sku_id = ? ORDER BY b.walk_order, b.code`,
    )
    .all(skuId)
    .map((r) => ({
      binId: r.bin_id,
      binCode: r.code,
      kind: r.kind,
      retired: r.retired === 1,
      onHand: r.on_hand,
      reserved: r.reserved,
      available: r.on_hand - r.reserved,
    }));
  const total = bins.reduce((n, b) => n + b.onHand, 0);
  const reserved = bins.reduce((n, b) => n + b.reserved, 0);
  const last = store
    .stmt<MovementDb>(
      `SELECT ${MOVEMENT_COLUMNS} FROM (SELECT m.*, NULL AS balance FROM stock_movement m
         WHERE m.sku_id = ? ORDER BY m.seq DESC LIMIT 1) x ${MOVEMENT_JOINS}`,
    )
    .get(skuId);
  return {
    skuId: s.id,
    code: s.code,
    title: s.title,
    spec: s.spec,
    costFen: s.cost_fen,
    bins,
    total,
    reserved,
    available: total - reserved,
    lastMovement: last ? { ...toMovement(last), balance: total } : null,
  };
}
