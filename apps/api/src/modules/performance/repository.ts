import {
  activities,
  bottomFlags,
  creditLines,
  creditSets,
  leadClockHistory,
  leads,
  payPools,
  performancePeriods,
  projectMilestones,
  projects,
  scoringSchemes,
  users,
  zones,
  type DbOrTx,
} from '@crm/db';
import { zoneDate, type MetricValue, type PerformanceMetric } from '@crm/shared';
import { and, arrayContains, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { cutByMonths, edgesSql, leadTotalsFrom, monthsSql, rowsOf, type MonthCut } from '../../lib/rollups.ts';

/** The queries of the performance module (metrics, schemes, periods, pay pools, 末位 flags): the only place in it that speaks SQL. */

export type Actuals = Map<string, Record<PerformanceMetric, MetricValue>>;

/**
 * A period in the zone: calendar dates `from`..`to` (inclusive) for date columns, and the instants [start, end)
 * for timestamp columns, so a lead created at 23:59:59 on the last day counts and one at 00:00:00 does not.
 */
export type Span = { from: string; to: string; start: Date; end: Date; timeZone: string };
const zero = (): Record<PerformanceMetric, MetricValue> => ({
  new_leads: { value: 0n, scale: 1n },
  visits: { value: 0n, scale: 1n },
  signed_projects: { value: 0n, scale: 10000n },
  signed_investment: { value: 0n, scale: 10000n },
  construction_investment: { value: 0n, scale: 10000n },
  in_production: { value: 0n, scale: 10000n },
  clocks_on_time: { value: 0n, scale: 1n },
});

/** Staff scored: active users with the staff role. */
export async function scoredStaff(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.active, true), arrayContains(users.roles, ['staff'])))
    .orderBy(users.displayName);
}

/**
 * Every metric of every staff member for a period, in one statement of six grouped parts (never one per person). Project
 * metrics count by the current credit split: a project credited 3333 bp counts 0.3333 project. Investment counts
 * only as a manager verified it (issue 8): an owner's unverified edit changes nobody's score.
 */
