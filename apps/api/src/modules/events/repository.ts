import { activities, leads, projects, promotionEvents, users, zones, type DbOrTx } from '@crm/db';
import { and, asc, desc, eq, ilike, inArray, isNull, sql } from 'drizzle-orm';

type EventRow = typeof promotionEvents.$inferSelect;

/** Per event, counted on the leads that name it: leads, their visits and inspections, signed projects and their contract investment. */
export async function returnCounts(db: DbOrTx, ids: string[]) {
  const [leadCounts, visitCounts, signed] = await Promise.all([
    db
      .select({ eventId: leads.sourceEventId, n: sql<number>`count(*)::int` })
      .from(leads)
      .where(inArray(leads.sourceEventId, ids))
      .groupBy(leads.sourceEventId),
    db
      .select({ eventId: leads.sourceEventId, n: sql<number>`count(*)::int` })
      .from(activities)
      .innerJoin(leads, eq(leads.id, activities.leadId))
      .where(and(inArray(leads.sourceEventId, ids), inArray(activities.kind, ['visit', 'inspection'])))
      .groupBy(leads.sourceEventId),
    db
      .select({ eventId: leads.sourceEventId, n: sql<number>`count(*)::int`, fen: sql<string>`coalesce(sum(${projects.contractInvestmentFen}), 0)::text` })
      .from(projects)
      .innerJoin(leads, eq(leads.id, projects.leadId))
      .where(inArray(leads.sourceEventId, ids))
      .groupBy(leads.sourceEventId),
  ]);
  return { leadCounts, visitCounts, signed };
}

/** Events with their zone's name, newest first (at most 1000): one event, or those of a zone and/or matching a name. */
export async function eventRows(db: DbOrTx, by: { id: string } | { zoneId?: string; q?: string }) {
  const where =
    'id' in by
      ? eq(promotionEvents.id, by.id)
      : and(
          by.zoneId ? eq(promotionEvents.zoneId, by.zoneId) : undefined,
          by.q ? ilike(promotionEvents.name, `%${by.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        );
  return db
    .select({ e: promotionEvents, zoneName: zones.name })
    .from(promotionEvents)
    .leftJoin(zones, eq(zones.id, promotionEvents.zoneId))
    .where(where)
    .orderBy(desc(promotionEvents.heldOn), desc(promotionEvents.id))
    .limit(1000);
}

export const userNames = (db: DbOrTx, ids: string[]) => db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));

/** Every event, for the ranking by return. */
export const allEventCosts = (db: DbOrTx) =>
  db.select({ id: promotionEvents.id, costFen: promotionEvents.costFen, heldOn: promotionEvents.heldOn }).from(promotionEvents);

/** The leads that name the event, with their first project. */
export async function eventLeads(db: DbOrTx, eventId: string) {
  const owner = users;
  return (
    db
      .select({
        id: leads.id,
        companyName: leads.companyName,
        stage: leads.stage,
        ownerName: owner.displayName,
        estimatedInvestmentFen: leads.estimatedInvestmentFen,
        visits: sql<number>`(select count(*)::int from ${activities} a where a.lead_id = ${leads.id} and a.kind in ('visit', 'inspection'))`,
        contractInvestmentFen: projects.contractInvestmentFen,
        signedOn: projects.signedOn,
      })
      .from(leads)
      .innerJoin(owner, eq(owner.id, leads.ownerId))
      // The company's first project: its expansions are later projects of the same lead (issue 14).
      .leftJoin(projects, and(eq(projects.leadId, leads.id), isNull(projects.parentProjectId)))
      .where(eq(leads.sourceEventId, eventId))
      .orderBy(asc(leads.createdAt), asc(leads.id))
      .limit(500)
  );
}

export async function zoneExists(db: DbOrTx, zoneId: string): Promise<boolean> {
  const [zone] = await db.select({ id: zones.id }).from(zones).where(eq(zones.id, zoneId));
  return !!zone;
}

export const existingUsers = (db: DbOrTx, ids: string[]) => db.select({ id: users.id }).from(users).where(inArray(users.id, ids));

export async function insertEvent(db: DbOrTx, values: typeof promotionEvents.$inferInsert): Promise<EventRow | null> {
  const [row] = await db.insert(promotionEvents).values(values).returning();
  return row ?? null;
}

/** Locks the event for the rest of the transaction. */
export async function lockEvent(db: DbOrTx, id: string): Promise<EventRow | null> {
  const [before] = await db.select().from(promotionEvents).where(eq(promotionEvents.id, id)).for('update');
  return before ?? null;
}

/** Sets the given fields and bumps the version. */
export async function updateEvent(db: DbOrTx, id: string, changes: Record<string, unknown>, updatedAt: Date): Promise<EventRow | null> {
  const [after] = await db
    .update(promotionEvents)
    .set({ ...changes, version: sql`${promotionEvents.version} + 1`, updatedAt })
    .where(eq(promotionEvents.id, id))
    .returning();
  return after ?? null;
}
