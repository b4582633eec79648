import { rowNow } from '../clock.ts';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * Writes sent with an Idempotency-Key (issue 11). The row is inserted in the same transaction as the write and its
 * audit row, so a key is taken exactly when the write commits: a retried request finds it and gets the first answer
 * again instead of writing twice — on any instance, since it lives here and not in one process. Scoped per user: two
 * people may pick the same key. Rows older than a day are removed when their user signs in.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    key: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    // SHA-256 of method, path and body: the same key sent with another request is refused, not replayed.
    requestHash: text().notNull(),
    // What the write's transaction returned (the answer's body), stored before it commits.
    result: jsonb(),
    // The answer as it was sent, stored right after the commit (best effort; `result` covers a crash in between).
    statusCode: integer(),
    responseBody: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.userId, t.createdAt)],
);
