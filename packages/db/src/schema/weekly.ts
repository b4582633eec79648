import { rowNow } from '../clock.ts';
import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * 一周一报: a staff member's week (ISO week in the zone, Monday to Sunday). While a draft, its figures are drafted
 * live from the week's activities and clocks; submitting freezes them with the notes, as reported.
 */
export const weeklyReports = pgTable(
  'weekly_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    week: text().notNull(), // 2026-W49
    status: text().notNull().default('draft'), // draft | submitted
    notes: text(),
    plans: text(),
    /** The drafted figures as submitted (null while a draft: they are computed live). */
    snapshot: jsonb().$type<Record<string, unknown>>(),
    submittedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('weekly_reports_user_week_uq').on(t.userId, t.week)],
);
