// 中差评 on the demo shop, in zh-CN: 客服主管 imports a Taobao export pair → 客服专员 刘婷婷 registers a
// 差评 on the paid order's item → handles it (contacted on 旺旺, reason 色差, a ¥5 compensation) → the
// buyer revises it: 已修改为好评 → the statistics show it by reason and by product → the register CSV
// is read back with its Chinese intact.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, signIn, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';
import { LINES, lineCsv, orderCsv } from '../unit/service-fixtures';

test.use({ demo: true });

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-signout').click();
  await expect(page.getByTestId('header-person-name')).toHaveCount(0);
}

const PAID = '2456781234567890123';

test('客服专员 registers a 差评, handles it until it is revised, sees the statistics and exports the register', async ({
  page,
  harness,
  shot,
}) => {
  // The order export pair, its lines pointing at a real SKU of the demo shop.
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.code, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.archived_at IS NULL AND s.deleted_at IS NULL ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string; title: string };
  db.close();
  const lines = LINES.map((l) => (l[9] === 'TX001-WH-L' ? [...l.slice(0, 9), sku.code] : l));
  const orderFile = path.join(harness.dataDir, 'ExportOrderList202611281200.csv');
  const lineFile = path.join(harness.dataDir, 'ExportOrderDetailList202611281200.csv');
  fs.writeFileSync(orderFile, orderCsv('gbk'));
  fs.writeFileSync(lineFile, lineCsv('gbk', lines));

  // 客服主管 王丽娜 imports the shop's orders.
  await signIn(page, '王丽娜', '3333');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('svc-order-import').click();
  await page.getByTestId('order-import-files').setInputFiles([orderFile, lineFile]);
  await expect(page.getByTestId('order-import-count-new')).toContainText('3');
  await page.getByTestId('order-import-commit').click();
  await expect(page.getByTestId(`svc-order-row-${PAID}`)).toBeVisible();
  await signOut(page);

  // 客服专员 刘婷婷: 客服 → 中差评, nothing registered yet.
  await signIn(page, '刘婷婷', '3344');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-reviews').click();
  await expect(page.getByTestId('svc-reviews')).toBeVisible();
  await expect(page.getByText(zh.reviews.empty)).toBeVisible();

  // 登记中差评: the order found by its number, its one item picked by itself, 差评, the buyer's words.
  await page.getByTestId('review-register').click();
  const modal = page.locator('.ant-modal').filter({ hasText: zh.reviews.registerTitle });
  await pickOption(page, modal.getByTestId('review-register-order'), PAID, { type: '2456' });
  await expect(modal.getByTestId('review-register-line')).toContainText(sku.code);
  await modal.getByTestId('review-register-rating').getByText(zh.reviews.ratings.negative).click();
  await modal.getByTestId('review-register-content').fill('颜色和图片差太多了，实物发灰，差评！');
  await shot('register');
  await modal.getByTestId('review-register-save').click();
  await expect(modal).toBeHidden();

  // The review opens: 处理中, one step (登记).
  const drawer = page.getByRole('dialog', { name: /^PJ-/ });
  await expect(drawer.getByTestId('review-content')).toHaveText('颜色和图片差太多了，实物发灰，差评！');
  await expect(drawer.getByTestId('review-outcome')).toHaveText(zh.reviews.outcomes.pending);
  await expect(drawer).toContainText('阿强的店');
  await expect(drawer).toContainText(sku.code);

  // First handling: contacted on 旺旺, reason 色差, a solution and ¥5 compensation.
  await drawer.getByTestId('review-handle-channel').getByText(zh.reviews.channels.wangwang).click();
  await pickOption(page, drawer.getByTestId('review-handle-reason'), zh.reviews.reasons.color);
  await drawer.getByTestId('review-handle-solution').fill('道歉并说明拍摄光线，补偿 5 元红包');
  await drawer.getByTestId('review-handle-compensation').fill('5');
  await drawer.getByTestId('review-handle-note').fill('买家说收到红包后修改评价');
  await drawer.getByTestId('review-handle-save').click();
  await expect(page.locator('.ant-message')).toContainText(zh.reviews.handled);
  const steps = drawer.getByTestId('review-steps');
  await expect(steps).toContainText(`${zh.reviews.reason}：${zh.reviews.reasons.color}`);
  await expect(steps).toContainText(`${zh.reviews.compensation}：¥5.00`);
  await expect(steps).toContainText(`${zh.reviews.contact}：${zh.reviews.channels.wangwang}`);

  // 已解释 without the 评价解释 text is refused on the form.
  await drawer.getByTestId('review-handle-outcome').getByText(zh.reviews.outcomes.explained).click();
  await drawer.getByTestId('review-handle-save').click();
  await expect(drawer).toContainText(zh.errors.validation.explanationRequired);
  await shot('explained-needs-text');

  // The buyer revised it: 已修改为好评.
  await drawer.getByTestId('review-handle-outcome').getByText(zh.reviews.outcomes.revised).click();
  await drawer.getByTestId('review-handle-note').fill('买家已追加好评');
  await drawer.getByTestId('review-handle-save').click();
  await expect(drawer.getByTestId('review-outcome')).toHaveText(zh.reviews.outcomes.revised);
  await expect(drawer).toContainText(zh.reviews.revisedFinal);
  await expect(steps).toContainText(`${zh.reviews.outcome}：${zh.reviews.outcomes.revised}`);
  await shot('handled-revised');
  await drawer.screenshot({ path: test.info().outputPath('03b-review-drawer.png') });
  await page.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  const row = page.locator('[data-testid^="review-row-PJ-"]');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(zh.reviews.outcomes.revised);
  await expect(row).toContainText(zh.reviews.reasons.color);
  await shot('list');

  // 统计: one 差评, revised, 100 %, by reason 色差 and by product.
  await page.getByTestId('review-view-stats').click();
  await expect(page.getByTestId('review-stats-total')).toContainText('1');
  await expect(page.getByTestId('review-stats-revised')).toContainText('1');
  await expect(page.getByTestId('review-stats-rate')).toContainText('100%');
  const colorRow = page
    .getByTestId('review-stats-reasons')
    .locator('tr')
    .filter({ hasText: zh.reviews.reasons.color });
  await expect(colorRow).toContainText('100%');
  await expect(colorRow).toContainText('¥5.00');
  await expect(page.getByTestId(`review-stats-product-${sku.code}`)).toContainText('100%');
  await shot('stats');

  // The register as CSV, read back: BOM, Chinese intact.
  await page.getByTestId('review-view-list').click();
  const { file, text } = await exportCsv(page, harness, page.getByTestId('review-export'), '中差评_', {
    beforeConfirm: () => shot('export-dialog'),
  });
  expect(file).toMatch(/^中差评_\d{8}\.csv$/);
  expect(text).toContain('登记编号,评价日期,评价,订单编号,买家会员名');
  expect(text).toContain(`差评,${PAID},阿强的店,${sku.code}`);
  expect(text).toContain('颜色和图片差太多了，实物发灰，差评！,色差');
  expect(text).toContain('5.00,已修改为好评');
  expect(text).toContain('刘婷婷');
});

