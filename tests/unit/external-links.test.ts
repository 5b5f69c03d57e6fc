import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../src-main/external-links';

describe('isSafeExternalUrl', () => {
  const allowed: string[] = [
    'https://www.taobao.com/',
    'https://item.taobao.com/item.htm?id=123456789',
    'https://myseller.taobao.com/home.htm#/index',
    'http://example.com',
    'HTTPS://EXAMPLE.COM/path',
    'https://example.com:8443/a/b?c=d&e=f',
    'https://例子.测试/路径',
    'https://xn--fsqu00a.xn--0zwm56d/',
    'https://192.168.1.10/printer',
    'https://[::1]:8080/',
  ];

  const refused: [string, unknown][] = [
    ['empty string', ''],
    ['not a string', 42],
    ['null', null],
    ['undefined', undefined],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript: with leading space', ' javascript:alert(1)'],
    ['javascript: with tab inside', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['file:', 'file:///C:/Windows/System32/calc.exe'],
    ['file: unix', 'file:///etc/passwd'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['blob:', 'blob:https://example.com/uuid'],
    ['ftp:', 'ftp://example.com/file'],
    ['smb:', 'smb://fileserver/share'],
    ['UNC path', '\\\\fileserver\\share\\x.exe'],
    ['ms-msdt:', 'ms-msdt:/id PCWDiagnostic /skip force'],
    ['search-ms:', 'search-ms:query=invoice&crumb=location:\\\\evil\\share'],
    ['custom app scheme', 'vscode://file/etc/passwd'],
    ['our own scheme', 'app://shopdesk/index.html'],
    ['mailto:', 'mailto:boss@example.com'],
    ['tel:', 'tel:+8613800000000'],
    ['relative path', '/index.html'],
    ['scheme-relative', '//evil.example/'],
    ['bare host', 'www.taobao.com'],
    ['https without slashes', 'https:example.com'],
    ['https with one slash', 'https:/example.com'],
    ['no host', 'https://'],
    ['no host, path only', 'http:///path'],
    ['credentials user:pass', 'https://user:pass@example.com/'],
    ['credentials user only', 'https://user@example.com/'],
    ['credentials disguised host', 'https://www.taobao.com@evil.example/'],
    ['leading whitespace', ' https://example.com'],
    ['trailing newline', 'https://example.com\n'],
    ['NUL byte', 'https://example.com/\u0000'],
    ['backslash in host', 'https://example.com\\@evil.example/'],
    ['malformed port', 'https://example.com:99999/'],
    ['malformed host', 'https://exa mple.com/'],
    ['too long', `https://example.com/${'a'.repeat(3000)}`],
  ];

  it.each(allowed)('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each(refused)('refuses %s', (_label, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
