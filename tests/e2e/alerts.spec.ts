// Low-stock alerts (库存预警, §16.7) on the demo shop, in zh-CN: 仓储主管 receives 12 of a listed
// SKU (threshold 10) that has no stock in the demo shop — no alert — then issues 5, leaving 7: the alert appears in 仓储 with the
// quantity and the issue as last movement; 客服主管 sees it in 客服 and acknowledges it naming
// 仓储专员 as handler; a receipt brings the stock back and the alert clears by itself (kept under
// 已解除). The alerts CSV opens with Chinese intact.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, signIn, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-signout').click();
  await expect(page.getByTestId('header-person-name')).toHaveCount(0);
}

async function scan(page: Page, code: string): Promise<void> {
  const field = page.getByTestId('wh-doc-scan');
  await field.fill(code);
  await field.press('Enter');
  await expect(field).toHaveValue('');
}

/** A document through the drawer: type, bin, one SKU scanned, quantity; posted. Returns its number. */
async function postDocument(
  page: Page,
  type: 'purchase_in' | 'sales_out',
  barcode: string,
  quantity: number,
): Promise<string> {
  await page.getByTestId('wh-subtab-documents').click();
  await page.getByTestId('wh-doc-new').click();
  if (type !== 'purchase_in') {
    await page.getByTestId('wh-doc-type').click();
    await page.locator('.ant-select-item-option').filter({ hasText: zh.warehouse.types[type] }).click();
  }
  await scan(page, 'E-01-01');
  await scan(page, barcode);
  await page.getByTestId('wh-doc-line-qty-0').fill(String(quantity));
  await page.getByTestId('wh-doc-post').click();
  await page.getByTestId('wh-doc-post-confirm').click();
  await expect(page.getByTestId('wh-doc-posted')).toBeVisible();
  const title = (await page.getByTestId('wh-doc-title').textContent()) ?? '';
  const number = /(RK|CK)-\S+/.exec(title)?.[0];
  expect(number).toBeTruthy();
  await page.getByTestId('wh-doc-cancel').click();
  return number!;
}

