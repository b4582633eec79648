import { type TraceStep, traceStep } from './trace.ts';
import { divRoundHalfUp } from '../money.ts';
import { type ExactFen, formatExactFen, formatFactorBp, formatRateBp, formatShareBp } from './format.ts';
import { rewardMilestoneRank, type RewardMilestone, type RewardTier, type TieredRewardVersion, type TierMode, tieredVersionIssues } from './types.ts';

const BP = 10000n;

/** One slice of the basis and what it earns, exactly. */
export interface TierSlice {
  /** 1-based tier number. */
  readonly tier: number;
  /** The tier's lower bound (the previous tier's `upToFen`, or 0). */
  readonly fromFen: bigint;
  /** The tier's inclusive upper bound; null = no limit. */
  readonly upToFen: bigint | null;
  /** How much of the basis this slice covers (bracket mode: the whole counted basis). */
  readonly basisFen: bigint;
  readonly rateBp: number;
  readonly amount: ExactFen;
}

export interface TierBreakdown {
  readonly mode: TierMode;
  readonly slices: readonly TierSlice[];
  /** The basis the tiers counted: the basis itself, or the last tier's limit when the basis goes beyond it. */
  readonly countedBasisFen: bigint;
  readonly amount: ExactFen;
}

/**
 * The tiers applied to a basis, with each slice (domain.md "tiers"). `marginal`: each slice of the basis at its
 * own tier's rate, like income tax; `bracket`: the whole basis at the rate of the tier it falls in (upper bounds
 * inclusive: exactly ¥50,000,000 is in the "up to ¥50,000,000" tier). When the last tier has a limit, the basis
 * counts only up to it, in both modes. Nothing is rounded here.
 */
export function tierBreakdown(basisFen: bigint, tiers: readonly RewardTier[], mode: TierMode): TierBreakdown {
  if (basisFen < 0n) throw new RangeError(`the basis cannot be negative (got ${basisFen} fen)`);
  const last = tiers[tiers.length - 1];
  if (last === undefined) throw new RangeError('a reward version needs at least one tier');
  const countedBasisFen = last.upToFen !== null && basisFen > last.upToFen ? last.upToFen : basisFen;

  if (mode === 'bracket') {
    let fromFen = 0n;
    for (const [index, tier] of tiers.entries()) {
      if (tier.upToFen === null || countedBasisFen <= tier.upToFen) {
        const amount = { numerator: countedBasisFen * BigInt(tier.rateBp), denominator: BP };
        const slice: TierSlice = { tier: index + 1, fromFen, upToFen: tier.upToFen, basisFen: countedBasisFen, rateBp: tier.rateBp, amount };
        return { mode, slices: [slice], countedBasisFen, amount };
      }
      fromFen = tier.upToFen;
    }
    throw new RangeError('unreachable: the counted basis always falls in a tier');
  }

  const slices: TierSlice[] = [];
  let numerator = 0n;
  let fromFen = 0n;
  for (const [index, tier] of tiers.entries()) {
    if (countedBasisFen <= fromFen) break;
    const top = tier.upToFen === null || countedBasisFen < tier.upToFen ? countedBasisFen : tier.upToFen;
    const sliceFen = top - fromFen;
    const sliceNumerator = sliceFen * BigInt(tier.rateBp);
    slices.push({
      tier: index + 1,
      fromFen,
      upToFen: tier.upToFen,
      basisFen: sliceFen,
      rateBp: tier.rateBp,
      amount: { numerator: sliceNumerator, denominator: BP },
    });
    numerator += sliceNumerator;
    if (tier.upToFen === null) break;
    fromFen = tier.upToFen;
  }
  return { mode, slices, countedBasisFen, amount: { numerator, denominator: BP } };
}

/** The tiers' exact amount in fen (numerator / denominator), before any multiplier, cap or rounding. */
export function tierAmount(basisFen: bigint, tiers: readonly RewardTier[], mode: TierMode): ExactFen {
  return tierBreakdown(basisFen, tiers, mode).amount;
}

/**
 * Who may not be paid an introduction reward at all (the policy rewards introducers, not the public side or
 * the investor itself): a government unit, the zone's own platform company, or anyone related to the investor.
 */
export interface PayeeEligibility {
  readonly isGovernmentUnit?: boolean;
  readonly isPlatformCompany?: boolean;
  readonly isRelatedToInvestor?: boolean;
}

export interface IndustryFlags {
  /** The project's industry is one of its zone's leading industries (主导产业, policy 二(二)1). */
  readonly leading: boolean;
  /** The project's industry is its zone's strategic emerging industry (战略性新兴产业). */
  readonly emerging: boolean;
}

export interface ComputeRewardInput {
  readonly version: TieredRewardVersion;
  /** The verified figure named by `version.basis`, as of the milestone. */
  readonly basisFen: bigint;
  readonly industryFlags: IndustryFlags;
  /** The milestone being paid for. */
  readonly milestone: RewardMilestone;
  /** Everything already paid for this project and policy (and payee), over all earlier milestones. */
  readonly alreadyPaidFen: bigint;
  readonly payeeEligibility?: PayeeEligibility;
}

