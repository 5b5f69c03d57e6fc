// Pre-sales (售前): the inquiry log (buyer found or created, order link rules, own pending
// outcome with a version check, per-day counts and conversion, timeline, CSV), reply templates
// (placeholder fill, search by words and pinyin initials, supervisors only), product knowledge
// (versions kept, learned records, coverage of active agents).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Buyer, ExportResult, Order } from '../../src-main/api/contract';
import {
  fillTemplate,
  templateParts,
  type CoveragePage,
  type Inquiry,
  type InquiryPage,
  type ProductKnowledge,
  type ReplyTemplate,
} from '../../src-main/api/contract-presales';
import { changeLogRows, makeApp, sampleProduct, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000e1';
const SUP = '00000000-0000-4000-8000-0000000000e2';
let app: TestApp;
afterEach(() => app?.close());

/** 2026-11-27 10:00 shop time (02:00 UTC); tests move the clock. */
let nowMs = 0;
async function shop(role: 'cs_agent' | 'manager' = 'cs_agent'): Promise<TestApp> {
  nowMs = Date.parse('2026-11-27T02:00:00Z');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(C, role);
  await app.signInAs(SUP, 'cs_supervisor');
  return app;
}

async function product(title = '纯棉圆领短袖T恤 男款', listed = true, code = 'TX001') {
  return app.ok<{ id: string; skus: { id: string }[] }>(
    SUP,
    'catalog.create',
    sampleProduct({
      title,
      listed,
      styleCode: code,
      skus: [{ code: `${code}-L`, barcode: '', spec: '尺码:L', costFen: 100, priceFen: 5900 }],
    }),
  );
}

describe('inquiries', () => {
  it('links a typed member name to the existing buyer, or creates the buyer through the buyers module', async () => {
    await shop();
    const existing = await app.ok<Buyer>(C, 'buyers.save', { memberName: '小鹿乱撞' });
    const p = await product();
    const a = await app.ok<Inquiry>(C, 'presales.inquiryCreate', {
      memberName: '小鹿乱撞',
      skuId: p.skus[0]!.id,
      question: 'size',
      note: '问 175 穿多大',
    });
    expect(a).toMatchObject({
      buyerId: existing.id,
      productId: p.id,
      productTitle: '纯棉圆领短袖T恤 男款',
      skuCode: 'TX001-L',
      outcome: 'pending',
      staffId: app.people.cs_agent!.id,
      staffName: 'cs_agent-人员',
      at: '2026-11-27T02:00:00.000Z',
    });
    const b = await app.ok<Inquiry>(C, 'presales.inquiryCreate', {
      memberName: '新来的买家',
      question: 'price',
    });
    expect(b.buyerId).not.toBe(existing.id);
    const created = await app.ok<Buyer>(C, 'buyers.get', { id: b.buyerId });
    expect(created.memberName).toBe('新来的买家');
    // the new buyer is searchable (the buyers module indexed it) and logged
    const found = await app.ok<{ rows: { id: string }[] }>(C, 'buyers.search', { q: '新来' });
    expect(found.rows.map((r) => r.id)).toEqual([b.buyerId]);
    expect(changeLogRows(app.store, { entity: 'buyer' }).some((r) => r.row_id === b.buyerId)).toBe(true);
    expect(changeLogRows(app.store, { entity: 'presales_inquiry' })).toHaveLength(2);
  });

  it('links only an order of that buyer, and only with 已下单', async () => {
    await shop();
    const p = await product();
    const order = await app.ok<Order>(C, 'orders.create', {
      memberName: '买家甲',
      lines: [{ skuId: p.skus[0]!.id, quantity: 1 }],
    });
    const other = await app.ok<Order>(C, 'orders.create', {
      memberName: '买家乙',
      lines: [{ skuId: p.skus[0]!.id, quantity: 1 }],
    });
    const wrongBuyer = await app.call(C, 'presales.inquiryCreate', {
      memberName: '买家甲',
      question: 'stock',
      outcome: 'ordered',
      orderId: other.id,
    });
    expect(wrongBuyer).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { orderId: { key: 'validation.inquiryOrderBuyer' } } },
    });
    const notOrdered = await app.call(C, 'presales.inquiryCreate', {
      memberName: '买家甲',
      question: 'stock',
      outcome: 'pending',
      orderId: order.id,
    });
    expect(notOrdered).toMatchObject({
      ok: false,
      error: { fields: { orderId: { key: 'validation.inquiryOrderOutcome' } } },
    });
    const ok = await app.ok<Inquiry>(C, 'presales.inquiryCreate', {
      memberName: '买家甲',
      question: 'stock',
      outcome: 'ordered',
      orderId: order.id,
    });
    expect(ok).toMatchObject({ orderId: order.id, orderNo: order.orderNo, outcome: 'ordered' });
  });

  it('lets the agent settle their own pending inquiry once, version-checked and logged', async () => {
    await shop();
    const p = await product();
    const i = await app.ok<Inquiry>(C, 'presales.inquiryCreate', {
      memberName: '犹豫的买家',
      question: 'price',
    });
    // someone else (even a supervisor) may not
    const notMine = await app.call(SUP, 'presales.inquirySetOutcome', {
      id: i.id,
      expectedVersion: i.version,
      outcome: 'not_ordered',
    });
    expect(notMine).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'inquiryNotYours' } });
    const stale = await app.call(C, 'presales.inquirySetOutcome', {
      id: i.id,
      expectedVersion: 'old',
      outcome: 'ordered',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'staleEdit' } });
    nowMs += 3_600_000;
    const ordered = await app.ok<Inquiry>(C, 'presales.inquirySetOutcome', {
      id: i.id,
      expectedVersion: i.version,
      outcome: 'ordered',
      note: '给了 5 元优惠券',
    });
    expect(ordered).toMatchObject({ outcome: 'ordered', orderId: null, note: '给了 5 元优惠券' });
    expect(ordered.at).toBe(i.at);
    expect(ordered.outcomeAt).toBe('2026-11-27T03:00:00.000Z');
    const log = changeLogRows(app.store, { entity: 'presales_inquiry' }).filter((r) => r.op === 'outcome');
    expect(log).toHaveLength(1);
    expect(log[0]!.fields).toMatchObject({ outcome: { from: 'pending', to: 'ordered' } });
    // 已下单 without an order: the order can still be linked, then it is settled
    const order = await app.ok<Order>(C, 'orders.create', {
      memberName: '犹豫的买家',
      lines: [{ skuId: p.skus[0]!.id, quantity: 2 }],
    });
    const linked = await app.ok<Inquiry>(C, 'presales.inquirySetOutcome', {
      id: i.id,
      expectedVersion: ordered.version,
      outcome: 'ordered',
      orderId: order.id,
    });
    expect(linked.orderNo).toBe(order.orderNo);
    const again = await app.call(C, 'presales.inquirySetOutcome', {
      id: i.id,
      expectedVersion: linked.version,
      outcome: 'not_ordered',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'inquirySettled' } });
    // the fact columns cannot be rewritten behind the service's back, nor the row deleted
    expect(() => app.store.db.prepare(`UPDATE presales_inquiry SET question = 'size'`).run()).toThrow(
      /only outcome/,
    );
    expect(() => app.store.db.prepare(`DELETE FROM presales_inquiry`).run()).toThrow(/never deleted/);
  });

  it('counts per shop-local day and computes conversion as ordered / total, with filters', async () => {
    await shop();
    const log = (memberName: string, outcome: string, question = 'size') =>
      app.ok<Inquiry>(C, 'presales.inquiryCreate', { memberName, question, outcome });
    // 2026-11-26 23:30 shop time = 15:30 UTC on the 26th; belongs to the 26th
    nowMs = Date.parse('2026-11-26T15:30:00Z');
    await log('甲', 'ordered');
    await log('乙', 'not_ordered');
    // 2026-11-27 00:30 shop time = 16:30 UTC on the 26th: the 27th
    nowMs = Date.parse('2026-11-26T16:30:00Z');
    await log('丙', 'ordered', 'price');
    await log('丁', 'pending', 'price');
    await log('戊', 'ordered', 'price');
    // the supervisor logs one too
    await app.ok(SUP, 'presales.inquiryCreate', {
      memberName: '己',
      question: 'other',
      outcome: 'not_ordered',
    });
    const all = await app.ok<InquiryPage>(C, 'presales.inquiries', {
      filter: { from: '2026-11-26', to: '2026-11-27' },
    });
    expect(all.stats).toMatchObject({ total: 6, ordered: 3, notOrdered: 2, pending: 1, conversion: 0.5 });
    expect(all.stats.days).toEqual([
      { day: '2026-11-26', total: 2, ordered: 1, pending: 0 },
      { day: '2026-11-27', total: 4, ordered: 2, pending: 1 },
    ]);
    expect(all.rows.map((r) => r.memberName)).toEqual(['己', '戊', '丁', '丙', '乙', '甲']);
    const mine = await app.ok<InquiryPage>(C, 'presales.inquiries', {
      filter: { from: '2026-11-27', to: '2026-11-27', staffId: app.people.cs_agent!.id },
    });
    expect(mine.stats).toMatchObject({ total: 3, ordered: 2, pending: 1 });
    expect(mine.stats.conversion).toBeCloseTo(2 / 3);
    const price = await app.ok<InquiryPage>(C, 'presales.inquiries', {
      filter: { question: 'price', outcome: 'ordered' },
    });
    expect(price.total).toBe(2);
    const none = await app.ok<InquiryPage>(C, 'presales.inquiries', { filter: { from: '2026-12-01' } });
    expect(none.stats).toMatchObject({ total: 0, conversion: 0, days: [] });
    const paged = await app.ok<InquiryPage>(C, 'presales.inquiries', { limit: 2, offset: 2 });
    expect(paged.rows.map((r) => r.memberName)).toEqual(['丁', '丙']);
    expect(paged.total).toBe(6);
    expect(all.agents.map((a) => a.name)).toEqual(
      expect.arrayContaining(['cs_agent-人员', 'cs_supervisor-人员']),
    );
  });

  it('shows on the buyer timeline (also after a merge) and filters by buyer', async () => {
    await shop();
    const p = await product();
    const i = await app.ok<Inquiry>(C, 'presales.inquiryCreate', {
      memberName: '老买家',
      skuId: p.skus[0]!.id,
      question: 'material',
      note: '问是不是纯棉|有没有起球',
    });
    const dup = await app.ok<Inquiry>(C, 'presales.inquiryCreate', {
      memberName: '老买家2',
      question: 'shipping',
    });
    await app.ok(C, 'buyers.merge', { keepId: i.buyerId, mergeId: dup.buyerId });
    const b = await app.ok<Buyer>(C, 'buyers.get', { id: i.buyerId });
    const entries = b.timeline.filter((e) => e.kind === 'inquiry');
    expect(entries).toHaveLength(2);
    const e = entries.find((x) => x.refId === i.id)!;
    expect(e.title).toBe('纯棉圆领短袖T恤 男款');
    expect(e.detail).toBe('material|pending|||问是不是纯棉|有没有起球');
    expect(e.staffName).toBe('cs_agent-人员');
    const byBuyer = await app.ok<InquiryPage>(C, 'presales.inquiries', { filter: { buyerId: i.buyerId } });
    expect(byBuyer.total).toBe(2);
  });

  it('exports the log as CSV with Chinese intact (UTF-8 BOM and GBK)', async () => {
    await shop();
    const p = await product();
    await app.ok(C, 'presales.inquiryCreate', {
      memberName: '小鹿乱撞',
      skuId: p.skus[0]!.id,
      question: 'promotion',
      outcome: 'not_ordered',
      note: '嫌贵, 要等双十二',
    });
    const r = await app.ok<ExportResult>(C, 'presales.inquiriesExportCsv', {});
    expect(r.cancelled).toBe(false);
    if (r.cancelled) return;
    expect(path.basename(r.path)).toBe('咨询记录_20261127.csv');
    const buf = fs.readFileSync(r.path);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8').slice(1);
    expect(text).toBe(
      '咨询时间,客服,买家会员名,商品,商家编码,规格,问题类型,结果,订单编号,备注\r\n' +
        '2026-11-27 10:00:00,cs_agent-人员,小鹿乱撞,纯棉圆领短袖T恤 男款,TX001-L,尺码:L,活动优惠,未下单,,"嫌贵, 要等双十二"\r\n',
    );
    fs.rmSync(r.path);
    const g = await app.ok<ExportResult>(C, 'presales.inquiriesExportCsv', { encoding: 'gbk' });
    if (g.cancelled) throw new Error('cancelled');
    const gbk = new TextDecoder('gb18030').decode(fs.readFileSync(g.path));
    expect(gbk).toContain('小鹿乱撞,纯棉圆领短袖T恤 男款');
  });
});

