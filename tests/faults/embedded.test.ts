import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './lib/app-process.ts';
import { recoveryAfter, signInAll, startLoad, type User } from './lib/load.ts';
import { seedStaff, verifyAcks } from './lib/verify.ts';

/**
 * The embedded database (PGlite in a data folder) under faults (issue 11): the app killed with SIGKILL five times
 * under load and started again on the same folder; a second process started on the folder while the app runs; and
 * SIGTERM during load. Acknowledged writes survive each, with their audit rows, none doubled.
 */
const USERS = 50;
const ci = process.env.CI === 'true';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let root: string;
let dataDir: string;
let names: string[];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'crm-fault-pglite-'));
  dataDir = path.join(root, 'data', 'pglite');
  names = await seedStaff({ dataDir }, USERS, 'embedded');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function verifyFolder(acks: Parameters<typeof verifyAcks>[1]) {
  const handle = await openDb({ dataDir });
  try {
    return await verifyAcks(handle.db, acks);
  } finally {
    await handle.close();
  }
}

describe('kill -9 of the app on PGlite, five times under load', () => {
  it('starts again on the same folder each time (the dead pid’s lock is taken over) and keeps every acknowledged write once', async () => {
    let app: AppProcess = await startApp({ dataDir });
    const backAt: number[] = [];
    const restarts: number[] = [];
    let result: Awaited<ReturnType<ReturnType<typeof startLoad>['done']>>;
    try {
      const users: User[] = await signInAll(app.base, names);
      const load = startLoad({ base: app.base, users, durationMs: 240_000, writeShare: 0.5, thinkMs: 100 });
      try {
        for (let round = 0; round < 5; round++) {
          await sleep(ci ? 1_000 : 2_000);
          app.kill('SIGKILL');
          const killedAt = load.elapsed();
          await app.exited;
          expect(existsSync(`${dataDir}.lock`), 'a killed process leaves its lock behind').toBe(true);
          app = await startApp({ dataDir }, { port: app.port });
          const back = load.elapsed();
          backAt.push(back);
          restarts.push(back - killedAt);
          // Let the users come back before the next kill (bounded): the check below says how long that took.
          await load.untilEverySucceededSince(back, 15_000);
        }
        await sleep(1_000);
      } finally {
        load.stop();
      }
      result = await load.done();
    } finally {
      app.kill('SIGTERM');
      await app.exited;
    }
    expect(result.unexpectedBodies, 'only 2xx, 503 or a refused connection while the process was down').toEqual([]);
    const recovery = recoveryAfter(result.outcomes, backAt);
    console.log(
      `PGlite kill -9 ×5: the process was back after ${restarts.map(Math.round).join(', ')} ms; every user succeeded again ${recovery.map(Math.round).join(', ')} ms after that`,
    );
    if (process.env.FAULTS_DEBUG) {
      for (const back of backAt) {
        const after = result.outcomes.filter((o) => o.at + o.ms >= back && o.at + o.ms < back + 8_000);
        const hist: Record<string, number> = {};
        for (const o of after) {
          const k = `${o.status}${o.cause ? ` ${o.cause}` : ''}${o.at < back ? ' (sent before back)' : ''}`;
          hist[k] = (hist[k] ?? 0) + 1;
        }
        const ok = after
          .filter((o) => o.status === 200 || o.status === 201)
          .map((o) => o.ms)
          .sort((x, y) => x - y);
        console.log(
          `after back at ${Math.round(back)}: ${JSON.stringify(hist)}; ok latency p50 ${Math.round(ok[Math.floor(ok.length / 2)] ?? 0)} max ${Math.round(ok.at(-1) ?? 0)}`,
        );
      }
    }
    for (const ms of recovery) expect(ms, 'ms until every user succeeded again once the app was back').toBeLessThan(5_000);

    const findings = await verifyFolder(result.acks);
    expect(findings.checked).toBeGreaterThan(50);
    expect(findings.missing).toEqual([]);
    expect(findings.withoutAudit).toEqual([]);
    expect(findings.doubled).toEqual([]);
  });
});

describe('a second process on the same PGlite folder', () => {
  it('is refused with a clear message while the app runs, and the app and its folder are unharmed', async () => {
    const app = await startApp({ dataDir });
    try {
      const lock = JSON.parse(readFileSync(`${dataDir}.lock`, 'utf8')) as { pid: number };
      expect(lock.pid).toBe(app.child.pid);
      const second = await startApp({ dataDir }).then(
        () => {
          throw new Error('the second process started');
        },
        (error: Error) => error.message,
      );
      expect(second).toMatch(/in use by another CRM process \(pid \d+/);
      expect(second).toMatch(/Only one process may open it/);
      // A program that opens the folder itself (a script, a console) is refused the same way.
      await expect(openDb({ dataDir })).rejects.toThrow(/in use by another CRM process/);
      const health = await fetch(`${app.base}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      app.kill('SIGTERM');
      expect((await app.exited).code).toBe(0);
    }
    expect(existsSync(`${dataDir}.lock`), 'a clean stop removes the lock').toBe(false);
    // The folder opens again after the app stopped (before the lock, this failed with "RuntimeError: Aborted()").
    const handle = await openDb({ dataDir });
    await handle.ping();
    await handle.close();
  });
});

describe('SIGTERM during load on PGlite', () => {
  it('lets every request in flight finish, then exits 0; nothing acknowledged is lost', async () => {
    let app = await startApp({ dataDir });
    let termAt = 0;
    let exitedAt = 0;
    let exit: Awaited<AppProcess['exited']>;
    let result: Awaited<ReturnType<ReturnType<typeof startLoad>['done']>>;
    try {
      const users = await signInAll(app.base, names);
      const load = startLoad({ base: app.base, users, durationMs: 60_000, writeShare: 0.5, thinkMs: 5 });
      await sleep(ci ? 2_000 : 3_000);
      app.kill('SIGTERM');
      termAt = load.elapsed();
      exit = await app.exited;
      exitedAt = load.elapsed();
      // An orchestrator starts the next one; the clients retry their writes against it.
      app = await startApp({ dataDir }, { port: app.port });
      await load.untilEverySucceededSince(load.elapsed(), 15_000);
      load.stop();
      const stoppedAt = load.elapsed();
      result = await load.done();
      console.log(`load stopped at ${Math.round(stoppedAt)} ms, done at ${Math.round(load.elapsed())} ms`);
    } finally {
      app.kill('SIGTERM');
      await app.exited;
    }

    expect(exit.code, `exit code; output:\n${app.output().slice(-2000)}`).toBe(0);
    // Requests sent before the signal were in flight or queued: each was answered, none was cut.
    const cut = result.outcomes.filter((o) => o.at < termAt && o.status === 'network');
    expect(cut, 'requests sent before SIGTERM that lost their connection').toEqual([]);
    expect(result.unexpectedBodies).toEqual([]);
    const inFlight = result.outcomes.filter((o) => o.at < termAt && o.at + o.ms > termAt);
    console.log(
      `PGlite SIGTERM: ${inFlight.length} requests in flight at the signal, all answered (${inFlight.filter((o) => o.status === 503).length} with 503); exit after ${Math.round(exitedAt - termAt)} ms`,
    );
    const findings = await verifyFolder(result.acks);
    expect(findings.missing).toEqual([]);
    expect(findings.withoutAudit).toEqual([]);
    expect(findings.doubled).toEqual([]);
  });
});