export type ZeroReason = 'ineligible_payee' | 'below_threshold';

export interface RewardResult {
  /** round(min(cap, tiers(basis) × multipliers)): what the project earns over all installments. */
  readonly totalFen: bigint;
  /** The exact total before its one rounding (after the cap). */
  readonly exactTotal: ExactFen;
  /** Sum of the installment shares at or before this milestone. */
  readonly cumulativeShareBp: number;
  /** round(total × cumulative share / 10000). */
  readonly cumulativeDueFen: bigint;
  /** What to pay now: cumulative due − already paid, never below 0. */
  readonly dueFen: bigint;
  /** Already paid − cumulative due when that is positive: flagged for recovery (追回), never a negative payout. */
  readonly overpaymentFen: bigint;
  /** Why the total is 0 when it is for a reason other than arithmetic. */
  readonly zeroReason: ZeroReason | null;
  /** Every step, for people (the calculation's trace), in English. */
  readonly trace: string[];
  /** The same steps, structured (kind + values), to be shown in the reader's language. */
  readonly steps: TraceStep[];
}

const ZERO: ExactFen = { numerator: 0n, denominator: 1n };

/** The cumulative installment share at a milestone: every installment at it or at an earlier milestone. */
export function cumulativeShareBp(version: TieredRewardVersion, milestone: RewardMilestone): number {
  const rank = rewardMilestoneRank(milestone);
  return version.installments.reduce((sum, installment) => (rewardMilestoneRank(installment.milestone) <= rank ? sum + installment.shareBp : sum), 0);
}

/**
 * The amount due at a milestone, as a true-up (domain.md "Reward engine"):
 *   total = round(min(cap, tiers(basis now) × product of applicable multipliers))
 *   due   = round(total × cumulative share / 10000) − already paid
 * Each figure is computed exactly and rounded once, half up, to the fen. A negative `due` is reported as an
 * overpayment and `dueFen` is 0. Pure: the same input always gives the same result, so computing again after
 * recording the payment gives 0 due.
 */
