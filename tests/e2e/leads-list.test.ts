import { leads, savedViews } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { normalizeCompanyName } from '@crm/shared';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

let stack: Stack;
let alice: Awaited<ReturnType<Stack['user']>>;
let bob: Awaited<ReturnType<Stack['user']>>;
let boss: Awaited<ReturnType<Stack['user']>>;
const tag = unique('列表');
const MINE = 38;
const POOL = 6;

/** Leads straight into the database: Alice's own (protected), Bob's lapsed into the pool and Bob's protected. */
async function seed() {
  const now = stack.clock.now().getTime();
  const row = (i: number, ownerId: string, name: string, lapsed: boolean) => ({
    companyName: name,
    normalizedName: normalizeCompanyName(name),
    channel: 'online' as const,
    ownerId,
    createdBy: ownerId,
    stage: i % 3 === 0 ? ('contacted' as const) : ('new' as const),
    estimatedInvestmentFen: ((i * 7919) % 97) * 1_000_000,
    protectionExpiresAt: new Date(now + (lapsed ? -86_400_000 : 60 * 86_400_000)),
    createdAt: new Date(now - (100 - i) * 3_600_000),
  });
  // Names in an order that is not the creation order (sorting by name must change the first row).
  const letters = '甲乙丙丁戊己庚辛壬癸';
  await stack.db
    .insert(leads)
    .values(Array.from({ length: MINE }, (_, i) => row(i, alice.id, `${tag}${letters[(i * 7) % 10]}${String(i).padStart(2, '0')}科技有限公司`, false)));
  await stack.db.insert(leads).values(Array.from({ length: POOL }, (_, i) => row(i, bob.id, `${tag}公海${i}号有限公司`, true)));
  await stack.db.insert(leads).values([row(99, bob.id, `${tag}鲍勃保护中有限公司`, false)]);
}

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.user(['staff'], '王招商');
  bob = await stack.user(['staff'], '李专员');
  boss = await stack.user(['manager'], '孙经理');
  await seed();
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

const tableText = (page: Page) => page.getByTestId('leads-table').textContent();
const firstCompany = (page: Page) => page.locator('[data-testid="leads-table"] .ant-table-tbody tr.ant-table-row').first().locator('td').first().textContent();

