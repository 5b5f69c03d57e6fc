// export-1m: writeCatalogCsv on 200,000 and then 1,000,000 SKU rows, against the sqlite3 CLI
// exporting the same rows, on the same machine in the same run, two ways:
//   - CLI lines: the CLI running writeCatalogCsv's own SELECT (SQLite builds each CSV line, CRLF
//     included), printed as is (-list -newline ''): the same SQL work, without our JS and writer;
//     its output must equal our file after the BOM and header, byte for byte;
//   - CLI csv: the CLI's own `.mode csv` of the raw columns, with the same FROM/WHERE/ORDER BY.
// Target: ours ≤ 2.0× the CLI csv export, with peak memory that does not grow with the row count.
//
// The catalog is bulk-inserted straight into the product and sku tables (the columns of
// src-main/db/migrations/0001_init.sql, search_text included) from the demo generator: seedScale's
// service path would take minutes for a million rows. Each export runs in a child process that does
// nothing else, so its peak RSS is the export's.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DB_FILE, openStore, type Store } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { pinyinInitials, SEARCH_SEP } from '../../src-main/lib/text';
import { writeCatalogCsv } from '../../src-main/modules/catalog/export';
import { demoProducts, type DemoProduct } from '../../resources/demo/shop';
import { ALL_ROWS, type ChildResult } from './export-shared';
import {
  heading,
  int,
  mib,
  ms,
  printTable,
  runChild,
  runCommand,
  tempDir,
  time,
  type SummaryLine,
} from './util';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'export-child.ts');
const STEPS = [200_000, 1_000_000];
const TARGET_RATIO = 2.0;
const RUNS = 2;

/**
 * The SELECT that writeCatalogCsv runs for every row (ALL_ROWS), taken from writeCatalogCsv itself:
 * its reader connection is wrapped so the SQL it prepares is recorded while it exports the (still
 * empty) catalog. Nothing is rebuilt here, so the CLI runs exactly what the app runs.
 */
async function exportSelect(store: Store, dir: string): Promise<string> {
  const seen: string[] = [];
  const openReader = store.openReader.bind(store);
  store.openReader = () => {
    const reader = openReader();
    const prepare = reader.prepare.bind(reader);
    reader.prepare = ((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }) as typeof reader.prepare;
    return reader;
  };
  const file = path.join(dir, 'capture.csv');
  try {
    await writeCatalogCsv(store, file, ALL_ROWS, 'utf8bom');
  } finally {
    store.openReader = openReader;
    fs.rmSync(file, { force: true });
  }
  if (seen.length !== 1 || !/^\s*SELECT /.test(seen[0]!)) {
    throw new Error(`expected one SELECT from writeCatalogCsv, saw ${seen.length}`);
  }
  return seen[0]!;
}

/** The same FROM/WHERE/ORDER BY with the raw columns, for the CLI's own CSV mode. */
function rawSelect(lineSelect: string): string {
  const from = lineSelect.split(/\sFROM sku s JOIN product p /);
  if (from.length !== 2) throw new Error('unexpected export SELECT: ' + lineSelect.slice(0, 200));
  return `SELECT s.code, s.barcode, p.title, s.spec, p.style_code, p.category, s.cost_fen, s.price_fen, p.listed,
    s.low_stock_threshold, (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL)
  FROM sku s JOIN product p ${from[1]}`;
}

/** Bulk-loads products and SKUs from the demo stream until the sku table holds `target` rows. */
export class BulkLoader {
  private readonly stream = demoProducts(20260601);
  private skus = 0;
  private products = 0;
  private clock = Date.UTC(2026, 0, 1);

  constructor(private readonly db: Database.Database) {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
  }

