import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '@crm/db';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated, empty PGlite data folder (a `dumpDataDir` tarball) every test file starts its own copy from. */
    pgliteTemplate: string | null;
  }
}

/**
 * With TEST_DATABASE_URL every test file opens the same server database: migrate it once, before any file starts, so
 * files never race to create tables.
 * On PGlite each file has an in-memory database of its own. Creating one and applying every migration costs ~4 s; a
 * copy of one migrated here, once per run, costs ~1 s (the migrations then find nothing to apply) — minutes saved over
 * a hundred files, and every migration still runs on a fresh database in each run.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    project.provide('pgliteTemplate', null);
    const handle = await openDb({ url });
    await handle.close();
    return;
  }
  const handle = await openDb({});
  const data = await handle.embedded!.dump();
  await handle.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-pglite-template-'));
  const file = path.join(dir, 'migrated.tar.gz');
  writeFileSync(file, data);
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
