// catalog-search: the catalog list's search box on a 50,000-SKU shop.
// Runs listSkus (the catalog.list channel's path: the in-memory index answers which rowids and how
// many, then the page's rows are read from SQLite by rowid) for four kinds of query a shop floor
// types: 2–4 hanzi from a title, pinyin initials, 商家编码 (full / 款号 / fragment) and full
// barcodes. Target: p95 < 10 ms, for the default sort (updatedAt desc) and for each other sort.
// Also measured: the one-off index build on a freshly opened store, the first listSkus after an
// edit (incremental refresh + lazy re-sort), and the same filter as plain SQL (filterSql, ORDER BY,
// LIMIT, COUNT(*)) as the baseline — whose answers must equal listSkus' for every query.
import os from 'node:os';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import type { Store } from '../../src-main/db/store';
import { openStore } from '../../src-main/db/store';
import { pinyinInitials } from '../../src-main/lib/text';
import {
  filterSql,
  getProduct,
  listSkus,
  updateProduct,
  type Filter,
  type SortField,
} from '../../src-main/modules/catalog/service';
import { roster } from '../../src-main/modules/staff/service';
import { Rng, seedScale } from '../../resources/demo/shop';
import { heading, int, mean, mib, ms, percentile, printTable, tempDir, time, type SummaryLine } from './util';

const SKUS = 50_000;
const PER_KIND = 80;
const TARGET_P95_MS = 10;
const LIMIT = 100;
/** Fresh connections on which the first listSkus (the index build) is timed. */
const REOPENS = 3;
/** Edits after each of which the first listSkus is timed. */
const EDITS = 20;
/** Repetitions of the empty search (the list as it opens). */
const EMPTY_RUNS = 20;
const WARMUP = 20;
/** Timed runs of each query (its median is the query's time); the SQL baseline is ~10× slower. */
const ROUNDS = 3;
const SQL_ROUNDS = 1;

type Kind = 'title' | 'initials' | 'code' | 'barcode';
const KINDS: readonly Kind[] = ['title', 'initials', 'code', 'barcode'];
interface Query {
  kind: Kind;
  q: string;
}

const FILTER: Filter = { q: '', listed: 'all', status: 'active', category: '' };
interface Sort {
  field: SortField;
  order: 'asc' | 'desc';
}
const DEFAULT_SORT: Sort = { field: 'updatedAt', order: 'desc' };
const OTHER_SORTS: readonly Sort[] = (['title', 'code', 'priceFen', 'costFen'] as const).map((field) => ({
  field,
  order: 'asc',
}));
const sortName = (s: Sort) => `${s.field} ${s.order}`;
const load = () => `load average ${os.loadavg()[0]!.toFixed(1)}`;

/** Sort field → SQL column; ties broken by 商家编码 in the same direction, as the index does. */
const SORT_SQL: Record<SortField, string> = {
  title: 'p.title',
  code: 's.code',
  priceFen: 's.price_fen',
  costFen: 's.cost_fen',
  updatedAt: 's.updated_at',
};
/** The columns listSkus returns (its ROW_COLUMNS), so the baseline reads as much as it does. */
const ROW_COLUMNS = `s.id AS skuId, p.id AS productId, s.code, s.barcode, p.title, s.spec, p.category,
  s.cost_fen AS costFen, s.price_fen AS priceFen, p.listed, s.low_stock_threshold AS lowStockThreshold,
  (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL) AS archived, s.updated_at AS updatedAt`;

interface Sample {
  title: string;
  code: string;
  barcode: string;
  style_code: string;
}

