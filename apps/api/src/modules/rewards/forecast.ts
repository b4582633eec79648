import { rewardRecoveries } from '@crm/db';
import {
  computeReward,
  fenSum,
  type LedgerPayment,
  MAX_FEN,
  notFound,
  type ProjectLedger,
  type RewardMilestone,
  settleLedger,
  TieredRewardVersion,
  versionInEffect,
} from '@crm/shared';
import { eq } from 'drizzle-orm';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { today as todayOf } from '../../lib/dates.ts';
import * as repo from './repository.ts';

type Row = {
  projectId: string | null;
  leadId: string | null;
  name: string;
  stage: string;
  policyId: string;
  policyName: string;
  basisFen: number;
  totalFen: number;
  paidFen: number;
  remainingFen: number;
  recoveryFen: number;
  entitledFen: number;
};

/**
 * Every project's ledger under today's policy versions: the full reward, what is earned so far (the cumulative
 * share at the project's current milestone), what was paid to anyone, what remains and what is to be recovered.
 * Bases without a verified figure use the project's plan (planned fixed-asset investment, the reported contract
 * investment, expected tax) — a forecast, not a payable amount. One pass over bulk reads, never one query per project.
 */
async function ledgerRows(ctx: Ctx, filter: { policyId?: string; projectId?: string }) {
  const today = todayOf(ctx);
  const policies = await repo.rewardPoliciesOf(ctx.db, filter.policyId);
  if (policies.length === 0) return { rows: [] as Row[], policies, today };
  const versions = await repo.versionsOfPolicies(
    ctx.db,
    policies.map((p) => p.id),
  );
  const active = policies.flatMap((policy) => {
    const row = versionInEffect(
      versions.filter((v) => v.policyId === policy.id),
      today,
    );
    // A version written before today's bounds that no longer parses is left out of the forecast, never a 500.
    const parsed = row ? TieredRewardVersion.safeParse(row.body) : null;
    return parsed?.success ? [{ policy, version: parsed.data }] : [];
  });
  const [projectRows, links, figures, paid, agentRows, creditRows, negotiating] = await Promise.all([
    repo.projectsOf(ctx.db, filter.projectId),
    repo.allZoneIndustries(ctx.db),
    repo.verifiedFigures(ctx.db, filter.projectId),
    repo.paidPerPayee(ctx.db, filter.projectId),
    repo.allAgents(ctx.db),
    repo.currentCreditSets(ctx.db, filter.projectId),
    filter.projectId ? Promise.resolve([]) : repo.negotiatingLeads(ctx.db),
  ]);
  const flags = (zoneId: string | null, industryId: string | null) => ({
    leading: links.some((l) => l.zoneId === zoneId && l.industryId === industryId && l.kind === 'leading'),
    emerging: links.some((l) => l.zoneId === zoneId && l.industryId === industryId && l.kind === 'emerging'),
  });
  const latest = new Map<string, number>();
  for (const f of figures) latest.set(`${f.projectId}:${f.kind}`, f.amountFen); // ordered by date: the last wins
  const paidBy = new Map<string, LedgerPayment[]>();
  for (const p of paid) {
    const key = `${p.subjectId}:${p.policyKey}`;
    paidBy.set(key, [...(paidBy.get(key) ?? []), { payeeKey: `${p.payeeType}:${p.payeeId}`, payeeName: '', fen: BigInt(p.fen) }]);
  }
  const agentById = new Map(agentRows.map((a) => [a.id, a]));
  const creditByProject = new Map(creditRows.map((c) => [c.projectId, c]));
  const within = (fen: number) => BigInt(Math.min(Math.max(fen, 0), MAX_FEN));
  const rows: Row[] = [];
  for (const { policy, version } of active) {
    const last = version.installments.at(-1)?.milestone as RewardMilestone | undefined;
    if (!last) continue;
    for (const p of projectRows) {
      const agentId = creditByProject.get(p.id)?.agentId ?? p.agentId;
      const agent = agentId ? agentById.get(agentId) : undefined;
      if (policy.kind === 'agent_reward' && !agent) continue;
      const basisFen =
        version.basis === 'contract_investment'
          ? (p.verifiedContractInvestmentFen ?? p.contractInvestmentFen)
          : (latest.get(`${p.id}:${version.basis}`) ??
            (version.basis === 'actual_fixed_asset_investment'
              ? p.plannedFixedAssetInvestmentFen
              : version.basis === 'annual_tax'
                ? p.expectedAnnualTaxFen
                : p.contractInvestmentFen));
      const ledger = paidBy.get(`${p.id}:${policy.id}`) ?? [];
      const payee =
        policy.kind === 'agent_reward' && agent
          ? {
              key: `agent:${agent.id}`,
              eligibility: {
                isGovernmentUnit: agent.isGovernmentUnit,
                isPlatformCompany: agent.isPlatformCompany,
                isRelatedToInvestor: !!agent.relatedPartyNote,
              },
            }
          : null;
      const common = { version, basisFen: within(basisFen), industryFlags: flags(p.zoneId, p.industryId), paid: ledger, payee };
      const full = settleLedger({ ...common, milestone: last });
      const soFar = settleLedger({ ...common, milestone: p.currentMilestone });
      const paidFen = Number(full.paidFen);
      const totalFen = full.eligible ? Number(full.totalFen) : 0;
      if (totalFen > 0 || paidFen > 0) {
        rows.push({
          projectId: p.id,
          leadId: p.leadId,
          name: p.name,
          stage: p.currentMilestone,
          policyId: policy.id,
          policyName: policy.name,
          basisFen,
          totalFen,
          paidFen,
          remainingFen: Number(full.dueFen),
          recoveryFen: Number(soFar.recoveryFen),
          entitledFen: Number(soFar.entitledFen),
        });
      }
    }
    for (const l of negotiating) {
      const agent = l.agentId ? agentById.get(l.agentId) : undefined;
      if (policy.kind === 'agent_reward' && (!agent || agent.isGovernmentUnit || agent.isPlatformCompany || agent.relatedPartyNote)) continue;
      if (version.basis === 'annual_tax') continue; // a lead has no tax estimate
      const t = Number(
        computeReward({
          version,
          basisFen: within(l.estimatedInvestmentFen),
          industryFlags: flags(l.zoneId, l.industryId),
          milestone: last,
          alreadyPaidFen: 0n,
        }).totalFen,
      );
      if (t > 0)
        rows.push({
          projectId: null,
          leadId: l.id,
          name: l.companyName,
          stage: 'negotiating',
          policyId: policy.id,
          policyName: policy.name,
          basisFen: l.estimatedInvestmentFen,
          totalFen: t,
          paidFen: 0,
          remainingFen: t,
          recoveryFen: 0,
          entitledFen: 0,
        });
    }
  }
  return { rows, policies, today };
}

