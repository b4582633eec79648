import { createHash, randomBytes } from 'node:crypto';
import type { Db, DbOrTx, Tx, users } from '@crm/db';
import { type ChangePasswordBody, invalid, notSaved, problem, type SessionUser, zoneDateTime } from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import type { Actor, AppConfig } from '../../lib/context.ts';
import { forgetOldKeys } from '../../plugins/idempotency.ts';
import { recordSignIn, setOwnPassword } from '../users/service.ts';
import { passwordProblem } from './password-policy.ts';
import { dummyVerify, hashPassword, verifyPassword } from './passwords.ts';
import * as repo from './repository.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Signs an access token of a session (the JWT plugin's key and claims, stamped by the app's clock). */
type SignAccessToken = (user: { id: string; username: string }, sessionId: string) => string;
type Deps = { db: Db; config: AppConfig; requestId: string; now: Date; signAccessToken: SignAccessToken };
/** Who is knocking: the client address (request.ip, which honours TRUST_PROXY) and what their browser calls itself. */
export type Client = { address: string; userAgent: string | null };
type UserRow = typeof users.$inferSelect;

/** Why a session ended, kept on the row and in the audit trail. */
export type EndReason = 'logout' | 'password_changed' | 'password_reset' | 'deactivated' | 'roles_removed' | 'refresh_reuse';

type StartedSession = { user: SessionUser; sessionId: string; refreshToken: string; refreshExpiresAt: Date };
/** A started session with its first access token: what a sign-in, a refresh or a password change answers. */
export type SignedIn = StartedSession & { accessToken: string; expiresIn: number };

const signed = (deps: Deps, started: StartedSession): SignedIn => ({
  ...started,
  accessToken: deps.signAccessToken(started.user, started.sessionId),
  expiresIn: deps.config.accessTokenTtlSeconds,
});

const sessionUser = (u: Pick<UserRow, 'id' | 'username' | 'displayName' | 'roles' | 'mustChangePassword'>): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  mustChangePassword: u.mustChangePassword,
});
const actorOf = (u: UserRow): Actor => ({ id: u.id, username: u.username, displayName: u.displayName, roles: u.roles });
const WRONG = () => problem('SIGN_IN_WRONG');

/**
 * Checks a password of a known account for one client address, counting failures so that parallel guesses count
 * exactly like sequential ones (issue 9): every attempt first takes a numbered slot with one atomic upsert, before
 * the slow hash is checked. Slot `lockAfter` failing locks this address out of this account for `lockMinutes`; a
 * slot beyond it is refused unheard. Another address is not affected, so nobody can lock a colleague out.
 */
async function checkPassword(deps: Deps, user: UserRow, password: string, client: Client): Promise<boolean> {
  const { db, config, now } = deps;
  const slot = await repo.takeSignInSlot(db, { userId: user.id, address: client.address }, now);
  if (!slot) throw notSaved('sign-in');
  if (slot.lockedUntil && slot.lockedUntil > now) {
    throw problem('SIGN_IN_LOCKED_UNTIL', { until: zoneDateTime(slot.lockedUntil, config.timeZone) }, { lockedUntil: slot.lockedUntil.toISOString() });
  }
  if (slot.attempts > config.login.lockAfter) {
    throw problem('SIGN_IN_BUSY');
  }
  if (await verifyPassword(user.passwordHash, password)) return true;

  const locks = slot.attempts === config.login.lockAfter;
  const lockedUntil = locks ? new Date(now.getTime() + config.login.lockMinutes * 60_000) : null;
  await db.transaction(async (tx) => {
    if (lockedUntil) {
      await repo.lockSignIn(tx, { userId: user.id, address: client.address }, lockedUntil, now);
    }
    await audit(
      tx,
      { actor: null, requestId: deps.requestId },
      {
        action: locks ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures: slot.attempts, address: client.address, lockedUntil: lockedUntil?.toISOString() ?? null },
      },
    );
  });
  if (lockedUntil) {
    throw problem(
      'SIGN_IN_LOCKED_NOW',
      { minutes: config.login.lockMinutes },
      {
        lockedUntil: lockedUntil.toISOString(),
      },
    );
  }
  return false;
}

