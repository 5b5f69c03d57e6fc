// Small text helpers for Chinese product data.
import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a title, lower-case, letters and digits only: 纯棉短袖T恤 → cmdxtx. */
export function pinyinInitials(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Separates the parts of a search text so a match never spans two of them. */
export const SEARCH_SEP = '\u0001';

/** What the catalog search box matches: lower-cased title, its initials, codes and spec. */
export function searchText(parts: { title: string; code: string; barcode: string; spec: string }): string {
  return [parts.title, pinyinInitials(parts.title), parts.code, parts.barcode, parts.spec]
    .map((s) => s.toLowerCase())
    .join(SEARCH_SEP);
}
