// Stocktakes (盘点, rulebook §8.5, §9.5). The only writer of stocktake, stocktake_line and
// stocktake_count; adjustments go through the warehouse's own posting rules (service.ts).
//
// Starting one snapshots the book quantity of every SKU and bin in scope (one INSERT…SELECT from
// stock_balance) and records the stock_movement seq at that moment. Each count records the seq at
// the time of counting, so movements posted while the count is open are accounted for:
//   expected-at-count = book + Σ movements of that SKU in that bin with snapshot seq < seq ≤ count seq
//   variance          = counted − expected-at-count
// A recount (another person, variance lines only) is a new count row; the last count wins.
// Approval posts the variances against the CURRENT balances: one other_in (盘盈) for the gains and
// one other_out (盘亏) for the losses, both linked to the stocktake, each posted exactly once.
import type { z } from 'zod';
import type {
  ExportResult,
  Paged,
  Problem,
  Stocktake,
  StocktakeCounted,
  StocktakeLine,
  StocktakeReport,
  StocktakeRow,
  StocktakeScope,
  stocktakeStartInput,
  StocktakeKind,
  StocktakeStatus,
} from '../../api/contract';
import type { Host } from '../../api/host';
import type { Store } from '../../db/store';
import { AppError, fieldErrors, notFound } from '../../lib/errors';
import { exportCsv, type CsvEncoding, type CsvQuery } from '../../lib/export';
import { sqlCsvLine, sqlCsvText } from '../../lib/csv';
import { sqlFormatYuan } from '../../lib/money';
import { newId } from '../../lib/ids';
import { shopTimeZone } from '../staff/service';
import {
  PREFIX,
  docRow,
  insertDocument,
  insertLines,
  linesSummary,
  localDate,
  postDocument,
} from './service';

export type StocktakeStartData = z.output<typeof stocktakeStartInput>;

const PD = 'PD';