/** Opens a session and its first refresh token (inside the caller's transaction). */
async function openSession(tx: Tx, config: AppConfig, user: UserRow, client: Client, now: Date): Promise<StartedSession> {
  const expiresAt = new Date(now.getTime() + config.sessionMaxDays * 86_400_000);
  const session = await repo.insertSession(tx, {
    userId: user.id,
    expiresAt,
    address: client.address,
    userAgent: client.userAgent?.slice(0, 256) ?? null,
    createdAt: now,
  });
  if (!session) throw notSaved('session');
  const refresh = await issueRefreshToken(tx, config, user.id, session.id, expiresAt, now);
  return { user: sessionUser(user), sessionId: session.id, refreshToken: refresh.token, refreshExpiresAt: refresh.expiresAt };
}

async function issueRefreshToken(tx: Tx, config: AppConfig, userId: string, sessionId: string, sessionExpiresAt: Date, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const idle = new Date(now.getTime() + config.refreshTokenTtlDays * 86_400_000);
  const expiresAt = idle < sessionExpiresAt ? idle : sessionExpiresAt;
  await repo.insertRefreshToken(tx, { userId, sessionId, tokenHash: sha256(token), expiresAt, createdAt: now });
  return { token, expiresAt };
}

/** Ends every live session of a user (their access tokens fail on the next request) and revokes their refresh tokens. */
export async function endAllSessions(tx: DbOrTx, userId: string, reason: EndReason, now: Date): Promise<number> {
  const ended = await repo.endSessionsOfUser(tx, userId, reason, now);
  return ended.length;
}

async function endSession(tx: DbOrTx, sessionId: string, reason: EndReason, now: Date): Promise<void> {
  await repo.endSession(tx, sessionId, reason, now);
}

/** Lifts every sign-in lock on the user, from every address (an admin unlocks an account). */
export async function liftSignInLocks(tx: DbOrTx, userId: string): Promise<void> {
  await repo.clearAllSignInFailures(tx, userId);
}

/** Signs in: the password is checked with per-address counting (checkPassword), then a session starts. */
export async function login(deps: Deps, input: { username: string; password: string }, client: Client): Promise<SignedIn> {
  const { db, config, now } = deps;
  const user = await repo.userByUsername(db, input.username.toLowerCase());
  if (!user) {
    // Same work and the same answer as a wrong password: the answer never tells whether a username exists.
    await dummyVerify(input.password);
    throw WRONG();
  }
  if (!(await checkPassword(deps, user, input.password, client))) throw WRONG();
  if (!user.active) throw problem('ACCOUNT_INACTIVE');
  const started = await db.transaction(async (tx) => {
    await repo.clearSignInFailures(tx, { userId: user.id, address: client.address });
    await recordSignIn(tx, user.id, now);
    // Idempotency keys answer retries for a day; older ones go when their user signs in (no timer in any process).
    await forgetOldKeys(tx, user.id, new Date(now.getTime() - 86_400_000));
    const started = await openSession(tx, config, user, client, now);
    await audit(
      tx,
      { actor: actorOf(user), requestId: deps.requestId },
      {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { sessionId: started.sessionId, address: client.address },
      },
    );
    return started;
  });
  return signed(deps, started);
}

/**
 * Exchanges a refresh token for a new one of the same session (rotation). A token that was already exchanged and
 * comes back means two parties hold it, one of them a thief: its whole session (the token family) ends (ASVS 5.0
 * 7.2.4 and RFC 9700's refresh-token reuse detection).
 */
