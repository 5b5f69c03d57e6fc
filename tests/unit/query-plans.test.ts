// Every lookup the services make uses an index: a query that scans a whole table is fine at 300
// SKUs and painful at 50,000 (a barcode lookup that missed its partial index once made each save
// take 100 ms). This runs a typical workload, then asks SQLite for the plan of every statement
// the store prepared and refuses full scans of the big tables, except the few that mean to scan.
import { afterEach, describe, expect, it } from 'vitest';
import { countAccuracy } from '../../src-main/modules/warehouse/stocktake';
import { ledgerCsvQuery } from '../../src-main/modules/warehouse/ledger-export';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { openStore } from '../../src-main/db/store';
import { libraryIndex } from '../../src-main/modules/art/library-index';
import { listImagesSql, listTags } from '../../src-main/modules/art/library';
import { makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';
import { refundCsv } from './aftersales-fixtures';
import { casesCsvQuery } from '../../src-main/modules/service/aftersales';
import { loanCsvQuery } from '../../src-main/modules/warehouse/samples';
import { resultsCsvQuery } from '../../src-main/modules/service/promotions';
import {
  createOrderOutbound,
  packErrorsCaught,
  shipmentForOrder,
} from '../../src-main/modules/warehouse/shipping';

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
  /FROM stock_balance sb JOIN sku s ON s\.id = sb\.sku_id WHERE sb\.on_hand <> 0/, // stocktake snapshot, all stock
  /SELECT DISTINCT sku_id FROM stock_balance WHERE on_hand <> 0/, // stocktake sample: the candidates
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

/**
 * The plan steps of `sqls` that match `scan` (a `SCAN <table>` step; an alias is read as its
 * table), each with the start of its statement. `meant` names statements that scan on purpose,
 * `meantStep` single steps that do.
 */
function fullScans(
  app: TestApp,
  sqls: string[],
  scan: RegExp,
  opts: { meant?: RegExp[]; meantStep?: (step: string, sql: string) => boolean } = {},
): string[] {
  const offenders: string[] = [];
  for (const sql of sqls) {
    if (opts.meant?.some((re) => re.test(sql))) continue;
    const alias = aliases(sql);
    for (const raw of planOf(app, sql)) {
      const step = raw.replace(/^SCAN (\w+)/, (all, a: string) =>
        alias.has(a) ? `SCAN ${alias.get(a)!}` : all,
      );
      if (opts.meantStep?.(step, sql)) continue;
      if (scan.test(step)) offenders.push(`${step}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  }
  return offenders;
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
    // Shipping, pack check, reserved stock, returns inspection, exports.
    await app.ok(C, 'warehouse.saveBin', { code: 'Z-99', kind: 'defects' });
    const rk2 = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [{ skuId: sku2, binId: bin1.id, quantity: 20 }],
    });
    await app.ok(C, 'warehouse.post', { id: rk2.id });
    const o1 = await app.ok<{ id: string }>(C, 'shipping.createOrder', {
      orderRef: 'TB1',
      lines: [{ skuId: sku2, quantity: 2 }],
    });
    await app.ok(C, 'shipping.queue', {});
    await app.ok(C, 'shipping.queue', { q: 'tb' });
    await app.ok(C, 'shipping.pickList', { documentIds: [o1.id] });
    await app.ok(C, 'shipping.packScan', { documentId: o1.id, code: 'Q1-1' });
    await app.ok(C, 'shipping.packScan', { documentId: o1.id, code: 'NOPE' });
    await app.ok(C, 'shipping.packScan', { documentId: o1.id, code: 'Q1-1' });
    await app.ok(C, 'shipping.packState', { documentId: o1.id });
    await app.ok(C, 'warehouse.balances', { binId: bin1.id });
    await app.ok(C, 'warehouse.balances', { q: 'q1' });
    await app.ok(C, 'warehouse.skuStock', { skuId: sku2 });
    await app.ok(C, 'shipping.ship', { documentId: o1.id, carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    await app.ok(C, 'warehouse.shipment', { orderRef: 'TB1' });
    const ret = await app.ok<{ id: string }>(C, 'returns.createExpected', {
      orderRef: 'TB1',
      lines: [{ skuId: sku2, quantity: 2 }],
    });
    await app.ok(C, 'returns.inspect', {
      documentId: ret.id,
      lines: [{ skuId: sku2, good: 1, defective: 0, scrap: 1 }],
    });
    await app.ok(C, 'warehouse.exportDocuments', { type: 'sales_out' });
    await app.ok(C, 'warehouse.exportBalances', { binId: bin1.id });
    app.store.tx(() =>
      createOrderOutbound(app.store, app.people.manager!.id, {
        orderRef: 'TB2',
        lines: [{ skuId: sku2, quantity: 1 }],
      }),
    );
    packErrorsCaught(app.store, { from: '2026-01-01T00:00:00Z', to: '2026-12-31T23:59:59Z' });
    shipmentForOrder(app.store, 'TB1');
    void skuId;
    // Low-stock alerts, the ledger's person filter and export (the export runs on its own reader
    // connection: its SELECT is checked through ledgerCsvQuery below).
    // (A new listed SKU with no stock is low at once: that gives an alert to acknowledge.)
    await app.ok(
      C,
      'catalog.create',
      sampleProduct({ styleCode: 'L1', skus: [{ code: 'L1-1', costFen: 1, priceFen: 2 }] }),
    );
    const alertPage = await app.ok<{ rows: { id: string }[] }>(C, 'alerts.list', {});
    await app.ok(C, 'alerts.list', { status: 'all', q: 'tx' });
    await app.ok(C, 'alerts.list', { status: 'cleared' });
    await app.ok(C, 'alerts.counts');
    await app.ok(C, 'alerts.ack', { id: alertPage.rows[0]!.id, handlerId: app.people.wh_agent!.id });
    await app.ok(C, 'warehouse.people');
    await app.ok(C, 'warehouse.ledger', { staffId: app.people.manager!.id });
    for (const f of [
      { skuId: sku2 },
      { skuId: sku2, binId: bin1.id, from: '2020-01-01T00:00:00Z' },
      { binId: bin1.id },
    ]) {
      app.store.stmt(ledgerCsvQuery(f, 'Asia/Shanghai').sql);
    }

    // Stocktakes: start (all, bins, SKUs, sample), count, recount, report, approve, cancel, history.
    const all = await app.ok<{ id: string }>(C, 'stocktake.start', {
      kind: 'monthly',
      scope: { type: 'all' },
    });
    await app.ok(C, 'stocktake.lines', { id: all.id, binId: bin1.id, filter: 'uncounted' });
    await app.ok(C, 'stocktake.cancel', { id: all.id, reason: '重来' });
    const sample = await app.ok<{ id: string }>(C, 'stocktake.start', {
      kind: 'spot',
      scope: { type: 'sample', size: 1, seed: 7 },
    });
    await app.ok(C, 'stocktake.cancel', { id: sample.id, reason: '重来' });
    const picked = await app.ok<{ id: string }>(C, 'stocktake.start', {
      kind: 'spot',
      scope: { type: 'skus', skuIds: [sku2] },
    });
    await app.ok(C, 'stocktake.cancel', { id: picked.id, reason: '重来' });
    const st = await app.ok<{ id: string }>(C, 'stocktake.start', {
      kind: 'monthly',
      scope: { type: 'bins', from: 'A-01-01', to: 'A-01-01' },
    });
    await app.ok(C, 'stocktake.count', { id: st.id, counts: [{ skuId: sku2, binId: bin1.id, counted: 3 }] });
    await app.ok(C, 'stocktake.count', { id: st.id, counts: [{ skuId: skuId, binId: bin1.id, counted: 1 }] });
    await app.signInAs(C, 'wh_supervisor');
    await app.ok(C, 'stocktake.count', { id: st.id, counts: [{ skuId: sku2, binId: bin1.id, counted: 2 }] });
    await app.ok(C, 'stocktake.lines', { id: st.id, filter: 'variance' });
    await app.ok(C, 'stocktake.report', { id: st.id });
    await app.ok(C, 'stocktake.approve', { id: st.id });
    await app.ok(C, 'stocktake.get', { id: st.id });
    await app.ok(C, 'stocktake.list', { status: 'approved' });
    await app.ok(C, 'stocktake.list', {});
    await app.ok(C, 'stocktake.exportCsv', { id: st.id });
    countAccuracy(app.store, { from: '2000-01-01T00:00:00Z', to: '2999-01-01T00:00:00Z' });
    // Staffing: a week's rota saved and copied, punches and a correction, the report, the assessment.
    await app.signInAs(C, 'manager');
    const DAY_SHIFT = '01930000-0000-7000-8000-000000000003';
    const people = await app.ok<{ id: string; role: string }[]>(C, 'auth.roster');
    const agentId = people.find((x) => x.role === 'manager')!.id;
    await app.ok(C, 'rota.templates', { team: 'warehouse' });
    await app.ok(C, 'rota.saveTemplate', { team: 'warehouse', name: '中班', start: '13:00', end: '22:00' });
    const whPerson = await app.ok<{ id: string }>(C, 'staff.create', {
      name: '仓库小李',
      role: 'wh_agent',
      pin: '5678',
    });
    await app.ok(C, 'rota.saveWeek', {
      team: 'warehouse',
      weekStart: '2026-11-02',
      cells: [{ staffId: whPerson.id, date: '2026-11-02', kind: 'shift', templateId: DAY_SHIFT }],
    });
    await app.ok(C, 'rota.copyWeek', { team: 'warehouse', weekStart: '2026-11-09' });
    await app.ok(C, 'rota.week', { team: 'warehouse', weekStart: '2026-11-09' });
    await app.ok(C, 'rota.myShifts', { from: '2026-11-01', to: '2026-11-30' });
    await app.ok(C, 'attendance.clock', { kind: 'in' });
    await app.ok(C, 'attendance.clock', { kind: 'out' });
    await app.ok(C, 'attendance.status');
    const punches = await app.ok<{ id: string }[]>(C, 'attendance.punches', {
      staffId: agentId,
      month: new Date().toISOString().slice(0, 7),
    });
    await app.ok(C, 'attendance.correct', {
      staffId: agentId,
      kind: 'void',
      replacesId: punches[0]!.id,
      reason: '测试',
    });
    await app.ok(C, 'attendance.report', { team: 'warehouse', month: '2026-11' });
    await app.ok(C, 'attendance.saveSettings', { lateGraceMin: 10, earlyGraceMin: 0 });
    await app.ok(C, 'assessment.month', { month: '2026-11' });
    await app.ok(C, 'assessment.saveScore', { staffId: whPerson.id, month: '2026-11', score: 90 });

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
    // buyer search (0022): name, last 4 digits, a later page — key-range reads and per-buyer order lookups
    await app.ok(C, 'buyers.search', { q: '小鹿', offset: 50 });
    await app.ok(C, 'buyers.search', { q: '6065' });
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
    // Orders ↔ warehouse link: pending paid orders, queueing, the queue's order status,
    // shipping marks the order shipped, the order page's shipping seam.
    const paidOrder = await app.ok<{ id: string }>(C, 'orders.create', {
      memberName: '付款',
      status: 'paid',
      lines: [{ skuId: sku2, quantity: 1 }],
    });
    await app.ok(C, 'shipping.pendingOrders', {});
    await app.ok(C, 'shipping.queueOrders', {});
    await app.ok(C, 'shipping.queueOrders', { orderIds: [paidOrder.id, orders.rows[0]!.id] });
    await app.ok(C, 'orders.notifyWarehouse', { id: paidOrder.id });
    const linked = (await app.ok<{ documentId: string; orderRef: string }[]>(C, 'shipping.queue', {}))[0]!;
    await app.ok(C, 'shipping.packScan', { documentId: linked.documentId, code: 'Q1-1' });
    await app.ok(C, 'shipping.ship', {
      documentId: linked.documentId,
      carrier: '中通快递',
      trackingNo: 'ZT123456789',
    });
    await app.ok(C, 'orders.get', { id: paidOrder.id });
    // handover (交接本): write, the open list (a next-shift agent's rota check), acknowledge, history
    const today = app.store.localDay('Asia/Shanghai').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
    const handed = await app.ok<{ id: string }[]>(C, 'handover.write', {
      date: today,
      templateId: '01930000-0000-7000-8000-000000000001',
      items: [
        { kind: 'buyer', text: '未回复', buyerId: found.rows[0]!.id, orderId: orders.rows[0]!.id },
        { kind: 'stock', text: '库存不准', skuId: sku2 },
      ],
    });
    await app.signInAs(C, 'cs_agent');
    await app.ok(C, 'handover.open', {});
    await app.signInAs(C, 'cs_supervisor'); // not the writer: nobody acknowledges their own item
    await app.ok(C, 'handover.ack', { itemId: handed[0]!.id, note: '好' });
    await app.signInAs(C, 'manager');
    await app.ok(C, 'handover.history', { from: today, to: today });

    const sqls = app.store
      .preparedSql()
      .filter((s) => /^\s*(SELECT|UPDATE|DELETE|INSERT[\s\S]*SELECT)/i.test(s));
    expect(sqls.length).toBeGreaterThan(10);
    expect(
      fullScans(
        app,
        sqls,
        /^SCAN (sku|product|change_log|stock_movement|stock_document_line|stock_balance|stocktake_line|stocktake_count|rota_entry|attendance_punch|assessment_score|pack_check|shipment|buyer|buyer_search|buyer_note|sales_order|sales_order_line|sales_order_status|order_follow_up|handover_item|handover_ack)\b/,
        { meant: MEANT_TO_SCAN },
      ),
    ).toEqual([]);
    // The assessment's measures read a month of posted documents by the posted_at index.
    const measures = sqls.filter((q) => /FROM stock_document d[\s\S]*d\.posted_at >= @from/.test(q));
    expect(measures).toHaveLength(2);
    for (const q of measures)
      expect(planOf(app, q).join('\n')).toMatch(/USING (COVERING )?INDEX stock_document_posted/);
  });
});

// art: the library and design tasks. The library list pages newest-first along the
// library_image_live index (an ordered index scan that stops at the page, and COUNT(*) over that
// index); everything else is a lookup. No plain table scan of the art tables or the catalog.
describe('query plans (art)', () => {
  it('uses an index for the library and task lookups', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const skuId = p.skus[0]!.id;
    const src = path.join(app.dir, 'src');
    fs.mkdirSync(src);
    const files = [path.join(src, 'a.png'), path.join(src, 'b.png')];
    for (const [i, f] of files.entries())
      await sharp({ create: { width: 800 + i, height: 800, channels: 3, background: '#ccddee' } })
        .png()
        .toFile(f);
    app.pickPaths = files;
    const rep = await app.ok<{ imported: { id: string }[] }>(C, 'art.libraryImport', { mode: 'files' });
    const [a, b] = rep.imported.map((x) => x.id) as [string, string];
    await thumbsIdle(app.store);
    await app.ok(C, 'art.libraryUpdate', {
      ids: [a, b],
      addTags: ['夏装/T恤'],
      use: 'main',
      addSkuIds: [skuId],
    });
    await app.ok(C, 'art.libraryUpdate', {
      ids: [b],
      parentId: a,
      stage: 'retouched',
      removeTags: ['夏装/T恤'],
    });
    const libraryFilters = [
      {},
      { q: 'a.png' },
      { tag: '夏装' },
      { skuId },
      { use: 'main', status: 'pending' },
      { from: '2020-01-01', to: '2099-01-01' },
      { flagged: true },
      { trash: true },
      // combinations (answered by the in-memory index; its build reads the tables once)
      { q: 'png', tag: '夏装', use: 'main' },
      { skuId, status: 'pending', from: '2020-01-01' },
      { tag: '夏装/T恤', flagged: true, trash: true },
    ];
    // Answered by SQL until the index is built (in the background), then by the index.
    expect(libraryIndex(app.store).ready).toBe(false);
    for (const filter of libraryFilters) await app.ok(C, 'art.libraryList', { filter });
    await libraryIndex(app.store).warm();
    expect(libraryIndex(app.store).ready).toBe(true);
    for (const filter of libraryFilters) await app.ok(C, 'art.libraryList', { filter });
    // the tag counts and the grid's first page before the index is built: a write by
    // another connection makes this connection's index stale.
    const other = openStore({ dataDir: app.dir });
    other.tx(() => other.db.prepare(`UPDATE library_image SET note = note || ' '`).run());
    other.close();
    expect(libraryIndex(app.store).ready).toBe(false);
    listTags(app.store);
    listImagesSql(app.store, {
      filter: { q: '', tag: '', flagged: false, trash: false },
      offset: 0,
      limit: 200,
    });
    await app.ok(C, 'art.libraryGet', { id: b });
    await app.ok(C, 'art.libraryTags');
    await app.ok(C, 'art.libraryThumbs');
    await app.ok(C, 'art.libraryTrash', { ids: [b], trashed: true });
    await app.ok(C, 'art.libraryTrash', { ids: [b], trashed: false });
    const t = await app.ok<{ id: string }>(C, 'art.taskSave', {
      type: 'shoot',
      title: '拍',
      skuIds: [skuId],
      dueDate: '2026-12-01',
    });
    await app.ok(C, 'art.taskMove', { id: t.id, to: 'doing' });
    await app.ok(C, 'art.taskAttach', { id: t.id, imageIds: [a] });
    await app.ok(C, 'art.taskMove', { id: t.id, to: 'review' });
    await app.ok(C, 'art.taskReview', { id: t.id, decision: 'approve' });
    for (const filter of [
      {},
      { skuId },
      { status: 'done' },
      { dueFrom: '2026-12-01', dueTo: '2026-12-31' },
      { q: 'tx' },
    ])
      await app.ok(C, 'art.tasksList', { filter });
    await app.ok(C, 'art.taskGet', { id: t.id });

    // The board reads a shop's tasks (thousands a year, not millions) and sorts them by due date
    // and priority; its text search looks through the task↔SKU links. Deliberate scans.
    const ART_MEANT_TO_SCAN = [
      /FROM art_task t LEFT JOIN staff rq|SELECT COUNT\(\*\) AS n FROM art_task t WHERE/,
      // The library index's build reads rowid ranges (no scan); the grid's total and the tag
      // counts are counters kept by triggers (0021 library_cold).
    ];
    expect(
      fullScans(
        app,
        app.store
          .preparedSql()
          .filter((s) => /library_|art_task/.test(s) && !ART_MEANT_TO_SCAN.some((re) => re.test(s))),
        /^SCAN (library_image|library_image_tag|library_image_sku|art_task|art_task_event|art_task_sku|art_task_image|sku|product)\b(?! USING (COVERING )?INDEX library_image_(live|thumb)\b)/,
      ),
    ).toEqual([]);
  });

  // art part 2: the assessment and listing readiness
  it('uses an index for the art assessment and the readiness checklist', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ id: string; skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const skuId = p.skus[0]!.id;
    const src = path.join(app.dir, 'src2');
    fs.mkdirSync(src);
    const f = path.join(src, '主图.png');
    await sharp({ create: { width: 800, height: 800, channels: 3, background: '#ffffff' } })
      .png()
      .toFile(f);
    app.pickPaths = [f];
    const rep = await app.ok<{ imported: { id: string }[] }>(C, 'art.libraryImport', { mode: 'files' });
    await app.ok(C, 'art.libraryUpdate', { ids: [rep.imported[0]!.id], use: 'main', addSkuIds: [skuId] });
    await thumbsIdle(app.store);
    const t = await app.ok<{ id: string }>(C, 'art.taskSave', {
      type: 'detail_page',
      title: '详情页',
      skuIds: [skuId],
      dueDate: '2026-12-01',
    });
    await app.ok(C, 'art.taskMove', { id: t.id, to: 'doing' });
    await app.ok(C, 'art.taskAttach', { id: t.id, imageIds: [rep.imported[0]!.id] });
    await app.ok(C, 'art.taskMove', { id: t.id, to: 'review' });
    await app.ok(C, 'art.taskReview', { id: t.id, decision: 'approve' });
    const month = new Date().toISOString().slice(0, 7);
    await app.ok(C, 'art.assessmentMonth', { month });
    for (const filter of [{}, { state: 'ready' }, { q: 'tx001' }])
      await app.ok(C, 'art.readinessList', { filter });
    await app.ok(C, 'art.readinessMark', { productId: p.id, listed: false });
    await app.ok(C, 'art.readinessMark', { productId: p.id, listed: true, overrideReason: '测试' });

    // The readiness list reads every live product of the shop (hundreds to a few thousand) on
    // purpose; everything it looks up per product goes through an index.
    const MEANT = [/FROM product p WHERE p\.deleted_at IS NULL AND p\.archived_at IS NULL/];
    expect(
      fullScans(
        app,
        app.store
          .preparedSql()
          .filter((s) => /art_assessment_score|product_listing_event|library_image|art_task/.test(s)),
        /^SCAN (art_assessment_score|product_listing_event|library_image|library_image_sku|art_task|art_task_event|art_task_sku|art_task_image|stock_balance|sku|product|staff)\b/,
        { meantStep: (step, sql) => MEANT.some((re) => re.test(sql)) && /^SCAN product\b/.test(step) },
      ),
    ).toEqual([]);
  });
  it('uses an index for the pre-sales lookups (inquiries, templates, knowledge, coverage)', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ id: string; skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const order = await app.ok<{ id: string }>(C, 'orders.create', {
      memberName: '咨询买家',
      lines: [{ skuId: p.skus[0]!.id, quantity: 1 }],
    });
    const i = await app.ok<{ id: string; version: string; buyerId: string }>(C, 'presales.inquiryCreate', {
      memberName: '咨询买家',
      skuId: p.skus[0]!.id,
      question: 'size',
    });
    await app.ok(C, 'presales.inquirySetOutcome', {
      id: i.id,
      expectedVersion: i.version,
      outcome: 'ordered',
      orderId: order.id,
    });
    await app.ok(C, 'presales.inquiryCreate', {
      memberName: '另一个买家',
      question: 'price',
      outcome: 'ordered',
    });
    for (const filter of [
      {},
      { from: '2026-11-01', to: '2026-11-30' },
      { staffId: app.people.manager!.id },
      { buyerId: i.buyerId },
      { outcome: 'ordered', question: 'size' },
    ])
      await app.ok(C, 'presales.inquiries', { filter });
    await app.ok(C, 'buyers.get', { id: i.buyerId });
    const t = await app.ok<{ id: string; version: string }>(C, 'presales.templateSave', {
      category: 'greeting',
      title: '欢迎',
      body: '{买家}您好',
    });
    await app.ok(C, 'presales.templateSave', {
      ...{ category: 'greeting', title: '欢迎语', body: '您好' },
      id: t.id,
      expectedVersion: t.version,
    });
    await app.ok(C, 'presales.templates', { q: 'hy' });
    await app.ok(C, 'presales.templates', { category: 'greeting' });
    await app.ok(C, 'presales.knowledgeSave', { productId: p.id, expectedVersion: 0, sizes: 'M L' });
    await app.ok(C, 'presales.knowledgeSave', { productId: p.id, expectedVersion: 1, sizes: 'M L XL' });
    await app.ok(C, 'presales.knowledgeLearn', { productId: p.id, version: 2 });
    await app.ok(C, 'presales.knowledgeGet', { productId: p.id, version: 1 });
    for (const scope of ['listed', 'unlisted'])
      for (const onlyGaps of [true, false]) await app.ok(C, 'presales.coverage', { scope, onlyGaps });

    // Templates are a shop's tens to hundreds of rows: the unfiltered list reads them all.
    const PRESALES_MEANT_TO_SCAN = [
      /FROM reply_template t LEFT JOIN staff s ON s\.id = t\.updated_by WHERE t\.deleted_at IS NULL ORDER BY/,
    ];
    const checked = app.store
      .preparedSql()
      .filter((s) => /presales_|reply_template|product_knowledge/.test(s));
    expect(checked.length).toBeGreaterThan(15);
    expect(
      fullScans(
        app,
        checked,
        /^SCAN (presales_inquiry|reply_template|product_knowledge|product_knowledge_version|product_knowledge_learned|sales_order|buyer|sku|product)\b(?! USING (COVERING )?INDEX)/,
        { meant: PRESALES_MEANT_TO_SCAN },
      ),
    ).toEqual([]);
  });
});

// reviews (中差评): the list walks the review_date index newest first (stopped by LIMIT)
// or looks up by order; statistics read the date range from the same index; the buyer timeline goes
// through the buyer's orders. No plain scan of the review tables, the orders or the catalog.
describe('query plans (reviews)', () => {
  it('uses an index for every review lookup', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    await app.ok(C, 'catalog.create', sampleProduct());
    const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
      files: [
        { fileName: 'o.csv', contentBase64: b64(orderCsv('gbk')) },
        { fileName: 'l.csv', contentBase64: b64(lineCsv('gbk')) },
      ],
    });
    await app.ok(C, 'orders.importCommit', { importId: pre.importId });
    const list = await app.ok<{ rows: { id: string; buyerId: string }[] }>(C, 'orders.list', {
      filter: { q: '3012345678901234' },
    });
    const order = await app.ok<{ id: string; buyerId: string; lines: { id: string }[] }>(C, 'orders.get', {
      id: list.rows[0]!.id,
    });
    const r = await app.ok<{ id: string }>(C, 'reviews.create', {
      orderId: order.id,
      orderLineId: order.lines[0]!.id,
      rating: 'negative',
      content: '差',
      reviewDate: '2026-11-21',
    });
    await app.ok(C, 'reviews.handle', {
      id: r.id,
      reason: 'quality',
      outcome: 'revised',
      contactChannel: 'phone',
    });
    await app.ok(C, 'reviews.get', { id: r.id });
    for (const filter of [
      {},
      { from: '2026-11-01', to: '2026-11-30' },
      { rating: 'negative', outcome: 'revised', reason: 'quality' },
      { q: '3012' },
      { q: '小鹿' },
    ])
      await app.ok(C, 'reviews.list', { filter });
    await app.ok(C, 'reviews.stats', { from: '2026-11-01', to: '2026-11-30' });
    await app.ok(C, 'buyers.get', { id: order.buyerId });
    await app.ok(C, 'reviews.exportCsv', { filter: { from: '2026-11-01', q: '小鹿' } });
    // Promotions: a campaign over the line's SKU, its checklist, results, the list by phase.
    const skuId = (await app.ok<{ rows: { skuId: string }[] }>(C, 'catalog.list', {})).rows[0]!.skuId;
    const pr = await app.ok<{ id: string; tasks: { id: string }[] }>(C, 'promotions.save', {
      name: '双十一',
      startDate: '2026-11-10',
      endDate: '2026-11-30',
      skuIds: [skuId],
    });
    const withTask = await app.ok<{ tasks: { id: string }[] }>(C, 'promotions.addTask', {
      promotionId: pr.id,
      title: '主图',
      ownerId: app.people.art_agent!.id,
      dueDate: '2026-11-09',
    });
    await app.ok(C, 'promotions.tickTask', { taskId: withTask.tasks[0]!.id, done: true });
    await app.ok(C, 'promotions.results', { id: pr.id });
    for (const phase of [undefined, 'upcoming', 'running', 'ended'])
      await app.ok(C, 'promotions.list', phase ? { phase } : {});

    // The unfiltered count reads the smallest index whole (a shop has thousands of reviews a year).
    // The campaign list reads every campaign (a shop runs tens a year) newest first, capped at 1,000.
    const REVIEWS_MEANT_TO_SCAN = [
      /^SELECT COUNT\(\*\) AS n FROM review r WHERE 1 = 1$/,
      /FROM promotion p WHERE 1 = 1 ORDER BY p\.end_date DESC/,
    ];
    expect(
      fullScans(
        app,
        app.store.preparedSql().filter((s) => /\breview\b|review_step|promotion/.test(s)),
        /^SCAN (review|review_step|promotion|promotion_sku|promotion_task|sales_order|sales_order_line|buyer|sku|product)\b(?! USING (COVERING )?INDEX (review_(date|outcome)|promotion_dates)\b)/,
        { meant: REVIEWS_MEANT_TO_SCAN },
      ),
    ).toEqual([]);
  });
});

// complaints (客服 part 2): the register pages newest-first along complaint_received (an ordered
// index walk stopped by LIMIT); notices, timelines, the buyer timeline and the analysis are index
// lookups or date-range reads. A text search (编号 / 会员名 / 商品 prefix) scans the complaint
// table on purpose: a shop registers hundreds of complaints a year, not hundreds of thousands.
describe('query plans (complaints)', () => {
  it('uses an index for the register, notices, timelines and the analysis', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const b = await app.ok<{ id: string }>(C, 'buyers.save', { memberName: '投诉买家' });
    const c = await app.ok<{ id: string }>(C, 'complaints.create', {
      channel: 'phone',
      buyerId: b.id,
      category: 'quality',
      severity: 'severe',
      description: '开线',
    });
    await app.ok(C, 'complaints.addStep', { id: c.id, kind: 'investigation', text: '查' });
    await app.ok(C, 'complaints.resolve', { id: c.id, result: '补发' });
    await app.ok(C, 'complaints.confirm', { id: c.id });
    await app.ok(C, 'complaints.scheduleCallback', { id: c.id, at: '2026-12-01T02:00:00.000Z' });
    await app.ok(C, 'complaints.callback', { id: c.id, satisfaction: 5 });
    await app.ok(C, 'complaints.archive', { id: c.id });
    const n = await app.ok<{ rows: { id: string }[] }>(C, 'complaints.notices', {});
    await app.ok(C, 'complaints.readNotices', { ids: [n.rows[0]!.id] });
    for (const filter of [
      {},
      { status: 'active' },
      { status: 'archived', severity: 'severe' },
      { from: '2026-01-01', to: '2026-12-31', overdueOnly: true },
    ])
      await app.ok(C, 'complaints.list', { filter });
    await app.ok(C, 'complaints.get', { id: c.id });
    await app.ok(C, 'complaints.analysis', { from: '2026-01-01', to: '2026-12-31' });
    await app.ok(C, 'buyers.get', { id: b.id });
    const sqls = app.store
      .preparedSql()
      .filter((s) => /complaint/.test(s) && /^\s*(SELECT|UPDATE|DELETE)/i.test(s));
    expect(sqls.length).toBeGreaterThan(5);
    expect(
      fullScans(
        app,
        sqls,
        /^SCAN (complaint|complaint_step|complaint_notice|complaint_notice_read|buyer|sales_order|sku|product)\b(?! USING)/,
      ),
    ).toEqual([]);
  });
});

// an agent's day: journals, memos, order credit and the daily sales report read by
// index — orders by the day they were paid (sales_order_paid), credit and 催付 facts per order.
describe('query plans (agent day)', () => {
  it('uses an index for journals, memos, credit and the sales report', async () => {
    app = makeApp({ shop: true });
    const A = '00000000-0000-4000-8000-0000000000d2';
    await app.signInAs(C, 'manager');
    await app.signInAs(A, 'cs_agent');
    const agent = app.people.cs_agent!.id;
    const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const skuId = p.skus[0]!.id;
    const orders: { id: string }[] = [];
    for (let i = 0; i < 3; i++)
      orders.push(
        await app.ok<{ id: string }>(C, 'orders.create', {
          memberName: `买家${i}`,
          status: i === 2 ? 'wait_pay' : 'paid',
          lines: [{ skuId, quantity: 1 }],
        }),
      );
    await app.ok(A, 'followUp.record', { orderId: orders[2]!.id, channel: 'phone', outcome: 'will_pay' });
    await app.ok(C, 'orders.setStatus', { id: orders[2]!.id, status: 'paid' });
    const d = app.store.localDay('Asia/Shanghai');
    const today = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    const j = await app.ok<{ id: string; version: string }>(A, 'agentDay.journalSave', {
      kind: 'day',
      period: today,
      sections: { questions: '问', deals: '成', lessons: '悟' },
    });
    await app.ok(A, 'agentDay.journalSave', {
      kind: 'day',
      period: today,
      expectedVersion: j.version,
      sections: { questions: '问2', deals: '', lessons: '' },
    });
    await app.signInAs(C, 'cs_supervisor');
    await app.ok(C, 'agentDay.journalComment', { journalId: j.id, text: '好' });
    await app.ok(C, 'agentDay.journalList', { kind: 'day', from: today, to: today });
    await app.ok(C, 'agentDay.journalList', { kind: 'week', from: today, to: today, staffId: agent });
    await app.ok(C, 'agentDay.journalGet', { kind: 'day', period: today, staffId: agent });
    const m = await app.ok<{ id: string }>(A, 'agentDay.memoSave', {
      text: '备忘',
      remindAt: new Date(Date.now() - 60_000).toISOString(),
      orderId: orders[0]!.id,
    });
    await app.ok(A, 'agentDay.memoSave', { id: m.id, text: '备忘2' });
    await app.ok(A, 'agentDay.memoDue', {});
    await app.ok(A, 'agentDay.memos', { includeDone: true });
    await app.ok(A, 'agentDay.memoDone', { id: m.id, done: true });
    await app.ok(A, 'agentDay.assignCredit', { orderId: orders[1]!.id, staffId: agent, day: today });
    await app.ok(C, 'agentDay.assignCredit', { orderId: orders[0]!.id, staffId: agent, day: today });
    await app.ok(C, 'agentDay.creditOrders', { day: today });
    await app.ok(C, 'agentDay.teamReport', { from: today, to: today });
    await app.ok(A, 'agentDay.myReport', { from: today, to: today });
    await app.ok(C, 'agentDay.exportCsv', { from: today, to: today });

    const sqls = app.store
      .preparedSql()
      .filter((s) => /agent_journal|agent_memo|order_credit|sales_order_paid|paid_at >= @fromUtc/.test(s))
      .filter((s) => /^\s*(WITH|SELECT|UPDATE)/i.test(s));
    expect(sqls.length).toBeGreaterThan(8);
    expect(
      fullScans(
        app,
        sqls,
        /^SCAN (agent_journal|agent_journal_comment|agent_memo|order_credit|sales_order|order_follow_up|buyer)\b/,
      ),
    ).toEqual([]);
    // The report and the credit list find the day's orders by the paid-at index.
    const byPaid = sqls.filter((q) => /o\.paid_at >= @fromUtc/.test(q));
    expect(byPaid.length).toBeGreaterThanOrEqual(2);
    for (const q of byPaid) expect(planOf(app, q).join('\n')).toMatch(/INDEX sales_order_paid/);
  });
});

// after-sales (售后): the case list with each filter, the case page (warehouse documents,
// inspection, shipment), the order's cases, the buyer timeline, the 退款报表 import and export.
describe('query plans (after-sales)', () => {
  it('uses an index for every case lookup', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    await app.ok(C, 'catalog.create', sampleProduct());
    await app.ok(C, 'warehouse.saveBin', { code: 'A-01-01' });
    const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
      files: [
        { fileName: 'o.csv', contentBase64: b64(orderCsv('gbk')) },
        { fileName: 'l.csv', contentBase64: b64(lineCsv('gbk')) },
      ],
    });
    await app.ok(C, 'orders.importCommit', { importId: pre.importId });
    const orderId = (await app.ok<{ rows: { id: string }[] }>(C, 'orders.list', { filter: { q: '2456' } }))
      .rows[0]!.id;
    const order = await app.ok<{ buyerId: string; lines: { id: string }[] }>(C, 'orders.get', {
      id: orderId,
    });
    const ex = await app.ok<{ id: string }>(C, 'aftersales.create', {
      type: 'exchange',
      orderId,
      lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
    });
    await app.ok(C, 'aftersales.move', { id: ex.id, to: 'processing' });
    await app.ok(C, 'aftersales.update', {
      id: ex.id,
      reason: '换码',
      note: '',
      refundFen: 0,
      agentId: null,
    });
    const rp = await app.ok<{ importId: string }>(C, 'aftersales.importPreview', {
      file: { fileName: 'r.csv', contentBase64: b64(refundCsv('gbk')) },
    });
    await app.ok(C, 'aftersales.importCommit', { importId: rp.importId });
    const rp2 = await app.ok<{ importId: string }>(C, 'aftersales.importPreview', {
      file: { fileName: 'r.csv', contentBase64: b64(refundCsv('gbk')) },
    });
    await app.ok(C, 'aftersales.importCommit', { importId: rp2.importId });
    for (const filter of [
      { status: 'pending' },
      { status: 'open' },
      { type: 'exchange' },
      { agentId: app.people.manager!.id },
      { orderId },
      { buyerId: order.buyerId },
      { from: '2026-01-01', to: '2026-12-31' },
      { overdue: true },
      { q: 'SH-' },
      { q: '8801' },
      { q: '阿强' },
    ])
      await app.ok(C, 'aftersales.list', { filter });
    await app.ok(C, 'aftersales.get', { id: ex.id });
    await app.ok(C, 'aftersales.agents', {});
    await app.ok(C, 'buyers.get', { id: order.buyerId });
    const sqls = app.store
      .preparedSql()
      .filter((s) => /aftersales_/.test(s) && /^\s*(SELECT|UPDATE)/i.test(s));
    // The export's query, built the same way.
    sqls.push(casesCsvQuery(app.store, { status: 'open', overdue: false, q: '' }).sql);
    sqls.push(casesCsvQuery(app.store, { overdue: true, q: '' }).sql);
    expect(sqls.length).toBeGreaterThan(10);
    expect(
      fullScans(
        app,
        sqls,
        /^SCAN (aftersales_case|aftersales_line|aftersales_status|sales_order|sales_order_line|buyer|stock_document|shipment|return_inspection)\b/,
        {
          meant: [
            // The unfiltered list (newest first along aftersales_opened, stopped by LIMIT) and its count.
            /FROM aftersales_case c(?: LEFT JOIN staff st ON st\.id = c\.agent_id)? WHERE 1 = 1/,
            /FROM aftersales_case c(?: LEFT JOIN staff st ON st\.id = c\.agent_id)?\s+WHERE c\.status NOT IN \('done', 'closed'\)\s*(ORDER|$)/,
          ],
        },
      ),
    ).toEqual([]);
  });
});

describe('query plans (samples)', () => {
  it('uses an index for every loan lookup', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const skuId = p.skus[0]!.id;
    const bin = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-01' });
    await app.ok(C, 'warehouse.saveBin', { code: 'C-99-01', kind: 'defects' });
    const d = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [{ skuId, binId: bin.id, quantity: 9 }],
    });
    await app.ok(C, 'warehouse.post', { id: d.id });
    const task = await app.ok<{ id: string }>(C, 'art.taskSave', {
      type: 'shoot',
      title: '拍摄',
      skuIds: [skuId],
    });
    await app.ok(C, 'art.taskMove', { id: task.id, to: 'doing' });
    const req = { taskId: task.id, dueDate: '2099-01-01', lines: [{ skuId, quantity: 3 }] };
    const loan = await app.ok<{ id: string }>(C, 'samples.request', req);
    const other = await app.ok<{ id: string }>(C, 'samples.request', req);
    await app.ok(C, 'samples.cancel', { id: other.id });
    await app.ok(C, 'samples.issue', { id: loan.id });
    await app.ok(C, 'samples.return', { id: loan.id, lines: [{ skuId, good: 1, damaged: 1 }] });
    await app.ok(C, 'samples.writeOff', { id: loan.id, lines: [{ skuId, quantity: 1 }], reason: '遗失' });
    await app.ok(C, 'samples.request', req);
    await app.ok(C, 'art.taskMove', { id: task.id, to: 'review' });
    await app.ok(C, 'art.taskReview', { id: task.id, decision: 'approve' });
    for (const filter of [
      { view: 'open' },
      { view: 'requested' },
      { view: 'out' },
      { view: 'overdue' },
      { view: 'closed' },
      { view: 'all' },
      { view: 'all', mine: true },
      { view: 'all', taskId: task.id },
      { view: 'open', q: 'TX001' },
    ])
      await app.ok(C, 'samples.list', { filter });
    await app.ok(C, 'samples.get', { id: loan.id });
    await app.ok(C, 'samples.counts', {});
    await app.ok(C, 'samples.exportCsv', { filter: { view: 'open', mine: true } });
    const sqls = app.store
      .preparedSql()
      .filter((s) => /sample_(loan|event)/.test(s) && /^\s*(SELECT|UPDATE)/i.test(s));
    // The export's query, built the same way.
    for (const view of ['all', 'overdue'] as const)
      sqls.push(loanCsvQuery(app.store, app.people.manager!.id, { view, q: 'TX', mine: true }).sql);
    expect(sqls.length).toBeGreaterThan(10);
    expect(
      fullScans(
        app,
        sqls,
        /^SCAN (sample_loan|sample_loan_line|sample_event|stock_document|stock_document_line|stock_movement|art_task|sku|product)\b/,
      ),
    ).toEqual([]);
  });
});

// promotion creative: a campaign's creative tasks are found by (promotion_id, creative_kind)
// and promotion_id indexes; checklist edits by id and (promotion_id, position); the results CSV
// reads the campaign's SKUs by its key and their order lines by sku.
describe('query plans (promotion creative)', () => {
  it('uses an index for creative tasks, checklist edits and the results CSV', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    await app.ok(C, 'orders.create', {
      memberName: '买家',
      status: 'paid',
      lines: [{ skuId: p.skus[0]!.id, quantity: 1, priceFen: 5000 }],
    });
    const pr = await app.ok<{ id: string; version: string; creative: { id: string }[] }>(
      C,
      'promotions.save',
      { name: '双十二', startDate: '2036-12-12', endDate: '2036-12-14', skuIds: p.skus.map((s) => s.id) },
    );
    await app.ok(C, 'promotions.createCreative', { id: pr.id });
    await app.ok(C, 'promotions.save', {
      id: pr.id,
      expectedVersion: pr.version,
      name: '双十二',
      startDate: '2036-12-10',
      endDate: '2036-12-14',
      skuIds: p.skus.map((s) => s.id),
      moveCreative: true,
    });
    await app.ok(C, 'art.taskGet', { id: pr.creative[0]!.id });
    for (const title of ['话术', '改价']) {
      await app.ok(C, 'promotions.addTask', {
        promotionId: pr.id,
        title,
        ownerId: app.people.cs_agent!.id,
        dueDate: '2036-12-09',
      });
    }
    const got = await app.ok<{ tasks: { id: string }[] }>(C, 'promotions.get', { id: pr.id });
    await app.ok(C, 'promotions.editTask', {
      taskId: got.tasks[0]!.id,
      title: '客服话术',
      ownerId: app.people.cs_supervisor!.id,
      dueDate: '2036-12-08',
    });
    await app.ok(C, 'promotions.moveTask', { taskId: got.tasks[1]!.id, direction: 'up' });
    await app.ok(C, 'promotions.moveTask', { taskId: got.tasks[1]!.id, direction: 'down' });
    await app.ok(C, 'promotions.removeTask', { taskId: got.tasks[1]!.id });
    await app.ok(C, 'promotions.list', {});
    await app.ok(C, 'art.creativeLeadSave', { banner: 4, page: 4, homepage: 1 });
    await app.ok(C, 'art.creativeLeadGet', {});
    await app.ok(C, 'promotions.resultsExportCsv', { id: pr.id });
    const sqls = [
      ...app.store
        .preparedSql()
        .filter(
          (s) => /art_task|promotion|art_setting/.test(s) && !/FROM promotion p WHERE 1 = 1 ORDER BY/.test(s),
        ),
      resultsCsvQuery(app.store, pr.id).sql,
    ];
    expect(
      fullScans(
        app,
        sqls,
        /^SCAN (art_task|art_task_sku|promotion|promotion_sku|promotion_task|sales_order|sales_order_line|sku|product|staff|change_log)\b/,
      ),
    ).toEqual([]);
  });
});
