import {
  activities,
  industries,
  jobs,
  leads,
  leadStageHistory,
  projects,
  rewardCalculations,
  serviceFeeContracts,
  userIndustries,
  users,
  zoneClockRules,
  zones,
  type Db,
  type DbOrTx,
} from '@crm/db';
import { addDays, zoneDayEnd, zoneDayStart } from '@crm/shared';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';

/** The scheduler's queries: its jobs, and what the reminders, the digest and the clock backfill read. */

export type Job = typeof jobs.$inferSelect;

/** Plans a job once: its key is unique, so a second plan of the same job (by any instance) is a no-op. */
export async function planJob(
  db: Db,
  job: { kind: string; key: string; runAt: Date; payload?: Record<string, unknown>; cursor?: Date | null; maxAttempts?: number },
) {
  await db
    .insert(jobs)
    .values({ kind: job.kind, key: job.key, runAt: job.runAt, payload: job.payload ?? {}, cursor: job.cursor ?? null, maxAttempts: job.maxAttempts ?? 5 })
    .onConflictDoNothing({ target: jobs.key });
}

/** Locks up to `limit` due jobs, passing over (SKIP LOCKED) the rows another instance is claiming this very moment. */
export async function lockDue(db: DbOrTx, now: Date, limit: number) {
  return db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.status, ['pending', 'running']), lte(jobs.runAt, now), or(isNull(jobs.lockedUntil), lte(jobs.lockedUntil, now))))
    .orderBy(asc(jobs.runAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The jobs are this instance's to run until `lockedUntil`. */
export async function lease(db: DbOrTx, ids: string[], owner: string, lockedUntil: Date, now: Date): Promise<Job[]> {
  return db
    .update(jobs)
    .set({ status: 'running', lockedUntil, lockedBy: owner, attempts: sql`${jobs.attempts} + 1`, updatedAt: now })
    .where(inArray(jobs.id, ids))
    .returning();
}

/** A recurring job done for now: it runs again at `next`, its window closed at `cursor`. Only the lease holder may. */
export async function reschedule(db: Db, job: Job, owner: string, next: Date, cursor: Date | null, now: Date) {
  await db
    .update(jobs)
    .set({ status: 'pending', runAt: next, lockedUntil: null, lockedBy: null, attempts: 0, cursor, lastError: null, finishedAt: now, updatedAt: now })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, owner)));
}

export async function complete(db: Db, job: Job, owner: string, now: Date) {
  await db
    .update(jobs)
    .set({ status: 'done', lockedUntil: null, finishedAt: now, lastError: null, updatedAt: now })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, owner)));
}

/**
 * A failed attempt is recorded, never thrown at the tick: it is tried again after a growing pause (1, 2, 4 … minutes,
 * at most an hour) until maxAttempts, then left failed with its last error for an administrator to see.
 */
export async function fail(db: Db, job: Job, owner: string, error: unknown, now: Date, recurringEveryMs?: number) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  const finalFailure = !recurringEveryMs && job.attempts >= job.maxAttempts;
  const pause = recurringEveryMs ?? Math.min(60, 2 ** Math.max(0, job.attempts - 1)) * 60_000;
  await db
    .update(jobs)
    .set({
      status: finalFailure ? 'failed' : 'pending',
      runAt: new Date(now.getTime() + pause),
      lockedUntil: null,
      lockedBy: null,
      lastError: message,
      finishedAt: finalFailure ? now : null,
      ...(recurringEveryMs ? { attempts: 0 } : {}),
      updatedAt: now,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, owner)));
}

/** The latest jobs first, for the administrators' page. */
export async function latestJobs(db: DbOrTx) {
  return db.select().from(jobs).orderBy(desc(jobs.updatedAt)).limit(200);
}

/* The reminders' scans (reminders.ts). */

const leadFields = {
  id: leads.id,
  ownerId: leads.ownerId,
  zoneId: leads.zoneId,
  companyName: leads.companyName,
  phase: leads.clockPhase,
  dueAt: leads.clockDueAt,
  isMajor: leads.isMajor,
  industryId: leads.industryId,
  protectionExpiresAt: leads.protectionExpiresAt,
  stage: leads.stage,
  stageChangedAt: leads.stageChangedAt,
  estimatedInvestmentFen: leads.estimatedInvestmentFen,
};
export type LeadRow = { [K in keyof typeof leadFields]: (typeof leads.$inferSelect)[K extends 'phase' ? 'clockPhase' : K extends 'dueAt' ? 'clockDueAt' : K] };

/** Rows matching either condition, each once (a lead both newly due and recently edited is one lead). */
async function leadsWhere(db: Db, ...conditions: (SQL | undefined)[]): Promise<LeadRow[]> {
  const seen = new Map<string, LeadRow>();
  for (const condition of conditions) {
    if (!condition) continue;
    const rows = (await db.select(leadFields).from(leads).where(condition)) as LeadRow[];
    for (const r of rows) seen.set(r.id, r);
  }
  return [...seen.values()];
}

