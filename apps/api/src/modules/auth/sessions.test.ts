import { openDb, refreshTokens, sessions, users } from '@crm/db';
import type { Role } from '@crm/shared';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';
import { ensureAdmin } from '../setup/bootstrap.ts';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t, ['admin']);
});
afterAll(() => t.close());

type LoginBody = { accessToken: string; user: { id: string; mustChangePassword: boolean } };
const SAME_ORIGIN = { origin: 'http://localhost' };
const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieOf = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'crm_refresh')?.value;
const refresh = (cookie: string | undefined) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh', headers: SAME_ORIGIN, cookies: { crm_refresh: cookie ?? '' } });
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
const leads = (token: string) => t.app.inject({ method: 'GET', url: '/api/leads', headers: { authorization: `Bearer ${token}` } });
const changePassword = (token: string, body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { authorization: `Bearer ${token}` }, payload: body as object });

/** A user signed in on two devices: both access tokens and both refresh cookies. */
async function twoDevices(roles: Role[] = ['staff']) {
  const user = await makeUser(t.db, { roles });
  const a = await login(user.username, TEST_PASSWORD);
  const b = await login(user.username, TEST_PASSWORD);
  expect(a.statusCode).toBe(200);
  return {
    user,
    tokens: [a.json<LoginBody>().accessToken, b.json<LoginBody>().accessToken],
    cookies: [cookieOf(a), cookieOf(b)],
  };
}

async function expectAllEnded(devices: { tokens: string[]; cookies: (string | undefined)[] }) {
  for (const token of devices.tokens) {
    const res = await me(token);
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  }
  for (const cookie of devices.cookies) expect((await refresh(cookie)).statusCode).toBe(401);
}

