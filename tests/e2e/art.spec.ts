// The art tab on the demo shop, in zh-CN: 美工专员 creates a shoot task for a SKU, imports the
// photos (through the harness's stand-in for the open dialog), tags them and links them to the
// SKU, attaches them and sends the task for review; 美工主管 asks for a revision, then approves;
// the main images are exported to a folder with the naming rule. Then the product's
// 上架准备 shows the main-image item ticked, the supervisor scores the designer's month (美工考核,
// CSV read back) and the store manager marks the product listed with an override reason.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, signIn, dismissNotices, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

/** Close the task drawer with its ✕ (Escape only works while the focus is inside the drawer). */
async function closeTaskDrawer(page: Page): Promise<void> {
  await page.locator('.ant-drawer-close:visible').last().click();
  await expect(page.getByTestId('art-task-drawer')).toHaveCount(0);
}

async function switchTo(page: Page, name: string, pin: string): Promise<void> {
  await closeTaskDrawer(page);
  await dismissNotices(page);
  await page.getByTestId('header-signout').click();
  await signIn(page, name, pin);
  await page.getByTestId('tab-art').click();
}

/** Choose in an antd select by typing and clicking the option that contains `text`. */
async function pick(page: Page, testId: string, typed: string, text: string): Promise<void> {
  await pickOption(page, page.getByTestId(testId), text, { type: typed });
}

async function photo(file: string, w: number, h: number, hue: string): Promise<void> {
  await sharp({ create: { width: w, height: h, channels: 3, background: hue } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${w}" height="${h}"><circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 3}" fill="#ffffff" opacity="0.6"/></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 85 })
    .toFile(file);
}

