import { savedViews, users, type DbOrTx } from '@crm/db';
import { and, asc, desc, eq, or, sql } from 'drizzle-orm';

export type ViewRow = { v: typeof savedViews.$inferSelect; ownerName: string };

const select = (db: DbOrTx) => db.select({ v: savedViews, ownerName: users.displayName }).from(savedViews).innerJoin(users, eq(users.id, savedViews.ownerId));

/** The reader's own views of a list first (by name), then the views shared with everyone. */
export async function viewsOf(db: DbOrTx, list: string, readerId: string): Promise<ViewRow[]> {
  return select(db)
    .where(and(eq(savedViews.list, list), or(eq(savedViews.ownerId, readerId), eq(savedViews.shared, true))))
    .orderBy(desc(sql`${savedViews.ownerId} = ${readerId}`), asc(savedViews.name), asc(savedViews.id))
    .limit(200);
}

/** Locks the view's row (not its owner's) for the rest of the transaction. */
export async function lockView(db: DbOrTx, id: string): Promise<ViewRow | null> {
  const [row] = await select(db).where(eq(savedViews.id, id)).for('update', { of: savedViews });
  return row ?? null;
}

/** Another view of the owner's on the same list with this name. */
export async function findByName(db: DbOrTx, v: { ownerId: string; list: string; name: string; exceptId?: string }) {
  const [clash] = await db
    .select({ id: savedViews.id })
    .from(savedViews)
    .where(
      and(
        eq(savedViews.ownerId, v.ownerId),
        eq(savedViews.list, v.list),
        eq(savedViews.name, v.name),
        v.exceptId ? sql`${savedViews.id} <> ${v.exceptId}` : undefined,
      ),
    );
  return clash ?? null;
}

export async function insertView(db: DbOrTx, values: typeof savedViews.$inferInsert) {
  const [v] = await db.insert(savedViews).values(values).returning();
  return v ?? null;
}

export async function updateView(db: DbOrTx, id: string, set: Partial<typeof savedViews.$inferInsert>) {
  const [v] = await db.update(savedViews).set(set).where(eq(savedViews.id, id)).returning();
  return v ?? null;
}

export async function deleteView(db: DbOrTx, id: string) {
  await db.delete(savedViews).where(eq(savedViews.id, id));
}
