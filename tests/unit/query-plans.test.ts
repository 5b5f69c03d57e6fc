// Every lookup the services make uses an index: a query that scans a whole table is fine at 300
// SKUs and painful at 50,000 (a barcode lookup that missed its partial index once made each save
// take 100 ms). This runs a typical workload, then asks SQLite for the plan of every statement
// the store prepared and refuses full scans of the big tables, except the few that mean to scan.
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, sampleProduct, type TestApp } from './helpers';

let app: TestApp;
afterEach(() => app?.close());

const C = '00000000-0000-4000-8000-0000000000d1';
const csv = (lines: string[]) =>
  Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8').toString('base64');

/** Statements that scan on purpose: the list index build, categories, counts, the audit page. */
const MEANT_TO_SCAN = [
  /SELECT s\.rowid AS rowid, s\.product_id AS productId, s\.search_text/, // the index build
  /SELECT DISTINCT category FROM product/,
  /FROM change_log c/, // audit view: newest first by seq, filtered
  /FROM staff/, // a shop has tens of people
  /FROM temp\./,
  /FROM shop/,
];

function planOf(app: TestApp, sql: string): string[] {
  const positional = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length;
  const named = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1]!, null]));
  const stmt = app.store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const args: unknown[] = Array(positional).fill(null);
  const rows = (Object.keys(named).length ? stmt.all(named, ...args) : stmt.all(...args)) as {
    detail: string;
  }[];
  return rows.map((r) => r.detail);
}

describe('query plans', () => {
  it('uses an index for every lookup of products, SKUs and the change log', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ id: string; version: string; skus: { id: string }[] }>(
      C,
      'catalog.create',
      sampleProduct(),
    );
    await app.ok(C, 'catalog.update', {
      ...sampleProduct({ title: '新标题' }),
      id: p.id,
      expectedVersion: p.version,
    });
    await app.ok(C, 'catalog.get', { productId: p.id });
    await app.ok(C, 'catalog.list', { filter: { q: 'xbt' } });
    await app.ok(C, 'catalog.categories');
    await app.ok(C, 'catalog.setArchived', { productId: p.id, archived: true });
    const preview = await app.ok<{ importId: string }>(C, 'catalog.importPreview', {
      fileName: 'a.csv',
      contentBase64: csv([
        '商家编码,商品标题,款号,条形码,售价',
        'N-1,新商品,NS1,6900000000017,9.90',
        'TX001-WH-L,新标题,TX001,6901234567892,59.00',
      ]),
    });
    await app.ok(C, 'catalog.importCommit', { importId: preview.importId });
    await app.ok(C, 'audit.list', { entity: 'sku' });
    await app.ok(C, 'staff.list');

    const sqls = app.store
      .preparedSql()
      .filter((s) => /^\s*(SELECT|UPDATE|DELETE|INSERT[\s\S]*SELECT)/i.test(s));
    expect(sqls.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const sql of sqls) {
      if (MEANT_TO_SCAN.some((re) => re.test(sql))) continue;
      for (const step of planOf(app, sql)) {
        if (/^SCAN (sku|product|change_log)\b/.test(step)) {
          offenders.push(`${step}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 140)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
