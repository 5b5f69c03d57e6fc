// Promotion creative on the demo shop, in zh-CN: 客服主管 王丽娜 creates a campaign starting in ten
// days → its three creative tasks (促销图, 活动页, 首页更新) appear on the campaign page (read-only for
// her) and on the art board → she edits the checklist and exports the results CSV → 美工专员 周子涵
// starts the 促销图 (the task shows its campaign) and sends it for review → 美工主管 孙悦 approves it
// → the campaign page shows 1/3 done with the progress bar, for the art team and for 客服.
import type { Page } from '@playwright/test';
import { test, expect, pickOption, signIn, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-signout').click();
  await expect(page.getByTestId('header-person-name')).toHaveCount(0);
}
/** The shop-local (Asia/Shanghai) day `n` days from today. */
const day = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const NAME = '年终大促';

test('a campaign’s creative tasks: created with it, done on the art board, progress on the campaign page', async ({
  page,
  harness,
  shot,
}) => {
  const start = day(10);
  const end = day(12);

  // 王丽娜 creates the campaign.
  await signIn(page, '王丽娜', '3333');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-promotions').click();
  await page.getByTestId('promo-new').click();
  const modal = page.locator('.ant-modal').filter({ hasText: zh.promotions.new });
  await modal.getByTestId('promo-form-name').fill(NAME);
  const range = modal.locator('.ant-picker-range input');
  await range.nth(0).click();
  await range.nth(0).fill(start);
  await range.nth(0).press('Enter');
  await range.nth(1).fill(end);
  await range.nth(1).press('Enter');
  await modal.getByTestId('promo-form-offer').fill('全场满 299 减 50');
  await pickOption(page, modal.getByTestId('promo-form-skus'), 'TX', { type: 'TX' });
  await page.keyboard.press('Escape');
  await modal.getByTestId('promo-form-save').click();
  await expect(modal).toBeHidden();

  // The campaign page lists the three creative tasks, due ahead of the start, not started.
  const drawer = page.getByRole('dialog', { name: new RegExp(NAME) });
  const creative = drawer.getByTestId('promo-creative');
  await expect(creative).toContainText('美工任务 0/3');
  await expect(drawer.getByTestId('promo-creative-banner')).toContainText(day(7));
  await expect(drawer.getByTestId('promo-creative-page')).toContainText(day(7));
  await expect(drawer.getByTestId('promo-creative-homepage')).toContainText(day(9));
  await expect(drawer.getByTestId('promo-creative-status-banner')).toHaveText(zh.tasks.status.todo);
  await expect(drawer.getByTestId('promo-creative-banner')).toContainText(zh.promotions.creative.unassigned);
  // Everything exists already: no "generate" button.
  await expect(drawer.getByTestId('promo-creative-create')).toHaveCount(0);

  // 客服 cannot open art tasks: a read-only view.
  await drawer.getByTestId('promo-creative-page').click();
  const view = page.getByTestId('promo-creative-view');
  await expect(view).toContainText(`${NAME} · 活动页`);
  await expect(view).toContainText('王丽娜');
  await shot('creative-readonly-view');
  await page.getByTestId('promo-creative-view-close').click();
  await expect(view).toBeHidden();

  // Checklist edits: two items, the second moved up, the first renamed, one removed.
  for (const title of ['客服话术', '改价']) {
    await drawer.getByTestId('promo-task-title').fill(title);
    await pickOption(page, drawer.getByTestId('promo-task-owner'), '刘婷婷');
    const due = drawer.getByTestId('promo-task-due');
    await due.click();
    await due.fill(day(9));
    await due.press('Enter');
    await drawer.getByTestId('promo-task-add').click();
    await expect(drawer.getByTestId(`promo-task-${title}`)).toBeVisible();
  }
  await drawer.getByTestId('promo-item-up-改价').click();
  await expect(drawer.getByTestId('promo-checklist').locator('tbody tr').first()).toContainText('改价');
  await drawer.getByTestId('promo-item-edit-客服话术').click();
  const itemModal = page.locator('.ant-modal').filter({ hasText: zh.promotions.editTask });
  await itemModal.getByTestId('promo-item-title').fill('活动话术发给客服组');
  await itemModal.getByTestId('promo-item-save').click();
  await expect(drawer.getByTestId('promo-task-活动话术发给客服组')).toBeVisible();
  await drawer.getByTestId('promo-item-remove-改价').click();
  await page.getByTestId('promo-item-remove-ok').click();
  await expect(drawer.getByTestId('promo-task-改价')).toHaveCount(0);
  await expect(drawer.getByTestId('promo-checklist')).toContainText('0/1');
  await drawer.screenshot({ path: test.info().outputPath('campaign-page-cs.png') });

  // Results CSV (UTF-8 with BOM), read back with its Chinese intact.
  const { text } = await exportCsv(page, harness, drawer.getByTestId('promo-results-export'), '活动效果_');
  const lines = text.split('\r\n');
  expect(lines[0]).toContain('活动期销售额(元)');
  expect(lines.some((l) => l.startsWith('合计,'))).toBe(true);
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-close').first().click();
  await signOut(page);

  // 周子涵 finds them on the art board, opens the banner: its campaign is shown; starts and submits it.
  await signIn(page, '周子涵', '5566');
  await page.getByTestId('tab-art').click();
  const todo = page.getByTestId('art-col-todo');
  for (const kind of ['促销图', '活动页', '首页更新'])
    await expect(todo.locator('.art-card', { hasText: `${NAME} · ${kind}` })).toBeVisible();
  await shot('art-board');
  await todo.locator('.art-card', { hasText: `${NAME} · 促销图` }).click();
  const task = page.getByTestId('art-task-drawer');
  await expect(task.getByTestId('art-task-promotion')).toContainText(NAME);
  await expect(task.getByTestId('art-task-promotion')).toContainText(`${start} ~ ${end}`);
  await expect(task.getByTestId('art-task-promotion')).toContainText('活动美工任务：促销图');
  await task.getByTestId('art-move-doing').click();
  await expect(task.getByTestId('art-task-status')).toHaveText(zh.tasks.status.doing);
  await task.getByTestId('art-move-review').click();
  await expect(task.getByTestId('art-task-status')).toHaveText(zh.tasks.status.review);
  await task.screenshot({ path: test.info().outputPath('art-task-with-campaign.png') });
  await page.locator('.ant-drawer-close').first().click();
  await signOut(page);

  // 孙悦 approves it, then looks at the campaign from the art tab: 1/3 done.
  await signIn(page, '孙悦', '5555');
  await page.getByTestId('tab-art').click();
  await page
    .getByTestId('art-col-review')
    .locator('.art-card', { hasText: `${NAME} · 促销图` })
    .click();
  await page.getByTestId('art-review-approve').click();
  await page.getByTestId('art-review-ok').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.done);
  await page.locator('.ant-drawer-close').first().click();
  await page.getByTestId('art-subtab-promotions').click();
  await expect(page.getByTestId(`promo-row-${NAME}`)).toBeVisible();
  await page.getByTestId(`promo-row-${NAME}`).click();
  const d2 = page.getByRole('dialog', { name: new RegExp(NAME) });
  await expect(d2.getByTestId('promo-creative')).toContainText('美工任务 1/3');
  await expect(d2.getByTestId('promo-creative-progress')).toContainText('33%');
  await expect(d2.getByTestId('promo-creative-status-banner')).toHaveText(zh.tasks.status.done);
  await expect(d2.getByTestId('promo-creative-banner')).toContainText('周子涵');
  await d2.screenshot({ path: test.info().outputPath('campaign-page-art.png') });
  // The art team opens the task itself from the campaign page.
  await d2.getByTestId('promo-creative-homepage').click();
  await expect(page.getByTestId('art-task-drawer').getByTestId('art-task-promotion')).toContainText(
    '活动美工任务：首页更新',
  );
  await page.getByTestId('art-task-drawer').locator('.ant-drawer-close').click();
  // The lead days setting (美工主管).
  await d2.getByTestId('promo-creative-lead').click();
  await expect(page.getByTestId('promo-lead-banner')).toBeVisible();
  await shot('lead-days');
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-close').first().click();
  await signOut(page);

  // 客服 sees the progress too.
  await signIn(page, '王丽娜', '3333');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-promotions').click();
  await page.getByTestId(`promo-row-${NAME}`).click();
  const d3 = page.getByRole('dialog', { name: new RegExp(NAME) });
  await expect(d3.getByTestId('promo-creative')).toContainText('美工任务 1/3');
  await shot('campaign-page-cs-after');
});
