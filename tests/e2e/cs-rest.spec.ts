// Customer-service leftovers on the demo shop, in zh-CN: 客服主管 sets the complaint deadlines
// (投诉时限; a resolution deadline shorter than the response one is refused with the reason) →
// an inquiry logged after the fact with its own time → the after-sales case form (售后处理单), the
// day's handover sheet (交接本) and the team's daily sales report (客服日报) printed to A4 PDF and
// converted to PNG to look at.
import { test, expect, pickOption, signIn, printToPng, apiAs, firstSkuId } from './fixtures';
import zh from '../../src-renderer/src/i18n/zh-CN';

test.use({ demo: true });

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

test('deadline settings, a late-logged inquiry, and the case form, handover sheet and daily report on paper', async ({
  page,
  request,
  harness,
  shot,
}, testInfo) => {
  const person = (role: string) => harness.demoPeople.find((p) => p.role === role)!;
  const agent = person('cs_agent');
  const sup = person('cs_supervisor');

  // Starting data through the real router as the agent: a paid order, a return case on it, and
  // today's handover items.
  const sku = { id: firstSkuId(harness) };
  const api = await apiAs(request, harness, agent);
  const order = await api<{ id: string; orderNo: string; lines: { id: string }[] }>('orders.create', {
    memberName: '春天里的小熊猫',
    receiverName: '陈小雨',
    receiverAddress: '浙江省 杭州市 余杭区 五常街道 文一西路 969 号',
    status: 'shipped',
    lines: [{ skuId: sku.id, quantity: 2 }],
  });
  const full = await api<{ buyerId: string; lines: { id: string }[] }>('orders.get', {
    id: order.id,
  });
  const kase = await api<{ caseNo: string }>('aftersales.create', {
    type: 'return_refund',
    orderId: order.id,
    lines: [{ orderLineId: full.lines[0]!.id, quantity: 1 }],
    reason: '尺码偏小，买家申请退货退款',
    note: '买家已拍照，吊牌完好，同意退货',
    refundFen: 8900,
  });
  const open = await api<{ shifts: { templateId: string; name: string }[]; today: string }>(
    'handover.open',
    {},
  );
  await api('handover.write', {
    date: open.today,
    templateId: open.shifts[0]!.templateId,
    items: [
      {
        kind: 'buyer',
        buyerId: full.buyerId,
        text: '春天里的小熊猫 问退货地址，已发，晚班留意退货物流单号',
      },
      { kind: 'stock', skuId: sku.id, text: '纯棉睡衣 M 码只剩 2 件，已告诉仓库补货，晚班别答应现货' },
    ],
  });

  // ------------------------------------------------------------------ 投诉时限 (客服主管)
  await signIn(page, sup.name, sup.pin);
  await page.getByTestId('tab-service').click();
  await page.getByTestId('cs-subtab-complaints').click();
  await page.getByTestId('cmp-deadlines').click();
  const modal = page.locator('.ant-modal').filter({ hasText: zh.complaints.deadlinesTitle });
  await expect(page.getByTestId('cmp-dl-severe-response')).toHaveValue('1');
  await expect(page.getByTestId('cmp-dl-severe-resolve')).toHaveValue('24');
  await page.getByTestId('cmp-dl-major-response').fill('6');
  await page.getByTestId('cmp-dl-major-resolve').fill('4');
  await page.getByTestId('cmp-deadlines-save').click();
  await expect(modal.getByText(zh.errors.validation.resolveBeforeResponse)).toBeVisible();
  await shot('deadlines-refused');
  await page.getByTestId('cmp-dl-major-resolve').fill('36');
  await expect(modal.getByText(zh.errors.validation.resolveBeforeResponse)).toHaveCount(0);
  await shot('deadlines');
  await page.getByTestId('cmp-deadlines-save').click();
  await expect(page.getByText(zh.complaints.deadlinesSaved)).toBeVisible();
  await expect(modal).toBeHidden();
  await page.getByTestId('cmp-deadlines').click();
  await expect(page.getByTestId('cmp-dl-major-response')).toHaveValue('6');
  await expect(page.getByTestId('cmp-dl-major-resolve')).toHaveValue('36');
  await page.keyboard.press('Escape');

  // ------------------------------------------------------------------ an inquiry logged late
  await page.getByTestId('cs-subtab-inquiries').click();
  await page.getByTestId('presales-member').fill('补登的买家小周');
  await pickOption(page, page.getByTestId('presales-question'), zh.presales.questions.size);
  const yesterday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() - 86_400_000),
  );
  const at = page.getByTestId('presales-at');
  await at.click();
  await at.fill(`${yesterday} 21:15`);
  // 确定 in the picker (Enter in this form saves the inquiry at once).
  await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click();
  await expect(at).toHaveValue(`${yesterday} 21:15`);
  await shot('inquiry-late');
  await page.getByTestId('presales-save').click();
  await expect(page.getByTestId('presales-row-补登的买家小周')).toContainText(`${yesterday} 21:15`);

  // ------------------------------------------------------------------ 售后处理单
  await page.getByTestId('cs-subtab-aftersales').click();
  await page.getByTestId(`as-row-${kase.caseNo}`).click();
  await page.getByTestId('as-print').click();
  const asSheet = page.locator('.paper-preview [data-testid="as-sheet"]');
  await expect(asSheet).toContainText(order.orderNo);
  await expect(asSheet).toContainText('春天里的小熊猫');
  await expect(asSheet).toContainText('89.00');
  await shot('case-form-preview');
  await printToPng(page, testInfo, 'case-form');
  await page.locator('.ant-drawer-close').click();

  // ------------------------------------------------------------------ 交接本
  await page.getByTestId('cs-subtab-handover').click();
  await page.getByTestId(`handover-print-${today()}`).click();
  const hoSheet = page.locator('.paper-preview [data-testid="handover-sheet"]');
  await expect(hoSheet).toContainText('纯棉睡衣 M 码只剩 2 件');
  await expect(hoSheet).toContainText(agent.name);
  await shot('handover-preview');
  await printToPng(page, testInfo, 'handover-sheet');

  // ------------------------------------------------------------------ 客服日报 (team view)
  await page.getByTestId('cs-subtab-agentTeam').click();
  await expect(page.getByTestId('agentday-team-report')).toBeVisible();
  await page.getByTestId('agentday-team-print').click();
  const dSheet = page.locator('.paper-preview [data-testid="agentday-sheet"]');
  await expect(dSheet).toContainText(zh.agentDay.print.total);
  await expect(dSheet).toContainText(yesterday); // the late inquiry counts on its own day
  await shot('daily-report-preview');
  await printToPng(page, testInfo, 'daily-report');
});
