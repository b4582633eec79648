/**
 * The zone's calendar. Every day, month, quarter and year the CRM speaks of — a default period, "today" in a
 * date picker, a protection deadline, a printed time — is a day in the zone's time zone (Asia/Shanghai unless
 * configured), whatever the time zone of the server process, the database session or the browser.
 *
 * Built on Intl (the platform's tz database) rather than a date library's parser: it is exact across any
 * offset change, needs no dependency, and is the same code in the API and the web app. Formatters are cached
 * per time zone because building one costs far more than using it.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export type PeriodKind = 'month' | 'quarter' | 'year';

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the platform knows this IANA time zone name (e.g. Asia/Shanghai). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

const toMs = (at: Date | string | number): number => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at));

/** The wall-clock fields of an instant in a time zone, read from Intl (exact, and ~4 µs a call). */
function intlParts(ms: number, timeZone: string): Parts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year ?? 0, month: out.month ?? 0, day: out.day ?? 0, hour: out.hour ?? 0, minute: out.minute ?? 0, second: out.second ?? 0 };
}

/*
 * The fast path (issue 12: a page of fifty leads asked Intl some 300 times, ~4% of the list's time). A zone's offset
 * is looked up once per quarter hour of UTC and cached: the offsets at the quarter's first and last second are asked
 * of Intl, and when they agree the whole quarter has that offset (no zone changes its offset twice within fifteen
 * minutes); the fields are then plain UTC arithmetic. A quarter that holds a change is never cached as one offset:
 * its instants go to Intl. Outside 1900–2199 everything goes to Intl (local mean times, eras).
 */
const QUARTER_HOUR = 15 * 60_000;
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(2200, 0, 1);
const offsets = new Map<string, Map<number, number | null>>();
const intlOffset = (ms: number, timeZone: string) => {
  const p = intlParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (((ms % 1000) + 1000) % 1000));
};
function quarterOffset(ms: number, timeZone: string): number | null {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let cache = offsets.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsets.set(timeZone, cache);
  }
  let offset = cache.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const first = intlOffset(start, timeZone);
    offset = first === intlOffset(start + QUARTER_HOUR - 1000, timeZone) ? first : null;
    // Bounded: a long-running process meets new quarters forever (~35,000 a year).
    if (cache.size >= 100_000) cache.clear();
    cache.set(quarter, offset);
  }
  return offset;
}

/** The wall-clock fields of an instant in a time zone. */
export function zoneParts(at: Date | string | number, timeZone: string): Parts {
  const ms = toMs(at);
  const offset = ms >= FAST_FROM && ms < FAST_TO ? quarterOffset(ms, timeZone) : null;
  if (offset === null) return intlParts(ms, timeZone);
  const wall = new Date(ms + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateText = (p: Pick<Parts, 'year' | 'month' | 'day'>) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;

/** The calendar date (YYYY-MM-DD) of an instant in the zone. */
export const zoneDate = (at: Date | string | number, timeZone: string): string => dateText(zoneParts(at, timeZone));

/** The zone's wall-clock time of an instant, "YYYY-MM-DD HH:mm" (or with seconds), for people and printouts. */
export function zoneDateTime(at: Date | string | number, timeZone: string, options: { seconds?: boolean } = {}): string {
  const p = zoneParts(at, timeZone);
  return `${dateText(p)} ${pad(p.hour)}:${pad(p.minute)}${options.seconds ? `:${pad(p.second)}` : ''}`;
}

/** Milliseconds the zone is ahead of UTC at an instant (+8 h for Asia/Shanghai). */
function offsetMs(ms: number, timeZone: string): number {
  const p = zoneParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant a calendar date begins in the zone (its midnight, or the first instant after a skipped one). */
export function zoneDayStart(date: string, timeZone: string): Date {
  const [y, m, d] = parseDate(date);
  const wall = Date.UTC(y, m - 1, d);
  // Guess with the offset at the wall time read as UTC, then correct once with the offset at the guess:
  // exact for every zone whose offset does not change twice within a day.
  let at = wall - offsetMs(wall, timeZone);
  const corrected = wall - offsetMs(at, timeZone);
  if (corrected !== at && zoneDate(corrected, timeZone) === date) at = corrected;
  return new Date(at);
}

/** The instant the day after `date` begins in the zone: the exclusive end of that day. */
export const zoneDayEnd = (date: string, timeZone: string): Date => zoneDayStart(addDays(date, 1), timeZone);

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Calendar arithmetic on YYYY-MM-DD (no time zone involved: a date is a date). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return dateText({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/**
 * The date `n` working days after `date` (Monday to Friday; `date` itself does not count). Public holidays and the
 * weekend days worked in exchange (调休) are not modelled: a window may end a day or two early around 春节 or 国庆,
 * never late — the zone extends one by hand if it must.
 */
export function addWorkingDays(date: string, n: number): string {
  let day = date;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    const [y, m, d] = parseDate(day);
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return day;
}

/**
 * Working days after `from` up to and including `to` (Monday to Friday, as addWorkingDays counts them), so that
 * workingDaysBetween(d, addWorkingDays(d, n)) = n; 0 when `to` is not after `from`.
 */
export function workingDaysBetween(from: string, to: string): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let n = weeks * 5;
  let day = addDays(from, weeks * 7);
  while (day < to) {
    day = addDays(day, 1);
    const [y, m, d] = parseDate(day);
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) n++;
  }
  return n;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parseDate(from);
  const [ty, tm, td] = parseDate(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** The kind of a period key: 2026-10 is a month, 2026-Q3 a quarter, 2026 a year. */
export const periodKind = (period: string): PeriodKind => (period.length === 4 ? 'year' : period.includes('Q') ? 'quarter' : 'month');

/** The period key (2026-10 / 2026-Q4 / 2026) that contains a calendar date. */
export function periodOfDate(date: string, kind: PeriodKind): string {
  const [y, m] = parseDate(date);
  if (kind === 'year') return pad(y, 4);
  if (kind === 'quarter') return `${pad(y, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${pad(y, 4)}-${pad(m)}`;
}

/** First and last calendar day of a period key (both inclusive). */
export function periodRange(period: string): { from: string; to: string; kind: PeriodKind } {
  const year = Number(period.slice(0, 4));
  const last = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const y = pad(year, 4);
  if (period.length === 4) return { from: `${y}-01-01`, to: `${y}-12-31`, kind: 'year' };
  const q = /Q(\d)$/.exec(period);
  if (q) {
    const first = (Number(q[1]) - 1) * 3 + 1;
    return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(first + 2)}-${pad(last(first + 2))}`, kind: 'quarter' };
  }
  const month = Number(period.slice(5, 7));
  return { from: `${y}-${pad(month)}-01`, to: `${y}-${pad(month)}-${pad(last(month))}`, kind: 'month' };
}

/**
 * A period as instants in the zone: `start` inclusive, `end` exclusive — what a timestamp column is compared
 * with, so a record made at 23:59:59 on the last day is in and one at 00:00:00 the next day is out.
 */
export function periodInstants(period: string, timeZone: string): { from: string; to: string; kind: PeriodKind; start: Date; end: Date } {
  const range = periodRange(period);
  return { ...range, start: zoneDayStart(range.from, timeZone), end: zoneDayEnd(range.to, timeZone) };
}
