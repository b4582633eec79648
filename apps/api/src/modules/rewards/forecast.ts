import { agents, creditSets, leads, projectFigures, projects, rewardPayments, rewardPolicies, rewardPolicyVersions, zoneIndustries } from '@crm/db';
import { computeReward, TieredRewardVersion, type RewardMilestone } from '@crm/shared';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { today as todayOf } from '../../lib/dates.ts';
import { versionOn } from './policies.ts';

/**
 * What the current pipeline would cost in rewards if it lands: for every signed project, the full reward under
 * today's policy versions less what is paid; for every lead in negotiation, the full reward on its estimated
 * investment. Bases without a verified figure use the project's plan (planned fixed-asset investment, contract
 * investment, expected tax) — a forecast, not a payable amount.
 */
export async function forecast({ ctx, policyId }: { ctx: Ctx; policyId?: string }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see the reward forecast');
  const today = todayOf(ctx);
  const policies = await ctx.db
    .select()
    .from(rewardPolicies)
    .where(and(inArray(rewardPolicies.kind, ['agent_reward', 'staff_incentive']), policyId ? eq(rewardPolicies.id, policyId) : undefined));
  if (policies.length === 0) return { rows: [], totalRemainingFen: 0, signedRemainingFen: 0, pipelineRemainingFen: 0, asOf: today };
  const versions = await ctx.db.select().from(rewardPolicyVersions).where(inArray(rewardPolicyVersions.policyId, policies.map((p) => p.id)));
  const active = policies
    .map((p) => ({ policy: p, row: versionOn(versions.filter((v) => v.policyId === p.id), today) }))
    .flatMap((x) => (x.row ? [{ policy: x.policy, version: TieredRewardVersion.parse(x.row.body) }] : []));

  const [projectRows, links, figures, paid, agentRows, creditRows, negotiating] = await Promise.all([
    ctx.db.select().from(projects),
    ctx.db.select().from(zoneIndustries),
    ctx.db
      .select({ projectId: projectFigures.projectId, kind: projectFigures.kind, amountFen: projectFigures.amountFen })
      .from(projectFigures)
      .where(isNotNull(projectFigures.verifiedAt))
      .orderBy(projectFigures.asOf, projectFigures.reportedAt),
    ctx.db
      .select({ subjectId: rewardPayments.subjectId, policyKey: rewardPayments.policyKey, fen: sql<string>`sum(${rewardPayments.amountFen})::text` })
      .from(rewardPayments)
      .groupBy(rewardPayments.subjectId, rewardPayments.policyKey),
    ctx.db.select().from(agents),
    ctx.db.select().from(creditSets).where(eq(creditSets.isCurrent, true)),
    ctx.db.select().from(leads).where(and(eq(leads.stage, 'negotiating'))).limit(5000),
  ]);
  const flags = (zoneId: string | null, industryId: string | null) => ({
    leading: links.some((l) => l.zoneId === zoneId && l.industryId === industryId && l.kind === 'leading'),
    emerging: links.some((l) => l.zoneId === zoneId && l.industryId === industryId && l.kind === 'emerging'),
  });
  const latest = new Map<string, number>();
  for (const f of figures) latest.set(`${f.projectId}:${f.kind}`, f.amountFen); // ordered by date: the last wins
  const agentById = new Map(agentRows.map((a) => [a.id, a]));
  const eligible = (agentId: string | null) => {
    const a = agentId ? agentById.get(agentId) : undefined;
    return !!a && !a.isGovernmentUnit && !a.isPlatformCompany && !a.relatedPartyNote;
  };
  const rows: { projectId: string | null; leadId: string | null; name: string; stage: string; policyId: string; policyName: string; basisFen: number; totalFen: number; paidFen: number; remainingFen: number }[] = [];
  for (const { policy, version } of active) {
    const last = version.installments.at(-1)?.milestone as RewardMilestone | undefined;
    if (!last) continue;
    const total = (basisFen: number, zoneId: string | null, industryId: string | null) =>
      Number(computeReward({ version, basisFen: BigInt(basisFen), industryFlags: flags(zoneId, industryId), milestone: last, alreadyPaidFen: 0n }).totalFen);
    for (const p of projectRows) {
      const agentId = creditRows.find((c) => c.projectId === p.id)?.agentId ?? p.agentId;
      if (policy.kind === 'agent_reward' && !eligible(agentId)) continue;
      const basisFen =
        version.basis === 'contract_investment'
          ? p.contractInvestmentFen
          : (latest.get(`${p.id}:${version.basis}`) ??
            (version.basis === 'actual_fixed_asset_investment' ? p.plannedFixedAssetInvestmentFen : version.basis === 'annual_tax' ? p.expectedAnnualTaxFen : p.contractInvestmentFen));
      const t = total(basisFen, p.zoneId, p.industryId);
      const paidFen = Number(paid.find((x) => x.subjectId === p.id && x.policyKey === policy.id)?.fen ?? 0);
      const remainingFen = Math.max(0, t - paidFen);
      if (t > 0) rows.push({ projectId: p.id, leadId: p.leadId, name: p.name, stage: p.currentMilestone, policyId: policy.id, policyName: policy.name, basisFen, totalFen: t, paidFen, remainingFen });
    }
    for (const l of negotiating) {
      if (policy.kind === 'agent_reward' && !eligible(l.agentId)) continue;
      if (version.basis === 'annual_tax') continue; // a lead has no tax estimate
      const t = total(l.estimatedInvestmentFen, l.zoneId, l.industryId);
      if (t > 0) rows.push({ projectId: null, leadId: l.id, name: l.companyName, stage: 'negotiating', policyId: policy.id, policyName: policy.name, basisFen: l.estimatedInvestmentFen, totalFen: t, paidFen: 0, remainingFen: t });
    }
  }
  const signedRemainingFen = rows.filter((r) => r.projectId).reduce((s, r) => s + r.remainingFen, 0);
  const pipelineRemainingFen = rows.filter((r) => !r.projectId).reduce((s, r) => s + r.remainingFen, 0);
  rows.sort((a, b) => b.remainingFen - a.remainingFen);
  return { rows: rows.slice(0, 200), totalRemainingFen: signedRemainingFen + pipelineRemainingFen, signedRemainingFen, pipelineRemainingFen, asOf: today };
}
