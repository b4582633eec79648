/**
 * Headless screenshots of every screen of the web app, for a person to look at (not assertions).
 *
 *   cd tests && npx tsx e2e/screens/capture.ts
 *
 * Needs the API with demo data serving the built web app (pnpm --filter @crm/web build, then
 * DEMO=1 ADMIN_PASSWORD=capture-tieling-2026 pnpm --filter @crm/api start) or a Vite dev/preview server that
 * proxies /api. BASE_URL (default http://localhost:3000), OUT_DIR (default /tmp/screens),
 * CHROMIUM (default /usr/bin/chromium), ADMIN_PASSWORD (default capture-tieling-2026), DEMO_PASSWORD
 * (demo-zhaoshang-2026). The first admin must choose a password at the first sign-in: the script does that once, to
 * ADMIN_PASSWORD followed by "-own", and signs in with that afterwards.
 */
import { addDays, DEFAULT_TIME_ZONE, zoneDate } from '@crm/shared';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const BASE_URL = process.env.BASE_URL ?? 'http://localhost:3000';
const OUT_DIR = process.env.OUT_DIR ?? '/tmp/screens';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'capture-tieling-2026';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-zhaoshang-2026';

type Lead = { id: string; companyName: string; ownerId: string; inPool: boolean };
type Page_<T> = { items: T[]; nextCursor: string | null };
type OpenLead = Lead & { stage: string; zoneId: string | null; industryId: string | null; estimatedInvestmentFen: number };
type ProjectRow = { id: string; name: string; currentMilestone: string; figures?: { id: string; verified: boolean }[] };
type Milestone = 'registered' | 'land_acquired' | 'construction_started' | 'in_production' | 'at_capacity';

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

/** The admin's password after the forced first change (done here once, through the API). */
async function adminPassword(): Promise<string> {
  const own = `${ADMIN_PASSWORD}-own`;
  const first = await api<{ accessToken: string; user: { mustChangePassword: boolean } }>(null, 'POST', '/auth/login', {
    username: 'admin',
    password: ADMIN_PASSWORD,
  });
  if (first.status !== 200) return own;
  if (first.json.user.mustChangePassword) {
    const changed = await api(first.json.accessToken, 'POST', '/auth/password', { currentPassword: ADMIN_PASSWORD, newPassword: own });
    if (changed.status !== 200) throw new Error(`cannot change the admin's first password: ${JSON.stringify(changed.json)}`);
    return own;
  }
  return ADMIN_PASSWORD;
}

/** YYYY-MM-DD, `days` before today (China time is close enough for demo dates). */
// The zone's calendar (as the harness's daysAgo), not UTC's: before 08:00 in China, UTC is still on the day before.
const daysAgo = (days: number) => addDays(zoneDate(new Date(), DEFAULT_TIME_ZONE), -days);

/**
 * The demo has leads but no projects: sign a handful through the API (as the manager) and walk them through
 * their milestones, with reported and verified figures, so the project screens have something to show.
 * Idempotent: a second run reuses what the first one made.
 */
