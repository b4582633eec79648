/**
 * `pnpm restore FILE` — puts a backup from `pnpm backup` back, while the app runs (issue 11).
 * Server Postgres (DATABASE_URL): first a safety backup of what is there now (backups/pre-restore-…), then pg_restore
 * in one transaction (--clean --if-exists: a fresh, empty database works too); requests wait on its locks for the
 * few seconds it takes, then see the restored data. Embedded PGlite (DATA_DIR): the running app swaps its folder
 * for the snapshot between transactions, keeping the old folder beside it; with no app running it is done directly.
 * The schema is brought up to this version's migrations afterwards.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from '@crm/db';
import { readEnv, repoRoot } from '../../env.ts';
import { askRunningApp, defaultBackupFile, pgTool, run, runningOwner } from './tools.ts';

const env = readEnv();
const source = process.argv[2];
if (!source || !existsSync(source)) {
  process.stderr.write(`Usage: pnpm restore FILE — FILE is a backup written by pnpm backup${source ? ` (${source} does not exist)` : ''}.\n`);
  process.exit(2);
}
const file = path.resolve(source);
const say = (line: string) => process.stdout.write(`${line}\n`);

if (env.DATABASE_URL) {
  if (file.endsWith('.pglite.tar.gz'))
    throw new Error('This is a backup of the embedded database; restore it with DATA_DIR set, not DATABASE_URL (README: moving to a server Postgres).');
  const safety = defaultBackupFile(path.join(repoRoot, 'backups'), 'postgres', env.TIME_ZONE, 'pre-restore');
  await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${safety}`, env.DATABASE_URL]);
  say(`Safety backup of the current data: ${safety}`);
  await run(pgTool('pg_restore'), [
    '--clean',
    '--if-exists',
    '--no-owner',
    '--no-privileges',
    '--single-transaction',
    '--exit-on-error',
    `--dbname=${env.DATABASE_URL}`,
    file,
  ]);
  // A backup of an older CRM is brought up to this version's schema.
  const handle = await openDb({ url: env.DATABASE_URL });
  await handle.close();
  say(`Restored ${file} into the server database.`);
} else {
  if (!file.endsWith('.pglite.tar.gz'))
    throw new Error('This is not a backup of the embedded database (…pglite.tar.gz). A server backup (.dump) is restored with DATABASE_URL set.');
  const data = new Uint8Array(readFileSync(file));
  const owner = runningOwner(env.DATA_DIR);
  if (owner?.control) {
    const answer = JSON.parse((await askRunningApp(owner.control, 'POST', '/restore', data)).toString('utf8')) as { previousFolder: string };
    say(`Restored ${file} into the running app; the previous folder is kept in ${answer.previousFolder}.`);
  } else if (owner) {
    throw new Error(
      `The embedded database in ${env.DATA_DIR} is held by process ${owner.pid}, which does not take restores (it may still be starting). Try again in a moment.`,
    );
  } else if (!existsSync(path.join(env.DATA_DIR, 'PG_VERSION'))) {
    // A fresh folder: the snapshot is loaded straight into it (and migrated as it opens).
    const handle = await openDb({ dataDir: env.DATA_DIR, loadDataDir: data });
    await handle.close();
    say(`Restored ${file} into ${env.DATA_DIR}.`);
  } else {
    const handle = await openDb({ dataDir: env.DATA_DIR });
    try {
      const aside = await handle.embedded?.restore(data);
      say(`Restored ${file} into ${env.DATA_DIR}; the previous folder is kept in ${aside}.`);
    } finally {
      await handle.close();
    }
  }
}
