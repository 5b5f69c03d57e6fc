// Listing readiness (上架准备) against a real store with real image files: each checklist item
// turning true through the real channels, the image rules deciding which main images count,
// CS product knowledge learned by every active 客服专员 (through the pre-sales channels), marking listed refused / overridden (recorded,
// append-only), delisting, and the low-stock alert that listing raises and delisting clears.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Paged } from '../../src-main/api/contract';
import type { ImportReport, ReadinessRow, Task } from '../../src-main/api/contract-art';
import type { ProductKnowledge } from '../../src-main/api/contract-presales';
import { knowledgeLearned } from '../../src-main/modules/art/readiness';
import { createStaff } from '../../src-main/modules/staff/service';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';

const A = '00000000-0000-4000-8000-0000000000e1'; // 美工专员
const S = '00000000-0000-4000-8000-0000000000e2'; // 美工主管
const M = '00000000-0000-4000-8000-0000000000e3'; // 店长
const K = '00000000-0000-4000-8000-0000000000e4'; // 客服主管
const G = '00000000-0000-4000-8000-0000000000e5'; // 客服专员
let app: TestApp;
afterEach(() => app?.close());

type List = Paged<ReadinessRow> & { counts: Record<string, number> };

async function setup() {
  app = makeApp({ shop: true });
  await app.signInAs(A, 'art_agent');
  await app.signInAs(S, 'art_supervisor');
  await app.signInAs(M, 'manager');
  await app.signInAs(K, 'cs_supervisor');
  const p = await app.ok<{ id: string; skus: { id: string }[] }>(
    M,
    'catalog.create',
    sampleProduct({ listed: false }),
  );
  const other = await app.ok<{ id: string }>(
    M,
    'catalog.create',
    sampleProduct({
      title: '冰丝阔腿裤',
      styleCode: 'KZ002',
      listed: false,
      skus: [{ code: 'KZ002-BK-M', barcode: '', spec: '黑色;M', costFen: 3000, priceFen: 8900 }],
    }),
  );
  return { productId: p.id, skuIds: p.skus.map((s) => s.id), otherId: other.id };
}

