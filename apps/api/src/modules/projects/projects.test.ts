import { leads } from '@crm/db';
import { makeAgent, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { LeadAlreadySignedConflict, zoneDayStart, type Lead, type ProjectDetail } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

let t: TestApp;
let alice: Session;
let bob: Session;
let carol: Session;
let boss: Session;
let boss2: Session;
let finance: Session;
let refs: { zoneId: string; parkId: string; industryId: string; chainNodeId: string; agentId: string };

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, carol, boss, boss2, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '爱丽丝' }),
    signIn(t, ['staff'], { displayName: '鲍勃' }),
    signIn(t, ['staff'], { displayName: '卡罗' }),
    signIn(t, ['manager'], { displayName: '经理甲' }),
    signIn(t, ['manager'], { displayName: '经理乙' }),
    signIn(t, ['finance']),
  ]);
  const { zone, park } = await makeZone(t.db);
  const { industry, nodes } = await makeIndustry(t.db);
  const agent = await makeAgent(t.db, alice.user.id);
  refs = { zoneId: zone.id, parkId: park.id, industryId: industry.id, chainNodeId: nodes[0]?.id ?? '', agentId: agent.id };
});
afterAll(() => t.close());

async function lead(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: {
      companyName: `${unique('项目')}有限公司`,
      channel: 'direct',
      zoneId: refs.zoneId,
      industryId: refs.industryId,
      estimatedInvestmentFen: 1_000_000,
      ...over,
    },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

const signBody = (over: Record<string, unknown> = {}) => ({
  signedOn: daysAgo(30),
  contractInvestmentFen: 12_345_678_901,
  registeredCapitalFen: 50_000_000_00,
  plannedFixedAssetInvestmentFen: 100_000_000_00,
  landMu: 120.5,
  expectedAnnualOutputFen: 300_000_000_00,
  expectedAnnualTaxFen: 20_000_000_00,
  expectedJobs: 300,
  zoneId: refs.zoneId,
  parkId: refs.parkId,
  industryId: refs.industryId,
  chainNodeId: refs.chainNodeId,
  agentId: refs.agentId,
  ...over,
});

async function signed(as: Session = alice, over: Record<string, unknown> = {}) {
  const l = await lead(as);
  const res = await call<ProjectDetail>(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(over), as });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

const milestone = (p: { id: string }, m: string, date: string, as: Session = alice) =>
  call<ProjectDetail>(t, { method: 'POST', url: `/api/projects/${p.id}/milestones`, payload: { milestone: m, date }, as });

describe('POST /api/leads/:id/sign', () => {
  it('turns the lead into a project with the signed milestone and the owner holding the credit', async () => {
    const l = await lead(alice);
    const res = await call<ProjectDetail>(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: alice });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      leadId: l.id,
      name: l.companyName,
      contractInvestmentFen: 12_345_678_901,
      landMu: 120.5,
      currentMilestone: 'signed',
      ownerId: alice.user.id,
      agentId: refs.agentId,
      perMu: { outputFenPerMu: null, taxFenPerMu: null },
    });
    expect(res.data.milestones.map((m) => [m.milestone, m.reachedOn])).toEqual([['signed', daysAgo(30)]]);
    expect(res.data.credits?.credits).toEqual([{ staffId: alice.user.id, staffName: '爱丽丝', role: 'owner', shareBp: 10000 }]);
    const after = await call<Lead>(t, { method: 'GET', url: `/api/leads/${l.id}`, as: alice });
    expect(after.data).toMatchObject({ stage: 'signed', protectionExpiresAt: null, inPool: false });
  });

  it('refuses to sign a lead twice, also when two requests race', async () => {
    const l = await lead(alice);
    const first = await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: alice });
    expect(first.statusCode).toBe(201);
    const second = await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: boss });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).message).toMatch(/already signed/);
    // The 409's details are the shared contract the web reads (@crm/shared LeadAlreadySignedConflict).
    expect(LeadAlreadySignedConflict.parse(second.json())).toEqual(second.json());
    expect(errorOf(second).details).toEqual({ projectId: (first.json() as { id: string }).id });

    const raced = await lead(alice);
    const results = await Promise.all([alice, boss].map((as) => call(t, { method: 'POST', url: `/api/leads/${raced.id}/sign`, payload: signBody(), as })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const list = await call<{ items: { leadId: string }[] }>(t, { method: 'GET', url: `/api/projects?q=${encodeURIComponent(raced.companyName)}`, as: boss });
    expect(list.data.items.filter((p) => p.leadId === raced.id)).toHaveLength(1);
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['a zero contract investment', { contractInvestmentFen: 0 }, 'contractInvestmentFen'],
    ['a fractional fen amount', { registeredCapitalFen: 1.5 }, 'registeredCapitalFen'],
    ['land with three decimals', { landMu: 1.234 }, 'landMu'],
    ['a future signing date', { signedOn: '2999-01-01' }, 'signedOn'],
    ['a missing zone', { zoneId: undefined }, 'zoneId'],
    ['a chain node of another industry', { chainNodeId: '00000000-0000-4000-8000-000000000000' }, 'chainNodeId'],
  ];
  it.each(bad)('refuses %s with 400 naming the field, leaving the lead unsigned', async (_label, over, field) => {
    const l = await lead(alice);
    const res = await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(over), as: alice });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toContain(field);
    expect((await call<Lead>(t, { method: 'GET', url: `/api/leads/${l.id}`, as: alice })).data.stage).toBe('new');
  });

  it("is refused on a colleague's lead and to finance, allowed to a manager", async () => {
    const l = await lead(alice);
    expect((await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: bob })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: finance })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: boss })).statusCode).toBe(201);
  });

  it('refuses a lost lead until it is reopened', async () => {
    const l = await lead(alice);
    await call(t, { method: 'POST', url: `/api/leads/${l.id}/stage`, payload: { stage: 'lost', reason: '暂缓' }, as: alice });
    expect((await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody(), as: alice })).statusCode).toBe(412);
  });
});

