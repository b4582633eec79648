import { z } from 'zod';
import { Id } from '../common/schemas.ts';

export const roles = ['staff', 'manager', 'finance', 'admin'] as const;
export const Role = z.enum(roles, { error: `must be one of ${roles.join(', ')}` });
export type Role = z.infer<typeof Role>;

export const LoginBody = z.object({
  username: z.string().trim().min(1, { error: 'is required' }).max(64),
  password: z.string().min(1, { error: 'is required' }).max(256),
});

export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResult = z.object({ accessToken: z.string(), expiresIn: z.number().int(), user: SessionUser });
