import { randomUUID } from 'node:crypto';
import { openDb } from '@crm/db';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxy, type Proxy as TcpProxy } from '../load/proxy.ts';
import { startApp, type AppProcess } from './lib/app-process.ts';
import { startCluster, type Cluster } from './lib/cluster.ts';
import { signInAll, startLoad } from './lib/load.ts';
import { seedStaff, verifyAcks } from './lib/verify.ts';

/**
 * Two API instances on one Postgres behind a round-robin balancer (issue 11): nothing that matters lives in one
 * process, so sessions, sign-in throttling and idempotent retries behave the same whichever instance answers.
 */
let cluster: Cluster;
let url: string;
let a: AppProcess;
let b: AppProcess;
let proxy: TcpProxy;
const ci = process.env.CI === 'true';

beforeAll(async () => {
  cluster = await startCluster();
  cluster.createDb('crm');
  url = cluster.url('crm');
  // Both start at once on an empty database: they take turns at the migrations (an advisory lock), and agree on
  // one signing secret (kept in the database).
  [a, b] = await Promise.all([startApp({ url }), startApp({ url })]);
  proxy = await startProxy([a.base, b.base]);
});
afterAll(async () => {
  await proxy?.close();
  for (const app of [a, b]) {
    app?.kill('SIGTERM');
    await app?.exited;
  }
  cluster?.destroy();
});

const login = (base: string, username: string, password: string) =>
  fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

async function newStaff() {
  const handle = await openDb({ url });
  try {
    return await makeUser(handle.db, { roles: ['staff'] });
  } finally {
    await handle.close();
  }
}

describe('two instances on one Postgres', () => {
  it('share sessions: a token and a refresh cookie from one instance work on the other; logout on one ends it on both', async () => {
    const user = await newStaff();
    const signedIn = await login(a.base, user.username, TEST_PASSWORD);
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${b.base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);
    // A browser names its page in Origin on these cookie routes (the CSRF check, issue 9): here, each instance's own.
    const from = (app: AppProcess, cookie: string) => ({ method: 'POST', headers: { cookie, origin: app.base } });
    const refreshed = await fetch(`${b.base}/api/auth/refresh`, from(b, cookie));
    expect(refreshed.status).toBe(200);
    const rotated = (refreshed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    // The old cookie was rotated away on B, so A refuses it too.
    expect((await fetch(`${a.base}/api/auth/refresh`, from(a, cookie))).status).toBe(401);
    expect((await fetch(`${a.base}/api/auth/logout`, from(a, rotated))).status).toBe(200);
    expect((await fetch(`${b.base}/api/auth/refresh`, from(b, rotated))).status).toBe(401);
  });

  it('throttle sign-ins together: five wrong passwords spread over both instances at once lock the account on both', async () => {
    const user = await newStaff();
    const answers = await Promise.all([a, b, a, b, a].map((app, i) => login(app.base, user.username, `wrong-${i}`)));
    expect(answers.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 429]);
    expect((await login(b.base, user.username, TEST_PASSWORD)).status).toBe(429);
    expect((await login(a.base, user.username, TEST_PASSWORD)).status).toBe(429);
  });

  it('answer a write retried on the other instance with the first answer (Idempotency-Key), writing once', async () => {
    const user = await newStaff();
    const { accessToken } = (await (await login(a.base, user.username, TEST_PASSWORD)).json()) as { accessToken: string };
    const key = randomUUID();
    const body = JSON.stringify({ companyName: `跨实例企业${randomUUID().slice(0, 8)}`, channel: 'online' });
    const send = (base: string) =>
      fetch(`${base}/api/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', 'idempotency-key': key },
        body,
      });
    const first = await send(a.base);
    const second = await send(b.base);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
  });

  it('serve 50 users through the balancer with no error, every acknowledged write there once', async () => {
    const names = await seedStaff({ url }, 50, 'balanced');
    const base = `http://127.0.0.1:${proxy.port}`;
    const users = await signInAll(base, names);
    const result = await startLoad({ base, users, durationMs: ci ? 5_000 : 10_000, writeShare: 0.4 }).done();
    expect(result.outcomes.filter((o) => o.status !== 200 && o.status !== 201)).toEqual([]);
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
  });
});
