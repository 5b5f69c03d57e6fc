// After-sales cases (售后) and the 退款报表 import, through the real router on a real SQLite file:
// the status flow per type, the refund limit, a return announcing the warehouse's expected
// receipt (and showing its inspection), an exchange queueing its outbound (and showing its
// shipment), the import on files written here (encodings, quirks, xlsx), idempotent re-import,
// a wrongly decoded file refused, and the CSV export read back.
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/api/contract';
import type { Case, CaseRow, RefundImportPreview } from '../../src-main/api/contract-aftersales';
import { changeLogRows, fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';
import { REFUND_HEADER, REFUNDS, refundCsv, refundXlsx } from './aftersales-fixtures';
import { b64, lineCsv, orderCsv, type Enc } from './service-fixtures';

let app: TestApp;
afterEach(() => app?.close());

const C = '00000000-0000-4000-8000-0000000000a5'; // the customer-service PC
const W = '00000000-0000-4000-8000-0000000000a6'; // the warehouse PC

function expectError(env: Envelope<unknown>, code: string, key?: string) {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('expected an error');
  expect(env.error.code).toBe(code);
  if (key) expect(env.error.key).toBe(key);
  return env.error;
}

interface OrderLite {
  id: string;
  orderNo: string;
  paidFen: number;
  buyerId: string | null;
  lines: { id: string; skuCode: string; quantity: number }[];
}

/** A shop with the sample product, a bin with stock, and service-fixtures' orders imported. */
async function shop(): Promise<{ paid: OrderLite; shipped: OrderLite; skuId: string }> {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'manager');
  const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  const skuId = p.skus[0]!.id;
  const bin = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-01' });
  await app.ok(C, 'warehouse.saveBin', { code: 'Z-01', kind: 'defects' });
  const d = await app.ok<{ id: string }>(C, 'warehouse.saveDraft', {
    type: 'purchase_in',
    lines: [{ skuId, binId: bin.id, quantity: 10 }],
  });
  await app.ok(C, 'warehouse.post', { id: d.id });
  const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
    files: [
      { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
      { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
    ],
  });
  await app.ok(C, 'orders.importCommit', { importId: pre.importId });
  const order = async (no: string) => {
    const id = (await app.ok<{ rows: { id: string }[] }>(C, 'orders.list', { filter: { q: no } })).rows[0]!
      .id;
    return app.ok<OrderLite>(C, 'orders.get', { id });
  };
  await app.signInAs(C, 'cs_agent');
  await app.signInAs(W, 'wh_supervisor');
  return { paid: await order('2456781234567890123'), shipped: await order('3012345678901234'), skuId };
}

