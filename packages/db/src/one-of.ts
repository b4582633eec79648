import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check } from 'drizzle-orm/pg-core';

/**
 * Enum-like text columns (issue 15): the column is declared `text({ enum: values })`, so TypeScript knows its values
 * without a cast, and Postgres checks them, so no writer — a script, a hand-written statement — can store another.
 * Text plus a check rather than a Postgres enum: adding a value later is a one-line check change in a migration,
 * where an enum's ALTER TYPE … ADD VALUE cannot run inside the migration's transaction. The value lists are the
 * shared ones the API's zod schemas use, so the API, the web and the database agree on one list.
 */
const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', '));

export const oneOf = (name: string, column: AnyPgColumn, values: readonly string[]) => check(name, sql`${column} in (${list(values)})`);

/** A text[] column whose every element is one of `values` (a user's roles). */
export const allOf = (name: string, column: AnyPgColumn, values: readonly string[]) => check(name, sql`${column} <@ array[${list(values)}]::text[]`);
