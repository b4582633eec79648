import type { Db, Tx } from '@crm/db';
import type { IdempotencyClaim } from '../plugins/idempotency.ts';
import { type Clock, DEFAULT_TIME_ZONE, problem, type Role, systemClock } from '@crm/shared';

export type Actor = { id: string; username: string; displayName: string; roles: Role[] };

export type AppConfig = {
  /** Days a lead stays with its owner after the last visit or inspection (domain.md "Protection"). */
  protectionDays: number;
  accessTokenTtlSeconds: number;
  /** A refresh token unused this long ends (idle timeout); rotation gives a new one. */
  refreshTokenTtlDays: number;
  /** A session ends this long after sign-in whatever its use (absolute timeout): then one signs in again. */
  sessionMaxDays: number;
  /** Failed sign-ins per account and client address: the `lockAfter`th locks that address out for `lockMinutes`. */
  login: { lockAfter: number; lockMinutes: number };
  /** Requests per client address per minute on sign-in and on refresh (@fastify/rate-limit, counted in the database). */
  rateLimit: { signInPerMinute: number; refreshPerMinute: number };
  /** Served over HTTPS (behind a TLS proxy): Secure cookies, HSTS and upgrade-insecure-requests. */
  cookieSecure: boolean;
  /** The zone's time zone (IANA name): it defines every day, month, quarter and year the CRM speaks of. */
  timeZone: string;
  /** The one source of "now" for the API, its services and the rows they stamp; tests fix it. */
  clock: Clock;
  /**
   * The reminders scheduler (stage clocks, inbox, daily digests). Every instance may run it: jobs are claimed with
   * FOR UPDATE SKIP LOCKED. Tests turn the timer off and call `app.scheduler.tick()` themselves.
   */
  scheduler: { enabled: boolean; intervalMs: number; webhookTimeoutMs: number };
  /**
   * Heavy reads (funnel, boards, rankings, dashboard, reports, exports; issue 12): how many run at once per instance
   * (0: as many as the heavy pool has connections on a server, one on PGlite) and how long one may take, queue
   * included, before it is stopped and answers 503 HEAVY_READ_TIMEOUT.
   */
  heavy: { concurrency: number; timeoutMs: number };
  /** Where attached files (投资方确认函) are kept: a folder every instance of the CRM can read and write. */
  attachmentsDir: string;
};

export const defaultConfig: AppConfig = {
  protectionDays: 90,
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlDays: 14,
  sessionMaxDays: 30,
  login: { lockAfter: 5, lockMinutes: 15 },
  // An office behind one NAT address signs in at 9:00 together; 20 a minute lets a team in and stops a guesser.
  rateLimit: { signInPerMinute: 20, refreshPerMinute: 120 },
  cookieSecure: false,
  timeZone: DEFAULT_TIME_ZONE,
  clock: systemClock,
  scheduler: { enabled: true, intervalMs: 60_000, webhookTimeoutMs: 10_000 },
  attachmentsDir: 'data/attachments',
  heavy: { concurrency: 0, timeoutMs: 15_000 },
};

/**
 * The same context bound to a transaction. A write reads its answer back through it, inside the transaction that
 * wrote: the client gets exactly what committed, and nothing can fail after the commit (a committed write that
 * answered 500 would be sent again by the user).
 */
export const within = (ctx: Ctx, tx: Tx): Ctx => ({ ...ctx, db: tx });

/** What every service verb receives: the acting user, the database, and the request it serves. */
export type Ctx = {
  actor: Actor;
  db: Db;
  requestId: string;
  config: AppConfig;
  now: () => Date;
  /** The request's Idempotency-Key, taken by audit() in the write's transaction (plugins/idempotency.ts). */
  idempotency?: IdempotencyClaim;
};

export const hasRole = (ctx: Ctx, ...roles: Role[]) => ctx.actor.roles.some((r) => roles.includes(r));

/** The first line of a service verb: refuses unless the actor holds one of the roles. */
export function requireRole(ctx: Ctx, roles: Role[], what: string): void {
  if (!hasRole(ctx, ...roles)) {
    throw problem('ROLE_REQUIRED', { action: what, roles });
  }
}
