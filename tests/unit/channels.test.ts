// Every IPC channel, through the real router and a real SQLite file:
//  - a valid call succeeds;
//  - invalid input returns VALIDATION with field errors and changes nothing;
//  - a role without the right gets FORBIDDEN and changes nothing;
//  - a call without sign-in is refused (UNAUTHENTICATED) and changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src-main/api/channels';
import { contract } from '../../src-main/api/contract';
import { can, ROLES, type Role } from '../../src-main/api/permissions';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { thumbsIdle } from '../../src-main/modules/art/thumbs';
import { fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';
import { refundCsv } from './aftersales-fixtures';

const C = '00000000-0000-4000-8000-000000000001'; // client id

interface Case {
  /** Build ids etc. after the shop exists; runs signed in as `as`. */
  prepare?: (app: TestApp) => Promise<Record<string, string>>;
  valid: (ids: Record<string, string>, app: TestApp) => unknown;
  invalid: (ids: Record<string, string>) => unknown;
  /** Field paths the invalid call must report. */
  invalidFields: string[];
  /** Who makes the valid call (default: the store manager). */
  as?: Role;
  /** A role that lacks the right, or null when every signed-in person may call it. */
  forbidden: Role | null;
  /** Public channels work without sign-in; `fresh` ones need a shop not yet set up. */
  fresh?: boolean;
}

const productId = async (app: TestApp) => {
  const p = await app.ok<{ id: string; version: string }>(C, 'catalog.create', sampleProduct());
  return { productId: p.id, version: p.version };
};
/** A SKU and two bins; with `post`, a posted purchase of 5 into the first bin. */
const stockSetup = async (app: TestApp) => {
  const p = await app.ok<{ id: string; skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  const bin = await app.ok<{ id: string; version: string }>(C, 'warehouse.saveBin', { code: 'A-01-01' });
  const bin2 = await app.ok<{ id: string }>(C, 'warehouse.saveBin', { code: 'A-01-02' });
  const skuId = p.skus[0]!.id;
  const d = await app.ok<{ id: string; version: string }>(C, 'warehouse.saveDraft', {
    type: 'purchase_in',
    lines: [{ skuId, binId: bin.id, quantity: 5 }],
  });
  return {
    skuId,
    binId: bin.id,
    binVersion: bin.version,
    bin2Id: bin2.id,
    docId: d.id,
    docVersion: d.version,
  };
};
const postedSetup = async (app: TestApp) => {
  const ids = await stockSetup(app);
  await app.ok(C, 'warehouse.post', { id: ids.docId });
  return ids;
};
/** Stock (postedSetup) and an open monthly stocktake over all of it. */
const stocktakeSetup = async (app: TestApp) => {
  const ids = await postedSetup(app);
  const t = await app.ok<{ id: string }>(C, 'stocktake.start', { kind: 'monthly', scope: { type: 'all' } });
  return { ...ids, stocktakeId: t.id };
};
/** As stocktakeSetup, with the one line counted (4 of the 5 on the book). */
const countedSetup = async (app: TestApp) => {
  const ids = await stocktakeSetup(app);
  await app.ok(C, 'stocktake.count', {
    id: ids.stocktakeId,
    counts: [{ skuId: ids.skuId, binId: ids.binId, counted: 4 }],
  });
  return ids;
};
/** Art: a SKU, two imported images (files in the data folder) and a task in 待审核. */
const artSetup = async (app: TestApp) => {
  const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  const src = path.join(app.dir, 'art-src');
  fs.mkdirSync(src);
  const files = [path.join(src, '主图.png'), path.join(src, '细节.jpg'), path.join(src, '新图.jpg')];
  await sharp({ create: { width: 800, height: 800, channels: 3, background: '#ddeeff' } })
    .png()
    .toFile(files[0]!);
  await sharp({ create: { width: 600, height: 400, channels: 3, background: '#ffeedd' } })
    .jpeg()
    .toFile(files[1]!);
  await sharp({ create: { width: 300, height: 300, channels: 3, background: '#eeffdd' } })
    .jpeg()
    .toFile(files[2]!);
  app.pickPaths = files.slice(0, 2);
  const rep = await app.ok<{ imported: { id: string }[] }>(C, 'art.libraryImport', { mode: 'files' });
  const task = await app.ok<{ id: string; version: string }>(C, 'art.taskSave', {
    type: 'shoot',
    title: '拍摄',
    skuIds: [p.skus[0]!.id],
  });
  await app.ok(C, 'art.taskMove', { id: task.id, to: 'doing' });
  const inReview = await app.ok<{ version: string }>(C, 'art.taskMove', { id: task.id, to: 'review' });
  const todo = await app.ok<{ id: string }>(C, 'art.taskSave', { type: 'retouch', title: '修图' });
  app.pickFolder = path.join(app.dir, 'exports');
  await thumbsIdle(app.store);
  return {
    todoTaskId: todo.id,
    skuId: p.skus[0]!.id,
    imageId: rep.imported[0]!.id,
    image2Id: rep.imported[1]!.id,
    newFile: files[2]!,
    taskId: task.id,
    taskVersion: inReview.version,
  };
};
/** samples: stock (postedSetup), a shoot task in 进行中, a requested loan and an issued one. */
const samplesSetup = async (app: TestApp) => {
  const ids = await postedSetup(app);
  const task = await app.ok<{ id: string }>(C, 'art.taskSave', {
    type: 'shoot',
    title: '拍摄',
    skuIds: [ids.skuId],
  });
  await app.ok(C, 'art.taskMove', { id: task.id, to: 'doing' });
  const req = { taskId: task.id, dueDate: '2099-01-01', lines: [{ skuId: ids.skuId, quantity: 1 }] };
  const requested = await app.ok<{ id: string }>(C, 'samples.request', req);
  const issued = await app.ok<{ id: string }>(C, 'samples.request', req);
  await app.ok(C, 'samples.issue', { id: issued.id });
  return { ...ids, taskId: task.id, requestedId: requested.id, issuedId: issued.id };
};
// service (客服 part 1): the order export pair imported; the unpaid order and its buyer.
const orderPair = () => [
  { fileName: 'ExportOrderList.csv', contentBase64: b64(orderCsv('gbk')) },
  { fileName: 'ExportOrderDetailList.csv', contentBase64: b64(lineCsv('gbk')) },
];
const ordersSetup = async (app: TestApp) => {
  const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  const pre = await app.ok<{ importId: string }>(C, 'orders.importPreview', { files: orderPair() });
  await app.ok(C, 'orders.importCommit', { importId: pre.importId });
  const list = await app.ok<{ rows: { id: string; buyerId: string }[] }>(C, 'orders.list', {
    filter: { q: '1930679858170647' },
  });
  const other = await app.ok<{ id: string }>(C, 'buyers.save', { memberName: '重复的买家' });
  return {
    orderId: list.rows[0]!.id,
    buyerId: list.rows[0]!.buyerId,
    otherId: other.id,
    skuId: p.skus[0]!.id,
  };
};
/** reviews: the imported orders and a 差评 registered on the shipped order's line. */
const reviewSetup = async (app: TestApp) => {
  const ids = await ordersSetup(app);
  const list = await app.ok<{ rows: { id: string }[] }>(C, 'orders.list', {
    filter: { q: '3012345678901234' },
  });
  const order = await app.ok<{ id: string; lines: { id: string }[] }>(C, 'orders.get', {
    id: list.rows[0]!.id,
  });
  const unpaid = await app.ok<{ lines: { id: string }[] }>(C, 'orders.get', { id: ids.orderId });
  const r = await app.ok<{ id: string; version: string }>(C, 'reviews.create', {
    orderId: order.id,
    orderLineId: order.lines[0]!.id,
    rating: 'negative',
    content: '袋子太薄',
    reviewDate: '2026-11-21',
  });
  return { ...ids, reviewId: r.id, reviewVersion: r.version, lineId: unpaid.lines[0]!.id };
};
/** promotions: a campaign over a SKU that ended long ago, with one checklist item for cs_agent. */
const promotionSetup = async (app: TestApp) => {
  const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  const pr = await app.ok<{ id: string; version: string; tasks: { id: string }[] }>(C, 'promotions.save', {
    name: '双十一',
    startDate: '2025-11-01',
    endDate: '2025-11-11',
    skuIds: [p.skus[0]!.id],
  });
  const withTask = await app.ok<{ tasks: { id: string }[] }>(C, 'promotions.addTask', {
    promotionId: pr.id,
    title: '活动页',
    ownerId: app.people.cs_agent!.id,
    dueDate: '2025-10-30',
  });
  return {
    promotionId: pr.id,
    promotionVersion: pr.version,
    skuId: p.skus[0]!.id,
    taskId: withTask.tasks[0]!.id,
    ownerId: app.people.art_agent!.id,
  };
};
/** stock of 5 (postedSetup) and a paid manual order of 1 of that SKU, not yet queued. */
const paidOrderSetup = async (app: TestApp) => {
  const ids = await postedSetup(app);
  const o = await app.ok<{ id: string }>(C, 'orders.create', {
    memberName: '付款买家',
    status: 'paid',
    lines: [{ skuId: ids.skuId, quantity: 1 }],
  });
  return { ...ids, salesOrderId: o.id };
};
// an agent's day: today's journal of the agent, a memo, a paid order to credit.
const todayIn = (app: TestApp) => {
  const d = app.store.localDay('Asia/Shanghai');
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
};
const journalSetup = async (app: TestApp) => {
  await app.signInAs(C, 'cs_agent');
  const j = await app.ok<{ id: string }>(C, 'agentDay.journalSave', {
    kind: 'day',
    period: todayIn(app),
    sections: { questions: '问题', deals: '', lessons: '' },
  });
  return { journalId: j.id };
};
const memoSetup = async (app: TestApp) => {
  await app.signInAs(C, 'cs_agent');
  const m = await app.ok<{ id: string }>(C, 'agentDay.memoSave', { text: '备忘' });
  return { memoId: m.id };
};
const creditSetup = async (app: TestApp) => {
  const ids = await paidOrderSetup(app);
  return { ...ids, agentId: app.people.cs_agent!.id };
};
const csvBase64 = (text: string) => Buffer.from('\uFEFF' + text, 'utf8').toString('base64');
/** Stock of 5 in a bin and an order of 1 waiting to ship. */
const orderSetup = async (app: TestApp) => {
  const ids = await postedSetup(app);
  const o = await app.ok<{ id: string }>(C, 'shipping.createOrder', {
    orderRef: 'TB123456789',
    counterpart: '买家',
    lines: [{ skuId: ids.skuId, quantity: 1 }],
  });
  return { ...ids, orderId: o.id };
};
const packedSetup = async (app: TestApp) => {
  const ids = await orderSetup(app);
  await app.ok(C, 'shipping.packScan', { documentId: ids.orderId, code: 'TX001-WH-L' });
  return ids;
};
const shippedSetup = async (app: TestApp) => {
  const ids = await packedSetup(app);
  await app.ok(C, 'shipping.ship', {
    documentId: ids.orderId,
    carrier: '顺丰速运',
    trackingNo: 'SF1234567890',
  });
  return ids;
};
const returnSetup = async (app: TestApp) => {
  const ids = await postedSetup(app);
  await app.ok(C, 'warehouse.saveBin', { code: 'Z-01', kind: 'defects' });
  const r = await app.ok<{ id: string }>(C, 'returns.createExpected', {
    orderRef: 'TB123456789',
    lines: [{ skuId: ids.skuId, quantity: 2 }],
  });
  return { ...ids, returnId: r.id };
};
// staffing: the warehouse day shift (seeded by 0006) and a rota with one shift in it.
const DAY_SHIFT = '01930000-0000-7000-8000-000000000003';
const rotaSetup = async (app: TestApp) => {
  await app.ok(C, 'rota.saveWeek', {
    team: 'warehouse',
    weekStart: '2026-11-02',
    cells: [{ staffId: app.people.wh_agent!.id, date: '2026-11-02', kind: 'shift', templateId: DAY_SHIFT }],
  });
  return {};
};

/** Handover (交接本): an item written for today's 早班 (by the store manager). */
const EARLY = '01930000-0000-7000-8000-000000000001';
const shopToday = (app: TestApp) =>
  app.store.localDay('Asia/Shanghai').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
const handoverSetup = async (app: TestApp) => {
  const date = shopToday(app);
  const items = await app.ok<{ id: string }[]>(C, 'handover.write', {
    date,
    templateId: EARLY,
    items: [{ kind: 'other', text: '打印机缺纸' }],
  });
  return { date, itemId: items[0]!.id };
};
// complaints (客服 part 2): a buyer with a severe complaint; later stages resolved, confirmed, called back.
const complaintSetup = async (app: TestApp) => {
  const b = await app.ok<{ id: string }>(C, 'buyers.save', { memberName: '投诉的买家' });
  const c = await app.ok<{ id: string }>(C, 'complaints.create', {
    channel: 'wangwang',
    buyerId: b.id,
    category: 'quality',
    severity: 'severe',
    description: '衣服开线',
  });
  const n = await app.ok<{ rows: { id: string }[] }>(C, 'complaints.notices', {});
  return { buyerId: b.id, complaintId: c.id, noticeId: n.rows[0]!.id };
};
const resolvedComplaint = async (app: TestApp) => {
  const ids = await complaintSetup(app);
  await app.ok(C, 'complaints.resolve', { id: ids.complaintId, result: '补发新品' });
  return ids;
};
const readyToArchive = async (app: TestApp) => {
  const ids = await resolvedComplaint(app);
  await app.ok(C, 'complaints.confirm', { id: ids.complaintId });
  await app.ok(C, 'complaints.callback', { id: ids.complaintId, satisfaction: 5 });
  return ids;
};
const DL = { responseMinutes: 60, resolveMinutes: 1440 };
// pre-sales (售前): a product with knowledge v1, a template, and an agent's pending inquiry.
const presalesSetup = async (app: TestApp) => {
  const p = await app.ok<{ id: string; skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
  await app.ok(C, 'presales.knowledgeSave', { productId: p.id, expectedVersion: 0, sellingPoints: '纯棉' });
  const t = await app.ok<{ id: string; version: string }>(C, 'presales.templateSave', {
    category: 'greeting',
    title: '欢迎语',
    body: '亲，{买家}您好',
  });
  const agent = '00000000-0000-4000-8000-0000000000a9';
  await app.signInAs(agent, 'cs_agent');
  const i = await app.ok<{ id: string; version: string }>(agent, 'presales.inquiryCreate', {
    memberName: '咨询买家',
    skuId: p.skus[0]!.id,
    question: 'size',
  });
  await app.ok(agent, 'auth.signOut');
  return {
    productId: p.id,
    skuId: p.skus[0]!.id,
    templateId: t.id,
    templateVersion: t.version,
    inquiryId: i.id,
    inquiryVersion: i.version,
  };
};
// after-sales (售后): the order export pair imported, a bin, and a 仅退款 case on the paid order.
const aftersalesSetup = async (app: TestApp) => {
  const ids = await ordersSetup(app);
  await app.ok(C, 'warehouse.saveBin', { code: 'A-01-01' });
  const list = await app.ok<{ rows: { id: string }[] }>(C, 'orders.list', {
    filter: { q: '2456781234567890123' },
  });
  const paidId = list.rows[0]!.id;
  const order = await app.ok<{ lines: { id: string }[] }>(C, 'orders.get', { id: paidId });
  const c = await app.ok<{ id: string; version: string }>(C, 'aftersales.create', {
    type: 'refund_only',
    orderId: paidId,
    refundFen: 100,
  });
  return {
    ...ids,
    paidOrderId: paidId,
    paidLineId: order.lines[0]!.id,
    caseId: c.id,
    caseVersion: c.version,
  };
};
const refundFile = () => ({ fileName: '退款报表.csv', contentBase64: b64(refundCsv('gbk')) });

const cases: Record<Channel, Case> = {
  'system.status': {
    valid: () => ({}),
    invalid: () => ({ extra: 1 }),
    invalidFields: ['_'],
    forbidden: null,
  },
  'system.setup': {
    fresh: true,
    valid: () => ({ shopName: '新店', managerName: '老板', pin: '1234' }),
    invalid: () => ({ shopName: '', managerName: '老板', pin: '12', timeZone: 'Mars/Base' }),
    invalidFields: ['shopName', 'pin', 'timeZone'],
    forbidden: null,
  },
  'auth.roster': { valid: () => ({}), invalid: () => ({ all: true }), invalidFields: ['_'], forbidden: null },
  'auth.session': { valid: () => ({}), invalid: () => ({ x: 1 }), invalidFields: ['_'], forbidden: null },
  'auth.signIn': {
    valid: (_ids, app) => ({ staffId: app.people.cs_agent!.id, pin: app.people.cs_agent!.pin }),
    invalid: () => ({ staffId: 'not-an-id', pin: '123456789' }),
    invalidFields: ['staffId', 'pin'],
    forbidden: null,
  },
  'auth.signOut': {
    valid: () => ({}),
    invalid: () => ({ now: true }),
    invalidFields: ['_'],
    forbidden: null,
  },
  'auth.changeOwnPin': {
    valid: () => ({ currentPin: '1111', newPin: '4321' }),
    invalid: () => ({ currentPin: '1111', newPin: '12ab' }),
    invalidFields: ['newPin'],
    forbidden: null,
  },
  'shop.get': { valid: () => ({}), invalid: () => ({ id: 1 }), invalidFields: ['_'], forbidden: null },
  'shop.update': {
    valid: () => ({ name: '改名后的小店', timeZone: 'Asia/Shanghai' }),
    invalid: () => ({ name: '', timeZone: 'Mars/Base' }),
    invalidFields: ['name', 'timeZone'],
    forbidden: 'cs_agent',
  },
  'staff.list': {
    valid: () => ({}),
    invalid: () => ({ includeInactive: 'yes' }),
    invalidFields: ['includeInactive'],
    forbidden: 'wh_agent',
  },
  'staff.create': {
    as: 'admin',
    valid: () => ({ name: '新来的客服', role: 'cs_agent', pin: '2580' }),
    invalid: () => ({ name: '', role: 'boss', pin: '1' }),
    invalidFields: ['name', 'role', 'pin'],
    forbidden: 'cs_supervisor',
  },
  'staff.update': {
    valid: (_ids, app) => ({ id: app.people.cs_agent!.id, name: '客服小张', role: 'cs_supervisor' }),
    invalid: (_ids) => ({ id: 'x', name: 'a'.repeat(41), role: 'cs_agent' }),
    invalidFields: ['id', 'name'],
    forbidden: 'director',
  },
  'staff.setActive': {
    valid: (_ids, app) => ({ id: app.people.art_agent!.id, active: false }),
    invalid: () => ({ id: '', active: 'no' }),
    invalidFields: ['id', 'active'],
    forbidden: 'art_supervisor',
  },
  'staff.resetPin': {
    valid: (_ids, app) => ({ id: app.people.wh_agent!.id, pin: '9876' }),
    invalid: (_ids) => ({ pin: 'abcd' }),
    invalidFields: ['id', 'pin'],
    forbidden: 'wh_supervisor',
  },
  'audit.list': {
    as: 'director',
    valid: () => ({ entity: 'staff' }),
    invalid: () => ({ limit: 100_000, offset: -1 }),
    invalidFields: ['limit', 'offset'],
    forbidden: 'admin',
  },
  'audit.people': {
    as: 'director',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'cs_supervisor',
  },
  'catalog.categories': {
    prepare: productId,
    as: 'art_agent',
    valid: () => ({}),
    invalid: () => ({ q: '男' }),
    invalidFields: ['_'],
    forbidden: null,
  },
  'catalog.lookup': {
    prepare: productId,
    as: 'wh_agent',
    valid: () => ({ code: '6901234567892' }),
    invalid: () => ({ code: '' }),
    invalidFields: ['code'],
    forbidden: null,
  },
  'catalog.list': {
    as: 'art_agent',
    valid: () => ({ filter: { q: 'cmyl' } }),
    invalid: () => ({ sort: { field: 'secret', order: 'up' }, limit: 0 }),
    invalidFields: ['sort.field', 'sort.order', 'limit'],
    forbidden: null,
  },
  'catalog.get': {
    prepare: productId,
    as: 'cs_agent',
    valid: (ids) => ({ productId: ids.productId }),
    invalid: () => ({ productId: 42 }),
    invalidFields: ['productId'],
    forbidden: null,
  },
  'catalog.create': {
    as: 'wh_supervisor',
    valid: () => sampleProduct(),
    invalid: () =>
      sampleProduct({
        title: '',
        skus: [{ code: 'A 1', barcode: '', spec: '', costFen: -1, priceFen: 12.5 }],
      }),
    invalidFields: ['title', 'skus.0.code', 'skus.0.costFen', 'skus.0.priceFen'],
    forbidden: 'wh_agent',
  },
  'catalog.update': {
    prepare: productId,
    as: 'cs_supervisor',
    valid: (ids) => ({
      ...sampleProduct({ title: '纯棉圆领短袖T恤 男款 2026新款' }),
      id: ids.productId,
      expectedVersion: ids.version,
    }),
    invalid: (ids) => ({ ...sampleProduct({ skus: [] }), id: ids.productId }),
    invalidFields: ['skus', 'expectedVersion'],
    forbidden: 'cs_agent',
  },
  'catalog.setArchived': {
    prepare: productId,
    as: 'wh_supervisor',
    valid: (ids) => ({ productId: ids.productId, archived: true }),
    invalid: (ids) => ({ productId: ids.productId, archived: 1 }),
    invalidFields: ['archived'],
    forbidden: 'cs_supervisor',
  },
  'catalog.importPreview': {
    as: 'wh_supervisor',
    valid: () => ({
      fileName: 'a.csv',
      contentBase64: csvBase64('商家编码,商品标题,售价\r\nA1,测试商品,9.90\r\n'),
    }),
    invalid: () => ({ fileName: '', contentBase64: '***' }),
    invalidFields: ['fileName', 'contentBase64'],
    forbidden: 'cs_supervisor',
  },
  'catalog.importCommit': {
    prepare: async (app) => {
      const p = await app.ok<{ importId: string }>(C, 'catalog.importPreview', {
        fileName: 'a.csv',
        contentBase64: csvBase64('商家编码,商品标题,售价\r\nA1,测试商品,9.90\r\n'),
      });
      return { importId: p.importId };
    },
    valid: (ids) => ({ importId: ids.importId }),
    invalid: (ids) => ({ importId: ids.importId, excludeRows: [0, 'x'] }),
    invalidFields: ['excludeRows.0'],
    forbidden: 'art_supervisor',
  },
  'catalog.exportCsv': {
    prepare: productId,
    as: 'director',
    valid: () => ({ encoding: 'gbk' }),
    invalid: () => ({ encoding: 'latin1', filter: { listed: 'maybe' } }),
    invalidFields: ['encoding', 'filter.listed'],
    forbidden: 'wh_agent',
  },
  'warehouse.listBins': {
    prepare: stockSetup,
    as: 'director',
    valid: () => ({ includeRetired: true }),
    invalid: () => ({ includeRetired: 'yes' }),
    invalidFields: ['includeRetired'],
    forbidden: 'cs_agent',
  },
  'warehouse.saveBin': {
    as: 'wh_supervisor',
    valid: () => ({ code: 'b-02-01', zone: 'B区', kind: 'defects', capacity: 200 }),
    invalid: () => ({ code: 'B 02', kind: 'broken', capacity: 0, walkOrder: 1.5 }),
    invalidFields: ['code', 'kind', 'capacity', 'walkOrder'],
    forbidden: 'wh_agent',
  },
  'warehouse.setBinRetired': {
    prepare: stockSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ id: ids.bin2Id, retired: true }),
    invalid: (ids) => ({ id: ids.bin2Id, retired: 'yes' }),
    invalidFields: ['retired'],
    forbidden: 'wh_agent',
  },
  'warehouse.listDocuments': {
    prepare: stockSetup,
    as: 'wh_agent',
    valid: () => ({ type: 'purchase_in', status: 'draft', from: '2020-01-01', to: '2999-12-31' }),
    invalid: () => ({ type: 'gift', status: 'void', from: '2026-13-01' }),
    invalidFields: ['type', 'status', 'from'],
    forbidden: 'art_supervisor',
  },
  'warehouse.getDocument': {
    prepare: stockSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.docId }),
    invalid: () => ({ id: 'RK-1' }),
    invalidFields: ['id'],
    forbidden: 'cs_supervisor',
  },
  'warehouse.saveDraft': {
    prepare: stockSetup,
    as: 'wh_agent',
    valid: (ids) => ({
      type: 'transfer',
      counterpart: '',
      lines: [{ skuId: ids.skuId, binId: ids.binId, toBinId: ids.bin2Id, quantity: 2, note: '' }],
    }),
    invalid: (ids) => ({
      type: 'sales_out',
      docDate: '28/11/2026',
      lines: [{ skuId: ids.skuId, binId: ids.binId, quantity: 0, unitCostFen: -1 }],
    }),
    invalidFields: ['docDate', 'lines.0.quantity', 'lines.0.unitCostFen'],
    forbidden: 'director',
  },
  'warehouse.discardDraft': {
    prepare: stockSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.docId, expectedVersion: ids.docVersion }),
    invalid: () => ({ id: null }),
    invalidFields: ['id'],
    forbidden: 'director',
  },
  'warehouse.post': {
    prepare: stockSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.docId }),
    invalid: (ids) => ({ id: ids.docId, overrideReason: '' }),
    invalidFields: ['overrideReason'],
    forbidden: 'director',
  },
  'warehouse.reverse': {
    prepare: postedSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ id: ids.docId, reason: '录错了' }),
    invalid: (ids) => ({ id: ids.docId, reason: '' }),
    invalidFields: ['reason'],
    forbidden: 'wh_agent',
  },
  'warehouse.ledger': {
    prepare: postedSetup,
    as: 'director',
    valid: (ids) => ({ skuId: ids.skuId, binId: ids.binId }),
    invalid: () => ({ skuId: 'x', from: 'yesterday', limit: 0 }),
    invalidFields: ['skuId', 'from', 'limit'],
    forbidden: 'admin',
  },
  'warehouse.balances': {
    prepare: postedSetup,
    as: 'wh_agent',
    valid: () => ({ q: 'tx001', onlyNonZero: false }),
    invalid: () => ({ binId: 'A-01-01', onlyNonZero: 1 }),
    invalidFields: ['binId', 'onlyNonZero'],
    forbidden: 'art_agent',
  },
  'warehouse.skuStock': {
    prepare: postedSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ skuId: ids.skuId }),
    invalid: () => ({ skuId: '' }),
    invalidFields: ['skuId'],
    forbidden: 'cs_agent',
  },
  // shipping, pack check, returns inspection, exports
  'shipping.queue': {
    prepare: orderSetup,
    as: 'wh_agent',
    valid: () => ({ q: 'tb123' }),
    invalid: () => ({ q: 5 }),
    invalidFields: ['q'],
    forbidden: 'cs_agent',
  },
  'shipping.createOrder': {
    prepare: postedSetup,
    as: 'wh_agent',
    valid: (ids) => ({ orderRef: 'TB999', lines: [{ skuId: ids.skuId, quantity: 2 }] }),
    invalid: (ids) => ({ orderRef: 'TB 9', lines: [{ skuId: ids.skuId, quantity: 0 }] }),
    invalidFields: ['orderRef', 'lines.0.quantity'],
    forbidden: 'director',
  },
  'shipping.pickList': {
    prepare: orderSetup,
    as: 'wh_agent',
    valid: (ids) => ({ documentIds: [ids.orderId] }),
    invalid: () => ({ documentIds: [] }),
    invalidFields: ['documentIds'],
    forbidden: 'cs_supervisor',
  },
  'shipping.packState': {
    prepare: orderSetup,
    as: 'director',
    valid: (ids) => ({ documentId: ids.orderId }),
    invalid: () => ({ documentId: 'CK-1' }),
    invalidFields: ['documentId'],
    forbidden: 'cs_agent',
  },
  'shipping.packScan': {
    prepare: orderSetup,
    as: 'wh_agent',
    valid: (ids) => ({ documentId: ids.orderId, code: '6901234567892' }),
    invalid: (ids) => ({ documentId: ids.orderId, code: '' }),
    invalidFields: ['code'],
    forbidden: 'director',
  },
  'shipping.ship': {
    prepare: packedSetup,
    as: 'wh_agent',
    valid: (ids) => ({ documentId: ids.orderId, carrier: '中通快递', trackingNo: '75312345678901' }),
    invalid: (ids) => ({ documentId: ids.orderId, carrier: '', trackingNo: '123' }),
    invalidFields: ['carrier', 'trackingNo'],
    forbidden: 'director',
  },
  'warehouse.shipment': {
    prepare: shippedSetup,
    as: 'cs_agent',
    valid: () => ({ orderRef: 'TB123456789' }),
    invalid: () => ({ orderRef: '' }),
    invalidFields: ['orderRef'],
    forbidden: 'art_agent',
  },
  'returns.createExpected': {
    prepare: postedSetup,
    as: 'wh_agent',
    valid: (ids) => ({ orderRef: 'TB1', reason: '不喜欢', lines: [{ skuId: ids.skuId, quantity: 1 }] }),
    invalid: (ids) => ({ orderRef: '', lines: [{ skuId: ids.skuId, quantity: -1 }] }),
    invalidFields: ['orderRef', 'lines.0.quantity'],
    forbidden: 'director',
  },
  'returns.inspect': {
    prepare: returnSetup,
    as: 'wh_agent',
    valid: (ids) => ({
      documentId: ids.returnId,
      lines: [{ skuId: ids.skuId, good: 1, defective: 1, scrap: 0 }],
    }),
    invalid: (ids) => ({ lines: [{ skuId: ids.skuId, good: 0, defective: 0, scrap: -1 }] }),
    invalidFields: ['orderRef', 'lines.0.scrap'],
    forbidden: 'cs_supervisor',
  },
  'warehouse.exportDocuments': {
    prepare: postedSetup,
    as: 'director',
    valid: () => ({ type: 'purchase_in', encoding: 'gbk' }),
    invalid: () => ({ encoding: 'latin1', status: 'void' }),
    invalidFields: ['encoding', 'status'],
    forbidden: 'cs_agent',
  },
  'warehouse.exportBalances': {
    prepare: postedSetup,
    as: 'wh_agent',
    valid: () => ({ q: 'tx001' }),
    invalid: () => ({ onlyNonZero: 'yes', binId: 'A-01' }),
    invalidFields: ['onlyNonZero', 'binId'],
    forbidden: 'art_supervisor',
  },
  'stocktake.list': {
    prepare: stocktakeSetup,
    as: 'director',
    valid: () => ({ status: 'counting' }),
    invalid: () => ({ status: 'open', limit: 0 }),
    invalidFields: ['status', 'limit'],
    forbidden: 'cs_agent',
  },
  'stocktake.get': {
    prepare: stocktakeSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.stocktakeId }),
    invalid: () => ({ id: 'PD-1' }),
    invalidFields: ['id'],
    forbidden: 'art_agent',
  },
  'stocktake.lines': {
    prepare: stocktakeSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.stocktakeId, binId: ids.binId, filter: 'uncounted', limit: 5000 }),
    invalid: (ids) => ({ id: ids.stocktakeId, filter: 'mine', limit: 20_001 }),
    invalidFields: ['filter', 'limit'],
    forbidden: 'cs_supervisor',
  },
  'stocktake.start': {
    prepare: postedSetup,
    as: 'wh_supervisor',
    valid: () => ({ kind: 'monthly', scope: { type: 'bins', from: 'a-01-01', to: 'A-01-02' }, blind: true }),
    invalid: () => ({ kind: 'weekly', scope: { type: 'bins', from: 'A 01', to: '' }, blind: 'yes' }),
    invalidFields: ['kind', 'scope.from', 'scope.to', 'blind'],
    forbidden: 'wh_agent',
  },
  'stocktake.count': {
    prepare: stocktakeSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.stocktakeId, counts: [{ skuId: ids.skuId, binId: ids.binId, counted: 5 }] }),
    invalid: (ids) => ({
      id: ids.stocktakeId,
      counts: [{ skuId: ids.skuId, binId: ids.binId, counted: -1 }],
    }),
    invalidFields: ['counts.0.counted'],
    forbidden: 'director',
  },
  'stocktake.cancel': {
    prepare: stocktakeSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ id: ids.stocktakeId, reason: '范围选错了' }),
    invalid: (ids) => ({ id: ids.stocktakeId, reason: '' }),
    invalidFields: ['reason'],
    forbidden: 'wh_agent',
  },
  'stocktake.approve': {
    prepare: countedSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ id: ids.stocktakeId }),
    invalid: () => ({ id: 7 }),
    invalidFields: ['id'],
    forbidden: 'wh_agent',
  },
  'stocktake.report': {
    prepare: countedSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.stocktakeId }),
    invalid: () => ({ id: '' }),
    invalidFields: ['id'],
    forbidden: 'art_supervisor',
  },
  'stocktake.exportCsv': {
    prepare: countedSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ id: ids.stocktakeId, encoding: 'gbk' }),
    invalid: (ids) => ({ id: ids.stocktakeId, encoding: 'utf16' }),
    invalidFields: ['encoding'],
    forbidden: 'cs_agent',
  },
  // staffing: rota, attendance, assessment
  'rota.templates': {
    as: 'wh_agent',
    valid: () => ({ team: 'warehouse' }),
    invalid: () => ({ team: 'art', includeArchived: 'no' }),
    invalidFields: ['team', 'includeArchived'],
    forbidden: null,
  },
  'rota.saveTemplate': {
    valid: () => ({ team: 'service', name: '中班', start: '12:00', end: '21:00' }),
    invalid: () => ({ team: 'service', name: '', start: '25:00', end: '9:00' }),
    invalidFields: ['name', 'start', 'end'],
    forbidden: 'wh_supervisor',
  },
  'rota.week': {
    as: 'wh_agent',
    valid: () => ({ team: 'warehouse', weekStart: '2026-11-02' }),
    invalid: () => ({ team: 'office', weekStart: '2026-11-2' }),
    invalidFields: ['team', 'weekStart'],
    forbidden: 'cs_agent', // not their team (enforced in main)
  },
  'rota.saveWeek': {
    as: 'wh_supervisor',
    valid: (_ids, app) => ({
      team: 'warehouse',
      weekStart: '2026-11-02',
      cells: [{ staffId: app.people.wh_agent!.id, date: '2026-11-03', kind: 'shift', templateId: DAY_SHIFT }],
    }),
    invalid: () => ({
      team: 'warehouse',
      weekStart: '2026-11-02',
      cells: [{ staffId: 'x', date: '2026-11-03', kind: 'work' }],
    }),
    invalidFields: ['cells.0.staffId', 'cells.0.kind'],
    forbidden: 'wh_agent',
  },
  'rota.copyWeek': {
    prepare: rotaSetup,
    as: 'wh_supervisor',
    valid: () => ({ team: 'warehouse', weekStart: '2026-11-09' }),
    invalid: () => ({ team: 'warehouse', weekStart: 'next week' }),
    invalidFields: ['weekStart'],
    forbidden: 'cs_supervisor', // another team's supervisor (enforced in main)
  },
  'rota.myShifts': {
    prepare: rotaSetup,
    as: 'wh_agent',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '2026/11/01' }),
    invalidFields: ['from', 'to'],
    forbidden: null,
  },
  'attendance.status': {
    as: 'art_agent',
    valid: () => ({}),
    invalid: () => ({ now: 1 }),
    invalidFields: ['_'],
    forbidden: null,
  },
  'attendance.clock': {
    as: 'wh_agent',
    valid: () => ({ kind: 'in' }),
    invalid: () => ({ kind: 'lunch' }),
    invalidFields: ['kind'],
    forbidden: null,
  },
  'attendance.punches': {
    as: 'wh_supervisor',
    valid: (_ids, app) => ({ staffId: app.people.wh_agent!.id, month: '2026-11' }),
    invalid: () => ({ staffId: 'x', month: '2026-13' }),
    invalidFields: ['staffId', 'month'],
    forbidden: 'wh_agent',
  },
  'attendance.correct': {
    as: 'wh_supervisor',
    valid: (_ids, app) => ({
      staffId: app.people.wh_agent!.id,
      kind: 'in',
      at: '2026-01-05T01:00:00.000Z',
      reason: '忘记打卡，主管确认 9:00 到岗',
    }),
    invalid: () => ({ staffId: 'x', kind: 'in', reason: '' }),
    invalidFields: ['staffId', 'reason'],
    forbidden: 'wh_agent',
  },
  'attendance.report': {
    as: 'director',
    valid: () => ({ team: 'service', month: '2026-11' }),
    invalid: () => ({ team: 'art', month: '11/2026' }),
    invalidFields: ['team', 'month'],
    forbidden: 'cs_agent',
  },
  'attendance.exportCsv': {
    prepare: rotaSetup,
    as: 'wh_supervisor',
    valid: () => ({ team: 'warehouse', month: '2026-11' }),
    invalid: () => ({ team: 'warehouse', month: '2026-11', encoding: 'latin1' }),
    invalidFields: ['encoding'],
    forbidden: 'wh_agent',
  },
  'attendance.settings': {
    as: 'cs_supervisor',
    valid: () => ({}),
    invalid: () => ({ lateGraceMin: 5 }),
    invalidFields: ['_'],
    forbidden: 'cs_agent',
  },
  'attendance.saveSettings': {
    valid: () => ({ lateGraceMin: 10, earlyGraceMin: 2 }),
    invalid: () => ({ lateGraceMin: -1, earlyGraceMin: 1.5 }),
    invalidFields: ['lateGraceMin', 'earlyGraceMin'],
    forbidden: 'wh_supervisor',
  },
  'assessment.month': {
    as: 'wh_supervisor',
    valid: () => ({ month: '2026-11' }),
    invalid: () => ({ month: '2026-11-01' }),
    invalidFields: ['month'],
    forbidden: 'wh_agent',
  },
  'assessment.saveScore': {
    as: 'wh_supervisor',
    valid: (_ids, app) => ({
      staffId: app.people.wh_agent!.id,
      month: '2026-11',
      score: 90,
      comment: '认真',
    }),
    invalid: (_ids) => ({ staffId: 'x', month: '2026-11', score: 101 }),
    invalidFields: ['staffId', 'score'],
    forbidden: 'cs_supervisor',
  },
  'assessment.exportCsv': {
    valid: () => ({ month: '2026-11', encoding: 'gbk' }),
    invalid: () => ({ month: 'x' }),
    invalidFields: ['month'],
    forbidden: 'director',
  },
  // low-stock alerts, ledger export and person filter
  'warehouse.exportLedger': {
    prepare: postedSetup,
    as: 'wh_agent',
    valid: (ids) => ({ skuId: ids.skuId, encoding: 'gbk' }),
    invalid: () => ({ skuId: 'x', encoding: 'latin1' }),
    invalidFields: ['skuId', 'encoding'],
    forbidden: 'cs_agent',
  },
  'warehouse.people': {
    prepare: postedSetup,
    as: 'director',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'art_supervisor',
  },
  'alerts.list': {
    prepare: postedSetup,
    as: 'cs_agent',
    valid: () => ({ status: 'all', q: 'tx001' }),
    invalid: () => ({ status: 'gone', limit: 0 }),
    invalidFields: ['status', 'limit'],
    forbidden: 'art_agent',
  },
  'alerts.counts': {
    as: 'wh_agent',
    valid: () => ({}),
    invalid: () => ({ status: 'all' }),
    invalidFields: ['_'],
    forbidden: 'admin',
  },
  'alerts.ack': {
    prepare: async (app) => {
      const ids = await stockSetup(app);
      const page = await app.ok<{ rows: { id: string; skuId: string }[] }>(C, 'alerts.list', {});
      return { ...ids, alertId: page.rows.find((r) => r.skuId === ids.skuId)!.id };
    },
    as: 'cs_supervisor',
    valid: (ids, app) => ({ id: ids.alertId, handlerId: app.people.wh_agent!.id, note: '已联系供应商' }),
    invalid: (ids) => ({ id: ids.alertId, handlerId: 'someone', note: 'x'.repeat(501) }),
    invalidFields: ['handlerId', 'note'],
    forbidden: 'cs_agent',
  },
  'alerts.exportCsv': {
    prepare: postedSetup,
    as: 'director',
    valid: () => ({ status: 'active' }),
    invalid: () => ({ status: 'open', encoding: 'utf16' }),
    invalidFields: ['status', 'encoding'],
    forbidden: 'art_supervisor',
  },
  // art: design tasks and the image library
  'art.tasksList': {
    prepare: artSetup,
    as: 'director',
    valid: (ids) => ({ filter: { skuId: ids.skuId, status: 'review' }, limit: 50 }),
    invalid: () => ({ filter: { status: 'finished', dueFrom: '12/01' } }),
    invalidFields: ['filter.status', 'filter.dueFrom'],
    forbidden: 'cs_supervisor',
  },
  'art.taskGet': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({ id: ids.taskId }),
    invalid: () => ({ id: 'SJ-1' }),
    invalidFields: ['id'],
    forbidden: 'wh_agent',
  },
  'art.taskSave': {
    prepare: artSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ type: 'shoot', title: '样衣拍摄', skuIds: [ids.skuId], dueDate: '2026-12-01' }),
    invalid: () => ({ type: 'video', title: '', dueDate: '2026-13-01', priority: 'asap' }),
    invalidFields: ['type', 'title', 'dueDate', 'priority'],
    forbidden: 'cs_agent',
  },
  'art.taskMove': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({ id: ids.todoTaskId, to: 'doing', comment: '开始修图' }),
    invalid: (ids) => ({ id: ids.taskId, to: 'finished' }),
    invalidFields: ['to'],
    forbidden: 'director',
  },
  'art.taskReview': {
    prepare: artSetup,
    as: 'art_supervisor',
    valid: (ids) => ({
      id: ids.taskId,
      expectedVersion: ids.taskVersion,
      decision: 'revise',
      comment: '重拍',
    }),
    invalid: (ids) => ({ id: ids.taskId, decision: 'maybe', comment: 'x'.repeat(2001) }),
    invalidFields: ['decision', 'comment'],
    forbidden: 'art_agent',
  },
  'art.taskAttach': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({ id: ids.taskId, imageIds: [ids.imageId] }),
    invalid: (ids) => ({ id: ids.taskId, imageIds: [] }),
    invalidFields: ['imageIds'],
    forbidden: 'cs_supervisor',
  },
  'art.tasksExportCsv': {
    prepare: artSetup,
    as: 'director',
    valid: () => ({ encoding: 'gbk' }),
    invalid: () => ({ encoding: 'latin1' }),
    invalidFields: ['encoding'],
    forbidden: 'wh_supervisor',
  },
  'art.libraryList': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({ filter: { q: '主图', skuId: ids.skuId, use: 'none' }, offset: 0, limit: 200 }),
    invalid: () => ({ filter: { use: 'banner', from: 'today' }, limit: 501 }),
    invalidFields: ['filter.use', 'filter.from', 'limit'],
    forbidden: 'cs_agent',
  },
  'art.libraryGet': {
    prepare: artSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.imageId }),
    invalid: () => ({ id: '../../shopdesk.sqlite' }),
    invalidFields: ['id'],
    forbidden: 'wh_supervisor',
  },
  'art.libraryTags': {
    as: 'art_supervisor',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'admin',
  },
  'art.libraryImport': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids, app) => {
      app.pickPaths = [ids.newFile!];
      return { mode: 'files' };
    },
    invalid: () => ({ mode: 'path', path: '/etc/passwd' }),
    invalidFields: ['mode', '_'],
    forbidden: 'director',
  },
  'art.libraryUpdate': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({
      ids: [ids.imageId, ids.image2Id],
      addTags: ['夏装/T恤'],
      use: 'main',
      addSkuIds: [ids.skuId],
    }),
    invalid: (ids) => ({ ids: [ids.imageId], addTags: ['夏装//T恤'], status: 'deleted' }),
    invalidFields: ['addTags.0', 'status'],
    forbidden: 'director',
  },
  'art.libraryTrash': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({ ids: [ids.imageId], trashed: true }),
    invalid: () => ({ ids: [], trashed: 'yes' }),
    invalidFields: ['ids', 'trashed'],
    forbidden: 'cs_supervisor',
  },
  'art.libraryThumbs': {
    as: 'art_agent',
    valid: () => ({}),
    invalid: () => ({ wait: true }),
    invalidFields: ['_'],
    forbidden: 'wh_agent',
  },
  'art.libraryExportFiles': {
    prepare: artSetup,
    as: 'art_agent',
    valid: (ids) => ({ ids: [ids.imageId], pattern: '{商家编码}_主图_{序号}.jpg' }),
    invalid: (ids) => ({ ids: [ids.imageId], pattern: '../{商家编码}' }),
    invalidFields: ['pattern'],
    forbidden: 'director',
  },
  'art.libraryExportCsv': {
    prepare: artSetup,
    as: 'director',
    valid: () => ({ filter: { tag: '夏装' } }),
    invalid: () => ({ filter: { status: 'gone' }, encoding: 'utf16' }),
    invalidFields: ['filter.status', 'encoding'],
    forbidden: 'cs_supervisor',
  },
  'art.rulesGet': {
    as: 'art_agent',
    valid: () => ({}),
    invalid: () => ({ x: 1 }),
    invalidFields: ['_'],
    forbidden: 'wh_supervisor',
  },
  'art.rulesSave': {
    as: 'art_supervisor',
    valid: () => ({ mainSquare: true, mainMinSide: 750, mainMaxBytes: 3145728 }),
    invalid: () => ({ mainSquare: 'yes', mainMinSide: -1, mainMaxBytes: 10 }),
    invalidFields: ['mainSquare', 'mainMinSide', 'mainMaxBytes'],
    forbidden: 'art_agent',
  },
  // art part 2: team assessment, listing readiness
  'art.assessmentMonth': {
    as: 'art_agent',
    valid: () => ({ month: '2026-11' }),
    invalid: () => ({ month: '2026-11-01' }),
    invalidFields: ['month'],
    forbidden: 'cs_supervisor',
  },
  'art.assessmentSave': {
    as: 'art_supervisor',
    valid: (_ids, app) => ({
      staffId: app.people.art_agent!.id,
      month: '2026-11',
      score: 88,
      comment: '主图出图快',
    }),
    invalid: () => ({ staffId: 'x', month: '2026-11', score: 101 }),
    invalidFields: ['staffId', 'score'],
    forbidden: 'art_agent',
  },
  'art.assessmentExportCsv': {
    as: 'director',
    valid: () => ({ month: '2026-11', encoding: 'gbk' }),
    invalid: () => ({ month: 'x', encoding: 'latin1' }),
    invalidFields: ['month', 'encoding'],
    forbidden: 'wh_agent',
  },
  'art.readinessList': {
    prepare: productId,
    as: 'cs_supervisor',
    valid: () => ({ filter: { state: 'notReady', q: '' }, limit: 50 }),
    invalid: () => ({ filter: { state: 'done' }, limit: 0 }),
    invalidFields: ['filter.state', 'limit'],
    forbidden: 'wh_agent',
  },
  'art.readinessMark': {
    prepare: productId,
    valid: (ids) => ({ productId: ids.productId!, listed: true, overrideReason: '先上架预售' }),
    invalid: () => ({ productId: 'x', listed: 'yes' }),
    invalidFields: ['productId', 'listed'],
    forbidden: 'art_supervisor',
  },
  // service (客服 part 1)
  'service.settings': {
    valid: () => ({}),
    invalid: () => ({ x: 1 }),
    invalidFields: ['_'],
    forbidden: 'wh_agent',
  },
  'service.saveSettings': {
    valid: () => ({ followUpDelayMinutes: 45, vipLevels: [{ level: 1, name: '会员' }] }),
    invalid: () => ({ followUpDelayMinutes: 0, vipLevels: [{ level: 10, name: '' }] }),
    invalidFields: ['followUpDelayMinutes', 'vipLevels.0.level', 'vipLevels.0.name'],
    forbidden: 'cs_supervisor',
  },
  'buyers.search': {
    as: 'cs_agent',
    valid: () => ({ q: '小鹿' }),
    invalid: () => ({ limit: 0, tag: 'x'.repeat(21) }),
    invalidFields: ['limit', 'tag'],
    forbidden: 'wh_agent',
  },
  'buyers.get': {
    prepare: ordersSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.buyerId }),
    invalid: () => ({ id: 'x' }),
    invalidFields: ['id'],
    forbidden: 'art_agent',
  },
  'buyers.save': {
    as: 'cs_agent',
    valid: () => ({ memberName: '新买家', phones: ['138 0000 1111'] }),
    invalid: () => ({ memberName: '', phones: ['abc'] }),
    invalidFields: ['memberName', 'phones.0'],
    forbidden: 'director',
  },
  'buyers.addNote': {
    prepare: ordersSetup,
    as: 'cs_agent',
    valid: (ids) => ({ buyerId: ids.buyerId, text: '喜欢白色' }),
    invalid: (ids) => ({ buyerId: ids.buyerId, text: '' }),
    invalidFields: ['text'],
    forbidden: 'director',
  },
  'buyers.merge': {
    prepare: ordersSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ keepId: ids.buyerId, mergeId: ids.otherId }),
    invalid: () => ({ keepId: 'x', mergeId: '' }),
    invalidFields: ['keepId', 'mergeId'],
    forbidden: 'director',
  },
  'buyers.exportCsv': {
    prepare: ordersSetup,
    as: 'director',
    valid: () => ({}),
    invalid: () => ({ encoding: 'latin1' }),
    invalidFields: ['encoding'],
    forbidden: 'wh_supervisor',
  },
  'orders.list': {
    as: 'cs_agent',
    valid: () => ({ filter: { status: 'wait_pay', from: '2026-01-01' } }),
    invalid: () => ({ filter: { status: 'lost', from: 'yesterday' } }),
    invalidFields: ['filter.status', 'filter.from'],
    forbidden: 'art_supervisor',
  },
  'orders.get': {
    prepare: ordersSetup,
    valid: (ids) => ({ id: ids.orderId }),
    invalid: () => ({ id: '' }),
    invalidFields: ['id'],
    forbidden: 'wh_agent',
  },
  'orders.create': {
    prepare: ordersSetup,
    as: 'cs_agent',
    valid: (ids) => ({ memberName: '手工单', lines: [{ skuId: ids.skuId, quantity: 1 }] }),
    invalid: () => ({ memberName: '', lines: [] }),
    invalidFields: ['memberName', 'lines'],
    forbidden: 'director',
  },
  'orders.setStatus': {
    prepare: ordersSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.orderId, status: 'paid' }),
    invalid: (ids) => ({ id: ids.orderId, status: 'gone' }),
    invalidFields: ['status'],
    forbidden: 'director',
  },
  'orders.setSellerNote': {
    prepare: ordersSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.orderId, note: '加急', flag: 'red' }),
    invalid: (ids) => ({ id: ids.orderId, note: 'x', flag: 'orange' }),
    invalidFields: ['flag'],
    forbidden: 'director',
  },
  // orders ↔ warehouse link
  'shipping.pendingOrders': {
    prepare: paidOrderSetup,
    as: 'wh_agent',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'cs_agent',
  },
  'shipping.queueOrders': {
    prepare: paidOrderSetup,
    as: 'wh_agent',
    valid: (ids) => ({ orderIds: [ids.salesOrderId] }),
    invalid: () => ({ orderIds: [] }),
    invalidFields: ['orderIds'],
    forbidden: 'director',
  },
  'orders.notifyWarehouse': {
    prepare: paidOrderSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.salesOrderId }),
    invalid: () => ({ id: 'TB1' }),
    invalidFields: ['id'],
    forbidden: 'wh_agent',
  },
  'orders.importPreview': {
    as: 'cs_supervisor',
    valid: () => ({ files: orderPair() }),
    invalid: () => ({ files: [] }),
    invalidFields: ['files'],
    forbidden: 'cs_agent',
  },
  'orders.importCommit': {
    prepare: async (app) => ({
      importId: (await app.ok<{ importId: string }>(C, 'orders.importPreview', { files: orderPair() }))
        .importId,
    }),
    valid: (ids) => ({ importId: ids.importId }),
    invalid: () => ({ importId: 'x', excludeOrders: [''] }),
    invalidFields: ['importId', 'excludeOrders.0'],
    forbidden: 'cs_agent',
  },
  'orders.exportCsv': {
    as: 'director',
    valid: () => ({}),
    invalid: () => ({ filter: { q: 'x'.repeat(65) } }),
    invalidFields: ['filter.q'],
    forbidden: 'wh_agent',
  },
  'followUp.queue': {
    valid: () => ({}),
    invalid: () => ({ offset: -1 }),
    invalidFields: ['offset'],
    forbidden: 'art_agent',
  },
  'followUp.record': {
    prepare: ordersSetup,
    as: 'cs_agent',
    valid: (ids) => ({ orderId: ids.orderId, channel: 'phone', outcome: 'no_reply' }),
    invalid: (ids) => ({ orderId: ids.orderId, channel: 'email', outcome: 'x' }),
    invalidFields: ['channel', 'outcome'],
    forbidden: 'director',
  },
  'followUp.report': {
    as: 'director',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '11/01' }),
    invalidFields: ['from'],
    forbidden: 'wh_agent',
  },
  'followUp.exportCsv': {
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ encoding: 'x' }),
    invalidFields: ['encoding'],
    forbidden: 'admin',
  },
  // handover (交接本)
  'handover.open': {
    prepare: handoverSetup,
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'wh_agent',
  },
  'handover.history': {
    as: 'director',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '2026-11-31', to: 'x' }),
    invalidFields: ['from', 'to'],
    forbidden: 'art_agent',
  },
  'handover.write': {
    as: 'cs_agent',
    valid: (_ids, app) => ({
      date: shopToday(app),
      templateId: EARLY,
      items: [
        { kind: 'callback', text: '答应下午回电', callbackAt: '2026-11-28T08:00:00Z' },
        { kind: 'other', text: '其他事项' },
      ],
    }),
    invalid: () => ({
      date: '2026-11-28',
      templateId: EARLY,
      items: [
        { kind: 'callback', text: '' },
        { kind: 'stock', text: '缺货' },
      ],
    }),
    invalidFields: ['items.0.text', 'items.0.callbackAt', 'items.1.skuId'],
    forbidden: 'director',
  },
  'handover.ack': {
    prepare: handoverSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ itemId: ids.itemId!, note: '已处理' }),
    invalid: (ids) => ({ itemId: ids.itemId!, note: 'x'.repeat(301) }),
    invalidFields: ['note'],
    forbidden: 'director',
  },
  // reviews (中差评)
  'reviews.list': {
    prepare: reviewSetup,
    as: 'art_supervisor',
    valid: () => ({ filter: { rating: 'negative', from: '2026-11-01', q: '3012' } }),
    invalid: () => ({ filter: { rating: 'bad', outcome: 'x' } }),
    invalidFields: ['filter.rating', 'filter.outcome'],
    forbidden: 'art_agent',
  },
  'reviews.get': {
    prepare: reviewSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.reviewId }),
    invalid: () => ({ id: 'PJ-1' }),
    invalidFields: ['id'],
    forbidden: 'wh_supervisor',
  },
  'reviews.create': {
    prepare: reviewSetup,
    as: 'cs_agent',
    valid: (ids) => ({
      orderId: ids.orderId,
      orderLineId: ids.lineId,
      rating: 'neutral',
      content: '一般般',
      reviewDate: '2026-11-27',
    }),
    invalid: (ids) => ({ orderId: ids.orderId, rating: 'bad', content: '', reviewDate: '27/11' }),
    invalidFields: ['rating', 'content', 'reviewDate'],
    forbidden: 'director',
  },
  'reviews.handle': {
    prepare: reviewSetup,
    as: 'cs_agent',
    valid: (ids) => ({
      id: ids.reviewId,
      expectedVersion: ids.reviewVersion,
      contactChannel: 'wangwang',
      reason: 'quality',
      compensationFen: 500,
      outcome: 'revised',
    }),
    invalid: (ids) => ({ id: ids.reviewId, reason: 'ugly', compensationFen: -1 }),
    invalidFields: ['reason', 'compensationFen'],
    forbidden: 'art_supervisor',
  },
  'reviews.stats': {
    prepare: reviewSetup,
    as: 'cs_supervisor',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '2026/11/01' }),
    invalidFields: ['from'],
    forbidden: 'wh_agent',
  },
  'reviews.exportCsv': {
    prepare: reviewSetup,
    as: 'director',
    valid: () => ({}),
    invalid: () => ({ encoding: 'utf16' }),
    invalidFields: ['encoding'],
    forbidden: 'admin',
  },
  // promotions (活动)
  'promotions.list': {
    prepare: promotionSetup,
    as: 'art_agent',
    valid: () => ({ phase: 'ended' }),
    invalid: () => ({ phase: 'soon' }),
    invalidFields: ['phase'],
    forbidden: 'wh_agent',
  },
  'promotions.get': {
    prepare: promotionSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.promotionId }),
    invalid: () => ({ id: 'HD-1' }),
    invalidFields: ['id'],
    forbidden: 'wh_supervisor',
  },
  'promotions.save': {
    prepare: promotionSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({
      id: ids.promotionId,
      expectedVersion: ids.promotionVersion,
      name: '双十一返场',
      startDate: '2025-11-01',
      endDate: '2025-11-12',
      offer: '满 199 减 30',
      skuIds: [ids.skuId],
    }),
    invalid: () => ({ name: '', startDate: '11/01', endDate: '2025-11-12', skuIds: [] }),
    invalidFields: ['name', 'startDate', 'skuIds'],
    forbidden: 'cs_agent',
  },
  'promotions.addTask': {
    prepare: promotionSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({
      promotionId: ids.promotionId,
      title: '主图',
      ownerId: ids.ownerId,
      dueDate: '2025-10-31',
    }),
    invalid: (ids) => ({ promotionId: ids.promotionId, title: '', ownerId: 'x', dueDate: '' }),
    invalidFields: ['title', 'ownerId', 'dueDate'],
    forbidden: 'art_supervisor',
  },
  'promotions.tickTask': {
    prepare: promotionSetup,
    as: 'cs_agent',
    valid: (ids) => ({ taskId: ids.taskId, done: true }),
    invalid: (ids) => ({ taskId: ids.taskId, done: 'yes' }),
    invalidFields: ['done'],
    forbidden: 'admin',
  },
  'promotions.results': {
    prepare: promotionSetup,
    as: 'art_supervisor',
    valid: (ids) => ({ id: ids.promotionId }),
    invalid: () => ({ id: '' }),
    invalidFields: ['id'],
    forbidden: 'wh_agent',
  },
  'promotions.saveSummary': {
    prepare: promotionSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ id: ids.promotionId, summary: '销量翻倍' }),
    invalid: (ids) => ({ id: ids.promotionId, summary: '' }),
    invalidFields: ['summary'],
    forbidden: 'cs_agent',
  },
  // promotion creative + checklist edits
  'promotions.createCreative': {
    prepare: async (app) => {
      const p = await app.ok<{ skus: { id: string }[] }>(C, 'catalog.create', sampleProduct());
      const pr = await app.ok<{ id: string }>(C, 'promotions.save', {
        name: '年货节',
        startDate: '2036-01-10',
        endDate: '2036-01-20',
        skuIds: [p.skus[0]!.id],
      });
      return { promotionId: pr.id };
    },
    as: 'art_supervisor',
    valid: (ids) => ({ id: ids.promotionId }),
    invalid: () => ({ id: 'HD-1' }),
    invalidFields: ['id'],
    forbidden: 'cs_agent',
  },
  'promotions.editTask': {
    prepare: promotionSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({
      taskId: ids.taskId,
      title: '活动页上线',
      ownerId: ids.ownerId,
      dueDate: '2025-10-29',
    }),
    invalid: (ids) => ({ taskId: ids.taskId, title: ' ', ownerId: 'x', dueDate: '10/29' }),
    invalidFields: ['title', 'ownerId', 'dueDate'],
    forbidden: 'cs_agent',
  },
  'promotions.removeTask': {
    prepare: promotionSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ taskId: ids.taskId }),
    invalid: () => ({ taskId: 'x' }),
    invalidFields: ['taskId'],
    forbidden: 'art_supervisor',
  },
  'promotions.moveTask': {
    prepare: promotionSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ taskId: ids.taskId, direction: 'down' }),
    invalid: (ids) => ({ taskId: ids.taskId, direction: 'left' }),
    invalidFields: ['direction'],
    forbidden: 'cs_agent',
  },
  'promotions.resultsExportCsv': {
    prepare: promotionSetup,
    as: 'art_agent',
    valid: (ids) => ({ id: ids.promotionId, encoding: 'gbk' }),
    invalid: (ids) => ({ id: ids.promotionId, encoding: 'latin1' }),
    invalidFields: ['encoding'],
    forbidden: 'wh_agent',
  },
  'art.creativeLeadGet': {
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ x: 1 }),
    invalidFields: ['_'],
    forbidden: 'wh_supervisor',
  },
  'art.creativeLeadSave': {
    as: 'art_supervisor',
    valid: () => ({ banner: 4, page: 5, homepage: 1 }),
    invalid: () => ({ banner: -1, page: 1.5, homepage: 'x' }),
    invalidFields: ['banner', 'page', 'homepage'],
    forbidden: 'art_agent',
  },
  // complaints (客服 part 2: 投诉登记)
  'complaints.list': {
    as: 'director',
    valid: () => ({ filter: { q: '', severity: 'severe', overdueOnly: true } }),
    invalid: () => ({ filter: { severity: 'huge' } }),
    invalidFields: ['filter.severity'],
    forbidden: 'wh_agent',
  },
  'complaints.get': {
    prepare: complaintSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.complaintId }),
    invalid: () => ({ id: 'x' }),
    invalidFields: ['id'],
    forbidden: 'art_agent',
  },
  // after-sales cases (售后) and the 退款报表 import
  'aftersales.list': {
    prepare: aftersalesSetup,
    as: 'wh_supervisor',
    valid: () => ({ filter: { status: 'open', overdue: true } }),
    invalid: () => ({ filter: { status: 'gone', from: '2026-13-01' } }),
    invalidFields: ['filter.status', 'filter.from'],
    forbidden: 'wh_agent',
  },
  'aftersales.get': {
    prepare: aftersalesSetup,
    as: 'director',
    valid: (ids) => ({ id: ids.caseId }),
    invalid: () => ({ id: 'x' }),
    invalidFields: ['id'],
    forbidden: 'art_agent',
  },
  'complaints.create': {
    prepare: complaintSetup,
    as: 'cs_agent',
    valid: (ids) => ({
      channel: 'phone',
      buyerId: ids.buyerId,
      category: 'logistics',
      severity: 'normal',
      description: '快递太慢',
    }),
    invalid: () => ({ channel: 'fax', category: 'quality', severity: 'normal', description: '' }),
    invalidFields: ['channel', 'description'],
    forbidden: 'director',
  },
  'complaints.addStep': {
    prepare: complaintSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.complaintId, kind: 'step', text: '已联系买家' }),
    invalid: (ids) => ({ id: ids.complaintId, kind: 'other', text: '' }),
    invalidFields: ['kind', 'text'],
    forbidden: 'director',
  },
  'complaints.resolve': {
    prepare: complaintSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.complaintId, result: '退款 20 元' }),
    invalid: (ids) => ({ id: ids.complaintId, result: ' ' }),
    invalidFields: ['result'],
    forbidden: 'director',
  },
  'complaints.confirm': {
    prepare: resolvedComplaint,
    as: 'cs_supervisor',
    valid: (ids) => ({ id: ids.complaintId }),
    invalid: () => ({ id: '' }),
    invalidFields: ['id'],
    forbidden: 'cs_agent',
  },
  'complaints.scheduleCallback': {
    prepare: resolvedComplaint,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.complaintId, at: '2026-12-01T02:00:00.000Z' }),
    invalid: (ids) => ({ id: ids.complaintId, at: '明天' }),
    invalidFields: ['at'],
    forbidden: 'director',
  },
  'complaints.callback': {
    prepare: resolvedComplaint,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.complaintId, satisfaction: 4, comment: '处理及时' }),
    invalid: (ids) => ({ id: ids.complaintId, satisfaction: 6 }),
    invalidFields: ['satisfaction'],
    forbidden: 'director',
  },
  'complaints.archive': {
    prepare: readyToArchive,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.complaintId }),
    invalid: () => ({ id: 'x' }),
    invalidFields: ['id'],
    forbidden: 'director',
  },
  'complaints.notices': {
    as: 'cs_supervisor',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'wh_supervisor',
  },
  'complaints.readNotices': {
    prepare: complaintSetup,
    valid: (ids) => ({ ids: [ids.noticeId] }),
    invalid: () => ({ ids: [] }),
    invalidFields: ['ids'],
    forbidden: 'art_supervisor',
  },
  'complaints.settings': {
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ x: 1 }),
    invalidFields: ['_'],
    forbidden: 'wh_agent',
  },
  'complaints.saveSettings': {
    as: 'cs_supervisor',
    valid: () => ({ normal: DL, major: DL, severe: { responseMinutes: 30, resolveMinutes: 600 } }),
    invalid: () => ({
      normal: DL,
      major: { responseMinutes: 120, resolveMinutes: 60 },
      severe: { responseMinutes: 0, resolveMinutes: 600 },
    }),
    invalidFields: ['major.resolveMinutes', 'severe.responseMinutes'],
    forbidden: 'cs_agent',
  },
  'complaints.analysis': {
    as: 'director',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '2026-11-01', to: '30/11' }),
    invalidFields: ['to'],
    forbidden: 'wh_agent',
  },
  'complaints.exportCsv': {
    prepare: complaintSetup,
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ encoding: 'latin1' }),
    invalidFields: ['encoding'],
    forbidden: 'admin',
  },
  // an agent's day
  'agentDay.journalGet': {
    as: 'cs_agent',
    valid: () => ({ kind: 'day', period: '2026-11-28' }),
    invalid: () => ({ kind: 'week', period: '2026-48' }),
    invalidFields: ['period'],
    forbidden: 'director',
  },
  'agentDay.journalSave': {
    as: 'cs_agent',
    valid: (_ids, app) => ({
      kind: 'day',
      period: todayIn(app),
      sections: { questions: '尺码问题', deals: '成交 2 单', lessons: '' },
    }),
    invalid: () => ({
      kind: 'day',
      period: '28/11',
      sections: { questions: 'x'.repeat(4001), deals: '', lessons: '' },
    }),
    invalidFields: ['period', 'sections.questions'],
    forbidden: 'wh_agent',
  },
  'agentDay.journalList': {
    as: 'cs_supervisor',
    valid: () => ({ kind: 'week', from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ kind: 'month', from: '2026-11-01', to: '' }),
    invalidFields: ['kind', 'to'],
    forbidden: 'director',
  },
  'agentDay.journalComment': {
    prepare: journalSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ journalId: ids.journalId, text: '写得很具体' }),
    invalid: (ids) => ({ journalId: ids.journalId, text: ' ' }),
    invalidFields: ['text'],
    forbidden: 'cs_agent',
  },
  'agentDay.memos': {
    as: 'cs_agent',
    valid: () => ({ includeDone: true }),
    invalid: () => ({ includeDone: 'yes' }),
    invalidFields: ['includeDone'],
    forbidden: 'art_agent',
  },
  'agentDay.memoSave': {
    as: 'cs_agent',
    valid: () => ({ text: '下午回复买家', remindAt: '2026-11-28T07:00:00.000Z' }),
    invalid: () => ({ text: '', remindAt: 'tomorrow' }),
    invalidFields: ['text', 'remindAt'],
    forbidden: 'director',
  },
  'agentDay.memoDone': {
    prepare: memoSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.memoId, done: true }),
    invalid: (ids) => ({ id: ids.memoId, done: 1 }),
    invalidFields: ['done'],
    forbidden: 'wh_supervisor',
  },
  'agentDay.memoDue': {
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'director',
  },
  'agentDay.agents': {
    as: 'cs_agent',
    valid: () => ({}),
    invalid: () => ({ role: 'x' }),
    invalidFields: ['_'],
    forbidden: 'admin',
  },
  'agentDay.creditOrders': {
    as: 'cs_supervisor',
    valid: () => ({ day: '2026-11-28' }),
    invalid: () => ({ day: '2026-13-40' }),
    invalidFields: ['day'],
    forbidden: 'director',
  },
  'agentDay.assignCredit': {
    prepare: creditSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ orderId: ids.salesOrderId, staffId: ids.agentId, day: '2026-11-28' }),
    invalid: (ids) => ({ orderId: 'x', staffId: ids.agentId, day: '' }),
    invalidFields: ['orderId', 'day'],
    forbidden: 'wh_supervisor',
  },
  'agentDay.myReport': {
    as: 'cs_agent',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '2026-11-01', to: '2026-11-30', staffId: 'x' }),
    invalidFields: ['_'],
    forbidden: 'director',
  },
  'agentDay.teamReport': {
    as: 'director',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: 'x', to: '2026-11-30', staffId: 'x' }),
    invalidFields: ['from', 'staffId'],
    forbidden: 'cs_agent',
  },
  'agentDay.exportCsv': {
    as: 'cs_supervisor',
    valid: () => ({ from: '2026-11-01', to: '2026-11-30' }),
    invalid: () => ({ from: '2026-11-01', to: '2026-11-30', encoding: 'big5' }),
    invalidFields: ['encoding'],
    forbidden: 'cs_agent',
  },
  // pre-sales (售前)
  'presales.inquiries': {
    as: 'director',
    valid: () => ({ filter: { from: '2026-11-01', to: '2026-11-30', outcome: 'ordered' } }),
    invalid: () => ({ filter: { from: '11/01', question: 'colour' } }),
    invalidFields: ['filter.from', 'filter.question'],
    forbidden: 'wh_agent',
  },
  'presales.inquiryCreate': {
    prepare: presalesSetup,
    as: 'cs_agent',
    valid: (ids) => ({ memberName: '新买家', skuId: ids.skuId, question: 'price', outcome: 'not_ordered' }),
    invalid: () => ({ memberName: '', question: 'colour', outcome: 'maybe', at: '昨天下午' }),
    invalidFields: ['memberName', 'question', 'outcome', 'at'],
    forbidden: 'director',
  },
  'presales.inquirySetOutcome': {
    prepare: presalesSetup,
    as: 'cs_agent',
    valid: (ids) => ({ id: ids.inquiryId, expectedVersion: ids.inquiryVersion, outcome: 'not_ordered' }),
    invalid: (ids) => ({ id: ids.inquiryId, expectedVersion: '', outcome: 'x' }),
    invalidFields: ['expectedVersion', 'outcome'],
    forbidden: 'director',
  },
  'presales.inquiriesExportCsv': {
    as: 'cs_agent',
    valid: () => ({ filter: { outcome: 'pending' } }),
    invalid: () => ({ encoding: 'x', filter: { staffId: 'me' } }),
    invalidFields: ['encoding', 'filter.staffId'],
    forbidden: 'art_agent',
  },
  'presales.templates': {
    prepare: presalesSetup,
    as: 'cs_agent',
    valid: () => ({ q: 'hyy', category: 'greeting' }),
    invalid: () => ({ category: 'jokes' }),
    invalidFields: ['category'],
    forbidden: 'wh_supervisor',
  },
  'presales.templateSave': {
    as: 'cs_supervisor',
    valid: () => ({ category: 'bargain', title: '不议价', body: '亲，{买家}，小店不议价哦' }),
    invalid: () => ({ category: 'bargain', title: '', body: '' }),
    invalidFields: ['title', 'body'],
    forbidden: 'cs_agent',
  },
  'presales.templateDelete': {
    prepare: presalesSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ id: ids.templateId, expectedVersion: ids.templateVersion }),
    invalid: () => ({ id: 'x', expectedVersion: '' }),
    invalidFields: ['id', 'expectedVersion'],
    forbidden: 'cs_agent',
  },
  'presales.knowledgeGet': {
    prepare: presalesSetup,
    as: 'cs_agent',
    valid: (ids) => ({ productId: ids.productId }),
    invalid: (ids) => ({ productId: ids.productId, version: 0 }),
    invalidFields: ['version'],
    forbidden: 'art_agent',
  },
  'presales.knowledgeSave': {
    prepare: presalesSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({
      productId: ids.productId,
      expectedVersion: 1,
      sizes: 'M / L / XL',
      faqs: [{ q: '缩水吗', a: '不缩' }],
    }),
    invalid: (ids) => ({ productId: ids.productId, expectedVersion: -1, faqs: [{ q: '', a: 'x' }] }),
    invalidFields: ['expectedVersion', 'faqs.0.q'],
    forbidden: 'cs_agent',
  },
  'presales.knowledgeLearn': {
    prepare: presalesSetup,
    as: 'cs_agent',
    valid: (ids) => ({ productId: ids.productId, version: 1 }),
    invalid: (ids) => ({ productId: ids.productId, version: 0 }),
    invalidFields: ['version'],
    forbidden: 'director',
  },
  'presales.coverage': {
    prepare: presalesSetup,
    as: 'director',
    valid: () => ({ scope: 'unlisted', onlyGaps: false }),
    invalid: () => ({ scope: 'soon', limit: 0 }),
    invalidFields: ['scope', 'limit'],
    forbidden: 'wh_agent',
  },
  'aftersales.agents': {
    valid: () => ({}),
    invalid: () => ({ extra: 1 }),
    invalidFields: ['_'],
    forbidden: 'wh_agent',
  },
  'aftersales.create': {
    prepare: aftersalesSetup,
    as: 'cs_agent',
    valid: (ids) => ({
      type: 'return_refund',
      orderId: ids.paidOrderId,
      lines: [{ orderLineId: ids.paidLineId, quantity: 1 }],
      refundFen: 5000,
    }),
    invalid: (ids) => ({ type: 'swap', orderId: ids.paidOrderId, refundFen: -1, lines: [{ quantity: 0 }] }),
    invalidFields: ['type', 'refundFen', 'lines.0.orderLineId', 'lines.0.quantity'],
    forbidden: 'wh_supervisor',
  },
  'aftersales.update': {
    prepare: aftersalesSetup,
    as: 'cs_agent',
    valid: (ids) => ({
      id: ids.caseId,
      expectedVersion: ids.caseVersion,
      reason: '改',
      note: '',
      refundFen: 200,
      agentId: null,
    }),
    invalid: (ids) => ({ id: ids.caseId, reason: 'x'.repeat(201), note: '', refundFen: 1.5, agentId: null }),
    invalidFields: ['reason', 'refundFen'],
    forbidden: 'director',
  },
  'aftersales.move': {
    prepare: aftersalesSetup,
    as: 'cs_supervisor',
    valid: (ids) => ({ id: ids.caseId, to: 'processing' }),
    invalid: (ids) => ({ id: ids.caseId, to: 'lost' }),
    invalidFields: ['to'],
    forbidden: 'wh_supervisor',
  },
  'aftersales.importPreview': {
    prepare: ordersSetup,
    as: 'cs_supervisor',
    valid: () => ({ file: refundFile() }),
    invalid: () => ({ file: { fileName: '', contentBase64: '!!' } }),
    invalidFields: ['file.fileName', 'file.contentBase64'],
    forbidden: 'cs_agent',
  },
  'aftersales.importCommit': {
    prepare: async (app) => {
      await ordersSetup(app);
      const pre = await app.ok<{ importId: string }>(C, 'aftersales.importPreview', { file: refundFile() });
      return { importId: pre.importId };
    },
    valid: (ids) => ({ importId: ids.importId }),
    invalid: () => ({ importId: 'x', excludeRefunds: [''] }),
    invalidFields: ['importId', 'excludeRefunds.0'],
    forbidden: 'cs_agent',
  },
  'aftersales.exportCsv': {
    prepare: aftersalesSetup,
    as: 'director',
    valid: () => ({ filter: { type: 'refund_only' }, encoding: 'gbk' }),
    invalid: () => ({ filter: { q: 'x'.repeat(65) }, encoding: 'latin1' }),
    invalidFields: ['filter.q', 'encoding'],
    forbidden: 'art_supervisor',
  },
  // samples (样品借出)
  'samples.list': {
    prepare: samplesSetup,
    as: 'art_agent',
    valid: () => ({ filter: { view: 'overdue', mine: true, q: 'YP' } }),
    invalid: () => ({ filter: { view: 'lost' }, limit: 0 }),
    invalidFields: ['filter.view', 'limit'],
    forbidden: 'cs_agent',
  },
  'samples.get': {
    prepare: samplesSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.issuedId }),
    invalid: () => ({ id: 'x' }),
    invalidFields: ['id'],
    forbidden: 'cs_supervisor',
  },
  'samples.counts': {
    prepare: samplesSetup,
    as: 'director',
    valid: () => ({}),
    invalid: () => ({ all: true }),
    invalidFields: ['_'],
    forbidden: 'cs_agent',
  },
  'samples.request': {
    prepare: samplesSetup,
    as: 'art_supervisor',
    valid: (ids) => ({
      taskId: ids.taskId,
      dueDate: '2099-01-02',
      lines: [{ skuId: ids.skuId, quantity: 2 }],
    }),
    invalid: (ids) => ({
      taskId: ids.taskId,
      dueDate: '2099-13-01',
      lines: [{ skuId: ids.skuId, quantity: 0 }],
    }),
    invalidFields: ['dueDate', 'lines.0.quantity'],
    forbidden: 'wh_supervisor',
  },
  'samples.cancel': {
    prepare: samplesSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.requestedId, reason: '库存不足' }),
    invalid: (ids) => ({ id: ids.requestedId, reason: 'x'.repeat(201) }),
    invalidFields: ['reason'],
    forbidden: 'cs_agent',
  },
  'samples.issue': {
    prepare: samplesSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.requestedId }),
    invalid: (ids) => ({ id: ids.requestedId, overrideReason: '' }),
    invalidFields: ['overrideReason'],
    forbidden: 'art_supervisor',
  },
  'samples.return': {
    prepare: samplesSetup,
    as: 'wh_agent',
    valid: (ids) => ({ id: ids.issuedId, lines: [{ skuId: ids.skuId, good: 1 }] }),
    invalid: (ids) => ({ id: ids.issuedId, lines: [{ skuId: ids.skuId, good: -1 }] }),
    invalidFields: ['lines.0.good'],
    forbidden: 'art_agent',
  },
  'samples.writeOff': {
    prepare: samplesSetup,
    as: 'wh_supervisor',
    valid: (ids) => ({ id: ids.issuedId, lines: [{ skuId: ids.skuId, quantity: 1 }], reason: '遗失' }),
    invalid: (ids) => ({ id: ids.issuedId, lines: [], reason: '' }),
    invalidFields: ['lines', 'reason'],
    forbidden: 'wh_agent',
  },
  'samples.exportCsv': {
    prepare: samplesSetup,
    as: 'wh_agent',
    valid: () => ({ filter: { view: 'all' }, encoding: 'gbk' }),
    invalid: () => ({ filter: { view: 'all' }, encoding: 'latin1' }),
    invalidFields: ['encoding'],
    forbidden: 'cs_agent',
  },
};

