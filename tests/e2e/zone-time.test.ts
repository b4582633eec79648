import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom } from '@crm/shared';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

/**
 * The zone's calendar on screen: records made at 23:59:59 and 00:00:00 China time around a month, quarter and year
 * end; pages opened at 00:30 in China (when UTC is still on the previous day) in a browser set to UTC and in one set
 * to Asia/Shanghai. Whatever the browser's zone, the page shows the zone's month, dates and times, and the .xlsx it
 * downloads says the same.
 */
const clock = clockFrom('2031-09-30T12:00:00+08:00');
let stack: Stack;
type TestUser = Awaited<ReturnType<Stack['user']>>;
let staff: TestUser;
let boss: TestUser;
const names: Record<string, string> = {};

async function tokenOf(user: TestUser): Promise<string> {
  const login = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: stack.baseUrl },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (!login.ok) throw new Error(`cannot sign in as ${user.username}: ${await login.text()}`);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

async function api<T>(accessToken: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.baseUrl}/api${url}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

let zoneId = '';
let industryId = '';
const leadIds: Record<string, string> = {};
async function leadAt(key: string, instant: string) {
  // Signed in a minute before (sessions expire by the app's clock), then the clock stops at the instant itself.
  clock.set(new Date(Date.parse(instant) - 60_000).toISOString());
  const token = await tokenOf(staff);
  clock.freeze(instant);
  names[key] = `${unique(key)}有限公司`;
  const lead = await api<{ id: string }>(token, 'POST', '/leads', {
    companyName: names[key],
    channel: 'direct',
    zoneId,
    industryId,
    estimatedInvestmentFen: 1_000_000,
  });
  leadIds[key] = lead.id;
}

beforeAll(async () => {
  stack = await startStack({ clock });
  staff = await stack.user(['staff'], '边界专员');
  boss = await stack.user(['manager'], '边界主任');
  zoneId = (await makeZone(stack.db)).zone.id;
  industryId = (await makeIndustry(stack.db)).industry.id;
  await leadAt('sep30', '2031-09-30T23:59:59+08:00');
  await leadAt('oct01', '2031-10-01T00:00:00+08:00');
  await leadAt('dec31', '2031-12-31T23:59:59+08:00');
  await leadAt('jan01', '2032-01-01T00:00:00+08:00');
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
/** The text of an Ant Design picker, whether the test id sits on its input or on its wrapper. */
const pickerValue = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .first()
    .evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.querySelector('input')?.value ?? '')));

async function downloadedCells(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-download').click()]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-zone-')), 'report.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const cells: string[] = [];
  book.worksheets[0]?.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
  return cells;
}

describe.each(['UTC', 'Asia/Shanghai'])('with the browser in %s and China at 00:30 on a new day', (timezoneId) => {
  it('the monthly report opens on the zone’s new month, dates leads by the China day, and the .xlsx agrees', async () => {
    clock.set('2031-10-01T00:30:00+08:00');
    const page = await signInPage(stack, boss, { timezoneId });
    await page.goto(`${stack.baseUrl}/reports`);
    await page.getByTestId('report-view').waitFor();
    await expect.poll(() => text(page, 'report-meta')).toContain('2031年10月');
    expect(await text(page, 'report-meta')).toContain('2031-10-01 00:3');
    const table = await text(page, 'report-view');
    expect(table).toContain(names.oct01);
    expect(table).toContain('2031-10-01');
    expect(table).not.toContain(names.sep30);
    await shot(page, `zone-time-report-${timezoneId.replace('/', '-')}`);

    const cells = await downloadedCells(page);
    const at = cells.indexOf(names.oct01 ?? '');
    expect(at).toBeGreaterThan(-1);
    expect(cells.slice(at, at + 8)).toContain('2031-10-01');
    expect(cells.join('|')).not.toContain(names.sep30);
    expect(cells.some((c) => c.includes('生成时间：2031-10-01 00:3'))).toBe(true);

    // The previous month still holds the lead made one second before midnight.
    await page.goto(`${stack.baseUrl}/reports?period=2031-09`);
    await expect.poll(() => text(page, 'report-view')).toContain(names.sep30);
    expect(await text(page, 'report-view')).toContain('2031-09-30');
    expect(await text(page, 'report-view')).not.toContain(names.oct01);
    await page.context().close();
  });

  it('a visit is dated today in the zone by default, and today is not "in the future"', async () => {
    clock.set('2031-10-01T00:30:00+08:00');
    const page = await signInPage(stack, staff, { timezoneId });
    await page.goto(`${stack.baseUrl}/leads/${leadIds.oct01}`);
    await page.getByTestId('activity-new').click();
    await expect.poll(() => pickerValue(page, 'activity-occurredOn')).toBe('2031-10-01');
    const summary = `国庆拜访 ${timezoneId}`;
    await page.getByTestId('activity-summary').fill(summary);
    await page.getByTestId('activity-submit').click();
    await expect.poll(() => text(page, 'activity-timeline')).toContain(summary);
    expect(await text(page, 'activity-timeline')).toContain('2031-10-01');
    await page.context().close();
  });

  it('at the year end the dashboard, the quarterly report and 绩效 open on the zone’s new year', async () => {
    clock.set('2032-01-01T00:30:00+08:00');
    const page = await signInPage(stack, boss, { timezoneId });
    await page.goto(`${stack.baseUrl}/dashboard`);
    await expect.poll(() => pickerValue(page, 'dashboard-year')).toBe('2032');

    await page.goto(`${stack.baseUrl}/reports?tab=quarterly`);
    await expect.poll(() => text(page, 'report-meta')).toContain('2032年第一季度');
    expect(await text(page, 'report-view')).toContain(names.jan01);
    expect(await text(page, 'report-view')).not.toContain(names.dec31);

    await page.goto(`${stack.baseUrl}/performance`);
    await expect.poll(() => pickerValue(page, 'period')).toBe('2032年1月');
    await page.context().close();
  });
});
