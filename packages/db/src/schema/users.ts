import { allOf } from '../one-of.ts';
import { roles } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    // A user may hold several roles (domain.md "Who uses it"); checked on the server for every route.
    roles: text({ enum: roles }).array().notNull().default(sql`'{}'::text[]`),
    phone: text(),
    email: text(),
    active: boolean().notNull().default(true),
    // Set for a password someone else chose (the first admin's, an admin's reset, a new account): until the user
    // picks their own, every route but /api/me and the password change answers 403 (ASVS 6.4.x).
    mustChangePassword: boolean().notNull().default(false),
    lastLoginAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [allOf('users_roles_check', t.roles, roles)],
);

/**
 * One sign-in is one session; its id (`sid`) is in every access token and checked on every request, so ending a
 * session ends its access tokens at once, not when they expire. The refresh tokens of a session are its family:
 * a rotated one presented again ends the session (a stolen token was used).
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    // Absolute lifetime: rotation never stretches a session beyond it.
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text(),
    address: text(),
    userAgent: text(),
    refreshedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  // Ending all of a user's sessions (logout, password change, deactivation) finds the live ones by user.
  (t) => [index('sessions_user_live_idx').on(t.userId).where(sql`${t.endedAt} is null`)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id),
    // Only a SHA-256 of the token is stored: a leaked table cannot be replayed.
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    // Set when the token is exchanged (rotated) or its session ends; a rotated token presented again is reuse.
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [index('refresh_tokens_user_idx').on(t.userId), index('refresh_tokens_session_idx').on(t.sessionId)],
);

/**
 * Failed sign-ins per account and client address. Counted with one atomic upsert per attempt, so parallel guesses
 * count exactly like sequential ones; a lock holds for the address that failed only, so nobody can lock a colleague
 * (or the admin) out from their own machine.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    address: text().notNull(),
    attempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);

/**
 * Fixed-window counters of @fastify/rate-limit (sign-in and refresh per client address). In the database, not in
 * process memory, so several API instances on one Postgres share one limit.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text().primaryKey(),
  hits: integer().notNull(),
  resetAt: timestamp({ withTimezone: true }).notNull(),
});
