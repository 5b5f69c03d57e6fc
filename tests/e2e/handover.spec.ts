// 交接本 on the demo shop, in zh-CN: the rota puts 客服主管 王丽娜 on today's 早班 and 客服专员 刘婷婷
// on 晚班; the early shift writes a handover with an item of each kind (an open buyer, a stock
// problem, a promised callback, another) → the late shift sees the badge and the banner and
// acknowledges each item (she may: she is on the next shift per the rota) → acknowledged items
// leave the open view and stay in the history of the day.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, signIn, switchTo } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const EARLY = '01930000-0000-7000-8000-000000000001';
const LATE = '01930000-0000-7000-8000-000000000002';
const BUYER = '小雨点的衣橱';

const tr = (s: string, params: Record<string, string | number>) =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k]));

/** Calls a channel of the app's API in the page, as the signed-in person. */
async function call<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([c, i]) => {
      const [ns, fn] = (c as string).split('.') as [string, string];
      const api = (
        globalThis as unknown as {
          shopdesk: Record<string, Record<string, (x: unknown) => Promise<{ ok: boolean; data?: unknown }>>>;
        }
      ).shopdesk;
      return api[ns]![fn]!(i);
    },
    [channel, input] as const,
  );
  expect(r.ok, `${channel} answered ${JSON.stringify(r)}`).toBe(true);
  return r.data as T;
}

function shopToday(): { today: string; monday: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
  return { today, monday };
}

test('the early shift writes a handover; the late shift acknowledges each item', async ({
  page,
  harness,
  shot,
}) => {
  const sup = harness.demoPeople.find((p) => p.role === 'cs_supervisor')!;
  const agent = harness.demoPeople.find((p) => p.role === 'cs_agent')!;
  expect(sup).toBeTruthy();
  expect(agent).toBeTruthy();
  const { today, monday } = shopToday();

  // A listed SKU of the demo catalogue (read-only, beside the running harness).
  const db = new Database(path.join(harness.dataDir, 'shopdesk.sqlite'), { readonly: true });
  const sku = db
    .prepare(
      `SELECT s.code, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.archived_at IS NULL AND p.archived_at IS NULL ORDER BY s.code LIMIT 1`,
    )
    .get() as { code: string; title: string };
  db.close();
  expect(sku).toBeTruthy();

  // Set-up through the app's own channels, as the 客服主管 who keeps the rota: 王丽娜 on today's
  // 早班, 刘婷婷 on 晚班, and a buyer in the buyer database.
  await signIn(page, sup.name, sup.pin);
  const roster = await call<{ id: string; name: string }[]>(page, 'auth.roster', {});
  const idOf = (name: string) => roster.find((p) => p.name === name)!.id;
  await call(page, 'rota.saveWeek', {
    team: 'service',
    weekStart: monday,
    cells: [
      { staffId: idOf(sup.name), date: today, kind: 'shift', templateId: EARLY },
      { staffId: idOf(agent.name), date: today, kind: 'shift', templateId: LATE },
    ],
  });
  await call(page, 'buyers.save', { memberName: BUYER, realName: '李雨', phones: ['13812341234'] });

  // ------------------------------------------------------------- the early shift writes the handover
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-handover').click();
  await expect(page.getByTestId('handover-open-empty')).toBeVisible();
  await page.getByTestId('handover-write').click();
  await expect(
    page.getByText(tr(zh.handover.myShift, { shift: '早班', start: '08:00', end: '17:00' })),
  ).toBeVisible();

  // 1: an open buyer (the first item's kind by default).
  await pickOption(page, page.getByTestId('handover-item-0-kind'), zh.handover.kinds.buyer);
  await pickOption(page, page.getByTestId('handover-item-0-buyer'), BUYER, { type: '小雨点' });
  await page.getByTestId('handover-item-0-text').fill('买家问尺码还没答复，晚班请跟进');
  // 2: a stock problem with its SKU.
  await page.getByTestId('handover-add').click();
  await pickOption(page, page.getByTestId('handover-item-1-kind'), zh.handover.kinds.stock);
  await pickOption(page, page.getByTestId('handover-item-1-sku'), sku.code, { type: sku.code });
  await page.getByTestId('handover-item-1-text').fill('这个款库存对不上，请晚班盘一下');
  // 3: a promised callback at 19:30 shop time.
  await page.getByTestId('handover-add').click();
  await pickOption(page, page.getByTestId('handover-item-2-kind'), zh.handover.kinds.callback);
  await page.getByTestId('handover-item-2-callback').click();
  await page.keyboard.type(`${today} 19:30`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('handover-item-2-callback')).toHaveValue(`${today} 19:30`);
  await page.getByTestId('handover-item-2-text').fill('答应买家晚上七点半回电话说退款进度');
  // 4: other.
  await page.getByTestId('handover-add').click();
  await page.getByTestId('handover-item-3-text').fill('打印机快没纸了');
  await shot('write');
  await page.getByTestId('handover-submit').click();
  await expect(page.getByText(tr(zh.handover.written, { count: 4 }))).toBeVisible();
  const open = page.getByTestId('handover-open');
  await expect(open.locator('.handover-row')).toHaveCount(4);
  // Not the writer's to acknowledge (a handover passes work on), even as 客服主管: each waits.
  await expect(open.getByText(zh.handover.waiting, { exact: true })).toHaveCount(4);
  await expect(open.getByTestId('handover-ack')).toHaveCount(0);
  await expect(page.getByTestId('handover-banner')).toHaveCount(0);
  await expect(page.getByTestId('cs-subtab-handover-badge')).toHaveCount(0);
  await expect(open).toContainText(BUYER);
  await expect(open).toContainText(sku.code);
  await expect(open).toContainText(tr(zh.handover.callbackTime, { time: `${today} 19:30` }));
  await expect(open).toContainText(tr(zh.handover.nextShift, { date: today, shift: '晚班' }));
  await shot('written');

  // --------------------------------------------------- the late shift: badge, banner, 接收 each item
  await switchTo(page, agent.name, agent.pin);
  await page.getByTestId('tab-service').click();
  await expect(page.getByTestId('cs-subtab-handover-badge')).toContainText('4');
  await page.getByTestId('cs-subtab-handover').click();
  await expect(page.getByTestId('handover-banner')).toContainText(tr(zh.handover.banner, { count: 4 }));
  await expect(open.getByTestId('handover-ack')).toHaveCount(4);
  await shot('late-shift');
  const day = page.getByTestId(`handover-day-${today}`);
  for (let left = 4; left > 0; left--) {
    await open.getByTestId('handover-ack').first().click();
    await expect(page.getByTestId('handover-ack-ok')).toBeVisible();
    if (left === 2) await page.getByTestId('handover-ack-note').fill('已回电，买家满意');
    if (left === 2) await shot('ack-dialog');
    await page.getByTestId('handover-ack-ok').click();
    await expect(page.getByTestId('handover-ack-ok')).toHaveCount(0);
    if (left > 1) await expect(open.locator('.handover-row')).toHaveCount(left - 1);
    await expect(day.getByTestId('handover-row-acked')).toHaveCount(5 - left);
  }
  await expect(page.getByTestId('handover-open-empty')).toBeVisible();
  await expect(page.getByTestId('handover-banner')).toHaveCount(0);
  await expect(page.getByTestId('cs-subtab-handover-badge')).toHaveCount(0);
  await expect(day.locator('.handover-row')).toHaveCount(4);
  await expect(day).toContainText('已回电，买家满意');
  await expect(day).toContainText(tr(zh.handover.acked, { name: agent.name, time: '' }).split('（')[0]!);
  await shot('acknowledged');
});