/** Real image files imported through the library (w×h, use, SKU links). */
async function addImages(
  specs: { w: number; h: number; use: string; skuIds: string[] }[],
): Promise<string[]> {
  const dir = path.join(app.dir, `src-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = await Promise.all(
    specs.map(async (s, i) => {
      const f = path.join(dir, `图${i}.png`);
      await sharp({
        create: { width: s.w, height: s.h, channels: 3, background: { r: i * 20, g: 90, b: 160 } },
      })
        .png()
        .toFile(f);
      return f;
    }),
  );
  app.pickPaths = files;
  const rep = await app.ok<ImportReport>(A, 'art.libraryImport', { mode: 'files' });
  expect(rep.errors).toEqual([]);
  const ids = rep.imported.map((x) => x.id);
  for (const [i, s] of specs.entries())
    await app.ok(A, 'art.libraryUpdate', { ids: [ids[i]], use: s.use, addSkuIds: s.skuIds });
  await thumbsIdle(app.store);
  return ids;
}

/** 客服主管 writes (a new version of) the product's knowledge; returns the new version number. */
async function writeKnowledge(productId: string, sizes: string): Promise<number> {
  const cur = await app.ok<ProductKnowledge>(K, 'presales.knowledgeGet', { productId });
  const k = await app.ok<ProductKnowledge>(K, 'presales.knowledgeSave', {
    productId,
    expectedVersion: cur.currentVersion,
    sellingPoints: '纯棉不起球',
    sizes,
  });
  return k.currentVersion;
}

const rowOf = async (productId: string, as = S) =>
  (await app.ok<List>(as, 'art.readinessList', {})).rows.find((r) => r.productId === productId)!;

describe('listing readiness (上架准备)', () => {
  it('turns each item true from its source; only rule-passing live main images count', async () => {
    const { productId, skuIds } = await setup();
    let r = await rowOf(productId);
    expect(r.items).toEqual({
      mainImages: 'missing',
      skuImages: 'missing',
      detailPage: 'missing',
      stock: 'missing',
      knowledge: 'missing',
    });
    expect(r).toMatchObject({
      ready: false,
      listed: false,
      skuCount: 2,
      missing: ['mainImages', 'skuImages', 'detailPage', 'stock', 'knowledge'],
    });

    // Main images: a 600×400 one breaks the square rule and does not count; an 800×800 one does.
    const [wide] = await addImages([{ w: 600, h: 400, use: 'main', skuIds: [skuIds[0]!] }]);
    expect((await rowOf(productId)).items.mainImages).toBe('missing');
    const [square] = await addImages([{ w: 800, h: 800, use: 'main', skuIds: [skuIds[1]!] }]);
    r = await rowOf(productId);
    expect(r.items.mainImages).toBe('done');
    expect(r.mainImageCount).toBe(1);
    // Relaxing the rules makes the wide one count too; archiving or trashing takes an image out.
    await app.ok(S, 'art.rulesSave', { mainSquare: false, mainMinSide: 400, mainMaxBytes: 3145728 });
    expect((await rowOf(productId)).mainImageCount).toBe(2);
    await app.ok(A, 'art.libraryUpdate', { ids: [wide], status: 'archived' });
    await app.ok(A, 'art.libraryTrash', { ids: [square], trashed: true });
    expect((await rowOf(productId)).items.mainImages).toBe('missing');
    await app.ok(A, 'art.libraryTrash', { ids: [square], trashed: false });
    expect((await rowOf(productId)).items.mainImages).toBe('done');

    // SKU images: every SKU needs one.
    await addImages([{ w: 500, h: 500, use: 'sku', skuIds: [skuIds[0]!] }]);
    r = await rowOf(productId);
    expect([r.items.skuImages, r.skusWithImage]).toEqual(['missing', 1]);
    await addImages([{ w: 501, h: 500, use: 'sku', skuIds: [skuIds[1]!] }]);
    expect((await rowOf(productId)).items.skuImages).toBe('done');

    // Detail page: a 详情页 task counts once completed (approved), not before.
    const t = await app.ok<Task>(S, 'art.taskSave', {
      type: 'detail_page',
      title: '详情页',
      skuIds: [skuIds[0]],
    });
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'doing' });
    await app.ok(A, 'art.taskMove', { id: t.id, to: 'review' });
    expect((await rowOf(productId)).items.detailPage).toBe('missing');
    await app.ok(S, 'art.taskReview', { id: t.id, decision: 'approve' });
    expect((await rowOf(productId)).items.detailPage).toBe('done');

    // Stock: on hand > 0 for at least one SKU.
    const bin = await app.ok<{ id: string }>(M, 'warehouse.saveBin', { code: 'A-01-01' });
    const d = await app.ok<{ id: string }>(M, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [{ skuId: skuIds[0], binId: bin.id, quantity: 3 }],
    });
    await app.ok(M, 'warehouse.post', { id: d.id });
    r = await rowOf(productId);
    expect(r).toMatchObject({ onHand: 3, ready: false, missing: ['knowledge'] });
    expect(r.items).toMatchObject({ stock: 'done', knowledge: 'missing' });

    // Knowledge: the 客服主管 writes it, then every active 客服专员 learns the current version.
    const v = await writeKnowledge(productId, 'M L XL');
    expect((await rowOf(productId)).items.knowledge).toBe('missing');
    await app.signInAs(G, 'cs_agent');
    await app.ok(G, 'presales.knowledgeLearn', { productId, version: v });
    r = await rowOf(productId);
    expect(r).toMatchObject({ ready: true, missing: [] });
    expect(r.items).toMatchObject({ stock: 'done', knowledge: 'done' });

    // Filters and counts: customer service's supervisor reads them too.
    const ready = await app.ok<List>(K, 'art.readinessList', { filter: { state: 'ready' } });
    expect(ready.rows.map((x) => x.title)).toEqual(['纯棉圆领短袖T恤 男款']);
    expect(ready.counts).toEqual({ all: 2, notReady: 1, ready: 1, listed: 0 });
    const byCode = await app.ok<List>(K, 'art.readinessList', { filter: { q: 'kz002-bk' } });
    expect(byCode.rows.map((x) => x.title)).toEqual(['冰丝阔腿裤']);
  });

  it('a detail image (详情) also satisfies the detail page', async () => {
    const { productId, skuIds } = await setup();
    await addImages([{ w: 750, h: 2000, use: 'detail', skuIds: [skuIds[1]!] }]);
    expect((await rowOf(productId)).items.detailPage).toBe('done');
  });

  it('refuses to list with items missing unless overridden with a reason; records every mark; delists', async () => {
    const { productId, otherId } = await setup();
    const before = fingerprint(app.store);
    expect(await app.call(M, 'art.readinessMark', { productId, listed: true })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        key: 'notReady',
        params: { items: 'mainImages,skuImages,detailPage,stock,knowledge', count: 5 },
      },
    });
    // Only the manager and the director mark.
    expect(
      await app.call(S, 'art.readinessMark', { productId, listed: true, overrideReason: '急' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(fingerprint(app.store)).toBe(before);

    const listed = await app.ok<ReadinessRow>(M, 'art.readinessMark', {
      productId,
      listed: true,
      overrideReason: '预售款，图片后补',
    });
    expect(listed).toMatchObject({
      listed: true,
      lastMark: { listed: true, overrideReason: '预售款，图片后补', staffName: '店长甲' },
    });
    const product = await app.ok<{ listed: boolean }>(M, 'catalog.get', { productId });
    expect(product.listed).toBe(true);
    // A stale version is refused.
    expect(
      await app.call(M, 'art.readinessMark', { productId, listed: false, expectedVersion: '0000' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'staleEdit' } });
    const delisted = await app.ok<ReadinessRow>(M, 'art.readinessMark', {
      productId,
      listed: false,
      expectedVersion: listed.version,
    });
    expect(delisted).toMatchObject({ listed: false, lastMark: { listed: false, overrideReason: '' } });

    const events = app.store.db
      .prepare(`SELECT product_id, listed, missing, override_reason FROM product_listing_event ORDER BY seq`)
      .all();
    expect(events).toEqual([
      {
        product_id: productId,
        listed: 1,
        missing: '["mainImages","skuImages","detailPage","stock","knowledge"]',
        override_reason: '预售款，图片后补',
      },
      { product_id: productId, listed: 0, missing: '[]', override_reason: '' },
    ]);
    expect(() => app.store.db.prepare(`DELETE FROM product_listing_event`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`UPDATE product_listing_event SET listed = 1`).run()).toThrow(
      /append-only/,
    );
    const log = changeLogRows(app.store, { entity: 'product' }).filter((x) => x.row_id === productId);
    expect(log.slice(-2).map((x) => [x.op, x.fields])).toEqual([
      [
        'list',
        {
          listed: { from: false, to: true },
          overrideReason: { from: null, to: '预售款，图片后补' },
          missing: { from: null, to: ['mainImages', 'skuImages', 'detailPage', 'stock', 'knowledge'] },
        },
      ],
      ['delist', { listed: { from: true, to: false } }],
    ]);
    // The director may mark too; the other product is still unlisted.
    await app.signInAs(K, 'director');
    await app.ok(K, 'art.readinessMark', { productId: otherId, listed: true, overrideReason: '直播款' });
    const list = await app.ok<List>(K, 'art.readinessList', { filter: { state: 'listed' } });
    expect(list.rows.map((x) => x.title)).toEqual(['冰丝阔腿裤']);
  });

  it('marking listed raises the low-stock alert of a low SKU; delisting clears it', async () => {
    const { productId, skuIds } = await setup();
    const bin = await app.ok<{ id: string }>(M, 'warehouse.saveBin', { code: 'A-01-01' });
    const d = await app.ok<{ id: string }>(M, 'warehouse.saveDraft', {
      type: 'purchase_in',
      lines: [{ skuId: skuIds[0], binId: bin.id, quantity: 5 }], // below the threshold of 10
    });
    await app.ok(M, 'warehouse.post', { id: d.id });
    const openAlerts = () =>
      app.store.db
        .prepare(`SELECT sku_id, raised_qty FROM stock_alert WHERE cleared_at IS NULL AND sku_id = ?`)
        .all(skuIds[0]);
    expect(openAlerts()).toEqual([]);
    await app.ok(M, 'art.readinessMark', { productId, listed: true, overrideReason: '先上架' });
    expect(openAlerts()).toEqual([{ sku_id: skuIds[0], raised_qty: 5 }]);
    await app.ok(M, 'art.readinessMark', { productId, listed: false });
    expect(openAlerts()).toEqual([]);
    const cleared = app.store.db
      .prepare(`SELECT cleared_reason FROM stock_alert WHERE sku_id = ? AND cleared_at IS NOT NULL`)
      .all(skuIds[0]);
    expect(cleared).toEqual([{ cleared_reason: 'inactive' }]);
  });

  it('CS product knowledge: learned when every active 客服专员 learned the current version', async () => {
    const { productId, otherId } = await setup();
    // A second 客服专员: both must learn.
    const second = app.store.tx(() =>
      createStaff(app.store, app.people.manager!.id, { name: '客服乙', role: 'cs_agent', pin: '3333' }),
    );
    const G2 = '00000000-0000-4000-8000-0000000000e6';
    await app.signInAs(G, 'cs_agent');
    await app.ok(G2, 'auth.signIn', { staffId: second.id, pin: '3333' });
    const knowledge = async () => {
      const r = await rowOf(productId);
      expect(knowledgeLearned(app.store, productId)).toBe(r.items.knowledge);
      return [r.items.knowledge, r.missing.includes('knowledge')];
    };

    // No knowledge written: missing, and it blocks.
    expect(await knowledge()).toEqual(['missing', true]);
    // Written but not learned by everyone: still missing.
    const v1 = await writeKnowledge(productId, 'M L');
    expect(v1).toBe(1);
    expect(await knowledge()).toEqual(['missing', true]);
    await app.ok(G, 'presales.knowledgeLearn', { productId, version: v1 });
    expect(await knowledge()).toEqual(['missing', true]);
    // Every active agent learned the current version: done.
    await app.ok(G2, 'presales.knowledgeLearn', { productId, version: v1 });
    expect(await knowledge()).toEqual(['done', false]);
    // Another product's knowledge is its own.
    expect(knowledgeLearned(app.store, otherId)).toBe('missing');
    // A new version: missing again until both learn it.
    const v2 = await writeKnowledge(productId, 'M L XL');
    expect(v2).toBe(2);
    expect(await knowledge()).toEqual(['missing', true]);
    await app.ok(G, 'presales.knowledgeLearn', { productId, version: v2 });
    await app.ok(G2, 'presales.knowledgeLearn', { productId, version: v2 });
    expect(await knowledge()).toEqual(['done', false]);
    // The manager's override still lists it with the other items missing (knowledge not among them).
    const listed = await app.ok<ReadinessRow>(M, 'art.readinessMark', {
      productId,
      listed: true,
      overrideReason: '图片后补',
    });
    expect(listed).toMatchObject({
      listed: true,
      missing: ['mainImages', 'skuImages', 'detailPage', 'stock'],
    });

    // A shop with no active 客服专员: written knowledge is enough.
    app.store.db.prepare(`UPDATE staff SET active = 0 WHERE role = 'cs_agent'`).run();
    expect(knowledgeLearned(app.store, otherId)).toBe('missing');
    await writeKnowledge(otherId, 'S M');
    expect(knowledgeLearned(app.store, otherId)).toBe('done');
  });
});