const iso = (d: Date) => d.toISOString();

/**
 * A scan's window (from, now] in the zone `tz`: `today` and `cursorDay` are its last and first days. Leads edited since
 * the last scan (`touched`) are looked at again whatever their deadline (a new estimate or zone may have moved it into
 * the past), so no deadline slips between two windows.
 */
export type ScanWindow = { from: Date; now: Date; today: string; cursorDay: string; tz: string };

const notOwnedLapsed = (now: Date) => sql`${leads.protectionExpiresAt} >= ${iso(now)}::timestamptz`;
const touched = (from: Date) => gt(leads.updatedAt, from);

/** Deadlines that passed in the window. */
export async function overdueLeads(db: Db, { from, now }: ScanWindow) {
  return leadsWhere(
    db,
    and(isNotNull(leads.clockDueAt), gt(leads.clockDueAt, from), lte(leads.clockDueAt, now), notOwnedLapsed(now)),
    and(touched(from), isNotNull(leads.clockDueAt), lte(leads.clockDueAt, now), notOwnedLapsed(now)),
  );
}

/** Deadlines that became more than a day old (`dayAgo`) in the window. */
export async function escalatedLeads(db: Db, { from, now }: ScanWindow, day: number) {
  const dayAgo = new Date(now.getTime() - day);
  return leadsWhere(
    db,
    and(isNotNull(leads.clockDueAt), gt(leads.clockDueAt, new Date(from.getTime() - day)), lte(leads.clockDueAt, dayAgo), notOwnedLapsed(now)),
    and(touched(from), isNotNull(leads.clockDueAt), lte(leads.clockDueAt, dayAgo), notOwnedLapsed(now)),
  );
}

/**
 * Clocks whose last day is tomorrow, once a new day begins — unless the clock began today (a lead entered this
 * morning does not need a reminder of its own 1-day deadline this evening).
 */
export async function dueTomorrowLeads(db: Db, { from, now, today, cursorDay, tz }: ScanWindow) {
  const tomorrowEnd = zoneDayStart(addDays(today, 2), tz);
  const todayStart = zoneDayStart(today, tz);
  return leadsWhere(
    db,
    cursorDay < today
      ? and(
          gt(leads.clockDueAt, zoneDayStart(addDays(cursorDay, 2), tz)),
          lte(leads.clockDueAt, tomorrowEnd),
          sql`${leads.clockStartedAt} < ${iso(todayStart)}::timestamptz`,
          notOwnedLapsed(now),
        )
      : undefined,
    and(
      touched(from),
      gt(leads.clockDueAt, zoneDayStart(addDays(today, 1), tz)),
      lte(leads.clockDueAt, tomorrowEnd),
      sql`${leads.clockStartedAt} < ${iso(todayStart)}::timestamptz`,
      notOwnedLapsed(now),
    ),
  );
}

/** Open leads whose lapse day (the first unprotected day) came within a week in the window's days. */
export async function protectionEndingLeads(db: Db, { now, today, cursorDay, tz }: ScanWindow) {
  return leadsWhere(
    db,
    and(
      gt(leads.protectionExpiresAt, zoneDayStart(addDays(cursorDay, 7), tz)),
      lte(leads.protectionExpiresAt, zoneDayStart(addDays(today, 7), tz)),
      gt(leads.protectionExpiresAt, now),
      notInArray(leads.stage, ['signed', 'lost']),
    ),
  );
}

/** Leads with an industry that dropped into the public pool in the window (protection lapsed, or lost). */
export async function pooledLeads(db: Db, { from, now }: ScanWindow) {
  return leadsWhere(
    db,
    and(gt(leads.protectionExpiresAt, from), lte(leads.protectionExpiresAt, now), notInArray(leads.stage, ['signed', 'lost']), isNotNull(leads.industryId)),
    and(eq(leads.stage, 'lost'), gt(leads.stageChangedAt, from), lte(leads.stageChangedAt, now), isNotNull(leads.industryId)),
  );
}

/** Open major leads entered (or raised to major) since the last scan. */
export async function majorLeads(db: Db, { from }: ScanWindow) {
  return leadsWhere(db, and(touched(from), eq(leads.isMajor, true), notInArray(leads.stage, ['signed', 'lost'])));
}

/** The zone's responsible manager, if its rules name one. */
export async function zoneManagerId(db: DbOrTx, zoneId: string) {
  const [rule] = await db.select({ managerId: zoneClockRules.managerId }).from(zoneClockRules).where(eq(zoneClockRules.zoneId, zoneId));
  return rule?.managerId ?? null;
}

export async function userNames(db: DbOrTx, ids: string[]) {
  return db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
}

/** Active staff following these industries. */
export async function industryFollowers(db: DbOrTx, industryIds: string[]) {
  return db
    .select({ userId: userIndustries.userId, industryId: userIndustries.industryId, industryName: industries.name })
    .from(userIndustries)
    .innerJoin(users, eq(users.id, userIndustries.userId))
    .innerJoin(industries, eq(industries.id, userIndustries.industryId))
    .where(and(inArray(userIndustries.industryId, industryIds), eq(users.active, true), sql`'staff' = any(${users.roles})`));
}

