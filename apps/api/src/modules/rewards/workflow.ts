import { rewardCalculations } from '@crm/db';
import {
  type Calculation,
  type CalculationListQuery,
  type DecisionBody,
  formatFen,
  invalid,
  notFound,
  type PayBody,
  problem,
  type RejectBody,
  isRewardMilestone,
  staleVersion,
} from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { decodeCursor, keysetAfter, pageOf } from '../../lib/cursor.ts';
import { today } from '../../lib/dates.ts';
import { assertNoticeOver, noticeWindow } from './notice.ts';
import { assertNoStake } from './payees.ts';
import * as repo from './repository.ts';
import { describeChanges, evaluateReward, type RewardInputs, change, type Change } from './reward-computation.ts';
import { evaluateServiceFee } from './service-fees.ts';

/*
 * The approval workflow (domain.md "Workflow"): draft → submitted → approved or rejected by a manager other than
 * the maker → paid by finance. Nobody with a stake acts on it; paying reads the ledger again inside its lock and
 * refuses a payment whose amount would no longer be what was approved.
 */

const strip = ({ sortKey: _sortKey, ...c }: Calculation & { sortKey: string }): Calculation => c;

export async function getCalculation({ ctx, id }: { ctx: Ctx; id: string }): Promise<Calculation> {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see reward calculations');
  const [calc] = await repo.loadCalculations(ctx.db, eq(rewardCalculations.id, id));
  if (!calc) throw notFound('calculation');
  return strip(calc);
}

export async function listCalculations({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CalculationListQuery> }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see reward calculations');
  const after = input.cursor ? decodeCursor(input.cursor, 'timestamp') : null;
  const rows = await repo.loadCalculations(
    ctx.db,
    and(
      input.status ? eq(rewardCalculations.status, input.status) : undefined,
      input.kind ? eq(rewardCalculations.kind, input.kind) : undefined,
      input.projectId ? eq(rewardCalculations.projectId, input.projectId) : undefined,
      keysetAfter(rewardCalculations.createdAt, rewardCalculations.id, after, { cast: 'timestamptz' }),
    ),
    input.limit + 1,
  );
  return pageOf(rows, input.limit, strip, (r) => [r.sortKey, r.id]);
}

/**
 * Who has a stake in a calculation: its staff payees, the staff credited when it was computed and those credited
 * now (for an agent reward too: a credited colleague does not approve the agent's reward on their project).
 */
async function stakeholdersOf(tx: repo.Tx, calc: repo.CalculationRow, lines: repo.LineRow[]) {
  const staffPayees = lines.filter((l) => l.payeeType === 'staff').map((l) => l.payeeId);
  if (!calc.projectId) return staffPayees;
  const frozen = (calc.inputs as Partial<RewardInputs>).creditSetId ?? null;
  const current = await repo.currentCredits(tx, calc.projectId);
  const credited = await repo.creditedStaffOfSets(
    tx,
    [frozen, current?.id ?? null].filter((x): x is string => x !== null),
  );
  return [...new Set([...staffPayees, ...credited])];
}

function assertState(calc: repo.CalculationRow, from: string, expectedVersion: number) {
  if (calc.status !== from) {
    throw problem('CALCULATION_STATE', { status: calc.status, expected: from }, { status: calc.status });
  }
  if (calc.version !== expectedVersion) {
    throw staleVersion('calculation', calc.version, expectedVersion);
  }
}

/** Moves a calculation along the workflow, locking its row and checking the version the person saw. */
async function transition(
  ctx: Ctx,
  id: string,
  expectedVersion: number,
  from: string,
  apply: (tx: repo.Tx, calc: repo.CalculationRow) => Promise<Partial<typeof rewardCalculations.$inferInsert>>,
  action: string,
) {
  return ctx.db.transaction(async (tx) => {
    const calc = await repo.lockCalculation(tx, id);
    if (!calc) throw notFound('calculation');
    assertState(calc, from, expectedVersion);
    const changes = await apply(tx, calc);
    await repo.updateCalculation(tx, id, { ...changes, version: calc.version + 1, updatedAt: ctx.now() });
    await audit(tx, ctx, {
      action,
      entityType: 'reward_calculation',
      entityId: id,
      before: { status: calc.status },
      after: { status: changes.status, ...(changes.decisionNote ? { note: changes.decisionNote } : {}) },
    });
    return getCalculation({ ctx: within(ctx, tx), id });
  });
}

export async function submitCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof DecisionBody> }) {
  requireRole(ctx, ['finance'], 'submit calculations');
  return transition(
    ctx,
    id,
    input.version,
    'draft',
    async (tx, calc) => {
      assertNoStake(ctx, await stakeholdersOf(tx, calc, await repo.linesOf(tx, id)), 'submit this calculation');
      return { status: 'submitted', submittedAt: ctx.now() };
    },
    'reward.submit',
  );
}

/** The checker: a manager who did not make the calculation (maker–checker) and has no stake in it. */
async function assertChecker(ctx: Ctx, tx: repo.Tx, calc: repo.CalculationRow) {
  if (calc.makerId === ctx.actor.id) throw problem('MAKER_CANNOT_APPROVE');
  assertNoStake(ctx, await stakeholdersOf(tx, calc, await repo.linesOf(tx, calc.id)), 'approve or reject this calculation');
}