async function seedProjects(manager: string, reporter: string): Promise<ProjectRow[]> {
  const existing = await api<Page_<ProjectRow>>(manager, 'GET', '/projects?limit=100');
  if (existing.json.items.length >= 6) return existing.json.items;
  const candidates = await api<Page_<OpenLead>>(manager, 'GET', '/leads?limit=200&stage=negotiating');
  const visited = await api<Page_<OpenLead>>(manager, 'GET', '/leads?limit=200&stage=visited');
  const leads = [...candidates.json.items, ...visited.json.items].filter((l) => l.zoneId && l.industryId).slice(0, 7);
  const plans: { milestones: [Milestone, number][]; landMu: number; output?: number; tax?: number; verify?: boolean }[] = [
    {
      milestones: [
        ['registered', 300],
        ['land_acquired', 280],
        ['construction_started', 240],
        ['in_production', 120],
        ['at_capacity', 30],
      ],
      landMu: 210.5,
      output: 96_000_000_000,
      tax: 4_800_000_000,
      verify: true,
    },
    {
      milestones: [
        ['registered', 250],
        ['construction_started', 200],
        ['in_production', 60],
      ],
      landMu: 132,
      output: 31_500_000_000,
      tax: 1_260_000_000,
      verify: true,
    },
    {
      milestones: [
        ['registered', 200],
        ['land_acquired', 170],
        ['construction_started', 90],
      ],
      landMu: 86.25,
      output: 8_000_000_000,
      verify: false,
    },
    {
      milestones: [
        ['registered', 120],
        ['land_acquired', 60],
      ],
      landMu: 65,
    },
    { milestones: [['registered', 40]], landMu: 0 },
    { milestones: [], landMu: 150 },
    { milestones: [], landMu: 48.5 },
  ];
  for (const [i, lead] of leads.entries()) {
    const plan = plans[i];
    if (!plan) break;
    const signed = await api<ProjectRow>(manager, 'POST', `/leads/${lead.id}/sign`, {
      signedOn: daysAgo(320 - i * 20),
      contractInvestmentFen: lead.estimatedInvestmentFen > 0 ? lead.estimatedInvestmentFen : 150_000_000_000,
      registeredCapitalFen: 50_000_000_000,
      plannedFixedAssetInvestmentFen: 80_000_000_000,
      landMu: plan.landMu,
      expectedAnnualOutputFen: 120_000_000_000,
      expectedAnnualTaxFen: 6_000_000_000,
      expectedJobs: 120 + i * 30,
      zoneId: lead.zoneId,
      industryId: lead.industryId,
    });
    process.stdout.write(`  sign ${lead.companyName}: ${signed.status}\n`);
    if (signed.status !== 201) continue;
    for (const [milestone, ago] of plan.milestones) {
      const recorded = await api(manager, 'POST', `/projects/${signed.json.id}/milestones`, { milestone, date: daysAgo(ago) });
      if (recorded.status !== 201) process.stdout.write(`  milestone ${milestone}: ${recorded.status} ${JSON.stringify(recorded.json)}\n`);
    }
    const figures: [string, number | undefined][] = [
      ['annual_output', plan.output],
      ['annual_tax', plan.tax],
      ['actual_fixed_asset_investment', plan.output ? 6_000_000_000 : undefined],
    ];
    for (const [kind, amountFen] of figures) {
      if (!amountFen) continue;
      const reported = await api<ProjectRow>(reporter, 'POST', `/projects/${signed.json.id}/figures`, {
        kind,
        amountFen,
        asOf: daysAgo(20),
        source: '统计局月报',
      });
      if (reported.status !== 201) process.stdout.write(`  figure ${kind}: ${reported.status} ${JSON.stringify(reported.json)}\n`);
      const figure = reported.json.figures?.find((f) => !f.verified);
      if (plan.verify && figure && kind !== 'actual_fixed_asset_investment')
        await api(manager, 'POST', `/projects/${signed.json.id}/figures/${figure.id}/verify`);
    }
  }
  return (await api<Page_<ProjectRow>>(manager, 'GET', '/projects?limit=100')).json.items;
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
  await page
    .locator('.ant-skeleton')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
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
    const { context, page } = await signIn(browser, 'admin', await adminPassword());
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

  // ---- projects, pipeline, funnel (issue 3) ----
  const managerToken = await tokenOf('sunli');
  const reporterToken = await tokenOf('zhoujun'); // manager + staff: reports figures, so sunli may verify them
  const seeded = await seedProjects(managerToken, reporterToken);
  process.stdout.write(`  ${seeded.length} projects in the demo\n`);

  // Staff: warnings on the list, the 预警 filter, a lead with durations and the 签约 button, signing through the form
  {
    const { context, page } = await signIn(browser, 'zhangwei');
    await page.goto(`${BASE_URL}/leads?warning=red`);
    await settle(page);
    await page.getByTestId('leads-table').waitFor();
    await shot(page, '28-leads-warning-red', { fullPage: false });

    const staffToken = await tokenOf('zhangwei');
    const mine = await api<Page_<OpenLead>>(staffToken, 'GET', '/leads?limit=100');
    const open = mine.json.items.filter((l) => !l.inPool && ['contacted', 'visited', 'negotiating'].includes(l.stage) && l.zoneId && l.industryId);
    const toSign = open[0];
    if (toSign) {
      await page.goto(`${BASE_URL}/leads/${toSign.id}`);
      await settle(page);
      await page.getByTestId('lead-sign').waitFor();
      await shot(page, '29-lead-warning-durations');
      await page.getByTestId('lead-sign').click();
      await page.getByTestId('sign-form').waitFor();
      await page.getByTestId('sign-contractInvestment').fill('12.345');
      await page.getByTestId('sign-landMu').fill('1.234');
      await page.getByTestId('sign-submit').click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      await shot(page, '30-sign-form-errors', { fullPage: false });
      await page.getByTestId('sign-contractInvestment').fill('8600');
      await page.getByTestId('sign-landMu').fill('95.5');
      await page.getByTestId('sign-registeredCapital').fill('3000');
      await page.getByTestId('sign-expectedAnnualOutput').fill('24000');
      await page.getByTestId('sign-expectedAnnualTax').fill('1200');
      await page.getByTestId('sign-expectedJobs').fill('260');
      await shot(page, '31-sign-form', { fullPage: false });
      await page.getByTestId('sign-submit').click();
      await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
      await settle(page);
      await shot(page, '32-project-signed');
      const projectUrl = page.url();
      // The signed lead now links to its project instead of offering 签约 again
      await page.goto(`${BASE_URL}/leads/${toSign.id}`);
      await settle(page);
      await page.getByTestId('lead-project').waitFor();
      await shot(page, '32b-lead-signed', { fullPage: false });
      await page.goto(projectUrl);
      await settle(page);

      // A milestone refused by the server (another person recorded a later one meanwhile): the error sits by the date
      await page.route('**/api/projects/*/milestones', (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              code: 'VALIDATION',
              message: 'date: 2025-01-02 is before "signed" (2025-03-10); a milestone cannot be dated before an earlier one',
              details: {
                fields: [{ field: 'date', message: '2025-01-02 is before "signed" (2025-03-10); a milestone cannot be dated before an earlier one' }],
              },
              requestId: 'demo-req-3',
            },
          }),
        }),
      );
      await page.getByTestId('milestone-submit').click();
      await page.locator('[data-testid="milestone-form"] .ant-form-item-explain-error').first().waitFor();
      await shot(page, '33-milestone-server-error', { fullPage: false });
      await page.unroute('**/api/projects/*/milestones');
      await page.getByTestId('milestone-submit').click();
      await page.getByText('已记录里程碑').first().waitFor();
      await settle(page);

      await page.getByTestId('figure-new').click();
      await page.getByTestId('figure-form').waitFor();
      await page.getByTestId('figure-kind').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '实际到位资金' }).click();
      await page.getByTestId('figure-amount').fill('2500');
      await shot(page, '34-figure-form', { fullPage: false });
      await page.getByTestId('figure-submit').click();
      await page.locator('[data-testid="figures-table"] [data-verified="false"]').first().waitFor();
      await settle(page);
      await shot(page, '35-project-staff');
    }

    await page.goto(`${BASE_URL}/pipeline`);
    await settle(page);
    await page.getByTestId('pipeline-board').waitFor();
    await shot(page, '36-pipeline-staff', { fullPage: false });
    await page.getByTestId('pipeline-to-funnel').click();
    await settle(page);
    await page.getByTestId('funnel-table').waitFor();
    await shot(page, '37-funnel-staff', { fullPage: false });
    await page.goto(`${BASE_URL}/projects`);
    await settle(page);
    await shot(page, '38-projects-staff', { fullPage: false });
    await context.close();
  }

  // Manager: the projects list and lifecycle, a rich project (verify, credits), the pipeline and the funnel
  {
    const { context, page } = await signIn(browser, 'sunli');
    await page.goto(`${BASE_URL}/projects`);
    await settle(page);
    await page.getByTestId('projects-table').waitFor();
    await shot(page, '39-projects', { fullPage: false });
    await page.goto(`${BASE_URL}/projects?q=${encodeURIComponent('没有这个项目')}`);
    await settle(page);
    await page.getByTestId('projects-empty').waitFor();
    await shot(page, '40-projects-empty-filtered', { fullPage: false });
    await page.goto(`${BASE_URL}/projects/board`);
    await settle(page);
    await page.getByTestId('lifecycle-board').waitFor();
    await shot(page, '41-projects-lifecycle');

    // The project with the most history: at capacity, verified output and tax
    const rich = seeded.find((p) => p.currentMilestone === 'at_capacity') ?? seeded[0];
    if (rich) {
      // A second run starts the credits editor from the same single line as the first.
      const detail = await api<{ ownerId: string }>(managerToken, 'GET', `/projects/${rich.id}`);
      await api(managerToken, 'PUT', `/projects/${rich.id}/credits`, {
        credits: [{ staffId: detail.json.ownerId, role: 'owner', shareBp: 10000 }],
        note: '演示：恢复为负责人独享',
      });
      // A fresh, unverified report for the manager to verify on screen (figures are history: this adds a line).
      await api(reporterToken, 'POST', `/projects/${rich.id}/figures`, {
        kind: 'actual_paid_in',
        amountFen: 1_850_000_000,
        asOf: daysAgo(3),
        source: '企业财务报表',
      });
      await page.goto(`${BASE_URL}/projects/${rich.id}`);
      await settle(page);
      await page.getByTestId('figures-table').waitFor();
      await shot(page, '42-project-detail');
      const verify = page.locator('[data-testid^="figure-verify-"]').first();
      if (await verify.count()) {
        await verify.click();
        await page.waitForTimeout(300);
        await shot(page, '43-figure-verify-confirm', { fullPage: false });
        await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
        await page.getByText('数据已核实').first().waitFor();
      }
      await page.getByTestId('credits-edit').click();
      await page.getByTestId('credits-form').waitFor();
      await page.getByTestId('credit-share-0').fill('40');
      await page.getByTestId('credit-add').click();
      await page.getByTestId('credit-staff-1').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '李娜' }).first().click();
      await page.waitForTimeout(300);
      await page.getByTestId('credit-share-1').fill('50');
      await page.getByTestId('credits-submit').click();
      await page.getByTestId('credits-error').waitFor();
      await shot(page, '44-credits-server-error', { fullPage: false });
      await page.getByTestId('credit-share-1').fill('33.33');
      await page.getByTestId('credit-add').click();
      await page.getByTestId('credit-staff-2').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '王强' }).first().click();
      await page.waitForTimeout(300);
      await page.getByTestId('credit-role-2').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '服务' }).first().click();
      await page.getByTestId('credit-share-2').fill('26.67');
      await page.getByTestId('credits-note').fill('按实际贡献调整');
      await shot(page, '45-credits-editor', { fullPage: false });
      await page.getByTestId('credits-submit').click();
      await page.getByTestId('credits-form').waitFor({ state: 'detached' });
      await settle(page);
      await shot(page, '46-project-credits');
    }

    await page.goto(`${BASE_URL}/pipeline`);
    await settle(page);
    await page.getByTestId('pipeline-board').waitFor();
    await shot(page, '47-pipeline');
    await page.goto(`${BASE_URL}/funnel`);
    await settle(page);
    await page.getByTestId('funnel-chart').waitFor();
    await shot(page, '48-funnel', { fullPage: false });
    await page.getByTestId('filter-zone').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await settle(page);
    await shot(page, '49-funnel-zone', { fullPage: false });
    await page.goto(`${BASE_URL}/funnel?from=2001-01-01&to=2001-12-31`);
    await settle(page);
    await page.getByTestId('funnel-empty').waitFor();
    await shot(page, '50-funnel-empty', { fullPage: false });

    await page.goto(`${BASE_URL}/projects/00000000-0000-4000-8000-000000000000`);
    await settle(page);
    await shot(page, '51-project-not-found', { fullPage: false });
    await page.route('**/api/pipeline/board*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'The database is not reachable. Try again in a minute.', requestId: 'demo-req-4' } }),
      }),
    );
    await page.goto(`${BASE_URL}/pipeline`);
    await page.getByTestId('error-alert').waitFor({ timeout: 20_000 });
    await shot(page, '52-pipeline-error', { fullPage: false });
    await page.unroute('**/api/pipeline/board*');
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
    await page.goto(`${BASE_URL}/projects/board`);
    await settle(page);
    await shot(page, '53-projects-lifecycle-en', { fullPage: false });
    const projects = await api<Page_<ProjectRow>>(await tokenOf('zhoujun'), 'GET', '/projects?limit=20');
    const first = projects.json.items.find((p) => p.currentMilestone === 'at_capacity') ?? projects.json.items[0];
    if (first) {
      await page.goto(`${BASE_URL}/projects/${first.id}`);
      await settle(page);
      await shot(page, '54-project-en');
    }
    await page.goto(`${BASE_URL}/funnel`);
    await settle(page);
    await shot(page, '55-funnel-en', { fullPage: false });
    await page.goto(`${BASE_URL}/pipeline`);
    await settle(page);
    await shot(page, '56-pipeline-en', { fullPage: false });
    await context.close();
  }

  await browser.close();
  process.stdout.write(`${shots.length} screenshots in ${OUT_DIR}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