describe('reply templates', () => {
  it('fills the placeholders it has values for and leaves the others visible', () => {
    const body = '亲爱的{买家}，您好！我是客服{客服}，您拍下的{商品}（订单{单号}）今天发出~ {其他}';
    expect(fillTemplate(body, { 买家: '小鹿乱撞', 客服: '婷婷', 商品: '纯棉T恤' })).toBe(
      '亲爱的小鹿乱撞，您好！我是客服婷婷，您拍下的纯棉T恤（订单{单号}）今天发出~ {其他}',
    );
    expect(fillTemplate('{买家}{买家}', { 买家: ' 甲 ' })).toBe('甲甲');
    expect(fillTemplate('{单号}', { 单号: '  ' })).toBe('{单号}');
    expect(templateParts('您好{买家}！')).toEqual([
      { text: '您好', placeholder: false },
      { text: '{买家}', placeholder: true },
      { text: '！', placeholder: false },
    ]);
  });

  it('supervisors maintain them (versioned, logged); everyone in CS searches by words or pinyin initials', async () => {
    await shop();
    const a = await app.ok<ReplyTemplate>(SUP, 'presales.templateSave', {
      category: 'greeting',
      title: '欢迎语',
      body: '亲，欢迎光临小店，{买家}有什么可以帮您？',
    });
    await app.ok(SUP, 'presales.templateSave', {
      category: 'bargain',
      title: '不议价',
      body: '亲，小店薄利多销，不议价哦',
    });
    await app.ok(SUP, 'presales.templateSave', {
      category: 'shipping',
      title: '发货时间',
      body: '16 点前付款当天发货',
    });
    expect(
      await app.call(C, 'presales.templateSave', { category: 'other', title: 'x', body: 'y' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const list = (q: string, category?: string) =>
      app.ok<ReplyTemplate[]>(C, 'presales.templates', { q, ...(category ? { category } : {}) });
    expect((await list('')).map((t) => t.title)).toEqual(['不议价', '欢迎语', '发货时间']);
    expect((await list('', 'greeting')).map((t) => t.title)).toEqual(['欢迎语']);
    expect((await list('hyy')).map((t) => t.title)).toEqual(['欢迎语']);
    expect((await list('当天 发货')).map((t) => t.title)).toEqual(['发货时间']);
    expect((await list('亲')).length).toBe(2);
    const edited = await app.ok<ReplyTemplate>(SUP, 'presales.templateSave', {
      id: a.id,
      expectedVersion: a.version,
      category: 'greeting',
      title: '欢迎语',
      body: '亲爱的{买家}，欢迎光临~',
    });
    expect(edited.version).not.toBe(a.version);
    const stale = await app.call(SUP, 'presales.templateSave', {
      id: a.id,
      expectedVersion: a.version,
      category: 'greeting',
      title: '欢迎语',
      body: '别的',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'staleEdit' } });
    await app.ok(SUP, 'presales.templateDelete', { id: a.id, expectedVersion: edited.version });
    expect((await list('')).map((t) => t.title)).toEqual(['不议价', '发货时间']);
    const ops = changeLogRows(app.store, { entity: 'reply_template' }).map((r) => r.op);
    expect(ops).toEqual(['create', 'create', 'create', 'update', 'delete']);
  });
});

describe('product knowledge', () => {
  const content = {
    sellingPoints: '新疆长绒棉，不起球',
    sizes: 'M 165/88 · L 170/92 · XL 175/96',
    material: '100% 棉',
    faqs: [{ q: '会缩水吗？', a: '冷水手洗基本不缩' }],
    notes: '',
  };

  it('keeps every version, refuses a stale edit, and records who learned which version', async () => {
    await shop();
    const p = await product();
    const empty = await app.ok<ProductKnowledge>(C, 'presales.knowledgeGet', { productId: p.id });
    expect(empty).toMatchObject({ currentVersion: 0, content: null, versions: [], myLearnedVersion: null });
    expect(await app.call(C, 'presales.knowledgeLearn', { productId: p.id, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'knowledgeMissing' },
    });
    const v1 = await app.ok<ProductKnowledge>(SUP, 'presales.knowledgeSave', {
      productId: p.id,
      expectedVersion: 0,
      ...content,
    });
    expect(v1.currentVersion).toBe(1);
    expect(v1.content).toMatchObject({ version: 1, faqs: content.faqs, staffName: 'cs_supervisor-人员' });
    const learned = await app.ok<ProductKnowledge>(C, 'presales.knowledgeLearn', {
      productId: p.id,
      version: 1,
    });
    expect(learned.myLearnedVersion).toBe(1);
    expect(learned.agents).toEqual([
      {
        staffId: app.people.cs_agent!.id,
        name: 'cs_agent-人员',
        learnedVersion: 1,
        learnedAt: '2026-11-27T02:00:00.000Z',
      },
    ]);
    // marking again changes nothing
    const n = changeLogRows(app.store, { entity: 'product_knowledge_learned' }).length;
    await app.ok(C, 'presales.knowledgeLearn', { productId: p.id, version: 1 });
    expect(changeLogRows(app.store, { entity: 'product_knowledge_learned' })).toHaveLength(n);
    // agents cannot edit; a stale edit is refused; an unchanged save adds no version
    expect(
      await app.call(C, 'presales.knowledgeSave', { productId: p.id, expectedVersion: 1, ...content }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await app.call(SUP, 'presales.knowledgeSave', { productId: p.id, expectedVersion: 0, ...content }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'staleEdit' } });
    const same = await app.ok<ProductKnowledge>(SUP, 'presales.knowledgeSave', {
      productId: p.id,
      expectedVersion: 1,
      ...content,
    });
    expect(same.currentVersion).toBe(1);
    nowMs += 60_000;
    const v2 = await app.ok<ProductKnowledge>(SUP, 'presales.knowledgeSave', {
      productId: p.id,
      expectedVersion: 1,
      ...content,
      sizes: 'M 165/88 · L 170/92 · XL 175/96 · XXL 180/100',
    });
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    // the agent learned version 1 only: not current any more
    expect(v2.agents[0]!.learnedVersion).toBe(1);
    const old = await app.ok<ProductKnowledge>(C, 'presales.knowledgeGet', { productId: p.id, version: 1 });
    expect(old.content!.sizes).toBe(content.sizes);
    expect(old.currentVersion).toBe(2);
    expect(await app.call(C, 'presales.knowledgeLearn', { productId: p.id, version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'staleEdit' },
    });
    expect(() => app.store.db.prepare(`UPDATE product_knowledge_version SET notes = 'x'`).run()).toThrow(
      /append-only/,
    );
    expect(() => app.store.db.prepare(`DELETE FROM product_knowledge_learned`).run()).toThrow(/append-only/);
  });

  it('lists listed and soon-listed products whose knowledge is missing or not learned by every active agent', async () => {
    await shop('manager');
    await app.signInAs(C, 'cs_agent');
    const a = await product('A 款连衣裙', true, 'A1');
    const b = await product('B 款衬衫', true, 'B1');
    const c = await product('C 款卫衣', false, 'C1');
    await product('D 款外套', true, 'D1');
    // a second agent
    const mgr = '00000000-0000-4000-8000-0000000000e3';
    await app.signInAs(mgr, 'manager');
    const agent2 = await app.ok<{ id: string }>(mgr, 'staff.create', {
      name: '刘婷婷',
      role: 'cs_agent',
      pin: '3344',
    });
    const C2 = '00000000-0000-4000-8000-0000000000e4';
    await app.ok(C2, 'auth.signIn', { staffId: agent2.id, pin: '3344' });
    for (const id of [a.id, b.id, c.id])
      await app.ok(SUP, 'presales.knowledgeSave', { productId: id, expectedVersion: 0, ...content });
    await app.ok(C, 'presales.knowledgeLearn', { productId: a.id, version: 1 });
    await app.ok(C2, 'presales.knowledgeLearn', { productId: a.id, version: 1 });
    await app.ok(C, 'presales.knowledgeLearn', { productId: b.id, version: 1 });
    const gaps = await app.ok<CoveragePage>(C, 'presales.coverage', { scope: 'listed' });
    expect(gaps.agentCount).toBe(2);
    expect(gaps.rows.map((r) => [r.title, r.version, r.learned])).toEqual([
      ['B 款衬衫', 1, 1],
      ['D 款外套', 0, 0],
    ]);
    const all = await app.ok<CoveragePage>(C, 'presales.coverage', { scope: 'listed', onlyGaps: false });
    expect(all.rows.map((r) => [r.title, r.learned])).toEqual([
      ['A 款连衣裙', 2],
      ['B 款衬衫', 1],
      ['D 款外套', 0],
    ]);
    const soon = await app.ok<CoveragePage>(C, 'presales.coverage', { scope: 'unlisted' });
    expect(soon.rows.map((r) => r.title)).toEqual(['C 款卫衣']);
    // a deactivated agent no longer counts: B is covered by the one left
    await app.ok(mgr, 'staff.setActive', { id: agent2.id, active: false });
    const after = await app.ok<CoveragePage>(C, 'presales.coverage', { scope: 'listed' });
    expect(after.agentCount).toBe(1);
    expect(after.rows.map((r) => r.title)).toEqual(['D 款外套']);
    // a new version needs learning again
    await app.ok(SUP, 'presales.knowledgeSave', {
      productId: a.id,
      expectedVersion: 1,
      ...content,
      notes: '换了面料供应商',
    });
    const relearn = await app.ok<CoveragePage>(C, 'presales.coverage', { scope: 'listed' });
    expect(relearn.rows.map((r) => [r.title, r.version, r.learned])).toEqual([
      ['A 款连衣裙', 2, 0],
      ['D 款外套', 0, 0],
    ]);
  });
});
