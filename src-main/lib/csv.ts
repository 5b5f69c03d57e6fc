// CSV reading and writing for imports and exports. Files are meant to be opened in Excel/WPS, so
// exports use CRLF line ends, an explicit encoding (UTF-8 with BOM, or GBK/GB18030) and formula-injection
// neutralising. Writing is streamed so that a million-row export runs in bounded memory.
import { once } from 'node:events';
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** A value that can go into a CSV cell (bigint for better-sqlite3's safeIntegers mode). */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/**
 * Parse CSV text (RFC 4180). Accepts CR, LF and CRLF line ends, even mixed; rows may differ in length;
 * fully empty lines are skipped; a leading BOM is dropped. A stray quote inside an unquoted cell
 * (`5" screen`) is kept as text rather than rejected, since hand-edited files have them.
 * Throws csv-parse's CsvError on malformed quoting (e.g. an unterminated quoted cell).
 */
export function parseCsv(text: string): string[][] {
  return parse(text, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  }) as string[][];
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Formula-injection defence: a cell starting with `=`, `+`, `-`, `@`, TAB or CR may be run as a formula
 * by a spreadsheet, so it gets a leading apostrophe, which Excel and WPS show as "text". Following OWASP
 * we prefix every such cell, with one exception: a plain (negative) number like `-12.50` stays as it is,
 * because refunds and stock adjustments must remain numbers in Excel. `+86…` is prefixed.
 */
export function neutralise(cell: string): string {
  const c = cell.charCodeAt(0); // NaN for '' — matches nothing
  if (c === 0x3d /* = */ || c === 0x2b /* + */ || c === 0x40 /* @ */ || c === 0x09 || c === 0x0d) {
    return "'" + cell;
  }
  if (c === 0x2d /* - */ && !PLAIN_NUMBER.test(cell)) return "'" + cell;
  return cell;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell as CSV text. Strings are neutralised, then quoted (with `"` doubled) when they hold a comma,
 * quote, CR or LF, or start/end with a space (which some readers trim) or start with U+FEFF (which
 * would read as a BOM). Numbers, bigints and booleans are written as-is; null/undefined as empty.
 */
export function csvCell(value: CsvValue): string {
  if (typeof value === 'string') {
    if (value.length === 0) return value;
    const s = neutralise(value);
    const first = s.charCodeAt(0);
    if (NEEDS_QUOTES.test(s) || first === 0x20 || first === 0xfeff || s.charCodeAt(s.length - 1) === 0x20) {
      return '"' + s.replaceAll('"', '""') + '"';
    }
    return s;
  }
  if (value === null || value === undefined) return '';
  return String(value);
}

/** One CSV record, ending in CRLF as Excel writes it. */
export function csvLine(cells: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(cells[i]);
  }
  return line + '\r\n';
}

export interface CsvWriteResult {
  /** Data rows written, not counting the header. */
  rows: number;
  /** Size of the file in bytes, BOM included. */
  bytes: number;
}

export type CsvWriteOptions = {
  /** 'gbk' is written as GB18030; see `encodeText` in encoding.ts. */
  encoding: 'utf8bom' | 'gbk';
  header: readonly string[];
  signal?: AbortSignal;
} & (
  | {
      /** Typically a better-sqlite3 `stmt.raw(true).iterate()`; read lazily, one row at a time. */
      rows: Iterable<readonly CsvValue[]> | AsyncIterable<readonly CsvValue[]>;
      lines?: undefined;
    }
  | {
      /** Finished CSV lines ending in CRLF, e.g. built by SQLite with `sqlCsvLine` (much faster). */
      lines: Iterable<string>;
      rows?: undefined;
    }
);

/**
 * An SQL expression that renders `expr` (a TEXT value or NULL) exactly as `csvCell` would: NULL and
 * '' → empty; neutralised like `neutralise`; quoted like `csvCell`. Letting SQLite build the lines
 * saves creating a JS value per cell, which dominates big exports. Kept equal to `csvCell` by a
 * property test (tests/unit/csv.test.ts).
 */
export function sqlCsvText(expr: string): string {
  const x = `(${expr})`;
  const first = `substr(${x}, 1, 1)`;
  // Most cells need nothing: no quote, comma, CR or LF anywhere (one GLOB; the literal holds a
  // real CR and LF), and no special first character or trailing space. Only the rest pay for
  // the full rules below.
  const plain = `(${x} NOT GLOB '*[",\r\n]*' AND ${first} NOT IN ('=', '+', '-', '@', char(9), ' ', char(65279)) AND substr(${x}, -1, 1) <> ' ')`;
  // A plain number such as -12.50 (/^-?\d+(\.\d+)?$/) is not neutralised.
  const plainNegative = `(${x} GLOB '-[0-9]*' AND substr(${x}, 2) NOT GLOB '*[^0-9.]*' AND ${x} NOT GLOB '*.*.*' AND ${x} NOT GLOB '*.')`;
  const neutralised = `CASE WHEN ${first} IN ('=', '+', '@', char(9), char(13)) OR (${first} = '-' AND NOT ${plainNegative}) THEN '''' || ${x} ELSE ${x} END`;
  const needsQuotes = `(instr(${x}, '"') OR instr(${x}, ',') OR instr(${x}, char(13)) OR instr(${x}, char(10)) OR ${first} IN (' ', char(65279)) OR substr(${x}, -1, 1) = ' ')`;
  return `CASE WHEN ${x} IS NULL THEN '' WHEN ${plain} THEN ${x} WHEN ${needsQuotes} THEN '"' || replace(${neutralised}, '"', '""') || '"' ELSE ${neutralised} END`;
}

/** An SQL expression for a whole CSV line (CRLF included) from already-rendered cell expressions. */
export function sqlCsvLine(cells: readonly string[]): string {
  return `${cells.map((c) => `(${c})`).join(" || ',' || ")} || char(13, 10)`;
}

/** Characters collected before encoding and writing; large enough to make per-write costs vanish. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Write a CSV file, streamed: rows are turned into text in ~64 KiB chunks, each chunk encoded and
 * written, and we wait for 'drain' only when the stream's buffer is full — no per-row promises or
 * buffers. The file appears at `filePath` only when complete: we write `filePath + '.partial'` and
 * rename it at the end; on any error (or abort through `signal`) the partial file is removed and
 * the error rethrown.
 */
export async function writeCsvFile(filePath: string, opts: CsvWriteOptions): Promise<CsvWriteResult> {
  const { signal, rows } = opts;
  signal?.throwIfAborted();
  const partialPath = filePath + '.partial';
  const out = fs.createWriteStream(partialPath, { highWaterMark: 1024 * 1024 });
  let streamError: unknown = null;
  out.on('error', (err) => {
    streamError ??= err;
  });
  // GB18030 rather than plain GBK: same bytes for GBK's characters, and no '?' for the others.
  // Chunks always end on a whole line, so encoding chunk by chunk never splits a character.
  const encode =
    opts.encoding === 'gbk'
      ? (s: string) => iconv.encode(s, 'gb18030')
      : (s: string) => Buffer.from(s, 'utf8');

  let chunk = (opts.encoding === 'utf8bom' ? '\uFEFF' : '') + csvLine(opts.header);
  let rowCount = 0;
  let bytes = 0;

  const flush = async (): Promise<void> => {
    if (streamError !== null) throw streamError;
    signal?.throwIfAborted();
    const buf = encode(chunk);
    chunk = '';
    bytes += buf.length;
    // once() rejects on 'error' and on abort, so a failing disk or a cancel never leaves us hanging.
    if (!out.write(buf)) await once(out, 'drain', { signal });
  };

  try {
    if (opts.lines) {
      for (const line of opts.lines) {
        chunk += line;
        rowCount++;
        if (chunk.length >= CHUNK_CHARS) await flush();
      }
    } else if (Symbol.asyncIterator in rows!) {
      for await (const row of rows as AsyncIterable<readonly CsvValue[]>) {
        chunk += csvLine(row);
        rowCount++;
        if (chunk.length >= CHUNK_CHARS) await flush();
      }
    } else {
      for (const row of rows as Iterable<readonly CsvValue[]>) {
        chunk += csvLine(row);
        rowCount++;
        if (chunk.length >= CHUNK_CHARS) await flush();
      }
    }
    if (chunk.length > 0) await flush();
    out.end();
    await finished(out); // waits for 'close' too, so the file handle is released before the rename
    if (streamError !== null) throw streamError;
    await fs.promises.rename(partialPath, filePath);
    return { rows: rowCount, bytes };
  } catch (err) {
    out.destroy();
    await finished(out).catch(() => undefined);
    await fs.promises.rm(partialPath, { force: true }).catch(() => undefined);
    throw err;
  }
}