describe('milestones', () => {
  it('are recorded in order with dates that never go back', async () => {
    const p = await signed();
    const registered = await milestone(p, 'registered', daysAgo(20));
    expect(registered.statusCode).toBe(201);
    // land_acquired is optional: construction may follow registration directly.
    const started = await milestone(p, 'construction_started', daysAgo(10));
    expect(started.statusCode).toBe(201);
    expect(started.data.currentMilestone).toBe('construction_started');
    expect(started.data.milestones.map((m) => m.milestone)).toEqual(['signed', 'registered', 'construction_started']);
  });

  it('refuses a date before an earlier milestone, naming both', async () => {
    const p = await signed();
    const res = await milestone(p, 'registered', daysAgo(31));
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.details?.fields?.[0]?.field).toBe('date');
    expect(error.message).toContain(daysAgo(30));
    expect(error.message).toContain('signed');
  });

  it('refuses to skip a required milestone, to go back, to repeat, or to date in the future', async () => {
    const p = await signed();
    const skip = await milestone(p, 'in_production', daysAgo(5));
    expect(skip.statusCode).toBe(400);
    expect(errorOf(skip).message).toContain('registered');
    await milestone(p, 'registered', daysAgo(20));
    await milestone(p, 'construction_started', daysAgo(10));
    const back = await milestone(p, 'land_acquired', daysAgo(5));
    expect(back.statusCode).toBe(400);
    const again = await milestone(p, 'construction_started', daysAgo(5));
    expect(again.statusCode).toBe(409);
    const future = await milestone(p, 'in_production', '2999-01-01');
    expect(future.statusCode).toBe(400);
    expect(errorOf(future).details?.fields?.[0]?.field).toBe('date');
    const unknown = await milestone(p, 'opened', daysAgo(1));
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).details?.fields?.[0]?.field).toBe('milestone');
  });

  it("are refused on a colleague's project", async () => {
    const p = await signed(alice);
    expect((await milestone(p, 'registered', daysAgo(1), bob)).statusCode).toBe(403);
  });
});

