// 客服 on the demo shop, in zh-CN: 客服主管 imports a Taobao order export pair (GBK CSV) → the
// orders and their buyers appear → the buyer page (full phone, timeline, a note) → a follow-up
// (催付) of the unpaid order → a seller note with a red flag → the orders CSV export, read back
// with its Chinese intact. 运营总监 then sees the same buyer with the phone masked.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, signIn, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';
import { LINES, lineCsv, orderCsv } from '../unit/service-fixtures';

test.use({ demo: true });

test('客服主管 imports orders, finds the buyer, follows up an unpaid order and exports the orders', async ({
  page,
  harness,
  shot,
}) => {
  // The export pair, its lines pointing at a real SKU of the demo shop.
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(`SELECT code FROM sku WHERE archived_at IS NULL AND deleted_at IS NULL ORDER BY code LIMIT 1`)
    .get() as { code: string };
  db.close();
  const lines = LINES.map((l) => (l[9] === 'TX001-WH-L' ? [...l.slice(0, 9), sku.code] : l));
  const orderFile = path.join(harness.dataDir, 'ExportOrderList202611281200.csv');
  const lineFile = path.join(harness.dataDir, 'ExportOrderDetailList202611281200.csv');
  fs.writeFileSync(orderFile, orderCsv('gbk'));
  fs.writeFileSync(lineFile, lineCsv('gbk', lines));

  const cs = harness.demoPeople.find((p) => p.role === 'cs_supervisor')!;
  await signIn(page, cs.name, cs.pin);
  await page.getByTestId('tab-service').click();
  for (const key of ['orders', 'followUp', 'buyers', 'catalogLookup'])
    await expect(page.getByTestId(`cs-subtab-${key}`)).toBeVisible();
  await expect(page.getByText(zh.orders.empty)).toBeVisible();

  // 导入订单: both files at once → preview → import.
  await page.getByTestId('svc-order-import').click();
  await page.getByTestId('order-import-files').setInputFiles([orderFile, lineFile]);
  const preview = page.getByTestId('order-import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('order-import-count-new')).toContainText('3');
  await expect(preview).toContainText(zh.orderImport.kinds.orders);
  await expect(preview).toContainText(zh.orderImport.kinds.lines);
  await expect(page.getByTestId('order-import-unknown')).toContainText('NOPE-404');
  await shot('import-preview');
  await page.getByTestId('order-import-commit').click();
  await expect(page.getByTestId('svc-order-row-1930679858170647')).toBeVisible();
  await expect(page.getByTestId('svc-order-row-2456781234567890123')).toContainText(zh.orders.statuses.paid);
  await expect(page.getByTestId('svc-order-row-3012345678901234')).toContainText('小鹿乱撞2019');
  await shot('orders');

  // The order page: lines, shipping from the import; a red flag with a seller note.
  await page.getByTestId('svc-order-row-3012345678901234').click();
  const drawer = page.getByTestId('svc-order-drawer');
  await expect(drawer).toContainText('中通快递');
  await expect(drawer).toContainText('773012345678901');
  await page.getByTestId('svc-order-flag-red').click();
  await page.getByTestId('svc-order-note').fill('买家要求周末送达');
  await page.getByTestId('svc-order-note-save').click();
  await expect(page.getByText(zh.orders.detail.noteSaved)).toBeVisible();
  await shot('order-page');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('svc-order-row-3012345678901234').getByTestId('flag-red')).toBeVisible();

  // 买家资料: the list masks the phone; the buyer page shows it in full to 客服主管.
  await page.getByTestId('cs-subtab-buyers').click();
  await page.getByTestId('svc-buyer-search').fill('xllz'); // pinyin initials of 小鹿乱撞
  const buyerRow = page.getByTestId('svc-buyer-row-小鹿乱撞2019');
  await expect(page.getByTestId('svc-buyer-row-阿强的店')).toHaveCount(0); // the search applied
  await expect(buyerRow).toContainText('186****6065');
  await shot('buyers');
  await buyerRow.click();
  const buyer = page.getByTestId('svc-buyer-drawer');
  await expect(page.getByTestId('svc-buyer-phones')).toHaveText('18618486065');
  await expect(page.getByTestId('svc-buyer-timeline')).toContainText('1930679858170647');
  await expect(page.getByTestId('svc-buyer-timeline')).toContainText('3012345678901234');
  await page.getByTestId('svc-buyer-note').fill('喜欢白色，穿 L 码');
  await page.getByTestId('svc-buyer-note-add').click();
  await expect(page.getByTestId('svc-buyer-timeline')).toContainText('喜欢白色，穿 L 码');
  await expect(buyer).toContainText(zh.buyers.kinds.note);
  await shot('buyer-page');
  await page.keyboard.press('Escape');

  // 催付: the unpaid order is in the queue; record a phone call with a reminder.
  await page.getByTestId('cs-subtab-followUp').click();
  await expect(page.getByTestId('svc-followup-row-1930679858170647')).toBeVisible();
  await page.getByTestId('svc-followup-act-1930679858170647').click();
  await page.getByTestId('svc-followup-channel').getByText(zh.followUp.channels.phone).click();
  await page.getByTestId('svc-followup-note').fill('买家说下班后付款');
  await shot('follow-up-dialog');
  await page.getByTestId('svc-followup-save').click();
  await expect(page.getByText(zh.followUp.recorded)).toBeVisible();
  await expect(page.getByTestId('svc-followup-row-1930679858170647')).toContainText('1 次');
  await expect(page.getByTestId('svc-followup-report')).toContainText(zh.followUp.followedUp);
  await shot('follow-up');

  // Export the orders (UTF-8 with BOM) and read the file back.
  await page.getByTestId('cs-subtab-orders').click();
  const { file, text } = await exportCsv(page, harness, page.getByTestId('svc-order-export'), '订单_');
  expect(file).toMatch(/^订单_\d{8}\.csv$/);
  expect(text.split('\r\n')[0]).toContain('订单编号,买家会员名,订单状态');
  expect(text).toContain('3012345678901234,小鹿乱撞2019,卖家已发货，等待买家确认,35.50');
  expect(text).toContain('红旗,买家要求周末送达');

  // 运营总监 reads the same buyer: the phone comes masked from main.
  await page.getByTestId('header-switch').click();
  const director = harness.demoPeople.find((p) => p.role === 'director')!;
  await page.getByTestId(`signin-person-${director.name}`).click();
  await page.getByTestId('signin-pin').fill(director.pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(director.name);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-buyers').click();
  await page.getByTestId('svc-buyer-row-小鹿乱撞2019').click();
  await expect(page.getByTestId('svc-buyer-phones')).toHaveText('186****6065');
  await shot('buyer-page-director');
});
