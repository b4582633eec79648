import { leads } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, shot, signInPage, startStack, type Stack, chooseOption } from './browser.ts';

let stack: Stack;
let alice: Awaited<ReturnType<Stack['user']>>;
let bob: Awaited<ReturnType<Stack['user']>>;

beforeAll(async () => {
  stack = await startStack();
  alice = await stack.user(['staff'], '王招商');
  bob = await stack.user(['staff'], '李专员');
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

/** Picks an option of an Ant Design Select by its visible label. */
async function choose(page: Page, testId: string, label: string) {
  await chooseOption(page, testId, label);
}

async function createLead(page: Page, companyName: string) {
  await page.goto(`${stack.baseUrl}/leads`);
  await page.getByTestId('lead-new').click();
  await page.getByTestId('lead-companyName').fill(companyName);
  await choose(page, 'lead-channel', '网络招商');
  await page.getByTestId('lead-submit').click();
}

describe('leads in the browser', () => {
  it('signs in, creates a lead, and sees it in the list', async () => {
    const page = await signInPage(stack, alice);
    await shot(page, 'leads-empty');
    const name = `${unique('辽宁')}精密机械有限公司`;
    await createLead(page, name);
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}/);
    await expect.poll(() => page.getByTestId('lead-overview').textContent()).toContain(name);
    await shot(page, 'lead-created');
    await page.goto(`${stack.baseUrl}/leads`);
    await expect.poll(() => page.getByTestId('leads-table').textContent()).toContain(name);
    await shot(page, 'leads-list');
    await page.context().close();
  });

  it('warns about the same company entered by a colleague (撞单), naming the owner', async () => {
    const name = `${unique('铁岭')}阀门有限公司`;
    const a = await signInPage(stack, alice);
    await createLead(a, name);
    await a.waitForURL(/\/leads\/[0-9a-f-]{36}/);
    await a.context().close();

    const b = await signInPage(stack, bob);
    await createLead(b, name);
    const alert = b.getByTestId('lead-duplicate-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('王招商');
    await shot(b, 'lead-duplicate');
    const [row] = await stack.db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.companyName, name));
    expect(row?.ownerId).toBe(alice.id);
    await b.context().close();
  });

  it('logs a visit and sees it on the timeline', async () => {
    const page = await signInPage(stack, alice);
    const name = `${unique('沈阳')}新材料有限公司`;
    await createLead(page, name);
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}/);
    await page.getByTestId('activity-new').click();
    const summary = `拜访企业总部，介绍园区政策 ${unique('')}`;
    await page.getByTestId('activity-summary').fill(summary);
    await page.getByTestId('activity-submit').click();
    await expect.poll(() => page.getByTestId('activity-timeline').textContent()).toContain(summary);
    await shot(page, 'lead-timeline');
    await page.context().close();
  });

  it('claims a lead from the public pool', async () => {
    const page = await signInPage(stack, alice);
    const name = `${unique('大连')}储能科技有限公司`;
    await createLead(page, name);
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}/);
    const id = page.url().split('/').pop() ?? '';
    await page.context().close();
    // Alice's protection lapses: the lead drops into the pool.
    await stack.db
      .update(leads)
      .set({ protectionExpiresAt: new Date(stack.clock.now().getTime() - 86_400_000) })
      .where(eq(leads.id, id));

    const b = await signInPage(stack, bob);
    await b.goto(`${stack.baseUrl}/pool`);
    await b.getByTestId('pool-table').waitFor();
    await shot(b, 'pool');
    // One click claims (no confirmation): the list drops the row once the server has answered.
    await b.getByTestId(`claim-${id}`).click();
    await b.getByTestId(`claim-${id}`).waitFor({ state: 'detached' });
    await expect.poll(async () => (await stack.db.select({ ownerId: leads.ownerId }).from(leads).where(eq(leads.id, id)))[0]?.ownerId).toBe(bob.id);
    await b.context().close();
  });
});
