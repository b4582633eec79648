import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite as PGliteClient } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { trackHeavyQueries } from './heavy.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { PgliteWorkerProxy } from './pglite-proxy.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type services and repositories see, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbOptions =
  /** A server Postgres (postgres://…), through the `postgres` driver. */
  (
    | { url: string }
    /** The embedded PGlite: a data folder, or in memory when `dataDir` is omitted (tests). */
    | { url?: undefined; dataDir?: string }
  ) & {
    /**
     * The database session's TimeZone. Nothing the CRM computes may depend on it (periods are the zone's, set in
     * the API); tests open the database in a far-off zone to prove that.
     */
    sessionTimeZone?: string;
    /** The embedded database only: a snapshot (pnpm backup) to create a fresh data folder from. */
    loadDataDir?: Uint8Array;
    /** Connections in the postgres.js pool (server Postgres only); default 10. */
    poolSize?: number;
    /**
     * Server Postgres only: connections of the separate pool the heavy reads run on (funnel, boards, rankings,
     * dashboard, reports, exports), default 3, so they can never take the connections sign-in and writes need;
     * and the statement timeout on those connections, default 15 s (issue 12).
     */
    heavyPoolSize?: number;
    heavyStatementTimeoutMs?: number;
  };

export type DbHandle = {
  db: Db;
  /**
   * Where heavy reads run: on a server, a small pool of its own with a statement timeout, whose queries a request's
   * heavy scope can cancel (heavy.ts); on PGlite the one connection (the API limits how many run at once).
   */
  heavyDb: Db;
  kind: 'postgres' | 'pglite';
  /** Largest number of bind parameters one statement may carry on this driver (PGlite breaks past 32,767). */
  maxParams: number;
  close: () => Promise<void>;
  ping: () => Promise<void>;
  /**
   * Is the database up? Answered without queueing behind the work under way: on PGlite from the worker's last
   * heartbeat, on a server from a `select 1` bounded to 2 s.
   */
  health: () => Promise<{ up: boolean }>;
  /** The embedded database only: snapshots through the running process, and the folder's lock. */
  embedded?: {
    dataDir: string | undefined;
    lock: DataDirLock | null;
    dump: () => Promise<Uint8Array>;
    /** Swaps the folder for a snapshot (the old one is kept beside it, its path returned), then migrates it. */
    restore: (data: Uint8Array) => Promise<string>;
  };
};

/**
 * The advisory lock key migrations run under (any constant; "crm-mig" in ASCII, 0x63726d2d6d6967, which a double
 * cannot hold: written as the value it has always rounded to, so every version takes the same lock).
 */
const MIGRATION_LOCK = 0x63726d2d6d6968;

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = path.resolve(here, '../../../drizzle');

/**
 * Opens the database and applies every migration (drizzle/), the same files for both drivers.
 * PGlite is a single connection, run in a worker thread (pglite-worker.mjs) so its queries never block the request
 * thread; it serialises work and a transaction holds it, so code inside a transaction must use the `tx` it was
 * given, never the outer `db` (that would wait forever).
 */
export async function openDb(options: DbOptions): Promise<DbHandle> {
  if (options.url !== undefined) {
    const client = postgres(options.url, {
      max: options.poolSize ?? 10,
      onnotice: () => {},
      // A restart or a network blip must cost a request seconds, not minutes. postgres.js waits 30 s for a connection
      // by default and backs off up to 20 s between attempts, growing with every failure since the last success, so
      // after a restart under load requests hung 16–18 s; here an attempt gives up after 2 s (the request answers
      // 503) and a closed connection is retried within half a second.
      connect_timeout: 2,
      backoff: (attempt: number) => Math.min(0.05 * attempt, 0.5),
      ...(options.sessionTimeZone ? { connection: { TimeZone: options.sessionTimeZone } } : {}),
      // bigint columns come back as strings; drizzle's bigint({ mode: 'number' }) turns them into safe integers.
    });
    const db = drizzlePostgres(client, { schema, casing: 'snake_case' });
    try {
      // Instances started together on one database take turns: the first applies the migrations under a
      // session-level advisory lock, the others wait for it and then find nothing left to apply.
      const guard = await client.reserve();
      try {
        await guard`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(db, { migrationsFolder });
      } finally {
        await guard`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
        guard.release();
      }
    } catch (error) {
      await client.end({ timeout: 1 });
      throw error;
    }
    const heavyClient = postgres(options.url, {
      max: options.heavyPoolSize ?? 3,
      onnotice: () => {},
      connect_timeout: 2,
      backoff: (attempt: number) => Math.min(0.05 * attempt, 0.5),
      connection: {
        ...(options.sessionTimeZone ? { TimeZone: options.sessionTimeZone } : {}),
        statement_timeout: options.heavyStatementTimeoutMs ?? 15_000,
        // One core per heavy read: the limit on heavy reads at once is a limit on the cores they take only if none
        // fans out into parallel workers (two per query by default, which took both cores of a small server from
        // sign-in and writes: a sign-in beside fifty dashboards 1.2 s, issue 12).
        // A string: postgres.js leaves out every startup parameter whose value is falsy (`.filter(([, v]) => v)` in
        // its StartupMessage), so the number 0 was silently never sent.
        max_parallel_workers_per_gather: '0',
      },
    });
    const heavyDb = drizzlePostgres(trackHeavyQueries(heavyClient), { schema, casing: 'snake_case' });
    return {
      db: db as unknown as Db,
      heavyDb: heavyDb as unknown as Db,
      kind: 'postgres',
      maxParams: 65_000,
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), heavyClient.end({ timeout: 5 })]);
      },
      ping: async () => {
        await client`select 1`;
      },
      health: async () => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 2_000)));
        const answered = client`select 1`.then(
          () => true,
          () => false,
        );
        const up = await Promise.race([answered, late]);
        clearTimeout(timer);
        return { up };
      },
    };
  }
  // The folder belongs to this process until it closes the database: a second process is refused (data-dir-lock.ts).
  if (options.dataDir) mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const lock = options.dataDir ? acquireDataDirLock(options.dataDir) : null;
  let proxy: PgliteWorkerProxy;
  try {
    // PGlite creates only the last folder of dataDir; a fresh clone has no ./data yet, so make the whole path.
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    proxy = await PgliteWorkerProxy.start({ dataDir: options.dataDir, sessionTimeZone: options.sessionTimeZone, loadDataDir: options.loadDataDir });
  } catch (error) {
    lock?.release();
    throw error;
  }
  // drizzle's PGlite driver needs only query() and transaction(); the proxy runs both in the worker.
  const db = drizzlePglite(proxy as unknown as PGliteClient, { schema, casing: 'snake_case' });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await proxy.close();
    lock?.release();
    throw error;
  }
  return {
    db: db as unknown as Db,
    heavyDb: db as unknown as Db,
    kind: 'pglite',
    maxParams: 32_000,
    close: async () => {
      await proxy.close();
      lock?.release();
    },
    ping: async () => {
      await proxy.query('select 1');
    },
    health: async () => ({ up: proxy.health().up }),
    embedded: {
      dataDir: options.dataDir,
      lock,
      dump: () => proxy.dump(),
      restore: async (data) => {
        const aside = await proxy.restore(data);
        // A snapshot from an older version of the CRM is brought up to this one's schema.
        await migratePglite(db, { migrationsFolder });
        return aside;
      },
    },
  };
}

/** Splits rows so no single INSERT carries more bind parameters than the driver allows. */
export function chunkRows<T>(rows: T[], columnsPerRow: number, maxParams: number): T[][] {
  const size = Math.max(1, Math.floor(maxParams / Math.max(1, columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}
