import { zoneIndustries } from '@crm/db';
import { makeAgent, makeAgreement, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { addDays, addWorkingDays, clockFrom } from '@crm/shared';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileClock } from '../../apps/api/src/test/harness.ts';
import { apiCall, apiToken, screenshotOnFailure, shot, signInPage, type Stack, startStack, motionDone } from './browser.ts';

/* 公示 and 追回 (issue 14) as people meet them: the notice list, an objection, its dismissal, and a recovery on the ledger. */

type TestUser = Awaited<ReturnType<Stack['user']>>;
const clock = clockFrom(fileClock.now());
let stack: Stack;
let staff: TestUser;
let manager: TestUser;
let finance: TestUser;
let calc: { id: string; version: number; noticeUntil: string };
let projectId = '';
let paidProjectId = '';
const projectName = `${unique('公示')}智能制造有限公司`;
const today = () => clock.now().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
const daysAgo = (n: number) => addDays(today(), -n);

async function project(token: string, refs: { zoneId: string; industryId: string; agentId: string }, name: string) {
  const lead = await apiCall<{ id: string }>(stack, token, 'POST', '/leads', {
    companyName: name,
    channel: 'agency',
    agentId: refs.agentId,
    zoneId: refs.zoneId,
    industryId: refs.industryId,
  });
  const p = await apiCall<{ id: string }>(stack, token, 'POST', `/leads/${lead.id}/sign`, {
    signedOn: daysAgo(100),
    contractInvestmentFen: 20_000_000_000,
    landMu: 100,
    zoneId: refs.zoneId,
    industryId: refs.industryId,
    agentId: refs.agentId,
  });
  await apiCall(stack, token, 'POST', `/projects/${p.id}/milestones`, { milestone: 'registered', date: daysAgo(90) });
  await apiCall(stack, token, 'POST', `/projects/${p.id}/milestones`, { milestone: 'construction_started', date: daysAgo(80) });
  const r = await apiCall<{ figures: { id: string; verified: boolean; kind: string }[] }>(stack, token, 'POST', `/projects/${p.id}/figures`, {
    kind: 'actual_fixed_asset_investment',
    amountFen: 6_000_000_000,
    asOf: daysAgo(1),
  });
  return { id: p.id, figureId: r.figures.find((f) => !f.verified && f.kind === 'actual_fixed_asset_investment')?.id ?? '' };
}

