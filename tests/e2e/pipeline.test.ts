import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiToken, screenshotOnFailure, shot, signInPage, startStack, type Stack } from './browser.ts';

/**
 * 管道看板 as a staff member works it: drag a card to the next stage, to 流失 (which asks why) and to 签约 (which
 * opens the signing form); move one from its menu; follow "N more" to the filtered lead list.
 */
let stack: Stack;
type TestUser = Awaited<ReturnType<Stack['user']>>;
let staff: TestUser;
let zoneId = '';
let industryId = '';
const ids: Record<string, string> = {};

let token = '';
const api = <T>(method: string, url: string, body?: unknown) => apiCall<T>(stack, token, method, url, body);

beforeAll(async () => {
  stack = await startStack();
  staff = await stack.user(['staff'], '看板专员');
  token = await apiToken(stack, staff);
  const zone = await makeZone(stack.db);
  zoneId = zone.zone.id;
  industryId = (await makeIndustry(stack.db)).industry.id;
  // 25 new leads: three leave the column, and of the 22 left it shows 20 and links to the rest.
  for (let i = 0; i < 25; i++) {
    const lead = await api<{ id: string }>('POST', '/leads', {
      companyName: `${unique(`看板${i}`)}有限公司`,
      channel: 'direct',
      zoneId,
      industryId,
      estimatedInvestmentFen: 100_000_000,
    });
    ids[`lead${i}`] = lead.id;
  }
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

const count = async (page: Page, stage: string) => Number(await page.getByTestId(`board-column-${stage}`).getAttribute('data-count'));
const card = (page: Page, key: string) => page.getByTestId(`board-card-${ids[key]}`);

// One journey on one page, in order: each test starts from the board as the previous one left it.
describe('the pipeline board', () => {
  let page: Page;

  it('drags a card from 新线索 to 初步接洽', async () => {
    page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/pipeline?zoneId=${zoneId}`);
    await page.getByTestId('pipeline-board').waitFor();
    await expect.poll(() => count(page, 'new')).toBe(25);
    // The newest lead is on top of the column.
    await card(page, 'lead24').dragTo(page.getByTestId('board-column-contacted'), { targetPosition: { x: 60, y: 24 } });
    await expect.poll(() => count(page, 'contacted')).toBe(1);
    expect(await count(page, 'new')).toBe(24);
    await page.getByTestId('board-column-contacted').getByTestId(`board-card-${ids.lead24}`).waitFor();
    await shot(page, 'pipeline-dragged');
  });

  it('asks why before a card dropped on 流失 is marked lost', async () => {
    await card(page, 'lead23').dragTo(page.getByTestId('board-column-lost'), { targetPosition: { x: 60, y: 24 } });
    await page.getByTestId('lost-reason').waitFor();
    await shot(page, 'pipeline-lost-reason');
    // Without a reason nothing moves.
    await page.getByTestId('lost-ok').click();
    expect(await count(page, 'lost')).toBe(0);
    await page.getByTestId('lost-reason').fill('企业决定落户外省');
    await page.getByTestId('lost-ok').click();
    await expect.poll(() => count(page, 'lost')).toBe(1);
    const lead = await api<{ stage: string; lostReason: string }>('GET', `/leads/${ids.lead23}`);
    expect(lead).toMatchObject({ stage: 'lost', lostReason: '企业决定落户外省' });
  });

  it('moves a card from its menu (the way on a phone or with a keyboard)', async () => {
    await page.getByTestId(`card-menu-${ids.lead22}`).click();
    await page.getByTestId(`move-${ids.lead22}-negotiating`).click();
    await expect.poll(() => count(page, 'negotiating')).toBe(1);
    expect((await api<{ stage: string }>('GET', `/leads/${ids.lead22}`)).stage).toBe('negotiating');
  });

  it('opens the signing form for a card dropped on 签约, and signing lands on the project', async () => {
    await card(page, 'lead22').dragTo(page.getByTestId('board-column-signed'), { targetPosition: { x: 60, y: 24 } });
    const form = page.getByTestId('sign-form');
    await form.waitFor();
    await shot(page, 'pipeline-sign-form');
    await page.getByTestId('sign-submit').click();
    await page.waitForURL(/\/projects\//);
    expect((await api<{ stage: string }>('GET', `/leads/${ids.lead22}`)).stage).toBe('signed');
  });

  it('follows "N more" to the lead list filtered to the stage and zone', async () => {
    await page.goto(`${stack.baseUrl}/pipeline?zoneId=${zoneId}`);
    await expect.poll(() => count(page, 'new')).toBe(22);
    expect(await page.getByTestId('board-column-new').locator('[data-testid^="board-card-"]').count()).toBe(20);
    await page.getByTestId('board-more-new').click();
    await page.waitForURL(/\/leads\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('stage')).toBe('new');
    expect(url.searchParams.get('zoneId')).toBe(zoneId);
    await expect.poll(async () => page.locator('[data-testid="leads-table"] tbody tr.ant-table-row').count()).toBe(22);
    await page.context().close();
  });
});
