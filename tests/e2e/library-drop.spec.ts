// 图片库 drag and drop, in zh-CN through the harness: dragging files over the grid shows the drop
// zone; dropping a whole folder (with a sub-folder), a loose photo and a broken file imports
// them through the same path as the dialog — the same report with the per-file error — and the
// thumbnails appear in the grid. The harness's shim stands in for the preload: it records the
// dropped files' names as files in its import folder (a browser gives the page no paths).
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

async function photo(file: string, w: number, h: number, hue: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await sharp({ create: { width: w, height: h, channels: 3, background: hue } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${w}" height="${h}"><rect x="${w / 4}" y="${h / 4}" width="${w / 2}" height="${h / 2}" fill="#ffffff" opacity="0.5"/></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 85 })
    .toFile(file);
}

/** Dispatch a drag event whose DataTransfer holds files with these names (as a drop would). */
async function drag(page: Page, type: 'dragenter' | 'dragover' | 'drop', names: string[]): Promise<void> {
  // In the page (a string: the DOM types are not in this Node-side file's lib).
  const dt = await page.evaluateHandle(
    `(() => { const d = new DataTransfer(); for (const n of ${JSON.stringify(names)}) d.items.add(new File(['x'], n)); return d; })()`,
  );
  await page.getByTestId('art-drop-target').dispatchEvent(type, { dataTransfer: dt });
}

test('图片库: drop a folder and files onto the grid → drop zone → imported with the per-file report', async ({
  page,
  harness,
  shot,
}) => {
  test.setTimeout(300_000);
  const agent = harness.demoPeople.find((p) => p.role === 'art_agent')!;
  const imports = path.join(harness.dataDir, 'imports');
  await photo(path.join(imports, '秋冬拍摄', '模特', '模特正面.jpg'), 900, 1200, '#b45309');
  await photo(path.join(imports, '秋冬拍摄', '模特', '模特侧面.jpg'), 900, 1200, '#92400e');
  await photo(path.join(imports, '秋冬拍摄', '细节', '领口细节.jpg'), 800, 800, '#1d4ed8');
  await photo(path.join(imports, '吊牌.jpg'), 800, 800, '#15803d');
  fs.writeFileSync(path.join(imports, '坏图.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));

  await page.getByTestId(`signin-person-${agent.name}`).click();
  await page.getByTestId('signin-pin').fill(agent.pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(agent.name);
  await page.getByTestId('tab-art').click();
  await page.getByTestId('art-subtab-library').click();
  await expect(page.getByTestId('art-lib-total')).toContainText('0');

  // Dragging files over the grid shows the drop zone.
  const dropped = ['秋冬拍摄', '吊牌.jpg', '坏图.jpg'];
  await drag(page, 'dragenter', dropped);
  await drag(page, 'dragover', dropped);
  const zone = page.getByTestId('art-drop-zone');
  await expect(zone).toBeVisible();
  await expect(zone).toContainText(zh.art.drop.title);
  await expect(zone).toContainText(zh.art.drop.hint);
  await shot('drop-zone');

  // Dropping imports them: the same report as the dialog import, with the broken file's error.
  await drag(page, 'drop', dropped);
  await expect(zone).toHaveCount(0);
  const report = page.getByTestId('art-import-report');
  await expect(report).toBeVisible();
  await expect(report).toContainText('新导入 4 张，重复 0 张（已跳过），失败 1 个。');
  await expect(report).toContainText(`坏图.jpg：${zh.library.importErrors.corrupt}`);
  await shot('drop-report');
  await page.getByTestId('art-import-close').click();

  // The images are in the grid, with their thumbnails painted once the background work is done.
  for (const name of ['模特正面.jpg', '模特侧面.jpg', '领口细节.jpg', '吊牌.jpg'])
    await expect(page.getByTestId(`art-cell-${name}`)).toBeVisible();
  await expect(page.getByTestId('art-thumb-progress')).toHaveCount(0, { timeout: 60_000 });
  await expect
    .poll(
      () =>
        page
          .locator('.art-cell img')
          .evaluateAll(
            (imgs) => imgs.filter((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0).length,
          ),
      { timeout: 30_000 },
    )
    .toBe(4);
  await shot('drop-imported');

  // Dropping the same folder again: nothing new, all four reported as duplicates.
  await drag(page, 'dragenter', ['秋冬拍摄', '吊牌.jpg']);
  await drag(page, 'drop', ['秋冬拍摄', '吊牌.jpg']);
  await expect(page.getByTestId('art-import-report')).toContainText(
    '新导入 0 张，重复 4 张（已跳过），失败 0 个。',
  );
  await page.getByTestId('art-import-close').click();
  await expect(page.getByTestId('art-lib-total')).toContainText('4');
});
