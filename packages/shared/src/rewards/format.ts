import { formatFen, groupDigits as group } from '../money.ts';

/** An exact amount of fen: numerator / denominator, denominator > 0. Rounded to whole fen only at the end. */
export interface ExactFen {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/**
 * An exact amount for a trace, to as many decimals as it needs (at least two): ¥367,283.94505. The engine's
 * denominators are powers of ten, so the expansion ends; anything else is shown to 8 decimals after "≈".
 */
export function formatExactFen(value: ExactFen): string {
  if (value.denominator <= 0n) throw new RangeError('an exact amount needs a positive denominator');
  if (value.numerator % value.denominator === 0n) return formatFen(value.numerator / value.denominator);
  const negative = value.numerator < 0n;
  const numerator = negative ? -value.numerator : value.numerator;
  const yuanDenominator = value.denominator * 100n;
  let places = 3;
  while (places <= 20 && (numerator * 10n ** BigInt(places)) % yuanDenominator !== 0n) places += 1;
  const exact = places <= 20;
  if (!exact) places = 8;
  // Truncation is fine only because it is exact; the "≈" display rounds half up like everything else.
  const scale = 10n ** BigInt(places);
  const scaled = exact ? (numerator * scale) / yuanDenominator : (numerator * scale * 2n + yuanDenominator) / (2n * yuanDenominator);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(places, '0');
  return `${exact ? '' : '≈'}${negative ? '-' : ''}¥${group(whole.toString())}.${fraction}`;
}

/** A rate: 100 bp → "1.00%", 50 → "0.50%", 5 → "0.05%". */
export function formatRateBp(bp: number): string {
  const value = BigInt(bp);
  const abs = value < 0n ? -value : value;
  return `${value < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}%`;
}

/** A share: 4000 bp → "40%", 3333 → "33.33%", 10000 → "100%". */
export function formatShareBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const fraction = Math.abs(bp % 100)
    .toString()
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** A multiplier: 12000 bp → "1.2", 13200 → "1.32", 10000 → "1". */
export function formatFactorBp(bp: number): string {
  const whole = Math.trunc(bp / 10000);
  const fraction = (bp % 10000).toString().padStart(4, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}`;
}
