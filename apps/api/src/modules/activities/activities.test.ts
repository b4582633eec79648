import { leads } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import type { Activity, Lead } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

let t: TestApp;
let alice: Session;
let bob: Session;
let boss: Session;

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, boss] = await Promise.all([
    signIn(t, ['staff'], { displayName: '爱丽丝' }),
    signIn(t, ['staff'], { displayName: '鲍勃' }),
    signIn(t, ['manager']),
  ]);
});
afterAll(() => t.close());

async function newLead(as: Session) {
  const res = await call<Lead>(t, { method: 'POST', url: '/api/leads', payload: { companyName: `${unique('企业')}有限公司`, channel: 'direct' }, as });
  return res.data;
}

/** The lead as if it had been created `days` ago: activities cannot predate their lead. */
async function createdDaysAgo(id: string, days: number) {
  await t.db
    .update(leads)
    .set({ createdAt: new Date(t.now().getTime() - days * 86_400_000) })
    .where(eq(leads.id, id));
}

async function setProtection(id: string, at: Date) {
  await t.db.update(leads).set({ protectionExpiresAt: at }).where(eq(leads.id, id));
}

const visit = (over: Record<string, unknown> = {}) => ({
  kind: 'visit',
  occurredOn: today(),
  summary: '拜访企业总部，介绍园区政策',
  nextStep: '安排考察',
  ...over,
});

