import { zoneIndustries } from '@crm/db';
import { makeAgent, makeAgreement, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { MAX_FEN, type Calculation, type Lead, type Policy, type ProjectDetail, type ProjectLedger } from '@crm/shared';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

/*
 * Issue 8, case by case: each way money could move wrongly, tried as finance and staff would, through the API.
 */

let t: TestApp;
let owner: Session; // staff, owns the projects
let colleague: Session; // staff
let boss: Session; // manager who sets credits
let checker: Session; // manager with no stake: approves and verifies
let gu: Session; // manager who credits herself
let finance: Session;
let admin: Session;
let refs: { zoneId: string; industryId: string; lin: string; wang: string; zhang: string };

beforeAll(async () => {
  t = await startTestApp();
  [owner, colleague, boss, checker, gu, finance, admin] = await Promise.all([
    signIn(t, ['staff'], { displayName: '赵招商' }),
    signIn(t, ['staff'], { displayName: '钱招商' }),
    signIn(t, ['manager'], { displayName: '孙经理' }),
    signIn(t, ['manager'], { displayName: '周经理' }),
    signIn(t, ['manager', 'staff'], { displayName: '顾经理' }),
    signIn(t, ['finance'], { displayName: '吴财务' }),
    signIn(t, ['admin']),
  ]);
  const { zone } = await makeZone(t.db);
  const { industry } = await makeIndustry(t.db);
  await t.db.insert(zoneIndustries).values({ zoneId: zone.id, industryId: industry.id, kind: 'leading' });
  const lin = await makeAgent(t.db, owner.user.id, { name: '林建国', kind: 'individual' });
  const wang = await makeAgent(t.db, owner.user.id, { name: unique('王海咨询') });
  const zhang = await makeAgent(t.db, owner.user.id, { name: unique('张三中介') }); // no agreement
  await makeAgreement(t.db, lin.id, { title: '委托招商协议 林建国 2020' });
  await makeAgreement(t.db, wang.id);
  refs = { zoneId: zone.id, industryId: industry.id, lin: lin.id, wang: wang.id, zhang: zhang.id };
});
afterAll(() => t.close());

// ¥91,666,666.67 of fixed-asset investment in a leading industry earns ¥850,000.00 under the worked example:
// 500,000 + 208,333.33335 = 708,333.33335 × 1.2 = 850,000.00002 → ¥850,000.00; 40% at 开工 = ¥340,000.00.
const BASIS_850K = 9_166_666_667;
const workedExample = (over: Record<string, unknown> = {}) => ({ ...workedExampleVersionJson, effectiveFrom: '2020-01-01', ...over });

async function policy(version: Record<string, unknown> = workedExample(), kind = 'agent_reward') {
  const res = await call<Policy>(t, {
    method: 'POST',
    url: '/api/policies',
    payload: { name: unique('奖励办法'), kind, version: { ...version, kind }, noticeThresholdFen: null },
    as: admin,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

async function lead(over: Record<string, unknown> = {}, as: Session = owner) {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('账本')}有限公司`, channel: 'agency', agentId: refs.lin, zoneId: refs.zoneId, industryId: refs.industryId, ...over },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

/** A signed project with milestones (registered 90 days ago, construction 80, production 5 when asked). */
async function project(opts: { until?: string[]; contractFen?: number; as?: Session } = {}) {
  const l = await lead({}, opts.as ?? owner);
  const signed = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${l.id}/sign`,
    payload: {
      signedOn: daysAgo(100),
      contractInvestmentFen: opts.contractFen ?? 20_000_000_000,
      landMu: 100,
      zoneId: refs.zoneId,
      industryId: refs.industryId,
    },
    as: opts.as ?? owner,
  });
  if (signed.statusCode !== 201) throw new Error(signed.body);
  const days: Record<string, number> = { registered: 90, construction_started: 80, in_production: 5 };
  for (const m of opts.until ?? ['registered', 'construction_started']) await milestone(signed.data.id, m, daysAgo(days[m] ?? 1));
  return signed.data;
}

async function milestone(projectId: string, m: string, date: string) {
  const res = await call(t, { method: 'POST', url: `/api/projects/${projectId}/milestones`, payload: { milestone: m, date }, as: boss });
  if (res.statusCode >= 300) throw new Error(res.body.slice(0, 300));
}

async function verifiedFigure(projectId: string, amountFen: number, kind = 'actual_fixed_asset_investment') {
  const r = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/projects/${projectId}/figures`,
    payload: { kind, amountFen, asOf: daysAgo(1) },
    as: boss,
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  const id = r.data.figures.find((f) => !f.verified && f.kind === kind && f.amountFen === amountFen)?.id;
  const v = await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${id}/verify`, as: checker });
  if (v.statusCode !== 200) throw new Error(v.body);
}

