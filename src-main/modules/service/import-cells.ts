// Reading Taobao seller-centre exports (docs TAOBAO_FORMATS.md), shared by the order import and
// the 退款报表 import: the file as tables (CSV with encoding detection, or every sheet of an
// xls/xlsx), header lookup by trimmed name with aliases, and the cell quirks (`="…"`, a leading
// apostrophe, `元`, Excel serial times, ids as text).
import * as XLSX from '@e965/xlsx';
import { parseCsv } from '../../lib/csv';
import { decodeBytes, EncodingError } from '../../lib/encoding';
import { AppError } from '../../lib/errors';
import { parseYuan } from '../../lib/money';
import { localToUtc } from './common';

export type Cell = string | number | boolean | null | undefined;

/** One table of a file: a CSV, or one sheet of a workbook, with the kind its headers tell. */
export interface SheetTable<K extends string> {
  kind: K;
  fileName: string;
  header: string[];
  body: Cell[][];
}

/** A cell as text: `="…"` unwrapped, a leading apostrophe dropped, trimmed. */
export function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return String(c);
  let s = String(c).trim();
  // Most cells are plain: the formula test only for those starting with `=` (100,000s of cells).
  if (s.charCodeAt(0) === 0x3d) {
    const formula = /^="(.*)"$/s.exec(s);
    if (formula) s = formula[1]!.replace(/""/g, '"').trim();
  }
  if (s.charCodeAt(0) === 0x27) s = s.slice(1).trim();
  return s;
}

export function headerIndex<C extends string>(
  header: string[],
  columns: Record<C, readonly string[]>,
): Partial<Record<C, number>> {
  const names = header.map((h) =>
    cellText(h)
      .replace(/^\uFEFF/, '')
      .trim(),
  );
  const map: Partial<Record<C, number>> = {};
  for (const [col, aliases] of Object.entries(columns) as [C, readonly string[]][]) {
    for (const a of aliases) {
      const i = names.indexOf(a);
      if (i >= 0) {
        map[col] = i;
        break;
      }
    }
  }
  return map;
}

/** Excel serial day number → wall-clock parts (the 1900 date system). */
function serialParts(n: number): [number, number, number, number, number, number] {
  const d = new Date(Date.UTC(1899, 11, 30) + Math.round(n * 86_400) * 1000);
  return [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
  ];
}

/** A shop-local time cell → UTC ISO; '' → null; undefined → not a time. */
export function timeCell(c: Cell, tz: string): string | null | undefined {
  if (typeof c === 'number') {
    if (!(c > 0 && c < 2_958_466)) return undefined;
    return localToUtc(tz, ...serialParts(c));
  }
  const s = cellText(c);
  if (!s) return null;
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || se! > 59) return undefined;
  return localToUtc(tz, y!, mo!, d!, h!, mi!, se!);
}

/** Money: a number (xlsx) or yuan text with ¥ / 元; '' → 0. Null when not money. */
export function moneyCell(c: Cell): number | null {
  if (typeof c === 'number') return c >= 0 && c < 1e8 ? Math.round(c * 100) : null;
  const s = cellText(c);
  if (!s) return 0;
  return parseYuan(s);
}

/** An order id: 6–20 digits, kept as text. An xlsx number past 2^53 has lost digits. */
export function idCell(c: Cell): { ok: true; value: string } | { ok: false; key: string } {
  if (typeof c === 'number') {
    if (Number.isSafeInteger(c) && c > 0) return { ok: true, value: String(c) };
    return { ok: false, key: 'orderImport.idPrecision' };
  }
  const s = cellText(c);
  if (!s) return { ok: false, key: 'validation.required' };
  if (!/^\d{6,20}$/.test(s)) return { ok: false, key: 'orderImport.badOrderNo' };
  return { ok: true, value: s };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * The common case of `parseCsv` (lib/csv.ts, csv-parse) several times faster, for 100,000-row
 * exports: comma-separated, `"…"` cells with `""` inside, a quote inside an unquoted cell kept as
 * text (`="123"`), CR / LF / CRLF line ends, rows of any length, lines with no characters skipped,
 * a leading BOM dropped. Returns null for anything else (text after a closing quote, an unclosed
 * quote), so the caller falls back to `parseCsv`, which decides (or refuses) as before.
 */
export function parseCsvFast(text: string): string[][] | null {
  const rows: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: string[] = [];
  let lineStart = i;
  while (i <= n) {
    let c = i < n ? text.charCodeAt(i) : -1;
    if (c === QUOTE) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) return null;
        value += text.slice(j, k);
        if (text.charCodeAt(k + 1) === QUOTE) {
          value += '"';
          j = k + 2;
          continue;
        }
        i = k + 1;
        break;
      }
      c = i < n ? text.charCodeAt(i) : -1;
      if (c !== COMMA && c !== CR && c !== LF && c !== -1) return null;
      row.push(value);
    } else {
      let k = i;
      while (k < n) {
        const d = text.charCodeAt(k);
        if (d === COMMA || d === CR || d === LF) break;
        k++;
      }
      row.push(text.slice(i, k));
      i = k;
      c = i < n ? text.charCodeAt(i) : -1;
    }
    if (c === COMMA) {
      i++;
      continue;
    }
    // End of a line (or of the text): a line with no characters at all is no row.
    if (!(row.length === 1 && i === lineStart)) rows.push(row);
    row = [];
    if (c === -1) break;
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    lineStart = i;
    if (i === n) break;
  }
  return rows;
}

export function readSheets<K extends string>(
  fileName: string,
  bytes: Buffer,
  kindOf: (header: string[]) => K | null,
): { tables: SheetTable<K>[]; encoding: string } {
  const zip =
    bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const ole =
    bytes.length > 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1;
  const tables: SheetTable<K>[] = [];
  if (zip || ole) {
    let wb: XLSX.WorkBook;
    try {
      wb = XLSX.read(bytes, {
        type: 'buffer',
        dense: true,
        cellFormula: false,
        cellHTML: false,
        cellText: false,
      });
    } catch {
      throw new AppError('VALIDATION', 'orderImport.badXlsx', { file: fileName });
    }
    for (const name of wb.SheetNames) {
      const rows = XLSX.utils.sheet_to_json<Cell[]>(wb.Sheets[name]!, {
        header: 1,
        raw: true,
        defval: '',
        blankrows: true,
      });
      const [header, ...body] = rows;
      if (!header) continue;
      const h = header.map((x) => cellText(x));
      const kind = kindOf(h);
      if (kind) tables.push({ kind, fileName, header: h, body });
    }
    return { tables, encoding: zip ? 'xlsx' : 'xls' };
  }
  let decoded: { text: string; encoding: string };
  try {
    decoded = decodeBytes(bytes);
  } catch (e) {
    if (e instanceof EncodingError)
      throw new AppError('VALIDATION', 'orderImport.encoding', { file: fileName });
    throw e;
  }
  let table: string[][];
  try {
    table = parseCsvFast(decoded.text) ?? parseCsv(decoded.text);
  } catch {
    throw new AppError('VALIDATION', 'orderImport.badCsv', { file: fileName });
  }
  const [header, ...body] = table;
  if (header) {
    const kind = kindOf(header);
    if (kind) tables.push({ kind, fileName, header, body });
  }
  return { tables, encoding: decoded.encoding };
}

export function isBlank(row: Cell[]): boolean {
  return row.every((c) => cellText(c) === '');
}
