import { leadClockHistory, leads } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom, zoneDayEnd, type Lead } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, LONG_SESSIONS, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

// Friday 2026-12-04, 10:00 China time: the weekend is a day away.
const clock = clockFrom('2026-12-04T10:00:00+08:00');
const TZ = 'Asia/Shanghai';
const end = (day: string) => zoneDayEnd(day, TZ).toISOString();

let t: TestApp;
let alice: Session;
let bob: Session;
let boss: Session;
let admin: Session;
let finance: Session;
let zoneId: string;
let industryId: string;

beforeAll(async () => {
  t = await startTestApp({ config: { clock, ...LONG_SESSIONS } });
  [alice, bob, boss, admin, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '甲专员' }),
    signIn(t, ['staff'], { displayName: '乙专员' }),
    signIn(t, ['manager'], { displayName: '丙主任' }),
    signIn(t, ['admin']),
    signIn(t, ['finance']),
  ]);
  zoneId = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;
});
afterAll(() => t.close());

const at = (iso: string) => clock.set(iso);

async function create(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    as,
    payload: { companyName: `${unique('计时')}有限公司`, channel: 'online', zoneId, industryId, estimatedInvestmentFen: 100_000_000_00, ...over },
  });
  if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode} ${res.body}`);
  return res.data;
}
const get = async (id: string, as: Session = boss) => (await call<Lead>(t, { method: 'GET', url: `/api/leads/${id}`, as })).data;
const activity = (id: string, as: Session, kind = 'call') =>
  call(t, { method: 'POST', url: `/api/leads/${id}/activities`, as, payload: { kind, occurredOn: t.today(), summary: '电话联系投资方' } });
const dims = (rating = 'favourable') =>
  Object.fromEntries(['industryFit', 'market', 'technology', 'environment', 'energy', 'returns'].map((d) => [d, { rating, note: null }]));
const judge = (id: string, as: Session, decision = 'follow', over: Record<string, unknown> = {}) =>
  call(t, { method: 'POST', url: `/api/leads/${id}/judgements`, as, payload: { dimensions: dims(), decision, reason: '符合主导产业，市场前景好', ...over } });
const feedback = (id: string, as: Session, over: Record<string, unknown> = {}) =>
  call(t, {
    method: 'POST',
    url: `/api/leads/${id}/feedback`,
    as,
    payload: { recipientKind: 'investor', recipientName: '王总', method: 'phone', givenOn: t.today(), summary: '告知研判结论，约定考察', ...over },
  });

describe('stage clocks through every transition', () => {
  it('starts 响应 at creation: Friday + 1 day is Saturday, a rest day, so it is due at the end of Monday', async () => {
    at('2026-12-04T10:00:00+08:00');
    const lead = await create(alice);
    expect(lead.clock).toMatchObject({ state: 'respond', dueOn: '2026-12-07', dueAt: end('2026-12-07'), overdue: false, hoursLate: 0 });
    expect(lead.isMajor).toBe(false);
  });

  it('counts the China day on both sides of China midnight (Thursday 23:59 vs Friday 00:00)', async () => {
    at('2026-12-03T23:59:00+08:00'); // still Thursday in China (15:59 UTC)
    const thursday = await create(alice);
    expect(thursday.clock?.dueOn).toBe('2026-12-04');
    at('2026-12-04T00:00:30+08:00'); // Friday in China, still Thursday in UTC
    const friday = await create(alice);
    expect(friday.clock?.dueOn).toBe('2026-12-07');
    // On the other side of the weekend: Sunday 23:59 → Monday; Monday 00:00 → Tuesday.
    at('2026-12-06T23:59:00+08:00');
    expect((await create(alice)).clock?.dueOn).toBe('2026-12-07');
    at('2026-12-07T00:00:30+08:00');
    expect((await create(alice)).clock?.dueOn).toBe('2026-12-08');
  });

  it('is overdue a moment after 24:00 of its last day, not before, and says by how many hours', async () => {
    at('2026-12-01T09:00:00+08:00');
    const lead = await create(alice);
    expect(lead.clock?.dueOn).toBe('2026-12-02');
    at('2026-12-02T23:59:59+08:00');
    expect((await get(lead.id)).clock).toMatchObject({ overdue: false, hoursLate: 0 });
    at('2026-12-03T00:00:00+08:00');
    expect((await get(lead.id)).clock).toMatchObject({ overdue: true, hoursLate: 0 });
    at('2026-12-03T05:30:00+08:00');
    expect((await get(lead.id)).clock).toMatchObject({ overdue: true, hoursLate: 5 });
  });

  it('moves 响应 → 研判 on the first contact, 研判 → 反馈 on a judgement, 反馈 → 跟进汇报 on feedback, and restarts the report clock on each report', async () => {
    at('2026-12-01T09:00:00+08:00'); // Tuesday
    const lead = await create(alice);
    at('2026-12-01T15:00:00+08:00');
    expect((await activity(lead.id, alice)).statusCode).toBe(201);
    expect((await get(lead.id)).clock).toMatchObject({ state: 'judge', dueOn: '2026-12-04' }); // Tuesday + 3 = Friday
    at('2026-12-03T11:00:00+08:00');
    expect((await judge(lead.id, alice)).statusCode).toBe(201);
    let now = await get(lead.id);
    expect(now.clock).toMatchObject({ state: 'feedback', dueOn: '2026-12-10' });
    expect(now.judgementDecision).toBe('follow');
    at('2026-12-04T16:00:00+08:00');
    expect((await feedback(lead.id, alice)).statusCode).toBe(201);
    expect((await get(lead.id)).clock).toMatchObject({ state: 'report', dueOn: '2026-12-18' });
    at('2026-12-11T10:00:00+08:00');
    await activity(lead.id, alice, 'visit');
    now = await get(lead.id);
    expect(now.clock).toMatchObject({ state: 'report', dueOn: '2026-12-25' });
    // Every ended clock is on record, on time or not.
    const history = await t.db.select().from(leadClockHistory).where(eq(leadClockHistory.leadId, lead.id));
    expect(history.map((h) => [h.phase, h.onTime]).sort()).toEqual([
      ['feedback', true],
      ['judge', true],
      ['report', true],
      ['respond', true],
    ]);
  });

  it('gives a major lead (≥ ¥5亿) 7 days to judge, and ordinary ones 3; a new estimate moves the running clock', async () => {
    at('2026-12-01T09:00:00+08:00');
    const major = await create(alice, { estimatedInvestmentFen: 50_000_000_000 });
    expect(major.isMajor).toBe(true);
    await activity(major.id, alice);
    expect((await get(major.id)).clock).toMatchObject({ state: 'judge', dueOn: '2026-12-08' });
    const justBelow = await create(alice, { estimatedInvestmentFen: 49_999_999_999 });
    expect(justBelow.isMajor).toBe(false);
    await activity(justBelow.id, alice);
    expect((await get(justBelow.id)).clock?.dueOn).toBe('2026-12-04');
    const fresh = await get(justBelow.id, alice);
    const raised = await call<Lead>(t, {
      method: 'PATCH',
      url: `/api/leads/${justBelow.id}`,
      as: alice,
      payload: { version: fresh.version, estimatedInvestmentFen: 60_000_000_000 },
    });
    expect(raised.data).toMatchObject({ isMajor: true, clock: { state: 'judge', dueOn: '2026-12-08' } });
  });

  it('ends with "done" after a "decline" is fed back; stops for lost and signed leads; starts over when a lost lead is reopened', async () => {
    at('2026-12-01T09:00:00+08:00');
    const declined = await create(alice);
    await activity(declined.id, alice);
    await judge(declined.id, alice, 'decline', { reason: '能耗过高，不符合准入' });
    await feedback(declined.id, alice, { recipientKind: 'referrer', recipientName: '李经理', method: 'wechat' });
    expect((await get(declined.id)).clock).toMatchObject({ state: 'done', dueAt: null, overdue: false });

    const lost = await create(alice);
    await call(t, { method: 'POST', url: `/api/leads/${lost.id}/stage`, as: alice, payload: { stage: 'lost', reason: '企业放弃投资' } });
    expect((await get(lost.id)).clock).toBeNull();
    at('2026-12-02T09:00:00+08:00');
    await call(t, { method: 'POST', url: `/api/leads/${lost.id}/stage`, as: alice, payload: { stage: 'contacted' } });
    expect((await get(lost.id)).clock).toMatchObject({ state: 'respond', dueOn: '2026-12-03' });
  });

  it('moving a new lead on counts as answering it; a reassignment gives the new owner the phase afresh', async () => {
    at('2026-12-01T09:00:00+08:00');
    const lead = await create(alice);
    await call(t, { method: 'POST', url: `/api/leads/${lead.id}/stage`, as: alice, payload: { stage: 'contacted' } });
    expect((await get(lead.id)).clock).toMatchObject({ state: 'judge', dueOn: '2026-12-04' });
    at('2026-12-03T10:00:00+08:00'); // Thursday: Thursday + 3 = Sunday → Monday
    const moved = await call<Lead>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/reassign`,
      as: boss,
      payload: { ownerId: bob.user.id, version: (await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: boss })).data.version },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.data.clock).toMatchObject({ state: 'judge', dueOn: '2026-12-07' });
  });

  it('honours the holiday calendar an admin keeps (a deadline on a holiday moves to the next working day)', async () => {
    expect(
      (await call(t, { method: 'PUT', url: '/api/clocks/calendar/2026-12-08', as: admin, payload: { working: false, note: '测试假日' } })).statusCode,
    ).toBe(200);
    expect((await call(t, { method: 'PUT', url: '/api/clocks/calendar/2026-12-08', as: boss, payload: { working: false } })).statusCode).toBe(403);
    at('2026-12-07T09:00:00+08:00');
    expect((await create(alice)).clock?.dueOn).toBe('2026-12-09');
    expect((await call(t, { method: 'DELETE', url: '/api/clocks/calendar/2026-12-08', as: admin })).statusCode).toBe(200);
    expect((await create(alice)).clock?.dueOn).toBe('2026-12-08');
  });
});

