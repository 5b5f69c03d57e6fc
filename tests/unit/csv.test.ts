import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutralise, parseCsv, writeCsvFile, type CsvValue } from '../../src-main/lib/csv';
import { decodeBytes, encodeText, EncodingError } from '../../src-main/lib/encoding';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-csv-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GBK_SAMPLE = '商家编码,商品标题\r\nA001,纯棉短袖T恤 男款\r\n';
const TRADITIONAL =
  '商家編碼,商品標題,價格\r\nA001,純棉短袖T恤 男款 夏季新品，舒適透氣,59.00\r\nA002,加絨衛衣 女款 寬鬆,129.00\r\n';
const JAPANESE =
  '商品コード,商品名,価格\r\nA001,綿100%半袖Tシャツ メンズ,5900\r\nA002,裏起毛パーカー レディース,12900\r\n';

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

function expectRefused(bytes: Uint8Array): void {
  let error: unknown;
  try {
    decodeBytes(bytes);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(EncodingError);
  expect((error as EncodingError).key).toBe('import.encoding');
}

/** Deterministic pseudo-random bytes (xorshift32), so a failure can be reproduced. */
function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

describe('decodeBytes', () => {
  it('decodes UTF-8 with a BOM and strips the BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GBK_SAMPLE, 'utf8')]);
    expect(decodeBytes(bytes)).toEqual({ text: GBK_SAMPLE, encoding: 'UTF-8 BOM' });
  });

  it('decodes UTF-8 without a BOM', () => {
    expect(decodeBytes(Buffer.from(GBK_SAMPLE, 'utf8'))).toEqual({ text: GBK_SAMPLE, encoding: 'UTF-8' });
  });

  it('decodes plain ASCII as UTF-8', () => {
    expect(decodeBytes(Buffer.from('sku,qty\r\nA1,3\r\n'))).toEqual({
      text: 'sku,qty\r\nA1,3\r\n',
      encoding: 'UTF-8',
    });
  });

  it('decodes an empty input as empty UTF-8', () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ text: '', encoding: 'UTF-8' });
  });

  it('decodes GBK bytes as GB18030', () => {
    const bytes = iconv.encode(GBK_SAMPLE, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(decodeBytes(bytes)).toEqual({ text: GBK_SAMPLE, encoding: 'GB18030' });
  });

  it('decodes a GBK view inside a larger buffer (byteOffset respected)', () => {
    const gbk = iconv.encode(GBK_SAMPLE, 'gbk');
    const backing = new Uint8Array(gbk.length + 10);
    backing.set(gbk, 5);
    expect(decodeBytes(backing.subarray(5, 5 + gbk.length)).text).toBe(GBK_SAMPLE);
  });

  it('decodes characters only GB18030 has (four-byte and extension area)', () => {
    const text = '姓名,备注\r\n王䶮,生僻字𠀀\r\n';
    const bytes = iconv.encode(text, 'gb18030');
    expect(decodeBytes(bytes)).toEqual({ text, encoding: 'GB18030' });
  });

  it('accepts Traditional Chinese saved as GBK', () => {
    expect(decodeBytes(iconv.encode(TRADITIONAL, 'gbk'))).toEqual({ text: TRADITIONAL, encoding: 'GB18030' });
  });

  it('accepts an ASCII file with a single rare GBK character', () => {
    const text = 'name,qty\r\nZhang 喆,1\r\n';
    expect(decodeBytes(iconv.encode(text, 'gbk')).text).toBe(text);
  });

  it('decodes UTF-16LE with a BOM', () => {
    const bytes = Buffer.concat([UTF16LE_BOM, Buffer.from(GBK_SAMPLE, 'utf16le')]);
    expect(decodeBytes(bytes)).toEqual({ text: GBK_SAMPLE, encoding: 'UTF-16LE' });
  });

  it('decodes UTF-16BE with a BOM', () => {
    const bytes = Buffer.concat([UTF16BE_BOM, Buffer.from(GBK_SAMPLE, 'utf16le').swap16()]);
    expect(decodeBytes(bytes)).toEqual({ text: GBK_SAMPLE, encoding: 'UTF-16BE' });
  });

  it('refuses UTF-16 with a BOM but an odd byte count', () => {
    expectRefused(Buffer.concat([UTF16LE_BOM, Buffer.from('ab', 'utf16le'), Buffer.from([0x41])]));
    expectRefused(Buffer.concat([UTF16BE_BOM, Buffer.from([0x00, 0x41, 0x00])]));
  });

  it('refuses a UTF-8 BOM followed by invalid UTF-8', () => {
    expectRefused(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(GBK_SAMPLE, 'gbk')]));
  });

  it('refuses UTF-16LE and UTF-16BE without a BOM', () => {
    expectRefused(Buffer.from(GBK_SAMPLE, 'utf16le'));
    expectRefused(Buffer.from('sku,qty\r\nA1,3\r\n', 'utf16le'));
    expectRefused(Buffer.from(GBK_SAMPLE, 'utf16le').swap16());
  });

  it('refuses random binary data', () => {
    for (let seed = 1; seed <= 50; seed++) expectRefused(pseudoRandomBytes(512, seed));
  });

  it('refuses arbitrary binary data (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 2048 }), (bytes) => {
        expectRefused(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses binary data without control bytes', () => {
    // Only bytes 0x20..0xFF, so the control-character rule cannot be what refuses it.
    const bytes = pseudoRandomBytes(1024, 7).map((b) => 0x20 + (b % 0xe0));
    expectRefused(bytes);
  });

  it('refuses well-formed GBK byte pairs that are not plausible text', () => {
    // Every pair is a valid GBK code, so only the "mostly common characters" rule can refuse it.
    const random = pseudoRandomBytes(2000, 11);
    const bytes: number[] = [];
    for (let i = 0; i < random.length; i += 2) {
      const trail = 0x40 + (random[i + 1]! % 0xbf);
      bytes.push(0x81 + (random[i]! % 0x7e), trail === 0x7f ? 0x80 : trail);
    }
    const text = iconv.decode(Buffer.from(bytes), 'gb18030');
    expect(text).not.toContain('\uFFFD');
    expectRefused(Uint8Array.from(bytes));
  });

  it('refuses a Big5 file', () => {
    expectRefused(iconv.encode(TRADITIONAL, 'big5'));
  });

  it('refuses a Shift-JIS file', () => {
    expectRefused(iconv.encode(JAPANESE, 'shiftjis'));
  });

  it('refuses text with NUL or other control characters', () => {
    expectRefused(Buffer.from('a,b\u0000\r\n'));
    expectRefused(iconv.encode('商品,\u0001数量\r\n', 'gbk'));
  });

  it('reads back what encodeText wrote', () => {
    const text = '编码,标题\r\nA1,"含""引号"" 与 逗号, 的标题"\r\n';
    const utf8 = encodeText(text, 'utf8bom');
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(decodeBytes(utf8)).toEqual({ text, encoding: 'UTF-8 BOM' });
    const gbk = encodeText(text, 'gbk');
    expect(gbk.equals(iconv.encode(text, 'gbk'))).toBe(true); // GBK characters: same bytes as GBK
    expect(decodeBytes(gbk)).toEqual({ text, encoding: 'GB18030' });
    // Characters outside GBK survive in the 'gbk' option instead of becoming '?'.
    expect(iconv.decode(encodeText('王䶮 😀', 'gbk'), 'gb18030')).toBe('王䶮 😀');
  });
});

