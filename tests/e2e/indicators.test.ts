import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiToken, chooseOption, screenshotOnFailure, shot, signInPage, type Stack, startStack, today } from './browser.ts';

/**
 * 指标与亩产 (issue 14) as a manager sees it: the 一(三) progress table with 完成率 and year on year, entering a
 * month's actual on the screen, and 亩产 per zone with the bottom list and idle land.
 */
let stack: Stack;
let page: Page;
let zoneName = '';
const thisMonth = today().slice(0, 7);
const year = Number(thisMonth.slice(0, 4));
const lastYearMonth = `${year - 1}${thisMonth.slice(4)}`;
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000, interval: 150 });

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
  await apiCall(stack, boss, 'PUT', '/indicators/actuals', { actuals: [{ indicatorCode: 'industrial_value_added', zoneId: zone.id, month: lastYearMonth, value: 100_000_000_00 }] });
  await apiCall(stack, boss, 'PUT', '/indicators/targets', { year, targets: [{ indicatorCode: 'value_added_growth', zoneId: zone.id, target: 1000, note: '《实施意见》一(三)' }] });
  // Three projects with land: two produce (one poorly), one has approved land not yet supplied.
  const sign = async (landMu: number, extra: Record<string, unknown> = {}) => {
    const lead = await apiCall<{ id: string }>(stack, staffToken, 'POST', '/leads', { companyName: `${unique('亩产')}有限公司`, channel: 'direct', zoneId: zone.id, industryId, estimatedInvestmentFen: 1_000_000 });
    return apiCall<{ id: string; figures: { id: string; kind: string; verified: boolean }[] }>(stack, staffToken, 'POST', `/leads/${lead.id}/sign`, {
      signedOn: today(),
      contractInvestmentFen: 200_000_000_00,
      zoneId: zone.id,
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
      const d = await apiCall<{ figures: { id: string; kind: string; verified: boolean }[] }>(stack, staffToken, 'POST', `/projects/${p.id}/figures`, { kind, amountFen, asOf: today() });
      const f = d.figures.find((x) => x.kind === kind && !x.verified);
      await apiCall(stack, verifier, 'POST', `/projects/${p.id}/figures/${f?.id}/verify`);
    }
  }
  await sign(30, { landApprovedOn: today() });
  page = await signInPage(stack, manager);
}, 180_000);
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

describe('指标与亩产', () => {
  it('enters a month of 工业增加值 on the screen and reads growth and 完成率 in the progress table', async () => {
    await page.goto(`${stack.baseUrl}/indicators?tab=entry&year=${year}`);
    await page.getByTestId('indicator-entry-form').waitFor();
    await chooseOption(page, 'entry-indicator', '工业增加值');
    await chooseOption(page, 'entry-zone', zoneName);
    // The month defaults to this month.
    await poll(async () => (await page.getByTestId('entry-month').textContent()) ?? '').toContain(thisMonth);
    await page.locator('input[data-testid=entry-value], [data-testid=entry-value] input').first().fill('11000');
    await page.getByTestId('entry-save').click();
    await page.getByText('已保存').waitFor();
    await shot(page, 'indicators-entry');

    await page.goto(`${stack.baseUrl}/indicators?tab=sheet&year=${year}`);
    const table = page.getByTestId('indicator-table');
    await table.waitFor();
    // The zone's first rows: growth 10.00% against a 10.00% target, 完成率 100.00%.
    const zoneRows = table.locator('tr', { hasText: zoneName });
    await poll(async () => (await zoneRows.first().textContent()) ?? '').toContain('10.00%');
    await poll(async () => (await zoneRows.first().textContent()) ?? '').toContain('100.00%');
    await shot(page, 'indicators-sheet');
  });

  it('shows 亩产 per zone, the bottom list and idle land', async () => {
    await page.goto(`${stack.baseUrl}/indicators?tab=yield&year=${year}`);
    const zones = page.getByTestId('yield-zones');
    await zones.waitFor();
    const row = zones.locator('tr', { hasText: zoneName });
    // 5.1 亿 output over 150 亩 = 340 万元 per 亩; 30 亩 approved and not supplied.
    await poll(async () => (await row.textContent()) ?? '').toContain('340');
    expect(await row.textContent()).toContain('30');
    const bottom = page.getByTestId('yield-bottom');
    await poll(async () => (await bottom.locator('tbody tr').first().textContent()) ?? '').toContain('20');
    await poll(async () => (await page.getByTestId('yield-idle').textContent()) ?? '').toContain('批而未供');
    await shot(page, 'indicators-yield');
  });
});
