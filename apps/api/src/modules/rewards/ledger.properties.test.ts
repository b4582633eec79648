import { creditLines, rewardCalculations, rewardLines, rewardPayments, zoneIndustries } from '@crm/db';
import { makeAgent, makeAgreement, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { computeReward, TieredRewardVersion, type Calculation, type Lead, type Policy, type ProjectDetail, type ProjectLedger } from '@crm/shared';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

/*
 * Issue 8's property: random sequences of compute / submit / approve / reject / pay / recompute / credit change /
 * agent change / figure correction / policy version, through the API and its services on a real database. After
 * every step: payments per project and policy stay within the capped total on the latest verified figures (any
 * excess of a downward correction is flagged for recovery), every payment belongs to an approved calculation,
 * nobody approved or paid money they had a stake in, a ledger has at most one open calculation, and no list or
 * aggregate route fails.
 */

let t: TestApp;
let owner: Session;
let financeA: Session; // finance only
let financeB: Session; // finance and staff: sometimes credited on the project
let approver: Session; // manager, never credited
let creditedManager: Session; // manager and staff: sometimes credited, tries to approve anyway
let supervisor: Session; // manager who sets credits, verifies figures, adds versions, flags agents
let admin: Session;
let refs: { zoneId: string; industryId: string; agents: string[] };

beforeAll(async () => {
  t = await startTestApp();
  [owner, financeA, financeB, approver, creditedManager, supervisor, admin] = await Promise.all([
    signIn(t, ['staff'], { displayName: '项目负责人' }),
    signIn(t, ['finance'], { displayName: '财务甲' }),
    signIn(t, ['finance', 'staff'], { displayName: '财务乙' }),
    signIn(t, ['manager'], { displayName: '审批经理' }),
    signIn(t, ['manager', 'staff'], { displayName: '有份经理' }),
    signIn(t, ['manager'], { displayName: '主管经理' }),
    signIn(t, ['admin']),
  ]);
  const { zone } = await makeZone(t.db);
  const { industry } = await makeIndustry(t.db);
  await t.db.insert(zoneIndustries).values({ zoneId: zone.id, industryId: industry.id, kind: 'leading' });
  const agents = [];
  for (const name of ['林建国', '瑞通招商', '招商服务中心']) {
    const agent = await makeAgent(t.db, owner.user.id, { name: unique(name), isGovernmentUnit: name === '招商服务中心' });
    await makeAgreement(t.db, agent.id);
    agents.push(agent.id);
  }
  refs = { zoneId: zone.id, industryId: industry.id, agents };
});
afterAll(() => t.close());

type Action =
  | { kind: 'compute'; policy: number; milestone: 'construction_started' | 'in_production'; by: number }
  | { kind: 'submit' | 'approve' | 'reject' | 'pay'; pick: number; by: number }
  | { kind: 'advance'; pick: number; by: number }
  | { kind: 'credits'; variant: number }
  | { kind: 'agentFlag'; agent: number; flag: 'isGovernmentUnit' | 'status' }
  | { kind: 'figure'; amountFen: number }
  | { kind: 'contract'; amountFen: number }
  | { kind: 'version'; policy: number; capFen: number | null; rateBp: number };

const pick = fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(3) });
const action: fc.Arbitrary<Action> = fc.oneof(
  // The next step of the workflow for a calculation (submit, approve or pay), by one of two people who may do it.
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('advance' as const), pick, by: fc.nat(1) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('compute' as const),
      policy: fc.nat(1),
      milestone: fc.constantFrom('construction_started' as const, 'in_production' as const),
      by: fc.nat(1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('submit' as const), pick, by: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick, by: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat(3), by: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pay' as const), pick, by: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('credits' as const), variant: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('agentFlag' as const), agent: fc.nat(1), flag: fc.constantFrom('isGovernmentUnit' as const, 'status' as const) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('figure' as const), amountFen: fc.constantFrom(3_000_000_000, 6_000_000_000, 12_345_678_901, 30_000_000_000) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('contract' as const), amountFen: fc.constantFrom(5_000_000_000, 20_000_000_000, 80_000_000_000) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('version' as const),
      policy: fc.nat(1),
      capFen: fc.constantFrom(null, 150_000_000, 30_000_000, 5_000_000),
      rateBp: fc.constantFrom(5, 50, 100),
    }),
  },
);

