import {
  agents,
  creditLines,
  creditSets,
  projectFigures,
  projectMilestones,
  projects,
  rewardCalculations,
  rewardLines,
  rewardPayments,
  rewardPolicies,
  rewardPolicyVersions,
  serviceFeeContracts,
  users,
  zoneIndustries,
  type DbOrTx,
} from '@crm/db';
import {
  AppError,
  computeReward,
  computeServiceFee,
  formatFen,
  splitLargestRemainder,
  TieredRewardVersion,
  type Calculation,
  type CalculationListQuery,
  type ComputeRewardBody,
  type ComputeServiceFeeBody,
  type DecisionBody,
  type PayBody,
  type RejectBody,
  type RewardMilestone,
} from '@crm/shared';
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { today } from '../../lib/dates.ts';
import { versionOn } from './policies.ts';

type Tx = Parameters<Parameters<Ctx['db']['transaction']>[0]>[0];
const LIVE = ['draft', 'submitted', 'approved', 'paid'];
const precondition = (message: string) => new AppError('PRECONDITION_FAILED', message);

const maker = alias(users, 'maker');
const checker = alias(users, 'checker');

export async function loadCalculations(db: DbOrTx, where: ReturnType<typeof and>, limit = 1, orderDesc = true): Promise<(Calculation & { sortKey: string })[]> {
  const rows = await db
    .select({
      c: rewardCalculations,
      projectName: projects.name,
      contractTitle: serviceFeeContracts.title,
      policyName: rewardPolicies.name,
      versionNo: rewardPolicyVersions.versionNo,
      makerName: maker.displayName,
      checkerName: checker.displayName,
      sortKey: sql<string>`${rewardCalculations.createdAt}::text`,
    })
    .from(rewardCalculations)
    .innerJoin(maker, eq(maker.id, rewardCalculations.makerId))
    .leftJoin(checker, eq(checker.id, rewardCalculations.checkerId))
    .leftJoin(projects, eq(projects.id, rewardCalculations.projectId))
    .leftJoin(serviceFeeContracts, eq(serviceFeeContracts.id, rewardCalculations.contractId))
    .leftJoin(rewardPolicies, eq(rewardPolicies.id, rewardCalculations.policyId))
    .leftJoin(rewardPolicyVersions, eq(rewardPolicyVersions.id, rewardCalculations.versionId))
    .where(where)
    .orderBy(orderDesc ? desc(rewardCalculations.createdAt) : rewardCalculations.createdAt, desc(rewardCalculations.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.c.id);
  const payer = alias(users, 'payer');
  const lines = await db
    .select({ l: rewardLines, p: rewardPayments, paidByName: payer.displayName })
    .from(rewardLines)
    .leftJoin(rewardPayments, eq(rewardPayments.lineId, rewardLines.id))
    .leftJoin(payer, eq(payer.id, rewardPayments.paidBy))
    .where(inArray(rewardLines.calculationId, ids))
    .orderBy(desc(rewardLines.amountFen), rewardLines.payeeName);
  return rows.map((r) => ({
    id: r.c.id,
    kind: r.c.kind as Calculation['kind'],
    projectId: r.c.projectId,
    projectName: r.projectName,
    contractId: r.c.contractId,
    contractTitle: r.contractTitle,
    policyId: r.c.policyId,
    policyName: r.policyName,
    versionId: r.c.versionId,
    versionNo: r.versionNo,
    milestone: r.c.milestone,
    status: r.c.status as Calculation['status'],
    inputs: r.c.inputs,
    trace: r.c.trace,
    totalFen: r.c.totalFen,
    dueFen: r.c.dueFen,
    overpaymentFen: r.c.overpaymentFen,
    lines: lines
      .filter((l) => l.l.calculationId === r.c.id)
      .map(({ l, p, paidByName }) => ({
        id: l.id,
        payeeType: l.payeeType as 'agent' | 'staff',
        payeeId: l.payeeId,
        payeeName: l.payeeName,
        shareBp: l.shareBp,
        amountFen: l.amountFen,
        alreadyPaidFen: l.alreadyPaidFen,
        overpaymentFen: l.overpaymentFen,
        payment: p ? { paidOn: p.paidOn, reference: p.reference, paidBy: p.paidBy, paidByName: paidByName ?? '' } : null,
      })),
    makerId: r.c.makerId,
    makerName: r.makerName,
    submittedAt: r.c.submittedAt?.toISOString() ?? null,
    checkerId: r.c.checkerId,
    checkerName: r.checkerName,
    decidedAt: r.c.decidedAt?.toISOString() ?? null,
    decisionNote: r.c.decisionNote,
    supersedesId: r.c.supersedesId,
    supersededById: r.c.supersededById,
    version: r.c.version,
    createdAt: r.c.createdAt.toISOString(),
    updatedAt: r.c.updatedAt.toISOString(),
    sortKey: r.sortKey,
  }));
}

const strip = ({ sortKey: _sortKey, ...c }: Calculation & { sortKey: string }): Calculation => c;

export async function getCalculation({ ctx, id }: { ctx: Ctx; id: string }): Promise<Calculation> {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see reward calculations');
  const [calc] = await loadCalculations(ctx.db, eq(rewardCalculations.id, id));
  if (!calc) throw new AppError('NOT_FOUND', 'This calculation was not found. Check the id.');
  return strip(calc);
}

export async function listCalculations({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CalculationListQuery> }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see reward calculations');
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await loadCalculations(
    ctx.db,
    and(
      input.status ? eq(rewardCalculations.status, input.status) : undefined,
      input.kind ? eq(rewardCalculations.kind, input.kind) : undefined,
      input.projectId ? eq(rewardCalculations.projectId, input.projectId) : undefined,
      after ? sql`(${rewardCalculations.createdAt}, ${rewardCalculations.id}) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)` : undefined,
    ),
    input.limit + 1,
  );
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(strip), nextCursor: rows.length > input.limit && last ? encodeCursor(last.sortKey, last.id) : null };
}

