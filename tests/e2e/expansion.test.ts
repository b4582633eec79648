import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiToken, chooseOption, daysAgo, screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

// Issue 14: a company already here gets its expansion from the 撞单 alert, and a project's approval items are tracked.
type TestUser = Awaited<ReturnType<Stack['user']>>;
let stack: Stack;
let owner: TestUser;
let colleague: TestUser;
let manager: TestUser;
let zone: Awaited<ReturnType<typeof makeZone>>['zone'];
let industry: Awaited<ReturnType<typeof makeIndustry>>['industry'];
const companyName = `${unique('扩产')}新材料有限公司`;
let projectId = '';

beforeAll(async () => {
  stack = await startStack();
  owner = await stack.user(['staff'], '吴扩产');
  colleague = await stack.user(['staff'], '郑同事');
  manager = await stack.user(['manager'], '冯经理');
  ({ zone } = await makeZone(stack.db));
  ({ industry } = await makeIndustry(stack.db, { name: unique('新材料') }));
  const token = await apiToken(stack, owner);
  const lead = await apiCall<{ id: string }>(stack, token, 'POST', '/leads', {
    companyName,
    channel: 'direct',
    zoneId: zone.id,
    industryId: industry.id,
    estimatedInvestmentFen: 1_000_000,
  });
  const project = await apiCall<{ id: string }>(stack, token, 'POST', `/leads/${lead.id}/sign`, {
    signedOn: daysAgo(40),
    contractInvestmentFen: 100_000_000_00,
    zoneId: zone.id,
    industryId: industry.id,
  });
  projectId = project.id;
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

describe('expansions and approval items in the browser', () => {
  it('the 撞单 alert for a signed company leads to 登记增资扩产, and the new project shows only the increase', async () => {
    const page = await signInPage(stack, owner);
    await page.goto(`${stack.baseUrl}/leads`);
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-companyName').fill(companyName);
    await chooseOption(page, 'lead-channel', '网络招商');
    await chooseOption(page, 'lead-zone', zone.name);
    await chooseOption(page, 'lead-industry', industry.name);
    await page.getByTestId('lead-investment').fill('3000');
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-duplicate-alert').waitFor();
    expect(await page.getByTestId('lead-duplicate-alert').textContent()).not.toContain('公海');
    await shot(page, 'expansion-duplicate-alert');
    await page.getByTestId('lead-duplicate-expand').click();
    await page.waitForURL(new RegExp(`/projects/${projectId}\\?expand=1$`));
    await page.getByTestId('expansion-increase').fill('3000');
    await shot(page, 'expansion-form');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.waitForURL((url) => /\/projects\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(projectId));
    await page.getByTestId('project-family').waitFor();
    await expect.poll(async () => page.getByTestId('project-family').textContent()).toContain('增资扩产');
    expect(await page.getByTestId('project-name').textContent()).toContain('增资扩产');
    await shot(page, 'expansion-project');
    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    await page.getByTestId('project-expansions').waitFor();
    expect(await page.getByTestId('project-expansions').textContent()).toContain('新增 ¥30,000,000.00');
    await shot(page, 'expansion-parent');
    await page.context().close();
  });

  it('tracks an approval item from submission through 容缺 acceptance, with its clock', async () => {
    const page = await signInPage(stack, owner);
    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    await page.getByTestId('approvals-card').waitFor();
    await page.getByTestId('approval-add').click();
    await chooseOption(page, 'approval-kind', '施工许可');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByTestId('approval-accept').waitFor();
    await page.getByTestId('approval-accept').click();
    await page.getByRole('dialog').getByText('容缺受理').click();
    await page.getByTestId('approval-missing').fill('消防设计审查意见');
    await page.getByTestId('approval-missing-due').click();
    await page.keyboard.type(daysAgo(-10));
    await page.keyboard.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByTestId('approval-documents').waitFor();
    const row = await page.getByTestId('approval-items').textContent();
    expect(row).toContain('容缺受理');
    expect(row).toContain('消防设计审查意见');
    expect(row).toMatch(/已用 0 个工作日（目标 4，法定 7）/);
    await shot(page, 'approval-items');
    await page.context().close();

    // A colleague without a stake cannot open the project, so cannot touch its items (the server refuses).
    const other = await signInPage(stack, colleague);
    await other.goto(`${stack.baseUrl}/projects/${projectId}`);
    await other.locator('.ant-alert-error, .ant-result').first().waitFor();
    expect(await other.getByTestId('approval-accept').count()).toBe(0);
    await other.context().close();

    // The manager's reports screen lists the approval times and the overdue items.
    const boss = await signInPage(stack, manager);
    await boss.goto(`${stack.baseUrl}/reports`);
    await boss.getByTestId('approval-times-card').waitFor();
    await boss.getByTestId('approval-overdue-list').waitFor();
    await shot(boss, 'approval-times');
    await boss.context().close();
  });
});
