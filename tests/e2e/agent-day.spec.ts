// An agent's day on the demo shop, in zh-CN: 客服专员 刘婷婷 writes today's work log and a memo
// with a reminder (due → the badge and the alert) → 客服主管 王丽娜 credits a paid order to her and
// comments on her log → 刘婷婷's daily sales report shows the order, and the comment → the
// supervisor's team report with totals, and its CSV read back with its Chinese intact.
import type { Page } from '@playwright/test';
import { test, expect, pickOption, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const AGENT = { name: '刘婷婷', pin: '3344' };
const SUPERVISOR = { name: '王丽娜', pin: '3333' };

async function signInAs(page: Page, who: { name: string; pin: string }, switching: boolean): Promise<void> {
  if (switching) await page.getByTestId('header-switch').click();
  await page.getByTestId(`signin-person-${who.name}`).click();
  await page.getByTestId('signin-pin').fill(who.pin);
  await page.getByTestId('signin-pin').press('Enter');
  await expect(page.getByTestId('header-person-name')).toHaveText(who.name);
}

/** Today in the shop's zone (the demo shop is Asia/Shanghai). */
const today = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

test('an agent writes her log and memos; the supervisor credits an order; reports and CSV follow', async ({
  page,
  harness,
  shot,
}) => {
  const day = today();

  // 刘婷婷: 我的工作 → today's work log.
  await signInAs(page, AGENT, false);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-agent').click();
  await expect(page.getByTestId('agentday-page')).toBeVisible();
  await page.getByTestId('agentday-day-questions').fill('好几位买家问羽绒服会不会掉毛');
  await page.getByTestId('agentday-day-deals').fill('成交 5 单，其中 1 单是催付后付款的');
  await page.getByTestId('agentday-day-lessons').fill('先问身高体重再推荐尺码');
  await page.getByTestId('agentday-day-save').click();
  await expect(page.getByText(zh.agentDay.saved)).toBeVisible();
  await expect(page.getByText(zh.agentDay.editableToday)).toBeVisible();

  // A memo with a reminder at 00:00 today (already due) and one without.
  await page.getByTestId('agentday-memo-text').fill('给老顾客发新品上架消息');
  const remind = page.getByTestId('agentday-memo-remind');
  await remind.click();
  await remind.fill(`${day} 00:00`);
  await remind.press('Enter');
  await expect(remind).toHaveValue(`${day} 00:00`);
  await page.getByTestId('agentday-memo-add').click();
  await expect(page.getByTestId('agentday-memo-给老顾客发新品上架消息')).toBeVisible();
  await page.getByTestId('agentday-memo-text').fill('整理尺码问题的回复话术');
  await page.getByTestId('agentday-memo-text').press('Enter');
  await expect(page.getByTestId('agentday-memo-整理尺码问题的回复话术')).toBeVisible();
  await expect(
    page.getByTestId('agentday-memo-给老顾客发新品上架消息').getByTestId('agentday-memo-due'),
  ).toHaveText(zh.agentDay.memoDue);
  await expect(page.getByTestId('agentday-due-badge')).toContainText('1');
  await expect(page.getByTestId('agentday-due')).toContainText('给老顾客发新品上架消息');
  await shot('agent-log-and-memos');

  // The weekly summary tab.
  await page.getByTestId('agentday-tab-week').click();
  await page.getByTestId('agentday-week-summary').fill('本周接待 120 位买家，成交 30 单');
  await page.getByTestId('agentday-week-plan').fill('下周主推加绒卫衣，提前准备尺码话术');
  await page.getByTestId('agentday-week-save').click();
  await expect(page.getByText(zh.agentDay.saved).first()).toBeVisible();
  await shot('agent-week');

  // A paid order today (entered through the API, as the shop would import it).
  const made = await createPaidOrder(page);

  // 王丽娜: 客服日报 → 订单归属 → credit the order to 刘婷婷; read and comment on her log.
  await signInAs(page, SUPERVISOR, true);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-agentTeam').click();
  await page.getByTestId('agentday-team-tab-credit').click();
  const row = page.getByTestId(`agentday-credit-row-${made.orderNo}`);
  await expect(row).toContainText(zh.agentDay.creditNone);
  await pickOption(page, page.getByTestId(`agentday-credit-select-${made.orderNo}`), AGENT.name);
  await expect(row).toContainText(zh.agentDay.creditSources.manual);
  await expect(row).toContainText(AGENT.name);
  await shot('supervisor-credit');
  await page.getByTestId('agentday-team-tab-logs').click();
  await pickOption(page, page.getByTestId('agentday-team-day-agent'), AGENT.name);
  await expect(page.getByTestId('agentday-day-questions')).toHaveText('好几位买家问羽绒服会不会掉毛');
  await expect(page.getByTestId('agentday-day-questions')).toHaveJSProperty('tagName', 'DIV');
  await page.getByTestId('agentday-day-comment-input').fill('记录得很具体，尺码话术可以分享给大家');
  await page.getByTestId('agentday-day-comment-send').click();
  await expect(page.getByTestId('agentday-day-comments')).toContainText('记录得很具体');
  await shot('supervisor-log-comment');

  // 刘婷婷: on signing in, the due reminder is counted on 我的工作; her daily sales report shows
  // the credited order; her log shows the comment.
  await signInAs(page, AGENT, true);
  await page.getByTestId('tab-service').click();
  await expect(page.getByTestId('agentday-due-badge')).toContainText('1');
  await page.getByTestId('cs-subtab-agent').click();
  await expect(page.getByTestId('agentday-day-comments')).toContainText('记录得很具体');
  await page.getByTestId('agentday-tab-sales').click();
  const mine = page.getByTestId('agentday-my-report');
  await expect(mine.getByTestId(`agentday-report-row-${day}-${AGENT.name}`)).toContainText(
    (made.paidFen / 100).toFixed(2),
  );
  await shot('agent-sales-report');

  // 王丽娜: the team report with totals, then the CSV.
  await signInAs(page, SUPERVISOR, true);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-agentTeam').click();
  const team = page.getByTestId('agentday-team-report');
  await expect(team.getByTestId(`agentday-report-row-${day}-${AGENT.name}`)).toContainText('1');
  await expect(page.getByTestId('agentday-totals')).toContainText((made.paidFen / 100).toFixed(2));
  await shot('team-report');
  const { file, text } = await exportCsv(page, harness, page.getByTestId('agentday-export'), '客服销售日报_');
  expect(file).toMatch(/^客服销售日报_\d{8}\.csv$/);
  expect(text.split('\r\n')[0]).toBe('日期,客服,咨询数,成交订单数,销售额（元）,转化率,催付成交数');
  expect(text).toContain(`${day},${AGENT.name},0,1,${(made.paidFen / 100).toFixed(2)},,0`);
});

/** A paid manual order of the demo shop's first SKU, created in the page as the signed-in agent. */
async function createPaidOrder(page: Page): Promise<{ id: string; orderNo: string; paidFen: number }> {
  return page.evaluate(async () => {
    const w = globalThis as unknown as {
      shopdesk: {
        catalog: { list(i: unknown): Promise<{ ok: boolean; data: { rows: { skuId: string }[] } }> };
        orders: {
          create(
            i: unknown,
          ): Promise<{ ok: boolean; data: { id: string; orderNo: string; paidFen: number } }>;
        };
      };
    };
    const list = await w.shopdesk.catalog.list({ limit: 1 });
    const first = list.data.rows[0]!;
    const o = await w.shopdesk.orders.create({
      memberName: '爱穿搭的小雨',
      status: 'paid',
      lines: [{ skuId: first.skuId, quantity: 2 }],
    });
    if (!o.ok) throw new Error(JSON.stringify(o));
    return o.data;
  });
}
