import { activities, users, type DbOrTx } from '@crm/db';
import { and, desc, eq, inArray } from 'drizzle-orm';

/** A lead's activities (or one of them), newest first, with the name of who logged each. */
export async function activitiesOf(db: DbOrTx, leadId: string, activityId?: string) {
  return db
    .select({ a: activities, createdByName: users.displayName })
    .from(activities)
    .innerJoin(users, eq(users.id, activities.createdBy))
    .where(and(eq(activities.leadId, leadId), activityId ? eq(activities.id, activityId) : undefined))
    .orderBy(desc(activities.occurredOn), desc(activities.createdAt));
}

export async function userNames(db: DbOrTx, ids: string[]) {
  return db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
}

/** Which of these users exist. */
export async function existingUserIds(db: DbOrTx, ids: string[]) {
  return db.select({ id: users.id }).from(users).where(inArray(users.id, ids));
}

export async function insertActivity(db: DbOrTx, values: typeof activities.$inferInsert) {
  const [row] = await db.insert(activities).values(values).returning();
  return row ?? null;
}
