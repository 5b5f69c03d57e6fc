// Every lookup the services make uses an index: a query that scans a whole table is fine at 300
// SKUs and painful at 50,000 (a barcode lookup that missed its partial index once made each save
// take 100 ms). This runs a typical workload, then asks SQLite for the plan of every statement
// the store prepared and refuses full scans of the big tables, except the few that mean to scan.
import { afterEach, describe, expect, it } from 'vitest';
import { makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';

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
  /FROM bin b LEFT JOIN stock_balance sb/, // the bin list: a shop has hundreds of bins
  /FROM stock_document d WHERE d\.deleted_at IS NULL ORDER BY|FROM stock_document d LEFT JOIN staff st ON st\.id = d\.posted_by\s+WHERE d\.deleted_at IS NULL ORDER BY/, // newest documents, unfiltered
  /SELECT m\.\*, NULL AS balance FROM stock_movement m\)/, // the whole ledger, newest first by seq
  /FROM stock_balance sb JOIN sku s[\s\S]*WHERE 1 = 1 AND (?!sb\.bin_id)/, // the balance list, all bins
  // service: the unfiltered buyer and order lists (an index walk stopped by LIMIT) and their counts
  /FROM buyer b INDEXED BY buyer_member WHERE b\.merged_into_id IS NULL\s+ORDER BY b\.member_name LIMIT/,
  /SELECT COUNT\(\*\) AS n FROM buyer WHERE merged_into_id IS NULL/,
  /FROM sales_order o WHERE 1 = 1/,
];

