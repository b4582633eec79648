import { addDays } from '@crm/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from './context.ts';
import { dayEnd, dayStart } from './dates.ts';

/**
 * Reading the rollups (issue 12; drizzle/0018_rollups.sql). lead_rollup holds counts and sums per creation month ×
 * zone × owner × creator × channel × industry × chain node × stage × furthest stage × project milestone, kept exact
 * by triggers in the same transaction as every write. Its months are cut in one time zone (rollup_settings); an app
 * configured for another zone reads the same figures recounted on the fly instead (correct, only slower), until an
 * operator runs `select crm_rebuild_rollups('<zone>')`.
 */
const rollupZones = new WeakMap<object, string>();
export const rememberRollupZone = (db: object, timeZone: string) => rollupZones.set(db, timeZone);

/** Whether lead_rollup's months are this app's zone (it can then be read as it is, without recounting). */
export const rollupIsCurrent = (ctx: { db: object; config: Pick<Ctx['config'], 'timeZone'> }) => rollupZones.get(ctx.db) === ctx.config.timeZone;

/** `lead_rollup`, or the same rows recounted from leads when the rollup's months are another zone's. */
export function leadRollupFrom(ctx: { db: object; config: Pick<Ctx['config'], 'timeZone'> }): SQL {
  return rollupZones.get(ctx.db) === ctx.config.timeZone ? sql`lead_rollup` : sql`crm_lead_rollup_recount(${ctx.config.timeZone})`;
}

/**
 * `lead_totals` (lead_rollup summed over month, zone, owner, creator and stage: a tenth of its rows), or the same
 * recount as leadRollupFrom when the months are another zone's (the recount has those columns too).
 */
export function leadTotalsFrom(ctx: { db: object; config: Pick<Ctx['config'], 'timeZone'> }): SQL {
  return rollupZones.get(ctx.db) === ctx.config.timeZone ? sql`lead_totals` : sql`crm_lead_rollup_recount(${ctx.config.timeZone})`;
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;
const nextMonth = (date: string) => {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/**
 * A period of zone dates (`from`..`to`, inclusive, either open) split into the whole months the rollup answers
 * (month >= monthFrom and month < monthTo) and the partial months at its ends, which are counted from leads by
 * their creation instant (`edges`, [start, end) each). Whole years, quarters and months have no edges.
 */
export type MonthCut = { months: { from?: string; to?: string } | null; edges: { start: Date; end: Date }[] };
export function cutByMonths(ctx: { config: Pick<Ctx['config'], 'timeZone'> }, from?: string, to?: string): MonthCut {
  const monthFrom = from === undefined ? undefined : from.endsWith('-01') ? from : nextMonth(from);
  const monthTo = to === undefined ? undefined : addDays(to, 1).endsWith('-01') ? addDays(to, 1) : firstOfMonth(to);
  if (from !== undefined && to !== undefined && (monthFrom as string) >= (monthTo as string)) {
    return from > to ? { months: null, edges: [] } : { months: null, edges: [{ start: dayStart(ctx, from), end: dayEnd(ctx, to) }] };
  }
  const edges: MonthCut['edges'] = [];
  if (from !== undefined && monthFrom !== from) edges.push({ start: dayStart(ctx, from), end: dayStart(ctx, monthFrom as string) });
  if (to !== undefined && monthTo !== addDays(to, 1)) edges.push({ start: dayStart(ctx, monthTo as string), end: dayEnd(ctx, to) });
  return { months: { from: monthFrom, to: monthTo }, edges };
}

/** The rollup's month condition of a cut (alias `r`). */
export function monthsSql(cut: MonthCut): SQL {
  if (!cut.months) return sql`false`;
  const parts = [sql`true`];
  if (cut.months.from) parts.push(sql`r.month >= ${cut.months.from}::date`);
  if (cut.months.to) parts.push(sql`r.month < ${cut.months.to}::date`);
  return sql.join(parts, sql` and `);
}

/**
 * The edges' creation-instant conditions (alias `l`), one per partial month: a reader writes one UNION ALL branch
 * per condition, so each is a single range the created_at index serves (an OR of ranges read the table, issue 12).
 */
export function edgeRangesSql(cut: MonthCut): SQL[] {
  return cut.edges.map((e) => sql`l.created_at >= ${e.start.toISOString()}::timestamptz and l.created_at < ${e.end.toISOString()}::timestamptz`);
}

/** The edges' creation-instant condition (alias `l`). */
export function edgesSql(cut: MonthCut): SQL {
  if (cut.edges.length === 0) return sql`false`;
  return sql`(${sql.join(
    cut.edges.map((e) => sql`(l.created_at >= ${e.start.toISOString()}::timestamptz and l.created_at < ${e.end.toISOString()}::timestamptz)`),
    sql` or `,
  )})`;
}

/** Rows of db.execute on either driver (postgres.js answers an array, PGlite an object with rows). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
