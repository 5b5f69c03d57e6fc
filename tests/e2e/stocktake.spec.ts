// A monthly stocktake on the demo shop, as 仓储主管: stock received into E-01-01 (API calls in the
// page), the stocktake started over that bin, the count sheet printed to PDF, counted by scanning
// with one variance, approved, the adjustment in the stock ledger, and the variance CSV exported
// with its Chinese intact.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const tr = (s: string, params: Record<string, string | number>) =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId(`signin-person-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(name, { timeout: 30_000 });
}

/** A scanner types the code and Enter. */
async function scan(page: Page, code: string): Promise<void> {
  const field = page.getByTestId('stk-scan');
  await field.fill(code);
  await field.press('Enter');
  await expect(field).toHaveValue('');
}

test('仓储主管 runs a monthly stocktake: count sheet, scanning with one variance, approval, ledger, CSV', async ({
  page,
  harness,
  shot,
}, testInfo) => {
  const wh = harness.demoPeople.find((p) => p.role === 'wh_supervisor')!;
  await signIn(page, wh.name, wh.pin);

  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const skus = db
    .prepare(
      `SELECT s.id, s.code, s.barcode, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.barcode <> '' AND s.archived_at IS NULL AND p.archived_at IS NULL ORDER BY s.code LIMIT 2`,
    )
    .all() as { id: string; code: string; barcode: string; title: string }[];
  db.close();
  expect(skus).toHaveLength(2);
  const [a, b] = skus as [(typeof skus)[0], (typeof skus)[0]];

  // Stock: 5 × A and 3 × B received into E-01-01 (the same calls the documents page makes).
  const received = await page.evaluate(
    async ({ a, b }) => {
      type Call = (input: unknown) => Promise<{ ok: boolean; data: { id: string } }>;
      const sd = (globalThis as unknown as { shopdesk: { warehouse: Record<string, Call> } }).shopdesk;
      const bin = await sd.warehouse.saveBin!({ code: 'E-01-01', zone: 'E区' });
      await sd.warehouse.saveBin!({ code: 'E-02-01', zone: 'E区' });
      const d = await sd.warehouse.saveDraft!({
        type: 'purchase_in',
        counterpart: '义乌棉里服饰厂',
        lines: [
          { skuId: a, binId: bin.data.id, quantity: 5 },
          { skuId: b, binId: bin.data.id, quantity: 3 },
        ],
      });
      const p = await sd.warehouse.post!({ id: d.data.id });
      return p.ok;
    },
    { a: a.id, b: b.id },
  );
  expect(received).toBe(true);

  // 盘点: empty history, then a new monthly stocktake over E-01-01.
  await page.getByTestId('wh-subtab-stocktake').click();
  await expect(page.getByText(zh.stocktake.empty)).toBeVisible();
  await page.getByTestId('stk-new').click();
  await page.getByTestId('stk-scope-bins').click();
  // The bin lists are long (the demo shop has its own bins): type to narrow, as a person would.
  for (const which of ['from', 'to']) {
    await pickOption(page, page.getByTestId(`stk-start-${which}`), 'E-01-01', { type: 'E-01-01' });
  }
  await page.getByTestId('stk-start-note').fill('11月月底盘点');
  await shot('start');
  await page.getByTestId('stk-start-submit').click();

  await expect(page.getByTestId('stk-detail')).toBeVisible();
  await expect(page.getByTestId('stk-status')).toHaveText(zh.stocktake.statuses.counting);
  const title = (await page.getByTestId('stk-title').textContent()) ?? '';
  const number = /PD-\S+/.exec(title)?.[0];
  expect(number).toBeTruthy();
  await expect(page.getByTestId('stk-progress')).toHaveText(
    tr(zh.stocktake.progressText, { counted: 0, lines: 2 }),
  );
  await expect(page.getByTestId(`stk-line-E-01-01-${a.code}`)).toContainText('5');
  await shot('detail');

  // 打印盘点表: preview, then the print rendering to PDF (A4) and as an image to look at.
  await page.getByTestId('stk-print').click();
  const sheet = page.locator('.paper-preview [data-testid="stk-sheet"]');
  await expect(sheet).toContainText(a.code);
  await expect(sheet).toContainText(b.code);
  await expect(page.locator('.paper-preview')).toContainText(zh.stocktake.sheet.title);
  await shot('sheet-preview');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: testInfo.outputPath('count-sheet.pdf'), format: 'A4' });
  await page.screenshot({ path: testInfo.outputPath('count-sheet-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  expect(fs.statSync(testInfo.outputPath('count-sheet.pdf')).size).toBeGreaterThan(10_000);
  await page.keyboard.press('Escape');
  await expect(page.locator('.paper-preview')).toHaveCount(0);

  // Count by scanning: the bin, then A five times (right) and B twice (one short); an unknown code
  // is refused.
  await scan(page, 'e-01-01');
  await expect(page.getByTestId('stk-scan-feedback')).toHaveText(
    tr(zh.stocktake.count.scanBin, { code: 'E-01-01' }),
  );
  for (let i = 0; i < 5; i++) await scan(page, a.barcode);
  await expect(page.getByTestId(`stk-count-E-01-01-${a.code}`)).toHaveValue('5');
  await scan(page, b.barcode);
  await scan(page, b.barcode);
  await expect(page.getByTestId(`stk-count-E-01-01-${b.code}`)).toHaveValue('2');
  await scan(page, 'NO-SUCH-CODE');
  await expect(page.getByTestId('stk-scan-feedback')).toHaveText(
    tr(zh.stocktake.count.scanUnknown, { code: 'NO-SUCH-CODE' }),
  );
  await expect(page.getByTestId('stk-pending')).toHaveText(tr(zh.stocktake.count.pending, { count: 2 }));
  await shot('scanned');
  // Keyboard only: Enter on the empty scan field saves the counts.
  await page.getByTestId('stk-scan').press('Enter');
  await expect(page.getByTestId('stk-progress')).toHaveText(
    tr(zh.stocktake.progressText, { counted: 2, lines: 2 }),
  );
  await expect(page.getByTestId(`stk-variance-E-01-01-${b.code}`)).toHaveText('-1');
  await expect(page.getByTestId(`stk-variance-E-01-01-${a.code}`)).toHaveText('0');
  await shot('counted');

  // 差异报告: one loss line; shrinkage = 1 × B's cost / book value.
  await page.getByTestId('stk-report').click();
  await expect(page.getByTestId('stk-report-body')).toContainText(b.code);
  await expect(page.getByTestId('stk-report-shrinkage')).toHaveText(/%$/);
  await shot('report');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('stk-report-body')).toHaveCount(0);

  // Approve: posts a 盘亏 other_out of 1 × B.
  await page.getByTestId('stk-approve').click();
  await page.getByTestId('stk-approve-confirm').click();
  await expect(page.getByTestId('stk-status')).toHaveText(zh.stocktake.statuses.approved);
  const docs = (await page.getByTestId('stk-docs').textContent()) ?? '';
  const ck = /CK-\S+/.exec(docs)?.[0];
  expect(ck).toBeTruthy();
  expect(docs).not.toMatch(/RK-/);
  await shot('approved');

  // Export the variance CSV (UTF-8 with BOM) and read it back.
  const { file, text } = await exportCsv(page, harness, page.getByTestId('stk-export'), '盘点差异_', {
    beforeConfirm: async () => {
      await expect(page.getByText(tr(zh.stocktake.exportBody, { number: number! }))).toBeVisible();
      await shot('export-dialog');
    },
  });
  expect(file).toMatch(/^盘点差异_PD-/);
  const rows = text.split('\r\n');
  expect(rows[0]).toContain('库位,商家编码,商品名称,规格,账面数量,盘点时应有,实盘数量,差异数量');
  expect(rows[1]).toContain(`E-01-01,${b.code},`);
  expect(rows[1]).toContain(b.title);
  expect(rows[1]).toContain(',3,3,2,-1,');
  expect(rows[1]).toContain(wh.name);

  // 物资明细账: the adjustment −1 of B from E-01-01.
  await page.getByTestId('wh-subtab-ledger').click();
  await expect(page.getByTestId(`wh-ledger-row-${ck}-${b.code}`)).toContainText('−1');
  await shot('ledger');

  // History: approved, with its result.
  await page.getByTestId('wh-subtab-stocktake').click();
  const row = page.getByTestId(`stk-row-${number}`);
  await expect(row).toContainText(zh.stocktake.statuses.approved);
  await expect(row).toContainText(zh.stocktake.kinds.monthly);
  await shot('history');
});
