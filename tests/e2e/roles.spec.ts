// Roles on a shared PC, with the demo shop (`npm run dev:browser -- --demo`): each person sees
// the tabs and buttons of their role, and a scanner-style search finds a SKU by barcode among
// hundreds. The main process enforces the same rules (tests/unit/channels.test.ts); this checks
// what people see.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-signout').click();
  await expect(
    page.getByTestId('signin-pin').or(page.locator('[data-testid^="signin-person-"]').first()),
  ).toBeVisible();
}

test('each role sees its own tabs and buttons; a barcode scan finds the SKU', async ({
  page,
  harness,
  shot,
}) => {
  const person = (role: string) => harness.demoPeople.find((p) => p.role === role)!;
  expect(harness.demoPeople).toHaveLength(9);

  // 仓储主管: the warehouse tab with full catalog editing, no customer-service or art tabs.
  const wh = person('wh_supervisor');
  await expect(page.locator('[data-testid^="signin-person-"]')).toHaveCount(9);
  await shot('signin-roster');
  await signIn(page, wh.name, wh.pin);
  await expect(page.getByTestId('tab-warehouse')).toBeVisible();
  await expect(page.getByTestId('tab-service')).toHaveCount(0);
  await expect(page.getByTestId('tab-art')).toHaveCount(0);
  for (const id of ['catalog-new', 'catalog-import', 'catalog-export'])
    await expect(page.getByTestId(id)).toBeVisible();

  // A scanner types the barcode and Enter: exactly one SKU, selected.
  await expect(page.locator('[data-testid^="catalog-row-"]').first()).toBeVisible();
  // A real barcode from the shop's database (read-only, beside the running harness).
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const { code, barcode } = db
    .prepare(
      `SELECT code, barcode FROM sku WHERE barcode <> '' AND archived_at IS NULL ORDER BY code DESC LIMIT 1`,
    )
    .get() as { code: string; barcode: string };
  db.close();
  expect(barcode).toMatch(/^69\d{11}$/);
  const search = page.getByTestId('catalog-search');
  await search.fill(barcode);
  await search.press('Enter');
  await expect(page.getByTestId('catalog-total')).toContainText('1');
  await expect(page.getByTestId(`catalog-row-${code}`)).toHaveClass(/catalog__row--selected/);
  await shot('warehouse-barcode-scan');
  await signOut(page);

  // 客服专员: the customer-service tab's 商品查询, read-only: no new/import/export, a read-only drawer.
  const cs = person('cs_agent');
  await signIn(page, cs.name, cs.pin);
  await expect(page.getByTestId('tab-service')).toBeVisible();
  await expect(page.getByTestId('tab-warehouse')).toHaveCount(0);
  await expect(page.getByText(zh.features.catalogLookup).first()).toBeVisible();
  await page.getByTestId('cs-subtab-catalogLookup').click(); // 客服 opens on 订单 since the orders landed
  for (const id of ['catalog-new', 'catalog-import', 'catalog-export'])
    await expect(page.getByTestId(id)).toHaveCount(0);
  await page.locator('[data-testid^="catalog-row-"]').first().click();
  await expect(page.getByTestId('product-readonly')).toBeVisible();
  await expect(page.getByTestId('product-save')).toHaveCount(0);
  await shot('service-readonly-product');
  await page.keyboard.press('Escape');
  // Settings: only their own PIN.
  await page.getByTestId('tab-settings').click();
  await expect(page.getByText(zh.features.myPin).first()).toBeVisible();
  await expect(page.getByText(zh.features.staff)).toHaveCount(0);
  await expect(page.getByText(zh.features.audit)).toHaveCount(0);
  await signOut(page);

  // 运营总监: every tab, reads the activity log, may export but not edit.
  const director = person('director');
  await signIn(page, director.name, director.pin);
  for (const tab of ['warehouse', 'service', 'art', 'settings'])
    await expect(page.getByTestId(`tab-${tab}`)).toBeVisible();
  await expect(page.getByTestId('catalog-export')).toBeVisible();
  await expect(page.getByTestId('catalog-new')).toHaveCount(0);
  await page.getByTestId('tab-settings').click();
  await page.getByText(zh.features.audit).first().click();
  await expect(page.getByTestId('audit-table')).toBeVisible();
  await expect(page.getByTestId('audit-table')).toContainText(person('wh_supervisor').name);
  await shot('director-audit');
});
