import { activities, leads } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { normalizeCompanyName } from '@crm/shared';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

const PHONE = { viewport: { width: 390, height: 844 } };
let stack: Stack;
let alice: Awaited<ReturnType<Stack['user']>>;
let bob: Awaited<ReturnType<Stack['user']>>;
const tag = unique('手机');
let mineId = '';
let pooledId = '';

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.user(['staff'], '王招商');
  bob = await stack.user(['staff'], '李专员');
  const { zone, park } = await makeZone(stack.db, { name: `${tag}经济技术开发区` });
  const { industry } = await makeIndustry(stack.db, { name: '高端装备制造' });
  const now = stack.clock.now().getTime();
  const lead = (name: string, ownerId: string, lapsed: boolean, i: number) => ({
    companyName: name,
    normalizedName: normalizeCompanyName(name),
    creditCode: null,
    channel: 'online' as const,
    ownerId,
    createdBy: ownerId,
    zoneId: zone.id,
    parkId: park.id,
    industryId: industry.id,
    estimatedInvestmentFen: 1_234_567_890_00 + i,
    notes: '企业计划在东北设立区域总部及研发中心，首期用地约一百二十亩，需协调能评、环评与人才公寓配套，联系人希望下月安排实地考察。',
    contacts: [{ name: '陈经理', title: '战略投资部总监', phone: '13700001111', email: 'very.long.address.for.strategy@example-enterprise-group.com.cn' }],
    protectionExpiresAt: new Date(now + (lapsed ? -86_400_000 : 60 * 86_400_000)),
    createdAt: new Date(now - i * 3_600_000),
  });
  const rows = await stack.db
    .insert(leads)
    .values([
      lead(`${tag}东北亚国际高端装备制造产业集团股份有限公司`, alice.id, false, 0),
      ...Array.from({ length: 6 }, (_, i) => lead(`${tag}${i}号精密机械有限公司`, alice.id, false, i + 1)),
      lead(`${tag}公海里的储能科技有限公司`, bob.id, true, 9),
    ])
    .returning({ id: leads.id });
  mineId = rows[0]?.id ?? '';
  pooledId = rows.at(-1)?.id ?? '';
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

/** Nothing is wider than the phone: no sideways scrolling of the whole page. */
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe('the phone layout at 390×844', () => {
  it('slides the menu out of a drawer, lists leads as cards with filters in a drawer', async () => {
    const page = await signInPage(stack, alice, PHONE);
    await page.getByTestId('lead-cards').waitFor();
    // No fixed sidebar: the menu is behind a button.
    expect(await page.getByTestId('sider').count()).toBe(0);
    expect(await page.getByTestId('leads-table').count()).toBe(0);
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe('共 7 条');
    expect(await noSideways(page)).toBe(true);
    await shot(page, 'ux-phone-leads-390');

    await page.getByTestId('nav-open').click();
    await page.getByTestId('nav-drawer').waitFor();
    await shot(page, 'ux-phone-menu-390');
    await page.getByTestId('nav-menu').getByText('项目').click();
    await page.waitForURL(/\/projects/);
    await expect.poll(() => page.locator('[data-testid="nav-drawer"]:visible').count()).toBe(0);
    await page.goBack();
    await page.getByTestId('lead-cards').waitFor();

    await page.getByTestId('leads-filters-open').click();
    await page.getByTestId('leads-filters-drawer').waitFor();
    await page.getByTestId('leads-search').locator('input').fill('精密机械');
    await page.getByTestId('leads-search').locator('input').press('Enter');
    await page.waitForURL(/q=/);
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe('共 6 条');
    await shot(page, 'ux-phone-filters-390');
    await page.getByTestId('leads-filters-done').click();
    await expect.poll(() => page.getByTestId('leads-total').textContent()).toBe('共 6 条');
    expect(await page.getByTestId(`lead-card-${mineId}`).count()).toBe(0);

    // The pool tab: cards with the claim button.
    await page.getByTestId('scope-pool').click();
    await page.waitForURL(/scope=pool/);
    // The search text goes with the tab; cleared, the pool shows its lead.
    await page.goto(`${stack.baseUrl}/leads?scope=pool`);
    await page.getByTestId(`lead-card-${pooledId}`).waitFor();
    expect(await page.getByTestId(`claim-${pooledId}`).count()).toBe(1);
    expect(await noSideways(page)).toBe(true);
    await shot(page, 'ux-phone-pool-390');
    await page.context().close();
  });

  it('shows a lead in one column whose values stay inside their cards, and logs a visit from the phone', async () => {
    const page = await signInPage(stack, alice, PHONE);
    await page.getByTestId(`lead-link-${mineId}`).click();
    await page.waitForURL(new RegExp(`/leads/${mineId}$`));
    await page.getByTestId('lead-overview').waitFor();
    expect(await noSideways(page)).toBe(true);
    // Every card is one column wide and no value runs past its card's right edge.
    const spill = await page.evaluate(() => {
      const out: string[] = [];
      for (const card of Array.from(document.querySelectorAll('.ant-card'))) {
        const box = card.getBoundingClientRect();
        if (box.width > window.innerWidth) out.push(`card ${box.width}`);
        for (const el of Array.from(card.querySelectorAll('td, th, span, div, a'))) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > box.right + 1 && !el.closest('.ant-table-content, .ant-table-body, .ant-steps'))
            out.push(`${el.tagName} ${(el.textContent ?? '').slice(0, 20)} ${r.right} > ${box.right}`);
        }
      }
      return out;
    });
    expect(spill).toEqual([]);
    await shot(page, 'ux-phone-lead-390');

    await page.getByTestId('activity-new').click();
    const summary = `手机上记录的拜访 ${unique('')}`;
    await page.getByTestId('activity-summary').fill(summary);
    await shot(page, 'ux-phone-visit-form-390');
    expect(await noSideways(page)).toBe(true);
    await page.getByTestId('activity-submit').click();
    await expect.poll(() => page.getByTestId('activity-timeline').textContent()).toContain(summary);
    const [logged] = await stack.db.select().from(activities).where(eq(activities.leadId, mineId));
    expect(logged).toMatchObject({ summary, kind: 'visit' });
    await shot(page, 'ux-phone-visit-logged-390');
    await page.context().close();
  });
});
