import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The one database type services and repositories see, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbOptions = (
  /** A server Postgres (postgres://…), through the `postgres` driver. */
  | { url: string }
  /** The embedded PGlite: a data folder, or in memory when `dataDir` is omitted (tests). */
  | { url?: undefined; dataDir?: string }
) & {
  /**
   * The database session's TimeZone. Nothing the CRM computes may depend on it (periods are the zone's, set in
   * the API); tests open the database in a far-off zone to prove that.
   */
  sessionTimeZone?: string;
  /** Connections in the postgres.js pool (server Postgres only); default 10. */
  poolSize?: number;
};

export type DbHandle = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Largest number of bind parameters one statement may carry on this driver (PGlite breaks past 32,767). */
  maxParams: number;
  close: () => Promise<void>;
  ping: () => Promise<void>;
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const migrationsFolder = path.resolve(here, '../../../drizzle');

/**
 * Opens the database and applies every migration (drizzle/), the same files for both drivers.
 * PGlite is a single connection on the main thread; it queues queries itself and a transaction holds it,
 * so code inside a transaction must use the `tx` it was given, never the outer `db` (that would wait forever).
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
      await migratePostgres(db, { migrationsFolder });
    } catch (error) {
      await client.end({ timeout: 1 });
      throw error;
    }
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      maxParams: 65_000,
      close: () => client.end({ timeout: 5 }),
      ping: async () => {
        await client`select 1`;
      },
    };
  }
  // PGlite creates only the last folder of dataDir; a fresh clone has no ./data yet, so make the whole path.
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm } });
  if (options.sessionTimeZone) await client.query(`set time zone '${options.sessionTimeZone.replace(/'/g, "''")}'`);
  const db = drizzlePglite(client, { schema, casing: 'snake_case' });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    maxParams: 32_000,
    close: () => client.close(),
    ping: async () => {
      await client.query('select 1');
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
