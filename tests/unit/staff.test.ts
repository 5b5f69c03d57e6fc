// Staff, first-run setup, sign-in with lock-out, PINs and the audit trail — through the real
// router on a real SQLite file, with a controllable clock where time matters.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRow, Envelope, Paged, Session, StaffRow } from '../../src-main/api/contract';
import type { Role } from '../../src-main/api/permissions';
import { createRouter, type Router } from '../../src-main/api/router';
import { openStore, type Store } from '../../src-main/db/store';
import { LOCK_MINUTES, MAX_FAILURES } from '../../src-main/modules/staff/service';
import { changeLogRows, fingerprint, makeApp, tempDir, type TestApp } from './helpers';

const M = '00000000-0000-4000-8000-00000000000a'; // the manager's window
const X = '00000000-0000-4000-8000-00000000000b'; // another window / person
const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';
const T0 = Date.parse('2026-11-28T02:00:00.000Z');

interface ClockApp {
  store: Store;
  router: Router;
  /** Set the wall clock (ms). */
  at(ms: number): void;
  now(): number;
  call<T = unknown>(client: string, channel: string, input?: unknown): Promise<Envelope<T>>;
  ok<T = unknown>(client: string, channel: string, input?: unknown): Promise<T>;
  close(): void;
}

/** A store with a clock we move by hand, and the real router over it. Nothing is set up. */
function clockApp(): ClockApp {
  const dir = tempDir();
  let t = T0;
  const store = openStore({ dataDir: dir, now: () => t });
  const router = createRouter({
    store,
    host: { appVersion: 'test', chooseSavePath: async () => null },
    logError: (e) => {
      throw e;
    },
  });
  const a: ClockApp = {
    store,
    router,
    at: (ms) => void (t = ms),
    now: () => t,
    call: (client, channel, input) => router.call(client, channel, input ?? {}) as never,
    async ok(client, channel, input) {
      const env = await router.call(client, channel, input ?? {});
      if (!env.ok) throw new Error(`${channel} failed: ${JSON.stringify(env.error)}`);
      return env.data as never;
    },
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return a;
}

let app: ClockApp | undefined;
let tapp: TestApp | undefined;
afterEach(() => {
  app?.close();
  tapp?.close();
  app = undefined;
  tapp = undefined;
});

/** A clock app after setup, with the manager signed in on window M and one more person. */
async function shopWith(role: Role = 'cs_agent', pin = '4826') {
  app = clockApp();
  const s = await app.ok<Session>(M, 'system.setup', {
    shopName: '测试小店',
    managerName: '店长甲',
    pin: '1111',
  });
  const other = await app.ok<StaffRow>(M, 'staff.create', { name: '小王', role, pin });
  return { a: app, managerId: s.staff.id, otherId: other.id, pin };
}

const authEvents = (store: Store, staffId: string) =>
  (
    store.db.prepare('SELECT kind FROM auth_event WHERE staff_id = ? ORDER BY seq').all(staffId) as {
      kind: string;
    }[]
  ).map((r) => r.kind);
const changeLog = (store: Store) => changeLogRows(store);
const pinHash = (store: Store, id: string) =>
  (store.db.prepare('SELECT pin_hash FROM staff WHERE id = ?').get(id) as { pin_hash: string }).pin_hash;

describe('first-run setup', () => {
  it('creates the shop and its manager, signs the window in, and cannot run twice', async () => {
    app = clockApp();
    expect(await app.ok(M, 'system.status')).toMatchObject({ setupDone: false, shopName: null });
    const s = await app.ok<Session>(M, 'system.setup', {
      shopName: '测试小店',
      managerName: '店长甲',
      pin: '1111',
    });
    expect(s.staff).toMatchObject({ name: '店长甲', role: 'manager' });
    expect(s.permissions).toContain('staff.manage');
    expect(await app.ok(M, 'auth.session')).toEqual(s);
    expect(await app.ok(M, 'system.status')).toMatchObject({
      setupDone: true,
      shopName: '测试小店',
      timeZone: 'Asia/Shanghai',
      deviceCode: app.store.deviceCode,
    });

    const before = fingerprint(app.store);
    const again = await app.call(X, 'system.setup', { shopName: '抢注', managerName: '坏人', pin: '0000' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'alreadySetUp' } });
    expect(fingerprint(app.store)).toBe(before);
    expect(await app.ok(X, 'auth.session')).toBeNull();
  });
});

