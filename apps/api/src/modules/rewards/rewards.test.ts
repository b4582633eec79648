import { rewardCalculations, zoneIndustries } from '@crm/db';
import { eq } from 'drizzle-orm';
import { makeAgent, makeAgreement, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { renderTraceStep, type TraceStep, zoneDateTime, type Calculation, type Lead, type Policy, type ProjectDetail } from '@crm/shared';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

let t: TestApp;
let staff: Session;
let staff2: Session;
let manager: Session;
let manager2: Session;
let finance: Session;
let finance2: Session;
let admin: Session;
let refs: { zoneId: string; industryId: string; otherIndustryId: string; agentId: string; govAgentId: string };

beforeAll(async () => {
  t = await startTestApp();
  [staff, staff2, manager, manager2, finance, finance2, admin] = await Promise.all([
    signIn(t, ['staff'], { displayName: '招商甲' }),
    signIn(t, ['staff'], { displayName: '招商乙' }),
    signIn(t, ['manager'], { displayName: '经理甲' }),
    signIn(t, ['manager'], { displayName: '经理乙' }),
    signIn(t, ['finance'], { displayName: '财务甲' }),
    signIn(t, ['finance', 'manager'], { displayName: '财务经理' }),
    signIn(t, ['admin']),
  ]);
  const { zone } = await makeZone(t.db);
  const { industry } = await makeIndustry(t.db);
  const other = await makeIndustry(t.db);
  await t.db.insert(zoneIndustries).values({ zoneId: zone.id, industryId: industry.id, kind: 'leading' });
  // A formula-looking name checks that the export writes it as text.
  const agent = await makeAgent(t.db, staff.user.id, { name: `=HYPERLINK("x")${unique('')}` });
  const gov = await makeAgent(t.db, staff.user.id, { name: unique('招商服务中心'), isGovernmentUnit: true });
  await makeAgreement(t.db, agent.id);
  await makeAgreement(t.db, gov.id);
  refs = { zoneId: zone.id, industryId: industry.id, otherIndustryId: other.industry.id, agentId: agent.id, govAgentId: gov.id };
});
afterAll(() => t.close());

/** domain.md's worked example as a policy version, effective from 2020 so every test date falls in it. */
const workedExample = (over: Record<string, unknown> = {}) => ({ ...workedExampleVersionJson, effectiveFrom: '2020-01-01', ...over });

async function policy(version: Record<string, unknown> = workedExample(), kind = 'agent_reward') {
  const res = await call<Policy>(t, {
    method: 'POST',
    url: '/api/policies',
    payload: { name: unique('引进奖励'), kind, version: { ...version, kind }, noticeThresholdFen: null },
    as: admin,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

/** A signed project in a leading industry with milestones up to `until`. */
async function project(opts: { agentId?: string; industryId?: string; until?: string[] } = {}) {
  const lead = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: {
      companyName: `${unique('奖励')}有限公司`,
      channel: 'agency',
      agentId: opts.agentId ?? refs.agentId,
      zoneId: refs.zoneId,
      industryId: opts.industryId ?? refs.industryId,
    },
    as: staff,
  });
  const signed = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${lead.data.id}/sign`,
    payload: {
      signedOn: daysAgo(100),
      contractInvestmentFen: 20_000_000_000,
      landMu: 100,
      zoneId: refs.zoneId,
      industryId: opts.industryId ?? refs.industryId,
    },
    as: staff,
  });
  if (signed.statusCode !== 201) throw new Error(signed.body);
  let day = 90;
  for (const m of opts.until ?? ['registered', 'construction_started']) {
    await call(t, { method: 'POST', url: `/api/projects/${signed.data.id}/milestones`, payload: { milestone: m, date: daysAgo(day) }, as: staff });
    day -= 10;
  }
  return signed.data;
}

async function verifiedFigure(projectId: string, amountFen: number, kind = 'actual_fixed_asset_investment') {
  const r = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/projects/${projectId}/figures`,
    payload: { kind, amountFen, asOf: daysAgo(1) },
    as: staff,
  });
  const id = r.data.figures.find((f) => !f.verified && f.amountFen === amountFen)?.id;
  const v = await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${id}/verify`, as: manager });
  if (v.statusCode !== 200) throw new Error(v.body);
}

/** A manager without a stake verifies the contract investment reported at signing. */
async function verifyContract(projectId: string, as: Session = manager2) {
  const detail = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${projectId}`, as });
  const figure = detail.data.figures.find((f) => f.kind === 'contract_investment' && !f.verified);
  const v = await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${figure?.id}/verify`, as });
  if (v.statusCode !== 200) throw new Error(v.body);
}

const compute = (projectId: string, policyId: string, milestone: string, as: Session = finance) =>
  call<Calculation>(t, { method: 'POST', url: '/api/reward-calculations', payload: { projectId, policyId, milestone }, as });
const act = (c: { id: string; version: number }, verb: 'submit' | 'approve' | 'reject' | 'pay', as: Session, extra: Record<string, unknown> = {}) =>
  call<Calculation>(t, { method: 'POST', url: `/api/reward-calculations/${c.id}/${verb}`, payload: { version: c.version, ...extra }, as });
const pay = { paidOn: daysAgo(0), reference: 'BANK-2026-0001' };

async function approved(projectId: string, policyId: string, milestone: string) {
  const c = await compute(projectId, policyId, milestone);
  if (c.statusCode !== 201) throw new Error(c.body);
  const s = await act(c.data, 'submit', finance);
  const a = await act(s.data, 'approve', manager);
  if (a.statusCode !== 200) throw new Error(a.body);
  return a.data;
}

describe('the worked example through the API, to the fen', () => {
  it('pays ¥264,000.00 at construction start and ¥776,740.73 at production', async () => {
    const pol = await policy();
    const p = await project({ until: ['registered', 'construction_started'] });
    await verifiedFigure(p.id, 6_000_000_000);
    const first = await approved(p.id, pol.id, 'construction_started');
    expect([first.totalFen, first.dueFen, first.overpaymentFen]).toEqual([66_000_000, 26_400_000, 0]);
    expect(first.trace.join('\n')).toContain('¥264,000.00');
    const paid = await act(first, 'pay', finance, pay);
    expect(paid.statusCode).toBe(200);
    expect(paid.data.status).toBe('paid');
    expect(paid.data.lines[0]?.payment).toMatchObject({ reference: 'BANK-2026-0001' });

    await call(t, { method: 'POST', url: `/api/projects/${p.id}/milestones`, payload: { milestone: 'in_production', date: daysAgo(5) }, as: staff });
    await verifiedFigure(p.id, 12_345_678_901);
    const second = await compute(p.id, pol.id, 'in_production');
    expect(second.statusCode).toBe(201);
    expect([second.data.totalFen, second.data.dueFen]).toEqual([104_074_073, 77_674_073]);
    const trace = second.data.trace.join('\n');
    expect(trace).toContain('¥123,456,789.01');
    expect(trace).toContain('¥1,040,740.73 − ¥264,000.00 paid = ¥776,740.73');
    expect(second.data.lines).toMatchObject([{ payeeType: 'agent', payeeId: refs.agentId, amountFen: 77_674_073, alreadyPaidFen: 26_400_000 }]);

    // Issue 10: the same trace as structured steps: kind + values (fen as digit strings, dates, keys), English text.
    const steps = second.data.steps;
    expect(steps.map((step) => step.text)).toEqual(second.data.trace);
    expect(steps[0]).toMatchObject({ kind: 'POLICY_REACHED', values: { milestoneKey: 'in_production', reachedOn: daysAgo(5), versionNo: 1 } });
    expect(steps[1]).toMatchObject({ kind: 'VERIFIED_FIGURE', values: { figure: 'actual_fixed_asset_investment', amountFen: '12345678901' } });
    expect(steps.find((step) => step.kind === 'CAP_NOT_REACHED')?.values).toEqual({ capFen: '150000000' });
    expect(steps.find((step) => step.kind === 'PAID_TO')?.values).toMatchObject({ paidFen: '26400000' });
    expect(steps.at(-1)).toMatchObject({ kind: 'CUMULATIVE', values: { dueFen: '104074073', paidFen: '26400000', differenceFen: '77674073', share: '100%' } });
    // In Chinese, as the page and the .xlsx show it.
    expect(renderTraceStep('zh-CN', steps[1] as TraceStep)).toBe(`核实的实际固定资产投资 ¥123,456,789.01（截至 ${steps[1]?.values.asOf}）`);
    expect(renderTraceStep('zh-CN', steps.at(-1) as TraceStep)).toBe('累计比例 100%，应付 ¥1,040,740.73 − 已付 ¥264,000.00 = ¥776,740.73');
  });

  it('shows a calculation stored before steps had kinds (English lines) as those lines', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const c = await compute(p.id, pol.id, 'construction_started');
    const old = ['basis ¥60,000,000.00 — actual fixed-asset investment 实际固定资产投资', 'total ¥660,000.00'];
    await t.db.update(rewardCalculations).set({ trace: old }).where(eq(rewardCalculations.id, c.data.id));
    const read = await call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${c.data.id}`, as: finance });
    expect(read.data.trace).toEqual(old);
    expect(read.data.steps).toEqual(old.map((text) => ({ kind: 'TEXT', values: { text }, text })));
  });
});

