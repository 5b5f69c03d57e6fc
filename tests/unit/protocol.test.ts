import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// protocol.ts takes the CSP from security.ts, which imports `shell` from electron.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => undefined) } }));

const {
  APP_ORIGIN,
  APP_SCHEME,
  contentTypeOf,
  handleAppProtocol,
  originOf,
  registerSchemePrivileges,
  resolveAppPath,
  trustedOrigins,
} = await import('../../src-main/protocol');
const { CSP } = await import('../../src-main/security');

let root: string;

beforeAll(() => {
  // A renderer build, plus a secret file next to it that must never be served.
  const base = mkdtempSync(path.join(tmpdir(), 'shopdesk-protocol-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>店务台</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  writeFileSync(path.join(root, 'assets', 'data.bin'), 'x');
  writeFileSync(path.join(base, 'secret.txt'), 'secret');
  // A sibling folder whose name starts with the root's name: startsWith(root) alone would pass it.
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => {
  rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('constants and scheme registration', () => {
  it('serves app://shopdesk', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://shopdesk');
  });

  it('registers app: as standard and secure, with fetch and without CORS', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerSchemePrivileges({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toHaveLength(1);
    expect(schemes[0].scheme).toBe('app');
    expect(schemes[0].privileges).toMatchObject({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: false,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
  });
});

describe('resolveAppPath', () => {
  it.each([
    ['app://shopdesk/', 'index.html'],
    ['app://shopdesk', 'index.html'],
    ['app://shopdesk/index.html', 'index.html'],
    ['app://shopdesk/index.html?lang=zh-CN#/warehouse', 'index.html'],
    ['app://shopdesk/assets/index-abc.js', 'assets/index-abc.js'],
    ['app://shopdesk/assets//index-abc.js', 'assets/index-abc.js'],
    ['app://shopdesk/assets/%E5%BA%97.png', 'assets/店.png'],
    ['app://shopdesk/assets%2Findex-abc.js', 'assets/index-abc.js'],
  ])('%s → <root>/%s', (url, rel) => {
    expect(resolveAppPath(root, url)).toBe(path.join(root, ...rel.split('/')));
  });

  it.each([
    ['dot-dot segments', 'app://shopdesk/../../etc/passwd'],
    ['dot-dot after a folder', 'app://shopdesk/assets/../../secret.txt'],
    ['encoded dot-dot', 'app://shopdesk/%2e%2e/secret.txt'],
    ['encoded dot-dot, upper case', 'app://shopdesk/%2E%2E/%2E%2E/etc/passwd'],
    ['half-encoded dot-dot', 'app://shopdesk/.%2e/secret.txt'],
    ['encoded slash', 'app://shopdesk/..%2fsecret.txt'],
    ['encoded slash, upper case', 'app://shopdesk/..%2F..%2Fetc%2Fpasswd'],
    ['backslash', 'app://shopdesk/..\\secret.txt'],
    ['backslashes only', 'app://shopdesk/assets\\..\\..\\secret.txt'],
    ['encoded backslash', 'app://shopdesk/..%5csecret.txt'],
    ['NUL byte', 'app://shopdesk/index.html%00.js'],
    ['raw NUL byte', 'app://shopdesk/index.html\u0000.js'],
    ['control character', 'app://shopdesk/index%0a.html'],
    ['single dot segment', 'app://shopdesk/./index.html'],
    ['sibling folder with the same prefix', 'app://shopdesk/../renderer-evil/x.js'],
    ['absolute path inside', 'app://shopdesk//etc/passwd/..'],
    ['Windows drive letter', 'app://shopdesk/C:/Windows/win.ini'],
    ['encoded drive letter', 'app://shopdesk/C%3A%5CWindows%5Cwin.ini'],
    ['malformed escape', 'app://shopdesk/%E0%A4%A'],
    ['other host', 'app://evil/index.html'],
    ['host with our name as prefix', 'app://shopdesk.evil/index.html'],
    ['credentials', 'app://user@shopdesk/index.html'],
    ['port', 'app://shopdesk:8080/index.html'],
    ['other scheme', 'file:///etc/passwd'],
    ['https', 'https://shopdesk/index.html'],
    ['not a URL', 'index.html'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('never returns a path outside the root, whatever the input', () => {
    const nasty = ['..', '%2e', '%2f', '%5c', '/', '\\', 'a', '.', '%00', ':', 'C:', '%'];
    for (const a of nasty)
      for (const b of nasty)
        for (const c of nasty) {
          const out = resolveAppPath(root, `app://shopdesk/${a}${b}${c}`);
          if (out !== null) expect(out.startsWith(root + path.sep)).toBe(true);
        }
  });
});

describe('origins', () => {
  it('computes scheme://host, also for app:', () => {
    expect(originOf('app://shopdesk/index.html')).toBe('app://shopdesk');
    expect(originOf('http://localhost:5173/src/main.tsx')).toBe('http://localhost:5173');
    expect(originOf('https://user:pw@evil.example/')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf('about:blank')).toBeNull();
  });

  it('trusts the dev server only when unpackaged', () => {
    expect(trustedOrigins({ isPackaged: true })).toEqual(['app://shopdesk']);
    expect(trustedOrigins({ isPackaged: true, rendererUrl: 'http://localhost:5173' })).toEqual([
      'app://shopdesk',
    ]);
    expect(trustedOrigins({ isPackaged: false, rendererUrl: 'http://localhost:5173/' })).toEqual([
      'app://shopdesk',
      'http://localhost:5173',
    ]);
    expect(trustedOrigins({ isPackaged: false, rendererUrl: 'file:///tmp/x' })).toEqual(['app://shopdesk']);
  });
});

describe('handleAppProtocol', () => {
  function serve() {
    const handle = vi.fn();
    handleAppProtocol({ handle }, root);
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle.mock.calls[0]![0]).toBe('app');
    return handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
  }

  it('serves index.html for / with the CSP header', async () => {
    const res = await serve()(new Request('app://shopdesk/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('店务台');
  });

  it.each([
    ['app://shopdesk/assets/index-abc.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['app://shopdesk/assets/index-abc.css', 'text/css; charset=utf-8', 'body{}'],
    ['app://shopdesk/assets/logo.svg', 'image/svg+xml', '<svg/>'],
    ['app://shopdesk/assets/data.bin', 'application/octet-stream', 'x'],
  ])('serves %s as %s', async (url, type, body) => {
    const res = await serve()(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toBe(body);
  });

  it('serves binary files byte for byte', async () => {
    const res = await serve()(new Request('app://shopdesk/assets/font.woff2'));
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  });

  it.each([
    'app://shopdesk/missing.js',
    'app://shopdesk/assets',
    'app://shopdesk/assets/',
    'app://shopdesk/%2e%2e/secret.txt',
    'app://shopdesk/..%2fsecret.txt',
    'app://shopdesk/..%5csecret.txt',
    'app://shopdesk/index.html%00',
    'app://evil/index.html',
  ])('answers 404 with the CSP for %s', async (url) => {
    const res = await serve()(new Request(url));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).not.toContain('secret');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await serve()(new Request('app://shopdesk/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });

  it('maps the content types of the build', () => {
    expect(contentTypeOf('a.mjs')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.JSON')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('a.png')).toBe('image/png');
    expect(contentTypeOf('a.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('favicon.ico')).toBe('image/x-icon');
  });
});
