import { type TraceStep, traceStep } from './trace.ts';
import { divRoundHalfUp } from '../money.ts';
import type { ServiceFeePeriod } from './types.ts';

/*
 * 购买招商服务 (policy 二(一)2): the committee pays the investment company, or an agent under a service contract,
 * a fixed fee per month or per quarter (domain.md "service_fee").
 *
 * Decisions:
 * - Periods are calendar months and calendar quarters (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec), the periods the
 *   zone reports in (月调度、季汇报), not periods counted from the contract's first day.
 * - Both dates are inclusive: 2026-01-15 to 2026-01-31 covers 17 days.
 * - A period the contract covers entirely earns the fee. A partial period earns
 *   fee × days covered / days in that period, rounded half up once, per period. The total is the sum of the
 *   lines, so what is shown line by line is exactly what adds up.
 */

export interface ServiceFeeInput {
  /** The fee for one whole period. */
  readonly feeFen: bigint;
  readonly period: ServiceFeePeriod;
  /** First day of service, YYYY-MM-DD, inclusive. */
  readonly from: string;
  /** Last day of service, YYYY-MM-DD, inclusive. */
  readonly to: string;
}

export interface ServiceFeeLine {
  /** "2026-01" or "2026-Q1". */
  readonly label: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly coveredFrom: string;
  readonly coveredTo: string;
  readonly daysCovered: number;
  readonly daysInPeriod: number;
  readonly amountFen: bigint;
  readonly trace: string;
  readonly step: TraceStep;
}

export interface ServiceFeeResult {
  readonly lines: ServiceFeeLine[];
  readonly totalFen: bigint;
  readonly trace: string[];
  readonly steps: TraceStep[];
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a strict YYYY-MM-DD calendar date. */
export function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date as YYYY-MM-DD`);
  const [, year, month, day] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new RangeError(`"${date}" is not a date`);
  const ms = Date.UTC(year, month - 1, day);
  if (dateOf(ms / MS_PER_DAY) !== date) throw new RangeError(`"${date}" is not a calendar date`);
  return ms / MS_PER_DAY;
}

function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function periodAround(day: number, period: ServiceFeePeriod): { label: string; start: number; end: number } {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  const firstMonth = period === 'month' ? month : month - (month % 3);
  const length = period === 'month' ? 1 : 3;
  const start = Date.UTC(year, firstMonth, 1) / MS_PER_DAY;
  const end = Date.UTC(year, firstMonth + length, 1) / MS_PER_DAY - 1;
  const label = period === 'month' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year}-Q${Math.floor(month / 3) + 1}`;
  return { label, start, end };
}

/** The fee for a service contract between two dates: one line per calendar period touched, and their sum. */
export function computeServiceFee(input: ServiceFeeInput): ServiceFeeResult {
  const { feeFen, period } = input;
  if (feeFen < 0n) throw new RangeError(`the fee cannot be negative (got ${feeFen} fen)`);
  const first = dayNumber(input.from);
  const last = dayNumber(input.to);
  if (last < first) throw new RangeError(`the service ends (${input.to}) before it starts (${input.from})`);

  const lines: ServiceFeeLine[] = [];
  for (let day = first; day <= last; ) {
    const { label, start, end } = periodAround(day, period);
    const coveredTo = Math.min(end, last);
    const daysCovered = coveredTo - day + 1;
    const daysInPeriod = end - start + 1;
    const whole = daysCovered === daysInPeriod;
    const amountFen = whole ? feeFen : divRoundHalfUp(feeFen * BigInt(daysCovered), BigInt(daysInPeriod));
    const step = whole
      ? traceStep('FEE_WHOLE', { label, period, amountFen })
      : traceStep('FEE_PART', { label, from: dateOf(day), to: dateOf(coveredTo), days: daysCovered, daysInPeriod, feeFen, amountFen });
    lines.push({
      label,
      periodStart: dateOf(start),
      periodEnd: dateOf(end),
      coveredFrom: dateOf(day),
      coveredTo: dateOf(coveredTo),
      daysCovered,
      daysInPeriod,
      amountFen,
      trace: step.text,
      step,
    });
    day = coveredTo + 1;
  }
  const totalFen = lines.reduce((sum, line) => sum + line.amountFen, 0n);
  const steps = [
    traceStep('FEE_HEAD', { feeFen, period, from: input.from, to: input.to }),
    ...lines.map((line) => line.step),
    traceStep('TOTAL', { totalFen }),
  ];
  return { lines, totalFen, trace: steps.map((step) => step.text), steps };
}
