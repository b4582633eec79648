import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type DbHandle } from '@crm/db';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { systemClock, type Clock, type Role } from '@crm/shared';
import { chromium, type Browser, type Page } from 'playwright-core';
import postgres from 'postgres';
import { afterEach, beforeEach, expect } from 'vitest';
import { buildApp } from '../../apps/api/src/app.ts';
import { repoRoot } from '../../apps/api/src/env.ts';
import { fileClock } from '../../apps/api/src/test/harness.ts';
import { pgliteTemplate } from '../../apps/api/src/test/pglite-template.ts';

export { daysAgo, today } from '../../apps/api/src/test/harness.ts';

/**
 * Pages run in UTC unless a test says otherwise: the zone (Asia/Shanghai) is 8 hours ahead, so a page that took
 * "today" from the browser would show the wrong day for eight hours a day — the tests would see it.
 */
export const BROWSER_TIME_ZONE = process.env.TEST_BROWSER_TZ ?? 'UTC';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const webDist = path.join(repoRoot, 'apps', 'web', 'dist');
export const screenshotDir = path.join(repoRoot, 'tests', '.artifacts', 'screens');

/**
 * The whole CRM as a user meets it: the real API serving the built web app on a free port, on PGlite or on
 * TEST_DATABASE_URL, and a real headless Chromium.
 */
export async function startStack(options: { clock?: Clock } = {}) {
  if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('The web app is not built: run "pnpm build" first (pnpm test does).');
  const database = await e2eDatabase();
  const handle: DbHandle = await openDb(database ? { url: database.url } : pgliteTemplate());
  // The API and every page share one clock: the file's (TEST_CLOCK_AT fixes it; see apps/api/src/test/harness.ts).
  const clock = options.clock ?? fileClock;
  const attachmentsDir = mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-attachments-'));
  // Every page signs in from 127.0.0.1: the per-address throttle is the API tests' to check, not the browser's.
  // The scheduler's timer stays off: a test that needs reminders calls stack.app.scheduler.tick().
  const app = await buildApp({
    db: handle,
    webDist,
    jwtSecret: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    config: { clock, rateLimit: { signInPerMinute: 100_000, refreshPerMinute: 100_000 }, scheduler: { enabled: false }, attachmentsDir },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(screenshotDir, { recursive: true });
  // Every page runs under the API's Content-Security-Policy; whatever the browser refuses is kept here, and a test
  // that met a refusal fails (screenshotOnFailure's check): the policy must be one the whole app runs under.
  const cspViolations: string[] = [];
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    cspViolations,
    db: handle.db,
    app,
    browser,
    clock,
    async user(roles: Role[], displayName?: string) {
      const row = await makeUser(handle.db, { roles, ...(displayName ? { displayName } : {}) });
      return { ...row, password: TEST_PASSWORD };
    },
    async close() {
      await browser.close();
      await app.close();
      await handle.close();
      await database?.drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * With TEST_DATABASE_URL, each browser-test file gets its own new database on that server (dropped after), so
 * what the pages show — rankings, dashboards, dropdowns — is the file's own data, never the API tests'.
 */
async function e2eDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_e2e_${Math.random().toString(36).slice(2, 10)}`;
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}

export type PageOptions = { timezoneId?: string; viewport?: { width: number; height: number } };

/**
 * A fresh browser context (own cookies) in a fixed time zone whose clock reads the API's clock: when the API runs
 * at 2026-12-01T01:30+08:00 (TEST_CLOCK_AT), so does the page (Playwright's clock, then ticking on).
 */
export async function newPage(stack: Stack, options: PageOptions = {}): Promise<Page> {
  const context = await stack.browser.newContext({
    locale: 'zh-CN',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    timezoneId: options.timezoneId ?? BROWSER_TIME_ZONE,
  });
  if (stack.clock !== systemClock) await context.clock.install({ time: stack.clock.now() });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`,
      );
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && /CSP violation|Content Security Policy/.test(message.text()))
      stack.cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

/** Opens a fresh browser context and signs in through the login form. */
export async function signInPage(stack: Stack, user: { username: string; password: string }, options: PageOptions = {}): Promise<Page> {
  const page = await newPage(stack, options);
  await page.goto(`${stack.baseUrl}/login`);
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/**
 * A screenshot once antd's motion has ended. Pages are taken whole; with `overlay`, only the viewport, where an open
 * drawer's or modal's mask covers everything behind it.
 */
export async function shot(page: Page, name: string, options: { overlay?: boolean } = {}) {
  await motionDone(page);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: !options.overlay });
}

/** On a failed test, every open page is saved as failure-<test>-<n>.png beside the other screenshots. */
export function screenshotOnFailure(stack: () => Stack | undefined) {
  afterEach(() => {
    const violations = stack()?.cspViolations.splice(0) ?? [];
    if (violations.length > 0) throw new Error(`The page broke the Content-Security-Policy:\n${violations.join('\n')}`);
  });
  beforeEach((context) => {
    context.onTestFailed(async ({ task }) => {
      const pages =
        stack()
          ?.browser.contexts()
          .flatMap((c) => c.pages()) ?? [];
      let n = 0;
      for (const page of pages) {
        const name = `failure-${task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)}-${n++}`;
        await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true }).catch(() => undefined);
      }
    });
  });
}