describe('after-sales cases', () => {
  it('follows the status flow of its type, with an append-only history', async () => {
    const { paid } = await shop();
    const c = await app.ok<Case>(C, 'aftersales.create', {
      type: 'refund_only',
      orderId: paid.id,
      reason: '少发配件',
      refundFen: 500,
    });
    expect(c).toMatchObject({
      status: 'pending',
      type: 'refund_only',
      orderNo: '2456781234567890123',
      memberName: '阿强的店',
      buyerId: paid.buyerId,
      refundFen: 500,
      agentName: 'cs_agent-人员',
      next: ['processing', 'closed'],
    });
    expect(c.caseNo).toMatch(/^SH-[0-9A-Z]+-\d{8}-0001$/);
    expect(c.overdue).toBe(false);
    // Skipping a step is refused, and nothing changes.
    const before = fingerprint(app.store);
    expectError(
      await app.call(C, 'aftersales.move', { id: c.id, to: 'refunded' }),
      'CONFLICT',
      'caseBadMove',
    );
    expectError(await app.call(C, 'aftersales.move', { id: c.id, to: 'awaiting_return' }), 'CONFLICT');
    // Closing needs a note.
    const noNote = expectError(
      await app.call(C, 'aftersales.move', { id: c.id, to: 'closed' }),
      'VALIDATION',
    );
    expect(noNote.fields?.note?.key).toBe('validation.required');
    expect(fingerprint(app.store)).toBe(before);
    // A stale version is refused.
    await app.ok(C, 'aftersales.move', { id: c.id, to: 'processing', expectedVersion: c.version });
    expectError(
      await app.call(C, 'aftersales.move', { id: c.id, to: 'refunded', expectedVersion: c.version }),
      'CONFLICT',
      'staleEdit',
    );
    await app.ok(C, 'aftersales.move', { id: c.id, to: 'refunded', note: '已在千牛同意退款' });
    const done = await app.ok<Case>(C, 'aftersales.move', { id: c.id, to: 'done' });
    expect(done.status).toBe('done');
    expect(done.closedAt).not.toBeNull();
    expect(done.next).toEqual([]);
    expect(done.history.map((h) => [h.from, h.status, h.staffName])).toEqual([
      [null, 'pending', 'cs_agent-人员'],
      ['pending', 'processing', 'cs_agent-人员'],
      ['processing', 'refunded', 'cs_agent-人员'],
      ['refunded', 'done', 'cs_agent-人员'],
    ]);
    expect(done.history[2]!.note).toBe('已在千牛同意退款');
    // Finished: no more moves, no more edits.
    expectError(await app.call(C, 'aftersales.move', { id: c.id, to: 'closed', note: 'x' }), 'CONFLICT');
    expectError(
      await app.call(C, 'aftersales.update', {
        id: c.id,
        reason: '改',
        note: '',
        refundFen: 500,
        agentId: null,
      }),
      'CONFLICT',
      'caseFinished',
    );
    // The history is append-only in the database too.
    expect(() => app.store.db.prepare(`UPDATE aftersales_status SET note = 'x'`).run()).toThrow(
      /append-only/,
    );
    expect(() => app.store.db.prepare(`DELETE FROM aftersales_status`).run()).toThrow(/append-only/);
    expect(changeLogRows(app.store, { entity: 'aftersales_case' }).map((r) => r.op)).toEqual([
      'create',
      'move',
      'move',
      'move',
    ]);
    // Who may do what: the warehouse supervisor reads, does not write.
    expect((await app.ok<{ rows: CaseRow[] }>(W, 'aftersales.list', {})).rows).toHaveLength(1);
    expectError(await app.call(W, 'aftersales.create', { type: 'logistics', orderId: paid.id }), 'FORBIDDEN');
  });

  it('never refunds more than was paid, across the open cases of the order', async () => {
    const { paid } = await shop();
    expect(paid.paidFen).toBe(6700);
    const before = fingerprint(app.store);
    const over = expectError(
      await app.call(C, 'aftersales.create', { type: 'refund_only', orderId: paid.id, refundFen: 6701 }),
      'VALIDATION',
    );
    expect(over.fields?.refundFen).toEqual({ key: 'validation.refundTooHigh', params: { max: '67.00' } });
    expect(fingerprint(app.store)).toBe(before);
    const first = await app.ok<Case>(C, 'aftersales.create', {
      type: 'refund_only',
      orderId: paid.id,
      refundFen: 5000,
    });
    expect(first.refundLimitFen).toBe(6700);
    const second = expectError(
      await app.call(C, 'aftersales.create', { type: 'damaged', orderId: paid.id, refundFen: 1701 }),
      'VALIDATION',
    );
    expect(second.fields?.refundFen?.params).toEqual({ max: '17.00' });
    // Raising the first case past the limit is refused too.
    expectError(
      await app.call(C, 'aftersales.update', {
        id: first.id,
        reason: '',
        note: '',
        refundFen: 6800,
        agentId: first.agentId,
      }),
      'VALIDATION',
    );
    // A closed case frees its amount.
    await app.ok(C, 'aftersales.move', { id: first.id, to: 'closed', note: '买家撤销申请' });
    const ok = await app.ok<Case>(C, 'aftersales.create', {
      type: 'damaged',
      orderId: paid.id,
      refundFen: 6700,
    });
    expect(ok.refundFen).toBe(6700);
  });

  it('a 退货退款 case announces the expected return and shows the inspection when done', async () => {
    const { paid, skuId } = await shop();
    const line = paid.lines.find((l) => l.skuCode === 'TX001-WH-L')!;
    // Lines must be of the order and no more than were bought.
    const bad = expectError(
      await app.call(C, 'aftersales.create', {
        type: 'return_refund',
        orderId: paid.id,
        lines: [{ orderLineId: line.id, quantity: 2 }],
      }),
      'VALIDATION',
    );
    expect(bad.fields?.['lines.0.quantity']?.key).toBe('validation.caseLineQuantity');
    const none = expectError(
      await app.call(C, 'aftersales.create', { type: 'return_refund', orderId: paid.id }),
      'VALIDATION',
    );
    expect(none.fields?.lines?.key).toBe('validation.caseNeedsLines');

    const c = await app.ok<Case>(C, 'aftersales.create', {
      type: 'return_refund',
      orderId: paid.id,
      lines: [{ orderLineId: line.id, quantity: 1 }],
      reason: '尺码不合适',
      refundFen: 5900,
    });
    expect(c.lines).toMatchObject([{ skuId, skuCode: 'TX001-WH-L', quantity: 1 }]);
    expect(c.warehouse.returnDoc).toMatchObject({ status: 'draft', inspection: null });
    expect(c.warehouse.outbound).toBeNull();
    // The warehouse sees the draft 退货入库 with the case number as its order ref.
    const docs = await app.ok<{ rows: { id: string; type: string; orderRef: string; status: string }[] }>(
      W,
      'warehouse.listDocuments',
      { type: 'return_in' },
    );
    const doc = docs.rows.find((r) => r.orderRef === c.caseNo)!;
    expect(doc).toMatchObject({ type: 'return_in', status: 'draft' });
    expect(doc.id).toBe(c.warehouse.returnDoc!.id);

    await app.ok(C, 'aftersales.move', { id: c.id, to: 'processing' });
    await app.ok(C, 'aftersales.move', { id: c.id, to: 'awaiting_return' });
    // 已收到退货 waits for the warehouse's inspection.
    expectError(
      await app.call(C, 'aftersales.move', { id: c.id, to: 'return_received' }),
      'CONFLICT',
      'caseNotInspected',
    );
    await app.ok(W, 'returns.inspect', {
      documentId: doc.id,
      lines: [{ skuId, good: 0, defective: 1, scrap: 0 }],
    });
    const got = await app.ok<Case>(C, 'aftersales.get', { id: c.id });
    expect(got.warehouse.returnDoc).toMatchObject({
      status: 'posted',
      inspection: { good: 0, defective: 1, scrapped: 0 },
    });
    const received = await app.ok<Case>(C, 'aftersales.move', { id: c.id, to: 'return_received' });
    expect(received.next).toEqual(['refunded', 'closed']);
  });

  it('an 换货 case queues its outbound (order ref = case number) and shows its shipment', async () => {
    const { paid } = await shop();
    const line = paid.lines.find((l) => l.skuCode === 'TX001-WH-L')!;
    const c = await app.ok<Case>(C, 'aftersales.create', {
      type: 'exchange',
      orderId: paid.id,
      lines: [{ orderLineId: line.id, quantity: 1 }],
      reason: '换大一码',
    });
    expect(c.warehouse.returnDoc?.status).toBe('draft');
    expect(c.warehouse.outbound).toMatchObject({ status: 'draft', shipment: null });
    const queue = await app.ok<{ documentId: string; orderRef: string }[]>(W, 'shipping.queue', {});
    const out = queue.find((q) => q.orderRef === c.caseNo)!;
    expect(out.documentId).toBe(c.warehouse.outbound!.id);
    await app.ok(W, 'shipping.packScan', { documentId: out.documentId, code: 'TX001-WH-L' });
    await app.ok(W, 'shipping.ship', {
      documentId: out.documentId,
      carrier: '中通快递',
      trackingNo: 'ZT99887766',
    });
    const got = await app.ok<Case>(C, 'aftersales.get', { id: c.id });
    expect(got.warehouse.outbound).toMatchObject({
      status: 'posted',
      shipment: { carrier: '中通快递', trackingNo: 'ZT99887766' },
    });
    // The order itself is untouched by the exchange's shipment.
    expect((await app.ok<{ status: string }>(C, 'orders.get', { id: paid.id })).status).toBe('paid');
    // A 补发 case sends without a return.
    const r = await app.ok<Case>(C, 'aftersales.create', {
      type: 'resend',
      orderId: paid.id,
      lines: [{ orderLineId: line.id, quantity: 1 }],
    });
    expect(r.warehouse.returnDoc).toBeNull();
    expect(r.warehouse.outbound?.status).toBe('draft');
    // Cases show on the buyer's timeline and by order.
    const buyer = await app.ok<{ timeline: { kind: string; title: string }[] }>(C, 'buyers.get', {
      id: paid.buyerId,
    });
    expect(
      buyer.timeline
        .filter((t) => t.kind === 'case')
        .map((t) => t.title)
        .sort(),
    ).toEqual([c.caseNo, r.caseNo].sort());
    const byOrder = await app.ok<{ total: number }>(C, 'aftersales.list', { filter: { orderId: paid.id } });
    expect(byOrder.total).toBe(2);
  });

  it('lists by status, type, agent, date and overdue', async () => {
    let now = Date.parse('2026-11-28T02:00:00Z');
    app = makeApp({ shop: true, now: () => now });
    await app.signInAs(C, 'manager');
    await app.ok(C, 'catalog.create', sampleProduct());
    const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', {
      files: [
        { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
        { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
      ],
    });
    await app.ok(C, 'orders.importCommit', { importId: pre.importId });
    const orderId = (await app.ok<{ rows: { id: string }[] }>(C, 'orders.list', { filter: { q: '2456' } }))
      .rows[0]!.id;
    const agents = await app.ok<{ id: string; name: string }[]>(C, 'aftersales.agents', {});
    const agent = agents.find((a) => a.name === 'cs_agent-人员')!;
    expect(agents.map((a) => a.name)).not.toContain('wh_supervisor-人员');
    const a = await app.ok<Case>(C, 'aftersales.create', { type: 'logistics', orderId, agentId: agent.id });
    now += 72 * 3_600_000; // past the 48 h deadline
    const b = await app.ok<Case>(C, 'aftersales.create', { type: 'refund_only', orderId, refundFen: 100 });
    const list = async (filter: Record<string, unknown>) =>
      (await app.ok<{ rows: CaseRow[] }>(C, 'aftersales.list', { filter })).rows.map((r) => r.caseNo);
    expect(await list({ overdue: true })).toEqual([a.caseNo]);
    expect(await list({ type: 'refund_only' })).toEqual([b.caseNo]);
    expect(await list({ agentId: agent.id })).toEqual([a.caseNo]);
    expect(await list({ status: 'open' })).toEqual([b.caseNo, a.caseNo]);
    expect(await list({ from: '2026-11-28', to: '2026-11-28' })).toEqual([a.caseNo]);
    expect(await list({ q: b.caseNo })).toEqual([b.caseNo]);
    expect(await list({ q: '阿强' })).toEqual([b.caseNo, a.caseNo]);
    const bad = expectError(
      await app.call(C, 'aftersales.create', {
        type: 'logistics',
        orderId,
        agentId: app.people.wh_agent!.id,
      }),
      'VALIDATION',
    );
    expect(bad.fields?.agentId?.key).toBe('validation.notAnAgent');
    await app.ok(C, 'aftersales.move', { id: a.id, to: 'processing' });
    await app.ok(C, 'aftersales.move', { id: a.id, to: 'done' });
    expect(await list({ overdue: true })).toEqual([]);
  });
});

