// The Taobao order importer on files written here: every quirk of TAOBAO_FORMATS.md, a wrong
// decode refused, preview → all-or-nothing commit, and re-importing the same files changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type {
  Order,
  OrderImportPreview,
  OrderImportResult,
  OrderRow,
  Paged,
} from '../../src-main/api/contract';
import { b64, lineCsv, orderCsv, orderXlsx, ORDERS, ORDER_HEADER, type Enc } from './service-fixtures';
import { changeLogRows, fingerprint, lastLogSeq, makeApp, sampleProduct, type TestApp } from './helpers';

const C = '00000000-0000-4000-8000-0000000000e1';
let app: TestApp;
afterEach(() => app?.close());

async function shop(): Promise<TestApp> {
  app = makeApp({ shop: true });
  await app.signInAs(C, 'manager');
  await app.ok(C, 'catalog.create', sampleProduct());
  return app;
}

const pair = (enc: Enc) => [
  { fileName: 'ExportOrderList202611.csv', contentBase64: b64(orderCsv(enc)) },
  { fileName: 'ExportOrderDetailList202611.csv', contentBase64: b64(lineCsv(enc)) },
];

async function importAll(files: { fileName: string; contentBase64: string }[]) {
  const preview = await app.ok<OrderImportPreview>(C, 'orders.importPreview', { files });
  const result = await app.ok<OrderImportResult>(C, 'orders.importCommit', { importId: preview.importId });
  return { preview, result };
}