export async function refreshSession(deps: Deps, token: string): Promise<SignedIn> {
  const { db, config, now } = deps;
  const hash = sha256(token);
  const outcome = await db.transaction(async (tx) => {
    // One atomic update claims the token: of two refreshes with one token, exactly one gets the row.
    const claimed = await repo.claimRefreshToken(tx, hash, now);
    if (!claimed) {
      const known = await repo.refreshTokenState(tx, hash);
      if (known?.revokedAt && !known.endedAt) {
        await endSession(tx, known.sessionId, 'refresh_reuse', now);
        await audit(
          tx,
          { actor: null, requestId: deps.requestId },
          {
            action: 'auth.refresh_reuse',
            entityType: 'user',
            entityId: known.userId,
            after: { sessionId: known.sessionId },
          },
        );
        return 'reuse' as const;
      }
      return 'unknown' as const;
    }
    const row = await repo.liveSessionWithUser(tx, claimed.sessionId, now);
    if (!row) return 'unknown' as const;
    if (!row.user.active) return 'inactive' as const;
    await repo.markRefreshed(tx, row.session.id, now);
    const fresh = await issueRefreshToken(tx, config, row.user.id, row.session.id, row.session.expiresAt, now);
    return { user: sessionUser(row.user), sessionId: row.session.id, refreshToken: fresh.token, refreshExpiresAt: fresh.expiresAt };
  });
  if (outcome === 'inactive') throw problem('ACCOUNT_INACTIVE');
  if (typeof outcome === 'string') throw problem('SESSION_ENDED');
  return signed(deps, outcome);
}

/**
 * Signs out: every session of the user ends, on every device (issue 9: a person who signs out is signed out), and
 * with them every access token they were given. A token already exchanged is treated as reuse (its session ends).
 */
export async function logout(deps: Deps, token: string): Promise<void> {
  const { db, now } = deps;
  await db.transaction(async (tx) => {
    const row = await repo.refreshTokenWithUser(tx, sha256(token));
    if (!row) return;
    if (row.token.revokedAt || row.token.expiresAt <= now) {
      await endSession(tx, row.token.sessionId, 'refresh_reuse', now);
      return;
    }
    const ended = await endAllSessions(tx, row.user.id, 'logout', now);
    await audit(
      tx,
      { actor: actorOf(row.user), requestId: deps.requestId },
      { action: 'auth.logout', entityType: 'user', entityId: row.user.id, after: { sessionsEnded: ended } },
    );
  });
}

/**
 * A user changes their own password: the current one is checked like a sign-in (counted per address, so a stolen
 * access token cannot be used to guess it), the new one must pass the policy, every session ends (ASVS 5.0 7.4.3),
 * and a fresh one starts for the person who changed it.
 */
export async function changePassword(deps: Deps, actor: Actor, input: z.infer<typeof ChangePasswordBody>, client: Client): Promise<SignedIn> {
  const { db, config, now } = deps;
  const user = await repo.userById(db, actor.id);
  if (!user) throw problem('SESSION_ENDED');
  if (!(await checkPassword(deps, user, input.currentPassword, client))) {
    throw invalid('currentPassword', 'NOT_CURRENT_PASSWORD');
  }
  const weak = passwordProblem(input.newPassword, user.username);
  if (weak) throw invalid('newPassword', weak.code, weak.params);
  if (await verifyPassword(user.passwordHash, input.newPassword)) throw invalid('newPassword', 'SAME_PASSWORD');
  const passwordHash = await hashPassword(input.newPassword);
  const started = await db.transaction(async (tx) => {
    await repo.clearSignInFailures(tx, { userId: user.id, address: client.address });
    const updated = await setOwnPassword(tx, user.id, passwordHash, now);
    if (!updated) throw notSaved('password');
    const ended = await endAllSessions(tx, user.id, 'password_changed', now);
    const started = await openSession(tx, config, updated, client, now);
    await audit(
      tx,
      { actor, requestId: deps.requestId },
      {
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.id,
        after: { sessionsEnded: ended, sessionId: started.sessionId },
      },
    );
    return started;
  });
  return signed(deps, started);
}