describe('退款报表 import', () => {
  const file = (content: Buffer, fileName = '退款报表.csv') => ({
    file: { fileName, contentBase64: b64(content) },
  });

  it('creates cases from a GBK CSV, links order and buyer, and re-importing changes nothing', async () => {
    const { paid, shipped } = await shop();
    await app.signInAs(C, 'cs_supervisor');
    const pre = await app.ok<RefundImportPreview>(C, 'aftersales.importPreview', file(refundCsv('gbk')));
    expect(pre).toMatchObject({
      encoding: 'GB18030',
      counts: { new: 2, changed: 0, unchanged: 0, rejected: 0 },
    });
    expect(pre.unknownOrders).toEqual([]);
    const res = await app.ok(C, 'aftersales.importCommit', { importId: pre.importId });
    expect(res).toEqual({ created: 2, updated: 0, unchanged: 0, excluded: 0 });
    const rows = (await app.ok<{ rows: CaseRow[] }>(C, 'aftersales.list', {})).rows;
    const ret = rows.find((r) => r.refundNo === '88012345678901234')!;
    const closed = rows.find((r) => r.refundNo === '88012345678905678')!;
    expect(ret).toMatchObject({
      type: 'return_refund',
      status: 'awaiting_return',
      source: 'import',
      orderId: paid.id,
      buyerId: paid.buyerId,
      memberName: '阿强的店',
      refundFen: 5900,
      reason: '尺码不合适',
    });
    expect(closed).toMatchObject({
      type: 'refund_only',
      status: 'closed',
      orderId: shipped.id,
      refundFen: 0,
    });
    const full = await app.ok<Case>(C, 'aftersales.get', { id: ret.id });
    expect(full).toMatchObject({ paidFen: 6700, returnTracking: 'YT1234567890', returnCarrier: '圆通速递' });
    expect(full.lines).toMatchObject([{ skuCode: 'TX001-WH-L', quantity: 1 }]);
    expect(full.lines[0]!.skuId).not.toBeNull();
    expect(full.openedAt).toBe('2026-11-27T02:00:00.000Z'); // 10:00 in Shanghai
    expect(full.dueAt).toBe('2026-12-04T02:00:00.000Z');

    // The same file again: everything unchanged, nothing written.
    const before = fingerprint(app.store);
    const again = await app.ok<RefundImportPreview>(C, 'aftersales.importPreview', file(refundCsv('gbk')));
    expect(again.counts).toEqual({ new: 0, changed: 0, unchanged: 2, rejected: 0 });
    expect(again.rows).toEqual([]);
    expect(await app.ok(C, 'aftersales.importCommit', { importId: again.importId })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      excluded: 0,
    });
    expect(fingerprint(app.store)).toBe(before);

    // The platform moves on: the refund succeeded. One case changes, with its history.
    const later = REFUNDS.map((r, i) =>
      i === 0 ? { ...r, status: '退款成功', finishedAt: '2026-11-29 08:00:00' } : r,
    );
    const upd = await app.ok<RefundImportPreview>(
      C,
      'aftersales.importPreview',
      file(refundCsv('utf8bom', later)),
    );
    expect(upd.counts).toMatchObject({ changed: 1, unchanged: 1 });
    expect(upd.rows[0]).toMatchObject({
      refundNo: '88012345678901234',
      status: 'changed',
      changes: ['status'],
    });
    await app.ok(C, 'aftersales.importCommit', { importId: upd.importId });
    const after = await app.ok<Case>(C, 'aftersales.get', { id: ret.id });
    expect(after.status).toBe('refunded');
    expect(after.history.map((h) => [h.from, h.status, h.source])).toEqual([
      [null, 'awaiting_return', 'import'],
      ['awaiting_return', 'refunded', 'import'],
    ]);
    // An older file never moves the case backwards.
    const old = await app.ok<RefundImportPreview>(C, 'aftersales.importPreview', file(refundCsv('gbk')));
    expect(old.counts).toMatchObject({ changed: 0, unchanged: 2 });
  });

  it('reads every encoding and the xlsx export alike, with the cell quirks', async () => {
    await shop();
    await app.signInAs(C, 'cs_supervisor');
    const encodings: Enc[] = ['gbk', 'gb18030', 'utf8', 'utf8bom'];
    for (const enc of encodings) {
      const pre = await app.ok<RefundImportPreview>(C, 'aftersales.importPreview', file(refundCsv(enc)));
      expect(pre.counts, enc).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 0 });
      expect(pre.rows.map((r) => [r.refundNo, r.orderNo, r.memberName])).toEqual([
        ['88012345678901234', '2456781234567890123', '阿强的店'],
        ['88012345678905678', '3012345678901234', '小鹿乱撞2019'],
      ]);
    }
    const x = await app.ok<RefundImportPreview>(
      C,
      'aftersales.importPreview',
      file(refundXlsx(), '退款报表.xlsx'),
    );
    expect(x).toMatchObject({ encoding: 'xlsx', counts: { new: 2, rejected: 0 } });
    await app.ok(C, 'aftersales.importCommit', { importId: x.importId });
    const rows = (await app.ok<{ rows: CaseRow[] }>(C, 'aftersales.list', {})).rows;
    expect(rows.map((r) => [r.refundNo, r.refundFen]).sort()).toEqual([
      ['88012345678901234', 5900],
      ['88012345678905678', 0],
    ]);
    // The CSV of the same refunds is then unchanged (same values from either format).
    const csv = await app.ok<RefundImportPreview>(C, 'aftersales.importPreview', file(refundCsv('gbk')));
    expect(csv.counts).toMatchObject({ unchanged: 2 });
  });

  it('rejects bad rows with row numbers and reasons; commit refuses until they are left out', async () => {
    await shop();
    await app.signInAs(C, 'cs_supervisor');
    const rows = [
      ...REFUNDS,
      { ...REFUNDS[0]!, refundNo: '88012345670000001', refund: '80.00元' }, // more than paid
      { ...REFUNDS[0]!, refundNo: '88012345670000002', status: '神秘状态' },
      { ...REFUNDS[0]! }, // duplicate 退款编号
    ];
    const pre = await app.ok<RefundImportPreview>(
      C,
      'aftersales.importPreview',
      file(refundCsv('gbk', rows)),
    );
    expect(pre.counts).toEqual({ new: 2, changed: 0, unchanged: 0, rejected: 3 });
    const rejected = pre.rows.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => [r.rowNumber, r.errors[0]!.key])).toEqual([
      [4, 'aftersalesImport.refundOverPaid'],
      [5, 'aftersalesImport.badStatus'],
      [6, 'aftersalesImport.duplicateRefund'],
    ]);
    expect(rejected[0]!.errors[0]).toMatchObject({ field: '买家退款金额', params: { paid: '67.00' } });
    const before = fingerprint(app.store);
    const env = await app.call(C, 'aftersales.importCommit', { importId: pre.importId });
    expect(expectError(env, 'VALIDATION', 'orderImport.hasRejected').params).toEqual({ rows: '4, 5, 6' });
    expect(fingerprint(app.store)).toBe(before);
    // Leaving them out by 退款编号 (the duplicate goes with its 退款编号's first row).
    const res = await app.ok(C, 'aftersales.importCommit', {
      importId: pre.importId,
      excludeRefunds: ['88012345670000001', '88012345670000002', '88012345678901234'],
    });
    expect(res).toMatchObject({ created: 1, excluded: 3 });
  });

  it('refuses a wrongly decoded file and a file that is not a refund report, importing nothing', async () => {
    await shop();
    await app.signInAs(C, 'cs_supervisor');
    const before = fingerprint(app.store);
    const text =
      REFUND_HEADER.join(',') + '\r\n' + '="2456781234567890123",="88012345678901234",測試買家\r\n';
    const big5 = iconv.encode(text.repeat(3), 'big5');
    expectError(
      await app.call(C, 'aftersales.importPreview', file(big5)),
      'VALIDATION',
      'orderImport.encoding',
    );
    expectError(
      await app.call(C, 'aftersales.importPreview', file(orderCsv('gbk'))),
      'VALIDATION',
      'aftersalesImport.unknownFile',
    );
    expect(fingerprint(app.store)).toBe(before);
    // Only the supervisor imports.
    await app.signInAs(C, 'cs_agent');
    expectError(await app.call(C, 'aftersales.importPreview', file(refundCsv('gbk'))), 'FORBIDDEN');
  });

  it('exports the case list as CSV (GBK), Chinese intact', async () => {
    await shop();
    await app.signInAs(C, 'cs_supervisor');
    const pre = await app.ok<RefundImportPreview>(C, 'aftersales.importPreview', file(refundCsv('gbk')));
    await app.ok(C, 'aftersales.importCommit', { importId: pre.importId });
    const res = await app.ok<{ path: string; rows: number }>(C, 'aftersales.exportCsv', {
      filter: { type: 'return_refund' },
      encoding: 'gbk',
    });
    expect(res.rows).toBe(1);
    const text = iconv.decode(fs.readFileSync(res.path), 'gb18030');
    const [header, line] = text.trim().split('\r\n');
    expect(header).toBe(
      '售后单号,售后类型,状态,退款编号,订单编号,买家会员名,原因,退款金额,处理人,申请时间,超时时间,完结时间,是否超时,来源',
    );
    expect(line).toMatch(
      /^SH-[^,]+,退货退款,待买家退货,88012345678901234,2456781234567890123,阿强的店,尺码不合适,59\.00,,2026-11-27 10:00,2026-12-04 10:00,,[是否],退款报表导入$/,
    );
  });
});
