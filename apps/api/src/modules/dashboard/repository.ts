import { chainNodes, industries, milestoneRollup, projectFigures, projectRollup, projects, zoneIndustries, zones, zoneTargets, type DbOrTx } from '@crm/db';
import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../lib/context.ts';
import { leadRollupFrom, leadTotalsFrom } from '../../lib/rollups.ts';
import * as projectRepo from '../projects/repository.ts';

/** The dashboard's queries: the only place in the module that speaks SQL. */

/** The latest verified figure of each project and kind, once (DISTINCT ON), instead of a subquery per project. */
const latestVerifiedFigures = sql`(select distinct on (f.project_id, f.kind) f.project_id, f.kind, f.amount_fen
  from ${projectFigures} f where f.verified_at is not null order by f.project_id, f.kind, f.as_of desc, f.reported_at desc) lv`;

/**
 * The same for one year: each project's latest verified figure dated in that year (issue 8: the dashboard's
 * actuals were the same whatever year was chosen). Annual output is reported per year; fixed-asset investment
 * is cumulative, so the year's latest report is where the project stood at the end of that year.
 */
const latestVerifiedIn = (from: string, to: string) => sql`(select distinct on (f.project_id, f.kind) f.project_id, f.kind, f.amount_fen
  from ${projectFigures} f where f.verified_at is not null and f.as_of between ${from}::date and ${to}::date
  order by f.project_id, f.kind, f.as_of desc, f.reported_at desc) lv`;

const month = (col: unknown) => sql<string>`to_char(${col}, 'YYYY-MM')`;

export const zonesInOrder = (db: DbOrTx) => db.select().from(zones).orderBy(asc(zones.createdAt));

export const targetsOfYear = (db: DbOrTx, year: number) => db.select().from(zoneTargets).where(eq(zoneTargets.year, year));

/** The year's months of a rollup (each row's month is a first of month, so whole months are all it holds). */
const inYear = (col: typeof projectRollup.month | typeof milestoneRollup.month, year: number) => and(gte(col, `${year}-01-01`), lte(col, `${year}-12-01`));

/**
 * Projects signed in the year, per zone: how many and their contract investment (decimal string). From
 * project_rollup (issue 12: it scanned every project); keys whose count fell to 0 are left out, as no project has them.
 */
export const signedPerZone = (db: DbOrTx, year: number) =>
  db
    .select({ zoneId: projectRollup.zoneId, n: sql<number>`sum(${projectRollup.n})::int`, fen: sql<string>`sum(${projectRollup.fen})::text` })
    .from(projectRollup)
    .where(inYear(projectRollup.month, year))
    .groupBy(projectRollup.zoneId)
    .having(sql`sum(${projectRollup.n}) <> 0`);

/** The year's latest verified figures summed per zone (decimal strings). */
export const figuresPerZone = (db: DbOrTx, year: number) =>
  db
    .select({
      zoneId: projects.zoneId,
      fai: sql<string>`coalesce(sum(lv.amount_fen) filter (where lv.kind = 'actual_fixed_asset_investment'), 0)::text`,
      output: sql<string>`coalesce(sum(lv.amount_fen) filter (where lv.kind = 'annual_output'), 0)::text`,
      tax: sql<string>`coalesce(sum(lv.amount_fen) filter (where lv.kind = 'annual_tax'), 0)::text`,
    })
    .from(latestVerifiedIn(`${year}-01-01`, `${year}-12-31`))
    .innerJoin(projects, sql`${projects.id} = lv.project_id`)
    .groupBy(projects.zoneId);

/** The year's leads per month (lead_totals) and the open leads per chain node (lead_rollup), in one statement (issue 12). */
export const leadFigures = (ctx: Pick<Ctx, 'db' | 'config'>, from: string, to: string) =>
  ctx.db.execute(sql`
      select 'trend' as part, to_char(r.month, 'YYYY-MM') as key, sum(r.n)::int as n, sum(r.fen)::text as fen
        from ${leadTotalsFrom(ctx)} r where r.month >= ${from}::date and r.month <= ${to}::date group by r.month
      union all
      select 'node', r.chain_node_id::text, sum(r.n)::int, '0' from ${leadRollupFrom(ctx)} r
        where r.chain_node_id is not null and r.stage <> 'lost' group by r.chain_node_id`);

