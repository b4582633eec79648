import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeReward, tierAmount } from './engine.ts';
import { MAX_FEN } from '../money.ts';
import { multiplierConditions, type RewardMilestone, rewardMilestones, type TieredRewardVersion, tieredVersionIssues, tierModes } from './types.ts';

/** Any valid formula version: ascending tiers, shares summing to 10000 in milestone order, any multipliers and cap. */
const versionArbitrary: fc.Arbitrary<TieredRewardVersion> = fc
  .record({
    bounds: fc.uniqueArray(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 0, maxLength: 4 }),
    openEnded: fc.boolean(),
    rates: fc.array(fc.integer({ min: 0, max: 10000 }), { minLength: 5, maxLength: 5 }),
    mode: fc.constantFrom(...tierModes),
    multipliers: fc
      .subarray([...multiplierConditions])
      .chain((conditions) => fc.tuple(...conditions.map((when) => fc.integer({ min: 1, max: 30000 }).map((factorBp) => ({ when, factorBp }))))),
    thresholdFen: fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 10n ** 10n })),
    capFen: fc.option(fc.bigInt({ min: 0n, max: 10n ** 10n })),
    installments: fc.subarray([...rewardMilestones], { minLength: 1 }).chain((milestones) =>
      fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { minLength: milestones.length - 1, maxLength: milestones.length - 1 }).map((cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), 10000];
        return milestones.map((milestone, index) => ({ milestone, shareBp: (points[index + 1] ?? 0) - (points[index] ?? 0) }));
      }),
    ),
  })
  .filter(({ bounds, openEnded }) => bounds.length > 0 || openEnded)
  .map(({ bounds, openEnded, rates, mode, multipliers, thresholdFen, capFen, installments }) => {
    const sorted = [...bounds].sort((a, b) => (a < b ? -1 : 1));
    const limits: (bigint | null)[] = openEnded ? [...sorted, null] : sorted;
    const version: TieredRewardVersion = {
      kind: 'agent_reward',
      basis: 'actual_fixed_asset_investment',
      thresholdFen,
      tiers: limits.map((upToFen, index) => ({ upToFen, rateBp: rates[index] ?? 0 })),
      mode,
      multipliers,
      capFen,
      installments,
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
    };
    // A version that could pay beyond the bound without a cap is refused; such a policy gets the largest cap.
    return tieredVersionIssues(version).length === 0 ? version : { ...version, capFen: BigInt(MAX_FEN) };
  });

const basisArbitrary = fc.bigInt({ min: 0n, max: BigInt(MAX_FEN) });
const flagsArbitrary = fc.record({ leading: fc.boolean(), emerging: fc.boolean() });
const milestoneArbitrary = fc.constantFrom(...rewardMilestones);
/** Milestones reached in order (any subset, ascending), as a project moves on. */
const journeyArbitrary = fc.subarray([...rewardMilestones], { minLength: 1 });

