import { openDb } from '@crm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './lib/app-process.ts';
import { startCluster, type Cluster } from './lib/cluster.ts';
import { recoveryAfter, signInAll, startLoad, summarize, type User } from './lib/load.ts';
import { seedStaff, verifyAcks } from './lib/verify.ts';

/**
 * The app on a server Postgres under 50 signed-in users' load (issue 11). Postgres restarted (fast and immediate): the API process stays up, clients see 503
 * (never 500, never a hang) while it lasts and success again within 5 s, and every acknowledged write is there once,
 * with its audit row. Before the postgres.js patch the process died with "Cannot read properties of null (reading
 * 'write')" in 5 of 5 runs. Then the app itself killed with SIGKILL and stopped with SIGTERM during the load.
 */
const USERS = 50;
const ci = process.env.CI === 'true';

let cluster: Cluster;
let app: AppProcess;
let users: User[];
let url: string;

beforeAll(async () => {
  cluster = await startCluster();
  cluster.createDb('crm');
  url = cluster.url('crm');
  const names = await seedStaff({ url }, USERS, 'restart');
  app = await startApp({ url });
  users = await signInAll(app.base, names);
});

afterAll(async () => {
  app?.kill('SIGKILL');
  cluster?.destroy();
});

describe.each(['fast', 'immediate'] as const)('Postgres restarted (%s) under load', (mode) => {
  it('keeps the process up, answers 503 then success within 5 s, and loses or doubles no acknowledged write', async () => {
    const before = ci ? 2_000 : 3_000;
    const after = ci ? 5_000 : 8_000;
    const load = startLoad({ base: app.base, users, durationMs: 60_000, writeShare: 0.5 });
    await new Promise((r) => setTimeout(r, before));
    const t0 = performance.now();
    await cluster.restart(mode);
    const restartMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, after));
    load.stop();
    const result = await load.done();

    expect(app.isRunning(), `the API process died:\n${app.output().slice(-3000)}`).toBe(true);
    expect(result.unexpectedBodies, 'only 2xx and 503 answers').toEqual([]);
    const unavailable = result.outcomes.filter((o) => o.status === 503).length;
    expect(unavailable + result.outcomes.filter((o) => o.status === 'network').length, 'the restart was felt').toBeGreaterThan(0);
    expect(result.longestOutage, 'longest time a user waited for success again (ms)').toBeLessThan(5_000);
    // Nothing hangs: every answer, 503s included, came within a few seconds.
    expect(Math.max(...result.outcomes.map((o) => o.ms))).toBeLessThan(5_000);
    const health = await fetch(`${app.base}/api/health`);
    expect(health.status).toBe(200);

    const handle = await openDb({ url });
    try {
      const findings = await verifyAcks(handle.db, result.acks);
      expect(findings.checked).toBeGreaterThan(50);
      expect(findings.missing).toEqual([]);
      expect(findings.withoutAudit).toEqual([]);
      expect(findings.doubled).toEqual([]);
    } finally {
      await handle.close();
    }
    const calm = summarize(result.outcomes, 0, before);
    console.log(
      `restart ${mode}: pg_ctl restart took ${Math.round(restartMs)} ms; ${result.requests} requests, ${unavailable} answered 503, ${result.acks.length} acknowledged writes checked, longest outage ${Math.round(result.longestOutage)} ms; before the restart ${Math.round(calm.perSecond)} req/s, p50 ${Math.round(calm.p50)} ms, p99 ${Math.round(calm.p99)} ms`,
    );
  });
});

async function verify(acks: Parameters<typeof verifyAcks>[1]) {
  const handle = await openDb({ url });
  try {
    const findings = await verifyAcks(handle.db, acks);
    expect(findings.missing).toEqual([]);
    expect(findings.withoutAudit).toEqual([]);
    expect(findings.doubled).toEqual([]);
    return findings;
  } finally {
    await handle.close();
  }
}

describe('kill -9 of the app on Postgres under load', () => {
  it('loses no acknowledged write and doubles none when the clients retry against the restarted app', async () => {
    const load = startLoad({ base: app.base, users, durationMs: 60_000, writeShare: 0.5 });
    await new Promise((r) => setTimeout(r, ci ? 2_000 : 3_000));
    app.kill('SIGKILL');
    await app.exited;
    app = await startApp({ url }, { port: app.port });
    const back = load.elapsed();
    await load.untilEverySucceededSince(back, 15_000);
    load.stop();
    const result = await load.done();
    expect(result.unexpectedBodies).toEqual([]);
    const [recovery] = recoveryAfter(result.outcomes, [back]);
    console.log(`Postgres, app kill -9: every user succeeded again ${Math.round(recovery ?? 0)} ms after the app was back`);
    expect(recovery).toBeLessThan(5_000);
    await verify(result.acks);
  });
});

describe('SIGTERM of the app on Postgres during load', () => {
  it('lets every request in flight finish, exits 0, and loses nothing acknowledged', async () => {
    const load = startLoad({ base: app.base, users, durationMs: 60_000, writeShare: 0.5, thinkMs: 5 });
    await new Promise((r) => setTimeout(r, ci ? 2_000 : 3_000));
    app.kill('SIGTERM');
    const termAt = load.elapsed();
    const exit = await app.exited;
    app = await startApp({ url }, { port: app.port });
    await load.untilEverySucceededSince(load.elapsed(), 15_000);
    load.stop();
    const result = await load.done();
    expect(exit.code).toBe(0);
    const cut = result.outcomes.filter((o) => o.at < termAt && o.status === 'network');
    expect(cut, 'requests sent before SIGTERM that lost their connection').toEqual([]);
    expect(result.unexpectedBodies).toEqual([]);
    const inFlight = result.outcomes.filter((o) => o.at < termAt && o.at + o.ms > termAt);
    console.log(`Postgres SIGTERM: ${inFlight.length} requests in flight at the signal, all answered`);
    await verify(result.acks);
  });
});
