import { randomInt } from 'node:crypto';
import { auditLog, signInFailures } from '@crm/db';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t, ['admin']);
});
afterAll(() => t.close());

/** An address of its own for each test (TEST-NET ranges), so files sharing a server database never share a count. */
const address = () => `198.18.${randomInt(0, 255)}.${randomInt(1, 254)}`;
const login = (username: string, password: string, from: string, app = t.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: from });
const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode).sort((a, b) => a - b);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

async function auditActions(userId: string) {
  const rows = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, userId));
  return rows.map((r) => r.action);
}

describe('failed sign-ins are counted atomically', () => {
  it('5 wrong passwords in sequence lock the account for that address (the yardstick)', async () => {
    const user = await makeUser(t.db);
    const from = address();
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await login(user.username, `wrong-guess-${i}`, from)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    const right = await login(user.username, TEST_PASSWORD, from);
    expect(right.statusCode).toBe(429);
    expect(errorOf(right).details?.lockedUntil).toEqual(expect.any(String));
  });

  it('30 wrong passwords sent at once lock exactly as 5 in sequence: 4 × 401, then the lock, the rest refused unheard', async () => {
    const user = await makeUser(t.db);
    const from = address();
    const answers = statuses(await Promise.all(Array.from({ length: 30 }, (_, i) => login(user.username, `parallel-guess-${i}`, from))));
    expect(count(answers, 401)).toBe(4);
    expect(count(answers, 429)).toBe(26);
    // Only five passwords were ever checked, and the fifth failure set the lock, once.
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(4);
    expect(actions.filter((a) => a === 'auth.locked')).toHaveLength(1);
    const [row] = await t.db
      .select()
      .from(signInFailures)
      .where(and(eq(signInFailures.userId, user.id), eq(signInFailures.address, from)));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(t.now().getTime());
    expect((await login(user.username, TEST_PASSWORD, from)).statusCode).toBe(429);
  });

  it('29 wrong passwords and the right one at once: at most 5 are heard, and the right one wins only if it was among them', async () => {
    const user = await makeUser(t.db);
    const from = address();
    const passwords = Array.from({ length: 30 }, (_, i) => (i === 29 ? TEST_PASSWORD : `burst-guess-${i}`));
    const responses = await Promise.all(passwords.map((p) => login(user.username, p, from)));
    const answers = statuses(responses);
    expect(count(answers, 401)).toBeLessThanOrEqual(4);
    expect(count(answers, 200) + count(answers, 401)).toBeLessThanOrEqual(5);
    expect(count(answers, 429)).toBeGreaterThanOrEqual(25);
    // On old main this was 29 × 401 and a 200: every guess was heard.
  });

  it('two bursts of 25 count 50 attempts, not 1 and 2: the first burst locks', async () => {
    const user = await makeUser(t.db);
    const from = address();
    const first = statuses(await Promise.all(Array.from({ length: 25 }, (_, i) => login(user.username, `first-${i}`, from))));
    const second = statuses(await Promise.all(Array.from({ length: 25 }, (_, i) => login(user.username, `second-${i}`, from))));
    expect(count(first, 401)).toBe(4);
    expect(count(second, 429)).toBe(25);
    const [row] = await t.db
      .select()
      .from(signInFailures)
      .where(and(eq(signInFailures.userId, user.id), eq(signInFailures.address, from)));
    expect(row?.attempts).toBe(50);
  });
});

describe('a lock holds only for the address that failed (nobody can lock a colleague out)', () => {
  it('5 requests from one machine do not lock the admin out of theirs', async () => {
    const target = await signIn(t, ['admin']);
    const attacker = address();
    const office = address();
    for (let i = 0; i < 5; i++) await login(target.user.username, `forced-${i}`, attacker);
    expect((await login(target.user.username, TEST_PASSWORD, attacker)).statusCode).toBe(429);
    const own = await login(target.user.username, TEST_PASSWORD, office);
    expect(own.statusCode).toBe(200);
    // A sign-in from the office does not lift the attacker's lock.
    expect((await login(target.user.username, TEST_PASSWORD, attacker)).statusCode).toBe(429);
  });

  it('shows the lock to the admin, who lifts it for every address', async () => {
    const user = await makeUser(t.db);
    const from = address();
    for (let i = 0; i < 5; i++) await login(user.username, `locked-${i}`, from);
    const listed = await call<{ items: { id: string; lockedUntil: string | null; version: number }[] }>(t, {
      method: 'GET',
      url: `/api/users?q=${user.username}`,
      as: admin,
    });
    const row = listed.data.items.find((u) => u.id === user.id);
    expect(row?.lockedUntil).toEqual(expect.any(String));
    const unlock = await call<{ lockedUntil: string | null }>(t, {
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { version: row?.version, unlock: true },
      as: admin,
    });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.data.lockedUntil).toBeNull();
    expect((await login(user.username, TEST_PASSWORD, from)).statusCode).toBe(200);
  });

  it('a lock that ran out starts the count again', async () => {
    const user = await makeUser(t.db);
    const from = address();
    for (let i = 0; i < 5; i++) await login(user.username, `expire-${i}`, from);
    await t.db
      .update(signInFailures)
      .set({ lockedUntil: new Date(t.now().getTime() - 1000) })
      .where(eq(signInFailures.userId, user.id));
    expect((await login(user.username, 'after-expiry-1', from)).statusCode).toBe(401);
    const [row] = await t.db.select().from(signInFailures).where(eq(signInFailures.userId, user.id));
    expect(row?.attempts).toBe(1);
    expect((await login(user.username, TEST_PASSWORD, from)).statusCode).toBe(200);
  });
});

