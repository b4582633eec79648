import { fe, fieldText } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Bp, CalendarDate, Fen } from '../common/schemas.ts';
import { formatFen, MAX_FEN } from '../money.ts';

/*
 * A reward policy version (domain.md "Reward engine"). Two shapes share the name, told apart by `kind`:
 * - agent_reward / staff_incentive: a formula on a verified project figure (basis, threshold, tiers, multipliers,
 *   cap, installments) — `TieredRewardVersion`, what `computeReward` takes;
 * - service_fee: a fixed fee per month or quarter (购买招商服务) — `ServiceFeeVersion`, what `computeServiceFee` uses.
 * In memory money is bigint fen; on the wire (JSON) it is a safe integer, converted by the schemas below.
 */

export const rewardKinds = ['agent_reward', 'staff_incentive', 'service_fee'] as const;
export const tieredRewardKinds = ['agent_reward', 'staff_incentive'] as const;
export type TieredRewardKind = (typeof tieredRewardKinds)[number];

export const rewardBases = ['actual_fixed_asset_investment', 'actual_paid_in', 'contract_investment', 'annual_tax'] as const;
export type RewardBasis = (typeof rewardBases)[number];

export const tierModes = ['marginal', 'bracket'] as const;
export type TierMode = (typeof tierModes)[number];

export const multiplierConditions = ['leading_industry', 'emerging_industry'] as const;
export type MultiplierCondition = (typeof multiplierConditions)[number];

/** Project milestones in the only order they can happen (domain.md "Project"). */
export const rewardMilestones = ['signed', 'registered', 'land_acquired', 'construction_started', 'in_production', 'at_capacity'] as const;
export type RewardMilestone = (typeof rewardMilestones)[number];

export const serviceFeePeriods = ['month', 'quarter'] as const;
export type ServiceFeePeriod = (typeof serviceFeePeriods)[number];

export const rewardMilestoneLabels: Record<RewardMilestone, string> = {
  signed: 'signed 签约',
  registered: 'registered 注册',
  land_acquired: 'land acquired 供地',
  construction_started: 'construction started 开工',
  in_production: 'in production 投产',
  at_capacity: 'at capacity 达产',
};
export const rewardBasisLabels: Record<RewardBasis, string> = {
  actual_fixed_asset_investment: 'actual fixed-asset investment 实际固定资产投资',
  actual_paid_in: 'actual paid-in funds 实际到位资金',
  contract_investment: 'contract investment 合同投资额',
  annual_tax: 'annual tax 年度税收',
};
export const multiplierLabels: Record<MultiplierCondition, string> = {
  leading_industry: 'leading industry 主导产业',
  emerging_industry: 'emerging industry 战略性新兴产业',
};

export const rewardMilestoneRank = (milestone: RewardMilestone): number => rewardMilestones.indexOf(milestone);
/** A calculation's `milestone` column also holds service-fee periods: this tells a reward milestone apart, typed. */
export const isRewardMilestone = (value: string): value is RewardMilestone => (rewardMilestones as readonly string[]).includes(value);

/** `upToFen` is the tier's inclusive upper bound; null means no limit and is allowed on the last tier only. */
export interface RewardTier {
  readonly upToFen: bigint | null;
  readonly rateBp: number;
}
/** ×1.2 is `factorBp: 12000`. When several apply they are multiplied together and the product applied once. */
export interface RewardMultiplier {
  readonly when: MultiplierCondition;
  readonly factorBp: number;
}
export interface RewardInstallment {
  readonly milestone: RewardMilestone;
  readonly shareBp: number;
}

interface EffectiveRange {
  /** YYYY-MM-DD, inclusive. */
  readonly effectiveFrom: string;
  /** YYYY-MM-DD, inclusive; null = open-ended. */
  readonly effectiveTo: string | null;
}