test('美工: shoot task → import → tag and link → review with a revision → approve → export main images', async ({
  page,
  harness,
  shot,
}) => {
  test.setTimeout(420_000); // a long flow on a shared 2-core machine
  const agent = harness.demoPeople.find((p) => p.role === 'art_agent')!;
  const boss = harness.demoPeople.find((p) => p.role === 'art_supervisor')!;
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.code, p.title, p.listed FROM sku s JOIN product p ON p.id = s.product_id WHERE s.archived_at IS NULL ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string; title: string; listed: number };
  db.close();

  await signIn(page, agent.name, agent.pin);
  await page.getByTestId('tab-art').click();
  await expect(page.getByTestId('art-subtab-tasks')).toHaveText(zh.tasks.tabTitle);
  await expect(page.getByTestId('art-subtab-library')).toHaveText(zh.library.tabTitle);

  // 1. A shoot task for the SKU.
  await page.getByTestId('art-task-new').click();
  await page.getByTestId('art-task-title').fill(`${sku.title} 模特图+细节图`);
  await pick(page, 'art-task-skus', sku.code, sku.code);
  await page.keyboard.press('Escape');
  await page.getByTestId('art-task-due').click();
  await page.keyboard.type('2026-12-05');
  await page.keyboard.press('Enter');
  await shot('task-new');
  await page.getByTestId('art-task-save').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.todo);
  const number = (await page.locator('.ant-drawer-title .num').textContent())!;
  expect(number).toMatch(/^SJ-/);
  await page.getByTestId('art-move-doing').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.doing);
  await closeTaskDrawer(page);
  await expect(page.getByTestId(`art-col-doing`).getByTestId(`art-card-${number}`)).toBeVisible();
  await shot('board');

  // 2. Import the photos (two square main images, one wide detail image, one text file).
  const importDir = path.join(harness.dataDir, 'imports');
  fs.mkdirSync(importDir, { recursive: true });
  await photo(path.join(importDir, 'IMG_0001.jpg'), 1000, 1000, '#d9c6b0');
  await photo(path.join(importDir, 'IMG_0002.jpg'), 1000, 1000, '#b0c4d9');
  await photo(path.join(importDir, 'IMG_0003.jpg'), 1200, 700, '#c9d9b0');
  fs.writeFileSync(path.join(importDir, '拍摄清单.txt'), '正面 背面 侧面');
  await page.getByTestId('art-subtab-library').click();
  await expect(page.getByText(zh.library.empty)).toBeVisible();
  await page.getByTestId('art-lib-import').click();
  const report = page.getByTestId('art-import-report');
  await expect(report).toContainText('新导入 3 张，重复 0 张（已跳过），失败 1 个。');
  await expect(report).toContainText(`拍摄清单.txt：${zh.library.importErrors.notImage}`);
  await page.waitForTimeout(500); // the modal's fade-in, for the screenshot
  await shot('import-report');
  await page.getByTestId('art-import-close').click();
  await expect(page.getByTestId('art-lib-total')).toHaveText('共 3 张');
  await expect(page.getByTestId('art-thumb-progress')).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('[data-testid="art-cell-IMG_0001.jpg"] img')).toHaveAttribute(
    'src',
    /\/library\/thumbs\//,
  );
  // The thumbnail really loads from the library route (same origin, CSP img-src 'self').
  const thumb = page.locator('[data-testid="art-cell-IMG_0001.jpg"] img');
  await expect
    .poll(() =>
      thumb.evaluate((el) => {
        const img = el as unknown as { complete: boolean; naturalWidth: number };
        return img.complete ? img.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);

  // 3. Tag and link: the two square photos become 主图 of the SKU, tagged 夏装/T恤.
  await page.getByTestId('art-cell-IMG_0001.jpg').click();
  await page.getByTestId('art-cell-IMG_0002.jpg').click({ modifiers: ['Control'] });
  await expect(page.getByTestId('art-lib-total')).toHaveText('已选 2 张 / 共 3 张');
  await page.getByTestId('art-lib-bulk').click();
  await page.getByTestId('art-bulk-tags').click();
  await page.keyboard.type('夏装/T恤');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await pick(page, 'art-bulk-use', '主图', '主图');
  await pick(page, 'art-bulk-sku', sku.code, sku.code);
  await shot('bulk-edit');
  await page.getByTestId('art-bulk-ok').click();
  await expect(page.locator('.art-filters__tree')).toContainText('T恤（2）');
  await expect(page.getByTestId('art-cell-IMG_0001.jpg')).toContainText(sku.code);
  await shot('library');

  // The large preview shows the details.
  await page.getByTestId('art-cell-IMG_0003.jpg').dblclick();
  await expect(page.getByTestId('art-preview-img')).toBeVisible();
  await expect(page.getByTestId('art-preview')).toContainText('1200×700');
  await shot('preview');
  await page.keyboard.press('Escape');

  // 4. Attach the photos to the task and send it for review.
  await page.getByTestId('art-subtab-tasks').click();
  await page.getByTestId(`art-card-${number}`).click();
  await page.getByTestId('art-task-attach').click();
  await page.getByTestId('art-pick-IMG_0001.jpg').click();
  await page.getByTestId('art-pick-IMG_0002.jpg').click();
  await page.getByTestId('art-attach-ok').click();
  await expect(page.getByTestId('art-deliverables').locator('img')).toHaveCount(2);
  await page.getByTestId('art-move-review').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.review);
  await shot('sent-for-review');

  // 5. The supervisor asks for a revision.
  await switchTo(page, boss.name, boss.pin);
  await page.getByTestId(`art-card-${number}`).click();
  await page.getByTestId('art-review-revise').click();
  await page.getByTestId('art-review-comment').fill('背景偏暗，领口细节再补两张');
  await page.getByTestId('art-review-ok').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.rework);
  await expect(page.getByTestId('art-task-revisions')).toHaveText('1');
  await shot('revision-asked');

  // 6. The designer fixes it and sends it again; the supervisor approves.
  await switchTo(page, agent.name, agent.pin);
  await page.getByTestId(`art-card-${number}`).click();
  await expect(page.getByTestId('art-rework-note')).toContainText('背景偏暗，领口细节再补两张');
  await page.getByTestId('art-move-review').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.review);
  await switchTo(page, boss.name, boss.pin);
  await page.getByTestId(`art-card-${number}`).click();
  await page.getByTestId('art-review-approve').click();
  await page.getByTestId('art-review-comment').fill('可以了');
  await page.getByTestId('art-review-ok').click();
  await expect(page.getByTestId('art-task-status')).toHaveText(zh.tasks.status.done);
  await expect(page.getByTestId('art-task-history')).toContainText('退回修改');
  await shot('approved');
  await closeTaskDrawer(page);
  await expect(page.getByTestId('art-col-done').getByTestId(`art-card-${number}`)).toBeVisible();
  await page.getByTestId('art-task-view').getByText(zh.tasks.calendar).click();
  await expect(page.getByTestId(`art-cal-${number}`)).toBeVisible();
  await shot('calendar');

  // 7. Export the main images with the naming rule.
  // Opening the library asks main for exactly one page, and for the tag tree (counts)
  // only once that page has arrived.
  const calls: string[] = [];
  const libraryCall = (mark: string) => (r: { url(): string }) => {
    const m = /\/__api\/(art\.library\w+)/.exec(r.url());
    if (m) calls.push(`${mark} ${m[1]}`);
  };
  const onRequest = libraryCall('>');
  const onFinished = libraryCall('<');
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  await page.getByTestId('art-subtab-library').click();
  await expect(page.getByTestId('art-cell-IMG_0001.jpg')).toBeVisible();
  await expect.poll(() => calls.includes('< art.libraryTags')).toBe(true);
  page.off('request', onRequest);
  page.off('requestfinished', onFinished);
  expect(calls.filter((c) => c === '> art.libraryList')).toHaveLength(1);
  expect(calls.indexOf('> art.libraryTags')).toBeGreaterThan(calls.indexOf('< art.libraryList'));
  await pick(page, 'art-lib-filter-use', '主图', '主图');
  await expect(page.getByTestId('art-lib-total')).toHaveText('共 2 张');
  await page.getByTestId('art-cell-IMG_0002.jpg').click();
  await page.getByTestId('art-cell-IMG_0001.jpg').click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('art-lib-total')).toHaveText('已选 2 张 / 共 2 张');
  await page.getByTestId('art-lib-export-files').click();
  await expect(page.getByTestId('art-export-pattern')).toHaveValue('{商家编码}_主图_{序号}.jpg');
  await shot('export-files');
  await page.getByTestId('art-export-files-ok').click();
  await expect(page.getByTestId('art-export-files-result')).toBeVisible();
  const outDir = path.join(harness.exportDir, 'images');
  expect(fs.readdirSync(outDir).sort()).toEqual([`${sku.code}_主图_1.jpg`, `${sku.code}_主图_2.jpg`]);

  // 8. The image catalogue as CSV, Chinese intact.
  const { text } = await exportCsv(page, harness, page.getByTestId('art-lib-export-csv'), '图片目录_');
  expect(text).toContain('文件名,文件夹,格式,宽,高');
  expect(text).toContain(`IMG_0001.jpg,,jpeg,1000,1000`);
  expect(text).toContain(`主图,待审,原片,夏装/T恤,${sku.code}`);
  await shot('done');

  // 9. 上架准备: the approved main images tick the product's main-image item.
  await page.getByTestId('art-subtab-readiness').click();
  await expect(page.getByTestId('art-subtab-readiness')).toHaveText(zh.art.readiness.title);
  await page.getByTestId('rd-search').fill(sku.code);
  const row = page.getByTestId(`rd-row-${sku.title}`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId(`rd-${sku.title}-mainImages`)).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId(`rd-${sku.title}-mainImages`)).toContainText('2 张');
  // No product knowledge learned by customer service in the demo shop: the item is missing.
  await expect(page.getByTestId(`rd-${sku.title}-knowledge`)).toHaveAttribute('data-state', 'missing');
  await expect(page.getByTestId(`rd-${sku.title}-list`)).toHaveCount(0); // only the manager marks
  await shot('readiness-supervisor');

  // 10. 月度考核: the designer's month, the supervisor's score, the CSV.
  await page.getByTestId('art-subtab-artAssessment').click();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const cell = (key: string) => page.getByTestId(`asm-${agent.name}-${key}`);
  await expect(cell('tasksCompleted')).toHaveText('1');
  await expect(cell('onTimeRate')).toHaveText(today <= '2026-12-05' ? '100' : '0');
  await expect(cell('avgRevisions')).toHaveText('1');
  await expect(cell('firstPassRate')).toHaveText('0');
  await expect(cell('imagesDelivered')).toHaveText('2');
  await page.getByRole('spinbutton', { name: `${agent.name} ${zh.assessment.score}` }).fill('88');
  await page.getByTestId(`asm-comment-${agent.name}`).fill('出图质量好，细节图要一次拍全');
  await page.getByTestId(`asm-save-${agent.name}`).click();
  await expect(page.getByText(`${agent.name} 的考核已保存`)).toBeVisible();
  await expect(page.getByTestId(`asm-save-${agent.name}`)).toBeDisabled();
  await shot('art-assessment');
  // (exportCsv waits for this export's own notice: the catalogue's may still be on screen.)
  const { text: asmText } = await exportCsv(page, harness, page.getByTestId('asm-export'), '美工考核_');
  expect(asmText).toContain(
    '月份,姓名,岗位,完成任务数,按时完成率(%),平均修改次数,一次通过率(%),交付图片数,主管评分,评语',
  );
  expect(asmText).toContain(`,${agent.name},美工专员,1,`);
  expect(asmText).toContain(',2,88,出图质量好，细节图要一次拍全');
  await page.keyboard.press('Escape');

  // 11. The store manager marks the product listed: items are missing, so with a reason.
  const manager = harness.demoPeople.find((p) => p.role === 'manager')!;
  await dismissNotices(page);
  await page.getByTestId('header-signout').click();
  await signIn(page, manager.name, manager.pin);
  await page.getByTestId('tab-art').click();
  await page.getByTestId('art-subtab-readiness').click();
  await page.getByTestId('rd-search').fill(sku.code);
  await expect(page.getByTestId(`rd-${sku.title}-mainImages`)).toHaveAttribute('data-state', 'done');
  if (sku.listed) {
    // The demo shop lists most products: delist it first (no reason needed).
    await page.getByTestId(`rd-${sku.title}-delist`).click();
    await page.getByTestId('rd-confirm').click();
    await expect(page.getByTestId(`rd-${sku.title}-state`)).toContainText('缺');
  }
  await page.getByTestId(`rd-${sku.title}-list`).click();
  await expect(page.getByTestId('rd-missing')).toContainText(zh.art.readiness.items.skuImages);
  await expect(page.getByTestId('rd-missing')).toContainText(zh.art.readiness.items.knowledge);
  await expect(page.getByTestId('rd-confirm')).toBeDisabled();
  await page.getByTestId('rd-reason').fill('预售款，SKU图和详情页本周补齐');
  await shot('readiness-override');
  await page.getByTestId('rd-confirm').click();
  await expect(page.getByTestId(`rd-${sku.title}-state`)).toHaveText(zh.art.readiness.states.listed);
  await expect(page.getByTestId(`rd-${sku.title}-override`)).toHaveText(zh.art.readiness.overridden);
  await expect(row).toContainText(`${manager.name}`);
  await expect(page.getByTestId(`rd-${sku.title}-delist`)).toBeVisible();
  await shot('readiness-listed');
});