/** Sum already paid per payee for a subject and policy, over every milestone. */
async function paidSoFar(tx: Tx, subjectId: string, policyKey: string) {
  const rows = await tx
    .select({ payeeType: rewardPayments.payeeType, payeeId: rewardPayments.payeeId, fen: sql<string>`sum(${rewardPayments.amountFen})::text` })
    .from(rewardPayments)
    .where(and(eq(rewardPayments.subjectId, subjectId), eq(rewardPayments.policyKey, policyKey)))
    .groupBy(rewardPayments.payeeType, rewardPayments.payeeId);
  return rows.map((r) => ({ ...r, fen: BigInt(r.fen) }));
}

/**
 * Supersedes the live calculation for the same subject, policy and milestone (a correction), or refuses when
 * that one is paid: money moves at most once. The old row is locked so a concurrent approval or payment waits.
 */
async function supersedeLive(tx: Tx, key: { subjectColumn: 'project' | 'contract'; subjectId: string; policyId: string | null; milestone: string }) {
  const subject = key.subjectColumn === 'project' ? eq(rewardCalculations.projectId, key.subjectId) : eq(rewardCalculations.contractId, key.subjectId);
  const [live] = await tx
    .select()
    .from(rewardCalculations)
    .where(
      and(
        subject,
        key.policyId ? eq(rewardCalculations.policyId, key.policyId) : undefined,
        eq(rewardCalculations.milestone, key.milestone),
        inArray(rewardCalculations.status, LIVE),
      ),
    )
    .for('update');
  if (!live) return null;
  if (live.status === 'paid') {
    throw new AppError('CONFLICT', `This was already paid (calculation ${live.id}); a milestone is paid at most once. Corrections are made by the next milestone's true-up.`, {
      calculationId: live.id,
    });
  }
  await tx.update(rewardCalculations).set({ status: 'superseded', version: sql`${rewardCalculations.version} + 1` }).where(eq(rewardCalculations.id, live.id));
  return live;
}

