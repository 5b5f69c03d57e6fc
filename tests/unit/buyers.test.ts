// The buyer database and follow-up: search (name, pinyin initials, phone, last 4 digits, tag),
// phones masked by role from main (lists, buyer page, order page, CSV), merging duplicates,
// the unpaid follow-up queue and its report, manual orders and seller notes.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Buyer,
  BuyerRow,
  ExportResult,
  FollowUpQueueRow,
  FollowUpReport,
  Order,
  OrderImportPreview,
  Paged,
} from '../../src-main/api/contract';
import { maskPhone, sqlMaskPhone } from '../../src-main/modules/service/common';
import { changeLogRows, lastLogSeq, makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';

const C = '00000000-0000-4000-8000-0000000000f1';
let app: TestApp;
afterEach(() => app?.close());

/** A shop whose clock we move: 2026-11-27 12:00 shop time (04:00 UTC). */
let nowMs = Date.parse('2026-11-27T04:00:00Z');
async function shop(): Promise<TestApp> {
  nowMs = Date.parse('2026-11-27T04:00:00Z');
  app = makeApp({ shop: true });
  (app.store as unknown as { now: () => number }).now = () => nowMs;
  await app.signInAs(C, 'manager');
  return app;
}

async function importPair(): Promise<void> {
  const p = await app.ok<OrderImportPreview>(C, 'orders.importPreview', {
    files: [
      { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
      { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
    ],
  });
  await app.ok(C, 'orders.importCommit', { importId: p.importId });
}

describe('masking', () => {
  it('maskPhone and its SQL twin agree', async () => {
    await shop();
    for (const p of ['13812341234', '+8613812341234', '1234567', '123456', '123', '12', '']) {
      const sql = app.store.db.prepare(`SELECT ${sqlMaskPhone('@p')} AS m`).get({ p }) as { m: string };
      expect(sql.m, p).toBe(maskPhone(p));
    }
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('lists mask phones for everyone; the buyer and order pages show them in full only with buyers.contact', async () => {
    await shop();
    await importPair();
    const list = await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '小鹿' });
    expect(list.rows[0]!.phones).toEqual(['186****6065']);
    const id = list.rows[0]!.id;
    expect((await app.ok<Buyer>(C, 'buyers.get', { id })).phones).toEqual(['18618486065']);
    await app.signInAs(C, 'cs_agent');
    expect((await app.ok<Buyer>(C, 'buyers.get', { id })).phones).toEqual(['18618486065']);
    // 运营总监 reads buyers and orders without buyers.contact: main sends masked numbers.
    await app.signInAs(C, 'director');
    const b = await app.ok<Buyer>(C, 'buyers.get', { id });
    expect(b).toMatchObject({ phones: ['186****6065'], phonesMasked: true });
    const order = await app.ok<Order>(C, 'orders.get', {
      id: b.timeline.find((e) => e.kind === 'order')!.refId,
    });
    expect(order.receiverPhone).toBe('186****6065');
    const exp = await app.ok<ExportResult>(C, 'buyers.exportCsv', {});
    if (exp.cancelled) throw new Error('cancelled');
    expect(fs.readFileSync(exp.path, 'utf8')).not.toContain('18618486065');
    await app.signInAs(C, 'wh_agent');
    expect(await app.call(C, 'buyers.get', { id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('exports phones in full for buyers.exportFull and masked for cs_agent, Chinese intact', async () => {
    await shop();
    await importPair();
    const full = await app.ok<ExportResult>(C, 'buyers.exportCsv', {});
    if (full.cancelled) throw new Error('cancelled');
    const text = fs.readFileSync(full.path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('小鹿乱撞2019,王小丽,18618486065');
    await app.signInAs(C, 'cs_agent');
    const masked = await app.ok<ExportResult>(C, 'buyers.exportCsv', { encoding: 'gbk' });
    if (masked.cancelled) throw new Error('cancelled');
    expect(path.basename(masked.path)).toMatch(/^买家资料_隐藏号码_/);
    const gbk = new TextDecoder('gb18030').decode(fs.readFileSync(masked.path));
    expect(gbk).toContain('小鹿乱撞2019,王小丽,186****6065');
    expect(gbk).not.toContain('18618486065');
  });
});

describe('buyers', () => {
  it('finds buyers by member name, real name, pinyin initials, phone, last 4 digits and tag', async () => {
    await shop();
    const b = await app.ok<Buyer>(C, 'buyers.save', {
      memberName: 'Tom猫2020',
      realName: '张三丰',
      phones: ['139 0000 1234'],
      tags: ['回头客'],
      vipLevel: 2,
    });
    expect(b.phones).toEqual(['13900001234']);
    expect(b.vip).toMatchObject({ level: 2, name: '高级会员' });
    for (const q of ['tom', 'TOM猫', '张三', 'zsf', '139000', '1234']) {
      const r = await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q });
      expect(
        r.rows.map((x) => x.memberName),
        q,
      ).toEqual(['Tom猫2020']);
    }
    expect((await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { tag: '回头客' })).total).toBe(1);
    expect((await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '李' })).total).toBe(0);
    const dup = await app.call(C, 'buyers.save', { memberName: 'Tom猫2020' });
    expect(dup).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { memberName: { key: 'validation.memberTaken' } } },
    });
    const stale = await app.call(C, 'buyers.save', {
      id: b.id,
      expectedVersion: 'old',
      memberName: 'Tom猫2020',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'staleEdit' } });
  });

  it('merges a duplicate: orders and notes move, contact data is added, the merge is logged', async () => {
    await shop();
    await importPair();
    const keep = (await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '小鹿乱撞' })).rows[0]!;
    const dup = await app.ok<Buyer>(C, 'buyers.save', {
      memberName: '小鹿乱撞_旧号',
      phones: ['13700009999'],
      tags: ['爱砍价'],
    });
    await app.ok(C, 'buyers.addNote', { buyerId: dup.id, text: '老顾客，换了新号' });
    const seq = lastLogSeq(app.store);
    const merged = await app.ok<Buyer>(C, 'buyers.merge', { keepId: keep.id, mergeId: dup.id });
    expect(merged.phones).toEqual(['18618486065', '13700009999']);
    expect(merged.tags).toEqual(['爱砍价']);
    expect(merged.notes.map((n) => n.text)).toEqual(['老顾客，换了新号']);
    expect(merged.orderCount).toBe(2);
    expect(merged.timeline.map((e) => e.kind).sort()).toEqual(['note', 'order', 'order']);
    // The old name finds the kept buyer; the merged one is gone from lists and redirects.
    const found = await app.ok<Paged<BuyerRow>>(C, 'buyers.search', { q: '小鹿乱撞_旧' });
    expect(found.rows.map((r) => r.id)).toEqual([keep.id]);
    expect((await app.ok<Buyer>(C, 'buyers.get', { id: dup.id })).id).toBe(keep.id);
    const log = changeLogRows(app.store, { afterSeq: seq });
    expect(log.some((r) => r.entity === 'buyer' && r.op === 'mergeFrom' && r.row_id === keep.id)).toBe(true);
    expect(await app.call(C, 'buyers.merge', { keepId: keep.id, mergeId: keep.id })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // Notes are facts: they cannot be edited.
    expect(() => app.store.db.prepare(`UPDATE buyer_note SET text = 'x'`).run()).toThrow(/append-only/);
  });
});

