import { industries, notifications, userIndustries, users, type DbOrTx } from '@crm/db';
import { and, arrayContains, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';

/** The inbox's queries: the only place in the module that speaks SQL. */

type NewRow = typeof notifications.$inferInsert;

/** Inserts messages; a row the unique key (user, kind, subject, key) already holds is not written. */
export const insertNotifications = (db: DbOrTx, rows: NewRow[]) =>
  db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.userId, notifications.kind, notifications.subjectId, notifications.key] })
    .returning({ id: notifications.id });

/** The user, if they are an active manager. */
export async function activeManager(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true), arrayContains(users.roles, ['manager'])));
  return row;
}

export const activeManagers = (db: DbOrTx) =>
  db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`'manager' = any(${users.roles})`));

/** A user's messages under the filters (unread, the keyset), newest first, `limit` of them. */
export const messagesOf = (db: DbOrTx, userId: string, filters: (SQL | undefined)[], limit: number) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), ...filters))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function findMessage(db: DbOrTx, id: string) {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

export async function markRead(db: DbOrTx, id: string, at: Date) {
  const [row] = await db.update(notifications).set({ readAt: at }).where(eq(notifications.id, id)).returning();
  return row;
}

/** Marks all a user's unread messages read; the ids marked. */
export const markAllRead = (db: DbOrTx, userId: string, at: Date) =>
  db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });

export const industriesFollowed = (db: DbOrTx, userId: string) =>
  db
    .select({ id: industries.id, name: industries.name })
    .from(userIndustries)
    .innerJoin(industries, eq(industries.id, userIndustries.industryId))
    .where(eq(userIndustries.userId, userId))
    .orderBy(industries.name);

export const industryIdsIn = (db: DbOrTx, ids: string[]) => db.select({ id: industries.id }).from(industries).where(inArray(industries.id, ids));

export const followedIndustryIds = (db: DbOrTx, userId: string) =>
  db.select({ id: userIndustries.industryId }).from(userIndustries).where(eq(userIndustries.userId, userId));

/** Replaces the industries a user follows. */
export async function setFollowedIndustries(db: DbOrTx, userId: string, industryIds: string[]) {
  await db.delete(userIndustries).where(eq(userIndustries.userId, userId));
  if (industryIds.length) await db.insert(userIndustries).values(industryIds.map((industryId) => ({ userId, industryId })));
}
