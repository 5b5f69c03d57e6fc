// Staff, the shop record, first-run setup and sign-in. The only writer of shop, staff,
// signin_guard and auth_event.
import type { Role } from '../../api/permissions';
import { PRIVILEGED_ROLES, ROLE_PERMISSIONS } from '../../api/permissions';
import type { Session, Shop, StaffPublic, StaffRow, SystemStatus } from '../../api/contract';
import type { Store } from '../../db/store';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { hashPin, verifyPin } from '../../lib/pin';

/** After this many wrong PINs in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 5;

interface StaffDb {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export function systemStatus(store: Store, appVersion: string): SystemStatus {
  const shop = store.stmt<{ name: string; time_zone: string }>(`SELECT name, time_zone FROM shop`).get();
  return {
    setupDone: !!shop,
    shopName: shop?.name ?? null,
    timeZone: shop?.time_zone ?? 'Asia/Shanghai',
    deviceCode: store.deviceCode,
    appVersion,
    schemaVersion: store.schemaVersion(),
  };
}

export function shopTimeZone(store: Store): string {
  return store.stmt<{ time_zone: string }>(`SELECT time_zone FROM shop`).get()?.time_zone ?? 'Asia/Shanghai';
}

/** First run: create the shop and its first store manager. Only once. */
export function setup(
  store: Store,
  input: { shopName: string; timeZone: string; managerName: string; pin: string },
): Session {
  if (store.stmt(`SELECT 1 FROM shop`).get()) throw new AppError('CONFLICT', 'alreadySetUp');
  const at = store.isoNow();
  const hlc = store.stamp();
  const staffId = newId();
  store
    .stmt(
      `INSERT INTO shop (id, name, time_zone, created_at, updated_at, updated_by)
       VALUES ('shop', @name, @tz, @at, @hlc, @by)`,
    )
    .run({ name: input.shopName, tz: input.timeZone, at, hlc, by: staffId });
  insertStaff(store, { id: staffId, name: input.managerName, role: 'manager', pin: input.pin }, staffId, hlc);
  store.log(
    {
      staffId,
      entity: 'shop',
      rowId: 'shop',
      op: 'create',
      label: input.shopName,
      fields: { name: { from: null, to: input.shopName }, timeZone: { from: null, to: input.timeZone } },
    },
    hlc,
  );
  return sessionFor(store, toPublic(getStaffDb(store, staffId)));
}

function insertStaff(
  store: Store,
  s: { id: string; name: string; role: Role; pin: string },
  by: string,
  hlc: string,
): void {
  store
    .stmt(
      `INSERT INTO staff (id, name, role, pin_hash, active, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @name, @role, @pinHash, 1, @at, @by, @hlc, @by)`,
    )
    .run({ id: s.id, name: s.name, role: s.role, pinHash: hashPin(s.pin), at: store.isoNow(), by, hlc });
  store.log(
    {
      staffId: by,
      entity: 'staff',
      rowId: s.id,
      op: 'create',
      label: s.name,
      fields: { name: { from: null, to: s.name }, role: { from: null, to: s.role } },
    },
    hlc,
  );
}

function getStaffDb(store: Store, id: string): StaffDb {
  const row = store.stmt<StaffDb>(`SELECT * FROM staff WHERE id = ? AND deleted_at IS NULL`).get(id);
  if (!row) throw notFound('staff');
  return row;
}

const toPublic = (s: StaffDb): StaffPublic => ({ id: s.id, name: s.name, role: s.role });

function sessionFor(store: Store, staff: StaffPublic): Session {
  return { staff, permissions: [...ROLE_PERMISSIONS[staff.role]], signedInAt: store.isoNow() };
}

/** Active staff for the sign-in picker of a shared PC (names and roles only). */
export function roster(store: Store): StaffPublic[] {
  return store
    .stmt<StaffDb>(`SELECT * FROM staff WHERE active = 1 AND deleted_at IS NULL ORDER BY name`)
    .all()
    .map(toPublic);
}

/** Everyone who ever had an account (also deactivated people), for the audit view's filter. */
export function auditPeople(store: Store): (StaffPublic & { active: boolean })[] {
  return store
    .stmt<StaffDb>(`SELECT * FROM staff WHERE deleted_at IS NULL ORDER BY active DESC, name`)
    .all()
    .map((s) => ({ ...toPublic(s), active: s.active === 1 }));
}

interface Guard {
  failures: number;
  locked_until: string | null;
}

/**
 * Check a person's PIN against the lock-out guard. A wrong PIN is recorded in its own
 * transaction (it must survive the failing call, so callers run in the router's `async` mode);
 * the fifth in a row locks the account for LOCK_MINUTES. Throws AUTH_FAILED or LOCKED.
 */
