// Multi-row INSERTs for bulk writes (the order import): one statement per ROWS_PER_STATEMENT rows
// instead of one per row — far fewer VM starts and bind calls. Statements are prepared once per
// table and shape through `store.stmt` (the full batch, and the single-row one for the remainder),
// values bound positionally from one flat array. Same rows, same order as inserting one by one:
// triggers still fire per row, constraints are checked the same, and a failure aborts the caller's
// transaction as before.
import type { Store } from './store';

/** Rows per statement: 100 rows × ≤ 30 columns stays far below SQLite's 32,766 variables. */
export const ROWS_PER_STATEMENT = 100;

/** The INSERT of `rows` value groups; table and column names come from code, never from input. */
function insertSql(verb: string, table: string, columns: readonly string[], rows: number): string {
  const group = `(${columns.map(() => '?').join(', ')})`;
  return `${verb} INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => group).join(', ')}`;
}

/** The full-batch and single-row statements of one table and shape, prepared once per store. */
const prepared = new WeakMap<Store, Map<string, { many: Statement; one: Statement }>>();
type Statement = ReturnType<Store['db']['prepare']>;

function statements(
  store: Store,
  verb: string,
  table: string,
  columns: readonly string[],
): { many: Statement; one: Statement } {
  let byShape = prepared.get(store);
  if (!byShape) prepared.set(store, (byShape = new Map()));
  const key = `${verb}|${table}|${columns.join(',')}`;
  let s = byShape.get(key);
  if (!s) {
    s = {
      many: store.stmt(insertSql(verb, table, columns, ROWS_PER_STATEMENT)),
      one: store.stmt(insertSql(verb, table, columns, 1)),
    };
    byShape.set(key, s);
  }
  return s;
}

/**
 * Insert `rows` (each one value per column, in `columns` order) in file order. `verb` is
 * `INSERT` or `INSERT OR IGNORE`. Call inside the caller's transaction.
 */
export function insertRows(
  store: Store,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  verb: 'INSERT' | 'INSERT OR IGNORE' = 'INSERT',
): void {
  if (!store.db.inTransaction) throw new Error('bulk inserts must run inside a transaction');
  if (!rows.length) return;
  const { many, one } = statements(store, verb, table, columns);
  const width = columns.length;
  const full = Math.floor(rows.length / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
  if (full) {
    const values: unknown[] = new Array(width * ROWS_PER_STATEMENT);
    for (let r = 0; r < full; r += ROWS_PER_STATEMENT) {
      let k = 0;
      for (let i = r; i < r + ROWS_PER_STATEMENT; i++) {
        const row = rows[i]!;
        for (let c = 0; c < width; c++) values[k++] = row[c];
      }
      many.run(values);
    }
  }
  for (let i = full; i < rows.length; i++) one.run(rows[i] as unknown[]);
}

/**
 * Rows gathered for one table and written a full statement at a time as they come (so a large
 * import does not hold them all in memory), the rest by `flushAll`. The caller decides when, so
 * rows that reference others are written after them (foreign keys are checked per statement).
 */
export class RowBuffer {
  private rows: unknown[][] = [];

  constructor(
    private readonly store: Store,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly verb: 'INSERT' | 'INSERT OR IGNORE' = 'INSERT',
  ) {}

  push(row: unknown[]): void {
    this.rows.push(row);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Write every full statement's worth gathered so far; keep the rest (fewer than one statement). */
  flushFull(): void {
    const n = Math.floor(this.rows.length / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
    if (!n) return;
    insertRows(this.store, this.table, this.columns, this.rows.slice(0, n), this.verb);
    this.rows = this.rows.slice(n);
  }

  /** Write everything gathered. */
  flushAll(): void {
    if (!this.rows.length) return;
    insertRows(this.store, this.table, this.columns, this.rows, this.verb);
    this.rows = [];
  }
}