/** Computes an agent reward or a staff incentive pool for a project at a milestone, as a draft with its trace. */
export async function computeProjectReward({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ComputeRewardBody> }): Promise<Calculation> {
  requireRole(ctx, ['finance'], 'compute rewards');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, input.projectId)).for('update');
    if (!project) throw new AppError('NOT_FOUND', 'This project was not found. Check the id.');
    const [policy] = await tx.select().from(rewardPolicies).where(eq(rewardPolicies.id, input.policyId));
    if (!policy) throw new AppError('NOT_FOUND', 'This policy was not found. Check the id.');
    if (policy.kind === 'service_fee') throw new AppError('VALIDATION', 'policyId: a service-fee policy is computed per contract and period, not per project milestone');
    const [reached] = await tx
      .select()
      .from(projectMilestones)
      .where(and(eq(projectMilestones.projectId, project.id), eq(projectMilestones.milestone, input.milestone)));
    if (!reached) throw precondition(`The project has not reached "${input.milestone}" yet: record the milestone first.`);
    const versions = await tx.select().from(rewardPolicyVersions).where(eq(rewardPolicyVersions.policyId, policy.id));
    const versionRow = versionOn(versions, reached.reachedOn);
    if (!versionRow) throw precondition(`No version of "${policy.name}" is in effect on ${reached.reachedOn}, the day "${input.milestone}" was reached.`);
    const version = TieredRewardVersion.parse(versionRow.body);
    if (!version.installments.some((i) => i.milestone === input.milestone)) {
      throw precondition(
        `"${policy.name}" pays nothing at "${input.milestone}": its installments are at ${version.installments.map((i) => `"${i.milestone}" (${i.shareBp / 100}%)`).join(', ')}.`,
      );
    }

    // The basis: the latest verified figure (a true-up uses today's verified total), or the contract itself.
    let basis: { kind: string; amountFen: number; figureId: string | null; asOf: string | null };
    if (version.basis === 'contract_investment') {
      basis = { kind: 'contract_investment', amountFen: project.contractInvestmentFen, figureId: null, asOf: project.signedOn };
    } else {
      const kind = version.basis === 'annual_tax' ? 'annual_tax' : version.basis;
      const [figure] = await tx
        .select()
        .from(projectFigures)
        .where(and(eq(projectFigures.projectId, project.id), eq(projectFigures.kind, kind), isNotNull(projectFigures.verifiedAt)))
        .orderBy(desc(projectFigures.asOf), desc(projectFigures.reportedAt))
        .limit(1);
      if (!figure) throw precondition(`No verified "${kind}" figure for this project: report it and have a manager verify it first.`);
      basis = { kind, amountFen: figure.amountFen, figureId: figure.id, asOf: figure.asOf };
    }
    const links = await tx.select().from(zoneIndustries).where(and(eq(zoneIndustries.zoneId, project.zoneId), eq(zoneIndustries.industryId, project.industryId)));
    const industryFlags = { leading: links.some((l) => l.kind === 'leading'), emerging: links.some((l) => l.kind === 'emerging') };
    const paid = await paidSoFar(tx, project.id, policy.id);
    const live = await supersedeLive(tx, { subjectColumn: 'project', subjectId: project.id, policyId: policy.id, milestone: input.milestone });

    type Line = { payeeType: 'agent' | 'staff'; payeeId: string; payeeName: string; shareBp: number | null; amountFen: bigint; alreadyPaidFen: bigint; overpaymentFen: bigint };
    let lines: Line[];
    let result: ReturnType<typeof computeReward>;
    let frozenPayees: unknown;
    const [currentCredits] = await tx.select().from(creditSets).where(and(eq(creditSets.projectId, project.id), eq(creditSets.isCurrent, true)));
    if (policy.kind === 'agent_reward') {
      const agentId = currentCredits?.agentId ?? project.agentId;
      if (!agentId) throw precondition('This project has no introducing agent: set one in its credits first.');
      const [agent] = await tx.select().from(agents).where(eq(agents.id, agentId));
      if (!agent) throw precondition('The introducing agent no longer exists.');
      const eligibility = { isGovernmentUnit: agent.isGovernmentUnit, isPlatformCompany: agent.isPlatformCompany, isRelatedToInvestor: !!agent.relatedPartyNote };
      const alreadyPaid = paid.filter((p) => p.payeeType === 'agent' && p.payeeId === agent.id).reduce((s, p) => s + p.fen, 0n);
      result = computeReward({ version, basisFen: BigInt(basis.amountFen), industryFlags, milestone: input.milestone as RewardMilestone, alreadyPaidFen: alreadyPaid, payeeEligibility: eligibility });
      lines = [{ payeeType: 'agent', payeeId: agent.id, payeeName: agent.name, shareBp: 10000, amountFen: result.dueFen, alreadyPaidFen: alreadyPaid, overpaymentFen: result.overpaymentFen }];
      frozenPayees = { agent: { id: agent.id, name: agent.name, ...eligibility, relatedPartyNote: agent.relatedPartyNote } };
    } else {
      // A staff incentive pool for the project, trued up as a whole, then split by credit share (largest remainder).
      if (!currentCredits) throw precondition('This project has no credits set.');
      const credits = await tx
        .select({ staffId: creditLines.staffId, shareBp: creditLines.shareBp, role: creditLines.role, name: users.displayName })
        .from(creditLines)
        .innerJoin(users, eq(users.id, creditLines.staffId))
        .where(eq(creditLines.setId, currentCredits.id));
      const byStaff = new Map<string, { name: string; shareBp: number }>();
      for (const c of credits) byStaff.set(c.staffId, { name: c.name, shareBp: (byStaff.get(c.staffId)?.shareBp ?? 0) + c.shareBp });
      const alreadyPaid = paid.filter((p) => p.payeeType === 'staff').reduce((s, p) => s + p.fen, 0n);
      result = computeReward({ version, basisFen: BigInt(basis.amountFen), industryFlags, milestone: input.milestone as RewardMilestone, alreadyPaidFen: alreadyPaid });
      const parts = splitLargestRemainder(result.dueFen, [...byStaff].map(([key, v]) => ({ key, weight: BigInt(v.shareBp) })));
      lines = parts.map((part) => ({
        payeeType: 'staff' as const,
        payeeId: part.key,
        payeeName: byStaff.get(part.key)?.name ?? '',
        shareBp: Number(part.weight),
        amountFen: part.amountFen,
        alreadyPaidFen: paid.filter((p) => p.payeeType === 'staff' && p.payeeId === part.key).reduce((s, p) => s + p.fen, 0n),
        overpaymentFen: 0n,
      }));
      result = {
        ...result,
        trace: [...result.trace, `split by credit share (largest remainder): ${lines.map((l) => `${l.payeeName} ${(l.shareBp ?? 0) / 100}% ${formatFen(l.amountFen)}`).join('; ')}`],
      };
      frozenPayees = { credits: [...byStaff].map(([staffId, v]) => ({ staffId, ...v })) };
    }
    const trace = [
      `${policy.name} v${versionRow.versionNo} (effective ${versionRow.effectiveFrom}${versionRow.effectiveTo ? ` to ${versionRow.effectiveTo}` : ''}), "${input.milestone}" reached on ${reached.reachedOn}`,
      basis.figureId ? `verified ${basis.kind} ${formatFen(basis.amountFen)} as of ${basis.asOf}` : `contract investment ${formatFen(basis.amountFen)}`,
      ...result.trace,
      ...(result.overpaymentFen > 0n ? [`OVERPAID ${formatFen(result.overpaymentFen)}: flagged for recovery (追回); nothing is paid`] : []),
    ];
    // Every input is frozen into the calculation: later changes to the project's figures do not alter it.
    const inputs = {
      project: { id: project.id, name: project.name, zoneId: project.zoneId, industryId: project.industryId, contractInvestmentFen: project.contractInvestmentFen },
      milestone: { name: input.milestone, reachedOn: reached.reachedOn },
      version: { id: versionRow.id, versionNo: versionRow.versionNo, body: versionRow.body },
      basis,
      industryFlags,
      alreadyPaidFen: Number(paid.reduce((s, p) => s + p.fen, 0n)),
      payees: frozenPayees,
      computedAt: now.toISOString(),
    };
    const [calc] = await tx
      .insert(rewardCalculations)
      .values({
        kind: policy.kind,
        projectId: project.id,
        policyId: policy.id,
        versionId: versionRow.id,
        milestone: input.milestone,
        status: 'draft',
        inputs,
        trace,
        totalFen: Number(result.totalFen),
        dueFen: Number(result.dueFen),
        overpaymentFen: Number(result.overpaymentFen),
        makerId: ctx.actor.id,
        supersedesId: live?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!calc) throw new AppError('INTERNAL', 'The calculation was not saved.');
    if (live) await tx.update(rewardCalculations).set({ supersededById: calc.id }).where(eq(rewardCalculations.id, live.id));
    await tx.insert(rewardLines).values(
      lines.map((l) => ({ calculationId: calc.id, payeeType: l.payeeType, payeeId: l.payeeId, payeeName: l.payeeName, shareBp: l.shareBp, amountFen: Number(l.amountFen), alreadyPaidFen: Number(l.alreadyPaidFen), overpaymentFen: Number(l.overpaymentFen) })),
    );
    await audit(tx, ctx, {
      action: live ? 'reward.compute+supersede' : 'reward.compute',
      entityType: 'reward_calculation',
      entityId: calc.id,
      after: { projectId: project.id, policyId: policy.id, milestone: input.milestone, dueFen: calc.dueFen, overpaymentFen: calc.overpaymentFen, supersedes: live?.id ?? null },
    });
    const id = calc.id;
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return getCalculation({ ctx: within(ctx, tx), id });
  });
}