describe('PIN storage', () => {
  it('stores scrypt hashes with a per-person salt, never the PIN', async () => {
    const { a, managerId, otherId } = await shopWith('cs_agent', '73914628');
    const third = await a.ok<StaffRow>(M, 'staff.create', {
      name: '小李',
      role: 'wh_agent',
      pin: '73914628',
    });
    const h1 = pinHash(a.store, otherId);
    const h2 = pinHash(a.store, third.id);
    for (const h of [h1, h2, pinHash(a.store, managerId)]) {
      expect(h.startsWith('scrypt$')).toBe(true);
      expect(h.split('$')).toHaveLength(6);
      expect(h).not.toContain('73914628');
      expect(h).not.toContain('1111');
    }
    expect(h1).not.toBe(h2);
    expect(h1.split('$')[4]).not.toBe(h2.split('$')[4]); // salts differ
    // Both still sign in with the shared PIN.
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin: '73914628' })).toMatchObject({ ok: true });
    expect(await a.call(X, 'auth.signIn', { staffId: third.id, pin: '73914628' })).toMatchObject({
      ok: true,
    });
  });
});

describe('sign-in and lock-out', () => {
  it('counts wrong PINs down, locks for 5 minutes on the fifth, refuses even the right PIN while locked', async () => {
    const { a, otherId, pin } = await shopWith();
    expect(MAX_FAILURES).toBe(5);
    expect(LOCK_MINUTES).toBe(5);
    for (let remaining = 4; remaining >= 1; remaining--) {
      a.at(a.now() + 1000);
      const env = await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' });
      expect(env).toMatchObject({
        ok: false,
        error: { code: 'AUTH_FAILED', key: 'wrongPin', params: { remaining } },
      });
    }
    a.at(a.now() + 1000);
    const lockedAt = a.now();
    const fifth = await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' });
    const until = new Date(lockedAt + 5 * 60_000).toISOString();
    expect(fifth).toMatchObject({ ok: false, error: { code: 'LOCKED', key: 'locked', params: { until } } });
    expect(await a.ok(X, 'auth.session')).toBeNull();

    // The staff list shows the lock.
    expect((await a.ok<StaffRow[]>(M, 'staff.list')).find((s) => s.id === otherId)?.locked).toBe(true);

    // The right PIN is refused while locked, up to the last millisecond.
    a.at(lockedAt + 60_000);
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', params: { until } },
    });
    a.at(lockedAt + 5 * 60_000 - 1);
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    expect(await a.ok(X, 'auth.session')).toBeNull();

    // Then it opens again.
    a.at(lockedAt + 5 * 60_000 + 1);
    expect((await a.ok<StaffRow[]>(M, 'staff.list')).find((s) => s.id === otherId)?.locked).toBe(false);
    const s = await a.ok<Session>(X, 'auth.signIn', { staffId: otherId, pin });
    expect(s.staff.id).toBe(otherId);
    expect(authEvents(a.store, otherId)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'locked',
      'signin',
    ]);
  });

  it('after a lock-out has passed, the count starts again from five', async () => {
    const { a, otherId } = await shopWith();
    for (let i = 0; i < 5; i++) await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' });
    a.at(a.now() + 5 * 60_000 + 1);
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', params: { remaining: 4 } },
    });
  });

  it('a successful sign-in resets the counter', async () => {
    const { a, otherId, pin } = await shopWith();
    for (let i = 0; i < 3; i++) await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' });
    await a.ok(X, 'auth.signIn', { staffId: otherId, pin });
    expect(a.store.db.prepare('SELECT * FROM signin_guard WHERE staff_id = ?').get(otherId)).toBeUndefined();
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', params: { remaining: 4 } },
    });
  });

  it('records signin, failed, locked and signout in auth_event', async () => {
    const { a, otherId, pin } = await shopWith();
    await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' });
    await a.ok(X, 'auth.signIn', { staffId: otherId, pin });
    await a.ok(X, 'auth.signOut');
    expect(await a.ok(X, 'auth.session')).toBeNull();
    expect(authEvents(a.store, otherId)).toEqual(['failed', 'signin', 'signout']);
    const times = a.store.db.prepare('SELECT at FROM auth_event WHERE staff_id = ?').all(otherId) as {
      at: string;
    }[];
    for (const t of times) expect(t.at).toBe(new Date(a.now()).toISOString());
  });

  it('an inactive person cannot sign in, and gets the same answer as an unknown id', async () => {
    const { a, otherId, pin } = await shopWith();
    await a.ok(M, 'staff.setActive', { id: otherId, active: false });
    const before = fingerprint(a.store);
    const inactive = await a.call(X, 'auth.signIn', { staffId: otherId, pin });
    const unknown = await a.call(X, 'auth.signIn', { staffId: UNKNOWN_ID, pin });
    expect(inactive).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(inactive).toEqual(unknown);
    expect(await a.ok(X, 'auth.session')).toBeNull();
    expect(fingerprint(a.store)).toBe(before);
    // Nor is an inactive person offered on the sign-in roster.
    const roster = await a.ok<{ id: string }[]>(X, 'auth.roster');
    expect(roster.map((r) => r.id)).not.toContain(otherId);
  });

  it('quick switch: a wrong PIN keeps the current person, the right one switches and signs the first out', async () => {
    const { a, managerId, otherId, pin } = await shopWith();
    // Window M is the manager's.
    const wrong = await a.call(M, 'auth.signIn', { staffId: otherId, pin: '9999' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect((await a.ok<Session>(M, 'auth.session')).staff.id).toBe(managerId);
    expect(await a.call(M, 'staff.list')).toMatchObject({ ok: true });

    const s = await a.ok<Session>(M, 'auth.signIn', { staffId: otherId, pin });
    expect(s.staff.id).toBe(otherId);
    expect((await a.ok<Session>(M, 'auth.session')).staff.id).toBe(otherId);
    // The cs_agent has no staff rights.
    expect(await a.call(M, 'staff.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(authEvents(a.store, managerId)).toEqual(['signout']);
    expect(authEvents(a.store, otherId)).toEqual(['failed', 'signin']);
  });

  it('a role change takes effect on the person’s next call, not at their next sign-in', async () => {
    const { a, otherId, pin } = await shopWith('wh_supervisor');
    await a.ok(X, 'auth.signIn', { staffId: otherId, pin });
    expect(await a.call(X, 'catalog.list')).toMatchObject({ ok: true });
    // The manager demotes them to a read-only role while they are signed in.
    await a.ok(M, 'staff.update', { id: otherId, name: '小王', role: 'wh_agent' });
    const before = fingerprint(a.store);
    const env = await a.call(X, 'catalog.create', {
      title: '降职后还能建商品吗',
      skus: [{ code: 'DEMOTED-1', costFen: 100, priceFen: 200 }],
    });
    expect(env).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fingerprint(a.store)).toBe(before);
  });
});

describe('staff management rules', () => {
  it('refuses a name already in use (VALIDATION name), changing nothing', async () => {
    const { a, otherId } = await shopWith();
    const before = fingerprint(a.store);
    const env = await a.call(M, 'staff.update', { id: otherId, name: '店长甲', role: 'cs_agent' });
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { name: { key: 'validation.nameTaken' } } },
    });
    const created = await a.call(M, 'staff.create', { name: '小王', role: 'wh_agent', pin: '5555' });
    expect(created).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { name: { key: 'validation.nameTaken' } } },
    });
    expect(fingerprint(a.store)).toBe(before);
    // Keeping one's own name is not a clash.
    expect(
      await a.call(M, 'staff.update', { id: otherId, name: '小王', role: 'cs_supervisor' }),
    ).toMatchObject({ ok: true });
  });

  it('cannot deactivate yourself', async () => {
    const { a, managerId } = await shopWith('manager');
    const before = fingerprint(a.store);
    const env = await a.call(M, 'staff.setActive', { id: managerId, active: false });
    expect(env).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'cannotDeactivateSelf' } });
    expect(fingerprint(a.store)).toBe(before);
  });

  it('cannot demote or deactivate the last active manager', async () => {
    // Two managers: M (the first) and X (a second one).
    const { a, managerId, otherId, pin } = await shopWith('manager');
    await a.ok(X, 'auth.signIn', { staffId: otherId, pin });
    // While another manager is active, one may be demoted…
    const demoted = await a.ok<StaffRow>(X, 'staff.update', {
      id: managerId,
      name: '店长甲',
      role: 'director',
    });
    expect(demoted.role).toBe('director');
    // …but now X is the last one: demoting or deactivating X is refused, whoever asks.
    const before = fingerprint(a.store);
    expect(await a.call(X, 'staff.update', { id: otherId, name: '小王', role: 'cs_agent' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'lastManager' },
    });
    expect(await a.call(X, 'staff.setActive', { id: otherId, active: false })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'cannotDeactivateSelf' },
    });
    expect(fingerprint(a.store)).toBe(before);
    // An inactive manager does not count as a second one.
    const third = await a.ok<StaffRow>(X, 'staff.create', { name: '副店长', role: 'manager', pin: '2222' });
    await a.ok(X, 'staff.setActive', { id: third.id, active: false });
    expect(await a.call(X, 'staff.update', { id: otherId, name: '小王', role: 'cs_agent' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', key: 'lastManager' },
    });
  });

  it('resetPin clears a lock-out and replaces the PIN', async () => {
    const { a, otherId, pin } = await shopWith();
    for (let i = 0; i < 5; i++) await a.call(X, 'auth.signIn', { staffId: otherId, pin: '0000' });
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    const row = await a.ok<StaffRow>(M, 'staff.resetPin', { id: otherId, pin: '6543' });
    expect(row.locked).toBe(false);
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED', params: { remaining: 4 } },
    });
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin: '6543' })).toMatchObject({ ok: true });
  });

  it('changeOwnPin checks the current PIN (AUTH_FAILED on currentPin) and then replaces it', async () => {
    const { a, otherId, pin } = await shopWith();
    await a.ok(X, 'auth.signIn', { staffId: otherId, pin });
    const hashOf = () => a.store.db.prepare('SELECT pin_hash FROM staff WHERE id = ?').pluck().get(otherId);
    const logCount = () => a.store.db.prepare('SELECT COUNT(*) FROM change_log').pluck().get();
    const [hash, logged] = [hashOf(), logCount()];
    const env = await a.call(X, 'auth.changeOwnPin', { currentPin: '0000', newPin: '8642' });
    expect(env).toMatchObject({
      ok: false,
      error: {
        code: 'AUTH_FAILED',
        fields: { currentPin: { key: 'validation.wrongPin', params: { remaining: 4 } } },
      },
    });
    // Only the failed attempt is recorded (lock-out counter, auth_event); nothing else changes.
    expect(hashOf()).toBe(hash);
    expect(logCount()).toBe(logged);
    await a.ok(X, 'auth.changeOwnPin', { currentPin: pin, newPin: '8642' });
    await a.ok(X, 'auth.signOut');
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_FAILED' },
    });
    expect(await a.call(X, 'auth.signIn', { staffId: otherId, pin: '8642' })).toMatchObject({ ok: true });
  });

  it('changeOwnPin is not an unlimited PIN oracle: wrong current PINs count towards the lock-out', async () => {
    // Someone at a PC left signed in could otherwise try all 10,000 four-digit PINs here, with no
    // lock-out, and learn the PIN for later (architecture: "lock-out after repeated failures").
    const { a, otherId, pin } = await shopWith();
    await a.ok(X, 'auth.signIn', { staffId: otherId, pin });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await a.call(X, 'auth.changeOwnPin', { currentPin: `000${i}`, newPin: '8642' })).toMatchObject({
        ok: false,
      });
    }
    const env = await a.call(X, 'auth.changeOwnPin', { currentPin: pin, newPin: '8642' });
    expect(env.ok).toBe(false);
    expect(await a.call(M, 'auth.signIn', { staffId: otherId, pin })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
  });
});

