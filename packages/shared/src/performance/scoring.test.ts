import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { performancePay, rankWithBottom, scoreHundredths } from './scoring.ts';

const plain = (n: number) => ({ value: BigInt(n), scale: 1n });
const shares = (bp: number) => ({ value: BigInt(bp), scale: 10000n });

describe('scoreHundredths', () => {
  it.each([
    [
      'all targets met exactly',
      [
        { weight: 60, target: 10, actual: plain(10) },
        { weight: 40, target: 4, actual: plain(4) },
      ],
      10000,
    ],
    ['half of one target', [{ weight: 100, target: 10, actual: plain(5) }], 5000],
    ['over-achievement capped at 150%', [{ weight: 100, target: 10, actual: plain(40) }], 15000],
    ['exactly 150%', [{ weight: 100, target: 10, actual: plain(15) }], 15000],
    [
      'nothing done',
      [
        { weight: 50, target: 10, actual: plain(0) },
        { weight: 50, target: 3, actual: plain(0) },
      ],
      0,
    ],
    ['credit shares: 1.6666 projects of 2', [{ weight: 100, target: 2, actual: shares(16666) }], 8333],
    ['thirds round half up once', [{ weight: 100, target: 3, actual: plain(1) }], 3333],
    ['two thirds', [{ weight: 100, target: 3, actual: plain(2) }], 6667],
    [
      'zero target met by anything',
      [
        { weight: 30, target: 0, actual: plain(1) },
        { weight: 70, target: 0, actual: plain(0) },
      ],
      3000,
    ],
    [
      'mixed weights',
      [
        { weight: 20, target: 10, actual: plain(12) },
        { weight: 30, target: 100_000_000, actual: plain(50_000_000) },
        { weight: 50, target: 1, actual: shares(3334) },
      ],
      5567,
    ], // 24 + 15 + 16.67,
  ])('%s', (_label, metrics, expected) => {
    expect(scoreHundredths(metrics)).toBe(expected);
  });

  it('never exceeds 150 points and never goes below 0', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ weight: fc.integer({ min: 0, max: 100 }), target: fc.integer({ min: 0, max: 1000 }), actual: fc.integer({ min: 0, max: 100000 }) }),
          { maxLength: 6 },
        ),
        (ms) => {
          const total = ms.reduce((s, m) => s + m.weight, 0);
          const score = scoreHundredths(ms.map((m) => ({ weight: m.weight, target: m.target, actual: plain(m.actual) })));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(total * 150);
        },
      ),
    );
  });
});

describe('rankWithBottom', () => {
  it('shares ranks between equal scores (1-2-2-4)', () => {
    const ranked = rankWithBottom(
      [
        { id: 'a', score: 90 },
        { id: 'b', score: 80 },
        { id: 'c', score: 80 },
        { id: 'd', score: 70 },
      ],
      0,
    );
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it.each([
    ['10% of 10 flags one', [100, 90, 80, 70, 60, 50, 40, 30, 20, 10], 10, [10]],
    ['at least one even when 10% of 5 is 0', [50, 40, 30, 20, 10], 10, [10]],
    ['ties with the last flagged are flagged too', [100, 90, 80, 70, 60, 50, 40, 30, 10, 10], 10, [10, 10]],
    ['20% of 10 flags two, plus ties', [100, 90, 80, 70, 60, 50, 40, 30, 30, 10], 20, [30, 30, 10]],
    ['everyone equal: everyone is tied with the bottom', [5, 5, 5], 10, [5, 5, 5]],
    ['a tie above the cut-off is not flagged', [100, 90, 90, 20], 25, [20]],
  ])('%s', (_label, scores, percent, flagged) => {
    const ranked = rankWithBottom(
      scores.map((score, i) => ({ id: String(i), score })),
      percent,
    );
    expect(ranked.filter((r) => r.bottom).map((r) => r.score)).toEqual(flagged);
  });

  it('flags at least max(1, floor(n × p / 100)) and only scores at or below the cut-off', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 100 }), (scores, percent) => {
        const ranked = rankWithBottom(
          scores.map((score, i) => ({ id: String(i), score })),
          percent,
        );
        const flagged = ranked.filter((r) => r.bottom);
        const k = Math.min(scores.length, Math.max(1, Math.floor((scores.length * percent) / 100)));
        expect(flagged.length).toBeGreaterThanOrEqual(k);
        const maxFlagged = Math.max(...flagged.map((r) => r.score));
        expect(ranked.filter((r) => !r.bottom).every((r) => r.score > maxFlagged)).toBe(true);
      }),
    );
  });
});

describe('performancePay', () => {
  it('multiplies the base by the grade and splits by score with the largest remainder', () => {
    const { poolFen, parts } = performancePay(100_001n, 1, [
      { key: 'a', score: 3333 },
      { key: 'b', score: 3333 },
      { key: 'c', score: 3334 },
    ]);
    expect(poolFen).toBe(100_001n);
    expect(parts.map((p) => p.amountFen)).toEqual([33_330n, 33_330n, 33_341n]);
    expect(performancePay(1000n, 5, [{ key: 'a', score: 1 }]).poolFen).toBe(5000n);
  });

  it('refuses a grade outside 1–5', () => {
    expect(() => performancePay(1n, 6, [])).toThrow(RangeError);
    expect(() => performancePay(1n, 0, [])).toThrow(RangeError);
  });

  it('always pays out the whole pool', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 1, max: 15000 }), { minLength: 1, maxLength: 30 }),
        (base, grade, scores) => {
          const { poolFen, parts } = performancePay(
            base,
            grade,
            scores.map((score, i) => ({ key: String(i), score })),
          );
          expect(parts.reduce((s, p) => s + p.amountFen, 0n)).toBe(poolFen);
          expect(parts.every((p) => p.amountFen >= 0n)).toBe(true);
        },
      ),
    );
  });
});
