import { DEFAULT_TIME_ZONE, periodOfDate, zoneDate, zoneDateTime, type PeriodKind } from '@crm/shared';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * The zone's calendar on the page. "Today", the default month and every printed time are the zone's (Asia/Shanghai
 * unless the API says otherwise in index.html), never the browser's own time zone: a manager travelling abroad, or a
 * browser left in UTC, still sees the zone's December 1st when it is December 1st in the zone.
 */
export const timeZone: string =
  (typeof document === 'undefined' ? null : document.querySelector('meta[name="crm-time-zone"]')?.getAttribute('content')) || DEFAULT_TIME_ZONE;

/** Today in the zone, YYYY-MM-DD. */
export const zoneToday = (): string => zoneDate(Date.now(), timeZone);

/** Today in the zone as a plain date for Ant Design's pickers (their values are calendar dates, not instants). */
export const zoneTodayDay = (): Dayjs => dayjs(zoneToday());

/** The zone's current year, month key (2026-12) or quarter key (2026-Q4). */
export const zoneYear = (): number => Number(zoneToday().slice(0, 4));
export const currentPeriod = (kind: PeriodKind): string => periodOfDate(zoneToday(), kind);

/** For a picker's disabledDate: a calendar day after today in the zone. */
export const isAfterZoneToday = (day: Dayjs): boolean => day.format('YYYY-MM-DD') > zoneToday();

/** An instant (ISO text) as the zone's date / date and time. */
export const zoneDateOf = (iso: string): string => zoneDate(iso, timeZone);
export const zoneDateTimeOf = (iso: string): string => zoneDateTime(iso, timeZone);