describe('the audit trail of staff writes', () => {
  it('logs every write with the actor, entity, op and fields, and never the PIN or its hash', async () => {
    app = clockApp();
    const a = app;
    const PIN_M = '73914628';
    const PIN_X = '46150937';
    const PIN_R = '58203716';
    const PIN_C = '91827364';
    const s = await a.ok<Session>(M, 'system.setup', {
      shopName: '审计小店',
      managerName: '店长甲',
      pin: PIN_M,
    });
    const mId = s.staff.id;
    const x = await a.ok<StaffRow>(M, 'staff.create', { name: '小王', role: 'cs_agent', pin: PIN_X });
    await a.ok(M, 'staff.update', { id: x.id, name: '王小二', role: 'cs_supervisor' });
    await a.ok(M, 'staff.resetPin', { id: x.id, pin: PIN_R });
    await a.ok(M, 'shop.update', { name: '审计小店2', timeZone: 'Asia/Shanghai' });
    await a.ok(X, 'auth.signIn', { staffId: x.id, pin: PIN_R });
    await a.ok(X, 'auth.changeOwnPin', { currentPin: PIN_R, newPin: PIN_C });
    await a.ok(M, 'staff.setActive', { id: x.id, active: false });
    await a.ok(M, 'staff.setActive', { id: x.id, active: true });
    // A no-op update writes nothing.
    await a.ok(M, 'staff.update', { id: x.id, name: '王小二', role: 'cs_supervisor' });

    const log = changeLog(a.store);
    expect(log.map((r) => [r.staff_id, r.entity, r.row_id, r.op])).toEqual([
      [mId, 'staff', mId, 'create'],
      [mId, 'shop', 'shop', 'create'],
      [mId, 'staff', x.id, 'create'],
      [mId, 'staff', x.id, 'update'],
      [mId, 'staff', x.id, 'pin'],
      [mId, 'shop', 'shop', 'update'],
      [x.id, 'staff', x.id, 'pin'],
      [mId, 'staff', x.id, 'deactivate'],
      [mId, 'staff', x.id, 'activate'],
    ]);
    expect(log[2]!.fields).toEqual({
      name: { from: null, to: '小王' },
      role: { from: null, to: 'cs_agent' },
    });
    expect(log[3]!.fields).toEqual({
      name: { from: '小王', to: '王小二' },
      role: { from: 'cs_agent', to: 'cs_supervisor' },
    });
    expect(log[5]!.fields).toEqual({ name: { from: '审计小店', to: '审计小店2' } });
    expect(log[7]!.fields).toEqual({ active: { from: true, to: false } });
    expect(log[8]!.fields).toEqual({ active: { from: false, to: true } });
    expect(Object.keys(log[4]!.fields)).toEqual(['pin']);

    const everything = JSON.stringify(a.store.db.prepare('SELECT * FROM change_log').all());
    for (const p of [PIN_M, PIN_X, PIN_R, PIN_C]) expect(everything).not.toContain(p);
    for (const id of [mId, x.id]) {
      const [, , , , salt, hash] = pinHash(a.store, id).split('$');
      expect(everything).not.toContain(salt);
      expect(everything).not.toContain(hash);
    }
  });

  it('audit.list filters by entity and staffId, pages newest first, and counts the total', async () => {
    tapp = makeApp({ shop: true });
    const t = tapp;
    await t.signInAs(M, 'admin');
    await t.ok(M, 'staff.create', { name: '新客服', role: 'cs_agent', pin: '1357' });
    await t.signInAs(X, 'director');

    const all = await t.ok<Paged<AuditRow>>(X, 'audit.list', { limit: 500 });
    const total = (t.store.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
    expect(all.total).toBe(total);
    expect(all.rows.map((r) => r.seq)).toEqual([...all.rows.map((r) => r.seq)].sort((x, y) => y - x));

    const staffRows = await t.ok<Paged<AuditRow>>(X, 'audit.list', { entity: 'staff', limit: 500 });
    expect(staffRows.total).toBe(10); // manager + 8 roles by makeApp + 新客服
    expect(staffRows.rows.every((r) => r.entity === 'staff')).toBe(true);
    expect((await t.ok<Paged<AuditRow>>(X, 'audit.list', { entity: 'shop' })).total).toBe(1);

    const byAdmin = await t.ok<Paged<AuditRow>>(X, 'audit.list', { staffId: t.people.admin!.id });
    expect(byAdmin.total).toBe(1);
    expect(byAdmin.rows[0]).toMatchObject({
      staffId: t.people.admin!.id,
      staffName: 'admin-人员',
      entity: 'staff',
      op: 'create',
      label: '新客服',
      fields: { name: { from: null, to: '新客服' }, role: { from: null, to: 'cs_agent' } },
    });
    const byManagerStaff = await t.ok<Paged<AuditRow>>(X, 'audit.list', {
      entity: 'staff',
      staffId: t.people.manager!.id,
    });
    expect(byManagerStaff.total).toBe(9);

    // Pages are disjoint and together are the whole filtered list.
    const pages: AuditRow[] = [];
    for (let offset = 0; offset < 10; offset += 4) {
      const p = await t.ok<Paged<AuditRow>>(X, 'audit.list', { entity: 'staff', offset, limit: 4 });
      expect(p.total).toBe(10);
      expect(p.rows.length).toBe(Math.min(4, 10 - offset));
      pages.push(...p.rows);
    }
    expect(pages.map((r) => r.seq)).toEqual(staffRows.rows.map((r) => r.seq));
    expect((await t.ok<Paged<AuditRow>>(X, 'audit.list', { entity: 'staff', offset: 10 })).rows).toEqual([]);
  });

  it('audit.list filters by time: from inclusive, to exclusive', async () => {
    const { a } = await shopWith();
    const tLater = T0 + 3_600_000;
    a.at(tLater);
    await a.ok(M, 'staff.create', { name: '晚来的人', role: 'art_agent', pin: '2468' });
    const iso = new Date(tLater).toISOString();
    const from = await a.ok<Paged<AuditRow>>(M, 'audit.list', { from: iso });
    expect(from.rows.map((r) => r.label)).toEqual(['晚来的人']);
    const to = await a.ok<Paged<AuditRow>>(M, 'audit.list', { to: iso });
    expect(to.rows.map((r) => r.label)).not.toContain('晚来的人');
    expect(to.total + from.total).toBe((await a.ok<Paged<AuditRow>>(M, 'audit.list')).total);
    // An offset time means the same instant.
    const shanghai = new Date(tLater + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await a.ok<Paged<AuditRow>>(M, 'audit.list', { from: shanghai })).total).toBe(1);
  });
});

