/**
 * Stage clocks (a city's 招商线索管理办法): a new lead is answered within 1 day (响应), judged within 3 days —
 * 7 for a major project — (研判), the judgement is fed back to the investor or referrer within 7 days (反馈), and a
 * followed project is reported every 14 days (跟进汇报). Each phase's clock starts when the one before it ends.
 *
 * Counting days (民法典 第二百零一条–第二百零三条, how Chinese law counts a period in days): the day the clock starts
 * is not counted; the period ends at 24:00 of its last day in the zone's time; when that last day is a rest day
 * (Saturday, Sunday or a statutory holiday, unless the calendar makes it a working day — 调休), the period ends at
 * 24:00 of the next working day. So clock days are calendar days, and only the deadline moves off a weekend.
 *
 * Pure functions, the same in the API and the page.
 */
import { addDays, zoneDate, zoneDayEnd } from '../time/zone-time.ts';

export const clockPhases = ['respond', 'judge', 'feedback', 'report'] as const;
export type ClockPhase = (typeof clockPhases)[number];
/** done: judged "decline" and fed back — nothing more is due on the lead. */
export type ClockState = ClockPhase | 'done';

export type ClockRules = {
  respondDays: number;
  judgeDays: number;
  judgeMajorDays: number;
  feedbackDays: number;
  reportEveryDays: number;
  /** Estimated investment at or above this is a major project (¥5亿 = 50,000,000,000 fen). */
  majorThresholdFen: number;
};

export const DEFAULT_CLOCK_RULES: ClockRules = {
  respondDays: 1,
  judgeDays: 3,
  judgeMajorDays: 7,
  feedbackDays: 7,
  reportEveryDays: 14,
  majorThresholdFen: 50_000_000_000,
};

/** Days the calendar overrides: true = a working day (调休 on a weekend), false = a rest day (a holiday). */
export type CalendarOverrides = ReadonlyMap<string, boolean>;

/** ISO day of week of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export const isWorkingDay = (date: string, overrides: CalendarOverrides = new Map()): boolean => overrides.get(date) ?? isoWeekday(date) <= 5;

/** The longest run of rest days a deadline may be carried over (the Spring Festival and National Day weeks are 8–9). */
const MAX_REST_RUN = 31;

/** The last day of a period of `days` days starting on `startDate` (start not counted), moved off rest days. */
export function periodLastDay(startDate: string, days: number, overrides: CalendarOverrides = new Map()): string {
  let day = addDays(startDate, days);
  for (let i = 0; i < MAX_REST_RUN && !isWorkingDay(day, overrides); i++) day = addDays(day, 1);
  return day;
}

/** The deadline of a clock started at `start`: 24:00 of its last day in the zone (the next day's first instant). */
export function clockDeadline(start: Date, days: number, timeZone: string, overrides: CalendarOverrides = new Map()): { dueOn: string; dueAt: Date } {
  const dueOn = periodLastDay(zoneDate(start, timeZone), days, overrides);
  return { dueOn, dueAt: zoneDayEnd(dueOn, timeZone) };
}

/** What a lead's clock is computed from. Instants are when things were recorded. */
export type ClockFacts = {
  stage: string;
  /** When the current owner's clocks began: creation, claim, reassignment, reopening or the rules' start. */
  epochAt: Date;
  respondedAt: Date | null;
  judgedAt: Date | null;
  decision: 'follow' | 'decline' | null;
  feedbackAt: Date | null;
  lastReportAt: Date | null;
  isMajor: boolean;
};

export type ClockValue = { state: ClockState; startedAt: Date | null; dueOn: string | null; dueAt: Date | null };

const later = (...xs: (Date | null)[]): Date => new Date(Math.max(...xs.filter((x): x is Date => x !== null).map((x) => x.getTime())));

/**
 * The clock a lead is on. Signed and lost leads have none (null). A phase starts when the one before it ended,
 * or at the epoch when the lead changed hands later than that (a new owner gets the full time).
 */
export function clockOf(f: ClockFacts, rules: ClockRules, timeZone: string, overrides: CalendarOverrides = new Map()): ClockValue | null {
  if (f.stage === 'signed' || f.stage === 'lost') return null;
  const run = (state: ClockPhase, natural: Date | null, days: number): ClockValue => {
    const startedAt = later(natural, f.epochAt);
    return { state, startedAt, ...clockDeadline(startedAt, days, timeZone, overrides) };
  };
  if (!f.respondedAt) return run('respond', null, rules.respondDays);
  if (!f.judgedAt) return run('judge', f.respondedAt, f.isMajor ? rules.judgeMajorDays : rules.judgeDays);
  if (!f.feedbackAt) return run('feedback', f.judgedAt, rules.feedbackDays);
  if (f.decision === 'decline') return { state: 'done', startedAt: null, dueOn: null, dueAt: null };
  return run('report', f.lastReportAt && f.lastReportAt > f.feedbackAt ? f.lastReportAt : f.feedbackAt, rules.reportEveryDays);
}

export const isMajorInvestment = (estimatedInvestmentFen: number, rules: Pick<ClockRules, 'majorThresholdFen'>): boolean =>
  estimatedInvestmentFen >= rules.majorThresholdFen;

/** Whole hours a clock is past its deadline at `now` (0 while it is not). */
export const hoursLate = (dueAt: Date | null, now: Date): number => (dueAt && now > dueAt ? Math.floor((now.getTime() - dueAt.getTime()) / 3_600_000) : 0);