export async function approveCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof DecisionBody> }) {
  requireRole(ctx, ['manager'], 'approve calculations');
  return transition(
    ctx,
    id,
    input.version,
    'submitted',
    async (tx, calc) => {
      await assertChecker(ctx, tx, calc);
      return { status: 'approved', checkerId: ctx.actor.id, decidedAt: ctx.now(), decisionNote: input.note ?? null, ...(await noticeWindow(tx, ctx, calc)) };
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
    async (tx, calc) => {
      await assertChecker(ctx, tx, calc);
      return { status: 'rejected', checkerId: ctx.actor.id, decidedAt: ctx.now(), decisionNote: input.note };
    },
    'reward.reject',
  );
}

const stale = (changes: Change[], nowDueFen: bigint) =>
  problem(
    'CALCULATION_CHANGED',
    { changes: changes.map((c) => ({ reason: c.reason, params: c.params })) },
    {
      reason: 'stale_calculation',
      changes: changes.map((c) => ({ what: c.what, reason: c.reason, params: c.params, message: c.message })),
      nowDueFen: Number(nowDueFen),
    },
  );

/**
 * Records the payment (issue 8). Inside the ledger's lock (the project and policy, or the contract) the amount is
 * read again from what is paid, verified, credited and versioned now; if it would differ from the approved one the
 * payment is refused with 409 naming what changed. Every line's payment also hits the unique key (subject, policy,
 * payee, milestone), and the ledger's sum is checked against the entitlement before the transaction commits.
 */
export async function payCalculation({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof PayBody> }) {
  requireRole(ctx, ['finance'], 'record payments');
  if (input.paidOn > today(ctx)) {
    throw invalid('paidOn', 'FUTURE');
  }
  return ctx.db.transaction(async (tx) => {
    const peek = await repo.findCalculation(tx, id);
    if (!peek) throw notFound('calculation');
    const subjectId = peek.projectId ?? peek.contractId;
    const policyKey = peek.policyId ?? peek.contractId;
    if (!subjectId || !policyKey) throw problem('INTERNAL');
    await repo.lockLedger(tx, subjectId, policyKey);
    const calc = await repo.lockCalculation(tx, id);
    if (!calc) throw notFound('calculation');
    assertState(calc, 'approved', input.version);
    const lines = await repo.linesOf(tx, id);
    assertNoStake(ctx, await stakeholdersOf(tx, calc, lines), 'pay this calculation');
    // 公示 (issue 14), checked under the calculation's lock: raising an objection takes the same lock.
    await assertNoticeOver(tx, ctx, calc, input.paidOn);

    let entitledFen: bigint | null = null;
    if (calc.kind === 'service_fee') {
      const now = await evaluateServiceFee(tx, ctx, { contractId: subjectId, period: calc.milestone });
      if (now.totalFen !== BigInt(calc.dueFen))
        throw stale([change('contract', 'CHANGED_FEE', { period: calc.milestone, now: formatFen(now.totalFen) })], now.totalFen);
    } else {
      const milestone = calc.milestone;
      if (!calc.policyId || !isRewardMilestone(milestone)) throw problem('INTERNAL');
      const now = await evaluateReward(tx, ctx, { projectId: subjectId, policyId: calc.policyId, milestone });
      assertNoStake(ctx, now.stakeholders, 'pay this calculation');
      const key = (l: { payeeType: string; payeeId: string; amountFen: number | bigint }) => `${l.payeeType}:${l.payeeId}:${BigInt(l.amountFen)}`;
      const same =
        now.dueFen === BigInt(calc.dueFen) &&
        now.recoveryFen === BigInt(calc.overpaymentFen) &&
        JSON.stringify(now.lines.map(key).sort()) === JSON.stringify(lines.map(key).sort());
      if (!same) throw stale(describeChanges(calc.inputs as Partial<RewardInputs>, now.inputs), now.dueFen);
      entitledFen = now.entitledFen;
    }
    if (calc.dueFen <= 0) throw problem('NOTHING_DUE');
    const payable = lines.filter((l) => l.amountFen > 0);
    const inserted = await repo.insertPayments(
      tx,
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
    );
    if (inserted.length !== payable.length) {
      throw problem('PAYMENT_RECORDED');
    }
    if (entitledFen !== null) {
      // The ledger's invariant, checked where money moves: what was paid never exceeds what is earned so far.
      const paidNow = (await repo.ledgerPayments(tx, subjectId, policyKey)).reduce((s, p) => s + p.fen, 0n);
      if (paidNow > entitledFen) {
        throw problem(
          'LEDGER_EXCEEDED',
          { paid: formatFen(paidNow), entitled: formatFen(entitledFen) },
          {
            reason: 'ledger_exceeded',
          },
        );
      }
    }
    await repo.updateCalculation(tx, id, { status: 'paid', version: calc.version + 1, updatedAt: ctx.now() });
    await audit(tx, ctx, {
      action: 'reward.pay',
      entityType: 'reward_calculation',
      entityId: id,
      before: { status: calc.status },
      after: { status: 'paid', paidOn: input.paidOn, reference: input.reference, amountFen: calc.dueFen },
    });
    return getCalculation({ ctx: within(ctx, tx), id });
  });
}

/** Who has a stake in a calculation (for the 公示 objections' resolution). */
export const calculationStakeholders = async (tx: repo.Tx, calc: repo.CalculationRow) => stakeholdersOf(tx, calc, await repo.linesOf(tx, calc.id));