/** A service fee for one period of a contract, prorated by days where the contract covers the period in part. */
export async function computeServiceFeeCalc({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ComputeServiceFeeBody> }): Promise<Calculation> {
  requireRole(ctx, ['finance'], 'compute service fees');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const [contract] = await tx.select().from(serviceFeeContracts).where(eq(serviceFeeContracts.id, input.contractId)).for('update');
    if (!contract) throw new AppError('NOT_FOUND', 'This service-fee contract was not found. Check the id.');
    const isQuarter = input.period.includes('Q');
    if (isQuarter !== (contract.period === 'quarter')) {
      throw new AppError('VALIDATION', `period: this contract is paid per ${contract.period}; give a ${contract.period === 'quarter' ? 'quarter like 2026-Q4' : 'month like 2026-10'}`, {
        fields: [{ field: 'period', message: `must be a ${contract.period}` }],
      });
    }
    const [from, to] = periodBounds(input.period);
    const coveredFrom = from > contract.startsOn ? from : contract.startsOn;
    const coveredTo = to < contract.endsOn ? to : contract.endsOn;
    if (coveredFrom > coveredTo) throw precondition(`The contract (${contract.startsOn} to ${contract.endsOn}) does not cover ${input.period}.`);
    const [agent] = await tx.select().from(agents).where(eq(agents.id, contract.agentId));
    if (!agent) throw precondition('The contract’s agent no longer exists.');
    const fee = computeServiceFee({ feeFen: BigInt(contract.feeFen), period: contract.period as 'month' | 'quarter', from: coveredFrom, to: coveredTo });
    const live = await supersedeLive(tx, { subjectColumn: 'contract', subjectId: contract.id, policyId: null, milestone: input.period });
    const trace = [`${contract.title}: ${formatFen(contract.feeFen)} per ${contract.period}, ${contract.startsOn} to ${contract.endsOn}`, ...fee.trace];
    const [calc] = await tx
      .insert(rewardCalculations)
      .values({
        kind: 'service_fee',
        contractId: contract.id,
        milestone: input.period,
        status: 'draft',
        inputs: { contract: { ...contract, createdAt: contract.createdAt.toISOString(), updatedAt: contract.updatedAt.toISOString() }, period: input.period, coveredFrom, coveredTo, computedAt: now.toISOString() },
        trace,
        totalFen: Number(fee.totalFen),
        dueFen: Number(fee.totalFen),
        makerId: ctx.actor.id,
        supersedesId: live?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!calc) throw new AppError('INTERNAL', 'The calculation was not saved.');
    if (live) await tx.update(rewardCalculations).set({ supersededById: calc.id }).where(eq(rewardCalculations.id, live.id));
    await tx.insert(rewardLines).values({ calculationId: calc.id, payeeType: 'agent', payeeId: agent.id, payeeName: agent.name, shareBp: 10000, amountFen: Number(fee.totalFen) });
    await audit(tx, ctx, { action: 'service_fee.compute', entityType: 'reward_calculation', entityId: calc.id, after: { contractId: contract.id, period: input.period, dueFen: calc.dueFen } });
    const id = calc.id;
    return getCalculation({ ctx: within(ctx, tx), id });
  });
}

