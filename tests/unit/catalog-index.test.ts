// The catalog's in-memory search index must always answer exactly what SQL over the tables
// answers, whatever wrote to them and whether the write committed or rolled back.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG_SORT_FIELDS, productInput } from '../../src-main/api/contract';
import {
  createProduct,
  filterSql,
  listSkus,
  updateProduct,
  type Filter,
} from '../../src-main/modules/catalog/service';
import { setup } from '../../src-main/modules/staff/service';
import { makeApp, sampleProduct, type TestApp } from './helpers';

let app: TestApp;
afterEach(() => app?.close());

const ALL: Filter = { q: '', listed: 'all', status: 'all', category: '' };
const SORT_SQL = {
  title: 'p.title',
  code: 's.code',
  priceFen: 's.price_fen',
  costFen: 's.cost_fen',
  updatedAt: 's.updated_at',
};

/** The answer straight from SQL, for comparison. */
function sqlAnswer(app: TestApp, filter: Filter, field: keyof typeof SORT_SQL, order: 'asc' | 'desc') {
  const { where, params } = filterSql(filter);
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  return app.store.db
    .prepare(
      `SELECT s.code FROM sku s JOIN product p ON p.id = s.product_id WHERE ${where}
       ORDER BY ${SORT_SQL[field]} ${dir}, s.code ${dir}`,
    )
    .pluck()
    .all(params) as string[];
}
const codes = (
  filter: Partial<Filter> = {},
  field: keyof typeof SORT_SQL = 'code',
  order: 'asc' | 'desc' = 'asc',
) =>
  listSkus(app.store, {
    filter: { ...ALL, ...filter },
    sort: { field, order },
    offset: 0,
    limit: 500,
  }).rows.map((r) => r.code);

function shop(): string {
  app = makeApp();
  return app.store.tx(
    () =>
      setup(app.store, { shopName: '店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1111' }).staff
        .id,
  );
}

describe('catalog search index', () => {
  it('sees a write that rolled back as never made', () => {
    const by = shop();
    app.store.tx(() => createProduct(app.store, by, productInput.parse(sampleProduct())));
    expect(codes()).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    expect(() =>
      app.store.tx(() => {
        createProduct(
          app.store,
          by,
          productInput.parse(
            sampleProduct({
              title: '回滚的商品',
              styleCode: 'R1',
              skus: [
                { code: 'ROLL-1', barcode: '', spec: '', costFen: 1, priceFen: 2, lowStockThreshold: 10 },
              ],
            }),
          ),
        );
        expect(codes({ q: '回滚' })).toEqual(['ROLL-1']); // visible inside the transaction…
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(codes({ q: '回滚' })).toEqual([]); // …and gone after the rollback
    expect(codes()).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
  });

  it('sees raw SQL writes on the same connection, including a product rename', () => {
    const by = shop();
    app.store.tx(() => createProduct(app.store, by, productInput.parse(sampleProduct())));
    expect(codes({ q: 'cmyl' })).toHaveLength(2);
    app.store.db.prepare(`UPDATE sku SET price_fen = 1 WHERE code = 'TX001-WH-L'`).run();
    expect(codes({}, 'priceFen', 'asc')[0]).toBe('TX001-WH-L');
    app.store.db.prepare(`UPDATE product SET listed = 0`).run();
    expect(codes({ listed: 'listed' })).toEqual([]);
    app.store.db.prepare(`UPDATE sku SET deleted_at = 'x' WHERE code = 'TX001-BK-XL'`).run();
    expect(codes()).toEqual(['TX001-WH-L']);
  });

  it('rebuilds when another connection changed the file', () => {
    const by = shop();
    app.store.tx(() => createProduct(app.store, by, productInput.parse(sampleProduct())));
    expect(codes()).toHaveLength(2);
    const other = new Database(app.store.db.name);
    other
      .prepare(`UPDATE sku SET search_text = search_text || char(1) || 'zzqq' WHERE code = 'TX001-BK-XL'`)
      .run();
    other.close();
    expect(codes({ q: 'zzqq' })).toEqual(['TX001-BK-XL']);
  });

  it('answers every filter and sort exactly like SQL after any sequence of edits', () => {
    const by = shop();
    const titles = ['纯棉短袖T恤', '加厚珊瑚绒四件套', '陶瓷马克杯', '短袖衬衫', '=公式商品'];
    const op = fc.record({
      t: fc.nat(titles.length - 1),
      price: fc.integer({ min: 0, max: 5000 }),
      listed: fc.boolean(),
      cat: fc.constantFrom('', '男装', '杯具'),
      archive: fc.boolean(),
      rollback: fc.boolean(),
    });
    let n = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 10 }), (ops) => {
        for (const o of ops) {
          const code = `P${++n}`;
          try {
            app.store.tx(() => {
              const p = createProduct(app.store, by, {
                title: titles[o.t]!,
                styleCode: '',
                category: o.cat,
                listed: o.listed,
                notes: '',
                skus: [
                  {
                    code,
                    barcode: '',
                    spec: '',
                    costFen: o.price,
                    priceFen: o.price * 2,
                    lowStockThreshold: 10,
                  },
                ],
              });
              if (o.archive) {
                updateProduct(app.store, by, {
                  ...p,
                  expectedVersion: p.version,
                  skus: [
                    {
                      code,
                      barcode: '',
                      spec: '规格',
                      costFen: o.price + 1,
                      priceFen: o.price,
                      lowStockThreshold: 10,
                    },
                  ],
                });
              }
              if (o.rollback) throw new Error('rollback');
            });
          } catch {
            /* rolled back on purpose */
          }
        }
        for (const q of ['', '短袖', 'dx', 'p1', '=']) {
          for (const status of ['active', 'archived', 'all'] as const) {
            for (const field of CATALOG_SORT_FIELDS) {
              for (const order of ['asc', 'desc'] as const) {
                const filter: Filter = { q, listed: 'all', status, category: '' };
                expect(codes(filter, field, order)).toEqual(sqlAnswer(app, filter, field, order));
              }
            }
          }
        }
        const f: Filter = { q: '', listed: 'listed', status: 'active', category: '男装' };
        expect(codes(f, 'title', 'asc')).toEqual(sqlAnswer(app, f, 'title', 'asc'));
      }),
      { numRuns: 25 },
    );
  });

  it('pages with offset and limit and reports the total', () => {
    const by = shop();
    app.store.tx(() => createProduct(app.store, by, productInput.parse(sampleProduct())));
    const page = listSkus(app.store, {
      filter: ALL,
      sort: { field: 'code', order: 'desc' },
      offset: 1,
      limit: 1,
    });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.code)).toEqual(['TX001-BK-XL']);
  });
});