describe('figures', () => {
  it('are kept as history, marked unverified until a manager other than the reporter verifies them', async () => {
    const p = await signed();
    const r1 = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${p.id}/figures`,
      payload: { kind: 'annual_output', amountFen: 241_000_000_00, asOf: daysAgo(20) },
      as: alice,
    });
    expect(r1.statusCode).toBe(201);
    const r2 = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${p.id}/figures`,
      payload: { kind: 'annual_output', amountFen: 482_000_000_00, asOf: daysAgo(2) },
      as: alice,
    });
    const outputs = (d: ProjectDetail) => d.figures.filter((f) => f.kind === 'annual_output');
    expect(outputs(r2.data).map((f) => [f.amountFen, f.verified])).toEqual([
      [482_000_000_00, false],
      [241_000_000_00, false],
    ]);
    // Unverified figures do not count for 亩产.
    expect(r2.data.perMu.outputFenPerMu).toBeNull();
    const latest = outputs(r2.data)[0];
    expect((await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${latest?.id}/verify`, as: alice })).statusCode).toBe(403);
    const verified = await call<ProjectDetail>(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${latest?.id}/verify`, as: boss });
    expect(verified.statusCode).toBe(200);
    expect(outputs(verified.data)[0]).toMatchObject({ verified: true, verifiedBy: boss.user.id, verifiedByName: '经理甲' });
    expect(outputs(verified.data)[1]?.verified).toBe(false);
    // 482,000,000.00 yuan over 120.5 亩 = 4,000,000.00 yuan per 亩 (a decimal string: per 亩 can pass 2^53).
    expect(verified.data.perMu.outputFenPerMu).toBe('400000000');
    expect((await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${latest?.id}/verify`, as: boss2 })).statusCode).toBe(409);
  });

  it('will not let a manager verify a figure they reported', async () => {
    const p = await signed();
    const r = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${p.id}/figures`,
      payload: { kind: 'annual_tax', amountFen: 100, asOf: today() },
      as: boss,
    });
    const id = r.data.figures[0]?.id;
    expect((await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${id}/verify`, as: boss })).statusCode).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${id}/verify`, as: boss2 })).statusCode).toBe(200);
  });

  it('refuses bad figures with 400 naming the field', async () => {
    const p = await signed();
    for (const [payload, field] of [
      [{ kind: 'profit', amountFen: 1, asOf: today() }, 'kind'],
      [{ kind: 'annual_tax', amountFen: -1, asOf: today() }, 'amountFen'],
      [{ kind: 'annual_tax', amountFen: 0.5, asOf: today() }, 'amountFen'],
      [{ kind: 'annual_tax', amountFen: 1, asOf: '2999-01-01' }, 'asOf'],
    ] as const) {
      const res = await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures`, payload, as: alice });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.fields?.[0]?.field).toBe(field);
    }
    // Only the contract investment reported at signing.
    expect((await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: alice })).data.figures.map((f) => f.kind)).toEqual([
      'contract_investment',
    ]);
  });
});

describe('PUT /api/projects/:id/credits', () => {
  it('sets a three-way split with the agent and keeps the history', async () => {
    const p = await signed();
    const credits = [
      { staffId: alice.user.id, role: 'first_contact', shareBp: 3333 },
      { staffId: bob.user.id, role: 'negotiator', shareBp: 3333 },
      { staffId: carol.user.id, role: 'service', shareBp: 3334 },
    ];
    const res = await call<ProjectDetail>(t, { method: 'PUT', url: `/api/projects/${p.id}/credits`, payload: { credits, agentId: refs.agentId }, as: boss });
    expect(res.statusCode).toBe(200);
    expect(res.data.credits?.credits.map((c) => [c.staffName, c.role, c.shareBp]).sort()).toEqual(
      [
        ['卡罗', 'service', 3334],
        ['爱丽丝', 'first_contact', 3333],
        ['鲍勃', 'negotiator', 3333],
      ].sort(),
    );
    const history = await call<{ items: { isCurrent: boolean; credits: unknown[] }[] }>(t, {
      method: 'GET',
      url: `/api/projects/${p.id}/credits/history`,
      as: boss,
    });
    expect(history.data.items.map((s) => [s.isCurrent, s.credits.length])).toEqual([
      [true, 3],
      [false, 1],
    ]);
    const audit = await call<{ items: { action: string; before: unknown; after: unknown }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=project&entityId=${p.id}`,
      as: boss,
    });
    expect(audit.data.items.find((e) => e.action === 'project.credits')).toMatchObject({
      before: { credits: [{ staffId: alice.user.id, role: 'owner', shareBp: 10000 }] },
      after: { credits },
    });
    // A credited colleague can now read the project.
    expect((await call(t, { method: 'GET', url: `/api/projects/${p.id}`, as: carol })).statusCode).toBe(200);
  });

  it('refuses shares that do not sum to 10000, naming the sum, and changes nothing', async () => {
    const p = await signed();
    const res = await call(t, {
      method: 'PUT',
      url: `/api/projects/${p.id}/credits`,
      payload: {
        credits: [
          { staffId: alice.user.id, role: 'owner', shareBp: 6000 },
          { staffId: bob.user.id, role: 'negotiator', shareBp: 3000 },
        ],
      },
      as: boss,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toContain('9000');
    expect(errorOf(res).details).toMatchObject({ sumBp: 9000 });
    expect((await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: boss })).data.credits?.credits).toHaveLength(1);
  });

  it('refuses fractional or zero shares, unknown people and duplicates', async () => {
    const p = await signed();
    for (const credits of [
      [{ staffId: alice.user.id, role: 'owner', shareBp: 9999.5 }],
      [{ staffId: alice.user.id, role: 'owner', shareBp: 0 }],
      [{ staffId: alice.user.id, role: 'boss', shareBp: 10000 }],
      [{ staffId: '00000000-0000-4000-8000-000000000000', role: 'owner', shareBp: 10000 }],
      [{ staffId: finance.user.id, role: 'owner', shareBp: 10000 }],
      [
        { staffId: alice.user.id, role: 'owner', shareBp: 5000 },
        { staffId: alice.user.id, role: 'owner', shareBp: 5000 },
      ],
    ]) {
      const res = await call(t, { method: 'PUT', url: `/api/projects/${p.id}/credits`, payload: { credits }, as: boss });
      expect(res.statusCode, JSON.stringify(credits)).toBe(400);
    }
  });

  it('cannot be changed by staff, even the owner, nor by finance', async () => {
    const p = await signed();
    const payload = { credits: [{ staffId: alice.user.id, role: 'owner', shareBp: 10000 }] };
    expect((await call(t, { method: 'PUT', url: `/api/projects/${p.id}/credits`, payload, as: alice })).statusCode).toBe(403);
    expect((await call(t, { method: 'PUT', url: `/api/projects/${p.id}/credits`, payload, as: finance })).statusCode).toBe(403);
    expect((await call(t, { method: 'PUT', url: `/api/projects/${p.id}/credits`, payload })).statusCode).toBe(401);
  });
});

