import { leads } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotOnFailure, settled, shot, signInPage, startStack, type Stack, today, apiCall, apiToken, motionDone } from './browser.ts';

let stack: Stack;
type TestUser = Awaited<ReturnType<Stack['user']>>;
let staff: TestUser;
let colleague: TestUser;
let manager: TestUser;

beforeAll(async () => {
  stack = await startStack();
  staff = await stack.user(['staff'], '王招商');
  colleague = await stack.user(['staff'], '李专员');
  manager = await stack.user(['manager'], '赵主任');
});
afterAll(() => stack?.close());
screenshotOnFailure(() => stack);

const token = (user: TestUser) => apiToken(stack, user);
const api = <T>(as: string, method: string, url: string, body?: unknown) => apiCall<T>(stack, as, method, url, body);
const lead = async (as: string, name: string, over: Record<string, unknown> = {}) =>
  api<{ id: string; companyName: string; version: number }>(as, 'POST', '/leads', { companyName: name, channel: 'online', ...over });
/** Puts a lead's clock past its deadline, as if days had gone by. */
const makeOverdue = async (id: string, hours: number) =>
  stack.db
    .update(leads)
    .set({ clockDueAt: new Date(stack.clock.now().getTime() - hours * 3_600_000) })
    .where(eq(leads.id, id));

