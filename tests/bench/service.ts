// service: the customer-service lists at the target scale — 500,000 buyers and 1,000,000 orders
// (bulk-inserted with the app's schema and search keys) — and the order import.
//   buyers.search p95 (target < 20 ms) per kind of query: member-name prefix, pinyin initials,
//   phone prefix, phone last 4 digits, and the unfiltered first page;
//   orders.list p95 (target < 30 ms): unfiltered, by status, by date range, by buyer, by order id
//   prefix, by member name; and importPreview + importCommit of a 100,000-order export pair.
// The import is compared with the sqlite3 shell's `.import` of the same rows (UTF-8 copies of the
// two files into plain tables, WAL + synchronous=FULL like the app): the ratio is printed.
// The seeded database is cached in <tmp>/shopdesk-bench-service-<schema hash>-<scale> (the lists
// only read it), so a re-run starts at once; a changed migration seeds a fresh one.
// BENCH_SERVICE_SCALE=0.05 runs the same at 5 % of the size (a quick check).
// BENCH_SERVICE_PARTS=import runs only the import (no 500k-buyer list database is seeded or read);
// BENCH_SERVICE_PARTS=lists only the lists; default (or `all`): both.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { openStore, type Store } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { pinyinInitials } from '../../src-main/lib/text';
import { searchBuyers } from '../../src-main/modules/service/buyers';
import { importCommit, importPreview } from '../../src-main/modules/service/order-import';
import { listOrders } from '../../src-main/modules/service/orders';
import { setup } from '../../src-main/modules/staff/service';
import { Rng } from '../../resources/demo/shop';
import { scaleCache, type ScaleCache } from '../../resources/demo/scale-cache';
import { LINES, ORDERS, lineCsv, orderCsv } from '../unit/service-fixtures';
import {
  heading,
  int,
  ms,
  percentile,
  printTable,
  runCommand,
  tempDir,
  time,
  type SummaryLine,
} from './util';

const SCALE = Number(process.env.BENCH_SERVICE_SCALE ?? 1);
const BUYERS = Math.round(500_000 * SCALE);
const ORDER_COUNT = Math.round(1_000_000 * SCALE);
const IMPORT_ORDERS = Math.round(100_000 * SCALE);
const RUNS = 60;
const PARTS = (process.env.BENCH_SERVICE_PARTS ?? 'all').split(',').map((p) => p.trim());
const RUN_LISTS = PARTS.includes('all') || PARTS.includes('lists');
const RUN_IMPORT = PARTS.includes('all') || PARTS.includes('import');
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const STATUSES = ['wait_pay', 'paid', 'shipped', 'success', 'success', 'success', 'closed'] as const;

/** The i-th synthetic 19-digit 订单编号 (text: past 2^53). */
const orderNo = (i: number): string => `19${String(i * 13).padStart(17, '0')}`;
/** An integer in [0, n). */
const rnd = (rng: Rng, n: number): number => rng.int(0, n - 1);

