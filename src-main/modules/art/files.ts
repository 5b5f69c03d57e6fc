// Where the image library keeps its files, and the only URLs under which they are served. Pure
// path logic (node:path only): used by the library service, the app:// protocol and the harness.
//
//   <dataDir>/library/objects/<sha[0:2]>/<sha>.<ext>   originals, byte-for-byte
//   <dataDir>/library/thumbs/<sha[0:2]>/<sha>.webp     320 px thumbnails
//
// Served as /library/objects/… and /library/thumbs/…: a request must match that exact shape
// (hex hash, known extension), so nothing else in the data folder can ever be reached.
import path from 'node:path';

export const LIBRARY_EXTS = ['jpg', 'png', 'webp', 'gif', 'tif', 'avif'] as const;
export type LibraryExt = (typeof LIBRARY_EXTS)[number];

export function libraryRoot(dataDir: string): string {
  return path.join(dataDir, 'library');
}

export function objectPath(dataDir: string, sha: string, ext: string): string {
  return path.join(libraryRoot(dataDir), 'objects', sha.slice(0, 2), `${sha}.${ext}`);
}

export function thumbPath(dataDir: string, sha: string): string {
  return path.join(libraryRoot(dataDir), 'thumbs', sha.slice(0, 2), `${sha}.webp`);
}

export function objectUrl(sha: string, ext: string): string {
  return `/library/objects/${sha.slice(0, 2)}/${sha}.${ext}`;
}

export function thumbUrl(sha: string): string {
  return `/library/thumbs/${sha.slice(0, 2)}/${sha}.webp`;
}

const URL_SHAPE = new RegExp(
  `^/library/(objects|thumbs)/([0-9a-f]{2})/([0-9a-f]{64})\\.(${LIBRARY_EXTS.join('|')})$`,
);

/**
 * The file behind a request path (as written, before any decoding), or null when the path is not
 * exactly a library URL. Thumbs are always .webp; an object's prefix folder must match its hash.
 */
export function resolveLibraryPath(libraryDir: string, rawPath: string): string | null {
  if (rawPath.length > 200) return null;
  const m = URL_SHAPE.exec(rawPath);
  if (!m) return null;
  const [, kind, prefix, sha, ext] = m as unknown as [string, string, string, string, string];
  if (sha.slice(0, 2) !== prefix) return null;
  if (kind === 'thumbs' && ext !== 'webp') return null;
  const root = path.resolve(libraryDir);
  const file = path.join(root, kind, prefix, `${sha}.${ext}`);
  return file.startsWith(root + path.sep) ? file : null;
}

export const LIBRARY_CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tif: 'image/tiff',
  avif: 'image/avif',
};

/**
 * A file name made safe for any folder on Windows or Linux: no separators, reserved characters,
 * control characters, leading dots or trailing dots/spaces; at most 150 characters.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  let s = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^[.\s]+/, '');
  s = s.replace(/[.\s]+$/, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(s)) s = `_${s}`;
  if (s.length > 150) s = s.slice(0, 150);
  return s || '_';
}
