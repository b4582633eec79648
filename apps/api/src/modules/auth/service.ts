import { createHash, randomBytes } from 'node:crypto';
import { idempotencyKeys, refreshTokens, users, type Db } from '@crm/db';
import { AppError, zoneDateTime, type Role, type SessionUser } from '@crm/shared';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { audit } from '../../lib/audit.ts';
import type { AppConfig } from '../../lib/context.ts';
import { dummyVerify, verifyPassword } from './passwords.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type LoginDeps = { db: Db; config: AppConfig; requestId: string; now: () => Date };

/**
 * Checks a password with throttling: after `slowAfter` failures each answer is slowed a step more,
 * and at `lockAfter` failures the account is locked for `lockMinutes` (an admin can unlock it).
 */
export async function login(deps: LoginDeps, input: { username: string; password: string }): Promise<SessionUser> {
  const { db, config } = deps;
  const now = deps.now();
  const [user] = await db.select().from(users).where(eq(users.username, input.username.toLowerCase()));
  if (!user) {
    await dummyVerify(input.password);
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError(
      'RATE_LIMITED',
      `This account is locked after too many failed sign-ins until ${zoneDateTime(user.lockedUntil, config.timeZone)}. Wait, or ask an administrator to unlock it.`,
      { lockedUntil: user.lockedUntil.toISOString() },
    );
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) {
    // Counted in the database with one atomic increment, so failures sent at once — to one instance or to several
    // behind a load balancer — all count and the fifth locks the account (a read-then-write lost them).
    const { failures, lock, lockedUntil } = await db.transaction(async (tx) => {
      const [counted] = await tx
        .update(users)
        .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failures: users.failedLoginCount });
      const failures = counted?.failures ?? 1;
      const lock = failures >= config.login.lockAfter;
      const lockedUntil = lock ? new Date(now.getTime() + config.login.lockMinutes * 60_000) : null;
      if (lock) await tx.update(users).set({ failedLoginCount: 0, lockedUntil }).where(eq(users.id, user.id));
      await audit(tx, { actor: null, requestId: deps.requestId }, {
        action: lock ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures, lockedUntil: lockedUntil?.toISOString() ?? null },
      });
      return { failures, lock, lockedUntil };
    });
    if (failures >= config.login.slowAfter) await sleep(config.login.slowStepMs * (failures - config.login.slowAfter + 1));
    if (lock) {
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins: the account is locked for ${config.login.lockMinutes} minutes.`, {
        lockedUntil: lockedUntil?.toISOString(),
      });
    }
    throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
  }
  if (!user.active) throw new AppError('UNAUTHENTICATED', 'This account is not active. Ask an administrator.');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    // Idempotency keys answer retries for a day; older ones go when their user signs in (no timer in any process).
    await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, user.id), lt(idempotencyKeys.createdAt, new Date(now.getTime() - 86_400_000))));
    await audit(
      tx,
      { actor: { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as Role[] }, requestId: deps.requestId },
      { action: 'auth.login', entityType: 'user', entityId: user.id },
    );
  });
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as Role[] };
}

export async function issueRefreshToken(db: Db, config: AppConfig, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.refreshTokenTtlDays * 86_400_000);
  await db.insert(refreshTokens).values({ userId, tokenHash: sha256(token), expiresAt });
  return { token, expiresAt };
}

/** Exchanges a refresh token for a new one (rotation): the old one is revoked in the same transaction. */
export async function rotateRefreshToken(db: Db, config: AppConfig, token: string, now: Date) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.tokenHash, sha256(token)), isNull(refreshTokens.revokedAt), gt(refreshTokens.expiresAt, now)))
      .returning();
    if (!row) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    if (!user?.active) throw new AppError('UNAUTHENTICATED', 'This account is not active. Ask an administrator.');
    const fresh = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + config.refreshTokenTtlDays * 86_400_000);
    await tx.insert(refreshTokens).values({ userId: user.id, tokenHash: sha256(fresh), expiresAt });
    const session: SessionUser = { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles as Role[] };
    return { user: session, token: fresh, expiresAt };
  });
}

export async function revokeRefreshToken(db: Db, token: string, now: Date): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.tokenHash, sha256(token)), isNull(refreshTokens.revokedAt)));
}
