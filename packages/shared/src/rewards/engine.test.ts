import { describe, expect, it } from 'vitest';
import { computeReward, type ComputeRewardInput, cumulativeShareBp, tierAmount, tierBreakdown, versionInEffect } from './engine.ts';
import type { RewardTier } from './types.ts';
import { workedExampleVersion } from './worked-example.ts';

const leading = { leading: true, emerging: false };
const plain = { leading: false, emerging: false };

function reward(changes: Partial<ComputeRewardInput> = {}) {
  return computeReward({
    version: workedExampleVersion(),
    basisFen: 12_345_678_901n,
    industryFlags: leading,
    milestone: 'in_production',
    alreadyPaidFen: 0n,
    ...changes,
  });
}

describe('the worked example of domain.md, exactly', () => {
  it('construction start: ¥60,000,000.00 → total ¥660,000.00, 40% due ¥264,000.00', () => {
    const result = reward({ basisFen: 6_000_000_000n, milestone: 'construction_started' });
    expect(result).toMatchObject({
      totalFen: 66_000_000n,
      cumulativeShareBp: 4000,
      cumulativeDueFen: 26_400_000n,
      dueFen: 26_400_000n,
      overpaymentFen: 0n,
      zeroReason: null,
    });
    expect(result.trace).toEqual([
      'basis ¥60,000,000.00 — actual fixed-asset investment 实际固定资产投资',
      'threshold ¥10,000,000.00 met',
      'slice 1: ¥50,000,000.00 × 1.00% = ¥500,000.00',
      'slice 2: ¥10,000,000.00 × 0.50% = ¥50,000.00',
      'tiers (marginal) = ¥550,000.00',
      '×1.2 leading industry 主导产业',
      '= ¥660,000.00',
      'cap ¥1,500,000.00 not reached',
      'total ¥660,000.00',
      '¥660,000.00 × 40% up to construction started 开工 = ¥264,000.00',
      'cumulative share 40% due ¥264,000.00 − ¥0.00 paid = ¥264,000.00',
    ]);
  });

  it('production: 12,345,678,901 fen → total 104,074,073 fen, due 77,674,073 fen after 26,400,000 paid', () => {
    const result = reward({ alreadyPaidFen: 26_400_000n });
    expect(result).toMatchObject({
      totalFen: 104_074_073n,
      exactTotal: { numerator: 10_407_407_340_600_000n, denominator: 100_000_000n },
      cumulativeShareBp: 10000,
      cumulativeDueFen: 104_074_073n,
      dueFen: 77_674_073n,
      overpaymentFen: 0n,
    });
    expect(result.trace).toEqual([
      'basis ¥123,456,789.01 — actual fixed-asset investment 实际固定资产投资',
      'threshold ¥10,000,000.00 met',
      'slice 1: ¥50,000,000.00 × 1.00% = ¥500,000.00',
      'slice 2: ¥73,456,789.01 × 0.50% = ¥367,283.94505',
      'tiers (marginal) = ¥867,283.94505',
      '×1.2 leading industry 主导产业',
      '= ¥1,040,740.73406',
      'cap ¥1,500,000.00 not reached',
      'total ¥1,040,740.73 (¥1,040,740.73406 rounded half up)',
      'cumulative share 100% due ¥1,040,740.73 − ¥264,000.00 paid = ¥776,740.73',
    ]);
  });

  it('bracket mode without multiplier at production: 61,728,394.505 fen → 61,728,395 fen', () => {
    const result = reward({ version: workedExampleVersion({ mode: 'bracket' }), industryFlags: plain });
    expect(result.totalFen).toBe(61_728_395n);
    expect(result.dueFen).toBe(61_728_395n);
    expect(result.trace).toContain('bracket 2 (¥50,000,000.00 – ¥200,000,000.00): ¥123,456,789.01 × 0.50% = ¥617,283.94505');
  });
});