describe('reward engine properties', () => {
  it('with a fixed basis, the installments pay exactly the total once every installment is reached, never more', () => {
    fc.assert(
      fc.property(versionArbitrary, basisArbitrary, flagsArbitrary, journeyArbitrary, (version, basisFen, industryFlags, journey) => {
        let paid = 0n;
        let total = 0n;
        for (const milestone of journey) {
          const result = computeReward({ version, basisFen, industryFlags, milestone, alreadyPaidFen: paid });
          expect(result.dueFen >= 0n).toBe(true);
          expect(result.overpaymentFen).toBe(0n);
          paid += result.dueFen;
          total = result.totalFen;
          expect(paid).toBe(result.cumulativeDueFen);
          expect(paid <= total).toBe(true);
        }
        const lastInstallment = version.installments.at(-1)?.milestone ?? 'at_capacity';
        const reachedAll = journey.some((milestone) => rewardMilestones.indexOf(milestone) >= rewardMilestones.indexOf(lastInstallment));
        if (reachedAll) expect(paid).toBe(total);
      }),
    );
  });

  it('with a basis that moves between milestones, the payments never exceed the largest cumulative due, and never go negative', () => {
    fc.assert(
      fc.property(
        versionArbitrary,
        flagsArbitrary,
        journeyArbitrary.chain((journey) => fc.tuple(fc.constant(journey), fc.array(basisArbitrary, { minLength: journey.length, maxLength: journey.length }))),
        (version, industryFlags, [journey, bases]) => {
          let paid = 0n;
          let highestDue = 0n;
          journey.forEach((milestone: RewardMilestone, index) => {
            const basisFen = bases[index] ?? 0n;
            const result = computeReward({ version, basisFen, industryFlags, milestone, alreadyPaidFen: paid });
            expect(result.dueFen >= 0n && result.overpaymentFen >= 0n).toBe(true);
            expect(result.dueFen === 0n || result.overpaymentFen === 0n).toBe(true);
            expect(paid + result.dueFen - result.overpaymentFen).toBe(result.cumulativeDueFen);
            if (version.capFen !== null) expect(result.totalFen <= version.capFen).toBe(true);
            paid += result.dueFen;
            highestDue = highestDue > result.cumulativeDueFen ? highestDue : result.cumulativeDueFen;
            expect(paid <= highestDue).toBe(true);
          });
        },
      ),
    );
  });

  it('is idempotent: the same input gives the same result, and once the due is recorded as paid nothing more is due', () => {
    fc.assert(
      fc.property(
        versionArbitrary,
        basisArbitrary,
        flagsArbitrary,
        milestoneArbitrary,
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        (version, basisFen, industryFlags, milestone, alreadyPaidFen) => {
          const input = { version, basisFen, industryFlags, milestone, alreadyPaidFen };
          const first = computeReward(input);
          expect(computeReward(input)).toEqual(first);
          const again = computeReward({ ...input, alreadyPaidFen: alreadyPaidFen + first.dueFen });
          expect(again.dueFen).toBe(0n);
          expect(again.totalFen).toBe(first.totalFen);
          expect(again.overpaymentFen).toBe(first.overpaymentFen);
        },
      ),
    );
  });

  it('the total is the exact amount rounded half up once: within half a fen, and never above the cap', () => {
    fc.assert(
      fc.property(versionArbitrary, basisArbitrary, flagsArbitrary, (version, basisFen, industryFlags) => {
        const result = computeReward({ version, basisFen, industryFlags, milestone: 'at_capacity', alreadyPaidFen: 0n });
        const { numerator, denominator } = result.exactTotal;
        const twiceError = 2n * (result.totalFen * denominator - numerator);
        expect(-denominator < twiceError && twiceError <= denominator).toBe(true);
        if (version.capFen !== null) expect(result.totalFen <= version.capFen).toBe(true);
        expect(result.cumulativeDueFen).toBe(result.totalFen);
      }),
    );
  });

  it('within the bounds no reward passes MAX_FEN, so every amount stays a safe JSON integer', () => {
    // Found by this property once: ×3 for a leading industry beside ×0.0001 for an emerging one passed the bound
    // when all factors were multiplied together, though only the ×3 may apply.
    const tricky: TieredRewardVersion = {
      kind: 'agent_reward',
      basis: 'actual_fixed_asset_investment',
      thresholdFen: 0n,
      tiers: [{ upToFen: null, rateBp: 10000 }],
      mode: 'bracket',
      multipliers: [
        { when: 'leading_industry', factorBp: 30000 },
        { when: 'emerging_industry', factorBp: 1 },
      ],
      capFen: null,
      installments: [{ milestone: 'signed', shareBp: 10000 }],
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
    };
    expect(tieredVersionIssues(tricky).map((i) => i.path.join('.'))).toEqual(['capFen']);
    fc.assert(
      fc.property(versionArbitrary, basisArbitrary, flagsArbitrary, milestoneArbitrary, (version, basisFen, industryFlags, milestone) => {
        const result = computeReward({ version, basisFen, industryFlags, milestone, alreadyPaidFen: 0n });
        expect(result.totalFen <= BigInt(MAX_FEN)).toBe(true);
        expect(result.cumulativeDueFen <= BigInt(MAX_FEN)).toBe(true);
      }),
    );
  });

  it('in marginal mode a larger basis never earns less', () => {
    fc.assert(
      fc.property(versionArbitrary, basisArbitrary, basisArbitrary, (version, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const lowAmount = tierAmount(low, version.tiers, 'marginal');
        const highAmount = tierAmount(high, version.tiers, 'marginal');
        expect(lowAmount.numerator * highAmount.denominator <= highAmount.numerator * lowAmount.denominator).toBe(true);
      }),
    );
  });
});