export function computeReward(input: ComputeRewardInput): RewardResult {
  const { version, basisFen, industryFlags, milestone, alreadyPaidFen, payeeEligibility } = input;
  const issues = tieredVersionIssues(version);
  if (issues.length > 0) {
    throw new RangeError(`the reward version is invalid: ${issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  if (basisFen < 0n) throw new RangeError(`the basis cannot be negative (got ${basisFen} fen)`);
  if (alreadyPaidFen < 0n) throw new RangeError(`the amount already paid cannot be negative (got ${alreadyPaidFen} fen)`);

  const trace: TraceStep[] = [traceStep('BASIS', { basisFen, basis: version.basis })];
  const shareBp = cumulativeShareBp(version, milestone);

  const ineligibility = ineligibilityReasons(payeeEligibility);
  if (ineligibility.length > 0) {
    trace.push(traceStep('INELIGIBLE', { reasons: ineligibility }));
    return settle({ trace, totalFen: 0n, exactTotal: ZERO, shareBp, milestone, alreadyPaidFen, zeroReason: 'ineligible_payee' });
  }

  if (basisFen < version.thresholdFen) {
    trace.push(traceStep('BELOW_THRESHOLD', { thresholdFen: version.thresholdFen }));
    return settle({ trace, totalFen: 0n, exactTotal: ZERO, shareBp, milestone, alreadyPaidFen, zeroReason: 'below_threshold' });
  }
  if (version.thresholdFen > 0n) trace.push(traceStep('THRESHOLD_MET', { thresholdFen: version.thresholdFen }));

  const breakdown = tierBreakdown(basisFen, version.tiers, version.mode);
  if (breakdown.countedBasisFen < basisFen) {
    trace.push(traceStep('COUNTED_ONLY', { countedFen: breakdown.countedBasisFen }));
  }
  if (version.mode === 'marginal') {
    for (const slice of breakdown.slices) {
      trace.push(traceStep('SLICE', { tier: slice.tier, basisFen: slice.basisFen, rate: formatRateBp(slice.rateBp), amount: formatExactFen(slice.amount) }));
    }
    trace.push(traceStep('TIERS_MARGINAL', { amount: formatExactFen(breakdown.amount) }));
  } else {
    for (const slice of breakdown.slices) {
      const common = {
        tier: slice.tier,
        fromFen: slice.fromFen,
        basisFen: slice.basisFen,
        rate: formatRateBp(slice.rateBp),
        amount: formatExactFen(slice.amount),
      };
      trace.push(slice.upToFen === null ? traceStep('BRACKET_ABOVE', common) : traceStep('BRACKET', { ...common, upToFen: slice.upToFen }));
    }
  }

  // Several multipliers compound: their product is applied once, to the exact tier amount.
  let multiplied = breakdown.amount;
  const applicable = version.multipliers.filter((multiplier) => (multiplier.when === 'leading_industry' ? industryFlags.leading : industryFlags.emerging));
  for (const multiplier of applicable) trace.push(traceStep('MULTIPLIER', { factor: formatFactorBp(multiplier.factorBp), multiplier: multiplier.when }));
  if (applicable.length > 0) {
    const factorNumerator = applicable.reduce((product, multiplier) => product * BigInt(multiplier.factorBp), 1n);
    const factorDenominator = BP ** BigInt(applicable.length);
    multiplied = { numerator: multiplied.numerator * factorNumerator, denominator: multiplied.denominator * factorDenominator };
    trace.push(
      applicable.length > 1
        ? traceStep('MULTIPLIED_COMBINED', { amount: formatExactFen(multiplied), factor: formatExactFactor(factorNumerator, factorDenominator) })
        : traceStep('MULTIPLIED', { amount: formatExactFen(multiplied) }),
    );
  } else if (version.multipliers.length > 0) {
    trace.push(traceStep('NO_MULTIPLIER'));
  }

  let capped = multiplied;
  if (version.capFen === null) {
    trace.push(traceStep('NO_CAP'));
  } else if (multiplied.numerator > version.capFen * multiplied.denominator) {
    capped = { numerator: version.capFen, denominator: 1n };
    trace.push(traceStep('CAP_REACHED', { capFen: version.capFen, amount: formatExactFen(multiplied) }));
  } else {
    trace.push(traceStep('CAP_NOT_REACHED', { capFen: version.capFen }));
  }

  const totalFen = divRoundHalfUp(capped.numerator, capped.denominator);
  trace.push(
    capped.numerator % capped.denominator === 0n ? traceStep('TOTAL', { totalFen }) : traceStep('TOTAL_ROUNDED', { totalFen, amount: formatExactFen(capped) }),
  );
  return settle({ trace, totalFen, exactTotal: capped, shareBp, milestone, alreadyPaidFen, zeroReason: null });
}

function ineligibilityReasons(eligibility: PayeeEligibility | undefined): string[] {
  if (eligibility === undefined) return [];
  const reasons: string[] = [];
  if (eligibility.isGovernmentUnit === true) reasons.push('government_unit');
  if (eligibility.isPlatformCompany === true) reasons.push('platform_company');
  if (eligibility.isRelatedToInvestor === true) reasons.push('related_to_investor');
  return reasons;
}

function settle(state: {
  trace: TraceStep[];
  totalFen: bigint;
  exactTotal: ExactFen;
  shareBp: number;
  milestone: RewardMilestone;
  alreadyPaidFen: bigint;
  zeroReason: ZeroReason | null;
}): RewardResult {
  const { trace, totalFen, shareBp, milestone, alreadyPaidFen } = state;
  if (shareBp === 0) trace.push(traceStep('NO_INSTALLMENT', { milestone }));
  const cumulativeDueFen = divRoundHalfUp(totalFen * BigInt(shareBp), BP);
  if (shareBp > 0 && shareBp < 10000) {
    trace.push(traceStep('INSTALLMENT_SHARE', { totalFen, share: formatShareBp(shareBp), milestone, dueFen: cumulativeDueFen }));
  }
  const difference = cumulativeDueFen - alreadyPaidFen;
  const dueFen = difference > 0n ? difference : 0n;
  const overpaymentFen = difference < 0n ? -difference : 0n;
  const line = { share: formatShareBp(shareBp), dueFen: cumulativeDueFen, paidFen: alreadyPaidFen, differenceFen: difference };
  trace.push(overpaymentFen > 0n ? traceStep('CUMULATIVE_OVERPAID', { ...line, overpaidFen: overpaymentFen }) : traceStep('CUMULATIVE', line));
  return {
    totalFen,
    exactTotal: state.exactTotal,
    cumulativeShareBp: shareBp,
    cumulativeDueFen,
    dueFen,
    overpaymentFen,
    zeroReason: state.zeroReason,
    trace: trace.map((step) => step.text),
    steps: trace,
  };
}

function formatExactFactor(numerator: bigint, denominator: bigint): string {
  // The denominator is 10000^k, so the product of the factors is a terminating decimal: shown in full (×1.32).
  const digits = denominator.toString().length - 1;
  const whole = numerator / denominator;
  const fraction = (numerator % denominator).toString().padStart(digits, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}`;
}

export interface EffectiveDated {
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The version in effect on a date — the milestone's date, so a project is paid under the rules in force when it
 * reached the milestone: among the versions whose [effectiveFrom, effectiveTo] (both inclusive, null = open-ended)
 * contains the date, the newest (highest `versionNo`) wins. Versions are never edited, so a correction "from a
 * date on" is simply a newer version whose range covers that date; the older one stays as it was for the dates
 * only it covers. null when no version covers the date.
 */
export function versionInEffect<T extends EffectiveDated & { readonly versionNo: number }>(versions: readonly T[], date: string): T | null {
  if (!isoDate.test(date)) throw new RangeError(`"${date}" is not a date as YYYY-MM-DD`);
  let newest: T | null = null;
  for (const version of versions) {
    if (covers(version, date) && (newest === null || version.versionNo > newest.versionNo)) newest = version;
  }
  return newest;
}

const covers = (version: EffectiveDated, date: string) => version.effectiveFrom <= date && (version.effectiveTo === null || date <= version.effectiveTo);