describe('projects: read and edit', () => {
  it("shows staff their own projects only; a colleague's is a 403", async () => {
    const p = await signed(alice);
    expect((await call(t, { method: 'GET', url: `/api/projects/${p.id}`, as: bob })).statusCode).toBe(403);
    const list = await call<{ items: { id: string }[] }>(t, { method: 'GET', url: `/api/projects?q=${encodeURIComponent(p.name)}`, as: bob });
    expect(list.data.items).toEqual([]);
    expect((await call(t, { method: 'GET', url: `/api/projects/${p.id}`, as: finance })).statusCode).toBe(200);
  });

  it('edits with optimistic versions', async () => {
    const p = await signed();
    const ok = await call<ProjectDetail>(t, {
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { version: p.version, landMu: 200, expectedJobs: 500 },
      as: alice,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toMatchObject({ landMu: 200, expectedJobs: 500 });
    const stale = await call(t, { method: 'PATCH', url: `/api/projects/${p.id}`, payload: { version: p.version, landMu: 1 }, as: alice });
    expect(stale.statusCode).toBe(409);
  });
});

describe('pipeline views', () => {
  it('the funnel equals a direct count of the test data, with conversion rates', async () => {
    const { zone } = await makeZone(t.db);
    const mk = (as: Session, fen: number) => lead(as, { zoneId: zone.id, estimatedInvestmentFen: fen });
    const all = await Promise.all([mk(alice, 100), mk(alice, 200), mk(alice, 300), mk(bob, 400), mk(bob, 500), mk(bob, 600)]);
    const [a, b, c, d, e] = all as [Lead, Lead, Lead, Lead, Lead, Lead];
    const move = (l: Lead, stage: string, as: Session, reason?: string) =>
      call(t, { method: 'POST', url: `/api/leads/${l.id}/stage`, payload: { stage, reason }, as });
    await move(a, 'contacted', alice);
    await move(b, 'visited', alice); // a lead that skips a stage counts at every step up to where it got
    await move(c, 'negotiating', alice);
    await move(c, 'lost', alice, '外地落户'); // lost after negotiating still counts as negotiated
    await move(d, 'negotiating', bob);
    await move(e, 'visited', bob);
    const sign = (l: Lead, as: Session, fen: number) =>
      call<ProjectDetail>(t, {
        method: 'POST',
        url: `/api/leads/${l.id}/sign`,
        payload: signBody({ zoneId: zone.id, parkId: null, contractInvestmentFen: fen }),
        as,
      });
    const pd = (await sign(d, bob, 10_000)).data;
    const pe = (await sign(e, bob, 20_000)).data;
    await milestone(pd, 'registered', daysAgo(20), bob);
    await milestone(pd, 'construction_started', daysAgo(10), bob);
    await milestone(pd, 'in_production', daysAgo(1), bob);
    await milestone(pe, 'registered', daysAgo(20), bob);
    await milestone(pe, 'construction_started', daysAgo(10), bob);

    const res = await call<{ steps: { step: string; count: number; investmentFen: string; conversionBp: number | null; overallBp: number | null }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/funnel?zoneId=${zone.id}`,
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    const got = Object.fromEntries(res.data.steps.map((s) => [s.step, [s.count, s.investmentFen]]));
    // Counted by hand from the moves above: a ladder of the furthest step each lead reached; signing is past
    // every lead step, so e (visited, then signed) counts as negotiated; c counts up to negotiating though lost.
    expect(got).toEqual({
      leads: [6, '2100'], // a b c d e f: 100+200+300+400+500+600 (sums travel as decimal strings)
      contacted: [5, '1500'], // a b c d e
      visited: [4, '1400'], // b c d e
      negotiating: [3, '1200'], // c d e
      signed: [2, '30000'], // d e, by contract investment
      construction: [2, '30000'],
      production: [1, '10000'], // d
    });
    expect(res.data.steps.map((s) => s.conversionBp)).toEqual([null, 8333, 8000, 7500, 6667, 10000, 5000]);
    expect(res.data.steps.map((s) => s.overallBp)).toEqual([10000, 8333, 6667, 5000, 3333, 3333, 1667]);

    // An independent count from the database, by the lead ids the test made.
    const rows = await t.db.select({ id: leads.id, rank: leads.furthestStageRank }).from(leads).where(eq(leads.zoneId, zone.id));
    expect(rows.length).toBe(6);
    expect(rows.filter((r) => r.rank >= 1).length).toBe(got.contacted?.[0]);

    const byOwner = await call<{ steps: { step: string; count: number }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/funnel?zoneId=${zone.id}&ownerId=${alice.user.id}`,
      as: boss,
    });
    expect(byOwner.data.steps.map((s) => s.count)).toEqual([3, 3, 2, 1, 0, 0, 0]);
    // Staff see only their own funnel, whatever owner they ask for.
    const staffView = await call<{ steps: { step: string; count: number }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/funnel?zoneId=${zone.id}&ownerId=${bob.user.id}`,
      as: alice,
    });
    expect(staffView.data.steps[0]?.count).toBe(3);
    const future = await call<{ steps: { count: number }[] }>(t, { method: 'GET', url: `/api/pipeline/funnel?zoneId=${zone.id}&from=2099-01-01`, as: boss });
    expect(future.data.steps[0]?.count).toBe(0);
    const badFilter = await call(t, { method: 'GET', url: `/api/pipeline/funnel?channel=magic`, as: boss });
    expect(badFilter.statusCode).toBe(400);
  });

  it('the board counts each stage and the lifecycle board shows projects by milestone', async () => {
    const { zone } = await makeZone(t.db);
    const l1 = await lead(alice, { zoneId: zone.id, estimatedInvestmentFen: 700 });
    const l2 = await lead(alice, { zoneId: zone.id, estimatedInvestmentFen: 800 });
    await call(t, { method: 'POST', url: `/api/leads/${l2.id}/stage`, payload: { stage: 'contacted' }, as: alice });
    const board = await call<{ columns: { stage: string; count: number; estimatedInvestmentFen: string; cards: { id: string }[] }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/board?zoneId=${zone.id}`,
      as: alice,
    });
    const col = (s: string) => board.data.columns.find((c) => c.stage === s);
    expect([col('new')?.count, col('new')?.estimatedInvestmentFen, col('new')?.cards.map((c) => c.id)]).toEqual([1, '700', [l1.id]]);
    expect([col('contacted')?.count, col('contacted')?.cards.map((c) => c.id)]).toEqual([1, [l2.id]]);

    const p = (
      await call<ProjectDetail>(t, { method: 'POST', url: `/api/leads/${l1.id}/sign`, payload: signBody({ zoneId: zone.id, parkId: null }), as: alice })
    ).data;
    await milestone(p, 'registered', daysAgo(3));
    const lifecycle = await call<{ columns: { milestone: string; count: number; projects: { id: string; reachedOn: string }[] }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/lifecycle?zoneId=${zone.id}`,
      as: boss,
    });
    const reg = lifecycle.data.columns.find((c) => c.milestone === 'registered');
    expect(reg?.count).toBe(1);
    expect(reg?.projects[0]).toMatchObject({ id: p.id, reachedOn: daysAgo(3) });
    expect(lifecycle.data.columns.find((c) => c.milestone === 'signed')?.count).toBe(0);
  });

  it('counts a signed card’s days from the signing day, not from when it was recorded', async () => {
    const { zone } = await makeZone(t.db);
    const l = await lead(alice, { zoneId: zone.id });
    await call(t, { method: 'POST', url: `/api/leads/${l.id}/sign`, payload: signBody({ zoneId: zone.id, parkId: null, signedOn: daysAgo(12) }), as: alice });
    const board = await call<{ columns: { stage: string; cards: { id: string; stageChangedAt: string }[] }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/board?zoneId=${zone.id}`,
      as: alice,
    });
    const card = board.data.columns.find((c) => c.stage === 'signed')?.cards.find((c) => c.id === l.id);
    expect(card?.stageChangedAt).toBe(zoneDayStart(daysAgo(12), 'Asia/Shanghai').toISOString());
  });

  it('lists leads registered within a range of China days (the board’s "N more" link)', async () => {
    const { zone } = await makeZone(t.db);
    const l = await lead(alice, { zoneId: zone.id });
    const url = (from: string, to: string) => `/api/leads?zoneId=${zone.id}&createdFrom=${from}&createdTo=${to}`;
    const ids = async (from: string, to: string) =>
      (await call<{ items: Lead[] }>(t, { method: 'GET', url: url(from, to), as: boss })).data.items.map((x) => x.id);
    expect(await ids(today(), today())).toEqual([l.id]);
    expect(await ids(daysAgo(9), daysAgo(1))).toEqual([]);
    expect((await call(t, { method: 'GET', url: url('2026-13-01', today()), as: boss })).statusCode).toBe(400);
  });

  it('shows each stage with the time spent in it', async () => {
    const l = await lead(alice);
    await call(t, { method: 'POST', url: `/api/leads/${l.id}/stage`, payload: { stage: 'contacted' }, as: alice });
    const history = await call<{ items: { toStage: string; leftAt: string | null; hoursInStage: number }[] }>(t, {
      method: 'GET',
      url: `/api/leads/${l.id}/stage-history`,
      as: alice,
    });
    expect(history.data.items.map((h) => h.toStage)).toEqual(['new', 'contacted']);
    expect(history.data.items[0]?.leftAt).not.toBeNull();
    expect(history.data.items[1]?.leftAt).toBeNull();
    expect(history.data.items.every((h) => h.hoursInStage >= 0)).toBe(true);
  });

  it('marks leads red when the follow-up is overdue and yellow when protection is about to lapse', async () => {
    const overdue = await lead(alice, { nextFollowUpOn: daysAgo(1) });
    const lapsing = await lead(alice);
    await t.db
      .update(leads)
      .set({ protectionExpiresAt: new Date(t.now().getTime() + 5 * 86_400_000) })
      .where(eq(leads.id, lapsing.id));
    const fine = await lead(alice, { nextFollowUpOn: today() });
    const get = async (id: string) => (await call<Lead>(t, { method: 'GET', url: `/api/leads/${id}`, as: alice })).data.warning;
    expect([await get(overdue.id), await get(lapsing.id), await get(fine.id)]).toEqual(['red', 'yellow', 'green']);
    const reds = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?warning=red&ownerId=${alice.user.id}&limit=500`, as: alice });
    expect(reds.data.items.map((l) => l.id)).toContain(overdue.id);
    expect(reds.data.items.map((l) => l.id)).not.toContain(fine.id);
  });
});
