// A warehouse at scale for benchmarks: 20,000 SKUs (seedScale: the catalog services), 400 bins
// (the warehouse service), then 25,000 posted documents of 200 lines = 5,000,000 stock movements.
//
// THE SHORTCUT: the documents, their lines and the movements are written with direct prepared
// INSERTs in big transactions (synchronous off, the secondary indexes of stock_document_line and
// stock_movement dropped first and rebuilt from the schema's own CREATE INDEX statements at the
// end), not through warehouse.post: that would take hours. The rows have the shape posting gives
// (one movement per line, signed by the document type, posted_at/posted_by set), and stock_balance
// is then derived from the movements with ONE `INSERT … SELECT … GROUP BY sku_id, bin_id` — the
// same invariant the property test holds posting to (balance = sum of movements). The low-stock
// alert triggers fire for those balance rows as they would in the app. Purchases carry larger
// quantities than sales, so most balances end positive; a few may end negative (as with overrides).
//
// The database is cached: `warehouseScaleDb()` builds it once in the temp folder (keyed by the
// parameters and the schema version) and later runs reuse it, so benches re-run quickly. A bench
// that changes the data (posting) leaves its few documents behind; that does not disturb the figures.
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE, openStore, type Store } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { saveBin } from '../../src-main/modules/warehouse/service';
import { Rng, seedScale } from './shop';
import { scaleCache, type ScaleCache } from './scale-cache';

export interface WarehouseScaleOptions {
  skus: number;
  bins: number;
  documents: number;
  linesPerDocument: number;
  seed: number;
}

export const WAREHOUSE_SCALE: WarehouseScaleOptions = {
  skus: 20_000,
  bins: 400,
  documents: 25_000,
  linesPerDocument: 200,
  seed: 20261128,
};

export interface WarehouseScaleInfo {
  options: WarehouseScaleOptions;
  movements: number;
  balances: number;
  /** Seconds taken by each step when it was built. */
  seconds: Record<string, number>;
  /** The movement time range (UTC ISO). */
  firstAt: string;
  lastAt: string;
}

const DOC_MIX: readonly {
  type: string;
  prefix: string;
  sign: 1 | -1;
  qty: [number, number];
  share: number;
}[] = [
  { type: 'purchase_in', prefix: 'RK', sign: 1, qty: [10, 60], share: 0.3 },
  { type: 'return_in', prefix: 'RK', sign: 1, qty: [1, 3], share: 0.05 },
  { type: 'sales_out', prefix: 'CK', sign: -1, qty: [1, 5], share: 0.6 },
  { type: 'other_out', prefix: 'CK', sign: -1, qty: [1, 2], share: 0.05 },
];

/**
 * Seed an EMPTY data folder. SKUs and bins go through the services; documents, lines and
 * movements through bulk SQL (see the header); balances derived in one statement.
 */