/** Projects signed per month of the year and their contract investment (decimal strings), from project_rollup. */
export const signedTrend = (db: DbOrTx, year: number) =>
  db
    .select({ month: month(projectRollup.month), n: sql<number>`sum(${projectRollup.n})::int`, fen: sql<string>`sum(${projectRollup.fen})::text` })
    .from(projectRollup)
    .where(inYear(projectRollup.month, year))
    .groupBy(projectRollup.month)
    .having(sql`sum(${projectRollup.n}) <> 0`);

/** Construction starts per month of the year (by the day reached), from milestone_rollup. */
export const constructionTrend = (db: DbOrTx, year: number) =>
  db
    .select({ month: month(milestoneRollup.month), n: sql<number>`sum(${milestoneRollup.n})::int` })
    .from(milestoneRollup)
    .where(and(eq(milestoneRollup.milestone, 'construction_started'), inYear(milestoneRollup.month, year)))
    .groupBy(milestoneRollup.month)
    .having(sql`sum(${milestoneRollup.n}) <> 0`);

/** Each industry chain node with how many projects sit on it (all time), from project_rollup. */
export const chainNodeProjects = (db: DbOrTx) => {
  const perNode = db
    .select({ chainNodeId: projectRollup.chainNodeId, n: sql<number>`sum(${projectRollup.n})`.as('n') })
    .from(projectRollup)
    .where(isNotNull(projectRollup.chainNodeId))
    .groupBy(projectRollup.chainNodeId)
    .as('pr');
  return db
    .select({
      industryId: industries.id,
      industryName: industries.name,
      nodeId: chainNodes.id,
      nodeName: chainNodes.name,
      position: chainNodes.position,
      projects: sql<number>`coalesce(${perNode.n}, 0)::int`,
    })
    .from(chainNodes)
    .innerJoin(industries, eq(industries.id, chainNodes.industryId))
    .leftJoin(perNode, eq(perNode.chainNodeId, chainNodes.id))
    .orderBy(asc(industries.createdAt), asc(chainNodes.sortOrder));
};

/** 亩产 ranking: only projects with land and a verified output, best output per 亩 first, twenty of them. */
export const perMuProjects = (db: DbOrTx) =>
  projectRepo.selectProjects(db).where(
    sql`${projects.landMu} > 0 and ${projects.id} in (
          select lv.project_id from ${latestVerifiedFigures} join ${projects} p2 on p2.id = lv.project_id
          where lv.kind = 'annual_output' and p2.land_mu > 0 order by lv.amount_fen / p2.land_mu desc limit 20)`,
  );

export const zoneIndustryLinks = (db: DbOrTx) =>
  db.select({ l: zoneIndustries, zoneName: zones.name }).from(zoneIndustries).innerJoin(zones, eq(zones.id, zoneIndustries.zoneId));

export async function findTarget(db: DbOrTx, zoneId: string, year: number, metric: string) {
  const [row] = await db
    .select()
    .from(zoneTargets)
    .where(and(eq(zoneTargets.zoneId, zoneId), eq(zoneTargets.year, year), eq(zoneTargets.metric, metric)));
  return row;
}

/** Writes a zone's target of a year and metric, or replaces the one there. */
export async function upsertTarget(db: DbOrTx, values: typeof zoneTargets.$inferInsert, set: Partial<typeof zoneTargets.$inferInsert>) {
  await db
    .insert(zoneTargets)
    .values(values)
    .onConflictDoUpdate({ target: [zoneTargets.zoneId, zoneTargets.year, zoneTargets.metric], set });
}