/** alias → table for `FROM t a` / `JOIN t AS a` (EXPLAIN QUERY PLAN names aliased tables by alias). */
function aliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  const keywords = /^(WHERE|ON|JOIN|LEFT|INNER|CROSS|ORDER|GROUP|LIMIT|USING|SET|VALUES|AND|UNION)$/i;
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    if (m[2] && !keywords.test(m[2])) map.set(m[2], m[1]!);
  }
  return map;
}

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
    await app.ok(C, 'catalog.lookup', { code: 'tx001-wh-l' });
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

    // The warehouse: bins, a purchase, a transfer, a sale below zero refused, a reversal.
    const skuId = p.skus[0]!.id;
    const bin1 = await app.ok<{ id: string; version: string }>(C, 'warehouse.saveBin', { code: 'A-01-01' });
    const bin2 = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-02', capacity: 10 });
    await app.ok(C, 'warehouse.saveBin', {
      id: bin1.id,
      expectedVersion: bin1.version,
      code: 'A-01-01',
      note: '门口',
    });
    const sku2 = (
      await app.ok<{ id: string; skus: { id: string }[] }>(
        C,
        'catalog.create',
        sampleProduct({ styleCode: 'Q1', skus: [{ code: 'Q1-1', costFen: 1, priceFen: 2 }] }),
      )
    ).skus[0]!.id;
    const rk = await app.ok<{ id: string; version: string }>(C, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [{ skuId: sku2, binId: bin1.id, quantity: 5 }],
    });
    await app.ok(C, 'warehouse.saveDraft', {
      id: rk.id,
      expectedVersion: rk.version,
      type: 'purchase_in',
      lines: [{ skuId: sku2, binId: bin1.id, quantity: 6 }],
    });
    await app.ok(C, 'warehouse.post', { id: rk.id });
    const db = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', {
      type: 'transfer',
      lines: [{ skuId: sku2, binId: bin1.id, toBinId: bin2.id, quantity: 2 }],
    });
    await app.ok(C, 'warehouse.post', { id: db.id });
    const ck = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', {
      type: 'sales_out',
      lines: [{ skuId: sku2, binId: bin2.id, quantity: 9 }],
    });
    await app.call(C, 'warehouse.post', { id: ck.id });
    await app.ok(C, 'warehouse.discardDraft', { id: ck.id });
    await app.ok(C, 'warehouse.reverse', { id: db.id, reason: '调错' });
    await app.ok(C, 'warehouse.setBinRetired', { id: bin2.id, retired: true });
    await app.ok(C, 'warehouse.listBins', { includeRetired: true });
    await app.ok(C, 'warehouse.listDocuments', {});
    await app.ok(C, 'warehouse.listDocuments', { type: 'transfer', from: '2020-01-01', q: 'DB' });
    await app.ok(C, 'warehouse.getDocument', { id: rk.id });
    await app.ok(C, 'warehouse.ledger', { skuId: sku2 });
    await app.ok(C, 'warehouse.ledger', { skuId: sku2, binId: bin1.id, type: 'transfer' });
    await app.ok(C, 'warehouse.ledger', { documentId: db.id });
    await app.ok(C, 'warehouse.ledger', {});
    await app.ok(C, 'warehouse.balances', { binId: bin1.id });
    await app.ok(C, 'warehouse.balances', { q: 'q1' });
    await app.ok(C, 'warehouse.skuStock', { skuId: sku2 });
    void skuId;

    // Customer service: an import (buyers linked), search, buyer page, merge, orders, follow-up.
    const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
      files: [
        { fileName: 'o.csv', contentBase64: b64(orderCsv('gbk')) },
        { fileName: 'd.csv', contentBase64: b64(lineCsv('gbk')) },
      ],
    });
    await app.ok(C, 'orders.importCommit', { importId: pre.importId });
    const again = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
      files: [{ fileName: 'o.csv', contentBase64: b64(orderCsv('gbk')) }],
    });
    await app.ok(C, 'orders.importCommit', { importId: again.importId });
    const found = await app.ok<{ rows: { id: string }[] }>(C, 'buyers.search', { q: 'xl' });
    await app.ok(C, 'buyers.search', { q: '1861', tag: '回头客' });
    await app.ok(C, 'buyers.search', {});
    const dupBuyer = await app.ok<{ id: string }>(C, 'buyers.save', { memberName: '重复', tags: ['回头客'] });
    await app.ok(C, 'buyers.addNote', { buyerId: dupBuyer.id, text: '备注' });
    await app.ok(C, 'buyers.merge', { keepId: found.rows[0]!.id, mergeId: dupBuyer.id });
    await app.ok(C, 'buyers.get', { id: dupBuyer.id });
    const orders = await app.ok<{ rows: { id: string }[] }>(C, 'orders.list', {});
    await app.ok(C, 'orders.list', { filter: { status: 'wait_pay', from: '2026-01-01', to: '2026-12-31' } });
    await app.ok(C, 'orders.list', { filter: { q: '19306' } });
    await app.ok(C, 'orders.list', { filter: { q: '小鹿', buyerId: found.rows[0]!.id } });
    await app.ok(C, 'orders.list', { filter: { buyerId: found.rows[0]!.id } });
    await app.ok(C, 'orders.get', { id: orders.rows[0]!.id });
    await app.ok(C, 'orders.create', { memberName: '手工', lines: [{ skuId: sku2, quantity: 1 }] });
    await app.ok(C, 'orders.setStatus', { id: orders.rows[0]!.id, status: 'closed' });
    await app.ok(C, 'orders.setSellerNote', { id: orders.rows[0]!.id, note: '备注', flag: 'red' });
    await app.ok(C, 'followUp.record', { orderId: orders.rows[1]!.id, channel: 'sms', outcome: 'other' });
    await app.ok(C, 'followUp.queue', {});
    await app.ok(C, 'followUp.report', { from: '2026-01-01', to: '2026-12-31' });
    await app.ok(C, 'followUp.report', {});

    const sqls = app.store
      .preparedSql()
      .filter((s) => /^\s*(SELECT|UPDATE|DELETE|INSERT[\s\S]*SELECT)/i.test(s));
    expect(sqls.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const sql of sqls) {
      if (MEANT_TO_SCAN.some((re) => re.test(sql))) continue;
      const alias = aliases(sql);
      for (const raw of planOf(app, sql)) {
        const step = raw.replace(/^SCAN (\w+)/, (all, a: string) =>
          alias.has(a) ? `SCAN ${alias.get(a)!}` : all,
        );
        if (
          /^SCAN (sku|product|change_log|stock_movement|stock_document_line|stock_balance|buyer|buyer_search|buyer_note|sales_order|sales_order_line|sales_order_status|order_follow_up)\b/.test(
            step,
          )
        ) {
          offenders.push(`${step}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 140)}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