describe('tiers', () => {
  const tiers: RewardTier[] = [
    { upToFen: 1000n, rateBp: 1000 },
    { upToFen: 3000n, rateBp: 500 },
    { upToFen: null, rateBp: 100 },
  ];
  it.each([
    { name: 'zero basis', basis: 0n, marginal: 0n, bracket: 0n },
    { name: 'inside the first tier', basis: 500n, marginal: 500_000n, bracket: 500_000n },
    { name: 'exactly at the first bound (inclusive)', basis: 1000n, marginal: 1_000_000n, bracket: 1_000_000n },
    { name: 'one fen above the first bound', basis: 1001n, marginal: 1_000_500n, bracket: 500_500n },
    { name: 'exactly at the second bound', basis: 3000n, marginal: 2_000_000n, bracket: 1_500_000n },
    { name: 'in the open last tier', basis: 10_000n, marginal: 2_700_000n, bracket: 1_000_000n },
  ])('$name: marginal and bracket (numerators over 10000)', ({ basis, marginal, bracket }) => {
    expect(tierAmount(basis, tiers, 'marginal')).toEqual({ numerator: marginal, denominator: 10000n });
    expect(tierAmount(basis, tiers, 'bracket')).toEqual({ numerator: bracket, denominator: 10000n });
  });

  it.each([
    { mode: 'marginal' as const, basis: 5000n, counted: 3000n, numerator: 2_000_000n },
    { mode: 'bracket' as const, basis: 5000n, counted: 3000n, numerator: 1_500_000n },
    { mode: 'marginal' as const, basis: 2000n, counted: 2000n, numerator: 1_500_000n },
  ])('a bounded last tier counts the basis only up to its limit ($mode, basis $basis)', ({ mode, basis, counted, numerator }) => {
    const bounded = tiers.slice(0, 2);
    const breakdown = tierBreakdown(basis, bounded, mode);
    expect(breakdown.countedBasisFen).toBe(counted);
    expect(breakdown.amount.numerator).toBe(numerator);
  });

  it('marginal slices cover the basis exactly once', () => {
    const { slices } = tierBreakdown(10_000n, tiers, 'marginal');
    expect(slices.map((slice) => [slice.tier, slice.fromFen, slice.basisFen])).toEqual([
      [1, 0n, 1000n],
      [2, 1000n, 2000n],
      [3, 3000n, 7000n],
    ]);
  });

  it('refuses a negative basis and an empty tier list', () => {
    expect(() => tierAmount(-1n, tiers, 'marginal')).toThrow(/negative/);
    expect(() => tierAmount(1n, [], 'marginal')).toThrow(/at least one tier/);
  });
});

describe('threshold', () => {
  it.each([
    { name: 'one fen below', basis: 999_999_999n, total: 0n, reason: 'below_threshold' },
    { name: 'exactly at it (reached)', basis: 1_000_000_000n, total: 12_000_000n, reason: null },
    { name: 'above it; the tiers apply to the whole basis, not the excess', basis: 2_000_000_000n, total: 24_000_000n, reason: null },
  ])('$name', ({ basis, total, reason }) => {
    const result = reward({ basisFen: basis });
    expect(result.totalFen).toBe(total);
    expect(result.zeroReason).toBe(reason);
    if (reason) {
      expect(result.dueFen).toBe(0n);
      expect(result.trace).toContain('below threshold ¥10,000,000.00 未达起奖门槛 — no reward is due (total ¥0.00)');
    }
  });

  it('a zero threshold says nothing about a threshold', () => {
    const result = reward({ version: workedExampleVersion({ thresholdFen: 0n }), basisFen: 100n });
    expect(result.totalFen).toBe(1n);
    expect(result.trace.some((line) => line.includes('threshold'))).toBe(false);
  });
});

