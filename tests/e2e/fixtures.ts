// E2E fixtures: each test gets its own harness process with a fresh data folder, a page opened
// at its URL, and `shot(name)` to keep numbered screenshots as artifacts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import {
  test as base,
  expect,
  type APIRequestContext,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import zh from '../../src-renderer/src/i18n/zh-CN';

export interface HarnessInfo {
  url: string;
  dataDir: string;
  exportDir: string;
  /** Demo people (name · role · PIN) when started with demo data. */
  demoPeople: { name: string; role: string; pin: string }[];
}

export async function launchHarness(
  opts: { demo?: boolean } = {},
): Promise<HarnessInfo & { proc: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-e2e-'));
  const exportDir = path.join(dataDir, 'exports');
  const args = [
    '--import',
    './scripts/sql-loader.mjs',
    '--import',
    'tsx',
    'tests/harness/cli.ts',
    '--no-build',
    '--data-dir',
    dataDir,
    '--export-dir',
    exportDir,
    // The specs import and count their own orders: the demo shop without its customer-service orders.
    ...(opts.demo ? ['--demo', '--no-demo-orders'] : []),
  ];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start:\n${out}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited (${code}):\n${out}`));
    });
  });
  const demoPeople = [...out.matchAll(/^\s{4}(\S+) · (\S+) · (\d+)$/gm)].map((m) => ({
    name: m[1]!,
    role: m[2]!,
    pin: m[3]!,
  }));
  return { url, dataDir, exportDir, demoPeople, proc };
}

export const test = base.extend<{
  demo: boolean;
  harness: HarnessInfo;
  shot: (name: string) => Promise<void>;
}>({
  demo: [false, { option: true }],
  harness: async ({ demo }, use) => {
    const h = await launchHarness({ demo });
    await use(h);
    h.proc.kill('SIGTERM');
    fs.rmSync(h.dataDir, { recursive: true, force: true });
  },
  page: async ({ page, harness }, use) => {
    await page.goto(harness.url);
    await use(page);
  },
  shot: async ({ page }, use, testInfo) => {
    let n = 0;
    await use(async (name: string) => {
      const file = testInfo.outputPath(`${String(++n).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
    });
  },
});

export { expect };

