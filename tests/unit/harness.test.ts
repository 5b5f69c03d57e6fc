// The browser harness: loopback only, per-run token, the real router, the shim, no traversal.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-main/api/channels';
import { startHarness, type Harness } from '../harness/server';
import { tempDir } from './helpers';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function start(demo = false): Promise<Harness> {
  const rendererDir = tempDir('shopdesk-renderer-');
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="./assets/app.js"></script></head><body></body></html>',
  );
  fs.mkdirSync(path.join(rendererDir, 'assets'));
  fs.writeFileSync(path.join(rendererDir, 'assets/app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'secret');
  h = await startHarness({ dataDir: tempDir(), rendererDir, demo });
  return h;
}

const CLIENT = '0b4f1a52-6c1e-4f57-9a59-5d1b8f1c0a11';
const api = (harness: Harness, channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(new URL(`/__api/${channel}`, harness.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopdesk-client': CLIENT, ...headers },
    body: JSON.stringify(body),
  });

describe('browser harness', () => {
  it('listens on 127.0.0.1 only and prints a URL with its token', async () => {
    const harness = await start();
    const url = new URL(harness.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(harness.token);
    expect(harness.token.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses API calls without the token, and answers with the real router with it', async () => {
    const harness = await start();
    expect((await api(harness, 'system.status', {})).status).toBe(403);
    expect((await api(harness, 'system.status', {}, { 'x-shopdesk-token': 'wrong' })).status).toBe(403);
    const res = await api(harness, 'system.status', {}, { 'x-shopdesk-token': harness.token });
    expect(await res.json()).toMatchObject({ ok: true, data: { setupDone: false } });
  });

  it('keeps a session per browser client and enforces sign-in like the app', async () => {
    const harness = await start(true);
    const t = { 'x-shopdesk-token': harness.token };
    expect(await (await api(harness, 'shop.get', {}, t)).json()).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const roster = (await (await api(harness, 'auth.roster', {}, t)).json()) as {
      data: { id: string; name: string }[];
    };
    const manager = harness.demoPeople![0]!;
    const id = roster.data.find((p) => p.name === manager.name)!.id;
    expect(
      await (await api(harness, 'auth.signIn', { staffId: id, pin: manager.pin }, t)).json(),
    ).toMatchObject({
      ok: true,
    });
    expect(await (await api(harness, 'shop.get', {}, t)).json()).toMatchObject({ ok: true });
  });

  it('serves the renderer with the shim injected before the app script, and the CSP header', async () => {
    const harness = await start();
    const res = await fetch(new URL('/', harness.url));
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html.indexOf('/__harness/shim.js')).toBeGreaterThan(-1);
    expect(html.indexOf('/__harness/shim.js')).toBeLessThan(html.indexOf('./assets/app.js'));
    const shim = await (await fetch(new URL('/__harness/shim.js', harness.url))).text();
    for (const ch of CHANNELS) expect(shim).toContain(`"${ch}"`);
  });

  it('does not serve files outside the renderer folder', async () => {
    const harness = await start();
    const port = Number(new URL(harness.url).port);
    // Raw request paths: fetch() would normalise the dots away before sending.
    const get = (rawPath: string) =>
      new Promise<number>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/../../secret.txt',
    ]) {
      expect(await get(p), p).toBe(404);
    }
    expect(await get('/assets/app.js')).toBe(200);
  });
});