async function patchUser(id: string, body: Record<string, unknown>) {
  const [row] = await t.db.select({ version: users.version }).from(users).where(eq(users.id, id));
  const res = await call(t, { method: 'PATCH', url: `/api/users/${id}`, payload: { version: row?.version, ...body }, as: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe("what ends all of a user's sessions at once (access tokens included, on the next request)", () => {
  it('an admin resetting the password; the new password must then be changed before anything else', async () => {
    const devices = await twoDevices();
    await patchUser(devices.user.id, { password: 'reset-by-admin-2026' });
    await expectAllEnded(devices);

    const signedIn = await login(devices.user.username, 'reset-by-admin-2026');
    expect(signedIn.statusCode).toBe(200);
    const body = signedIn.json<LoginBody>();
    expect(body.user.mustChangePassword).toBe(true);
    expect((await me(body.accessToken)).json<{ mustChangePassword: boolean }>().mustChangePassword).toBe(true);
    const blocked = await leads(body.accessToken);
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).details).toMatchObject({ reason: 'password_change_required' });

    const changed = await changePassword(body.accessToken, { currentPassword: 'reset-by-admin-2026', newPassword: 'my-own-secret-phrase' });
    expect(changed.statusCode, changed.body).toBe(200);
    const fresh = changed.json<LoginBody>();
    expect(fresh.user.mustChangePassword).toBe(false);
    expect((await leads(fresh.accessToken)).statusCode).toBe(200);
    // The session the admin's password opened is over too.
    expect((await me(body.accessToken)).statusCode).toBe(401);
    expect((await login(devices.user.username, 'my-own-secret-phrase')).statusCode).toBe(200);
  });

  it('deactivation, and reactivation does not bring the sessions back', async () => {
    const devices = await twoDevices();
    await patchUser(devices.user.id, { active: false });
    await expectAllEnded(devices);
    await patchUser(devices.user.id, { active: true });
    await expectAllEnded(devices);
    expect((await login(devices.user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('removing a role ends them; adding one does not', async () => {
    const devices = await twoDevices(['staff', 'manager']);
    await patchUser(devices.user.id, { roles: ['staff', 'manager', 'finance'] });
    for (const token of devices.tokens) expect((await me(token)).statusCode).toBe(200);
    await patchUser(devices.user.id, { roles: ['staff'] });
    await expectAllEnded(devices);
  });

  it('the user changing their own password ends every other session and keeps them signed in on this one', async () => {
    const devices = await twoDevices();
    const res = await changePassword(devices.tokens[0] ?? '', { currentPassword: TEST_PASSWORD, newPassword: 'a-new-phrase-for-me' });
    expect(res.statusCode, res.body).toBe(200);
    expect(cookieOf(res)).toEqual(expect.any(String));
    await expectAllEnded(devices);
    const fresh = res.json<LoginBody>();
    expect((await me(fresh.accessToken)).statusCode).toBe(200);
    expect((await refresh(cookieOf(res))).statusCode).toBe(200);
    expect((await login(devices.user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(devices.user.username, 'a-new-phrase-for-me')).statusCode).toBe(200);
  });
});

describe('session timeouts', () => {
  it('a session ends at its absolute lifetime, however recently it was used (access and refresh alike)', async () => {
    const devices = await twoDevices();
    expect((await me(devices.tokens[0] ?? '')).statusCode).toBe(200);
    await t.db
      .update(sessions)
      .set({ expiresAt: new Date(t.now().getTime() - 1000) })
      .where(eq(sessions.userId, devices.user.id));
    await expectAllEnded(devices);
  });

  it('a refresh token unused for its idle time no longer refreshes', async () => {
    const devices = await twoDevices();
    await t.db
      .update(refreshTokens)
      .set({ expiresAt: new Date(t.now().getTime() - 1000) })
      .where(eq(refreshTokens.userId, devices.user.id));
    for (const cookie of devices.cookies) expect((await refresh(cookie)).statusCode).toBe(401);
  });

  it('a new session lasts sessionMaxDays (30) and its refresh token refreshTokenTtlDays (14)', async () => {
    const user = await makeUser(t.db);
    const res = await login(user.username, TEST_PASSWORD);
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    const days = (d: Date | undefined) => Math.round(((d?.getTime() ?? 0) - t.now().getTime()) / 86_400_000);
    expect(days(session?.expiresAt)).toBe(30);
    expect(days(res.cookies.find((c) => c.name === 'crm_refresh')?.expires)).toBe(14);
  });
});

describe('POST /api/auth/password', () => {
  it('needs the current password (400 naming it), and wrong guesses count toward the lock like sign-ins', async () => {
    const session = await signIn(t, ['staff']);
    const wrong = await changePassword(session.token, { currentPassword: 'not-my-password', newPassword: 'another-good-phrase' });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.fields?.map((f) => f.field)).toEqual(['currentPassword']);
    for (let i = 0; i < 3; i++) await changePassword(session.token, { currentPassword: `guess-${i}`, newPassword: 'another-good-phrase' });
    const fifth = await changePassword(session.token, { currentPassword: 'guess-last', newPassword: 'another-good-phrase' });
    expect(fifth.statusCode).toBe(429);
    // Locked now, even with the right current password.
    expect((await changePassword(session.token, { currentPassword: TEST_PASSWORD, newPassword: 'another-good-phrase' })).statusCode).toBe(429);
  });

  it.each([
    { name: 'too short', newPassword: 'short-1', message: /at least 10/ },
    { name: 'a common password', newPassword: 'qwertyuiop', message: /commonly used/ },
    { name: 'the same as now', newPassword: TEST_PASSWORD, message: /differ/ },
  ])('refuses a new password that is $name (400 naming newPassword)', async ({ newPassword, message }) => {
    const session = await signIn(t, ['staff']);
    const res = await changePassword(session.token, { currentPassword: TEST_PASSWORD, newPassword });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.details?.fields?.map((f) => f.field)).toContain('newPassword');
    expect(error.message).toMatch(message);
    expect((await me(session.token)).statusCode).toBe(200);
  });

  it('refuses a new password containing the username', async () => {
    const session = await signIn(t, ['staff']);
    const res = await changePassword(session.token, { currentPassword: TEST_PASSWORD, newPassword: `my-${session.user.username}-pw` });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/username/);
  });

  it('is 401 without a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'x', newPassword: 'y' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('the first admin', () => {
  // The first start only creates the admin in an empty database, so this test opens one of its own (in memory).
  it('must change the password the first start gave it, and a weak ADMIN_PASSWORD is refused', async () => {
    const handle = await openDb({});
    try {
      await expect(ensureAdmin(handle.db, 'admin12345', () => undefined)).rejects.toThrow(
        /ADMIN_PASSWORD must be at least 10|ADMIN_PASSWORD must not contain the username/,
      );
      await expect(ensureAdmin(handle.db, 'password1234', () => undefined)).rejects.toThrow(/commonly used/);
      const lines: string[] = [];
      await ensureAdmin(handle.db, 'first-start-phrase-77', (line) => lines.push(line));
      expect(lines.join('\n')).toMatch(/must be changed/);
      const app = await buildApp({ db: handle, jwtSecret: 'first-admin-secret-first-admin-secret-0123', config: { clock: t.clock } });
      try {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'first-start-phrase-77' } });
        expect(res.statusCode).toBe(200);
        const body = res.json<LoginBody>();
        expect(body.user.mustChangePassword).toBe(true);
        const users = await app.inject({ method: 'GET', url: '/api/users', headers: { authorization: `Bearer ${body.accessToken}` } });
        expect(users.statusCode).toBe(403);
      } finally {
        await app.close();
      }
    } finally {
      await handle.close();
    }
    // A fresh embedded database applies every migration first: slower than the shared test database on a busy machine.
  }, 120_000);
});