/** First and last day of a month (2026-10) or quarter (2026-Q4). */
export function periodBounds(period: string): [string, string] {
  const year = Number(period.slice(0, 4));
  const q = /Q(\d)$/.exec(period);
  const firstMonth = q ? (Number(q[1]) - 1) * 3 + 1 : Number(period.slice(5, 7));
  const lastMonth = q ? firstMonth + 2 : firstMonth;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return [`${year}-${pad(firstMonth)}-01`, `${year}-${pad(lastMonth)}-${pad(lastDay)}`];
}

/** Moves a calculation along the workflow, locking its row and checking the version the person saw. */
async function transition(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  from: string,
  apply: (tx: Tx, calc: typeof rewardCalculations.$inferSelect) => Promise<Partial<typeof rewardCalculations.$inferInsert>>,
  action: string,
) {
  return ctx.db.transaction(async (tx) => {
    const [calc] = await tx.select().from(rewardCalculations).where(eq(rewardCalculations.id, id)).for('update');
    if (!calc) throw new AppError('NOT_FOUND', 'This calculation was not found. Check the id.');
    if (calc.status !== from) {
      throw new AppError('CONFLICT', `This calculation is ${calc.status}, not ${from}; reload it to see what changed.`, { status: calc.status });
    }
    if (calc.version !== expectedVersion) {
      throw new AppError('CONFLICT', `This calculation changed since you opened it (version ${calc.version}, you sent ${expectedVersion}). Reload it.`, { currentVersion: calc.version });
    }
    const changes = await apply(tx, calc);
    await tx
      .update(rewardCalculations)
      .set({ ...changes, version: calc.version + 1, updatedAt: ctx.now() })
      .where(eq(rewardCalculations.id, id));
    await audit(tx, ctx, { action, entityType: 'reward_calculation', entityId: id, before: { status: calc.status }, after: { status: changes.status, ...(changes.decisionNote ? { note: changes.decisionNote } : {}) } });
    return getCalculation({ ctx: within(ctx, tx), id });
  });
}

