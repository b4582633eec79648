import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiToken, chooseOption, screenshotOnFailure, shot, signInPage, type Stack, startStack, today } from './browser.ts';

type TestUser = Awaited<ReturnType<Stack['user']>>;

let stack: Stack;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let manager: TestUser;
let aliceLeads: string[] = [];
let bobLeadCount = 0;

/** This month in China time by the file's clock: the API keys periods to the zone's calendar. */
const month = today().slice(0, 7);

let zoneId = '';
let zoneName = '';
let industryId = '';

async function lead(bearer: string, name: string, fen: number): Promise<string> {
  const created = await apiCall<{ id: string }>(stack, bearer, 'POST', '/leads', {
    companyName: name,
    channel: 'direct',
    zoneId,
    industryId,
    estimatedInvestmentFen: fen,
  });
  return created.id;
}
const visit = (bearer: string, leadId: string) =>
  apiCall(stack, bearer, 'POST', `/leads/${leadId}/activities`, { kind: 'visit', occurredOn: today(), summary: '拜访企业，介绍园区政策' });

/** "1,234.50" (万元 on screen) → 1234.5, the number the spreadsheet cell holds. */
const wanNumber = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

/** The 合计 rows of the report sheet, in table order (一 to 四). */
async function totalRows(file: string): Promise<ExcelJS.Row[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows: ExcelJS.Row[] = [];
  sheet.eachRow((row) => {
    if (row.getCell(1).value === '合计') rows.push(row);
  });
  return rows;
}

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.user(['staff'], '甲招商');
  bob = await stack.user(['staff'], '乙招商');
  carol = await stack.user(['staff'], '丙招商');
  manager = await stack.user(['manager'], '钱主任');
  // Reference data goes straight into the database; the records people make go through the API.
  const zone = (await makeZone(stack.db)).zone;
  zoneId = zone.id;
  zoneName = zone.name;
  industryId = (await makeIndustry(stack.db, { name: unique('装备制造') })).industry.id;

  const [a, b, c, boss] = await Promise.all([apiToken(stack, alice), apiToken(stack, bob), apiToken(stack, carol), apiToken(stack, manager)]);
  // Alice: three leads, two visits, one signing. Bob: one lead and a visit. Carol: one lead.
  aliceLeads = [`${unique('铁岭')}阀门有限公司`, `${unique('沈阳')}新材料有限公司`, `${unique('大连')}储能科技有限公司`];
  const ids: string[] = [];
  for (const [i, name] of aliceLeads.entries()) ids.push(await lead(a, name, (i + 1) * 10_000_000));
  await visit(a, ids[0] ?? '');
  await visit(a, ids[1] ?? '');
  await apiCall(stack, a, 'POST', `/leads/${ids[0] ?? ''}/sign`, { signedOn: today(), contractInvestmentFen: 5_000_000_000, zoneId, industryId, landMu: 80 });
  const bobLead = await lead(b, `${unique('抚顺')}机械有限公司`, 4_000_000);
  bobLeadCount = 1;
  await visit(b, bobLead);
  await lead(c, `${unique('鞍山')}钢构有限公司`, 2_500_000);
  await apiCall(stack, boss, 'POST', '/performance/schemes', {
    name: unique('月度考核'),
    bottomPercent: 10,
    metrics: [
      { metric: 'new_leads', weight: 40, target: 3 },
      { metric: 'visits', weight: 30, target: 2 },
      { metric: 'signed_projects', weight: 30, target: 1 },
    ],
  });
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

async function openFromMenu(page: Page, label: string) {
  await page.getByTestId('nav-menu').getByText(label, { exact: true }).click();
}

