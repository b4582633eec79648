import { createHash } from 'node:crypto';
import { idempotencyKeys, isUniqueViolation, type Db, type DbOrTx } from '@crm/db';
import { invalid, problem } from '@crm/shared';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * `Idempotency-Key` on writes (issue 11; the IETF httpapi draft's header, Stripe's semantics). A client that lost the
 * answer to a write — a 503 during a restart, a dropped connection, a killed instance — sends the same request again
 * with the same key and gets the first answer back instead of a second write.
 *
 * The key is taken inside the write's own transaction (the one that calls `audit()`, as every write does), together
 * with what the transaction returned; so the key exists exactly when the write committed, on every instance, and two
 * copies of one request sent at once queue on the key's primary key: the second finds the first's answer. A failed write
 * (4xx, 5xx) takes no key, so it may be corrected and sent again with the same key.
 */
export type IdempotencyClaim = {
  userId: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  /** The key is kept: a transaction of this request wrote and committed it. */
  claimed: boolean;
  /** Set by audit() in the transaction under way: it writes, so the key stays with it. */
  written: boolean;
  /** The answer as sent, kept from onSend to onResponse. */
  sentBody?: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const PRIMARY_KEY = 'idempotency_keys_user_id_key_pk';

/** A second copy of a request whose first copy committed while this one waited: answer with the first's result. */
export class IdempotentReplay extends Error {
  constructor(readonly row: typeof idempotencyKeys.$inferSelect) {
    super('replay');
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Money is bigint in places: store such values as decimal strings, as the API sends them. */
const toJson = (value: unknown): unknown =>
  JSON.parse(JSON.stringify({ value: value ?? null }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

const isKeyTaken = (error: unknown): boolean => isUniqueViolation(error, PRIMARY_KEY);

async function findKey(db: Db, claim: Pick<IdempotencyClaim, 'userId' | 'key'>) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key)));
  return row ?? null;
}

/** Called by audit() inside the write's transaction: this transaction is the write the key guards. */
export function markWritten(claim: IdempotencyClaim): void {
  claim.written = true;
}

/**
 * The request's database when it carries a key. Each of its transactions takes the key first — so a second copy of
 * the request sent at the same moment waits on the key's primary key instead of racing the first to the same rows —
 * and keeps it, with the transaction's result, only if the transaction wrote (called audit()); a transaction that
 * only read gives the key back before it ends. A copy that finds the key taken answers with the first one's result.
 */
export function idempotentDb(db: Db, claim: IdempotencyClaim): Db {
  const where = () => and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key));
  const transaction: Db['transaction'] = async (fn, config) => {
    if (claim.claimed) return db.transaction(fn, config);
    try {
      return await db.transaction(async (tx) => {
        await tx
          .insert(idempotencyKeys)
          .values({ userId: claim.userId, key: claim.key, method: claim.method, path: claim.path, requestHash: claim.requestHash });
        claim.written = false;
        const result = await fn(tx);
        if (claim.written)
          await tx
            .update(idempotencyKeys)
            .set({ result: toJson(result) })
            .where(where());
        else await tx.delete(idempotencyKeys).where(where());
        claim.claimed = claim.written;
        return result;
      }, config);
    } catch (error) {
      claim.claimed = false;
      if (isKeyTaken(error)) {
        const row = await findKey(db, claim);
        if (row) throw new IdempotentReplay(row);
      }
      throw error;
    }
  };
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'transaction') return transaction;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** The success status a route answers with (201 for creations), for a replay from the stored result. */
function successStatus(request: FastifyRequest): number {
  const response = (request.routeOptions.schema?.response ?? {}) as Record<string, unknown>;
  const codes = Object.keys(response)
    .map(Number)
    .filter((c) => c >= 200 && c < 300);
  return codes.sort()[0] ?? 200;
}

export function replay(request: FastifyRequest, reply: FastifyReply, row: typeof idempotencyKeys.$inferSelect, requestHash: string) {
  if (row.requestHash !== requestHash || row.method !== request.method) {
    throw problem('IDEMPOTENCY_KEY_REUSED', { method: row.method, path: row.path }, { reason: 'idempotency_key_reused', method: row.method, path: row.path });
  }
  reply.header('idempotent-replayed', 'true');
  if (row.responseBody !== null && row.statusCode !== null) {
    return reply.status(row.statusCode).type('application/json; charset=utf-8').send(row.responseBody);
  }
  return reply.status(successStatus(request)).send((row.result as { value: unknown } | null)?.value ?? null);
}

const fingerprint = (request: FastifyRequest) => sha256(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`);

export const idempotencyPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('idempotency', null);

    app.addHook('preHandler', async (request) => {
      if (!WRITES.has(request.method)) return;
      const header = request.headers['idempotency-key'];
      if (header === undefined) return;
      const key = Array.isArray(header) ? header[0] : header;
      if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
        throw invalid('Idempotency-Key', 'IDEMPOTENCY_KEY');
      }
      // Keys are scoped per user; sign-in and the other public routes have no user to scope one to.
      if (!request.actor) return;
      const claim: IdempotencyClaim = {
        userId: request.actor.id,
        key,
        method: request.method,
        path: request.url.split('?')[0] ?? request.url,
        requestHash: fingerprint(request),
        claimed: false,
        written: false,
      };
      // No lookup here: the write's transaction takes the key as its first statement, and finding it taken there
      // answers with the first copy's answer (IdempotentReplay). One query fewer per write, which on the embedded
      // database's single connection is one wait fewer in its queue.
      request.idempotency = claim;
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.idempotency?.claimed && reply.statusCode < 300 && typeof payload === 'string') request.idempotency.sentBody = payload;
      return payload;
    });

    // After the answer has left: keep it as sent, so a replay is byte for byte the same. If this fails (the database
    // just went away), the result stored with the write still answers a retry.
    app.addHook('onResponse', async (request, reply) => {
      const claim = request.idempotency;
      if (!claim?.claimed || claim.sentBody === undefined) return;
      try {
        await app.db
          .update(idempotencyKeys)
          .set({ statusCode: reply.statusCode, responseBody: claim.sentBody })
          .where(and(eq(idempotencyKeys.userId, claim.userId), eq(idempotencyKeys.key, claim.key)));
      } catch (error) {
        request.log.warn({ err: error }, 'could not keep the answer of an idempotent write; its stored result will answer a retry');
      }
    });
  },
  { name: 'idempotency', dependencies: ['auth'] },
);

/** Forgets the user's keys taken before `before` (the sign-in clears out keys past their day). */
export async function forgetOldKeys(db: DbOrTx, userId: string, before: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), lt(idempotencyKeys.createdAt, before)));
}