// 活动 (§6.6): 客服主管 plans a campaign over the demo SKU for the two days the paid order fell in,
// assigns a checklist item to 刘婷婷, who ticks it; the results compare with the two days before, and
// once ended the supervisor writes the summary.
test('客服主管 plans a promotion, the agent ticks her checklist item, results and summary', async ({
  page,
  harness,
  shot,
}) => {
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.code FROM sku s WHERE s.archived_at IS NULL AND s.deleted_at IS NULL ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string };
  db.close();
  const lines = LINES.map((l) => (l[9] === 'TX001-WH-L' ? [...l.slice(0, 9), sku.code] : l));
  const orderFile = path.join(harness.dataDir, 'ExportOrderList202611281200.csv');
  const lineFile = path.join(harness.dataDir, 'ExportOrderDetailList202611281200.csv');
  fs.writeFileSync(orderFile, orderCsv('gbk'));
  fs.writeFileSync(lineFile, lineCsv('gbk', lines));

  await signIn(page, '王丽娜', '3333');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('svc-order-import').click();
  await page.getByTestId('order-import-files').setInputFiles([orderFile, lineFile]);
  await expect(page.getByTestId('order-import-count-new')).toContainText('3');
  await page.getByTestId('order-import-commit').click();
  await expect(page.getByTestId(`svc-order-row-${PAID}`)).toBeVisible();

  // 新建活动: 11-26 ~ 11-27 (the paid order was placed 11-26 20:01), the demo SKU, an offer.
  await page.getByTestId('cs-subtab-promotions').click();
  await expect(page.getByText(zh.promotions.empty)).toBeVisible();
  await page.getByTestId('promo-new').click();
  const modal = page.locator('.ant-modal').filter({ hasText: zh.promotions.new });
  await modal.getByTestId('promo-form-name').fill('双十一返场');
  const range = modal.locator('.ant-picker-range input');
  await range.nth(0).click();
  await range.nth(0).fill('2026-11-26');
  await range.nth(0).press('Enter');
  await range.nth(1).fill('2026-11-27');
  await range.nth(1).press('Enter');
  await modal.getByTestId('promo-form-offer').fill('全场满 199 减 30');
  await pickOption(page, modal.getByTestId('promo-form-skus'), sku.code, { type: sku.code });
  await page.keyboard.press('Escape');
  await shot('promotion-form');
  await modal.getByTestId('promo-form-save').click();
  await expect(modal).toBeHidden();

  // The drawer opens: results (1 order of ¥59.00 during, none in the two days before).
  const drawer = page.getByRole('dialog', { name: /双十一返场/ });
  await expect(drawer.getByTestId('promo-results')).toContainText('2026-11-24 ~ 2026-11-25');
  await expect(drawer.getByTestId('promo-results')).toContainText('¥59.00 / ¥0.00');
  // A checklist item for 刘婷婷.
  await drawer.getByTestId('promo-task-title').fill('活动话术发给客服组');
  await pickOption(page, drawer.getByTestId('promo-task-owner'), '刘婷婷');
  const due = drawer.getByTestId('promo-task-due');
  await due.click();
  await due.fill('2026-11-25');
  await due.press('Enter');
  await drawer.getByTestId('promo-task-add').click();
  await expect(drawer.getByTestId('promo-task-活动话术发给客服组')).toContainText(zh.promotions.notDone);
  await drawer.screenshot({ path: test.info().outputPath('promotion-drawer.png') });
  await page.locator('.ant-drawer-close').click();
  await signOut(page);

  // 刘婷婷 ticks her item.
  await signIn(page, '刘婷婷', '3344');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-promotions').click();
  await expect(page.getByTestId('promo-new')).toHaveCount(0);
  await page.getByTestId('promo-row-双十一返场').click();
  const d2 = page.getByRole('dialog', { name: /双十一返场/ });
  // A controlled checkbox: it shows ticked once main has recorded it.
  await d2.getByTestId('promo-tick-活动话术发给客服组').click();
  await expect(d2.getByTestId('promo-tick-活动话术发给客服组')).toBeChecked();
  await expect(d2.getByTestId('promo-task-活动话术发给客服组')).toContainText('刘婷婷');
  await expect(d2.getByTestId('promo-checklist')).toContainText('1/1');
  await page.locator('.ant-drawer-close').click();
  await signOut(page);

  // The campaign has ended: the supervisor writes the summary.
  await signIn(page, '王丽娜', '3333');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-promotions').click();
  await expect(page.getByTestId('promo-row-双十一返场')).toContainText('1/1');
  await page.getByTestId('promo-row-双十一返场').click();
  const d3 = page.getByRole('dialog', { name: /双十一返场/ });
  await d3.getByTestId('promo-summary-text').fill('返场两天成交 1 单，比前两天多；主图需要更突出满减。');
  await d3.getByTestId('promo-summary-save').click();
  await expect(page.locator('.ant-message')).toContainText(zh.promotions.summarySaved);
  await expect(d3.getByTestId('promo-summary')).toContainText('王丽娜');
  await d3.screenshot({ path: test.info().outputPath('promotion-summary.png') });
  await shot('promotions');
});
