/**
 * Headless screenshots of every screen of the web app, for a person to look at (not assertions).
 *
 *   cd tests && npx tsx e2e/screens/capture.ts
 *
 * Needs the API with demo data serving the built web app (pnpm --filter @crm/web build, then
 * DEMO=1 ADMIN_PASSWORD=admin12345 pnpm --filter @crm/api start) or a Vite dev/preview server that
 * proxies /api. BASE_URL (default http://localhost:3000), OUT_DIR (default /tmp/screens),
 * CHROMIUM (default /usr/bin/chromium), ADMIN_PASSWORD (default admin12345), DEMO_PASSWORD (demo12345).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const BASE_URL = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT_DIR = process.env.OUT_DIR ?? '/tmp/screens';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'admin12345';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo12345';

type Lead = { id: string; companyName: string; ownerId: string; inPool: boolean };
type Page_<T> = { items: T[]; nextCursor: string | null };

mkdirSync(OUT_DIR, { recursive: true });
const shots: string[] = [];

async function api<T>(token: string | null, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${BASE_URL}/api${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as T };
}

async function tokenOf(username: string, password = DEMO_PASSWORD): Promise<string> {
  const { status, json } = await api<{ accessToken: string }>(null, 'POST', '/auth/login', { username, password });
  if (status !== 200) throw new Error(`cannot sign in as ${username}: ${JSON.stringify(json)}`);
  return json.accessToken;
}

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.waitForTimeout(400); // let antd's motion settle
  if (options.fullPage ?? true) await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  shots.push(file);
  process.stdout.write(`  ${file}\n`);
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-skeleton').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

async function signIn(browser: Browser, username: string, password = DEMO_PASSWORD, language: 'zh-CN' | 'en' = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: language });
  await context.addInitScript((lang) => localStorage.setItem('crm.language', lang), language);
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stdout.write(`  [page error] ${error.message}\n`));
  page.on('console', (message) => {
    if (message.type() === 'error') process.stdout.write(`  [console] ${message.text().slice(0, 300)}\n`);
  });
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await settle(page);
  return { context, page };
}

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const stamp = Date.now().toString(36).slice(-5);

  // ---- sign-in ----
  {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/login`);
    await page.getByTestId('login-submit').waitFor();
    await shot(page, '01-login');
    await page.getByTestId('login-username').fill('zhangwei');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await shot(page, '02-login-failed');
    await context.close();
  }

  // ---- staff: leads, lead form, duplicate, lead page, activity, pool, agents ----
  {
    const { context, page } = await signIn(browser, 'zhangwei');
    await page.goto(`${BASE_URL}/leads`);
    await settle(page);
    await page.getByTestId('leads-table').waitFor();
    await shot(page, '03-leads', { fullPage: false });

    await page.goto(`${BASE_URL}/leads?q=${encodeURIComponent('没有这家企业')}`);
    await settle(page);
    await page.getByTestId('leads-empty').waitFor();
    await shot(page, '04-leads-empty-filtered', { fullPage: false });

    // New lead: client-side checks first
    await page.goto(`${BASE_URL}/leads`);
    await settle(page);
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-form').waitFor();
    await page.getByTestId('lead-creditCode').fill('9144030071526726XA');
    await page.getByTestId('lead-investment').fill('12.345');
    await page.getByTestId('lead-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await shot(page, '05-lead-form-errors', { fullPage: false });

    // Duplicate (撞单): the first lead of this user's list, again
    const staffToken = await tokenOf('zhangwei');
    const mine = await api<Page_<Lead>>(staffToken, 'GET', '/leads?limit=5');
    const existing = mine.json.items[0];
    if (existing) {
      await page.getByTestId('lead-companyName').fill(existing.companyName);
      await page.getByTestId('lead-creditCode').fill('');
      await page.getByTestId('lead-investment').fill('5000');
      await page.getByTestId('lead-channel').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '网络招商' }).click();
      await page.getByTestId('lead-submit').click();
      await page.getByTestId('lead-duplicate-alert').waitFor();
      await shot(page, '06-lead-duplicate', { fullPage: false });
    }

    // A fresh lead, created through the form; lands on its page
    await page.getByTestId('lead-companyName').fill(`铁岭新锐智能装备有限公司${stamp}`);
    await page.getByTestId('lead-submit').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    const createdUrl = page.url();
    await settle(page);
    await shot(page, '07-lead-created');

    // Server-side field errors land next to their fields (contacts.0.phone → the first contact's phone)
    await page.goto(`${BASE_URL}/leads`);
    await settle(page);
    await page.route('**/api/leads', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({
              error: {
                code: 'VALIDATION',
                message: 'companyName: is too long; contacts.0.phone: is too long (at most 32 characters)',
                details: {
                  in: 'body',
                  fields: [
                    { field: 'companyName', message: 'is too long (at most 128 characters)' },
                    { field: 'contacts.0.phone', message: 'is too long (at most 32 characters)' },
                    { field: 'estimatedInvestmentFen', message: 'is too large' },
                  ],
                },
                requestId: 'demo-req-2',
              },
            }),
          })
        : route.fallback(),
    );
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-form').waitFor();
    await page.getByTestId('lead-companyName').fill('沈阳测试服务端校验有限公司');
    await page.getByTestId('lead-channel').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '网络招商' }).click();
    await page.getByTestId('lead-investment').fill('100');
    await page.getByRole('button', { name: /添加联系人/ }).click();
    await page.locator('[data-testid="lead-contact-0"] input').first().fill('王经理');
    await page.getByTestId('lead-submit').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await shot(page, '07b-lead-server-field-errors', { fullPage: false });
    await page.unroute('**/api/leads');
    await page.keyboard.press('Escape');

    // Stale edit: a colleague (here: the API directly) saves the lead while the form is open
    await page.goto(createdUrl);
    await settle(page);
    await page.getByTestId('lead-edit').click();
    await page.getByTestId('lead-form').waitFor();
    const createdId = createdUrl.split('/').pop() ?? '';
    const current = await api<{ version: number }>(staffToken, 'GET', `/leads/${createdId}`);
    await api(staffToken, 'PATCH', `/leads/${createdId}`, { version: current.json.version, notes: '同事刚刚补充的备注' });
    await page.getByTestId('lead-investment').fill('6000');
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-stale-alert').waitFor();
    await shot(page, '07c-lead-stale-edit', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.goto(createdUrl);
    await settle(page);

    // Activity
    await page.getByTestId('activity-new').click();
    await page.getByTestId('activity-form').waitFor();
    await page.getByTestId('activity-summary').fill('拜访企业总部，与投资总监座谈，介绍开发区专用车产业园政策与用地条件，对方有意年内来访考察。');
    await shot(page, '08-activity-form', { fullPage: false });
    await page.getByTestId('activity-submit').click();
    await page.locator('[data-testid="activity-timeline"] .ant-timeline').waitFor();
    await settle(page);
    await shot(page, '09-lead-with-activity');

    // Stage change to lost needs a reason
    await page.getByTestId('stage-change').click();
    await page.getByTestId('stage-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '流失' }).click();
    await page.getByTestId('stage-reason').waitFor();
    await page.locator('.ant-modal-footer .ant-btn-primary, .ant-modal-footer .ant-btn-dangerous').last().click();
    await page.waitForTimeout(300);
    await shot(page, '10-stage-lost-reason', { fullPage: false });
    await page.keyboard.press('Escape');

    // An existing lead with history
    const rich = mine.json.items.find((l) => !l.inPool) ?? existing;
    if (rich) {
      await page.goto(`${BASE_URL}/leads/${rich.id}`);
      await settle(page);
      await page.getByTestId('activity-timeline').waitFor();
      await shot(page, '11-lead-detail');
    }

    // Not found
    await page.goto(`${BASE_URL}/leads/00000000-0000-4000-8000-000000000000`);
    await settle(page);
    await shot(page, '12-lead-not-found', { fullPage: false });

    // Pool, then a double claim: a colleague claims the first row after the page loaded
    await page.goto(`${BASE_URL}/pool`);
    await settle(page);
    await page.getByTestId('pool-table').waitFor();
    await shot(page, '13-pool', { fullPage: false });
    const pool = await api<Page_<Lead>>(staffToken, 'GET', '/leads?pool=true&limit=10');
    const target = pool.json.items.find((l) => l.ownerId !== mine.json.items[0]?.ownerId);
    if (target) {
      const colleague = await tokenOf('lina');
      const first = await api(colleague, 'POST', `/leads/${target.id}/claim`);
      process.stdout.write(`  colleague claim: ${first.status}\n`);
      await page.getByTestId(`claim-${target.id}`).click();
      await page.getByTestId('claim-error').waitFor();
      await shot(page, '14-pool-double-claim', { fullPage: false });
    }

    // Error state: the list endpoint failing
    await page.route('**/api/leads?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The database is not reachable. Try again in a minute.', requestId: 'demo-req-1' } }),
      }),
    );
    await page.goto(`${BASE_URL}/leads`);
    await page.getByTestId('error-alert').waitFor({ timeout: 20_000 });
    await shot(page, '15-leads-error', { fullPage: false });
    await page.unroute('**/api/leads?*');

    // Agents
    await page.goto(`${BASE_URL}/agents`);
    await settle(page);
    await page.getByTestId('agents-table').waitFor();
    await shot(page, '16-agents', { fullPage: false });
    await page.getByTestId('agent-new').click();
    await page.getByTestId('agent-form').waitFor();
    await shot(page, '17-agent-form', { fullPage: false });
    await context.close();
  }

  // ---- manager: audit, reassign ----
  {
    const { context, page } = await signIn(browser, 'sunli');
    await page.goto(`${BASE_URL}/leads`);
    await settle(page);
    await shot(page, '18-leads-manager', { fullPage: false });
    const firstLink = page.locator('[data-testid^="lead-link-"]').first();
    await firstLink.click();
    await settle(page);
    await page.getByTestId('lead-reassign').click();
    await page.waitForTimeout(300);
    await shot(page, '19-lead-reassign', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.goto(`${BASE_URL}/audit?entityType=lead`);
    await settle(page);
    await page.getByTestId('audit-table').waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    await shot(page, '20-audit', { fullPage: false });
    await context.close();
  }

  // ---- admin: users, zones, industries ----
  {
    const { context, page } = await signIn(browser, 'admin', ADMIN_PASSWORD);
    await page.goto(`${BASE_URL}/admin/users`);
    await settle(page);
    await page.getByTestId('users-table').waitFor();
    await shot(page, '21-admin-users', { fullPage: false });
    await page.getByTestId('user-new').click();
    await page.getByTestId('user-form').waitFor();
    await shot(page, '22-admin-user-form', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.goto(`${BASE_URL}/admin/zones`);
    await settle(page);
    await page.getByTestId('zones-table').waitFor();
    await shot(page, '23-admin-zones', { fullPage: false });
    await page.getByTestId('zone-new').click();
    await page.getByTestId('zone-form').waitFor();
    await shot(page, '24-admin-zone-form', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.goto(`${BASE_URL}/admin/industries`);
    await settle(page);
    await page.getByTestId('industries-board').waitFor();
    await shot(page, '25-admin-industries');
    await context.close();
  }

  // ---- English ----
  {
    const { context, page } = await signIn(browser, 'zhoujun', DEMO_PASSWORD, 'en');
    await page.goto(`${BASE_URL}/leads`);
    await settle(page);
    await shot(page, '26-leads-en', { fullPage: false });
    const firstLink = page.locator('[data-testid^="lead-link-"]').first();
    await firstLink.click();
    await settle(page);
    await shot(page, '27-lead-en');
    await context.close();
  }

  await browser.close();
  process.stdout.write(`${shots.length} screenshots in ${OUT_DIR}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