// ---------------------------------------------------------------------------------------------
// Sampling: a small seeded generator, so a sample of N is reproducible from its recorded seed.
// ---------------------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` of `candidates` (sorted by the caller), drawn by a partial Fisher–Yates with `seed`. */
export function sampleOf<T>(candidates: readonly T[], size: number, seed: number): T[] {
  const a = [...candidates];
  const rnd = mulberry32(seed);
  const n = Math.min(size, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------
interface StocktakeDb {
  id: string;
  number: string;
  kind: StocktakeKind;
  scope: StocktakeScope;
  bin_from: string | null;
  bin_to: string | null;
  sample_size: number | null;
  sample_seed: number | null;
  sku_ids: string | null;
  blind: number;
  note: string;
  status: StocktakeStatus;
  snapshot_seq: number;
  started_at: string;
  started_by: string;
  closed_at: string | null;
  closed_by: string | null;
  cancel_reason: string | null;
  book_qty: number | null;
  book_value_fen: number | null;
  gain_qty: number | null;
  gain_fen: number | null;
  loss_qty: number | null;
  loss_fen: number | null;
  gain_document_id: string | null;
  loss_document_id: string | null;
  updated_at: string;
}
type StocktakeListDb = StocktakeDb & {
  started_by_name: string | null;
  closed_by_name: string | null;
  gain_number: string | null;
  loss_number: string | null;
  line_count: number;
  counted_count: number;
};

const ST_SELECT = `SELECT t.*, sb.name AS started_by_name, cb.name AS closed_by_name,
    gd.number AS gain_number, ld.number AS loss_number,
    (SELECT COUNT(*) FROM stocktake_line l WHERE l.stocktake_id = t.id) AS line_count,
    (SELECT COUNT(*) FROM stocktake_line l WHERE l.stocktake_id = t.id AND l.rounds > 0) AS counted_count
  FROM stocktake t LEFT JOIN staff sb ON sb.id = t.started_by LEFT JOIN staff cb ON cb.id = t.closed_by
    LEFT JOIN stock_document gd ON gd.id = t.gain_document_id LEFT JOIN stock_document ld ON ld.id = t.loss_document_id`;

function shrinkage(lossFen: number | null, gainFen: number | null, bookFen: number | null): number | null {
  if (lossFen === null || gainFen === null || !bookFen) return null;
  return (lossFen - gainFen) / bookFen;
}

function toRow(t: StocktakeListDb): StocktakeRow {
  return {
    id: t.id,
    number: t.number,
    kind: t.kind,
    scope: t.scope,
    binFrom: t.bin_from,
    binTo: t.bin_to,
    sampleSize: t.sample_size,
    sampleSeed: t.sample_seed,
    skuCount: t.sku_ids ? (JSON.parse(t.sku_ids) as string[]).length : null,
    blind: t.blind === 1,
    note: t.note,
    status: t.status,
    startedAt: t.started_at,
    startedByName: t.started_by_name,
    closedAt: t.closed_at,
    closedByName: t.closed_by_name,
    cancelReason: t.cancel_reason,
    lines: t.line_count,
    counted: t.counted_count,
    bookQty: t.book_qty,
    bookValueFen: t.book_value_fen,
    gainQty: t.gain_qty,
    gainFen: t.gain_fen,
    lossQty: t.loss_qty,
    lossFen: t.loss_fen,
    shrinkageRate: shrinkage(t.loss_fen, t.gain_fen, t.book_value_fen),
    gainDocumentNumber: t.gain_number,
    lossDocumentNumber: t.loss_number,
  };
}

export function listStocktakes(
  store: Store,
  input: { status?: StocktakeStatus | undefined; offset: number; limit: number },
  seesBook = true,
): Paged<StocktakeRow> {
  const where = input.status ? 't.status = @status' : '1 = 1';
  const params = input.status ? { status: input.status } : {};
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM stocktake t WHERE ${where}`)
    .get(params)!.n;
  const rows = store
    .stmt<StocktakeListDb>(
      `${ST_SELECT} WHERE ${where} ORDER BY t.started_at DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { rows: rows.map((r) => (seesBook || r.blind === 0 ? toRow(r) : hideFigures(toRow(r)))), total };
}

/** A blind stocktake's figures, as a counter (without warehouse.stocktake) receives them. */
function hideFigures<T extends StocktakeRow>(r: T): T {
  return {
    ...r,
    bookQty: null,
    bookValueFen: null,
    gainQty: null,
    gainFen: null,
    lossQty: null,
    lossFen: null,
    shrinkageRate: null,
  };
}

function stRow(store: Store, id: string): StocktakeDb {
  const t = store.stmt<StocktakeDb>(`SELECT * FROM stocktake WHERE id = ?`).get(id);
  if (!t) throw notFound('stocktake');
  return t;
}

export function getStocktake(store: Store, id: string, seesBook = true): Stocktake {
  const t = store.stmt<StocktakeListDb>(`${ST_SELECT} WHERE t.id = ?`).get(id);
  if (!t) throw notFound('stocktake');
  const shown = seesBook || t.blind === 0;
  const v = store
    .stmt<{ variance: number; recount: number }>(
      `SELECT COUNT(CASE WHEN variance <> 0 THEN 1 END) AS variance,
         COUNT(CASE WHEN rounds > 0 AND variance <> 0 THEN 1 END) AS recount
       FROM stocktake_line WHERE stocktake_id = ?`,
    )
    .get(id)!;
  const row = shown ? toRow(t) : hideFigures(toRow(t));
  return {
    ...row,
    snapshotSeq: t.snapshot_seq,
    varianceLines: shown ? v.variance : null,
    recountLines: t.status === 'counting' ? v.recount : 0,
    seesBook: shown,
  };
}

type LineDb = {
  sku_id: string;
  code: string;
  title: string;
  spec: string;
  bin_id: string;
  bin_code: string;
  book_qty: number;
  unit_cost_fen: number;
  added: number;
  rounds: number;
  counted_qty: number | null;
  expected_qty: number | null;
  variance: number | null;
  first_by_name: string | null;
  last_by_name: string | null;
  last_at: string | null;
};
const LINE_SELECT = `SELECT l.sku_id, s.code, p.title, s.spec, l.bin_id, b.code AS bin_code, l.book_qty,
    l.unit_cost_fen, l.added, l.rounds, l.counted_qty, l.expected_qty, l.variance,
    fb.name AS first_by_name, lb.name AS last_by_name, l.last_at
  FROM stocktake_line l JOIN sku s ON s.id = l.sku_id JOIN product p ON p.id = s.product_id
    JOIN bin b ON b.id = l.bin_id LEFT JOIN staff fb ON fb.id = l.first_by LEFT JOIN staff lb ON lb.id = l.last_by`;

function toLine(r: LineDb, shown: boolean, open: boolean): StocktakeLine {
  return {
    skuId: r.sku_id,
    code: r.code,
    title: r.title,
    spec: r.spec,
    binId: r.bin_id,
    binCode: r.bin_code,
    bookQty: shown ? r.book_qty : null,
    added: r.added === 1,
    countedQty: r.counted_qty,
    expectedQty: shown ? r.expected_qty : null,
    variance: shown ? r.variance : null,
    varianceFen: shown && r.variance !== null ? r.variance * r.unit_cost_fen : null,
    unitCostFen: shown ? r.unit_cost_fen : null,
    rounds: r.rounds,
    needsRecount: open && r.rounds > 0 && r.variance !== 0,
    firstByName: r.first_by_name,
    lastByName: r.last_by_name,
    lastAt: r.last_at,
  };
}

const LINE_FILTER: Record<'all' | 'uncounted' | 'counted' | 'variance', string> = {
  all: '1 = 1',
  uncounted: 'l.rounds = 0',
  counted: 'l.rounds > 0',
  variance: 'l.rounds > 0 AND l.variance <> 0',
};

/** The count sheet's lines in bin walk order (book quantities hidden from blind counters). */
export function stocktakeLines(
  store: Store,
  input: {
    id: string;
    binId?: string | undefined;
    filter: keyof typeof LINE_FILTER;
    offset: number;
    limit: number;
  },
  seesBook = true,
): Paged<StocktakeLine> {
  const t = stRow(store, input.id);
  const shown = seesBook || t.blind === 0;
  const parts = ['l.stocktake_id = @id', LINE_FILTER[input.filter]];
  const params: Record<string, unknown> = { id: t.id };
  if (input.binId) {
    parts.push('l.bin_id = @binId');
    params.binId = input.binId;
  }
  const where = parts.join(' AND ');
  const total = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM stocktake_line l WHERE ${where}`)
    .get(params)!.n;
  const rows = store
    .stmt<LineDb>(
      `${LINE_SELECT} WHERE ${where} ORDER BY b.walk_order, b.code, s.code LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset });
  return { rows: rows.map((r) => toLine(r, shown, t.status === 'counting')), total };
}

