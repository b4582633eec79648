import type { DbOrTx } from '@crm/db';
import {
  type CreateUserBody,
  fieldIssue,
  invalid,
  notFound,
  notSaved,
  problem,
  type Role,
  staleVersion,
  type UpdateUserBody,
  type User,
  type UserListQuery,
} from '@crm/shared';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, iso, pageOf } from '../../lib/cursor.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { hashPassword } from '../auth/passwords.ts';
import { endAllSessions, liftSignInLocks, type EndReason } from '../auth/service.ts';
import * as repo from './repository.ts';

export const toUser = (row: repo.UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  roles: row.roles,
  phone: row.phone,
  email: row.email,
  active: row.active,
  lockedUntil: iso(row.lockedUntil),
  mustChangePassword: row.mustChangePassword,
  lastLoginAt: iso(row.lastLoginAt),
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** What the audit log keeps of a user: never the password hash. */
const auditable = (u: User) => ({
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  phone: u.phone,
  email: u.email,
  active: u.active,
  lockedUntil: u.lockedUntil,
  mustChangePassword: u.mustChangePassword,
});

export async function listUsers({ ctx, input }: { ctx: Ctx; input: z.infer<typeof UserListQuery> & { limit: number; cursor?: string } }) {
  requireRole(ctx, ['admin'], 'manage users');
  const after = input.cursor ? decodeCursor(input.cursor, 'username')[0] : undefined;
  const rows = await repo.listUsers(ctx.db, { q: input.q, role: input.role, limit: input.limit, after }, ctx.now());
  return pageOf(rows, input.limit, toUser, (r) => [r.username, r.id]);
}

export async function userDirectory({ ctx }: { ctx: Ctx }) {
  return repo.directory(ctx.db) as Promise<{ id: string; displayName: string; roles: Role[]; active: boolean }[]>;
}

export async function createUser({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateUserBody> }): Promise<User> {
  requireRole(ctx, ['admin'], 'manage users');
  const weak = passwordProblem(input.password, input.username);
  if (weak) throw invalid('password', weak.code, weak.params);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    if (await repo.usernameTaken(tx, input.username))
      throw problem('USERNAME_TAKEN', { username: input.username }, { fields: [fieldIssue('username', 'TAKEN')] });
    const row = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      roles: [...new Set(input.roles)],
      phone: input.phone ?? null,
      email: input.email ?? null,
      // The admin chose this password and told it to someone: its owner picks their own at the first sign-in.
      mustChangePassword: true,
    });
    if (!row) throw notSaved('user');
    const user = toUser({ ...row, lockedUntil: null });
    await audit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: user.id, after: auditable(user) });
    return user;
  });
}

export async function updateUser({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateUserBody> }): Promise<User> {
  requireRole(ctx, ['admin'], 'manage users');
  if (id === ctx.actor.id) {
    if (input.active === false) throw invalid('active', 'NOT_OWN_ACCOUNT_DEACTIVATE');
    if (input.roles && !input.roles.includes('admin')) {
      throw invalid('roles', 'NOT_OWN_ADMIN_ROLE');
    }
  }
  const now = ctx.now();
  let passwordHash: string | undefined;
  if (input.password) {
    // Hashed before the transaction opens (argon2 is slow on purpose); usernames never change, so reading it first is safe.
    const target = await repo.findUser(ctx.db, id, now);
    if (!target) throw notFound('user');
    const weak = passwordProblem(input.password, target.username);
    if (weak) throw invalid('password', weak.code, weak.params);
    passwordHash = await hashPassword(input.password);
  }
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUser(tx, id, now);
    if (!before) throw notFound('user');
    const nextRoles = input.roles ? [...new Set(input.roles)] : before.roles;
    const row = await repo.updateUser(tx, id, input.version, {
      displayName: input.displayName ?? before.displayName,
      roles: nextRoles,
      phone: input.phone === undefined ? before.phone : input.phone,
      email: input.email === undefined ? before.email : input.email,
      active: input.active ?? before.active,
      // A password an admin set is known to the admin: the user must replace it at the next sign-in.
      ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}),
      version: before.version + 1,
      updatedAt: now,
    });
    if (!row) throw staleVersion('user', before.version, input.version);
    if (input.unlock) await liftSignInLocks(tx, id);
    // Whatever took away access or the secret ends the sessions that had it, access tokens included (issue 9).
    const reason: EndReason | null = passwordHash
      ? 'password_reset'
      : before.active && row.active === false
        ? 'deactivated'
        : before.roles.some((r) => !nextRoles.includes(r))
          ? 'roles_removed'
          : null;
    const sessionsEnded = reason ? await endAllSessions(tx, id, reason, now) : 0;
    const after = toUser({ ...row, lockedUntil: input.unlock ? null : before.lockedUntil });
    const changes = diff(auditable(toUser(before)), auditable(after));
    await audit(tx, ctx, {
      action: input.password ? 'user.update+password' : input.unlock ? 'user.unlock' : 'user.update',
      entityType: 'user',
      entityId: id,
      before: changes.before,
      after: { ...changes.after, ...(reason ? { sessionsEnded, endReason: reason } : {}) },
    });
    return after;
  });
}

/** A sign-in is noted on the user (the auth service calls this inside the sign-in's transaction). */
export async function recordSignIn(tx: DbOrTx, userId: string, at: Date): Promise<void> {
  await repo.setLastLogin(tx, userId, at);
}

/**
 * The user's own new password (the auth service checks the current one and the policy, and ends the sessions):
 * no longer one someone else set. Returns the updated row, or null when the user is gone.
 */
export async function setOwnPassword(tx: DbOrTx, userId: string, passwordHash: string, now: Date) {
  return repo.setOwnPassword(tx, userId, passwordHash, now);
}
