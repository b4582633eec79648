import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zoneIndustries } from '@crm/db';
import { makeAgent, makeAgreement, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  apiToken,
  chooseOption,
  daysAgo,
  screenshotOnFailure,
  shot as screenshot,
  signInPage,
  type Stack,
  startStack,
  today,
  motionDone,
} from './browser.ts';

type TestUser = Awaited<ReturnType<Stack['user']>>;

let stack: Stack;
let admin: TestUser;
let staff: TestUser;
let manager: TestUser;
/** Finance who also manages: the maker, and so the one manager who may not approve this calculation. */
let accountant: TestUser;
let agentName = '';
let policyId = '';
const policyName = `引进项目奖励办法-${unique('').slice(0, 6)}`;
const projectName = `${unique('铁岭')}新能源装备有限公司`;
const bareProjectName = `${unique('铁岭')}精密铸造有限公司`;
let calculationId = '';
let projectId = '';
let bareProjectId = '';

type ProjectDetail = { id: string; figures: { id: string; verified: boolean; amountFen: number }[] };

/** A staff member's lead, introduced by the agent, signed into a project that reached 注册 and 开工. */
async function signedProject(tokens: { staff: string }, refs: { zoneId: string; industryId: string; agentId: string }, companyName: string) {
  const lead = await apiCall<{ id: string }>(stack, tokens.staff, 'POST', '/leads', {
    companyName,
    channel: 'agency',
    agentId: refs.agentId,
    zoneId: refs.zoneId,
    industryId: refs.industryId,
    estimatedInvestmentFen: 20_000_000_000,
  });
  const project = await apiCall<ProjectDetail>(stack, tokens.staff, 'POST', `/leads/${lead.id}/sign`, {
    signedOn: daysAgo(100),
    contractInvestmentFen: 20_000_000_000,
    plannedFixedAssetInvestmentFen: 12_000_000_000,
    landMu: 100,
    zoneId: refs.zoneId,
    industryId: refs.industryId,
    agentId: refs.agentId,
  });
  await apiCall(stack, tokens.staff, 'POST', `/projects/${project.id}/milestones`, { milestone: 'registered', date: daysAgo(90) });
  await apiCall(stack, tokens.staff, 'POST', `/projects/${project.id}/milestones`, { milestone: 'construction_started', date: daysAgo(80) });
  return project;
}

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.user(['admin'], '吴管理员');
  staff = await stack.user(['staff'], '赵招商');
  manager = await stack.user(['manager'], '周经理');
  accountant = await stack.user(['finance', 'manager'], '钱会计');

  // Reference data: a zone whose leading industry is the project's (the ×1.2 multiplier), and the agent.
  const { zone } = await makeZone(stack.db);
  const { industry } = await makeIndustry(stack.db, { name: unique('新能源装备') });
  await stack.db.insert(zoneIndustries).values({ zoneId: zone.id, industryId: industry.id, kind: 'leading' });
  const agent = await makeAgent(stack.db, staff.id, { name: unique('汇智招商咨询') });
  // Agent money needs an agreement (委托招商协议) in force on the milestone's date.
  await makeAgreement(stack.db, agent.id, { title: '委托招商协议 2020-001' });
  agentName = agent.name;
  const refs = { zoneId: zone.id, industryId: industry.id, agentId: agent.id };

  const tokens = { admin: await apiToken(stack, admin), staff: await apiToken(stack, staff), manager: await apiToken(stack, manager) };
  // domain.md's worked example, entered by the administrator.
  const policy = await apiCall<{ id: string }>(stack, tokens.admin, 'POST', '/policies', {
    name: policyName,
    kind: 'agent_reward',
    description: '按实际固定资产投资超额累进计算，主导产业上浮 20%，开工拨付 40%、投产拨付 60%。',
    // Paid as soon as approved here; the 公示 window has its own browser test (notice.test.ts).
    noticeThresholdFen: null,
    version: workedExampleVersionJson,
    note: '首版',
  });
  policyId = policy.id;

  const project = await signedProject(tokens, refs, projectName);
  projectId = project.id;

  // ¥60,000,000.00 of fixed-asset investment, reported by staff and verified by a manager (four eyes).
  const reported = await apiCall<ProjectDetail>(stack, tokens.staff, 'POST', `/projects/${project.id}/figures`, {
    kind: 'actual_fixed_asset_investment',
    amountFen: 6_000_000_000,
    asOf: daysAgo(1),
    source: '统计局月报',
  });
  const figure = reported.figures.find((f) => !f.verified && f.amountFen === 6_000_000_000);
  if (!figure) throw new Error('the reported figure is missing');
  await apiCall(stack, tokens.manager, 'POST', `/projects/${project.id}/figures/${figure.id}/verify`);

  // A second project that has started building but has no verified figure yet: the reward cannot be computed.
  bareProjectId = (await signedProject(tokens, refs, bareProjectName)).id;
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

