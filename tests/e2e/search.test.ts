import { agents, leads } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { normalizeCompanyName } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

let stack: Stack;
let alice: Awaited<ReturnType<Stack['user']>>;
let bob: Awaited<ReturnType<Stack['user']>>;
let boss: Awaited<ReturnType<Stack['user']>>;
const tag = unique('寻踪');
const ids: Record<'mine' | 'pooled' | 'theirs', string> = { mine: '', pooled: '', theirs: '' };

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.user(['staff'], '王招商');
  bob = await stack.user(['staff'], `${tag}李专员`);
  boss = await stack.user(['manager'], '孙经理');
  const now = stack.clock.now().getTime();
  const lead = (name: string, ownerId: string, lapsed: boolean, contact?: string) => ({
    companyName: name,
    normalizedName: normalizeCompanyName(name),
    channel: 'online' as const,
    ownerId,
    createdBy: ownerId,
    contacts: contact ? [{ name: contact, phone: '13700001111' }] : [],
    protectionExpiresAt: new Date(now + (lapsed ? -86_400_000 : 60 * 86_400_000)),
  });
  const rows = await stack.db
    .insert(leads)
    .values([
      lead(`${tag}甲科技有限公司`, alice.id, false, '陈经理'),
      lead(`${tag}乙公海有限公司`, bob.id, true),
      lead(`${tag}丙保护中有限公司`, bob.id, false),
    ])
    .returning({ id: leads.id });
  [ids.mine, ids.pooled, ids.theirs] = rows.map((r) => r.id) as [string, string, string];
  await stack.db.insert(agents).values({ name: `${tag}招商顾问有限公司`, kind: 'agency', contactName: '赵顾问', createdBy: alice.id });
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

describe('the header search and breadcrumbs', () => {
  it('opens with Ctrl+K, finds only what staff may open, moves with the arrows and opens with Enter', async () => {
    const page = await signInPage(stack, alice);
    await page.getByTestId('search-open').waitFor();
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').waitFor();
    await page.getByTestId('search-input').fill(tag);
    await page.getByTestId(`search-hit-leads-${ids.mine}`).waitFor();
    await page.getByTestId(`search-hit-leads-${ids.pooled}`).waitFor();
    const results = await page.getByTestId('search-results').textContent();
    expect(results).toContain(`${tag}招商顾问有限公司`);
    // Bob's protected lead and the people are not Alice's to open.
    expect(results).not.toContain('丙保护中');
    expect(await page.locator('[data-testid^="search-hit-people-"]').count()).toBe(0);
    await shot(page, 'ux-search-1440');
    // The first hit is active; ↓ moves to the second, Enter opens it.
    const order = await page.locator('[role="option"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-testid') ?? ''));
    expect(order.slice(0, 2).sort()).toEqual([`search-hit-leads-${ids.mine}`, `search-hit-leads-${ids.pooled}`].sort());
    const [first, second] = order as [string, string];
    expect(await page.getByTestId(first).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId(second).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId(first).getAttribute('aria-selected')).toBe('false');
    await page.keyboard.press('Enter');
    const opened = second.replace('search-hit-leads-', '');
    await page.waitForURL(new RegExp(`/leads/${opened}$`));
    await page.getByTestId('lead-overview').waitFor();
    const crumbs = page.getByTestId('breadcrumbs');
    expect(await crumbs.textContent()).toBe(`线索/${opened === ids.mine ? `${tag}甲科技有限公司` : `${tag}乙公海有限公司`}`);
    await shot(page, 'ux-lead-breadcrumbs-1440');
    await crumbs.getByRole('link', { name: '线索' }).click();
    await page.waitForURL((u) => u.pathname === '/leads');

    // By a contact's name, through the button this time.
    await page.getByTestId('search-open').click();
    await page.getByTestId('search-input').fill('陈经理');
    await page.getByTestId(`search-hit-leads-${ids.mine}`).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="search-input"]:visible').count()).toBe(0);
    await page.context().close();
  });

  it('gives managers people too; a person opens the leads they own', async () => {
    const page = await signInPage(stack, boss);
    await page.getByTestId('search-open').waitFor();
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill(tag);
    await page.getByTestId(`search-hit-people-${bob.id}`).waitFor();
    expect(await page.getByTestId('search-results').textContent()).toContain('丙保护中');
    await page.getByTestId(`search-hit-people-${bob.id}`).click();
    await page.waitForURL(new RegExp(`/leads\\?ownerId=${bob.id}`));
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe('共 2 条');
    await page.keyboard.press('Control+k');
    await page.getByTestId('search-input').fill('没有这个名字的企业');
    await page.getByTestId('search-empty').waitFor();
    await shot(page, 'ux-search-empty-1440');
    await page.context().close();
  });
});
