// export-1m: writeCatalogCsv on 200,000 and then 1,000,000 SKU rows, against the sqlite3 CLI
// exporting the same rows with the same SELECT, on the same machine in the same run. Target: ours
// ≤ 2.0× the CLI, with peak memory that does not grow with the row count.
//
// The catalog is bulk-inserted straight into the product and sku tables (the columns of
// src-main/db/migrations/0001_init.sql, search_text included) from the demo generator: seedScale's
// service path would take minutes for a million rows. Each export runs in a child process that does
// nothing else, so its peak RSS is the export's.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { DB_FILE, openStore } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { pinyinInitials, SEARCH_SEP } from '../../src-main/lib/text';
import { filterSql } from '../../src-main/modules/catalog/service';
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
 * The SELECT of writeCatalogCsv (modules/catalog/export.ts), for the CLI. Keep in step with it:
 * same columns, same join, same WHERE (from filterSql), same ORDER BY.
 */
function exportSelect(): string {
  const { where, params } = filterSql(ALL_ROWS);
  if (Object.keys(params).length) throw new Error('the CLI SELECT cannot take parameters');
  return `SELECT s.code, s.barcode, p.title, s.spec, p.style_code, p.category, s.cost_fen, s.price_fen, p.listed,
    s.low_stock_threshold, (s.archived_at IS NOT NULL OR p.archived_at IS NOT NULL)
  FROM sku s JOIN product p ON p.id = s.product_id WHERE ${where} ORDER BY p.title, s.code`;
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

/** The sqlite3 CLI exporting the same SELECT as CSV (raw values) into `outFile`; wall ms. */
function cliExport(dbFile: string, outFile: string): Promise<number> {
  return runCommand('sqlite3', ['-readonly', '-csv', dbFile, exportSelect()], outFile);
}

function countLines(file: string): number {
  const buf = fs.readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

export async function run(): Promise<SummaryLine[]> {
  heading('export-1m: writeCatalogCsv vs the sqlite3 CLI');
  const { dir, cleanup } = tempDir('export');
  try {
    openStore({ dataDir: dir }).close(); // schema via the real migrations
    const dbFile = path.join(dir, DB_FILE);
    const results: string[][] = [];
    console.log(`  best of ${RUNS} runs each, alternating; peak memory is the worst of the runs`);
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
        const cli = path.join(dir, `cli-${target}.csv`);
        // The machine may be shared: alternate ours and the CLI, best time of RUNS each, and the
        // worst memory figures. A throw-away CLI run first warms the OS page cache for both.
        await cliExport(dbFile, cli);
        let child: ChildResult | undefined;
        let cliMs = Infinity;
        const oursTimes: number[] = [];
        const cliTimes: number[] = [];
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
          const t = await cliExport(dbFile, cli);
          cliTimes.push(t);
          cliMs = Math.min(cliMs, t);
        }
        if (!child) throw new Error('no export run');
        console.log(
          `  ${int(target)} rows: ours ${oursTimes.map((t) => ms(t / 1000)).join(' / ')} s, ` +
            `sqlite3 ${cliTimes.map((t) => ms(t / 1000)).join(' / ')} s`,
        );
        const cliRows = countLines(cli);
        if (child.rows !== target || cliRows !== target) {
          throw new Error(`row counts differ: ours ${child.rows}, CLI ${cliRows}, expected ${target}`);
        }
        const ratio = child.ms / cliMs;
        results.push([
          int(target),
          ms(child.ms / 1000, 2),
          ms(cliMs / 1000, 2),
          `${ratio.toFixed(2)}×`,
          ratio <= TARGET_RATIO ? 'yes' : 'NO',
          int(target / (child.ms / 1000)),
          mib(fs.statSync(ours).size),
          mib(fs.statSync(cli).size),
        ]);
        memory.push({ rows: target, child });
        summary.push({
          bench: 'export-1m',
          figure: `${int(target)} rows: ours / sqlite3 CLI`,
          value: `${ratio.toFixed(2)}× (${ms(child.ms / 1000)} s / ${ms(cliMs / 1000)} s)`,
          target: `≤ ${TARGET_RATIO}×`,
          met: ratio <= TARGET_RATIO,
        });
        fs.rmSync(ours, { force: true });
        fs.rmSync(cli, { force: true });
      }
    } finally {
      raw.close();
    }
    console.log('');
    printTable(
      ['rows', 'ours s', 'sqlite3 s', 'ratio', `≤${TARGET_RATIO}×`, 'ours rows/s', 'ours file', 'CLI file'],
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
      '  (The CLI writes raw fen and 0/1; ours formats yuan, 是/否, 在用/已归档, quotes and neutralises cells.)',
    );
    return summary;
  } finally {
    cleanup();
  }
}
