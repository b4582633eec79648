import { describe, expect, it } from 'vitest';
import { formatExactFen, formatFactorBp, formatRateBp, formatShareBp } from './format.ts';

describe('trace formatting', () => {
  it.each([
    { numerator: 86_728_394_505n, denominator: 1000n, text: '¥867,283.94505' },
    { numerator: 55_000_000n * 10_000n, denominator: 10_000n, text: '¥550,000.00' },
    { numerator: 1n, denominator: 10n, text: '¥0.001' },
    { numerator: 1n, denominator: 3n, text: '≈¥0.00333333' },
    { numerator: 2n, denominator: 3n, text: '≈¥0.00666667' },
    { numerator: -5n, denominator: 10n, text: '-¥0.005' },
  ])('exact fen $numerator / $denominator → $text', ({ numerator, denominator, text }) => {
    expect(formatExactFen({ numerator, denominator })).toBe(text);
  });

  it.each([
    { bp: 100, rate: '1.00%', share: '1%', factor: '0.01' },
    { bp: 50, rate: '0.50%', share: '0.5%', factor: '0.005' },
    { bp: 4000, rate: '40.00%', share: '40%', factor: '0.4' },
    { bp: 3333, rate: '33.33%', share: '33.33%', factor: '0.3333' },
    { bp: 10000, rate: '100.00%', share: '100%', factor: '1' },
    { bp: 12000, rate: '120.00%', share: '120%', factor: '1.2' },
    { bp: 13200, rate: '132.00%', share: '132%', factor: '1.32' },
  ])('$bp bp → rate $rate, share $share, factor ×$factor', ({ bp, rate, share, factor }) => {
    expect(formatRateBp(bp)).toBe(rate);
    expect(formatShareBp(bp)).toBe(share);
    expect(formatFactorBp(bp)).toBe(factor);
  });
});
