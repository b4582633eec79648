import { TieredRewardVersion, type TieredRewardVersionJson } from './types.ts';

/**
 * The worked example of domain.md "Reward engine", as JSON (what an admin would post) — for tests and seed data.
 * Up to ¥50,000,000 at 1.00%, up to ¥200,000,000 at 0.50%, beyond at 0.20%; marginal; threshold ¥10,000,000;
 * cap ¥1,500,000; ×1.2 for a leading industry; 40% at construction start, 60% at production.
 */
export const workedExampleVersionJson: TieredRewardVersionJson = {
  kind: 'agent_reward',
  basis: 'actual_fixed_asset_investment',
  thresholdFen: 1_000_000_000,
  tiers: [
    { upToFen: 5_000_000_000, rateBp: 100 },
    { upToFen: 20_000_000_000, rateBp: 50 },
    { upToFen: null, rateBp: 20 },
  ],
  mode: 'marginal',
  multipliers: [{ when: 'leading_industry', factorBp: 12000 }],
  capFen: 150_000_000,
  installments: [
    { milestone: 'construction_started', shareBp: 4000 },
    { milestone: 'in_production', shareBp: 6000 },
  ],
  effectiveFrom: '2025-01-01',
  effectiveTo: null,
};

/** The worked example in the engine's bigint shape, with optional changes for a test. */
export function workedExampleVersion(changes: Partial<TieredRewardVersion> = {}): TieredRewardVersion {
  return { ...TieredRewardVersion.parse(workedExampleVersionJson), ...changes };
}