/**
 * Open an antd Select and click one of its options. The dropdown is found through the combobox's own
 * id (its listbox is `<combobox id>_list`), never as "the visible dropdown":
 * the previous Select's dropdown may still be fading out and would otherwise be picked, then vanish
 * under the click. `type` searches first, as a person would in a long list; the first option
 * containing `label` is clicked.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  label: string,
  opts: { type?: string } = {},
): Promise<void> {
  await select.click();
  const combobox = select.locator('input[role="combobox"]');
  await expect(combobox).toHaveAttribute('aria-expanded', 'true');
  // Type only once the dropdown is open (typing while it opens can be cleared by the opening).
  if (opts.type !== undefined) await page.keyboard.type(opts.type);
  const id = await combobox.getAttribute('id');
  if (!id) throw new Error('pickOption: the Select has no combobox id');
  // The dropdown of this Select holds its listbox `<id>_list` (or, unvirtualised, options `<id>_list_<n>`).
  await page
    .locator('.ant-select-dropdown')
    .filter({ has: page.locator(`[id^="${id}_list"]`) })
    .locator('.ant-select-item-option')
    .filter({ hasText: label })
    .first()
    .click();
}

/** Sign in on the sign-in screen: the person, the PIN, Enter; waits for the header to name them. */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId(`signin-person-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(name);
}

/** Hand the PC to another person through the header's quick switch. */
export async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('header-switch').click();
  await signIn(page, name, pin);
}

/** One call through the harness's real router, as its own client (for the test's starting data). */
export async function call<T>(
  request: APIRequestContext,
  harness: HarnessInfo,
  client: string,
  channel: string,
  input: unknown,
): Promise<T> {
  const u = new URL(harness.url);
  const res = await request.post(`${u.origin}/__api/${channel}`, {
    headers: { 'x-shopdesk-token': u.searchParams.get('token')!, 'x-shopdesk-client': client },
    data: input,
  });
  const env = (await res.json()) as { ok: boolean; data?: T; error?: unknown };
  if (!env.ok) throw new Error(`${channel}: ${JSON.stringify(env.error)}`);
  return env.data as T;
}

/** Wait out the notices in the top-right corner (e.g. "exported to …", shown for 8 s): they pause
 *  while the pointer is over them and can sit on the header's buttons, so move the pointer away. */
export async function dismissNotices(page: Page): Promise<void> {
  await page.mouse.move(10, 400);
  await expect(page.locator('.ant-notification-notice')).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Export a CSV through the standard dialog and read it back: click `button`, pick GBK when asked,
 * run `beforeConfirm` (a screenshot, a look at the dialog), confirm, wait for this export's notice,
 * then the one file in the export folder named `<prefix>…csv`, decoded — UTF-8 must start with a
 * BOM (stripped here) and decode strictly; GBK is read as GB18030.
 */
export async function exportCsv(
  page: Page,
  harness: HarnessInfo,
  button: Locator,
  prefix: string,
  opts: { gbk?: boolean; beforeConfirm?: () => Promise<void> } = {},
): Promise<{ file: string; text: string }> {
  await button.click();
  if (opts.gbk) await page.getByTestId('export-gbk').click();
  await opts.beforeConfirm?.();
  await page.getByTestId('export-confirm').click();
  await expect(page.getByTestId('export-result').filter({ hasText: prefix })).toBeVisible();
  const files = fs.readdirSync(harness.exportDir).filter((f) => f.startsWith(prefix) && f.endsWith('.csv'));
  expect(files).toHaveLength(1);
  const bytes = fs.readFileSync(path.join(harness.exportDir, files[0]!));
  if (opts.gbk) return { file: files[0]!, text: new TextDecoder('gb18030').decode(bytes) };
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { file: files[0]!, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)) };
}

/**
 * The open print preview to an A4 PDF (`<name>.pdf`), its first page to PNG (`<name>-page1.png`, by
 * ghostscript) to look at, then the preview closed. Returns the PNG's path.
 */
export async function printToPng(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const pdf = testInfo.outputPath(`${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const png = testInfo.outputPath(`${name}-page1.png`);
  execFileSync('gs', [
    '-q',
    '-dBATCH',
    '-dNOPAUSE',
    '-sDEVICE=png16m',
    '-r80',
    '-dFirstPage=1',
    '-dLastPage=1',
    `-sOutputFile=${png}`,
    pdf,
  ]);
  expect(fs.statSync(png).size).toBeGreaterThan(5_000);
  await page.locator('.ant-modal-footer').getByRole('button', { name: zh.common.close }).click();
  return png;
}

/** The demo shop's first live SKU (by code), read from the harness's database. */
export function firstSkuId(harness: HarnessInfo): string {
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  try {
    return (
      db
        .prepare(`SELECT id FROM sku WHERE archived_at IS NULL AND deleted_at IS NULL ORDER BY code LIMIT 1`)
        .get() as { id: string }
    ).id;
  } finally {
    db.close();
  }
}

/**
 * A client of the harness's real router signed in as `person` (by name and PIN), for a test's
 * starting data: `api(channel, input)` answers the data or throws the error.
 */
export async function apiAs(
  request: APIRequestContext,
  harness: HarnessInfo,
  person: { name: string; pin: string },
): Promise<<T>(channel: string, input: unknown) => Promise<T>> {
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const staff = db.prepare(`SELECT id FROM staff WHERE name = ?`).get(person.name) as { id: string };
  db.close();
  const client = randomUUID();
  await call(request, harness, client, 'auth.signIn', { staffId: staff.id, pin: person.pin });
  return <T>(channel: string, input: unknown) => call<T>(request, harness, client, channel, input);
}
