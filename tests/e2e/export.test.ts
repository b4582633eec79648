import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, today, type Stack } from './browser.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

describe('the full export on the users page (admin)', () => {
  it('downloads every record as .xlsx (a sheet per entity) and as JSON', async () => {
    const admin = await stack.user(['admin'], '韩管理');
    const page = await signInPage(stack, admin);
    await page.goto(`${stack.baseUrl}/admin/users`);
    await page.getByTestId('export-all').waitFor();
    await shot(page, 'admin-users-export');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-all').locator('button').first().click()]);
    // Named by the zone's calendar, in Chinese.
    expect(xlsx.suggestedFilename()).toBe(`招商CRM全部数据_${today()}.xlsx`);
    const folder = mkdtempSync(path.join(tmpdir(), 'crm-e2e-export-'));
    const file = path.join(folder, xlsx.suggestedFilename());
    await xlsx.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['leads', 'users', 'audit_log', 'projects']));
    const usersSheet = book.getWorksheet('users');
    const names: unknown[] = [];
    usersSheet?.eachRow((row) => names.push(row.getCell((usersSheet.getRow(1).values as unknown[]).indexOf('displayName')).value));
    expect(names).toContain('韩管理');

    await page.getByTestId('export-all').locator('button').last().click();
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByText('导出全部数据 (JSON)').click()]);
    expect(json.suggestedFilename()).toBe(`招商CRM全部数据_${today()}.json`);
    const jsonFile = path.join(folder, json.suggestedFilename());
    await json.saveAs(jsonFile);
    const body = JSON.parse(readFileSync(jsonFile, 'utf8')) as { tables: Record<string, { displayName?: string }[]> };
    expect(body.tables.users?.some((u) => u.displayName === '韩管理')).toBe(true);
    await page.context().close();
  });

  it('is not offered to a manager (the page is admin-only, and the API refuses them)', async () => {
    const manager = await stack.user(['manager'], '冯经理');
    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/admin/users`);
    // The page answers with 403 (antd's Result) instead of the users table; the button is nowhere.
    await page.locator('.ant-result-403').waitFor();
    expect(await page.getByTestId('export-all').count()).toBe(0);
    await page.context().close();
  });
});