/** Pages are taken whole from the top; an open drawer or modal as the viewport (see browser.ts's shot). */
async function shot(page: Page, name: string, options: { overlay?: boolean } = {}) {
  if (!options.overlay) await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name, options);
}

/** Picks an option of an Ant Design Select by its visible label. */
async function choose(page: Page, testId: string, label: string, search?: string) {
  await chooseOption(page, testId, label, search);
}

/** Types a date into an antd DatePicker and confirms it. */
async function typeDate(page: Page, testId: string, date: string) {
  const root = page.getByTestId(testId).first();
  const input = (await root.evaluate((el) => el instanceof HTMLInputElement)) ? root : root.locator('input').first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** The first day of last month in the zone's calendar. */
const lastMonthStart = () => `${daysAgo(Number(today().slice(8, 10))).slice(0, 7)}-01`;

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();

async function openCompute(page: Page, project: string) {
  await page.goto(`${stack.baseUrl}/finance/calculations`);
  await page.getByTestId('calc-new').click();
  await page.getByTestId('compute-form').waitFor();
  // The picker searches the projects as one types.
  await choose(page, 'compute-project', project, project.slice(0, 8));
  await choose(page, 'compute-policy', policyName);
}

// One journey, in order: the policy, a refused and a computed calculation, its approval, payment, forecast and ledger;
// later tests build on the calculation (calculationId) and the payments the earlier ones made.
describe('reward calculations in the browser', () => {
  it('an administrator sees the worked-example policy with its tiers, mode, multiplier, cap and installments', async () => {
    const page = await signInPage(stack, admin);
    await page.goto(`${stack.baseUrl}/finance/policies`);
    await expect.poll(() => text(page, 'policies-table')).toContain(policyName);
    await shot(page, 'finance-policies');

    await page.getByTestId(`policy-link-${policyId}`).click();
    await page.getByTestId('version-1').waitFor();
    const version = await text(page, 'version-1');
    for (const expected of [
      '1.00%',
      '0.50%',
      '0.20%',
      '超额累进',
      '主导产业 ×1.2',
      '¥1,500,000.00',
      '¥10,000,000.00',
      '开工 40%',
      '投产 60%',
      '5,000万元',
      '2亿元',
    ]) {
      expect(version).toContain(expected);
    }
    expect(await page.getByTestId('version-current').count()).toBe(1);
    expect(await page.getByTestId('version-in-use').count()).toBe(0);
    await shot(page, 'finance-policy');

    await page.goto(`${stack.baseUrl}/finance/policies`);
    await page.getByTestId('policy-new').click();
    await page.getByTestId('policy-form').waitFor();
    await page.getByTestId('policy-name').fill('个人考核激励办法（草稿）');
    await page.getByTestId('version-tier-rate-0').fill('1.5');
    await shot(page, 'finance-policy-create', { overlay: true });
    // The server refuses a name already taken; its reason (NAME_TAKEN) reads in Chinese and names the name.
    await page.getByTestId('policy-name').fill(policyName);
    await page.getByTestId('policy-submit').click();
    await expect.poll(() => text(page, 'form-error')).toContain(`名称“${policyName}”已被其他政策使用`);
    await page.context().close();
  });

  it('finance cannot compute without a verified figure: the server’s reason shows in the form', async () => {
    const page = await signInPage(stack, accountant);
    // Finance lands on the calculations; this one also manages, so the menu has the approval queue.
    await page.getByTestId('nav-menu').getByText('审批队列').waitFor();
    await openCompute(page, bareProjectName);
    await expect.poll(() => page.getByTestId('compute-milestone').textContent()).toContain('开工');
    await page.getByTestId('compute-submit').click();
    await expect.poll(() => text(page, 'form-error')).toContain('尚无已核实');
    await shot(page, 'finance-compute-412', { overlay: true });
    await page.context().close();
  });

  it('finance computes the reward at 开工: ¥264,000.00 due, with the trace', async () => {
    const page = await signInPage(stack, accountant);
    await openCompute(page, projectName);
    // The latest reached milestone the policy pays at is suggested.
    await expect.poll(() => page.getByTestId('compute-milestone').textContent()).toContain('开工');
    await shot(page, 'finance-compute-form', { overlay: true });
    await page.getByTestId('compute-submit').click();
    await page.waitForURL(/\/finance\/calculations\/[0-9a-f-]{36}$/);
    calculationId = page.url().split('/').pop() ?? '';

    await expect.poll(() => text(page, 'calc-due')).toContain('¥264,000.00');
    expect(await text(page, 'calc-total')).toContain('¥660,000.00');
    expect(await page.getByTestId('calc-status').getAttribute('data-status')).toBe('draft');
    // The trace reads in Chinese (issue 10): structured steps in the reader's language, money as ¥, zone dates.
    const trace = await text(page, 'calc-trace');
    expect(trace).toMatch(/第 1 版（\d{4}-\d{2}-\d{2} 起施行）；开工 \d{4}-\d{2}-\d{2} 达成/);
    expect(trace).toMatch(/核实的实际固定资产投资 ¥60,000,000\.00（截至 \d{4}-\d{2}-\d{2}）/);
    expect(trace).toContain('第 1 档：¥50,000,000.00 × 1.00% = ¥500,000.00');
    expect(trace).toContain('第 2 档：¥10,000,000.00 × 0.50% = ¥50,000.00');
    expect(trace).toContain('×1.2（主导产业）');
    expect(trace).toContain('未达封顶 ¥1,500,000.00');
    expect(trace).toContain('= ¥264,000.00');
    expect(trace).not.toMatch(/slice|reached|verified|cap /);
    expect(await page.getByTestId('calc-trace').locator('li').count()).toBeGreaterThan(8);
    expect(await text(page, 'calc-lines')).toContain(agentName);
    expect(await text(page, 'calc-subject')).toBe(projectName);
    await shot(page, 'finance-calculation-draft');

    // The frozen inputs open on demand.
    await page.getByTestId('calc-inputs').getByText('冻结的输入数据').click();
    await expect.poll(() => text(page, 'calc-inputs-json')).toContain('"amountFen": 6000000000');
    await shot(page, 'finance-calculation-inputs');

    await page.getByTestId('calc-submit').click();
    await motionDone(page);
    await page.getByTestId('calc-submit-confirm').click();
    await expect.poll(() => page.getByTestId('calc-status').getAttribute('data-status')).toBe('submitted');
    await page.context().close();
  });

  it('the maker, though a manager, may not approve it: the server’s 403 says why', async () => {
    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/finance/calculations/${calculationId}`);
    await page.getByTestId(`calc-approve-${calculationId}`).click();
    await motionDone(page);
    await page.getByTestId('approve-confirm').click();
    await expect.poll(() => text(page, 'calc-action-error')).toContain('另一位管理人员审批');
    expect(await page.getByTestId('calc-status').getAttribute('data-status')).toBe('submitted');
    await shot(page, 'finance-calculation-maker-403');
    await page.context().close();
  });

  it('another manager approves it from the approval queue', async () => {
    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/finance/approvals`);
    const queue = page.getByTestId('approvals-table');
    await expect.poll(() => queue.textContent()).toContain(projectName);
    const row = queue.locator('tr', { hasText: projectName });
    expect(await row.textContent()).toContain('¥264,000.00');
    expect(await row.textContent()).toContain('钱会计');
    await shot(page, 'finance-approvals');

    await page.getByTestId(`calc-approve-${calculationId}`).click();
    await page.getByTestId('approve-note').fill('基数已核实，同意。');
    await motionDone(page);
    await page.getByTestId('approve-confirm').click();
    await page.getByTestId('approvals-empty').waitFor();

    await page.goto(`${stack.baseUrl}/finance/calculations/${calculationId}`);
    await expect.poll(() => page.getByTestId('calc-status').getAttribute('data-status')).toBe('approved');
    expect(await text(page, 'calc-people')).toContain('周经理');
    expect(await text(page, 'calc-people')).toContain('基数已核实，同意。');
    await shot(page, 'finance-calculation-approved');
    await page.context().close();
  });

  it('finance records the payment and exports it; the .xlsx holds the ¥264,000.00 row', async () => {
    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/finance/calculations/${calculationId}`);
    await page.getByTestId('calc-pay').click();
    await page.getByTestId('pay-form').waitFor();
    await page.getByTestId('pay-reference').fill('BANK-2026-0001');
    await shot(page, 'finance-pay-form', { overlay: true });
    await motionDone(page);
    await page.getByTestId('pay-confirm').click();
    await expect.poll(() => page.getByTestId('calc-status').getAttribute('data-status')).toBe('paid');
    await expect.poll(() => text(page, 'line-payment')).toContain('BANK-2026-0001');
    expect(await text(page, 'calc-steps')).toContain('BANK-2026-0001');
    await shot(page, 'finance-calculation-paid');

    await page.goto(`${stack.baseUrl}/finance/payments`);
    await expect.poll(() => text(page, 'payments-table')).toContain('BANK-2026-0001');
    expect(await text(page, 'payments-table')).toContain('¥264,000.00');
    await shot(page, 'finance-payments');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('payments-export').click()]);
    // Named and dated by the zone's calendar, in Chinese, as finance files it.
    expect(download.suggestedFilename()).toBe(`奖励支付_${today()}.xlsx`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-export-')), download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0];
    const rows: { id: unknown; payee: unknown; yuan: unknown; format: unknown; status: unknown; reference: unknown }[] = [];
    sheet?.eachRow((row) => {
      rows.push({
        id: row.getCell(1).value,
        payee: row.getCell(7).value,
        yuan: row.getCell(9).value,
        format: row.getCell(9).numFmt,
        status: row.getCell(10).value,
        reference: row.getCell(15).value,
      });
    });
    // Money as a number of yuan in the ¥ format (issue 10), so finance can sum it.
    expect(rows.find((r) => r.id === calculationId)).toEqual({
      id: calculationId,
      payee: agentName,
      yuan: 264_000,
      format: '¥#,##0.00',
      status: '已支付',
      reference: 'BANK-2026-0001',
    });
    await page.context().close();
  });

  it('the forecast shows what the project still stands to earn: ¥660,000.00 less ¥264,000.00 paid', async () => {
    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/finance/forecast?policyId=${policyId}`);
    const table = page.getByTestId('forecast-table');
    await expect.poll(() => table.textContent()).toContain(projectName);
    const row = ((await table.locator('tr', { hasText: projectName }).textContent()) ?? '').trim();
    for (const expected of ['¥660,000.00', '¥264,000.00', '¥396,000.00']) expect(row).toContain(expected);
    expect(await text(page, 'forecast-signed')).toMatch(/万元|亿元|¥/);
    await shot(page, 'finance-forecast');
    await page.context().close();
  });

  it('finance enters a service-fee contract and computes last month’s fee (this month has not ended)', async () => {
    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/finance/service-fees`);
    await page.getByTestId('contracts-empty').waitFor();
    await page.getByTestId('contract-new').click();
    await page.getByTestId('contract-form').waitFor();
    await choose(page, 'contract-agent', agentName);
    await page.getByTestId('contract-title').fill('2026年度委托招商服务');
    await page.getByTestId('contract-fee').fill('30,000');
    // From the first of last month: a fee is computed only for a period that has ended.
    await typeDate(page, 'contract-startsOn', lastMonthStart());
    await shot(page, 'finance-service-fee-form', { overlay: true });
    await page.getByTestId('contract-submit').click();
    await expect.poll(() => text(page, 'service-fee-contracts-table')).toContain('2026年度委托招商服务');
    expect(await text(page, 'service-fee-contracts-table')).toContain('¥30,000.00');
    await shot(page, 'finance-service-fees');

    await page.locator('[data-testid^="contract-compute-"]').first().click();
    await page.getByTestId('fee-period').waitFor();
    await shot(page, 'finance-service-fee-compute', { overlay: true });
    await page.getByTestId('fee-compute-submit').click();
    await page.waitForURL(/\/finance\/calculations\/[0-9a-f-]{36}$/);
    // Last month is offered (this month has not ended): a whole month's fee.
    await expect.poll(() => text(page, 'calc-due')).toContain('¥30,000.00');
    expect(await text(page, 'calc-lines')).toContain(agentName);
    await shot(page, 'finance-service-fee-calculation');

    await page.goto(`${stack.baseUrl}/finance/calculations`);
    await expect.poll(() => text(page, 'calculations-table')).toContain('2026年度委托招商服务');
    expect(await text(page, 'calculations-table')).toContain(projectName);
    await shot(page, 'finance-calculations');
    await page.context().close();
  });

  it('an administrator adds a version prefilled from v1; the used v1 is locked and a wrong share sum is refused', async () => {
    const page = await signInPage(stack, admin);
    await page.goto(`${stack.baseUrl}/finance/policies/${policyId}`);
    await page.getByTestId('version-in-use').waitFor();
    await page.getByTestId('version-new').click();
    await page.getByTestId('version-form').waitFor();
    // Prefilled exactly from v1: 万元 and % converted back from fen and basis points.
    const value = (testId: string) => page.getByTestId(testId).inputValue();
    expect(await value('version-tier-upTo-0')).toBe('5000');
    expect(await value('version-tier-rate-0')).toBe('1');
    expect(await value('version-tier-upTo-1')).toBe('20000');
    expect(await value('version-tier-rate-1')).toBe('0.5');
    expect(await value('version-tier-upTo-2')).toBe('');
    expect(await value('version-tier-rate-2')).toBe('0.2');
    expect(await value('version-threshold')).toBe('1000');
    expect(await value('version-cap')).toBe('150');
    expect(await value('version-multiplier-factor-0')).toBe('1.2');
    expect(await value('version-installment-share-0')).toBe('40');
    expect(await value('version-installment-share-1')).toBe('60');

    await page.getByTestId('version-installment-share-1').fill('50');
    await expect.poll(() => page.getByTestId('version-share-sum').getAttribute('data-sum-bp')).toBe('9000');
    await page.getByTestId('version-submit').click();
    // The shared rule's message sits under the installments, before anything is sent.
    await expect.poll(() => text(page, 'version-installments-errors')).toContain('9000 bp');
    await page.getByTestId('version-installments-errors').scrollIntoViewIfNeeded();
    await shot(page, 'finance-version-form-error', { overlay: true });

    await page.getByTestId('version-installment-share-1').fill('60');
    await expect.poll(() => text(page, 'version-installments-errors')).toBe('');

    // A field problem the server names (version.tiers.1.upToFen) lands under the field people typed (万元).
    await page.route('**/api/policies/*/versions', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'VALIDATION',
            message: 'version.tiers.1.upToFen: tiers must be ascending',
            details: { fields: [{ field: 'version.tiers.1.upToFen', message: 'tiers must be ascending: tier 2 is not above tier 1' }] },
            requestId: 'e2e-1',
          },
        }),
      }),
    );
    await page.getByTestId('version-submit').click();
    const upTo = page.locator('.ant-form-item', { has: page.getByTestId('version-tier-upTo-1') }).locator('.ant-form-item-explain-error');
    await expect.poll(() => upTo.textContent()).toContain('tiers must be ascending');
    await page.unroute('**/api/policies/*/versions');
    await page.getByTestId('version-tier-rate-2').fill('0.15');
    await page.getByTestId('version-note').fill('第三档费率调整为 0.15%');
    await page.getByTestId('version-submit').click();
    await page.getByTestId('version-2').waitFor();
    expect(await text(page, 'version-2')).toContain('0.15%');
    expect(await page.getByTestId('version-2').getByTestId('version-current').count()).toBe(1);
    expect(await page.getByTestId('version-1').getByTestId('version-in-use').count()).toBe(1);
    expect(await text(page, 'version-1')).toContain('已使用，不可修改');
    await shot(page, 'finance-policy-versions');

    // The English catalogue: the same page after switching language.
    await page.evaluate(() => localStorage.setItem('crm.language', 'en'));
    await page.reload();
    await page.getByTestId('version-2').waitFor();
    expect(await text(page, 'version-1')).toContain('In use, locked');
    await shot(page, 'finance-policy-en');
    await page.goto(`${stack.baseUrl}/finance/calculations/${calculationId}`);
    await expect.poll(() => text(page, 'calc-due')).toContain('¥264,000.00');
    await shot(page, 'finance-calculation-en');
    await page.context().close();
  });
  it('the project page shows its reward ledger: what was paid to whom, earned so far, still to pay', async () => {
    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    const ledger = page.getByTestId('project-ledger');
    await expect.poll(() => ledger.textContent()).toContain(policyName);
    const row = ((await page.getByTestId('project-ledger-table').locator('tr', { hasText: policyName }).first().textContent()) ?? '').trim();
    // 40% of ¥660,000.00 earned at 开工 and paid; ¥396,000.00 still to pay at 投产; nothing to recover.
    for (const expected of ['¥264,000.00', '¥396,000.00']) expect(row).toContain(expected);
    expect(await text(page, `ledger-payments-${policyId}`)).toContain(`支付给 ${agentName} ¥264,000.00（开工）`);
    expect(await page.getByTestId('ledger-recovery-flag').count()).toBe(0);
    await page.getByTestId('project-ledger').scrollIntoViewIfNeeded();
    await shot(page, 'project-reward-ledger');
    await page.context().close();
  });

  it('paying an approved calculation after a newer figure is verified is refused, naming what changed; recomputing supersedes it', async () => {
    const tokens = {
      staff: await apiToken(stack, staff),
      manager: await apiToken(stack, manager),
      accountant: await apiToken(stack, accountant),
      checker: await apiToken(stack, admin),
    };
    const report = async (amountFen: number) => {
      const reported = await apiCall<ProjectDetail>(stack, tokens.staff, 'POST', `/projects/${bareProjectId}/figures`, {
        kind: 'actual_fixed_asset_investment',
        amountFen,
        asOf: daysAgo(1),
      });
      const figure = reported.figures.find((f) => !f.verified && f.amountFen === amountFen);
      await apiCall(stack, tokens.manager, 'POST', `/projects/${bareProjectId}/figures/${figure?.id}/verify`);
    };
    await report(6_000_000_000);
    const computed = await apiCall<{ id: string; version: number }>(stack, tokens.accountant, 'POST', '/reward-calculations', {
      projectId: bareProjectId,
      policyId,
      milestone: 'construction_started',
    });
    const submitted = await apiCall<{ version: number }>(stack, tokens.accountant, 'POST', `/reward-calculations/${computed.id}/submit`, {
      version: computed.version,
    });
    await apiCall(stack, tokens.manager, 'POST', `/reward-calculations/${computed.id}/approve`, { version: submitted.version });
    await report(7_000_000_000); // verified after the approval: the basis moved

    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/finance/calculations/${computed.id}`);
    await page.getByTestId('calc-pay').click();
    await page.getByTestId('pay-form').waitFor();
    await page.getByTestId('pay-reference').fill('BANK-STALE-1');
    await motionDone(page);
    await page.getByTestId('pay-confirm').click();
    await expect.poll(() => text(page, 'calc-action-error')).toContain('核算之后金额已发生变化');
    expect(await text(page, 'calc-action-error')).toContain('金额已变化，须重新核算后再支付');
    expect(await text(page, 'calc-action-error')).toContain('有新核实的数据：计奖基数现为 ¥70,000,000.00（核算时为 ¥60,000,000.00）');
    expect(await page.getByTestId('calc-status').getAttribute('data-status')).toBe('approved');
    await shot(page, 'finance-pay-stale-409');

    await page.getByTestId('calc-recompute').click();
    await page
      .getByRole('button', { name: /确\s*定|确\s*认/ })
      .last()
      .click();
    await page.waitForURL((url) => !url.pathname.endsWith(computed.id) && /\/finance\/calculations\/[0-9a-f-]{36}$/.test(url.pathname));
    // 500,000 + 100,000 = 600,000 × 1.2 = ¥720,000.00; 40% = ¥288,000.00.
    await expect.poll(() => text(page, 'calc-due')).toContain('¥288,000.00');
    await page.context().close();
  });

  it('a change of agent: at 投产 the new agent is due what remains, and the trace says what was already paid to whom', async () => {
    const tokens = { staff: await apiToken(stack, staff), manager: await apiToken(stack, manager) };
    const next = await makeAgent(stack.db, staff.id, { name: unique('瑞通招商') });
    await makeAgreement(stack.db, next.id);
    await apiCall(stack, tokens.manager, 'PUT', `/projects/${projectId}/credits`, {
      credits: [{ staffId: staff.id, role: 'owner', shareBp: 10000 }],
      agentId: next.id,
    });
    await apiCall(stack, tokens.staff, 'POST', `/projects/${projectId}/milestones`, { milestone: 'in_production', date: today() });

    const page = await signInPage(stack, accountant);
    await openCompute(page, projectName);
    await expect.poll(() => page.getByTestId('compute-milestone').textContent()).toContain('投产');
    await page.getByTestId('compute-submit').click();
    await page.waitForURL(/\/finance\/calculations\/[0-9a-f-]{36}$/);
    await expect.poll(() => text(page, 'calc-due')).toContain('¥396,000.00');
    expect(await text(page, 'calc-trace')).toContain(`已支付给 ${agentName} ¥264,000.00`);
    expect(await text(page, 'calc-already-paid-hint')).toContain(`已支付给 ${agentName} ¥264,000.00`);
    expect(await text(page, 'calc-lines')).toContain(next.name);
    await shot(page, 'finance-calculation-agent-change');
    await page.context().close();
  });
  it('a downward correction after payment is flagged for recovery on the project’s ledger and in the forecast', async () => {
    const tokens = { staff: await apiToken(stack, staff), manager: await apiToken(stack, manager) };
    // ¥20,000,000.00 invested after all: 200,000 × 1.2 = ¥240,000.00 earned in all, ¥264,000.00 already paid.
    const reported = await apiCall<ProjectDetail>(stack, tokens.staff, 'POST', `/projects/${projectId}/figures`, {
      kind: 'actual_fixed_asset_investment',
      amountFen: 2_000_000_000,
      asOf: today(),
    });
    const figure = reported.figures.find((f) => !f.verified && f.amountFen === 2_000_000_000);
    await apiCall(stack, tokens.manager, 'POST', `/projects/${projectId}/figures/${figure?.id}/verify`);

    const page = await signInPage(stack, accountant);
    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    await expect.poll(() => text(page, 'ledger-recovery-flag')).toContain('¥24,000.00');
    expect(await text(page, 'ledger-recovery-alert')).toContain('¥24,000.00 待追回');
    await page.getByTestId('project-ledger').scrollIntoViewIfNeeded();
    await shot(page, 'project-reward-ledger-recovery');

    await page.goto(`${stack.baseUrl}/finance/forecast?policyId=${policyId}`);
    await expect.poll(() => text(page, 'forecast-recovery')).toContain('2.4万元');
    const row = ((await page.getByTestId('forecast-table').locator('tr', { hasText: projectName }).textContent()) ?? '').trim();
    expect(row).toContain('待追回 ¥24,000.00');
    await shot(page, 'finance-forecast-recovery');
    await page.context().close();
  });
});