export function seedWarehouseScale(
  dataDir: string,
  options: WarehouseScaleOptions = WAREHOUSE_SCALE,
  log: (msg: string) => void = () => {},
): WarehouseScaleInfo {
  const seconds: Record<string, number> = {};
  const step = <T>(name: string, fn: () => T): T => {
    const t = performance.now();
    const v = fn();
    seconds[name] = (performance.now() - t) / 1000;
    log(`  ${name}: ${seconds[name].toFixed(1)} s`);
    return v;
  };
  const store = openStore({ dataDir });
  let people: string[];
  let skuIds: { id: string; cost: number }[];
  let binIds: string[];
  try {
    step('catalog (seedScale)', () => seedScale(store, { skus: options.skus, seed: options.seed }));
    people = (
      store.db
        .prepare(`SELECT id FROM staff WHERE role IN ('wh_agent', 'wh_supervisor', 'manager') ORDER BY id`)
        .all() as {
        id: string;
      }[]
    ).map((r) => r.id);
    skuIds = store.db
      .prepare(`SELECT id, cost_fen AS cost FROM sku WHERE archived_at IS NULL ORDER BY id`)
      .all() as {
      id: string;
      cost: number;
    }[];
    binIds = step('bins (service)', () => seedBins(store, people[0]!, options.bins));
  } finally {
    store.close();
  }

  const db = new Database(path.join(dataDir, DB_FILE));
  try {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -524288');
    // The rows are built to reference existing documents, lines, SKUs, bins and staff; checking
    // each foreign key on 10 million inserts would double the time. foreign_key_check runs at the end.
    db.pragma('foreign_keys = OFF');
    const rng = new Rng(options.seed);
    // Each SKU lives in 1–3 bins.
    const homes = skuIds.map((_, i) => {
      const n = 1 + (i % 3);
      return Array.from({ length: n }, (_, k) => binIds[(i * 7 + k * 131) % binIds.length]!);
    });
    const indexes = db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN ('stock_movement', 'stock_document_line')`,
      )
      .all() as { name: string; sql: string }[];
    for (const ix of indexes) db.exec(`DROP INDEX "${ix.name}"`);

    const addDoc = db.prepare(
      `INSERT INTO stock_document (id, number, type, status, doc_date, counterpart, reason, posted_at, posted_by,
         created_at, created_by, updated_at, updated_by)
       VALUES (@id, @number, @type, 'posted', @day, @counterpart, '', @at, @by, @at, @by, @hlc, @by)`,
    );
    const addLine = db.prepare(
      `INSERT INTO stock_document_line (id, document_id, line_no, sku_id, bin_id, quantity, unit_cost_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const addMove = db.prepare(
      `INSERT INTO stock_movement (id, document_id, line_id, sku_id, bin_id, qty_delta, unit_cost_fen, at, staff_id, hlc)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const start = Date.UTC(2024, 0, 1);
    const end = Date.UTC(2026, 10, 1);
    const span = (end - start) / options.documents;
    const perDay = new Map<string, number>();
    let firstAt = '';
    let lastAt = '';
    const batch = db.transaction((from: number, to: number) => {
      for (let d = from; d < to; d++) {
        const ms = Math.floor(start + d * span);
        const at = new Date(ms).toISOString();
        if (!firstAt) firstAt = at;
        lastAt = at;
        const day = at.slice(0, 10).replace(/-/g, '');
        let r = rng.next();
        const kind = DOC_MIX.find((k) => (r -= k.share) < 0) ?? DOC_MIX[0]!;
        const seq = (perDay.get(kind.prefix + day) ?? 0) + 1;
        perDay.set(kind.prefix + day, seq);
        const id = newId();
        const by = people[d % people.length]!;
        const hlc = `${String(ms).padStart(13, '0')}-0000-BNCH`;
        addDoc.run({
          id,
          number: `${kind.prefix}-BNCH-${day}-${String(seq).padStart(4, '0')}`,
          type: kind.type,
          day: at.slice(0, 10),
          counterpart: kind.sign > 0 ? '义乌服装供应商' : '淘宝买家',
          at,
          by,
          hlc,
        });
        for (let n = 1; n <= options.linesPerDocument; n++) {
          const s = Math.floor(rng.next() * skuIds.length);
          const sku = skuIds[s]!;
          const home = homes[s]!;
          const bin = home[Math.floor(rng.next() * home.length)]!;
          const qty = kind.qty[0] + Math.floor(rng.next() * (kind.qty[1] - kind.qty[0] + 1));
          const lineId = newId();
          addLine.run(lineId, id, n, sku.id, bin, qty, sku.cost);
          addMove.run(newId(), id, lineId, sku.id, bin, kind.sign * qty, sku.cost, at, by, hlc);
        }
      }
    });
    step(
      `${options.documents} documents, ${options.documents * options.linesPerDocument} lines + movements (bulk SQL)`,
      () => {
        for (let d = 0; d < options.documents; d += 1000) {
          batch(d, Math.min(options.documents, d + 1000));
          if (d % 5000 === 0) log(`    … ${d} documents`);
        }
      },
    );
    step('indexes (rebuilt)', () => {
      for (const ix of indexes) db.exec(ix.sql);
    });
    const balances = step('stock_balance (one INSERT … SELECT GROUP BY)', () =>
      db.transaction(
        () =>
          db
            .prepare(
              `INSERT INTO stock_balance (sku_id, bin_id, on_hand)
               SELECT sku_id, bin_id, SUM(qty_delta) FROM stock_movement GROUP BY sku_id, bin_id`,
            )
            .run().changes,
      )(),
    );
    const broken = step('foreign_key_check', () => db.pragma('foreign_key_check') as unknown[]);
    if (broken.length) throw new Error(`the bulk rows break ${broken.length} foreign keys`);
    step('checkpoint', () => db.pragma('wal_checkpoint(TRUNCATE)'));
    const movements = (db.prepare('SELECT COUNT(*) AS n FROM stock_movement').get() as { n: number }).n;
    return { options, movements, balances, seconds, firstAt, lastAt };
  } finally {
    db.close();
  }
}

function seedBins(store: Store, by: string, n: number): string[] {
  const ids: string[] = [];
  store.tx(() => {
    for (let i = 0; i < n; i++) {
      const zone = String.fromCharCode(65 + Math.floor(i / 100));
      const shelf = String(1 + Math.floor((i % 100) / 5)).padStart(2, '0');
      const level = String(1 + (i % 5)).padStart(2, '0');
      const bin = saveBin(store, by, {
        code: `${zone}-${shelf}-${level}`,
        zone,
        kind: i === n - 1 ? 'defects' : 'normal',
        capacity: 2000,
        note: '',
      });
      ids.push(bin.id);
    }
  });
  return ids.slice(0, -1); // the last one is the defects bin: stock goes to normal bins
}

/**
 * The cached scale database (`scaleCache`): built on first use in
 * `<tmp>/shopdesk-bench-warehouse-<migrations key>-<options>`, reused (or upgraded) afterwards; a
 * `scale.json` next to it says it is complete. Returns its folder and figures.
 */
export async function warehouseScaleDb(
  options: WarehouseScaleOptions = WAREHOUSE_SCALE,
  log: (msg: string) => void = () => {},
): Promise<ScaleCache<WarehouseScaleInfo>> {
  const key = `${options.skus}-${options.bins}-${options.documents}x${options.linesPerDocument}-${options.seed}`;
  return scaleCache('warehouse', key, 'scale.json', (dir) => seedWarehouseScale(dir, options, log), log);
}