/**
 * Picks an option of an Ant Design Select by its visible label. The dropdown is a virtual list that renders only
 * what is in view, so it is scrolled a screen at a time until the option is rendered; the click waits for the option
 * to be actionable, and the pick is done when the dropdown has closed and the select shows the label (so the next
 * pick never finds this one's options while they fade out).
 */
export async function chooseOption(page: Page, testId: string, label: string, search?: string) {
  const select = page.getByTestId(testId);
  await select.click();
  if (search) await page.keyboard.type(search);
  const dropdown = page.locator('.ant-select-dropdown:visible').last();
  await dropdown.waitFor();
  const option = dropdown.locator('.ant-select-item-option', { hasText: label }).first();
  const holder = dropdown.locator('.rc-virtual-list-holder');
  await expect
    .poll(
      async () => {
        if ((await option.count()) > 0) return true;
        // Not rendered yet: the next screen of the list (from the top again after the last one).
        if ((await holder.count()) > 0) {
          await holder.evaluate((el) => {
            el.scrollTop = el.scrollTop + el.clientHeight >= el.scrollHeight ? 0 : el.scrollTop + el.clientHeight;
          });
        }
        return false;
      },
      { message: `option "${label}" in ${testId}` },
    )
    .toBe(true);
  // The dropdown opens with a slide animation and its list may re-render as options arrive: a click while either is
  // under way can land on nothing, so the click waits for the motion to end (the option is then where it is drawn).
  await motionDone(page);
  await option.click();
  await dropdown.waitFor({ state: 'hidden' });
  await expect.poll(async () => (await select.textContent()) ?? '', { message: `${testId} shows "${label}"` }).toContain(label);
}

/**
 * Waits until antd's motion has ended (drawers slide, modals zoom, menus and messages fade): what a screenshot
 * should catch, and what a click inside a dialog that has just opened must wait for (a click while it zooms in can
 * land on nothing: the dialog stays open, as a finance test on a loaded machine once showed). Endless animations
 * (a spinner, a skeleton's shimmer) do not count; they never end.
 */
export async function motionDone(page: Page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
}

/** Waits until the page has drawn its data: no skeleton or spinner left, and no motion running. */
export async function settled(page: Page) {
  await expect.poll(() => page.locator('.ant-skeleton, .ant-spin-spinning').count(), { message: 'the page is still loading' }).toBe(0);
  await motionDone(page);
}

/** An access token for a test user, through the real login route (for setting up records by API). */
export async function apiToken(stack: Stack, user: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${stack.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  if (!res.ok) throw new Error(`cannot sign in as ${user.username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** One API call as the token's user; anything but 2xx throws with the answer, so setup never fails silently. */
export async function apiCall<T>(stack: Stack, token: string, method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${stack.baseUrl}/api${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