export async function submitCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof DecisionBody> }) {
  requireRole(ctx, ['finance'], 'submit calculations');
  return transition(ctx, id, input.version, 'draft', async () => ({ status: 'submitted', submittedAt: ctx.now() }), 'reward.submit');
}

/** The checker: a manager who did not make the calculation (maker–checker). */
function assertChecker(ctx: Ctx, calc: { makerId: string }) {
  if (calc.makerId === ctx.actor.id) throw new AppError('FORBIDDEN', 'You made this calculation; another manager must approve or reject it.');
}

export async function approveCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof DecisionBody> }) {
  requireRole(ctx, ['manager'], 'approve calculations');
  return transition(
    ctx,
    id,
    input.version,
    'submitted',
    async (_tx, calc) => {
      assertChecker(ctx, calc);
      return { status: 'approved', checkerId: ctx.actor.id, decidedAt: ctx.now(), decisionNote: input.note ?? null };
    },
    'reward.approve',
  );
}

export async function rejectCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof RejectBody> }) {
  requireRole(ctx, ['manager'], 'reject calculations');
  return transition(
    ctx,
    id,
    input.version,
    'submitted',
    async (_tx, calc) => {
      assertChecker(ctx, calc);
      return { status: 'rejected', checkerId: ctx.actor.id, decidedAt: ctx.now(), decisionNote: input.note };
    },
    'reward.reject',
  );
}

/**
 * Records the payment. The calculation row is locked, and every line's payment hits the unique key
 * (subject, policy, payee, milestone): a second payout is refused even from two requests at once.
 */
export async function payCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof PayBody> }) {
  requireRole(ctx, ['finance'], 'record payments');
  if (input.paidOn > today(ctx)) {
    throw new AppError('VALIDATION', 'paidOn: cannot be in the future', { fields: [{ field: 'paidOn', message: 'cannot be in the future' }] });
  }
  return transition(
    ctx,
    id,
    input.version,
    'approved',
    async (tx, calc) => {
      if (calc.dueFen <= 0) throw precondition('Nothing is due on this calculation (an overpayment is recovered, never paid).');
      const lines = await tx.select().from(rewardLines).where(eq(rewardLines.calculationId, id));
      const subjectId = calc.projectId ?? calc.contractId;
      const policyKey = calc.policyId ?? calc.contractId;
      if (!subjectId || !policyKey) throw new AppError('INTERNAL', 'The calculation has no subject.');
      const payable = lines.filter((l) => l.amountFen > 0);
      const inserted = await tx
        .insert(rewardPayments)
        .values(
          payable.map((l) => ({
            calculationId: id,
            lineId: l.id,
            subjectId,
            policyKey,
            payeeType: l.payeeType,
            payeeId: l.payeeId,
            milestone: calc.milestone,
            amountFen: l.amountFen,
            paidOn: input.paidOn,
            reference: input.reference,
            paidBy: ctx.actor.id,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: rewardPayments.id });
      if (inserted.length !== payable.length) {
        throw new AppError('CONFLICT', 'A payment for this milestone and payee is already recorded; money moves at most once.');
      }
      return { status: 'paid' };
    },
    'reward.pay',
  );
}