export interface TieredRewardVersion extends EffectiveRange {
  readonly kind: TieredRewardKind;
  readonly basis: RewardBasis;
  readonly thresholdFen: bigint;
  readonly tiers: readonly RewardTier[];
  readonly mode: TierMode;
  readonly multipliers: readonly RewardMultiplier[];
  readonly capFen: bigint | null;
  readonly installments: readonly RewardInstallment[];
}

export interface ServiceFeeVersion extends EffectiveRange {
  readonly kind: 'service_fee';
  /** The fee for one whole period. */
  readonly feeFen: bigint;
  readonly period: ServiceFeePeriod;
}

export type RewardVersion = TieredRewardVersion | ServiceFeeVersion;

export interface VersionIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

/**
 * Every rule a formula version must satisfy beyond field types. One list, used both by the zod schemas (so the
 * API answers a 400 that names the problem) and by `computeReward` (so a bad version can never produce money).
 */
export function tieredVersionIssues(version: TieredRewardVersion): VersionIssue[] {
  const issues: VersionIssue[] = [];
  const { tiers, installments, multipliers } = version;

  if (tiers.length === 0) issues.push({ path: ['tiers'], message: fieldText('AT_LEAST_ONE_TIER') });
  let previousUpTo: bigint | null = null;
  tiers.forEach((tier, index) => {
    const isLast = index === tiers.length - 1;
    if (tier.upToFen === null) {
      if (!isLast) {
        issues.push({
          path: ['tiers', index, 'upToFen'],
          message: fieldText('TIER_NO_LIMIT', { tier: index + 1, count: tiers.length }),
        });
      }
      return;
    }
    if (tier.upToFen <= 0n) {
      issues.push({ path: ['tiers', index, 'upToFen'], message: fieldText('TIER_ABOVE_ZERO', { tier: index + 1 }) });
    }
    if (previousUpTo !== null && tier.upToFen <= previousUpTo) {
      issues.push({
        path: ['tiers', index, 'upToFen'],
        message: fieldText('TIERS_ASCENDING', { tier: index + 1, upTo: formatFen(tier.upToFen), previousTier: index, previousUpTo: formatFen(previousUpTo) }),
      });
    }
    previousUpTo = tier.upToFen;
  });
  tiers.forEach((tier, index) => {
    if (!Number.isInteger(tier.rateBp) || tier.rateBp < 0 || tier.rateBp > 10000) {
      issues.push({ path: ['tiers', index, 'rateBp'], message: fieldText('BP_RANGE', { min: 0 }) });
    }
  });

  const seenConditions = new Set<MultiplierCondition>();
  multipliers.forEach((multiplier, index) => {
    if (seenConditions.has(multiplier.when)) {
      issues.push({
        path: ['multipliers', index, 'when'],
        message: fieldText('FACTOR_TWICE', { condition: multiplier.when }),
      });
    }
    seenConditions.add(multiplier.when);
    if (!Number.isInteger(multiplier.factorBp) || multiplier.factorBp <= 0) {
      issues.push({ path: ['multipliers', index, 'factorBp'], message: fieldText('FACTOR_POSITIVE_WHOLE') });
    }
  });

  if (version.thresholdFen < 0n) issues.push({ path: ['thresholdFen'], message: fieldText('NEGATIVE') });
  if (version.capFen !== null && version.capFen < 0n) issues.push({ path: ['capFen'], message: fieldText('NEGATIVE') });
  if (version.capFen !== null && version.capFen > BigInt(MAX_FEN)) {
    issues.push({ path: ['capFen'], message: fieldText('REWARD_MAX', { max: formatFen(MAX_FEN) }) });
  }
  // Bounds: one reward is at most MAX_FEN, whatever the basis (itself at most MAX_FEN). Without a cap, the most
  // the version could pay — the largest basis at the highest rate, every multiplier applying — must stay within it,
  // so a total can never pass a safe integer nor any field's maximum (issue 8).
  if (version.capFen === null && tiers.length > 0) {
    const topRate = tiers.reduce((top, tier) => (tier.rateBp > top ? tier.rateBp : top), 0);
    // A multiplier may or may not apply: one below ×1 is left out (it only lowers), one above counts in full.
    const factors = multipliers.reduce((product, multiplier) => product * BigInt(Math.max(10000, multiplier.factorBp)), 1n);
    const most = (BigInt(MAX_FEN) * BigInt(topRate) * factors) / (10000n * 10000n ** BigInt(multipliers.length));
    if (most > BigInt(MAX_FEN)) {
      issues.push({
        path: ['capFen'],
        message: fieldText('CAP_NEEDED', { most: formatFen(most), basis: formatFen(MAX_FEN), max: formatFen(MAX_FEN) }),
      });
    }
  }

  if (installments.length === 0) issues.push({ path: ['installments'], message: fieldText('AT_LEAST_ONE_INSTALLMENT') });
  let shareSum = 0;
  let previousRank = -1;
  installments.forEach((installment, index) => {
    const rank = rewardMilestoneRank(installment.milestone);
    if (rank <= previousRank) {
      issues.push({
        path: ['installments', index, 'milestone'],
        message: fieldText('INSTALLMENT_ORDER', { order: rewardMilestones.join(' → '), milestone: installment.milestone }),
      });
    }
    previousRank = Math.max(previousRank, rank);
    if (!Number.isInteger(installment.shareBp) || installment.shareBp <= 0 || installment.shareBp > 10000) {
      issues.push({ path: ['installments', index, 'shareBp'], message: fieldText('BP_RANGE', { min: 1 }) });
    }
    shareSum += installment.shareBp;
  });
  if (installments.length > 0 && shareSum !== 10000) {
    issues.push({
      path: ['installments'],
      message: fieldText('INSTALLMENT_SUM', { sum: shareSum }),
    });
  }

  issues.push(...rangeIssues(version));
  return issues;
}