export async function computeActuals(db: DbOrTx, { from, to, start, end, timeZone }: Span, staffIds: string[]): Promise<Actuals> {
  const out: Actuals = new Map(staffIds.map((id) => [id, zero()]));
  if (staffIds.length === 0) return out;
  const add = (staffId: string, metric: PerformanceMetric, value: string | number | bigint) => {
    const row = out.get(staffId);
    if (row) row[metric] = { value: row[metric].value + BigInt(value), scale: row[metric].scale };
  };
  const credited = (metric: string, extra: ReturnType<typeof and>) =>
    db
      .select({
        metric: sql<string>`${metric}::text`.as('metric'),
        staffId: sql<string>`${creditLines.staffId}`.as('staff_id'),
        a: sql<string>`sum(${creditLines.shareBp})::text`.as('a'),
        b: sql<string>`coalesce(sum(${projects.verifiedContractInvestmentFen}::numeric * ${creditLines.shareBp}), 0)::text`.as('b'),
      })
      .from(projects)
      .innerJoin(creditSets, and(eq(creditSets.projectId, projects.id), eq(creditSets.isCurrent, true)))
      .innerJoin(creditLines, eq(creditLines.setId, creditSets.id))
      .where(and(extra, inArray(creditLines.staffId, staffIds)))
      .groupBy(creditLines.staffId);
  const reached = (milestone: string) =>
    sql`exists (select 1 from ${projectMilestones} m where m.project_id = ${projects.id} and m.milestone = ${milestone} and m.reached_on between ${from}::date and ${to}::date)`;
  // New leads and visits from the rollups (issue 12): whole months from lead_rollup and activity_rollup, any part
  // month at the ends from the rows themselves. All six figures in one statement: one round trip, not six.
  const cut = cutByMonths({ config: { timeZone } }, from, to);
  const staffList = sql`(${sql.join(
    staffIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const visitMonths = cutByMonths({ config: { timeZone: 'UTC' } }, from, to);
  const onTime = db
    .select({
      metric: sql<string>`'clocks_on_time'::text`.as('metric'),
      staffId: sql<string>`${leadClockHistory.ownerId}`.as('staff_id'),
      a: sql<string>`count(*)::text`.as('a'),
      b: sql<string>`'0'`.as('b'),
    })
    .from(leadClockHistory)
    .where(
      and(eq(leadClockHistory.onTime, true), gte(leadClockHistory.metAt, start), lt(leadClockHistory.metAt, end), inArray(leadClockHistory.ownerId, staffIds)),
    )
    .groupBy(leadClockHistory.ownerId);
  const result = await db.execute(sql`
    select 'new_leads' as metric, x.created_by as staff_id, sum(x.n)::text as a, '0' as b from (
      select r.created_by, r.n from ${leadTotalsFrom({ db, config: { timeZone } })} r where ${monthsSql(cut)} and r.created_by in ${staffList}
      union all
      select l.created_by, 1 from ${leads} l where ${edgesSql(cut)} and l.created_by in ${staffList}
    ) x group by x.created_by
    union all
    select 'visits', x.staff_id, sum(x.n)::text, '0' from (
      select r.staff_id, r.n from activity_rollup r where ${monthsSql(visitMonths)} and r.staff_id in ${staffList}
      union all
      select s.staff_id, 1 from ${activities} a cross join lateral unnest(a.staff_ids) as s(staff_id)
      where a.kind in ('visit', 'inspection') and ${visitEdges(visitMonths)} and s.staff_id in ${staffList}
    ) x group by x.staff_id
    union all (${credited('signed', and(gte(projects.signedOn, from), lte(projects.signedOn, to)))})
    union all (${credited('construction', reached('construction_started'))})
    union all (${credited('production', reached('in_production'))})
    union all (${onTime})`);
  const rows = rowsOf<{ metric: string; staff_id: string; a: string; b: string }>(result);
  for (const r of rows) {
    if (r.metric === 'new_leads') add(r.staff_id, 'new_leads', r.a);
    else if (r.metric === 'visits') add(r.staff_id, 'visits', r.a);
    else if (r.metric === 'signed') {
      add(r.staff_id, 'signed_projects', r.a);
      add(r.staff_id, 'signed_investment', r.b);
    } else if (r.metric === 'construction') add(r.staff_id, 'construction_investment', r.b);
    else if (r.metric === 'production') add(r.staff_id, 'in_production', r.a);
    else if (r.metric === 'clocks_on_time') add(r.staff_id, 'clocks_on_time', r.a);
  }
  return out;
}

/** The part months at a period's ends for activities, by their date (occurred_on). */
function visitEdges(cut: MonthCut) {
  if (cut.edges.length === 0) return sql`false`;
  // The cut was made in UTC, so each edge's instants are UTC midnights: their dates are the edge's dates.
  return sql`(${sql.join(
    cut.edges.map((e) => sql`(a.occurred_on >= ${e.start.toISOString().slice(0, 10)}::date and a.occurred_on < ${e.end.toISOString().slice(0, 10)}::date)`),
    sql` or `,
  )})`;
}

/** The records behind one figure, for the drill-down. */
export async function drill(db: DbOrTx, { from, to, start, end, timeZone }: Span, staffId: string, metric: PerformanceMetric) {
  if (metric === 'new_leads') {
    const rows = await db
      .select({ id: leads.id, title: leads.companyName, at: leads.createdAt, fen: leads.estimatedInvestmentFen })
      .from(leads)
      .where(and(eq(leads.createdBy, staffId), gte(leads.createdAt, start), lt(leads.createdAt, end)))
      .orderBy(desc(leads.createdAt))
      .limit(1000);
    return rows.map((r) => ({
      type: 'lead' as const,
      id: r.id,
      leadId: r.id,
      projectId: null,
      title: r.title,
      date: zoneDate(r.at, timeZone),
      shareBp: null,
      amountFen: r.fen,
      pendingAmountFen: null,
    }));
  }
  if (metric === 'visits') {
    const rows = await db
      .select({ id: activities.id, leadId: activities.leadId, title: leads.companyName, kind: activities.kind, on: activities.occurredOn })
      .from(activities)
      .innerJoin(leads, eq(leads.id, activities.leadId))
      .where(
        and(
          sql`${activities.kind} in ('visit', 'inspection')`,
          sql`${staffId}::uuid = any(${activities.staffIds})`,
          gte(activities.occurredOn, from),
          lte(activities.occurredOn, to),
        ),
      )
      .orderBy(desc(activities.occurredOn))
      .limit(1000);
    return rows.map((r) => ({
      type: 'activity' as const,
      id: r.id,
      leadId: r.leadId,
      projectId: null,
      title: `${r.title} (${r.kind === 'visit' ? '外出拜访' : '来访考察'})`,
      date: r.on,
      shareBp: null,
      amountFen: null,
      pendingAmountFen: null,
    }));
  }
  if (metric === 'clocks_on_time') {
    const PHASE: Record<string, string> = { respond: '响应', judge: '研判', feedback: '反馈', report: '跟进汇报' };
    const rows = await db
      .select({ id: leadClockHistory.id, leadId: leadClockHistory.leadId, title: leads.companyName, phase: leadClockHistory.phase, at: leadClockHistory.metAt })
      .from(leadClockHistory)
      .innerJoin(leads, eq(leads.id, leadClockHistory.leadId))
      .where(and(eq(leadClockHistory.ownerId, staffId), eq(leadClockHistory.onTime, true), gte(leadClockHistory.metAt, start), lt(leadClockHistory.metAt, end)))
      .orderBy(desc(leadClockHistory.metAt))
      .limit(1000);
    return rows.map((r) => ({
      type: 'lead' as const,
      id: r.id,
      leadId: r.leadId,
      projectId: null,
      title: `${r.title} (${PHASE[r.phase] ?? r.phase})`,
      date: zoneDate(r.at, timeZone),
      shareBp: null,
      amountFen: null,
      pendingAmountFen: null,
    }));
  }
  const milestone = metric === 'construction_investment' ? 'construction_started' : metric === 'in_production' ? 'in_production' : null;
  const rows = await db
    .select({
      id: projects.id,
      leadId: projects.leadId,
      title: projects.name,
      signedOn: projects.signedOn,
      fen: projects.verifiedContractInvestmentFen,
      reportedFen: projects.contractInvestmentFen,
      shareBp: sql<number>`sum(${creditLines.shareBp})::int`,
      reachedOn: milestone
        ? sql<string>`(select m.reached_on::text from ${projectMilestones} m where m.project_id = ${projects.id} and m.milestone = ${milestone})`
        : sql<string>`${projects.signedOn}::text`,
    })
    .from(projects)
    .innerJoin(creditSets, and(eq(creditSets.projectId, projects.id), eq(creditSets.isCurrent, true)))
    .innerJoin(creditLines, and(eq(creditLines.setId, creditSets.id), eq(creditLines.staffId, staffId)))
    .where(
      milestone
        ? sql`exists (select 1 from ${projectMilestones} m where m.project_id = ${projects.id} and m.milestone = ${milestone} and m.reached_on between ${from}::date and ${to}::date)`
        : and(gte(projects.signedOn, from), lte(projects.signedOn, to)),
    )
    .groupBy(projects.id)
    .orderBy(desc(projects.signedOn))
    .limit(1000);
  return rows.map((r) => ({
    type: 'project' as const,
    id: r.id,
    leadId: r.leadId,
    projectId: r.id,
    title: r.title,
    date: r.reachedOn,
    shareBp: r.shareBp,
    amountFen: r.fen,
    // The reported amount a manager has not verified: shown as pending beside what counts.
    pendingAmountFen: r.reportedFen !== r.fen ? r.reportedFen : null,
  }));
}

// ---- scoring schemes and closed periods ---------------------------------------------------------------------

export const allSchemes = (db: DbOrTx) => db.select().from(scoringSchemes).orderBy(asc(scoringSchemes.createdAt));

/** The first scheme defined (the dashboard's default). */
export async function firstScheme(db: DbOrTx) {
  const [row] = await db.select().from(scoringSchemes).orderBy(asc(scoringSchemes.createdAt)).limit(1);
  return row;
}

export async function findScheme(db: DbOrTx, id: string) {
  const [row] = await db.select().from(scoringSchemes).where(eq(scoringSchemes.id, id));
  return row;
}

export async function schemeNamed(db: DbOrTx, name: string) {
  const [row] = await db.select({ id: scoringSchemes.id }).from(scoringSchemes).where(eq(scoringSchemes.name, name));
  return row;
}

export async function insertScheme(db: DbOrTx, values: typeof scoringSchemes.$inferInsert) {
  const [row] = await db.insert(scoringSchemes).values(values).returning();
  return row;
}

/** Writes the changes only if the scheme is still at `version`; undefined when it is not. */
export async function updateSchemeAt(db: DbOrTx, id: string, version: number, changes: Partial<typeof scoringSchemes.$inferInsert>) {
  const [row] = await db
    .update(scoringSchemes)
    .set(changes)
    .where(and(eq(scoringSchemes.id, id), eq(scoringSchemes.version, version)))
    .returning();
  return row;
}

/** The roles of some users (to check that per-person targets are for scored staff). */
export const rolesOf = (db: DbOrTx, ids: string[]) => db.select({ id: users.id, roles: users.roles }).from(users).where(inArray(users.id, ids));

/** A closed period with the name of who closed it. */
export async function closedPeriodWithCloser(db: DbOrTx, schemeId: string, period: string) {
  const [row] = await db
    .select({ p: performancePeriods, name: users.displayName })
    .from(performancePeriods)
    .innerJoin(users, eq(users.id, performancePeriods.closedBy))
    .where(and(eq(performancePeriods.schemeId, schemeId), eq(performancePeriods.period, period)));
  return row;
}

export async function findPeriod(db: DbOrTx, schemeId: string, period: string) {
  const [row] = await db
    .select()
    .from(performancePeriods)
    .where(and(eq(performancePeriods.schemeId, schemeId), eq(performancePeriods.period, period)));
  return row;
}

/** Undefined when the period was closed by someone else meanwhile (the unique key). */
export async function insertPeriod(db: DbOrTx, values: typeof performancePeriods.$inferInsert) {
  const [row] = await db.insert(performancePeriods).values(values).onConflictDoNothing().returning();
  return row;
}

// ---- 绩效工资 pools -----------------------------------------------------------------------------------------

const maker = alias(users, 'maker');
const approver = alias(users, 'approver');
const filer = alias(users, 'filer');

export async function loadPools(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      p: payPools,
      period: performancePeriods.period,
      schemeId: performancePeriods.schemeId,
      zoneName: zones.name,
      makerName: maker.displayName,
      approvedByName: approver.displayName,
      filedByName: filer.displayName,
    })
    .from(payPools)
    .innerJoin(performancePeriods, eq(performancePeriods.id, payPools.periodId))
    .innerJoin(zones, eq(zones.id, payPools.zoneId))
    .innerJoin(maker, eq(maker.id, payPools.makerId))
    .leftJoin(approver, eq(approver.id, payPools.approvedBy))
    .leftJoin(filer, eq(filer.id, payPools.filedBy))
    .where(where)
    .orderBy(zones.name);
}

export async function zoneExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ id: zones.id }).from(zones).where(eq(zones.id, id));
  return !!row;
}

/** A zone's pool of a period, locked. */
export async function lockPoolOf(db: DbOrTx, periodId: string, zoneId: string) {
  const [row] = await db
    .select()
    .from(payPools)
    .where(and(eq(payPools.periodId, periodId), eq(payPools.zoneId, zoneId)))
    .for('update');
  return row;
}

export async function lockPool(db: DbOrTx, id: string) {
  const [row] = await db.select().from(payPools).where(eq(payPools.id, id)).for('update');
  return row;
}

export async function insertPool(db: DbOrTx, values: typeof payPools.$inferInsert) {
  const [row] = await db.insert(payPools).values(values).returning({ id: payPools.id });
  return row;
}

export async function updatePool(db: DbOrTx, id: string, changes: Partial<typeof payPools.$inferInsert>) {
  await db.update(payPools).set(changes).where(eq(payPools.id, id));
}

// ---- 末位 flags ---------------------------------------------------------------------------------------------

export const insertFlags = (db: DbOrTx, values: (typeof bottomFlags.$inferInsert)[]) => db.insert(bottomFlags).values(values).returning();

const decider = alias(users, 'decider');

export async function loadFlags(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      f: bottomFlags,
      period: performancePeriods.period,
      schemeId: scoringSchemes.id,
      schemeName: scoringSchemes.name,
      staffName: users.displayName,
      decidedByName: decider.displayName,
    })
    .from(bottomFlags)
    .innerJoin(performancePeriods, eq(performancePeriods.id, bottomFlags.periodId))
    .innerJoin(scoringSchemes, eq(scoringSchemes.id, performancePeriods.schemeId))
    .innerJoin(users, eq(users.id, bottomFlags.staffId))
    .leftJoin(decider, eq(decider.id, bottomFlags.decidedBy))
    .where(where)
    .orderBy(desc(performancePeriods.closedAt), bottomFlags.rank)
    .limit(500);
}

export const flagRowsOfPeriod = (db: DbOrTx, periodId: string) => db.select().from(bottomFlags).where(eq(bottomFlags.periodId, periodId));

/** A period's key and scheme. */
export async function periodKeyOf(db: DbOrTx, periodId: string) {
  const [row] = await db
    .select({ period: performancePeriods.period, schemeId: performancePeriods.schemeId })
    .from(performancePeriods)
    .where(eq(performancePeriods.id, periodId));
  return row;
}

export async function lockFlag(db: DbOrTx, id: string) {
  const [row] = await db.select().from(bottomFlags).where(eq(bottomFlags.id, id)).for('update');
  return row;
}

export async function updateFlag(db: DbOrTx, id: string, changes: Partial<typeof bottomFlags.$inferInsert>) {
  await db.update(bottomFlags).set(changes).where(eq(bottomFlags.id, id));
}

export async function updateFlagReturning(db: DbOrTx, id: string, changes: Partial<typeof bottomFlags.$inferInsert>) {
  const [row] = await db.update(bottomFlags).set(changes).where(eq(bottomFlags.id, id)).returning();
  return row;
}
