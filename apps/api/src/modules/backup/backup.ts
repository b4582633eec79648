/**
 * `pnpm backup [FILE]` — one consistent backup of the CRM's database while the app runs (issue 11).
 * Server Postgres (DATABASE_URL): pg_dump's custom format. Embedded PGlite (DATA_DIR): a tar.gz snapshot of the data
 * folder, taken by the running app between transactions (it owns the folder), or directly when no app runs.
 * Without FILE it writes backups/crm-<zone time>.dump|.pglite.tar.gz and prints the path. Schedule it with cron or
 * a systemd timer (README "Backups").
 */
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from '@crm/db';
import { readEnv, repoRoot } from '../../env.ts';
import { askRunningApp, defaultBackupFile, pgTool, run, runningOwner } from './tools.ts';

const env = readEnv();
const target = process.argv[2];
const kind = env.DATABASE_URL ? 'postgres' : 'pglite';
const file = path.resolve(target ?? defaultBackupFile(path.join(repoRoot, 'backups'), kind, env.TIME_ZONE));

if (env.DATABASE_URL) {
  await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, env.DATABASE_URL]);
} else {
  const owner = runningOwner(env.DATA_DIR);
  if (owner?.control) {
    writeFileSync(file, await askRunningApp(owner.control, 'GET', '/backup'));
  } else if (owner) {
    throw new Error(
      `The embedded database in ${env.DATA_DIR} is held by process ${owner.pid}, which does not take backups (it may still be starting). Try again in a moment.`,
    );
  } else {
    const handle = await openDb({ dataDir: env.DATA_DIR });
    try {
      const data = await handle.embedded?.dump();
      if (!data) throw new Error('the embedded database cannot take a snapshot');
      writeFileSync(file, data);
    } finally {
      await handle.close();
    }
  }
}
process.stdout.write(`Backup written: ${file} (${statSync(file).size} bytes)\n`);
