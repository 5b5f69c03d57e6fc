// The warehouse on the demo shop, as 仓储主管: a bin, a purchase receipt entered with a barcode
// scanner into that bin and posted, the stock on hand per bin, an issue for more than is on hand
// refused with the negative-stock message, and the receipt in the stock ledger.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

/** A scanner types the code and Enter. */
async function scan(page: Page, code: string): Promise<void> {
  const field = page.getByTestId('wh-doc-scan');
  await field.fill(code);
  await field.press('Enter');
  await expect(field).toHaveValue('');
}

test('仓储主管 receives by scanning into a bin, posts, sees balances; an issue below zero is refused', async ({
  page,
  harness,
  shot,
}) => {
  const wh = harness.demoPeople.find((p) => p.role === 'wh_supervisor')!;
  await signIn(page, wh.name, wh.pin);
  for (const key of ['catalog', 'documents', 'balances', 'ledger', 'bins'])
    await expect(page.getByTestId(`wh-subtab-${key}`)).toBeVisible();

  // Two real SKUs with barcodes from the shop's database (read-only, beside the running harness).
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const skus = db
    .prepare(
      // SKUs the demo warehouse holds no stock of (it stocks most SKUs).
      `SELECT s.code, s.barcode FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.barcode <> '' AND s.archived_at IS NULL AND p.archived_at IS NULL
         AND s.id NOT IN (SELECT sku_id FROM stock_document_line) ORDER BY s.code LIMIT 2`,
    )
    .all() as { code: string; barcode: string }[];
  db.close();
  expect(skus).toHaveLength(2);
  const [a, b] = skus as [(typeof skus)[0], (typeof skus)[0]];

  // 库位管理: a new bin (typed in lower case, stored upper case) next to the demo's bins.
  await page.getByTestId('wh-subtab-bins').click();
  await expect(page.getByTestId('wh-bin-row-A-01-01')).toBeVisible();
  await page.getByTestId('wh-bin-new').click();
  await page.getByTestId('wh-bin-code').fill('d-01-01');
  await page.getByTestId('wh-bin-zone').fill('D区');
  await page.getByTestId('wh-bin-capacity').fill('200');
  await shot('bin-new');
  await page.getByTestId('wh-bin-save').click();
  await expect(page.getByTestId('wh-bin-row-D-01-01')).toBeVisible();

  // 出入库单据: a purchase receipt. Scan the bin, then A twice and B once; an unknown code is refused.
  await page.getByTestId('wh-subtab-documents').click();
  await page.getByTestId('wh-doc-new').click();
  await expect(page.getByTestId('wh-doc-type')).toContainText(zh.warehouse.types.purchase_in);
  await scan(page, 'D-01-01');
  await expect(page.getByTestId('wh-doc-scan-feedback')).toHaveText(
    zh.warehouse.doc.scanBin.replace('{{code}}', 'D-01-01'),
  );
  await scan(page, a.barcode);
  await expect(page.getByTestId('wh-doc-line-qty-0')).toHaveValue('1');
  await scan(page, b.barcode);
  await expect(page.getByTestId('wh-doc-line-qty-1')).toHaveValue('1');
  await scan(page, a.barcode);
  await expect(page.getByTestId('wh-doc-line-qty-0')).toHaveValue('2');
  await scan(page, 'NO-SUCH-CODE');
  await expect(page.getByTestId('wh-doc-scan-feedback')).toHaveText(
    zh.warehouse.doc.scanUnknown.replace('{{code}}', 'NO-SUCH-CODE'),
  );
  await expect(page.locator('[data-testid^="wh-doc-line-qty-"]')).toHaveCount(2);
  await page.getByTestId('wh-doc-counterpart').fill('义乌棉里服饰厂');
  await shot('receipt-scanned');

  await page.getByTestId('wh-doc-post').click();
  await page.getByTestId('wh-doc-post-confirm').click();
  await expect(page.getByTestId('wh-doc-posted')).toBeVisible();
  const title = (await page.getByTestId('wh-doc-title').textContent()) ?? '';
  const number = /RK-\S+/.exec(title)?.[0];
  expect(number).toBeTruthy();
  await expect(page.getByTestId('wh-doc-reverse')).toBeVisible();
  await shot('receipt-posted');
  await page.getByTestId('wh-doc-cancel').click();
  await expect(page.getByTestId(`wh-doc-row-${number}`)).toContainText(zh.warehouse.statuses.posted);

  // 库存余额: both SKUs in D-01-01.
  await page.getByTestId('wh-subtab-balances').click();
  const table = page.getByTestId('wh-balance-table');
  const rowA = page.getByTestId(`wh-balance-row-${a.code}-D-01-01`);
  const rowB = page.getByTestId(`wh-balance-row-${b.code}-D-01-01`);
  await expect(rowA.locator('td').nth(4)).toHaveText('2');
  await expect(rowB.locator('td').nth(4)).toHaveText('1');
  await expect(table).toBeVisible();
  await shot('balances');

  // 其他出库 of 5 × B (1 on hand): refused with the negative-stock message; the supervisor is
  // offered 强制过账.
  await page.getByTestId('wh-subtab-documents').click();
  await page.getByTestId('wh-doc-new').click();
  await page.getByTestId('wh-doc-type').click();
  await page.locator('.ant-select-item-option').filter({ hasText: zh.warehouse.types.other_out }).click();
  await scan(page, 'D-01-01');
  await scan(page, b.barcode);
  await page.getByTestId('wh-doc-line-qty-0').fill('5');
  await page.getByTestId('wh-doc-reason').fill('报损');
  await page.getByTestId('wh-doc-post').click();
  await page.getByTestId('wh-doc-post-confirm').click();
  const refused = page.getByTestId('wh-doc-negative');
  await expect(refused).toContainText(zh.warehouse.doc.negativeTitle);
  await expect(refused).toContainText(b.code);
  await expect(page.getByTestId('wh-doc-force')).toBeVisible();
  await shot('issue-refused');
  // Still a draft: discard it (confirmed).
  await page.getByTestId('wh-doc-discard').click();
  await page.getByTestId('wh-doc-discard-confirm').click();
  await expect(page.getByTestId('wh-doc-posted')).toHaveCount(0);

  // 物资明细账: the receipt's two movements, newest first; stock unchanged by the refused issue.
  await page.getByTestId('wh-subtab-ledger').click();
  const ledger = page.getByTestId('wh-ledger-table');
  await expect(page.getByTestId(`wh-ledger-row-${number}-${a.code}`)).toContainText('+2');
  await expect(page.getByTestId(`wh-ledger-row-${number}-${b.code}`)).toContainText('+1');
  // Newest first: the receipt's two movements head the ledger.
  await expect(ledger.locator('tbody tr.ant-table-row').nth(0)).toContainText(number!);
  await expect(ledger.locator('tbody tr.ant-table-row').nth(1)).toContainText(number!);
  await shot('ledger');

  // A balance row opens that SKU's ledger with its running balance.
  await page.getByTestId('wh-subtab-balances').click();
  await rowA.click();
  await expect(page.getByTestId('wh-ledger')).toBeVisible();
  await expect(ledger.locator('thead')).toContainText(zh.warehouse.ledger.balance);
  await expect(ledger.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await shot('ledger-sku');
});