// ---------------------------------------------------------------------------------------------
// Starting: the snapshot
// ---------------------------------------------------------------------------------------------
function lastSeq(store: Store): number {
  return store.stmt<{ n: number }>(`SELECT COALESCE(MAX(seq), 0) AS n FROM stock_movement`).get()!.n;
}

const SNAPSHOT_COLUMNS = `INSERT INTO stocktake_line (stocktake_id, sku_id, bin_id, book_qty, unit_cost_fen)
  SELECT @id, sb.sku_id, sb.bin_id, sb.on_hand, s.cost_fen`;

/**
 * Start a stocktake: snapshot the book quantity of every SKU and bin in scope holding stock, in one
 * INSERT…SELECT, and record the movement seq. Runs in the caller's transaction.
 */
export function startStocktake(store: Store, by: string, input: StocktakeStartData): Stocktake {
  const id = newId();
  const scope = input.scope;
  let binFrom: string | null = null;
  let binTo: string | null = null;
  let sampleSize: number | null = null;
  let sampleSeed: number | null = null;
  let skuIds: string[] | null = null;
  if (scope.type === 'bins') {
    if (scope.from > scope.to) throw fieldErrors({ 'scope.to': { key: 'validation.binRange' } });
    const n = store
      .stmt<{ n: number }>(
        `SELECT COUNT(*) AS n FROM bin WHERE code BETWEEN @from AND @to AND deleted_at IS NULL`,
      )
      .get({ from: scope.from, to: scope.to })!.n;
    if (!n) throw fieldErrors({ 'scope.from': { key: 'validation.noBinsInRange' } });
    binFrom = scope.from;
    binTo = scope.to;
  } else if (scope.type === 'skus') {
    const errors: Record<string, Problem> = {};
    const seen = new Set<string>();
    scope.skuIds.forEach((skuId, i) => {
      const ok = store.stmt(`SELECT 1 FROM sku WHERE id = ? AND deleted_at IS NULL`).get(skuId);
      if (!ok) errors[`scope.skuIds.${i}`] = { key: 'validation.skuNotFound' };
      seen.add(skuId);
    });
    if (Object.keys(errors).length) throw fieldErrors(errors);
    skuIds = [...seen];
  } else if (scope.type === 'sample') {
    sampleSize = scope.size;
    sampleSeed = scope.seed ?? Math.floor(Math.random() * 2_147_483_647);
    // Candidates: SKUs holding stock somewhere, in id order (ids are stable), so the same seed over
    // the same stock draws the same SKUs.
    const candidates = store
      .stmt<{ sku_id: string }>(
        `SELECT DISTINCT sku_id FROM stock_balance WHERE on_hand <> 0 ORDER BY sku_id`,
      )
      .all()
      .map((r) => r.sku_id);
    skuIds = sampleOf(candidates, scope.size, sampleSeed);
  }

  const hlc = store.stamp();
  const number = store.nextNumber(PD, shopTimeZone(store));
  const at = store.isoNow();
  const snapshotSeq = lastSeq(store);
  store
    .stmt(
      `INSERT INTO stocktake (id, number, kind, scope, bin_from, bin_to, sample_size, sample_seed, sku_ids, blind,
         note, status, snapshot_seq, started_at, started_by, updated_at)
       VALUES (@id, @number, @kind, @scope, @binFrom, @binTo, @sampleSize, @sampleSeed, @skuIds, @blind,
         @note, 'counting', @snapshotSeq, @at, @by, @hlc)`,
    )
    .run({
      id,
      number,
      kind: input.kind,
      scope: scope.type,
      binFrom,
      binTo,
      sampleSize,
      sampleSeed,
      skuIds: skuIds ? JSON.stringify(skuIds) : null,
      blind: input.blind ? 1 : 0,
      note: input.note,
      snapshotSeq,
      at,
      by,
      hlc,
    });
  if (scope.type === 'all') {
    store
      .stmt(`${SNAPSHOT_COLUMNS} FROM stock_balance sb JOIN sku s ON s.id = sb.sku_id WHERE sb.on_hand <> 0`)
      .run({ id });
  } else if (scope.type === 'bins') {
    store
      .stmt(
        `${SNAPSHOT_COLUMNS} FROM bin b JOIN stock_balance sb ON sb.bin_id = b.id JOIN sku s ON s.id = sb.sku_id
         WHERE b.code BETWEEN @from AND @to AND b.deleted_at IS NULL AND sb.on_hand <> 0`,
      )
      .run({ id, from: binFrom, to: binTo });
  } else {
    store
      .stmt(
        `${SNAPSHOT_COLUMNS} FROM json_each(@skus) j JOIN stock_balance sb ON sb.sku_id = j.value
           JOIN sku s ON s.id = sb.sku_id WHERE sb.on_hand <> 0`,
      )
      .run({ id, skus: JSON.stringify(skuIds) });
  }
  // Two open stocktakes must not count the same SKU in the same bin (both would adjust it).
  const clash = store
    .stmt<{ number: string }>(
      `SELECT t.number FROM stocktake_line n
         JOIN stocktake_line o ON o.sku_id = n.sku_id AND o.bin_id = n.bin_id AND o.stocktake_id <> n.stocktake_id
         JOIN stocktake t ON t.id = o.stocktake_id
       WHERE n.stocktake_id = @id AND t.status = 'counting' LIMIT 1`,
    )
    .get({ id });
  if (clash) throw new AppError('CONFLICT', 'stocktakeOverlap', { number: clash.number });

  const lines = store
    .stmt<{ n: number }>(`SELECT COUNT(*) AS n FROM stocktake_line WHERE stocktake_id = ?`)
    .get(id)!.n;
  const fields: Record<string, { from: unknown; to: unknown }> = {
    kind: { from: null, to: input.kind },
    scope: { from: null, to: scope.type },
    blind: { from: null, to: input.blind },
    snapshotSeq: { from: null, to: snapshotSeq },
    lines: { from: null, to: lines },
  };
  if (binFrom) fields.bins = { from: null, to: `${binFrom}…${binTo}` };
  if (sampleSeed !== null) fields.sample = { from: null, to: { size: sampleSize, seed: sampleSeed } };
  if (skuIds) fields.skus = { from: null, to: skuIds.length };
  if (input.note) fields.note = { from: null, to: input.note };
  store.log({ staffId: by, entity: 'stocktake', rowId: id, op: 'create', label: number, fields }, hlc);
  return getStocktake(store, id);
}

