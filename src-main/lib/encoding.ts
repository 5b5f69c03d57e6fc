// Text encodings for CSV import/export. Chinese spreadsheets arrive as UTF-8 (with or without a BOM),
// GBK/GB18030 (Excel "CSV" on Chinese Windows) or now and then UTF-16 (Excel "Unicode text").
// Nothing here guesses silently: when bytes do not look like text in one of those, we refuse.
import iconv from 'iconv-lite';

export type DetectedEncoding = 'UTF-8 BOM' | 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE';

/** The UTF-8 byte-order mark, EF BB BF. */
export const UTF8_BOM: Buffer = Buffer.from([0xef, 0xbb, 0xbf]);

/** The file is not text in an encoding we can read; the UI shows `import.encoding`. */
export class EncodingError extends Error {
  readonly key = 'import.encoding';
  constructor(message = 'Unrecognised text encoding') {
    super(message);
    this.name = 'EncodingError';
  }
}

// A CSV never holds C0 control characters besides TAB, LF and CR, nor DEL. NULs in particular are the
// sign of UTF-16 without a BOM (which is otherwise valid UTF-8) or of binary data.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// C1 controls can only come out of a GB18030 decode of garbage (four-byte sequences such as 81 30 81 30).
const C1_CONTROLS = /[\u0080-\u009F]/;
// Private-use characters: GB18030 maps its user-defined and unassigned two-byte areas here. Real GBK
// text practically never uses them, but Big5 text decoded as GB18030 is full of them (Big5 A140–A7A0,
// where its punctuation and the commonest characters live, is a user-defined area in GBK).
const PRIVATE_USE = /[\uE000-\uF8FF]|[\uDB80-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Decode a file's bytes. A byte-order mark decides; otherwise strict UTF-8; otherwise GB18030 if the
 * result is plausible Chinese text (see `plausibleGb18030`). The returned text never starts with a BOM.
 * Throws EncodingError when none fits.
 */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return checked(decodeStrict('utf-8', bytes.subarray(3)), 'UTF-8 BOM');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checked(decodeStrict('utf-16le', bytes.subarray(2)), 'UTF-16LE');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = bytes.subarray(2);
    if (body.length % 2 !== 0) throw new EncodingError('Truncated UTF-16BE text');
    // Swap to little-endian on a copy: 'utf-16le' is the one UTF-16 label every TextDecoder knows.
    return checked(decodeStrict('utf-16le', Buffer.from(body).swap16()), 'UTF-16BE');
  }

  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null && !FORBIDDEN_CONTROLS.test(utf8)) return { text: utf8, encoding: 'UTF-8' };

  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  if (
    text.includes('\uFFFD') ||
    FORBIDDEN_CONTROLS.test(text) ||
    C1_CONTROLS.test(text) ||
    !plausibleGb18030(bytes, text)
  ) {
    throw new EncodingError();
  }
  return { text, encoding: 'GB18030' };
}

/**
 * Encode text for writing. 'utf8bom' is UTF-8 with a BOM (so Excel does not guess ANSI).
 * 'gbk' is encoded as GB18030: identical bytes to GBK for every character GBK has, and still able to
 * write the rest (rare name characters, emoji) instead of '?'. Excel on Chinese Windows (code page
 * 936, and 54936 where GB18030 is installed) opens it as plain "GBK" CSV.
 */
export function encodeText(text: string, encoding: 'utf8bom' | 'gbk'): Buffer {
  if (encoding === 'utf8bom') return Buffer.concat([UTF8_BOM, Buffer.from(text, 'utf8')]);
  return iconv.encode(text, 'gb18030');
}

function tryDecode(label: 'utf-8' | 'utf-16le', bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: keep any BOM in the body as text; callers have already consumed the real one.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeStrict(label: 'utf-8' | 'utf-16le', bytes: Uint8Array): string {
  const text = tryDecode(label, bytes);
  if (text === null) throw new EncodingError(`Invalid ${label} text after its byte-order mark`);
  return text;
}

function checked(text: string, encoding: DetectedEncoding): { text: string; encoding: DetectedEncoding } {
  if (FORBIDDEN_CONTROLS.test(text)) throw new EncodingError('Control characters in text');
  return { text, encoding };
}

/**
 * Is a GB18030 decode believable? Bytes that are not GB text (Shift-JIS, Big5, random data) still
 * decode to *something*, mostly to rare ideographs. Real Chinese text, on the other hand, is made
 * overwhelmingly of GB2312 characters — the 6,763 common hanzi plus full-width punctuation, which
 * occupy the two-byte area A1–F7 × A1–FE. So we count the non-ASCII characters by where their bytes
 * fall and refuse when
 *   - more than half of them (allowing two strays, for names like 喆 in an otherwise ASCII file) lie
 *     outside that area — Shift-JIS lands almost wholly outside, random data mostly; or
 *   - more than 1 % of them decode to private-use code points — Big5 produces them constantly.
 * Simplified Chinese passes with a wide margin; even Traditional Chinese saved as GBK (about a third
 * outside GB2312) passes. Very short samples with only a couple of non-ASCII characters cannot be told
 * apart reliably and are accepted.
 */
function plausibleGb18030(bytes: Uint8Array, text: string): boolean {
  let common = 0;
  let rare = 0;
  const n = bytes.length;
  for (let i = 0; i < n;) {
    const b = bytes[i]!;
    // ASCII, and the lone 0x80 that GBK (code page 936) uses for €.
    if (b <= 0x80) {
      i += 1;
      continue;
    }
    const b2 = bytes[i + 1] ?? 0;
    if (b2 >= 0x30 && b2 <= 0x39) {
      rare += 1; // four-byte sequence: outside GBK altogether
      i += 4;
    } else {
      if (b >= 0xa1 && b <= 0xf7 && b2 >= 0xa1 && b2 <= 0xfe) common += 1;
      else rare += 1;
      i += 2;
    }
  }
  const total = common + rare;
  if (rare > 2 + total / 2) return false;
  const privateUse = text.match(PRIVATE_USE)?.length ?? 0;
  return privateUse <= total / 100;
}