describe('multipliers', () => {
  const both = workedExampleVersion({
    multipliers: [
      { when: 'leading_industry', factorBp: 12000 },
      { when: 'emerging_industry', factorBp: 11000 },
    ],
  });
  it.each([
    { name: 'none applies', version: both, flags: plain, total: 10_000_000n, lines: ['no multiplier applies'] },
    { name: 'leading only', version: both, flags: leading, total: 12_000_000n, lines: ['×1.2 leading industry 主导产业'] },
    { name: 'emerging only', version: both, flags: { leading: false, emerging: true }, total: 11_000_000n, lines: ['×1.1 emerging industry 战略性新兴产业'] },
    {
      name: 'both: multiplied together, the product applied once',
      version: both,
      flags: { leading: true, emerging: true },
      total: 13_200_000n,
      lines: ['×1.2 leading industry 主导产业', '×1.1 emerging industry 战略性新兴产业', '= ¥132,000.00 (combined ×1.32)'],
    },
    {
      name: 'an emerging project under a version with only a leading multiplier',
      version: workedExampleVersion(),
      flags: { leading: false, emerging: true },
      total: 10_000_000n,
      lines: ['no multiplier applies'],
    },
    { name: 'a version without multipliers', version: workedExampleVersion({ multipliers: [] }), flags: leading, total: 10_000_000n, lines: [] },
  ])('$name', ({ version, flags, total, lines }) => {
    const result = reward({ version, industryFlags: flags, basisFen: 1_000_000_000n });
    expect(result.totalFen).toBe(total);
    for (const line of lines) expect(result.trace).toContain(line);
  });

  it('shows the combined factor exactly, however many decimals it needs', () => {
    const version = workedExampleVersion({
      multipliers: [
        { when: 'leading_industry', factorBp: 12345 },
        { when: 'emerging_industry', factorBp: 11111 },
      ],
      capFen: null,
    });
    const result = reward({ version, industryFlags: { leading: true, emerging: true }, basisFen: 1_000_000_000n });
    // ¥100,000.00 × 1.2345 × 1.1111 = ¥137,165.295
    expect(result.trace).toContain('= ¥137,165.295 (combined ×1.37165295)');
    expect(result.totalFen).toBe(13_716_530n);
  });

  it('rounds once, after the multiplier: 5 fen at 10% × 0.9 = 0.45 → 0 (rounding the tiers first would give 1)', () => {
    const version = workedExampleVersion({
      thresholdFen: 0n,
      tiers: [{ upToFen: null, rateBp: 1000 }],
      multipliers: [{ when: 'leading_industry', factorBp: 9000 }],
      capFen: null,
    });
    expect(reward({ version, basisFen: 5n }).totalFen).toBe(0n);
  });
});

describe('cap', () => {
  it.each([
    { name: 'not reached', basis: 12_345_678_901n, total: 104_074_073n, line: 'cap ¥1,500,000.00 not reached' },
    // ¥50m → 500,000 + 0.5% × ¥150m = 1,250,000 → × 1.2 = 1,500,000.00 exactly: not above the cap.
    { name: 'reached exactly', basis: 20_000_000_000n, total: 150_000_000n, line: 'cap ¥1,500,000.00 not reached' },
    { name: 'exceeded', basis: 20_000_000_001n, total: 150_000_000n, line: 'cap ¥1,500,000.00 reached: ¥1,500,000.000024 → ¥1,500,000.00' },
    { name: 'far exceeded', basis: 100_000_000_000n, total: 150_000_000n, line: 'cap ¥1,500,000.00 reached: ¥3,420,000.00 → ¥1,500,000.00' },
  ])('$name', ({ basis, total, line }) => {
    const result = reward({ basisFen: basis });
    expect(result.totalFen).toBe(total);
    expect(result.trace).toContain(line);
  });

  it('no cap', () => {
    const result = reward({ version: workedExampleVersion({ capFen: null }), basisFen: 100_000_000_000n });
    expect(result.totalFen).toBe(342_000_000n);
    expect(result.trace).toContain('no cap');
  });
});

