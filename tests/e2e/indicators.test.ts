import { projects } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiToken, chooseOption, daysAgo, screenshotOnFailure, shot, signInPage, type Stack, startStack, today } from './browser.ts';

/**
 * 指标与亩产 (issue 14) as a manager sees it: the 一(三) progress table with 完成率 and year on year, entering a
 * month's actual on the screen, and 亩产 per zone with the bottom list and idle land; the same indicators on the
 * dashboard, an enclave zone's own and partner shares in the report's 分开发区汇总, and 用地批准日期 edited on a project.
 */
let stack: Stack;
let page: Page;
let zoneName = '';
let enclaveId = '';
let enclaveName = '';
let idleProjectId = '';
const thisMonth = today().slice(0, 7);
const year = Number(thisMonth.slice(0, 4));
const lastYearMonth = `${year - 1}${thisMonth.slice(4)}`;

beforeAll(async () => {
  stack = await startStack();
  const manager = await stack.user(['manager'], '钱主任');
  const staff = await stack.user(['staff'], '甲招商');
  const checker = await stack.user(['manager'], '孙核实');
  const zone = (await makeZone(stack.db, { name: unique('指标园区') })).zone;
  zoneName = zone.name;
  const industryId = (await makeIndustry(stack.db)).industry.id;
  const boss = await apiToken(stack, manager);
  const staffToken = await apiToken(stack, staff);
  const verifier = await apiToken(stack, checker);
  // Last year's value added, and this year's target of +10%; the screen enters this year's month.
  await apiCall(stack, boss, 'PUT', '/indicators/actuals', {
    actuals: [{ indicatorCode: 'industrial_value_added', zoneId: zone.id, month: lastYearMonth, value: 100_000_000_00 }],
  });
  await apiCall(stack, boss, 'PUT', '/indicators/targets', {
    year,
    targets: [{ indicatorCode: 'value_added_growth', zoneId: zone.id, target: 1000, note: '《实施意见》一(三)' }],
  });
  // Three projects with land: two produce (one poorly), one has approved land not yet supplied.
  const sign = async (landMu: number, extra: Record<string, unknown> = {}, zoneId = zone.id) => {
    const lead = await apiCall<{ id: string }>(stack, staffToken, 'POST', '/leads', {
      companyName: `${unique('亩产')}有限公司`,
      channel: 'direct',
      zoneId,
      industryId,
      estimatedInvestmentFen: 1_000_000,
    });
    return apiCall<{ id: string; figures: { id: string; kind: string; verified: boolean }[] }>(stack, staffToken, 'POST', `/leads/${lead.id}/sign`, {
      signedOn: today(),
      contractInvestmentFen: 200_000_000_00,
      zoneId,
      industryId,
      landMu,
      ...extra,
    });
  };
  for (const [landMu, output] of [
    [100, 500_000_000_00],
    [50, 10_000_000_00],
  ] as const) {
    const p = await sign(landMu);
    for (const [kind, amountFen] of [
      ['annual_output', output],
      ['annual_tax', output / 20],
    ] as const) {
      const d = await apiCall<{ figures: { id: string; kind: string; verified: boolean }[] }>(stack, staffToken, 'POST', `/projects/${p.id}/figures`, {
        kind,
        amountFen,
        asOf: today(),
      });
      const f = d.figures.find((x) => x.kind === kind && !x.verified);
      await apiCall(stack, verifier, 'POST', `/projects/${p.id}/figures/${f?.id}/verify`);
    }
  }
  idleProjectId = (await sign(30, { landApprovedOn: today() })).id;
  // 飞地: an enclave zone whose partner takes 30%; one project of 1,000 万元 signed there this month.
  const enclave = (await makeZone(stack.db, { name: unique('飞地园区'), isEnclave: true, enclavePartner: '沈阳高新区', benefitShareBp: 3000 })).zone;
  enclaveId = enclave.id;
  enclaveName = enclave.name;
  await sign(0, { contractInvestmentFen: 1_000_000_000 }, enclave.id);
  page = await signInPage(stack, manager);
}, 180_000);
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