export function serviceFeeVersionIssues(version: ServiceFeeVersion): VersionIssue[] {
  const issues = rangeIssues(version);
  if (version.feeFen < 0n) issues.push({ path: ['feeFen'], message: fieldText('NEGATIVE') });
  return issues;
}

function rangeIssues(range: EffectiveRange): VersionIssue[] {
  if (range.effectiveTo !== null && range.effectiveTo < range.effectiveFrom) {
    return [{ path: ['effectiveTo'], message: fieldText('BEFORE_EFFECTIVE_FROM', { from: range.effectiveFrom }) }];
  }
  return [];
}

// ---- zod: the wire shape (fen as safe integers) and its conversion to bigint --------------------------------

const enumOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, fe('ONE_OF', { values: values.join(', ') }));

export const RewardTierJson = z.object({
  upToFen: Fen.nullable(),
  rateBp: Bp,
});
export const RewardMultiplierJson = z.object({
  when: enumOf(multiplierConditions),
  // Up to ×10: a sanity bound, far above any policy's multiplier.
  factorBp: z.number().int(fe('FACTOR_WHOLE')).min(1, fe('FACTOR_POSITIVE')).max(100000, fe('FACTOR_MAX')),
});
export const RewardInstallmentJson = z.object({
  milestone: enumOf(rewardMilestones),
  shareBp: Bp.min(1, fe('BP_AT_LEAST_ONE')),
});

const effectiveRangeJson = {
  effectiveFrom: CalendarDate,
  effectiveTo: CalendarDate.nullable().default(null),
};