// One journey on the manager's page, in order: dashboard, ranking, a personal target, closing the month, its report.
describe('performance, dashboard and reports in the browser', () => {
  let page: Page;

  it('a manager opens the dashboard and its charts draw', async () => {
    page = await signInPage(stack, manager);
    await openFromMenu(page, '驾驶舱');
    await page.waitForURL(/\/dashboard/);
    await page.locator('[data-testid="trend-chart"] canvas').waitFor();
    await page.locator('[data-testid="funnel-chart"] canvas').waitFor();
    await page.locator('[data-testid="zones-chart"] canvas').waitFor();
    await expect.poll(async () => (await page.getByTestId('kpi-leads').textContent()) ?? '').toContain('5');
    // The year's ranking lists Alice first; a click would open her figures.
    await expect.poll(async () => (await page.getByTestId('dashboard-ranking').textContent()) ?? '').toContain('甲招商');
    await shot(page, 'performance-dashboard');
  });

  it('goes to 绩效考核, sees the ranking and drills into a figure', async () => {
    await openFromMenu(page, '绩效考核');
    await page.waitForURL(/\/performance/);
    await page.getByTestId(`ranking-row-${alice.id}`).waitFor();
    // Alice: 3/3 leads, 2/2 visits, 1/1 signed → 100.00, first; Carol is the bottom one.
    expect(await page.getByTestId(`ranking-row-${alice.id}`).getAttribute('data-rank')).toBe('1');
    expect((await page.getByTestId(`score-${alice.id}`).textContent())?.trim()).toBe('100.00');
    expect(await page.getByTestId(`ranking-row-${carol.id}`).getAttribute('data-bottom')).toBe('true');
    expect(await page.getByTestId(`ranking-row-${carol.id}`).getByTestId('bottom-tag').count()).toBe(1);
    await shot(page, 'performance-ranking');

    await page.getByTestId(`figure-${alice.id}-new_leads`).click();
    const drawer = page.getByTestId('drill-drawer');
    await drawer.getByTestId('drill-table').waitFor();
    for (const name of aliceLeads) await expect.poll(async () => (await drawer.textContent()) ?? '').toContain(name);
    // Each record links to its lead.
    expect(await drawer.locator('a[href^="/leads/"]').count()).toBe(aliceLeads.length);
    await shot(page, 'performance-drill');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('drill-drawer').count()).toBe(0);
  });

  it('sets a personal target in the scheme form; it applies in the ranking and is kept when the scheme is renamed', async () => {
    const bobFigure = () => page.getByTestId(`ranking-row-${bob.id}`).textContent();
    await page.getByTestId('scheme-edit').click();
    await page.getByTestId('scheme-form').waitFor();
    await page.getByTestId('scheme-add-staff-target').click();
    // The form is tall now, and the dropdown opens near the bottom of the drawer: chooseOption scrolls the list to
    // the option and checks that the pick took.
    await chooseOption(page, 'scheme-staff-target-staff-0', '乙招商');
    await page.getByTestId('scheme-staff-target-value-0').fill('1');
    await shot(page, 'performance-scheme-personal-target');
    await page.getByTestId('scheme-submit').click();
    await expect.poll(() => page.getByTestId('scheme-form').count()).toBe(0);
    // Bob's one lead now meets his own target of 1 (the scheme's is 3): 1 / 1, 100%.
    await expect.poll(async () => (await page.getByTestId(`figure-${bob.id}-new_leads`).locator('xpath=../..').textContent()) ?? '').toContain('1 / 1');
    expect(await bobFigure()).toContain('100%');

    // Renaming keeps the personal target, the period and the bottom share (a PATCH changes only what was sent).
    await page.getByTestId('scheme-edit').click();
    await page.getByTestId('scheme-form').waitFor();
    expect(await page.getByTestId('scheme-staff-target-value-0').inputValue()).toBe('1');
    await page.getByTestId('scheme-name').fill(`${unique('月度考核')}（改名）`);
    await page.getByTestId('scheme-submit').click();
    await expect.poll(() => page.getByTestId('scheme-form').count()).toBe(0);
    await page.getByTestId('scheme-edit').click();
    await page.getByTestId('scheme-form').waitFor();
    expect(await page.getByTestId('scheme-staff-target-value-0').inputValue()).toBe('1');
    expect(
      await page.getByTestId('scheme-bottom').evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.querySelector('input')?.value ?? ''))),
    ).toBe('10');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('scheme-form').count()).toBe(0);
  });

  it('closes the period: the banner says it was reported, later changes show as restatements', async () => {
    await page.getByTestId('close-period').click();
    await page.getByTestId('close-period-ok').click();
    const banner = page.getByTestId('closed-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('已结账（上报委员会）');
    expect(await banner.textContent()).toContain('钱主任');
    await expect.poll(() => page.getByTestId('close-period').count()).toBe(0);

    // Bob logs another lead after closing: the reported figure stays, the change is listed beside it.
    await lead(await apiToken(stack, bob), `${unique('本溪')}药业有限公司`, 1_000_000);
    await page.reload();
    await page.getByTestId('restatements-table').waitFor();
    await expect.poll(async () => (await page.getByTestId('restatements-table').textContent()) ?? '').toContain('乙招商');
    expect((await page.getByTestId(`figure-${bob.id}-new_leads`).textContent())?.trim()).toBe(String(bobLeadCount));
    await shot(page, 'performance-closed');
  });

  it('opens 报表 and downloads the monthly report; the sheet’s totals match the screen', async () => {
    await openFromMenu(page, '报表');
    await page.waitForURL(/\/reports/);
    const view = page.getByTestId('report-view');
    await view.waitFor();
    expect(await page.getByTestId('report-meta').textContent()).toContain(`${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`);
    // Six leads this month (Bob's late one included), one signing.
    await expect.poll(async () => (await page.getByTestId('report-new-leads-total').textContent()) ?? '').toContain('6条');
    const screen = {
      leadsInvestment: wanNumber(await page.getByTestId('total-new-leads-investment').textContent()),
      signedInvestment: wanNumber(await page.getByTestId('total-signed-investment').textContent()),
      landedInvestment: wanNumber(await page.getByTestId('total-landed-investment').textContent()),
      byZoneLeads: Number(await page.getByTestId('total-by-zone-leads').textContent()),
      byZoneSigned: Number(await page.getByTestId('total-by-zone-signed').textContent()),
    };
    // 10 + 20 + 30 + 4 + 2.5 + 1 万元 (the leads' estimates), 5,000 万元 signed.
    expect(screen.leadsInvestment).toBe(67.5);
    expect(screen.signedInvestment).toBe(5000);
    await shot(page, 'performance-report');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/月调度.*\.xlsx$/);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-report-')), 'report.xlsx');
    await download.saveAs(file);
    const [leadsTotal, signedTotal, landedTotal, zoneTotal] = await totalRows(file);
    expect(leadsTotal?.getCell(2).value).toBe('6条');
    expect(leadsTotal?.getCell(6).value).toBe(screen.leadsInvestment);
    expect(signedTotal?.getCell(2).value).toBe('1个');
    expect(signedTotal?.getCell(5).value).toBe(screen.signedInvestment);
    expect(landedTotal?.getCell(7).value).toBe(screen.landedInvestment);
    expect(zoneTotal?.getCell(3).value).toBe(screen.byZoneLeads);
    expect(zoneTotal?.getCell(4).value).toBe(screen.byZoneSigned);
    expect(zoneTotal?.getCell(5).value).toBe(screen.signedInvestment);
    await page.context().close();
  });
});