describe('the workflow', () => {
  it('goes draft → submitted → approved by another manager → paid', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const c = await compute(p.id, pol.id, 'construction_started');
    expect(c.data).toMatchObject({ status: 'draft', makerId: finance.user.id, projectName: p.name, versionNo: 1 });
    const s = await act(c.data, 'submit', finance);
    expect(s.data.status).toBe('submitted');
    const a = await act(s.data, 'approve', manager, { note: '同意' });
    expect(a.data).toMatchObject({ status: 'approved', checkerId: manager.user.id, decisionNote: '同意' });
    const audit = await call<{ items: { action: string }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=reward_calculation&entityId=${c.data.id}`,
      as: manager,
    });
    expect(audit.data.items.map((e) => e.action)).toEqual(['reward.approve', 'reward.submit', 'reward.compute']);
  });

  it('does not let the maker approve their own calculation', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const c = await compute(p.id, pol.id, 'construction_started', finance2); // finance2 is also a manager
    const s = await act(c.data, 'submit', finance2);
    const own = await act(s.data, 'approve', finance2);
    expect(own.statusCode).toBe(403);
    expect(errorOf(own).message).toMatch(/another manager/);
    expect((await act(s.data, 'reject', finance2, { note: '自审' })).statusCode).toBe(403);
    expect((await act(s.data, 'approve', manager)).statusCode).toBe(200);
  });

  it('refuses out-of-order steps, stale versions and the wrong roles', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const c = (await compute(p.id, pol.id, 'construction_started')).data;
    expect((await act(c, 'approve', manager)).statusCode).toBe(409); // not submitted yet
    expect((await act(c, 'pay', finance, pay)).statusCode).toBe(409);
    expect((await act(c, 'submit', staff)).statusCode).toBe(403);
    expect((await act(c, 'submit', manager)).statusCode).toBe(403);
    const s = (await act(c, 'submit', finance)).data;
    expect((await act(c, 'approve', manager)).statusCode).toBe(409); // stale version
    expect((await act(s, 'approve', finance)).statusCode).toBe(403); // finance is not a checker
    const rejected = await act(s, 'reject', manager2, { note: '基数有误，请核对' });
    expect(rejected.data).toMatchObject({ status: 'rejected', decisionNote: '基数有误，请核对' });
    expect((await act(rejected.data, 'reject', manager2, { note: '' })).statusCode).toBe(400);
    // A rejected calculation is not live: a new one may be computed.
    expect((await compute(p.id, pol.id, 'construction_started')).statusCode).toBe(201);
  });

  it('pays at most once, even when two payments race', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const a = await approved(p.id, pol.id, 'construction_started');
    const results = await Promise.all([act(a, 'pay', finance, pay), act(a, 'pay', finance2, { ...pay, reference: 'BANK-2' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const again = await compute(p.id, pol.id, 'construction_started');
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toMatch(/already paid/);
    const paidOnce = await call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${a.id}`, as: finance });
    expect(paidOnce.data.lines.filter((l) => l.payment)).toHaveLength(1);
  });

  it('supersedes an unpaid calculation with a correction, keeping both', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const first = await approved(p.id, pol.id, 'construction_started');
    await verifiedFigure(p.id, 7_000_000_000);
    const second = await compute(p.id, pol.id, 'construction_started');
    expect(second.data.supersedesId).toBe(first.id);
    const old = await call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${first.id}`, as: finance });
    expect(old.data).toMatchObject({ status: 'superseded', supersededById: second.data.id });
    expect((await act(old.data, 'pay', finance, pay)).statusCode).toBe(409);
  });

  it('freezes its inputs: later figures do not change a calculation', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const c = (await compute(p.id, pol.id, 'construction_started')).data;
    await verifiedFigure(p.id, 9_000_000_000);
    const current = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: manager });
    const edited = await call(t, {
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { version: current.data.version, contractInvestmentFen: 1 },
      as: manager,
    });
    expect(edited.statusCode).toBe(200);
    const again = await call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${c.id}`, as: finance });
    expect(again.data.dueFen).toBe(26_400_000);
    expect(again.data.inputs).toMatchObject({ basis: { kind: 'actual_fixed_asset_investment', amountFen: 6_000_000_000 }, industryFlags: { leading: true } });
    expect(again.data.trace).toEqual(c.trace);
  });
});

