import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t, ['admin']);
});
afterAll(() => t.close());

type LoginBody = {
  accessToken: string;
  expiresIn: number;
  user: { id: string; username: string; displayName: string; roles: string[]; mustChangePassword: boolean };
};

// The pages the CRM serves send their Origin; inject's default Host is localhost:80.
const SAME_ORIGIN = { origin: 'http://localhost' };
const login = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object });
const refresh = (cookie?: string, headers: Record<string, string | undefined> = SAME_ORIGIN) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers, ...(cookie === undefined ? {} : { cookies: { crm_refresh: cookie } }) });
const logout = (cookie?: string, headers: Record<string, string | undefined> = SAME_ORIGIN) =>
  t.app.inject({ method: 'POST', url: '/api/auth/logout', headers, ...(cookie === undefined ? {} : { cookies: { crm_refresh: cookie } }) });
const me = (token?: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
const refreshCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'crm_refresh');

/** The user's current version as an admin reads it (PATCH needs it). */
async function versionOf(username: string): Promise<number> {
  const res = await call<{ items: { username: string; version: number }[] }>(t, { method: 'GET', url: `/api/users?q=${username}`, as: admin });
  const row = res.data.items.find((u) => u.username === username);
  if (!row) throw new Error(`user ${username} not listed`);
  return row.version;
}