const addIssues = (issues: VersionIssue[], ctx: z.RefinementCtx) => {
  for (const issue of issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
};

export const TieredRewardVersionJson = z
  .object({
    kind: enumOf(tieredRewardKinds),
    basis: enumOf(rewardBases),
    thresholdFen: Fen,
    tiers: z.array(RewardTierJson).min(1, fe('AT_LEAST_ONE_TIER')).max(20),
    mode: enumOf(tierModes),
    multipliers: z.array(RewardMultiplierJson).max(multiplierConditions.length).default([]),
    capFen: Fen.nullable().default(null),
    installments: z.array(RewardInstallmentJson).min(1, fe('AT_LEAST_ONE_INSTALLMENT')).max(rewardMilestones.length),
    ...effectiveRangeJson,
  })
  .superRefine((json, ctx) => addIssues(tieredVersionIssues(tieredVersionFromJson(json)), ctx));
export type TieredRewardVersionJson = z.output<typeof TieredRewardVersionJson>;

export const ServiceFeeVersionJson = z
  .object({
    kind: z.literal('service_fee'),
    feeFen: Fen,
    period: enumOf(serviceFeePeriods),
    ...effectiveRangeJson,
  })
  .superRefine((json, ctx) => addIssues(serviceFeeVersionIssues(serviceFeeVersionFromJson(json)), ctx));
export type ServiceFeeVersionJson = z.output<typeof ServiceFeeVersionJson>;

/** A version as JSON (request and response bodies, the database's jsonb). */
export const RewardVersionJson = z.discriminatedUnion('kind', [TieredRewardVersionJson, ServiceFeeVersionJson]);
export type RewardVersionJson = z.output<typeof RewardVersionJson>;

function tieredVersionFromJson(json: TieredRewardVersionJson): TieredRewardVersion {
  return {
    kind: json.kind,
    basis: json.basis,
    thresholdFen: BigInt(json.thresholdFen),
    tiers: json.tiers.map((tier) => ({ upToFen: tier.upToFen === null ? null : BigInt(tier.upToFen), rateBp: tier.rateBp })),
    mode: json.mode,
    multipliers: json.multipliers.map((multiplier) => ({ when: multiplier.when, factorBp: multiplier.factorBp })),
    capFen: json.capFen === null ? null : BigInt(json.capFen),
    installments: json.installments.map((installment) => ({ milestone: installment.milestone, shareBp: installment.shareBp })),
    effectiveFrom: json.effectiveFrom,
    effectiveTo: json.effectiveTo,
  };
}

function serviceFeeVersionFromJson(json: ServiceFeeVersionJson): ServiceFeeVersion {
  return {
    kind: 'service_fee',
    feeFen: BigInt(json.feeFen),
    period: json.period,
    effectiveFrom: json.effectiveFrom,
    effectiveTo: json.effectiveTo,
  };
}

/** Parses JSON into the engine's bigint shape. */
export const TieredRewardVersion = TieredRewardVersionJson.transform(tieredVersionFromJson);
export const ServiceFeeVersion = ServiceFeeVersionJson.transform(serviceFeeVersionFromJson);
export const RewardVersion = RewardVersionJson.transform(
  (json): RewardVersion => (json.kind === 'service_fee' ? serviceFeeVersionFromJson(json) : tieredVersionFromJson(json)),
);

const safeNumber = (fen: bigint, field: string): number => {
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${field} ${fen} fen is beyond a safe JSON integer`);
  }
  return Number(fen);
};

/** The reverse of `RewardVersion.parse`: bigint fen back to safe integers for JSON. */
export function rewardVersionToJson(version: RewardVersion): RewardVersionJson {
  if (version.kind === 'service_fee') {
    return {
      kind: 'service_fee',
      feeFen: safeNumber(version.feeFen, 'feeFen'),
      period: version.period,
      effectiveFrom: version.effectiveFrom,
      effectiveTo: version.effectiveTo,
    };
  }
  return {
    kind: version.kind,
    basis: version.basis,
    thresholdFen: safeNumber(version.thresholdFen, 'thresholdFen'),
    tiers: version.tiers.map((tier) => ({
      upToFen: tier.upToFen === null ? null : safeNumber(tier.upToFen, 'upToFen'),
      rateBp: tier.rateBp,
    })),
    mode: version.mode,
    multipliers: version.multipliers.map((multiplier) => ({ when: multiplier.when, factorBp: multiplier.factorBp })),
    capFen: version.capFen === null ? null : safeNumber(version.capFen, 'capFen'),
    installments: version.installments.map((installment) => ({ milestone: installment.milestone, shareBp: installment.shareBp })),
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
  };
}