describe('末位 due process in the browser', () => {
  it('the flagged person appeals from 我的绩效, and another manager lifts the flag from the appeals list', async () => {
    const appellant = await stack.user(['staff'], '丁招商');
    const boss = await apiToken(stack, manager);
    // Half the ranking is the bottom, and nobody did anything in January 2025: everyone scored is flagged, 丁 included.
    const scheme = await apiCall<{ id: string }>(stack, boss, 'POST', '/performance/schemes', {
      name: unique('申诉演示'),
      bottomPercent: 50,
      metrics: [{ metric: 'new_leads', weight: 100, target: 1 }],
    });
    await apiCall(stack, boss, 'POST', '/performance/close', { period: '2025-01', schemeId: scheme.id });
    const where = `/performance?scheme=${scheme.id}&period=2025-01`;

    const staffPage = await signInPage(stack, appellant);
    await staffPage.goto(`${stack.baseUrl}${where}`);
    await staffPage.getByTestId('my-flag').waitFor();
    await expect.poll(async () => staffPage.getByTestId('my-flag').getByTestId('flag-status').getAttribute('data-status')).toBe('pending');
    await staffPage.getByTestId('appeal-open').click();
    await staffPage.getByTestId('appeal-reason').fill('一月在深圳参加招商推介会，线索二月才登记');
    await shot(staffPage, 'performance-appeal-form');
    await staffPage.getByTestId('appeal-ok').click();
    await expect.poll(async () => staffPage.getByTestId('my-flag').getByTestId('flag-status').getAttribute('data-status')).toBe('appealed');
    expect(await staffPage.getByTestId('my-flag').textContent()).toContain('等待管理人员裁定');
    await shot(staffPage, 'performance-appeal-sent');

    const managerPage = await signInPage(stack, manager);
    await managerPage.goto(`${stack.baseUrl}${where}`);
    await managerPage.getByTestId(`appeal-${appellant.id}`).waitFor();
    expect(await managerPage.getByTestId(`appeal-${appellant.id}`).textContent()).toContain('深圳参加招商推介会');
    await shot(managerPage, 'performance-appeals-list');
    await managerPage.getByTestId(`decide-${appellant.id}`).click();
    await managerPage.getByTestId('decide-note').fill('核实推介会行程属实，撤销末位');
    await managerPage.getByTestId('decide-ok').click();
    await managerPage.getByTestId(`appeal-${appellant.id}`).waitFor({ state: 'detached' });
    await expect.poll(async () => managerPage.getByTestId(`ranking-row-${appellant.id}`).getByTestId('flag-status').getAttribute('data-status')).toBe('lifted');

    await staffPage.reload();
    await expect.poll(async () => staffPage.getByTestId('my-flag').getByTestId('flag-status').getAttribute('data-status')).toBe('lifted');
    await staffPage.context().close();
    await managerPage.context().close();
  });
});

