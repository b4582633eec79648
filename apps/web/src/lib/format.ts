import { daysBetween, divRoundHalfUp, formatFen, formatFenLarge, groupDigits as group } from '@crm/shared';
import { zoneDateOf, zoneDateTimeOf, zoneToday } from './zone-time.ts';

export { formatFen, formatFenLarge };

/** An amount of fen as the API sends it: a safe integer, or a decimal string for sums that can pass 2^53. */
export type FenLike = number | string | bigint;
/** Compares two amounts exactly (sums arrive as decimal strings): negative, 0 or positive like a sort comparator. */
export const compareFen = (a: FenLike, b: FenLike): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x < y ? -1 : 1;
};
/** True when the amount is above zero, whatever form it came in. */
export const isPositiveFen = (fen: FenLike): boolean => BigInt(fen) > 0n;

const FEN_PER_WAN = 1_000_000n; // 1 万元 = 10,000 yuan = 1,000,000 fen
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** What a 万元 input accepts: digits with up to two decimals (commas and spaces are ignored). */
export const WAN_PATTERN = /^\d+(\.\d{1,2})?$/;
const cleanWan = (text: string) => text.replace(/[,，\s]/g, '');

/**
 * "1,234.56" (万元, as typed) → 12,345,600,000 fen, by string and bigint arithmetic so no float rounding
 * ever touches money. null when the text is not an amount or exceeds a safe integer.
 */
export function wanToFen(text: string): number | null {
  const cleaned = cleanWan(text);
  if (!WAN_PATTERN.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  const fen = BigInt(whole) * FEN_PER_WAN + BigInt(frac.padEnd(2, '0')) * (FEN_PER_WAN / 100n);
  return fen <= MAX_SAFE ? Number(fen) : null;
}

/** 12,345,600,000 fen → "1234.56" for a form field (exact; fen below 0.01 万元 shown in full decimals). */
export function fenToWanInput(fen: number): string {
  const value = BigInt(fen);
  const whole = value / FEN_PER_WAN;
  const frac = (value % FEN_PER_WAN).toString().padStart(6, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

/** 12,345,600,000 fen → "1,234.56" (万元, rounded half up to 0.01 万元) for tables; exact for sums as strings. */
export function fenToWanText(fen: FenLike): string {
  const rounded = divRoundHalfUp(BigInt(fen) * 100n, FEN_PER_WAN);
  // The sign apart: a negative amount (a correction, a difference) would otherwise print its fraction as "-1.-50".
  const sign = rounded < 0n ? '-' : '';
  const hundredths = rounded < 0n ? -rounded : rounded;
  const whole = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, '0');
  return frac === '00' ? `${sign}${group(whole.toString())}` : `${sign}${group(whole.toString())}.${frac}`;
}

/** "30" or "12.5" (percent) → basis points 3000 / 1250, exactly; null when not a percentage 0–100. */
export function percentToBp(text: string): number | null {
  const cleaned = text.trim().replace(/%$/, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  const bp = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

export const bpToPercentInput = (bp: number): string => {
  const whole = Math.trunc(bp / 100);
  const frac = (bp % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
};

export const formatBp = (bp: number): string => `${bpToPercentInput(bp)}%`;

export const DATE = 'YYYY-MM-DD';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date stays as it is; an instant becomes the zone's date (never the browser's). */
const dateOf = (value: string): string => (CALENDAR_DATE.test(value) ? value : zoneDateOf(value));

export const formatDate = (value: string | null | undefined): string => (value ? dateOf(value) : '—');
export const formatDateTime = (value: string | null | undefined): string => (value ? zoneDateTimeOf(value) : '—');

/** Whole days from today (in the zone) to the given date or instant's day (negative when past). */
export function daysUntil(value: string): number {
  return daysBetween(zoneToday(), dateOf(value));
}

/** Whole days from the given date or instant's day to today in the zone (0 on the same day). */
export function daysSince(value: string): number {
  return Math.max(0, daysBetween(dateOf(value), zoneToday()));
}

/** Hours (as the API counts time in a stage) → whole days and remaining whole hours. */
export function splitHours(hours: number): { days: number; hours: number } {
  const whole = Math.max(0, Math.floor(hours));
  return { days: Math.floor(whole / 24), hours: whole % 24 };
}

/** What a 亩 input accepts: digits with up to two decimals (land is stored as numeric(12,2)). */
export const MU_PATTERN = /^\d+(\.\d{1,2})?$/;

/** "12.5" (亩, as typed) → 12.5; null when it is not an area with at most two decimals. */
export function parseMu(text: string): number | null {
  const cleaned = text.replace(/[,，\s]/g, '');
  if (!MU_PATTERN.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) && value <= 1_000_000 ? value : null;
}

/** 1234.5 亩 → "1,234.5" (at most two decimals, as stored). */
export function formatMu(mu: number): string {
  const [whole = '0', frac = ''] = mu.toFixed(2).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return trimmed ? `${group(whole)}.${trimmed}` : group(whole);
}

/** A score kept in hundredths of a point (绩效得分, 8333 = 83.33) → "83.33", exactly. */
export function formatScore(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** fen → 万元 as a plain number for a chart axis (exact decimal text first, so no float arithmetic on fen). */
export const fenToWanNumber = (fen: FenLike): number => Number(fenToWanText(fen).replace(/,/g, ''));