describe('the daily rhythm in the browser', () => {
  it('rings the bell for a reassigned lead and an overdue clock; opening a message marks it read', async () => {
    const [boss, mine] = await Promise.all([token(manager), token(staff)]);
    const reassigned = await lead(await token(colleague), `${unique('营口')}港口物流有限公司`);
    await api(boss, 'POST', `/leads/${reassigned.id}/reassign`, { ownerId: staff.id, note: '请尽快联系', version: reassigned.version });
    const late = await lead(mine, `${unique('鞍山')}钢构有限公司`);
    await makeOverdue(late.id, 3);
    await stack.app.scheduler.tick();

    const page = await signInPage(stack, staff);
    await expect.poll(() => page.getByTestId('inbox-count').getAttribute('data-count')).toBe('2');
    await page.getByTestId('inbox-bell').click();
    await page.getByTestId('inbox-popover').waitFor();
    await expect.poll(() => page.getByTestId('inbox-popover').textContent()).toContain('赵主任 把');
    expect(await page.getByTestId('inbox-popover').textContent()).toContain('响应已超期');
    await shot(page, 'rhythm-inbox-bell');
    await page.getByTestId('inbox-item-lead_reassigned').click();
    await page.waitForURL(new RegExp(`/leads/${reassigned.id}$`));
    await expect.poll(() => page.getByTestId('inbox-count').getAttribute('data-count')).toBe('1');
    await page.goto(`${stack.baseUrl}/inbox`);
    await page.getByTestId('inbox-list').waitFor();
    await settled(page);
    await shot(page, 'rhythm-inbox-page');
    await page.context().close();
  });

  it('filters the leads list to overdue clocks, most urgent first', async () => {
    const mine = await token(colleague);
    const overdue1 = await lead(mine, `${unique('丹东')}食品有限公司`);
    const overdue2 = await lead(mine, `${unique('锦州')}光伏有限公司`);
    const fine = await lead(mine, `${unique('盘锦')}化工有限公司`);
    await makeOverdue(overdue1.id, 30);
    await makeOverdue(overdue2.id, 2);
    const page = await signInPage(stack, colleague);
    await page.goto(`${stack.baseUrl}/leads`);
    await page.getByTestId('leads-table').waitFor();
    await expect.poll(() => page.getByTestId('leads-table').textContent()).toContain(fine.companyName);
    await shot(page, 'rhythm-leads-clock-column');
    await page.getByTestId('leads-overdue').click();
    await page.waitForURL(/overdue=true/);
    await expect.poll(() => page.getByTestId('leads-table').textContent()).not.toContain(fine.companyName);
    const rows = page.locator('[data-testid="leads-table"] tbody tr[data-row-key]');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).getAttribute('data-row-key')).toBe(overdue1.id);
    expect(await rows.nth(1).getAttribute('data-row-key')).toBe(overdue2.id);
    expect(await page.getByTestId(`lead-clock-${overdue1.id}`).textContent()).toContain('超期 1 天 6 小时');
    await shot(page, 'rhythm-leads-overdue');
    await page.context().close();
  });

  it('judges a lead with the 研判 form, then records the 反馈, moving the clock on', async () => {
    const mine = await token(staff);
    const target = await lead(mine, `${unique('抚顺')}新材料有限公司`, { estimatedInvestmentFen: 60_000_000_000 });
    await api(mine, 'POST', `/leads/${target.id}/activities`, { kind: 'call', occurredOn: today(), summary: '电话联系投资方' });
    const page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/leads/${target.id}`);
    await page.getByTestId('lead-clock').waitFor();
    await expect.poll(() => page.getByTestId('lead-clock-state').textContent()).toContain('研判');
    expect(await page.getByTestId('lead-clock').textContent()).toContain('重大项目');
    await page.getByTestId('clock-judge').click();
    await page.getByTestId('judgement-form').waitFor();
    await page.getByTestId('judgement-submit').click();
    await page.locator('[data-testid="judgement-form"] .ant-form-item-explain-error').first().waitFor();
    await shot(page, 'rhythm-judgement-errors');
    for (const d of ['industryFit', 'market', 'technology', 'environment', 'energy', 'returns']) {
      await page
        .getByTestId(`judgement-${d}`)
        .getByText(d === 'energy' ? '一般' : '有利', { exact: true })
        .click();
    }
    await page.getByTestId('judgement-decision').getByText('跟进', { exact: true }).click();
    await page.getByTestId('judgement-reason').fill('新材料属主导产业，市场前景好，能耗可控');
    await shot(page, 'rhythm-judgement-form');
    await page.getByTestId('judgement-submit').click();
    await page.getByTestId('judgement-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('lead-clock-state').textContent()).toContain('反馈');
    expect(await page.getByTestId('lead-judgement').textContent()).toContain('新材料属主导产业');

    await page.getByTestId('clock-feedback').click();
    await page.getByTestId('feedback-form').waitFor();
    await page.getByTestId('feedback-recipientName').fill('张总（投资方）');
    await page.getByTestId('feedback-summary').fill('告知研判结论：跟进，邀请下周来访考察');
    await page.getByTestId('feedback-submit').click();
    await page.getByTestId('feedback-form').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('lead-clock-state').textContent()).toContain('跟进汇报');
    await settled(page);
    await shot(page, 'rhythm-lead-clock');
    await page.context().close();
  });

  it('attaches the investor’s confirmation, which files the lead (已备案)', async () => {
    const mine = await token(staff);
    const target = await lead(mine, `${unique('本溪')}制药有限公司`);
    const page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/leads/${target.id}`);
    await page.getByTestId('lead-filing').waitFor();
    await page
      .locator('[data-testid="lead-filing"] input[type=file]')
      .setInputFiles({ name: '投资方确认函.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await expect.poll(() => page.getByTestId('attachment-list').textContent()).toContain('投资方确认函.pdf');
    await page.getByTestId('lead-filed').waitFor();
    expect(await page.getByTestId('lead-first-report').textContent()).toContain('王招商');
    await settled(page);
    await shot(page, 'rhythm-lead-filing');
    await page.context().close();
  });

  it('records a promotion event and shows its return on the event page', async () => {
    const page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/events`);
    await page.getByTestId('event-new').click();
    await page.getByTestId('event-form').waitFor();
    const name = `${unique('深圳')}新能源推介会`;
    await page.getByTestId('event-name').fill(name);
    await page.getByTestId('event-heldOn').click();
    await page.keyboard.type(today());
    await page.keyboard.press('Enter');
    await page.getByTestId('event-place').fill('深圳会展中心');
    await page.getByTestId('event-organiser').fill('铁岭招商集团');
    await page.getByTestId('event-cost').fill('200000');
    await shot(page, 'rhythm-event-form');
    await page.getByTestId('event-submit').click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    const eventId = page.url().split('/').pop() ?? '';
    await page.getByTestId('event-figures').waitFor();

    // A lead from the event is signed: the page shows the return.
    const boss = await token(manager);
    const zones = await api<{ items: { id: string }[] }>(boss, 'GET', '/zones');
    const industries = await api<{ items: { id: string }[] }>(boss, 'GET', '/industries');
    let zoneId = zones.items[0]?.id;
    let industryId = industries.items[0]?.id;
    if (!zoneId || !industryId) {
      const admin = await token(await stack.user(['admin']));
      zoneId = (await api<{ id: string }>(admin, 'POST', '/zones', { name: `${unique('铁岭')}开发区`, level: 'national' })).id;
      industryId = (await api<{ id: string }>(admin, 'POST', '/industries', { name: unique('新能源'), chainNodes: [] })).id;
    }
    const mine = await token(staff);
    const fromEvent = await lead(mine, `${unique('宁德')}储能有限公司`, { channel: 'event', sourceEventId: eventId, zoneId, industryId });
    await lead(mine, `${unique('比亚')}电池有限公司`, { channel: 'event', sourceEventId: eventId });
    await api(mine, 'POST', `/leads/${fromEvent.id}/sign`, { signedOn: today(), contractInvestmentFen: 50_000_000_000, zoneId, industryId });
    await page.reload();
    await page.getByTestId('event-leads').waitFor();
    await expect.poll(() => page.getByTestId('event-cost-per').textContent()).toContain('¥0.000400');
    expect(await page.getByTestId('event-leads').textContent()).toContain(fromEvent.companyName);
    await settled(page);
    await shot(page, 'rhythm-event-page');
    await page.goto(`${stack.baseUrl}/events?sort=return`);
    await page.getByTestId('events-table').waitFor();
    await expect.poll(() => page.getByTestId('events-table').textContent()).toContain(name);
    await settled(page);
    await shot(page, 'rhythm-events-ranking');
    await page.context().close();
  });

  it('drafts the week, submits it, and shows the manager who has not', async () => {
    // A lead of this week's, so the draft has a figure of its own (not only what the tests above logged).
    await lead(await token(staff), `${unique('辽阳')}石化有限公司`);
    const page = await signInPage(stack, staff);
    await page.goto(`${stack.baseUrl}/weekly`);
    await page.getByTestId('weekly-figures').waitFor();
    await expect
      .poll(async () => Number(await page.getByTestId('weekly-figure-newLeads').locator('.ant-statistic-content-value').textContent()))
      .toBeGreaterThan(0);
    await page.getByTestId('weekly-notes').fill('本周新增线索多条，完成研判与反馈各一次。');
    await page.getByTestId('weekly-plans').fill('下周组织投资方来访考察。');
    await shot(page, 'rhythm-weekly-draft');
    await page.getByTestId('weekly-submit').click();
    await motionDone(page);
    await page.getByTestId('weekly-submit-confirm').click();
    await expect.poll(() => page.getByTestId('weekly-status').getAttribute('data-status')).toBe('submitted');
    await page.context().close();

    const boss = await signInPage(stack, manager);
    await boss.goto(`${stack.baseUrl}/weekly`);
    await boss.getByTestId('weekly-team').waitFor();
    await expect.poll(() => boss.getByTestId('weekly-missing').textContent()).toContain('李专员');
    expect(await boss.getByTestId('weekly-missing').textContent()).not.toContain('王招商');
    await settled(boss);
    await shot(boss, 'rhythm-weekly-team');
    await boss.goto(`${stack.baseUrl}/clocks`);
    await boss.getByTestId('clocks-by-owner').waitFor();
    await expect.poll(() => boss.getByTestId('clocks-by-owner').textContent()).toContain('李专员');
    await settled(boss);
    await shot(boss, 'rhythm-clocks-board');
    await boss.context().close();
  });
});

describe('first reports, disputes and the rules in the browser', () => {
  it('logs a later report on 撞单, lets its reporter dispute, and a manager settle it', async () => {
    const name = `${unique('沈阳')}机器人有限公司`;
    await lead(await token(staff), name);
    const page = await signInPage(stack, colleague);
    await page.goto(`${stack.baseUrl}/leads`);
    await page.getByTestId('lead-new').click();
    await page.getByTestId('lead-companyName').fill(name);
    await page.getByTestId('lead-channel').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '网络招商' }).first().click();
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-duplicate-alert').waitFor();
    await page.getByTestId('dispute-open').click();
    await page.getByTestId('dispute-reason').fill('我单位 11 月已与企业董事长会谈，有会议纪要。');
    await shot(page, 'rhythm-dispute-raise');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await page.getByText('争议已提交').first().waitFor();
    await page.context().close();

    const boss = await signInPage(stack, manager);
    await boss.goto(`${stack.baseUrl}/clocks`);
    await boss.getByTestId('disputes-card').waitFor();
    await expect.poll(() => boss.getByTestId('disputes-card').textContent()).toContain(name);
    await settled(boss);
    await shot(boss, 'rhythm-disputes');
    await boss
      .getByTestId('disputes-card')
      .getByRole('button', { name: '裁 定' })
      .or(boss.getByTestId('disputes-card').getByRole('button', { name: '裁定' }))
      .first()
      .click();
    await boss.locator('.ant-modal:visible textarea').fill('有会议纪要为证，改判申请方首报');
    await boss.locator('.ant-modal:visible .ant-radio-wrapper', { hasText: '改判申请方首报' }).click();
    await boss.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(() => boss.getByTestId('disputes-card').textContent()).not.toContain(name);
    await boss.context().close();
  });

  it('lets an admin set a zone’s rules and robot, and keep the working calendar', async () => {
    const admin = await stack.user(['admin'], '系统管理员');
    const tokenAdmin = await token(admin);
    await api(tokenAdmin, 'POST', '/zones', { name: `${unique('西丰')}工业园区`, level: 'provincial' });
    const page = await signInPage(stack, admin);
    await page.goto(`${stack.baseUrl}/admin/clock-rules`);
    await page.getByTestId('clock-rules-table').waitFor();
    await page.locator('[data-testid^="clock-rules-edit-"]').first().click();
    await page.locator('.ant-modal:visible').getByText('企业微信').click();
    await page.locator('.ant-modal:visible input[placeholder^="https://qyapi"]').fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-key');
    await shot(page, 'rhythm-rules-edit');
    await page.getByTestId('clock-rules-save').click();
    await expect.poll(() => page.getByTestId('clock-rules-table').textContent()).toContain('企业微信');
    // A holiday in the working calendar.
    const holiday = `${today().slice(0, 4)}-10-01`;
    await page.getByTestId('calendar-day').click();
    await page.keyboard.type(holiday);
    await page.keyboard.press('Enter');
    await page.getByTestId('calendar-note').fill('国庆节');
    await page.getByTestId('calendar-save').click();
    await expect.poll(() => page.getByTestId('calendar-table').textContent()).toContain(holiday);
    expect(await page.getByTestId('calendar-table').textContent()).toContain('休息日');
    await settled(page);
    await shot(page, 'rhythm-rules');
    await page.context().close();
  });
});
