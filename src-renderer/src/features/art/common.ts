// Small helpers shared by the art pages.
import type { LibraryImageRow } from '../../../../src-main/api/contract-art';

/** Formats Chromium shows directly (the original can stand in while the thumbnail is made). */
const SHOWABLE = new Set(['jpeg', 'png', 'webp', 'gif', 'avif']);

/** The picture to show in a grid cell: the thumbnail, or the original until it exists; null if neither. */
export function thumbSrc(
  r: Pick<LibraryImageRow, 'thumb' | 'thumbUrl' | 'fileUrl' | 'format'>,
): string | null {
  if (r.thumb === 'done') return r.thumbUrl;
  return SHOWABLE.has(r.format) ? r.fileUrl : null;
}

/** The large preview: the original when the browser can show it, else the thumbnail. */
export function previewSrc(
  r: Pick<LibraryImageRow, 'thumb' | 'thumbUrl' | 'fileUrl' | 'format'>,
): string | null {
  if (SHOWABLE.has(r.format)) return r.fileUrl;
  return r.thumb === 'done' ? r.thumbUrl : null;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