  fill(target: number): { skus: number; products: number } {
    const addProduct = this.db.prepare(
      `INSERT INTO product (id, title, title_initials, style_code, category, listed, notes, archived_at,
         created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
    );
    const addSku = this.db.prepare(
      `INSERT INTO sku (id, product_id, code, barcode, spec, cost_fen, price_fen, low_stock_threshold, search_text,
         created_at, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
    );
    const insert = this.db.transaction((p: DemoProduct, n: number) => {
      const at = new Date(this.clock).toISOString();
      const hlc = `${String(this.clock++).padStart(13, '0')}-0000-BNCH`;
      const id = newId();
      const initials = pinyinInitials(p.title);
      addProduct.run(
        id,
        p.title,
        initials,
        p.styleCode,
        p.category,
        p.listed ? 1 : 0,
        p.notes,
        p.archived ? at : null,
        at,
        hlc,
      );
      const lowerTitle = p.title.toLowerCase();
      for (const s of p.skus.slice(0, n)) {
        // Same layout as lib/text searchText(), without recomputing the initials per SKU.
        const search = [lowerTitle, initials, s.code.toLowerCase(), s.barcode, s.spec.toLowerCase()].join(
          SEARCH_SEP,
        );
        addSku.run(
          newId(),
          id,
          s.code,
          s.barcode,
          s.spec,
          s.costFen,
          s.priceFen,
          s.lowStockThreshold,
          search,
          at,
          hlc,
        );
      }
    });
    const batch = this.db.transaction((until: number) => {
      while (this.skus < until) {
        const p = this.stream.next().value;
        const n = Math.min(p.skus.length, until - this.skus);
        insert(p, n);
        this.skus += n;
        this.products++;
      }
    });
    // Indexes are built once at the end (faster than maintaining them row by row), from the
    // schema's own CREATE INDEX statements.
    const indexes = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_master
         WHERE type = 'index' AND tbl_name IN ('product', 'sku') AND sql IS NOT NULL`,
      )
      .all() as { name: string; sql: string }[];
    for (const ix of indexes) this.db.exec(`DROP INDEX "${ix.name}"`);
    try {
      while (this.skus < target) batch(Math.min(target, this.skus + 50_000));
    } finally {
      for (const ix of indexes) this.db.exec(ix.sql);
    }
    // No ANALYZE: the app never runs it, so the planner works without statistics here too.
    return { skus: this.skus, products: this.products };
  }
}

type Cli = 'lines' | 'csv';

/** The sqlite3 CLI writing `select` into `outFile`; wall ms. */
function cliExport(
  kind: Cli,
  sql: { lines: string; csv: string },
  dbFile: string,
  outFile: string,
): Promise<number> {
  const args =
    kind === 'lines'
      ? ['-readonly', '-noheader', '-list', '-newline', '', dbFile, sql.lines] // lines end in CRLF already
      : ['-readonly', '-csv', dbFile, sql.csv];
  return runCommand('sqlite3', args, outFile);
}

/** sha256 of a file from byte `start` on (streamed). */
async function hashFrom(file: string, start: number): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { start })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Bytes of our file before the first data row: BOM and header line. */
function preambleBytes(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const end = buf.subarray(0, n).indexOf('\r\n');
    if (end < 0) throw new Error('no header line');
    return end + 2;
  } finally {
    fs.closeSync(fd);
  }
}

/** Lines (LF) in a file, streamed. */
async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of fs.createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  }
  return n;
}

const ratioText = (r: number) => `${r.toFixed(2)}×`;

export async function run(): Promise<SummaryLine[]> {
  heading('export-1m: writeCatalogCsv vs the sqlite3 CLI');
  const { dir, cleanup } = tempDir('export');
  try {
    const store = openStore({ dataDir: dir }); // schema via the real migrations
    let lineSelect: string;
    try {
      lineSelect = await exportSelect(store, dir);
    } finally {
      store.close();
    }
    const sql = { lines: lineSelect, csv: rawSelect(lineSelect) };
    const dbFile = path.join(dir, DB_FILE);
    const cliVersion = execFileSync('sqlite3', ['-version'], { encoding: 'utf8' }).split(' ')[0];
    const mem = new Database(':memory:');
    const ourVersion = (mem.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    mem.close();
    console.log(
      `  sqlite3 CLI ${cliVersion}, better-sqlite3's SQLite ${ourVersion}; ${os.cpus().length} cores\n` +
        `  best of ${RUNS} runs each, alternating; peak memory is the worst of the runs`,
    );
    const results: string[][] = [];
    const memory: { rows: number; child: ChildResult }[] = [];
    const summary: SummaryLine[] = [];
    const raw = new Database(dbFile);
    const loader = new BulkLoader(raw);
    try {
      for (const target of STEPS) {
        const loaded = time(() => loader.fill(target));
        raw.pragma('wal_checkpoint(TRUNCATE)');
        console.log(
          `  loaded ${int(loaded.value.skus)} SKUs / ${int(loaded.value.products)} products ` +
            `(bulk SQL) in ${ms(loaded.ms / 1000, 1)} s; database ${mib(fs.statSync(dbFile).size)}`,
        );
        const ours = path.join(dir, `ours-${target}.csv`);
        const out: Record<Cli, string> = {
          lines: path.join(dir, `cli-lines-${target}.csv`),
          csv: path.join(dir, `cli-csv-${target}.csv`),
        };
        // The machine may be shared: alternate ours and the two CLI runs, best time of RUNS each,
        // and the worst memory figures. A throw-away CLI run first warms the OS page cache for all.
        await cliExport('csv', sql, dbFile, out.csv);
        let child: ChildResult | undefined;
        const oursTimes: number[] = [];
        const cliTimes: Record<Cli, number[]> = { lines: [], csv: [] };
        for (let i = 0; i < RUNS; i++) {
          const c = JSON.parse(await runChild(CHILD, [dir, ours, 'utf8bom'])) as ChildResult;
          oursTimes.push(c.ms);
          child = !child
            ? c
            : {
                ...c,
                ms: Math.min(child.ms, c.ms),
                maxRss: Math.max(child.maxRss, c.maxRss),
                heapPeak: Math.max(child.heapPeak, c.heapPeak),
                heapTotalPeak: Math.max(child.heapTotalPeak, c.heapTotalPeak),
                rssPeak: Math.max(child.rssPeak, c.rssPeak),
                external: Math.max(child.external, c.external),
              };
          for (const kind of ['lines', 'csv'] as const) {
            cliTimes[kind].push(await cliExport(kind, sql, dbFile, out[kind]));
          }
        }
        if (!child) throw new Error('no export run');
        const best = { lines: Math.min(...cliTimes.lines), csv: Math.min(...cliTimes.csv) };
        console.log(
          `  ${int(target)} rows: ours ${oursTimes.map((t) => ms(t / 1000)).join(' / ')} s, ` +
            `CLI lines ${cliTimes.lines.map((t) => ms(t / 1000)).join(' / ')} s, ` +
            `CLI csv ${cliTimes.csv.map((t) => ms(t / 1000)).join(' / ')} s`,
        );
        const counts = { lines: await countLines(out.lines), csv: await countLines(out.csv) };
        if (child.rows !== target || counts.lines !== target || counts.csv !== target) {
          throw new Error(
            `row counts differ: ours ${child.rows}, CLI lines ${counts.lines}, CLI csv ${counts.csv}, expected ${target}`,
          );
        }
        // Same SELECT, same rows: the CLI's lines must be our file minus BOM and header.
        const same = (await hashFrom(ours, preambleBytes(ours))) === (await hashFrom(out.lines, 0));
        if (!same) console.log(`  !! CLI lines differ from our file's data rows (${int(target)} rows)`);
        const vsLines = child.ms / best.lines;
        const vsCsv = child.ms / best.csv;
        results.push([
          int(target),
          ms(child.ms / 1000, 2),
          ms(best.lines / 1000, 2),
          ms(best.csv / 1000, 2),
          ratioText(vsLines),
          ratioText(vsCsv),
          vsCsv <= TARGET_RATIO ? 'yes' : 'NO',
          same ? 'yes' : 'NO',
          int(target / (child.ms / 1000)),
          mib(fs.statSync(ours).size),
          mib(fs.statSync(out.csv).size),
        ]);
        memory.push({ rows: target, child });
        summary.push(
          {
            bench: 'export-1m',
            figure: `${int(target)} rows: ours / CLI csv`,
            value: `${ratioText(vsCsv)} (${ms(child.ms / 1000)} s / ${ms(best.csv / 1000)} s)`,
            target: `≤ ${TARGET_RATIO}×`,
            met: vsCsv <= TARGET_RATIO,
          },
          {
            bench: 'export-1m',
            figure: `${int(target)} rows: ours / CLI same SELECT`,
            value: `${ratioText(vsLines)} (${ms(best.lines / 1000)} s)`,
          },
          {
            bench: 'export-1m',
            figure: `${int(target)} rows: CLI lines = our data rows`,
            value: same ? 'identical' : 'DIFFERENT',
            target: 'identical',
            met: same,
          },
        );
        fs.rmSync(ours, { force: true });
        fs.rmSync(out.lines, { force: true });
        fs.rmSync(out.csv, { force: true });
      }
    } finally {
      raw.close();
    }
    console.log('');
    printTable(
      [
        'rows',
        'ours s',
        'CLI lines s',
        'CLI csv s',
        'ours/lines',
        'ours/csv',
        `≤${TARGET_RATIO}×`,
        'same bytes',
        'ours rows/s',
        'ours file',
        'CLI csv file',
      ],
      results,
    );
    console.log('\n  Memory of the export child process (it only opens the store and exports):');
    printTable(
      [
        'rows',
        'RSS before',
        'peak RSS',
        'heap used before',
        'heap used peak',
        'heap total peak',
        'external peak',
      ],
      memory.map(({ rows, child }) => [
        int(rows),
        mib(child.rssBefore),
        mib(child.maxRss),
        mib(child.heapBefore),
        mib(child.heapPeak),
        mib(child.heapTotalPeak),
        mib(child.external),
      ]),
    );
    const [small, big] = memory;
    if (small && big) {
      const growth = big.child.maxRss / small.child.maxRss;
      summary.push({
        bench: 'export-1m',
        figure: 'peak RSS 200k → 1M rows',
        value: `${mib(small.child.maxRss)} → ${mib(big.child.maxRss)} (×${growth.toFixed(2)})`,
        target: 'bounded (≈×1)',
        met: growth < 1.25,
      });
      summary.push({
        bench: 'export-1m',
        figure: 'heap used peak 200k → 1M rows',
        value: `${mib(small.child.heapPeak)} → ${mib(big.child.heapPeak)}`,
      });
      console.log(
        `\n  ${int(big.rows / small.rows)}× the rows → peak RSS ×${(big.child.maxRss / small.child.maxRss).toFixed(2)}, ` +
          `heap peak ×${(big.child.heapPeak / small.child.heapPeak).toFixed(2)} (bounded if both stay near 1).`,
      );
    }
    console.log(
      '  (CLI csv writes raw fen and 0/1; ours — and CLI lines, running our SELECT — format yuan, 是/否,\n' +
        '  在用/已归档, and quote and neutralise cells.)',
    );
    return summary;
  } finally {
    cleanup();
  }
}
