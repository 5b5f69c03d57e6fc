// The demo shop generator (resources/demo/shop.ts) against a real SQLite store in a temp folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src-main/api/permissions';
import { openStore, type Store } from '../../src-main/db/store';
import { csvLine } from '../../src-main/lib/csv';
import { EXPORT_HEADER } from '../../src-main/modules/catalog/export';
import { importPreview } from '../../src-main/modules/catalog/import';
import { roster, signIn } from '../../src-main/modules/staff/service';
import {
  DEMO_PEOPLE,
  DEMO_SHOP,
  demoProducts,
  scaleCsvRows,
  seedDemoShop,
  seedScale,
} from '../../resources/demo/shop';

const dirs: string[] = [];
const stores: Store[] = [];
function freshStore(): Store {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-demo-'));
  dirs.push(dir);
  const store = openStore({ dataDir: dir });
  stores.push(store);
  return store;
}

afterAll(() => {
  for (const s of stores) s.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface CatalogRow {
  title: string;
  style_code: string;
  category: string;
  listed: number;
  archived: number;
  notes: string;
  code: string;
  barcode: string;
  spec: string;
  cost_fen: number;
  price_fen: number;
  low_stock_threshold: number;
}

/** Everything about the catalog except ids and times, in a stable order. */
function catalog(store: Store): CatalogRow[] {
  return store.db
    .prepare(
      `SELECT p.title, p.style_code, p.category, p.listed, p.archived_at IS NOT NULL AS archived, p.notes,
              s.code, s.barcode, s.spec, s.cost_fen, s.price_fen, s.low_stock_threshold
       FROM sku s JOIN product p ON p.id = s.product_id ORDER BY s.code`,
    )
    .all() as CatalogRow[];
}

/** EAN-13: 13 digits whose weighted sum (1,3,1,3,… over all 13) is a multiple of 10. */
function validEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  const sum = [...code].reduce((n, d, i) => n + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return sum % 10 === 0;
}

const count = (store: Store, sql: string): number => (store.db.prepare(sql).get() as { n: number }).n;

describe('DEMO_PEOPLE', () => {
  it('has exactly one person of every role, the store manager first', () => {
    expect(DEMO_PEOPLE[0]!.role).toBe('manager');
    expect(DEMO_PEOPLE.map((p) => p.role).sort()).toEqual([...ROLES].sort());
  });

  it('has distinct Chinese names and distinct 4-digit PINs', () => {
    expect(new Set(DEMO_PEOPLE.map((p) => p.name)).size).toBe(DEMO_PEOPLE.length);
    expect(new Set(DEMO_PEOPLE.map((p) => p.pin)).size).toBe(DEMO_PEOPLE.length);
    for (const p of DEMO_PEOPLE) {
      expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(p.pin).toMatch(/^\d{4}$/);
    }
  });
});

describe('seedDemoShop', () => {
  let store: Store;
  let result: ReturnType<typeof seedDemoShop>;
  let rows: CatalogRow[];

  beforeAll(() => {
    store = freshStore();
    result = seedDemoShop(store);
    rows = catalog(store);
  });

  it('sets up the shop with about 60 products and 300 SKUs', () => {
    expect(store.db.prepare('SELECT name, time_zone FROM shop').get()).toEqual({
      name: DEMO_SHOP.name,
      time_zone: DEMO_SHOP.timeZone,
    });
    expect(result.products).toBe(60);
    expect(count(store, 'SELECT COUNT(*) AS n FROM product')).toBe(60);
    expect(result.skus).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(240);
    expect(rows.length).toBeLessThanOrEqual(400);
  });

  it('is deterministic: the same seed gives the same catalog, another seed another one', () => {
    const again = freshStore();
    seedDemoShop(again);
    expect(catalog(again)).toEqual(rows);

    const other = freshStore();
    seedDemoShop(other, { seed: 7, products: 10 });
    const otherTitles = new Set(catalog(other).map((r) => r.title));
    expect(rows.filter((r) => otherTitles.has(r.title)).length).toBeLessThan(rows.length / 2);
  });

  it('creates every role, and every PIN signs in', () => {
    const people = roster(store);
    expect(people.map((p) => p.role).sort()).toEqual([...ROLES].sort());
    for (const p of DEMO_PEOPLE) {
      const staff = people.find((s) => s.name === p.name);
      expect(staff?.role).toBe(p.role);
      const session = signIn(store, staff!.id, p.pin);
      expect(session.staff.name).toBe(p.name);
    }
    const manager = people.find((s) => s.role === 'manager')!;
    expect(() => signIn(store, manager.id, '0000')).toThrow(/AUTH_FAILED/);
  });

  it('gives every SKU a valid, unique EAN-13 barcode under the 69 prefix', () => {
    for (const r of rows) {
      expect(r.barcode).toMatch(/^69\d{11}$/);
      expect(validEan13(r.barcode), r.barcode).toBe(true);
    }
    expect(new Set(rows.map((r) => r.barcode)).size).toBe(rows.length);
  });

  it('gives unique 商家编码 built from the 款号, and Taobao-style specs', () => {
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.style_code).toMatch(/^[A-Z]{2}20\d\d-\d{3,}$/);
      expect(r.code.startsWith(`${r.style_code}-`), r.code).toBe(true);
      expect(r.code).toMatch(/^[\x21-\x7E]+$/);
      expect(r.spec).toMatch(/^[^:;]+:[^:;]+(;[^:;]+:[^:;]+)*$/);
    }
    expect(rows.some((r) => /^颜色分类:[^;]+;尺码:/.test(r.spec))).toBe(true);
  });

  it('prices are above costs and end in .00, .90 or .99', () => {
    for (const r of rows) {
      expect(r.cost_fen).toBeGreaterThan(0);
      expect(r.price_fen, r.code).toBeGreaterThan(r.cost_fen);
      expect([0, 90, 99]).toContain(r.price_fen % 100);
    }
  });

  it('titles are Chinese, within Taobao’s 30-character limit, and mostly unique', () => {
    const titles = new Set(rows.map((r) => r.title));
    expect(titles.size).toBe(60);
    for (const t of titles) {
      const hanzi = t.match(/[\u4e00-\u9fff]/g)?.length ?? 0;
      expect(hanzi, t).toBeGreaterThanOrEqual(Math.max(6, t.length / 2));
      const bytes = [...t].reduce((n, c) => n + (c.charCodeAt(0) > 0xff ? 2 : 1), 0);
      expect(bytes, t).toBeLessThanOrEqual(60);
    }
  });

  it('has categories, thresholds, a few archived and mostly listed products', () => {
    const categories = new Set(rows.map((r) => r.category));
    expect(categories.size).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.low_stock_threshold))).toContain(10);
    const products = store.db
      .prepare('SELECT listed, archived_at IS NOT NULL AS archived FROM product')
      .all() as { listed: number; archived: number }[];
    const archived = products.filter((p) => p.archived).length;
    expect(archived).toBeGreaterThanOrEqual(1);
    expect(archived).toBeLessThanOrEqual(6);
    expect(products.filter((p) => p.listed).length).toBeGreaterThan(products.length * 0.6);
  });

  it('writes the change log as real use does', () => {
    const by = (entity: string, op: string) =>
      count(store, `SELECT COUNT(*) AS n FROM change_log WHERE entity = '${entity}' AND op = '${op}'`);
    expect(by('shop', 'create')).toBe(1);
    expect(by('staff', 'create')).toBe(DEMO_PEOPLE.length);
    expect(by('product', 'create')).toBe(60);
    expect(by('sku', 'create')).toBe(rows.length);
    expect(by('product', 'archive')).toBe(
      count(store, 'SELECT COUNT(*) AS n FROM product WHERE archived_at IS NOT NULL'),
    );
  });

  it('refuses to seed a shop that is already set up', () => {
    const before = count(store, 'SELECT COUNT(*) AS n FROM change_log');
    expect(() => seedDemoShop(store)).toThrow(/already set up/);
    expect(() => seedScale(store, { skus: 10 })).toThrow(/already set up/);
    expect(count(store, 'SELECT COUNT(*) AS n FROM change_log')).toBe(before);
  });
});