/** Reward calculations submitted in (from, now] and still waiting for approval. */
export async function submittedCalculations(db: DbOrTx, from: Date, now: Date) {
  return db
    .select({
      id: rewardCalculations.id,
      makerId: rewardCalculations.makerId,
      submittedAt: rewardCalculations.submittedAt,
      kind: rewardCalculations.kind,
      dueFen: rewardCalculations.dueFen,
      projectName: projects.name,
      contractTitle: serviceFeeContracts.title,
      makerName: users.displayName,
    })
    .from(rewardCalculations)
    .innerJoin(users, eq(users.id, rewardCalculations.makerId))
    .leftJoin(projects, eq(projects.id, rewardCalculations.projectId))
    .leftJoin(serviceFeeContracts, eq(serviceFeeContracts.id, rewardCalculations.contractId))
    .where(and(eq(rewardCalculations.status, 'submitted'), gt(rewardCalculations.submittedAt, from), lte(rewardCalculations.submittedAt, now)));
}

/** Every zone with a group robot, and its digest hour. */
export async function robotZones(db: DbOrTx) {
  return db
    .select({ zoneId: zoneClockRules.zoneId, digestHour: zoneClockRules.digestHour })
    .from(zoneClockRules)
    .where(and(isNotNull(zoneClockRules.webhookUrl), ne(zoneClockRules.webhookUrl, '')));
}

/* The digest (digest.ts). */

export async function zoneRobot(db: DbOrTx, zoneId: string) {
  const [robot] = await db.select().from(zoneClockRules).where(eq(zoneClockRules.zoneId, zoneId));
  return robot ?? null;
}

export async function zoneName(db: DbOrTx, zoneId: string) {
  const [zone] = await db.select({ name: zones.name }).from(zones).where(eq(zones.id, zoneId));
  return zone ?? null;
}

const DAY = 86_400_000;

/** The zone's running clocks on `date` at `now` (a lead lapsed into the pool is nobody's to be late on): the counts and the ten most overdue. */
export async function zoneClocks(db: DbOrTx, zoneId: string, date: string, timeZone: string, now: Date) {
  const live = and(eq(leads.zoneId, zoneId), isNotNull(leads.clockDueAt), sql`${leads.protectionExpiresAt} >= ${now.toISOString()}::timestamptz`);
  const [counts] = await db
    .select({
      running: sql<number>`count(*)::int`,
      dueToday: sql<number>`(count(*) filter (where ${leads.clockDueAt} > ${now.toISOString()}::timestamptz and ${leads.clockDueAt} <= ${zoneDayEnd(date, timeZone).toISOString()}::timestamptz))::int`,
      overdue: sql<number>`(count(*) filter (where ${leads.clockDueAt} <= ${now.toISOString()}::timestamptz))::int`,
      escalated: sql<number>`(count(*) filter (where ${leads.clockDueAt} <= ${new Date(now.getTime() - DAY).toISOString()}::timestamptz))::int`,
    })
    .from(leads)
    .where(live);
  const late = await db
    .select({ companyName: leads.companyName, phase: leads.clockPhase, dueAt: leads.clockDueAt, ownerName: users.displayName })
    .from(leads)
    .innerJoin(users, eq(users.id, leads.ownerId))
    .where(and(live, lte(leads.clockDueAt, now)))
    .orderBy(asc(leads.clockDueAt), asc(leads.id))
    .limit(10);
  return { counts, late };
}

/* The clock backfill (backfill.ts). */

/** Open leads without a clock, at most `limit`. */
export async function leadsWithoutClock(db: DbOrTx, limit: number) {
  return db
    .select({ id: leads.id, stage: leads.stage })
    .from(leads)
    .where(and(isNull(leads.clockPhase), notInArray(leads.stage, ['signed', 'lost'])))
    .orderBy(asc(leads.id))
    .limit(limit);
}

/** The first activity logged on each of these leads. */
export async function firstActivities(db: DbOrTx, leadIds: string[]) {
  return db
    .select({ leadId: activities.leadId, at: sql<Date>`min(${activities.createdAt})`.mapWith((v: string | Date) => new Date(v)) })
    .from(activities)
    .where(inArray(activities.leadId, leadIds))
    .groupBy(activities.leadId);
}

/** When each of these leads first moved on from new. */
export async function firstMovesOn(db: DbOrTx, leadIds: string[]) {
  return db
    .select({ leadId: leadStageHistory.leadId, at: sql<Date>`min(${leadStageHistory.changedAt})`.mapWith((v: string | Date) => new Date(v)) })
    .from(leadStageHistory)
    .where(and(inArray(leadStageHistory.leadId, leadIds), sql`${leadStageHistory.fromStage} = 'new'`))
    .groupBy(leadStageHistory.leadId);
}
