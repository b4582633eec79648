import { addDays, zoneDate, zoneDateTime, zoneDayEnd, zoneDayStart } from '@crm/shared';
import type { Ctx } from './context.ts';

type Zoned = Pick<Ctx, 'now' | 'config'>;

/** Today's calendar date in the zone (YYYY-MM-DD): what "in the future" and "today" mean everywhere. */
export const today = (ctx: Zoned): string => zoneDate(ctx.now(), ctx.config.timeZone);

/** The zone's calendar date of an instant. */
export const dateOf = (ctx: Pick<Ctx, 'config'>, at: Date): string => zoneDate(at, ctx.config.timeZone);

/** An instant as the zone's wall-clock time, "YYYY-MM-DD HH:mm", for messages and printouts. */
export const timeOf = (ctx: Pick<Ctx, 'config'>, at: Date): string => zoneDateTime(at, ctx.config.timeZone);

/** [start, end) of a calendar date range (both ends inclusive as dates) in the zone, for timestamp columns. */
export const dayStart = (ctx: { config: Pick<Ctx['config'], 'timeZone'> }, date: string): Date => zoneDayStart(date, ctx.config.timeZone);
export const dayEnd = (ctx: { config: Pick<Ctx['config'], 'timeZone'> }, date: string): Date => zoneDayEnd(date, ctx.config.timeZone);

/** Protection lasts to the end of the `days`-th day after the given date, in the zone. */
export const endOfDayPlus = (ctx: Pick<Ctx, 'config'>, date: string, days: number): Date => zoneDayEnd(addDays(date, days), ctx.config.timeZone);

/** An instant and the zone's date at it: what reads that depend on "now" (pool, warnings) are given. */
export type Moment = { now: Date; today: string; timeZone?: string };
export const momentOf = (ctx: Pick<Ctx, 'now' | 'config'>, now: Date = ctx.now()): Moment => ({ now, today: dateOf(ctx, now), timeZone: ctx.config.timeZone });

/** The last day of a deadline that is 24:00 of that day (the next day's first instant), in the zone. */
export const deadlineDay = (dueAt: Date, timeZone: string): string => zoneDate(new Date(dueAt.getTime() - 1), timeZone);
