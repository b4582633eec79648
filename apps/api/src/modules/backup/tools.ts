import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { isHolderAlive, readLock, type LockInfo } from '@crm/db';
import { systemClock, zoneDateTime } from '@crm/shared';

/**
 * What `pnpm backup` and `pnpm restore` share. A server Postgres is backed up with its own tools (pg_dump's custom
 * format, restored by pg_restore — consistent while the app writes, since pg_dump reads one snapshot); the embedded
 * database by a snapshot of its folder taken by the process that owns it (modules/backup/control.ts), or directly
 * when no process holds it.
 */

/** A Postgres client tool: on PATH, or the newest installed server's (Debian keeps them in /usr/lib/postgresql). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const onPath = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return name;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const file = path.join(root, v, 'bin', name);
    if (existsSync(file)) return file;
  }
  throw new Error(`${name} is not installed. Install the PostgreSQL client tools (e.g. apt-get install postgresql-client) and try again.`);
}

export function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (${code}): ${err.trim()}`))));
  });
}

/** backups/crm-2026-11-30-18-05-00.dump: the zone's time in the name, so people read it as they read the CRM. */
export function defaultBackupFile(folder: string, kind: 'postgres' | 'pglite', timeZone: string, prefix = 'crm'): string {
  mkdirSync(folder, { recursive: true });
  const stamp = zoneDateTime(systemClock.now(), timeZone, { seconds: true }).replace(/[: ]/g, '-');
  const ext = kind === 'postgres' ? '.dump' : '.pglite.tar.gz';
  let file = path.join(folder, `${prefix}-${stamp}${ext}`);
  for (let n = 2; existsSync(file); n++) file = path.join(folder, `${prefix}-${stamp}-${n}${ext}`);
  return file;
}

/** The process holding the embedded folder, if one runs and answers backups. */
export function runningOwner(dataDir: string): LockInfo | null {
  const lock = readLock(dataDir);
  if (!lock || !isHolderAlive(lock)) return null;
  return lock;
}

/** One request to the running app's control socket. */
export function askRunningApp(socketPath: string, method: 'GET' | 'POST', url: string, body?: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path: url, headers: body ? { 'content-length': body.byteLength } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(data);
        else reject(new Error(`the running app could not do it: ${data.toString('utf8')}`));
      });
    });
    req.once('error', reject);
    req.end(body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
  });
}
