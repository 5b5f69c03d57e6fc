// 发货 and 退货验收 on the demo shop, as 仓储主管: the queue of orders waiting to ship → a pick list
// for two orders in bin walk order, printed to PDF → pack check of one order with a wrong item
// refused → shipped with carrier and tracking number → the ledger shows the outbound and customer
// service can read the shipment → a return announced by after-sales is inspected with one
// defective unit, which lands in the defects bin (次品区).
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, signIn, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

interface OrderLine {
  order_ref: string;
  number: string;
  code: string;
  barcode: string;
  quantity: number;
}

test('仓储主管 picks, pack-checks (a wrong item refused) and ships an order; a return is inspected', async ({
  page,
  harness,
  shot,
}, testInfo) => {
  const wh = harness.demoPeople.find((p) => p.role === 'wh_supervisor')!;
  await signIn(page, wh.name, wh.pin);

  // The demo's orders waiting to ship, their lines, and a SKU in none of them (read-only).
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const lines = db
    .prepare(
      `SELECT d.order_ref, d.number, s.code, s.barcode, SUM(l.quantity) AS quantity
       FROM stock_document d JOIN stock_document_line l ON l.document_id = d.id JOIN sku s ON s.id = l.sku_id
       WHERE d.type = 'sales_out' AND d.status = 'draft' AND d.order_ref <> ''
       GROUP BY d.id, s.id ORDER BY d.created_at, s.code`,
    )
    .all() as OrderLine[];
  const walk = new Map(
    (db.prepare('SELECT code, walk_order FROM bin').all() as { code: string; walk_order: number }[]).map(
      (b) => [b.code, b.walk_order],
    ),
  );
  const stranger = db
    .prepare(
      `SELECT s.code, s.barcode FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.barcode <> '' AND s.archived_at IS NULL AND p.archived_at IS NULL
         AND s.id NOT IN (SELECT sku_id FROM stock_document_line l JOIN stock_document d ON d.id = l.document_id
                        WHERE d.status = 'draft' AND d.type = 'sales_out') ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string; barcode: string };
  db.close();
  const refs = [...new Set(lines.map((l) => l.order_ref))];
  expect(refs).toHaveLength(5);
  const [ref1, ref2] = refs as [string, string];
  const order1 = lines.filter((l) => l.order_ref === ref1);

  // 发货: the queue.
  await page.getByTestId('wh-subtab-shipping').click();
  for (const r of refs) await expect(page.getByTestId(`ship-row-${r}`)).toBeVisible();
  await expect(page.getByTestId(`ship-row-${ref1}`)).toContainText(zh.shipping.packNone);
  await shot('queue');

  // 新建销售出库（订单）: a manual order joins the queue, bins chosen by main.
  await page.getByTestId('ship-new-order').click();
  await page.getByTestId('ship-new-orderref').fill('MANUAL-0001');
  await page.getByTestId('ship-new-buyer').fill('门店自提·李女士');
  // Type once the dropdown is open (typing while it opens can be cleared by the opening).
  await page.getByTestId('ship-new-sku-0').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toBeVisible();
  await page.getByTestId('ship-new-sku-0').locator('input').fill(order1[0]!.code);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: order1[0]!.code })
    .first()
    .click();
  await shot('new-order');
  await page.getByTestId('ship-new-save').click();
  await expect(page.getByTestId('ship-row-MANUAL-0001')).toContainText('门店自提·李女士');

  // 拣货单 for two orders: rows in bin walk order, both orders named.
  await page.getByTestId(`ship-row-${ref1}`).locator('.ant-checkbox-input').check();
  await page.getByTestId(`ship-row-${ref2}`).locator('.ant-checkbox-input').check();
  await expect(page.getByTestId('ship-picklist')).toContainText('（2）');
  await page.getByTestId('ship-picklist').click();
  const preview = page.locator('.paper-preview [data-testid="pick-sheet"]');
  await expect(preview).toBeVisible();
  await expect(preview).toContainText(ref1);
  await expect(preview).toContainText(ref2);
  const binCodes = await preview.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(binCodes.length).toBeGreaterThan(0);
  const walks = binCodes.map((c) => walk.get(c.trim()) ?? -1);
  expect(walks.every((w) => w >= 0)).toBe(true);
  expect(walks).toEqual([...walks].sort((a, b) => a - b));
  const wanted = lines.filter((l) => l.order_ref === ref1 || l.order_ref === ref2);
  const qty = (await preview.locator('tbody tr td:nth-child(5)').allTextContents()).map(Number);
  expect(qty.reduce((a, b) => a + b, 0)).toBe(wanted.reduce((a, l) => a + l.quantity, 0));
  await shot('picklist-preview');
  // Printed: A4 PDF, and the print media screenshot to look at.
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: testInfo.outputPath('picklist.pdf'), format: 'A4' });
  await page.screenshot({ path: testInfo.outputPath('picklist-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.locator('.ant-modal-footer').getByRole('button', { name: zh.common.close }).click();

  // 验货打包: order 1. A wrong item is refused and nothing is ticked; then every unit.
  await page.getByTestId(`ship-pack-${ref1}`).click();
  await expect(page.getByTestId('pack-modal')).toBeVisible();
  await expect(page.getByTestId('ship-submit')).toBeDisabled();
  const scanField = page.getByTestId('pack-scan');
  const scan = async (code: string) => {
    await scanField.fill(code);
    await scanField.press('Enter');
    await expect(scanField).toHaveValue('');
  };
  const first = order1[0]!;
  await scan(first.barcode);
  await expect(page.getByTestId(`pack-checked-${first.code}`)).toHaveText(`1/${first.quantity}`);
  await scan(stranger.barcode);
  await expect(page.getByTestId('pack-feedback')).toHaveText(
    zh.shipping.scanWrong.replace('{{code}}', stranger.code),
  );
  await expect(page.getByTestId('pack-history')).toContainText(zh.shipping.resultWrong);
  await shot('pack-wrong-refused');
  for (const l of order1) {
    for (let i = l === first ? 1 : 0; i < l.quantity; i++) await scan(l.barcode);
    await expect(page.getByTestId(`pack-checked-${l.code}`)).toHaveText(`${l.quantity}/${l.quantity}`);
  }
  await expect(page.getByTestId('pack-feedback')).toHaveText(zh.shipping.scanAllDone);
  // One more of the first item: an extra unit, refused.
  await scan(first.barcode);
  await expect(page.getByTestId('pack-feedback')).toHaveText(
    zh.shipping.scanExtra.replace('{{code}}', first.code),
  );

  // 发货: carrier from the list, tracking number as scanned.
  await page.locator('#ship-carrier').fill('中通');
  await page.locator('.ant-select-item-option').filter({ hasText: '中通快递' }).click();
  await page.getByTestId('ship-tracking').fill('zt75312345678');
  await expect(page.getByTestId('ship-submit')).toBeEnabled();
  await shot('pack-complete');
  await page.getByTestId('ship-submit').click();
  await expect(page.getByTestId('pack-modal')).toHaveCount(0);
  await expect(page.getByTestId(`ship-row-${ref1}`)).toHaveCount(0);
  await expect(page.getByTestId(`ship-row-${ref2}`)).toBeVisible();
  await shot('shipped');

  // Customer service reads the shipment through its channel.
  const shipment = await page.evaluate(
    (orderRef) =>
      (
        globalThis as unknown as {
          shopdesk: { warehouse: { shipment(i: { orderRef: string }): Promise<unknown> } };
        }
      ).shopdesk.warehouse.shipment({ orderRef }),
    ref1,
  );
  expect(shipment).toMatchObject({
    ok: true,
    data: { carrier: '中通快递', trackingNo: 'ZT75312345678', documentNumber: first.number },
  });

  // 物资明细账: the outbound movements.
  await page.getByTestId('wh-subtab-ledger').click();
  for (const l of order1)
    await expect(page.getByTestId(`wh-ledger-row-${l.number}-${l.code}`).first()).toContainText('−');
  await shot('ledger-outbound');

  // The shipped document prints with its lines and signatures.
  await page.getByTestId('wh-subtab-documents').click();
  await page.getByTestId(`wh-doc-row-${first.number}`).click();
  await page.getByTestId('wh-doc-print').click();
  const docSheet = page.locator('.paper-preview [data-testid="doc-print"]');
  await expect(docSheet).toContainText(first.number);
  await expect(docSheet).toContainText(ref1);
  await expect(docSheet).toContainText('仓管');
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: testInfo.outputPath('document.pdf'), format: 'A4' });
  await page.screenshot({ path: testInfo.outputPath('document-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.locator('.ant-modal-footer').getByRole('button', { name: zh.common.close }).click();
  await page.getByTestId('wh-doc-cancel').click();

  // 退货验收: after-sales announces a return of order 1's first item (as its module will).
  const announced = await page.evaluate(
    ({ orderRef, code }) => {
      const w = globalThis as unknown as {
        shopdesk: {
          catalog: { lookup(i: { code: string }): Promise<{ ok: boolean; data: { skuId: string } }> };
          returns: { createExpected(i: unknown): Promise<{ ok: boolean }> };
        };
      };
      return w.shopdesk.catalog.lookup({ code }).then((r) =>
        w.shopdesk.returns.createExpected({
          orderRef,
          counterpart: '杭州的阿珍',
          reason: '尺码偏小',
          lines: [{ skuId: r.data.skuId, quantity: 2 }],
        }),
      );
    },
    { orderRef: ref1, code: first.code },
  );
  expect(announced).toMatchObject({ ok: true });
  await page.getByTestId('wh-subtab-returns').click();
  await page.getByTestId(`ret-inspect-${ref1}`).click();
  await expect(page.getByTestId('ret-good-0')).toHaveValue('2');
  await page.getByTestId('ret-good-0').fill('1');
  await page.getByTestId('ret-defective-0').fill('1');
  await expect(page.getByTestId('ret-totals')).toHaveText(
    zh.returns.totals.replace('{{good}}', '1').replace('{{defective}}', '1').replace('{{scrap}}', '0'),
  );
  await shot('return-inspect');
  await page.getByTestId('ret-submit').click();
  await expect(page.getByTestId(`ret-inspect-${ref1}`)).toHaveCount(0);
  await shot('return-done');

  // The defective unit is in the defects bin.
  await page.getByTestId('wh-subtab-balances').click();
  await page.getByTestId('wh-balance-search').fill(first.code);
  await expect(page.getByTestId(`wh-balance-row-${first.code}-C-99-01`)).toBeVisible();
  await expect(page.getByTestId(`wh-balance-row-${first.code}-C-99-01`).locator('td').nth(4)).toHaveText('1');
  await shot('balances-defects');

  // 导出 CSV of the filtered balances, GBK for old Excel: Chinese intact, the defects bin row there.
  const { text: csv } = await exportCsv(page, harness, page.getByTestId('wh-balance-export'), '库存余额', {
    gbk: true,
    beforeConfirm: () => shot('balances-export'),
  });
  expect(csv.split('\r\n')[0]).toBe('商家编码,商品名称,规格,库位,现存,待发货占用,可用,成本单价,库存金额');
  expect(csv).toMatch(new RegExp(`^${first.code},[^\\r\\n]*,C-99-01,1,0,1,`, 'm'));
});
