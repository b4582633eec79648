import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockFrom } from './clock.ts';
import {
  addDays,
  addWorkingDays,
  daysBetween,
  isTimeZone,
  periodInstants,
  periodOfDate,
  periodRange,
  zoneDate,
  zoneDateTime,
  zoneDayEnd,
  zoneDayStart,
  zoneParts,
  workingDaysBetween,
} from './zone-time.ts';

const SH = 'Asia/Shanghai';

describe('the zone’s calendar', () => {
  it.each([
    ['2026-11-30T15:59:59Z', '2026-11-30'],
    ['2026-11-30T16:00:00Z', '2026-12-01'],
    ['2026-12-31T15:59:59.999Z', '2026-12-31'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
  ])('%s is %s in China', (instant, date) => {
    expect(zoneDate(instant, SH)).toBe(date);
  });

  it('prints the zone’s wall-clock time', () => {
    expect(zoneDateTime('2026-11-30T16:14:05Z', SH)).toBe('2026-12-01 00:14');
    expect(zoneDateTime('2026-11-30T16:14:05Z', SH, { seconds: true })).toBe('2026-12-01 00:14:05');
    expect(zoneDateTime('2026-11-30T16:14:05Z', 'UTC')).toBe('2026-11-30 16:14');
  });

  it('starts and ends a China day at its midnight', () => {
    expect(zoneDayStart('2026-12-01', SH).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(zoneDayEnd('2026-12-31', SH).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('is exact across a daylight-saving change (a zone other than China’s)', () => {
    const ny = 'America/New_York';
    expect(zoneDayStart('2026-03-08', ny).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(zoneDayEnd('2026-03-08', ny).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(zoneDayStart('2026-11-01', ny).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(zoneDayEnd('2026-11-01', ny).toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });

  it('holds every instant inside its own zone day, in any zone (property)', () => {
    const zones = [SH, 'UTC', 'America/New_York', 'Europe/London', 'Pacific/Kiritimati', 'America/Santiago', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(...zones), (ms, zone) => {
        const day = zoneDate(ms, zone);
        expect(zoneDayStart(day, zone).getTime()).toBeLessThanOrEqual(ms);
        expect(zoneDayEnd(day, zone).getTime()).toBeGreaterThan(ms);
        expect(zoneDate(zoneDayStart(day, zone), zone)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows time zone names', () => {
    expect(isTimeZone(SH)).toBe(true);
    expect(isTimeZone('China/Beijing')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('zoneParts (cached quarter-hour offsets)', () => {
  // Intl asked directly, as zoneParts did before it cached offsets: the reference.
  const reference = (ms: number, timeZone: string) => {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const out: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') out[p.type] = Number(p.value);
    return out;
  };
  // Zones with DST at odd hours, half-hour and 45-minute offsets, a 30-minute DST (Lord Howe), China's 1986–91 DST, and Liberia's odd offset until 1972.
  const zones = [
    SH,
    'UTC',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'America/St_Johns',
    'Pacific/Chatham',
    'Asia/Urumqi',
    'Africa/Monrovia',
  ];

  it('equals Intl at any instant of 1900–2199 in any of these zones', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) - 1 }), fc.constantFrom(...zones), (ms, zone) => {
        expect(zoneParts(ms, zone)).toEqual(reference(ms, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('equals Intl second by second across offset changes (DST starts and ends, China 1991)', () => {
    const changes: [string, string][] = [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
      ['Pacific/Chatham', '2026-04-04T14:00:00Z'],
      [SH, '1991-09-14T17:00:00Z'],
      // Liberia left its -0:44:30 mean time in 1972: a change in the middle of a quarter hour, which must not be cached.
      ['Africa/Monrovia', '1972-01-07T00:44:30Z'],
    ];
    for (const [zone, at] of changes) {
      const around = Date.parse(at);
      for (let ms = around - 20 * 60_000; ms <= around + 20 * 60_000; ms += 1000)
        expect(zoneParts(ms, zone), `${zone} ${new Date(ms).toISOString()}`).toEqual(reference(ms, zone));
    }
  });
});

describe('periods', () => {
  it.each([
    ['2026-12', '2026-12-01', '2026-12-31', 'month'],
    ['2024-02', '2024-02-01', '2024-02-29', 'month'],
    ['2026-Q4', '2026-10-01', '2026-12-31', 'quarter'],
    ['2026-Q1', '2026-01-01', '2026-03-31', 'quarter'],
    ['2026', '2026-01-01', '2026-12-31', 'year'],
  ])('%s runs from %s to %s', (period, from, to, kind) => {
    expect(periodRange(period)).toEqual({ from, to, kind });
  });

  it('keys a date to its month, quarter and year', () => {
    expect(periodOfDate('2026-12-01', 'month')).toBe('2026-12');
    expect(periodOfDate('2026-09-30', 'quarter')).toBe('2026-Q3');
    expect(periodOfDate('2026-10-01', 'quarter')).toBe('2026-Q4');
    expect(periodOfDate('2027-01-01', 'year')).toBe('2027');
  });

  it('gives a period’s instants in the zone: 23:59:59 on the last day is in, the next second is out', () => {
    const { start, end } = periodInstants('2026-11', SH);
    expect(start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    const last = Date.parse('2026-11-30T23:59:59+08:00');
    const next = Date.parse('2026-12-01T00:00:00+08:00');
    expect(last < end.getTime() && last >= start.getTime()).toBe(true);
    expect(next >= end.getTime()).toBe(true);
  });

  it('does calendar arithmetic on dates without a time zone', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-30', '2027-03-01')).toBe(91);
    expect(daysBetween('2027-03-01', '2026-11-30')).toBe(-91);
  });
});

describe('the clock', () => {
  it('starts at the instant it is given, keeps ticking, and can be moved', async () => {
    const clock = clockFrom('2026-12-01T01:30:00+08:00');
    const first = clock.now().getTime();
    expect(Math.abs(first - Date.parse('2026-11-30T17:30:00Z'))).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(first);
    clock.set('2027-01-01T00:00:00+08:00');
    expect(zoneDate(clock.now(), SH)).toBe('2027-01-01');
    expect(() => clock.set('not a time')).toThrow(RangeError);
    clock.freeze('2026-11-30T23:59:59+08:00');
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().toISOString()).toBe('2026-11-30T15:59:59.000Z');
    clock.set('2026-12-01T00:00:00+08:00');
    await new Promise((r) => setTimeout(r, 20));
    expect(clock.now().getTime()).toBeGreaterThan(Date.parse('2026-11-30T16:00:00Z'));
  });
});

describe('addWorkingDays', () => {
  it('counts Monday to Friday only, not the day itself', () => {
    // 2026-11-27 is a Friday: five working days later is the next Friday.
    expect(addWorkingDays('2026-11-27', 5)).toBe('2026-12-04');
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-11-30'); // Saturday → Monday
    expect(addWorkingDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addWorkingDays('2026-11-30', 0)).toBe('2026-11-30');
  });
});

describe('workingDaysBetween', () => {
  it('is the inverse of addWorkingDays and skips weekends', () => {
    expect(workingDaysBetween('2026-11-27', '2026-12-04')).toBe(5);
    expect(workingDaysBetween('2026-11-27', '2026-11-29')).toBe(0); // Friday to Sunday
    expect(workingDaysBetween('2026-11-30', '2026-11-30')).toBe(0);
    expect(workingDaysBetween('2026-12-01', '2026-11-30')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 400 }), (offset, n) => {
        const from = addDays('2024-01-01', offset);
        return workingDaysBetween(from, addWorkingDays(from, n)) === n;
      }),
    );
  });
});
