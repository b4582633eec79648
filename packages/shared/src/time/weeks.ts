/**
 * ISO weeks (Monday to Sunday) of the zone's calendar, for 一周一报: "2026-W49". Calendar arithmetic on dates only;
 * which date is "today" is the zone's (zone-time.ts).
 */
import { addDays } from './zone-time.ts';
import { isoWeekday } from '../clocks/rules.ts';

export const WEEK_PATTERN = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** The ISO week key of a calendar date. */
export function weekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan4 = `${year}-01-04`;
  const firstMonday = addDays(jan4, 1 - isoWeekday(jan4));
  const [ty, tm, td] = thursday.split('-').map(Number) as [number, number, number];
  const [fy, fm, fd] = firstMonday.split('-').map(Number) as [number, number, number];
  const week = Math.floor((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week key; null when the key names no week (e.g. 2026-W53). */
export function weekRange(week: string): { from: string; to: string } | null {
  const match = WEEK_PATTERN.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const jan4 = `${year}-01-04`;
  const from = addDays(addDays(jan4, 1 - isoWeekday(jan4)), (Number(match[2]) - 1) * 7);
  if (weekOf(from) !== week) return null;
  return { from, to: addDays(from, 6) };
}
