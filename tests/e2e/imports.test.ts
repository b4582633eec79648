import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { creditCodeCheckChar } from '@crm/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

const folder = mkdtempSync(path.join(tmpdir(), 'crm-e2e-import-'));
const HEADERS = ['企业名称', '统一社会信用代码', '联系人', '电话', '行业', '开发区/园区', '渠道', '预计投资(万元)', '负责人', '登记日期', '客户备注'];

async function sheet(name: string, rows: ExcelJS.CellValue[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('线索');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  const file = path.join(folder, name);
  await wb.xlsx.writeFile(file);
  return file;
}
let n = 4000;
const code = (wrong = false) => {
  const first17 = `91350100M${String(n++).padStart(8, '0')}`;
  const c = creditCodeCheckChar(first17) as string;
  return first17 + (wrong ? (c === '0' ? '1' : '0') : c);
};

describe('数据导入: upload, map, preview with errors, fix, import with progress', () => {
  it('walks a manager through a file with refused rows, then the fixed file into the CRM', async () => {
    const manager = await stack.user(['manager'], '孙经理');
    const staff = await stack.user(['staff'], '张伟');
    const other = await stack.user(['staff'], '李娜');
    const { zone } = await makeZone(stack.db, { name: '高新技术产业开发区' });
    await makeIndustry(stack.db, { name: '新材料' });
    // 李娜 already has this company (撞单).
    const login = await stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: other.username, password: other.password } });
    const token = login.json<{ accessToken: string }>().accessToken;
    const existing = await stack.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { authorization: `Bearer ${token}` },
      payload: { companyName: '福州已有材料有限公司', channel: 'online', zoneId: zone.id },
    });
    expect(existing.statusCode).toBe(201);

    const good = (i: number): ExcelJS.CellValue[] => [
      `${unique('闽江')}新材料${i}有限公司`,
      code(),
      '陈先生',
      '13900000000',
      '新材料',
      zone.name,
      '产业链招商',
      String(100 + i),
      i % 2 ? '张伟' : '',
      i % 3 === 0 ? '2026/03/01' : i % 3 === 1 ? '2026年3月2日' : new Date(Date.UTC(2026, 2, 3)),
    ];
    const goodRows = Array.from({ length: 1200 }, (_, i) => [...good(i), `备注${i}`]);
    const bad = await sheet('存量线索.xlsx', [
      ...goodRows.slice(0, 4),
      ['码错误科技有限公司', code(true), '', '', '新材料', zone.name, '', '', '', '2026-03-01', ''],
      ['未知园区科技有限公司', '', '', '', '', '不存在的开发区', '', '', '', '', ''],
      ['福州已有材料有限公司', '', '', '', '', zone.name, '', '', '', '', ''],
      ['公式科技有限公司', '', '', '', '', zone.name, '', { formula: 'H2*2', result: 200 } as ExcelJS.CellValue, '', '', ''],
    ]);
    const fixed = await sheet('存量线索_已修改.xlsx', goodRows);

    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/imports`);
    await page.getByTestId('import-upload').waitFor();
    await shot(page, 'imports-empty');

    // Upload: the columns are mapped from their Chinese headers; the last one is not known and is mapped by hand.
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-mapping').waitFor();
    await page.getByText('已根据表头名称自动对应，请核对').waitFor();
    await page.getByTestId('import-map-10').click();
    await page.keyboard.type('备注');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^备注$/ })
      .click();
    await shot(page, 'imports-mapping');
    await page.getByTestId('import-check').click();

    // The check: 4 rows refused, each with its column, problem and fix; nothing can be imported.
    await page.getByTestId('import-refused-alert').waitFor();
    await expect.poll(() => page.getByTestId('import-refused').textContent()).toContain('4');
    const issues = page.getByTestId('import-issues');
    await expect.poll(() => issues.textContent()).toContain('校验位错误');
    const text = (await issues.textContent()) ?? '';
    expect(text).toContain('不存在的开发区');
    expect(text).toContain('撞单');
    expect(text).toContain('李娜');
    expect(text).toContain('公式');
    expect(await page.getByTestId('import-run').count()).toBe(0);
    await shot(page, 'imports-check-errors');
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    expect(report.suggestedFilename()).toBe('存量线索_检查报告.xlsx');

    // Fix: upload the corrected file; the mapping chosen for these headers is offered again.
    await page.getByTestId('import-start-over').click();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(fixed);
    await page.getByText('已沿用上次为同样表头保存的对应关系').waitFor();
    await page.getByTestId('import-default-owner').click();
    await page.keyboard.type('孙经理');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^孙经理$/ })
      .click();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-run').waitFor();
    await shot(page, 'imports-check-clean');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-progress').waitFor();
    await shot(page, 'imports-progress');
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('已导入 1200 条线索');
    await expect.poll(() => page.getByTestId('import-history').textContent()).toContain('存量线索_已修改.xlsx');
    await shot(page, 'imports-done');

    // The leads are there, each owner's.
    const mine = await stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: staff.username, password: staff.password } });
    const leads = await stack.app.inject({
      method: 'GET',
      url: '/api/leads?q=%E9%97%BD%E6%B1%9F&limit=100',
      headers: { authorization: `Bearer ${mine.json<{ accessToken: string }>().accessToken}` },
    });
    expect(leads.json<{ items: { ownerName: string }[] }>().items.every((l) => l.ownerName === '张伟' || l.ownerName === '孙经理')).toBe(true);
    await page.context().close();
  });

  it('walks a manager through a projects file: kind 项目, a refused row, the fixed file signed into projects', async () => {
    const manager = await stack.user(['manager'], '周主任');
    const staff = await stack.user(['staff'], '郑强');
    const { zone } = await makeZone(stack.db, { name: '马尾经济技术开发区' });
    await makeIndustry(stack.db, { name: '海洋经济' });
    const login = await stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: staff.username, password: staff.password } });
    const auth = { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` };
    const leads = [];
    for (let i = 0; i < 3; i++) {
      const res = await stack.app.inject({
        method: 'POST',
        url: '/api/leads',
        headers: auth,
        payload: { companyName: `${unique('马尾海洋')}${i}有限公司`, creditCode: code(), channel: 'direct', zoneId: zone.id },
      });
      expect(res.statusCode).toBe(201);
      leads.push(res.json<{ id: string; creditCode: string; companyName: string }>());
    }
    const headers = ['统一社会信用代码', '企业名称', '签约日期', '签约投资(万元)', '用地(亩)', '开发区', '行业'];
    const write = async (name: string, rows: ExcelJS.CellValue[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('项目');
      ws.addRow(headers);
      for (const r of rows) ws.addRow(r);
      const file = path.join(folder, name);
      await wb.xlsx.writeFile(file);
      return file;
    };
    const rows: ExcelJS.CellValue[][] = [
      [leads[0]!.creditCode, '', '2026/03/01', '1234.56', '30', zone.name, '海洋经济'],
      [leads[1]!.creditCode, '', '2026年3月2日', '800', '', zone.name, '海洋经济'],
      ['', leads[2]!.companyName, new Date(Date.UTC(2026, 2, 3)), '99.5', '', zone.name, '海洋经济'],
    ];
    const bad = await write('签约项目.xlsx', [...rows, [leads[0]!.creditCode, '', '2026-03-04', '10', '', '不存在的开发区', '海洋经济']]);
    const fixed = await write('签约项目_已修改.xlsx', rows);

    const page = await signInPage(stack, manager);
    await page.goto(`${stack.baseUrl}/imports`);
    await page.getByTestId('import-kind').getByText('项目').click();
    await page.getByText('下载项目模板').waitFor();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByTestId('import-default-owner').count()).toBe(0); // a project's owner is its lead's
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-refused-alert').waitFor();
    const issues = page.getByTestId('import-issues');
    await expect.poll(() => issues.textContent()).toContain('不存在的开发区');
    expect(await issues.textContent()).toContain('与第 2 行是同一线索');
    await shot(page, 'imports-projects-errors');

    await page.getByTestId('import-start-over').click();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(fixed);
    await page.getByText('已沿用上次为同样表头保存的对应关系').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-run').waitFor();
    await shot(page, 'imports-projects-clean');
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('已导入 3 个项目');
    await expect.poll(() => page.getByTestId('import-history').textContent()).toContain('签约项目_已修改.xlsx');
    await shot(page, 'imports-projects-done');
    const projects = await stack.app.inject({ method: 'GET', url: `/api/projects?q=${encodeURIComponent('马尾海洋')}`, headers: auth });
    const items = projects.json<{ items: { contractInvestmentFen: number; ownerName: string }[] }>().items;
    expect(items).toHaveLength(3);
    expect(items.map((p) => p.contractInvestmentFen).sort((a, b) => a - b)).toEqual([99_500_000, 800_000_000, 1_234_560_000]);
    expect(items.every((p) => p.ownerName === '郑强')).toBe(true);
    await page.context().close();
  });

  it('lets staff import (for themselves) and keeps finance out', async () => {
    const staff = await stack.user(['staff'], '王芳');
    const page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/imports`);
    await page.getByTestId('import-upload').waitFor();
    expect(await page.getByTestId('import-history').textContent()).toContain('还没有导入记录');
    expect(await page.getByTestId('import-kind').count()).toBe(0); // staff import leads only
    await page.context().close();
    const finance = await stack.user(['finance'], '吴会计');
    const fp = await signInPage(stack, finance);
    await fp.goto(`${stack.baseUrl}/imports`);
    await fp.locator('.ant-result-403').waitFor();
    expect(await fp.getByTestId('import-upload').count()).toBe(0);
    await fp.context().close();
  });
});
