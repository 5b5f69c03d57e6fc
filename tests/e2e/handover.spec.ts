// 交接本 on the demo shop, in zh-CN: 客服主管 puts 刘婷婷 on today's 早班 and herself on 晚班; the
// early shift writes a handover (a stock problem, a promised callback, another item) → the late
// shift sees the badge and the banner, and acknowledges each item; the history keeps them.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const EARLY = '01930000-0000-7000-8000-000000000001';
const LATE = '01930000-0000-7000-8000-000000000002';

async function signIn(page: Page, name: string, pin: string): Promise<void> {
  await page.getByTestId(`signin-person-${name}`).click();
  await page.getByTestId('signin-pin').fill(pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(name);
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
  test.setTimeout(180_000);
  const sup = harness.demoPeople.find((p) => p.role === 'cs_supervisor')!;
  const agent = harness.demoPeople.find((p) => p.role === 'cs_agent')!;
  const { today, monday } = shopToday();

  // The rota (the staffing module's channel, as the supervisor who keeps it).
  await signIn(page, sup.name, sup.pin);
  const ids = await page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        shopdesk: Record<string, Record<string, (i: unknown) => Promise<{ ok: boolean; data: unknown }>>>;
      }
    ).shopdesk;
    const r = await api.auth!.roster!({});
    return r.data as { id: string; name: string }[];
  });
  const idOf = (name: string) => ids.find((p) => p.name === name)!.id;
  const saved = await page.evaluate(
    (input) =>
      (
        globalThis as unknown as { shopdesk: { rota: { saveWeek(i: unknown): Promise<{ ok: boolean }> } } }
      ).shopdesk.rota.saveWeek(input),
    {
      team: 'service',
      weekStart: monday,
      cells: [
        { staffId: idOf(agent.name), date: today, kind: 'shift', templateId: EARLY },
        { staffId: idOf(sup.name), date: today, kind: 'shift', templateId: LATE },
      ],
    },
  );
  expect(saved.ok).toBe(true);

  // The early shift writes the handover.
  await page.getByTestId('header-switch').click();
  await signIn(page, agent.name, agent.pin);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-handover').click();
  await expect(page.getByTestId('handover-open-empty')).toBeVisible();
  await page.getByTestId('handover-write').click();
  await expect(page.getByText('你今天是早班（08:00–17:00）')).toBeVisible();

  // 1: a stock problem with its SKU.
  await page.getByTestId('handover-item-0-kind').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(zh.handover.kinds.stock, { exact: true })
    .click();
  await page.getByTestId('handover-item-0-sku').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .first()
    .click();
  await page.getByTestId('handover-item-0-text').fill('这个款库存对不上，请晚班盘一下');
  // 2: a promised callback.
  await page.getByTestId('handover-add').click();
  await page.getByTestId('handover-item-1-kind').click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(zh.handover.kinds.callback, { exact: true })
    .click();
  await page.getByTestId('handover-item-1-callback').click();
  await page.keyboard.type(`${today} 19:30`);
  await page.keyboard.press('Enter');
  await page.getByTestId('handover-item-1-text').fill('答应买家晚上七点半回电话说退款进度');
  // 3: other.
  await page.getByTestId('handover-add').click();
  await page.getByTestId('handover-item-2-text').fill('打印机快没纸了');
  await shot('write');
  await page.getByTestId('handover-submit').click();
  await expect(page.getByText('已提交 3 条交接事项')).toBeVisible();
  const open = page.getByTestId('handover-open');
  await expect(open.locator('.handover-row')).toHaveCount(3);
  await expect(open.getByTestId('handover-ack')).toHaveCount(0); // not the writer's to acknowledge
  await shot('written');

  // The late shift: badge, banner, and 接收 on each item.
  await page.getByTestId('header-switch').click();
  await signIn(page, sup.name, sup.pin);
  await page.getByTestId('tab-service').click();
  await expect(page.getByTestId('cs-subtab-handover-badge')).toContainText('3');
  await page.getByTestId('cs-subtab-handover').click();
  await expect(page.getByTestId('handover-banner')).toContainText('有 3 条交接事项等你接收');
  await shot('late-shift');
  for (let left = 3; left > 0; left--) {
    await open.getByTestId('handover-ack').first().click();
    if (left === 2) await page.getByTestId('handover-ack-note').fill('已回电，买家满意');
    await page.getByTestId('handover-ack-ok').click();
    await expect(open.locator('.handover-row')).toHaveCount(left - 1);
  }
  await expect(page.getByTestId('handover-open-empty')).toBeVisible();
  await expect(page.getByTestId('handover-banner')).toHaveCount(0);
  const day = page.getByTestId(`handover-day-${today}`);
  await expect(day.getByTestId('handover-row-acked')).toHaveCount(3);
  await expect(day).toContainText('已回电，买家满意');
  await shot('acknowledged');
});
