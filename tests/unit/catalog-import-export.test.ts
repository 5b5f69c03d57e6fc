// CSV import (preview → commit) and export of the catalog, through the real router, with real files:
// the fixtures in tests/fixtures (built by tests/fixtures/catalog-fixtures.ts) and files the export
// writes into the test host's export folder.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  ExportResult,
  ImportPreview,
  ImportResult,
  Paged,
  Product,
  SkuRow,
} from '../../src-main/api/contract';
import { createRouter } from '../../src-main/api/router';
import { openStore, type Store } from '../../src-main/db/store';
import { parseCsv } from '../../src-main/lib/csv';
import { EXPORT_HEADER } from '../../src-main/modules/catalog/export';
import {
  BIG5_TEXT,
  CATALOG_TEXT,
  FIXTURES,
  FIXTURES_DIR,
  noise,
  QUIRKS_TEXT,
} from '../fixtures/catalog-fixtures';
import {
  changeLogRows,
  fingerprint,
  lastLogSeq,
  makeApp,
  rowOrder,
  sampleProduct,
  tempDir,
  type TestApp,
} from './helpers';

const C = '00000000-0000-4000-8000-0000000000e1'; // the warehouse supervisor's window
const D = '00000000-0000-4000-8000-0000000000e2'; // someone else's window
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES_DIR, name));
const utf8 = (text: string, bom = true) =>
  Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
const crlf = (lines: string[]) => lines.map((l) => l + '\r\n').join('');

let app: TestApp;
beforeEach(async () => {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'wh_supervisor');
});
afterEach(() => app.close());

const previewEnv = (bytes: Buffer, fileName = 'products.csv', client = C) =>
  app.call<ImportPreview>(client, 'catalog.importPreview', {
    fileName,
    contentBase64: bytes.toString('base64'),
  });
const preview = async (bytes: Buffer, fileName = 'products.csv', client = C) => {
  const env = await previewEnv(bytes, fileName, client);
  if (!env.ok) throw new Error(`preview failed: ${JSON.stringify(env.error)}`);
  return env.data;
};
const commit = (importId: string, excludeRows: number[] = [], client = C) =>
  app.ok<ImportResult>(client, 'catalog.importCommit', { importId, excludeRows });
const listAll = async (filter: Record<string, unknown> = {}) =>
  (
    await app.ok<Paged<SkuRow>>(C, 'catalog.list', {
      filter: { status: 'all', ...filter },
      sort: { field: 'code', order: 'asc' },
      limit: 500,
    })
  ).rows;
const rowOf = (p: ImportPreview, rowNumber: number) => p.rows.find((r) => r.rowNumber === rowNumber)!;

