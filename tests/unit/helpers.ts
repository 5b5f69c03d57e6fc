// Test helpers: a real store in a temp dir, the real router, people of each role.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Envelope } from '../../src-main/api/contract';
import type { Role } from '../../src-main/api/permissions';
import { createRouter, type Router } from '../../src-main/api/router';
import { DB_FILE, openStore, type Store } from '../../src-main/db/store';
import { createStaff, setup } from '../../src-main/modules/staff/service';
import { DropRegistry } from '../../src-main/modules/art/drops';

export function tempDir(prefix = 'shopdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  store: Store;
  router: Router;
  dir: string;
  exportDir: string;
  /** What the host's open dialog answers (art imports); null = cancelled. Tests set it. */
  pickPaths: string[] | null;
  /** What the host's folder dialog answers (art exports); null = cancelled. Tests set it. */
  pickFolder: string | null;
  /** Dropped paths per client (drag and drop import), as main records them from the preload. */
  drops: DropRegistry;
  /** Staff ids by role (after `withShop`). */
  people: Partial<Record<Role, { id: string; pin: string }>>;
  /** Call as a client; returns the envelope. */
  call<T = unknown>(client: string, channel: string, input?: unknown): Promise<Envelope<T>>;
  /** Call and unwrap, failing loudly on an error envelope. */
  ok<T = unknown>(client: string, channel: string, input?: unknown): Promise<T>;
  /** Sign a client in as the person of this role. */
  signInAs(client: string, role: Role): Promise<void>;
  close(): void;
}