/** One project with an agent reward and a staff incentive policy of its own, every milestone reached, figures verified. */
async function scene() {
  const mk = (kind: 'agent_reward' | 'staff_incentive') =>
    call<Policy>(t, {
      method: 'POST',
      url: '/api/policies',
      payload: {
        name: unique(kind),
        kind,
        // The ledger's properties, not the 公示 window (public-notice.test.ts): paid as soon as approved.
        noticeThresholdFen: null,
        version:
          kind === 'agent_reward'
            ? { ...workedExampleVersionJson, effectiveFrom: '2020-01-01' }
            : {
                kind,
                basis: 'contract_investment',
                thresholdFen: 0,
                tiers: [{ upToFen: null, rateBp: 10 }],
                mode: 'bracket',
                multipliers: [],
                capFen: 20_000_000,
                installments: [
                  { milestone: 'construction_started', shareBp: 4000 },
                  { milestone: 'in_production', shareBp: 6000 },
                ],
                effectiveFrom: '2020-01-01',
                effectiveTo: null,
              },
      },
      as: admin,
    });
  const policies = [(await mk('agent_reward')).data, (await mk('staff_incentive')).data];
  const l = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('性质')}有限公司`, channel: 'agency', agentId: refs.agents[0], zoneId: refs.zoneId, industryId: refs.industryId },
    as: owner,
  });
  const p = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${l.data.id}/sign`,
    payload: { signedOn: daysAgo(100), contractInvestmentFen: 20_000_000_000, landMu: 50, zoneId: refs.zoneId, industryId: refs.industryId },
    as: owner,
  });
  if (p.statusCode !== 201) throw new Error(p.body);
  const projectId = p.data.id;
  for (const [m, d] of [
    ['registered', 90],
    ['construction_started', 80],
    ['in_production', 5],
  ] as const) {
    await call(t, { method: 'POST', url: `/api/projects/${projectId}/milestones`, payload: { milestone: m, date: daysAgo(d) }, as: supervisor });
  }
  await verifyPending(projectId);
  await reportAndVerify(projectId, 6_000_000_000);
  return { projectId, policies, calcs: [] as string[] };
}

async function verifyPending(projectId: string) {
  const detail = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${projectId}`, as: supervisor });
  for (const f of detail.data.figures.filter((x) => !x.verified))
    await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${f.id}/verify`, as: supervisor });
}

async function reportAndVerify(projectId: string, amountFen: number) {
  const r = await call(t, {
    method: 'POST',
    url: `/api/projects/${projectId}/figures`,
    payload: { kind: 'actual_fixed_asset_investment', amountFen, asOf: today() },
    as: owner,
  });
  expect(r.statusCode).toBeLessThan(500);
  await verifyPending(projectId);
}

const creditVariants = () => [
  { credits: [{ staffId: owner.user.id, role: 'owner', shareBp: 10000 }], agentId: refs.agents[0] },
  {
    credits: [
      { staffId: owner.user.id, role: 'owner', shareBp: 5000 },
      { staffId: creditedManager.user.id, role: 'negotiator', shareBp: 5000 },
    ],
    agentId: refs.agents[1],
  },
  { credits: [{ staffId: financeB.user.id, role: 'service', shareBp: 10000 }], agentId: refs.agents[2] },
  {
    credits: [
      { staffId: creditedManager.user.id, role: 'owner', shareBp: 7000 },
      { staffId: owner.user.id, role: 'negotiator', shareBp: 3000 },
    ],
    agentId: refs.agents[0],
  },
];

