// The warehouse story end to end on the demo shop in zh-CN (issue 3, "E2E"): the 仓储主管 receives a
// purchase by scanning into a new bin and posts it → the stock is in that bin → an order waiting to
// ship gets a pick list printed to PDF → the 仓储专员 pack-checks it (one wrong scan refused) and
// ships it with a carrier and tracking number → the ledger shows the receipt and the shipment → a
// monthly stocktake over the new bin, started by the supervisor, counted by the agent by scanning
// with one variance, approved by the supervisor → the ledger shows the adjustment → the variance
// CSV opens with its Chinese intact.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, exportCsv, printToPng } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const tr = (s: string, params: Record<string, string | number>) =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId(`signin-person-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(name, { timeout: 30_000 });
}

async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId('header-signout').click();
  await signIn(page, name, pin);
}

/** A scanner types the code and Enter into the given field. */
async function scanInto(page: Page, testId: string, code: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill(code);
  await field.press('Enter');
  await expect(field).toHaveValue('');
}

interface OrderLine {
  order_ref: string;
  number: string;
  code: string;
  barcode: string;
  quantity: number;
}

test('warehouse flow: receive by scanning → bin → pick, pack-check, ship → ledger → stocktake → CSV', async ({
  page,
  harness,
  shot,
}, testInfo) => {
  test.setTimeout(300_000);
  const boss = harness.demoPeople.find((p) => p.role === 'wh_supervisor')!;
  const agent = harness.demoPeople.find((p) => p.role === 'wh_agent')!;
  expect(boss).toBeTruthy();
  expect(agent).toBeTruthy();

  // Facts from the demo shop's database (read-only, beside the running harness): two SKUs the
  // warehouse has never moved, the orders waiting to ship with their lines, and a SKU in none of them.
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const fresh = db
    .prepare(
      `SELECT s.code, s.barcode, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.barcode <> '' AND s.archived_at IS NULL AND p.archived_at IS NULL
         AND s.id NOT IN (SELECT sku_id FROM stock_document_line) ORDER BY s.code LIMIT 2`,
    )
    .all() as { code: string; barcode: string; title: string }[];
  const orderLines = db
    .prepare(
      `SELECT d.order_ref, d.number, s.code, s.barcode, SUM(l.quantity) AS quantity
       FROM stock_document d JOIN stock_document_line l ON l.document_id = d.id JOIN sku s ON s.id = l.sku_id
       WHERE d.type = 'sales_out' AND d.status = 'draft' AND d.order_ref <> ''
       GROUP BY d.id, s.id ORDER BY d.created_at, s.code`,
    )
    .all() as OrderLine[];
  const stranger = db
    .prepare(
      `SELECT s.code, s.barcode FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.barcode <> '' AND s.archived_at IS NULL AND p.archived_at IS NULL
         AND s.id NOT IN (SELECT sku_id FROM stock_document_line l JOIN stock_document d ON d.id = l.document_id
                        WHERE d.status = 'draft' AND d.type = 'sales_out') ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string; barcode: string };
  db.close();
  expect(fresh).toHaveLength(2);
  const [a, b] = fresh as [(typeof fresh)[0], (typeof fresh)[0]];
  const ref = orderLines[0]!.order_ref;
  const order = orderLines.filter((l) => l.order_ref === ref);
  const shipNumber = order[0]!.number;

  // ------------------------------------------------------------------ 仓储主管: a bin, a receipt
  await signIn(page, boss.name, boss.pin);
  await page.getByTestId('wh-subtab-bins').click();
  await page.getByTestId('wh-bin-new').click();
  await page.getByTestId('wh-bin-code').fill('d-02-01');
  await page.getByTestId('wh-bin-zone').fill('D区');
  await page.getByTestId('wh-bin-capacity').fill('100');
  await page.getByTestId('wh-bin-save').click();
  await expect(page.getByTestId('wh-bin-row-D-02-01')).toBeVisible();
  await shot('bin-added');

  // 采购入库 by scanning: the bin code sets the bin, each barcode adds one, an unknown code is refused.
  await page.getByTestId('wh-subtab-documents').click();
  await page.getByTestId('wh-doc-new').click();
  await expect(page.getByTestId('wh-doc-type')).toContainText(zh.warehouse.types.purchase_in);
  await scanInto(page, 'wh-doc-scan', 'd-02-01');
  await expect(page.getByTestId('wh-doc-scan-feedback')).toHaveText(
    tr(zh.warehouse.doc.scanBin, { code: 'D-02-01' }),
  );
  await scanInto(page, 'wh-doc-scan', a.barcode);
  await expect(page.getByTestId('wh-doc-line-qty-0')).toHaveValue('1');
  await scanInto(page, 'wh-doc-scan', a.barcode);
  await expect(page.getByTestId('wh-doc-line-qty-0')).toHaveValue('2');
  await scanInto(page, 'wh-doc-scan', b.barcode);
  await expect(page.getByTestId('wh-doc-line-qty-1')).toHaveValue('1');
  await scanInto(page, 'wh-doc-scan', 'NO-SUCH-CODE');
  await expect(page.getByTestId('wh-doc-scan-feedback')).toHaveText(
    tr(zh.warehouse.doc.scanUnknown, { code: 'NO-SUCH-CODE' }),
  );
  await expect(page.locator('[data-testid^="wh-doc-line-qty-"]')).toHaveCount(2);
  await page.getByTestId('wh-doc-counterpart').fill('义乌棉里服饰厂');
  await shot('receipt-scanned');
  await page.getByTestId('wh-doc-post').click();
  await page.getByTestId('wh-doc-post-confirm').click();
  await expect(page.getByTestId('wh-doc-posted')).toBeVisible();
  const rk = /RK-\S+/.exec((await page.getByTestId('wh-doc-title').textContent()) ?? '')?.[0];
  expect(rk).toBeTruthy();
  await shot('receipt-posted');
  await page.getByTestId('wh-doc-cancel').click();
  await expect(page.getByTestId(`wh-doc-row-${rk}`)).toContainText(zh.warehouse.statuses.posted);

  // 库存余额: the received stock in D-02-01 (column 4 = 现存).
  await page.getByTestId('wh-subtab-balances').click();
  await expect(page.getByTestId(`wh-balance-row-${a.code}-D-02-01`).locator('td').nth(4)).toHaveText('2');
  await expect(page.getByTestId(`wh-balance-row-${b.code}-D-02-01`).locator('td').nth(4)).toHaveText('1');
  // The bin view: filtered to D-02-01, exactly the two received SKUs.
  await pickOption(page, page.getByTestId('wh-balance-filter-bin'), 'D-02-01', { type: 'D-02-01' });
  await expect(page.locator('[data-testid^="wh-balance-row-"]')).toHaveCount(2);
  await expect(page.getByTestId(`wh-balance-row-${a.code}-D-02-01`)).toBeVisible();
  await shot('balances-in-bin');
  await page.getByTestId('wh-balance-clear').click();

  // ------------------------------------------------------------------ 发货: pick list printed
  await page.getByTestId('wh-subtab-shipping').click();
  await expect(page.getByTestId(`ship-row-${ref}`)).toBeVisible();
  await page.getByTestId(`ship-row-${ref}`).locator('.ant-checkbox-input').check();
  await expect(page.getByTestId('ship-picklist')).toContainText('（1）');
  await shot('ship-queue');
  await page.getByTestId('ship-picklist').click();
  const pick = page.locator('.paper-preview [data-testid="pick-sheet"]');
  await expect(pick).toContainText(ref);
  for (const l of order) await expect(pick).toContainText(l.code);
  const qty = (await pick.locator('tbody tr td:nth-child(5)').allTextContents()).map(Number);
  expect(qty.reduce((s, q) => s + q, 0)).toBe(order.reduce((s, l) => s + l.quantity, 0));
  // A picker walks by the bin code: it must not break at its hyphens.
  const binCell = pick.locator('tbody tr td:nth-child(2)').first();
  await expect(binCell).toHaveCSS('white-space', 'nowrap');
  await shot('picklist-preview');
  await printToPng(page, testInfo, 'picklist');

  // ------------------------------------------------------------------ 仓储专员: pack check, ship
  await switchTo(page, agent.name, agent.pin);
  await page.getByTestId('wh-subtab-shipping').click();
  await page.getByTestId(`ship-pack-${ref}`).click();
  await expect(page.getByTestId('pack-modal')).toBeVisible();
  await expect(page.getByTestId('ship-submit')).toBeDisabled();
  const first = order[0]!;
  await scanInto(page, 'pack-scan', first.barcode);
  await expect(page.getByTestId(`pack-checked-${first.code}`)).toHaveText(`1/${first.quantity}`);
  await scanInto(page, 'pack-scan', stranger.barcode);
  await expect(page.getByTestId('pack-feedback')).toHaveText(
    tr(zh.shipping.scanWrong, { code: stranger.code }),
  );
  await expect(page.getByTestId('pack-history')).toContainText(zh.shipping.resultWrong);
  await shot('pack-wrong-refused');
  for (const l of order) {
    for (let i = l === first ? 1 : 0; i < l.quantity; i++) await scanInto(page, 'pack-scan', l.barcode);
    await expect(page.getByTestId(`pack-checked-${l.code}`)).toHaveText(`${l.quantity}/${l.quantity}`);
  }
  await expect(page.getByTestId('pack-feedback')).toHaveText(zh.shipping.scanAllDone);
  await page.locator('#ship-carrier').fill('圆通');
  await page.locator('.ant-select-item-option').filter({ hasText: '圆通速递' }).click();
  await page.getByTestId('ship-tracking').fill('yt4301234567890');
  await expect(page.getByTestId('ship-submit')).toBeEnabled();
  await shot('pack-complete');
  await page.getByTestId('ship-submit').click();
  await expect(page.getByTestId('pack-modal')).toHaveCount(0);
  await expect(page.getByTestId(`ship-row-${ref}`)).toHaveCount(0);
  await shot('shipped');
  const shipment = await page.evaluate(
    (orderRef) =>
      (
        globalThis as unknown as {
          shopdesk: { warehouse: { shipment(i: { orderRef: string }): Promise<unknown> } };
        }
      ).shopdesk.warehouse.shipment({ orderRef }),
    ref,
  );
  expect(shipment).toMatchObject({
    ok: true,
    data: { carrier: '圆通速递', trackingNo: 'YT4301234567890', documentNumber: shipNumber },
  });

  // ------------------------------------------------------------------ 物资明细账: both movements
  await switchTo(page, boss.name, boss.pin);
  await page.getByTestId('wh-subtab-ledger').click();
  await expect(page.getByTestId(`wh-ledger-row-${rk}-${a.code}`)).toContainText('+2');
  await expect(page.getByTestId(`wh-ledger-row-${rk}-${b.code}`)).toContainText('+1');
  for (const l of order)
    await expect(page.getByTestId(`wh-ledger-row-${shipNumber}-${l.code}`).first()).toContainText('−');
  await shot('ledger-receipt-and-shipment');

  // ------------------------------------------------------------------ 盘点: monthly, over D-02-01
  await page.getByTestId('wh-subtab-stocktake').click();
  await page.getByTestId('stk-new').click();
  await expect(page.getByTestId('stk-kind-monthly')).toBeChecked();
  await page.getByTestId('stk-scope-bins').click();
  for (const id of ['stk-start-from', 'stk-start-to']) {
    // Many bins: search rather than scroll the list.
    await pickOption(page, page.getByTestId(id), 'D-02-01', { type: 'D-02-01' });
  }
  await page.getByTestId('stk-start-note').fill('11月月底盘点·D区');
  await shot('stocktake-start');
  await page.getByTestId('stk-start-submit').click();
  await expect(page.getByTestId('stk-status')).toHaveText(zh.stocktake.statuses.counting);
  const pd = /PD-\S+/.exec((await page.getByTestId('stk-title').textContent()) ?? '')?.[0];
  expect(pd).toBeTruthy();
  await expect(page.getByTestId('stk-progress')).toHaveText(
    tr(zh.stocktake.progressText, { counted: 0, lines: 2 }),
  );

  // The agent counts by scanning: the bin, A once (one short), B once; Enter saves.
  await switchTo(page, agent.name, agent.pin);
  await page.getByTestId('wh-subtab-stocktake').click();
  await page.getByTestId(`stk-row-${pd}`).click();
  await expect(page.getByTestId('stk-detail')).toBeVisible();
  await scanInto(page, 'stk-scan', 'D-02-01');
  await expect(page.getByTestId('stk-scan-feedback')).toHaveText(
    tr(zh.stocktake.count.scanBin, { code: 'D-02-01' }),
  );
  await scanInto(page, 'stk-scan', a.barcode);
  await scanInto(page, 'stk-scan', b.barcode);
  await expect(page.getByTestId(`stk-count-D-02-01-${a.code}`)).toHaveValue('1');
  await expect(page.getByTestId(`stk-count-D-02-01-${b.code}`)).toHaveValue('1');
  await shot('stocktake-scanned-by-agent');
  await page.getByTestId('stk-scan').press('Enter');
  await expect(page.getByTestId('stk-progress')).toHaveText(
    tr(zh.stocktake.progressText, { counted: 2, lines: 2 }),
  );
  await shot('stocktake-counted-by-agent');

  // The supervisor sees one variance and approves.
  await switchTo(page, boss.name, boss.pin);
  await page.getByTestId('wh-subtab-stocktake').click();
  await page.getByTestId(`stk-row-${pd}`).click();
  await expect(page.getByTestId(`stk-variance-D-02-01-${a.code}`)).toHaveText('-1');
  await expect(page.getByTestId(`stk-variance-D-02-01-${b.code}`)).toHaveText('0');
  await shot('stocktake-variance');
  await page.getByTestId('stk-approve').click();
  await page.getByTestId('stk-approve-confirm').click();
  await expect(page.getByTestId('stk-status')).toHaveText(zh.stocktake.statuses.approved);
  const ck = /CK-\S+/.exec((await page.getByTestId('stk-docs').textContent()) ?? '')?.[0];
  expect(ck).toBeTruthy();
  await shot('stocktake-approved');

  // 差异 CSV: UTF-8 with BOM, Chinese intact.
  const { text } = await exportCsv(page, harness, page.getByTestId('stk-export'), '盘点差异_');
  await shot('variance-exported');
  const rows = text.split('\r\n');
  expect(rows[0]).toContain('库位,商家编码,商品名称,规格,账面数量,盘点时应有,实盘数量,差异数量');
  // Every counted line, the largest variance (by value) first: A's loss, then B's zero.
  const lines = rows.slice(1).filter((r) => r.trim() !== '');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain(`D-02-01,${a.code},`);
  expect(lines[0]).toContain(a.title);
  expect(lines[0]).toContain(',2,2,1,-1,');
  expect(lines[0]).toContain(agent.name);
  expect(lines[1]).toContain(`D-02-01,${b.code},`);
  expect(lines[1]).toContain(',1,1,1,0,');
  expect(text).not.toContain('\ufffd');

  // 物资明细账: the adjustment beside the receipt and the shipment; the bin now holds 1 × A.
  await page.getByTestId('wh-subtab-ledger').click();
  await expect(page.getByTestId(`wh-ledger-row-${ck}-${a.code}`)).toContainText('−1');
  await expect(page.getByTestId(`wh-ledger-row-${rk}-${a.code}`)).toBeVisible();
  await expect(page.getByTestId(`wh-ledger-row-${shipNumber}-${first.code}`).first()).toBeVisible();
  await shot('ledger-adjustment');
  await page.getByTestId('wh-subtab-balances').click();
  await expect(page.getByTestId(`wh-balance-row-${a.code}-D-02-01`).locator('td').nth(4)).toHaveText('1');
  await shot('balances-after-stocktake');
});
