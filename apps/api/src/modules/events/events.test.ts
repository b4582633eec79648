import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import type { Lead, PromotionEvent } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let alice: Session;
let bob: Session;
let boss: Session;
let finance: Session;
let zoneId: string;
let industryId: string;

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, boss, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '活动专员' }),
    signIn(t, ['staff']),
    signIn(t, ['manager']),
    signIn(t, ['finance']),
  ]);
  zoneId = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;
});
afterAll(() => t.close());

const event = async (as: Session, over: Record<string, unknown> = {}) => {
  const res = await call<PromotionEvent & { leads: unknown[] }>(t, {
    method: 'POST',
    url: '/api/events',
    as,
    payload: {
      name: `${unique('推介会')}`,
      kind: 'roadshow',
      heldOn: t.daysAgo(30),
      place: '深圳会展中心',
      organiser: '招商集团',
      zoneId,
      costFen: 0,
      staffIds: [alice.user.id],
      attendeeCount: 120,
      ...over,
    },
  });
  if (res.statusCode !== 201) throw new Error(`event failed: ${res.body}`);
  return res.data;
};
const lead = async (sourceEventId: string) => {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    as: alice,
    payload: { companyName: `${unique('活动客商')}有限公司`, channel: 'event', zoneId, industryId, sourceEventId },
  });
  if (res.statusCode !== 201) throw new Error(`lead failed: ${res.body}`);
  return res.data;
};
const visit = (leadId: string, kind = 'visit') =>
  call(t, { method: 'POST', url: `/api/leads/${leadId}/activities`, as: alice, payload: { kind, occurredOn: t.today(), summary: '考察园区' } });
const sign = (leadId: string, contractInvestmentFen: number) =>
  call(t, { method: 'POST', url: `/api/leads/${leadId}/sign`, as: alice, payload: { signedOn: t.daysAgo(2), contractInvestmentFen, zoneId, industryId } });

describe('招商活动 and their return', () => {
  it('counts leads, visits, signed projects and contract investment per event, with the exact cost per signed ¥, and ranks by it', async () => {
    const tag = unique('ROI');
    // A: ¥200,000 spent; 3 leads, 2 visits and an inspection; one signed at ¥5亿 → 0.0004 per signed ¥.
    const a = await event(alice, { name: `${tag}-A 深圳推介会`, costFen: 20_000_000 });
    const [a1, a2] = [await lead(a.id), await lead(a.id), await lead(a.id)];
    await visit(a1?.id ?? '');
    await visit(a1?.id ?? '', 'inspection');
    await visit(a2?.id ?? '');
    await visit(a2?.id ?? '', 'call'); // a call is not a visit
    expect((await sign(a1?.id ?? '', 50_000_000_000)).statusCode).toBe(201);
    // B: ¥1,000,000 for one project of ¥1亿 → 0.01.
    const b = await event(alice, { name: `${tag}-B 上海展会`, kind: 'expo', costFen: 100_000_000 });
    await sign((await lead(b.id)).id, 10_000_000_000);
    // C: spent ¥50,000, nothing signed: no figure, no rank.
    const c = await event(alice, { name: `${tag}-C 考察团`, kind: 'delegation', costFen: 5_000_000 });
    await lead(c.id);
    // D: a dinner paid by the host enterprise (以商招商), one project of ¥3亿: cost 0 → first.
    const d = await event(alice, { name: `${tag}-D 以商招商恳谈`, kind: 'business_dinner', costFen: 0 });
    await sign((await lead(d.id)).id, 30_000_000_000);
    // E: ¥2,000,000 for ¥3亿: 0.00666… rounds half up to 0.006667.
    const e = await event(alice, { name: `${tag}-E 北京推介会`, costFen: 200_000_000 });
    await sign((await lead(e.id)).id, 30_000_000_000);

    const detail = await call<PromotionEvent & { leads: { id: string; visits: number; contractInvestmentFen: number | null }[] }>(t, {
      method: 'GET',
      url: `/api/events/${a.id}`,
      as: boss,
    });
    expect(detail.data.figures).toEqual({
      leads: 3,
      visits: 3,
      signedProjects: 1,
      contractInvestmentFen: '50000000000',
      costFen: 20_000_000,
      costPerSignedYuan: '0.000400',
    });
    expect(detail.data.leads.find((l) => l.id === a1?.id)).toMatchObject({ visits: 2, contractInvestmentFen: 50_000_000_000 });

    const list = await call<{ items: PromotionEvent[] }>(t, { method: 'GET', url: `/api/events?sort=return&q=${tag}`, as: finance });
    expect(list.data.items.map((x) => [x.name.slice(-7), x.figures.costPerSignedYuan])).toEqual([
      [d.name.slice(-7), '0.000000'],
      [a.name.slice(-7), '0.000400'],
      [e.name.slice(-7), '0.006667'],
      [b.name.slice(-7), '0.010000'],
      [c.name.slice(-7), null],
    ]);
    const ranks = list.data.items.map((x) => x.rank);
    expect(ranks.slice(0, 4).every((r, i, all) => r !== null && (i === 0 || r > (all[i - 1] ?? 0)))).toBe(true);
    expect(ranks[4]).toBeNull();
    // The lead names its event.
    const [first] = (await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?sourceEventId=${a.id}`, as: boss })).data.items;
    expect(first?.sourceEventName).toBe(a.name);
  });

  it('validates events, lets only the recorder or a manager edit, with the version read', async () => {
    const bad = await call(t, {
      method: 'POST',
      url: '/api/events',
      as: alice,
      payload: { name: '展会', kind: 'party', heldOn: '2026-13-01', place: '', organiser: 'x', costFen: -1 },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (errorOf(bad).details?.fields ?? []).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'heldOn', 'place', 'costFen']));
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/events',
          as: alice,
          payload: { name: 'x', kind: 'expo', heldOn: '2026-05-02', endsOn: '2026-05-01', place: 'x', organiser: 'x' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/events',
          as: finance,
          payload: { name: 'x', kind: 'expo', heldOn: '2026-05-02', place: 'x', organiser: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    const e = await event(alice);
    expect((await call(t, { method: 'PATCH', url: `/api/events/${e.id}`, as: bob, payload: { version: e.version, costFen: 1 } })).statusCode).toBe(403);
    const edited = await call<PromotionEvent>(t, {
      method: 'PATCH',
      url: `/api/events/${e.id}`,
      as: alice,
      payload: { version: e.version, costFen: 8_800_000 },
    });
    expect(edited.data).toMatchObject({ costFen: 8_800_000, version: e.version + 1 });
    expect((await call(t, { method: 'PATCH', url: `/api/events/${e.id}`, as: boss, payload: { version: e.version, costFen: 1 } })).statusCode).toBe(409);
    expect((await call(t, { method: 'GET', url: '/api/events/00000000-0000-4000-8000-000000000000', as: alice })).statusCode).toBe(404);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/leads',
          as: alice,
          payload: { companyName: `${unique('x')}公司`, channel: 'event', sourceEventId: '00000000-0000-4000-8000-000000000000' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await call(t, { method: 'GET', url: '/api/events' })).statusCode).toBe(401);
  });
});
