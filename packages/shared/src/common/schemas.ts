import { z } from 'zod';
import { MAX_FEN, MAX_FEN_TEXT } from '../money.ts';

export const Id = z.uuid({ error: 'must be a valid id (a UUID such as 3f2b…-…)' });
export const Fen = z
  .number({ error: 'must be an amount in fen (a whole number)' })
  .int({ error: 'must be whole fen: an integer number of 分, no decimals' })
  .min(0, { error: 'cannot be negative' })
  .max(MAX_FEN, { error: `cannot be more than ${MAX_FEN_TEXT}` });
/**
 * A sum of many amounts (a board column, a zone's year, a report's 合计): a decimal string of fen, because a sum
 * of amounts each within `MAX_FEN` can pass 2^53 and a JSON number would then lose fen.
 */
export const FenSum = z.string().regex(/^-?\d+$/).describe('fen as a decimal string (sums can exceed a safe JSON integer)');
/** A count or an amount of fen within the bounds, as targets are (fen for money metrics, a count otherwise). */
export const BoundedTarget = z
  .number({ error: 'must be a number (fen for amounts, a count otherwise)' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'cannot be negative' })
  .max(MAX_FEN, { error: `cannot be more than ${MAX_FEN_TEXT}` });
export const Bp = z
  .number()
  .int({ error: 'must be whole basis points (an integer)' })
  .min(0, { error: 'cannot be negative' })
  .max(10000, { error: 'cannot be more than 10000 (100%)' });
export const CalendarDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });
export const Instant = z.string().describe('ISO 8601 instant with offset');

/** A required single-line text, trimmed, with a clear limit. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `is too long (at most ${max} characters)` });
/** Optional text: empty strings become null so a form can clear a field. */
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `is too long (at most ${max} characters)` })
    .transform((s) => (s === '' ? null : s))
    .nullish();

export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(500, { error: 'must be at most 500' })
    .default(50),
  cursor: z.string().max(500).optional(),
});

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const IdParams = z.object({ id: Id });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

export const Ok = z.object({ ok: z.literal(true) });