describe('POST /api/leads/:id/activities', () => {
  it('logs a visit, shows it on the timeline with the staff present, and renews protection to 90 days after it', async () => {
    const lead = await newLead(alice);
    await setProtection(lead.id, new Date(t.now().getTime() + 3 * 86_400_000));
    const res = await call<Activity>(t, {
      method: 'POST',
      url: `/api/leads/${lead.id}/activities`,
      payload: visit({ staffIds: [bob.user.id], nextFollowUpOn: today() }),
      as: alice,
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ kind: 'visit', createdBy: alice.user.id, createdByName: '爱丽丝' });
    expect(res.data.staffNames.sort()).toEqual(['爱丽丝', '鲍勃'].sort());
    const after = (await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data;
    // Protection runs to the end of the 90th day after the visit (China time).
    expect(after.protectionExpiresAt).toBe(new Date(Date.parse(`${today()}T00:00:00+08:00`) + 91 * 86_400_000).toISOString());
    expect(after.nextFollowUpOn).toBe(today());
    const timeline = await call<{ items: Activity[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: alice });
    expect(timeline.data.items.map((a) => a.id)).toEqual([res.data.id]);
  });

  it('renews protection for an inspection visit in, but not for a call', async () => {
    const lead = await newLead(alice);
    const soon = new Date(t.now().getTime() + 2 * 86_400_000);
    await setProtection(lead.id, soon);
    await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit({ kind: 'call', summary: '电话沟通' }), as: alice });
    expect((await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data.protectionExpiresAt).toBe(soon.toISOString());
    await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit({ kind: 'inspection', summary: '来访考察' }), as: alice });
    const renewed = (await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data.protectionExpiresAt;
    expect(Date.parse(renewed ?? '')).toBeGreaterThan(t.now().getTime() + 89 * 86_400_000);
  });

  it('never shortens protection with a back-dated visit', async () => {
    const lead = await newLead(alice);
    await createdDaysAgo(lead.id, 90);
    const before = (await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data.protectionExpiresAt;
    const back = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit({ occurredOn: daysAgo(60) }), as: alice });
    expect(back.statusCode).toBe(201);
    expect((await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data.protectionExpiresAt).toBe(before);
  });

  it('refuses an activity dated before the lead existed with 400 naming occurredOn and the lead’s date; nothing is written', async () => {
    const lead = await newLead(alice);
    await createdDaysAgo(lead.id, 3);
    const early = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit({ occurredOn: daysAgo(4) }), as: alice });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).details?.fields?.[0]?.field).toBe('occurredOn');
    expect(errorOf(early).message).toContain(daysAgo(3));
    const timeline = await call<{ items: Activity[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: alice });
    expect(timeline.data.items).toEqual([]);
    // The day it was created is fine.
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit({ occurredOn: daysAgo(3) }), as: alice })).statusCode).toBe(
      201,
    );
  });

  it('lists the timeline newest first', async () => {
    const lead = await newLead(alice);
    await createdDaysAgo(lead.id, 30);
    for (const [day, summary] of [
      [daysAgo(10), '第一次'],
      [daysAgo(1), '第三次'],
      [daysAgo(5), '第二次'],
    ] as const) {
      await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit({ occurredOn: day, summary }), as: alice });
    }
    const timeline = await call<{ items: Activity[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: alice });
    expect(timeline.data.items.map((a) => a.summary)).toEqual(['第三次', '第二次', '第一次']);
  });

  // Rows are functions: the dates come from the app's clock, which starts with the app (beforeAll).
  const bad: [string, () => Record<string, unknown>, string][] = [
    ['an unknown kind', () => ({ kind: 'party' }), 'kind'],
    ['a date in the future', () => ({ occurredOn: '2999-01-01' }), 'occurredOn'],
    ['a malformed date', () => ({ occurredOn: '01/02/2026' }), 'occurredOn'],
    ['an empty summary', () => ({ summary: '' }), 'summary'],
    ['an oversized summary', () => ({ summary: '很'.repeat(4001) }), 'summary'],
    ['a follow-up before the activity', () => ({ occurredOn: daysAgo(2), nextFollowUpOn: daysAgo(3) }), 'nextFollowUpOn'],
    ['a malformed staff id', () => ({ staffIds: ['nope'] }), 'staffIds.0'],
    ['an unknown staff id', () => ({ staffIds: ['00000000-0000-4000-8000-000000000000'] }), 'staffIds'],
  ];
  it.each(bad)('refuses %s with 400 naming the field, and writes nothing', async (_label, over, field) => {
    const lead = await newLead(alice);
    const res = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit(over()), as: alice });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toContain(field);
    const timeline = await call<{ items: Activity[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: alice });
    expect(timeline.data.items).toEqual([]);
  });

  it("is refused on a colleague's lead and to a manager (403: only the owner logs), and needs a token", async () => {
    const lead = await newLead(alice);
    for (const who of [bob, boss]) {
      const res = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit(), as: who });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    expect((await call(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: bob })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit() })).statusCode).toBe(401);
    const timeline = await call<{ items: Activity[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: alice });
    expect(timeline.data.items).toEqual([]);
  });

  it('does not let a lapsed owner regain a pool lead by logging a visit (412, protection unchanged), as /claim does not', async () => {
    const lead = await newLead(alice);
    const lapsed = new Date(t.now().getTime() - 86_400_000);
    await setProtection(lead.id, lapsed);
    const claim = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: alice });
    expect(claim.statusCode).toBe(409);

    const res = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit(), as: alice });
    expect(res.statusCode).toBe(412);
    expect(errorOf(res).code).toBe('PRECONDITION_FAILED');
    expect(errorOf(res).message).toMatch(/public pool/);
    const after = (await call<Lead>(t, { method: 'GET', url: `/api/leads/${lead.id}`, as: alice })).data;
    expect(after.protectionExpiresAt).toBe(lapsed.toISOString());
    expect(after.inPool).toBe(true);
    expect((await call<{ items: Activity[] }>(t, { method: 'GET', url: `/api/leads/${lead.id}/activities`, as: alice })).data.items).toEqual([]);
  });

  it('makes a colleague claim a pool lead before logging on it; then the claimer logs', async () => {
    const lead = await newLead(alice);
    await setProtection(lead.id, new Date(t.now().getTime() - 86_400_000));
    const before = await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit(), as: bob });
    expect(before.statusCode).toBe(412);
    expect(errorOf(before).message).toMatch(/claim it first/);
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/claim`, as: bob })).statusCode).toBe(200);
    const res = await call<Activity>(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit(), as: bob });
    expect(res.statusCode).toBe(201);
    expect(res.data.createdBy).toBe(bob.user.id);
    // The former owner no longer logs on it.
    expect((await call(t, { method: 'POST', url: `/api/leads/${lead.id}/activities`, payload: visit(), as: alice })).statusCode).toBe(403);
  });

  it('answers 404 for an unknown lead', async () => {
    expect((await call(t, { method: 'POST', url: `/api/leads/${crypto.randomUUID()}/activities`, payload: visit(), as: alice })).statusCode).toBe(404);
  });
});
