import { rewardRecoveries } from '@crm/db';
import { fenSum, formatFen, invalid, notFound, notSaved, problem, type FlagRecoveryBody, type RecoveryInstalmentBody, staleVersion } from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { today } from '../../lib/dates.ts';
import * as repo from './repository.ts';

/*
 * 追回 (issue 14). Finance or a manager flags (part of) a payment as overpaid, with a reason: a recovery owing that
 * amount. Finance records what comes back in instalments (amount, date, reference) until it is settled. A payment
 * can never be flagged for more than was paid (all its recoveries together), and an instalment never takes a
 * recovery past what is owed. The ledger of payments is not changed: money paid out stays recorded as paid, and what
 * came back is recorded beside it.
 */

export async function listRecoveries({ ctx, projectId, status }: { ctx: Ctx; projectId?: string; status?: 'open' | 'settled' }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see recoveries');
  return repo.loadRecoveries(
    ctx.db,
    and(projectId ? eq(rewardRecoveries.subjectId, projectId) : undefined, status ? eq(rewardRecoveries.status, status) : undefined),
  );
}

/** Flags (part of) a payment for recovery, inside the ledger's lock so two flags never together exceed the payment. */
export async function flagRecovery({ ctx, input }: { ctx: Ctx; input: z.infer<typeof FlagRecoveryBody> }) {
  requireRole(ctx, ['finance', 'manager'], 'flag an overpayment for recovery');
  return ctx.db.transaction(async (tx) => {
    const payment = await repo.findPayment(tx, input.paymentId);
    if (!payment) throw notFound('payment');
    await repo.lockLedger(tx, payment.subjectId, payment.policyKey);
    const flagged = await repo.flaggedOfPayment(tx, payment.id);
    const max = BigInt(payment.amountFen) - BigInt(flagged);
    if (BigInt(input.owedFen) > max) {
      throw problem(
        'RECOVERY_TOO_MUCH',
        { max: formatFen(max < 0n ? 0n : max), paid: formatFen(payment.amountFen), flagged: formatFen(BigInt(flagged)) },
        { reason: 'recovery_too_much', maxFen: Number(max < 0n ? 0n : max) },
      );
    }
    const row = await repo.insertRecovery(tx, {
      paymentId: payment.id,
      calculationId: payment.calculationId,
      subjectId: payment.subjectId,
      policyKey: payment.policyKey,
      payeeType: payment.payeeType,
      payeeId: payment.payeeId,
      owedFen: input.owedFen,
      reason: input.reason,
      flaggedBy: ctx.actor.id,
    });
    if (!row) throw notSaved('recovery');
    await audit(tx, ctx, {
      action: 'reward.recovery.flag',
      entityType: 'reward_calculation',
      entityId: payment.calculationId,
      after: { recoveryId: row.id, paymentId: payment.id, owedFen: input.owedFen, reason: input.reason },
    });
    const [out] = await repo.loadRecoveries(tx, eq(rewardRecoveries.id, row.id));
    if (!out) throw notSaved('recovery');
    return out;
  });
}

/** Records money that came back; the last instalment settles the recovery. Finance only. */
export async function recordInstalment({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof RecoveryInstalmentBody> }) {
  requireRole(ctx, ['finance'], 'record recovered money');
  if (input.receivedOn > today(ctx)) throw invalid('receivedOn', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const rec = await repo.lockRecovery(tx, id);
    if (!rec) throw notFound('recovery');
    if (rec.version !== input.version) throw staleVersion('recovery', rec.version, input.version);
    if (rec.status === 'settled') throw problem('RECOVERY_SETTLED', {}, { reason: 'recovery_settled' });
    const outstanding = BigInt(rec.owedFen) - BigInt(rec.recoveredFen);
    if (BigInt(input.amountFen) > outstanding) {
      throw problem('INSTALMENT_TOO_MUCH', { outstanding: formatFen(outstanding) }, { reason: 'instalment_too_much', outstandingFen: Number(outstanding) });
    }
    await repo.insertInstalment(tx, {
      recoveryId: id,
      amountFen: input.amountFen,
      receivedOn: input.receivedOn,
      reference: input.reference,
      recordedBy: ctx.actor.id,
    });
    const recovered = Number(fenSum([rec.recoveredFen, input.amountFen]));
    const status = recovered === rec.owedFen ? 'settled' : 'open';
    await repo.updateRecovery(tx, id, { recoveredFen: recovered, status, version: rec.version + 1, updatedAt: ctx.now() });
    await audit(tx, ctx, {
      action: 'reward.recovery.instalment',
      entityType: 'reward_calculation',
      entityId: rec.calculationId,
      before: { recoveryId: id, recoveredFen: rec.recoveredFen, status: rec.status },
      after: { recoveryId: id, amountFen: input.amountFen, receivedOn: input.receivedOn, reference: input.reference, recoveredFen: recovered, status },
    });
    const [out] = await repo.loadRecoveries(tx, eq(rewardRecoveries.id, id));
    if (!out) throw notSaved('recovery');
    return out;
  });
}
