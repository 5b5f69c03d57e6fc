// The bulk writer of the order import (issue 4, performance): multi-row INSERTs (`db/bulk.ts`)
// for new orders, lines, status facts, new buyers with their search keys, and `store.logMany`
// for the change log. Both imports below run twice on identical shops with the same clock — once
// bulk, once with the row-by-row writer it replaced — and every row they wrote must be the same,
// in the same order (ids compared by what they point at: order number, member name, …).
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { insertRows, ROWS_PER_STATEMENT } from '../../src-main/db/bulk';
import { openStore, type Store } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { insertBuyer, mergeBuyers } from '../../src-main/modules/service/buyers';
import { importCommit, importPreview } from '../../src-main/modules/service/order-import';
import { setup } from '../../src-main/modules/staff/service';
import { rowOrder, tempDir } from './helpers';
import { b64, lineCsv, LINES, orderCsv, ORDERS, type SampleOrder } from './service-fixtures';

const open: { store: Store; dir: string }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.store.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

const CLOCK = Date.parse('2026-11-28T08:00:00.000Z');

function shop(): { store: Store; by: string } {
  const dir = tempDir();
  const store = openStore({ dataDir: dir, now: () => CLOCK });
  open.push({ store, dir });
  const by = store.tx(() =>
    setup(store, { shopName: '测试店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }),
  ).staff.id;
  // Buyers already there: one live (the import tops it up), one merged into another.
  store.tx(() => {
    const hlc = store.stamp();
    insertBuyer(store, by, { memberName: '老客户', phones: ['13900000001'], addresses: ['旧地址'] }, hlc);
    const keep = insertBuyer(store, by, { memberName: '保留的号', realName: '周七' }, hlc);
    const gone = insertBuyer(store, by, { memberName: '旧号', phones: ['13700000000'] }, hlc);
    mergeBuyers(store, by, keep, gone);
  });
  return { store, by };
}

const STATUSES = [
  '等待买家付款',
  '买家已付款，等待卖家发货',
  '卖家已发货,等待买家确认',
  '交易成功',
  '交易关闭',
];
const MEMBERS = ['老客户', '旧号', '张小花', '王大锤', '李雷', '韩梅梅', 'tb_abc123', '重庆火锅店', ''];

/** `n` generated orders from `from` on: every status, repeated and existing member names, some without. */
function generated(from: number, n: number): SampleOrder[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const status = STATUSES[i % STATUSES.length]!;
    const unpaid = status === '等待买家付款';
    return {
      ...ORDERS[1]!,
      no: String(7_200_000_000_000_000 + i),
      member: MEMBERS[i % MEMBERS.length]!,
      status,
      paid: unpaid ? '0.00' : '67.00',
      paidAt: unpaid ? '' : '2026-11-26 20:03:10',
      name: i % 4 ? `收货人${i % 7}` : '',
      mobile: `'139${String(i % 11).padStart(8, '0')}`,
      address: `地址${i % 5}`,
      ...(status.startsWith('卖家已发货') ? { tracking: `="77${i}"`, carrier: '中通快递' } : {}),
    };
  });
}

function linesOf(orders: SampleOrder[], extra = (_o: SampleOrder, _i: number) => 0): string[][] {
  return orders.flatMap((o, i) => {
    const base = [`="${o.no}"`, ...LINES[2]!.slice(1)];
    const more = extra(o, i);
    return [
      base,
      ...Array.from({ length: more }, (_, j) => [`="${o.no}"`, `赠品${j}`, '0.00', String(j + 1)]),
    ];
  });
}