// ---------------------------------------------------------------------------------------------
// Counting
// ---------------------------------------------------------------------------------------------
interface LineState {
  book_qty: number;
  rounds: number;
  variance: number | null;
  last_by: string | null;
}

function openStocktake(store: Store, id: string): StocktakeDb {
  const t = stRow(store, id);
  if (t.status !== 'counting')
    throw new AppError('CONFLICT', 'stocktakeClosed', { number: t.number, status: t.status });
  return t;
}

/** A SKU found in a bin with no book line may be added (book 0) — only inside the stocktake's scope. */
function mayAdd(store: Store, t: StocktakeDb, skuId: string, binId: string): Problem | null {
  const sku = store
    .stmt<{ code: string; archived: number }>(
      `SELECT s.code, (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived
       FROM sku s JOIN product p ON p.id = s.product_id WHERE s.id = ? AND s.deleted_at IS NULL`,
    )
    .get(skuId);
  if (!sku) return { key: 'validation.skuNotFound' };
  const bin = store
    .stmt<{ code: string; retired_at: string | null }>(
      `SELECT code, retired_at FROM bin WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(binId);
  if (!bin) return { key: 'validation.binNotFound' };
  if (bin.retired_at !== null) return { key: 'validation.binRetired', params: { bin: bin.code } };
  if (t.scope === 'bins' && (bin.code < t.bin_from! || bin.code > t.bin_to!))
    return { key: 'validation.notInStocktake', params: { code: sku.code, bin: bin.code } };
  if ((t.scope === 'skus' || t.scope === 'sample') && !(JSON.parse(t.sku_ids!) as string[]).includes(skuId))
    return { key: 'validation.notInStocktake', params: { code: sku.code, bin: bin.code } };
  return null;
}

/**
 * Record counts. Each new count stores the movement seq now and the quantity expected at that
 * moment. A line counted before is a recount: only while it shows a variance, and only by someone
 * other than the last counter.
 */
export function recordCounts(
  store: Store,
  by: string,
  input: { id: string; counts: { skuId: string; binId: string; counted: number }[] },
): StocktakeCounted {
  const t = openStocktake(store, input.id);
  const seq = lastSeq(store);
  const at = store.isoNow();
  const hlc = store.stamp();
  const errors: Record<string, Problem> = {};
  const seen = new Set<string>();
  input.counts.forEach((c, i) => {
    const k = `${c.skuId}\n${c.binId}`;
    if (seen.has(k)) errors[`counts.${i}.skuId`] = { key: 'validation.duplicateLine' };
    seen.add(k);
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);

  const result: StocktakeCounted = { counted: 0, recounted: 0, added: 0 };
  const logged: unknown[] = [];
  input.counts.forEach((c, i) => {
    const key = { id: t.id, sku: c.skuId, bin: c.binId };
    let line = store
      .stmt<LineState>(
        `SELECT book_qty, rounds, variance, last_by FROM stocktake_line
         WHERE stocktake_id = @id AND sku_id = @sku AND bin_id = @bin`,
      )
      .get(key);
    if (!line) {
      const problem = mayAdd(store, t, c.skuId, c.binId);
      if (problem) {
        errors[`counts.${i}.skuId`] = problem;
        return;
      }
      const cost = store.stmt<{ cost_fen: number }>(`SELECT cost_fen FROM sku WHERE id = ?`).get(c.skuId)!;
      store
        .stmt(
          `INSERT INTO stocktake_line (stocktake_id, sku_id, bin_id, book_qty, unit_cost_fen, added)
           VALUES (@id, @sku, @bin, 0, @cost, 1)`,
        )
        .run({ ...key, cost: cost.cost_fen });
      line = { book_qty: 0, rounds: 0, variance: null, last_by: null };
      result.added++;
    } else if (line.rounds > 0) {
      if (line.variance === 0) {
        errors[`counts.${i}.counted`] = { key: 'validation.recountNotNeeded' };
        return;
      }
      if (line.last_by === by) {
        errors[`counts.${i}.counted`] = { key: 'validation.recountSamePerson' };
        return;
      }
    }
    const moved = store
      .stmt<{ n: number }>(
        `SELECT COALESCE(SUM(qty_delta), 0) AS n FROM stock_movement
         WHERE sku_id = @sku AND seq > @from AND seq <= @to AND bin_id = @bin`,
      )
      .get({ sku: c.skuId, bin: c.binId, from: t.snapshot_seq, to: seq })!.n;
    const expected = line.book_qty + moved;
    const variance = c.counted - expected;
    const round = line.rounds + 1;
    store
      .stmt(
        `INSERT INTO stocktake_count (id, stocktake_id, sku_id, bin_id, round, counted_qty, movement_seq, expected_qty,
           counted_at, counted_by, hlc)
         VALUES (@cid, @id, @sku, @bin, @round, @counted, @seq, @expected, @at, @by, @hlc)`,
      )
      .run({ ...key, cid: newId(), round, counted: c.counted, seq, expected, at, by, hlc });
    store
      .stmt(
        `UPDATE stocktake_line SET rounds = @round, counted_qty = @counted, expected_qty = @expected,
           variance = @variance, last_by = @by, last_at = @at,
           first_by = COALESCE(first_by, @by), first_variance = COALESCE(first_variance, @variance)
         WHERE stocktake_id = @id AND sku_id = @sku AND bin_id = @bin`,
      )
      .run({ ...key, round, counted: c.counted, expected, variance, by, at });
    if (round > 1) result.recounted++;
    else result.counted++;
    logged.push({ sku: c.skuId, bin: c.binId, round, counted: c.counted, seq });
  });
  if (Object.keys(errors).length) throw fieldErrors(errors);
  store.log(
    {
      staffId: by,
      entity: 'stocktake',
      rowId: t.id,
      op: 'count',
      label: t.number,
      fields: { counts: { from: null, to: logged } },
    },
    hlc,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// Cancel and approve
// ---------------------------------------------------------------------------------------------
export function cancelStocktake(store: Store, by: string, input: { id: string; reason: string }): Stocktake {
  const t = openStocktake(store, input.id);
  const hlc = store.stamp();
  store
    .stmt(
      `UPDATE stocktake SET status = 'cancelled', closed_at = @at, closed_by = @by, cancel_reason = @reason,
         updated_at = @hlc WHERE id = @id AND status = 'counting'`,
    )
    .run({ at: store.isoNow(), by, reason: input.reason, hlc, id: t.id });
  store.log(
    {
      staffId: by,
      entity: 'stocktake',
      rowId: t.id,
      op: 'cancel',
      label: t.number,
      fields: { status: { from: 'counting', to: 'cancelled' }, reason: { from: null, to: input.reason } },
    },
    hlc,
  );
  return getStocktake(store, t.id);
}

interface Totals {
  lines: number;
  counted: number;
  variance_lines: number;
  book_qty: number;
  book_value_fen: number;
  gain_qty: number;
  gain_fen: number;
  loss_qty: number;
  loss_fen: number;
}
function totalsOf(store: Store, id: string): Totals {
  return store
    .stmt<Totals>(
      `SELECT COUNT(*) AS lines, COUNT(CASE WHEN rounds > 0 THEN 1 END) AS counted,
         COUNT(CASE WHEN variance <> 0 THEN 1 END) AS variance_lines,
         COALESCE(SUM(book_qty), 0) AS book_qty, COALESCE(SUM(book_qty * unit_cost_fen), 0) AS book_value_fen,
         COALESCE(SUM(CASE WHEN variance > 0 THEN variance END), 0) AS gain_qty,
         COALESCE(SUM(CASE WHEN variance > 0 THEN variance * unit_cost_fen END), 0) AS gain_fen,
         COALESCE(SUM(CASE WHEN variance < 0 THEN -variance END), 0) AS loss_qty,
         COALESCE(SUM(CASE WHEN variance < 0 THEN -variance * unit_cost_fen END), 0) AS loss_fen
       FROM stocktake_line WHERE stocktake_id = ?`,
    )
    .get(id)!;
}

/** One posted adjustment document (盘盈 other_in or 盘亏 other_out) for the lines of one sign. */
function postAdjustment(store: Store, by: string, t: StocktakeDb, sign: 1 | -1): string | null {
  const lines = store
    .stmt<{ sku_id: string; bin_id: string; variance: number; unit_cost_fen: number }>(
      `SELECT l.sku_id, l.bin_id, l.variance, l.unit_cost_fen FROM stocktake_line l JOIN bin b ON b.id = l.bin_id
         JOIN sku s ON s.id = l.sku_id
       WHERE l.stocktake_id = @id AND l.variance * @sign > 0 ORDER BY b.walk_order, b.code, s.code`,
    )
    .all({ id: t.id, sign });
  if (!lines.length) return null;
  const type = sign > 0 ? 'other_in' : 'other_out';
  const id = newId();
  const hlc = store.stamp();
  const number = store.nextNumber(PREFIX[type], shopTimeZone(store));
  const header = {
    type,
    docDate: localDate(store),
    counterpart: '',
    reason: sign > 0 ? '盘盈' : '盘亏',
    orderRef: '',
    notes: t.number,
  } as const;
  insertDocument(store, by, id, number, header, null, hlc);
  store.stmt(`UPDATE stock_document SET stocktake_id = @st WHERE id = @id`).run({ st: t.id, id });
  insertLines(
    store,
    id,
    lines.map((l, i) => ({
      line_no: i + 1,
      sku_id: l.sku_id,
      bin_id: l.bin_id,
      to_bin_id: null,
      quantity: Math.abs(l.variance),
      unit_cost_fen: l.unit_cost_fen,
      note: '',
    })),
  );
  store.log(
    {
      staffId: by,
      entity: 'stock_document',
      rowId: id,
      op: 'create',
      label: number,
      fields: {
        type: { from: null, to: type },
        docDate: { from: null, to: header.docDate },
        reason: { from: null, to: header.reason },
        stocktake: { from: null, to: t.number },
        lines: { from: null, to: linesSummary(store, id) },
      },
    },
    hlc,
  );
  // The usual posting rules: a loss that would take a bin below zero now is refused (recount first).
  postDocument(store, by, docRow(store, id)!, { mayOverride: false });
  return id;
}

/**
 * Approve: every line must be counted; the variances are posted against the current balances and
 * the result figures are fixed. Approving an approved stocktake answers it unchanged.
 */
export function approveStocktake(store: Store, by: string, input: { id: string }): Stocktake {
  const t = stRow(store, input.id);
  if (t.status === 'approved') return getStocktake(store, t.id);
  if (t.status !== 'counting')
    throw new AppError('CONFLICT', 'stocktakeClosed', { number: t.number, status: t.status });
  const tot = totalsOf(store, t.id);
  if (tot.counted < tot.lines)
    throw new AppError('CONFLICT', 'stocktakeUncounted', {
      number: t.number,
      count: tot.lines - tot.counted,
    });
  const gainId = postAdjustment(store, by, t, 1);
  const lossId = postAdjustment(store, by, t, -1);
  const hlc = store.stamp();
  store
    .stmt(
      `UPDATE stocktake SET status = 'approved', closed_at = @at, closed_by = @by, book_qty = @book_qty,
         book_value_fen = @book_value_fen, gain_qty = @gain_qty, gain_fen = @gain_fen, loss_qty = @loss_qty,
         loss_fen = @loss_fen, gain_document_id = @gainId, loss_document_id = @lossId, updated_at = @hlc
       WHERE id = @id AND status = 'counting'`,
    )
    .run({
      at: store.isoNow(),
      by,
      book_qty: tot.book_qty,
      book_value_fen: tot.book_value_fen,
      gain_qty: tot.gain_qty,
      gain_fen: tot.gain_fen,
      loss_qty: tot.loss_qty,
      loss_fen: tot.loss_fen,
      gainId,
      lossId,
      hlc,
      id: t.id,
    });
  store.log(
    {
      staffId: by,
      entity: 'stocktake',
      rowId: t.id,
      op: 'approve',
      label: t.number,
      fields: {
        status: { from: 'counting', to: 'approved' },
        gain: { from: null, to: { qty: tot.gain_qty, fen: tot.gain_fen } },
        loss: { from: null, to: { qty: tot.loss_qty, fen: tot.loss_fen } },
      },
    },
    hlc,
  );
  return getStocktake(store, t.id);
}

// ---------------------------------------------------------------------------------------------
// The variance report, counter accuracy, CSV
// ---------------------------------------------------------------------------------------------
function hiddenFrom(t: StocktakeDb, seesBook: boolean): boolean {
  return t.blind === 1 && !seesBook;
}

export function stocktakeReport(store: Store, id: string, seesBook = true): StocktakeReport {
  const t = stRow(store, id);
  if (hiddenFrom(t, seesBook)) throw new AppError('FORBIDDEN', 'blindCount');
  const tot = totalsOf(store, id);
  const lines = store
    .stmt<LineDb>(
      `${LINE_SELECT} WHERE l.stocktake_id = @id AND l.variance <> 0
       ORDER BY abs(l.variance * l.unit_cost_fen) DESC, abs(l.variance) DESC, s.code LIMIT 200`,
    )
    .all({ id })
    .map((r) => toLine(r, true, t.status === 'counting'));
  const bySku = store
    .stmt<{ sku_id: string; code: string; title: string; spec: string; qty: number; fen: number }>(
      `SELECT l.sku_id, s.code, p.title, s.spec, SUM(l.variance) AS qty, SUM(l.variance * l.unit_cost_fen) AS fen
       FROM stocktake_line l JOIN sku s ON s.id = l.sku_id JOIN product p ON p.id = s.product_id
       WHERE l.stocktake_id = @id AND l.variance <> 0
       GROUP BY l.sku_id ORDER BY abs(SUM(l.variance * l.unit_cost_fen)) DESC, s.code LIMIT 200`,
    )
    .all({ id })
    .map((r) => ({
      skuId: r.sku_id,
      code: r.code,
      title: r.title,
      spec: r.spec,
      varianceQty: r.qty,
      varianceFen: r.fen,
    }));
  const byBin = store
    .stmt<{ bin_id: string; code: string; lines: number; qty: number; gain: number; loss: number }>(
      `SELECT l.bin_id, b.code, COUNT(*) AS lines, SUM(l.variance) AS qty,
         COALESCE(SUM(CASE WHEN l.variance > 0 THEN l.variance * l.unit_cost_fen END), 0) AS gain,
         COALESCE(SUM(CASE WHEN l.variance < 0 THEN -l.variance * l.unit_cost_fen END), 0) AS loss
       FROM stocktake_line l JOIN bin b ON b.id = l.bin_id
       WHERE l.stocktake_id = @id AND l.variance <> 0
       GROUP BY l.bin_id ORDER BY (gain + loss) DESC, b.code`,
    )
    .all({ id })
    .map((r) => ({
      binId: r.bin_id,
      binCode: r.code,
      lines: r.lines,
      varianceQty: r.qty,
      gainFen: r.gain,
      lossFen: r.loss,
    }));
  const byCounter = store
    .stmt<{ staff_id: string; name: string; lines: number; exact: number }>(
      `SELECT l.first_by AS staff_id, st.name, COUNT(*) AS lines,
         COUNT(CASE WHEN l.first_variance = l.variance THEN 1 END) AS exact
       FROM stocktake_line l JOIN staff st ON st.id = l.first_by
       WHERE l.stocktake_id = @id AND l.rounds > 0 GROUP BY l.first_by ORDER BY st.name`,
    )
    .all({ id })
    .map((r) => ({
      staffId: r.staff_id,
      name: r.name,
      lines: r.lines,
      exact: r.exact,
      accuracy: r.lines ? r.exact / r.lines : 0,
    }));
  const netLossFen = tot.loss_fen - tot.gain_fen;
  return {
    stocktake: getStocktake(store, id, seesBook),
    totals: {
      lines: tot.lines,
      counted: tot.counted,
      uncounted: tot.lines - tot.counted,
      varianceLines: tot.variance_lines,
      bookQty: tot.book_qty,
      bookValueFen: tot.book_value_fen,
      gainQty: tot.gain_qty,
      gainFen: tot.gain_fen,
      lossQty: tot.loss_qty,
      lossFen: tot.loss_fen,
      netLossFen,
      shrinkageRate: tot.book_value_fen ? netLossFen / tot.book_value_fen : null,
    },
    lines,
    bySku,
    byBin,
    byCounter,
  };
}

/**
 * For the monthly assessment: per person, the lines they counted first in stocktakes approved in
 * [from, to) (UTC ISO), and how many of those a recount did not change (`exact`).
 */
export function countAccuracy(
  store: Store,
  range: { from: string; to: string },
): Map<string, { lines: number; exact: number }> {
  const rows = store
    .stmt<{ staff_id: string; lines: number; exact: number }>(
      `SELECT l.first_by AS staff_id, COUNT(*) AS lines, COUNT(CASE WHEN l.first_variance = l.variance THEN 1 END) AS exact
       FROM stocktake t JOIN stocktake_line l ON l.stocktake_id = t.id
       WHERE t.status = 'approved' AND t.closed_at >= @from AND t.closed_at < @to AND l.first_by IS NOT NULL
       GROUP BY l.first_by`,
    )
    .all({ from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() });
  return new Map(rows.map((r) => [r.staff_id, { lines: r.lines, exact: r.exact }]));
}

export const VARIANCE_CSV_HEADER = [
  '库位',
  '商家编码',
  '商品名称',
  '规格',
  '账面数量',
  '盘点时应有',
  '实盘数量',
  '差异数量',
  '单位成本(元)',
  '差异金额(元)',
  '初盘人',
  '末次盘点人',
  '盘点次数',
] as const;

/** The variance report's lines (every line of the stocktake), largest variance value first. */
export function varianceCsvQuery(id: string): CsvQuery {
  const line = sqlCsvLine([
    sqlCsvText('b.code'),
    sqlCsvText('s.code'),
    sqlCsvText('p.title'),
    sqlCsvText('s.spec'),
    'l.book_qty',
    `COALESCE(l.expected_qty, '')`,
    `COALESCE(l.counted_qty, '')`,
    `COALESCE(l.variance, '')`,
    sqlFormatYuan('l.unit_cost_fen'),
    `CASE WHEN l.variance IS NULL THEN '' ELSE ${sqlFormatYuan('l.variance * l.unit_cost_fen')} END`,
    sqlCsvText(`COALESCE(fb.name, '')`),
    sqlCsvText(`COALESCE(lb.name, '')`),
    'l.rounds',
  ]);
  return {
    header: VARIANCE_CSV_HEADER,
    sql: `SELECT ${line} FROM stocktake_line l JOIN sku s ON s.id = l.sku_id JOIN product p ON p.id = s.product_id
      JOIN bin b ON b.id = l.bin_id LEFT JOIN staff fb ON fb.id = l.first_by LEFT JOIN staff lb ON lb.id = l.last_by
      WHERE l.stocktake_id = @id
      ORDER BY abs(COALESCE(l.variance, 0) * l.unit_cost_fen) DESC, b.walk_order, b.code, s.code`,
    params: { id },
  };
}

export async function exportVarianceCsv(
  store: Store,
  host: Host,
  input: { id: string; encoding: CsvEncoding },
  seesBook: boolean,
): Promise<ExportResult> {
  const t = stRow(store, input.id);
  if (hiddenFrom(t, seesBook)) throw new AppError('FORBIDDEN', 'blindCount');
  return exportCsv(store, host, `盘点差异_${t.number}`, input.encoding, varianceCsvQuery(t.id));
}