describe('the leads list like a CRM', () => {
  it('lands staff on 我的线索 with a total, keeps 公海 as its own tab, and sorts by clicking headers', async () => {
    const page = await signInPage(stack, alice);
    await page.getByTestId('leads-table').waitFor();
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe(`共 ${MINE} 条`);
    expect(await page.getByTestId('leads-scope').textContent()).toContain('我的线索');
    const mine = await tableText(page);
    expect(mine).toContain(`${tag}甲00`);
    expect(mine).not.toContain('公海0号');
    expect(mine).not.toContain('鲍勃保护中');
    await shot(page, 'ux-leads-mine-1440');

    await page.getByTestId('scope-pool').click();
    await page.waitForURL(/scope=pool/);
    await page.getByTestId('pool-table').waitFor();
    await expect.poll(() => page.getByTestId('pool-table').textContent()).toContain(`${tag}公海0号`);
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe(`共 ${POOL} 条`);
    expect(await page.getByTestId('pool-table').textContent()).not.toContain(`${tag}甲00`);
    await shot(page, 'ux-leads-pool-1440');
    // The old 公海 address opens the tab.
    await page.goto(`${stack.baseUrl}/pool`);
    await page.waitForURL(/\/leads\?scope=pool/);

    await page.getByTestId('scope-mine').click();
    await page.waitForURL((u) => !u.search.includes('scope='));
    await page.getByTestId('leads-table').waitFor();
    const header = page.locator('[data-testid="leads-table"] th', { hasText: '企业' }).first();
    await header.click();
    await page.waitForURL(/sort=companyName/);
    const az = await stack.db.select({ name: leads.companyName }).from(leads).where(eq(leads.ownerId, alice.id)).orderBy(leads.companyName, leads.id);
    await expect.poll(() => firstCompany(page)).toContain(az[0]?.name ?? '?');
    await header.click();
    await page.waitForURL(/sort=-companyName/);
    await expect.poll(() => firstCompany(page)).toContain(az.at(-1)?.name ?? '?');
    // The whole list in the database's order (the API's keyset paging per sort is tested in the API tests).
    await expect.poll(() => page.locator('[data-testid="leads-table"] tr.ant-table-row').count()).toBe(MINE);
    const names = await page.locator('[data-testid="leads-table"] tr.ant-table-row td:first-child a').allTextContents();
    expect(names).toEqual(az.map((r) => r.name).reverse());
    await page.context().close();
  });

  it('keeps the header in view under the top bar while scrolling, the fixed company column below it', async () => {
    const page = await signInPage(stack, alice);
    // Scrolled once the rows are there (an empty page has nothing to scroll); the poll waits for the scroll to land.
    await expect.poll(() => page.locator('[data-testid="leads-table"] tr.ant-table-row').count()).toBe(MINE);
    await page.mouse.wheel(0, 900);
    const sticky = page.locator('[data-testid="leads-table"] .ant-table-sticky-holder');
    await expect.poll(async () => (await sticky.boundingBox())?.y).toBe(64);
    // What is drawn at the header's company cell is the header itself, not a body row's fixed cell.
    const box = await sticky.locator('th').first().boundingBox();
    if (!box) throw new Error('no header cell');
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('th, td')?.tagName, [box.x + 20, box.y + box.height / 2] as const);
    expect(hit).toBe('TH');
    // And the top bar stays above the table header.
    const top = await page.evaluate(() => document.elementFromPoint(400, 30)?.closest('header, th, td')?.tagName);
    expect(top).toBe('HEADER');
    await page.screenshot({ path: 'tests/.artifacts/screens/ux-leads-sticky-1440.png' });
    await page.context().close();
  });

  it('hides and shows columns, remembered per person in this browser', async () => {
    const page = await signInPage(stack, alice);
    await page.getByTestId('leads-table').waitFor();
    const headers = () => page.locator('[data-testid="leads-table"] thead').first().textContent();
    expect(await headers()).toContain('渠道');
    expect(await headers()).not.toContain('更新时间');
    await page.getByTestId('column-settings').click();
    await page.getByTestId('column-toggle-channel').click();
    await page.getByTestId('column-toggle-updatedAt').click();
    await expect.poll(headers).not.toContain('渠道');
    expect(await headers()).toContain('更新时间');
    await shot(page, 'ux-leads-columns-1440');
    await page.reload();
    await page.getByTestId('leads-table').waitFor();
    await expect.poll(headers).toContain('更新时间');
    expect(await headers()).not.toContain('渠道');
    expect(await page.evaluate((id) => localStorage.getItem(`crm.leads.columns.${id}`), alice.id)).toContain('channel');
    await page.context().close();
  });

  it('saves the filters as a named view, applies it from the picker and from its link; a manager shares one', async () => {
    const page = await signInPage(stack, alice);
    await page.getByTestId('leads-table').waitFor();
    await chooseOption(page, 'leads-stage', '初步接洽');
    await page.waitForURL(/stage=contacted/);
    const contacted = Math.ceil(MINE / 3);
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe(`共 ${contacted} 条`);
    await page.getByTestId('view-save').click();
    await page.getByTestId('view-name').fill('已接洽的');
    await page.getByTestId('view-save-ok').click();
    await page.waitForURL(/view=/);
    const [saved] = await stack.db.select().from(savedViews).where(eq(savedViews.ownerId, alice.id));
    expect(saved).toMatchObject({ name: '已接洽的', filters: { stage: 'contacted' }, shared: false });
    await page.getByTestId('leads-reset').click();
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe(`共 ${MINE} 条`);
    await chooseOption(page, 'saved-views', '已接洽的');
    await page.waitForURL(/stage=contacted/);
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe(`共 ${contacted} 条`);
    await shot(page, 'ux-leads-view-1440');
    // The address is the list: opening it elsewhere gives the same list.
    const link = page.url();
    const other = await page.context().newPage();
    await other.goto(link);
    await expect.poll(() => other.getByTestId('leads-total').textContent()).toBe(`共 ${contacted} 条`);
    expect(await other.getByTestId('saved-views').textContent()).toContain('已接洽的');
    await page.context().close();

    const manager = await signInPage(stack, boss);
    await manager.goto(`${stack.baseUrl}/leads?sort=-estimatedInvestmentFen`);
    await manager.getByTestId('leads-table').waitFor();
    await expect.poll(() => manager.getByTestId('leads-total').textContent()).toBe(`共 ${MINE + POOL + 1} 条`);
    await manager.getByTestId('view-save').click();
    await manager.getByTestId('view-name').fill('投资额排行');
    await manager.getByTestId('view-shared').click();
    await manager.getByTestId('view-save-ok').click();
    await manager.waitForURL(/view=/);
    await manager.context().close();

    const again = await signInPage(stack, alice);
    await again.getByTestId('leads-table').waitFor();
    await again.getByTestId('saved-views').click();
    await again.locator('.ant-select-dropdown:visible').waitFor();
    const dropdown = await again.locator('.ant-select-dropdown:visible').textContent();
    expect(dropdown).toContain('共享视图');
    expect(dropdown).toContain('孙经理 共享');
    await shot(again, 'ux-leads-shared-view-1440');
    await again.keyboard.press('Escape');
    await chooseOption(again, 'saved-views', '投资额排行');
    await again.waitForURL(/sort=-estimatedInvestmentFen/);
    // A shared view is filters only: Alice still sees only her own leads through it.
    await expect.poll(() => again.getByTestId('leads-total').textContent()).toBe(`共 ${MINE} 条`);
    expect(await again.locator('[data-testid="view-delete"]').count()).toBe(0);
    await again.context().close();
  });
});
