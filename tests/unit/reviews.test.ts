// Neutral and negative reviews (中差评, §13.4) against a real store: registration rules (order line,
// dates, one per line), handling steps (append-only, what changed, 评价解释 required for 已解释,
// 已修改为好评 final), the buyer timeline (also after a merge), statistics maths by reason and by
// product over a date range, list filters, the CSV read back in both encodings, and who may do what.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Buyer,
  Envelope,
  ExportResult,
  Order,
  OrderImportPreview,
  Paged,
} from '../../src-main/api/contract';
import type { Review, ReviewRow, ReviewStats } from '../../src-main/api/contract-reviews';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';

const C = '00000000-0000-4000-8000-0000000000e1';
let app: TestApp;
afterEach(() => app?.close());

/** 2026-11-28 12:00 shop time (04:00 UTC); tests move it. */
let nowMs = 0;
async function shop(): Promise<TestApp> {
  nowMs = Date.parse('2026-11-28T04:00:00Z');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(C, 'manager');
  await app.ok(C, 'catalog.create', sampleProduct());
  const p = await app.ok<OrderImportPreview>(C, 'orders.importPreview', {
    files: [
      { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
      { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
    ],
  });
  await app.ok(C, 'orders.importCommit', { importId: p.importId });
  return app;
}
async function order(no: string): Promise<Order> {
  const list = await app.ok<Paged<{ id: string }>>(C, 'orders.list', { filter: { q: no } });
  return app.ok<Order>(C, 'orders.get', { id: list.rows[0]!.id });
}
const fail = (env: Envelope<unknown>) => {
  if (env.ok) throw new Error('expected a failure');
  return env.error;
};

describe('registering a review', () => {
  it('takes the product from the order line and the buyer from the order, and logs it', async () => {
    await shop();
    const o = await order('1930679858170647');
    const line = o.lines[0]!;
    const r = await app.ok<Review>(C, 'reviews.create', {
      orderId: o.id,
      orderLineId: line.id,
      rating: 'negative',
      content: '洗了一次就缩水，领口变形',
      reviewDate: '2026-11-28',
    });
    expect(r).toMatchObject({
      orderNo: '1930679858170647',
      memberName: '小鹿乱撞2019',
      buyerId: o.buyerId,
      skuCode: 'TX001-WH-L',
      title: '纯棉圆领短袖T恤 男款',
      spec: '颜色分类:白色;尺码:L',
      rating: 'negative',
      outcome: 'pending',
      reason: '',
      compensationFen: 0,
    });
    expect(r.skuId).not.toBeNull();
    expect(r.number).toMatch(/^PJ-[2-9A-HJ-NP-Z]{4}-20261128-0001$/);
    expect(r.steps).toHaveLength(1);
    expect(r.steps[0]).toMatchObject({ kind: 'register', outcome: 'pending' });
    const log = changeLogRows(app.store, { entity: 'review' });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ op: 'create', row_id: r.id });
    expect(log[0]!.fields.content).toEqual({ from: null, to: '洗了一次就缩水，领口变形' });
  });

  it('refuses a missing or foreign line, a future date, a date before the order, and a second review of a line', async () => {
    await shop();
    const o = await order('1930679858170647');
    const other = await order('2456781234567890123');
    const base = { orderId: o.id, rating: 'neutral', content: '一般', reviewDate: '2026-11-28' };
    const before = fingerprint(app.store);
    expect(fail(await app.call(C, 'reviews.create', base)).fields).toEqual({
      orderLineId: { key: 'validation.required' },
    });
    expect(
      fail(await app.call(C, 'reviews.create', { ...base, orderLineId: other.lines[0]!.id })).fields,
    ).toEqual({ orderLineId: { key: 'validation.reviewLineNotInOrder' } });
    expect(
      fail(
        await app.call(C, 'reviews.create', {
          ...base,
          orderLineId: o.lines[0]!.id,
          reviewDate: '2026-11-29',
        }),
      ).fields,
    ).toEqual({ reviewDate: { key: 'validation.reviewDateFuture' } });
    // Ordered 2026-11-27 09:15 shop time.
    expect(
      fail(
        await app.call(C, 'reviews.create', {
          ...base,
          orderLineId: o.lines[0]!.id,
          reviewDate: '2026-11-26',
        }),
      ).fields,
    ).toEqual({ reviewDate: { key: 'validation.reviewBeforeOrder', params: { date: '2026-11-27' } } });
    expect(fingerprint(app.store)).toBe(before);
    const first = await app.ok<Review>(C, 'reviews.create', {
      ...base,
      orderLineId: o.lines[0]!.id,
      reviewDate: '2026-11-27',
    });
    const again = fail(await app.call(C, 'reviews.create', { ...base, orderLineId: o.lines[0]!.id }));
    expect(again).toMatchObject({ code: 'CONFLICT', key: 'reviewExists', params: { number: first.number } });
    // The order's other line may still be reviewed.
    await app.ok(C, 'reviews.create', { ...base, orderLineId: o.lines[1]!.id });
  });
});

