import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLargestRemainder } from './split.ts';

const amounts = (total: bigint, weights: bigint[]) =>
  splitLargestRemainder(
    total,
    weights.map((weight, index) => ({ key: `k${index}`, weight })),
  ).map((part) => part.amountFen);

describe('splitLargestRemainder', () => {
  it.each([
    { name: 'domain.md: 100,001 fen by 3333/3333/3334 bp', total: 100_001n, weights: [3333n, 3333n, 3334n], parts: [33_330n, 33_330n, 33_341n] },
    { name: 'an even split needs no leftover', total: 300n, weights: [1n, 1n, 1n], parts: [100n, 100n, 100n] },
    { name: 'equal fractions, equal weights: list order', total: 100n, weights: [1n, 1n, 1n], parts: [34n, 33n, 33n] },
    { name: 'two fen over three equal weights: the first two', total: 2n, weights: [5n, 5n, 5n], parts: [1n, 1n, 0n] },
    // 10 × 1/4 = 2.5, 10 × 1/4 = 2.5, 10 × 2/4 = 5: no tie to break, floors 2 + 2 + 5 = 9, one fen to the first .5
    { name: 'equal fractions: list order among equal weights', total: 10n, weights: [1n, 1n, 2n], parts: [3n, 2n, 5n] },
    // 7 × 3/6 = 3.5 and 7 × 1/6 = 1.1666…, 7 × 2/6 = 2.333…: the largest fraction wins
    { name: 'largest fraction first', total: 7n, weights: [3n, 1n, 2n], parts: [4n, 1n, 2n] },
    // 5 × 1/10 = 0.5 and 5 × 9/10 = 4.5: equal fractions, the larger weight wins though it is listed last
    { name: 'equal fractions: larger weight before list order', total: 5n, weights: [1n, 9n], parts: [0n, 5n] },
    { name: 'scores rather than basis points', total: 1000n, weights: [875n, 620n, 505n], parts: [438n, 310n, 252n] },
    { name: 'a zero weight gets nothing', total: 101n, weights: [0n, 1n, 1n], parts: [0n, 51n, 50n] },
    { name: 'nothing to split', total: 0n, weights: [3333n, 6667n], parts: [0n, 0n] },
    { name: 'nothing to split among nobody', total: 0n, weights: [0n, 0n], parts: [0n, 0n] },
    { name: 'one person gets everything', total: 12_345n, weights: [1n], parts: [12_345n] },
    { name: 'fewer fen than people', total: 1n, weights: [1n, 1n, 1n], parts: [1n, 0n, 0n] },
  ])('$name', ({ total, weights, parts }) => {
    expect(amounts(total, weights)).toEqual(parts);
  });

  it('keeps keys, weights and the input order', () => {
    // 2.5 and 7.5: equal fractions, the larger weight gets the fen.
    expect(
      splitLargestRemainder(10n, [
        { key: 'zhang', weight: 1n },
        { key: 'li', weight: 3n },
      ]),
    ).toEqual([
      { key: 'zhang', weight: 1n, amountFen: 2n },
      { key: 'li', weight: 3n, amountFen: 8n },
    ]);
  });

  it.each([
    { name: 'a negative total', total: -1n, weights: [1n], message: /negative amount/ },
    { name: 'a negative weight', total: 1n, weights: [2n, -1n], message: /weight of k1 cannot be negative/ },
    { name: 'an amount and nobody to give it to', total: 1n, weights: [], message: /nobody has a positive weight/ },
    { name: 'an amount and only zero weights', total: 1n, weights: [0n], message: /nobody has a positive weight/ },
  ])('refuses $name', ({ total, weights, message }) => {
    expect(() => amounts(total, weights)).toThrow(message);
  });
});

describe('splitLargestRemainder properties', () => {
  const weights = fc.array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 1, maxLength: 30 }).filter((list) => list.some((w) => w > 0n));
  const total = fc.bigInt({ min: 0n, max: 10n ** 15n });

  it('the parts always sum to the whole and are never negative', () => {
    fc.assert(
      fc.property(total, weights, (whole, list) => {
        const parts = amounts(whole, list);
        expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(whole);
        for (const part of parts) expect(part >= 0n).toBe(true);
      }),
    );
  });

  it('each part is its exact share rounded down or up, and a zero weight gets nothing', () => {
    fc.assert(
      fc.property(total, weights, (whole, list) => {
        const sum = list.reduce((acc, weight) => acc + weight, 0n);
        amounts(whole, list).forEach((part, index) => {
          const weight = list[index] ?? 0n;
          const floor = (whole * weight) / sum;
          expect(part === floor || part === floor + 1n).toBe(true);
          if (weight === 0n) expect(part).toBe(0n);
        });
      }),
    );
  });

  it('does not depend on the scale of the weights (bp or a score: only ratios matter)', () => {
    fc.assert(
      fc.property(total, weights, fc.bigInt({ min: 2n, max: 1000n }), (whole, list, scale) => {
        expect(
          amounts(
            whole,
            list.map((weight) => weight * scale),
          ),
        ).toEqual(amounts(whole, list));
      }),
    );
  });
});
