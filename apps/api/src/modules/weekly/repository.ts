import { activities, leadClockHistory, leadFeedbacks, leadJudgements, leads, projects, users, weeklyReports, zones, type DbOrTx } from '@crm/db';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';

/** A week as dates (`from`, `to`, inclusive) and as the instants it starts and ends in the zone's time. */
type Week = { from: string; to: string; start: Date; end: Date };
export type WeeklyRow = typeof weeklyReports.$inferSelect;

/**
 * The grouped counts behind a week's figures for any number of people: leads entered, activities they took part in
 * (by kind), judgements and feedback recorded, clocks met (on time or late), the clocks of their leads overdue now,
 * projects signed. `zoneId` counts only leads of that zone.
 */
export async function figureCounts(db: DbOrTx, userIds: string[], span: Week, now: Date, zoneId?: string) {
  const inZone = zoneId ? eq(leads.zoneId, zoneId) : undefined;
  const [created, acts, judged, fed, clocks, overdue, signed] = await Promise.all([
    db
      .select({ u: leads.createdBy, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(and(inArray(leads.createdBy, userIds), gte(leads.createdAt, span.start), lt(leads.createdAt, span.end), inZone))
      .groupBy(leads.createdBy),
    db
      .select({ u: sql<string>`s.staff_id`, kind: sql<string>`a.kind`, n: sql<number>`count(*)::int` })
      .from(sql`${activities} a cross join lateral unnest(a.staff_ids) as s(staff_id) join ${leads} l on l.id = a.lead_id`)
      .where(sql`a.occurred_on between ${span.from}::date and ${span.to}::date and s.staff_id in ${userIds} ${zoneId ? sql`and l.zone_id = ${zoneId}` : sql``}`)
      .groupBy(sql`s.staff_id`, sql`a.kind`),
    db
      .select({ u: leadJudgements.judgedBy, n: sql<number>`count(*)::int` })
      .from(leadJudgements)
      .innerJoin(leads, eq(leads.id, leadJudgements.leadId))
      .where(and(inArray(leadJudgements.judgedBy, userIds), gte(leadJudgements.judgedAt, span.start), lt(leadJudgements.judgedAt, span.end), inZone))
      .groupBy(leadJudgements.judgedBy),
    db
      .select({ u: leadFeedbacks.givenBy, n: sql<number>`count(*)::int` })
      .from(leadFeedbacks)
      .innerJoin(leads, eq(leads.id, leadFeedbacks.leadId))
      .where(and(inArray(leadFeedbacks.givenBy, userIds), gte(leadFeedbacks.createdAt, span.start), lt(leadFeedbacks.createdAt, span.end), inZone))
      .groupBy(leadFeedbacks.givenBy),
    db
      .select({ u: leadClockHistory.ownerId, onTime: leadClockHistory.onTime, n: sql<number>`count(*)::int` })
      .from(leadClockHistory)
      .where(
        and(
          inArray(leadClockHistory.ownerId, userIds),
          gte(leadClockHistory.metAt, span.start),
          lt(leadClockHistory.metAt, span.end),
          zoneId ? eq(leadClockHistory.zoneId, zoneId) : undefined,
        ),
      )
      .groupBy(leadClockHistory.ownerId, leadClockHistory.onTime),
    db
      .select({ u: leads.ownerId, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(
        and(
          inArray(leads.ownerId, userIds),
          isNotNull(leads.clockDueAt),
          lte(leads.clockDueAt, now),
          sql`${leads.protectionExpiresAt} >= ${now.toISOString()}::timestamptz`,
          inZone,
        ),
      )
      .groupBy(leads.ownerId),
    db
      .select({ u: projects.ownerId, n: sql<number>`count(*)::int` })
      .from(projects)
      .where(
        and(
          inArray(projects.ownerId, userIds),
          gte(projects.signedOn, span.from),
          lte(projects.signedOn, span.to),
          zoneId ? eq(projects.zoneId, zoneId) : undefined,
        ),
      )
      .groupBy(projects.ownerId),
  ]);
  return { created, acts, judged, fed, clocks, overdue, signed };
}

/** The activities a person took part in during the week (the draft's list). */
export async function activitiesOf(db: DbOrTx, userId: string, span: Week) {
  return db
    .select({
      leadId: activities.leadId,
      companyName: leads.companyName,
      kind: activities.kind,
      occurredOn: activities.occurredOn,
      summary: activities.summary,
    })
    .from(activities)
    .innerJoin(leads, eq(leads.id, activities.leadId))
    .where(and(sql`${userId}::uuid = any(${activities.staffIds})`, gte(activities.occurredOn, span.from), lte(activities.occurredOn, span.to)))
    .orderBy(asc(activities.occurredOn), asc(activities.createdAt))
    .limit(200);
}

/** The person's protected leads whose clock is overdue now. */
export async function overdueLeadsOf(db: DbOrTx, userId: string, now: Date) {
  return db
    .select({ leadId: leads.id, companyName: leads.companyName, phase: leads.clockPhase, dueAt: leads.clockDueAt })
    .from(leads)
    .where(
      and(
        eq(leads.ownerId, userId),
        isNotNull(leads.clockDueAt),
        lte(leads.clockDueAt, now),
        sql`${leads.protectionExpiresAt} >= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(leads.clockDueAt))
    .limit(50);
}

export async function findUserName(db: DbOrTx, userId: string) {
  const [user] = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, userId));
  return user ?? null;
}

export async function findReport(db: DbOrTx, userId: string, week: string): Promise<WeeklyRow | null> {
  const [row] = await db
    .select()
    .from(weeklyReports)
    .where(and(eq(weeklyReports.userId, userId), eq(weeklyReports.week, week)));
  return row ?? null;
}

/** The person's report of the week, locked for the rest of the transaction. */
export async function lockReport(db: DbOrTx, userId: string, week: string): Promise<WeeklyRow | null> {
  const [before] = await db
    .select()
    .from(weeklyReports)
    .where(and(eq(weeklyReports.userId, userId), eq(weeklyReports.week, week)))
    .for('update');
  return before ?? null;
}

type ReportValues = Pick<WeeklyRow, 'notes' | 'plans' | 'status' | 'snapshot' | 'submittedAt' | 'updatedAt'>;

export async function updateReport(db: DbOrTx, id: string, values: ReportValues) {
  await db
    .update(weeklyReports)
    .set({ ...values, version: sql`${weeklyReports.version} + 1` })
    .where(eq(weeklyReports.id, id));
}

export async function insertReport(db: DbOrTx, values: ReportValues & Pick<WeeklyRow, 'userId' | 'week' | 'createdAt'>) {
  await db.insert(weeklyReports).values(values);
}

/** Everyone who owes a weekly report: active users with the staff role. */
export async function reportingStaff(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.active, true), sql`'staff' = any(${users.roles})`))
    .orderBy(asc(users.displayName), asc(users.id));
}

export const reportsOfWeek = (db: DbOrTx, week: string, userIds: string[]) =>
  db
    .select()
    .from(weeklyReports)
    .where(and(eq(weeklyReports.week, week), inArray(weeklyReports.userId, userIds)));

/** The same, most recently updated first. */
export const reportsOfWeekByUpdate = (db: DbOrTx, week: string, userIds: string[]) => reportsOfWeek(db, week, userIds).orderBy(desc(weeklyReports.updatedAt));

export async function findZoneName(db: DbOrTx, zoneId: string) {
  const [zone] = await db.select({ name: zones.name }).from(zones).where(eq(zones.id, zoneId));
  return zone ?? null;
}
