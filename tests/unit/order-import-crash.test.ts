// Crash safety: a process killed (SIGKILL) in the middle of committing a large order import
// leaves nothing partial — no order, line, buyer or change-log entry of it — and a sound database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/db/store';
import { setup } from '../../src-main/modules/staff/service';
import { tempDir } from './helpers';
import { lineCsv, orderCsv, ORDERS, LINES } from './service-fixtures';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const N = 15_000;

describe('order import crash safety', () => {
  it('leaves nothing behind when killed mid-commit', async () => {
    dir = tempDir('shopdesk-crash-');
    const store = openStore({ dataDir: dir });
    const staffId = store.tx(() =>
      setup(store, { shopName: '崩溃测试店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }),
    ).staff.id;
    store.close();

    // A big export pair: N orders (each with its own buyer) and N lines.
    const orders = Array.from({ length: N }, (_, i) => ({
      ...ORDERS[1]!,
      no: String(7_000_000_000_000_000 + i),
      member: `买家${i}`,
      mobile: `'139${String(i).padStart(8, '0')}`,
    }));
    const lines = orders.map((o) => [`="${o.no}"`, ...LINES[2]!.slice(1)]);
    const orderFile = path.join(dir, 'ExportOrderList.csv');
    const lineFile = path.join(dir, 'ExportOrderDetailList.csv');
    fs.writeFileSync(orderFile, orderCsv('gbk', orders));
    fs.writeFileSync(lineFile, lineCsv('gbk', lines));

    const child = spawn(
      process.execPath,
      [
        '--import',
        './scripts/sql-loader.mjs',
        '--import',
        'tsx',
        'tests/unit/order-import-crash-child.ts',
        dir,
        orderFile,
        lineFile,
        staffId,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_c, sig) => resolve(sig)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('committing')) resolve();
      });
      child.on('exit', () => reject(new Error(`child ended before committing: ${out}\n${err}`)));
    });
    // Let the commit get well under way (a WAL full of uncommitted pages), then pull the plug.
    await new Promise((r) => setTimeout(r, 700));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(out).toContain(`committing ${N}`);
    expect(out).not.toContain('done'); // the kill really landed mid-commit

    const after = openStore({ dataDir: dir });
    const count = (sql: string) => (after.db.prepare(sql).get() as { n: number }).n;
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(`SELECT COUNT(*) AS n FROM sales_order`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM sales_order_line`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM buyer`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM buyer_search`)).toBe(0);
    expect(
      count(`SELECT COUNT(*) AS n FROM change_log WHERE entity IN ('sales_order', 'buyer', 'order_import')`),
    ).toBe(0);
    after.close();
  }, 120_000);
});
