/**
 * Money is integer fen end to end (domain.md "Money"). These helpers only format; they never do arithmetic
 * in floating point. Amounts arrive as safe integers (JSON) or bigint (the reward engine).
 */
/**
 * The most any single money field may hold: ¥1,000,000,000,000.00 (一万亿元, 10^14 fen) — above any one project,
 * figure, fee, cap or target a development zone has seen, and small enough that a single amount times any factor
 * the CRM applies to one record (a 100% reward rate, 亩产 per 0.01 亩 = ×100) stays a safe integer (< 2^53 ≈ 9.007 × 10^15).
 * Sums over many records can pass 2^53: they travel as decimal strings (`FenSum` in common/schemas.ts).
 */
export const MAX_FEN = 100_000_000_000_000;
/** How the maximum is named in messages: "¥1,000,000,000,000.00 (100000000000000 fen)". */
export const MAX_FEN_TEXT = '¥1,000,000,000,000.00 (100000000000000 fen)';

/** A sum of fen (bigint, number or decimal string) as the decimal string it travels as. */
export const fenSum = (values: Iterable<number | bigint | string | null | undefined>): string => {
  let total = 0n;
  for (const v of values) if (v !== null && v !== undefined) total += BigInt(v);
  return total.toString();
};

/** "1234567" → "1,234,567": thousands separators for a string of digits (amounts are printed from exact text). */
export const groupDigits = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const group = groupDigits;

/** 104074073 → "¥1,040,740.73"; a decimal string (a sum) is exact too. */
export function formatFen(fen: number | bigint | string, options: { symbol?: boolean } = {}): string {
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
export function formatFenLarge(fen: number | bigint | string): string {
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

/**
 * 飞地 (enclave, policy 二(二)3): splits a whole (fen) between the zone and its partner. The partner's part is
 * `whole × partnerBp / 10000` rounded half up once; the zone keeps the rest — so the two parts always sum to the
 * whole to the fen (for two parts this is exactly the largest-remainder split).
 */
export function splitEnclave(whole: bigint, partnerBp: number): { own: bigint; partner: bigint } {
  if (!Number.isInteger(partnerBp) || partnerBp < 0 || partnerBp > 10_000) throw new RangeError(`share out of range: ${partnerBp}`);
  const partner = divRoundHalfUp(whole * BigInt(partnerBp), 10_000n);
  return { own: whole - partner, partner };
}
