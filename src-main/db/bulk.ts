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
  const width = columns.length;
  const full = Math.floor(rows.length / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
  if (full) {
    const many = store.stmt(insertSql(verb, table, columns, ROWS_PER_STATEMENT));
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
  if (full < rows.length) {
    const one = store.stmt(insertSql(verb, table, columns, 1));
    for (let i = full; i < rows.length; i++) one.run(rows[i] as unknown[]);
  }
}
