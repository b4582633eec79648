import { readFileSync } from 'node:fs';
import { inject } from 'vitest';

let cached: Uint8Array | null | undefined;

/**
 * The migrated PGlite the run's global setup made (tests/setup/migrate-server-db.ts), for a test file's fresh
 * in-memory database to start from; undefined on the server Postgres or when the file runs outside that setup.
 */
export function pgliteTemplate(): { loadDataDir: Uint8Array } | Record<string, never> {
  if (cached === undefined) {
    const file = inject('pgliteTemplate');
    cached = file ? new Uint8Array(readFileSync(file)) : null;
  }
  return cached ? { loadDataDir: cached } : {};
}