describe('rules the engine applies through the API', () => {
  it('needs a verified figure and a reached milestone', async () => {
    const pol = await policy();
    const p = await project();
    const noFigure = await compute(p.id, pol.id, 'construction_started');
    expect(noFigure.statusCode).toBe(412);
    expect(errorOf(noFigure).message).toMatch(/verified/);
    await call(t, {
      method: 'POST',
      url: `/api/projects/${p.id}/figures`,
      payload: { kind: 'actual_fixed_asset_investment', amountFen: 6_000_000_000, asOf: daysAgo(1) },
      as: staff,
    });
    expect((await compute(p.id, pol.id, 'construction_started')).statusCode).toBe(412); // still unverified
    const noInstallment = await compute(p.id, pol.id, 'registered');
    expect(noInstallment.statusCode).toBe(412);
    expect(errorOf(noInstallment).message).toMatch(/pays nothing at "registered"/);
    const notReached = await compute(p.id, pol.id, 'in_production');
    expect(notReached.statusCode).toBe(412);
    expect(errorOf(notReached).message).toMatch(/not reached/);
  });

  it('pays a government-unit agent nothing and says why', async () => {
    const pol = await policy();
    const p = await project({ agentId: refs.govAgentId });
    await verifiedFigure(p.id, 6_000_000_000);
    const c = await compute(p.id, pol.id, 'construction_started');
    expect([c.data.totalFen, c.data.dueFen]).toEqual([0, 0]);
    expect(c.data.trace.join(' ')).toMatch(/government/i);
  });

  it('applies no multiplier outside the leading industries, and the version in effect on the milestone date', async () => {
    const pol = await policy(workedExample({ effectiveTo: daysAgo(81) }));
    // Version 2 from 80 days ago: 2% flat bracket, no multiplier.
    await call(t, {
      method: 'POST',
      url: `/api/policies/${pol.id}/versions`,
      payload: {
        version: workedExample({ effectiveFrom: daysAgo(80), tiers: [{ upToFen: null, rateBp: 200 }], mode: 'bracket', multipliers: [], capFen: null }),
      },
      as: manager,
    });
    const p = await project({ industryId: refs.otherIndustryId }); // construction started 80 days ago: version 2
    await verifiedFigure(p.id, 6_000_000_000);
    const c = await compute(p.id, pol.id, 'construction_started');
    expect(c.data.versionNo).toBe(2);
    expect([c.data.totalFen, c.data.dueFen]).toEqual([120_000_000, 48_000_000]);
  });

  it('flags an overpayment for recovery when the figure falls, and pays nothing', async () => {
    const pol = await policy();
    const p = await project({ until: ['registered', 'construction_started', 'in_production'] });
    await verifiedFigure(p.id, 12_345_678_901);
    const first = await approved(p.id, pol.id, 'construction_started');
    await act(first, 'pay', finance, pay); // 40% of ¥1,040,740.73 = ¥416,296.29
    await verifiedFigure(p.id, 1_500_000_000); // a correction: far less was invested
    const c = await compute(p.id, pol.id, 'in_production');
    expect(c.data.dueFen).toBe(0);
    expect(c.data.overpaymentFen).toBeGreaterThan(0);
    expect(c.data.trace.join('\n')).toMatch(/OVERPAID/);
    const a = await act((await act(c.data, 'submit', finance)).data, 'approve', manager);
    expect((await act(a.data, 'pay', finance, pay)).statusCode).toBe(412);
  });

  it('splits a staff incentive pool by credit share with the largest remainder', async () => {
    const pool = await policy(
      {
        basis: 'contract_investment',
        thresholdFen: 0,
        tiers: [{ upToFen: null, rateBp: 1 }],
        mode: 'bracket',
        multipliers: [],
        capFen: 100_001,
        installments: [{ milestone: 'construction_started', shareBp: 10000 }],
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
      },
      'staff_incentive',
    );
    const p = await project();
    await call(t, {
      method: 'PUT',
      url: `/api/projects/${p.id}/credits`,
      payload: {
        credits: [
          { staffId: staff.user.id, role: 'owner', shareBp: 3333 },
          { staffId: staff2.user.id, role: 'negotiator', shareBp: 3333 },
          { staffId: manager.user.id, role: 'service', shareBp: 3334 },
        ],
      },
      as: manager2,
    });
    await verifyContract(p.id);
    const c = await compute(p.id, pool.id, 'construction_started');
    expect(c.data.totalFen).toBe(100_001); // capped
    expect(c.data.lines.map((l) => [l.payeeId, l.amountFen]).sort()).toEqual(
      [
        [staff.user.id, 33_330],
        [staff2.user.id, 33_330],
        [manager.user.id, 33_341],
      ].sort(),
    );
  });

  it('refuses bad requests with 400 naming the field', async () => {
    for (const [payload, field] of [
      [{ projectId: 'x', policyId: crypto.randomUUID(), milestone: 'signed' }, 'projectId'],
      [{ projectId: crypto.randomUUID(), policyId: crypto.randomUUID(), milestone: 'opened' }, 'milestone'],
    ] as const) {
      const res = await call(t, { method: 'POST', url: '/api/reward-calculations', payload, as: finance });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).details?.fields?.[0]?.field).toBe(field);
    }
    const neg = await call(t, {
      method: 'POST',
      url: '/api/policies',
      payload: { name: unique('p'), kind: 'agent_reward', version: workedExample({ thresholdFen: -1 }) },
      as: admin,
    });
    expect(neg.statusCode).toBe(400);
    expect(errorOf(neg).message).toContain('thresholdFen');
    const sum = await call(t, {
      method: 'POST',
      url: '/api/policies',
      payload: { name: unique('p'), kind: 'agent_reward', version: workedExample({ installments: [{ milestone: 'construction_started', shareBp: 4000 }] }) },
      as: admin,
    });
    expect(sum.statusCode).toBe(400);
    expect(errorOf(sum).message).toContain('4000');
  });

  it('keeps policies to managers, finance and admins; writing to admins and managers', async () => {
    expect((await call(t, { method: 'GET', url: '/api/policies', as: staff })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/policies', as: finance })).statusCode).toBe(200);
    expect((await call(t, { method: 'POST', url: '/api/policies', payload: { name: unique('p'), kind: 'agent_reward' }, as: finance })).statusCode).toBe(403);
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/reward-calculations',
          payload: { projectId: crypto.randomUUID(), policyId: crypto.randomUUID(), milestone: 'signed' },
          as: manager,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/reward-calculations', as: staff })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/reward-calculations' })).statusCode).toBe(401);
  });
});

