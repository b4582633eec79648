/** The fields of a Postgres error both drivers report (postgres.js and PGlite). */
export type PgError = { code?: string; constraint_name?: string; constraint?: string; detail?: string };

/**
 * The Postgres error inside an error: drizzle wraps the driver's error in DrizzleQueryError with it as `cause` (and a
 * transaction may wrap once more). The first error down the chain with a SQLSTATE code (5 digits or capitals), or null.
 */
export const pgErrorOf = (error: unknown): PgError | null => {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as PgError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgError;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
};

/** A unique violation (23505), of the named constraint when one is given. */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const pg = pgErrorOf(error);
  return pg?.code === '23505' && (constraint === undefined || (pg.constraint_name ?? pg.constraint) === constraint);
};