describe('orders by hand and seller notes', () => {
  it('creates a manual order, links the buyer, keeps status history, sets a flag', async () => {
    await shop();
    const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
    const o = await app.ok<Order>(C, 'orders.create', {
      memberName: '手工单买家',
      receiverName: '周八',
      receiverPhone: '13600001111',
      lines: [{ skuId: p.skus[0]!.id, quantity: 2 }],
      postageFen: 800,
    });
    expect(o.orderNo).toMatch(/^SD-[A-Z0-9]{4}-20261127-0001$/);
    expect(o).toMatchObject({ status: 'wait_pay', totalFen: 5900 * 2 + 800, itemCount: 2, source: 'manual' });
    expect(o.buyerId).not.toBeNull();
    const paid = await app.ok<Order>(C, 'orders.setStatus', {
      id: o.id,
      status: 'paid',
      expectedVersion: o.version,
    });
    expect(paid.history.map((h) => h.status)).toEqual(['wait_pay', 'paid']);
    const flagged = await app.ok<Order>(C, 'orders.setSellerNote', { id: o.id, note: '顺丰发', flag: 'red' });
    expect(flagged).toMatchObject({ sellerNote: '顺丰发', flag: 'red' });
    expect(
      await app.call(C, 'orders.setSellerNote', {
        id: o.id,
        expectedVersion: o.version,
        note: 'x',
        flag: 'blue',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('unpaid follow-up (催付)', () => {
  it('queues unpaid orders older than the delay, records contacts, and reports paid-after-contact', async () => {
    await shop();
    await importPair(); // 1930… unpaid since 2026-11-27 09:15 shop time
    nowMs = Date.parse('2026-11-27T01:30:00Z'); // 09:30: only 15 minutes old
    expect((await app.ok<Paged<FollowUpQueueRow>>(C, 'followUp.queue', {})).total).toBe(0);
    nowMs = Date.parse('2026-11-27T01:50:00Z'); // 09:50: 35 minutes
    const q = await app.ok<Paged<FollowUpQueueRow>>(C, 'followUp.queue', {});
    expect(q.rows.map((r) => [r.orderNo, r.waitingMinutes, r.contacts])).toEqual([
      ['1930679858170647', 34, 0],
    ]);
    await app.signInAs(C, 'cs_agent');
    const after = await app.ok<Order>(C, 'followUp.record', {
      orderId: q.rows[0]!.id,
      channel: 'wangwang',
      outcome: 'will_pay',
      note: '说下午付',
      remindAt: '2026-11-27T06:00:00Z',
    });
    expect(after.followUps).toHaveLength(1);
    const q2 = await app.ok<Paged<FollowUpQueueRow>>(C, 'followUp.queue', {});
    expect(q2.rows[0]).toMatchObject({
      contacts: 1,
      lastOutcome: 'will_pay',
      remindAt: '2026-11-27T06:00:00.000Z',
    });
    // A longer delay hides it again (shop setting, manager only).
    await app.signInAs(C, 'manager');
    const s = await app.ok<{ vipLevels: unknown[] }>(C, 'service.settings');
    await app.ok(C, 'service.saveSettings', { followUpDelayMinutes: 60, vipLevels: s.vipLevels });
    expect((await app.ok<Paged<FollowUpQueueRow>>(C, 'followUp.queue', {})).total).toBe(0);

    // The buyer pays after the contact: the re-import marks it paid; the report counts it.
    let report = await app.ok<FollowUpReport>(C, 'followUp.report', { from: '2026-11-27', to: '2026-11-27' });
    expect(report).toMatchObject({ followedUp: 1, paidAfter: 0, stillUnpaid: 1 });
    nowMs = Date.parse('2026-11-27T07:00:00Z');
    await app.ok(C, 'orders.setStatus', { id: q.rows[0]!.id, status: 'paid' });
    report = await app.ok<FollowUpReport>(C, 'followUp.report', { from: '2026-11-27', to: '2026-11-27' });
    expect(report).toMatchObject({
      followedUp: 1,
      paidAfter: 1,
      stillUnpaid: 0,
      byChannel: [{ channel: 'wangwang', contacts: 1 }],
    });
    expect(await app.ok<FollowUpReport>(C, 'followUp.report', { from: '2026-11-28' })).toMatchObject({
      followedUp: 0,
    });

    const exp = await app.ok<ExportResult>(C, 'followUp.exportCsv', {});
    if (exp.cancelled) throw new Error('cancelled');
    const text = fs.readFileSync(exp.path, 'utf8');
    expect(text).toContain(
      '2026-11-27 09:50:00,1930679858170647,小鹿乱撞2019,旺旺,答应付款,说下午付,2026-11-27 14:00:00',
    );
    expect(text).toMatch(/,是,118\.00\r\n$/);
    // Contacts are facts.
    expect(() => app.store.db.prepare(`DELETE FROM order_follow_up`).run()).toThrow(/append-only/);
  });

  it('exports orders with Chinese intact', async () => {
    await shop();
    await importPair();
    const exp = await app.ok<ExportResult>(C, 'orders.exportCsv', {
      filter: { status: 'wait_pay' },
      encoding: 'gbk',
    });
    if (exp.cancelled) throw new Error('cancelled');
    const text = new TextDecoder('gb18030').decode(fs.readFileSync(exp.path));
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      '订单编号,买家会员名,订单状态,商品金额,邮费,订单金额,实付金额,件数,宝贝,收货人,收货地址,旗帜,卖家备注,买家留言,下单时间,付款时间,物流公司,物流单号',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('1930679858170647,小鹿乱撞2019,等待买家付款,118.00,0.00,118.00,0.00,2,');
    expect(lines[1]).toContain('纯棉圆领短袖T恤 男款（颜色分类:白色;尺码:L）×1');
  });
});
