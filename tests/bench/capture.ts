import { openDb, schema, type Db, type DbHandle } from '@crm/db';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { buildApp } from '../../apps/api/src/app.ts';
import { benchUrl } from './generate.ts';

export type Statement = { query: string; params: unknown[] };

/** The value at quantile p of an ascending list of timings. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;

/**
 * The real app on the bench database, over a drizzle instance of its own pool whose logger records the statements
 * one request sends (`record`), so a bench can replay exactly that SQL through the driver beside the route.
 * openDb migrates first.
 */
export async function capturingApp() {
  const base = await openDb({ url: benchUrl });
  const client = postgres(benchUrl, { max: 10, onnotice: () => {} });
  let capture: Statement[] | null = null;
  const db = drizzle(client, { schema, casing: 'snake_case', logger: { logQuery: (query, params) => void capture?.push({ query, params }) } });
  const handle: DbHandle = {
    ...base,
    db: db as unknown as Db,
    close: async () => {
      await client.end({ timeout: 5 });
      await base.close();
    },
  };
  const app = await buildApp({
    db: handle,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    config: { rateLimit: { signInPerMinute: 100_000 }, scheduler: { enabled: false } },
  });
  /** Runs one request and returns its answer with the statements it sent. */
  const record = async <T>(request: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> => {
    capture = [];
    const result = await request();
    const statements = capture;
    capture = null;
    return { result, statements };
  };
  return {
    app,
    handle,
    record,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
