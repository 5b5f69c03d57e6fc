// Pure helpers: money (src-main/lib/money.ts) and Chinese search text (src-main/lib/text.ts).
// (The LIKE-escaping helper `containsPattern` is gone: the catalog search now uses instr(), and
// catalog.test.ts checks that % _ \ in a query are matched literally.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan } from '../../src-main/lib/money';
import { pinyinInitials, SEARCH_SEP, searchText } from '../../src-main/lib/text';

describe('parseYuan', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['12.50', 1250],
    ['0.01', 1],
    ['0', 0],
    ['0.5', 50],
    ['59.00', 5900],
    ['¥1,234.56', 123456],
    ['￥88', 8800],
    ['12.00元', 1200],
    ['  7.10  ', 710],
    ['1,000,000', 100_000_000],
    ['99999999.99', 9_999_999_999],
  ])('%j → %i fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '-1',
    '-0.01',
    'abc',
    '1.234',
    '',
    '   ',
    '1e3',
    '12.',
    '.5',
    '12.3.4',
    '¥',
    '元',
    '100000000', // nine digits of yuan: beyond anything a shop sells
    '无退款申请',
    '0x10',
    'NaN',
    'Infinity',
    '１２', // full-width digits
  ])('rejects %j', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  // A comma is only a thousands separator: "12,5" (a decimal comma typed by habit) must not become
  // ¥125, ten times the meant ¥12.5. Only groups of three digits after a comma are a number.
  it.each(['12,5', '1,2,3', '1,00', ',12', '12,'])('rejects misplaced thousands separators: %j', (text) => {
    expect(parseYuan(text)).toBeNull();
  });

  it('never returns a fractional or negative number of fen (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseYuan(s);
        return v === null || (Number.isInteger(v) && v >= 0);
      }),
    );
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [5900, '59.00'],
    [6990, '69.90'],
    [123456, '1234.56'],
    [-1250, '-12.50'],
    [-1, '-0.01'],
    [1_000_000_000, '10000000.00'],
  ])('%i fen → %j', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('round-trips through parseYuan for every amount up to ¥10,000,000 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (fen) => parseYuan(formatYuan(fen)) === fen),
    );
  });
});

describe('pinyinInitials', () => {
  it.each([
    ['纯棉圆领短袖T恤 男款', 'cmyldxtxnk'],
    ['纯棉短袖T恤', 'cmdxtx'],
    ['2026新款连衣裙', '2026xklyq'],
    ['iPhone 15 手机壳', 'iphone15sjk'],
    ['（促销）女装·长袖', 'cxnzcx'],
    ['ABC', 'abc'],
    ['', ''],
  ])('%j → %j', (title, initials) => {
    expect(pinyinInitials(title)).toBe(initials);
  });

  it('gives only lower-case letters and digits', () => {
    fc.assert(fc.property(fc.string(), (s) => /^[a-z0-9]*$/.test(pinyinInitials(s))));
  });
});

describe('searchText', () => {
  const text = searchText({
    title: '纯棉圆领短袖T恤 男款',
    code: 'TX001-WH-L',
    barcode: '6901234567892',
    spec: '颜色分类:白色;尺码:L',
  });

  it('holds the lower-cased title, its initials, the codes and the spec, in separate parts', () => {
    expect(text.split(SEARCH_SEP)).toEqual([
      '纯棉圆领短袖t恤 男款',
      'cmyldxtxnk',
      'tx001-wh-l',
      '6901234567892',
      '颜色分类:白色;尺码:l',
    ]);
    expect(text).toBe(text.toLowerCase());
  });

  it('keeps parts apart so that a substring match never spans two of them', () => {
    // "男款" ends the title and "cm" starts the initials: without a separator "款cm" would match.
    expect(text.includes('款cm')).toBe(false);
    expect(text.includes('nktx001')).toBe(false);
    expect(SEARCH_SEP).not.toMatch(/[\p{L}\p{N}\p{P}\s]/u);
  });

  it('keeps an empty barcode as an empty part (the number of parts is fixed)', () => {
    const t = searchText({ title: 'A', code: 'B', barcode: '', spec: '' });
    expect(t.split(SEARCH_SEP)).toEqual(['a', 'a', 'b', '', '']);
  });
});
