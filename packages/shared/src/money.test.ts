import { describe, expect, it } from 'vitest';
import { normalizeCompanyName } from './company-name.ts';
import { divRoundHalfUp, formatFen, formatFenLarge, parseYuanToFen } from './money.ts';

describe('formatFen', () => {
  it.each([
    [104074073, '¥1,040,740.73'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [-26400000, '-¥264,000.00'],
    [12345678901n, '¥123,456,789.01'],
  ])('%s → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });
});

describe('formatFenLarge', () => {
  it.each([
    [150_000_000_000, '15亿元'],
    [12_345_678_901, '1.23亿元'],
    [1_500_000_000, '1,500万元'],
    [123_456_700, '123.46万元'],
    [99_999, '¥999.99'],
  ])('%s → %s', (fen, text) => {
    expect(formatFenLarge(fen)).toBe(text);
  });
});

describe('divRoundHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 2n, 4n],
    [-5n, 2n, -3n],
    [61_728_394_505n, 1000n, 61_728_395n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
  ])('%s / %s → %s', (n, d, q) => {
    expect(divRoundHalfUp(n, d)).toBe(q);
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['1,234.56', 123456],
    ['0.5', 50],
    ['¥ 10', 1000],
    ['1.234', null],
    ['-1', null],
    ['abc', null],
  ])('%s → %s', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });
});

describe('normalizeCompanyName (撞单 key)', () => {
  it('folds full-width characters, removes whitespace and case', () => {
    expect(normalizeCompanyName(' 铁岭　华信 ＡＢＣ（集团）有限公司 ')).toBe(normalizeCompanyName('铁岭华信abc(集团)有限公司'));
    expect(normalizeCompanyName('铁岭华信')).not.toBe(normalizeCompanyName('铁岭华兴'));
  });
});