describe('who may manage whom', () => {
  const A = '00000000-0000-4000-8000-0000000000a1';
  let app: ReturnType<typeof makeApp>;
  afterEach(() => app.close());

  it('an admin manages ordinary accounts but cannot create, promote to, reset or deactivate a manager or director', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(A, 'admin');
    const before = fingerprint(app.store);
    const refused = [
      ['staff.create', { name: '新店长', role: 'manager', pin: '2468' }],
      ['staff.create', { name: '新总监', role: 'director', pin: '2468' }],
      ['staff.update', { id: app.people.admin!.id, name: 'admin-人员', role: 'manager' }],
      ['staff.update', { id: app.people.cs_agent!.id, name: 'cs_agent-人员', role: 'director' }],
      ['staff.update', { id: app.people.director!.id, name: '改名', role: 'director' }],
      ['staff.resetPin', { id: app.people.manager!.id, pin: '9999' }],
      ['staff.setActive', { id: app.people.director!.id, active: false }],
    ] as const;
    for (const [channel, input] of refused) {
      expect(await app.call(A, channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', key: 'staffPrivileged' },
      });
    }
    expect(fingerprint(app.store)).toBe(before);
    await app.ok(A, 'staff.create', { name: '新客服', role: 'cs_agent', pin: '2468' });
    await app.ok(A, 'staff.resetPin', { id: app.people.wh_agent!.id, pin: '1357' });
  });

  it('a manager may do all of it, but nobody changes their own role', async () => {
    app = makeApp({ shop: true });
    await app.signInAs(A, 'manager');
    await app.ok(A, 'staff.create', { name: '副店长', role: 'manager', pin: '2468' });
    await app.ok(A, 'staff.update', { id: app.people.admin!.id, name: 'admin-人员', role: 'director' });
    expect(
      await app.call(A, 'staff.update', { id: app.people.manager!.id, name: '店长甲', role: 'director' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'ownRole' } });
  });
});
