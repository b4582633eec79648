import { users } from '@crm/db';
import { AppError, staleVersion, type CreateUserBody, type Role, type UpdateUserBody, type User, type UserListQuery } from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, encodeCursor, iso } from '../../lib/cursor.ts';
import { hashPassword } from '../auth/passwords.ts';
import * as repo from './repository.ts';

export const toUser = (row: repo.UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  roles: row.roles as Role[],
  phone: row.phone,
  email: row.email,
  active: row.active,
  lockedUntil: iso(row.lockedUntil),
  lastLoginAt: iso(row.lastLoginAt),
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** What the audit log keeps of a user: never the password hash. */
const auditable = (u: User) => ({ username: u.username, displayName: u.displayName, roles: u.roles, phone: u.phone, email: u.email, active: u.active, lockedUntil: u.lockedUntil });

export async function listUsers({ ctx, input }: { ctx: Ctx; input: z.infer<typeof UserListQuery> & { limit: number; cursor?: string } }) {
  requireRole(ctx, ['admin'], 'manage users');
  const after = input.cursor ? String(decodeCursor(input.cursor)[0]) : undefined;
  const rows = await repo.listUsers(ctx.db, { q: input.q, role: input.role, limit: input.limit, after });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page.map(toUser), nextCursor: rows.length > input.limit && last ? encodeCursor(last.username, last.id) : null };
}

export async function userDirectory({ ctx }: { ctx: Ctx }) {
  return repo.directory(ctx.db) as Promise<{ id: string; displayName: string; roles: Role[]; active: boolean }[]>;
}

export async function createUser({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateUserBody> }): Promise<User> {
  requireRole(ctx, ['admin'], 'manage users');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (existing) throw new AppError('CONFLICT', `username: "${input.username}" is taken; choose another`, { fields: [{ field: 'username', message: 'is taken' }] });
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: [...new Set(input.roles)],
        phone: input.phone ?? null,
        email: input.email ?? null,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL', 'The user was not created.');
    const user = toUser(row);
    await audit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: user.id, after: auditable(user) });
    return user;
  });
}

export async function updateUser({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateUserBody> }): Promise<User> {
  requireRole(ctx, ['admin'], 'manage users');
  if (id === ctx.actor.id) {
    if (input.active === false) throw new AppError('VALIDATION', 'active: you cannot deactivate your own account', { fields: [{ field: 'active', message: 'cannot deactivate yourself' }] });
    if (input.roles && !input.roles.includes('admin')) {
      throw new AppError('VALIDATION', 'roles: you cannot remove your own admin role; ask another administrator', { fields: [{ field: 'roles', message: 'cannot remove your own admin role' }] });
    }
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findUser(tx, id);
    if (!before) throw new AppError('NOT_FOUND', 'This user was not found. Check the id.');
    const [row] = await tx
      .update(users)
      .set({
        displayName: input.displayName ?? before.displayName,
        roles: input.roles ? [...new Set(input.roles)] : before.roles,
        phone: input.phone === undefined ? before.phone : input.phone,
        email: input.email === undefined ? before.email : input.email,
        active: input.active ?? before.active,
        ...(passwordHash ? { passwordHash } : {}),
        ...(input.unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
        version: before.version + 1,
        updatedAt: ctx.now(),
      })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!row) throw staleVersion('user', before.version, input.version);
    const after = toUser(row);
    const changes = diff(auditable(toUser(before)), auditable(after));
    await audit(tx, ctx, {
      action: input.password ? 'user.update+password' : input.unlock ? 'user.unlock' : 'user.update',
      entityType: 'user',
      entityId: id,
      ...changes,
    });
    return after;
  });
}
