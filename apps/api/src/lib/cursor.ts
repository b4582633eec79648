import { invalid, textProblem } from '@crm/shared';
import { type Placeholder, type SQL, type SQLWrapper, sql } from 'drizzle-orm';

/** Keyset cursors are opaque to clients: base64url of [sortValue, id]. */
export function encodeCursor(value: string | number, id: string | number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/**
 * What a cursor's sort value is, so a forged or foreign cursor is refused here (400) rather than reaching SQL as a
 * cast that fails (it was a 500): an instant as Postgres or JavaScript prints it, a bigint, a username, or short text.
 */
export type CursorValue = 'timestamp' | 'integer' | 'text' | 'username';
type CursorId = 'uuid' | 'integer';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(?::?\d{2})?)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT64_MAX = 9_223_372_036_854_775_807n;

function validTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour < 24 && minute < 60 && second < 60;
}

function validInteger(s: string): boolean {
  if (!/^-?\d{1,19}$/.test(s)) return false;
  const n = BigInt(s);
  return n <= INT64_MAX && n >= -INT64_MAX;
}

const valid: Record<CursorValue | CursorId, (s: string) => boolean> = {
  timestamp: validTimestamp,
  integer: validInteger,
  text: (s) => s.length <= 200 && textProblem(s) === null,
  username: (s) => /^[a-z0-9_.-]{1,64}$/.test(s),
  uuid: (s) => UUID.test(s),
};

/** Decodes a cursor this API gave out for this list (and this sort); anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string, value: CursorValue, id: CursorId = 'uuid'): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [v, i] = parsed.map((x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? String(x) : x));
      if (typeof v === 'string' && typeof i === 'string' && valid[value](v) && valid[id](i)) return [v, i];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('cursor', 'CURSOR');
}

/**
 * Keyset pagination, written once (issue 15). A list orders by (sort column, id) — both together total — and asks for
 * `limit + 1` rows after the cursor; `keysetAfter` is the predicate, `pageOf` turns the rows into the page and the
 * next cursor (given only when the extra row came back).
 */
export function keysetAfter(
  sortColumn: SQLWrapper,
  idColumn: SQLWrapper,
  // The values as text, or as placeholders of a statement prepared once per shape (the lead list's).
  after: readonly [string | Placeholder, string | Placeholder] | null | undefined,
  { cast, direction = 'desc', idCast = 'uuid' }: { cast: 'timestamptz' | 'text' | 'bigint'; direction?: 'asc' | 'desc'; idCast?: 'uuid' | 'bigint' },
): SQL | undefined {
  if (!after) return undefined;
  const cmp = direction === 'desc' ? sql`<` : sql`>`;
  return sql`(${sortColumn}, ${idColumn}) ${cmp} (${after[0]}::${sql.raw(cast)}, ${after[1]}::${sql.raw(idCast)})`;
}

/** The page of a `limit + 1` read and the cursor after its last row, or null when that was the end. */
export function pageOf<R, T>(
  rows: readonly R[],
  limit: number,
  toItem: (row: R) => T,
  cursorOf: (row: R) => readonly [string | number, string | number],
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(...cursorOf(last)) : null };
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
