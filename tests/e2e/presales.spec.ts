// 售前 on the demo shop, in zh-CN: 客服主管 王丽娜 writes a reply template and a product's knowledge →
// 客服专员 刘婷婷 marks it learned, logs two inquiries (one ordered) with the quick form (Enter
// saves) and copies the template with the buyer filled in → the supervisor sees the conversion
// and the learned coverage → the inquiry CSV, read back with its Chinese intact.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId(`signin-person-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(name);
  await page.getByTestId('tab-service').click();
}

async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('header-signout').click();
  await signIn(page, name, pin);
}

test('售前: template and knowledge → agent learns, logs inquiries, copies a reply → supervisor sees conversion and coverage → CSV', async ({
  page,
  harness,
  shot,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.code, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE p.listed = 1 AND p.archived_at IS NULL AND s.archived_at IS NULL AND s.deleted_at IS NULL
       ORDER BY p.title, s.code LIMIT 1`,
    )
    .get() as { code: string; title: string };
  db.close();

  // 客服主管: the three sub-tabs; a template with placeholders.
  await signIn(page, '王丽娜', '3333');
  for (const key of ['inquiries', 'templates', 'knowledge'])
    await expect(page.getByTestId(`cs-subtab-${key}`)).toBeVisible();
  await page.getByTestId('cs-subtab-templates').click();
  await expect(page.getByText(zh.presales.templatesEmpty)).toBeVisible();
  await page.getByTestId('presales-template-new').click();
  await pickOption(
    page,
    page.getByTestId('presales-template-category-select'),
    zh.presales.categories.bargain,
  );
  await page.getByTestId('presales-template-title').fill('议价婉拒');
  await page
    .getByTestId('presales-template-body')
    .fill('亲爱的{买家}，您好！我是客服{客服}，{商品}已经是活动最低价了，现在下单今天就能发货哦~');
  await expect(page.locator('.ant-modal .presales-placeholder').first()).toHaveText('{买家}');
  await shot('template-editor');
  await page.getByTestId('presales-template-save').click();
  await expect(page.getByTestId('presales-template-save')).toBeHidden();
  const card = page.getByTestId('presales-template-议价婉拒');
  await expect(card).toBeVisible();
  await expect(card.locator('.presales-placeholder')).toHaveCount(3);
  await shot('templates-supervisor');

  // The product's knowledge (version 1).
  await page.getByTestId('cs-subtab-knowledge').click();
  await expect(page.getByTestId('presales-coverage')).toContainText(sku.title);
  await pickOption(page, page.getByTestId('presales-knowledge-product'), sku.code, { type: sku.code });
  await expect(page.getByTestId('presales-knowledge-title')).toContainText(sku.title);
  await expect(page.getByTestId('presales-knowledge-card')).toContainText(zh.presales.noKnowledge);
  await page.getByTestId('presales-knowledge-edit').click();
  await page.getByTestId('presales-k-selling-input').fill('新疆长绒棉，亲肤透气，洗后不起球');
  await page.getByTestId('presales-k-sizes-input').fill('M 160/84\nL 165/88\nXL 170/92');
  await page.getByTestId('presales-k-material-input').fill('100% 棉');
  await page.getByTestId('presales-faq-add').click();
  await page.getByTestId('presales-faq-q-0').fill('会缩水吗？');
  await page.getByTestId('presales-faq-a-0').fill('冷水手洗基本不缩水');
  await shot('knowledge-editor');
  await page.getByTestId('presales-knowledge-save').click();
  await expect(page.getByTestId('presales-knowledge-save')).toBeHidden();
  await expect(page.getByTestId('presales-k-selling')).toHaveText('新疆长绒棉，亲肤透气，洗后不起球');
  await expect(page.getByTestId('presales-learners')).toContainText('刘婷婷');
  await expect(page.getByTestId('presales-learners')).toContainText(zh.presales.notLearned);
  await shot('knowledge-supervisor');

  // 客服专员: learns it.
  await switchTo(page, '刘婷婷', '3344');
  await page.getByTestId('cs-subtab-knowledge').click();
  await page.getByTestId(`presales-coverage-row-${sku.title}`).click();
  await expect(page.getByTestId('presales-knowledge-card')).toContainText('会缩水吗？');
  await expect(page.getByTestId('presales-knowledge-edit')).toHaveCount(0); // agents do not edit
  await page.getByTestId('presales-learn').click();
  await expect(page.getByTestId('presales-learned-tag')).toBeVisible();
  await expect(page.getByTestId('presales-learners')).toContainText(zh.presales.learned);
  await shot('knowledge-agent-learned');

  // Two inquiries with the quick form; Enter saves and the form stays for the next one.
  await page.getByTestId('cs-subtab-inquiries').click();
  await page.getByTestId('presales-member').fill('小鹿乱撞2019');
  await pickOption(page, page.getByTestId('presales-sku'), sku.code, { type: sku.code });
  await pickOption(page, page.getByTestId('presales-question'), zh.presales.questions.size);
  await page.getByTestId('presales-note').fill('身高 175 体重 70kg 问穿什么码，推荐 XL');
  await page.getByTestId('presales-note').press('Enter');
  await expect(page.getByTestId('presales-row-小鹿乱撞2019')).toContainText(zh.presales.outcomes.pending);
  await expect(page.getByTestId('presales-member')).toHaveValue('');
  await expect(page.getByTestId('presales-member')).toBeFocused();
  await page.getByTestId('presales-member').fill('阿强的店');
  await pickOption(page, page.getByTestId('presales-question'), zh.presales.questions.price);
  await pickOption(page, page.getByTestId('presales-outcome'), zh.presales.outcomes.ordered);
  await page.getByTestId('presales-note').fill('送了 5 元优惠券后拍下');
  await page.getByTestId('presales-note').press('Enter');
  const ordered = page.getByTestId('presales-row-阿强的店');
  await expect(ordered).toContainText(zh.presales.outcomes.ordered);
  await expect(ordered).toContainText('刘婷婷');
  await expect(page.getByTestId('presales-stat-total')).toContainText('2');
  await expect(page.getByTestId('presales-stat-conversion')).toContainText('50%');
  await shot('inquiries-agent');

  // A reply template copied with the buyer (and agent, product) filled in.
  await page.getByTestId('cs-subtab-templates').click();
  await page.getByTestId('presales-fill-buyer').locator('input').fill('小鹿乱撞2019');
  await pickOption(page, page.getByTestId('presales-fill-sku'), sku.code, { type: sku.code });
  await page.getByTestId('presales-template-search').locator('input').fill('yjwj'); // pinyin initials of 议价婉拒
  await page.getByTestId('presales-template-search').locator('input').press('Enter');
  await expect(page.getByTestId('presales-template-议价婉拒')).toBeVisible();
  await expect(page.getByTestId('presales-filled-议价婉拒')).toContainText(
    '亲爱的小鹿乱撞2019，您好！我是客服刘婷婷',
  );
  await page.getByTestId('presales-copy-议价婉拒').click();
  await expect(page.getByText(zh.presales.copied)).toBeVisible();
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toBe(
    `亲爱的小鹿乱撞2019，您好！我是客服刘婷婷，${sku.title}已经是活动最低价了，现在下单今天就能发货哦~`,
  );
  await expect(page.getByTestId('presales-template-new')).toHaveCount(0); // agents use, not maintain
  await shot('templates-agent');

  // The buyer's timeline shows the inquiry.
  await page.getByTestId('cs-subtab-buyers').click();
  await page.getByTestId('svc-buyer-search').fill('小鹿乱撞2019');
  await page.getByTestId('svc-buyer-row-小鹿乱撞2019').click();
  await expect(page.getByTestId('svc-buyer-timeline')).toContainText(zh.presales.timelineKind);
  await expect(page.getByTestId('svc-buyer-timeline')).toContainText('推荐 XL');
  await shot('buyer-timeline');
  await page.keyboard.press('Escape');

  // 客服主管: conversion per agent and day; learned coverage.
  await switchTo(page, '王丽娜', '3333');
  await page.getByTestId('cs-subtab-inquiries').click();
  await pickOption(page, page.getByTestId('presales-filter-agent'), '刘婷婷');
  await expect(page.getByTestId('presales-stat-ordered')).toContainText('1');
  await expect(page.getByTestId('presales-stat-conversion')).toContainText('50%');
  await expect(page.getByTestId('presales-days')).toContainText('50%');
  await shot('inquiries-supervisor');
  await page.getByTestId('cs-subtab-knowledge').click();
  const coverage = page.getByTestId('presales-coverage');
  await expect(coverage).toBeVisible();
  await expect(page.getByTestId(`presales-coverage-row-${sku.title}`)).toHaveCount(0); // learned by all
  await page.getByTestId('presales-coverage-gaps').click();
  await expect(page.getByTestId(`presales-coverage-row-${sku.title}`)).toContainText('1 / 1');
  await shot('coverage');

  // The CSV export of the inquiry log.
  await page.getByTestId('cs-subtab-inquiries').click();
  const { text } = await exportCsv(page, harness, page.getByTestId('presales-export'), '咨询记录_');
  expect(text).toContain('咨询时间,客服,买家会员名,商品,商家编码,规格,问题类型,结果,订单编号,备注');
  expect(text).toContain(`刘婷婷,小鹿乱撞2019,${sku.title},${sku.code}`);
  expect(text).toContain('刘婷婷,阿强的店,,,,价格/讨价还价,已下单,,送了 5 元优惠券后拍下');
  await shot('exported');
});
