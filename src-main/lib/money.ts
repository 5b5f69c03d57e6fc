// Money is integer fen (分). Pure helpers, shared with the renderer.

/** Parse a yuan amount typed by a person or found in a CSV cell ("12", "12.5", "¥1,234.56", "12.00元"). */
export function parseYuan(text: string): number | null {
  const s = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .trim();
  // Digits, optionally grouped in thousands with commas ("1,234.56"); at most two decimals.
  const m = /^(\d{1,8}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Format fen as yuan with two decimals, no currency sign ("1234.50"). */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An SQL expression rendering integer fen `expr` exactly as `formatYuan` does (for SQL-built exports). */
export function sqlFormatYuan(expr: string): string {
  const x = `(${expr})`;
  const abs = `CAST(abs(${x}) AS INTEGER)`;
  return `CASE WHEN ${x} IS NULL THEN '' ELSE (CASE WHEN ${x} < 0 THEN '-' ELSE '' END || (${abs} / 100) || '.' || printf('%02d', ${abs} % 100)) END`;
}
