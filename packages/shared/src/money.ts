/**
 * Money is integer fen end to end (domain.md "Money"). These helpers only format; they never do arithmetic
 * in floating point. Amounts arrive as safe integers (JSON) or bigint (the reward engine).
 */
const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 104074073 → "¥1,040,740.73" */
export function formatFen(fen: number | bigint, options: { symbol?: boolean } = {}): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  const text = `${group(yuan.toString())}.${cents}`;
  return `${negative ? '-' : ''}${options.symbol === false ? '' : '¥'}${text}`;
}

/** Half-up rounding of a non-negative/negative bigint quotient: the one rounding rule of the domain. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}

/**
 * Large amounts the way people in the zone say them: 万元 from ten thousand yuan, 亿元 from a hundred million.
 * 1,500,000,000 fen (¥15,000,000) → "1,500万元"; 12,345,678,901 fen → "1.23亿元".
 */
export function formatFenLarge(fen: number | bigint): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const sign = negative ? '-' : '';
  const YI = 10_000_000_000n; // 1亿元 in fen
  const WAN = 1_000_000n; // 1万元 in fen
  if (abs >= YI) return `${sign}${decimal(abs, YI, 2)}亿元`;
  if (abs >= WAN) return `${sign}${decimal(abs, WAN, 2)}万元`;
  return formatFen(value);
}

function decimal(value: bigint, unit: bigint, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = divRoundHalfUp(value * scale, unit);
  const whole = scaled / scale;
  const frac = (scaled % scale).toString().padStart(places, '0').replace(/0+$/, '');
  return frac ? `${group(whole.toString())}.${frac}` : group(whole.toString());
}

/** "1,234.56" or "1234.5" (yuan, as typed) → fen; null when it is not a valid amount. */
export function parseYuanToFen(text: string): number | null {
  const cleaned = text.replace(/[,\s¥]/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0') || '0');
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null;
}