let app: TestApp;
afterEach(async () => {
  if (app) await thumbsIdle(app.store); // art imports make thumbnails in the background
  app?.close();
});

async function prepared(c: Case): Promise<Record<string, string>> {
  app = makeApp({ shop: !c.fresh });
  if (!c.prepare) return {};
  await app.signInAs(C, 'manager');
  const ids = await c.prepare(app);
  await app.ok(C, 'auth.signOut');
  return ids;
}

describe('the channel table', () => {
  it('covers every channel in the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...CHANNELS].sort());
  });
});

describe.each(CHANNELS.map((ch) => [ch, cases[ch]] as const))('%s', (channel, c) => {
  const isPublic = contract[channel].access === 'public';
  const signIn = async () => {
    if (!isPublic || channel === 'auth.signOut') await app.signInAs(C, c.as ?? 'manager');
  };

  it('succeeds with valid input', async () => {
    const ids = await prepared(c);
    await signIn();
    const env = await app.call(C, channel, c.valid(ids, app));
    expect(env).toMatchObject({ ok: true });
  });

  it('returns VALIDATION with field errors for invalid input, and changes nothing', async () => {
    const ids = await prepared(c);
    await signIn();
    const before = fingerprint(app.store);
    const env = await app.call(C, channel, c.invalid(ids));
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('VALIDATION');
    expect(Object.keys(env.error.fields ?? {})).toEqual(expect.arrayContaining(c.invalidFields));
    for (const p of Object.values(env.error.fields ?? {})) expect(p.key).toMatch(/^validation\./);
    expect(fingerprint(app.store)).toBe(before);
  });

  if (!isPublic) {
    it('is refused without sign-in, and changes nothing', async () => {
      const ids = await prepared(c);
      const before = fingerprint(app.store);
      const env = await app.call(C, channel, c.valid(ids, app));
      expect(env).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(fingerprint(app.store)).toBe(before);
    });
  }

  if (c.forbidden) {
    const role = c.forbidden;
    it(`is FORBIDDEN for ${role}, and changes nothing`, async () => {
      const ids = await prepared(c);
      await app.signInAs(C, role);
      const before = fingerprint(app.store);
      const env = await app.call(C, channel, c.valid(ids, app));
      expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(fingerprint(app.store)).toBe(before);
    });
  } else if (!isPublic) {
    it('is open to every signed-in role', () => {
      const access = contract[channel].access;
      // 'signedIn', or a permission every role holds (catalog.read, rota.read, attendance.clock).
      expect(access === 'signedIn' || (access !== 'public' && ROLES.every((r) => can(r, access)))).toBe(true);
    });
  }
});

describe('router basics', () => {
  it('refuses an unknown channel', async () => {
    app = makeApp({ shop: true });
    expect(await app.call(C, 'catalog.dropAll', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps sessions per client', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    const other = '00000000-0000-4000-8000-000000000002';
    expect(await app.call(other, 'shop.get')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await app.call(C, 'shop.get')).toMatchObject({ ok: true });
  });

  it('drops the session of a deactivated person at their next call', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'art_agent');
    const admin = '00000000-0000-4000-8000-000000000003';
    await app.signInAs(admin, 'admin');
    await app.ok(admin, 'staff.setActive', { id: app.people.art_agent!.id, active: false });
    expect(await app.call(C, 'catalog.list')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('hides internal errors behind INTERNAL with no stack', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(C, 'manager');
    app.store.db.exec('DROP INDEX sku_updated'); // harmless; now break the table the call reads
    app.store.db.exec('ALTER TABLE sku RENAME TO sku_gone');
    const env = await app.call(C, 'catalog.list', {});
    expect(env).toMatchObject({ ok: false, error: { code: 'INTERNAL', key: 'internal' } });
    expect(JSON.stringify(env)).not.toMatch(/sku_gone|at .*\.ts/);
  });
});
