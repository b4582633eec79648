import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * Saved views (保存的视图): a person's named filters for a list (only `leads` today), kept on the server so they
 * follow the person from one computer to another. A manager may share a view with everyone (`shared`); a shared
 * view is only filters — what each person then sees is still scoped by the server to what they may read.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: uuid()
      .notNull()
      .references(() => users.id),
    list: text().notNull(), // leads
    name: text().notNull(),
    /** The list's address parameters, as the web app puts them in the URL (validated by SavedViewFilters). */
    filters: jsonb().$type<Record<string, string>>().notNull(),
    shared: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('saved_views_owner_list_name_uq').on(t.ownerId, t.list, t.name), index('saved_views_shared_idx').on(t.list).where(sql`${t.shared}`)],
);
