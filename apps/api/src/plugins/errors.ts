import { pgErrorOf } from '@crm/db';
import { AppError, fieldIssue, fieldProblemOf, fieldsProblem, type FieldIssue, problem } from '@crm/shared';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { IdempotentReplay, replay } from './idempotency.ts';

/**
 * Errors that say the database cannot be reached right now, not that the request was wrong: the socket was refused,
 * reset or closed (a restart, a network blip), the server is shutting down or starting up (57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now), a connection-class error (08xxx), no free connection (53300), a
 * wait for a connection that ran past its bound (57014 on a query that never started), or the embedded database's
 * worker is gone. These are a 503 with Retry-After: the request did not happen, or — for a write whose answer was
 * lost — the Idempotency-Key makes the retry safe.
 */
const unavailableSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'DATABASE_UNAVAILABLE',
]);
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '57014', '53300', '53400']);

export function isDatabaseUnavailable(error: unknown): boolean {
  let e: unknown = error;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (unavailableSocketCodes.has(code) || unavailableSqlStates.has(code) || code.startsWith('08'))) return true;
    // Node reports a refused connection to a name with several addresses as an AggregateError of the attempts.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Seconds a client should wait before retrying during an outage: a restart takes a few seconds. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * One error handler for the whole API (fastify/demo habit): every failure leaves as
 * `{ error: { code, message, details?, requestId } }`, and a 5xx never shows internals.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const requestId = request.id;
      // Every problem leaves with its stable reason and parameters beside the closed `code` and the English message.
      const send = (e: AppError) =>
        reply.status(e.status).send({
          error: {
            code: e.code,
            reason: e.reason,
            params: e.params,
            message: e.message,
            ...(e.details === undefined ? {} : { details: e.details }),
            requestId,
          },
        });

      if (error instanceof AppError) return send(error);
      // Another copy of this request (same Idempotency-Key) committed first: answer with what it answered.
      if (error instanceof IdempotentReplay && request.idempotency) {
        try {
          return replay(request, reply, error.row, request.idempotency.requestHash);
        } catch (mismatch) {
          if (mismatch instanceof AppError) return send(mismatch);
          throw mismatch;
        }
      }

      if (hasZodFastifySchemaValidationErrors(error)) {
        const where = error.validationContext;
        const fields: FieldIssue[] = error.validation.map((v) => {
          const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
          const { code, params } = fieldProblemOf({ keyword: v.keyword, message: v.message, ...(v.params as object) });
          return fieldIssue(path || (where ?? 'body'), code, params);
        });
        return send(fieldsProblem(fields, { in: where }));
      }

      if (isResponseSerializationError(error)) {
        request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
        return send(problem('INTERNAL'));
      }

      if (
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        (error as { type?: string }).type === 'entity.parse.failed'
      ) {
        return send(problem('BODY_NOT_JSON', {}, { fields: [fieldIssue('body', 'NOT_JSON')] }));
      }
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return send(problem('BODY_MEDIA_TYPE'));
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return send(problem('BODY_TOO_LARGE', { limitKiB: Math.floor((app.initialConfig.bodyLimit ?? 0) / 1024) }));
      }
      if (error.code?.startsWith('FST_JWT') || error.code === 'FAST_JWT_EXPIRED') {
        return send(problem('SESSION_INVALID'));
      }

      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, 'database unavailable');
        reply.header('retry-after', String(RETRY_AFTER_SECONDS));
        return send(problem('DATABASE_UNAVAILABLE'));
      }

      const pg = pgErrorOf(error);
      if (pg?.code === '23505') {
        return send(problem('DUPLICATE_RECORD', {}, { constraint: pg.constraint_name ?? pg.constraint }));
      }
      if (pg?.code === '40001' || pg?.code === '40P01') {
        return send(problem('CONCURRENT_CHANGE'));
      }
      if (pg?.code === '22P02' || pg?.code === '22003') {
        return send(problem('VALUE_MALFORMED'));
      }

      const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
      if (status === 429) return send(problem('RATE_LIMITED'));
      if (status >= 400 && status < 500) return send(problem('REQUEST_INVALID', { detail: error.message }));

      request.log.error({ err: error }, 'unhandled error');
      return send(problem('INTERNAL'));
    });

    app.setNotFoundHandler((request, reply) => {
      const missing = problem('ROUTE_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] ?? '' });
      reply
        .status(404)
        .send({ error: { code: missing.code, reason: missing.reason, params: missing.params, message: missing.message, requestId: request.id } });
    });
  },
  { name: 'errors' },
);
