// Buyer search at scale (0022): each buyer_search key row carries the buyer's list columns so a
// page is one range read. These tests keep that copy exact through the real service paths
// (create, edit, merge, manual order, order import) and check that searchBuyers returns the same
// rows, in the same order and with the same total, as the query shape it replaced (ids from the
// key range, then each buyer's row and order figures read from buyer / sales_order).
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Buyer, BuyerRow, OrderImportPreview, Paged } from '../../src-main/api/contract';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { openStore, type Store } from '../../src-main/db/store';
import { buyerMatchSql, insertBuyer, searchBuyers } from '../../src-main/modules/service/buyers';
import { maskPhone, parseJsonArray } from '../../src-main/modules/service/common';
import { setup } from '../../src-main/modules/staff/service';
import { Rng } from '../../resources/demo/shop';
import { makeApp, sampleProduct, tempDir, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';

const C = '00000000-0000-4000-8000-0000000000f2';
let app: TestApp | undefined;
let cleanups: (() => void)[] = [];
afterEach(() => {
  app?.close();
  app = undefined;
  for (const c of cleanups) c();
  cleanups = [];
});

/** Key rows whose copied columns differ from their buyer's, or that belong to a merged-away buyer. */
function staleKeys(store: Store): unknown[] {
  return store.db
    .prepare(
      `SELECT s.key, b.member_name FROM buyer_search s JOIN buyer b ON b.id = s.buyer_id
       WHERE b.merged_into_id IS NOT NULL OR s.member_name IS NOT b.member_name
          OR s.real_name IS NOT b.real_name OR s.phones IS NOT b.phones OR s.tags IS NOT b.tags
          OR s.vip_level IS NOT b.vip_level`,
    )
    .all();
}

/** The pre-0022 search: ids from the key range in key order, rows and order figures per id. */
function referenceSearch(
  store: Store,
  input: { q: string; tag: string; offset: number; limit: number },
): Paged<BuyerRow> {
  const m = buyerMatchSql(input.q.trim(), input.tag.trim());
  const total = (
    store.db.prepare(`SELECT COUNT(*) AS n FROM (${m.sql} LIMIT 10000)`).get(m.params) as { n: number }
  ).n;
  const ids = (
    store.db
      .prepare(`${m.sql} LIMIT @limit OFFSET @offset`)
      .all({ ...m.params, limit: input.limit, offset: input.offset }) as {
      buyer_id: string;
    }[]
  ).map((r) => r.buyer_id);
  const one = store.db.prepare(
    `SELECT b.id, b.member_name, b.real_name, b.phones, b.tags, b.vip_level,
       (SELECT COUNT(*) FROM sales_order o WHERE o.buyer_id = b.id) AS order_count,
       (SELECT MAX(o.ordered_at) FROM sales_order o WHERE o.buyer_id = b.id) AS last_order_at
     FROM buyer b WHERE b.id = ?`,
  );
  const zh = new Intl.Collator('zh-CN');
  const rows = ids.map(
    (id) =>
      one.get(id) as {
        id: string;
        member_name: string;
        real_name: string;
        phones: string;
        tags: string;
        vip_level: number;
        order_count: number;
        last_order_at: string | null;
      },
  );
  rows.sort((a, b) => zh.compare(a.member_name, b.member_name));
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      memberName: r.member_name,
      realName: r.real_name,
      phones: parseJsonArray(r.phones).map(maskPhone),
      tags: parseJsonArray(r.tags),
      vipLevel: r.vip_level,
      orderCount: r.order_count,
      lastOrderAt: r.last_order_at,
    })),
  };
}

