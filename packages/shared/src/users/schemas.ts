import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Password, Role } from '../auth/schemas.ts';
import { Id, OptionalText, Text } from '../common/schemas.ts';

const Roles = z.array(Role).min(1, fe('AT_LEAST_ONE_ROLE')).max(4);

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  /** The latest end of a sign-in lock on this account from any address (locks hold per address). */
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(2, fe('MIN_CHARS', { min: 2 }))
    .max(32, fe('TOO_LONG', { max: 32 }))
    .regex(/^[a-z0-9_.-]+$/, fe('USERNAME_CHARS')),
  displayName: Text(64),
  password: Password,
  roles: Roles,
  phone: OptionalText(32),
  email: OptionalText(128),
});

export const UpdateUserBody = z.object({
  version: z.number().int(),
  displayName: Text(64).optional(),
  password: Password.optional(),
  roles: Roles.optional(),
  phone: OptionalText(32),
  email: OptionalText(128),
  active: z.boolean().optional(),
  /** Clears every sign-in lock on the account (from every address). */
  unlock: z.boolean().optional(),
});

export const UserListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  role: Role.optional(),
});

/** What every signed-in user may see of a colleague (owner pickers, timelines). */
export const UserSummary = z.object({ id: Id, displayName: z.string(), roles: z.array(Role), active: z.boolean() });
