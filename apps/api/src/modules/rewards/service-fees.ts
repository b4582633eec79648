import {
  addDays,
  invalid,
  type Calculation,
  computeServiceFee,
  type ComputeServiceFeeBody,
  notFound,
  notSaved,
  periodRange,
  problem,
  type TraceStep,
  traceStep,
} from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, within, type Ctx } from '../../lib/context.ts';
import { today } from '../../lib/dates.ts';
import { agreementsOverRange, agreementTrace, type AgreementRef } from './payees.ts';
import * as repo from './repository.ts';
import { getCalculation } from './workflow.ts';

export type ServiceFeeInputs = {
  contract: Record<string, unknown> & { id: string; feeFen: number };
  period: string;
  coveredFrom: string;
  coveredTo: string;
  agreements: AgreementRef[];
  computedAt: string;
};

export type ServiceFeeEvaluation = {
  contractId: string;
  agent: { id: string; name: string };
  inputs: ServiceFeeInputs;
  totalFen: bigint;
  trace: TraceStep[];
};

/**
 * A service fee for one period of a contract (购买招商服务), prorated by days where the contract covers the period
 * in part. Only a period that has ended is paid (issue 8: a fee for 2027-12 was paid in 2026-11), and only while
 * the agent has agreements in force on every day the fee pays for. Read again inside the ledger's lock on payment.
 */
export async function evaluateServiceFee(tx: repo.Tx, ctx: Ctx, input: { contractId: string; period: string }): Promise<ServiceFeeEvaluation> {
  const contract = await repo.contractForShare(tx, input.contractId);
  if (!contract) throw notFound('service-fee contract');
  const isQuarter = input.period.includes('Q');
  if (isQuarter !== (contract.period === 'quarter')) {
    throw invalid('period', 'CONTRACT_PERIOD', { period: contract.period });
  }
  const { from, to } = periodRange(input.period);
  const coveredFrom = from > contract.startsOn ? from : contract.startsOn;
  const coveredTo = to < contract.endsOn ? to : contract.endsOn;
  if (coveredFrom > coveredTo) throw problem('CONTRACT_NOT_COVERING', { startsOn: contract.startsOn, endsOn: contract.endsOn ?? '', period: input.period });
  const day = today(ctx);
  if (to >= day) {
    throw problem(
      'PERIOD_NOT_ENDED',
      { periodKey: input.period, endsOn: to, payableFrom: addDays(to, 1) },
      {
        reason: 'period_not_ended',
        periodEnd: to,
      },
    );
  }
  const found = await repo.agentForShare(tx, contract.agentId);
  if (!found) throw problem('CONTRACT_AGENT_GONE');
  const agreements = agreementsOverRange(found.agent, found.agreements, coveredFrom, coveredTo, addDays, 'service fee');
  const fee = computeServiceFee({ feeFen: BigInt(contract.feeFen), period: contract.period as 'month' | 'quarter', from: coveredFrom, to: coveredTo });
  return {
    contractId: contract.id,
    agent: { id: found.agent.id, name: found.agent.name },
    inputs: {
      contract: { ...contract, createdAt: contract.createdAt.toISOString(), updatedAt: contract.updatedAt.toISOString() },
      period: input.period,
      coveredFrom,
      coveredTo,
      agreements,
      computedAt: ctx.now().toISOString(),
    },
    totalFen: fee.totalFen,
    trace: [
      traceStep('CONTRACT_HEAD', {
        title: contract.title,
        feeFen: contract.feeFen,
        period: contract.period,
        from: contract.startsOn,
        to: contract.endsOn ?? '',
      }),
      ...fee.steps,
      ...agreementTrace(agreements),
    ],
  };
}

export async function computeServiceFeeCalc({ ctx, input }: { ctx: Ctx; input: z.infer<typeof ComputeServiceFeeBody> }): Promise<Calculation> {
  requireRole(ctx, ['finance'], 'compute service fees');
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await repo.lockLedger(tx, input.contractId, input.contractId);
    const evaluation = await evaluateServiceFee(tx, ctx, input);
    const subject = { column: 'contract' as const, id: input.contractId };
    const paid = await repo.paidAt(tx, subject, null, input.period);
    if (paid) throw problem('PERIOD_ALREADY_PAID', { calculationId: paid.id }, { calculationId: paid.id });
    const open = await repo.lockOpen(tx, subject, null, input.period);
    await repo.markSuperseded(
      tx,
      open.map((c) => c.id),
    );
    const calc = await repo.insertCalculation(
      tx,
      {
        kind: 'service_fee',
        contractId: input.contractId,
        milestone: input.period,
        status: 'draft',
        inputs: evaluation.inputs,
        trace: evaluation.trace,
        totalFen: Number(evaluation.totalFen),
        dueFen: Number(evaluation.totalFen),
        makerId: ctx.actor.id,
        supersedesId: open.at(-1)?.id ?? null,
        createdAt: now,
        updatedAt: now,
      },
      [{ payeeType: 'agent', payeeId: evaluation.agent.id, payeeName: evaluation.agent.name, shareBp: 10000, amountFen: Number(evaluation.totalFen) }],
    );
    if (!calc) throw notSaved('calculation');
    await repo.linkSuperseded(
      tx,
      open.map((c) => c.id),
      calc.id,
    );
    await audit(tx, ctx, {
      action: 'service_fee.compute',
      entityType: 'reward_calculation',
      entityId: calc.id,
      after: { contractId: input.contractId, period: input.period, dueFen: calc.dueFen },
    });
    // Read back inside the transaction that wrote: the answer is what committed, and nothing can fail after the commit.
    return getCalculation({ ctx: within(ctx, tx), id: calc.id });
  });
}
