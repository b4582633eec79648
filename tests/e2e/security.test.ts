import { users } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, newPage, screenshotOnFailure, settled, shot, signInPage, startStack, type Stack } from './browser.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

async function signInForm(page: Page, username: string, password: string) {
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function fillPasswordForm(page: Page, current: string, next: string) {
  await page.getByTestId('password-current').fill(current);
  await page.getByTestId('password-new').fill(next);
  await page.getByTestId('password-confirm').fill(next);
  await page.getByTestId('password-submit').click();
}

describe('a password someone else set is changed at the next sign-in', () => {
  it('shows the change-password screen instead of any other, refuses a common password, then lets the user in', async () => {
    const user = await stack.user(['staff'], '新来的小刘');
    await stack.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, user.id));
    const page = await newPage(stack);
    await signInForm(page, user.username, user.password);
    await page.waitForURL((u) => u.pathname === '/password');
    await page.getByTestId('password-forced').waitFor();
    expect(await page.getByTestId('password-title').textContent()).toBe('请设置您自己的密码');
    await shot(page, 'password-forced');

    // A deep link is no way round it.
    await page.goto(`${stack.baseUrl}/leads`);
    await page.waitForURL((u) => u.pathname === '/password');

    // The browser says what it can judge at once; the common-password list is the server's answer, on the field.
    await fillPasswordForm(page, user.password, 'qwertyuiop');
    await expect.poll(() => page.getByTestId('password-form').textContent()).toContain('是常见密码，请换一个只有您想得到的较长短语');
    await shot(page, 'password-refused');

    await fillPasswordForm(page, user.password, 'tieling-valve-spring-07');
    await page.waitForURL((u) => u.pathname === '/leads');
    await page.getByTestId('nav-menu').waitFor();
    const [row] = await stack.db.select({ must: users.mustChangePassword }).from(users).where(eq(users.id, user.id));
    expect(row?.must).toBe(false);
    await page.context().close();

    // The old password no longer signs in; the new one does, straight to work.
    const again = await newPage(stack);
    await signInForm(again, user.username, user.password);
    await again.getByTestId('login-error').waitFor();
    await signInForm(again, user.username, 'tieling-valve-spring-07');
    await again.waitForURL((u) => u.pathname === '/leads');
    await again.context().close();
  });

  it('lets anyone change their own password from the header; other devices are signed out', async () => {
    const user = await stack.user(['staff'], '王招商');
    const other = await signInPage(stack, user);
    const page = await signInPage(stack, user);
    await page.getByTestId('change-password').click();
    await page.waitForURL((u) => u.pathname === '/password');
    await page.getByTestId('password-hint').waitFor();
    expect(await page.getByTestId('password-title').textContent()).toBe('修改密码');
    await shot(page, 'password-change');
    await fillPasswordForm(page, user.password, 'my-quiet-harbour-2026');
    await page.waitForURL((u) => u.pathname === '/leads');

    // The other device's session is over: its next request sends it to sign in.
    await other.reload();
    await other.waitForURL((u) => u.pathname.startsWith('/login'));
    await other.context().close();
    await page.context().close();
  });
});

describe('the web app runs under its Content-Security-Policy', () => {
  it('serves pages with CSP, frame-ancestors none and nosniff, and no screen, drawer, modal or chart breaks the policy', async () => {
    const manager = await stack.user(['staff', 'manager', 'admin', 'finance'], '全能经理');
    const page = await signInPage(stack, manager);
    const response = await page.goto(`${stack.baseUrl}/leads`);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['content-security-policy']).toMatch(/style-src 'self' 'nonce-[0-9a-f]{32}'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');

    // A drawer with selects (antd writes styles as it opens them), then a lead page.
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-companyName').fill(`${unique('安全')}装备有限公司`);
    await chooseOption(page, 'lead-channel', '网络招商');
    await page.getByTestId('lead-submit').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}/);
    await page.getByTestId('lead-overview').waitFor();

    // Charts, tables, modals, the admin and finance screens.
    for (const path of [
      '/pool',
      '/projects',
      '/pipeline',
      '/funnel',
      '/dashboard',
      '/performance',
      '/reports',
      '/admin/users',
      '/admin/zones',
      '/finance/calculations',
      '/finance/policies',
      '/audit',
    ]) {
      await page.goto(`${stack.baseUrl}${path}`);
      await page.getByTestId('nav-menu').waitFor();
      await settled(page);
    }
    await page.goto(`${stack.baseUrl}/admin/users`);
    await page.getByTestId('user-new').click();
    await page.locator('.ant-modal').first().waitFor();
    // The modal's own styles, and the scroll lock it puts on the page, are <style> tags too.
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).overflowY)).toBe('hidden');
    await shot(page, 'csp-admin-users-modal');
    expect(stack.cspViolations).toEqual([]);
    await page.context().close();
    // Fourteen screens drawn to the end, one after another: on a loaded machine that is more than one test's minute.
  }, 120_000);

  it('cannot be framed by another page', async () => {
    const page = await newPage(stack);
    await page.goto(`${stack.baseUrl}/api/health`);
    // A page of another origin that tries to frame the approvals screen gets nothing loaded in the frame: the answer
    // arrives with frame-ancestors 'none', and setContent returns once the frame's load (or refusal) is over.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${stack.baseUrl}/finance/approvals`),
      page.setContent(`<iframe id="f" src="${stack.baseUrl}/finance/approvals" width="800" height="600"></iframe>`),
    ]);
    expect(answer.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framed = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(framed).not.toContain('招商');
    stack.cspViolations.splice(0);
    await page.context().close();
  });
});