const outcomes = new Map<string, number>();
const outcome = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);

async function run(s: Awaited<ReturnType<typeof scene>>, a: Action): Promise<number> {
  const calcOf = async (pick: number) => {
    // Mostly the newest calculation (0), sometimes an older, probably superseded one.
    const id = s.calcs[s.calcs.length - 1 - (pick % Math.max(1, s.calcs.length))];
    return id ? (await call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${id}`, as: financeA })).data : null;
  };
  switch (a.kind) {
    case 'compute': {
      const policy = s.policies[a.policy];
      const res = await call<Calculation>(t, {
        method: 'POST',
        url: '/api/reward-calculations',
        payload: { projectId: s.projectId, policyId: policy?.id, milestone: a.milestone },
        as: [financeA, financeB][a.by],
      });
      if (res.statusCode === 201) s.calcs.push(res.data.id);
      return res.statusCode;
    }
    case 'advance':
    case 'submit':
    case 'approve':
    case 'reject':
    case 'pay': {
      const c = await calcOf(a.pick);
      if (!c) return 0;
      const verb = a.kind !== 'advance' ? a.kind : c.status === 'draft' ? 'submit' : c.status === 'submitted' ? 'approve' : 'pay';
      const as = verb === 'approve' || verb === 'reject' ? [approver, creditedManager][a.by] : [financeA, financeB][a.by];
      const extra = verb === 'pay' ? { paidOn: today(), reference: unique('PAY') } : verb === 'reject' ? { note: '退回' } : {};
      const res = await call(t, { method: 'POST', url: `/api/reward-calculations/${c.id}/${verb}`, payload: { version: c.version, ...extra }, as });
      outcome(`${verb} ${res.statusCode}`);
      return res.statusCode;
    }
    case 'credits': {
      const res = await call(t, { method: 'PUT', url: `/api/projects/${s.projectId}/credits`, payload: creditVariants()[a.variant], as: supervisor });
      return res.statusCode;
    }
    case 'agentFlag': {
      const id = refs.agents[a.agent];
      const agent = (await call<{ version: number; isGovernmentUnit: boolean; status: string }>(t, { method: 'GET', url: `/api/agents/${id}`, as: supervisor }))
        .data;
      const change = a.flag === 'status' ? { status: agent.status === 'active' ? 'suspended' : 'active' } : { isGovernmentUnit: !agent.isGovernmentUnit };
      return (await call(t, { method: 'PATCH', url: `/api/agents/${id}`, payload: { version: agent.version, ...change }, as: supervisor })).statusCode;
    }
    case 'figure':
      await reportAndVerify(s.projectId, a.amountFen);
      return 200;
    case 'contract': {
      const current = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${s.projectId}`, as: owner });
      const res = await call(t, {
        method: 'PATCH',
        url: `/api/projects/${s.projectId}`,
        payload: { version: current.data.version, contractInvestmentFen: a.amountFen },
        as: owner,
      });
      await verifyPending(s.projectId);
      return res.statusCode;
    }
    case 'version': {
      const policy = s.policies[a.policy];
      const body =
        a.policy === 0
          ? {
              ...workedExampleVersionJson,
              effectiveFrom: '2020-01-01',
              capFen: a.capFen,
              tiers: [
                { upToFen: 5_000_000_000, rateBp: a.rateBp },
                { upToFen: null, rateBp: 50 },
              ],
            }
          : {
              kind: 'staff_incentive',
              basis: 'contract_investment',
              thresholdFen: 0,
              tiers: [{ upToFen: null, rateBp: a.rateBp }],
              mode: 'bracket',
              multipliers: [],
              capFen: a.capFen,
              installments: [
                { milestone: 'construction_started', shareBp: 4000 },
                { milestone: 'in_production', shareBp: 6000 },
              ],
              effectiveFrom: '2020-01-01',
              effectiveTo: null,
            };
      return (await call(t, { method: 'POST', url: `/api/policies/${policy?.id}/versions`, payload: { version: body }, as: supervisor })).statusCode;
    }
  }
}