describe('installments and the true-up', () => {
  const version = workedExampleVersion();
  it.each([
    { milestone: 'signed' as const, share: 0 },
    { milestone: 'registered' as const, share: 0 },
    { milestone: 'land_acquired' as const, share: 0 },
    { milestone: 'construction_started' as const, share: 4000 },
    { milestone: 'in_production' as const, share: 10000 },
    { milestone: 'at_capacity' as const, share: 10000 },
  ])('cumulative share at $milestone is $share bp', ({ milestone, share }) => {
    expect(cumulativeShareBp(version, milestone)).toBe(share);
  });

  it('before the first installment nothing is due, and the trace says why', () => {
    const result = reward({ milestone: 'registered' });
    expect(result).toMatchObject({ totalFen: 104_074_073n, cumulativeDueFen: 0n, dueFen: 0n });
    expect(result.trace).toContain('no installment falls at or before registered 注册');
  });

  it.each([
    { name: 'pays the rest when the basis grew', basis: 12_345_678_901n, paid: 26_400_000n, due: 77_674_073n, over: 0n },
    { name: 'pays nothing twice', basis: 12_345_678_901n, paid: 104_074_073n, due: 0n, over: 0n },
    { name: 'tops up a partial payment', basis: 12_345_678_901n, paid: 100_000_000n, due: 4_074_073n, over: 0n },
    { name: 'the basis fell, but not below what was paid', basis: 3_000_000_000n, paid: 26_400_000n, due: 9_600_000n, over: 0n },
    { name: 'paid more than the whole total', basis: 3_000_000_000n, paid: 40_000_000n, due: 0n, over: 4_000_000n },
  ])('$name', ({ basis, paid, due, over }) => {
    const result = reward({ basisFen: basis, alreadyPaidFen: paid });
    expect(result.dueFen).toBe(due);
    expect(result.overpaymentFen).toBe(over);
  });

  it('the basis fell after an audit: 40% due ¥144,000.00 after ¥264,000.00 paid → ¥120,000.00 flagged for recovery', () => {
    const result = reward({ basisFen: 3_000_000_000n, milestone: 'construction_started', alreadyPaidFen: 26_400_000n });
    expect(result).toMatchObject({ totalFen: 36_000_000n, cumulativeDueFen: 14_400_000n, dueFen: 0n, overpaymentFen: 12_000_000n });
    expect(result.trace.at(-1)).toBe(
      'cumulative share 40% due ¥144,000.00 − ¥264,000.00 paid = -¥120,000.00: overpaid ¥120,000.00, flagged for recovery 待追回; nothing is paid now',
    );
  });

  it('the cumulative due is rounded half up once per milestone: 3 fen × 16.67% = 0.5001 → 1', () => {
    const version = workedExampleVersion({
      thresholdFen: 0n,
      tiers: [{ upToFen: null, rateBp: 10000 }],
      multipliers: [],
      capFen: null,
      installments: [
        { milestone: 'signed', shareBp: 1667 },
        { milestone: 'construction_started', shareBp: 3333 },
        { milestone: 'in_production', shareBp: 5000 },
      ],
    });
    // Cumulative: 16.67% → 0.5001 → 1; 50% → 1.5 → 2; 100% → 3.
    const dues = (['signed', 'construction_started', 'in_production'] as const).map(
      (milestone) => reward({ version, basisFen: 3n, milestone }).cumulativeDueFen,
    );
    expect(dues).toEqual([1n, 2n, 3n]);
  });
});