/** A fresh store and router. With `shop`, first-run setup is done and one person per role exists. */
export function makeApp(opts: { shop?: boolean; cancelSave?: boolean; now?: () => number } = {}): TestApp {
  const dir = tempDir();
  const exportDir = path.join(dir, 'exports');
  fs.mkdirSync(exportDir);
  const people: TestApp['people'] = {};
  // The store starts as a copy of a template file (migrated, and with `shop` set up with its
  // people), made once per test file and clock: every app still gets its own file. An injected
  // clock is read once here; its template was seeded at that same instant.
  const template = templateDb(!!opts.shop, opts.now?.());
  fs.copyFileSync(template.file, path.join(dir, DB_FILE));
  Object.assign(people, structuredClone(template.people));
  const store = openStore({ dataDir: dir, ...(opts.now ? { now: opts.now } : {}) });
  const router = createRouter({
    store,
    host: {
      appVersion: 'test',
      chooseSavePath: async ({ defaultName }) => (opts.cancelSave ? null : path.join(exportDir, defaultName)),
      chooseOpenPaths: async () => app.pickPaths,
      chooseFolder: async () => app.pickFolder,
      takeDroppedPaths: (clientId) => app.drops.take(clientId),
    },
    logError: () => {},
  });
  const app: TestApp = {
    store,
    router,
    dir,
    exportDir,
    pickPaths: null,
    pickFolder: null,
    drops: new DropRegistry(),
    people,
    call: (client, channel, input) => router.call(client, channel, input ?? {}) as never,
    async ok(client, channel, input) {
      const env = await router.call(client, channel, input ?? {});
      if (!env.ok) throw new Error(`${channel} failed: ${JSON.stringify(env.error)}`);
      return env.data as never;
    },
    async signInAs(client, role) {
      const p = people[role];
      if (!p) throw new Error(`no ${role}`);
      await app.ok(client, 'auth.signIn', { staffId: p.id, pin: p.pin });
    },
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return app;
}

/** First-run setup (the manager, PIN 1111) and one person of every other role (PINs 2000…). */
function seedShop(store: Store, people: TestApp['people']): void {
  store.tx(() => {
    const s = setup(store, {
      shopName: '测试小店',
      timeZone: 'Asia/Shanghai',
      managerName: '店长甲',
      pin: '1111',
    });
    people.manager = { id: s.staff.id, pin: '1111' };
  });
  const roles: Role[] = [
    'director',
    'cs_supervisor',
    'cs_agent',
    'wh_supervisor',
    'wh_agent',
    'art_supervisor',
    'art_agent',
    'admin',
  ];
  roles.forEach((role, i) => {
    const pin = String(2000 + i);
    store.tx(() => {
      const row = createStaff(store, people.manager!.id, { name: `${role}-人员`, role, pin });
      people[role] = { id: row.id, pin };
    });
  });
}

interface Template {
  file: string;
  people: TestApp['people'];
}
const templates = new Map<string, Template>();

/**
 * A migrated database file (with `shop`: set up, one person per role) built once per test file
 * (per worker process) and injected clock value, and copied for each app: migrations and nine
 * scrypt PIN hashes take most of a second, a file copy a few milliseconds. The WAL is checkpointed and the store closed
 * before the copy, so the file alone is the whole database.
 */
function templateDb(shop: boolean, at: number | undefined): Template {
  const key = `${shop}|${at ?? 'wall clock'}`;
  let t = templates.get(key);
  if (t) return t;
  const dir = tempDir('shopdesk-template-');
  const store = openStore({ dataDir: dir, ...(at !== undefined ? { now: () => at } : {}) });
  const people: TestApp['people'] = {};
  if (shop) seedShop(store, people);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  if (templates.size === 0)
    process.once('exit', () => {
      for (const { file } of templates.values())
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
    });
  t = { file: path.join(dir, DB_FILE), people };
  templates.set(key, t);
  return t;
}

/** How to list a table's rows in a stable order: rowid, or the primary key of a WITHOUT ROWID table (0022 buyer_search). */
export function rowOrder(store: Store, table: string): string {
  const pk = store.db
    .prepare(
      `SELECT c.name FROM pragma_table_list l JOIN pragma_table_info(l.name) c
       WHERE l.schema = 'main' AND l.name = ? AND l.wr = 1 AND c.pk > 0 ORDER BY c.pk`,
    )
    .all(table) as { name: string }[];
  return pk.length ? pk.map((c) => `"${c.name}"`).join(', ') : 'rowid';
}

/** A hash of every row of every table: proves a failed call changed nothing. */
export function fingerprint(store: Store): string {
  const h = crypto.createHash('sha256');
  const tables = store.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    for (const row of store.db.prepare(`SELECT * FROM "${name}" ORDER BY ${rowOrder(store, name)}`).all())
      h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

export function sampleProduct(overrides: Record<string, unknown> = {}) {
  return {
    title: '纯棉圆领短袖T恤 男款',
    styleCode: 'TX001',
    category: '男装',
    listed: true,
    skus: [
      {
        code: 'TX001-WH-L',
        barcode: '6901234567892',
        spec: '颜色分类:白色;尺码:L',
        costFen: 2500,
        priceFen: 5900,
      },
      { code: 'TX001-BK-XL', barcode: '', spec: '颜色分类:黑色;尺码:XL', costFen: 2500, priceFen: 5900 },
    ],
    ...overrides,
  };
}

export interface LogRow {
  seq: number;
  staff_id: string | null;
  entity: string;
  row_id: string;
  op: string;
  label: string;
  fields: Record<string, { from: unknown; to: unknown }>;
}

/** change_log rows in order, fields parsed; optionally only one entity, or only after a seq. */
export function changeLogRows(store: Store, opts: { entity?: string; afterSeq?: number } = {}): LogRow[] {
  return (
    store.db
      .prepare(
        `SELECT seq, staff_id, entity, row_id, op, label, fields FROM change_log
         WHERE (@entity IS NULL OR entity = @entity) AND seq > @after ORDER BY seq`,
      )
      .all({ entity: opts.entity ?? null, after: opts.afterSeq ?? 0 }) as (Omit<LogRow, 'fields'> & {
      fields: string;
    })[]
  ).map((r) => ({ ...r, fields: JSON.parse(r.fields) as LogRow['fields'] }));
}

/** The newest change_log seq (0 when empty). */
export function lastLogSeq(store: Store): number {
  return (store.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}