describe('the client address is the socket peer unless a proxy is trusted (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For from a client: changing it does not escape the lock', async () => {
    const user = await makeUser(t.db);
    const from = address();
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: user.username, password: `spoof-${i}` },
        remoteAddress: from,
        headers: { 'x-forwarded-for': address() },
      });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: user.username, password: TEST_PASSWORD },
      remoteAddress: from,
      headers: { 'x-forwarded-for': address() },
    });
    expect(res.statusCode).toBe(429);
  });

  it('behind a trusted proxy, counts per forwarded client: one client locked, another through the same proxy not', async () => {
    const proxied = await buildApp({
      db: t.handle,
      jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
      trustProxy: '127.0.0.1',
      config: { clock: t.clock, rateLimit: { signInPerMinute: 100_000 } },
    });
    try {
      const user = await makeUser(t.db);
      const [attacker, colleague] = [address(), address()];
      const via = (client: string, password: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password },
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      for (let i = 0; i < 5; i++) await via(attacker, `proxied-${i}`);
      expect((await via(attacker, TEST_PASSWORD)).statusCode).toBe(429);
      expect((await via(colleague, TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('sign-in and refresh are throttled per client address (@fastify/rate-limit, counted in the database)', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ config: { rateLimit: { signInPerMinute: 5, refreshPerMinute: 3 } } });
  });
  afterAll(() => limited.close());

  it('the 6th sign-in in a minute from one address is 429 with Retry-After, before any password is checked; another address goes on', async () => {
    const user = await makeUser(limited.db);
    const from = address();
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await login(user.username, TEST_PASSWORD, from, limited.app)).statusCode);
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    const sixth = await login(user.username, TEST_PASSWORD, from, limited.app);
    expect(sixth.statusCode).toBe(429);
    expect(errorOf(sixth).code).toBe('RATE_LIMITED');
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login(user.username, TEST_PASSWORD, address(), limited.app)).statusCode).toBe(200);
  });

  it('spraying many accounts from one address is throttled too (the limit is per address, not per account)', async () => {
    const from = address();
    const users = await Promise.all(Array.from({ length: 6 }, () => makeUser(limited.db)));
    const answers: number[] = [];
    for (const u of users) answers.push((await login(u.username, 'spray-password', from, limited.app)).statusCode);
    expect(answers.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(answers[5]).toBe(429);
  });

  it('refresh is throttled per address', async () => {
    const from = address();
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { origin: 'http://localhost' }, remoteAddress: from });
      answers.push(res.statusCode);
    }
    expect(answers).toEqual([401, 401, 401, 429]);
  });

  it('two API instances on one database share one count (several instances may serve the CRM)', async () => {
    const second = await buildApp({
      db: limited.handle,
      jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
      config: { clock: limited.clock, rateLimit: { signInPerMinute: 5 } },
    });
    try {
      const user = await makeUser(limited.db);
      const from = address();
      const answers: number[] = [];
      for (let i = 0; i < 6; i++) answers.push((await login(user.username, TEST_PASSWORD, from, i % 2 === 0 ? limited.app : second)).statusCode);
      expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await second.close();
    }
  });

  it('a lock set through one instance holds in the other', async () => {
    const second = await buildApp({
      db: t.handle,
      jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
      config: { clock: t.clock, rateLimit: { signInPerMinute: 100_000 } },
    });
    try {
      const victim = await makeUser(t.db);
      const attacker = address();
      for (let i = 0; i < 5; i++) await login(victim.username, `cross-${i}`, attacker, t.app);
      const res = await login(victim.username, TEST_PASSWORD, attacker, second);
      expect(res.statusCode).toBe(429);
      expect(errorOf(res).details?.lockedUntil).toEqual(expect.any(String));
    } finally {
      await second.close();
    }
  });
});