/**
 * What the current pipeline would cost in rewards if it lands, and what is to be recovered: for every signed
 * project the full reward under today's versions less what was paid under the policy to anyone; for every lead in
 * negotiation the full reward on its estimated investment. Sums travel as decimal strings.
 */
export async function forecast({ ctx, policyId }: { ctx: Ctx; policyId?: string }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see the reward forecast');
  const { rows, today } = await ledgerRows(ctx, { ...(policyId ? { policyId } : {}) });
  const signed = rows.filter((r) => r.projectId);
  const pipeline = rows.filter((r) => !r.projectId);
  const signedRemainingFen = fenSum(signed.map((r) => r.remainingFen));
  const pipelineRemainingFen = fenSum(pipeline.map((r) => r.remainingFen));
  // Rows to recover first, then by what remains.
  rows.sort((a, b) => b.recoveryFen - a.recoveryFen || b.remainingFen - a.remainingFen);
  return {
    rows: rows.slice(0, 200).map(({ entitledFen: _entitled, ...r }) => r),
    totalRemainingFen: (BigInt(signedRemainingFen) + BigInt(pipelineRemainingFen)).toString(),
    signedRemainingFen,
    pipelineRemainingFen,
    recoveryFen: fenSum(rows.map((r) => r.recoveryFen)),
    recoveriesOutstandingFen: await repo.outstandingTotal(ctx.db, { policyId }),
    asOf: today,
  };
}

/**
 * A project's reward ledger (奖励台账), per policy: the forecast's figures for it, each payment and to whom, and
 * the open calculation. Finance, managers and admins: it names amounts paid to people.
 */
export async function projectLedger({ ctx, projectId }: { ctx: Ctx; projectId: string }): Promise<ProjectLedger> {
  requireRole(ctx, ['finance', 'manager', 'admin'], "see a project's reward ledger");
  if (!(await repo.projectExists(ctx.db, projectId))) throw notFound('project');
  const [{ rows, policies, today }, payments, open, recoveries] = await Promise.all([
    ledgerRows(ctx, { projectId }),
    repo.paymentsOfSubjects(ctx.db, [projectId]),
    repo.openOfProject(ctx.db, projectId),
    repo.loadRecoveries(ctx.db, eq(rewardRecoveries.subjectId, projectId)),
  ]);
  const policyIds = [
    ...new Set([...rows.map((r) => r.policyId), ...payments.map((p) => p.p.policyKey), ...open.flatMap((o) => (o.policyId ? [o.policyId] : []))]),
  ];
  const entries = policyIds.flatMap((policyId) => {
    const policy = policies.find((p) => p.id === policyId);
    if (!policy) return [];
    const row = rows.find((r) => r.policyId === policyId);
    const mine = payments.filter((p) => p.p.policyKey === policyId);
    const calc = open.find((o) => o.policyId === policyId);
    return [
      {
        policyId,
        policyName: policy.name,
        kind: policy.kind as 'agent_reward' | 'staff_incentive',
        totalFen: row?.totalFen ?? null,
        entitledFen: row?.entitledFen ?? null,
        paidFen: Number(fenSum(mine.map((p) => p.p.amountFen))),
        remainingFen: row?.remainingFen ?? null,
        recoveryFen: row?.recoveryFen ?? 0,
        recoveries: recoveries.filter((r) => r.policyId === policyId),
        payments: mine.map(({ p, payeeName }) => ({
          paymentId: p.id,
          calculationId: p.calculationId,
          payeeType: p.payeeType as 'agent' | 'staff',
          payeeId: p.payeeId,
          payeeName,
          milestone: p.milestone,
          amountFen: p.amountFen,
          paidOn: p.paidOn,
          reference: p.reference,
        })),
        openCalculation: calc ? { id: calc.id, status: calc.status as 'draft', milestone: calc.milestone, dueFen: calc.dueFen } : null,
      },
    ];
  });
  return { projectId, entries, asOf: today };
}