test('an issue takes a listed SKU under its threshold → alert in 仓储 and 客服 → acknowledged → a receipt clears it', async ({
  page,
  harness,
  shot,
}) => {
  const person = (role: string) => harness.demoPeople.find((p) => p.role === role)!;
  const wh = person('wh_supervisor');
  const cs = person('cs_supervisor');
  const agent = person('wh_agent');

  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.code, s.barcode, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE p.listed = 1 AND p.archived_at IS NULL AND s.archived_at IS NULL AND s.barcode <> ''
         AND s.low_stock_threshold = 10
         AND NOT EXISTS (SELECT 1 FROM stock_balance sb WHERE sb.sku_id = s.id AND sb.on_hand <> 0)
         AND NOT EXISTS (SELECT 1 FROM stock_document_line l JOIN stock_document d ON d.id = l.document_id
                         WHERE l.sku_id = s.id AND d.status = 'draft' AND d.deleted_at IS NULL)
       ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string; barcode: string; title: string };
  db.close();
  expect(sku).toBeTruthy();

  await signIn(page, wh.name, wh.pin);
  await expect(page.getByTestId('wh-subtab-alerts')).toBeVisible();
  // The demo shop has listed SKUs with no stock (this one among them): the badge already counts alerts.
  await expect(page.getByTestId('wh-subtab-alerts-label-badge')).toBeVisible();

  await page.getByTestId('wh-subtab-bins').click();
  await page.getByTestId('wh-bin-new').click();
  await page.getByTestId('wh-bin-code').fill('E-01-01');
  await page.getByTestId('wh-bin-save').click();
  await expect(page.getByTestId('wh-bin-row-E-01-01')).toBeVisible();

  // 12 received: at or above 10, no alert for it.
  await postDocument(page, 'purchase_in', sku.barcode, 12);
  await page.getByTestId('wh-subtab-alerts').click();
  await page.getByTestId('alerts-search').fill(sku.code);
  await expect(page.getByTestId('alerts-table')).toContainText(zh.alerts.noMatch);

  // 5 issued: 7 left, under 10 → the alert, with the issue as its last movement.
  const ck = await postDocument(page, 'sales_out', sku.barcode, 5);
  await page.getByTestId('wh-subtab-alerts').click();
  await page.getByTestId('alerts-search').fill(sku.code);
  const row = page.getByTestId(`alerts-row-${sku.code}`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId(`alerts-onhand-${sku.code}`)).toHaveText('7 / 10');
  await expect(row).toContainText(ck);
  await expect(row).toContainText('−5');
  await expect(page.getByTestId(`alerts-status-${sku.code}`)).toContainText(zh.alerts.status.open);
  await shot('warehouse-alert');
  await signOut(page);

  // 客服主管 sees it in 客服 and acknowledges it: 仓储专员 handles it.
  await signIn(page, cs.name, cs.pin);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-alerts').click();
  await page.getByTestId('alerts-search').fill(sku.code);
  await expect(page.getByTestId(`alerts-onhand-${sku.code}`)).toHaveText('7 / 10');
  await shot('service-alert');
  await page.getByTestId(`alerts-ack-${sku.code}`).click();
  await expect(page.getByTestId('alerts-ack-summary')).toContainText(sku.code);
  await page.getByTestId('alerts-ack-handler').click();
  await page.locator('.ant-select-item-option').filter({ hasText: agent.name }).click();
  await page.getByTestId('alerts-ack-note').fill('已联系义乌工厂，周三到货');
  await shot('ack-dialog');
  await page.getByTestId('alerts-ack-submit').click();
  await expect(page.getByTestId(`alerts-status-${sku.code}`)).toContainText(zh.alerts.status.acknowledged);
  await expect(page.getByTestId(`alerts-status-${sku.code}`)).toContainText(cs.name);
  await expect(page.getByTestId(`alerts-handler-${sku.code}`)).toContainText(agent.name);
  await expect(page.getByTestId(`alerts-handler-${sku.code}`)).toContainText('周三到货');
  await shot('service-acknowledged');

  // The alerts CSV: Chinese intact.
  const { text } = await exportCsv(page, harness, page.getByTestId('alerts-export'), '库存预警_');
  expect(text).toContain(`已确认,${sku.code},${sku.title}`);
  expect(text).toContain('已联系义乌工厂，周三到货');
  await signOut(page);

  // A receipt of 10 brings it to 17: the alert clears by itself and stays in the history.
  await signIn(page, wh.name, wh.pin);
  await postDocument(page, 'purchase_in', sku.barcode, 10);
  await page.getByTestId('wh-subtab-alerts').click();
  await page.getByTestId('alerts-search').fill(sku.code);
  await expect(page.getByTestId('alerts-table')).toContainText(zh.alerts.noMatch);
  await page.getByTestId('alerts-filter-status').getByText(zh.alerts.filter.cleared).click();
  // Two alerts in its history: the demo shop's (no stock, cleared by the first receipt) and this one
  // (newest first).
  await expect(page.getByTestId(`alerts-row-${sku.code}`)).toHaveCount(2);
  const status = page.getByTestId(`alerts-status-${sku.code}`).first();
  await expect(status).toContainText(zh.alerts.status.cleared);
  await expect(status).toContainText(zh.alerts.reason.restocked);
  await expect(status).toContainText(cs.name);
  await expect(page.getByTestId(`alerts-onhand-${sku.code}`).first()).toHaveText('17 / 10');
  await expect(page.getByTestId(`alerts-handler-${sku.code}`).first()).toContainText(agent.name);
  await shot('cleared');

  // The ledger: the person filter lists who posted; the ledger exports with 结存 for the SKU.
  await page.getByTestId('wh-subtab-ledger').click();
  await page.getByTestId('wh-ledger-filter-person').click();
  await expect(page.locator('.ant-select-item-option').filter({ hasText: wh.name })).toBeVisible();
  await page.keyboard.press('Escape');
  await shot('ledger');
});
