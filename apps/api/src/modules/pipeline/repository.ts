import { creditLines, creditSets, leads, projects, users, type DbOrTx } from '@crm/db';
import { type LeadChannel, type LeadStage, leadStages, type ProjectMilestone } from '@crm/shared';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import type { Moment } from '../../lib/dates.ts';
import { edgeRangesSql, monthsSql, rowsOf, type MonthCut } from '../../lib/rollups.ts';
import { warningSql } from '../leads/repository.ts';
import { selectProjects } from '../projects/repository.ts';

/** The pipeline's filters other than the period; `ownerId` is the owner scope the service decided (staff: themselves). */
export type Dims = { zoneId?: string; channel?: LeadChannel; industryId?: string; ownerId?: string };

/** The filters other than the period, on the rollup (`r`) or on leads (`l`): the columns have the same names. */
function dimsSql(f: Dims, t: 'r' | 'l'): SQL {
  const col = (name: string) => sql.raw(`${t}.${name}`);
  const parts = [sql`true`];
  if (f.zoneId) parts.push(sql`${col('zone_id')} = ${f.zoneId}`);
  if (f.channel) parts.push(sql`${col('channel')} = ${f.channel}`);
  if (f.industryId) parts.push(sql`${col('industry_id')} = ${f.industryId}`);
  if (f.ownerId) parts.push(sql`${col('owner_id')} = ${f.ownerId}`);
  return sql.join(parts, sql` and `);
}

/**
 * The leads' figures for the filters, grouped by `keys`: whole months from lead_rollup (`rollup`, the caller checked
 * it is current), the partial months at the period's ends from the leads themselves, in one statement (issue 12).
 * `keys` name columns both tables have.
 */
export async function leadFigures<T>(
  db: DbOrTx,
  rollup: SQL,
  f: Dims,
  cut: MonthCut,
  keys: string[],
): Promise<(T & { n: number; fen: string; projectFen: string })[]> {
  const k = (t: string) => sql.raw(keys.map((c) => `${t}.${c}`).join(', '));
  // One branch per partial month, each a single created_at range the index serves: as one OR of two ranges the
  // planner read the whole table (~1 s at a million leads, issue 12).
  const edges = sql.join(
    edgeRangesSql(cut).map(
      (range) => sql`union all select ${k('l')}, 1, l.estimated_investment_fen, l.project_contract_fen from leads l where ${dimsSql(f, 'l')} and ${range}`,
    ),
    sql` `,
  );
  const result = await db.execute(sql`
    select ${k('x')}, sum(x.n)::int as n, coalesce(sum(x.fen), 0)::text as fen, coalesce(sum(x.project_fen), 0)::text as "projectFen" from (
      select ${k('r')}, r.n, r.fen, r.project_fen from ${rollup} r where ${dimsSql(f, 'r')} and ${monthsSql(cut)}
      ${edges}
    ) x group by ${k('x')}`);
  return rowsOf(result);
}

const ownerAlias = alias(users, 'board_owner');

/**
 * The latest `perColumn` cards of every stage column, in one statement of six small indexed reads (UNION ALL), never
 * one per card. `createdSince`/`createdBefore` are the period's instants (the service turns the zone's days into them).
 */
export async function boardCards(db: DbOrTx, f: Dims & { createdSince?: Date; createdBefore?: Date }, now: Moment, perColumn: number) {
  const where = and(
    f.zoneId ? eq(leads.zoneId, f.zoneId) : undefined,
    f.channel ? eq(leads.channel, f.channel) : undefined,
    f.industryId ? eq(leads.industryId, f.industryId) : undefined,
    f.ownerId ? eq(leads.ownerId, f.ownerId) : undefined,
    f.createdSince ? gte(leads.createdAt, f.createdSince) : undefined,
    f.createdBefore ? lt(leads.createdAt, f.createdBefore) : undefined,
  );
  const cardsOf = (stage: LeadStage) =>
    db
      .select({
        stage: leads.stage,
        id: leads.id,
        companyName: leads.companyName,
        ownerName: ownerAlias.displayName,
        estimatedInvestmentFen: leads.estimatedInvestmentFen,
        warning: warningSql(now),
        stageChangedAt: leads.stageChangedAt,
        nextFollowUpOn: leads.nextFollowUpOn,
      })
      .from(leads)
      .innerJoin(ownerAlias, eq(ownerAlias.id, leads.ownerId))
      .where(and(where, eq(leads.stage, stage)))
      .orderBy(desc(leads.stageChangedAt), desc(leads.id))
      .limit(perColumn);
  const [first, ...rest] = leadStages.map(cardsOf);
  return rest.length > 0 && first ? unionAll(first, ...(rest as [typeof first])) : (first ?? []);
}

/** The project filters of the lifecycle board; `staffId`: only the projects they own or are credited on. */
export type ProjectDims = { zoneId?: string; industryId?: string; ownerId?: string; staffId?: string; from?: string; to?: string };

function projectsWhere(f: ProjectDims) {
  return and(
    f.zoneId ? eq(projects.zoneId, f.zoneId) : undefined,
    f.industryId ? eq(projects.industryId, f.industryId) : undefined,
    // Staff see the projects they own or are credited on, as in the projects list.
    f.staffId
      ? sql`(${projects.ownerId} = ${f.staffId} or exists (select 1 from ${creditLines} cl join ${creditSets} cs on cs.id = cl.set_id where cs.project_id = ${projects.id} and cs.is_current and cl.staff_id = ${f.staffId}))`
      : f.ownerId
        ? eq(projects.ownerId, f.ownerId)
        : undefined,
    f.from ? gte(projects.signedOn, f.from) : undefined,
    f.to ? sql`${projects.signedOn} <= ${f.to}::date` : undefined,
  );
}

/** Count and contract investment of the projects per current milestone. */
export async function milestoneTotals(db: DbOrTx, f: ProjectDims) {
  return db
    .select({
      milestone: projects.currentMilestone,
      count: sql<number>`count(*)::int`,
      fen: sql<string>`coalesce(sum(${projects.contractInvestmentFen}), 0)::text`,
    })
    .from(projects)
    .where(projectsWhere(f))
    .groupBy(projects.currentMilestone);
}

/** The most recently changed projects at a milestone. */
export async function projectsAt(db: DbOrTx, f: ProjectDims, milestone: ProjectMilestone, limit: number) {
  return selectProjects(db)
    .where(and(projectsWhere(f), eq(projects.currentMilestone, milestone)))
    .orderBy(desc(projects.updatedAt), desc(projects.id))
    .limit(limit);
}
