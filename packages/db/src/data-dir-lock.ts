import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * The embedded database's folder belongs to one process at a time (issue 11: a second program opening it while the
 * app ran ruined it — the app would not start again). The owner writes `<dataDir>.lock` beside the folder with its
 * pid; a second process reads it and refuses with a clear message. A lock left by a process that is gone (killed,
 * crashed) is taken over. The lock sits beside the folder, not in it, so a restore can swap the folder under it.
 */
export type LockInfo = {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Where the owner answers backup and restore requests (a Unix socket), when it does. */
  control?: string;
};

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another CRM process (pid ${holder.pid} on ${holder.hostname}, since ${holder.startedAt}). ` +
        'Only one process may open it: stop that one first. To run several API instances, use a server Postgres (DATABASE_URL); ' +
        'to back up or restore while it runs, use `pnpm backup` / `pnpm restore FILE`, which ask the running process. ' +
        `If you are sure no CRM process uses this folder (that pid now belongs to another program), delete ${lockPathOf(dataDir)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export const lockPathOf = (dataDir: string) => `${path.resolve(dataDir)}.lock`;

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(lockPathOf(dataDir), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Is the process that wrote this lock still running? (EPERM: it runs, as another user.) */
export function isHolderAlive(info: LockInfo): boolean {
  if (info.hostname !== hostname()) return true; // a folder shared over the network: we cannot tell, so assume it is.
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type DataDirLock = { info: LockInfo; update: (over: Partial<LockInfo>) => void; release: () => void };

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const lockPath = lockPathOf(dataDir);
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const mine = `${lockPath}.${process.pid}.tmp`;
  writeFileSync(mine, JSON.stringify(info));
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        // link() creates the lock only if none exists: of two processes starting at once, exactly one gets it.
        linkSync(mine, lockPath);
        return handle(lockPath, info);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readLock(dataDir);
      if (holder && isHolderAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      // Stale (its process is gone) or unreadable (a torn write): move it aside — rename is atomic, so of two
      // processes taking over at once one moves it and the other finds the new owner's lock on its next try.
      const aside = `${lockPath}.stale.${process.pid}`;
      try {
        renameSync(lockPath, aside);
      } catch {
        continue; // someone else moved it first; try again
      }
      // If what we moved is no longer the stale lock but a live owner's (it took over between our read and our
      // rename), give it back and refuse.
      const moved = (() => {
        try {
          return JSON.parse(readFileSync(aside, 'utf8')) as LockInfo;
        } catch {
          return null;
        }
      })();
      if (moved && isHolderAlive(moved)) {
        linkSync(aside, lockPath);
        rmSync(aside, { force: true });
        throw new DataDirLockedError(dataDir, moved);
      }
      rmSync(aside, { force: true });
    }
    throw new Error(`Could not lock ${dataDir}: another process keeps taking the lock. Try again.`);
  } finally {
    rmSync(mine, { force: true });
  }
}

function handle(lockPath: string, info: LockInfo): DataDirLock {
  let released = false;
  return {
    info,
    update: (over) => {
      Object.assign(info, over);
      const next = `${lockPath}.${process.pid}.next`;
      writeFileSync(next, JSON.stringify(info));
      renameSync(next, lockPath);
    },
    release: () => {
      if (released) return;
      released = true;
      try {
        const current = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
        if (current.pid === info.pid && current.startedAt === info.startedAt) rmSync(lockPath, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}