describe('POST /api/auth/login', () => {
  it('returns an access token and the user, and sets an httpOnly refresh cookie scoped to /api/auth', async () => {
    const user = await makeUser(t.db, { roles: ['staff', 'manager'], displayName: '登录测试' });
    const res = await login({ username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json<LoginBody>();
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.user).toEqual({ id: user.id, username: user.username, displayName: '登录测试', roles: ['staff', 'manager'], mustChangePassword: false });
    // Nothing of the password leaves: neither its hash nor the password itself (mustChangePassword is a flag).
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|argon2|"password"/i);
    expect(JSON.stringify(body)).not.toContain(TEST_PASSWORD);

    const cookie = refreshCookie(res);
    expect(cookie, 'crm_refresh cookie').toBeDefined();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.path).toBe('/api/auth');
    expect(String(cookie?.sameSite).toLowerCase()).toBe('strict');
    expect(cookie?.expires?.getTime()).toBeGreaterThan(Date.now());

    // The token works.
    const who = await me(body.accessToken);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toEqual(body.user);
  });

  it('accepts the username in any case', async () => {
    const user = await makeUser(t.db);
    const res = await login({ username: user.username.toUpperCase(), password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json<LoginBody>().user.id).toBe(user.id);
  });

  it('refuses a wrong password with 401 UNAUTHENTICATED and a requestId', async () => {
    const user = await makeUser(t.db);
    const res = await login({ username: user.username, password: 'wrong-password' });
    expect(res.statusCode).toBe(401);
    const error = errorOf(res);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.requestId).toEqual(expect.any(String));
    expect(error.requestId).toBe(res.headers['x-request-id']);
    expect(refreshCookie(res)).toBeUndefined();
  });

  it('answers an unknown user exactly like a wrong password (no user enumeration)', async () => {
    const user = await makeUser(t.db);
    const wrong = await login({ username: user.username, password: 'wrong-password' });
    const unknown = await login({ username: `nobody-${user.username}`, password: 'wrong-password' });
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(unknown).code).toBe('UNAUTHENTICATED');
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
  });

  it.each([
    { name: 'missing password', body: { username: 'someone' }, field: 'password' },
    { name: 'empty password', body: { username: 'someone', password: '' }, field: 'password' },
    { name: 'missing username', body: { password: 'x' }, field: 'username' },
    { name: 'blank username', body: { username: '   ', password: 'x' }, field: 'username' },
  ])('refuses a body with $name: 400 VALIDATION naming $field', async ({ body, field }) => {
    const res = await login(body);
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fields?.map((f) => f.field)).toContain(field);
    expect(error.message).toContain(field);
    expect(error.requestId).toEqual(expect.any(String));
  });

  it('refuses a body that is not JSON with 400 VALIDATION', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
  });

  it('refuses a deactivated account even with the right password', async () => {
    const user = await makeUser(t.db, { active: false });
    const res = await login({ username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});

describe('lock-out after repeated failures (lockAfter 5)', () => {
  it('locks at the 5th wrong password, refuses even the right one, until an admin unlocks', async () => {
    const user = await makeUser(t.db);
    for (let i = 1; i <= 4; i++) {
      const res = await login({ username: user.username, password: `wrong-${i}` });
      expect(res.statusCode, `failure ${i}`).toBe(401);
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
    const fifth = await login({ username: user.username, password: 'wrong-5' });
    expect(fifth.statusCode).toBe(429);
    expect(errorOf(fifth).code).toBe('RATE_LIMITED');
    expect(errorOf(fifth).details?.lockedUntil).toEqual(expect.any(String));

    const right = await login({ username: user.username, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(429);
    expect(errorOf(right).code).toBe('RATE_LIMITED');
    expect(refreshCookie(right)).toBeUndefined();

    // The lock shows in the admin's user list.
    const listed = await call<{ items: { id: string; lockedUntil: string | null }[] }>(t, { method: 'GET', url: `/api/users?q=${user.username}`, as: admin });
    expect(listed.data.items.find((u) => u.id === user.id)?.lockedUntil).toEqual(expect.any(String));

    const unlock = await call<{ lockedUntil: string | null }>(t, {
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { version: await versionOf(user.username), unlock: true },
      as: admin,
    });
    expect(unlock.statusCode).toBe(200);
    expect(unlock.data.lockedUntil).toBeNull();

    const after = await login({ username: user.username, password: TEST_PASSWORD });
    expect(after.statusCode).toBe(200);
    expect(after.json<LoginBody>().user.id).toBe(user.id);
  });

  it('counts failures sent at the same moment (one instance or several on one database): the account locks', async () => {
    const user = await makeUser(t.db);
    const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => login({ username: user.username, password: `wrong-at-once-${i}` })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([401, 401, 401, 401, 429]);
    const right = await login({ username: user.username, password: TEST_PASSWORD });
    expect(right.statusCode).toBe(429);
  });

  it('a successful sign-in resets the failure count', async () => {
    const user = await makeUser(t.db);
    for (let i = 0; i < 4; i++) expect((await login({ username: user.username, password: 'nope-nope' })).statusCode).toBe(401);
    expect((await login({ username: user.username, password: TEST_PASSWORD })).statusCode).toBe(200);
    // Four more failures are again only 401s: the count started over.
    for (let i = 0; i < 4; i++) expect((await login({ username: user.username, password: 'nope-nope' })).statusCode).toBe(401);
    expect((await login({ username: user.username, password: TEST_PASSWORD })).statusCode).toBe(200);
  });

  it('only an admin may unlock', async () => {
    const user = await makeUser(t.db);
    const manager = await signIn(t, ['manager']);
    const res = await call(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: 1, unlock: true }, as: manager });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });
});

describe('GET /api/me', () => {
  it('answers the signed-in user', async () => {
    const session = await signIn(t, ['finance'], { displayName: '财务小王' });
    const res = await call(t, { method: 'GET', url: '/api/me', as: session });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ id: session.user.id, username: session.user.username, displayName: '财务小王', roles: ['finance'], mustChangePassword: false });
  });

  it.each([
    { name: 'no Authorization header', headers: {} },
    { name: 'a garbage bearer token', headers: { authorization: 'Bearer not.a.jwt' } },
    {
      name: 'a token signed with another secret',
      headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjMiLCJ1c2VybmFtZSI6IngifQ.c2lnbmF0dXJl' },
    },
    { name: 'a non-bearer scheme', headers: { authorization: 'Basic dXNlcjpwYXNz' } },
  ])('is 401 UNAUTHENTICATED with $name', async ({ headers }) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/me', headers });
    expect(res.statusCode).toBe(401);
    const error = errorOf(res);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.requestId).toEqual(expect.any(String));
  });

  it('is 401 for an existing token once an admin deactivates the user', async () => {
    const session = await signIn(t, ['staff']);
    expect((await me(session.token)).statusCode).toBe(200);
    const res = await call(t, {
      method: 'PATCH',
      url: `/api/users/${session.user.id}`,
      payload: { version: await versionOf(session.user.username), active: false },
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    const after = await me(session.token);
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');
  });

  it('sees a role change at once, without a new token', async () => {
    const session = await signIn(t, ['staff']);
    const res = await call(t, {
      method: 'PATCH',
      url: `/api/users/${session.user.id}`,
      payload: { version: await versionOf(session.user.username), roles: ['staff', 'manager'] },
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    expect((await me(session.token)).json<{ roles: string[] }>().roles).toEqual(['staff', 'manager']);
  });
});

describe('POST /api/auth/refresh', () => {
  it('gives a new access token from the cookie and rotates the cookie', async () => {
    const user = await makeUser(t.db);
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const oldCookie = refreshCookie(first)?.value;
    expect(oldCookie).toBeDefined();

    const res = await refresh(oldCookie);
    expect(res.statusCode).toBe(200);
    const body = res.json<LoginBody>();
    expect(body.user.id).toBe(user.id);
    expect((await me(body.accessToken)).statusCode).toBe(200);
    const newCookie = refreshCookie(res);
    expect(newCookie?.value).toEqual(expect.any(String));
    expect(newCookie?.value).not.toBe(oldCookie);
    expect(newCookie?.httpOnly).toBe(true);
    expect(newCookie?.path).toBe('/api/auth');

    // The rotated cookie itself works, once; presenting the old one again is reuse (next test).
    const again = await refresh(newCookie?.value);
    expect(again.statusCode).toBe(200);
    expect(refreshCookie(again)?.value).not.toBe(newCookie?.value);
  });

  it('is 401 without a cookie', async () => {
    const res = await refresh();
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  it('is 401 with a cookie the server never issued', async () => {
    const res = await refresh('made-up-refresh-token-made-up-refresh');
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  it('is refused from another site or without an Origin (CSRF), and the token stays usable by its own pages', async () => {
    const user = await makeUser(t.db);
    const cookie = refreshCookie(await login({ username: user.username, password: TEST_PASSWORD }))?.value;
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'http://localhost.evil.example' }, { origin: 'null' }, {}]) {
      const res = await refresh(cookie, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
      expect(refreshCookie(res)).toBeUndefined();
    }
    expect((await refresh(cookie)).statusCode).toBe(200);
  });

  it('ends the whole session when a rotated refresh token comes back (reuse): the newer tokens and its access tokens die with it', async () => {
    const user = await makeUser(t.db);
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const stolen = refreshCookie(first)?.value;
    const rotated = await refresh(stolen);
    expect(rotated.statusCode).toBe(200);
    const newer = refreshCookie(rotated)?.value;
    const newerAccess = rotated.json<LoginBody>().accessToken;
    expect((await me(newerAccess)).statusCode).toBe(200);
    // Another session of the same user (another device) is not part of this family.
    const other = await login({ username: user.username, password: TEST_PASSWORD });

    const replay = await refresh(stolen);
    expect(replay.statusCode).toBe(401);
    expect((await refresh(newer)).statusCode).toBe(401);
    expect((await me(newerAccess)).statusCode).toBe(401);
    expect((await me(first.json<LoginBody>().accessToken)).statusCode).toBe(401);
    expect((await me(other.json<LoginBody>().accessToken)).statusCode).toBe(200);
    expect((await refresh(refreshCookie(other)?.value)).statusCode).toBe(200);
  });

  it('is 401 for a deactivated user', async () => {
    const user = await makeUser(t.db);
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const res = await call(t, {
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { version: await versionOf(user.username), active: false },
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    const after = await refresh(refreshCookie(first)?.value);
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');
  });
});

describe('POST /api/auth/logout', () => {
  it('revokes the refresh token and clears the cookie', async () => {
    const user = await makeUser(t.db);
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const cookie = refreshCookie(first)?.value;

    const res = await logout(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const cleared = refreshCookie(res);
    expect(cleared?.value).toBe('');
    expect(cleared?.path).toBe('/api/auth');
    expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());

    const after = await refresh(cookie);
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');
  });

  it('ends every session of the user, on every device, access tokens included', async () => {
    const user = await makeUser(t.db);
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const second = await login({ username: user.username, password: TEST_PASSWORD });
    const [a, b] = [refreshCookie(first)?.value, refreshCookie(second)?.value];
    const [tokenA, tokenB] = [first.json<LoginBody>().accessToken, second.json<LoginBody>().accessToken];
    expect((await me(tokenB)).statusCode).toBe(200);

    expect((await logout(a)).statusCode).toBe(200);
    expect((await refresh(a)).statusCode).toBe(401);
    expect((await refresh(b)).statusCode).toBe(401);
    // The access tokens are refused at once, not when their 15 minutes run out.
    for (const token of [tokenA, tokenB]) {
      const after = await me(token);
      expect(after.statusCode).toBe(401);
      expect(errorOf(after).code).toBe('UNAUTHENTICATED');
    }
  });

  it('is refused from another site (Origin), and without an Origin, leaving the session alive', async () => {
    const user = await makeUser(t.db);
    const first = await login({ username: user.username, password: TEST_PASSWORD });
    const cookie = refreshCookie(first)?.value;
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://localhost:8080' }, {}]) {
      const res = await logout(cookie, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    expect((await me(first.json<LoginBody>().accessToken)).statusCode).toBe(200);
  });

  it('is harmless without a cookie', async () => {
    const res = await logout();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });
});