beforeAll(async () => {
  stack = await startStack({ clock });
  const admin = await stack.user(['admin'], '吴管理员');
  staff = await stack.user(['staff'], '孙招商');
  manager = await stack.user(['manager'], '郑经理');
  finance = await stack.user(['finance'], '冯会计');
  const { zone } = await makeZone(stack.db);
  const { industry } = await makeIndustry(stack.db);
  await stack.db.insert(zoneIndustries).values({ zoneId: zone.id, industryId: industry.id, kind: 'leading' });
  const agent = await makeAgent(stack.db, staff.id, { name: unique('汇智招商') });
  await makeAgreement(stack.db, agent.id);
  const refs = { zoneId: zone.id, industryId: industry.id, agentId: agent.id };
  const tokens = {
    admin: await apiToken(stack, admin),
    staff: await apiToken(stack, staff),
    manager: await apiToken(stack, manager),
    finance: await apiToken(stack, finance),
  };
  const version = { ...workedExampleVersionJson, effectiveFrom: '2020-01-01' };
  const noticed = await apiCall<{ id: string }>(stack, tokens.admin, 'POST', '/policies', { name: unique('引进奖励（公示）'), kind: 'agent_reward', version });
  const immediate = await apiCall<{ id: string }>(stack, tokens.admin, 'POST', '/policies', {
    name: unique('引进奖励（不公示）'),
    kind: 'agent_reward',
    version,
    noticeThresholdFen: null,
  });

  const approve = async (projId: string, policyId: string) => {
    const c = await apiCall<{ id: string; version: number }>(stack, tokens.finance, 'POST', '/reward-calculations', {
      projectId: projId,
      policyId,
      milestone: 'construction_started',
    });
    const s = await apiCall<{ version: number }>(stack, tokens.finance, 'POST', `/reward-calculations/${c.id}/submit`, { version: c.version });
    return apiCall<{ id: string; version: number; noticeUntil: string }>(stack, tokens.manager, 'POST', `/reward-calculations/${c.id}/approve`, {
      version: s.version,
    });
  };
  const a = await project(tokens.staff, refs, projectName);
  await apiCall(stack, tokens.manager, 'POST', `/projects/${a.id}/figures/${a.figureId}/verify`);
  projectId = a.id;
  calc = await approve(a.id, noticed.id);
  const b = await project(tokens.staff, refs, `${unique('追回')}材料有限公司`);
  await apiCall(stack, tokens.manager, 'POST', `/projects/${b.id}/figures/${b.figureId}/verify`);
  paidProjectId = b.id;
  const paidCalc = await approve(b.id, immediate.id);
  await apiCall(stack, tokens.finance, 'POST', `/reward-calculations/${paidCalc.id}/pay`, {
    version: paidCalc.version,
    paidOn: today(),
    reference: 'BANK-0001',
  });
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

// In order: the second test reads the objection the first one raised and dismissed; the third stands alone.
describe('公示 and 追回 in the browser', () => {
  it('staff see the notice and object; a manager dismisses the objection', async () => {
    expect(calc.noticeUntil).toBe(addWorkingDays(today(), 5));
    const page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/notices`);
    const row = page.locator('[data-testid="notices-table"] tr', { hasText: projectName });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('¥264,000.00');
    expect(await row.innerText()).toContain('公示中');
    await shot(page, 'notice-list');
    await row.getByTestId('notice-object').click();
    await page.getByTestId('notice-reason').fill('该项目实际投资额存疑，请核实');
    await page.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(async () => (await row.innerText()).includes('待处理')).toBe(true);
    await shot(page, 'notice-objection');
    // The printable notice: the app's menu and buttons are hidden, the title shown.
    await page.emulateMedia({ media: 'print' });
    await expect.poll(() => page.getByText('招商引资奖励公示').isVisible()).toBe(true);
    expect(await page.getByTestId('notice-print').isVisible()).toBe(false);
    await shot(page, 'notice-print');
    await page.close();

    // Finance (who made the calculation) sees the window and the open objection on the calculation's page.
    const f = await signInPage(stack, finance);
    await f.goto(`${stack.baseUrl}/finance/calculations/${calc.id}`);
    await expect.poll(() => f.getByTestId('calc-notice-state').innerText()).toBe('有异议');
    expect(await f.getByTestId('calc-notice-period').innerText()).toBe(`公示期 ${today()} 至 ${calc.noticeUntil}`);
    expect(await f.getByTestId('calc-objection-open').innerText()).toContain('孙招商：该项目实际投资额存疑，请核实');
    await f.getByTestId('calc-notice').scrollIntoViewIfNeeded();
    await shot(f, 'calculation-notice-objected');
    await f.close();

    // The manager is told in the inbox; the message opens the notice list on that reward.
    const m = await signInPage(stack, manager);
    await m.goto(`${stack.baseUrl}/inbox`);
    const told = m.getByTestId('inbox-list').getByText(`孙招商 对公示中的 ${projectName}（开工）奖励提出异议：该项目实际投资额存疑，请核实`);
    await expect.poll(() => told.count()).toBe(1);
    await shot(m, 'inbox-objection');
    await told.click();
    await expect.poll(() => m.url()).toContain(`/notices?calculation=${calc.id}`);
    const mrow = m.locator('[data-testid="notices-table"] tr', { hasText: projectName });
    await mrow.getByTestId('objection-dismiss').click();
    await m.getByTestId('notice-reason').fill('经核实投资属实');
    await m.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(async () => (await mrow.innerText()).includes('已驳回')).toBe(true);
    expect(await mrow.getAttribute('data-focused')).toBe('true');
    await shot(m, 'notice-dismissed');
    await m.close();
  });

  it('the calculation page shows the window and why a payment waits; paying within it is refused in Chinese', async () => {
    const page = await signInPage(stack, finance);
    await page.goto(`${stack.baseUrl}/finance/calculations/${calc.id}`);
    await expect.poll(() => page.getByTestId('calc-notice-state').innerText()).toBe('公示中');
    expect(await page.getByTestId('calc-notice-period').innerText()).toBe(`公示期 ${today()} 至 ${calc.noticeUntil}`);
    const dismissed = await page.getByTestId('calc-objection-dismissed').innerText();
    expect(dismissed).toContain('已驳回');
    expect(dismissed).toContain('郑经理 处理意见：经核实投资属实');
    const waits = `该奖励正在公示，公示期至 ${calc.noticeUntil}，次日起方可支付。`;
    expect(await page.getByTestId('calc-notice-waits').innerText()).toContain(waits);
    await page.getByTestId('calc-notice').scrollIntoViewIfNeeded();
    await shot(page, 'calculation-notice');

    await page.getByTestId('calc-pay').click();
    await page.getByTestId('pay-reference').fill('BANK-0002');
    await motionDone(page);
    await page.getByTestId('pay-confirm').click();
    const refused = page.getByTestId('calc-action-error');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.innerText()).toContain('公示期内暂不能支付');
    expect(await refused.innerText()).toContain(waits);
    await shot(page, 'calculation-notice-refused');
    await page.close();
  });

  it('finance flags a paid amount for recovery on the ledger and records an instalment', async () => {
    const page = await signInPage(stack, finance);
    await page.goto(`${stack.baseUrl}/projects/${paidProjectId}`);
    const flag = page.getByTestId('ledger-flag-recovery').first();
    await flag.scrollIntoViewIfNeeded();
    await flag.click();
    await page.getByTestId('recovery-amount').fill('10000');
    await page.getByTestId('recovery-reason').fill('投资额核减，多付部分追回');
    await page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await expect.poll(() => page.getByText('尚欠 ¥10,000.00').count()).toBe(1);
    await page.getByTestId('ledger-record-instalment').click();
    await page.getByTestId('recovery-amount').fill('4000');
    await page.getByTestId('recovery-received-on').fill(today());
    await page.getByTestId('recovery-reference').fill('退款-001');
    await page.getByRole('button', { name: /OK|确\s*定/ }).click();
    await expect.poll(() => page.getByText('尚欠 ¥6,000.00').count()).toBe(1);
    await page.getByText('尚欠 ¥6,000.00').scrollIntoViewIfNeeded();
    await shot(page, 'ledger-recovery');
    await page.close();
    expect(projectId).not.toBe('');
  });
});