describe('service fees', () => {
  it('prorates a partial month by days and pays it once', async () => {
    const contract = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/service-fee-contracts',
      payload: { agentId: refs.agentId, title: '2026年委托招商服务', feeFen: 3_100_000, period: 'month', startsOn: '2026-01-15', endsOn: '2026-12-31' },
      as: finance,
    });
    expect(contract.statusCode).toBe(201);
    const jan = await call<Calculation>(t, {
      method: 'POST',
      url: '/api/service-fee-calculations',
      payload: { contractId: contract.data.id, period: '2026-01' },
      as: finance,
    });
    expect(jan.statusCode).toBe(201);
    expect(jan.data.dueFen).toBe(1_700_000); // 17 of 31 days of ¥31,000.00
    const feb = await call<Calculation>(t, {
      method: 'POST',
      url: '/api/service-fee-calculations',
      payload: { contractId: contract.data.id, period: '2026-02' },
      as: finance,
    });
    expect(feb.data.dueFen).toBe(3_100_000);
    const wrong = await call(t, {
      method: 'POST',
      url: '/api/service-fee-calculations',
      payload: { contractId: contract.data.id, period: '2026-Q1' },
      as: finance,
    });
    expect(wrong.statusCode).toBe(400);
    const outside = await call(t, {
      method: 'POST',
      url: '/api/service-fee-calculations',
      payload: { contractId: contract.data.id, period: '2025-12' },
      as: finance,
    });
    expect(outside.statusCode).toBe(412);
    const a = await act((await act(jan.data, 'submit', finance)).data, 'approve', manager);
    expect((await act(a.data, 'pay', finance, pay)).statusCode).toBe(200);
    expect(
      (await call(t, { method: 'POST', url: '/api/service-fee-calculations', payload: { contractId: contract.data.id, period: '2026-01' }, as: finance }))
        .statusCode,
    ).toBe(409);
  });
});