function files(orders: SampleOrder[], lines: string[][]) {
  return [
    { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk', orders)) },
    { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk', lines)) },
  ];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * Every row the import writes, in rowid (or primary key) order, with ids replaced by what they stand for (order
 * number, member name, line key, …; other ids by first appearance) and the device code masked.
 */
function dump(store: Store): Record<string, unknown[][]> {
  const label = new Map<string, string>();
  const all = <T>(sql: string) => store.db.prepare(sql).all() as T[];
  for (const s of all<{ id: string; name: string }>(`SELECT id, name FROM staff ORDER BY rowid`))
    label.set(s.id, `staff:${s.name}`);
  for (const b of all<{ id: string; member_name: string }>(
    `SELECT id, member_name FROM buyer ORDER BY rowid`,
  ))
    label.set(b.id, `buyer:${b.member_name}`);
  for (const o of all<{ id: string; order_no: string }>(
    `SELECT id, order_no FROM sales_order ORDER BY rowid`,
  ))
    label.set(o.id, `order:${o.order_no}`);
  for (const l of all<{ id: string; k: string }>(
    `SELECT l.id, o.order_no || '|' || l.line_key AS k FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id ORDER BY l.rowid`,
  ))
    label.set(l.id, `line:${l.k}`);
  const perOrder = new Map<string, number>();
  for (const s of all<{ id: string; order_id: string }>(
    `SELECT id, order_id FROM sales_order_status ORDER BY rowid`,
  )) {
    const n = (perOrder.get(s.order_id) ?? 0) + 1;
    perOrder.set(s.order_id, n);
    label.set(s.id, `status:${label.get(s.order_id)}#${n}`);
  }
  for (const c of all<{ id: string; seq: number }>(`SELECT id, seq FROM change_log ORDER BY seq`))
    label.set(c.id, `log:${c.seq}`);
  let other = 0;
  const fix = (v: unknown) =>
    typeof v === 'string'
      ? v
          .replace(UUID, (m) => {
            if (!label.has(m)) label.set(m, `id#${++other}`);
            return label.get(m)!;
          })
          .replaceAll(store.deviceCode, 'DEVICE')
      : v;
  const out: Record<string, unknown[][]> = {};
  for (const t of [
    'buyer',
    'buyer_search',
    'sales_order',
    'sales_order_line',
    'sales_order_status',
    'change_log',
    'service_count',
  ]) {
    out[t] = all<Record<string, unknown>>(`SELECT * FROM ${t} ORDER BY ${rowOrder(store, t)}`).map((r) =>
      Object.values(r).map(fix),
    );
  }
  return out;
}

function importBoth(steps: { orders: SampleOrder[]; lines: string[][] }[]): {
  bulk: ReturnType<typeof dump>;
  rowByRow: ReturnType<typeof dump>;
  results: unknown[];
} {
  const results: unknown[] = [];
  const run = (rowByRow: boolean) => {
    const { store, by } = shop();
    for (const s of steps) {
      const p = importPreview(store, by, { files: files(s.orders, s.lines) });
      expect(p.counts.rejected).toBe(0);
      const r = store.tx(() =>
        importCommit(store, by, { importId: p.importId, excludeOrders: [] }, { rowByRow }),
      );
      results.push({ rowByRow, ...r });
    }
    return dump(store);
  };
  return { rowByRow: run(true), bulk: run(false), results };
}

describe('bulk order import writer', () => {
  it('writes exactly the rows the row-by-row writer wrote: a first import, then updates mixed with new orders', () => {
    // More rows than one statement takes (full batches plus a remainder), fixture orders too.
    const first = [...ORDERS, ...generated(0, 2 * ROWS_PER_STATEMENT + 37)];
    const firstLines = [...LINES, ...linesOf(first.slice(ORDERS.length), (_o, i) => i % 3)];
    // Second file: new orders before and after changed ones (status, amounts, lines), unchanged rest.
    const changed = first.slice(0, 40).map((o, i) => ({
      ...o,
      status: i % 2 ? '交易成功' : '买家已付款，等待卖家发货',
      paid: '1.00',
      paidAt: '2026-11-27 10:00:00',
      name: '改过的人',
      mobile: "'13811112222",
    }));
    const second = [
      ...generated(1000, 130),
      ...changed,
      ...first.slice(40),
      ...generated(2000, ROWS_PER_STATEMENT + 5),
    ];
    const secondLines = linesOf(second, (o, i) => (i % 5 === 0 ? 2 : 0));
    const { bulk, rowByRow, results } = importBoth([
      { orders: first, lines: firstLines },
      { orders: second, lines: secondLines },
    ]);
    // Both did real work, and the same.
    expect(results[0]).toMatchObject({ created: first.length, updated: 0 });
    expect(results[1]).toMatchObject({ created: 130 + ROWS_PER_STATEMENT + 5 });
    expect((results[1] as { updated: number }).updated).toBeGreaterThan(40);
    expect(results.slice(2)).toEqual(results.slice(0, 2).map((r) => ({ ...(r as object), rowByRow: false })));
    expect(rowByRow.sales_order!.length).toBe(first.length + 130 + ROWS_PER_STATEMENT + 5);
    expect(rowByRow.sales_order_status!.length).toBeGreaterThan(2 * rowByRow.sales_order!.length);
    expect(rowByRow.buyer!.length).toBeGreaterThan(5);
    for (const t of Object.keys(rowByRow)) expect(bulk[t], t).toEqual(rowByRow[t]);
    // No id was left unexplained except the two import ids (order_import change-log rows).
    const ids = JSON.stringify(bulk).match(/id#\d+/g) ?? [];
    expect(new Set(ids)).toEqual(new Set(['id#1', 'id#2']));
  });

  it('re-importing the same files writes nothing on the bulk path', () => {
    const { store, by } = shop();
    const orders = [...ORDERS, ...generated(0, ROWS_PER_STATEMENT + 1)];
    const f = files(orders, [...LINES, ...linesOf(orders.slice(ORDERS.length))]);
    const p1 = importPreview(store, by, { files: f });
    store.tx(() => importCommit(store, by, { importId: p1.importId, excludeOrders: [] }));
    const before = dump(store);
    const p2 = importPreview(store, by, { files: f });
    expect(p2.counts).toMatchObject({ new: 0, changed: 0, unchanged: orders.length });
    const r = store.tx(() => importCommit(store, by, { importId: p2.importId, excludeOrders: [] }));
    expect(r).toMatchObject({ created: 0, updated: 0, unchanged: orders.length });
    expect(dump(store)).toEqual(before);
  });
});

describe('insertRows', () => {
  it('inserts every row in order (full statements and the remainder), only inside a transaction', () => {
    const { store } = shop();
    store.db.exec(`CREATE TABLE bulk_probe (a INTEGER NOT NULL, b TEXT) STRICT`);
    const rows = Array.from({ length: 2 * ROWS_PER_STATEMENT + 3 }, (_, i) => [i, i % 2 ? `值${i}` : null]);
    expect(() => insertRows(store, 'bulk_probe', ['a', 'b'], rows)).toThrow(/transaction/);
    store.tx(() => insertRows(store, 'bulk_probe', ['a', 'b'], rows));
    expect(store.db.prepare(`SELECT a, b FROM bulk_probe ORDER BY rowid`).raw().all()).toEqual(rows);
    // A failing row aborts the whole transaction: nothing of it stays.
    const bad = [...rows.map(([a]) => [Number(a) + 1000, 'x']), [null, 'y']];
    expect(() => store.tx(() => insertRows(store, 'bulk_probe', ['a', 'b'], bad))).toThrow();
    expect((store.db.prepare(`SELECT COUNT(*) AS n FROM bulk_probe`).get() as { n: number }).n).toBe(
      rows.length,
    );
  });
});

describe('newId (buffered random words)', () => {
  it('gives UUIDv7 text, unique and increasing, past many buffer refills', () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    for (const id of ids.slice(0, 2000))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id, i) => i === 0 || ids[i - 1]! < id)).toBe(true);
    // The time part is now (ms since the epoch in the first 48 bits).
    const ms = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });
});
