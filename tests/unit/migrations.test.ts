// Opening the store: pragmas, migrations (from empty, from an earlier version, failing, too new),
// backups, install facts, append-only tables, the change log and document numbers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../src-main/db/migrations';
import { DB_FILE, DatabaseTooNewError, openStore, type Store } from '../../src-main/db/store';
import { setup } from '../../src-main/modules/staff/service';
import { fingerprint, tempDir } from './helpers';

const T0 = Date.parse('2026-11-28T17:30:00Z'); // 2026-11-29 01:30 in Shanghai
const DEVICE = /^[2-9A-HJ-NP-Z]{4}$/;
const V2: Migration = { version: 2, name: 'x', sql: 'CREATE TABLE t2 (a TEXT) STRICT;' };
const FIRST = [MIGRATIONS[0]!];

const EXPECTED_TABLES = [
  'auth_event',
  'change_log',
  'meta',
  'number_sequence',
  'product',
  'schema_migrations',
  'shop',
  'signin_guard',
  'sku',
  'staff',
];

let dir = '';
const open: Store[] = [];
function openAt(opts: { now?: () => number; migrations?: readonly Migration[] } = {}): Store {
  const s = openStore({
    dataDir: dir,
    now: opts.now ?? (() => T0),
    ...(opts.migrations ? { migrations: opts.migrations } : {}),
  });
  open.push(s);
  return s;
}
function closeAll(): void {
  for (const s of open.splice(0)) if (s.db.open) s.close();
}
afterEach(() => {
  closeAll();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const dbFile = () => path.join(dir, DB_FILE);
const backupsDir = () => path.join(dir, 'backups');
const tablesOf = (db: Database.Database) =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
const versionsOf = (db: Database.Database) =>
  (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map(
    (r) => r.version,
  );
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('the migration list', () => {
  it('is numbered 1, 2, 3, … with unique names', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('registers every NNNN_name.sql file in src-main/db/migrations, in order', () => {
    const files = fs
      .readdirSync(path.resolve(__dirname, '../../src-main/db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files.map((f) => /^(\d{4})_(.+)\.sql$/.exec(f)?.slice(1))).toEqual(
      MIGRATIONS.map((m) => [String(m.version).padStart(4, '0'), m.name]),
    );
  });
});

describe('opening an empty data folder', () => {
  it('applies every migration and records each in schema_migrations', () => {
    dir = tempDir();
    const store = openAt();
    const rows = store.db
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all();
    expect(rows).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, name: m.name, applied_at: new Date(T0).toISOString() })),
    );
    expect(store.schemaVersion()).toBe(LATEST_VERSION);
    expect(tablesOf(store.db)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    // No backup of an empty database.
    expect(fs.existsSync(backupsDir())).toBe(false);
  });

  it('creates STRICT tables', () => {
    dir = tempDir();
    const store = openAt();
    const list = store.db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[];
    for (const t of EXPECTED_TABLES) expect(list.find((r) => r.name === t)?.strict, t).toBe(1);
  });

  it('sets the pragmas: WAL, foreign keys on, synchronous FULL, a busy timeout', () => {
    dir = tempDir();
    const store = openAt();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    // Foreign keys are really enforced.
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO sku (id, product_id, code, cost_fen, price_fen, created_at, updated_at)
           VALUES ('s1', 'no-such-product', 'C1', 0, 0, 'x', 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('records install facts once: a device code of the readable alphabet and the creation time', () => {
    dir = tempDir();
    const store = openAt();
    expect(store.deviceCode).toMatch(DEVICE);
    expect(store.meta('device_code')).toBe(store.deviceCode);
    expect(store.meta('created_at')).toBe(new Date(T0).toISOString());
  });
});

describe('reopening', () => {
  it('is a no-op when nothing is pending: no backup, same rows, same device code', () => {
    dir = tempDir();
    let store = openAt();
    store.tx(() =>
      setup(store, { shopName: '小店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1234' }),
    );
    const code = store.deviceCode;
    const before = fingerprint(store);
    store.close();

    store = openAt({ now: () => T0 + 86_400_000 });
    expect(fingerprint(store)).toBe(before);
    expect(store.deviceCode).toBe(code);
    expect(store.meta('created_at')).toBe(new Date(T0).toISOString());
    expect(fs.existsSync(backupsDir())).toBe(false);
    store.close();

    store = openAt();
    expect(store.deviceCode).toBe(code);
  });

  it('gives different installs different device codes', () => {
    const codes = new Set<string>();
    const dirs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = tempDir();
      dirs.push(d);
      const s = openStore({ dataDir: d });
      codes.add(s.deviceCode);
      expect(s.deviceCode).toMatch(DEVICE);
      s.close();
    }
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    expect(codes.size).toBe(4);
  });
});

describe('a database newer than the app', () => {
  it('is refused with DatabaseTooNewError and the file is left untouched', () => {
    dir = tempDir();
    const store = openAt();
    store.db
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)')
      .run('future', new Date(T0).toISOString());
    store.close();
    const hash = sha(dbFile());
    const listing = fs.readdirSync(dir).sort();

    let err: unknown;
    try {
      openAt({ now: () => T0 + 1000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DatabaseTooNewError);
    expect(err).toMatchObject({ found: 999, supported: LATEST_VERSION, name: 'DatabaseTooNewError' });
    expect((err as Error).message).toMatch(/newer/);

    expect(sha(dbFile())).toBe(hash);
    expect(fs.readdirSync(dir).sort()).toEqual(listing); // no backup, no leftover -wal/-shm
    // The connection was closed: the file can be opened again (and still says 999).
    const raw = new Database(dbFile(), { readonly: true });
    expect(versionsOf(raw)).toContain(999);
    raw.close();
  });

  it('is refused also when the app is given a shorter migration list', () => {
    dir = tempDir();
    openAt({ migrations: [...FIRST, V2] }).close();
    expect(() => openAt({ migrations: FIRST })).toThrow(DatabaseTooNewError);
  });
});

describe('migrating from an earlier version', () => {
  it('takes a backup first, which opens as the old version with the old data', () => {
    dir = tempDir();
    const old = openAt({ migrations: FIRST });
    old.tx(() =>
      setup(old, { shopName: '老店', timeZone: 'Asia/Shanghai', managerName: '老板', pin: '1234' }),
    );
    const oldDevice = old.deviceCode;
    old.close();

    const tUpgrade = T0 + 3_600_000;
    const store = openAt({ migrations: [...FIRST, V2], now: () => tUpgrade });
    expect(store.schemaVersion()).toBe(2);
    expect(versionsOf(store.db)).toEqual([1, 2]);
    expect(tablesOf(store.db)).toContain('t2');
    expect(store.deviceCode).toBe(oldDevice);
    expect(store.db.prepare('SELECT name FROM shop').get()).toEqual({ name: '老店' });
    const applied = store.db.prepare('SELECT applied_at FROM schema_migrations WHERE version = 2').get();
    expect(applied).toEqual({ applied_at: new Date(tUpgrade).toISOString() });

    const backups = fs.readdirSync(backupsDir());
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^shopdesk-v1-.*\.sqlite$/);
    const b = new Database(path.join(backupsDir(), backups[0]!), { readonly: true, fileMustExist: true });
    try {
      expect(versionsOf(b)).toEqual([1]);
      expect(tablesOf(b)).not.toContain('t2');
      expect(b.prepare('SELECT name FROM shop').get()).toEqual({ name: '老店' });
      expect(b.prepare(`SELECT value FROM meta WHERE key = 'device_code'`).get()).toEqual({
        value: oldDevice,
      });
      expect(b.prepare('SELECT name, role FROM staff').all()).toEqual([{ name: '老板', role: 'manager' }]);
      expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      b.close();
    }
  });

  it('applies several pending migrations in order after one backup', () => {
    dir = tempDir();
    openAt({ migrations: FIRST }).close();
    const v3: Migration = { version: 3, name: 'y', sql: 'ALTER TABLE t2 ADD COLUMN b INTEGER;' };
    const store = openAt({ migrations: [...FIRST, V2, v3] });
    expect(versionsOf(store.db)).toEqual([1, 2, 3]);
    expect(
      (store.db.prepare('PRAGMA table_info(t2)').all() as { name: string }[]).map((c) => c.name),
    ).toEqual(['a', 'b']);
    expect(fs.readdirSync(backupsDir())).toHaveLength(1);
  });
});

describe('a failing migration', () => {
  const BAD: Migration = {
    version: 2,
    name: 'bad',
    sql: 'CREATE TABLE t2 (a TEXT) STRICT; INSERT INTO t2 VALUES (1); INSERT INTO no_such_table VALUES (1);',
  };

  it('rolls back fully: no partial table, version not recorded, earlier data intact', () => {
    dir = tempDir();
    const old = openAt({ migrations: FIRST });
    old.tx(() =>
      setup(old, { shopName: '老店', timeZone: 'Asia/Shanghai', managerName: '老板', pin: '1234' }),
    );
    old.close();

    expect(() => openAt({ migrations: [...FIRST, BAD] })).toThrow(/no_such_table/);

    const raw = new Database(dbFile()); // the failed open closed its connection
    try {
      expect(versionsOf(raw)).toEqual([1]);
      expect(tablesOf(raw)).not.toContain('t2');
      expect(raw.prepare('SELECT name FROM shop').get()).toEqual({ name: '老店' });
    } finally {
      raw.close();
    }
    // The backup taken before it is there to restore from.
    expect(fs.readdirSync(backupsDir())).toHaveLength(1);

    // The app (with the migration fixed) opens and migrates normally afterwards.
    const store = openAt({ now: () => T0 + 5000, migrations: [...FIRST, V2] });
    expect(versionsOf(store.db)).toEqual([1, 2]);
  });

  it('from empty keeps the migrations before it and records nothing of the failing one', () => {
    dir = tempDir();
    expect(() => openAt({ migrations: [...FIRST, BAD] })).toThrow();
    const raw = new Database(dbFile());
    try {
      expect(versionsOf(raw)).toEqual([1]);
      expect(tablesOf(raw)).not.toContain('t2');
    } finally {
      raw.close();
    }
  });
});

describe('append-only tables', () => {
  function withRows(): Store {
    dir = tempDir();
    const store = openAt();
    store.tx(() =>
      setup(store, { shopName: '小店', timeZone: 'Asia/Shanghai', managerName: '店长', pin: '1234' }),
    );
    const staffId = (store.db.prepare('SELECT id FROM staff').get() as { id: string }).id;
    store.db
      .prepare(`INSERT INTO auth_event (at, staff_id, kind) VALUES ('2026-01-01T00:00:00.000Z', ?, 'signin')`)
      .run(staffId);
    return store;
  }

  it('change_log refuses UPDATE and DELETE', () => {
    const store = withRows();
    const before = fingerprint(store);
    expect(() => store.db.prepare(`UPDATE change_log SET op = 'x'`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare(`UPDATE change_log SET staff_id = NULL WHERE seq = 1`).run()).toThrow(
      /append-only/,
    );
    expect(() => store.db.prepare(`DELETE FROM change_log`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare(`DELETE FROM change_log WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(fingerprint(store)).toBe(before);
  });

  it('auth_event refuses UPDATE and DELETE', () => {
    const store = withRows();
    const before = fingerprint(store);
    expect(() => store.db.prepare(`UPDATE auth_event SET kind = 'failed'`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare(`DELETE FROM auth_event`).run()).toThrow(/append-only/);
    expect(fingerprint(store)).toBe(before);
  });
});

describe('store.log', () => {
  it('throws outside a transaction and writes nothing', () => {
    dir = tempDir();
    const store = openAt();
    const count = () => (store.db.prepare('SELECT COUNT(*) AS n FROM change_log').get() as { n: number }).n;
    expect(() => store.log({ staffId: null, entity: 'test', rowId: 'r1', op: 'create' })).toThrow(
      /transaction/,
    );
    expect(count()).toBe(0);
  });

  it('inside a transaction appends who, what, which row and which fields', () => {
    dir = tempDir();
    const store = openAt();
    store.tx(() =>
      store.log({
        staffId: null,
        entity: 'test',
        rowId: 'r1',
        op: 'update',
        label: '标签',
        fields: { priceFen: { from: 5900, to: 6900 } },
      }),
    );
    const row = store.db.prepare('SELECT * FROM change_log').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      device: store.deviceCode,
      at: new Date(T0).toISOString(),
      staff_id: null,
      entity: 'test',
      row_id: 'r1',
      op: 'update',
      label: '标签',
    });
    expect(JSON.parse(row.fields as string)).toEqual({ priceFen: { from: 5900, to: 6900 } });
    expect(row.hlc).toBe(store.meta('hlc_last'));
  });

  it('is rolled back with the write it records', () => {
    dir = tempDir();
    const store = openAt();
    const before = fingerprint(store);
    expect(() =>
      store.tx(() => {
        store.log({ staffId: null, entity: 'test', rowId: 'r1', op: 'create' });
        throw new Error('the write failed');
      }),
    ).toThrow('the write failed');
    expect(fingerprint(store)).toBe(before);
  });
});

describe('store.nextNumber', () => {
  it('numbers per prefix and shop-local day, with the device code: RK-<device>-<yyyymmdd>-0001', () => {
    dir = tempDir();
    let t = T0; // 2026-11-28T17:30Z is already the 29th in Shanghai
    const store = openAt({ now: () => t });
    const d = store.deviceCode;
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toBe(`RK-${d}-20261129-0001`);
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toBe(`RK-${d}-20261129-0002`);
    // Another prefix has its own sequence.
    expect(store.nextNumber('CK', 'Asia/Shanghai')).toBe(`CK-${d}-20261129-0001`);
    // In a UTC shop it is still the 28th.
    expect(store.nextNumber('RK', 'UTC')).toBe(`RK-${d}-20261128-0001`);
    // A new local day starts again at 0001 (2026-11-29T16:00Z is midnight of the 30th in Shanghai).
    t = Date.parse('2026-11-29T16:00:00Z');
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toBe(`RK-${d}-20261130-0001`);
    t = Date.parse('2026-11-29T15:59:59.999Z');
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toBe(`RK-${d}-20261129-0003`);
  });

  it('continues its sequence after a restart', () => {
    dir = tempDir();
    let store = openAt();
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toMatch(/-20261129-0001$/);
    store.close();
    store = openAt();
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toMatch(/-20261129-0002$/);
  });

  it('is rolled back with the transaction that took it (no gap-free promise, but no phantom either)', () => {
    dir = tempDir();
    const store = openAt();
    expect(() =>
      store.tx(() => {
        store.nextNumber('RK', 'Asia/Shanghai');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(store.nextNumber('RK', 'Asia/Shanghai')).toMatch(/-0001$/);
  });
});