describe('export and forecast', () => {
  it('exports approved and paid items to .xlsx: ¥ numbers with a 合计, labels, China times, formula-like text kept as text', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const a = await approved(p.id, pol.id, 'construction_started');
    await act(a, 'pay', finance, { paidOn: daysAgo(0), reference: '+REF-001' });
    const res = await t.app.inject({ method: 'GET', url: '/api/reward-calculations/export', headers: finance.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const rows: ExcelJS.Row[] = [];
    sheet.eachRow((row) => rows.push(row));
    const header = (rows[0]!.values as unknown[]).slice(1);
    expect(header).toEqual([
      '核算编号',
      '类型',
      '项目/合同',
      '政策',
      '版本',
      '里程碑/期间',
      '收款方',
      '收款方类型',
      '金额(元)',
      '状态',
      '制单人',
      '审核人',
      '审核时间',
      '支付日期',
      '支付凭证号',
      '计算过程',
    ]);
    const row = rows.find((r) => r.getCell(1).value === a.id);
    expect(row).toBeDefined();
    expect(row!.getCell(2).value).toBe('引进项目奖励');
    expect(row!.getCell(6).value).toBe('开工');
    expect(row!.getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(String(row!.getCell(7).value)).toMatch(/^=HYPERLINK/);
    expect(row!.getCell(8).value).toBe('代理/机构');
    // ¥264,000.00 as a number of yuan in the ¥ format, never text.
    expect(row!.getCell(9).type).toBe(ExcelJS.ValueType.Number);
    expect(row!.getCell(9).value).toBe(264_000);
    expect(row!.getCell(9).numFmt).toBe('¥#,##0.00');
    expect(row!.getCell(10).value).toBe('已支付');
    expect(row!.getCell(15).value).toBe('+REF-001');
    expect(row!.getCell(15).type).toBe(ExcelJS.ValueType.String);
    // The approval's time on China's clock (an approval at 00:14 on 12-01 is 12-01, not the UTC 11-30), as a date cell.
    expect(row!.getCell(13).type).toBe(ExcelJS.ValueType.Date);
    expect((row!.getCell(13).value as Date).toISOString().slice(0, 16).replace('T', ' ')).toBe(zoneDateTime(a.decidedAt ?? '', 'Asia/Shanghai'));
    expect((row!.getCell(14).value as Date).toISOString().slice(0, 10)).toBe(daysAgo(0));
    // The trace in Chinese, one numbered step a line (issue 10).
    const lines = String(row!.getCell(16).value).split('\n');
    expect(lines).toHaveLength(a.steps.length);
    expect(lines[1]).toMatch(/^2\. 核实的实际固定资产投资 ¥60,000,000\.00（截至 \d{4}-\d{2}-\d{2}）$/);
    expect(lines).toContain(`${a.steps.findIndex((step) => step.kind === 'CAP_NOT_REACHED') + 1}. 未达封顶 ¥1,500,000.00`);
    // The 合计 row is the sum of the amounts above it.
    const total = rows.find((r) => r.getCell(1).value === '合计')!;
    const sum = rows.slice(1, rows.indexOf(total)).reduce((acc, r) => acc + Math.round(Number(r.getCell(9).value) * 100), 0);
    expect(Math.round(Number(total.getCell(9).value) * 100)).toBe(sum);
    expect(total.getCell(9).numFmt).toBe('¥#,##0.00');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`奖励支付_${today()}.xlsx`)}`);
    expect(disposition).toContain(`filename="rewards-${today()}.xlsx"`);
    // status=approved leaves the paid one out.
    const approvedOnly = await t.app.inject({ method: 'GET', url: '/api/reward-calculations/export?status=approved', headers: finance.headers });
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(approvedOnly.rawPayload as unknown as ArrayBuffer);
    const ids: unknown[] = [];
    book2.worksheets[0]!.eachRow((r) => ids.push(r.getCell(1).value));
    expect(ids).not.toContain(a.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/reward-calculations/export', headers: staff.headers })).statusCode).toBe(403);
  });

  it('exports the calculations list under its filter: one row per calculation, amounts as ¥ numbers with a 合计', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const a = await approved(p.id, pol.id, 'construction_started');
    const res = await t.app.inject({ method: 'GET', url: `/api/reward-calculations/export/list?projectId=${p.id}`, headers: manager.headers });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: ExcelJS.Row[] = [];
    book.worksheets[0]!.eachRow((row) => rows.push(row));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(['核算编号', a.id, '合计']);
    const header = (rows[0]!.values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(rows[1]!.getCell(col('状态')).value).toBe('已批准');
    expect(rows[1]!.getCell(col('里程碑/期间')).value).toBe('开工');
    expect(rows[1]!.getCell(col('应付金额')).value).toBe(264_000);
    expect(rows[1]!.getCell(col('应付金额')).numFmt).toBe('¥#,##0.00');
    expect(rows[1]!.getCell(col('核算金额')).value).toBe(660_000);
    expect(rows[2]!.getCell(col('应付金额')).value).toBe(264_000);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`奖励核算_${today()}.xlsx`);
    expect((await t.app.inject({ method: 'GET', url: '/api/reward-calculations/export/list', headers: staff.headers })).statusCode).toBe(403);
  });

  it('forecasts the reward liability of signed projects less what is paid', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const a = await approved(p.id, pol.id, 'construction_started');
    await act(a, 'pay', finance, pay);
    const res = await call<{
      rows: { projectId: string | null; policyId: string; totalFen: number; paidFen: number; remainingFen: number }[];
      totalRemainingFen: string;
    }>(t, {
      method: 'GET',
      url: `/api/finance/forecast?policyId=${pol.id}`,
      as: finance,
    });
    expect(res.statusCode).toBe(200);
    const row = res.data.rows.find((r) => r.projectId === p.id && r.policyId === pol.id);
    expect(row).toMatchObject({ totalFen: 66_000_000, paidFen: 26_400_000, remainingFen: 39_600_000 });
    expect(BigInt(res.data.totalRemainingFen) >= 39_600_000n).toBe(true);
  });
});