// One journey on the manager's page, in order: the dashboard reads the month the first test entered on the screen.
describe('指标与亩产', () => {
  it('enters a month of 工业增加值 on the screen and reads growth and 完成率 in the progress table', async () => {
    await page.goto(`${stack.baseUrl}/indicators?tab=entry&year=${year}`);
    await page.getByTestId('indicator-entry-form').waitFor();
    await chooseOption(page, 'entry-indicator', '工业增加值');
    await chooseOption(page, 'entry-zone', zoneName);
    // The month defaults to this month.
    await expect.poll(async () => (await page.getByTestId('entry-month').textContent()) ?? '').toContain(thisMonth);
    await page.locator('input[data-testid=entry-value], [data-testid=entry-value] input').first().fill('11000');
    await page.getByTestId('entry-save').click();
    await page.getByText('已保存').waitFor();
    await shot(page, 'indicators-entry');

    await page.goto(`${stack.baseUrl}/indicators?tab=sheet&year=${year}`);
    const table = page.getByTestId('indicator-table');
    await table.waitFor();
    // The zone's first rows: growth 10.00% against a 10.00% target, 完成率 100.00%.
    const zoneRows = table.locator('tr', { hasText: zoneName });
    await expect.poll(async () => (await zoneRows.first().textContent()) ?? '').toContain('10.00%');
    await expect.poll(async () => (await zoneRows.first().textContent()) ?? '').toContain('100.00%');
    await shot(page, 'indicators-sheet');
  });

  it('shows the same 一(三) indicators on the dashboard, per zone, amounts in 亿元', async () => {
    await page.goto(`${stack.baseUrl}/dashboard?year=${year}`);
    const card = page.getByTestId('dashboard-indicators');
    await card.waitFor();
    expect(await card.textContent()).toContain('一(三) 指标完成情况');
    // All zones together by default; pick this test's zone.
    await expect.poll(async () => (await card.getByTestId('dashboard-indicator-table').textContent()) ?? '').toContain('全市经济开发区合计');
    await chooseOption(page, 'dashboard-indicators-zone', zoneName, zoneName);
    const table = card.getByTestId('dashboard-indicator-table');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain(zoneName);
    expect(await table.textContent()).not.toContain('全市经济开发区合计');
    const growth = table.locator('tr', { hasText: '工业增加值增速' });
    await expect.poll(async () => (await growth.textContent()) ?? '').toContain('10.00%');
    expect(await growth.textContent()).toContain('100.00%');
    // Three projects of 2 亿元 each signed this year: 签约投资额 year to date is 6亿元.
    await expect.poll(async () => (await table.locator('tr', { hasText: '签约投资额' }).textContent()) ?? '').toContain('6亿元');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'dashboard-indicators');
  });

  it('splits an enclave zone’s signed investment into its own and the partner’s share in 分开发区汇总', async () => {
    await page.goto(`${stack.baseUrl}/reports?tab=monthly&period=${thisMonth}&zone=${enclaveId}`);
    const byZone = page.getByTestId('report-by-zone');
    await byZone.waitFor();
    await expect.poll(async () => (await byZone.locator('thead').textContent()) ?? '').toContain('其中本区分成（万元）');
    expect(await byZone.locator('thead').textContent()).toContain('飞地合作方分成（万元）');
    const row = byZone.locator('tbody tr', { hasText: enclaveName });
    // 1,000 万元 whole; the partner's 30% is 300 万元, the zone keeps 700 万元.
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('1,000.00');
    expect(await row.textContent()).toContain('700.00');
    expect(await row.getByTestId('report-partner-share').textContent()).toBe('300.00沈阳高新区 · 30%');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'report-enclave-shares');
  });

  it('sets 用地批准日期 on a project through the edit form', async () => {
    await page.goto(`${stack.baseUrl}/projects/${idleProjectId}`);
    await expect.poll(async () => (await page.getByTestId('project-land-approved').textContent()) ?? '').toBe(today());
    await page.getByTestId('project-edit-details').click();
    const input = page.getByTestId('project-landApprovedOn').locator('input').or(page.locator('input[data-testid=project-landApprovedOn]')).first();
    await expect.poll(async () => input.inputValue()).toBe(today());
    await input.click();
    await input.fill(daysAgo(40));
    await input.press('Enter');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'project-land-approved-edit');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await expect.poll(async () => (await page.getByTestId('project-land-approved').textContent()) ?? '').toBe(daysAgo(40));
    const [saved] = await stack.db.select({ on: projects.landApprovedOn }).from(projects).where(eq(projects.id, idleProjectId));
    expect(saved?.on).toBe(daysAgo(40));
  });

  it('shows 亩产 per zone, the bottom list and idle land', async () => {
    await page.goto(`${stack.baseUrl}/indicators?tab=yield&year=${year}`);
    const zones = page.getByTestId('yield-zones');
    await zones.waitFor();
    const row = zones.locator('tr', { hasText: zoneName });
    // 5.1 亿 output over 150 亩 = 340 万元 per 亩; 30 亩 approved and not supplied.
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('340');
    expect(await row.textContent()).toContain('30');
    const bottom = page.getByTestId('yield-bottom');
    await expect.poll(async () => (await bottom.locator('tbody tr').first().textContent()) ?? '').toContain('20');
    await expect.poll(async () => (await page.getByTestId('yield-idle').textContent()) ?? '').toContain('批而未供');
    await shot(page, 'indicators-yield');
  });
});