/** Queries taken from real rows: what people type when they look for a product. */
function makeQueries(store: Store, seed: number): Query[] {
  const rng = new Rng(seed);
  const max = (store.db.prepare('SELECT MAX(rowid) AS n FROM sku').get() as { n: number }).n;
  const sample = store.db.prepare(
    `SELECT p.title, s.code, s.barcode, p.style_code FROM sku s JOIN product p ON p.id = s.product_id
     WHERE s.rowid = ?`,
  );
  const pick = (): Sample => {
    for (;;) {
      const r = sample.get(rng.int(1, max)) as Sample | undefined;
      if (r) return r;
    }
  };
  /** A run of `min`–`max` hanzi from a title. */
  const hanzi = (title: string, min: number, maxLen: number): string | null => {
    const runs = title.match(/[\u4e00-\u9fff]+/g)?.filter((r) => r.length >= min) ?? [];
    if (!runs.length) return null;
    const run = rng.pick(runs);
    const len = rng.int(min, Math.min(maxLen, run.length));
    const start = rng.int(0, run.length - len);
    return run.slice(start, start + len);
  };
  const out: Query[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    let t: string | null = null;
    while (!t) t = hanzi(pick().title, 2, 4);
    out.push({ kind: 'title', q: t });

    let initials = '';
    while (initials.length < 2) initials = pinyinInitials(hanzi(pick().title, 3, 5) ?? '');
    out.push({ kind: 'initials', q: initials });

    const s = pick();
    const form = i % 3;
    // Full 商家编码; the 款号 part (all SKUs of a style); or a lower-case tail fragment (013-wh).
    const code =
      form === 0 ? s.code : form === 1 ? s.style_code : s.code.slice(s.code.indexOf('-') + 1).toLowerCase();
    out.push({ kind: 'code', q: code.length > 3 && form === 2 ? code.slice(0, 6) : code });

    out.push({ kind: 'barcode', q: pick().barcode });
  }
  return out;
}

interface Answer {
  total: number;
  codes: string[];
}
type Searcher = (q: string, filter?: Filter) => Answer;

/** listSkus exactly as the catalog.list channel calls it (first page). */
function viaListSkus(store: Store, sort: Sort): Searcher {
  return (q, filter = FILTER) => {
    const r = listSkus(store, { filter: { ...filter, q }, sort, offset: 0, limit: LIMIT });
    return { total: r.total, codes: r.rows.map((x) => x.code) };
  };
}

/** The baseline: the same filter as SQL (filterSql), first page by ORDER BY … LIMIT, and COUNT(*). */
function viaSql(store: Store, sort: Sort): Searcher {
  const dir = sort.order === 'asc' ? 'ASC' : 'DESC';
  return (q, filter = FILTER) => {
    const { where, params } = filterSql({ ...filter, q });
    const rows = store
      .stmt<{ code: string }>(
        `SELECT ${ROW_COLUMNS} FROM sku s JOIN product p ON p.id = s.product_id WHERE ${where}
         ORDER BY ${SORT_SQL[sort.field]} ${dir}, s.code ${dir} LIMIT ${LIMIT}`,
      )
      .all(params);
    const total = store
      .stmt<{ n: number }>(
        `SELECT COUNT(*) AS n FROM sku s JOIN product p ON p.id = s.product_id WHERE ${where}`,
      )
      .get(params)!.n;
    return { total, codes: rows.map((r) => r.code) };
  };
}

interface Measured {
  times: Map<Kind, number[]>;
  /** Time of each query, in query order. */
  flat: number[];
  answers: Answer[];
}

/**
 * Time every query `rounds` times — all queries once per round, so a burst of load from another
 * process spoils one round of many queries rather than every run of one — and keep each query's
 * median. The machine the bench runs on may be shared.
 */
function measure(queries: readonly Query[], search: Searcher, rounds: number): Measured {
  for (const q of queries.slice(0, WARMUP)) search(q.q); // statement cache, page cache, JIT
  const runs: number[][] = queries.map(() => []);
  const answers: Answer[] = [];
  for (let r = 0; r < rounds; r++) {
    queries.forEach((q, i) => {
      const t = performance.now();
      const a = search(q.q);
      runs[i]!.push(performance.now() - t);
      if (r === 0) answers.push(a);
    });
  }
  const flat = runs.map((t) => percentile(t, 50));
  const times = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
  queries.forEach((q, i) => times.get(q.kind)!.push(flat[i]!));
  return { times, flat, answers };
}

function repeat(n: number, fn: () => unknown): number[] {
  fn();
  return Array.from({ length: n }, () => time(fn).ms);
}

/** Queries whose answers differ (total, or the page's codes in order), with up to 3 examples. */
class Mismatches {
  count = 0;
  checked = 0;
  readonly examples: string[] = [];
  check(label: string, a: Answer, b: Answer): void {
    this.checked++;
    if (a.total === b.total && a.codes.join() === b.codes.join()) return;
    this.count++;
    if (this.examples.length < 3) {
      const at = a.codes.findIndex((c, i) => c !== b.codes[i]);
      this.examples.push(
        `${label}: listSkus total ${a.total}, SQL ${b.total}; page differs at #${at} ` +
          `(${a.codes[at] ?? '∅'} vs ${b.codes[at] ?? '∅'})`,
      );
    }
  }
  print(what: string): void {
    console.log(`  ${what}: ${this.count} mismatches of ${this.checked} answers compared with SQL`);
    for (const e of this.examples) console.log(`    e.g. ${e}`);
  }
}

