import { unique } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

// Issue 14: the approval item catalogue (policy 二(四)5) is the admin's to edit from the settings menu, like zones and industries.
type TestUser = Awaited<ReturnType<Stack['user']>>;
let stack: Stack;
let admin: TestUser;
const code = unique('swc')
  .toLowerCase()
  .replace(/[^a-z0-9_]/g, '_');
const name = `水土保持${code.slice(-4)}`;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.user(['admin'], '钱管理员');
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

describe('approval item kinds in the browser', () => {
  it('an admin adds a kind (the target defaults to half), edits it, and is told in Chinese when the target exceeds the statutory days', async () => {
    const page = await signInPage(stack, admin);
    // It sits in the 系统管理 menu beside zones and industries (selected when open).
    await page.goto(`${stack.baseUrl}/admin/approval-kinds`);
    const item = page.getByRole('menuitem', { name: '审批事项目录' });
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(async () => (await item.getAttribute('class')) ?? '').toContain('ant-menu-item-selected');
    const table = page.getByTestId('approval-kinds-table');
    // The shipped catalogue: 立项/备案 5, 用地 20, 规划许可 20, 施工许可 7, 环评 30, 能评 20 working days.
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    expect(await table.innerText()).toContain('施工许可');

    await page.getByTestId('approval-kind-new').click();
    await page.getByTestId('approval-kind-name').fill(name);
    await page.getByTestId('approval-kind-code').fill(code);
    await page.getByTestId('approval-kind-statutory').fill('20');
    await page.getByTestId('approval-kind-position').fill('70');
    await page.getByTestId('approval-kind-save').click();
    const row = table.locator(`tr[data-code="${code}"]`);
    await expect.poll(() => row.count()).toBe(1);
    const added = await row.innerText();
    expect(added).toContain(name);
    expect(added).toMatch(/20 个工作日[\s\S]*10 个工作日/);
    expect(added).toContain('启用');
    await shot(page, 'approval-kinds');

    // A new statutory figure with the target left as it was brings half along (15 → 8).
    await page.getByTestId(`approval-kind-edit-${code}`).click();
    await page.getByTestId('approval-kind-statutory').fill('15');
    await page.getByTestId('approval-kind-save').click();
    await expect.poll(async () => /15 个工作日[\s\S]*8 个工作日/.test(await row.innerText())).toBe(true);

    // A target above the statutory days is refused on the field, in Chinese; then a valid edit retires the kind.
    await page.getByTestId(`approval-kind-edit-${code}`).click();
    await page.getByTestId('approval-kind-target').fill('20');
    await page.getByTestId('approval-kind-save').click();
    const form = page.getByTestId('approval-kind-form');
    await expect.poll(async () => (await form.innerText()).includes('15')).toBe(true);
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    const why = await page.locator('.ant-form-item-explain-error').first().innerText();
    expect(why).toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'approval-kinds-refused');
    await page.getByTestId('approval-kind-target').fill('5');
    await page.getByTestId('approval-kind-active').click();
    await page.getByTestId('approval-kind-save').click();
    await expect.poll(async () => (await row.innerText()).includes('停用')).toBe(true);
    expect(await row.innerText()).toMatch(/15 个工作日[\s\S]*5 个工作日/);
    await expect.poll(() => page.getByTestId('approval-kind-form').count()).toBe(0);
    await shot(page, 'approval-kinds-edited');
    await page.close();
  });
});
