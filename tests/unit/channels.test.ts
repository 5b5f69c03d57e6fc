// Every IPC channel, through the real router and a real SQLite file:
//  - a valid call succeeds;
//  - invalid input returns VALIDATION with field errors and changes nothing;
//  - a role without the right gets FORBIDDEN and changes nothing;
//  - a call without sign-in is refused (UNAUTHENTICATED) and changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../src-main/api/channels';
import { contract } from '../../src-main/api/contract';
import type { Role } from '../../src-main/api/permissions';
import { fingerprint, makeApp, sampleProduct, type TestApp } from './helpers';
import { b64, lineCsv, orderCsv } from './service-fixtures';

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
const csvBase64 = (text: string) => Buffer.from('\uFEFF' + text, 'utf8').toString('base64');

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
};

let app: TestApp;
afterEach(() => app?.close());

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
      expect(access === 'signedIn' || access === 'catalog.read').toBe(true);
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
