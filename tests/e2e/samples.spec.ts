// 样品借出 on the demo shop, in zh-CN: the designer (美工专员) requests samples on a shoot task from the
// task drawer → 仓储专员 sees the request (badge), issues it (a posted 其他出库, shown in the ledger) and
// prints the 样品借用单 (PDF → PNG) → receives them back, one good and one damaged → the loan is
// returned, the CSV is read back with its Chinese intact → the designer's task shows the samples
// returned with the document numbers.
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, signIn, switchTo, exportCsv, printToPng, apiAs } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

test('samples: requested on a shoot task, issued by the warehouse, printed, returned good + damaged, shown on the task', async ({
  page,
  request,
  harness,
  shot,
}, testInfo) => {
  const person = (role: string) => harness.demoPeople.find((p) => p.role === role)!;
  const designer = person('art_agent');
  const keeper = person('wh_agent');

  // A SKU with stock in a normal bin, and the designer's shoot task (the task screens have their own spec).
  const dbPath = path.join(harness.dataDir, 'shopdesk.sqlite');
  let db = new Database(dbPath, { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.id, s.code FROM sku s WHERE s.archived_at IS NULL AND s.deleted_at IS NULL
         AND (SELECT SUM(sb.on_hand) FROM stock_balance sb JOIN bin b ON b.id = sb.bin_id
              WHERE sb.sku_id = s.id AND b.kind = 'normal') >= 5
       ORDER BY s.code LIMIT 1`,
    )
    .get() as { id: string; code: string };
  db.close();
  const api = await apiAs(request, harness, designer);
  const task = await api<{ id: string; number: string }>('art.taskSave', {
    type: 'shoot',
    title: '夏季新品 模特图',
    skuIds: [sku.id],
  });
  await api('art.taskMove', { id: task.id, to: 'doing' });

  // ------------------------------------------------------------------ the designer requests samples
  await signIn(page, designer.name, designer.pin);
  await page.getByTestId('tab-art').click();
  await page.getByTestId('art-subtab-tasks').click();
  await page.getByTestId(`art-card-${task.number}`).click();
  const drawer = page.getByTestId('art-task-drawer');
  await expect(drawer.getByTestId('task-samples')).toContainText(zh.samples.taskNone);
  await drawer.getByTestId('task-samples-request').click();
  await page.getByTestId(`samples-qty-${sku.code}`).fill('2');
  await page.getByTestId('samples-request-notes').fill('拍完周一归还');
  await shot('request-modal');
  await page.getByTestId('samples-request-ok').click();
  await expect(drawer.getByTestId('task-samples')).toContainText(zh.samples.status.requested);
  db = new Database(dbPath, { readonly: true });
  const loanNumber = (
    db.prepare(`SELECT number FROM sample_loan WHERE task_id = ?`).get(task.id) as { number: string }
  ).number;
  db.close();
  await expect(drawer.getByTestId(`task-loan-${loanNumber}`)).toBeVisible();
  await shot('task-requested');
  await page.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // ------------------------------------------------------------------ the warehouse issues them
  await switchTo(page, keeper.name, keeper.pin);
  await page.getByTestId('tab-warehouse').click();
  await expect(page.getByTestId('samples-tab-badge-requested')).toHaveText('1');
  await page.getByTestId('wh-subtab-samples').click();
  await page.getByTestId(`samples-row-${loanNumber}`).click();
  const loan = page.getByTestId('samples-drawer');
  await expect(loan).toContainText(zh.samples.status.requested);
  await loan.getByTestId('samples-issue').click();
  await page.getByTestId('samples-issue-ok').click();
  await expect(loan.getByTestId(`samples-status-${loanNumber}`)).toHaveText(zh.samples.status.out);
  const outNumber = (await loan.getByTestId('samples-out-doc').textContent())!.trim();
  expect(outNumber).toMatch(/^CK-/);
  await expect(loan.getByTestId(`samples-out-${sku.code}`)).toHaveText('2');
  await expect(page.getByTestId('samples-tab-badge-requested')).toHaveCount(0);
  await shot('loan-issued');

  // The 样品借用单, printed to A4 PDF and page 1 rendered to PNG.
  await loan.getByTestId('samples-print').click();
  const slip = page.getByTestId('print-root');
  await expect(slip).toContainText(zh.samples.slip.heading);
  await expect(slip).toContainText(sku.code);
  await shot('slip-preview');
  await printToPng(page, testInfo, 'loan-slip');
  await page.locator('.ant-drawer-close').click();

  // The ledger shows the outbound.
  await page.getByTestId('wh-subtab-ledger').click();
  await expect(page.getByTestId(`wh-ledger-row-${outNumber}-${sku.code}`).first()).toContainText('−');
  await shot('ledger-outbound');

  // ------------------------------------------------------------------ the samples come back
  await page.getByTestId('wh-subtab-samples').click();
  await page.getByTestId(`samples-row-${loanNumber}`).click();
  await loan.getByTestId('samples-return').click();
  await page.getByTestId(`samples-good-${sku.code}`).fill('1');
  await page.getByTestId(`samples-damaged-${sku.code}`).fill('1');
  await shot('return-modal');
  await page.getByTestId('samples-return-ok').click();
  await expect(loan.getByTestId(`samples-status-${loanNumber}`)).toHaveText(zh.samples.status.closed);
  await expect(loan.getByTestId('samples-return-docs')).toHaveText(/^RK-/);
  const inNumber = (await loan.getByTestId('samples-return-docs').textContent())!.trim();
  await expect(loan.getByTestId(`samples-out-${sku.code}`)).toHaveText('0');
  await shot('loan-returned');
  await page.locator('.ant-drawer-close').click();

  // CSV of all loans (UTF-8 with BOM), Chinese intact.
  await page.getByTestId('samples-view-all').click();
  const { text } = await exportCsv(page, harness, page.getByTestId('samples-export'), '样品借用');
  expect(text).toContain('借用单号,状态,是否逾期');
  expect(text).toContain(`${loanNumber},已归还,否`);
  expect(text).toContain('夏季新品 模特图');

  // ------------------------------------------------------------------ the task shows them returned
  await switchTo(page, designer.name, designer.pin);
  await page.getByTestId('tab-art').click();
  await page.getByTestId('art-subtab-tasks').click();
  await page.getByTestId(`art-card-${task.number}`).click();
  const row = drawer.getByTestId(`task-loan-${loanNumber}`);
  await expect(row).toContainText(zh.samples.status.closed);
  await expect(row).toContainText(outNumber);
  await expect(row).toContainText(inNumber);
  await expect(drawer.getByTestId('task-samples-summary')).toContainText('已归还 2 件');
  await drawer.getByTestId('task-samples').scrollIntoViewIfNeeded();
  await shot('task-returned');
});
