import { leadClockHistory, leadFeedbacks, leadJudgements, leads, users, workCalendar, zoneClockRules, zones, type DbOrTx } from '@crm/db';
import { and, asc, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';

/** The queries of clock rules, the working calendar, judgements, feedback and ended clocks. */

export async function findZoneRules(db: DbOrTx, zoneId: string) {
  const [row] = await db.select().from(zoneClockRules).where(eq(zoneClockRules.zoneId, zoneId));
  return row ?? null;
}

/** The calendar's exceptions between two days (both included). */
export async function calendarBetween(db: DbOrTx, from: string, to: string) {
  return db
    .select({ day: workCalendar.day, working: workCalendar.working })
    .from(workCalendar)
    .where(and(gte(workCalendar.day, from), lte(workCalendar.day, to)));
}

export async function insertClockHistory(db: DbOrTx, values: typeof leadClockHistory.$inferInsert) {
  await db.insert(leadClockHistory).values(values);
}

export async function judgementsOf(db: DbOrTx, leadId: string) {
  const judgedBy = users;
  return db
    .select({ j: leadJudgements, name: judgedBy.displayName })
    .from(leadJudgements)
    .innerJoin(judgedBy, eq(judgedBy.id, leadJudgements.judgedBy))
    .where(eq(leadJudgements.leadId, leadId))
    .orderBy(desc(leadJudgements.judgedAt));
}

export async function feedbacksOf(db: DbOrTx, leadId: string) {
  return db
    .select({ f: leadFeedbacks, name: users.displayName })
    .from(leadFeedbacks)
    .innerJoin(users, eq(users.id, leadFeedbacks.givenBy))
    .where(eq(leadFeedbacks.leadId, leadId))
    .orderBy(desc(leadFeedbacks.createdAt));
}

export async function clockHistoryOf(db: DbOrTx, leadId: string) {
  return db
    .select({ h: leadClockHistory, name: users.displayName })
    .from(leadClockHistory)
    .innerJoin(users, eq(users.id, leadClockHistory.ownerId))
    .where(eq(leadClockHistory.leadId, leadId))
    .orderBy(asc(leadClockHistory.metAt));
}

export async function insertJudgement(db: DbOrTx, values: typeof leadJudgements.$inferInsert) {
  const [row] = await db.insert(leadJudgements).values(values).returning({ id: leadJudgements.id });
  return row ?? null;
}

export async function latestJudgement(db: DbOrTx, leadId: string) {
  const [latest] = await db.select().from(leadJudgements).where(eq(leadJudgements.leadId, leadId)).orderBy(desc(leadJudgements.judgedAt)).limit(1);
  return latest ?? null;
}

export async function insertFeedback(db: DbOrTx, values: typeof leadFeedbacks.$inferInsert) {
  const [row] = await db.insert(leadFeedbacks).values(values).returning({ id: leadFeedbacks.id });
  return row ?? null;
}

/** Every zone with its own rules (if any) and their responsible manager's name. */
export async function zonesWithRules(db: DbOrTx) {
  return db
    .select({ zone: zones, rules: zoneClockRules, managerName: users.displayName })
    .from(zones)
    .leftJoin(zoneClockRules, eq(zoneClockRules.zoneId, zones.id))
    .leftJoin(users, eq(users.id, zoneClockRules.managerId))
    .orderBy(asc(zones.name), asc(zones.id));
}

export async function findZoneId(db: DbOrTx, id: string) {
  const [zone] = await db.select({ id: zones.id }).from(zones).where(eq(zones.id, id));
  return zone ?? null;
}

export async function findUserRoles(db: DbOrTx, id: string) {
  const [user] = await db.select({ id: users.id, roles: users.roles, active: users.active }).from(users).where(eq(users.id, id));
  return user ?? null;
}

/** Locks the zone's rules row, if it has one. */
export async function lockZoneRules(db: DbOrTx, zoneId: string) {
  const [row] = await db.select().from(zoneClockRules).where(eq(zoneClockRules.zoneId, zoneId)).for('update');
  return row ?? null;
}

type RulesValues = Omit<typeof zoneClockRules.$inferInsert, 'zoneId' | 'version'>;

export async function updateZoneRules(db: DbOrTx, zoneId: string, values: RulesValues) {
  await db
    .update(zoneClockRules)
    .set({ ...values, version: sql`${zoneClockRules.version} + 1` })
    .where(eq(zoneClockRules.zoneId, zoneId));
}

export async function insertZoneRules(db: DbOrTx, zoneId: string, values: RulesValues) {
  await db.insert(zoneClockRules).values({ zoneId, ...values });
}

export async function calendarOfYear(db: DbOrTx, year: number) {
  return db
    .select()
    .from(workCalendar)
    .where(and(gte(workCalendar.day, `${year}-01-01`), lte(workCalendar.day, `${year}-12-31`)))
    .orderBy(asc(workCalendar.day));
}

export async function findCalendarDay(db: DbOrTx, day: string) {
  const [row] = await db.select().from(workCalendar).where(eq(workCalendar.day, day));
  return row ?? null;
}

export async function upsertCalendarDay(db: DbOrTx, day: { day: string; working: boolean; note: string | null }) {
  await db
    .insert(workCalendar)
    .values(day)
    .onConflictDoUpdate({ target: workCalendar.day, set: { working: day.working, note: day.note } });
}

/** Deletes a calendar exception; the row deleted, or null when there was none. */
export async function deleteCalendarDay(db: DbOrTx, day: string) {
  const [before] = await db.delete(workCalendar).where(eq(workCalendar.day, day)).returning();
  return before ?? null;
}

/**
 * Running, due-today, overdue and escalated clocks grouped by owner, zone and phase: one grouped, index-only pass
 * over the running clocks (leads_clock_due_idx). A lead lapsed into the public pool is nobody's to be late on.
 */
export async function overdueCounts(db: DbOrTx, at: { now: Date; endOfToday: Date; dayAgo: Date; zoneId?: string }) {
  const { now, endOfToday, dayAgo } = at;
  const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  return db
    .select({
      ownerId: leads.ownerId,
      zoneId: leads.zoneId,
      phase: leads.clockPhase,
      running: sql<number>`count(*)::int`,
      dueToday: sql<number>`(count(*) filter (where ${leads.clockDueAt} > ${ts(now)} and ${leads.clockDueAt} <= ${ts(endOfToday)}))::int`,
      overdue: sql<number>`(count(*) filter (where ${leads.clockDueAt} <= ${ts(now)}))::int`,
      escalated: sql<number>`(count(*) filter (where ${leads.clockDueAt} <= ${ts(dayAgo)}))::int`,
    })
    .from(leads)
    .where(and(sql`${leads.clockDueAt} is not null`, sql`${leads.protectionExpiresAt} >= ${ts(now)}`, at.zoneId ? eq(leads.zoneId, at.zoneId) : undefined))
    .groupBy(leads.ownerId, leads.zoneId, leads.clockPhase);
}

export async function userNames(db: DbOrTx, ids: string[]) {
  return db.select({ id: users.id, name: users.displayName }).from(users).where(sql`${users.id} in ${ids}`);
}

export async function zoneNames(db: DbOrTx) {
  return db.select({ id: zones.id, name: zones.name }).from(zones);
}

/**
 * Time-to-respond and time-to-judge medians and on-time counts per person, for clocks that ended in [start, end);
 * only `ownerId`'s row when given.
 */
export async function timingRows(db: DbOrTx, range: { start: Date; end: Date; ownerId?: string }) {
  const hours = sql`extract(epoch from (${leadClockHistory.metAt} - ${leadClockHistory.startedAt})) / 3600.0`;
  return db
    .select({
      ownerId: leadClockHistory.ownerId,
      ownerName: users.displayName,
      respond: sql<string | null>`percentile_cont(0.5) within group (order by ${hours}) filter (where ${leadClockHistory.phase} = 'respond')`,
      judge: sql<string | null>`percentile_cont(0.5) within group (order by ${hours}) filter (where ${leadClockHistory.phase} = 'judge')`,
      met: sql<number>`count(*)::int`,
      onTime: sql<number>`(count(*) filter (where ${leadClockHistory.onTime}))::int`,
    })
    .from(leadClockHistory)
    .innerJoin(users, eq(users.id, leadClockHistory.ownerId))
    .where(
      and(
        gte(leadClockHistory.metAt, range.start),
        lt(leadClockHistory.metAt, range.end),
        range.ownerId ? eq(leadClockHistory.ownerId, range.ownerId) : undefined,
      ),
    )
    .groupBy(leadClockHistory.ownerId, users.displayName)
    .orderBy(asc(users.displayName));
}
