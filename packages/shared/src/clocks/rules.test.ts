import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, zoneDate, zoneDayEnd } from '../time/zone-time.ts';
import { weekOf, weekRange } from '../time/weeks.ts';
import { clockDeadline, clockOf, DEFAULT_CLOCK_RULES, isoWeekday, isWorkingDay, periodLastDay, type ClockFacts } from './rules.ts';

const TZ = 'Asia/Shanghai';
const at = (s: string) => new Date(s);

describe('deadlines count calendar days and move off rest days (民法典 201–203)', () => {
  it.each([
    // [start instant (China time), days, last day]
    ['2026-12-01T10:00:00+08:00', 1, '2026-12-02'], // Tuesday → Wednesday
    ['2026-12-03T10:00:00+08:00', 1, '2026-12-04'], // Thursday → Friday
    ['2026-12-04T10:00:00+08:00', 1, '2026-12-07'], // Friday → Saturday is a rest day → Monday
    ['2026-12-05T10:00:00+08:00', 1, '2026-12-07'], // Saturday → Sunday → Monday
    ['2026-12-06T10:00:00+08:00', 1, '2026-12-07'], // Sunday → Monday
    ['2026-12-02T10:00:00+08:00', 3, '2026-12-07'], // Wednesday + 3 = Saturday → Monday
    ['2026-12-01T10:00:00+08:00', 3, '2026-12-04'], // Tuesday + 3 = Friday
    ['2026-12-01T10:00:00+08:00', 7, '2026-12-08'], // a week: Tuesday to Tuesday
    ['2026-12-01T10:00:00+08:00', 14, '2026-12-15'],
  ])('a clock started %s with %i day(s) ends at 24:00 of %s', (start, days, lastDay) => {
    const { dueOn, dueAt } = clockDeadline(at(start), days, TZ);
    expect(dueOn).toBe(lastDay);
    expect(dueAt.toISOString()).toBe(zoneDayEnd(lastDay, TZ).toISOString());
  });

  it('counts from the China day, not the UTC day, on both sides of China midnight', () => {
    // 23:59:59 Monday in China is still Monday there (15:59 UTC Monday): 1 day → Tuesday.
    expect(clockDeadline(at('2026-11-30T23:59:59+08:00'), 1, TZ).dueOn).toBe('2026-12-01');
    // 00:00:01 Tuesday in China is Monday 16:00 UTC — it is Tuesday that counts: 1 day → Wednesday.
    expect(clockDeadline(at('2026-12-01T00:00:01+08:00'), 1, TZ).dueOn).toBe('2026-12-02');
    // The deadline itself is China midnight: 2026-12-02T16:00:00Z.
    expect(clockDeadline(at('2026-12-01T00:00:01+08:00'), 1, TZ).dueAt.toISOString()).toBe('2026-12-02T16:00:00.000Z');
    // Friday 23:59 China → Saturday → Monday; Saturday 00:00:01 China → Sunday → Monday too.
    expect(clockDeadline(at('2026-12-04T23:59:59+08:00'), 1, TZ).dueOn).toBe('2026-12-07');
    expect(clockDeadline(at('2026-12-05T00:00:01+08:00'), 1, TZ).dueOn).toBe('2026-12-07');
    // Thursday 23:59:59 → Friday; a second later it is Friday → Saturday → Monday.
    expect(clockDeadline(at('2026-12-03T23:59:59+08:00'), 1, TZ).dueOn).toBe('2026-12-04');
    expect(clockDeadline(at('2026-12-04T00:00:00+08:00'), 1, TZ).dueOn).toBe('2026-12-07');
  });

  it('honours the calendar: a holiday is a rest day, a weekend worked in exchange (调休) is a working day', () => {
    const holidays = new Map<string, boolean>([
      ['2026-10-01', false],
      ['2026-10-02', false],
      ['2026-10-05', false],
      ['2026-10-06', false],
      ['2026-10-07', false],
      ['2026-10-10', true], // a Saturday worked
    ]);
    // 2026-09-30 + 1 = 10-01 (holiday) … 10-03/04 weekend … 10-05..07 holiday → 10-08.
    expect(periodLastDay('2026-09-30', 1, holidays)).toBe('2026-10-08');
    // 10-09 (Friday) + 1 = 10-10, a Saturday made a working day: it stays.
    expect(periodLastDay('2026-10-09', 1, holidays)).toBe('2026-10-10');
    expect(isWorkingDay('2026-10-10', holidays)).toBe(true);
    expect(isWorkingDay('2026-10-11', holidays)).toBe(false);
  });

  it('property: the deadline is a working day, never before start + days, and never more than 31 days after it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 11, 31) }),
        fc.integer({ min: 1, max: 90 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.boolean()), { maxLength: 20 }),
        (ms, days, exceptions) => {
          const start = new Date(ms);
          const startDay = zoneDate(start, TZ);
          const overrides = new Map(exceptions.map(([offset, working]) => [addDays(startDay, offset), working]));
          const { dueOn, dueAt } = clockDeadline(start, days, TZ, overrides);
          const earliest = addDays(startDay, days);
          expect(dueOn >= earliest).toBe(true);
          expect(dueOn <= addDays(earliest, 31)).toBe(true);
          // Every day between the earliest last day and the deadline was a rest day; the deadline is a working day
          // (unless 31 rest days in a row, which no calendar has).
          for (let d = earliest; d < dueOn; d = addDays(d, 1)) expect(isWorkingDay(d, overrides)).toBe(false);
          expect(dueAt.getTime()).toBe(zoneDayEnd(dueOn, TZ).getTime());
          expect(dueAt.getTime()).toBeGreaterThan(start.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the phases of a lead clock', () => {
  const base: ClockFacts = {
    stage: 'new',
    epochAt: at('2026-12-01T10:00:00+08:00'),
    respondedAt: null,
    judgedAt: null,
    decision: null,
    feedbackAt: null,
    lastReportAt: null,
    isMajor: false,
  };
  const clock = (over: Partial<ClockFacts>) => clockOf({ ...base, ...over }, DEFAULT_CLOCK_RULES, TZ);

  it('runs 响应 → 研判 (3 d, 7 d major) → 反馈 → 跟进汇报 (14 d, restarted by each report)', () => {
    expect(clock({})).toMatchObject({ state: 'respond', dueOn: '2026-12-02' });
    expect(clock({ respondedAt: at('2026-12-01T15:00:00+08:00') })).toMatchObject({ state: 'judge', dueOn: '2026-12-04' });
    expect(clock({ respondedAt: at('2026-12-01T15:00:00+08:00'), isMajor: true })).toMatchObject({ state: 'judge', dueOn: '2026-12-08' });
    const judged = { respondedAt: at('2026-12-01T15:00:00+08:00'), judgedAt: at('2026-12-03T09:00:00+08:00'), decision: 'follow' as const };
    expect(clock(judged)).toMatchObject({ state: 'feedback', dueOn: '2026-12-10' });
    const fed = { ...judged, feedbackAt: at('2026-12-04T11:00:00+08:00') };
    expect(clock(fed)).toMatchObject({ state: 'report', dueOn: '2026-12-18' });
    expect(clock({ ...fed, lastReportAt: at('2026-12-10T11:00:00+08:00') })).toMatchObject({ state: 'report', dueOn: '2026-12-24' });
    // A report older than the feedback does not count.
    expect(clock({ ...fed, lastReportAt: at('2026-12-02T11:00:00+08:00') })).toMatchObject({ state: 'report', dueOn: '2026-12-18' });
    expect(clock({ ...fed, decision: 'decline' })).toMatchObject({ state: 'done', dueAt: null });
  });

  it('stops for signed and lost leads; restarts the phase for a new owner', () => {
    expect(clock({ stage: 'signed' })).toBeNull();
    expect(clock({ stage: 'lost' })).toBeNull();
    const handedOver = clock({ respondedAt: at('2026-12-01T15:00:00+08:00'), epochAt: at('2026-12-03T09:00:00+08:00') });
    expect(handedOver).toMatchObject({ state: 'judge', dueOn: '2026-12-07' }); // Thursday + 3 = Sunday → Monday
    expect(handedOver?.startedAt?.toISOString()).toBe('2026-12-03T01:00:00.000Z');
  });
});

describe('ISO weeks in the zone calendar', () => {
  it.each([
    ['2026-11-30', '2026-W49'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-07', '2026-W50'],
    ['2027-01-01', '2026-W53'],
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
  ])('%s is in %s', (date, week) => {
    expect(weekOf(date)).toBe(week);
  });
  it('gives Monday to Sunday of a week and refuses a week the year does not have', () => {
    expect(weekRange('2026-W49')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(weekRange('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekRange('2027-W53')).toBeNull();
    expect(isoWeekday('2026-11-30')).toBe(1);
  });
});
