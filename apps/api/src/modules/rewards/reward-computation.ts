import {
  type Calculation,
  type TraceStep,
  traceStep,
  type ProblemParams,
  type ProblemReason,
  type ComputeRewardBody,
  formatFen,
  invalid,
  type LedgerPayment,
  MAX_FEN,
  notFound,
  notSaved,
  problem,
  type RewardMilestone,
  isRewardMilestone,
  rewardMilestoneRank,
  settleLedger,
  splitLargestRemainder,
  TieredRewardVersion,
  versionInEffect,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { agreementOnDate, agreementTrace, assertNoStake, type AgreementRef } from './payees.ts';
import * as repo from './repository.ts';
import { getCalculation } from './workflow.ts';

export type Line = {
  payeeType: 'agent' | 'staff';
  payeeId: string;
  payeeName: string;
  shareBp: number | null;
  amountFen: bigint;
  alreadyPaidFen: bigint;
  overpaymentFen: bigint;
};

/** Everything a reward calculation was made from, frozen on it; paying compares it with the same read made again. */
export type RewardInputs = {
  project: { id: string; name: string; zoneId: string; industryId: string; contractInvestmentFen: number; verifiedContractInvestmentFen: number | null };
  milestone: { name: string; reachedOn: string };
  version: { id: string; versionNo: number; body: unknown };
  basis: { kind: string; amountFen: number; figureId: string | null; asOf: string | null };
  industryFlags: { leading: boolean; emerging: boolean };
  /** The ledger when computed: everything paid under the policy for the project, to whomever it went. */
  ledger: { paidFen: number; payments: { payeeKey: string; payeeName: string; fen: number }[] };
  /** Kept under its first name for calculations made before the ledger: the same as ledger.paidFen. */
  alreadyPaidFen: number;
  creditSetId: string | null;
  payees:
    | {
        agent: {
          id: string;
          name: string;
          isGovernmentUnit: boolean;
          isPlatformCompany: boolean;
          isRelatedToInvestor: boolean;
          relatedPartyNote: string | null;
          status: string;
          agreement: AgreementRef;
        };
      }
    | { credits: { staffId: string; name: string; shareBp: number }[] };
  computedAt: string;
};

export type RewardEvaluation = {
  kind: 'agent_reward' | 'staff_incentive';
  policyName: string;
  versionId: string;
  milestone: string;
  inputs: RewardInputs;
  lines: Line[];
  totalFen: bigint;
  entitledFen: bigint;
  dueFen: bigint;
  recoveryFen: bigint;
  /** The structured steps (kind + values, English text), stored as the calculation's trace. */
  trace: TraceStep[];
  /** Who may not act on it: its payees and the project's credited staff. */
  stakeholders: string[];
};

/**
 * Reads what a reward at a milestone depends on and settles the project's ledger for the policy (one ledger per
 * project and policy, issue 8). Called inside the ledger's lock by both computing and paying, so a payment is
 * always checked against the state it is written in.
 */
export async function evaluateReward(
  tx: repo.Tx,
  ctx: Ctx,
  key: { projectId: string; policyId: string; milestone: RewardMilestone },
): Promise<RewardEvaluation> {
  const project = await repo.projectForShare(tx, key.projectId);
  if (!project) throw notFound('project');
  const policy = await repo.policyForShare(tx, key.policyId);
  if (!policy) throw notFound('policy');
  if (policy.kind === 'service_fee') throw invalid('policyId', 'SERVICE_FEE_POLICY');
  const reached = await repo.milestoneOf(tx, project.id, key.milestone);
  if (!reached) throw problem('MILESTONE_NOT_REACHED', { milestone: key.milestone });
  // The rules in force when the milestone was reached: the newest version covering that day (the engine's one rule).
  const versionRow = versionInEffect(await repo.versionsOf(tx, policy.id), reached.reachedOn);
  if (!versionRow) throw problem('NO_POLICY_VERSION', { policy: policy.name, date: reached.reachedOn, milestone: key.milestone });
  const parsed = TieredRewardVersion.safeParse(versionRow.body);
  if (!parsed.success) {
    throw problem('POLICY_VERSION_OUTDATED', { versionNo: versionRow.versionNo, policy: policy.name, detail: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  const version = parsed.data;
  if (!version.installments.some((i) => i.milestone === key.milestone)) {
    throw problem('NOTHING_AT_MILESTONE', {
      policy: policy.name,
      milestone: key.milestone,
      installments: version.installments.map((i) => `"${i.milestone}" (${i.shareBp / 100}%)`).join(', '),
    });
  }

  // The basis: the newest verified figure (a true-up uses today's verified total); for the contract investment,
  // the verified contract amount — an owner's unverified edit never moves money.
  let basis: RewardInputs['basis'];
  if (version.basis === 'contract_investment') {
    if (project.verifiedContractInvestmentFen === null) {
      throw problem('CONTRACT_INVESTMENT_UNVERIFIED');
    }
    basis = { kind: 'contract_investment', amountFen: project.verifiedContractInvestmentFen, figureId: null, asOf: project.signedOn };
  } else {
    const figure = await repo.latestVerifiedFigure(tx, project.id, version.basis);
    if (!figure) throw problem('FIGURE_UNVERIFIED', { figure: version.basis });
    basis = { kind: version.basis, amountFen: figure.amountFen, figureId: figure.id, asOf: figure.asOf };
  }
  if (basis.amountFen > MAX_FEN) throw problem('BASIS_TOO_LARGE', { basis: formatFen(basis.amountFen), max: formatFen(MAX_FEN) });
  const industryFlags = await repo.industryFlagsOf(tx, project.zoneId, project.industryId);
  const paidRows = await repo.ledgerPayments(tx, project.id, policy.id);
  const paid: LedgerPayment[] = paidRows.map((p) => ({ payeeKey: `${p.payeeType}:${p.payeeId}`, payeeName: p.payeeName, fen: p.fen }));
  const credits = await repo.currentCredits(tx, project.id);
  const credited = [...new Set(credits?.lines.map((l) => l.staffId) ?? [])];
  const milestone = key.milestone;
  const common = { version, basisFen: BigInt(basis.amountFen), industryFlags, milestone };

  let lines: Line[];
  let payees: RewardInputs['payees'];
  let settled: ReturnType<typeof settleLedger>;
  let agreementLines: TraceStep[] = [];
  let splitLines: TraceStep[] = [];
  if (policy.kind === 'agent_reward') {
    // The remaining entitlement goes to the agent credited now (at this milestone); earlier payments stay paid.
    const agentId = credits?.agentId ?? project.agentId;
    if (!agentId) throw problem('NO_INTRODUCING_AGENT');
    const found = await repo.agentForShare(tx, agentId);
    if (!found) throw problem('AGENT_GONE');
    const { agent, agreements } = found;
    const agreement = agreementOnDate(agent, agreements, reached.reachedOn, 'introduction reward');
    const eligibility = { isGovernmentUnit: agent.isGovernmentUnit, isPlatformCompany: agent.isPlatformCompany, isRelatedToInvestor: !!agent.relatedPartyNote };
    settled = settleLedger({ ...common, paid, payee: { key: `agent:${agent.id}`, eligibility } });
    const paidToAgent = paid.filter((p) => p.payeeKey === `agent:${agent.id}`).reduce((s, p) => s + p.fen, 0n);
    lines = [
      {
        payeeType: 'agent',
        payeeId: agent.id,
        payeeName: agent.name,
        shareBp: 10000,
        amountFen: settled.dueFen,
        alreadyPaidFen: paidToAgent,
        overpaymentFen: settled.recoveryFen,
      },
    ];
    payees = { agent: { id: agent.id, name: agent.name, ...eligibility, relatedPartyNote: agent.relatedPartyNote, status: agent.status, agreement } };
    agreementLines = agreementTrace([agreement]);
  } else {
    // A staff incentive pool for the project, trued up as a whole, then split by credit share (largest remainder,
    // equal remainders to the person entered first).
    if (!credits) throw problem('NO_CREDITS');
    const byStaff = new Map<string, { name: string; shareBp: number }>();
    for (const c of credits.lines) byStaff.set(c.staffId, { name: c.name, shareBp: (byStaff.get(c.staffId)?.shareBp ?? 0) + c.shareBp });
    settled = settleLedger({ ...common, paid, payee: null });
    const parts = splitLargestRemainder(
      settled.dueFen,
      [...byStaff].map(([id, v]) => ({ key: id, weight: BigInt(v.shareBp) })),
    );
    lines = parts.map((part) => ({
      payeeType: 'staff' as const,
      payeeId: part.key,
      payeeName: byStaff.get(part.key)?.name ?? '',
      shareBp: Number(part.weight),
      amountFen: part.amountFen,
      alreadyPaidFen: paid.filter((p) => p.payeeKey === `staff:${part.key}`).reduce((s, p) => s + p.fen, 0n),
      overpaymentFen: 0n,
    }));
    payees = { credits: [...byStaff].map(([staffId, v]) => ({ staffId, ...v })) };
    splitLines = [traceStep('SPLIT', { parts: lines.map((l) => `${l.payeeName} ${(l.shareBp ?? 0) / 100}% ${formatFen(l.amountFen)}`).join('; ') })];
  }
  const trace = [
    versionRow.effectiveTo
      ? traceStep('POLICY_REACHED_RANGE', {
          policy: policy.name,
          versionNo: versionRow.versionNo,
          from: versionRow.effectiveFrom,
          to: versionRow.effectiveTo,
          milestoneKey: milestone,
          reachedOn: reached.reachedOn,
        })
      : traceStep('POLICY_REACHED', {
          policy: policy.name,
          versionNo: versionRow.versionNo,
          from: versionRow.effectiveFrom,
          milestoneKey: milestone,
          reachedOn: reached.reachedOn,
        }),
    basis.figureId
      ? traceStep('VERIFIED_FIGURE', { figure: basis.kind, amountFen: basis.amountFen, asOf: basis.asOf ?? '' })
      : traceStep('VERIFIED_CONTRACT', { amountFen: basis.amountFen }),
    ...agreementLines,
    ...settled.steps,
    ...splitLines,
    ...(settled.recoveryFen > 0n ? [traceStep('OVERPAID', { overpaidFen: settled.recoveryFen })] : []),
  ];
  const inputs: RewardInputs = {
    project: {
      id: project.id,
      name: project.name,
      zoneId: project.zoneId,
      industryId: project.industryId,
      contractInvestmentFen: project.contractInvestmentFen,
      verifiedContractInvestmentFen: project.verifiedContractInvestmentFen,
    },
    milestone: { name: milestone, reachedOn: reached.reachedOn },
    version: { id: versionRow.id, versionNo: versionRow.versionNo, body: versionRow.body },
    basis,
    industryFlags,
    ledger: { paidFen: Number(settled.paidFen), payments: paid.map((p) => ({ payeeKey: p.payeeKey, payeeName: p.payeeName, fen: Number(p.fen) })) },
    alreadyPaidFen: Number(settled.paidFen),
    creditSetId: credits?.id ?? null,
    payees,
    computedAt: ctx.now().toISOString(),
  };
  const staffPayees = lines.filter((l) => l.payeeType === 'staff').map((l) => l.payeeId);
  return {
    kind: policy.kind as 'agent_reward' | 'staff_incentive',
    policyName: policy.name,
    versionId: versionRow.id,
    milestone,
    inputs,
    lines,
    totalFen: settled.result.totalFen,
    entitledFen: settled.entitledFen,
    dueFen: settled.dueFen,
    recoveryFen: settled.recoveryFen,
    trace,
    stakeholders: [...new Set([...staffPayees, ...credited])],
  };
}

/**
 * What changed between the inputs a calculation was made from and the same read made now, in words, for the 409
 * that refuses a payment whose amount would differ.
 */
/** One thing that changed since a calculation was made: a reason nested in CALCULATION_CHANGED, with its English text. */
export type Change = { what: string; reason: ProblemReason; params: ProblemParams; message: string };
export const change = (what: string, reason: ProblemReason, params: ProblemParams = {}): Change => ({
  what,
  reason,
  params,
  message: problem(reason, params as never).message,
});

export function describeChanges(before: Partial<RewardInputs>, now: RewardInputs): Change[] {
  const changes: Change[] = [];
  const paidBefore = before.ledger?.paidFen ?? before.alreadyPaidFen ?? 0;
  if (paidBefore !== now.ledger.paidFen) {
    changes.push(change('payment', 'CHANGED_PAYMENT', { then: formatFen(paidBefore), now: formatFen(now.ledger.paidFen) }));
  }
  if (before.basis?.figureId !== now.basis.figureId || before.basis?.amountFen !== now.basis.amountFen) {
    changes.push(change('verification', 'CHANGED_BASIS', { now: formatFen(now.basis.amountFen), then: formatFen(before.basis?.amountFen ?? 0) }));
  }
  if (before.creditSetId !== now.creditSetId) changes.push(change('credits', 'CHANGED_CREDITS'));
  if (before.version?.id !== now.version.id)
    changes.push(change('policy_version', 'CHANGED_VERSION', { now: now.version.versionNo, then: before.version?.versionNo ?? '?' }));
  const agentBefore = before.payees && 'agent' in before.payees ? before.payees.agent : null;
  const agentNow = 'agent' in now.payees ? now.payees.agent : null;
  if (agentBefore && agentNow && agentBefore.id === agentNow.id) {
    const flags = (a: typeof agentNow) => [a.isGovernmentUnit, a.isPlatformCompany, a.isRelatedToInvestor, a.status].join();
    if (flags(agentBefore) !== flags(agentNow)) changes.push(change('agent', 'CHANGED_PAYEE', { payee: agentNow.name }));
  }
  if (JSON.stringify(before.industryFlags) !== JSON.stringify(now.industryFlags)) changes.push(change('industry', 'CHANGED_INDUSTRIES'));
  if (changes.length === 0) changes.push(change('inputs', 'CHANGED_INPUTS'));
  return changes;
}

/** Computes an agent reward or a staff incentive pool for a project at a milestone, as a draft with its trace. */
export async function computeProjectReward({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ComputeRewardBody> }): Promise<Calculation> {
  requireRole(ctx, ['finance'], 'compute rewards');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await repo.lockLedger(tx, input.projectId, input.policyId);
    const evaluation = await evaluateReward(tx, ctx, { projectId: input.projectId, policyId: input.policyId, milestone: input.milestone });
    assertNoStake(ctx, evaluation.stakeholders, 'compute this reward');
    const subject = { column: 'project' as const, id: input.projectId };
    // A milestone is paid once, and a later milestone's payment already includes the earlier installments.
    const later = (await repo.paidMilestones(tx, input.projectId, input.policyId)).find(
      (c) => isRewardMilestone(c.milestone) && rewardMilestoneRank(c.milestone) >= rewardMilestoneRank(input.milestone),
    );
    if (later) {
      throw later.milestone === input.milestone
        ? problem('MILESTONE_ALREADY_PAID', { calculationId: later.id }, { calculationId: later.id })
        : problem(
            'LATER_MILESTONE_PAID',
            { laterMilestone: later.milestone, calculationId: later.id, milestone: input.milestone },
            { calculationId: later.id },
          );
    }
    // A newer calculation supersedes every open one of the same ledger, whatever its milestone: only the newest
    // reading of the ledger can be paid (issue 8: a forgotten draft paid after a later installment).
    const open = await repo.lockOpen(tx, subject, input.policyId);
    await repo.markSuperseded(
      tx,
      open.map((c) => c.id),
    );
    const calc = await repo.insertCalculation(
      tx,
      {
        kind: evaluation.kind,
        projectId: input.projectId,
        policyId: input.policyId,
        versionId: evaluation.versionId,
        milestone: input.milestone,
        status: 'draft',
        inputs: evaluation.inputs,
        trace: evaluation.trace,
        totalFen: Number(evaluation.totalFen),
        dueFen: Number(evaluation.dueFen),
        overpaymentFen: Number(evaluation.recoveryFen),
        makerId: ctx.actor.id,
        supersedesId: open.at(-1)?.id ?? null,
        createdAt: now,
        updatedAt: now,
      },
      evaluation.lines.map((l) => ({
        ...l,
        amountFen: Number(l.amountFen),
        alreadyPaidFen: Number(l.alreadyPaidFen),
        overpaymentFen: Number(l.overpaymentFen),
      })),
    );
    if (!calc) throw notSaved('calculation');
    await repo.linkSuperseded(
      tx,
      open.map((c) => c.id),
      calc.id,
    );
    await audit(tx, ctx, {
      action: open.length > 0 ? 'reward.compute+supersede' : 'reward.compute',
      entityType: 'reward_calculation',
      entityId: calc.id,
      after: {
        projectId: input.projectId,
        policyId: input.policyId,
        milestone: input.milestone,
        dueFen: calc.dueFen,
        overpaymentFen: calc.overpaymentFen,
        supersedes: open.map((c) => c.id),
      },
    });
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return getCalculation({ ctx: within(ctx, tx), id: calc.id });
  });
}