describe('parseCsv', () => {
  it('parses quotes, doubled quotes, commas and newlines inside cells', () => {
    const text = 'a,"b,c","say ""hi""","line1\r\nline2","x\ny"\r\n';
    expect(parseCsv(text)).toEqual([['a', 'b,c', 'say "hi"', 'line1\r\nline2', 'x\ny']]);
  });

  it('accepts CRLF, LF and CR line ends, also mixed in one file', () => {
    const expected = [
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ];
    expect(parseCsv('a,b\r\nc,d\r\ne,f\r\n')).toEqual(expected);
    expect(parseCsv('a,b\nc,d\ne,f\n')).toEqual(expected);
    expect(parseCsv('a,b\rc,d\re,f')).toEqual(expected);
    expect(parseCsv('a,b\nc,d\r\ne,f\r')).toEqual(expected);
  });

  it('tolerates rows of different lengths', () => {
    expect(parseCsv('a,b,c\r\nd\r\ne,f\r\n')).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
  });

  it('skips fully empty lines but keeps rows of empty cells', () => {
    expect(parseCsv('a,b\r\n\r\n\n,\r\nc,d\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['', ''],
      ['c', 'd'],
    ]);
  });

  it('strips a leading BOM', () => {
    expect(parseCsv('\uFEFFsku,qty\r\nA1,2\r\n')).toEqual([
      ['sku', 'qty'],
      ['A1', '2'],
    ]);
  });

  it('keeps a stray quote inside an unquoted cell', () => {
    expect(parseCsv('a,5" screen,b\r\n')).toEqual([['a', '5" screen', 'b']]);
  });

  it('returns no rows for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('throws on an unterminated quoted cell', () => {
    expect(() => parseCsv('a,"open\r\n')).toThrow();
  });
});

