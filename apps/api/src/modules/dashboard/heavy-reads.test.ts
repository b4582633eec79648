import type { AddressInfo } from 'node:net';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { problemLanguages } from '@crm/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../lib/rollups.ts';
import { signIn, startTestApp, today, type Session, type TestApp } from '../../test/harness.ts';

/*
 * Issue 12: heavy reads (here the dashboard) cannot starve sign-in, stop at their deadline with a 503 the user can
 * read, and stop when the client goes away. Real HTTP (the app listens on a loopback port), so a client going away
 * is a closed socket, as in production.
 */

let t: TestApp;
let manager: Session;
let base: string;
const year = today().slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  manager = await signIn(t, ['manager']);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  t?.app.server.closeAllConnections();
  await t?.close();
});

const dashboard = (signal?: AbortSignal) => fetch(`${base}/api/dashboard?year=${year}`, { headers: manager.headers, ...(signal ? { signal } : {}) });

describe('heavy reads', () => {
  it('a sign-in answers within a second while fifty dashboards are in flight', async () => {
    const user = await makeUser(t.db, { roles: ['staff'] });
    const login = () =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
      });
    const b0 = performance.now();
    await login();
    const baseline = performance.now() - b0;
    let settled = 0;
    const dashboards = Array.from({ length: 50 }, () =>
      dashboard().then(async (r) => {
        settled++;
        await r.arrayBuffer();
        return r.status;
      }),
    );
    // The dashboards have reached the server and hold or wait for the heavy-read slots.
    await vi.waitFor(() => expect(t.app.heavyGate.queued).toBeGreaterThan(0), { timeout: 10_000 });
    // A generous bound, meaningful against the ~50 s a sign-in once waited behind queued funnels: this file shares the
    // cores with the rest of the suite. The strict one second is tests/faults/heavy-reads.test.ts, run alone.
    const t0 = performance.now();
    const res = await login();
    const ms = performance.now() - t0;
    const inFlight = 50 - settled;
    expect(res.status).toBe(200);
    // 1 s, unless the machine is so busy (other test runs beside this one) that a sign-in alone takes over a third of
    // that: then three lone sign-ins' time, still far from the many seconds of a sign-in queued behind fifty dashboards.
    expect(ms, `sign-in alone ${baseline.toFixed(0)} ms, beside ${inFlight} dashboards in flight ${ms.toFixed(0)} ms`).toBeLessThan(
      Math.max(1000, 3 * baseline),
    );
    expect(inFlight).toBeGreaterThan(0);
    expect(await Promise.all(dashboards)).toEqual(Array(50).fill(200));
  });

  it('dashboards abandoned by their client while they wait are never run', async () => {
    const before = t.app.heavyGate.granted;
    const controller = new AbortController();
    const requests = Array.from({ length: 20 }, () =>
      dashboard(controller.signal).then(
        (r) => r.status,
        () => 'aborted' as const,
      ),
    );
    await vi.waitFor(() => expect(t.app.heavyGate.queued).toBeGreaterThan(5), { timeout: 10_000 });
    controller.abort();
    const results = await Promise.all(requests);
    // On a quiet machine a dashboard of this small database answers in milliseconds, so the first few may have been
    // answered before the client left; the six or more still queued at that moment can only end aborted.
    expect(results.filter((r) => r !== 'aborted' && r !== 200)).toEqual([]);
    expect(results.filter((r) => r === 'aborted').length).toBeGreaterThan(5);
    await vi.waitFor(() => expect(t.app.heavyGate.inUse + t.app.heavyGate.queued).toBe(0), { timeout: 20_000 });
    // Those already running when the client left finished or were cancelled; the queued ones never started.
    expect(t.app.heavyGate.granted - before).toBeLessThan(20);
  });
});