/** gc(), if this V8 lets us switch it on (for the index's heap size only). */
function gcFn(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** The first listSkus on freshly opened connections: the one-off index build. */
function indexBuild(dir: string): { first: number[]; second: number[]; heap: number | null } {
  const gc = gcFn();
  const first: number[] = [];
  const second: number[] = [];
  let heap: number | null = null;
  for (let i = 0; i < REOPENS; i++) {
    const store = openStore({ dataDir: dir });
    try {
      const list = viaListSkus(store, DEFAULT_SORT);
      gc?.();
      const before = process.memoryUsage().heapUsed;
      first.push(time(() => list('')).ms);
      second.push(time(() => list('')).ms);
      if (gc) {
        gc();
        heap = Math.max(heap ?? 0, process.memoryUsage().heapUsed - before);
      }
    } finally {
      store.close();
    }
  }
  return { first, second, heap };
}

interface EditResult {
  write: number[];
  first: number[];
  steady: number[];
}

/**
 * Edit one product (as catalog.update does: updateProduct inside store.tx), then time the first
 * listSkus after it (refresh of the marked rows + lazy re-sort) and a second, identical one.
 * Alternates a price change of one SKU with a title change (search text of all its SKUs).
 */
function afterEdits(store: Store, queries: readonly Query[], check: Mismatches): EditResult {
  const by = roster(store).find((p) => p.role === 'wh_supervisor')?.id;
  if (!by) throw new Error('no warehouse supervisor');
  const rng = new Rng(11);
  const ids = store
    .stmt<{ id: string }>('SELECT id FROM product WHERE deleted_at IS NULL AND archived_at IS NULL')
    .all()
    .map((r) => r.id);
  const list = viaListSkus(store, DEFAULT_SORT);
  const sql = viaSql(store, DEFAULT_SORT);
  const out: EditResult = { write: [], first: [], steady: [] };
  for (let i = 0; i < EDITS; i++) {
    const p = getProduct(store, rng.pick(ids));
    const skus = p.skus
      .filter((s) => !s.archived)
      .map(({ archived: _a, ...s }, k) =>
        k === 0 && i % 2 === 0 ? { ...s, priceFen: s.priceFen + 100 } : s,
      );
    const title =
      i % 2 === 1 ? (p.title.endsWith('新款') ? p.title.slice(0, -2) : `${p.title}新款`) : p.title;
    const input = {
      id: p.id,
      expectedVersion: p.version,
      title,
      styleCode: p.styleCode,
      category: p.category,
      listed: p.listed,
      notes: p.notes,
      skus,
    };
    out.write.push(time(() => store.tx(() => updateProduct(store, by, input))).ms);
    const q = queries[i % queries.length]!.q;
    const first = time(() => list(q));
    out.first.push(first.ms);
    out.steady.push(time(() => list(q)).ms);
    check.check(`after edit ${i + 1}, q=${q}`, first.value, sql(q));
  }
  return out;
}

const stats = (t: readonly number[]) => [ms(percentile(t, 50)), ms(percentile(t, 95)), ms(percentile(t, 99))];

/** Search benchmarks on a seeded store in `dir` (exported for ad-hoc runs on a kept database). */
export function searchBench(dir: string): SummaryLine[] {
  const summary: SummaryLine[] = [];
  const bench = 'catalog-search';

  // --- One-off index build, on fresh connections (OS page cache warm, SQLite's cold). ---------
  const buildLoad = load();
  const build = indexBuild(dir);
  console.log(
    `\n  Index build (first listSkus on a freshly opened store, q = '', updatedAt desc), ${REOPENS} reopenings ` +
      `(${buildLoad}):`,
  );
  console.log(
    `    first call ${build.first.map((t) => `${ms(t, 1)} ms`).join(' / ')}; ` +
      `second call ${build.second.map((t) => `${ms(t, 1)} ms`).join(' / ')}` +
      (build.heap !== null ? `; index heap ≈ ${mib(build.heap)}` : ''),
  );
  summary.push({
    bench,
    figure: 'index build (first listSkus, fresh store)',
    value: `${ms(percentile(build.first, 50), 1)} ms (median of ${REOPENS})`,
  });

  const store = openStore({ dataDir: dir });
  try {
    // No ANALYZE: the app never runs it, so the planner works without statistics here too.
    const queries = makeQueries(store, 7);
    const check = new Mismatches();

    // --- Default sort: listSkus vs the SQL baseline, per kind. -----------------------------------
    const defaultLoad = load();
    const ours = measure(queries, viaListSkus(store, DEFAULT_SORT), ROUNDS);
    const base = measure(queries, viaSql(store, DEFAULT_SORT), SQL_ROUNDS);
    queries.forEach((q, i) => check.check(`q=${q.q}`, ours.answers[i]!, base.answers[i]!));
    const emptyOurs = repeat(EMPTY_RUNS, () => viaListSkus(store, DEFAULT_SORT)(''));
    const emptySql = repeat(EMPTY_RUNS, () => viaSql(store, DEFAULT_SORT)(''));
    check.check("q=''", viaListSkus(store, DEFAULT_SORT)(''), viaSql(store, DEFAULT_SORT)(''));

    console.log(
      `\n  listSkus vs SQL baseline, ${sortName(DEFAULT_SORT)}, first page of ${LIMIT}, status active; ` +
        `per query the median of ${ROUNDS} runs (SQL: ${SQL_ROUNDS}) (${defaultLoad}):`,
    );
    const kindRow = (kind: string, a: readonly number[], b: readonly number[]) => {
      const p95 = percentile(a, 95);
      return [
        kind,
        String(a.length),
        ...stats(a),
        ms(Math.max(...a)),
        ms(percentile(b, 50)),
        ms(percentile(b, 95)),
        `${(percentile(b, 95) / p95).toFixed(1)}×`,
        p95 < TARGET_P95_MS ? 'yes' : 'NO',
      ];
    };
    printTable(
      [
        'kind',
        'n',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'max ms',
        'SQL p50',
        'SQL p95',
        'SQL/ours p95',
        `p95<${TARGET_P95_MS}`,
      ],
      [
        ...KINDS.map((k) => kindRow(k, ours.times.get(k)!, base.times.get(k)!)),
        kindRow('all', ours.flat, base.flat),
        kindRow('(empty q)', emptyOurs, emptySql),
      ],
    );

    // How selective the queries are.
    console.log('\n  Matches per query (total):');
    printTable(
      ['kind', 'mean', 'median', 'max', 'examples'],
      KINDS.map((kind) => {
        const totals = queries.flatMap((q, i) => (q.kind === kind ? [ours.answers[i]!.total] : []));
        const examples = [...new Set(queries.filter((q) => q.kind === kind).map((q) => q.q))].slice(0, 4);
        return [
          kind,
          int(mean(totals)),
          int(percentile(totals, 50)),
          int(Math.max(...totals)),
          examples.join(' '),
        ];
      }),
    );

    const p95 = percentile(ours.flat, 95);
    const sqlP95 = percentile(base.flat, 95);
    summary.push(
      {
        bench,
        figure: `listSkus p95 (p50), ${sortName(DEFAULT_SORT)}`,
        value: `${ms(p95)} ms (${ms(percentile(ours.flat, 50))} ms)`,
        target: `< ${TARGET_P95_MS} ms`,
        met: p95 < TARGET_P95_MS,
      },
      {
        bench,
        figure: 'SQL baseline p95 (p50), same sort',
        value: `${ms(sqlP95)} ms (${ms(percentile(base.flat, 50))} ms)`,
      },
      {
        bench,
        figure: 'SQL baseline / listSkus (p95; p50)',
        value: `${(sqlP95 / p95).toFixed(1)}×; ${(percentile(base.flat, 50) / percentile(ours.flat, 50)).toFixed(1)}×`,
      },
    );

    // --- Other sort fields: lazy first-query cost, then steady state. ----------------------------
    const sortRows: string[][] = [
      [
        sortName(DEFAULT_SORT),
        '(build)',
        ...stats(ours.flat),
        ms(sqlP95),
        `${(sqlP95 / p95).toFixed(1)}×`,
        p95 < TARGET_P95_MS ? 'yes' : 'NO',
      ],
    ];
    for (const sort of OTHER_SORTS) {
      const list = viaListSkus(store, sort);
      const lazy = time(() => list(queries[0]!.q)).ms; // builds this field's order
      const m = measure(queries, list, ROUNDS);
      const b = measure(queries, viaSql(store, sort), SQL_ROUNDS);
      queries.forEach((q, i) => check.check(`${sortName(sort)}, q=${q.q}`, m.answers[i]!, b.answers[i]!));
      const sp95 = percentile(m.flat, 95);
      const bp95 = percentile(b.flat, 95);
      sortRows.push([
        sortName(sort),
        ms(lazy, 1),
        ...stats(m.flat),
        ms(bp95),
        `${(bp95 / sp95).toFixed(1)}×`,
        sp95 < TARGET_P95_MS ? 'yes' : 'NO',
      ]);
      summary.push({
        bench,
        figure: `listSkus p95, ${sortName(sort)} (first query)`,
        value: `${ms(sp95)} ms (${ms(lazy, 1)} ms)`,
        target: `< ${TARGET_P95_MS} ms`,
        met: sp95 < TARGET_P95_MS,
      });
    }
    console.log(
      `\n  By sort field (all ${queries.length} queries; 'first' = the query that builds the field's order; ` +
        `${load()}):`,
    );
    printTable(
      ['sort', 'first ms', 'p50 ms', 'p95 ms', 'p99 ms', 'SQL p95', 'SQL/ours p95', `p95<${TARGET_P95_MS}`],
      sortRows,
    );

    // --- Other filters: correctness only. -----------------------------------------------------------
    const category = store
      .stmt<{ c: string }>(
        `SELECT category AS c FROM product WHERE category <> '' GROUP BY category ORDER BY COUNT(*) DESC`,
      )
      .get()?.c;
    const variants: Filter[] = [
      { ...FILTER, status: 'all' },
      { ...FILTER, status: 'archived' },
      { ...FILTER, listed: 'listed' },
      { ...FILTER, listed: 'unlisted', status: 'all' },
      ...(category ? [{ ...FILTER, category }] : []),
    ];
    const subset = queries.filter((_, i) => i % 8 < 4).slice(0, 40);
    for (const f of variants) {
      const list = viaListSkus(store, DEFAULT_SORT);
      const sql = viaSql(store, DEFAULT_SORT);
      for (const q of ['', ...subset.map((x) => x.q)]) {
        check.check(`${JSON.stringify({ ...f, q })}`, list(q, f), sql(q, f));
      }
    }

    // --- After an edit. ------------------------------------------------------------------------------
    const edits = afterEdits(store, queries, check);
    console.log(
      `\n  After an edit (updateProduct in store.tx, then listSkus ${sortName(DEFAULT_SORT)}), ${EDITS} edits ` +
        `(${load()}):`,
    );
    printTable(
      ['', 'p50 ms', 'p95 ms', 'max ms'],
      [
        [
          'updateProduct (tx)',
          ms(percentile(edits.write, 50)),
          ms(percentile(edits.write, 95)),
          ms(Math.max(...edits.write)),
        ],
        [
          'first listSkus after',
          ms(percentile(edits.first, 50)),
          ms(percentile(edits.first, 95)),
          ms(Math.max(...edits.first)),
        ],
        [
          'second listSkus',
          ms(percentile(edits.steady, 50)),
          ms(percentile(edits.steady, 95)),
          ms(Math.max(...edits.steady)),
        ],
      ],
    );
    summary.push({
      bench,
      figure: 'first listSkus after an edit p95 (p50)',
      value: `${ms(percentile(edits.first, 95))} ms (${ms(percentile(edits.first, 50))} ms)`,
    });

    console.log('');
    check.print(
      `Correctness (${queries.length} queries × 5 sorts, ${variants.length} other filters, ${EDITS} edits)`,
    );
    summary.push({
      bench,
      figure: 'answers ≠ SQL baseline',
      value: `${check.count} of ${check.checked}`,
      target: '0',
      met: check.count === 0,
    });
    return summary;
  } finally {
    store.close();
  }
}

export async function run(): Promise<SummaryLine[]> {
  heading(`catalog-search: listSkus on ${int(SKUS)} SKUs`);
  const { dir, cleanup } = tempDir('search');
  try {
    const store = openStore({ dataDir: dir });
    try {
      const seeded = time(() => seedScale(store, { skus: SKUS }));
      const products = (store.db.prepare('SELECT COUNT(*) AS n FROM product').get() as { n: number }).n;
      console.log(
        `  seedScale: ${int(SKUS)} SKUs, ${int(products)} products in ${ms(seeded.ms / 1000, 1)} s`,
      );
    } finally {
      store.close();
    }
    return searchBench(dir);
  } finally {
    cleanup();
  }
}