describe('payee eligibility', () => {
  it.each([
    { name: 'a government unit', eligibility: { isGovernmentUnit: true }, text: 'a government unit 政府部门/事业单位' },
    { name: 'a platform company', eligibility: { isPlatformCompany: true }, text: 'a platform company 平台公司' },
    { name: 'related to the investor', eligibility: { isRelatedToInvestor: true }, text: 'related to the investor 与投资方存在关联关系' },
    {
      name: 'several reasons at once',
      eligibility: { isGovernmentUnit: true, isRelatedToInvestor: true },
      text: 'a government unit 政府部门/事业单位, related to the investor 与投资方存在关联关系',
    },
  ])('$name → 0 with the reason', ({ eligibility, text }) => {
    const result = reward({ payeeEligibility: eligibility });
    expect(result).toMatchObject({ totalFen: 0n, dueFen: 0n, zeroReason: 'ineligible_payee' });
    expect(result.trace).toContain(`payee not eligible: ${text} — no reward is due (total ¥0.00)`);
  });

  it('an eligible payee is paid', () => {
    const result = reward({ payeeEligibility: { isGovernmentUnit: false, isPlatformCompany: false, isRelatedToInvestor: false } });
    expect(result.totalFen).toBe(104_074_073n);
  });

  it('a payee found ineligible after being paid: the payment is flagged for recovery', () => {
    const result = reward({ payeeEligibility: { isPlatformCompany: true }, alreadyPaidFen: 26_400_000n });
    expect(result).toMatchObject({ dueFen: 0n, overpaymentFen: 26_400_000n });
  });
});

describe('computeReward refuses what cannot be money', () => {
  it.each([
    { name: 'a negative basis', changes: { basisFen: -1n }, message: /basis cannot be negative/ },
    { name: 'a negative amount paid', changes: { alreadyPaidFen: -1n }, message: /already paid cannot be negative/ },
    {
      name: 'shares that do not sum to 10000',
      changes: { version: workedExampleVersion({ installments: [{ milestone: 'in_production', shareBp: 9000 }] }) },
      message: /sum to 9000 bp/,
    },
    {
      name: 'descending tiers',
      changes: {
        version: workedExampleVersion({
          tiers: [
            { upToFen: 200n, rateBp: 1 },
            { upToFen: 100n, rateBp: 1 },
          ],
        }),
      },
      message: /tiers must be ascending/,
    },
  ])('$name', ({ changes, message }) => {
    expect(() => reward(changes)).toThrow(message);
  });
});

describe('versionInEffect', () => {
  const versions = [
    { id: 'v1', versionNo: 1, effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' },
    { id: 'v2', versionNo: 2, effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' },
    { id: 'v3', versionNo: 3, effectiveFrom: '2025-07-01', effectiveTo: null },
  ];
  it.each([
    { date: '2023-12-31', id: null },
    { date: '2024-01-01', id: 'v1' },
    { date: '2024-12-31', id: 'v1' },
    { date: '2025-01-01', id: 'v2' },
    { date: '2025-06-30', id: 'v2' },
    { date: '2025-07-01', id: 'v3' },
    { date: '2099-01-01', id: 'v3' },
  ])('$date → $id', ({ date, id }) => {
    expect(versionInEffect(versions, date)?.id ?? null).toBe(id);
  });

  it('a gap between versions is no version', () => {
    expect(
      versionInEffect(
        [
          { versionNo: 1, effectiveFrom: '2024-01-01', effectiveTo: '2024-06-30' },
          { versionNo: 2, effectiveFrom: '2024-08-01', effectiveTo: null },
        ],
        '2024-07-15',
      ),
    ).toBeNull();
  });

  it('where versions overlap the newest covering the date wins, whatever the order given; a malformed date is refused', () => {
    // v4 corrects the rules from 2025-06-01 to the year's end: it wins there; v2 and v3 keep the dates only they cover.
    const overlapping = [{ id: 'v4', versionNo: 4, effectiveFrom: '2025-06-01', effectiveTo: '2025-12-31' }, ...versions];
    expect(versionInEffect(overlapping, '2025-05-31')?.id).toBe('v2');
    expect(versionInEffect(overlapping, '2025-06-15')?.id).toBe('v4');
    expect(versionInEffect(overlapping, '2025-12-31')?.id).toBe('v4');
    expect(versionInEffect(overlapping, '2026-01-01')?.id).toBe('v3');
    expect(() => versionInEffect(versions, '2025/06/15')).toThrow(/YYYY-MM-DD/);
  });
});
