// The set-based order import (issue 4, performance): the fast CSV reader gives exactly what
// csv-parse gives, the buyers linked in one pass per import end up exactly as linking them order
// by order (`linkBuyer`) leaves them, and the list counters kept by triggers (0018) stay exact.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/db/store';
import { parseCsv } from '../../src-main/lib/csv';
import { decodeBytes } from '../../src-main/lib/encoding';
import { insertBuyer, mergeBuyers, searchBuyers } from '../../src-main/modules/service/buyers';
import { parseCsvFast } from '../../src-main/modules/service/import-cells';
import { importCommit, importPreview } from '../../src-main/modules/service/order-import';
import { linkBuyer, listOrders } from '../../src-main/modules/service/orders';
import { setup } from '../../src-main/modules/staff/service';
import { tempDir } from './helpers';
import { b64, lineCsv, LINES, orderCsv, ORDERS, type SampleOrder } from './service-fixtures';

const open: { store: Store; dir: string }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) {
    o.store.close();
    fs.rmSync(o.dir, { recursive: true, force: true });
  }
});

function shop(): { store: Store; by: string } {
  const dir = tempDir();
  const store = openStore({ dataDir: dir });
  open.push({ store, dir });
  const by = store.tx(() =>
    setup(store, { shopName: '测试店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }),
  ).staff.id;
  return { store, by };
}

describe('parseCsvFast', () => {
  it('reads the fixture exports exactly as parseCsv does, in every encoding', () => {
    for (const enc of ['gbk', 'gb18030', 'utf8', 'utf8bom'] as const) {
      for (const bytes of [orderCsv(enc), lineCsv(enc)]) {
        const { text } = decodeBytes(bytes);
        const fast = parseCsvFast(text);
        expect(fast).not.toBeNull();
        expect(fast).toEqual(parseCsv(text));
      }
    }
  });

  it('agrees with parseCsv on line ends, quotes, empty lines and ragged rows; leaves the odd cases to it', () => {
    const same = [
      'a,b\r\nc,d\r\n',
      'a,b\nc,d',
      'a,b\rc,d\r',
      '\uFEFFa,"b,1"\n\n\nc,"d""e"\n',
      'x,="123",y\n',
      'a,\n,b\n,\n',
      '"",""\n',
      '""\n',
      'a\n\r\nb',
      ' a ,b "c" d,e\n',
      'a,b\r\n\r\nc\r\n',
      '"a\nb",c\r\nd',
      'a,b,',
      '\r\n',
      '',
    ];
    for (const text of same) expect(parseCsvFast(text), JSON.stringify(text)).toEqual(parseCsv(text));
    // Text after a closing quote, an unclosed quote: not decided here.
    expect(parseCsvFast('a,"b"c\n')).toBeNull();
    expect(parseCsvFast('"abc')).toBeNull();
  });
});

describe('buyers linked once per import', () => {
  const order = (no: number, member: string, name: string, mobile: string, address: string): SampleOrder => ({
    ...ORDERS[1]!,
    no: String(7_100_000_000_000_000 + no),
    member,
    name,
    mobile,
    address,
  });
  const orders = [
    order(1, '老客户', '张三', "'13900000002", '地址甲'),
    order(2, '新买家', '', "'13900000003", '地址乙'),
    order(3, '新买家', '李四', "'13900000004", '地址乙'),
    order(4, '旧号', '王五', "'13900000005", ''),
    order(5, '老客户', '赵六', "'13900000001", '地址丙'),
    order(6, '', '无名', "'13900000006", '地址丁'),
    order(7, '新买家', '李四', '12-3', '地址戊'),
  ];

  /** Existing buyers: one live, and one merged into another (an import of its name links to the kept one). */
  function existing(store: Store, by: string): void {
    store.tx(() => {
      const hlc = store.stamp();
      insertBuyer(store, by, { memberName: '老客户', phones: ['13900000001'], addresses: ['旧地址'] }, hlc);
      const keep = insertBuyer(store, by, { memberName: '保留的号', realName: '周七' }, hlc);
      const gone = insertBuyer(store, by, { memberName: '旧号', phones: ['13700000000'] }, hlc);
      mergeBuyers(store, by, keep, gone);
    });
  }

  const buyers = (store: Store) =>
    store.db
      .prepare(
        `SELECT member_name, real_name, phones, addresses, merged_into_id IS NOT NULL AS merged FROM buyer ORDER BY member_name`,
      )
      .all();
  const keys = (store: Store) =>
    store.db
      .prepare(
        `SELECT b.member_name, s.key FROM buyer_search s JOIN buyer b ON b.id = s.buyer_id ORDER BY 1, 2`,
      )
      .all();

  it('leaves buyers, search keys and order links exactly as linking order by order does', () => {
    const a = shop();
    existing(a.store, a.by);
    const files = [
      { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk', orders)) },
      {
        fileName: 'ExportOrderDetailList.csv',
        contentBase64: b64(
          lineCsv(
            'gbk',
            orders.map((o) => [`="${o.no}"`, ...LINES[2]!.slice(1)]),
          ),
        ),
      },
    ];
    const preview = importPreview(a.store, a.by, { files });
    expect(preview.counts).toEqual({ new: 7, changed: 0, unchanged: 0, rejected: 0 });
    expect(preview.newBuyers).toBe(1);
    const seqBefore = (a.store.db.prepare(`SELECT MAX(seq) AS s FROM change_log`).get() as { s: number }).s;
    const result = a.store.tx(() =>
      importCommit(a.store, a.by, { importId: preview.importId, excludeOrders: [] }),
    );
    expect(result).toMatchObject({ created: 7, buyersCreated: 1 });

    // The reference: the same orders linked one by one, as the import did before.
    const b = shop();
    existing(b.store, b.by);
    const linked = b.store.tx(() => {
      const hlc = b.store.stamp();
      return orders.map((o) => {
        const phone = o.mobile.replace(/^'/, '').replace(/[\s-]/g, '');
        const r = linkBuyer(
          b.store,
          b.by,
          o.member,
          { name: o.name, phone: /^\+?\d{5,20}$/.test(phone) ? phone : '', address: o.address },
          hlc,
          'import',
        );
        return r.id;
      });
    });

    expect(buyers(a.store)).toEqual(buyers(b.store));
    expect(keys(a.store)).toEqual(keys(b.store));
    const refLinks = linked.map(
      (id) =>
        (id &&
          (
            b.store.db.prepare(`SELECT member_name FROM buyer WHERE id = ?`).get(id) as {
              member_name: string;
            }
          ).member_name) ||
        null,
    );
    const links = orders.map(
      (o) =>
        (
          a.store.db
            .prepare(
              `SELECT b.member_name AS m FROM sales_order o LEFT JOIN buyer b ON b.id = o.buyer_id WHERE o.order_no = ?`,
            )
            .get(o.no) as { m: string | null }
        ).m,
    );
    expect(links).toEqual(refLinks);
    expect(links).toEqual(['老客户', '新买家', '新买家', '保留的号', '老客户', null, '新买家']);

    // One change-log entry per buyer written (not per order), one per order.
    const log = a.store.db
      .prepare(`SELECT entity, op, label FROM change_log WHERE seq > ? ORDER BY seq`)
      .all(seqBefore) as { entity: string; op: string; label: string }[];
    expect(
      log
        .filter((l) => l.entity === 'buyer')
        .map((l) => l.label)
        .sort(),
    ).toEqual(['保留的号', '老客户', '新买家'].sort());
    expect(log.filter((l) => l.entity === 'sales_order')).toHaveLength(7);
    expect(log.filter((l) => l.entity === 'order_import')).toHaveLength(1);
  });
});

describe('list counters (0018)', () => {
  const real = (store: Store) =>
    Object.fromEntries(
      [
        ['buyer', `SELECT COUNT(*) AS n FROM buyer WHERE merged_into_id IS NULL`],
        ...['wait_pay', 'paid', 'shipped', 'success', 'closed'].map((s) => [
          `order:${s}`,
          `SELECT COUNT(*) AS n FROM sales_order WHERE status = '${s}'`,
        ]),
      ].map(([k, sql]) => [k, (store.db.prepare(sql!).get() as { n: number }).n]),
    );
  const kept = (store: Store) =>
    Object.fromEntries(
      (store.db.prepare(`SELECT key, n FROM service_count`).all() as { key: string; n: number }[]).map(
        (r) => [r.key, r.n],
      ),
    );

  it('match COUNT(*) after an import, a status change and a merge, and give the list totals', () => {
    const { store, by } = shop();
    expect(kept(store)).toEqual(real(store));
    const files = [
      { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
      { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
    ];
    const p = importPreview(store, by, { files });
    store.tx(() => importCommit(store, by, { importId: p.importId, excludeOrders: [] }));
    expect(kept(store)).toEqual(real(store));
    expect(real(store)).toMatchObject({ buyer: 2, 'order:wait_pay': 1, 'order:paid': 1, 'order:shipped': 1 });

    store.db.prepare(`UPDATE sales_order SET status = 'closed' WHERE status = 'wait_pay'`).run();
    const [x, y] = (
      store.db.prepare(`SELECT id FROM buyer ORDER BY member_name`).all() as { id: string }[]
    ).map((r) => r.id);
    store.tx(() => mergeBuyers(store, by, x!, y!));
    expect(kept(store)).toEqual(real(store));
    expect(real(store)).toMatchObject({ buyer: 1, 'order:wait_pay': 0 });

    expect(searchBuyers(store, { q: '', tag: '', offset: 0, limit: 50 }).total).toBe(1);
    const page = (filter: Record<string, string>) =>
      listOrders(store, { filter: { q: '', ...filter }, offset: 0, limit: 50 }).total;
    expect(page({})).toBe(3);
    expect(page({ status: 'closed' })).toBe(real(store)['order:closed']);
    expect(page({ status: 'wait_pay' })).toBe(0);
    expect(page({ status: 'paid', from: '2026-11-26', to: '2026-11-26' })).toBe(
      (
        store.db
          .prepare(
            `SELECT COUNT(*) AS n FROM sales_order WHERE status = 'paid' AND ordered_at < '2026-11-26T16:00:00Z'`,
          )
          .get() as { n: number }
      ).n,
    );
  });
});
