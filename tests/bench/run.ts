// npm run bench [-- name ...]: the benchmarks, in sequence, each in its own temp folder.
// Figures are printed, never asserted: timings depend on the machine.
//   catalog-search  listSkus search box on 50,000 SKUs (p50/p95/p99 per kind of query and per sort,
//                   index build, after an edit) against the same filter in plain SQL
//   export-1m       writeCatalogCsv vs the sqlite3 CLI (same SELECT; own CSV mode) on 200k and 1M
//                   rows, peak memory
//   import-50k      importPreview + importCommit of a 50,000-row GBK file
//   warehouse       5,000,000 movements: one SKU's balance, a SKU's ledger page, posting 200 lines,
//                   ledger CSV vs the sqlite3 CLI (the scale DB is cached in the temp folder)
//   service         buyers.search / orders.list p95 on 500k buyers and 1M orders; a 100k-order
//                   Taobao export pair imported (BENCH_SERVICE_SCALE=0.05 for a quick run;
//                   BENCH_SERVICE_PARTS=import for the import only, =lists for the lists only)
//   library         100,000 catalogued images: first screen < 300 ms, search p95 < 50 ms; import of
//                   1,000 camera JPEGs vs sharp alone, peak memory (BENCH_LIBRARY_SCALE=0.1: quick)
import os from 'node:os';
import { run as catalogSearch } from './catalog-search';
import { run as export1m } from './export-1m';
import { run as import50k } from './import-50k';
import { run as warehouse } from './warehouse';
import { run as service } from './service';
import { run as library } from './library';
import { printTable, type SummaryLine } from './util';

const BENCHES: Record<string, () => Promise<SummaryLine[]>> = {
  'catalog-search': catalogSearch,
  'export-1m': export1m,
  'import-50k': import50k,
  warehouse,
  service,
  library,
};

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = asked.filter((a) => !(a in BENCHES));
  if (unknown.length) {
    console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
    return 2;
  }
  const names = asked.length ? asked : Object.keys(BENCHES);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `ShopDesk benchmarks — Node ${process.version}, ${os.cpus().length} × ${cpu}, ` +
      `load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const started = performance.now();
  const summary: SummaryLine[] = [];
  for (const name of names) {
    const t = performance.now();
    summary.push(...(await BENCHES[name]!()));
    console.log(`  (${name} took ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  console.log(`\n=== Summary (${((performance.now() - started) / 1000).toFixed(0)} s) ${'='.repeat(58)}`);
  printTable(
    ['bench', 'figure', 'value', 'target', 'met'],
    summary.map((s) => [
      s.bench,
      s.figure,
      s.value,
      s.target ?? '',
      s.met === undefined ? '' : s.met ? 'yes' : 'NO',
    ]),
  );
  return 0;
}

process.exitCode = await main();
