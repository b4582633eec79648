import { openDb, type DbHandle } from '@crm/db';
import postgres from 'postgres';
import { pgliteTemplate } from './pglite-template.ts';

/**
 * A database of the test file's own: a new database on the TEST_DATABASE_URL server (dropped by `drop`), or an
 * in-memory PGlite. For tests of things that are global to a database — the scheduler's jobs and their cursor —
 * which other test files sharing the server database must not disturb.
 */
export async function isolatedDatabase(): Promise<{ url: string | null; open: () => Promise<DbHandle>; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    let shared: DbHandle | null = null;
    return {
      url: null,
      // PGlite is one connection in this process: every "instance" shares the one handle.
      open: async () => (shared ??= await openDb(pgliteTemplate())),
      drop: async () => shared?.close(),
    };
  }
  const url = new URL(base);
  const name = `${url.pathname.slice(1)}_iso_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  await sql.unsafe(`create database "${name}"`);
  await sql.end();
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    open: () => openDb({ url: url.toString() }),
    drop: async () => {
      const again = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists "${name}" with (force)`);
      await again.end();
    },
  };
}