describe('catalog.categories and audit.people', () => {
  const C = '00000000-0000-4000-8000-0000000000c1';
  it('lists the categories in use, once each, without empty ones', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    await app.ok(C, 'catalog.create', sampleProduct({ category: '男装' }));
    await app.ok(
      C,
      'catalog.create',
      sampleProduct({
        title: '杯子',
        styleCode: 'B1',
        category: '杯具',
        skus: [{ code: 'B1', costFen: 1, priceFen: 2 }],
      }),
    );
    await app.ok(
      C,
      'catalog.create',
      sampleProduct({
        title: '无类目',
        styleCode: 'N1',
        category: '',
        skus: [{ code: 'N1', costFen: 1, priceFen: 2 }],
      }),
    );
    expect(await app.ok(C, 'catalog.categories')).toEqual(['杯具', '男装']);
  });

  it('lists deactivated people too, for filtering the audit view', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    await app.ok(C, 'staff.setActive', { id: app.people.art_agent!.id, active: false });
    const people = await app.ok<{ id: string; active: boolean }[]>(C, 'audit.people');
    expect(people).toHaveLength(9);
    expect(people.find((p) => p.id === app.people.art_agent!.id)).toMatchObject({ active: false });
  });
});

describe('catalog.lookup (what a scanner read)', () => {
  const C = '00000000-0000-4000-8000-0000000000c2';
  it('finds an active SKU by exact barcode or 商家编码 (also typed in lower case), and nothing else', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'wh_agent');
    await app.signInAs(C, 'manager');
    const p = await app.ok<{ id: string }>(C, 'catalog.create', sampleProduct());
    const code = async (c: string) =>
      (await app.ok<{ code: string } | null>(C, 'catalog.lookup', { code: c }))?.code;
    expect(await code('6901234567892')).toBe('TX001-WH-L');
    expect(await code('TX001-BK-XL')).toBe('TX001-BK-XL');
    expect(await code('tx001-bk-xl')).toBe('TX001-BK-XL');
    expect(await code('TX001')).toBeUndefined(); // a fragment is not a scan
    expect(await code('690123456789')).toBeUndefined();
    await app.ok(C, 'catalog.setArchived', { productId: p.id, archived: true });
    expect(await code('6901234567892')).toBeUndefined();
  });
});