// Builds on the month the first journey closed (a pool is computed for a closed month only).
describe('绩效工资 in the browser', () => {
  it('a manager saves a zone’s pool for the closed month; its maker cannot approve it; finance approves, files and exports it', async () => {
    const finance = await stack.user(['finance'], '孙会计');
    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/performance?period=${month}`);
    await page.getByTestId('pay-pool').waitFor();
    await expect.poll(() => page.getByTestId('period-status').textContent()).toContain('已结账');
    await page.getByTestId('pay-base').fill('100000');
    await page.getByTestId('pay-compute').click();
    await page.getByTestId('pay-pool-amount').waitFor();
    await chooseOption(page, 'pay-zone', zoneName);
    await page.getByTestId('pay-save').click();
    const row = page.locator(`[data-testid="pool-${zoneId}"]`);
    await expect.poll(() => row.getByTestId('pool-status').getAttribute('data-status')).toBe('draft');
    // Its maker is refused (maker-checker): an error message, and the pool stays a draft.
    await row.getByTestId('pool-approve').click();
    await page.locator('.ant-message-notice-error').waitFor();
    expect(await row.getByTestId('pool-status').getAttribute('data-status')).toBe('draft');
    await page.context().close();

    const books = await signInPage(stack, finance);
    await books.goto(`${stack.baseUrl}/performance?period=${month}`);
    const pool = books.locator(`[data-testid="pool-${zoneId}"]`);
    await pool.getByTestId('pool-approve').click();
    await expect.poll(() => pool.getByTestId('pool-status').getAttribute('data-status')).toBe('approved');
    await pool.getByTestId('pool-file').click();
    await books.getByTestId('pool-reference').fill('铁经开人备〔2026〕12号');
    await books.getByTestId('pool-file-ok').click();
    await expect.poll(() => pool.getByTestId('pool-status').getAttribute('data-status')).toBe('filed');
    expect(await pool.textContent()).toContain('铁经开人备〔2026〕12号');
    await shot(books, 'performance-pay-pool-filed');
    const [download] = await Promise.all([books.waitForEvent('download'), pool.getByTestId('export-list').click()]);
    expect(download.suggestedFilename()).toMatch(/^绩效工资_.*\.xlsx$/);
    await books.context().close();
  });
});
