import { oneOf } from '../one-of.ts';
import { notificationKinds } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { industries } from './zones.ts';

/**
 * A user's inbox. The unique key (user, kind, subject, key) is what makes every reminder arrive once: the key
 * names the occasion (the clock's phase and due date, the protection's lapse day, the submission's instant), so
 * two scheduler instances, a restart or a re-run of a window insert the same row and the second insert is a no-op.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: notificationKinds }).notNull(),
    subjectType: text().notNull(), // lead | reward_calculation
    subjectId: uuid().notNull(),
    key: text().notNull(),
    /** What the message says, as data (company, phase, due time …), so the page words it in the reader's language. */
    params: jsonb().$type<Record<string, string | number | boolean | null>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    oneOf('notifications_kind_check', t.kind, notificationKinds),
    uniqueIndex('notifications_once_uq').on(t.userId, t.kind, t.subjectId, t.key),
    index('notifications_user_idx').on(t.userId, t.createdAt, t.id),
    // The bell's count: a user's unread rows only.
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

/**
 * The scheduler's work: recurring scans and one-off deliveries (a zone's daily digest to its group robot). Any
 * instance claims due rows with FOR UPDATE SKIP LOCKED and a lease, so two instances never run one job at once,
 * and a job whose instance died is taken again when its lease runs out. `key` is unique: a job is planned once.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().notNull(), // reminders | clock_backfill | digest
    key: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    status: text().notNull().default('pending'), // pending | running | done | failed
    runAt: timestamp({ withTimezone: true }).notNull(),
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    /** The instant up to which a recurring scan has looked (its window's end). */
    cursor: timestamp({ withTimezone: true }),
    lastError: text(),
    finishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('jobs_key_uq').on(t.key), index('jobs_due_idx').on(t.runAt).where(sql`${t.status} in ('pending', 'running')`)],
);

// The industries a staff member follows: a lead of one of them dropping into the public pool is announced to them.
export const userIndustries = pgTable(
  'user_industries',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    industryId: uuid()
      .notNull()
      .references(() => industries.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.industryId] }), index('user_industries_industry_idx').on(t.industryId)],
);
