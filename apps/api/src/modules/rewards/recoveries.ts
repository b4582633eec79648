import { projects, rewardCalculations, rewardLines, rewardPayments, rewardRecoveries, rewardRecoveryInstalments, users, type DbOrTx } from '@crm/db';
import { fenSum, formatFen, invalid, notFound, notSaved, problem, type FlagRecoveryBody, type Recovery, type RecoveryInstalmentBody, staleVersion } from '@crm/shared';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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

const flagger = alias(users, 'flagger');
const recorder = alias(users, 'recorder');

export async function loadRecoveries(db: DbOrTx, where: SQL | undefined): Promise<Recovery[]> {
  const rows = await db
    .select({ r: rewardRecoveries, p: rewardPayments, payeeName: rewardLines.payeeName, projectName: projects.name, projectId: rewardCalculations.projectId, policyId: rewardCalculations.policyId, flaggedByName: flagger.displayName })
    .from(rewardRecoveries)
    .innerJoin(rewardPayments, eq(rewardPayments.id, rewardRecoveries.paymentId))
    .innerJoin(rewardLines, eq(rewardLines.id, rewardPayments.lineId))
    .innerJoin(rewardCalculations, eq(rewardCalculations.id, rewardRecoveries.calculationId))
    .leftJoin(projects, eq(projects.id, rewardCalculations.projectId))
    .innerJoin(flagger, eq(flagger.id, rewardRecoveries.flaggedBy))
    .where(where)
    .orderBy(desc(rewardRecoveries.createdAt), desc(rewardRecoveries.id))
    .limit(500);
  const ids = rows.map((r) => r.r.id);
  const instalments = ids.length
    ? await db
        .select({ i: rewardRecoveryInstalments, recordedByName: recorder.displayName })
        .from(rewardRecoveryInstalments)
        .innerJoin(recorder, eq(recorder.id, rewardRecoveryInstalments.recordedBy))
        .where(inArray(rewardRecoveryInstalments.recoveryId, ids))
        .orderBy(asc(rewardRecoveryInstalments.receivedOn), asc(rewardRecoveryInstalments.createdAt))
    : [];
  return rows.map(({ r, p, payeeName, projectName, projectId, policyId, flaggedByName }) => ({
    id: r.id,
    paymentId: r.paymentId,
    calculationId: r.calculationId,
    projectId,
    projectName,
    policyId,
    payeeType: r.payeeType as 'agent' | 'staff',
    payeeId: r.payeeId,
    payeeName,
    milestone: p.milestone,
    paidFen: p.amountFen,
    owedFen: r.owedFen,
    recoveredFen: r.recoveredFen,
    outstandingFen: r.owedFen - r.recoveredFen,
    reason: r.reason,
    status: r.status as 'open' | 'settled',
    flaggedBy: r.flaggedBy,
    flaggedByName,
    instalments: instalments
      .filter((x) => x.i.recoveryId === r.id)
      .map(({ i, recordedByName }) => ({ id: i.id, amountFen: i.amountFen, receivedOn: i.receivedOn, reference: i.reference, recordedByName })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listRecoveries({ ctx, projectId, status }: { ctx: Ctx; projectId?: string; status?: 'open' | 'settled' }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see recoveries');
  return loadRecoveries(ctx.db, and(projectId ? eq(rewardRecoveries.subjectId, projectId) : undefined, status ? eq(rewardRecoveries.status, status) : undefined));
}

/** What tracked recoveries still owe, summed (decimal string), for the forecast. */
export async function outstandingTotal(db: DbOrTx, filter: { policyId?: string }): Promise<string> {
  const [row] = await db
    .select({ fen: sql<string>`coalesce(sum(${rewardRecoveries.owedFen} - ${rewardRecoveries.recoveredFen}), 0)::text` })
    .from(rewardRecoveries)
    .where(and(eq(rewardRecoveries.status, 'open'), filter.policyId ? eq(rewardRecoveries.policyKey, filter.policyId) : undefined));
  return row?.fen ?? '0';
}

/** Flags (part of) a payment for recovery, inside the ledger's lock so two flags never together exceed the payment. */
export async function flagRecovery({ ctx, input }: { ctx: Ctx; input: z.infer<typeof FlagRecoveryBody> }) {
  requireRole(ctx, ['finance', 'manager'], 'flag an overpayment for recovery');
  return ctx.db.transaction(async (tx) => {
    const [payment] = await tx.select().from(rewardPayments).where(eq(rewardPayments.id, input.paymentId));
    if (!payment) throw notFound('payment');
    await repo.lockLedger(tx, payment.subjectId, payment.policyKey);
    const [{ flagged } = { flagged: '0' }] = await tx
      .select({ flagged: sql<string>`coalesce(sum(${rewardRecoveries.owedFen}), 0)::text` })
      .from(rewardRecoveries)
      .where(eq(rewardRecoveries.paymentId, payment.id));
    const max = BigInt(payment.amountFen) - BigInt(flagged);
    if (BigInt(input.owedFen) > max) {
      throw problem(
        'RECOVERY_TOO_MUCH',
        { max: formatFen(max < 0n ? 0n : max), paid: formatFen(payment.amountFen), flagged: formatFen(BigInt(flagged)) },
        { reason: 'recovery_too_much', maxFen: Number(max < 0n ? 0n : max) },
      );
    }
    const [row] = await tx
      .insert(rewardRecoveries)
      .values({
        paymentId: payment.id,
        calculationId: payment.calculationId,
        subjectId: payment.subjectId,
        policyKey: payment.policyKey,
        payeeType: payment.payeeType,
        payeeId: payment.payeeId,
        owedFen: input.owedFen,
        reason: input.reason,
        flaggedBy: ctx.actor.id,
      })
      .returning();
    if (!row) throw notSaved('recovery');
    await audit(tx, ctx, { action: 'reward.recovery.flag', entityType: 'reward_calculation', entityId: payment.calculationId, after: { recoveryId: row.id, paymentId: payment.id, owedFen: input.owedFen, reason: input.reason } });
    const [out] = await loadRecoveries(tx, eq(rewardRecoveries.id, row.id));
    if (!out) throw notSaved('recovery');
    return out;
  });
}

/** Records money that came back; the last instalment settles the recovery. Finance only. */
export async function recordInstalment({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof RecoveryInstalmentBody> }) {
  requireRole(ctx, ['finance'], 'record recovered money');
  if (input.receivedOn > today(ctx)) throw invalid('receivedOn', 'FUTURE');
  return ctx.db.transaction(async (tx) => {
    const [rec] = await tx.select().from(rewardRecoveries).where(eq(rewardRecoveries.id, id)).for('update');
    if (!rec) throw notFound('recovery');
    if (rec.version !== input.version) throw staleVersion('recovery', rec.version, input.version);
    if (rec.status === 'settled') throw problem('RECOVERY_SETTLED', {}, { reason: 'recovery_settled' });
    const outstanding = BigInt(rec.owedFen) - BigInt(rec.recoveredFen);
    if (BigInt(input.amountFen) > outstanding) {
      throw problem('INSTALMENT_TOO_MUCH', { outstanding: formatFen(outstanding) }, { reason: 'instalment_too_much', outstandingFen: Number(outstanding) });
    }
    await tx.insert(rewardRecoveryInstalments).values({ recoveryId: id, amountFen: input.amountFen, receivedOn: input.receivedOn, reference: input.reference, recordedBy: ctx.actor.id });
    const recovered = Number(fenSum([rec.recoveredFen, input.amountFen]));
    const status = recovered === rec.owedFen ? 'settled' : 'open';
    await tx.update(rewardRecoveries).set({ recoveredFen: recovered, status, version: rec.version + 1, updatedAt: ctx.now() }).where(eq(rewardRecoveries.id, id));
    await audit(tx, ctx, {
      action: 'reward.recovery.instalment',
      entityType: 'reward_calculation',
      entityId: rec.calculationId,
      before: { recoveryId: id, recoveredFen: rec.recoveredFen, status: rec.status },
      after: { recoveryId: id, amountFen: input.amountFen, receivedOn: input.receivedOn, reference: input.reference, recoveredFen: recovered, status },
    });
    const [out] = await loadRecoveries(tx, eq(rewardRecoveries.id, id));
    if (!out) throw notSaved('recovery');
    return out;
  });
}
