// Rota and attendance on the demo shop, in zh-CN: the 仓储主管 builds this week's rota (and copies
// it to next week), the 仓储专员 clocks in and out from the header, the supervisor's monthly
// attendance report shows it, is printed to PDF (and looked at), and exported as CSV with Chinese
// intact. The 客服 tab has the same rota with the rulebook's 早班 and 晚班.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, pickOption, signIn, exportCsv } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('header-signout').click();
  await expect(
    page.getByTestId('signin-pin').or(page.locator('[data-testid^="signin-person-"]').first()),
  ).toBeVisible();
}

const tr = (s: string, params: Record<string, string | number>) =>
  Object.entries(params).reduce((acc, [k, v]) => acc.replaceAll(`{{${k}}}`, String(v)), s);

/** Shop-local (Asia/Shanghai) dates of this week, Monday first. */
function thisWeek(): string[] {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return Array.from({ length: 7 }, (_, i) =>
    new Date(Date.UTC(y, m - 1, d - dow + i)).toISOString().slice(0, 10),
  );
}

/** Pick an option in the antd Select of one rota cell. */
async function assign(page: Page, person: string, date: string, label: string): Promise<void> {
  await pickOption(page, page.getByTestId(`rota-cell-${person}-${date}`), label);
}

test('a supervisor builds the rota, a person clocks in and out, the monthly report shows it, prints and exports', async ({
  page,
  harness,
  shot,
}) => {
  const sup = harness.demoPeople.find((p) => p.role === 'wh_supervisor')!;
  const agent = harness.demoPeople.find((p) => p.role === 'wh_agent')!;
  const week = thisWeek();
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const DAY = '白班 09:00–18:00';

  // ------------------------------------------------------------------ the supervisor plans the week
  await signIn(page, sup.name, sup.pin);
  await page.getByTestId('wh-subtab-rota').click();
  await expect(page.getByTestId('wh-subtab-rota')).toHaveText(zh.rota.title);
  await expect(page.getByTestId('rota-week-label')).toHaveText(
    tr(zh.rota.weekRange, { from: week[0]!, to: week[6]! }),
  );
  for (const date of week.slice(0, 5)) await assign(page, agent.name, date, DAY);
  await assign(page, agent.name, week[5]!, zh.rota.rest);
  await assign(page, agent.name, week[6]!, zh.rota.rest);
  await assign(page, sup.name, week[0]!, DAY);
  await expect(page.getByTestId('rota-unsaved')).toHaveText(tr(zh.rota.unsaved, { count: 8 }));
  await shot('rota-editing');
  await page.getByTestId('rota-save').click();
  await expect(page.getByText(zh.rota.saved)).toBeVisible();
  await expect(page.getByTestId('rota-unsaved')).toHaveCount(0);
  await expect(page.getByTestId(`rota-cell-${agent.name}-${week[0]}`)).toContainText(/白班\s*09:00–18:00/);
  await shot('rota-saved');

  // Next week: copy last week.
  await page.getByTestId('rota-next').click();
  await expect(page.getByTestId(`rota-cell-${agent.name}-${week[0]}`)).toHaveCount(0);
  await page.getByTestId('rota-copy').click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText(zh.rota.copyTitle);
  await page.getByTestId('rota-copy-confirm').click();
  await expect(page.getByText(zh.rota.copied)).toBeVisible();
  const nextMonday = page.locator(`[data-testid^="rota-cell-${agent.name}-"]`).first();
  await expect(nextMonday).toContainText(/白班\s*09:00–18:00/);
  await shot('rota-copied');
  await page.getByTestId('rota-this').click();
  await signOut(page);

  // ------------------------------------------------------------------ the agent clocks in and out
  await signIn(page, agent.name, agent.pin);
  const todayCell = week.indexOf(today) < 5 ? zh.attendance.clock.shift : zh.attendance.clock.rest;
  const expectedStatus =
    todayCell === zh.attendance.clock.rest
      ? zh.attendance.clock.rest
      : tr(zh.attendance.clock.shift, { name: '白班', start: '09:00', end: '18:00' });
  await expect(page.getByTestId('clock-status')).toContainText(expectedStatus);
  // The agent sees the team's rota read-only.
  await page.getByTestId('wh-subtab-rota').click();
  await expect(page.getByText(zh.rota.readOnly)).toBeVisible();
  await expect(page.getByTestId(`rota-cell-${agent.name}-${week[0]}`)).toContainText('白班 09:00–18:00');
  await expect(page.getByTestId('staffing-view-report')).toHaveCount(0);
  await page.getByTestId('clock-in').click();
  await expect(page.getByTestId('clock-status')).toContainText('已上班');
  await expect(page.getByTestId('clock-out')).toBeVisible();
  await shot('clocked-in');
  await page.getByTestId('clock-out').click();
  await expect(page.getByTestId('clock-in')).toBeVisible();
  await expect(page.getByTestId('clock-status')).toContainText(expectedStatus);
  await signOut(page);

  // ------------------------------------------------------------------ the monthly report
  await signIn(page, sup.name, sup.pin);
  await page.getByTestId('wh-subtab-rota').click();
  await page.getByTestId('staffing-view-report').click();
  const row = page.getByTestId(`att-row-${agent.name}`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(zh.roles.wh_agent);
  // Days worked: 1 (today).
  await expect(row.locator('td').nth(5)).toHaveText('1');
  await row.locator('.ant-table-row-expand-icon').click();
  await expect(page.getByTestId(`att-day-${today}`)).toBeVisible();
  await shot('attendance-report');

  // The punches: the supervisor sees both, with the PC's device code.
  await page.getByTestId(`att-punches-${agent.name}`).click();
  await expect(page.getByTestId('att-punch-table').locator('tbody tr.ant-table-row')).toHaveCount(2);
  await shot('attendance-punches');
  await page.keyboard.press('Escape');

  // Print: the A4 sheet to PDF, and a print-media screenshot to look at.
  await page.getByTestId('att-print').click();
  await expect(page.locator('.ant-modal .paper h1')).toContainText('考勤月报');
  await shot('attendance-print-preview');
  await page.emulateMedia({ media: 'print' });
  const pdfPath = test.info().outputPath('attendance.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  expect(fs.statSync(pdfPath).size).toBeGreaterThan(5_000);
  await expect(page.getByTestId('print-root')).toBeVisible();
  await expect(page.getByTestId('print-root')).toContainText(agent.name);
  await page.screenshot({ path: test.info().outputPath('attendance-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.locator('.ant-modal-footer').getByRole('button', { name: zh.common.close }).click();

  // CSV export: UTF-8 with BOM, read back.
  const { file, text } = await exportCsv(page, harness, page.getByTestId('att-export'), '考勤月报_');
  expect(file).toMatch(/^考勤月报_仓储_\d{4}-\d{2}_\d{8}\.csv$/);
  expect(text.split('\r\n')[0]).toContain('姓名,岗位,排班次数');
  expect(text).toContain(`${agent.name},仓储专员,`);
  await shot('attendance-exported');
  await signOut(page);

  // ------------------------------------------------------------------ the CS team uses the same rota
  const cs = harness.demoPeople.find((p) => p.role === 'cs_supervisor')!;
  await signIn(page, cs.name, cs.pin);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-rota').click();
  const csAgent = harness.demoPeople.find((p) => p.role === 'cs_agent')!;
  await assign(page, csAgent.name, week[0]!, '晚班 16:00–24:00');
  await assign(page, cs.name, week[0]!, '早班 08:00–17:00');
  await page.getByTestId('rota-save').click();
  await expect(page.getByText(zh.rota.saved)).toBeVisible();
  await expect(page.getByTestId(`rota-cell-${csAgent.name}-${week[0]}`)).toContainText(/晚班\s*16:00–24:00/);
  await shot('cs-rota');
});

test('the store manager scores the warehouse team in the monthly assessment', async ({
  page,
  harness,
  shot,
}) => {
  const manager = harness.demoPeople.find((p) => p.role === 'manager')!;
  const agent = harness.demoPeople.find((p) => p.role === 'wh_agent')!;
  await signIn(page, manager.name, manager.pin);
  await page.getByTestId('wh-subtab-assessment').click();
  await expect(page.getByTestId(`asm-${agent.name}-linesPicked`)).toBeVisible();
  await page.getByRole('spinbutton', { name: `${agent.name} ${zh.assessment.score}` }).fill('92');
  await page.getByTestId(`asm-comment-${agent.name}`).fill('拣货又快又准');
  await page.getByTestId(`asm-save-${agent.name}`).click();
  await expect(page.getByText(tr(zh.assessment.saved, { name: agent.name }))).toBeVisible();
  await expect(page.getByTestId(`asm-save-${agent.name}`)).toBeDisabled();
  await shot('assessment');
  const { text } = await exportCsv(page, harness, page.getByTestId('asm-export'), '月度考核_', { gbk: true });
  expect(text.split('\r\n')[0]).toContain('过账单据数,拣货行数');
  expect(text).toContain('92,拣货又快又准');
  // The manager also edits the shifts.
  await page.getByTestId('wh-subtab-rota').click();
  await page.getByTestId('staffing-view-settings').click();
  await expect(page.getByTestId('shift-edit-白班')).toBeVisible();
  await shot('shift-settings');
});
