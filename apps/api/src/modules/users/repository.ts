import type { Role } from '@crm/shared';
import { signInFailures, users, type DbOrTx } from '@crm/db';
import { and, arrayContains, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';

export type UserRow = typeof users.$inferSelect & { lockedUntil: Date | null };

/** The latest sign-in lock still running on the user from any address (locks hold per address). */
const lockedUntil = (now: Date) =>
  sql<Date | null>`(select max(${signInFailures.lockedUntil}) from ${signInFailures} where ${signInFailures.userId} = ${users.id} and ${signInFailures.lockedUntil} > ${now.toISOString()}::timestamptz)`.mapWith(
    (v: string | Date | null) => (v === null ? null : new Date(v)),
  );

// LIKE wildcards in a search are literal characters, not patterns.
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(db: DbOrTx, q: { q?: string; role?: Role; limit: number; after?: string }, now: Date): Promise<UserRow[]> {
  const where = and(
    q.q ? or(ilike(users.username, `%${likeEscape(q.q)}%`), ilike(users.displayName, `%${likeEscape(q.q)}%`)) : undefined,
    q.role ? arrayContains(users.roles, [q.role]) : undefined,
    q.after ? gt(users.username, q.after) : undefined,
  );
  const rows = await db
    .select({ user: users, lockedUntil: lockedUntil(now) })
    .from(users)
    .where(where)
    .orderBy(asc(users.username))
    .limit(q.limit + 1);
  return rows.map((r) => ({ ...r.user, lockedUntil: r.lockedUntil }));
}

export async function findUser(db: DbOrTx, id: string, now: Date): Promise<UserRow | null> {
  const [row] = await db
    .select({ user: users, lockedUntil: lockedUntil(now) })
    .from(users)
    .where(eq(users.id, id));
  return row ? { ...row.user, lockedUntil: row.lockedUntil } : null;
}

export async function directory(db: DbOrTx) {
  return db.select({ id: users.id, displayName: users.displayName, roles: users.roles, active: users.active }).from(users).orderBy(asc(users.displayName));
}

export async function usernameTaken(db: DbOrTx, username: string): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return !!existing;
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

/** The first admin, unless another instance starting on the same new database wrote it first (then null). */
export async function insertFirstAdmin(db: DbOrTx, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning({ id: users.id });
  return row ?? null;
}

export async function insertUser(db: DbOrTx, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row ?? null;
}

/** Writes the user only at the version the caller read (null: someone else saved it first). */
export async function updateUser(db: DbOrTx, id: string, version: number, set: Partial<typeof users.$inferInsert>) {
  const [row] = await db
    .update(users)
    .set(set)
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return row ?? null;
}

export async function setLastLogin(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id));
}

export async function setOwnPassword(db: DbOrTx, id: string, passwordHash: string, now: Date) {
  const [updated] = await db
    .update(users)
    .set({ passwordHash, mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: now })
    .where(eq(users.id, id))
    .returning();
  return updated ?? null;
}
