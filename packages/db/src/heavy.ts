import { AsyncLocalStorage } from 'node:async_hooks';
import type postgres from 'postgres';

/**
 * A heavy read's scope (issue 12): the queries it started on the heavy pool, so they can be cancelled when the client
 * goes away or its time is up, and its signal, so queries not yet started are never sent.
 */
export type HeavyScope = { signal: AbortSignal; pending: Set<{ cancel: () => unknown }> };
export const heavyScope = new AsyncLocalStorage<HeavyScope>();

/** The error a heavy read's query fails with once its scope was aborted (Postgres' own code for a cancelled query). */
export class HeavyReadAborted extends Error {
  code = '57014';
  constructor() {
    super('heavy read aborted');
  }
}

/** Cancels every query of the scope still running (postgres.js sends a CancelRequest for the active one). */
export function cancelPending(scope: HeavyScope): void {
  for (const q of scope.pending) void q.cancel();
  scope.pending.clear();
}

/**
 * The heavy pool's client, seen through a proxy: every query drizzle sends is registered in the current heavy scope
 * until it settles; in an aborted scope none is sent at all.
 */
export function trackHeavyQueries(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'unsafe') return Reflect.get(target, prop, receiver);
      return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) => {
        const scope = heavyScope.getStore();
        if (scope?.signal.aborted) throw new HeavyReadAborted();
        heavyQueryLog.entries?.push({ query, params: params ?? [] });
        const q = target.unsafe(query, params, options);
        if (!scope) return q;
        scope.pending.add(q);
        // postgres.js runs a query when it is first awaited; the wrapped then() drops it from the scope once it
        // settled, so a late cancel never reaches a connection that has moved on to another request's query.
        const then = q.then.bind(q);
        const done = () => scope.pending.delete(q);
        (q as { then: unknown }).then = (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) =>
          then(
            (v) => {
              done();
              return ok ? ok(v) : v;
            },
            (e) => {
              done();
              if (fail) return fail(e);
              throw e;
            },
          );
        return q;
      };
    },
  });
}

/**
 * The statements heavy reads send while a benchmark listens (tests/bench/run.ts replays them through the driver to
 * show what the API adds on top of the SQL); null otherwise, so nothing is kept.
 */
export const heavyQueryLog: { entries: { query: string; params: unknown[] }[] | null } = { entries: null };