describe('neutralise', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tX', "'\tX"],
    ['\rX', "'\rX"],
    ['=', "'="],
    ['+86', "'+86"],
    ['-', "'-"],
    ['-1e5', "'-1e5"],
    ['-12.', "'-12."],
    ['-12.50', '-12.50'],
    ['-3', '-3'],
    ['12.50', '12.50'],
    ['abc', 'abc'],
    ['a=b', 'a=b'],
    ['', ''],
    ['纯棉', '纯棉'],
  ])('%j → %j', (input, expected) => {
    expect(neutralise(input)).toBe(expected);
  });
});

describe('csvCell and csvLine', () => {
  it.each<[CsvValue, string]>([
    [null, ''],
    [undefined, ''],
    ['', ''],
    ['plain', 'plain'],
    ['纯棉短袖T恤 男款', '纯棉短袖T恤 男款'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rhere', '"cr\rhere"'],
    [' leading', '" leading"'],
    ['trailing ', '"trailing "'],
    ['\uFEFFbom', '"\uFEFFbom"'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['=1+2', "'=1+2"],
    ['\rX', '"\'\rX"'],
    ['-12.50', '-12.50'],
    [-12.5, '-12.5'],
    [42, '42'],
    [0, '0'],
    [true, 'true'],
    [false, 'false'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes a bigint in full', () => {
    expect(csvCell(12345678901234567890n)).toBe('12345678901234567890');
  });

  it('joins cells with commas and ends in CRLF', () => {
    expect(csvLine(['A001', 'a,b', 3, null, '=x'])).toBe('A001,"a,b",3,,\'=x\r\n');
    expect(csvLine([])).toBe('\r\n');
  });

  // Strings rich in the characters that matter to CSV, plus arbitrary Unicode.
  const special = fc.constantFrom(
    ',',
    '"',
    '\r',
    '\n',
    '\r\n',
    ' ',
    '\t',
    '=',
    '+',
    '-',
    '@',
    "'",
    '\uFEFF',
    '1',
    '.',
    'a',
    '中',
  );
  const cell = fc.oneof(
    fc.string({ unit: special, maxLength: 8 }),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
  );
  const row = fc.array(cell, { maxLength: 6 });
  const nonBlank = (r: readonly string[]): boolean => !(r.length === 0 || (r.length === 1 && r[0] === ''));

  it('csvLine → parseCsv gives back the neutralised cells (property)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 5 }), (rows) => {
        const text = rows.map((r) => csvLine(r)).join('');
        const expected = rows.filter(nonBlank).map((r) => r.map(neutralise));
        expect(parseCsv(text)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('writeCsvFile', () => {
  const header = ['商家编码', '商品标题', '价格', '备注'];
  const rows: CsvValue[][] = [
    ['A001', '纯棉短袖T恤 男款', 59, null],
    ['A002', '印花 "潮牌" 卫衣, 加绒', -12.5, '第一行\r\n第二行'],
    ['A003', '=HYPERLINK("http://evil")', '-12.50', '@SUM(1+1)'],
    ['A004', '+86 138', 0, '-abc'],
    ['A005', '', true, '\n'],
  ];
  const expectedCells = [
    header,
    ...rows.map((r) => r.map((v) => (typeof v === 'string' ? neutralise(v) : csvCell(v)))),
  ];

  it('writes UTF-8 with a BOM that reads back cell for cell', async () => {
    const file = path.join(tmp, 'utf8.csv');
    const result = await writeCsvFile(file, { encoding: 'utf8bom', header, rows });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(result).toEqual({ rows: rows.length, bytes: bytes.length });
    const { text, encoding } = decodeBytes(bytes);
    expect(encoding).toBe('UTF-8 BOM');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(expectedCells);
    expect(parseCsv(text)[3]?.[1]).toBe('\'=HYPERLINK("http://evil")');
    expect(fs.existsSync(file + '.partial')).toBe(false);
  });

  it('writes GBK (GB18030) without a BOM that reads back cell for cell', async () => {
    const file = path.join(tmp, 'gbk.csv');
    const result = await writeCsvFile(file, { encoding: 'gbk', header, rows });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(result).toEqual({ rows: rows.length, bytes: bytes.length });
    const { text, encoding } = decodeBytes(bytes);
    expect(encoding).toBe('GB18030');
    expect(text.startsWith('商家编码,商品标题')).toBe(true);
    expect(parseCsv(text)).toEqual(expectedCells);
    expect(fs.existsSync(file + '.partial')).toBe(false);
  });

  it('accepts an async iterable and replaces an existing file', async () => {
    const file = path.join(tmp, 'async.csv');
    fs.writeFileSync(file, 'old contents');
    async function* source(): AsyncGenerator<CsvValue[]> {
      for (let i = 0; i < 1000; i++) yield [`S${i}`, i];
    }
    const result = await writeCsvFile(file, { encoding: 'utf8bom', header: ['sku', 'n'], rows: source() });
    expect(result.rows).toBe(1000);
    const parsed = parseCsv(decodeBytes(fs.readFileSync(file)).text);
    expect(parsed).toHaveLength(1001);
    expect(parsed[1000]).toEqual(['S999', '999']);
  });

  it('writes an empty export as just the header', async () => {
    const file = path.join(tmp, 'empty.csv');
    const result = await writeCsvFile(file, { encoding: 'gbk', header: ['编码', '数量'], rows: [] });
    expect(result.rows).toBe(0);
    expect(fs.readFileSync(file).equals(iconv.encode('编码,数量\r\n', 'gbk'))).toBe(true);
  });

  it('streams a large export from a generator', async () => {
    const file = path.join(tmp, 'large.csv');
    const n = 200_000;
    function* source(): Generator<CsvValue[]> {
      for (let i = 0; i < n; i++) {
        yield [
          `A${i}`,
          '纯棉短袖T恤 男款',
          i * 1.5,
          i % 50,
          i % 7 === 0 ? null : '仓库, 一号',
          '2024-05-01',
          'ok',
          -i,
        ];
      }
    }
    for (const encoding of ['utf8bom', 'gbk'] as const) {
      const result = await writeCsvFile(file, {
        encoding,
        header: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
        rows: source(),
      });
      expect(result.rows).toBe(n);
      const bytes = fs.readFileSync(file);
      expect(result.bytes).toBe(bytes.length);
      const parsed = parseCsv(decodeBytes(bytes).text);
      expect(parsed).toHaveLength(n + 1);
      expect(parsed[n]).toEqual([
        `A${n - 1}`,
        '纯棉短袖T恤 男款',
        String((n - 1) * 1.5),
        '49',
        '仓库, 一号',
        '2024-05-01',
        'ok',
        String(-(n - 1)),
      ]);
      expect(fs.existsSync(file + '.partial')).toBe(false);
    }
  });

  it('removes the partial file and rethrows when the rows fail', async () => {
    const file = path.join(tmp, 'failing.csv');
    function* source(): Generator<CsvValue[]> {
      for (let i = 0; i < 50_000; i++) yield [`A${i}`, 'x'.repeat(20)];
      throw new Error('database went away');
    }
    await expect(
      writeCsvFile(file, { encoding: 'utf8bom', header: ['a', 'b'], rows: source() }),
    ).rejects.toThrow('database went away');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(file + '.partial')).toBe(false);
  });

  it('stops on abort and leaves no file behind', async () => {
    const file = path.join(tmp, 'aborted.csv');
    const controller = new AbortController();
    function* source(): Generator<CsvValue[]> {
      for (let i = 0; i < 100_000; i++) {
        if (i === 20_000) controller.abort();
        yield [`A${i}`, 'y'.repeat(30)];
      }
    }
    await expect(
      writeCsvFile(file, { encoding: 'gbk', header: ['a', 'b'], rows: source(), signal: controller.signal }),
    ).rejects.toThrow();
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(file + '.partial')).toBe(false);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const file = path.join(tmp, 'pre-aborted.csv');
    await expect(
      writeCsvFile(file, { encoding: 'utf8bom', header: ['a'], rows: [['1']], signal: AbortSignal.abort() }),
    ).rejects.toThrow();
    expect(fs.existsSync(file + '.partial')).toBe(false);
  });

  it('rejects when the folder does not exist', async () => {
    const file = path.join(tmp, 'no-such-dir', 'x.csv');
    await expect(writeCsvFile(file, { encoding: 'utf8bom', header: ['a'], rows: [['1']] })).rejects.toThrow();
  });

  it('round-trips arbitrary printable cells through a UTF-8 file (property)', async () => {
    const file = path.join(tmp, 'property.csv');
    const cell = fc.string({ unit: 'grapheme', maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { maxLength: 10 }),
        async (rows) => {
          await writeCsvFile(file, { encoding: 'utf8bom', header: ['h1', 'h2'], rows });
          const parsed = parseCsv(decodeBytes(fs.readFileSync(file)).text);
          expect(parsed).toEqual([['h1', 'h2'], ...rows.map((r) => r.map(neutralise))]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
