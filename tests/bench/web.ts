/**
 * `pnpm bench:web`: what a manager's first visit costs — a cold browser (empty cache) opens the sign-in page, signs
 * in and opens 驾驶舱 until its figures show and the network is idle. Prints the bytes that crossed the network (compressed, as sent), the
 * bytes they unpack to, the number of requests and the time, then the same path again with a warm cache.
 * The API serves the built web app (run `pnpm build` first) from an embedded database on 127.0.0.1.
 */
import path from 'node:path';
import { openDb } from '@crm/db';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../../apps/api/src/app.ts';
import { repoRoot } from '../../apps/api/src/env.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BUDGET_BYTES = 800 * 1024;

type Visit = { transferred: number; unpacked: number; requests: number; ms: number };

async function visit(page: Page, baseUrl: string, user: { username: string }): Promise<Visit> {
  const responses: Promise<{ transferred: number; unpacked: number }>[] = [];
  page.on('requestfinished', (request) => {
    responses.push(
      (async () => {
        const sizes = await request.sizes();
        const response = await request.response();
        const body = response ? (await response.body().catch(() => Buffer.alloc(0))).length : 0;
        return { transferred: sizes.responseBodySize + sizes.responseHeadersSize, unpacked: body };
      })(),
    );
  });
  const started = performance.now();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(user.username);
  await page.getByTestId('login-password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByTestId('nav-menu').getByText('驾驶舱', { exact: true }).click();
  await page.waitForURL(/\/dashboard/);
  await page.getByTestId('kpi-leads').waitFor();
  await page.waitForLoadState('networkidle');
  const ms = performance.now() - started;
  const all = await Promise.all(responses);
  return {
    transferred: all.reduce((s, r) => s + r.transferred, 0),
    unpacked: all.reduce((s, r) => s + r.unpacked, 0),
    requests: all.length,
    ms,
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main() {
  const handle = await openDb({});
  const app = await buildApp({ db: handle, webDist: path.join(repoRoot, 'apps', 'web', 'dist'), jwtSecret: 'bench-web-secret-bench-web-secret-0123456789' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const manager = await makeUser(handle.db, { roles: ['manager'] });
  const browser = await chromium.launch({
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
  try {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const cold = await visit(await context.newPage(), baseUrl, manager);
    // Same browser, cache kept: a second person signing in at the same desk the next morning.
    await context.clearCookies();
    const warm = await visit(await context.newPage(), baseUrl, manager);
    await context.close();
    console.log('sign-in → 驾驶舱 (figures shown, network idle), 127.0.0.1, embedded database');
    console.log(
      `  cold cache: ${kb(cold.transferred)} transferred (${kb(cold.unpacked)} unpacked, ${(cold.unpacked / Math.max(1, cold.transferred)).toFixed(1)}×), ${cold.requests} requests, ${cold.ms.toFixed(0)} ms`,
    );
    console.log(`  warm cache: ${kb(warm.transferred)} transferred, ${warm.requests} requests, ${warm.ms.toFixed(0)} ms`);
    console.log(`  budget: ≤ ${kb(BUDGET_BYTES)} cold — ${cold.transferred <= BUDGET_BYTES ? 'met' : 'NOT met'}`);
  } finally {
    await browser.close();
    await app.close();
    await handle.close();
  }
}

await main();