function seed(store: Store, rng: Rng): void {
  const members: string[] = [];
  const buyerIds: string[] = [];
  const now = new Date('2026-11-28T00:00:00Z').getTime();
  store.tx(() => {
    const ins = store.db.prepare(
      `INSERT INTO buyer (id, member_name, real_name, phones, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    // The keys carry the list columns (0022), as the app's writer (buyers.ts writeKeys) does.
    const key = store.db.prepare(
      `INSERT OR IGNORE INTO buyer_search (key, buyer_id, member_name, real_name, phones, tags, vip_level)
       VALUES (?, ?, ?, ?, ?, '[]', 0)`,
    );
    for (let i = 0; i < BUYERS; i++) {
      const id = newId();
      const name =
        SURNAMES[rnd(rng, SURNAMES.length)]! +
        GIVEN[rnd(rng, GIVEN.length)]! +
        GIVEN[rnd(rng, GIVEN.length)]!;
      const member = `tb${(i * 7919).toString(36)}_${name}`;
      const phone = `1${3 + rnd(rng, 6)}${String(rnd(rng, 1e9)).padStart(9, '0')}`;
      const phones = JSON.stringify([phone]);
      ins.run(id, member, name, phones, '2026-01-01T00:00:00.000Z', '0');
      for (const k of [member.toLowerCase(), name, pinyinInitials(name), phone, phone.slice(-4)])
        key.run(k, id, member, name, phones);
      members.push(member);
      buyerIds.push(id);
    }
    const order = store.db.prepare(
      `INSERT INTO sales_order (id, order_no, source, buyer_id, member_name, status, total_fen, paid_fen, item_count, ordered_at, created_at, updated_at)
       VALUES (?, ?, 'taobao', ?, ?, ?, ?, ?, 1, ?, ?, '0')`,
    );
    for (let i = 0; i < ORDER_COUNT; i++) {
      const b = rnd(rng, BUYERS);
      const at = new Date(now - rnd(rng, 365 * 86_400) * 1000).toISOString();
      const total = 1000 + rnd(rng, 50_000);
      order.run(
        newId(),
        orderNo(i),
        buyerIds[b],
        members[b],
        STATUSES[rnd(rng, STATUSES.length)],
        total,
        total,
        at,
        at,
      );
    }
  });
  store.db.exec('ANALYZE');
}

/** The seeded database, cached by schema and scale (`scaleCache`); built (and timed) when missing. */
async function seededDb(): Promise<ScaleCache<{ seconds: number }>> {
  return scaleCache('service', `${BUYERS}x${ORDER_COUNT}`, 'seeded.json', (dir) => {
    const store = openStore({ dataDir: dir });
    store.tx(() =>
      setup(store, { shopName: '压测店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }),
    );
    const t = time(() => seed(store, new Rng(7)));
    store.close();
    return { seconds: t.ms / 1000 };
  });
}

/**
 * The sqlite3 shell's `.import` of the same two files (UTF-8 copies: the shell reads no GBK) into
 * plain tables of a fresh database, WAL and synchronous=FULL like the app. Its wall time in ms, or
 * null when the shell is not installed.
 */
async function shellImport(dir: string, files: { name: string; gbk: Buffer }[]): Promise<number | null> {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const args = [path.join(dir, 'shell.db'), 'PRAGMA journal_mode = WAL;', 'PRAGMA synchronous = FULL;'];
  for (const f of files) {
    const file = path.join(dir, f.name);
    fs.writeFileSync(file, iconv.decode(f.gbk, 'gb18030'));
    args.push(`.import --csv ${file} ${f.name.replace(/\W/g, '_')}`);
  }
  return runCommand('sqlite3', args, path.join(dir, 'shell.out'));
}

function p95(fn: () => unknown): { p50: number; p95: number } {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(time(fn).ms);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

export async function run(): Promise<SummaryLine[]> {
  heading(
    `service: ${int(BUYERS)} buyers, ${int(ORDER_COUNT)} orders, import of ${int(IMPORT_ORDERS)} orders`,
  );
  const summary: SummaryLine[] = [];
  if (!RUN_LISTS && !RUN_IMPORT) {
    console.log(`  BENCH_SERVICE_PARTS=${PARTS.join(',')}: nothing to run (parts: lists, import, all)`);
    return summary;
  }
  if (RUN_LISTS) {
    const db = await seededDb();
    console.log(
      `  ${db.cached ? 'cached' : 'seeded'} database ${db.dir} (seeding took ${ms(db.info.seconds, 1)} s)`,
    );
    const store = openStore({ dataDir: db.dir });
    const rng = new Rng(7);
    // What the queries pick from: every buyer's id, member name, real name and phone.
    const buyers = store.db
      .prepare(`SELECT id, member_name, real_name, phones FROM buyer ORDER BY rowid`)
      .all() as { id: string; member_name: string; real_name: string; phones: string }[];
    const members = buyers.map((b) => b.member_name);
    const names = buyers.map((b) => b.real_name);
    const phones = buyers.map((b) => (JSON.parse(b.phones) as string[])[0]!);
    const buyerIds = buyers.map((b) => b.id);
    console.log(`  load average before the queries: ${os.loadavg()[0]!.toFixed(1)}`);
    const pick = <T>(xs: T[]) => xs[rnd(rng, xs.length)]!;
    const page = { offset: 0, limit: 50 };

    const buyerQueries: [string, () => string][] = [
      ['member prefix', () => pick(members).slice(0, 6)],
      ['real name', () => pick(names)],
      ['pinyin initials', () => pinyinInitials(pick(names))],
      ['phone prefix', () => pick(phones).slice(0, 7)],
      ['phone last 4', () => pick(phones).slice(-4)],
      ['(unfiltered)', () => ''],
    ];
    const rows: string[][] = [];
    for (const [kind, q] of buyerQueries) {
      const r = p95(() => searchBuyers(store, { q: q(), tag: '', ...page }));
      rows.push(['buyers.search', kind, ms(r.p50), ms(r.p95)]);
      summary.push({
        bench: 'service',
        figure: `buyer search p95 (${kind})`,
        value: `${ms(r.p95)} ms`,
        target: '< 20 ms',
        met: r.p95 < 20,
      });
    }
    const orderQueries: [string, () => Record<string, string>][] = [
      ['(unfiltered)', () => ({ q: '' })],
      ['status', () => ({ q: '', status: 'wait_pay' })],
      ['date range', () => ({ q: '', from: '2026-06-01', to: '2026-06-07' })],
      ['status + dates', () => ({ q: '', status: 'paid', from: '2026-06-01', to: '2026-06-30' })],
      ['buyer', () => ({ q: '', buyerId: pick(buyerIds) })],
      ['order id prefix', () => ({ q: orderNo(rnd(rng, ORDER_COUNT)).slice(0, 16) })],
      ['member name', () => ({ q: pick(members) })],
    ];
    for (const [kind, f] of orderQueries) {
      const r = p95(() => listOrders(store, { filter: f() as never, ...page }));
      rows.push(['orders.list', kind, ms(r.p50), ms(r.p95)]);
      summary.push({
        bench: 'service',
        figure: `order list p95 (${kind})`,
        value: `${ms(r.p95)} ms`,
        target: '< 30 ms',
        met: r.p95 < 30,
      });
    }
    printTable(['channel', 'query', 'p50 ms', 'p95 ms'], rows);
    store.close();
  }
  if (!RUN_IMPORT) return summary;
  // The import: a fresh store so buyers are created, as on a first import.
  const { dir: dir2, cleanup: cleanup2 } = tempDir('service-import');
  try {
    const s2 = openStore({ dataDir: dir2 });
    const staff2 = s2.tx(() =>
      setup(s2, { shopName: '导入店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }),
    ).staff.id;
    const orders = Array.from({ length: IMPORT_ORDERS }, (_, i) => ({
      ...ORDERS[1]!,
      no: String(7_000_000_000_000_000 + i),
      member: `买家${i % Math.max(1, Math.floor(IMPORT_ORDERS / 3))}`,
      mobile: `'139${String(i).padStart(8, '0')}`,
    }));
    const lines = orders.map((o) => [`="${o.no}"`, ...LINES[2]!.slice(1)]);
    const orderFile = orderCsv('gbk', orders);
    const lineFile = lineCsv('gbk', lines);
    const files = [
      { fileName: 'ExportOrderList.csv', contentBase64: orderFile.toString('base64') },
      { fileName: 'ExportOrderDetailList.csv', contentBase64: lineFile.toString('base64') },
    ];
    const load = os.loadavg()[0]!;
    // CPU seconds next to wall seconds: on a shared machine the wall time also waits for the disk
    // (the commit writes ~300 MB of pages and fsyncs them) and for other processes.
    const cpu0 = process.cpuUsage();
    const pre = time(() => importPreview(s2, staff2, { files }));
    const cpu1 = process.cpuUsage();
    const com = time(() =>
      s2.tx(() => importCommit(s2, staff2, { importId: pre.value.importId, excludeOrders: [] })),
    );
    const cpu2 = process.cpuUsage();
    const cpuS = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user + b.system - a.user - a.system) / 1e6;
    const total = (pre.ms + com.ms) / 1000;
    const walBytes = fs.statSync(path.join(dir2, 'shopdesk.sqlite-wal')).size;
    console.log(
      `  import ${int(IMPORT_ORDERS)} orders (load average ${load.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}): ` +
        `preview ${ms(pre.ms / 1000, 1)} s (CPU ${ms(cpuS(cpu0, cpu1), 1)} s), ` +
        `commit ${ms(com.ms / 1000, 1)} s (CPU ${ms(cpuS(cpu1, cpu2), 1)} s) — ${int(com.value.created)} orders, ` +
        `${int(com.value.buyersCreated)} buyers; ${ms(walBytes / 1e6, 0)} MB written to the WAL`,
    );
    summary.push({
      bench: 'service',
      figure: `import ${int(IMPORT_ORDERS)}-order pair`,
      value: `${ms(total, 1)} s`,
      target: '< 10 s',
      met: total < 10,
    });
    s2.close();
    const shell = await shellImport(dir2, [
      { name: 'orders.csv', gbk: orderFile },
      { name: 'lines.csv', gbk: lineFile },
    ]);
    if (shell === null) {
      console.log('  sqlite3 shell not found (apt-get install -y sqlite3): no .import ratio');
      summary.push({ bench: 'service', figure: 'import vs sqlite3 .import', value: 'no sqlite3 shell' });
    } else {
      const ratio = (total * 1000) / shell;
      console.log(
        `  sqlite3 shell .import of the same rows (UTF-8, plain tables): ${ms(shell / 1000, 2)} s → the app's import is ${ms(ratio, 1)}× that`,
      );
      summary.push({
        bench: 'service',
        figure: 'import vs sqlite3 .import',
        value: `${ms(ratio, 1)}×`,
      });
    }
  } finally {
    cleanup2();
  }
  return summary;
}
