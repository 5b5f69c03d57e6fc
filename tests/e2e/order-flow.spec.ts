// Orders ↔ warehouse on the demo shop, in zh-CN: 客服主管 imports a Taobao export pair
// with two paid orders (one with a 商家编码 the catalog lacks) → 通知仓库发货 on that one is refused
// with the reason → 仓储主管 opens 待生成出库单的订单 (1), sees the blocked order and its reason,
// generates the outbound, prints the pick list, pack-checks (a wrong item refused) and ships with
// a tracking number → 客服 sees the order 已发货 with carrier, tracking number and time. Then a
// paid manual order is sent with 通知仓库发货 and closed: the warehouse queue flags it 订单已关闭
// and its outbound is discarded.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';
import { LINES, ORDERS, lineCsv, orderCsv } from '../unit/service-fixtures';

test.use({ demo: true });

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-signout').click();
  await expect(page.getByTestId('header-person-name')).toHaveCount(0);
}

const PAID = '2456781234567890123';
const UNLINKED = '1930679858170647';

test('a paid order goes from customer service to the warehouse and comes back shipped', async ({
  page,
  harness,
  shot,
}, testInfo) => {
  // A SKU in stock with a barcode and in no waiting order; another barcode for the wrong scan.
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const skus = db
    .prepare(
      `SELECT s.code, s.barcode FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.barcode <> '' AND s.archived_at IS NULL AND p.archived_at IS NULL AND s.deleted_at IS NULL
         AND (SELECT SUM(on_hand) FROM stock_balance sb WHERE sb.sku_id = s.id) >= 5
         AND s.id NOT IN (SELECT sku_id FROM stock_document_line l JOIN stock_document d ON d.id = l.document_id
                          WHERE d.status = 'draft')
       ORDER BY s.code LIMIT 2`,
    )
    .all() as { code: string; barcode: string }[];
  db.close();
  const [sku, stranger] = skus as [{ code: string; barcode: string }, { code: string; barcode: string }];
  const lines = LINES.map((l) => (l[9] === 'TX001-WH-L' ? [...l.slice(0, 9), sku.code] : l));
  const orders = ORDERS.map((o) =>
    o.no === UNLINKED ? { ...o, status: '买家已付款，等待卖家发货', paidAt: '2026-11-27 09:20:00' } : o,
  );
  const orderFile = path.join(harness.dataDir, 'ExportOrderList202611281300.csv');
  const lineFile = path.join(harness.dataDir, 'ExportOrderDetailList202611281300.csv');
  fs.writeFileSync(orderFile, orderCsv('gbk', orders));
  fs.writeFileSync(lineFile, lineCsv('gbk', lines));

  // 客服主管 imports the export pair.
  const cs = harness.demoPeople.find((p) => p.role === 'cs_supervisor')!;
  await signIn(page, cs.name, cs.pin);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('svc-order-import').click();
  await page.getByTestId('order-import-files').setInputFiles([orderFile, lineFile]);
  await expect(page.getByTestId('order-import-count-new')).toContainText('3');
  await page.getByTestId('order-import-commit').click();
  await expect(page.getByTestId(`svc-order-row-${PAID}`)).toContainText(zh.orders.statuses.paid);

  // 通知仓库发货 on the order with an unknown 商家编码: refused, the code named.
  await page.getByTestId(`svc-order-row-${UNLINKED}`).click();
  await page.getByTestId('svc-order-notify-wh').click();
  await expect(page.locator('.ant-message')).toContainText('NOPE-404');
  await shot('cs-notify-refused');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('svc-order-drawer')).toBeHidden();
  await signOut(page);

  // 仓储主管: 发货 → 待生成出库单的订单 (1).
  const wh = harness.demoPeople.find((p) => p.role === 'wh_supervisor')!;
  await signIn(page, wh.name, wh.pin);
  await page.getByTestId('wh-subtab-shipping').click();
  const pendingButton = page.getByTestId('ship-pending-orders');
  await expect(pendingButton).toContainText(zh.orderLink.pendingButton.replace('{{count}}', '1'));
  await pendingButton.click();
  await expect(page.getByTestId(`pending-row-${PAID}`)).toContainText('阿强的店');
  await expect(page.getByTestId(`pending-row-${PAID}`)).toContainText(sku.code);
  await expect(page.getByTestId(`pending-blocked-${UNLINKED}`)).toContainText('NOPE-404');
  await expect(page.getByTestId(`pending-blocked-${UNLINKED}`)).toContainText(zh.orderLink.unlinked);
  await shot('pending-orders');
  await page.getByTestId('pending-create-all').click();
  await expect(page.getByText(zh.orderLink.created.replace('{{count}}', '1'))).toBeVisible();
  await expect(page.getByTestId('pending-skipped')).toContainText(UNLINKED);
  await expect(page.getByTestId(`pending-row-${PAID}`)).toHaveCount(0);
  await shot('pending-after');
  await page.getByTestId('pending-close').click();
  await expect(pendingButton).toContainText(zh.orderLink.pendingButton.replace('{{count}}', '0'));
  const row = page.getByTestId(`ship-row-${PAID}`);
  await expect(row).toContainText('阿强的店');
  await shot('queue-with-order');

  // 拣货单 for it, printed.
  await row.locator('.ant-checkbox-input').check();
  await page.getByTestId('ship-picklist').click();
  const sheet = page.locator('.paper-preview [data-testid="pick-sheet"]');
  await expect(sheet).toContainText(PAID);
  await expect(sheet).toContainText(sku.code);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: testInfo.outputPath('picklist.pdf'), format: 'A4' });
  await page.screenshot({ path: testInfo.outputPath('picklist-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.locator('.ant-modal-footer').getByRole('button', { name: zh.common.close }).click();

  // 验货打包: a wrong item refused, then the right one; ship with carrier and tracking number.
  await page.getByTestId(`ship-pack-${PAID}`).click();
  const scanField = page.getByTestId('pack-scan');
  const scan = async (code: string) => {
    await scanField.fill(code);
    await scanField.press('Enter');
    await expect(scanField).toHaveValue('');
  };
  await scan(stranger.barcode);
  await expect(page.getByTestId('pack-feedback')).toHaveText(
    zh.shipping.scanWrong.replace('{{code}}', stranger.code),
  );
  await expect(page.getByTestId('ship-submit')).toBeDisabled();
  await scan(sku.barcode);
  await expect(page.getByTestId('pack-feedback')).toHaveText(zh.shipping.scanAllDone);
  await page.locator('#ship-carrier').fill('顺丰');
  await page.locator('.ant-select-item-option').filter({ hasText: '顺丰速运' }).click();
  await page.getByTestId('ship-tracking').fill('SF1402345678901');
  await shot('pack-complete');
  await page.getByTestId('ship-submit').click();
  await expect(page.getByTestId('pack-modal')).toHaveCount(0);
  await expect(row).toHaveCount(0);
  await signOut(page);

  // 客服: the order is 已发货 with carrier, tracking number and time from the warehouse.
  await signIn(page, cs.name, cs.pin);
  await page.getByTestId('tab-service').click();
  await expect(page.getByTestId(`svc-order-row-${PAID}`)).toContainText(zh.orders.statuses.shipped);
  await page.getByTestId(`svc-order-row-${PAID}`).click();
  await expect(page.getByTestId('svc-order-status-tag')).toHaveText(zh.orders.statuses.shipped);
  const shipping = page.getByTestId('svc-order-shipping');
  await expect(shipping).toContainText('顺丰速运');
  await expect(shipping).toContainText('SF1402345678901');
  await expect(shipping).toContainText(zh.orderLink.fromWarehouse);
  await expect(shipping).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  await expect(page.getByTestId('svc-order-drawer')).toContainText(wh.name);
  await expect(page.getByTestId('svc-order-notify-wh')).toHaveCount(0);
  await shipping.scrollIntoViewIfNeeded();
  await shot('cs-order-shipped');
  await page.keyboard.press('Escape');

  // A paid manual order (entered through the API) sent to the warehouse from its order page, then
  // closed (the buyer cancelled): the queue flags it 订单已关闭 and offers to discard the outbound.
  const manual = await page.evaluate(async (code) => {
    const w = globalThis as unknown as {
      shopdesk: {
        catalog: { lookup(i: { code: string }): Promise<{ data: { skuId: string } }> };
        orders: {
          create(i: unknown): Promise<{ ok: boolean; data: { id: string; orderNo: string } }>;
        };
      };
    };
    const found = await w.shopdesk.catalog.lookup({ code });
    const o = await w.shopdesk.orders.create({
      memberName: '门店自提客户',
      status: 'paid',
      lines: [{ skuId: found.data.skuId, quantity: 1 }],
    });
    return o.data;
  }, sku.code);
  await page.getByTestId('svc-order-search').fill(manual.orderNo);
  await page.getByTestId(`svc-order-row-${manual.orderNo}`).click();
  await page.getByTestId('svc-order-notify-wh').click();
  await expect(page.getByTestId('svc-order-outbound')).toContainText('仓库待发货');
  await expect(page.getByTestId('svc-order-notify-wh')).toHaveCount(0);
  await shot('cs-notified');
  const closed = await page.evaluate(
    (id) =>
      (
        globalThis as unknown as {
          shopdesk: { orders: { setStatus(i: unknown): Promise<{ ok: boolean }> } };
        }
      ).shopdesk.orders.setStatus({ id, status: 'closed' }),
    manual.id,
  );
  expect(closed.ok).toBe(true);
  await page.keyboard.press('Escape');
  await signOut(page);

  await signIn(page, wh.name, wh.pin);
  await page.getByTestId('wh-subtab-shipping').click();
  await expect(page.getByTestId(`ship-closed-${manual.orderNo}`)).toHaveText(zh.orderLink.closedTag);
  await expect(page.getByTestId(`ship-pack-${manual.orderNo}`)).toHaveCount(0);
  await shot('queue-closed-flagged');
  await page.getByTestId(`ship-discard-${manual.orderNo}`).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: zh.orderLink.discard }).click();
  await expect(page.getByText(zh.orderLink.discarded)).toBeVisible();
  await expect(page.getByTestId(`ship-row-${manual.orderNo}`)).toHaveCount(0);
});
