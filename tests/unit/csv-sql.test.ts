// The SQL renderers used by big exports must produce exactly what the JS renderers produce.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell, csvLine, sqlCsvLine, sqlCsvText } from '../../src-main/lib/csv';
import { formatYuan, sqlFormatYuan } from '../../src-main/lib/money';

const db = new Database(':memory:');
afterAll(() => db.close());
const cellStmt = db.prepare(`SELECT ${sqlCsvText('@v')} AS out`).pluck(true);
const yuanStmt = db.prepare(`SELECT ${sqlFormatYuan('@v')} AS out`).pluck(true);

describe('sqlCsvText', () => {
  it.each([
    [''],
    ['plain'],
    ['纯棉T恤'],
    ['=HYPERLINK("http://x")'],
    ['+86 138'],
    ['-12.50'],
    ['-12.'],
    ['-1.2.3'],
    ['-.5'],
    ['-abc'],
    ['@cmd'],
    ['\tTAB'],
    ['\rCR'],
    ['a,b'],
    ['say "hi"'],
    ['line1\nline2'],
    [' leading'],
    ['trailing '],
    ['\uFEFFbom'],
    ['颜色分类:黑色;尺码:XL'],
  ])('renders %j like csvCell', (v) => {
    expect(cellStmt.get({ v })).toBe(csvCell(v));
  });

  it('renders NULL as an empty cell', () => {
    expect(cellStmt.get({ v: null })).toBe('');
  });

  it('matches csvCell for arbitrary strings', () => {
    const interesting = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '"',
      ',',
      ' ',
      '.',
      '1',
      '9',
      '中',
      '\uFEFF',
    );
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.array(interesting, { maxLength: 12 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(text, (v) => {
        expect(cellStmt.get({ v })).toBe(csvCell(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('builds a whole line like csvLine', () => {
    const line = db
      .prepare(`SELECT ${sqlCsvLine([sqlCsvText('@a'), sqlCsvText('@b'), sqlFormatYuan('@c')])}`)
      .pluck(true)
      .get({ a: '=1+1', b: '含,逗号', c: 5990 });
    expect(line).toBe(csvLine(['=1+1', '含,逗号', '59.90']));
  });
});

describe('sqlFormatYuan', () => {
  it('matches formatYuan for arbitrary fen amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (v) => {
        expect(yuanStmt.get({ v })).toBe(formatYuan(v));
      }),
      { numRuns: 2000 },
    );
  });
});