describe('buyer search keys carry the list columns (0022)', () => {
  it('stay exact on create, edit, merge, manual orders and an order import', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const a = await app.ok<Buyer>(C, 'buyers.save', {
      memberName: '小鹿乱撞_旧号',
      realName: '王小鹿',
      phones: ['13700009999'],
      tags: ['爱砍价'],
    });
    const b = await app.ok<Buyer>(C, 'buyers.save', { memberName: '张伟的店', realName: '张伟' });
    expect(staleKeys(app.store)).toEqual([]);
    // an edit of every listed column
    await app.ok(C, 'buyers.save', {
      id: b.id,
      memberName: '张伟的小店',
      realName: '张伟强',
      phones: ['13800001234', '15900004321'],
      tags: ['回头客'],
      vipLevel: 3,
    });
    expect(staleKeys(app.store)).toEqual([]);
    const found = await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '4321' });
    expect(found.rows).toMatchObject([
      { memberName: '张伟的小店', realName: '张伟强', phones: ['138****1234', '159****4321'], vipLevel: 3 },
    ]);
    expect((await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '张伟的店' })).total).toBe(0);
    // an import creates buyers and tops up the existing ones; a manual order links one
    const p = await app.ok<OrderImportPreview>(C, 'orders.importPreview', {
      files: [
        { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
        { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
      ],
    });
    await app.ok(C, 'orders.importCommit', { importId: p.importId });
    const sku = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    await app.ok(C, 'orders.create', {
      memberName: '张伟的小店',
      receiverName: '张伟强',
      receiverPhone: '13600001111',
      lines: [{ skuId: sku.skus[0]!.id, quantity: 1 }],
    });
    expect(staleKeys(app.store)).toEqual([]);
    const zw = (await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '13600001111' })).rows;
    expect(zw).toMatchObject([{ memberName: '张伟的小店', orderCount: 1 }]);
    // a merge: the kept buyer's keys take the union, the merged one leaves the search
    const keep = (await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '小鹿乱撞' })).rows.find(
      (r) => r.memberName === '小鹿乱撞2019',
    )!;
    await app.ok(C, 'buyers.merge', { keepId: keep.id, mergeId: a.id });
    expect(staleKeys(app.store)).toEqual([]);
    const keys = app.store.db
      .prepare(`SELECT DISTINCT buyer_id FROM buyer_search WHERE buyer_id = ?`)
      .all(a.id);
    expect(keys).toEqual([]);
    const afterMerge = await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '9999' });
    expect(afterMerge.rows.map((r) => r.id)).toEqual([keep.id]);
    expect(afterMerge.rows[0]!.tags).toContain('爱砍价');
    // the merged-away member name stays a key of the kept buyer
    expect(
      (await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '小鹿乱撞_旧' })).rows.map((r) => r.id),
    ).toEqual([keep.id]);
  });

  it('0022 copies the columns into the keys of an existing database', () => {
    const dir = tempDir('buyer-search-0022-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const before = MIGRATIONS.filter((m) => m.version < 22);
    const old = openStore({ dataDir: dir, migrations: before });
    old.tx(() => setup(old, { shopName: '店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }));
    // the pre-0022 writer: keys only
    old.tx(() => {
      old.db
        .prepare(
          `INSERT INTO buyer (id, member_name, real_name, phones, tags, vip_level, created_at, updated_at)
           VALUES ('b1', '买家一', '李娜', '["13912345678"]', '["回头客"]', 2, 'x', 'x')`,
        )
        .run();
      const k = old.db.prepare(`INSERT INTO buyer_search (key, buyer_id) VALUES (?, 'b1')`);
      for (const key of ['买家一', 'mjy', '李娜', 'ln', '13912345678', '5678', '#回头客']) k.run(key);
    });
    old.close();
    const store = openStore({ dataDir: dir });
    try {
      expect(store.db.prepare(`SELECT COUNT(*) AS n FROM buyer_search`).get()).toEqual({ n: 7 });
      expect(staleKeys(store)).toEqual([]);
      expect(searchBuyers(store, { q: 'ln', tag: '回头客', offset: 0, limit: 50 }).rows).toMatchObject([
        {
          id: 'b1',
          memberName: '买家一',
          realName: '李娜',
          phones: ['139****5678'],
          vipLevel: 2,
          tags: ['回头客'],
        },
      ]);
    } finally {
      store.close();
    }
  });
});

describe('searchBuyers', () => {
  it('returns what the per-id query shape returned: same rows, order, order figures and total', () => {
    const dir = tempDir('buyer-search-same-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const store = openStore({ dataDir: dir });
    cleanups.unshift(() => store.close());
    const by = store.tx(() =>
      setup(store, { shopName: '店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }),
    ).staff.id;
    const rng = new Rng(5);
    const SUR = '王李张刘陈赵周';
    const GIV = '伟芳娜敏静丽强';
    const names: string[] = [];
    const phones: string[] = [];
    store.tx(() => {
      const hlc = store.stamp();
      for (let i = 0; i < 400; i++) {
        const real = SUR[rng.int(0, SUR.length - 1)]! + GIV[rng.int(0, GIV.length - 1)]!;
        const phone = `13${String(rng.int(0, 99_999_999)).padStart(9, '0')}`.slice(0, 11);
        const id = insertBuyer(
          store,
          by,
          {
            memberName: `tb${i}_${real}`,
            realName: real,
            phones: [phone],
            tags: i % 3 ? [] : ['回头客'],
            vipLevel: i % 4,
          },
          hlc,
        );
        names.push(real);
        phones.push(phone);
        for (let o = 0; o < i % 3; o++) {
          const at = new Date(Date.UTC(2026, 0, 1 + rng.int(0, 300))).toISOString();
          store.db
            .prepare(
              `INSERT INTO sales_order (id, order_no, source, buyer_id, member_name, status, total_fen, paid_fen, item_count, ordered_at, created_at, updated_at)
               VALUES (?, ?, 'taobao', ?, ?, 'paid', 100, 100, 1, ?, ?, '0')`,
            )
            .run(`o${i}-${o}`, `19${i}${o}`.padEnd(18, '7'), id, `tb${i}_${real}`, at, at);
        }
      }
    });
    const queries: { q: string; tag: string }[] = [
      { q: '王', tag: '' },
      { q: '张伟', tag: '' },
      { q: 'z', tag: '' },
      { q: 'ww', tag: '' },
      { q: 'TB1', tag: '' },
      { q: phones[7]!.slice(-4), tag: '' },
      { q: phones[9]!.slice(0, 5), tag: '' },
      { q: '13', tag: '' },
      { q: '', tag: '回头客' },
      { q: 'l', tag: '回头客' },
      { q: names[3]!, tag: '回头客' },
      { q: '没有这个人', tag: '' },
    ];
    let compared = 0;
    for (const { q, tag } of queries) {
      for (const [offset, limit] of [
        [0, 50],
        [50, 50],
        [10, 7],
      ] as const) {
        const input = { q, tag, offset, limit };
        const got = searchBuyers(store, input);
        expect(got, JSON.stringify(input)).toEqual(referenceSearch(store, input));
        compared += got.rows.length;
      }
    }
    expect(compared).toBeGreaterThan(300);
    // the totals are real: '13' matches every phone, 'z' every 张/赵/周 name's initials
    expect(searchBuyers(store, { q: '13', tag: '', offset: 0, limit: 50 }).total).toBe(400);
  });
});