/** The capped total on the latest verified figures under the newest version, computed here, apart from the service. */
async function cappedTotal(projectId: string, policyId: string) {
  const [policy, project] = await Promise.all([
    call<Policy>(t, { method: 'GET', url: `/api/policies/${policyId}`, as: approver }),
    call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${projectId}`, as: approver }),
  ]);
  const newest = [...policy.data.versions].sort((x, y) => y.versionNo - x.versionNo)[0];
  const version = TieredRewardVersion.parse(newest?.body);
  const basis =
    version.basis === 'contract_investment'
      ? (project.data.verifiedContractInvestmentFen ?? 0)
      : (project.data.figures
          .filter((f) => f.verified && f.kind === version.basis)
          .sort((x, y) => (x.asOf === y.asOf ? (x.reportedAt < y.reportedAt ? 1 : -1) : x.asOf < y.asOf ? 1 : -1))[0]?.amountFen ?? 0);
  return computeReward({ version, basisFen: BigInt(basis), industryFlags: { leading: true, emerging: false }, milestone: 'in_production', alreadyPaidFen: 0n })
    .totalFen;
}

type Position = Map<string, { paid: bigint; total: bigint; recovery: bigint }>;

/** Checks every invariant after a step and answers each ledger's position; `before` is the position before a payment. */
async function checkInvariants(s: Awaited<ReturnType<typeof scene>>, before: Position | null): Promise<Position> {
  const position: Position = new Map();
  const ledger = await call<ProjectLedger>(t, { method: 'GET', url: `/api/projects/${s.projectId}/reward-ledger`, as: financeA });
  expect(ledger.statusCode).toBe(200);
  for (const policy of s.policies) {
    const rows = await t.db
      .select()
      .from(rewardPayments)
      .where(and(eq(rewardPayments.subjectId, s.projectId), eq(rewardPayments.policyKey, policy.id)));
    const paid = rows.reduce((sum, r) => sum + BigInt(r.amountFen), 0n);
    const total = await cappedTotal(s.projectId, policy.id);
    const recovery = BigInt(ledger.data.entries.find((e) => e.policyId === policy.id)?.recoveryFen ?? 0);
    // Within the capped total on the latest verified figures, or the excess is flagged for recovery.
    expect(paid <= total + recovery, `${policy.kind}: paid ${paid} > total ${total} + recovery ${recovery}`).toBe(true);
    // A payment never creates an excess: only a later correction of the figures or the rules can, and then it is
    // flagged. So after a payment the ledger is within the capped total, plus at most the excess it already had.
    const was = before?.get(policy.id);
    if (was) {
      const excessBefore = was.paid > total ? was.paid - total : 0n;
      expect(paid <= total + excessBefore, `${policy.kind}: a payment took the ledger to ${paid}, above ${total} + ${excessBefore}`).toBe(true);
    }
    position.set(policy.id, { paid, total, recovery });
    const open = await t.db
      .select({ id: rewardCalculations.id })
      .from(rewardCalculations)
      .where(
        and(
          eq(rewardCalculations.projectId, s.projectId),
          eq(rewardCalculations.policyId, policy.id),
          inArray(rewardCalculations.status, ['draft', 'submitted', 'approved']),
        ),
      );
    expect(open.length).toBeLessThanOrEqual(1);
  }
  // Every payment belongs to a calculation that was approved (by someone other than its maker) and then paid;
  // neither the checker nor the payer was a payee or credited on the project when it was computed.
  const payments = await t.db.select().from(rewardPayments).where(eq(rewardPayments.subjectId, s.projectId));
  const calcIds = [...new Set(payments.map((p) => p.calculationId))];
  if (calcIds.length > 0) {
    const calcs = await t.db.select().from(rewardCalculations).where(inArray(rewardCalculations.id, calcIds));
    const lines = await t.db.select().from(rewardLines).where(inArray(rewardLines.calculationId, calcIds));
    for (const c of calcs) {
      expect(c.status).toBe('paid');
      expect(c.checkerId).not.toBeNull();
      expect(c.checkerId).not.toBe(c.makerId);
      const setId = (c.inputs as { creditSetId?: string | null }).creditSetId ?? null;
      const credited = setId
        ? (await t.db.select({ staffId: creditLines.staffId }).from(creditLines).where(eq(creditLines.setId, setId))).map((r) => r.staffId)
        : [];
      const stake = new Set([...credited, ...lines.filter((l) => l.calculationId === c.id && l.payeeType === 'staff').map((l) => l.payeeId)]);
      expect(stake.has(c.checkerId ?? '')).toBe(false);
      expect(stake.has(c.makerId)).toBe(false);
      for (const p of payments.filter((x) => x.calculationId === c.id)) expect(stake.has(p.paidBy)).toBe(false);
    }
  }
  for (const url of [
    '/api/reward-calculations?limit=50',
    `/api/reward-calculations?projectId=${s.projectId}`,
    '/api/finance/forecast',
    '/api/pipeline/lifecycle',
    '/api/reward-calculations/export',
  ]) {
    const res = await t.app.inject({ method: 'GET', url, headers: approver.headers });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
  }
  return position;
}

describe('the ledger under random sequences of actions', () => {
  it('keeps payments within the capped total, pays only approved calculations, and never lets anyone act on their own money', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 16 }), async (actions) => {
        const s = await scene();
        let position = await checkInvariants(s, null);
        for (const a of actions) {
          const status = await run(s, a);
          expect(status, JSON.stringify(a)).toBeLessThan(500);
          if (a.kind !== 'advance') outcome(`${a.kind} ${status}`);
          const paidNow = (a.kind === 'pay' || a.kind === 'advance') && status === 200;
          position = await checkInvariants(s, paidNow ? position : null);
        }
        // And the aggregates built from every figure answer after the whole sequence.
        for (const url of [
          `/api/dashboard?year=${today().slice(0, 4)}`,
          `/api/reports/monthly?month=${today().slice(0, 7)}`,
          '/api/pipeline/board',
          '/api/pipeline/funnel',
        ]) {
          const res = await t.app.inject({ method: 'GET', url, headers: approver.headers });
          expect(res.statusCode, url).toBe(200);
        }
      }),
      {
        numRuns: Number(process.env.LEDGER_RUNS ?? 20),
        // One sequence always runs: a credited manager's approval refused, a payment made stale by a verified
        // figure, a correction paid, then a downward correction flagged for recovery.
        examples: [
          [
            [
              { kind: 'credits', variant: 1 },
              { kind: 'compute', policy: 0, milestone: 'construction_started', by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'advance', pick: 0, by: 1 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'figure', amountFen: 12_345_678_901 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'compute', policy: 0, milestone: 'in_production', by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'figure', amountFen: 3_000_000_000 },
              { kind: 'compute', policy: 1, milestone: 'in_production', by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
            ],
          ],
          [
            [
              { kind: 'figure', amountFen: 30_000_000_000 },
              { kind: 'compute', policy: 0, milestone: 'in_production', by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'advance', pick: 0, by: 0 },
              { kind: 'figure', amountFen: 3_000_000_000 },
              { kind: 'advance', pick: 0, by: 0 },
            ],
          ],
        ],
      },
    );
    // The sequences reached money actually moving and the guards actually refusing, not only no-ops.
    for (const outcome of ['pay 200', 'approve 200', 'approve 403', 'pay 409'])
      expect(outcomes.get(outcome) ?? 0, `${outcome} in ${JSON.stringify([...outcomes])}`).toBeGreaterThan(0);
  }, 900_000);
});
