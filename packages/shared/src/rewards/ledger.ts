import { type TraceStep, traceStep } from './trace.ts';
import { computeReward, type IndustryFlags, type PayeeEligibility, type RewardResult } from './engine.ts';
import type { RewardMilestone, TieredRewardVersion } from './types.ts';

/*
 * One ledger per project and policy (issue 8). What is due is the policy's cumulative entitlement for the project
 * minus everything already paid under that policy for that project, to whomever it went:
 *
 *   entitled = round(total × cumulative share / 10000)      (the engine, on the latest verified figures)
 *   due      = entitled − paid to anyone                      (never below 0)
 *   recovery = paid to anyone − entitled                      (when positive: flagged, 待追回)
 *
 * A change of agent does not reopen what was paid: what was paid stays paid, and only the remaining entitlement goes
 * to the payee credited now. A payee who may not be paid (a government unit, a platform company, a related party)
 * is due nothing; what that payee itself was paid is flagged for recovery, and so is anything others were paid
 * beyond the entitlement.
 */

export interface LedgerPayment {
  /** "agent:<id>" or "staff:<id>": who was paid. */
  readonly payeeKey: string;
  readonly payeeName: string;
  readonly fen: bigint;
}

export interface SettleLedgerInput {
  readonly version: TieredRewardVersion;
  readonly basisFen: bigint;
  readonly industryFlags: IndustryFlags;
  readonly milestone: RewardMilestone;
  /** Everything paid under the policy for the project, by payee. */
  readonly paid: readonly LedgerPayment[];
  /** The payee of the remaining entitlement (an agent reward), or null for a pool split among credited staff. */
  readonly payee: { readonly key: string; readonly eligibility?: PayeeEligibility } | null;
}

export interface LedgerSettlement {
  /** The engine's result for the payee (its `totalFen` is 0 for a payee who may not be paid). */
  readonly result: RewardResult;
  /** The project's total on its figures, whoever is paid. */
  readonly totalFen: bigint;
  /** The cumulative entitlement at the milestone, on the figures. */
  readonly entitledFen: bigint;
  /** Everything paid under the policy for the project. */
  readonly paidFen: bigint;
  /** What to pay now. */
  readonly dueFen: bigint;
  /** Paid beyond what may be kept: flagged for recovery. */
  readonly recoveryFen: bigint;
  readonly eligible: boolean;
  readonly trace: string[];
  readonly steps: TraceStep[];
}

const ineligible = (e: PayeeEligibility | undefined) =>
  e !== undefined && (e.isGovernmentUnit === true || e.isPlatformCompany === true || e.isRelatedToInvestor === true);

/** Settles a project's ledger for one policy at a milestone: what is due now and what to recover, with its trace. */
export function settleLedger(input: SettleLedgerInput): LedgerSettlement {
  const { version, basisFen, industryFlags, milestone, paid, payee } = input;
  for (const p of paid) if (p.fen < 0n) throw new RangeError(`a payment cannot be negative (got ${p.fen} fen to ${p.payeeName})`);
  const paidFen = paid.reduce((sum, p) => sum + p.fen, 0n);
  const paidToPayee = payee ? paid.filter((p) => p.payeeKey === payee.key).reduce((sum, p) => sum + p.fen, 0n) : paidFen;
  const eligible = !ineligible(payee?.eligibility);
  const ledgerLines = paid
    .filter((p) => p.fen > 0n)
    .map((p) => traceStep(payee && p.payeeKey !== payee.key ? 'PAID_TO_EARLIER' : 'PAID_TO', { payee: p.payeeName, paidFen: p.fen }));
  const withLedger = (trace: TraceStep[]) => (ledgerLines.length === 0 ? trace : [...trace.slice(0, -1), ...ledgerLines, ...trace.slice(-1)]);

  if (eligible) {
    const result = computeReward({ version, basisFen, industryFlags, milestone, alreadyPaidFen: paidFen });
    return {
      result,
      totalFen: result.totalFen,
      entitledFen: result.cumulativeDueFen,
      paidFen,
      dueFen: result.dueFen,
      recoveryFen: result.overpaymentFen,
      eligible,
      trace: withLedger(result.steps).map((step) => step.text),
      steps: withLedger(result.steps),
    };
  }
  // The payee may not be paid: nothing is due to them, what they were paid is to be recovered, and what others
  // were paid is measured against the entitlement on the figures as for anyone.
  const onFigures = computeReward({ version, basisFen, industryFlags, milestone, alreadyPaidFen: 0n });
  const result = computeReward({
    version,
    basisFen,
    industryFlags,
    milestone,
    alreadyPaidFen: paidToPayee,
    ...(payee?.eligibility ? { payeeEligibility: payee.eligibility } : {}),
  });
  const othersBeyond = paidFen - paidToPayee - onFigures.cumulativeDueFen;
  const othersExcess = othersBeyond > 0n ? othersBeyond : 0n;
  const steps = withLedger(result.steps);
  if (othersExcess > 0n) steps.push(traceStep('OTHERS_BEYOND', { entitledFen: onFigures.cumulativeDueFen, excessFen: othersExcess }));
  return {
    result,
    totalFen: onFigures.totalFen,
    entitledFen: onFigures.cumulativeDueFen,
    paidFen,
    dueFen: 0n,
    recoveryFen: result.overpaymentFen + othersExcess,
    eligible,
    trace: steps.map((step) => step.text),
    steps,
  };
}
