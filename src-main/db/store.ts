// The SQLite store: opening (pragmas), migrating (with a backup first), install facts (device
// code, HLC), prepared-statement cache, transactions and the change log.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { insertRows } from './bulk';
import { Hlc } from '../lib/hlc';
import { newDeviceCode, newId } from '../lib/ids';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export const DB_FILE = 'shopdesk.sqlite';
/** Quiet time after the last write before the WAL is checkpointed (`Store.checkpointWhenIdle`). */
export const IDLE_CHECKPOINT_MS = 200;

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer ShopDesk (schema ${found}); this version supports up to ${supported}. Update the app.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface OpenOptions {
  dataDir: string;
  /** Wall clock in ms; tests inject a fixed one. */
  now?: () => number;
  /** Override the migration list (tests of the migrator). */
  migrations?: readonly Migration[];
  /** better-sqlite3 `nativeBinding` (the Electron build of the addon, see scripts/electron-native.mjs). */
  nativeBinding?: string;
}

export interface ChangeEntry {
  staffId: string | null;
  entity: string;
  rowId: string;
  op: string;
  label?: string;
  fields?: Record<string, { from: unknown; to: unknown }>;
}

export class Store {
  readonly deviceCode: string;
  readonly hlc: Hlc;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    readonly dataDir: string,
    readonly now: () => number,
    private readonly nativeBinding?: string,
  ) {
    this.deviceCode = this.meta('device_code')!;
    const last = this.meta('hlc_last');
    this.hlc = new Hlc(this.deviceCode, now, last ? Hlc.parse(last) : undefined);
  }

  /** A statement prepared once and reused. Named parameters only; never build SQL from input. */
  stmt<R = unknown>(sql: string): Database.Statement<unknown[], R> {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s as Database.Statement<unknown[], R>;
  }

  /** The SQL of every statement prepared through `stmt` so far (tests check their query plans). */
  preparedSql(): string[] {
    return [...this.stmts.keys()];
  }

  /** Run `fn` in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    const result = this.db.transaction(fn).immediate();
    if (!this.db.inTransaction) this.checkpointWhenIdle();
    return result;
  }

  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Copy the WAL into the database file once no write has come for IDLE_CHECKPOINT_MS. SQLite's
   * own checkpoint runs inside the COMMIT that takes the WAL past 1000 pages: a posted 200-line
   * document writes ~730 pages (random index leaves of a GB-sized file), so nearly every other
   * post paid for copying and fsyncing the previous one's pages as well. Done while the person
   * looks at the answer, the post itself only appends to the WAL (and fsyncs it: synchronous stays
   * FULL). The automatic checkpoint stays as the fallback for back-to-back writes. PASSIVE: never
   * waits for readers (an export's snapshot); what it cannot copy yet goes next time.
   */
  private checkpointWhenIdle(): void {
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      try {
        this.checkpoint();
      } catch {
        // Only an optimisation: the automatic checkpoint copies the WAL later. Never crash the app.
      }
    }, IDLE_CHECKPOINT_MS);
    this.idleTimer.unref();
  }

  /** A PASSIVE WAL checkpoint now (outside a transaction; a no-op on a closed store). */
  checkpoint(): void {
    if (this.db.open && !this.db.inTransaction) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  /** A new hybrid-logical-clock stamp, persisted so it survives restarts. */
  stamp(): string {
    const s = this.hlc.now();
    this.stmt(
      `INSERT INTO meta (key, value) VALUES ('hlc_last', @s)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run({ s });
    return s;
  }

  /** Append one entry to change_log. Call inside the same transaction as the write it records. */
  log(e: ChangeEntry, hlc?: string): void {
    if (!this.db.inTransaction) throw new Error('change_log must be written inside the transaction');
    this.stmt(
      `INSERT INTO change_log (id, hlc, device, at, staff_id, entity, row_id, op, label, fields)
       VALUES (@id, @hlc, @device, @at, @staffId, @entity, @rowId, @op, @label, @fields)`,
    ).run({
      id: newId(),
      hlc: hlc ?? this.stamp(),
      device: this.deviceCode,
      at: this.isoNow(),
      staffId: e.staffId,
      entity: e.entity,
      rowId: e.rowId,
      op: e.op,
      label: e.label ?? '',
      fields: JSON.stringify(e.fields ?? {}),
    });
  }

  /**
   * Append many entries in order, as `log` would one by one (same columns and text; one `at` for
   * the batch), with multi-row INSERTs (`db/bulk.ts`). For bulk writes such as the order import.
   */
  logMany(entries: readonly ChangeEntry[], hlc: string): void {
    if (!this.db.inTransaction) throw new Error('change_log must be written inside the transaction');
    const at = this.isoNow();
    insertRows(
      this,
      'change_log',
      ['id', 'hlc', 'device', 'at', 'staff_id', 'entity', 'row_id', 'op', 'label', 'fields'],
      entries.map((e) => [
        newId(),
        hlc,
        this.deviceCode,
        at,
        e.staffId,
        e.entity,
        e.rowId,
        e.op,
        e.label ?? '',
        JSON.stringify(e.fields ?? {}),
      ]),
    );
  }

  /** Next human-facing number for a prefix: RK-7QX2-20261128-0001 (device code: no clash offline). */
  nextNumber(prefix: string, timeZone: string): string {
    const day = this.localDay(timeZone);
    const row = this.stmt<{ last: number }>(
      `INSERT INTO number_sequence (prefix, day, last) VALUES (@prefix, @day, 1)
       ON CONFLICT (prefix, day) DO UPDATE SET last = last + 1 RETURNING last`,
    ).get({ prefix, day })!;
    return `${prefix}-${this.deviceCode}-${day}-${String(row.last).padStart(4, '0')}`;
  }

  /** Today's date in a time zone as yyyymmdd (the shop's day, not UTC's). */
  localDay(timeZone: string): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date(this.now()))
      .replace(/-/g, '');
  }

  meta(key: string): string | undefined {
    return this.stmt<{ value: string }>('SELECT value FROM meta WHERE key = ?').get(key)?.value;
  }

  schemaVersion(): number {
    return currentVersion(this.db);
  }

  /**
   * A separate read-only connection: a consistent snapshot for long reads (exports) that leaves
   * the main connection free. The caller closes it.
   */
  openReader(): Database.Database {
    const r = new Database(this.db.name, {
      readonly: true,
      fileMustExist: true,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
    });
    r.pragma('busy_timeout = 5000');
    return r;
  }

  close(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.db.close();
  }
}

function currentVersion(db: Database.Database): number {
  const has = db
    .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`)
    .get();
  if (!has) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Open (creating if needed) the store in `dataDir` and bring it to the latest schema.
 * Refuses a database written by a newer version; takes a backup before migrating an existing one.
 */
export function openStore(opts: OpenOptions): Store {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : LATEST_VERSION;
  const now = opts.now ?? Date.now;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const file = path.join(opts.dataDir, DB_FILE);
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    // WAL lets readers work while a write commits. synchronous=FULL (not NORMAL): in WAL mode
    // NORMAL can lose the last commits on a power cut, and shop-floor PCs lose power; FULL
    // fsyncs the WAL on every commit. Our writes are human-paced or one big transaction
    // (imports), so the cost is small.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Page cache 128 MiB (negative = KiB; SQLite's default is 2 MiB, ~500 pages). A shop's database
    // grows to several GB (5M stock movements ≈ 5 GB): posting a document touches ~400 random
    // index leaves and a ledger page a few hundred rows, and with 2 MiB nearly every one is a read
    // again. The memory is taken only as pages are used. temp_store = MEMORY keeps the temporary
    // b-trees of sorts and GROUP BYs off the disk. No mmap: a mapped file turns I/O errors into
    // crashes and measured no better here. (The export reader keeps the defaults: it streams.)
    db.pragma('cache_size = -131072');
    db.pragma('temp_store = MEMORY');

    const found = currentVersion(db);
    if (found > latest) throw new DatabaseTooNewError(found, latest);
    const pending = migrations.filter((m) => m.version > found);
    if (pending.length && found > 0) backup(db, opts.dataDir, found, now);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    for (const m of pending) {
      db.transaction(() => {
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
          m.version,
          m.name,
          new Date(now()).toISOString(),
        );
      }).immediate();
    }
    // Install facts, created once.
    const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'`).get();
    if (hasMeta) {
      db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('device_code', ?)`).run(
        newDeviceCode((n) => randomBytes(n)),
      );
      db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)`).run(
        new Date(now()).toISOString(),
      );
    }
    return new Store(db, opts.dataDir, now, opts.nativeBinding);
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Copy the whole database (consistent snapshot) before a migration touches it. */
function backup(db: Database.Database, dataDir: string, version: number, now: () => number): string {
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `shopdesk-v${version}-${stamp}.sqlite`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}