/** A digest of every table except the change log and the clock: "nothing changed but the log". */
function dataDigest(store: Store): string {
  const h = crypto.createHash('sha256');
  const tables = store.db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN ('change_log', 'meta') ORDER BY name`,
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    for (const row of store.db.prepare(`SELECT * FROM "${name}" ORDER BY ${rowOrder(store, name)}`).all())
      h.update(JSON.stringify(row));
  }
  h.update(JSON.stringify(store.db.prepare(`SELECT * FROM meta WHERE key <> 'hlc_last'`).all()));
  return h.digest('hex');
}
const logSince = (store: Store, seq: number) => changeLogRows(store, { afterSeq: seq });
const lastSeq = lastLogSeq;

describe('fixtures', () => {
  it('are reproducible: every file in tests/fixtures is what the generator builds', () => {
    for (const [name, build] of Object.entries(FIXTURES))
      expect(fixture(name).equals(build()), name).toBe(true);
  });

  it('are what they claim to be', () => {
    expect(fixture('catalog-gbk.csv').subarray(0, 3).equals(BOM)).toBe(false);
    expect(iconv.decode(fixture('catalog-gbk.csv'), 'gbk')).toBe(CATALOG_TEXT);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(fixture('catalog-gbk.csv'))).toThrow();
    expect(iconv.decode(fixture('catalog-big5.csv'), 'big5')).toBe(BIG5_TEXT);
    expect(fixture('catalog-utf8.csv').toString('utf8')).toBe(CATALOG_TEXT);
    expect(fixture('catalog-quirks.csv').subarray(3).toString('utf8')).toBe(QUIRKS_TEXT);
  });
});

describe('import preview and commit of a GBK file', () => {
  it('detects GB18030, counts rows and rejects row 4 for its price', async () => {
    const p = await preview(fixture('catalog-gbk.csv'), '商品资料.csv');
    expect(p.fileName).toBe('商品资料.csv');
    expect(p.encoding).toBe('GB18030');
    expect(p.counts).toEqual({ new: 4, changed: 0, unchanged: 0, rejected: 1 });
    expect(p.rows.map((r) => [r.rowNumber, r.status, r.code])).toEqual([
      [2, 'new', 'TX100-WH-M'],
      [3, 'new', 'TX100-BK-L'],
      [4, 'rejected', 'LYQ-01'],
      [5, 'new', 'LYQ-02'],
      [6, 'new', 'BWB-500'],
    ]);
    expect(rowOf(p, 4).errors).toEqual([{ field: '售价', key: 'validation.money' }]);
    // Chinese text came through intact.
    expect(rowOf(p, 2)).toMatchObject({ title: '纯棉圆领短袖T恤 男款', spec: '颜色分类:白色;尺码:M' });
    expect(rowOf(p, 4).title).toBe('碎花雪纺连衣裙');
  });

  it('a preview writes nothing', async () => {
    const before = fingerprint(app.store);
    await preview(fixture('catalog-gbk.csv'));
    expect(fingerprint(app.store)).toBe(before);
  });

  it('refuses to commit while a rejected row is not excluded, and changes nothing', async () => {
    const p = await preview(fixture('catalog-gbk.csv'));
    const before = fingerprint(app.store);
    const env = await app.call(C, 'catalog.importCommit', { importId: p.importId });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'import.hasRejected', params: { rows: '4' } },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('commits the other rows, grouping SKUs into products by 款号 or else by title', async () => {
    const p = await preview(fixture('catalog-gbk.csv'), '商品资料.csv');
    const seq = lastSeq(app.store);
    const result = await commit(p.importId, [4]);
    expect(result).toEqual({ created: 4, updated: 0, unchanged: 0, excluded: 1 });

    const rows = await listAll();
    expect(rows.map((r) => [r.code, r.title, r.spec, r.category, r.costFen, r.priceFen, r.listed])).toEqual([
      ['BWB-500', '不锈钢保温杯', '容量:500ml', '家居', 1550, 3990, true],
      ['LYQ-02', '碎花雪纺连衣裙', '尺码:M', '女装', 4500, 12900, false],
      ['TX100-BK-L', '纯棉圆领短袖T恤 男款', '颜色分类:黑色;尺码:L', '男装', 2500, 5900, true],
      ['TX100-WH-M', '纯棉圆领短袖T恤 男款', '颜色分类:白色;尺码:M', '男装', 2500, 5900, true],
    ]);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('TX100-WH-M')!.productId).toBe(byCode.get('TX100-BK-L')!.productId);
    expect(new Set(rows.map((r) => r.productId)).size).toBe(3);
    const tx = await app.ok<Product>(C, 'catalog.get', { productId: byCode.get('TX100-WH-M')!.productId });
    expect(tx).toMatchObject({
      title: '纯棉圆领短袖T恤 男款',
      styleCode: 'TX100',
      category: '男装',
      listed: true,
    });
    expect(tx.skus).toHaveLength(2);
    const dress = await app.ok<Product>(C, 'catalog.get', { productId: byCode.get('LYQ-02')!.productId });
    expect(dress).toMatchObject({ styleCode: '', skus: [expect.objectContaining({ code: 'LYQ-02' })] });
    expect(skuCodes(await listAll({ q: 'LYQ-01' }))).toEqual([]);

    // Searchable like any SKU: by title, initials, code.
    expect(skuCodes(await listAll({ q: 'cmyl' }))).toEqual(['TX100-BK-L', 'TX100-WH-M']);
    expect(skuCodes(await listAll({ q: 'bxgbwb' }))).toEqual(['BWB-500']);
    expect(skuCodes(await listAll({ q: '雪纺' }))).toEqual(['LYQ-02']);

    // Logged: three products, four SKUs, one import entry, all by the importer.
    const log = logSince(app.store, seq);
    const who = app.people.wh_supervisor!.id;
    expect(log.every((r) => r.staff_id === who)).toBe(true);
    expect(log.filter((r) => r.entity === 'product').map((r) => r.op)).toEqual([
      'import',
      'import',
      'import',
    ]);
    expect(log.filter((r) => r.entity === 'sku').map((r) => r.op)).toEqual([
      'import',
      'import',
      'import',
      'import',
    ]);
    const entry = log.filter((r) => r.entity === 'import');
    expect(entry).toEqual([
      expect.objectContaining({
        row_id: p.importId,
        op: 'import',
        label: '商品资料.csv',
        fields: {
          created: { from: null, to: 4 },
          updated: { from: null, to: 0 },
          excluded: { from: null, to: 1 },
        },
      }),
    ]);
  });

  it('re-importing the same file finds every row unchanged and changes nothing but the import log', async () => {
    await commit((await preview(fixture('catalog-gbk.csv'))).importId, [4]);
    const digest = dataDigest(app.store);
    const seq = lastSeq(app.store);

    const again = await preview(fixture('catalog-gbk.csv'));
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 4, rejected: 1 });
    expect(again.rows.filter((r) => r.status === 'unchanged').every((r) => r.changes.length === 0)).toBe(
      true,
    );
    const result = await commit(again.importId, [4]);
    expect(result).toEqual({ created: 0, updated: 0, unchanged: 4, excluded: 1 });
    expect(dataDigest(app.store)).toBe(digest);
    expect(logSince(app.store, seq).map((r) => r.entity)).toEqual(['import']);
  });

  it('finds a changed price as changed ["priceFen"], and commits it with the old → new values', async () => {
    await commit((await preview(fixture('catalog-gbk.csv'))).importId, [4]);
    const changed = CATALOG_TEXT.replace(
      'TX100-WH-M,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:M,TX100,男装,25.00,59.00',
      'TX100-WH-M,纯棉圆领短袖T恤 男款,颜色分类:白色;尺码:M,TX100,男装,25.00,69.00',
    );
    expect(changed).not.toBe(CATALOG_TEXT);
    const p = await preview(iconv.encode(changed, 'gbk'));
    expect(p.counts).toEqual({ new: 0, changed: 1, unchanged: 3, rejected: 1 });
    expect(rowOf(p, 2)).toMatchObject({ status: 'changed', changes: ['priceFen'] });
    const seq = lastSeq(app.store);
    expect(await commit(p.importId, [4])).toEqual({ created: 0, updated: 1, unchanged: 3, excluded: 1 });
    expect((await listAll({ q: 'TX100-WH-M' }))[0]!.priceFen).toBe(6900);
    const skuLog = logSince(app.store, seq).filter((r) => r.entity === 'sku');
    expect(skuLog).toEqual([
      expect.objectContaining({ op: 'import', fields: { priceFen: { from: 5900, to: 6900 } } }),
    ]);
    // The product row was not touched (no product-level change).
    expect(logSince(app.store, seq).filter((r) => r.entity === 'product')).toEqual([]);
  });
});

describe('encodings and file quirks', () => {
  it('reads UTF-8 with and without a BOM, with the same rows as the GBK file', async () => {
    const gbk = await preview(fixture('catalog-gbk.csv'));
    const bom = await preview(fixture('catalog-utf8-bom.csv'));
    const plain = await preview(fixture('catalog-utf8.csv'));
    expect(bom.encoding).toBe('UTF-8 BOM');
    expect(plain.encoding).toBe('UTF-8');
    expect(bom.rows).toEqual(gbk.rows);
    expect(plain.rows).toEqual(gbk.rows);
    expect(bom.rows[0]!.code).toBe('TX100-WH-M'); // the BOM is not part of the first header name
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode text")', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CATALOG_TEXT, 'utf16le')]);
    const p = await preview(bytes);
    expect(p.encoding).toBe('UTF-16LE');
    expect(p.counts).toEqual({ new: 4, changed: 0, unchanged: 0, rejected: 1 });
  });

  it('handles header spaces and aliases, ="…" codes, 元 and ¥ prices, and quoted cells', async () => {
    const p = await preview(fixture('catalog-quirks.csv'));
    expect(p.counts).toEqual({ new: 3, changed: 0, unchanged: 0, rejected: 0 });
    expect(p.rows.map((r) => [r.rowNumber, r.code, r.title, r.spec])).toEqual([
      [2, '000123', '夏季T恤 男款', '颜色:白;尺码:L'],
      [3, 'QT-1', '标题, 带逗号', '颜色:"象牙白"'],
      [4, 'QT-2', '多行\r\n标题', '颜色:黑\n尺码:XL'],
    ]);
    expect(await commit(p.importId)).toMatchObject({ created: 3 });
    const rows = await listAll();
    expect(rows.map((r) => [r.code, r.barcode, r.title, r.spec, r.priceFen, r.costFen])).toEqual([
      ['000123', '6920000000017', '夏季T恤 男款', '颜色:白;尺码:L', 1200, 550],
      ['QT-1', '', '标题, 带逗号', '颜色:"象牙白"', 123456, 0],
      ['QT-2', '', '多行\r\n标题', '颜色:黑\n尺码:XL', 9900, 100],
    ]);
    expect(skuCodes(await listAll({ q: '6920000000017' }))).toEqual(['000123']);
  });

  it('refuses a Big5 file (import.encoding) instead of importing mojibake', async () => {
    const before = fingerprint(app.store);
    expect(await previewEnv(fixture('catalog-big5.csv'))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'import.encoding' },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('refuses random bytes and UTF-16 without a BOM (import.encoding)', async () => {
    for (const bytes of [fixture('catalog-noise.csv'), noise(40, 7), Buffer.from(CATALOG_TEXT, 'utf16le')]) {
      expect(await previewEnv(bytes)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', key: 'import.encoding' },
      });
    }
  });

  it('answers import.empty for a file with a header and no rows, or only a BOM, or blank lines', async () => {
    for (const bytes of [
      utf8('商家编码,商品标题,售价\r\n'),
      utf8('商家编码,商品标题,售价'),
      BOM,
      utf8('\r\n\r\n', false),
    ]) {
      expect(await previewEnv(bytes)).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', key: 'import.empty' },
      });
    }
  });

  it('answers import.empty for a zero-byte file too', async () => {
    // An empty file is the commonest "empty" of all (a new file saved without content); the
    // person must see "the file is empty", not a generic invalid-input error about base64.
    expect(await previewEnv(Buffer.alloc(0))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'import.empty' },
    });
  });

  it('answers import.missingColumns naming the missing required columns', async () => {
    expect(await previewEnv(utf8(crlf(['商品标题,售价', '帽子,10'])))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'import.missingColumns', params: { columns: '商家编码' } },
    });
    expect(await previewEnv(utf8(crlf(['条形码,售价', '123,10'])))).toMatchObject({
      ok: false,
      error: { key: 'import.missingColumns', params: { columns: '商家编码、商品标题' } },
    });
  });

  it('answers import.badCsv for broken quoting', async () => {
    expect(await previewEnv(utf8('商家编码,商品标题,售价\r\nA1,"没有结尾的引号,10\r\n'))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'import.badCsv' },
    });
  });
});

describe('row checks', () => {
  it('rejects the second row with a code already used in the file (import.duplicateCode)', async () => {
    const p = await preview(
      utf8(crlf(['商家编码,商品标题,售价', 'D-1,帽子,10', 'D-2,帽子,10', 'D-1,帽子,12'])),
    );
    expect(p.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 1 });
    expect(rowOf(p, 4)).toMatchObject({
      status: 'rejected',
      errors: [{ field: '商家编码', key: 'import.duplicateCode', params: { row: 2 } }],
    });
    expect(rowOf(p, 2).status).toBe('new');
  });

  it('rejects a barcode that belongs to another SKU, in the database or earlier in the file', async () => {
    await app.ok(C, 'catalog.create', sampleProduct()); // TX001-WH-L has barcode 6901234567892
    const p = await preview(
      utf8(
        crlf([
          '商家编码,商品标题,条形码,售价',
          'NEW-1,新商品,6901234567892,10',
          'NEW-2,新商品,6920000000024,10',
          'NEW-3,新商品,6920000000024,10',
        ]),
      ),
    );
    expect(rowOf(p, 2)).toMatchObject({
      status: 'rejected',
      errors: [{ field: '条形码', key: 'import.barcodeTaken', params: { code: 'TX001-WH-L' } }],
    });
    expect(rowOf(p, 3).status).toBe('new');
    expect(rowOf(p, 4)).toMatchObject({
      status: 'rejected',
      errors: [{ field: '条形码', key: 'import.duplicateBarcode', params: { row: 3 } }],
    });
    // The barcode's own SKU may carry it.
    const own = await preview(
      utf8(crlf(['商家编码,商品标题,条形码,售价', 'TX001-WH-L,纯棉圆领短袖T恤 男款,6901234567892,59'])),
    );
    expect(rowOf(own, 2).status).toBe('unchanged');
  });

  it('excluded rows take no part: excluding the offending row lets the row it clashed with commit', async () => {
    // Row 2 has a bad price and row 3 repeats its code with a good one. Excluding row 2 (as the
    // preview invites) must leave row 3 importable: an excluded row is not in the import at all.
    const p = await preview(utf8(crlf(['商家编码,商品标题,售价', 'D-1,帽子,abc', 'D-1,帽子,10'])));
    expect(rowOf(p, 2).errors).toEqual([{ field: '售价', key: 'validation.money' }]);
    const env = await app.call<ImportResult>(C, 'catalog.importCommit', {
      importId: p.importId,
      excludeRows: [2],
    });
    expect(env).toMatchObject({ ok: true, data: { created: 1, excluded: 1 } });
    expect((await listAll({ q: 'D-1' })).map((r) => r.priceFen)).toEqual([1000]);
  });

  it('requires a price for a new row (import.priceRequired) but not for an existing one', async () => {
    await app.ok(C, 'catalog.create', sampleProduct());
    const p = await preview(
      utf8(crlf(['商家编码,商品标题,售价', 'NP-1,没有价格的新商品,', 'TX001-WH-L,纯棉圆领短袖T恤 男款,'])),
    );
    expect(rowOf(p, 2)).toMatchObject({
      status: 'rejected',
      errors: [{ field: '售价', key: 'import.priceRequired' }],
    });
    expect(rowOf(p, 3).status).toBe('unchanged');
    // Without a price column at all, likewise.
    const q = await preview(utf8(crlf(['商家编码,商品标题', 'NP-1,没有价格的新商品'])));
    expect(rowOf(q, 2).errors).toEqual([{ field: '售价', key: 'import.priceRequired' }]);
  });

  it('rejects a row with a missing title, a bad code, a bad listed word, a bad threshold', async () => {
    const p = await preview(
      utf8(
        crlf([
          '商家编码,商品标题,售价,是否上架,库存预警值',
          'OK-1,好商品,10,是,5',
          'OK-2,,10,是,5',
          'OK-3,好商品,10,也许,5',
          'OK-4,好商品,10,是,很多',
          'OK-5,好商品,10,否,5',
        ]),
      ),
    );
    expect(p.rows.map((r) => [r.rowNumber, r.status, r.errors.map((e) => `${e.field}:${e.key}`)])).toEqual([
      [2, 'new', []],
      [3, 'rejected', ['商品标题:validation.required']],
      [4, 'rejected', ['是否上架:import.yesNo']],
      [5, 'rejected', ['库存预警值:validation.wholeNumber']],
      // Same title, no 款号: the same product as row 2, which says it is listed.
      [6, 'rejected', ['是否上架:import.productConflict']],
    ]);
  });

  it('rejects a malformed code for its code only, not also for a "missing" price it has', async () => {
    const p = await preview(utf8(crlf(['商家编码,商品标题,售价', '有空格 的编码,好商品,10'])));
    expect(rowOf(p, 2)).toMatchObject({
      status: 'rejected',
      errors: [{ field: '商家编码', key: 'validation.codeFormat' }],
    });
  });

  it('reports a price above the maximum against the 售价 column', async () => {
    // ¥20,000,000 parses as money but is beyond the 1,000,000,000 fen a price may be.
    const p = await preview(utf8(crlf(['商家编码,商品标题,售价', 'BIG-1,天价商品,20000000'])));
    expect(rowOf(p, 2).status).toBe('rejected');
    expect(rowOf(p, 2).errors).toEqual([
      { field: '售价', key: 'validation.max', params: { max: '10000000.00' } },
    ]);
  });

  it('rejects rows of one product that disagree on its title (import.productConflict)', async () => {
    const p = await preview(
      utf8(crlf(['商家编码,商品标题,款号,售价', 'S-1,卫衣,WY1,10', 'S-2,卫衣 新款,WY1,10'])),
    );
    expect(rowOf(p, 3)).toMatchObject({
      status: 'rejected',
      errors: [{ field: '商品标题', key: 'import.productConflict', params: { row: 2 } }],
    });
  });

  it('adds a new SKU to an existing product with the same 款号', async () => {
    const existing = await app.ok<Product>(C, 'catalog.create', sampleProduct());
    const p = await preview(
      utf8(crlf(['商家编码,商品标题,款号,售价', 'TX001-GR-M,纯棉圆领短袖T恤 男款,TX001,59'])),
    );
    expect(rowOf(p, 2).status).toBe('new');
    await commit(p.importId);
    const got = await app.ok<Product>(C, 'catalog.get', { productId: existing.id });
    expect(got.skus.map((s) => s.code).sort()).toEqual(['TX001-BK-XL', 'TX001-GR-M', 'TX001-WH-L']);
  });

  it('does not change an existing product behind the preview’s back when a new SKU joins it', async () => {
    // The new row joins product TX001 by its 款号 but carries another title and category. The
    // preview shows it as a plain "new" row; whatever the commit then does to the existing
    // product must have been shown in the preview.
    const existing = await app.ok<Product>(C, 'catalog.create', sampleProduct());
    const p = await preview(
      utf8(crlf(['商家编码,商品标题,款号,类目,售价', 'TX001-GR-M,儿童款T恤,TX001,童装,59'])),
    );
    const row = rowOf(p, 2);
    await commit(p.importId);
    const after = await app.ok<Product>(C, 'catalog.get', { productId: existing.id });
    const changedFields = (['title', 'category'] as const).filter((k) => after[k] !== existing[k]);
    expect(row.changes.filter((c) => changedFields.includes(c as 'title' | 'category'))).toEqual(
      changedFields,
    );
  });
});

describe('commit rules', () => {
  it('a preview by one person cannot be committed by another (NOT_FOUND), and stays the first’s', async () => {
    const p = await preview(fixture('catalog-utf8.csv'));
    await app.signInAs(D, 'manager');
    const before = fingerprint(app.store);
    expect(
      await app.call(D, 'catalog.importCommit', { importId: p.importId, excludeRows: [4] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(fingerprint(app.store)).toBe(before);
    expect(await commit(p.importId, [4])).toMatchObject({ created: 4 });
  });

  it('a committed preview cannot be committed again, and a newer preview replaces an older one', async () => {
    const first = await preview(fixture('catalog-utf8.csv'));
    const second = await preview(fixture('catalog-utf8.csv'));
    expect(
      await app.call(C, 'catalog.importCommit', { importId: first.importId, excludeRows: [4] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    await commit(second.importId, [4]);
    expect(
      await app.call(C, 'catalog.importCommit', { importId: second.importId, excludeRows: [4] }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('re-plans at commit: a code created meanwhile is updated, not inserted twice', async () => {
    const p = await preview(utf8(crlf(['商家编码,商品标题,售价', 'RACE-1,抢先一步的商品,25.00'])));
    expect(rowOf(p, 2).status).toBe('new');
    // Someone else creates the same code between preview and commit, at another price.
    await app.signInAs(D, 'manager');
    await app.ok(D, 'catalog.create', {
      title: '抢先一步的商品',
      skus: [{ code: 'RACE-1', costFen: 100, priceFen: 1999 }],
    });
    const result = await commit(p.importId);
    expect(result).toMatchObject({ created: 0, updated: 1 });
    const rows = await listAll({ q: 'RACE-1' });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.priceFen).toBe(2500);
  });

  it('re-plans at commit: a change already made meanwhile counts as unchanged', async () => {
    const created = await app.ok<Product>(C, 'catalog.create', sampleProduct());
    const p = await preview(utf8(crlf(['商家编码,商品标题,售价', 'TX001-WH-L,纯棉圆领短袖T恤 男款,69.00'])));
    expect(rowOf(p, 2)).toMatchObject({ status: 'changed', changes: ['priceFen'] });
    await app.ok(C, 'catalog.update', {
      ...sampleProduct(),
      id: created.id,
      expectedVersion: created.version,
      skus: created.skus.map(({ archived: _a, ...s }) =>
        s.code === 'TX001-WH-L' ? { ...s, priceFen: 6900 } : s,
      ),
    });
    expect(await commit(p.importId)).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it('re-plans at commit: a row that became invalid meanwhile blocks the commit', async () => {
    const p = await preview(utf8(crlf(['商家编码,商品标题,条形码,售价', 'NEW-9,新商品,6920000000031,10'])));
    expect(rowOf(p, 2).status).toBe('new');
    await app.ok(C, 'catalog.create', {
      title: '别的商品',
      skus: [{ code: 'OTHER-1', barcode: '6920000000031', costFen: 1, priceFen: 2 }],
    });
    const before = fingerprint(app.store);
    expect(await app.call(C, 'catalog.importCommit', { importId: p.importId })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', key: 'import.hasRejected', params: { rows: '2' } },
    });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('changes the archived state only through a 状态 column (在用 restores, 已归档 archives)', async () => {
    const created = await app.ok<Product>(C, 'catalog.create', sampleProduct());
    await app.ok(C, 'catalog.update', {
      ...sampleProduct(),
      id: created.id,
      expectedVersion: created.version,
      skus: created.skus.filter((s) => s.code === 'TX001-WH-L').map(({ archived: _a, ...s }) => s),
    });
    // Without the column, an archived SKU in a price list stays archived.
    const quiet = await preview(
      utf8(crlf(['商家编码,商品标题,售价', 'TX001-BK-XL,纯棉圆领短袖T恤 男款,59.00'])),
    );
    expect(rowOf(quiet, 2)).toMatchObject({ status: 'unchanged', changes: [] });
    // With it, 在用 restores…
    const p = await preview(
      utf8(crlf(['商家编码,商品标题,售价,状态', 'TX001-BK-XL,纯棉圆领短袖T恤 男款,59.00,在用'])),
    );
    expect(rowOf(p, 2)).toMatchObject({ status: 'changed', changes: ['restore'] });
    await commit(p.importId);
    expect((await listAll({ q: 'TX001-BK-XL' }))[0]!.archived).toBe(false);
    // …and 已归档 archives.
    const q = await preview(
      utf8(crlf(['商家编码,商品标题,售价,状态', 'TX001-WH-L,纯棉圆领短袖T恤 男款,59.00,已归档'])),
    );
    expect(rowOf(q, 2)).toMatchObject({ status: 'changed', changes: ['archive'] });
    await commit(q.importId);
    expect((await listAll({ q: 'TX001-WH-L', status: 'archived' }))[0]!.archived).toBe(true);
  });

  it('rejects a row that would list or delist an existing product (上架准备 marks it), and still creates listed new ones', async () => {
    await app.ok(C, 'catalog.create', sampleProduct({ listed: false }));
    const p = await preview(
      utf8(
        crlf([
          '商家编码,商品标题,售价,是否上架',
          'TX001-WH-L,纯棉圆领短袖T恤 男款,59.00,是',
          'NEW-1,新款帆布包,39.00,是',
        ]),
      ),
    );
    expect(rowOf(p, 2)).toMatchObject({
      status: 'rejected',
      errors: [expect.objectContaining({ key: 'import.listedViaReadiness' })],
    });
    expect(rowOf(p, 3)).toMatchObject({ status: 'new' });
    await commit(p.importId, [2]);
    expect((await listAll({ q: 'TX001-WH-L' }))[0]!.listed).toBe(false);
    expect((await listAll({ q: 'NEW-1' }))[0]!.listed).toBe(true);
  });
});

describe('export', () => {
  async function seed(): Promise<void> {
    await app.ok(C, 'catalog.create', sampleProduct({ notes: '备注, 含 "引号"\n和换行' }));
    await app.ok(C, 'catalog.create', {
      title: '=HYPERLINK("http://x")套装',
      category: '套装',
      listed: false,
      skus: [
        { code: '-DASH-1', spec: '颜色:红, 蓝', costFen: 100, priceFen: 19900, lowStockThreshold: 3 },
        { code: '+PLUS-1', spec: '尺码:"大"\n加长', costFen: 100, priceFen: 19900 },
        { code: '@AT-1', barcode: '-123', costFen: 100, priceFen: 19900 },
      ],
    });
    await app.ok(C, 'catalog.create', {
      title: '不锈钢保温杯, 500ml',
      skus: [{ code: 'BWB-1', costFen: 1550, priceFen: 3990 }],
    });
  }
  const exportCsv = (input: Record<string, unknown> = {}) =>
    app.ok<ExportResult>(C, 'catalog.exportCsv', input);
  const exported = (r: ExportResult) => {
    if (r.cancelled) throw new Error('cancelled');
    return fs.readFileSync(r.path);
  };

  it('writes UTF-8 with a BOM, the export header, yuan prices and intact Chinese', async () => {
    await seed();
    const r = await exportCsv();
    expect(r).toMatchObject({ cancelled: false, rows: 6 });
    if (r.cancelled) return;
    expect(path.dirname(r.path)).toBe(app.exportDir);
    expect(path.basename(r.path)).toMatch(/^商品资料_\d{8}\.csv$/);
    expect(fs.readdirSync(app.exportDir)).toEqual([path.basename(r.path)]); // no .partial left
    const bytes = exported(r);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe(EXPORT_HEADER.join(','));
    expect(EXPORT_HEADER).toEqual([
      '商家编码',
      '条形码',
      '商品标题',
      '规格',
      '款号',
      '类目',
      '成本价',
      '售价',
      '是否上架',
      '库存预警值',
      '状态',
    ]);
    const table = parseCsv(text);
    expect(table).toHaveLength(7);
    const wh = table.find((row) => row[0] === 'TX001-WH-L')!;
    expect(wh).toEqual([
      'TX001-WH-L',
      '6901234567892',
      '纯棉圆领短袖T恤 男款',
      '颜色分类:白色;尺码:L',
      'TX001',
      '男装',
      '25.00',
      '59.00',
      '是',
      '10',
      '在用',
    ]);
    expect(table.find((row) => row[0] === 'BWB-1')!.slice(6, 8)).toEqual(['15.50', '39.90']);
    // Notes are not exported.
    expect(text).not.toContain('备注');
  });

  it('neutralises formula cells and quotes cells with commas, quotes and line breaks (RFC 4180)', async () => {
    await seed();
    const text = exported(await exportCsv())
      .subarray(3)
      .toString('utf8');
    // The raw text, as Excel sees it.
    expect(text).toContain(`"'=HYPERLINK(""http://x"")套装"`);
    expect(text).toContain(`\r\n'-DASH-1,`);
    expect(text).toContain(`\r\n'+PLUS-1,`);
    expect(text).toContain(`\r\n'@AT-1,`);
    expect(text).toContain(`,"颜色:红, 蓝",`);
    expect(text).toContain(`,"尺码:""大""\n加长",`);
    expect(text).toContain(`,"不锈钢保温杯, 500ml",`);
    // A plain negative number is not a formula: it stays a number.
    expect(text).toContain(`'@AT-1,-123,`);
    // No line starts with a formula character.
    for (const line of text.split('\r\n')) expect(line).not.toMatch(/^[=+\-@\t\r]/);
    // Parsed back, the cells are the values with the apostrophe.
    const table = parseCsv(text);
    const dash = table.find((row) => row[0] === "'-DASH-1")!;
    expect(dash.slice(2, 4)).toEqual(['\'=HYPERLINK("http://x")套装', '颜色:红, 蓝']);
    expect(table.find((row) => row[0] === "'+PLUS-1")![3]).toBe('尺码:"大"\n加长');
  });

  it('respects the filter', async () => {
    await seed();
    const byQ = parseCsv(
      exported(await exportCsv({ filter: { q: 'cmyl' } }))
        .subarray(3)
        .toString('utf8'),
    );
    expect(
      byQ
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['TX001-BK-XL', 'TX001-WH-L']);
    const unlisted = await exportCsv({ filter: { listed: 'unlisted' } });
    expect(unlisted).toMatchObject({ rows: 4 });
    const unlistedCodes = parseCsv(exported(unlisted).subarray(3).toString('utf8'))
      .slice(1)
      .map((r) => r[0]);
    expect(unlistedCodes.sort()).toEqual(["'+PLUS-1", "'-DASH-1", "'@AT-1", 'BWB-1'].sort());
    const cat = parseCsv(
      exported(await exportCsv({ filter: { category: '男装' } }))
        .subarray(3)
        .toString('utf8'),
    );
    expect(cat).toHaveLength(3);
    const none = await exportCsv({ filter: { q: '没有这个商品' } });
    expect(none).toMatchObject({ rows: 0 });
    expect(exported(none).subarray(3).toString('utf8')).toBe(EXPORT_HEADER.join(',') + '\r\n');
  });

  it('writes GBK (as GB18030) without a BOM, decoding to the same text as the UTF-8 export', async () => {
    await seed();
    const u = exported(await exportCsv({ encoding: 'utf8bom' }));
    const g = exported(await exportCsv({ encoding: 'gbk' }));
    expect(g[0]).not.toBe(0xef);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(g)).toThrow(); // really not UTF-8
    const text = u.subarray(3).toString('utf8');
    expect(iconv.decode(g, 'gbk')).toBe(text);
    expect(iconv.decode(g, 'gb18030')).toBe(text);
  });

  it('keeps characters beyond GBK in a GBK export (GB18030), instead of writing "?"', async () => {
    await app.ok(C, 'catalog.create', {
      title: '𠮷野家联名款 😀',
      skus: [{ code: 'RARE-1', costFen: 1, priceFen: 2 }],
    });
    const g = exported(await exportCsv({ encoding: 'gbk' }));
    expect(iconv.decode(g, 'gb18030')).toContain('𠮷野家联名款 😀');
  });

  it('writes nothing when the person cancels the save dialog', async () => {
    app.close();
    app = makeApp({ shop: true, cancelSave: true });
    await app.signInAs(C, 'wh_supervisor');
    await app.ok(C, 'catalog.create', sampleProduct());
    expect(await app.ok(C, 'catalog.exportCsv', {})).toEqual({ cancelled: true });
    expect(fs.readdirSync(app.exportDir)).toEqual([]);
  });

  it('round trip: an exported file imports back with every row unchanged', async () => {
    await seed();
    const file = exported(await exportCsv());
    const digest = dataDigest(app.store);
    const p = await preview(file, 'export.csv');
    expect(p.counts).toEqual({ new: 0, changed: 0, unchanged: 6, rejected: 0 });
    // The apostrophes added against formulas are gone again.
    expect(p.rows.map((r) => r.code).sort()).toEqual(
      ['+PLUS-1', '-DASH-1', '@AT-1', 'BWB-1', 'TX001-BK-XL', 'TX001-WH-L'].sort(),
    );
    expect(p.rows.find((r) => r.code === '-DASH-1')!.title).toBe('=HYPERLINK("http://x")套装');
    expect(await commit(p.importId)).toEqual({ created: 0, updated: 0, unchanged: 6, excluded: 0 });
    expect(dataDigest(app.store)).toBe(digest);
  });

  it('round trip in GBK too', async () => {
    await seed();
    const p = await preview(exported(await exportCsv({ encoding: 'gbk' })), 'export-gbk.csv');
    expect(p.encoding).toBe('GB18030');
    expect(p.counts).toEqual({ new: 0, changed: 0, unchanged: 6, rejected: 0 });
  });

  it('round trip of an export that includes archived rows keeps them archived', async () => {
    // The export writes 状态 = 已归档 for them; importing that file back must not silently
    // restore what was archived.
    await seed();
    const created = await app.ok<Paged<SkuRow>>(C, 'catalog.list', { filter: { q: 'TX001-BK-XL' } });
    const product = await app.ok<Product>(C, 'catalog.get', { productId: created.rows[0]!.productId });
    await app.ok(C, 'catalog.update', {
      ...sampleProduct(),
      id: product.id,
      expectedVersion: product.version,
      skus: product.skus.filter((s) => s.code === 'TX001-WH-L').map(({ archived: _a, ...s }) => s),
    });
    const file = exported(await exportCsv({ filter: { status: 'all' } }));
    expect(file.toString('utf8')).toContain('已归档');
    const p = await preview(file);
    expect(rowOf(p, p.rows.find((r) => r.code === 'TX001-BK-XL')!.rowNumber).status).toBe('unchanged');
    await commit(p.importId);
    expect((await listAll({ q: 'TX001-BK-XL' }))[0]!.archived).toBe(true);
  });

  it('names the file by the shop’s local date, not the UTC date', async () => {
    // 2026-11-28T17:30Z is already 2026-11-29 in Shanghai, where the shop is.
    const dir = tempDir();
    const store = openStore({ dataDir: dir, now: () => Date.parse('2026-11-28T17:30:00Z') });
    const names: string[] = [];
    const router = createRouter({
      store,
      host: {
        appVersion: 'test',
        chooseSavePath: async ({ defaultName }) => {
          names.push(defaultName);
          return path.join(dir, defaultName);
        },
      },
      logError: () => {},
    });
    try {
      expect(
        await router.call(C, 'system.setup', { shopName: '店', managerName: '店长', pin: '1111' }),
      ).toMatchObject({ ok: true });
      expect(await router.call(C, 'catalog.exportCsv', {})).toMatchObject({ ok: true });
      expect(names).toEqual(['商品资料_20261129.csv']);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

function skuCodes(rows: SkuRow[]): string[] {
  return rows.map((r) => r.code).sort();
}
