// Child process of the export-1m bench: opens the store, runs only writeCatalogCsv, and prints one
// JSON line with the time and memory figures. Usage: export-child.ts <dataDir> <outFile> <encoding>
import fs from 'node:fs';
import { openStore } from '../../src-main/db/store';
import { writeCatalogCsv } from '../../src-main/modules/catalog/export';
import { ALL_ROWS, type ChildResult } from './export-shared';

/**
 * Peak RSS of this process. On Linux, VmHWM from /proc/self/status: the high-water mark of this
 * address space. Not `process.resourceUsage().maxRSS`: Linux carries ru_maxrss over fork+exec, so a
 * child would report its (big) parent's peak. Elsewhere maxRSS is the best there is.
 */
function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const [dataDir, outFile, encoding] = process.argv.slice(2);
  if (!dataDir || !outFile || (encoding !== 'utf8bom' && encoding !== 'gbk')) {
    throw new Error('usage: export-child.ts <dataDir> <outFile> <utf8bom|gbk>');
  }
  const store = openStore({ dataDir });
  try {
    const before = process.memoryUsage();
    let heapPeak = before.heapUsed;
    let heapTotalPeak = before.heapTotal;
    let rssPeak = before.rss;
    let external = before.external;
    const sample = () => {
      const m = process.memoryUsage();
      heapPeak = Math.max(heapPeak, m.heapUsed);
      heapTotalPeak = Math.max(heapTotalPeak, m.heapTotal);
      rssPeak = Math.max(rssPeak, m.rss);
      external = Math.max(external, m.external + m.arrayBuffers);
    };
    const timer = setInterval(sample, 20);
    const t = performance.now();
    const rows = await writeCatalogCsv(store, outFile, ALL_ROWS, encoding);
    const took = performance.now() - t;
    clearInterval(timer);
    sample();
    const result: ChildResult = {
      rows,
      ms: took,
      maxRss: peakRss(),
      rssBefore: before.rss,
      heapBefore: before.heapUsed,
      heapPeak,
      heapTotalPeak,
      rssPeak,
      external,
    };
    process.stdout.write(JSON.stringify(result) + '\n');
  } finally {
    store.close();
  }
}

await main();
