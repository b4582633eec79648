import { rateLimitHits, type Db } from '@crm/db';
import { type Clock, problem } from '@crm/shared';
import fastifyRateLimit from '@fastify/rate-limit';
import { lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

type Incr = (key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number) => void;
type RouteInfo = { routeInfo?: { method?: string | string[]; url?: string } } & object;

// Expired windows are swept now and then rather than on every hit: the table stays as small as the live windows.
const SWEEP_EVERY = 500;

/**
 * A @fastify/rate-limit store in the CRM's own database: one atomic upsert per hit, so every API instance on the
 * same Postgres counts into the same fixed window (its built-in store is per process, and a second instance would
 * double what an address may try). Windows are timed by the app's clock.
 */
function databaseStore(db: Db, clock: Clock) {
  let hits = 0;
  return class DatabaseStore {
    private readonly prefix: string;
    constructor(options: RouteInfo = {}) {
      const route = options.routeInfo;
      this.prefix = route?.url ? `${String(route.method)} ${route.url}|` : '';
    }
    incr: Incr = (key, callback, timeWindow) => {
      const now = clock.now();
      const resetAt = new Date(now.getTime() + timeWindow);
      const id = `${this.prefix}${key}`;
      db.insert(rateLimitHits)
        .values({ key: id, hits: 1, resetAt })
        .onConflictDoUpdate({
          target: rateLimitHits.key,
          set: {
            hits: sql`case when ${rateLimitHits.resetAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimitHits.hits} + 1 end`,
            resetAt: sql`case when ${rateLimitHits.resetAt} <= ${now.toISOString()}::timestamptz then ${resetAt.toISOString()}::timestamptz else ${rateLimitHits.resetAt} end`,
          },
        })
        .returning({ hits: rateLimitHits.hits, resetAt: rateLimitHits.resetAt })
        .then(async ([row]) => {
          if (++hits % SWEEP_EVERY === 0) await db.delete(rateLimitHits).where(lt(rateLimitHits.resetAt, now));
          callback(null, { current: row?.hits ?? 1, ttl: Math.max(0, (row?.resetAt ?? resetAt).getTime() - now.getTime()) });
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    };
    child(options: object) {
      return new DatabaseStore(options as RouteInfo);
    }
  };
}

/**
 * Throttles chosen routes per client address (request.ip, which honours TRUST_PROXY): routes opt in with
 * `config.rateLimit`. Sign-in, refresh and the password change do (ASVS 5.0 6.3.1).
 */
export const rateLimitPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(fastifyRateLimit, {
      global: false,
      store: databaseStore(app.db, app.config.clock),
      errorResponseBuilder: (_request, context) =>
        problem(
          'RATE_LIMITED_ADDRESS',
          { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) },
          {
            retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
          },
        ),
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