function checkPinGuarded(store: Store, staff: StaffDb, pin: string): void {
  const guard = store
    .stmt<Guard>(`SELECT failures, locked_until FROM signin_guard WHERE staff_id = ?`)
    .get(staff.id) ?? { failures: 0, locked_until: null };
  const now = store.isoNow();
  if (guard.locked_until && guard.locked_until > now) {
    throw new AppError('LOCKED', 'locked', { until: guard.locked_until });
  }
  if (verifyPin(pin, staff.pin_hash)) {
    if (guard.failures || guard.locked_until) {
      store.tx(() => store.stmt(`DELETE FROM signin_guard WHERE staff_id = ?`).run(staff.id));
    }
    return;
  }
  const failures = (guard.locked_until ? 0 : guard.failures) + 1;
  const locked = failures >= MAX_FAILURES;
  const until = locked ? new Date(store.now() + LOCK_MINUTES * 60_000).toISOString() : null;
  store.tx(() => {
    store
      .stmt(
        `INSERT INTO signin_guard (staff_id, failures, locked_until) VALUES (@id, @f, @u)
         ON CONFLICT (staff_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until`,
      )
      .run({ id: staff.id, f: locked ? 0 : failures, u: until });
    authEvent(store, staff.id, locked ? 'locked' : 'failed');
  });
  if (locked) throw new AppError('LOCKED', 'locked', { until: until! });
  throw new AppError('AUTH_FAILED', 'wrongPin', { remaining: MAX_FAILURES - failures });
}

function authEvent(store: Store, staffId: string, kind: 'signin' | 'failed' | 'locked' | 'signout'): void {
  store
    .stmt(`INSERT INTO auth_event (at, staff_id, kind) VALUES (?, ?, ?)`)
    .run(store.isoNow(), staffId, kind);
}

/** Sign in with a PIN (runs its own transactions: call in the router's `async` mode). */
export function signIn(store: Store, staffId: string, pin: string): Session {
  const staff = store
    .stmt<StaffDb>(`SELECT * FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL`)
    .get(staffId);
  // Same answer for unknown and inactive accounts.
  if (!staff) throw new AppError('AUTH_FAILED', 'wrongPin', { remaining: MAX_FAILURES });
  checkPinGuarded(store, staff, pin);
  store.tx(() => authEvent(store, staffId, 'signin'));
  return sessionFor(store, toPublic(staff));
}

export function recordSignOut(store: Store, staffId: string): void {
  authEvent(store, staffId, 'signout');
}

/**
 * Change one's own PIN. The current PIN goes through the same lock-out as sign-in, so a
 * signed-in PC is no oracle for guessing it. Runs its own transactions (`async` mode).
 */
export function changeOwnPin(store: Store, staffId: string, currentPin: string, newPin: string): void {
  const staff = getStaffDb(store, staffId);
  try {
    checkPinGuarded(store, staff, currentPin);
  } catch (e) {
    if (e instanceof AppError && e.code === 'AUTH_FAILED') {
      throw new AppError('AUTH_FAILED', 'wrongPin', e.params, {
        currentPin: { key: 'validation.wrongPin', ...(e.params ? { params: e.params } : {}) },
      });
    }
    throw e;
  }
  store.tx(() => setPin(store, staffId, newPin, staffId));
}

function setPin(store: Store, id: string, pin: string, by: string): void {
  const hlc = store.stamp();
  store
    .stmt(`UPDATE staff SET pin_hash = @h, updated_at = @hlc, updated_by = @by WHERE id = @id`)
    .run({ h: hashPin(pin), hlc, by, id });
  store.stmt(`DELETE FROM signin_guard WHERE staff_id = ?`).run(id);
  // The audit trail records that the PIN changed, never the PIN or its hash.
  store.log(
    {
      staffId: by,
      entity: 'staff',
      rowId: id,
      op: 'pin',
      label: getStaffDb(store, id).name,
      fields: { pin: { from: '***', to: '***' } },
    },
    hlc,
  );
}

