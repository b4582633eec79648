import { fe, fieldText } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { MAX_FEN, MAX_FEN_TEXT } from '../money.ts';

export const Id = z.uuid(fe('UUID'));
export const Fen = z
  .number(fe('FEN_NUMBER'))
  .int(fe('WHOLE_FEN'))
  .min(0, fe('NEGATIVE'))
  .max(MAX_FEN, fe('MONEY_MAX', { max: MAX_FEN_TEXT }));
/**
 * A sum of many amounts (a board column, a zone's year, a report's 合计): a decimal string of fen, because a sum
 * of amounts each within `MAX_FEN` can pass 2^53 and a JSON number would then lose fen.
 */
export const FenSum = z
  .string()
  .regex(/^-?\d+$/)
  .describe('fen as a decimal string (sums can exceed a safe JSON integer)');
/** A count or an amount of fen within the bounds, as targets are (fen for money metrics, a count otherwise). */
export const BoundedTarget = z
  .number(fe('NUMBER_OR_COUNT'))
  .int(fe('WHOLE_NUMBER'))
  .min(0, fe('NEGATIVE'))
  .max(MAX_FEN, fe('MONEY_MAX', { max: MAX_FEN_TEXT }));
export const Bp = z.number().int(fe('BP_WHOLE')).min(0, fe('NEGATIVE')).max(10000, fe('BP_MAX'));
/**
 * The CRM's calendar: the zone's records start in this century. A year 0001 or 9999 is a typing slip or a probe,
 * and would overflow date arithmetic downstream, so it is refused where it enters.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2099-12-31';
export const CalendarDate = z.iso.date(fe('DATE')).refine((d) => d >= FIRST_DATE && d <= LAST_DATE, fe('DATE_RANGE', { from: FIRST_DATE, to: LAST_DATE }));

/**
 * Characters no text may hold: NUL and the other C0/C1 controls (tab, line feed and carriage return aside), and
 * the bidirectional overrides, embeddings, isolates and marks that make text display differently from what is
 * stored ("Trojan Source"): a name would read one way on screen and sort, match and export another.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// An unpaired UTF-16 surrogate cannot be stored as UTF-8 (without the u flag the regex sees code units).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be stored, as a field message; null when it can. Used by the schemas and the API's input guard. */
export function textProblem(s: string): string | null {
  const bad = FORBIDDEN.exec(s);
  if (bad) {
    const code = `U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return fieldText('CONTROL_CHARACTER', { char: code });
  }
  if (LONE_SURROGATE.test(s)) return fieldText('BROKEN_CHARACTER');
  return null;
}

// Letters, digits, punctuation, symbols: anything but spaces, separators and invisible format characters
// (zero-width space, joiners, BOM …), so a name of only those counts as empty.
const VISIBLE = /[^\s\p{Z}\p{Cf}\p{Cc}]/u;

const safe = <T extends z.ZodType<string | null | undefined>>(schema: T) =>
  schema.superRefine((s, ctx) => {
    const problem = typeof s === 'string' ? textProblem(s) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A required text (one line or several), trimmed, with a clear limit; it must have something visible in it. */
export const Text = (max: number) =>
  safe(
    z
      .string()
      .trim()
      .min(1, fe('REQUIRED'))
      .max(max, fe('TOO_LONG', { max: max }))
      .refine((s) => VISIBLE.test(s), fe('REQUIRED_VISIBLE')),
  );
/** Optional text: empty strings (or only invisible characters) become null so a form can clear a field. */
export const OptionalText = (max: number) =>
  safe(
    z
      .string()
      .trim()
      .max(max, fe('TOO_LONG', { max: max }))
      .transform((s) => (VISIBLE.test(s) ? s : null))
      .nullish(),
  );

export const Page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * The one way a list is asked for a page (issue 15): how many rows (1…max, `fallback` when absent) and the opaque
 * keyset cursor the previous page gave out. Every list query extends it instead of declaring its own pair.
 */
export const pageParams = ({ max = 500, fallback = 50 }: { max?: number; fallback?: number } = {}) =>
  z.object({
    limit: z.coerce
      .number(fe('NUMBER'))
      .int(fe('WHOLE_NUMBER'))
      .min(1, fe('AT_LEAST', { min: 1 }))
      .max(max, fe('AT_MOST', { max }))
      .default(fallback),
    cursor: z.string().max(500, fe('CURSOR')).optional(),
  });
export const PageParams = pageParams();

export const IdParams = z.object({ id: Id });

export const Ok = z.object({ ok: z.literal(true) });
