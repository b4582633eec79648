import type { Db, Tx } from '@crm/db';
import type { IdempotencyClaim } from '../plugins/idempotency.ts';
import { AppError, DEFAULT_TIME_ZONE, systemClock, type Clock, type Role } from '@crm/shared';

export type Actor = { id: string; username: string; displayName: string; roles: Role[] };

export type AppConfig = {
  /** Days a lead stays with its owner after the last visit or inspection (domain.md "Protection"). */
  protectionDays: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  login: { slowAfter: number; slowStepMs: number; lockAfter: number; lockMinutes: number };
  cookieSecure: boolean;
  /** The zone's time zone (IANA name): it defines every day, month, quarter and year the CRM speaks of. */
  timeZone: string;
  /** The one source of "now" for the API, its services and the rows they stamp; tests fix it. */
  clock: Clock;
};

export const defaultConfig: AppConfig = {
  protectionDays: 90,
  accessTokenTtlSeconds: 15 * 60,
  refreshTokenTtlDays: 14,
  login: { slowAfter: 3, slowStepMs: 1000, lockAfter: 5, lockMinutes: 15 },
  cookieSecure: false,
  timeZone: DEFAULT_TIME_ZONE,
  clock: systemClock,
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
    throw new AppError('FORBIDDEN', `You cannot ${what}: it needs the ${roles.join(' or ')} role.`);
  }
}