function toRow(store: Store, s: StaffDb): StaffRow {
  const g = store.stmt<Guard>(`SELECT failures, locked_until FROM signin_guard WHERE staff_id = ?`).get(s.id);
  return {
    ...toPublic(s),
    active: s.active === 1,
    locked: !!g?.locked_until && g.locked_until > store.isoNow(),
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

/**
 * 行政人事 (admin) keeps the staff accounts, but must not be able to make themselves or anyone
 * else a manager or director, nor take over such an account by resetting its PIN.
 */
function assertMayManage(store: Store, by: string, roles: readonly Role[]): void {
  const actor = getStaffDb(store, by);
  if (actor.role !== 'manager' && roles.some((r) => PRIVILEGED_ROLES.includes(r))) {
    throw new AppError('FORBIDDEN', 'staffPrivileged');
  }
}

export function listStaff(store: Store, includeInactive: boolean): StaffRow[] {
  return store
    .stmt<StaffDb>(
      `SELECT * FROM staff WHERE deleted_at IS NULL AND (@all = 1 OR active = 1) ORDER BY active DESC, name`,
    )
    .all({ all: includeInactive ? 1 : 0 })
    .map((s) => toRow(store, s));
}

export function createStaff(
  store: Store,
  by: string,
  input: { name: string; role: Role; pin: string },
): StaffRow {
  assertMayManage(store, by, [input.role]);
  assertNameFree(store, input.name, null);
  const id = newId();
  insertStaff(store, { id, ...input }, by, store.stamp());
  return toRow(store, getStaffDb(store, id));
}

function assertNameFree(store: Store, name: string, exceptId: string | null): void {
  const clash = store
    .stmt(`SELECT 1 FROM staff WHERE name = ? AND deleted_at IS NULL AND id IS NOT ?`)
    .get(name, exceptId);
  if (clash)
    throw new AppError('VALIDATION', 'invalidInput', undefined, { name: { key: 'validation.nameTaken' } });
}

function activeManagers(store: Store): number {
  return store
    .stmt<{ n: number }>(
      `SELECT COUNT(*) AS n FROM staff WHERE role = 'manager' AND active = 1 AND deleted_at IS NULL`,
    )
    .get()!.n;
}

export function updateStaff(
  store: Store,
  by: string,
  input: { id: string; name: string; role: Role },
): StaffRow {
  const before = getStaffDb(store, input.id);
  assertMayManage(store, by, [before.role, input.role]);
  assertNameFree(store, input.name, input.id);
  if (before.role === 'manager' && input.role !== 'manager' && before.active && activeManagers(store) <= 1) {
    throw new AppError('CONFLICT', 'lastManager');
  }
  if (input.id === by && input.role !== before.role) throw new AppError('CONFLICT', 'ownRole');

  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if (before.name !== input.name) fields.name = { from: before.name, to: input.name };
  if (before.role !== input.role) fields.role = { from: before.role, to: input.role };
  if (Object.keys(fields).length) {
    const hlc = store.stamp();
    store
      .stmt(`UPDATE staff SET name = @name, role = @role, updated_at = @hlc, updated_by = @by WHERE id = @id`)
      .run({ ...input, hlc, by });
    store.log(
      { staffId: by, entity: 'staff', rowId: input.id, op: 'update', label: input.name, fields },
      hlc,
    );
  }
  return toRow(store, getStaffDb(store, input.id));
}

export function setStaffActive(store: Store, by: string, id: string, active: boolean): StaffRow {
  const before = getStaffDb(store, id);
  assertMayManage(store, by, [before.role]);
  if (!active && id === by) throw new AppError('CONFLICT', 'cannotDeactivateSelf');
  if (!active && before.role === 'manager' && before.active && activeManagers(store) <= 1) {
    throw new AppError('CONFLICT', 'lastManager');
  }
  if ((before.active === 1) !== active) {
    const hlc = store.stamp();
    store
      .stmt(`UPDATE staff SET active = @a, updated_at = @hlc, updated_by = @by WHERE id = @id`)
      .run({ a: active ? 1 : 0, hlc, by, id });
    store.log(
      {
        staffId: by,
        entity: 'staff',
        rowId: id,
        op: active ? 'activate' : 'deactivate',
        label: before.name,
        fields: { active: { from: before.active === 1, to: active } },
      },
      hlc,
    );
  }
  return toRow(store, getStaffDb(store, id));
}

export function resetPin(store: Store, by: string, id: string, pin: string): StaffRow {
  assertMayManage(store, by, [getStaffDb(store, id).role]);
  setPin(store, id, pin, by);
  return toRow(store, getStaffDb(store, id));
}

export function getShop(store: Store): Shop {
  const s = store.stmt<{ name: string; time_zone: string; updated_at: string }>(`SELECT * FROM shop`).get();
  if (!s) throw notFound('shop');
  return { name: s.name, timeZone: s.time_zone, updatedAt: s.updated_at };
}

export function updateShop(store: Store, by: string, input: { name: string; timeZone: string }): Shop {
  const before = getShop(store);
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  if (before.name !== input.name) fields.name = { from: before.name, to: input.name };
  if (before.timeZone !== input.timeZone) fields.timeZone = { from: before.timeZone, to: input.timeZone };
  if (Object.keys(fields).length) {
    const hlc = store.stamp();
    store
      .stmt(`UPDATE shop SET name = @name, time_zone = @tz, updated_at = @hlc, updated_by = @by`)
      .run({ name: input.name, tz: input.timeZone, hlc, by });
    store.log({ staffId: by, entity: 'shop', rowId: 'shop', op: 'update', label: input.name, fields }, hlc);
  }
  return getShop(store);
}
