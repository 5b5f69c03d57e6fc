// The product catalog through the real router on a real SQLite file: create/get, the list (search,
// filters, sorting, paging), uniqueness, optimistic concurrency, SKU archiving, product archiving,
// and the change log.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, Paged, Product, SkuRow } from '../../src-main/api/contract';
import { createRouter } from '../../src-main/api/router';
import { openStore } from '../../src-main/db/store';
import { changeLogRows, fingerprint, makeApp, sampleProduct, tempDir, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000c1';

/** A shop whose clock stands still (every write happens at the same millisecond), manager signed in on C. */
function fixedClockApp() {
  const dir = tempDir();
  const store = openStore({ dataDir: dir, now: () => Date.parse('2026-11-28T02:00:00.000Z') });
  const router = createRouter({
    store,
    host: { appVersion: 'test', chooseSavePath: async () => null },
    logError: () => {},
  });
  return {
    async ok<T>(client: string, channel: string, input: unknown): Promise<T> {
      const env = await router.call(client, channel, input);
      if (!env.ok) throw new Error(`${channel} failed: ${JSON.stringify(env.error)}`);
      return env.data as T;
    },
    setUp: () => router.call(C, 'system.setup', { shopName: '店', managerName: '店长', pin: '1111' }),
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let app: TestApp;
beforeEach(async () => {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'manager');
});
afterEach(() => app.close());

type Sort = { field: 'title' | 'code' | 'priceFen' | 'costFen' | 'updatedAt'; order: 'asc' | 'desc' };
const create = (p: Record<string, unknown>) => app.ok<Product>(C, 'catalog.create', p);
const list = (filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  app.ok<Paged<SkuRow>>(C, 'catalog.list', { filter, limit: 500, ...extra });
const codes = async (filter: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  (await list(filter, extra)).rows.map((r) => r.code).sort();
/** One SKU of the form, by code (the order of a product's SKUs is not what is tested here). */
const formSku = (p: Product, code: string) => {
  const s = formOf(p).skus.find((x) => x.code === code);
  if (!s) throw new Error(`no SKU ${code}`);
  return s;
};
/** The input form of a product as the UI would send it back for an update. */
const formOf = (p: Product, overrides: Record<string, unknown> = {}) => ({
  id: p.id,
  expectedVersion: p.version,
  title: p.title,
  styleCode: p.styleCode,
  category: p.category,
  listed: p.listed,
  notes: p.notes,
  skus: p.skus
    .filter((s) => !s.archived)
    .map(({ id, code, barcode, spec, costFen, priceFen, lowStockThreshold }) => ({
      id,
      code,
      barcode,
      spec,
      costFen,
      priceFen,
      lowStockThreshold,
    })),
  ...overrides,
});
const logRows = (entity?: string) => changeLogRows(app.store, entity ? { entity } : {});
const expectError = (env: Envelope<unknown>) => {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('expected an error');
  return env.error;
};

describe('create and get', () => {
  it('creates a product with its SKUs and reads it back', async () => {
    const p = await create(sampleProduct({ notes: '夏季主推' }));
    const got = await app.ok<Product>(C, 'catalog.get', { productId: p.id });
    expect(got).toEqual(p);
    expect(got).toMatchObject({
      title: '纯棉圆领短袖T恤 男款',
      styleCode: 'TX001',
      category: '男装',
      listed: true,
      notes: '夏季主推',
      archived: false,
      updatedByName: '店长甲',
    });
    expect([...got.skus].sort((a, b) => (a.code < b.code ? -1 : 1))).toEqual([
      expect.objectContaining({
        code: 'TX001-BK-XL',
        barcode: '',
        spec: '颜色分类:黑色;尺码:XL',
        costFen: 2500,
        priceFen: 5900,
        archived: false,
      }),
      expect.objectContaining({
        code: 'TX001-WH-L',
        barcode: '6901234567892',
        spec: '颜色分类:白色;尺码:L',
        costFen: 2500,
        priceFen: 5900,
        lowStockThreshold: 10,
        archived: false,
      }),
    ]);
    expect(got.version).toMatch(/^\d{13}-[0-9a-f]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(got.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const row = app.store.db
      .prepare('SELECT created_by, updated_by, title_initials FROM product WHERE id = ?')
      .get(p.id);
    expect(row).toEqual({
      created_by: app.people.manager!.id,
      updated_by: app.people.manager!.id,
      title_initials: 'cmyldxtxnk',
    });
  });

  it('gives the SKUs back in the order they were entered, whatever the clock does', async () => {
    // Sizes are entered S, M, L, XL; the form must not show them as L, M, S, XL one time and in
    // entry order another time, depending on whether the millisecond ticked between two inserts.
    // A fixed clock makes every insert happen "at the same time".
    const fixed = fixedClockApp();
    try {
      await fixed.setUp();
      const p = await fixed.ok<Product>(C, 'catalog.create', {
        title: '基础款卫衣',
        skus: ['WY-S', 'WY-M', 'WY-L', 'WY-XL'].map((code) => ({ code, costFen: 3000, priceFen: 7900 })),
      });
      expect(p.skus.map((s) => s.code)).toEqual(['WY-S', 'WY-M', 'WY-L', 'WY-XL']);
      // A SKU added later comes after them.
      const next = await fixed.ok<Product>(
        C,
        'catalog.update',
        formOf(p, { skus: [...formOf(p).skus, { code: 'WY-2XL', costFen: 3000, priceFen: 7900 }] }),
      );
      expect(next.skus.map((s) => s.code)).toEqual(['WY-S', 'WY-M', 'WY-L', 'WY-XL', 'WY-2XL']);
    } finally {
      fixed.close();
    }
  });

  it('trims text input', async () => {
    const p = await create(
      sampleProduct({
        title: '  宽松卫衣  ',
        skus: [{ code: '  WY-1 ', costFen: 1, priceFen: 2, spec: ' 黑色 ' }],
      }),
    );
    expect(p.title).toBe('宽松卫衣');
    expect(p.skus[0]).toMatchObject({ code: 'WY-1', spec: '黑色' });
  });

  it('answers NOT_FOUND for an unknown product id', async () => {
    const productId = '01900000-0000-7000-8000-000000000000';
    expect(expectError(await app.call(C, 'catalog.get', { productId })).code).toBe('NOT_FOUND');
    expect(expectError(await app.call(C, 'catalog.setArchived', { productId, archived: true })).code).toBe(
      'NOT_FOUND',
    );
    expect(
      expectError(
        await app.call(C, 'catalog.update', { ...sampleProduct(), id: productId, expectedVersion: 'x' }),
      ).code,
    ).toBe('NOT_FOUND');
  });
});

describe('the list: search', () => {
  beforeEach(async () => {
    await create(sampleProduct());
    await create({
      title: '加厚保温杯 不锈钢',
      styleCode: 'BW-9',
      category: '家居',
      skus: [
        { code: 'bw9-500ml', barcode: '6920000000017', spec: '容量:500ml', costFen: 1500, priceFen: 3900 },
      ],
    });
  });

  it.each([
    ['a Chinese title substring', '圆领短袖', ['TX001-BK-XL', 'TX001-WH-L']],
    ['a title substring with a space', 'T恤 男', ['TX001-BK-XL', 'TX001-WH-L']],
    ['pinyin initials', 'cmyl', ['TX001-BK-XL', 'TX001-WH-L']],
    ['pinyin initials in capitals', 'JHBWB', ['bw9-500ml']],
    ['a 商家编码 fragment', 'WH-L', ['TX001-WH-L']],
    ['a 商家编码 in another case', 'tx001-bk', ['TX001-BK-XL']],
    ['a lower-case code in capitals', 'BW9-500', ['bw9-500ml']],
    ['a barcode', '6901234567892', ['TX001-WH-L']],
    ['a barcode fragment', '692000', ['bw9-500ml']],
    ['a spec fragment', '黑色', ['TX001-BK-XL']],
    ['a latin letter of a title in another case', 't恤', ['TX001-BK-XL', 'TX001-WH-L']],
  ])('finds by %s (%j)', async (_what, q, expected) => {
    expect(await codes({ q })).toEqual(expected);
  });

  it('finds nothing for a non-matching query, and everything for an empty one', async () => {
    expect(await codes({ q: '连衣裙' })).toEqual([]);
    expect(await codes({ q: '' })).toHaveLength(3);
    expect(await codes({ q: '   ' })).toHaveLength(3);
  });

  it('does not match across the parts of the search text (title end + initials start)', async () => {
    expect(await codes({ q: '款cm' })).toEqual([]);
    expect(await codes({ q: 'nktx001' })).toEqual([]);
  });

  it('treats % _ and \\ in a query literally', async () => {
    await create({
      title: '特价商品',
      skus: [
        { code: 'SALE-50%OFF', costFen: 1, priceFen: 2 },
        { code: 'SALE-50XOFF', costFen: 1, priceFen: 2 },
        { code: 'U_1', costFen: 1, priceFen: 2 },
        { code: 'UX1', costFen: 1, priceFen: 2 },
        { code: 'B\\1', costFen: 1, priceFen: 2 },
      ],
    });
    expect(await codes({ q: '50%' })).toEqual(['SALE-50%OFF']);
    expect(await codes({ q: '%' })).toEqual(['SALE-50%OFF']);
    expect(await codes({ q: 'u_1' })).toEqual(['U_1']);
    expect(await codes({ q: '_' })).toEqual(['U_1']);
    expect(await codes({ q: '\\' })).toEqual(['B\\1']);
    expect(await codes({ q: 'b\\1' })).toEqual(['B\\1']);
  });
});

describe('the list: filters', () => {
  beforeEach(async () => {
    await create(sampleProduct()); // listed, 男装
    await create({
      title: '碎花连衣裙',
      category: '女装',
      listed: false,
      skus: [{ code: 'LYQ-1', costFen: 3000, priceFen: 8900 }],
    });
    const gone = await create({
      title: '旧款帆布鞋',
      category: '鞋',
      listed: true,
      skus: [{ code: 'FBX-1', costFen: 2000, priceFen: 4900 }],
    });
    await app.ok(C, 'catalog.setArchived', { productId: gone.id, archived: true });
  });

  it('filters listed / unlisted', async () => {
    expect(await codes({ listed: 'listed' })).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    expect(await codes({ listed: 'unlisted' })).toEqual(['LYQ-1']);
    expect(await codes({ listed: 'all', status: 'all' })).toEqual([
      'FBX-1',
      'LYQ-1',
      'TX001-BK-XL',
      'TX001-WH-L',
    ]);
  });

  it('filters by status: active (default), archived, all', async () => {
    expect(await codes()).toEqual(['LYQ-1', 'TX001-BK-XL', 'TX001-WH-L']);
    expect(await codes({ status: 'active' })).toEqual(['LYQ-1', 'TX001-BK-XL', 'TX001-WH-L']);
    expect(await codes({ status: 'archived' })).toEqual(['FBX-1']);
    expect(await codes({ status: 'all' })).toEqual(['FBX-1', 'LYQ-1', 'TX001-BK-XL', 'TX001-WH-L']);
    const archivedRow = (await list({ status: 'archived' })).rows[0]!;
    expect(archivedRow).toMatchObject({ code: 'FBX-1', archived: true, listed: true, title: '旧款帆布鞋' });
  });

  it('filters by category, combined with the other filters', async () => {
    expect(await codes({ category: '女装' })).toEqual(['LYQ-1']);
    expect(await codes({ category: '鞋' })).toEqual([]);
    expect(await codes({ category: '鞋', status: 'all' })).toEqual(['FBX-1']);
    expect(await codes({ category: '男装', listed: 'unlisted' })).toEqual([]);
    expect(await codes({ category: '男装', q: 'wh' })).toEqual(['TX001-WH-L']);
  });
});

describe('the list: sorting and paging', () => {
  const rawUpdated = () =>
    new Map(
      (
        app.store.db.prepare('SELECT code, updated_at FROM sku').all() as {
          code: string;
          updated_at: string;
        }[]
      ).map((r) => [r.code, r.updated_at]),
    );

  beforeEach(async () => {
    await create({
      title: '爱心杯',
      skus: [
        { code: 'A-02', costFen: 50, priceFen: 300 },
        { code: 'A-01', costFen: 50, priceFen: 100 },
      ],
    });
    await create({ title: '保温杯', skus: [{ code: 'B-01', costFen: 80, priceFen: 100 }] });
    await create({
      title: '茶杯',
      skus: [
        { code: 'C-02', costFen: 20, priceFen: 100 },
        { code: 'C-01', costFen: 20, priceFen: 200 },
      ],
    });
    await create({ title: 'Zebra mug', skus: [{ code: 'Z-01', costFen: 80, priceFen: 300 }] });
  });

  const FIELDS: Sort['field'][] = ['title', 'code', 'priceFen', 'costFen', 'updatedAt'];
  it.each(FIELDS.flatMap((field) => (['asc', 'desc'] as const).map((order) => [field, order] as const)))(
    'sorts by %s %s, ties broken by code in the same direction',
    async (field, order) => {
      const { rows, total } = await list({}, { sort: { field, order } });
      expect(total).toBe(6);
      const updated = rawUpdated();
      const key = (r: SkuRow): string | number =>
        field === 'updatedAt' ? updated.get(r.code)! : (r[field] as string | number);
      const expected = [...rows].sort((x, y) => {
        const a = key(x);
        const b = key(y);
        const c = a < b ? -1 : a > b ? 1 : x.code < y.code ? -1 : x.code > y.code ? 1 : 0;
        return order === 'asc' ? c : -c;
      });
      expect(rows.map((r) => r.code)).toEqual(expected.map((r) => r.code));
      // The order is really decided by the field (not by insertion order by chance).
      const plain = rows.map((r) => r.code).join();
      const reversed = (
        await list({}, { sort: { field, order: order === 'asc' ? 'desc' : 'asc' } })
      ).rows.map((r) => r.code);
      expect(reversed.reverse().join()).toBe(plain);
    },
  );

  it('sorts by price with ties broken by code', async () => {
    const rows = (await list({}, { sort: { field: 'priceFen', order: 'asc' } })).rows.map(
      (r) => `${r.priceFen}:${r.code}`,
    );
    expect(rows).toEqual(['100:A-01', '100:B-01', '100:C-02', '200:C-01', '300:A-02', '300:Z-01']);
  });

  it('defaults to the most recently changed first', async () => {
    const p = await app.ok<Paged<SkuRow>>(C, 'catalog.list', { filter: { q: '保温' } });
    const prod = await app.ok<Product>(C, 'catalog.get', { productId: p.rows[0]!.productId });
    await app.ok(C, 'catalog.update', formOf(prod, { skus: [{ ...formOf(prod).skus[0]!, priceFen: 150 }] }));
    const rows = (await app.ok<Paged<SkuRow>>(C, 'catalog.list', {})).rows;
    expect(rows[0]!.code).toBe('B-01');
  });

  it('pages with offset and limit, with the total of the whole filtered list', async () => {
    const sort = { field: 'code', order: 'asc' };
    const all = (await list({}, { sort })).rows.map((r) => r.code);
    expect(all).toEqual(['A-01', 'A-02', 'B-01', 'C-01', 'C-02', 'Z-01']);
    const p1 = await app.ok<Paged<SkuRow>>(C, 'catalog.list', { sort, offset: 0, limit: 4 });
    const p2 = await app.ok<Paged<SkuRow>>(C, 'catalog.list', { sort, offset: 4, limit: 4 });
    const p3 = await app.ok<Paged<SkuRow>>(C, 'catalog.list', { sort, offset: 8, limit: 4 });
    expect([p1.total, p2.total, p3.total]).toEqual([6, 6, 6]);
    expect(p1.rows.map((r) => r.code)).toEqual(all.slice(0, 4));
    expect(p2.rows.map((r) => r.code)).toEqual(all.slice(4));
    expect(p3.rows).toEqual([]);
    const filtered = await app.ok<Paged<SkuRow>>(C, 'catalog.list', {
      filter: { q: '杯' },
      sort,
      offset: 1,
      limit: 2,
    });
    expect(filtered.total).toBe(5);
    expect(filtered.rows.map((r) => r.code)).toEqual(['A-02', 'B-01']);
  });

  it('returns list rows with the product fields and an ISO updatedAt', async () => {
    const row = (await list({ q: 'Z-01' })).rows[0]!;
    expect(row).toMatchObject({
      code: 'Z-01',
      title: 'Zebra mug',
      barcode: '',
      spec: '',
      category: '',
      costFen: 80,
      priceFen: 300,
      listed: false,
      lowStockThreshold: 10,
      archived: false,
    });
    expect(row.updatedAt).toMatch(/Z$/);
    expect(Date.parse(row.updatedAt)).not.toBeNaN();
  });
});

describe('uniqueness of codes and barcodes', () => {
  it('refuses a 商家编码 twice in one form (skus.N.code duplicateInForm), changing nothing', async () => {
    const before = fingerprint(app.store);
    const env = await app.call(
      C,
      'catalog.create',
      sampleProduct({
        skus: [
          { code: 'DUP-1', barcode: '111', costFen: 1, priceFen: 2 },
          { code: 'OK-2', costFen: 1, priceFen: 2 },
          { code: 'DUP-1', barcode: '111', costFen: 1, priceFen: 2 },
        ],
      }),
    );
    const e = expectError(env);
    expect(e.code).toBe('VALIDATION');
    expect(e.fields).toEqual({
      'skus.2.code': { key: 'validation.duplicateInForm' },
      'skus.2.barcode': { key: 'validation.duplicateInForm' },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('refuses a code or barcode used by another product, naming that product', async () => {
    await create(sampleProduct());
    const before = fingerprint(app.store);
    const e = expectError(
      await app.call(C, 'catalog.create', {
        title: '另一个商品',
        skus: [
          { code: 'NEW-1', costFen: 1, priceFen: 2 },
          { code: 'TX001-WH-L', costFen: 1, priceFen: 2 },
          { code: 'NEW-3', barcode: '6901234567892', costFen: 1, priceFen: 2 },
        ],
      }),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.fields).toEqual({
      'skus.1.code': { key: 'validation.codeTaken', params: { title: '纯棉圆领短袖T恤 男款' } },
      'skus.2.barcode': { key: 'validation.barcodeTaken', params: { title: '纯棉圆领短袖T恤 男款' } },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('counts an archived SKU of another product as taken', async () => {
    const p = await create(sampleProduct());
    await app.ok(C, 'catalog.update', formOf(p, { skus: [formSku(p, 'TX001-WH-L')] })); // archives TX001-BK-XL
    const e = expectError(
      await app.call(C, 'catalog.create', {
        title: '抢编码',
        skus: [{ code: 'TX001-BK-XL', costFen: 1, priceFen: 2 }],
      }),
    );
    expect(e.fields).toEqual({
      'skus.0.code': { key: 'validation.codeTaken', params: { title: '纯棉圆领短袖T恤 男款' } },
    });
  });

  it('refuses, on update, a code of another product and an id of another product’s SKU', async () => {
    const a = await create(sampleProduct());
    const b = await create({ title: '帆布包', skus: [{ code: 'BAG-1', costFen: 1, priceFen: 2 }] });
    const before = fingerprint(app.store);
    const e1 = expectError(
      await app.call(
        C,
        'catalog.update',
        formOf(b, { skus: [{ ...formOf(b).skus[0], code: 'TX001-WH-L' }] }),
      ),
    );
    expect(e1.fields).toEqual({ 'skus.0.code': { key: 'validation.codeTaken', params: { title: a.title } } });
    const e2 = expectError(
      await app.call(C, 'catalog.update', formOf(b, { skus: [formSku(a, 'TX001-BK-XL')] })),
    );
    expect(e2.fields).toEqual({ 'skus.0.id': { key: 'validation.invalid' } });
    expect(fingerprint(app.store)).toBe(before);
  });
});

describe('updating', () => {
  it('refuses listing or delisting an existing product by editing it (上架准备 marks it), changing nothing', async () => {
    const p = await create(sampleProduct({ listed: true }));
    const before = fingerprint(app.store);
    const env = await app.call(C, 'catalog.update', formOf(p, { listed: false, notes: '顺便下架' }));
    expect(expectError(env)).toMatchObject({
      code: 'VALIDATION',
      fields: { listed: { key: 'validation.listedViaReadiness' } },
    });
    expect(fingerprint(app.store)).toBe(before);
    // Other edits still save while the listing stays as it was.
    const saved = await app.ok<Product>(C, 'catalog.update', formOf(p, { notes: '只改备注' }));
    expect(saved).toMatchObject({ listed: true, notes: '只改备注' });
  });

  it('refuses a stale expectedVersion with CONFLICT staleEdit and changes nothing', async () => {
    const p = await create(sampleProduct());
    const first = await app.ok<Product>(
      C,
      'catalog.update',
      formOf(p, { title: '纯棉圆领短袖T恤 男款 新版' }),
    );
    expect(first.version > p.version).toBe(true);
    const before = fingerprint(app.store);
    const env = await app.call(C, 'catalog.update', formOf(p, { category: '童装' })); // still holds the old version
    expect(expectError(env)).toMatchObject({ code: 'CONFLICT', key: 'staleEdit' });
    expect(fingerprint(app.store)).toBe(before);
    expect((await app.ok<Product>(C, 'catalog.get', { productId: p.id })).category).toBe('男装');
  });

  it('bumps the version when only a SKU changed, so another editor sees a conflict', async () => {
    const p = await create(sampleProduct());
    const next = await app.ok<Product>(
      C,
      'catalog.update',
      formOf(p, { skus: [{ ...formSku(p, 'TX001-WH-L'), priceFen: 6900 }, formSku(p, 'TX001-BK-XL')] }),
    );
    expect(next.version).not.toBe(p.version);
    expect(
      expectError(await app.call(C, 'catalog.update', formOf(p, { notes: '别人的修改' }))),
    ).toMatchObject({
      code: 'CONFLICT',
      key: 'staleEdit',
    });
  });

  it('logs old → new values of every changed field', async () => {
    const p = await create(sampleProduct());
    const wh = formSku(p, 'TX001-WH-L');
    const seqBefore = logRows().length;
    await app.ok(
      C,
      'catalog.update',
      formOf(p, {
        category: '男士上衣',
        skus: [{ ...wh, priceFen: 6900, costFen: 2600 }, formSku(p, 'TX001-BK-XL')],
      }),
    );
    const rows = logRows().slice(seqBefore);
    expect(rows).toEqual([
      expect.objectContaining({
        staff_id: app.people.manager!.id,
        entity: 'product',
        row_id: p.id,
        op: 'update',
        fields: { category: { from: '男装', to: '男士上衣' } },
      }),
      expect.objectContaining({
        staff_id: app.people.manager!.id,
        entity: 'sku',
        row_id: wh.id,
        op: 'update',
        fields: { priceFen: { from: 5900, to: 6900 }, costFen: { from: 2500, to: 2600 } },
      }),
    ]);
  });

  it('logs the creation of a product and each SKU with their values, by the creator', async () => {
    await app.signInAs(C, 'wh_supervisor');
    const p = await create(sampleProduct());
    const rows = logRows();
    const mine = rows.filter((r) => r.row_id === p.id || p.skus.some((s) => s.id === r.row_id));
    expect(mine.map((r) => [r.entity, r.op, r.staff_id])).toEqual([
      ['product', 'create', app.people.wh_supervisor!.id],
      ['sku', 'create', app.people.wh_supervisor!.id],
      ['sku', 'create', app.people.wh_supervisor!.id],
    ]);
    expect(mine[0]!.fields).toMatchObject({
      title: { from: null, to: '纯棉圆领短袖T恤 男款' },
      styleCode: { from: null, to: 'TX001' },
    });
    expect(mine[1]!.fields).toMatchObject({
      code: { from: null, to: 'TX001-WH-L' },
      priceFen: { from: null, to: 5900 },
    });
  });

  it('changes nothing for an update that changes nothing (no log rows)', async () => {
    const p = await create(sampleProduct());
    const n = logRows().length;
    const same = await app.ok<Product>(C, 'catalog.update', formOf(p));
    expect(logRows()).toHaveLength(n);
    expect(same.version).toBe(p.version);
  });

  it('archives a SKU removed from the form (not deleted) and restores it when its code comes back', async () => {
    const p = await create(sampleProduct());
    const wh = formSku(p, 'TX001-WH-L');
    const bk = formSku(p, 'TX001-BK-XL');
    const after = await app.ok<Product>(C, 'catalog.update', formOf(p, { skus: [wh] }));
    expect(after.skus.map((s) => [s.code, s.archived]).sort()).toEqual([
      ['TX001-BK-XL', true],
      ['TX001-WH-L', false],
    ]);
    expect(app.store.db.prepare('SELECT COUNT(*) AS n FROM sku').get()).toEqual({ n: 2 });
    expect(await codes()).toEqual(['TX001-WH-L']);
    expect(await codes({ status: 'archived' })).toEqual(['TX001-BK-XL']);
    expect(await codes({ status: 'all' })).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    const archiveLog = logRows('sku')
      .filter((r) => r.row_id === bk!.id)
      .at(-1)!;
    expect(archiveLog).toMatchObject({ op: 'archive', fields: { archived: { from: false, to: true } } });

    // The form adds a row with the same code (no id): that is the archived SKU again.
    const { id: _id, ...bkNoId } = bk!;
    const restored = await app.ok<Product>(
      C,
      'catalog.update',
      formOf(after, { skus: [wh, { ...bkNoId, priceFen: 6500 }] }),
    );
    const byId = new Map(restored.skus.map((s) => [s.id, [s.code, s.archived, s.priceFen]]));
    expect(restored.skus).toHaveLength(2);
    expect(byId.get(wh.id!)).toEqual(['TX001-WH-L', false, 5900]);
    expect(byId.get(bk.id!)).toEqual(['TX001-BK-XL', false, 6500]);
    expect(app.store.db.prepare('SELECT COUNT(*) AS n FROM sku').get()).toEqual({ n: 2 });
    expect(await codes()).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    const restoreLog = logRows('sku')
      .filter((r) => r.row_id === bk!.id)
      .at(-1)!;
    expect(restoreLog.fields).toMatchObject({
      archived: { from: true, to: false },
      priceFen: { from: 5900, to: 6500 },
    });
  });

  it('lets a freed code be reused by a new SKU in the same update after the old one is archived', async () => {
    const p = await create(sampleProduct());
    const wh = formSku(p, 'TX001-WH-L');
    // Replace the black XL by a new SKU with a new code, and rename the white L's code.
    const next = await app.ok<Product>(
      C,
      'catalog.update',
      formOf(p, {
        skus: [
          { ...wh!, code: 'TX001-WH-L2' },
          { code: 'TX001-GR-M', costFen: 2500, priceFen: 5900 },
        ],
      }),
    );
    expect(
      next.skus
        .filter((s) => !s.archived)
        .map((s) => s.code)
        .sort(),
    ).toEqual(['TX001-GR-M', 'TX001-WH-L2']);
  });

  it('can swap the codes of two SKUs in one update (a mix-up being corrected)', async () => {
    const p = await create(sampleProduct());
    const wh = formSku(p, 'TX001-WH-L');
    const bk = formSku(p, 'TX001-BK-XL');
    const env = await app.call(
      C,
      'catalog.update',
      formOf(p, {
        skus: [
          { ...wh, code: bk.code },
          { ...bk, code: wh.code },
        ],
      }),
    );
    expect(env).toMatchObject({ ok: true });
    const got = await app.ok<Product>(C, 'catalog.get', { productId: p.id });
    expect(got.skus.find((s) => s.id === wh!.id)?.code).toBe('TX001-BK-XL');
    expect(got.skus.find((s) => s.id === bk!.id)?.code).toBe('TX001-WH-L');
  });

  it('renaming the product updates its SKUs’ search: found by the new initials, not the old', async () => {
    const p = await create(sampleProduct());
    expect(await codes({ q: 'cmyl' })).toHaveLength(2);
    await app.ok(C, 'catalog.update', formOf(p, { title: '冰丝速干运动背心' }));
    expect(await codes({ q: 'cmyl' })).toEqual([]);
    expect(await codes({ q: '圆领' })).toEqual([]);
    expect(await codes({ q: 'bssgydbx' })).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    expect(await codes({ q: '速干' })).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    expect(app.store.db.prepare('SELECT title_initials FROM product WHERE id = ?').get(p.id)).toEqual({
      title_initials: 'bssgydbx',
    });
  });

  it('renaming also updates the search of the product’s archived SKUs', async () => {
    const p = await create(sampleProduct());
    const after = await app.ok<Product>(C, 'catalog.update', formOf(p, { skus: [formSku(p, 'TX001-WH-L')] }));
    await app.ok(C, 'catalog.update', formOf(after, { title: '冰丝速干运动背心' }));
    expect(await codes({ q: 'bssg', status: 'archived' })).toEqual(['TX001-BK-XL']);
    expect(await codes({ q: 'cmyl', status: 'all' })).toEqual([]);
  });

  it('changes nothing for invalid input', async () => {
    const p = await create(sampleProduct());
    const before = fingerprint(app.store);
    const bad = [
      formOf(p, { title: '' }),
      formOf(p, { skus: [] }),
      formOf(p, { skus: [{ ...formOf(p).skus[0]!, priceFen: -1 }] }),
      formOf(p, { skus: [{ ...formOf(p).skus[0]!, code: '有 空格' }] }),
      formOf(p, { skus: [{ ...formOf(p).skus[0]!, barcode: '69 01' }] }),
      formOf(p, { skus: [{ ...formOf(p).skus[0]!, costFen: 12.5 }] }),
      formOf(p, { expectedVersion: '' }),
      { ...formOf(p), secret: 1 },
    ];
    for (const input of bad) {
      const e = expectError(await app.call(C, 'catalog.update', input));
      expect(e.code, JSON.stringify(input).slice(0, 80)).toBe('VALIDATION');
    }
    expect(
      expectError(await app.call(C, 'catalog.create', { ...sampleProduct(), title: 'x'.repeat(121) })).fields,
    ).toHaveProperty('title');
    expect(fingerprint(app.store)).toBe(before);
  });
});

describe('archiving a product', () => {
  it('archives and restores, moving its SKUs between the status filters, and logs archive/restore', async () => {
    const p = await create(sampleProduct());
    const archived = await app.ok<Product>(C, 'catalog.setArchived', { productId: p.id, archived: true });
    expect(archived.archived).toBe(true);
    expect(archived.version > p.version).toBe(true);
    expect(await codes()).toEqual([]);
    expect(await codes({ status: 'archived' })).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    expect((await list({ status: 'archived' })).rows.every((r) => r.archived)).toBe(true);

    // Archiving again changes nothing.
    const n = logRows().length;
    await app.ok(C, 'catalog.setArchived', { productId: p.id, archived: true });
    expect(logRows()).toHaveLength(n);

    const restored = await app.ok<Product>(C, 'catalog.setArchived', { productId: p.id, archived: false });
    expect(restored.archived).toBe(false);
    expect(await codes()).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    expect(await codes({ status: 'archived' })).toEqual([]);

    const ops = logRows('product')
      .filter((r) => r.row_id === p.id)
      .map((r) => [r.op, r.fields]);
    expect(ops).toEqual([
      ['create', expect.anything()],
      ['archive', { archived: { from: false, to: true } }],
      ['restore', { archived: { from: true, to: false } }],
    ]);
  });

  it('is refused for a role without catalog.archive, changing nothing', async () => {
    const p = await create(sampleProduct());
    await app.signInAs(C, 'cs_supervisor');
    const before = fingerprint(app.store);
    expect(
      expectError(await app.call(C, 'catalog.setArchived', { productId: p.id, archived: true })).code,
    ).toBe('FORBIDDEN');
    expect(fingerprint(app.store)).toBe(before);
  });
});
