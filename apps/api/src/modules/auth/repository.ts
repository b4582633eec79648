import { refreshTokens, sessions, signInFailures, users, type DbOrTx } from '@crm/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';

type UserRow = typeof users.$inferSelect;
type Where = { userId: string; address: string };

/**
 * Takes the next numbered sign-in slot of a user at an address with one atomic upsert, so parallel guesses count
 * exactly like sequential ones; returns the slot's number and any lock still on it.
 */
export async function takeSignInSlot(db: DbOrTx, { userId, address }: Where, now: Date) {
  const [slot] = await db
    .insert(signInFailures)
    .values({ userId, address, attempts: 1, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: [signInFailures.userId, signInFailures.address],
      set: {
        // A lock that has run out starts the count again.
        attempts: sql`case when ${signInFailures.lockedUntil} <= ${now.toISOString()}::timestamptz then 1 else ${signInFailures.attempts} + 1 end`,
        lockedUntil: sql`case when ${signInFailures.lockedUntil} <= ${now.toISOString()}::timestamptz then null else ${signInFailures.lockedUntil} end`,
        updatedAt: now,
      },
    })
    .returning({ attempts: signInFailures.attempts, lockedUntil: signInFailures.lockedUntil });
  return slot ?? null;
}

export async function lockSignIn(db: DbOrTx, { userId, address }: Where, lockedUntil: Date, now: Date) {
  await db
    .update(signInFailures)
    .set({ lockedUntil, updatedAt: now })
    .where(and(eq(signInFailures.userId, userId), eq(signInFailures.address, address)));
}

/** The count (and lock) of one address, after it got the password right. */
export async function clearSignInFailures(db: DbOrTx, { userId, address }: Where) {
  await db.delete(signInFailures).where(and(eq(signInFailures.userId, userId), eq(signInFailures.address, address)));
}

/** Every sign-in lock on the user, from every address. */
export async function clearAllSignInFailures(db: DbOrTx, userId: string) {
  await db.delete(signInFailures).where(eq(signInFailures.userId, userId));
}

export async function insertSession(db: DbOrTx, values: Pick<typeof sessions.$inferInsert, 'userId' | 'expiresAt' | 'address' | 'userAgent' | 'createdAt'>) {
  const [session] = await db.insert(sessions).values(values).returning({ id: sessions.id });
  return session ?? null;
}

export async function insertRefreshToken(
  db: DbOrTx,
  values: Pick<typeof refreshTokens.$inferInsert, 'userId' | 'sessionId' | 'tokenHash' | 'expiresAt' | 'createdAt'>,
) {
  await db.insert(refreshTokens).values(values);
}

/** Ends the user's live sessions and revokes their refresh tokens; returns the sessions ended. */
export async function endSessionsOfUser(db: DbOrTx, userId: string, reason: string, now: Date) {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
  return ended;
}

export async function endSession(db: DbOrTx, sessionId: string, reason: string, now: Date) {
  await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.sessionId, sessionId), isNull(refreshTokens.revokedAt)));
}

/** Claims a live token by revoking it (null: revoked, expired or unknown). */
export async function claimRefreshToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [claimed] = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, now)))
    .returning();
  return claimed ?? null;
}

/** What is known of a token that could not be claimed: its session, whether it was revoked and whether its session ended. */
export async function refreshTokenState(db: DbOrTx, tokenHash: string) {
  const [known] = await db
    .select({ sessionId: refreshTokens.sessionId, userId: refreshTokens.userId, revokedAt: refreshTokens.revokedAt, endedAt: sessions.endedAt })
    .from(refreshTokens)
    .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return known ?? null;
}

/** The session, if still live, with its user. */
export async function liveSessionWithUser(db: DbOrTx, sessionId: string, now: Date) {
  const [row] = await db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)));
  return row ?? null;
}

export async function markRefreshed(db: DbOrTx, sessionId: string, now: Date) {
  await db.update(sessions).set({ refreshedAt: now }).where(eq(sessions.id, sessionId));
}

export async function refreshTokenWithUser(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ token: refreshTokens, user: users })
    .from(refreshTokens)
    .innerJoin(users, eq(users.id, refreshTokens.userId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return row ?? null;
}

export async function userByUsername(db: DbOrTx, username: string): Promise<UserRow | null> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return user ?? null;
}

export async function userById(db: DbOrTx, id: string): Promise<UserRow | null> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}