async function verifyContract(projectId: string, as: Session = checker) {
  const detail = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${projectId}`, as });
  const figure = detail.data.figures.find((f) => f.kind === 'contract_investment' && !f.verified);
  return call<ProjectDetail>(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${figure?.id}/verify`, as });
}

const setCredits = (projectId: string, body: Record<string, unknown>, as: Session = boss) =>
  call<ProjectDetail>(t, { method: 'PUT', url: `/api/projects/${projectId}/credits`, payload: body, as });
const compute = (projectId: string, policyId: string, milestoneName: string, as: Session = finance) =>
  call<Calculation>(t, { method: 'POST', url: '/api/reward-calculations', payload: { projectId, policyId, milestone: milestoneName }, as });
const act = (c: { id: string; version: number }, verb: 'submit' | 'approve' | 'reject' | 'pay', as: Session, extra: Record<string, unknown> = {}) =>
  call<Calculation>(t, { method: 'POST', url: `/api/reward-calculations/${c.id}/${verb}`, payload: { version: c.version, ...extra }, as });
const payment = { paidOn: today(), reference: 'BANK-8' };
const read = (id: string) => call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${id}`, as: finance });
const ledgerOf = (projectId: string) => call<ProjectLedger>(t, { method: 'GET', url: `/api/projects/${projectId}/reward-ledger`, as: finance });

async function approved(projectId: string, policyId: string, milestoneName: string) {
  const c = await compute(projectId, policyId, milestoneName);
  if (c.statusCode !== 201) throw new Error(c.body);
  const s = await act(c.data, 'submit', finance);
  const a = await act(s.data, 'approve', checker);
  if (a.statusCode !== 200) throw new Error(a.body);
  return a.data;
}

async function paid(projectId: string, policyId: string, milestoneName: string) {
  const a = await approved(projectId, policyId, milestoneName);
  const p = await act(a, 'pay', finance, payment);
  if (p.statusCode !== 200) throw new Error(p.body);
  return p.data;
}

describe('one ledger per project and policy', () => {
  it('a change of agent: ¥340,000.00 paid to 林建国 at 开工 stays paid; at 投产 the new agent is due ¥510,000.00, not ¥850,000.00', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, BASIS_850K);
    const first = await paid(p.id, pol.id, 'construction_started');
    expect(first.lines.map((l) => [l.payeeName, l.amountFen])).toEqual([['林建国', 34_000_000]]);

    expect((await setCredits(p.id, { credits: [{ staffId: owner.user.id, role: 'owner', shareBp: 10000 }], agentId: refs.wang })).statusCode).toBe(200);
    await milestone(p.id, 'in_production', daysAgo(5));
    const second = await compute(p.id, pol.id, 'in_production');
    expect(second.statusCode).toBe(201);
    expect([second.data.totalFen, second.data.dueFen, second.data.overpaymentFen]).toEqual([85_000_000, 51_000_000, 0]);
    expect(second.data.lines).toMatchObject([{ payeeId: refs.wang, amountFen: 51_000_000, alreadyPaidFen: 0 }]);
    const trace = second.data.trace.join('\n');
    expect(trace).toContain('already paid to 林建国 ¥340,000.00');
    expect(trace).toContain('¥850,000.00 − ¥340,000.00 paid = ¥510,000.00');
    await act((await act((await act(second.data, 'submit', finance)).data, 'approve', checker)).data, 'pay', finance, payment);

    const ledger = await ledgerOf(p.id);
    expect(ledger.statusCode).toBe(200);
    const entry = ledger.data.entries.find((e) => e.policyId === pol.id);
    expect(entry).toMatchObject({ totalFen: 85_000_000, paidFen: 85_000_000, remainingFen: 0, recoveryFen: 0 });
    expect(entry?.payments.map((x) => [x.payeeName, x.amountFen])).toEqual([
      ['林建国', 34_000_000],
      [second.data.lines[0]?.payeeName, 51_000_000],
    ]);
  });

  it('a forgotten draft: computing 投产 supersedes the open 开工 calculation, which can then never be paid (never 140%)', async () => {
    const pol = await policy();
    const p = await project({ until: ['registered', 'construction_started', 'in_production'] });
    await verifiedFigure(p.id, 12_356_000_000);
    const early = (await compute(p.id, pol.id, 'construction_started')).data;
    const late = await compute(p.id, pol.id, 'in_production');
    expect(late.data.supersedesId).toBe(early.id);
    expect((await read(early.id)).data).toMatchObject({ status: 'superseded', supersededById: late.data.id });
    await act((await act((await act(late.data, 'submit', finance)).data, 'approve', checker)).data, 'pay', finance, payment);
    const stale = (await read(early.id)).data;
    expect((await act(stale, 'submit', finance)).statusCode).toBe(409);
    expect((await act(stale, 'pay', finance, payment)).statusCode).toBe(409);
    // Nor can 开工 be computed again: the 投产 payment already includes its 40%.
    const again = await compute(p.id, pol.id, 'construction_started');
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toMatch(/"in_production" was already paid .* includes the installment at "construction_started"/);
    const entry = (await ledgerOf(p.id)).data.entries.find((e) => e.policyId === pol.id);
    expect(entry?.paidFen).toBe(late.data.totalFen);
    expect(entry?.paidFen).toBeLessThanOrEqual(150_000_000); // the cap
  });

  it.each([
    {
      what: 'verification',
      change: async (projectId: string) => verifiedFigure(projectId, 7_000_000_000),
      message: /a figure was verified: the basis is ¥70,000,000.00 now/,
    },
    {
      what: 'credits',
      change: async (projectId: string) => {
        await setCredits(projectId, { credits: [{ staffId: owner.user.id, role: 'owner', shareBp: 10000 }], agentId: refs.wang });
      },
      message: /credits changed/,
    },
    {
      what: 'policy_version',
      change: async (_projectId: string, policyId: string) => {
        const v = await call(t, {
          method: 'POST',
          url: `/api/policies/${policyId}/versions`,
          payload: { version: { ...workedExample({ capFen: 10_000_000 }), kind: 'agent_reward' } },
          as: admin,
        });
        expect(v.statusCode).toBe(201);
      },
      message: /version 2 of the policy applies now/,
    },
    {
      what: 'agent',
      change: async () => {
        const agent = await call<{ version: number }>(t, { method: 'GET', url: `/api/agents/${refs.lin}`, as: boss });
        await call(t, { method: 'PATCH', url: `/api/agents/${refs.lin}`, payload: { version: agent.data.version, isPlatformCompany: true }, as: boss });
      },
      message: /eligibility or status of 林建国 changed/,
      after: async () => {
        const agent = await call<{ version: number }>(t, { method: 'GET', url: `/api/agents/${refs.lin}`, as: boss });
        await call(t, { method: 'PATCH', url: `/api/agents/${refs.lin}`, payload: { version: agent.data.version, isPlatformCompany: false }, as: boss });
      },
    },
  ])('paying an approved calculation after a $what change is refused with 409 naming it, and nothing moves', async ({ what, change, message, after }) => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const a = await approved(p.id, pol.id, 'construction_started');
    await change(p.id, pol.id);
    const res = await act(a, 'pay', finance, payment);
    await after?.();
    expect(res.statusCode).toBe(409);
    const error = errorOf(res);
    expect(error.details).toMatchObject({ reason: 'stale_calculation' });
    expect((error.details!.changes as { what: string }[]).map((c) => c.what)).toContain(what);
    expect(error.message).toMatch(message);
    expect((await read(a.id)).data.status).toBe('approved');
    expect((await ledgerOf(p.id)).data.entries.find((e) => e.policyId === pol.id)?.paidFen ?? 0).toBe(0);
  });

  it('flags the excess of a downward correction for recovery, in the calculation, the forecast and the project ledger', async () => {
    const pol = await policy();
    const p = await project({ until: ['registered', 'construction_started', 'in_production'] });
    await verifiedFigure(p.id, 12_345_678_901);
    await paid(p.id, pol.id, 'in_production'); // 100% of ¥1,040,740.73
    await verifiedFigure(p.id, 6_000_000_000); // corrected: ¥660,000.00 in all
    const entry = (await ledgerOf(p.id)).data.entries.find((e) => e.policyId === pol.id);
    expect(entry).toMatchObject({ totalFen: 66_000_000, paidFen: 104_074_073, remainingFen: 0, recoveryFen: 104_074_073 - 66_000_000 });
    const forecast = await call<{ rows: { projectId: string | null; policyId: string; recoveryFen: number }[]; recoveryFen: string }>(t, {
      method: 'GET',
      url: `/api/finance/forecast?policyId=${pol.id}`,
      as: finance,
    });
    expect(forecast.data.rows.find((r) => r.projectId === p.id)?.recoveryFen).toBe(38_074_073);
    expect(BigInt(forecast.data.recoveryFen) >= 38_074_073n).toBe(true);
    expect((await call(t, { method: 'GET', url: `/api/projects/${p.id}/reward-ledger`, as: owner })).statusCode).toBe(403);
  });
});

describe('agreements gate agent money', () => {
  it('an agent without an agreement in force on the milestone date, put on the project by its credits, is refused with 412 naming the agent', async () => {
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    await setCredits(p.id, { credits: [{ staffId: owner.user.id, role: 'owner', shareBp: 10000 }], agentId: refs.zhang });
    const none = await compute(p.id, pol.id, 'construction_started');
    expect(none.statusCode).toBe(412);
    expect(errorOf(none).details).toMatchObject({ reason: 'no_agreement', agentId: refs.zhang, date: daysAgo(80) });
    expect(errorOf(none).message).toMatch(/张三中介\w* has no agreement \(委托招商协议\) in force on \d{4}-\d{2}-\d{2}.*it has none/);
    // An agreement that ended before the milestone does not count either.
    await makeAgreement(t.db, refs.zhang, { title: '已到期协议', startsOn: '2020-01-01', endsOn: daysAgo(81) });
    expect(errorOf(await compute(p.id, pol.id, 'construction_started')).message).toContain('已到期协议');
    await makeAgreement(t.db, refs.zhang, { title: '续签协议', startsOn: daysAgo(81) });
    const ok = await compute(p.id, pol.id, 'construction_started');
    expect(ok.statusCode).toBe(201);
    expect(ok.data.trace.join('\n')).toContain('agreement 委托招商协议 "续签协议"');
  });

  it('a suspended agent is paid nothing until reactivated (412)', async () => {
    const pol = await policy();
    const agent = await makeAgent(t.db, owner.user.id, { name: unique('暂停代理'), status: 'suspended' });
    await makeAgreement(t.db, agent.id);
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    await setCredits(p.id, { credits: [{ staffId: owner.user.id, role: 'owner', shareBp: 10000 }], agentId: agent.id });
    const res = await compute(p.id, pol.id, 'construction_started');
    expect(res.statusCode).toBe(412);
    expect(errorOf(res).message).toContain('is suspended');
  });
});

describe('no self-dealing', () => {
  it('a manager who credited herself 100% can neither approve nor verify her project’s money; another manager can', async () => {
    const pool = await policy(
      {
        basis: 'contract_investment',
        thresholdFen: 0,
        tiers: [{ upToFen: null, rateBp: 10 }],
        mode: 'bracket',
        multipliers: [],
        capFen: 20_000_000,
        installments: [{ milestone: 'signed', shareBp: 10000 }],
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
      },
      'staff_incentive',
    );
    const p = await project({ until: [] });
    await setCredits(p.id, { credits: [{ staffId: gu.user.id, role: 'owner', shareBp: 10000 }] }, gu);
    const own = await verifyContract(p.id, gu);
    expect(own.statusCode).toBe(403);
    expect(errorOf(own).message).toMatch(/hold credit on this project/);
    expect((await verifyContract(p.id, checker)).statusCode).toBe(200);
    const c = await compute(p.id, pool.id, 'signed');
    expect(c.data.lines.map((l) => [l.payeeId, l.amountFen])).toEqual([[gu.user.id, 20_000_000]]);
    const s = await act(c.data, 'submit', finance);
    const self = await act(s.data, 'approve', gu);
    expect(self.statusCode).toBe(403);
    expect(errorOf(self).details).toMatchObject({ reason: 'own_stake' });
    expect((await act(s.data, 'reject', gu, { note: '自己驳回' })).statusCode).toBe(403);
    const ok = await act(s.data, 'approve', checker);
    expect(ok.statusCode).toBe(200);
    // Nor does a credited colleague approve the agent's reward on the project.
    const pol = await policy();
    const q = await project();
    await verifiedFigure(q.id, 6_000_000_000);
    await setCredits(q.id, {
      credits: [
        { staffId: gu.user.id, role: 'negotiator', shareBp: 5000 },
        { staffId: owner.user.id, role: 'owner', shareBp: 5000 },
      ],
      agentId: refs.lin,
    });
    const r = await compute(q.id, pol.id, 'construction_started');
    const rs = await act(r.data, 'submit', finance);
    expect((await act(rs.data, 'approve', gu)).statusCode).toBe(403);
  });

  it('a finance user credited on a project computes and pays none of its money', async () => {
    const both = await signIn(t, ['finance', 'staff'], { displayName: '郑财务' });
    const pol = await policy();
    const p = await project();
    await verifiedFigure(p.id, 6_000_000_000);
    const a = await approved(p.id, pol.id, 'construction_started');
    await setCredits(p.id, { credits: [{ staffId: both.user.id, role: 'service', shareBp: 10000 }], agentId: refs.lin });
    const pay = await act(a, 'pay', both, payment);
    expect(pay.statusCode).toBe(403);
    expect((await compute(p.id, pol.id, 'construction_started', both)).statusCode).toBe(403);
  });
});

describe('only verified figures move money or rank people', () => {
  it('an owner’s edit of her contract investment to ¥9 trillion is out of bounds (400); a large edit within bounds stays pending and changes neither her score nor her pay', async () => {
    const scheme = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/performance/schemes',
      payload: { name: unique('签约考核'), metrics: [{ metric: 'signed_investment', weight: 100, target: 100_000_000_000 }] },
      as: boss,
    });
    const pool = await policy(
      {
        basis: 'contract_investment',
        thresholdFen: 0,
        tiers: [{ upToFen: null, rateBp: 5 }],
        mode: 'bracket',
        multipliers: [],
        capFen: 20_000_000,
        installments: [{ milestone: 'signed', shareBp: 10000 }],
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
      },
      'staff_incentive',
    );
    const p = await project({ until: [], contractFen: 10_000_000_000 });
    expect((await verifyContract(p.id)).statusCode).toBe(200);
    const ranking = async () => {
      const r = await call<{ rows: { staffId: string; scoreHundredths: number; metrics: { actual: number | string }[] }[] }>(t, {
        method: 'GET',
        url: `/api/performance?period=${daysAgo(100).slice(0, 7)}&schemeId=${scheme.data.id}`,
        as: boss,
      });
      return r.data.rows.find((x) => x.staffId === owner.user.id);
    };
    const before = await ranking();
    expect(before?.metrics[0]?.actual).toBe('10000000000');

    const current = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: owner });
    const nineTrillion = await call(t, {
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { version: current.data.version, contractInvestmentFen: 900_000_000_000_000 },
      as: owner,
    });
    expect(nineTrillion.statusCode).toBe(400);
    expect(errorOf(nineTrillion).details?.fields?.[0]).toMatchObject({
      field: 'contractInvestmentFen',
      message: 'cannot be more than ¥1,000,000,000,000.00 (100000000000000 fen)',
    });
    expect((await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: owner })).data).toMatchObject({
      contractInvestmentFen: 10_000_000_000,
      version: current.data.version,
    });

    const big = await call<ProjectDetail>(t, {
      method: 'PATCH',
      url: `/api/projects/${p.id}`,
      payload: { version: current.data.version, contractInvestmentFen: MAX_FEN },
      as: owner,
    });
    expect(big.statusCode).toBe(200);
    expect(big.data).toMatchObject({ contractInvestmentFen: MAX_FEN, verifiedContractInvestmentFen: 10_000_000_000, contractInvestmentPending: true });
    expect(big.data.figures.find((f) => f.kind === 'contract_investment' && !f.verified)?.amountFen).toBe(MAX_FEN);
    expect(await ranking()).toEqual(before);
    const c = await compute(p.id, pool.id, 'signed');
    expect([c.data.totalFen, c.data.dueFen]).toEqual([5_000_000, 5_000_000]); // 0.05% of the verified ¥100,000,000.00, not the ¥200,000 cap
    const drill = await call<{ items: { amountFen: number | null; pendingAmountFen: number | null }[] }>(t, {
      method: 'GET',
      url: `/api/performance/drill?period=${daysAgo(100).slice(0, 7)}&schemeId=${scheme.data.id}&staffId=${owner.user.id}&metric=signed_investment`,
      as: boss,
    });
    expect(drill.data.items).toContainEqual(expect.objectContaining({ amountFen: 10_000_000_000, pendingAmountFen: MAX_FEN }));
  });
});

describe('bounds: nothing within them fails or loses a fen', () => {
  it('refuses out-of-bounds amounts with 400 naming the field and its maximum, writing nothing', async () => {
    const tooBig = MAX_FEN + 1;
    const p = await project({ until: [] });
    const cases: { url: string; method: 'POST' | 'PUT'; payload: unknown; field: string; as: Session }[] = [
      {
        method: 'POST',
        url: '/api/leads',
        payload: { companyName: `${unique('大')}公司`, channel: 'direct', estimatedInvestmentFen: tooBig },
        field: 'estimatedInvestmentFen',
        as: owner,
      },
      {
        method: 'POST',
        url: `/api/projects/${p.id}/figures`,
        payload: { kind: 'actual_fixed_asset_investment', amountFen: 1_000_000_000_000_000, asOf: today() },
        field: 'amountFen',
        as: owner,
      },
      {
        method: 'POST',
        url: '/api/service-fee-contracts',
        payload: { agentId: refs.lin, title: '超大合同', feeFen: tooBig, period: 'month', startsOn: '2026-01-01', endsOn: '2026-12-31' },
        field: 'feeFen',
        as: finance,
      },
      {
        method: 'PUT',
        url: '/api/dashboard/targets',
        payload: { year: 2026, targets: [{ zoneId: refs.zoneId, metric: 'signed_investment', target: tooBig }] },
        field: 'targets.0.target',
        as: boss,
      },
      {
        method: 'POST',
        url: '/api/performance/schemes',
        payload: { name: unique('超'), metrics: [{ metric: 'signed_investment', weight: 100, target: tooBig }] },
        field: 'metrics.0.target',
        as: boss,
      },
      {
        method: 'POST',
        url: '/api/performance/pay-pool',
        payload: { period: '2026-01', schemeId: crypto.randomUUID(), baseFen: tooBig, gradeMultiplier: 5 },
        field: 'baseFen',
        as: boss,
      },
      {
        method: 'POST',
        url: '/api/policies',
        payload: { name: unique('p'), kind: 'agent_reward', version: workedExample({ capFen: tooBig }) },
        field: 'version.capFen',
        as: admin,
      },
    ];
    for (const c of cases) {
      const res = await call(t, c);
      expect(res.statusCode, c.url).toBe(400);
      const field = errorOf(res).details?.fields?.find((f) => f.field === c.field);
      expect(field?.message, c.url).toMatch(/cannot be more than ¥1,000,000,000,000.00/);
    }
    expect((await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: owner })).data.figures.map((f) => f.kind)).toEqual([
      'contract_investment',
    ]);
    // 100% at ×10 with no cap could pay ¥10,000,000,000,000.00 on the largest basis: a cap is required.
    const uncapped = await call(t, {
      method: 'POST',
      url: '/api/policies',
      payload: {
        name: unique('p'),
        kind: 'agent_reward',
        version: workedExample({
          tiers: [{ upToFen: null, rateBp: 10000 }],
          mode: 'bracket',
          multipliers: [{ when: 'leading_industry', factorBp: 100000 }],
          capFen: null,
        }),
      },
      as: admin,
    });
    expect(uncapped.statusCode).toBe(400);
    expect(errorOf(uncapped).details?.fields?.[0]).toMatchObject({ field: 'version.capFen' });
    expect(errorOf(uncapped).message).toContain('a cap is needed');
  });

  it('amounts at their maximum: every list, board, funnel, dashboard, report, forecast and export answers, exact to the fen beyond 2^53', async () => {
    const { zone } = await makeZone(t.db);
    const n = 91; // 91 × ¥1,000,000,000,000.00 = 9,100,000,000,000,000 fen > 2^53 = 9,007,199,254,740,992
    for (let i = 0; i < n; i++) {
      const res = await call(t, {
        method: 'POST',
        url: '/api/leads',
        payload: { companyName: `${unique('巨额')}公司`, channel: 'direct', zoneId: zone.id, estimatedInvestmentFen: MAX_FEN },
        as: colleague,
      });
      expect(res.statusCode).toBe(201);
    }
    const sum = (BigInt(MAX_FEN) * BigInt(n)).toString();
    expect(BigInt(sum) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const board = await call<{ columns: { stage: string; estimatedInvestmentFen: string }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/board?zoneId=${zone.id}`,
      as: boss,
    });
    expect(board.data.columns.find((c) => c.stage === 'new')?.estimatedInvestmentFen).toBe(sum);
    const funnel = await call<{ steps: { step: string; investmentFen: string }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/funnel?zoneId=${zone.id}`,
      as: boss,
    });
    expect(funnel.data.steps[0]?.investmentFen).toBe(sum);
    const month = today().slice(0, 7);
    const report = await call<{ totals: { newLeadsInvestmentFen: string } }>(t, {
      method: 'GET',
      url: `/api/reports/monthly?month=${month}&zoneId=${zone.id}`,
      as: boss,
    });
    expect(report.data.totals.newLeadsInvestmentFen).toBe(sum);
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/reports/monthly?month=${month}&zoneId=${zone.id}&format=xlsx`, headers: boss.headers });
    expect(xlsx.statusCode).toBe(200);

    // A reward at the largest basis, paid: 100% at 开工, no cap needed (it cannot pass the bound).
    const pol = await policy(
      workedExample({
        thresholdFen: 0,
        tiers: [{ upToFen: null, rateBp: 10000 }],
        mode: 'bracket',
        multipliers: [],
        capFen: null,
        installments: [{ milestone: 'construction_started', shareBp: 10000 }],
      }),
    );
    const p = await project({ contractFen: MAX_FEN });
    await verifiedFigure(p.id, MAX_FEN);
    await verifiedFigure(p.id, MAX_FEN, 'annual_output');
    const c = await paid(p.id, pol.id, 'construction_started');
    expect(c.dueFen).toBe(MAX_FEN);
    for (const url of [
      `/api/reward-calculations?limit=500`,
      `/api/finance/forecast`,
      `/api/projects/${p.id}/reward-ledger`,
      `/api/projects?limit=500`,
      `/api/projects/${p.id}`,
      `/api/pipeline/lifecycle`,
      `/api/pipeline/board`,
      `/api/pipeline/funnel`,
      `/api/dashboard?year=${today().slice(0, 4)}`,
      `/api/reports/monthly?month=${month}`,
      `/api/leads?sort=-estimatedInvestmentFen`,
    ]) {
      const res = await call(t, { method: 'GET', url, as: boss });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    }
    // 亩产 of ¥1,000,000,000,000.00 over 100 亩, exactly.
    const detail = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${p.id}`, as: boss });
    expect(detail.data.perMu.outputFenPerMu).toBe('1000000000000');
    const forecast = await call<{ signedRemainingFen: string; totalRemainingFen: string }>(t, { method: 'GET', url: '/api/finance/forecast', as: finance });
    expect(forecast.data.totalRemainingFen).toMatch(/^\d+$/);
    const exported = await t.app.inject({ method: 'GET', url: '/api/reward-calculations/export', headers: finance.headers });
    expect(exported.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    let line: ExcelJS.Row | undefined;
    book.worksheets[0]?.eachRow((row) => {
      if (row.getCell(1).value === c.id) line = row;
    });
    // The largest amount there is, ¥1,000,000,000,000.00, as a number of yuan in the ¥ format.
    expect(line?.getCell(9).value).toBe(MAX_FEN / 100);
    expect(line?.getCell(9).numFmt).toBe('¥#,##0.00');
  });
});

describe('service fees, splits', () => {
  it('a service fee is computed and paid only for a period that has ended, and only under an agreement', async () => {
    const contract = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/service-fee-contracts',
      payload: { agentId: refs.wang, title: unique('服务合同'), feeFen: 3_000_000, period: 'month', startsOn: '2020-01-01', endsOn: '2099-12-31' },
      as: finance,
    });
    const fee = (period: string) =>
      call<Calculation>(t, { method: 'POST', url: '/api/service-fee-calculations', payload: { contractId: contract.data.id, period }, as: finance });
    const future = await fee('2099-12');
    expect(future.statusCode).toBe(412);
    expect(errorOf(future).message).toMatch(/2099-12 has not ended \(it ends on 2099-12-31\)/);
    const thisMonth = await fee(today().slice(0, 7));
    expect(thisMonth.statusCode).toBe(412);
    const lastMonth = daysAgo(Number(today().slice(8, 10))).slice(0, 7);
    const ok = await fee(lastMonth);
    expect(ok.statusCode).toBe(201);
    expect(ok.data.trace.join('\n')).toContain('agreement 委托招商协议');
    const bare = await makeAgent(t.db, owner.user.id, { name: unique('无协议代理') });
    const withoutAgreement = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/service-fee-contracts',
      payload: { agentId: bare.id, title: unique('服务合同'), feeFen: 3_000_000, period: 'month', startsOn: '2020-01-01', endsOn: '2020-12-31' },
      as: finance,
    });
    const refused = await call(t, {
      method: 'POST',
      url: '/api/service-fee-calculations',
      payload: { contractId: withoutAgreement.data.id, period: '2020-06' },
      as: finance,
    });
    expect(refused.statusCode).toBe(412);
    expect(errorOf(refused).details).toMatchObject({ reason: 'no_agreement', agentId: bare.id, date: '2020-06-01' });
  });

  it('equal remainders of a split go to the person entered first, whatever the internal order', async () => {
    const pool = await policy(
      {
        basis: 'contract_investment',
        thresholdFen: 0,
        tiers: [{ upToFen: null, rateBp: 1 }],
        mode: 'bracket',
        multipliers: [],
        capFen: 100_001,
        installments: [{ milestone: 'signed', shareBp: 10000 }],
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
      },
      'staff_incentive',
    );
    for (const order of [
      [colleague, owner],
      [owner, colleague],
    ]) {
      const p = await project({ until: [] });
      await setCredits(p.id, { credits: order.map((s, i) => ({ staffId: s.user.id, role: i === 0 ? 'owner' : 'negotiator', shareBp: 5000 })) });
      await verifyContract(p.id);
      const c = await compute(p.id, pool.id, 'signed');
      const amount = (s: Session) => c.data.lines.find((l) => l.payeeId === s.user.id)?.amountFen;
      expect([amount(order[0] as Session), amount(order[1] as Session)]).toEqual([50_001, 50_000]);
      expect(c.data.trace.join('\n')).toContain('ties in the order entered');
    }
  });
});