describe('downloads', () => {
  it('give their slot back whether the file was sent or abandoned half way', async () => {
    const exports = Array.from({ length: 12 }, async (_, i) => {
      const controller = new AbortController();
      try {
        const res = await fetch(`${base}/api/leads/export`, { headers: manager.headers, signal: controller.signal });
        // Every other one leaves as soon as the answer starts; the rest read the whole file.
        if (i % 2 === 0) controller.abort();
        else await res.arrayBuffer();
        return res.status;
      } catch {
        return 'aborted' as const;
      }
    });
    const statuses = await Promise.all(exports);
    expect(statuses.filter((s) => s !== 200 && s !== 'aborted')).toEqual([]);
    await vi.waitFor(() => expect(t.app.heavyGate.inUse + t.app.heavyGate.queued).toBe(0), { timeout: 20_000 });
    // Nothing leaked: heavy reads still get their slots.
    expect((await dashboard()).status).toBe(200);
  });
});

describe('the heavy pool', () => {
  it('never fans a query out into parallel workers, and has its statement timeout (server Postgres)', async () => {
    if (t.handle.kind !== 'postgres') return; // PGlite has one connection and no parallel workers
    const [row] = rowsOf<{ workers: string; timeout: string }>(
      await t.handle.heavyDb.execute(
        sql`select current_setting('max_parallel_workers_per_gather') as workers, current_setting('statement_timeout') as timeout`,
      ),
    );
    expect(row).toEqual({ workers: '0', timeout: '15s' });
  });
});

describe('a heavy read past its deadline', () => {
  let slow: TestApp;
  beforeAll(async () => {
    slow = await startTestApp({ config: { heavy: { concurrency: 1, timeoutMs: 300 } } });
  });
  afterAll(async () => slow?.close());

  it('answers 503 with its reason (both catalogues have it), not 500', async () => {
    const boss = await signIn(slow, ['manager']);
    // The one slot is taken (as by a long report), so these wait past their 0.3 s deadline; the deadline counts the
    // wait, so a queue of abandoned work cannot hold a request for minutes.
    const hold = new AbortController();
    await slow.app.heavyGate.acquire(hold.signal);
    for (const url of [`/api/dashboard?year=${year}`, '/api/pipeline/funnel', '/api/pipeline/board']) {
      const res = await slow.app.inject({ method: 'GET', url, headers: boss.headers });
      expect(res.statusCode).toBe(503);
      const body = res.json<{ error: { reason: string; params: { seconds: number }; message: string } }>();
      expect(body.error.reason).toBe('HEAVY_READ_TIMEOUT');
      expect(body.error.params.seconds).toBe(1); // 0.3 s, shown as at least 1
      expect(body.error.message).toMatch(/longer than 1 seconds/);
      expect(problemLanguages['zh-CN'].problems.HEAVY_READ_TIMEOUT).toMatch(/秒/);
    }
    slow.app.heavyGate.release();
    const res = await slow.app.inject({ method: 'GET', url: '/api/pipeline/funnel', headers: boss.headers });
    expect(res.statusCode).toBe(200);
    // Downloads (the .xlsx exports) take a slot too, wait for it under the same deadline, and hold it until sent.
    await slow.app.heavyGate.acquire(hold.signal);
    for (const url of ['/api/leads/export', '/api/projects/export', '/api/agents/export']) {
      const res = await slow.app.inject({ method: 'GET', url, headers: boss.headers });
      expect(res.statusCode, url).toBe(503);
      expect(res.json<{ error: { reason: string } }>().error.reason).toBe('HEAVY_READ_TIMEOUT');
    }
    slow.app.heavyGate.release();
    const file = await slow.app.inject({ method: 'GET', url: '/api/leads/export', headers: boss.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/spreadsheetml/);
    await vi.waitFor(() => expect(slow.app.heavyGate.inUse).toBe(0));
    // Sign-in and ordinary reads are not heavy reads: they answer as usual.
    const me = await slow.app.inject({ method: 'GET', url: '/api/zones', headers: boss.headers });
    expect(me.statusCode).toBe(200);
  });
});
