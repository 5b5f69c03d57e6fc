// 售后 on the demo shop, in zh-CN: 客服主管 王丽娜 imports an order export pair → 客服专员 刘婷婷
// opens a 退货退款 case on a paid order (with the buyer's 退款编号) → 仓储主管 张志强 sees the
// expected return and inspects it → 王丽娜 imports a 退款报表 CSV (GBK, written here) → preview →
// commit → the case is updated (已退款, the return parcel) and a new one is created → the case CSV
// export is read back with its Chinese intact.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';
import { LINES, lineCsv, orderCsv } from '../unit/service-fixtures';
import { REFUNDS, refundCsv } from '../unit/aftersales-fixtures';

test.use({ demo: true });

/** Wait until no CSS animation runs (a modal's zoom-in, a drawer's slide) before a screenshot. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const d = globalThis as unknown as {
      document: {
        getAnimations(): { playState: string; effect: { getTiming(): { iterations: number } } | null }[];
      };
    };
    return d.document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
  });
}

async function signIn(page: Page, name: string, pin: string, switching = false): Promise<void> {
  if (switching) await page.getByTestId('header-switch').click();
  await page.getByTestId(`signin-person-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(name);
}

test('a 退货 case reaches the warehouse, the 退款报表 import updates it, and the cases export', async ({
  page,
  harness,
  shot,
}) => {
  // The files, pointing at a real SKU of the demo shop.
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
  // The platform later says: the return's refund succeeded.
  const refunds = REFUNDS.map((r, i) =>
    i === 0 ? { ...r, code: sku.code, status: '退款成功', finishedAt: '2026-11-29 08:00:00' } : r,
  );
  const refundFile = path.join(harness.dataDir, '退款报表202611291200.csv');
  fs.writeFileSync(refundFile, refundCsv('gbk', refunds));

  // 王丽娜 imports the orders.
  await signIn(page, '王丽娜', '3333');
  await page.getByTestId('tab-service').click();
  await page.getByTestId('svc-order-import').click();
  await page.getByTestId('order-import-files').setInputFiles([orderFile, lineFile]);
  await expect(page.getByTestId('order-import-count-new')).toContainText('3');
  await page.getByTestId('order-import-commit').click();
  await expect(page.getByTestId('svc-order-row-2456781234567890123')).toBeVisible();

  // 刘婷婷 opens a 退货退款 case from the order page.
  await signIn(page, '刘婷婷', '3344', true);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('svc-order-row-2456781234567890123').click();
  const section = page.getByTestId('as-order-section');
  await expect(section).toContainText(zh.aftersales.orderSection.none);
  await page.getByTestId('as-order-new').click();
  await pickOption(page, page.getByTestId('as-create-type'), zh.aftersales.types.return_refund);
  await page.getByTestId('as-create-line-0').check();
  await page.getByTestId('as-create-refund').fill('59');
  await page.getByTestId('as-create-refund-no').fill('88012345678901234');
  await page.getByTestId('as-create-reason').fill('尺码偏小，买家要退货');
  await settled(page);
  await shot('create-case');
  await page.getByTestId('as-create-submit').click();
  const drawer = page.getByTestId('as-drawer');
  await expect(page.getByTestId('as-drawer-status')).toHaveText(zh.aftersales.statuses.pending);
  await expect(page.getByTestId('as-drawer-return')).toContainText(zh.aftersales.drawer.awaitingInspection);
  await expect(page.getByTestId('as-drawer-refund')).toHaveText('¥59.00');
  const caseNo = (await page.getByTestId('as-drawer-no').textContent())!.trim();
  expect(caseNo).toMatch(/^SH-[0-9A-Z]+-\d{8}-0001$/);
  // Skipping ahead is not offered; step by step.
  await expect(page.getByTestId('as-move-refunded')).toHaveCount(0);
  await page.getByTestId('as-move-processing').click();
  await expect(page.getByTestId('as-drawer-status')).toHaveText(zh.aftersales.statuses.processing);
  await page.getByTestId('as-move-note').fill('已告知买家退货地址');
  await page.getByTestId('as-move-awaiting_return').click();
  await expect(page.getByTestId('as-drawer-status')).toHaveText(zh.aftersales.statuses.awaiting_return);
  await expect(page.getByTestId('as-drawer-history')).toContainText('已告知买家退货地址');
  await settled(page);
  await shot('case-drawer');
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();
  await expect(section.getByTestId(`as-order-case-${caseNo}`)).toContainText(
    zh.aftersales.statuses.awaiting_return,
  );
  await settled(page);
  await shot('order-page-cases');
  await page.getByTestId('svc-order-drawer').locator('.ant-drawer-close').click();
  await expect(page.getByTestId('svc-order-drawer')).toBeHidden();

  // 张志强 sees the expected return under 退货 and inspects it.
  await signIn(page, '张志强', '4444', true);
  await page.getByTestId('tab-warehouse').click();
  await page.getByTestId('wh-subtab-returns').click();
  await expect(page.getByTestId('ret-table')).toContainText('阿强的店');
  await shot('warehouse-expected-return');
  await page.getByTestId(`ret-inspect-${caseNo}`).click();
  await expect(page.getByTestId('ret-good-0')).toHaveValue('1');
  await page.getByTestId('ret-submit').click();
  await expect(page.getByTestId(`ret-inspect-${caseNo}`)).toHaveCount(0);

  // 王丽娜 imports the 退款报表: one case updated, one created.
  await signIn(page, '王丽娜', '3333', true);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-aftersales').click();
  await expect(page.getByTestId('as-row-88012345678901234')).toContainText(
    zh.aftersales.statuses.awaiting_return,
  );
  await shot('case-list');
  await page.getByTestId('as-import').click();
  await page.getByTestId('as-import-file').setInputFiles(refundFile);
  const preview = page.getByTestId('as-import-preview');
  await expect(preview).toContainText('GB18030');
  await expect(page.getByTestId('as-import-count-new')).toContainText('1');
  await expect(page.getByTestId('as-import-count-changed')).toContainText('1');
  await expect(page.getByTestId('as-import-count-rejected')).toContainText('0');
  await expect(preview).toContainText('88012345678905678');
  await settled(page);
  await shot('import-preview');
  await page.getByTestId('as-import-commit').click();
  await expect(page.getByTestId('as-row-88012345678901234')).toContainText(zh.aftersales.statuses.refunded);
  // The closed refund shows under 全部状态.
  await expect(page.getByTestId('as-row-88012345678905678')).toHaveCount(0);
  await pickOption(page, page.getByTestId('as-filter-status'), zh.aftersales.filters.anyStatus);
  await expect(page.getByTestId('as-row-88012345678905678')).toContainText(zh.aftersales.statuses.closed);
  await settled(page);
  await shot('case-list-after-import');
  await page.getByTestId('as-row-88012345678901234').click();
  await expect(page.getByTestId('as-drawer-status')).toHaveText(zh.aftersales.statuses.refunded);
  await expect(page.getByTestId('as-drawer-return')).toContainText('良品 1 件');
  await expect(drawer).toContainText('YT1234567890');
  await expect(page.getByTestId('as-drawer-history')).toContainText(zh.aftersales.sources.import);
  await settled(page);
  await shot('case-after-import');
  await drawer.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // Export the list (GBK) and read it back.
  const { file, text } = await exportCsv(page, harness, page.getByTestId('as-export'), '售后单_', {
    gbk: true,
  });
  expect(file).toMatch(/^售后单_\d{8}\.csv$/);
  const rows = text.trim().split('\r\n');
  expect(rows[0]).toContain('售后单号,售后类型,状态,退款编号,订单编号,买家会员名');
  expect(rows).toHaveLength(3);
  expect(text).toContain(
    `${caseNo},退货退款,已退款,88012345678901234,2456781234567890123,阿强的店,尺码偏小，买家要退货,59.00,刘婷婷`,
  );
  expect(text).toContain('仅退款,已关闭,88012345678905678,3012345678901234,小鹿乱撞2019');
});
