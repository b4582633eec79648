import { z } from 'zod';
import { problemCatalogue, problemReasons, type ProblemReason } from './problems/en.ts';
import { fieldCodes, type FieldCode } from './problems/fields-en.ts';
import { type ParamNames, type ProblemParams, renderField, renderProblem, type Language } from './problems/render.ts';
import { problemsEn } from './problems/en.ts';
import { fieldsEn } from './problems/fields-en.ts';
import { type EntityTerm, termsEn } from './problems/terms.ts';

/** The closed list of error codes (api.md) and the one place they map to HTTP status. */
export const errorStatus = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** One field's problem: a stable code and its parameters (problems/fields-en.ts), with the English text. */
export type FieldIssue = { field: string; code: FieldCode; params?: ProblemParams; message: string };

const english: Language = { problems: problemsEn, fields: fieldsEn, terms: termsEn, listSeparator: ', ', nestedSeparator: '; ' };

/** The parameters a reason's English template names; none → the argument may be left out. */
type ArgsOf<R extends ProblemReason> = [ParamNames<(typeof problemCatalogue)[R]['en']>] extends [never]
  ? [params?: Record<string, never>, details?: unknown]
  : [params: { [K in ParamNames<(typeof problemCatalogue)[R]['en']>]: ProblemParams[string] }, details?: unknown];

/**
 * The one error type services throw: a stable `reason` from the catalogue (problems/en.ts) with its parameters.
 * `code` (the closed list above, for HTTP) follows from the reason; `message` is the English rendering, for
 * integrators and logs. The web shows the reason in the person's language.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: ProblemReason;
  readonly params: ProblemParams;
  readonly details: unknown;
  constructor(reason: ProblemReason, params: ProblemParams = {}, details?: unknown) {
    super(renderProblem(english, reason, params));
    this.name = 'AppError';
    this.reason = reason;
    this.params = params;
    this.code = problemCatalogue[reason].code;
    this.details = details;
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

/** A problem by its reason; the parameters are checked against the reason's English template. */
export function problem<R extends ProblemReason>(reason: R, ...[params, details]: ArgsOf<R>): AppError {
  return new AppError(reason, (params ?? {}) as ProblemParams, details);
}

/** A field problem as the API sends it. */
export function fieldIssue(field: string, code: FieldCode, params?: ProblemParams): FieldIssue {
  return { field, code, ...(params ? { params } : {}), message: renderField(english, code, params) };
}

/** Problems with fields (400): `details.fields` lists each with its code; `message` sums them up in English. */
export function fieldsProblem(fields: FieldIssue[], details: Record<string, unknown> = {}, reason: ProblemReason = 'FIELDS_INVALID'): AppError {
  const summary = fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; ');
  return new AppError(reason, { summary }, { ...details, fields });
}

export const invalid = (field: string, code: FieldCode, params?: ProblemParams) => fieldsProblem([fieldIssue(field, code, params)]);

export type Entity = EntityTerm;
export const notFound = (entity: Entity) => problem('NOT_FOUND', { entity });
/** Something we just wrote could not be read back: a fault on our side, never the user's. */
export const notSaved = (entity: Entity) => problem('NOT_SAVED', { entity });

/** A PATCH that sent an old `version`: someone changed the record since it was read (optimistic locking). */
export const staleVersion = (entity: Entity, current: number, sent: number) =>
  problem('STALE_VERSION', { entity, current, sent }, { reason: 'stale_version', currentVersion: current });

// ---- the wire contract of an error (issue 15): what plugins/errors.ts sends, what the web reads, what OpenAPI shows ----

const ParamScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/**
 * A problem's parameters (problems/render.ts `ProblemParams`): scalars, lists of names, or problems nested one
 * level deep (what changed since a reward calculation). Written without recursion so the OpenAPI document needs
 * no self-reference; nested problems' own parameters are scalars or lists of names.
 */
const ProblemParamsSchema = z.record(
  z.string(),
  z.union([
    ParamScalar,
    z.array(z.string()),
    z.array(z.object({ reason: z.string(), params: z.record(z.string(), z.union([ParamScalar, z.array(z.string())])).optional() })),
  ]),
);

/** One field's problem as the API sends it in `details.fields`: the stable code and its parameters, with the English text. */
export const FieldProblem = z.object({
  field: z.string().describe('dotted path of the field (contacts.0.phone); the request part (body, querystring) when the whole of it is wrong'),
  code: z.enum(fieldCodes),
  params: ProblemParamsSchema.optional(),
  message: z.string().describe('English, for integrators; a client shows `code` with `params` in its own language'),
});
export type FieldProblem = z.output<typeof FieldProblem>;

/**
 * Every failure leaves as this body (plugins/errors.ts): the closed `code` (HTTP), the stable `reason` from the
 * catalogue with its `params`, the English `message`, the request's id; `details` depends on the reason (a
 * validation failure's `fields`, a 撞单's holder: `errorBodyOf` names it where a route documents it).
 */
const ErrorCodeSchema = z.enum(errorCodes);
const ProblemReasonSchema = z.enum(problemReasons);
export const errorBodyOf = <D extends z.ZodType>(details: D) =>
  z.object({
    error: z.object({
      code: ErrorCodeSchema,
      reason: ProblemReasonSchema,
      params: ProblemParamsSchema,
      message: z.string(),
      details: details.optional(),
      requestId: z.string(),
    }),
  });
export const ErrorBody = errorBodyOf(z.unknown());
export type ErrorBody = z.output<typeof ErrorBody>;

/** `details` of a 400 whose fields are wrong (`fieldsProblem`): each field's problem; `in` names the request part. */
export const FieldsDetails = z.object({ fields: z.array(FieldProblem), in: z.string().optional() });
