import { describe, expect, it } from 'vitest';
import { RewardVersion, RewardVersionJson, rewardVersionToJson, ServiceFeeVersion, TieredRewardVersion } from './types.ts';
import { workedExampleVersionJson } from './worked-example.ts';

const valid = workedExampleVersionJson;

const messagesOf = (input: unknown): string[] => {
  const result = RewardVersion.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('RewardVersion schema: valid versions', () => {
  it('parses the worked example into bigint fen', () => {
    const version = TieredRewardVersion.parse(valid);
    expect(version.thresholdFen).toBe(1_000_000_000n);
    expect(version.capFen).toBe(150_000_000n);
    expect(version.tiers.map((tier) => tier.upToFen)).toEqual([5_000_000_000n, 20_000_000_000n, null]);
  });

  it('defaults: no multipliers, no cap, open-ended', () => {
    const { multipliers: _m, capFen: _c, effectiveTo: _e, ...minimal } = valid;
    const version = TieredRewardVersion.parse(minimal);
    expect(version).toMatchObject({ multipliers: [], capFen: null, effectiveTo: null });
  });

  it('a bounded last tier is allowed', () => {
    expect(messagesOf({ ...valid, tiers: [{ upToFen: 100, rateBp: 10 }] })).toEqual([]);
  });

  it('a service-fee version', () => {
    const json = { kind: 'service_fee', feeFen: 3_000_000, period: 'quarter', effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' };
    expect(ServiceFeeVersion.parse(json)).toEqual({ ...json, feeFen: 3_000_000n });
    expect(RewardVersion.parse(json).kind).toBe('service_fee');
  });

  it.each([
    { name: 'a formula version', json: valid },
    { name: 'a service-fee version', json: { kind: 'service_fee', feeFen: 1, period: 'month', effectiveFrom: '2026-01-01', effectiveTo: null } },
  ])('round-trips through JSON: $name', ({ json }) => {
    const parsed = RewardVersionJson.parse(json);
    expect(rewardVersionToJson(RewardVersion.parse(json))).toEqual(parsed);
  });
});

describe('RewardVersion schema: what it refuses, and says why', () => {
  it.each([
    {
      name: 'shares not summing to 10000, with the sum named',
      input: {
        ...valid,
        installments: [
          { milestone: 'construction_started', shareBp: 4000 },
          { milestone: 'in_production', shareBp: 5000 },
        ],
      },
      message: 'installments: installment shares must sum to exactly 10000 bp (100%); they sum to 9000 bp',
    },
    {
      name: 'shares over 10000',
      input: {
        ...valid,
        installments: [
          { milestone: 'construction_started', shareBp: 4000 },
          { milestone: 'in_production', shareBp: 7000 },
        ],
      },
      message: 'installments: installment shares must sum to exactly 10000 bp (100%); they sum to 11000 bp',
    },
    {
      name: 'descending tiers',
      input: {
        ...valid,
        tiers: [
          { upToFen: 200, rateBp: 100 },
          { upToFen: 100, rateBp: 50 },
          { upToFen: null, rateBp: 20 },
        ],
      },
      message: 'tiers.1.upToFen: tiers must be ascending: tier 2 up to ¥1.00 is not above tier 1 up to ¥2.00',
    },
    {
      name: 'equal tier bounds',
      input: {
        ...valid,
        tiers: [
          { upToFen: 100, rateBp: 100 },
          { upToFen: 100, rateBp: 50 },
        ],
      },
      message: 'tiers.1.upToFen: tiers must be ascending: tier 2 up to ¥1.00 is not above tier 1 up to ¥1.00',
    },
    {
      name: 'an unlimited tier before the last',
      input: {
        ...valid,
        tiers: [
          { upToFen: null, rateBp: 100 },
          { upToFen: 100, rateBp: 50 },
        ],
      },
      message: 'tiers.0.upToFen: only the last tier may have no upper limit (null); tier 1 of 2 has none',
    },
    {
      name: 'a first tier up to ¥0',
      input: {
        ...valid,
        tiers: [
          { upToFen: 0, rateBp: 100 },
          { upToFen: null, rateBp: 50 },
        ],
      },
      message: 'tiers.0.upToFen: tier 1 must reach above ¥0.00',
    },
    { name: 'no tiers', input: { ...valid, tiers: [] }, message: 'tiers: at least one tier is required' },
    { name: 'a rate over 100%', input: { ...valid, tiers: [{ upToFen: null, rateBp: 10001 }] }, message: 'tiers.0.rateBp: cannot be more than 10000 (100%)' },
    {
      name: 'installments out of milestone order',
      input: {
        ...valid,
        installments: [
          { milestone: 'in_production', shareBp: 6000 },
          { milestone: 'construction_started', shareBp: 4000 },
        ],
      },
      message:
        'installments.1.milestone: installments must follow the milestone order signed → registered → land_acquired → construction_started → in_production → at_capacity, each at most once; construction_started is out of place',
    },
    {
      name: 'the same milestone twice',
      input: {
        ...valid,
        installments: [
          { milestone: 'in_production', shareBp: 5000 },
          { milestone: 'in_production', shareBp: 5000 },
        ],
      },
      message:
        'installments.1.milestone: installments must follow the milestone order signed → registered → land_acquired → construction_started → in_production → at_capacity, each at most once; in_production is out of place',
    },
    {
      name: 'a zero share',
      input: {
        ...valid,
        installments: [
          { milestone: 'signed', shareBp: 0 },
          { milestone: 'in_production', shareBp: 10000 },
        ],
      },
      message: 'installments.0.shareBp: must be at least 1 basis point',
    },
    {
      name: 'an unknown milestone',
      input: { ...valid, installments: [{ milestone: 'opened', shareBp: 10000 }] },
      message: /installments\.0\.milestone: must be one of signed/,
    },
    {
      name: 'the same multiplier twice',
      input: {
        ...valid,
        multipliers: [
          { when: 'leading_industry', factorBp: 12000 },
          { when: 'leading_industry', factorBp: 11000 },
        ],
      },
      message: 'multipliers.1.when: leading_industry is listed twice; give each condition one factor',
    },
    {
      name: 'a zero multiplier',
      input: { ...valid, multipliers: [{ when: 'leading_industry', factorBp: 0 }] },
      message: 'multipliers.0.factorBp: must be positive (×1.2 = 12000)',
    },
    {
      name: 'a float multiplier',
      input: { ...valid, multipliers: [{ when: 'leading_industry', factorBp: 1.2 }] },
      message: 'multipliers.0.factorBp: must be whole basis points (×1.2 = 12000)',
    },
    { name: 'fen with decimals', input: { ...valid, thresholdFen: 10.5 }, message: 'thresholdFen: must be whole fen: an integer number of 分, no decimals' },
    { name: 'a negative cap', input: { ...valid, capFen: -1 }, message: 'capFen: cannot be negative' },
    { name: 'fen as a string', input: { ...valid, capFen: '150000000' }, message: 'capFen: must be an amount in fen (a whole number)' },
    { name: 'an unknown basis', input: { ...valid, basis: 'revenue' }, message: /basis: must be one of actual_fixed_asset_investment/ },
    { name: 'an unknown mode', input: { ...valid, mode: 'progressive' }, message: 'mode: must be one of marginal, bracket' },
    { name: 'an end before the start', input: { ...valid, effectiveTo: '2024-12-31' }, message: 'effectiveTo: must not be before effectiveFrom (2025-01-01)' },
    { name: 'a malformed date', input: { ...valid, effectiveFrom: '2025-13-01' }, message: 'effectiveFrom: must be a date as YYYY-MM-DD' },
    { name: 'an unknown kind', input: { ...valid, kind: 'bonus' }, message: /kind: Invalid discriminator value/ },
    {
      name: 'a negative service fee',
      input: { kind: 'service_fee', feeFen: -1, period: 'month', effectiveFrom: '2026-01-01' },
      message: 'feeFen: cannot be negative',
    },
    {
      name: 'a service fee per year',
      input: { kind: 'service_fee', feeFen: 1, period: 'year', effectiveFrom: '2026-01-01' },
      message: 'period: must be one of month, quarter',
    },
  ])('$name', ({ input, message }) => {
    const messages = messagesOf(input);
    if (typeof message === 'string') expect(messages).toContain(message);
    else expect(messages.some((text) => message.test(text))).toBe(true);
  });
});

describe('rewardVersionToJson', () => {
  it('refuses an amount beyond a safe JSON integer rather than lose fen', () => {
    const version = TieredRewardVersion.parse(valid);
    expect(() => rewardVersionToJson({ ...version, capFen: 2n ** 60n })).toThrow(/beyond a safe JSON integer/);
  });
});
