import {
  settings,
  indicatorActuals,
  indicatorDefinitions,
  indicatorTargets,
  projectFigures,
  projectMilestones,
  projectRollup,
  projects,
  zones,
  type DbOrTx,
} from '@crm/db';
import { and, asc, eq, gte, isNull, lt, sql } from 'drizzle-orm';

export type Def = typeof indicatorDefinitions.$inferSelect;
type TargetRow = typeof indicatorTargets.$inferSelect;
type ActualRow = typeof indicatorActuals.$inferSelect;

export const definitions = (db: DbOrTx) => db.select().from(indicatorDefinitions).orderBy(asc(indicatorDefinitions.sortOrder));

export const zonesByAge = (db: DbOrTx) => db.select().from(zones).orderBy(asc(zones.createdAt));

export const targetsOfYear = (db: DbOrTx, year: number) => db.select().from(indicatorTargets).where(eq(indicatorTargets.year, year));

/** Entered actuals of the months from `from` through `through` (both YYYY-MM). */
export const actualsBetween = (db: DbOrTx, from: string, through: string) =>
  db
    .select()
    .from(indicatorActuals)
    .where(and(gte(indicatorActuals.month, from), sql`${indicatorActuals.month} <= ${through}`));

/** The same actuals in month order (the entry screen). */
export const actualsBetweenByMonth = (db: DbOrTx, from: string, through: string) => actualsBetween(db, from, through).orderBy(asc(indicatorActuals.month));

/**
 * Projects signed per zone and month (count and contract investment) from `from` until `before`, both the first day
 * of a month: read from project_rollup (issue 12; a scan of every project was 113 ms of the dashboard at 100,000).
 * Keys whose count fell to zero are left out, as a scan would never have produced them.
 */
export const signedPerZoneMonth = (db: DbOrTx, from: string, before: string) =>
  db
    .select({
      zoneId: projectRollup.zoneId,
      month: sql<string>`to_char(${projectRollup.month}, 'YYYY-MM')`,
      n: sql<number>`sum(${projectRollup.n})::int`,
      fen: sql<string>`sum(${projectRollup.fen})::text`,
    })
    .from(projectRollup)
    .where(and(gte(projectRollup.month, from), lt(projectRollup.month, before)))
    .groupBy(projectRollup.zoneId, projectRollup.month)
    .having(sql`sum(${projectRollup.n}) <> 0`);

// 实际到位资金 is reported as the amount in place so far (cumulative); only verified reports count.
export const verifiedPaidInBefore = (db: DbOrTx, before: string) =>
  db
    .select({
      projectId: projectFigures.projectId,
      zoneId: projects.zoneId,
      amountFen: projectFigures.amountFen,
      asOf: projectFigures.asOf,
      reportedAt: projectFigures.reportedAt,
    })
    .from(projectFigures)
    .innerJoin(projects, eq(projects.id, projectFigures.projectId))
    .where(and(eq(projectFigures.kind, 'actual_paid_in'), sql`${projectFigures.verifiedAt} is not null`, lt(projectFigures.asOf, before)))
    .orderBy(asc(projectFigures.asOf), asc(projectFigures.reportedAt));

export async function zoneExists(db: DbOrTx, zoneId: string): Promise<boolean> {
  const [z] = await db.select({ id: zones.id }).from(zones).where(eq(zones.id, zoneId));
  return !!z;
}

const zoneMatch = (col: typeof indicatorTargets.zoneId | typeof indicatorActuals.zoneId, zoneId: string | null) =>
  zoneId === null ? isNull(col) : eq(col, zoneId);

export async function findTarget(db: DbOrTx, key: { indicatorCode: string; year: number; zoneId: string | null }): Promise<TargetRow | null> {
  const where = and(eq(indicatorTargets.indicatorCode, key.indicatorCode), eq(indicatorTargets.year, key.year), zoneMatch(indicatorTargets.zoneId, key.zoneId));
  const [before] = await db.select().from(indicatorTargets).where(where);
  return before ?? null;
}

export async function deleteTarget(db: DbOrTx, id: string) {
  await db.delete(indicatorTargets).where(eq(indicatorTargets.id, id));
}

export async function updateTarget(db: DbOrTx, id: string, set: Pick<TargetRow, 'target' | 'note' | 'updatedBy' | 'updatedAt'>) {
  await db.update(indicatorTargets).set(set).where(eq(indicatorTargets.id, id));
}

export async function insertTarget(db: DbOrTx, values: typeof indicatorTargets.$inferInsert) {
  await db.insert(indicatorTargets).values(values);
}

export async function findActual(db: DbOrTx, key: { indicatorCode: string; month: string; zoneId: string | null }): Promise<ActualRow | null> {
  const where = and(
    eq(indicatorActuals.indicatorCode, key.indicatorCode),
    eq(indicatorActuals.month, key.month),
    zoneMatch(indicatorActuals.zoneId, key.zoneId),
  );
  const [before] = await db.select().from(indicatorActuals).where(where);
  return before ?? null;
}

export async function deleteActual(db: DbOrTx, id: string) {
  await db.delete(indicatorActuals).where(eq(indicatorActuals.id, id));
}

export async function updateActual(db: DbOrTx, id: string, set: Pick<ActualRow, 'value' | 'source' | 'enteredBy' | 'updatedAt'>) {
  await db.update(indicatorActuals).set(set).where(eq(indicatorActuals.id, id));
}

export async function insertActual(db: DbOrTx, values: typeof indicatorActuals.$inferInsert) {
  await db.insert(indicatorActuals).values(values);
}

/** Verified annual output and tax figures dated from `from` through `to` (dates), oldest first. */
export const verifiedYieldFigures = (db: DbOrTx, from: string, to: string) =>
  db
    .select({ projectId: projectFigures.projectId, kind: projectFigures.kind, amountFen: projectFigures.amountFen })
    .from(projectFigures)
    .where(
      and(
        sql`${projectFigures.kind} in ('annual_output', 'annual_tax')`,
        sql`${projectFigures.verifiedAt} is not null`,
        gte(projectFigures.asOf, from),
        sql`${projectFigures.asOf} <= ${to}::date`,
      ),
    )
    .orderBy(asc(projectFigures.asOf), asc(projectFigures.reportedAt));

export const projectLand = (db: DbOrTx) =>
  db.select({ id: projects.id, name: projects.name, zoneId: projects.zoneId, landMu: projects.landMu, landApprovedOn: projects.landApprovedOn }).from(projects);

export const buildingMilestones = (db: DbOrTx) =>
  db
    .select({ projectId: projectMilestones.projectId, milestone: projectMilestones.milestone, reachedOn: projectMilestones.reachedOn })
    .from(projectMilestones)
    .where(sql`${projectMilestones.milestone} in ('land_acquired', 'construction_started', 'in_production', 'at_capacity')`);

export const demoMarkers = (db: DbOrTx) => db.select().from(settings).where(sql`${settings.key} in ('demo_loaded', 'demo_note')`);