describe('handling a review', () => {
  async function registered(): Promise<Review> {
    await shop();
    const o = await order('2456781234567890123');
    return app.ok<Review>(C, 'reviews.create', {
      orderId: o.id,
      orderLineId: o.lines[0]!.id,
      rating: 'negative',
      content: '颜色和图片差太多了',
      reviewDate: '2026-11-27',
    });
  }

  it('appends a step per handling with only what changed, and updates the review', async () => {
    const r = await registered();
    await app.signInAs(C, 'cs_agent');
    nowMs += 60_000;
    const h1 = await app.ok<Review>(C, 'reviews.handle', {
      id: r.id,
      expectedVersion: r.version,
      contactedAt: new Date(nowMs - 30_000).toISOString(),
      contactChannel: 'wangwang',
      reason: 'color',
      solution: '道歉并说明拍摄灯光，补偿 5 元',
      compensationFen: 500,
      note: '买家接受',
    });
    expect(h1).toMatchObject({
      reason: 'color',
      contactChannel: 'wangwang',
      contactedAt: new Date(nowMs - 30_000).toISOString(),
      compensationFen: 500,
      outcome: 'pending',
    });
    expect(h1.steps).toHaveLength(2);
    expect(h1.steps[1]).toMatchObject({
      kind: 'handle',
      staffName: 'cs_agent-人员',
      reason: 'color',
      compensationFen: 500,
      outcome: null,
      note: '买家接受',
    });
    // A stale version is refused.
    expect(
      fail(await app.call(C, 'reviews.handle', { id: r.id, expectedVersion: r.version, note: 'x' })),
    ).toMatchObject({
      code: 'CONFLICT',
      key: 'staleEdit',
    });
    // A channel alone means "just now".
    nowMs += 60_000;
    const h2 = await app.ok<Review>(C, 'reviews.handle', {
      id: r.id,
      contactChannel: 'phone',
      outcome: 'revised',
    });
    expect(h2.contactedAt).toBe(new Date(nowMs).toISOString());
    expect(h2.outcome).toBe('revised');
    expect(h2.steps[2]).toMatchObject({
      contactChannel: 'phone',
      outcome: 'revised',
      reason: null,
      solution: null,
    });
    const log = changeLogRows(app.store, { entity: 'review' }).filter((l) => l.op === 'handle');
    expect(log).toHaveLength(2);
    expect(log[0]!.fields.reason).toEqual({ from: '', to: 'color' });
    expect(log[1]!.fields.outcome).toEqual({ from: 'pending', to: 'revised' });
    // Steps are facts.
    expect(() => app.store.db.prepare(`UPDATE review_step SET note = 'x'`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM review_step`).run()).toThrow(/append-only/);
    expect(() => app.store.db.prepare(`DELETE FROM review`).run()).toThrow(/never deleted/);
  });

  it('needs the 评价解释 text for 已解释, something to record, a channel with a contact time; 已修改为好评 is final', async () => {
    const r = await registered();
    const before = fingerprint(app.store);
    expect(fail(await app.call(C, 'reviews.handle', { id: r.id, outcome: 'explained' })).fields).toEqual({
      explanation: { key: 'validation.explanationRequired' },
    });
    expect(fail(await app.call(C, 'reviews.handle', { id: r.id })).fields).toEqual({
      note: { key: 'validation.reviewStepEmpty' },
    });
    expect(
      fail(await app.call(C, 'reviews.handle', { id: r.id, contactedAt: new Date(nowMs).toISOString() }))
        .fields,
    ).toEqual({ contactChannel: { key: 'validation.required' } });
    expect(
      fail(
        await app.call(C, 'reviews.handle', {
          id: r.id,
          contactChannel: 'sms',
          contactedAt: new Date(nowMs + 3_600_000).toISOString(),
        }),
      ).fields,
    ).toEqual({ contactedAt: { key: 'validation.futureTime' } });
    // Re-sending the same values is no step either.
    expect(
      fail(await app.call(C, 'reviews.handle', { id: r.id, outcome: 'pending', reason: undefined })).fields,
    ).toEqual({
      note: { key: 'validation.reviewStepEmpty' },
    });
    expect(fingerprint(app.store)).toBe(before);
    const explained = await app.ok<Review>(C, 'reviews.handle', {
      id: r.id,
      outcome: 'explained',
      explanation: '亲，图片为自然光实拍，不同显示器会有色差，已为您补偿。',
    });
    expect(explained.outcome).toBe('explained');
    // Later 已修改为好评 after all, then it stays.
    await app.ok(C, 'reviews.handle', { id: r.id, outcome: 'revised' });
    const after = fingerprint(app.store);
    expect(fail(await app.call(C, 'reviews.handle', { id: r.id, outcome: 'unchanged' }))).toMatchObject({
      code: 'CONFLICT',
      key: 'reviewRevisedFinal',
    });
    expect(fingerprint(app.store)).toBe(after);
    const noted = await app.ok<Review>(C, 'reviews.handle', { id: r.id, note: '回访：买家满意' });
    expect(noted.outcome).toBe('revised');
    expect(noted.explanation).toMatch(/自然光/);
  });
});

describe('the buyer timeline', () => {
  it('shows the review on the buyer page, and keeps it there after a merge', async () => {
    await shop();
    const o = await order('3012345678901234');
    const r = await app.ok<Review>(C, 'reviews.create', {
      orderId: o.id,
      orderLineId: o.lines[0]!.id,
      rating: 'neutral',
      content: '袋子有点薄',
      reviewDate: '2026-11-25',
    });
    const b = await app.ok<Buyer>(C, 'buyers.get', { id: o.buyerId });
    const e = b.timeline.find((x) => x.kind === 'review');
    expect(e).toMatchObject({ refId: o.id, title: r.number, detail: 'neutral|pending||帆布袋|袋子有点薄' });
    const keep = await app.ok<Buyer>(C, 'buyers.save', { memberName: '小鹿本人' });
    await app.ok(C, 'buyers.merge', { keepId: keep.id, mergeId: o.buyerId });
    const kept = await app.ok<Buyer>(C, 'buyers.get', { id: keep.id });
    expect(kept.timeline.filter((x) => x.kind === 'review').map((x) => x.title)).toEqual([r.number]);
  });
});

describe('statistics and the list', () => {
  /** Five reviews over three days, two products, several reasons and outcomes. */
  async function five(): Promise<void> {
    await shop();
    const a = await order('1930679858170647'); // two lines: TX001-WH-L, NOPE-404
    const b = await order('2456781234567890123'); // TX001-WH-L
    const c = await order('3012345678901234'); // 帆布袋, no code
    const make = async (
      o: Order,
      line: number,
      rating: 'neutral' | 'negative',
      reviewDate: string,
      handle?: Record<string, unknown>,
    ) => {
      const r = await app.ok<Review>(C, 'reviews.create', {
        orderId: o.id,
        orderLineId: o.lines[line]!.id,
        rating,
        content: '评价内容',
        reviewDate,
      });
      if (handle) await app.ok(C, 'reviews.handle', { id: r.id, ...handle });
    };
    await make(a, 0, 'negative', '2026-11-27', { reason: 'size', outcome: 'revised', compensationFen: 300 });
    await make(a, 1, 'neutral', '2026-11-28', { reason: 'size', outcome: 'unchanged' });
    await make(b, 0, 'negative', '2026-11-27', {
      reason: 'color',
      outcome: 'explained',
      explanation: '色差说明',
      compensationFen: 1000,
    });
    await make(c, 0, 'negative', '2026-11-21', { reason: 'logistics', outcome: 'revised' });
  }

  it('counts by reason and by product with the rate revised, over an inclusive date range', async () => {
    await five();
    const all = await app.ok<ReviewStats>(C, 'reviews.stats', {});
    expect(all.overall).toMatchObject({
      total: 4,
      neutral: 1,
      negative: 3,
      revised: 2,
      explained: 1,
      unchanged: 1,
      pending: 0,
      revisedRate: 0.5,
      compensationFen: 1300,
    });
    const reason = (s: ReviewStats, k: string) => s.byReason.find((x) => x.reason === k)!;
    expect(all.byReason.map((x) => x.reason)).toEqual([
      'quality',
      'size',
      'color',
      'logistics',
      'attitude',
      'description',
      'other',
    ]);
    expect(reason(all, 'size')).toMatchObject({ total: 2, revised: 1, revisedRate: 0.5 });
    expect(reason(all, 'color')).toMatchObject({
      total: 1,
      revised: 0,
      revisedRate: 0,
      compensationFen: 1000,
    });
    expect(reason(all, 'logistics')).toMatchObject({ total: 1, revised: 1, revisedRate: 1 });
    expect(reason(all, 'quality')).toMatchObject({ total: 0, revisedRate: null });
    expect(all.byProduct.map((p) => [p.skuCode, p.total, p.revised])).toEqual([
      ['TX001-WH-L', 2, 1],
      ['', 1, 1],
      ['NOPE-404', 1, 0],
    ]);
    expect(all.byProduct[1]!.title).toBe('帆布袋');

    // 11-27 .. 11-28 inclusive: the two TX001 reviews and the NOPE-404 one.
    const range = await app.ok<ReviewStats>(C, 'reviews.stats', { from: '2026-11-27', to: '2026-11-28' });
    expect(range.overall).toMatchObject({ total: 3, revised: 1 });
    expect(range.overall.revisedRate).toBeCloseTo(1 / 3, 10);
    const oneDay = await app.ok<ReviewStats>(C, 'reviews.stats', { from: '2026-11-28', to: '2026-11-28' });
    expect(oneDay.overall.total).toBe(1);
    expect(oneDay.byReason.map((x) => x.reason)).not.toContain('');
  });

  it('puts reviews without a reason in the unclassified bucket', async () => {
    await shop();
    const o = await order('3012345678901234');
    await app.ok(C, 'reviews.create', {
      orderId: o.id,
      orderLineId: o.lines[0]!.id,
      rating: 'negative',
      content: '差',
      reviewDate: '2026-11-28',
    });
    const s = await app.ok<ReviewStats>(C, 'reviews.stats', { from: '2026-11-28' });
    expect(s.byReason.at(-1)).toMatchObject({ reason: '', total: 1, pending: 1, revisedRate: 0 });
  });

  it('filters the list by date, rating, reason, outcome, order number and member name', async () => {
    await five();
    const list = async (filter: Record<string, unknown>) =>
      (await app.ok<Paged<ReviewRow>>(C, 'reviews.list', { filter })).rows.map((r) => r.reviewDate);
    expect(await list({})).toEqual(['2026-11-28', '2026-11-27', '2026-11-27', '2026-11-21']);
    expect(await list({ rating: 'neutral' })).toEqual(['2026-11-28']);
    expect(await list({ reason: 'size' })).toHaveLength(2);
    expect(await list({ outcome: 'revised' })).toEqual(['2026-11-27', '2026-11-21']);
    expect(await list({ from: '2026-11-22', to: '2026-11-27' })).toEqual(['2026-11-27', '2026-11-27']);
    expect(await list({ q: '2456' })).toEqual(['2026-11-27']);
    expect(await list({ q: '小鹿' })).toHaveLength(3);
    expect(await list({ q: '阿强', outcome: 'explained' })).toEqual(['2026-11-27']);
    const page = await app.ok<Paged<ReviewRow>>(C, 'reviews.list', { offset: 1, limit: 2 });
    expect(page.total).toBe(4);
    expect(page.rows).toHaveLength(2);
  });

  it('exports the filtered list as CSV with Chinese intact, in UTF-8 with BOM and in GBK', async () => {
    await five();
    const utf = await app.ok<ExportResult>(C, 'reviews.exportCsv', { filter: { q: '阿强' } });
    if (utf.cancelled) throw new Error('cancelled');
    expect(utf.rows).toBe(1);
    const buf = fs.readFileSync(utf.path);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    const [header, line] = text.split('\r\n');
    expect(header).toBe(
      '登记编号,评价日期,评价,订单编号,买家会员名,商家编码,宝贝,评价内容,原因分类,联系买家时间,联系方式,解决方案,补偿金额,处理结果,评价解释,登记人,登记时间',
    );
    expect(line).toContain(
      ',2026-11-27,差评,2456781234567890123,阿强的店,TX001-WH-L,纯棉圆领短袖T恤 男款（颜色分类:白色;尺码:L）,评价内容,色差,,,,10.00,已解释,色差说明,店长甲,2026-11-28 12:00:00',
    );
    const gbk = await app.ok<ExportResult>(C, 'reviews.exportCsv', {
      filter: { outcome: 'revised' },
      encoding: 'gbk',
    });
    if (gbk.cancelled) throw new Error('cancelled');
    const g = new TextDecoder('gb18030').decode(fs.readFileSync(gbk.path));
    expect(g).toContain('已修改为好评');
    expect(g).toContain('帆布袋');
    expect(g.split('\r\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('who may', () => {
  it('lets customer service register and handle; the director and 美工主管 only read', async () => {
    await shop();
    const o = await order('3012345678901234');
    const input = {
      orderId: o.id,
      orderLineId: o.lines[0]!.id,
      rating: 'negative',
      content: '差',
      reviewDate: '2026-11-28',
    };
    for (const role of ['director', 'art_supervisor'] as const) {
      await app.signInAs(C, role);
      expect(fail(await app.call(C, 'reviews.create', input)).code).toBe('FORBIDDEN');
      expect((await app.call(C, 'reviews.list', {})).ok).toBe(true);
      expect((await app.call(C, 'reviews.stats', {})).ok).toBe(true);
    }
    for (const role of ['art_agent', 'wh_supervisor'] as const) {
      await app.signInAs(C, role);
      expect(fail(await app.call(C, 'reviews.list', {})).code).toBe('FORBIDDEN');
    }
    await app.signInAs(C, 'cs_agent');
    const r = await app.ok<Review>(C, 'reviews.create', input);
    await app.signInAs(C, 'cs_supervisor');
    await app.ok(C, 'reviews.handle', { id: r.id, reason: 'quality' });
  });
});
