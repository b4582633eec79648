import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeServiceFee, dayNumber } from './service-fee.ts';

describe('computeServiceFee', () => {
  it.each([
    {
      name: 'whole months earn the whole fee',
      input: { feeFen: 1_000_000n, period: 'month' as const, from: '2026-01-01', to: '2026-03-31' },
      lines: [
        ['2026-01', 31, 31, 1_000_000n],
        ['2026-02', 28, 28, 1_000_000n],
        ['2026-03', 31, 31, 1_000_000n],
      ],
      total: 3_000_000n,
    },
    {
      name: 'a partial first and last month, prorated by the days in each',
      input: { feeFen: 1_000_000n, period: 'month' as const, from: '2026-01-15', to: '2026-02-10' },
      // 1,000,000 × 17 / 31 = 548,387.09… → 548,387; × 10 / 28 = 357,142.857… → 357,143
      lines: [
        ['2026-01', 17, 31, 548_387n],
        ['2026-02', 10, 28, 357_143n],
      ],
      total: 905_530n,
    },
    {
      name: 'a leap-year February has 29 days',
      input: { feeFen: 2_900n, period: 'month' as const, from: '2028-02-15', to: '2028-02-29' },
      lines: [['2028-02', 15, 29, 1_500n]],
      total: 1_500n,
    },
    {
      name: 'a single day',
      input: { feeFen: 3_100n, period: 'month' as const, from: '2026-07-31', to: '2026-07-31' },
      lines: [['2026-07', 1, 31, 100n]],
      total: 100n,
    },
    {
      name: 'exactly half a fen rounds up: 1 fen × 15 / 30 = 0.5 → 1',
      input: { feeFen: 1n, period: 'month' as const, from: '2026-04-16', to: '2026-04-30' },
      lines: [['2026-04', 15, 30, 1n]],
      total: 1n,
    },
    {
      name: 'calendar quarters, partial at both ends',
      input: { feeFen: 3_000_000n, period: 'quarter' as const, from: '2026-01-15', to: '2026-08-10' },
      // Q1 2026 has 90 days: 3,000,000 × 76 / 90 = 2,533,333.3… → 2,533,333; Q3 has 92: × 41 / 92 = 1,336,956.52… → 1,336,957
      lines: [
        ['2026-Q1', 76, 90, 2_533_333n],
        ['2026-Q2', 91, 91, 3_000_000n],
        ['2026-Q3', 41, 92, 1_336_957n],
      ],
      total: 6_870_290n,
    },
    {
      name: 'across a year end',
      input: { feeFen: 920n, period: 'quarter' as const, from: '2025-11-16', to: '2026-01-31' },
      // Q4 2025: 46 of 92 days → 460; Q1 2026: 31 of 90 days → 316.66… → 317
      lines: [
        ['2025-Q4', 46, 92, 460n],
        ['2026-Q1', 31, 90, 317n],
      ],
      total: 777n,
    },
  ])('$name', ({ input, lines, total }) => {
    const result = computeServiceFee(input);
    expect(result.lines.map((line) => [line.label, line.daysCovered, line.daysInPeriod, line.amountFen])).toEqual(lines);
    expect(result.totalFen).toBe(total);
  });

  it('shows each line to people', () => {
    expect(computeServiceFee({ feeFen: 1_000_000n, period: 'month', from: '2026-01-15', to: '2026-02-28' }).trace).toEqual([
      'service fee ¥10,000.00 per month, 2026-01-15 – 2026-02-28',
      '2026-01: 2026-01-15 – 2026-01-31, 17 of 31 days × ¥10,000.00 = ¥5,483.87 (rounded half up)',
      '2026-02: whole month ¥10,000.00',
      'total ¥15,483.87',
    ]);
  });

  it.each([
    { name: 'an end before the start', input: { from: '2026-02-01', to: '2026-01-31' }, message: /ends \(2026-01-31\) before it starts/ },
    { name: 'a date that does not exist', input: { from: '2026-02-30', to: '2026-03-31' }, message: /not a calendar date/ },
    { name: 'a malformed date', input: { from: '2026-2-1', to: '2026-03-31' }, message: /YYYY-MM-DD/ },
    { name: 'a negative fee', input: { feeFen: -1n, from: '2026-01-01', to: '2026-01-31' }, message: /fee cannot be negative/ },
  ])('refuses $name', ({ input, message }) => {
    expect(() => computeServiceFee({ feeFen: 100n, period: 'month', ...input })).toThrow(message);
  });
});

describe('computeServiceFee properties', () => {
  const start = dayNumber('2020-01-01');
  const date = fc.integer({ min: start, max: start + 3650 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
  const period = fc.constantFrom('month' as const, 'quarter' as const);

  it('lines cover every day once, never earn more than the fee, and sum to the total', () => {
    fc.assert(
      fc.property(date, date, period, fc.bigInt({ min: 0n, max: 10n ** 10n }), (a, b, unit, feeFen) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const result = computeServiceFee({ feeFen, period: unit, from, to });
        const days = result.lines.reduce((sum, line) => sum + line.daysCovered, 0);
        expect(days).toBe(dayNumber(to) - dayNumber(from) + 1);
        expect(result.lines[0]?.coveredFrom).toBe(from);
        expect(result.lines.at(-1)?.coveredTo).toBe(to);
        for (const line of result.lines) expect(line.amountFen >= 0n && line.amountFen <= feeFen).toBe(true);
        expect(result.lines.reduce((sum, line) => sum + line.amountFen, 0n)).toBe(result.totalFen);
      }),
    );
  });
});
