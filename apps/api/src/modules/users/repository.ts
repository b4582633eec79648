import { users, type DbOrTx } from '@crm/db';
import { and, arrayContains, asc, eq, gt, ilike, or } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect;

export async function listUsers(db: DbOrTx, q: { q?: string; role?: string; limit: number; after?: string }) {
  const where = and(
    q.q ? or(ilike(users.username, `%${q.q}%`), ilike(users.displayName, `%${q.q}%`)) : undefined,
    q.role ? arrayContains(users.roles, [q.role]) : undefined,
    q.after ? gt(users.username, q.after) : undefined,
  );
  return db.select().from(users).where(where).orderBy(asc(users.username)).limit(q.limit + 1);
}

export async function findUser(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function directory(db: DbOrTx) {
  return db
    .select({ id: users.id, displayName: users.displayName, roles: users.roles, active: users.active })
    .from(users)
    .orderBy(asc(users.displayName));
}
