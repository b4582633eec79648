import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unique } from '@crm/db/test/factories';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, screenshotOnFailure, settled, shot, signInPage, startStack, type Stack, today, apiCall, apiToken } from './browser.ts';

/** The audit log people can read (issue 10): labels, names linked beside ids, pick-list filters, sign-ins hidden. */
let stack: Stack;
type TestUser = Awaited<ReturnType<Stack['user']>>;
let staff: TestUser;
let colleague: TestUser;
let manager: TestUser;

beforeAll(async () => {
  stack = await startStack();
  staff = await stack.user(['staff'], '王招商');
  colleague = await stack.user(['staff'], '李专员');
  manager = await stack.user(['manager'], '赵主任');
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

const token = (user: TestUser) => apiToken(stack, user);
const api = <T>(as: string, method: string, url: string, body?: unknown) => apiCall<T>(stack, as, method, url, body);
const actions = (page: Page) => page.getByTestId('audit-action').allTextContents();

describe('the audit log in the browser', () => {
  it('reads as labels and names, filters by pick-lists, hides sign-ins until asked, and exports what it shows', async () => {
    const [boss, mine] = await Promise.all([token(manager), token(staff)]);
    const companyName = `${unique('盘锦')}石化有限公司`;
    const lead = await api<{ id: string; version: number }>(mine, 'POST', '/leads', {
      companyName,
      channel: 'industry_chain',
      estimatedInvestmentFen: 104_074_073,
    });
    await api(boss, 'POST', `/leads/${lead.id}/reassign`, { ownerId: colleague.id, version: lead.version });

    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/audit`);
    // Labels, not codes; and no sign-in, though three people just signed in.
    await expect.poll(() => actions(page)).toEqual(expect.arrayContaining(['分配线索', '登记线索']));
    const shown = await actions(page);
    expect(shown).not.toContain('登录');
    expect(shown.join()).not.toMatch(/lead\.|auth\./);
    expect(await page.getByTestId('audit-entity-type').first().textContent()).toBe('线索');

    // The record's name, linked to the record, beside its id.
    const link = page.getByTestId('audit-record').first().getByRole('link', { name: companyName });
    expect(await link.getAttribute('href')).toBe(`/leads/${lead.id}`);

    // Old → new as people read them: owners by name, money in yuan.
    await page.locator('.ant-table-row-expand-icon').first().click();
    const diff = page.getByTestId('audit-diff').first();
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/负责人.*王招商.*李专员/);
    await page.locator('.ant-table-row-expand-icon').nth(1).click();
    const created = page.getByTestId('audit-diff').nth(1);
    await created.waitFor();
    expect(await created.textContent()).toContain('¥1,040,740.73');
    expect(await created.textContent()).toContain('产业链招商');
    await shot(page, 'audit-log');

    // Pick-list filter by action.
    await chooseOption(page, 'audit-filter-action', '分配线索', '分配');
    await expect.poll(async () => [...new Set(await actions(page))]).toEqual(['分配线索']);
    expect(new URL(page.url()).searchParams.get('action')).toBe('lead.reassign');
    await page.getByRole('button', { name: /重\s*置/ }).click();
    await expect.poll(async () => (await actions(page)).includes('登记线索')).toBe(true);

    // Sign-ins, one switch away.
    await page.getByTestId('audit-include-auth').click();
    await expect.poll(async () => (await actions(page)).includes('登录')).toBe(true);
    await page.getByTestId('audit-include-auth').click();
    await expect.poll(async () => (await actions(page)).includes('登录')).toBe(false);

    // Person filter and the export of what the page shows.
    await chooseOption(page, 'audit-filter-actor', '王招商', '王招商');
    await expect.poll(async () => [...new Set(await actions(page))]).toEqual(['登记线索']);
    await shot(page, 'audit-log-filtered');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-list').click()]);
    expect(download.suggestedFilename()).toBe(`审计日志_${today()}.xlsx`);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'crm-e2e-audit-')), download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows: unknown[][] = [];
    book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['时间', '操作人', '动作', '对象类型', '对象', '对象编号', '变更', '请求编号']);
    expect(rows.slice(1).map((r) => [r[1], r[2], r[4]])).toEqual([['王招商', '登记线索', companyName]]);
    await page.context().close();
  });

  it('every list offers 导出 beside its filters', async () => {
    const page = await signInPage(stack, manager);
    for (const [url, name] of [
      ['/projects', 'projects'],
      ['/agents', 'agents'],
      ['/pool', 'pool'],
      ['/leads', 'leads'],
    ] as const) {
      await page.goto(`${stack.baseUrl}${url}`);
      await page.getByTestId('export-list').waitFor();
      await settled(page);
      expect(await page.getByTestId('export-list').textContent()).toMatch(/导\s*出/);
      await shot(page, `export-button-${name}`);
    }
    await page.context().close();
    const finance = await signInPage(stack, await stack.user(['finance'], '钱会计'));
    await finance.goto(`${stack.baseUrl}/finance/calculations`);
    await finance.getByTestId('export-list').waitFor();
    await settled(finance);
    await shot(finance, 'export-button-calculations');
    await finance.context().close();
  });
});
