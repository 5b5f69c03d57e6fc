// 投诉登记 (§14) on the demo shop, in zh-CN: 客服专员 registers a severe (严重) complaint against a
// buyer's order → 客服主管 signs in and sees the notice at once (badge on the sub-tab) → archiving is
// refused before the confirmation and the callback, with the localized reason → handling steps, the
// result, the supervisor's confirmation, the callback with the customer evaluation (客户评价单) →
// archived → the register form printed to PDF → 店长 was notified too and reads the weekly report →
// the register exported as CSV and read back with its Chinese intact.
import {
  test,
  expect,
  pickOption,
  signIn,
  switchTo,
  exportCsv,
  printToPng,
  apiAs,
  firstSkuId,
} from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const MEMBER = '小鹿乱撞2019';

test('a severe complaint: registered, seen at once by the supervisor, handled, called back, archived, printed, exported', async ({
  page,
  request,
  harness,
  shot,
}, testInfo) => {
  const person = (role: string) => harness.demoPeople.find((p) => p.role === role)!;
  const agent = person('cs_agent');
  const sup = person('cs_supervisor');
  const manager = person('manager');

  // The buyer's order (录入订单 by the agent; the order screens have their own spec).
  const sku = { id: firstSkuId(harness) };
  const api = await apiAs(request, harness, agent);
  const order = await api<{ id: string; orderNo: string }>('orders.create', {
    memberName: MEMBER,
    receiverName: '李小鹿',
    status: 'paid',
    lines: [{ skuId: sku.id, quantity: 1 }],
  });

  // ------------------------------------------------------------------ 客服专员 registers it
  await signIn(page, agent.name, agent.pin);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-complaints').click();
  await expect(page.getByTestId('cmp-table')).toBeVisible();
  await page.getByTestId('cmp-new').click();
  await pickOption(page, page.getByTestId('cmp-order'), order.orderNo, { type: order.orderNo });
  await expect(page.getByTestId('cmp-member')).toHaveValue(MEMBER); // taken from the order
  await expect(page.getByTestId('cmp-product')).not.toHaveValue('');
  await pickOption(page, page.getByTestId('cmp-channel'), zh.complaints.channels.phone);
  await page.locator('.ant-modal').getByText(zh.complaints.categories.logistics, { exact: true }).click();
  await page.getByTestId('cmp-severity').getByText(zh.complaints.severities.severe, { exact: true }).click();
  await page
    .getByTestId('cmp-description')
    .fill('买家来电：付款五天还没收到货，物流一直不更新，要求马上处理，否则投诉到平台');
  await shot('register');
  await page.getByTestId('cmp-save').click();

  const drawer = page.getByTestId('cmp-drawer');
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('cmp-status')).toHaveText(zh.complaints.statuses.open);
  await expect(page.getByTestId('cmp-order-link')).toHaveText(order.orderNo);
  await expect(page.getByTestId('cmp-buyer-link')).toHaveText(MEMBER);
  const title = (await page.locator('.ant-drawer-title').innerText()).trim();
  const complaintNo = /TS-\S+/.exec(title)![0];
  await shot('registered');
  // The agent is not among the notified roles.
  await expect(page.getByTestId('cmp-tab-badge')).toHaveCount(0);
  await page.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // ------------------------------------------------------------------ 客服主管 sees it at once
  await switchTo(page, sup.name, sup.pin);
  // 客服 opens on its first sub-tab (订单); the badge on 投诉登记 is already there.
  await expect(page.getByTestId('cs-subtab-orders')).toBeVisible();
  await expect(page.getByTestId('cmp-tab-badge')).toHaveText('1');
  await shot('supervisor-notified');
  await page.getByTestId('cs-subtab-complaints').click();
  await expect(page.getByTestId('cmp-notice-badge')).toHaveText('1');
  await expect(page.getByTestId('cmp-table')).toContainText(complaintNo);
  await shot('register-list');
  await page.getByTestId('cmp-notices').click();
  const notice = page
    .getByTestId('cmp-notice-list')
    .locator('.ant-list-item')
    .filter({ hasText: complaintNo });
  await expect(notice).toContainText(MEMBER);
  await shot('notices');
  await notice.click();
  await expect(page.getByTestId('cmp-status')).toHaveText(zh.complaints.statuses.open);
  await expect(page.getByTestId('cmp-tab-badge')).toHaveCount(0); // read

  // Archiving before the confirmation and the callback: refused by main, with the reason.
  await page.getByTestId('cmp-archive').click();
  await expect(page.getByText(zh.errors.complaintNotConfirmed)).toBeVisible();

  // Handling: a step, an investigation note, the result.
  await page.getByTestId('cmp-step-text').fill('已电话联系买家致歉，说明马上查物流');
  await page.getByTestId('cmp-step-add').click();
  await expect(page.getByTestId('cmp-timeline')).toContainText('已电话联系买家致歉');
  await expect(page.getByTestId('cmp-step-text')).toHaveValue('');
  await drawer.getByText(zh.complaints.stepKinds.investigation, { exact: true }).click();
  await page.getByTestId('cmp-step-text').fill('查物流：包裹在杭州中转站滞留三天，快递已确认丢件');
  await page.getByTestId('cmp-step-add').click();
  await expect(page.getByTestId('cmp-timeline')).toContainText('快递已确认丢件');
  await page.getByTestId('cmp-result').fill('当天顺丰补发一件，另送 10 元无门槛券，买家同意');
  await page.getByTestId('cmp-resolve').click();
  await expect(page.getByTestId('cmp-status')).toHaveText(zh.complaints.statuses.resolved);

  // The supervisor confirms; archiving still waits for the callback.
  await page.getByTestId('cmp-confirm').click();
  await expect(page.getByTestId('cmp-status')).toHaveText(zh.complaints.statuses.confirmed);
  await page.getByTestId('cmp-archive').click();
  await expect(page.getByText(zh.errors.complaintNoCallback)).toBeVisible();
  await shot('confirmed');

  // 回访 with the 客户评价单.
  await page.getByTestId('cmp-callback').click();
  const evalForm = page.locator('.ant-modal').filter({ hasText: zh.complaints.evaluationForm });
  await expect(evalForm).toBeVisible();
  await page.getByTestId('cmp-rate').locator('.ant-rate-star').nth(3).click(); // 4 of 5
  await page.getByTestId('cmp-comment').fill('补发很快，态度也好，就是第一次物流太慢');
  await shot('evaluation');
  await page.getByTestId('cmp-eval-save').click();
  await expect(evalForm).toBeHidden();
  await expect(drawer).toContainText(zh.complaints.satisfactionN.replace('{{n}}', '4'));

  await page.getByTestId('cmp-archive').click();
  await expect(page.getByTestId('cmp-status')).toHaveText(zh.complaints.statuses.archived);
  await expect(page.getByTestId('cmp-timeline')).toContainText(zh.complaints.stepKinds.archived);
  await shot('archived');

  // ------------------------------------------------------------------ the register form, printed
  await page.getByTestId('cmp-print').click();
  const sheet = page.locator('.paper-preview [data-testid="cmp-sheet"]');
  await expect(sheet).toContainText(MEMBER);
  await expect(sheet).toContainText(order.orderNo);
  await expect(sheet).toContainText('快递已确认丢件');
  await expect(sheet).toContainText('补发很快');
  await shot('print-preview');
  await printToPng(page, testInfo, 'register-form');
  await page.locator('.ant-drawer-close').click();
  await expect(drawer).toBeHidden();

  // ------------------------------------------------------------------ 店长: notified too; the report
  await switchTo(page, manager.name, manager.pin);
  await page.getByTestId('tab-service').click();
  await expect(page.getByTestId('cmp-tab-badge')).toHaveText('1');
  await page.getByTestId('cs-subtab-complaints').click();
  const report = page.getByTestId('cmp-report');
  await expect(report).toContainText(zh.complaints.categories.logistics);
  await expect(report).toContainText(agent.name);
  await shot('manager-report');

  // ------------------------------------------------------------------ the register as CSV
  await page.getByText(zh.complaints.filterAll, { exact: true }).click();
  await expect(page.getByTestId('cmp-table')).toContainText(complaintNo);
  const { file, text } = await exportCsv(page, harness, page.getByTestId('cmp-export'), '投诉登记_');
  expect(file).toMatch(/^投诉登记_\d{8}\.csv$/);
  expect(text.split('\r\n')[0]).toBe(
    '投诉编号,投诉时间,投诉渠道,买家会员名,订单编号,商品,投诉类别,严重程度,投诉内容,处理人,状态,是否超时,处理结果,解决时间,主管确认时间,回访时间,满意度,客户评价',
  );
  const row = text.split('\r\n').find((l) => l.startsWith(complaintNo))!;
  expect(row).toContain(`,电话,${MEMBER},${order.orderNo},`);
  expect(row).toContain(',发货物流,严重,');
  expect(row).toContain(`,${agent.name},已归档,`);
  expect(row).toContain('当天顺丰补发一件，另送 10 元无门槛券，买家同意');
  expect(row).toContain(',4,补发很快，态度也好，就是第一次物流太慢');
  await shot('exported');
});