describe('legacy CSV pair', () => {
  it.each(['gbk', 'gb18030', 'utf8', 'utf8bom'] as const)('reads the pair in %s', async (enc) => {
    await shop();
    const { preview, result } = await importAll(pair(enc));
    expect(preview.files.map((f) => f.kind)).toEqual(['orders', 'lines']);
    expect(preview.files[0]!.encoding).toBe(
      enc === 'utf8bom' ? 'UTF-8 BOM' : enc === 'utf8' ? 'UTF-8' : 'GB18030',
    );
    expect(preview.counts).toEqual({ new: 3, changed: 0, unchanged: 0, rejected: 0 });
    expect(preview.newBuyers).toBe(2);
    expect(preview.lineCount).toBe(4);
    expect(preview.unknownCodes).toEqual(['NOPE-404']);
    expect(result).toMatchObject({ created: 3, updated: 0, buyersCreated: 2 });

    const list = await app.ok<Paged<OrderRow>>(C, 'orders.list', {});
    expect(list.total).toBe(3);
    const first = list.rows.find((r) => r.orderNo === '1930679858170647')!; // ="…" unwrapped
    expect(first).toMatchObject({ memberName: '小鹿乱撞2019', status: 'wait_pay', itemCount: 2 });
    const o = await app.ok<Order>(C, 'orders.get', { id: first.id });
    expect(o.receiverPhone).toBe('18618486065'); // apostrophe dropped
    expect(o.receiverAddress).toBe('浙江省 杭州市 西湖区 文三路 100号(310012)'); // trailing-space header
    expect(o.orderedAt).toBe('2026-11-27T01:15:02.000Z'); // shop time (UTC+8) → UTC
    expect(o.refundFen).toBe(0); // 无退款申请
    expect(o.lines.map((l) => [l.skuCode, l.skuId !== null, l.spec])).toEqual([
      ['TX001-WH-L', true, '颜色分类:白色;尺码:L'],
      ['NOPE-404', false, '颜色分类:黑色;尺码:XL'],
    ]);
    expect(o.history.map((h) => h.status)).toEqual(['wait_pay']);

    const paid = list.rows.find((r) => r.orderNo === '2456781234567890123')!; // 19 digits, as text
    expect(paid.status).toBe('paid'); // full-width comma
    expect(paid.paidAt).toBe('2026-11-26T12:03:10.000Z');
    const shipped = await app.ok<Order>(C, 'orders.get', {
      id: list.rows.find((r) => r.orderNo === '3012345678901234')!.id,
    });
    expect(shipped.status).toBe('shipped'); // half-width comma
    expect(shipped.totalFen).toBe(3550); // 35.50元
    expect(shipped.shipping).toMatchObject({
      carrier: '中通快递',
      trackingNo: '773012345678901',
      source: 'import',
    });
    expect(shipped.history.map((h) => h.status)).toEqual(['wait_pay', 'paid', 'shipped']);
  });

  it('imports the same files again without changing anything', async () => {
    await shop();
    await importAll(pair('gbk'));
    const before = fingerprint(app.store);
    const seq = lastLogSeq(app.store);
    const { preview, result } = await importAll(pair('gbk'));
    expect(preview.counts).toEqual({ new: 0, changed: 0, unchanged: 3, rejected: 0 });
    expect(preview.rows).toEqual([]);
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(fingerprint(app.store)).toBe(before);
    expect(lastLogSeq(app.store)).toBe(seq);
  });

  it('updates an order whose status changed, with a history entry and a change-log entry', async () => {
    await shop();
    await importAll(pair('utf8bom'));
    const later = ORDERS.map((o) =>
      o.no === '1930679858170647'
        ? { ...o, status: '买家已付款,等待卖家发货', paid: '118.00', paidAt: '2026-11-27 10:00:00' }
        : o,
    );
    const seq = lastLogSeq(app.store);
    const { preview, result } = await importAll([
      { fileName: 'ExportOrderList2.csv', contentBase64: b64(orderCsv('utf8bom', later)) },
    ]);
    expect(preview.counts).toMatchObject({ changed: 1, unchanged: 2 });
    expect(preview.rows[0]!.changes.sort()).toEqual(['paid_at', 'paid_fen', 'status']);
    expect(result.updated).toBe(1);
    const row = (await app.ok<Paged<OrderRow>>(C, 'orders.list', { filter: { q: '1930679858170647' } }))
      .rows[0]!;
    const o = await app.ok<Order>(C, 'orders.get', { id: row.id });
    expect(o.status).toBe('paid');
    expect(o.lines).toHaveLength(2); // no line sheet this time: lines left alone
    expect(o.history.map((h) => h.status)).toEqual(['wait_pay', 'paid']);
    expect(changeLogRows(app.store, { afterSeq: seq }).map((r) => r.entity)).toEqual([
      'sales_order',
      'order_import',
    ]);
  });

  it('refuses a wrongly decoded file (Big5 bytes) with a clear message, importing nothing', async () => {
    await shop();
    const text =
      ORDER_HEADER.join(',') + '\r\n' + '="1930679858170647",測試買家,,1.00,0,1.00,0,等待買家付款\r\n';
    const big5 = iconv.encode(text.repeat(3), 'big5');
    const before = fingerprint(app.store);
    const env = await app.call(C, 'orders.importPreview', {
      files: [{ fileName: 'ExportOrderList.csv', contentBase64: b64(big5) }],
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'VALIDATION', key: 'orderImport.encoding' } });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('refuses a file that is not an order export', async () => {
    await shop();
    const env = await app.call(C, 'orders.importPreview', {
      files: [{ fileName: 'x.csv', contentBase64: b64(Buffer.from('商家编码,标题\r\nA,B\r\n')) }],
    });
    expect(env).toMatchObject({
      ok: false,
      error: { key: 'orderImport.unknownFile', params: { file: 'x.csv' } },
    });
    const onlyLines = await app.call(C, 'orders.importPreview', {
      files: [{ fileName: 'd.csv', contentBase64: b64(lineCsv('gbk')) }],
    });
    expect(onlyLines).toMatchObject({ ok: false, error: { key: 'orderImport.noOrderSheet' } });
  });

  it('lists rejected rows with row numbers and reasons; commit refuses until they are excluded', async () => {
    await shop();
    const bad = [
      ...ORDERS,
      { ...ORDERS[0]!, no: '1.93068E+15' }, // re-saved by Excel: digits lost
      { ...ORDERS[1]!, no: '5555555555555555', status: '外星状态', goods: 'abc' },
      { ...ORDERS[1]! }, // duplicate of row 3
      { ...ORDERS[2]!, no: '' }, // no order id at all: excluded by its row
    ];
    const preview = await app.ok<OrderImportPreview>(C, 'orders.importPreview', {
      files: [{ fileName: 'o.csv', contentBase64: b64(orderCsv('gbk', bad)) }],
    });
    expect(preview.counts).toMatchObject({ new: 3, rejected: 4 });
    const rejected = preview.rows.filter((r) => r.status === 'rejected');
    expect(rejected.map((r) => [r.rowNumber, r.orderNo])).toEqual([
      [5, '1.93068E+15'],
      [6, '5555555555555555'],
      [7, '2456781234567890123'],
      [8, '#8'],
    ]);
    expect(rejected.find((r) => r.rowNumber === 5)!.errors[0]).toMatchObject({
      field: '订单编号',
      key: 'orderImport.badOrderNo',
    });
    expect(rejected.find((r) => r.rowNumber === 6)!.errors.map((e) => [e.field, e.key])).toEqual([
      ['订单状态', 'orderImport.badStatus'],
      ['买家应付货款', 'validation.money'],
      ['总金额', 'validation.money'],
    ]);
    expect(rejected.find((r) => r.rowNumber === 7)!.errors[0]).toMatchObject({
      key: 'orderImport.duplicateOrder',
      params: { row: 3 },
    });
    const before = fingerprint(app.store);
    const env = await app.call(C, 'orders.importCommit', { importId: preview.importId });
    expect(env).toMatchObject({ ok: false, error: { key: 'orderImport.hasRejected' } });
    expect(fingerprint(app.store)).toBe(before);
    const result = await app.ok<OrderImportResult>(C, 'orders.importCommit', {
      importId: preview.importId,
      excludeOrders: ['1.93068E+15', '5555555555555555', '2456781234567890123', '#8'],
    });
    expect(result).toMatchObject({ created: 2, excluded: 4 });
  });
});

describe('current xlsx', () => {
  it('reads the order and order-line sheets of one workbook', async () => {
    await shop();
    const { preview, result } = await importAll([
      { fileName: 'ExportOrderList.xlsx', contentBase64: b64(orderXlsx()) },
    ]);
    expect(preview.files).toEqual([{ fileName: 'ExportOrderList.xlsx', kind: 'both', encoding: 'xlsx' }]);
    expect(preview.counts).toMatchObject({ new: 2, rejected: 0 });
    expect(preview.unknownCodes).toEqual(['BAG-01']);
    expect(result).toMatchObject({ created: 2, buyersCreated: 2 });
    const row = (await app.ok<Paged<OrderRow>>(C, 'orders.list', { filter: { q: '4100000000000000001' } }))
      .rows[0]!;
    const o = await app.ok<Order>(C, 'orders.get', { id: row.id });
    expect(o).toMatchObject({
      memberName: 'xlsx买家甲',
      paidFen: 9950, // 买家实付金额
      sellerNote: '加急', // 商家备注
      receiverPhone: '13700001111',
      status: 'paid',
    });
    expect(o.lines.map((l) => [l.lineKey, l.title, l.priceFen])).toEqual([
      ['4100000000000000101', '纯棉圆领短袖T恤 男款', 5900],
      ['4100000000000000102', '帆布袋', 4050],
    ]);
    expect(o.shipping).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890' });
    // Again: nothing changes.
    const before = fingerprint(app.store);
    const again = await importAll([{ fileName: 'ExportOrderList.xlsx', contentBase64: b64(orderXlsx()) }]);
    expect(again.preview.counts).toMatchObject({ unchanged: 2 });
    expect(fingerprint(app.store)).toBe(before);
  });

  it('copes with the privacy-trimmed export: no member name, no receiver, no mobile', async () => {
    await shop();
    const { preview, result } = await importAll([
      { fileName: 'ExportOrderList.xlsx', contentBase64: b64(orderXlsx({ privacy: true })) },
    ]);
    expect(preview.counts).toMatchObject({ new: 2, rejected: 0 });
    expect(preview.newBuyers).toBe(0);
    expect(result).toMatchObject({ created: 2, buyersCreated: 0 });
    const rows = (await app.ok<Paged<OrderRow>>(C, 'orders.list', {})).rows;
    expect(rows.map((r) => [r.memberName, r.buyerId])).toEqual([
      ['', null],
      ['', null],
    ]);
  });
});

describe('import permissions', () => {
  it('cs_agent may not import', async () => {
    await shop();
    await app.signInAs(C, 'cs_agent');
    const env = await app.call(C, 'orders.importPreview', { files: pair('gbk') });
    expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