describe('scale mode', () => {
  it('seedScale inserts exactly the requested number of SKUs, with their change log', () => {
    const store = freshStore();
    seedScale(store, { skus: 1234 });
    expect(count(store, 'SELECT COUNT(*) AS n FROM sku')).toBe(1234);
    expect(count(store, `SELECT COUNT(*) AS n FROM change_log WHERE entity = 'sku'`)).toBe(1234);
    expect(count(store, 'SELECT COUNT(DISTINCT updated_at) AS n FROM product')).toBe(
      count(store, 'SELECT COUNT(*) AS n FROM product'),
    );
    expect(count(store, `SELECT COUNT(*) AS n FROM sku WHERE search_text = ''`)).toBe(0);
  });

  it('scaleCsvRows yields the export header and n rows that import cleanly', () => {
    const rows = [...scaleCsvRows(500)];
    expect(rows[0]).toEqual(EXPORT_HEADER);
    expect(rows).toHaveLength(501);
    for (const r of rows) expect(r).toHaveLength(EXPORT_HEADER.length);
    expect([...scaleCsvRows(500)]).toEqual(rows);

    const store = freshStore();
    seedDemoShop(store, { products: 0 });
    const manager = roster(store).find((p) => p.role === 'manager')!;
    const csv = rows.map((r) => csvLine(r)).join('');
    const preview = store.tx(() =>
      importPreview(store, manager.id, {
        fileName: 'scale.csv',
        contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      }),
    );
    expect(preview.counts).toEqual({ new: 500, changed: 0, unchanged: 0, rejected: 0 });
  });

  it('demoProducts is an endless deterministic stream', () => {
    const a = demoProducts(42);
    const b = demoProducts(42);
    for (let i = 0; i < 200; i++) expect(a.next().value).toEqual(b.next().value);
  });
});
