import { leads } from '@crm/db';
import { makeAgent, makeIndustry, makeUser, makeZone, unique } from '@crm/db/test/factories';
import { SEARCH_LIMIT_PER_KIND, type Lead, type SearchResult } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let alice: Session; // staff
let bob: Session; // staff
let boss: Session; // manager
let finance: Session;
let refs: { zoneId: string; industryId: string };

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, boss, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '爱丽丝' }),
    signIn(t, ['staff'], { displayName: '鲍勃' }),
    signIn(t, ['manager']),
    signIn(t, ['finance']),
  ]);
  const { zone } = await makeZone(t.db);
  const { industry } = await makeIndustry(t.db);
  refs = { zoneId: zone.id, industryId: industry.id };
});
afterAll(() => t.close());

async function lead(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('搜索')}有限公司`, channel: 'direct', zoneId: refs.zoneId, industryId: refs.industryId, ...over },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}
async function sign(as: Session, leadId: string) {
  const res = await call<{ id: string }>(t, {
    method: 'POST',
    url: `/api/leads/${leadId}/sign`,
    payload: { signedOn: daysAgo(3), contractInvestmentFen: 100_000, zoneId: refs.zoneId, industryId: refs.industryId },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}
const find = async (as: Session, q: string) => {
  const res = await call<SearchResult>(t, { method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.data;
};
const ids = (hits: { id: string }[]) => hits.map((h) => h.id).sort();

describe('GET /api/search', () => {
  it('finds only what each person may open: staff their own leads and the pool, their own projects, no people', async () => {
    const tag = unique('鹰眼');
    const mine = await lead(alice, { companyName: `${tag}甲公司` });
    const theirs = await lead(bob, { companyName: `${tag}乙公司` });
    const pooled = await lead(bob, { companyName: `${tag}丙公司` });
    await t.db
      .update(leads)
      .set({ protectionExpiresAt: new Date(t.now().getTime() - 86_400_000) })
      .where(eq(leads.id, pooled.id));
    const mySigned = await lead(alice, { companyName: `${tag}丁项目公司` });
    const myProject = await sign(alice, mySigned.id);
    const theirProject = await sign(bob, (await lead(bob, { companyName: `${tag}戊项目公司` })).id);
    const agent = await makeAgent(t.db, alice.user.id, { name: `${tag}代理行` });
    await makeUser(t.db, { roles: ['staff'], displayName: `${tag}同事` });

    const a = await find(alice, tag);
    expect(ids(a.leads)).toEqual([mine.id, pooled.id, mySigned.id].sort());
    expect(a.leads.map((h) => h.id)).not.toContain(theirs.id);
    expect(ids(a.projects)).toEqual([myProject.id]);
    expect(ids(a.agents)).toEqual([agent.id]);
    expect(a.people).toEqual([]);
    // Every lead the search gave Alice she can open; the one it hid she cannot.
    for (const hit of a.leads) expect((await call(t, { method: 'GET', url: `/api/leads/${hit.id}`, as: alice })).statusCode).toBe(200);
    expect((await call(t, { method: 'GET', url: `/api/leads/${theirs.id}`, as: alice })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: `/api/projects/${theirProject.id}`, as: alice })).statusCode).toBe(403);

    const m = await find(boss, tag);
    // The signed leads are leads too (signed companies stay in the list).
    expect(m.leads.map((h) => h.id)).toEqual(expect.arrayContaining([mine.id, theirs.id, pooled.id]));
    expect(ids(m.projects)).toEqual([myProject.id, theirProject.id].sort());
    expect(m.people.map((p) => p.title)).toEqual([`${tag}同事`]);
    const f = await find(finance, tag);
    expect(f.leads.map((h) => h.id)).toEqual(expect.arrayContaining([theirs.id]));
    expect(f.people).toEqual([]);
  });

  it('finds a lead by its credit code and by a contact’s name or phone, with the owner as detail', async () => {
    const tag = unique('联系');
    const code = '91350211MA2YGPB67X';
    const l = await lead(alice, { companyName: `${tag}厦门公司`, creditCode: code, contacts: [{ name: `${tag}陈总`, phone: '13912345678' }] });
    expect((await find(alice, code.toLowerCase())).leads).toEqual([{ id: l.id, title: `${tag}厦门公司`, detail: `${code} · 爱丽丝` }]);
    expect(ids((await find(alice, `${tag}陈总`)).leads)).toEqual([l.id]);
    expect(ids((await find(boss, '13912345678')).leads)).toEqual([l.id]);
    // Bob cannot open it, so he cannot find it by its contact either.
    expect((await find(bob, '13912345678')).leads).toEqual([]);
  });

  it(`returns at most ${SEARCH_LIMIT_PER_KIND} of each kind, and refuses a one-letter or missing query`, async () => {
    const tag = unique('批量');
    for (let i = 0; i < SEARCH_LIMIT_PER_KIND + 3; i++) await lead(alice, { companyName: `${tag}${i}号公司` });
    expect((await find(alice, tag)).leads).toHaveLength(SEARCH_LIMIT_PER_KIND);
    for (const q of ['', 'a', '%25']) {
      const res = await call(t, { method: 'GET', url: `/api/search?q=${q}`, as: alice });
      expect(res.statusCode, q).toBe(400);
      expect(errorOf(res).details?.fields?.map((x) => x.field)).toContain('q');
    }
    // Wildcards are searched for as text, not as patterns.
    expect((await find(alice, '%%')).leads).toEqual([]);
    expect((await call(t, { method: 'GET', url: '/api/search?q=ab' })).statusCode).toBe(401);
  });
});
