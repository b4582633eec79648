import { describe, expect, it } from 'vitest';
import { fenToWanInput, fenToWanNumber, fenToWanText, formatMu, parseMu, percentToBp, wanToFen } from './format.ts';
import { muOf, percentBpOf, wanFenOf, wanFenOrZero, yuanFenOf } from './money-rules.ts';

// 1 万元 = 10,000 yuan = 1,000,000 fen. Every conversion is string and bigint arithmetic: no float touches money.
describe('万元 → fen (wanToFen)', () => {
  it('reads whole amounts and up to two decimals', () => {
    expect(wanToFen('0')).toBe(0);
    expect(wanToFen('1')).toBe(1_000_000);
    expect(wanToFen('1234.56')).toBe(1_234_560_000);
    expect(wanToFen('0.01')).toBe(10_000);
    expect(wanToFen('0.1')).toBe(100_000);
  });

  it('ignores thousands separators, the full-width comma and spaces', () => {
    expect(wanToFen('1,234.5')).toBe(1_234_500_000);
    expect(wanToFen('1，234')).toBe(1_234_000_000);
    expect(wanToFen(' 12 ')).toBe(12_000_000);
  });

  it('is exact where a float is not (0.29 × 1e6 is 289999.99… in floating point)', () => {
    expect(wanToFen('0.29')).toBe(290_000);
    expect(wanToFen('1.13')).toBe(1_130_000);
  });

  it('refuses what is not an amount: three decimals, signs, letters, empty', () => {
    for (const text of ['', '1.234', '-1', '+1', '1e3', 'abc', '.5', '1.', '1..2']) expect(wanToFen(text)).toBeNull();
  });

  it('refuses an amount beyond a safe integer of fen, accepts the largest below it', () => {
    // Number.MAX_SAFE_INTEGER = 9,007,199,254,740,991 fen = 9,007,199,254.740991 万元
    expect(wanToFen('9007199254.74')).toBe(9_007_199_254_740_000);
    expect(wanToFen('9007199254.75')).toBeNull();
    expect(wanToFen('99999999999999999999')).toBeNull();
  });
});

describe('fen → 万元', () => {
  it('fenToWanInput gives the form text, exact, without separators', () => {
    expect(fenToWanInput(0)).toBe('0');
    expect(fenToWanInput(1_234_560_000)).toBe('1234.56');
    expect(fenToWanInput(1_000_000)).toBe('1');
    expect(fenToWanInput(100_000)).toBe('0.1');
    // below 0.01 万元 the input keeps every digit, so saving an untouched form loses nothing
    expect(fenToWanInput(1)).toBe('0.000001');
    expect(fenToWanInput(12_345_678)).toBe('12.345678');
  });

  it('round-trips every amount typed with at most two decimals', () => {
    for (const text of ['0', '1', '0.01', '0.5', '12.34', '1234.56', '9007199254.74'])
      expect(fenToWanInput(wanToFen(text) as number)).toBe(text.replace(/\.?0+$/, '') || '0');
  });

  it('fenToWanText groups digits and rounds half up to 0.01 万元, also for sums sent as strings', () => {
    expect(fenToWanText(0)).toBe('0');
    expect(fenToWanText(1_234_560_000)).toBe('1,234.56');
    expect(fenToWanText(123_456_700_000_000)).toBe('123,456,700');
    expect(fenToWanText(5_000)).toBe('0.01');
    expect(fenToWanText(4_999)).toBe('0');
    expect(fenToWanText('123456789012345678901')).toBe('123,456,789,012,345.68');
    expect(fenToWanText(123n)).toBe('0');
    expect(fenToWanText(-1_500_000)).toBe('-1.50');
    expect(fenToWanText(-2_000_000)).toBe('-2');
    expect(fenToWanText('-123456789000000')).toBe('-123,456,789');
  });

  it('fenToWanNumber gives a chart value from the exact text', () => {
    expect(fenToWanNumber(1_234_560_000)).toBe(1234.56);
    expect(fenToWanNumber('290000')).toBe(0.29);
  });
});

describe('form values → fen, basis points, 亩 (money-rules)', () => {
  it('empty is null (or 0 where the API reads 0 as "not yet known")', () => {
    expect(wanFenOf('')).toBeNull();
    expect(wanFenOf(undefined)).toBeNull();
    expect(wanFenOf(' , ')).toBeNull();
    expect(wanFenOrZero(null)).toBe(0);
    expect(yuanFenOf('')).toBeNull();
    expect(percentBpOf(undefined)).toBeNull();
    expect(muOf('')).toBe(0);
  });

  it('converts what the rules accepted', () => {
    expect(wanFenOf('1,000.5')).toBe(1_000_500_000);
    expect(wanFenOrZero('3')).toBe(3_000_000);
    expect(yuanFenOf('12.34')).toBe(1234);
    expect(yuanFenOf('1,000')).toBe(100_000);
    expect(percentBpOf('12.5')).toBe(1250);
    expect(muOf('1,234.5')).toBe(1234.5);
  });

  it('percentages are 0–100 with two decimals', () => {
    expect(percentToBp('100')).toBe(10_000);
    expect(percentToBp('30%')).toBe(3000);
    expect(percentToBp('0.01')).toBe(1);
    expect(percentToBp('100.01')).toBeNull();
    expect(percentToBp('1.234')).toBeNull();
  });

  it('亩 reads and prints at most two decimals', () => {
    expect(parseMu('12.5')).toBe(12.5);
    expect(parseMu('12.555')).toBeNull();
    expect(parseMu('1000001')).toBeNull();
    expect(formatMu(1234.5)).toBe('1,234.5');
    expect(formatMu(1_000_000)).toBe('1,000,000');
  });
});