describe('judgements (研判) and feedback (反馈)', () => {
  it('refuses an incomplete judgement, feedback before any judgement, and strangers', async () => {
    at('2026-12-01T09:00:00+08:00');
    const lead = await create(alice);
    const missing = await call(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/judgements`,
      as: alice,
      payload: { dimensions: { industryFit: { rating: 'favourable' } }, decision: 'follow', reason: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).message).toContain('market');
    expect((await judge(lead.id, alice, 'maybe')).statusCode).toBe(400);
    expect((await judge(lead.id, alice, 'follow', { reason: '' })).statusCode).toBe(400);
    const early = await feedback(lead.id, alice);
    expect(early.statusCode).toBe(412);
    expect(errorOf(early).message).toContain('judged');
    expect((await judge(lead.id, bob)).statusCode).toBe(403);
    expect((await judge(lead.id, finance)).statusCode).toBe(403);
    expect((await judge('00000000-0000-4000-8000-000000000000', alice)).statusCode).toBe(404);
    const ok = await judge(lead.id, boss);
    expect(ok.statusCode).toBe(201);
    expect((await feedback(lead.id, alice, { givenOn: '2099-01-01' })).statusCode).toBe(400);
    expect((await feedback(lead.id, alice, { method: 'pigeon' })).statusCode).toBe(400);
    const detail = await call<{ judgements: unknown[]; clock: unknown; rules: { judgeDays: number } }>(t, {
      method: 'GET',
      url: `/api/leads/${lead.id}/clock`,
      as: alice,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.data.judgements).toHaveLength(1);
    expect(detail.data.rules.judgeDays).toBe(3);
    expect((await call(t, { method: 'GET', url: `/api/leads/${lead.id}/clock`, as: bob })).statusCode).toBe(403);
  });
});

describe('overdue lists, counts and timings', () => {
  it('filters and sorts the list by deadline, most urgent first, and leaves out pooled leads', async () => {
    const carol = await signIn(t, ['staff'], { displayName: '丁专员' });
    at('2026-12-01T09:00:00+08:00');
    const first = await create(carol); // due 12-02
    at('2026-12-02T09:00:00+08:00');
    const second = await create(carol); // due 12-03
    at('2026-12-03T09:00:00+08:00');
    const inTime = await create(carol); // due 12-04
    const pooled = await create(carol, {});
    await t.db
      .update(leads)
      .set({ clockDueAt: new Date('2026-12-01T16:00:00Z'), protectionExpiresAt: new Date('2026-12-02T16:00:00Z') })
      .where(eq(leads.id, pooled.id));
    at('2026-12-04T08:00:00+08:00');
    const overdue = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?ownerId=${carol.user.id}&overdue=true&sort=clockDueAt`, as: boss });
    expect(overdue.data.items.map((l) => l.id)).toEqual([first.id, second.id]);
    const mine = await call<{ items: Lead[] }>(t, { method: 'GET', url: '/api/leads?overdue=true&sort=clockDueAt', as: carol });
    expect(mine.data.items.map((l) => l.id)).toEqual([first.id, second.id]);
    const notYet = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?ownerId=${carol.user.id}&overdue=false`, as: boss });
    expect(notYet.data.items.map((l) => l.id)).toEqual([inTime.id]);
    const paged = await call<{ items: Lead[]; nextCursor: string }>(t, {
      method: 'GET',
      url: `/api/leads?ownerId=${carol.user.id}&sort=clockDueAt&limit=1`,
      as: boss,
    });
    const next = await call<{ items: Lead[] }>(t, {
      method: 'GET',
      url: `/api/leads?ownerId=${carol.user.id}&sort=clockDueAt&limit=1&cursor=${paged.data.nextCursor}`,
      as: boss,
    });
    // Sorting by deadline alone keeps every running clock, the pooled lead's too (its deadline is the earliest).
    expect([...paged.data.items, ...next.data.items].map((l) => l.id)).toEqual([pooled.id, first.id]);
    expect((await call(t, { method: 'GET', url: '/api/leads?overdue=maybe', as: boss })).statusCode).toBe(400);

    const summary = await call<{
      byOwner: { ownerId: string; running: number; overdue: number; escalated: number; dueToday: number }[];
      byZone: { zoneId: string; overdue: number }[];
    }>(t, {
      method: 'GET',
      url: `/api/clocks/summary?zoneId=${zoneId}`,
      as: boss,
    });
    expect(summary.statusCode).toBe(200);
    expect(summary.data.byOwner.find((o) => o.ownerId === carol.user.id)).toMatchObject({ running: 3, overdue: 2, escalated: 1, dueToday: 1 });
    expect(summary.data.byZone.find((z) => z.zoneId === zoneId)?.overdue).toBeGreaterThanOrEqual(2);
    expect((await call(t, { method: 'GET', url: '/api/clocks/summary', as: carol })).statusCode).toBe(403);
  });

  it('gives the medians of time-to-respond and time-to-judge per person (staff see their own row)', async () => {
    const dan = await signIn(t, ['staff'], { displayName: '戊专员' });
    for (const [created, answered, judged] of [
      ['2026-12-14T09:00:00+08:00', '2026-12-14T11:00:00+08:00', '2026-12-15T11:00:00+08:00'], // 2 h, 24 h
      ['2026-12-14T09:00:00+08:00', '2026-12-14T13:00:00+08:00', '2026-12-16T13:00:00+08:00'], // 4 h, 48 h
      ['2026-12-14T09:00:00+08:00', '2026-12-15T15:00:00+08:00', '2026-12-19T15:00:00+08:00'], // 30 h, 96 h: judged a day late
    ] as const) {
      at(created);
      const lead = await create(dan);
      at(answered);
      await activity(lead.id, dan);
      at(judged);
      await judge(lead.id, dan);
    }
    const res = await call<{ rows: { ownerId: string; respondMedianHours: number; judgeMedianHours: number; met: number; onTime: number; late: number }[] }>(
      t,
      {
        method: 'GET',
        url: '/api/clocks/timings?from=2026-12-14&to=2026-12-20',
        as: dan,
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.data.rows).toEqual([{ ownerId: dan.user.id, ownerName: '戊专员', respondMedianHours: 4, judgeMedianHours: 48, met: 6, onTime: 5, late: 1 }]);
    expect((await call(t, { method: 'GET', url: '/api/clocks/timings?from=2026-12-20&to=2026-12-14', as: dan })).statusCode).toBe(400);
    // The on-time count feeds the performance metrics (clocks_on_time).
    const scheme = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/performance/schemes',
      as: boss,
      payload: { name: unique('时限考核'), metrics: [{ metric: 'clocks_on_time', weight: 100, target: 10 }] },
    });
    expect(scheme.statusCode).toBe(201);
    const ranking = await call<{ rows: { staffId: string; metrics: { metric: string; actual: number }[] }[] }>(t, {
      method: 'GET',
      url: `/api/performance?period=2026-12&schemeId=${scheme.data.id}`,
      as: boss,
    });
    expect(ranking.data.rows.find((r) => r.staffId === dan.user.id)?.metrics[0]).toMatchObject({ metric: 'clocks_on_time', actual: 5 });
    expect((await call(t, { method: 'GET', url: '/api/clocks/timings?from=2026-12-14&to=2026-12-20', as: finance })).statusCode).toBe(403);
  });
});

describe('clock rules per zone', () => {
  it('lets an admin set a zone its own rules and robot; others read the URL only as its host', async () => {
    const { zone } = await makeZone(t.db);
    const body = {
      respondDays: 2,
      judgeDays: 5,
      judgeMajorDays: 10,
      feedbackDays: 7,
      reportEveryDays: 14,
      majorThresholdFen: 10_000_000_000,
      managerId: boss.user.id,
      webhookKind: 'wecom',
      webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=secret-key-123',
      digestHour: 8,
    };
    expect((await call(t, { method: 'PUT', url: `/api/zones/${zone.id}/clock-rules`, as: boss, payload: body })).statusCode).toBe(403);
    expect((await call(t, { method: 'PUT', url: `/api/zones/${zone.id}/clock-rules`, as: admin, payload: { ...body, judgeMajorDays: 2 } })).statusCode).toBe(
      400,
    );
    expect(
      (await call(t, { method: 'PUT', url: `/api/zones/${zone.id}/clock-rules`, as: admin, payload: { ...body, webhookUrl: 'ftp://x' } })).statusCode,
    ).toBe(400);
    const saved = await call<{ version: number; webhook: { url: string } }>(t, {
      method: 'PUT',
      url: `/api/zones/${zone.id}/clock-rules`,
      as: admin,
      payload: body,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.data.webhook.url).toBe(body.webhookUrl);
    expect((await call(t, { method: 'PUT', url: `/api/zones/${zone.id}/clock-rules`, as: admin, payload: { ...body, version: 99 } })).statusCode).toBe(409);
    const asStaff = await call<{ items: { zoneId: string; webhook: { url: string; configured: boolean } }[] }>(t, {
      method: 'GET',
      url: '/api/clocks/rules',
      as: alice,
    });
    const mine = asStaff.data.items.find((r) => r.zoneId === zone.id);
    expect(mine?.webhook).toMatchObject({ configured: true, url: 'https://qyapi.weixin.qq.com/…' });
    expect(asStaff.body).not.toContain('secret-key-123');
    const audit = await call(t, { method: 'GET', url: `/api/audit?entityType=zone&entityId=${zone.id}`, as: boss });
    expect(audit.body).not.toContain('secret-key-123');
    // The zone's rules apply to its leads: 2 days to respond, major from ¥1亿.
    at('2026-12-01T09:00:00+08:00');
    const lead = await create(alice, { zoneId: zone.id, estimatedInvestmentFen: 10_000_000_000 });
    expect(lead).toMatchObject({ isMajor: true, clock: { state: 'respond', dueOn: '2026-12-03' } });
  });
});
