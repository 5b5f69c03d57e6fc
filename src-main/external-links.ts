// Which URLs the app may hand to the operating system (shell.openExternal). Pure: no Electron import,
// so the rule is tested by a table of cases (tests/unit/external-links.test.ts).
//
// shell.openExternal passes the string to the OS's URL handler. Anything other than a plain web
// address can start a program: `file:` opens or runs local files, `smb:`/`\\host\share` leak NTLM
// credentials on Windows, custom schemes (`ms-msdt:`, `search-ms:`, `vscode:`…) reach other apps.
// So only http(s) with a real host and no embedded user:password is let through.

const ALLOWED_PROTOCOLS = new Set(['https:', 'http:']);

/** Longest URL we will pass on; anything longer is not a link a person clicked. */
const MAX_LENGTH = 2048;

// C0 controls, DEL, whitespace and backslashes have no place in a URL a person clicks; the WHATWG
// parser silently strips or rewrites some of them, so refuse them before parsing.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0020\u007f\\]/;

export function isSafeExternalUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  if (url.length === 0 || url.length > MAX_LENGTH) return false;
  if (FORBIDDEN_CHARS.test(url)) return false;
  // Require `scheme://host` as written: the URL parser would also accept `https:example.com` and
  // `http:///path` (turning "path" into the host), which are not links a person clicked.
  if (!/^https?:\/\/[^/]/i.test(url)) return false;

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_PROTOCOLS.has(parsed.protocol)) return false;
  if (parsed.hostname === '') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return true;
}
