import { creditLines, creditSets, projects } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, daysAgo, screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

type TestUser = Awaited<ReturnType<Stack['user']>>;

let stack: Stack;
let owner: TestUser;
let negotiator: TestUser;
let servicer: TestUser;
let manager: TestUser;
let zone: Awaited<ReturnType<typeof makeZone>>['zone'];
let industry: Awaited<ReturnType<typeof makeIndustry>>['industry'];

// One lead travels through the whole file: created, signed, built, credited, counted.
const companyName = `${unique('铁岭')}智能装备有限公司`;
let leadId = '';
let projectId = '';

beforeAll(async () => {
  stack = await startStack();
  owner = await stack.user(['staff'], '赵签约');
  negotiator = await stack.user(['staff'], '钱谈判');
  servicer = await stack.user(['staff'], '孙服务');
  manager = await stack.user(['manager'], '周经理');
  // The sign form needs a zone and an industry: reference data goes straight into the database.
  ({ zone } = await makeZone(stack.db));
  ({ industry } = await makeIndustry(stack.db, { name: unique('专用车') }));
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

/** Picks an option of an Ant Design Select by its visible label. */
async function choose(page: Page, testId: string, label: string) {
  await chooseOption(page, testId, label);
}

/** The count in the funnel's step table, as the page shows it. */
async function funnelCount(page: Page, step: string): Promise<string> {
  return ((await page.getByTestId(`funnel-count-${step}`).textContent()) ?? '').trim();
}

async function openFunnel(page: Page) {
  await page.goto(`${stack.baseUrl}/funnel?zoneId=${zone.id}`);
  await page.getByTestId('funnel-table').waitFor();
}

describe('projects in the browser', () => {
  it('a staff member logs a lead in the zone; the funnel counts it, nothing signed yet', async () => {
    const page = await signInPage(stack, owner);
    await page.goto(`${stack.baseUrl}/leads`);
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-companyName').fill(companyName);
    await choose(page, 'lead-channel', '网络招商');
    await choose(page, 'lead-zone', zone.name);
    await choose(page, 'lead-industry', industry.name);
    await page.getByTestId('lead-investment').fill('5000');
    await page.getByTestId('lead-submit').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    leadId = page.url().split('/').pop() ?? '';
    await page.getByTestId('lead-warning').waitFor();
    await page.context().close();

    const boss = await signInPage(stack, manager);
    await openFunnel(boss);
    expect(await funnelCount(boss, 'leads')).toBe('1');
    expect(await funnelCount(boss, 'signed')).toBe('0');
    expect(await funnelCount(boss, 'construction')).toBe('0');
    await shot(boss, 'funnel-before');
    await boss.context().close();
  });

  it('the owner signs the lead through the sign form and lands on the project', async () => {
    const page = await signInPage(stack, owner);
    await page.goto(`${stack.baseUrl}/leads/${leadId}`);
    await page.getByTestId('lead-sign').click();
    await page.getByTestId('sign-form').waitFor();
    // Prefilled from the lead: the estimated investment becomes the contract investment (万元).
    expect(await page.getByTestId('sign-contractInvestment').inputValue()).toBe('5000');
    await page.getByTestId('sign-landMu').fill('120.5');
    await page.getByTestId('sign-registeredCapital').fill('2000');
    // 用地批准日期 (issue 14), typed into its date picker.
    const approved = page.getByTestId('sign-landApprovedOn').locator('input').or(page.locator('input[data-testid=sign-landApprovedOn]')).first();
    await approved.click();
    await approved.fill(daysAgo(3));
    await approved.press('Enter');
    await shot(page, 'project-sign-form');
    await page.getByTestId('sign-submit').click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectId = page.url().split('/').pop() ?? '';
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe(companyName);
    expect(await page.getByTestId('project-milestone-tag').textContent()).toBe('签约');
    await shot(page, 'project-signed');

    const [row] = await stack.db.select().from(projects).where(eq(projects.id, projectId));
    expect(row?.leadId).toBe(leadId);
    expect(row?.zoneId).toBe(zone.id);
    expect(row?.industryId).toBe(industry.id);
    // 5000 万元 = 5,000 × 1,000,000 fen, converted exactly.
    expect(Number(row?.contractInvestmentFen)).toBe(5_000_000_000);
    expect(Number(row?.landMu)).toBe(120.5);
    expect(row?.landApprovedOn).toBe(daysAgo(3));
    expect(await page.getByTestId('project-land-approved').textContent()).toBe(daysAgo(3));
    await page.context().close();
  });

  it('the owner records 注册 and then 开工 (skipping the optional 供地)', async () => {
    const page = await signInPage(stack, owner);
    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    await page.getByTestId('milestone-form').waitFor();
    // The next milestone is preselected.
    await expect.poll(() => page.getByTestId('milestone-form').textContent()).toContain('注册');
    await page.getByTestId('milestone-submit').click();
    await expect.poll(() => page.getByTestId('project-milestone-tag').textContent()).toBe('注册');

    await choose(page, 'milestone-select', '开工');
    await page.getByTestId('milestone-note').fill('一期厂房开工');
    await page.getByTestId('milestone-submit').click();
    await expect.poll(() => page.getByTestId('project-milestone-tag').textContent()).toBe('开工');
    const steps = (await page.getByTestId('project-milestones').textContent()) ?? '';
    expect(steps).toContain('注册');
    expect(steps).toContain('未经历'); // 供地 was skipped
    await expect.poll(() => page.locator('[data-milestone-date="construction_started"]').count()).toBe(1);
    await shot(page, 'project-milestones');

    const [row] = await stack.db.select({ currentMilestone: projects.currentMilestone }).from(projects).where(eq(projects.id, projectId));
    expect(row?.currentMilestone).toBe('construction_started');
    await page.context().close();
  });

  it('a manager splits the credit three ways; a wrong total shows the server’s message first', async () => {
    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/projects/${projectId}`);
    await page.getByTestId('credits-edit').click();
    await page.getByTestId('credits-form').waitFor();

    await page.getByTestId('credit-share-0').fill('30');
    await page.getByTestId('credit-add').click();
    await choose(page, 'credit-staff-1', '钱谈判');
    await page.getByTestId('credit-share-1').fill('30');
    await page.getByTestId('credit-add').click();
    await choose(page, 'credit-staff-2', '孙服务');
    await choose(page, 'credit-role-2', '服务');
    await page.getByTestId('credit-share-2').fill('30');
    await expect.poll(() => page.getByTestId('credits-sum').getAttribute('data-sum-bp')).toBe('9000');
    await page.getByTestId('credits-submit').click();
    // The server is the judge of the 10000 bp rule; its message is shown in the editor.
    await expect.poll(async () => (await page.getByTestId('credits-form').textContent()) ?? '').toContain('9000 bp');
    await shot(page, 'project-credits-wrong-sum');

    await page.getByTestId('credit-share-0').fill('33.33');
    await page.getByTestId('credit-share-1').fill('33.33');
    await page.getByTestId('credit-share-2').fill('33.34');
    await expect.poll(() => page.getByTestId('credits-sum').textContent()).toContain('100%');
    await page.getByTestId('credits-submit').click();
    await page.getByTestId('credits-form').waitFor({ state: 'detached' });

    const current = page.getByTestId('credits-current');
    await expect.poll(() => current.textContent()).toContain('钱谈判');
    const text = (await current.textContent()) ?? '';
    for (const expected of ['赵签约', '负责人', '谈判', '孙服务', '服务', '33.33%', '33.34%']) expect(text).toContain(expected);
    await expect.poll(async () => await page.getByTestId('credits-history').locator('.ant-timeline-item').count()).toBe(2);
    await shot(page, 'project-credits');

    const lines = await stack.db
      .select({ staffId: creditLines.staffId, role: creditLines.role, shareBp: creditLines.shareBp })
      .from(creditLines)
      .innerJoin(creditSets, eq(creditSets.id, creditLines.setId))
      .where(and(eq(creditSets.projectId, projectId), eq(creditSets.isCurrent, true)));
    expect(lines.map((l) => `${l.staffId}:${l.role}:${l.shareBp}`).sort()).toEqual(
      [`${owner.id}:owner:3333`, `${negotiator.id}:negotiator:3333`, `${servicer.id}:service:3334`].sort(),
    );
    await page.context().close();
  });

  it('the lifecycle board shows the project in the 开工 column', async () => {
    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/projects/board?zoneId=${zone.id}`);
    const column = page.getByTestId('lifecycle-column-construction_started');
    await column.waitFor();
    await expect.poll(() => column.textContent()).toContain(companyName);
    expect(await column.getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('lifecycle-column-signed').getAttribute('data-count')).toBe('0');
    await shot(page, 'projects-lifecycle');
    await page.context().close();
  });

  it('the funnel for the zone now counts one signed and one under construction', async () => {
    const page = await signInPage(stack, manager);
    await openFunnel(page);
    expect(await funnelCount(page, 'leads')).toBe('1');
    expect(await funnelCount(page, 'signed')).toBe('1');
    expect(await funnelCount(page, 'construction')).toBe('1');
    expect(await funnelCount(page, 'production')).toBe('0');
    const table = (await page.getByTestId('funnel-table').textContent()) ?? '';
    expect(table).toContain('签约');
    expect(table).toContain('开工');
    await page.getByTestId('funnel-chart').waitFor();
    await shot(page, 'funnel-after');
    await page.context().close();
  });
});
