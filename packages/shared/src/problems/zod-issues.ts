import { problemsEn } from './en.ts';
import { type FieldCode, fieldsEn } from './fields-en.ts';
import { type Language, type ProblemParams, renderField } from './render.ts';
import { termsEn } from './terms.ts';

const english: Language = { problems: problemsEn, fields: fieldsEn, terms: termsEn, listSeparator: ', ', nestedSeparator: '; ' };

export type FieldProblemCode = { code: FieldCode; params?: ProblemParams };

/**
 * Schemas and checks write a field message as a code (`fe('TOO_LONG', { max: 32 })`): zod carries only the English
 * text, so each text is remembered with its code and parameters here, and `fieldProblemOf` reads it back from an
 * issue. Schema messages are made once, when the schemas are built; the few made per input (a credit code's check
 * character, a tier's number) are bounded, and the map stops growing past its cap (an issue then gets the generic
 * code of its zod kind, never a wrong one).
 */
const byText = new Map<string, FieldProblemCode>();
const CAP = 20_000;

/** The English text of a field message, remembered with its code. */
export function fieldText(code: FieldCode, params?: ProblemParams): string {
  const text = renderField(english, code, params);
  if (byText.size < CAP && !byText.has(text)) byText.set(text, params ? { code, params } : { code });
  return text;
}

/** A zod check's `{ error }` option from a field code. */
export const fe = (code: FieldCode, params?: ProblemParams) => ({ error: fieldText(code, params) });

type IssueLike = {
  code?: string;
  keyword?: string;
  message?: string;
  origin?: string;
  maximum?: unknown;
  minimum?: unknown;
  values?: unknown;
  expected?: unknown;
  keys?: unknown;
  params?: unknown;
};

const text = (v: unknown) => (typeof v === 'bigint' || typeof v === 'number' ? Number(v) : String(v ?? ''));

/** The code and parameters of one zod issue (or fastify-type-provider-zod's copy of one). */
export function fieldProblemOf(issue: IssueLike): FieldProblemCode {
  const known = issue.message ? byText.get(issue.message) : undefined;
  if (known) return known;
  const kind = issue.code ?? issue.keyword;
  switch (kind) {
    case 'too_big':
      if (issue.origin === 'string') return { code: 'TOO_LONG', params: { max: text(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'TOO_MANY', params: { max: text(issue.maximum) } };
      return { code: 'TOO_BIG', params: { max: text(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { code: 'REQUIRED' } : { code: 'MIN_CHARS', params: { min: text(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { code: 'TOO_FEW', params: { min: text(issue.minimum) } };
      return { code: 'TOO_SMALL', params: { min: text(issue.minimum) } };
    case 'invalid_type':
      return issue.message?.includes('received undefined') ? { code: 'REQUIRED' } : { code: 'INVALID_TYPE', params: { expected: text(issue.expected) } };
    case 'invalid_value':
      return { code: 'ONE_OF', params: { values: Array.isArray(issue.values) ? issue.values.map(String).join(', ') : '' } };
    case 'invalid_format':
      return { code: 'INVALID_FORMAT' };
    case 'unrecognized_keys':
      return { code: 'UNKNOWN_KEYS', params: { keys: Array.isArray(issue.keys) ? issue.keys.map(String).join(', ') : '' } };
    default:
      return { code: 'INVALID' };
  }
}
