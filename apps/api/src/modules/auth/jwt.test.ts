import { createHmac } from 'node:crypto';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { JWT_AUDIENCE, JWT_ISSUER, keyId } from '../../plugins/auth.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

const SECRET = 'jwt-test-secret-jwt-test-secret-jwt-test-0123';
let t: TestApp;
let live: { sub: string; sid: string; username: string };
beforeAll(async () => {
  t = await startTestApp({ jwtSecret: SECRET });
  const user = await makeUser(t.db);
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
  const payload = JSON.parse(Buffer.from(res.json<{ accessToken: string }>().accessToken.split('.')[1] ?? '', 'base64url').toString()) as typeof live;
  live = { sub: payload.sub, sid: payload.sid, username: payload.username };
});
afterAll(() => t.close());

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token made by hand with the app's own secret: only the algorithm or a claim differs from a good one. */
function forge(header: Record<string, unknown>, claims: Record<string, unknown>, secret = SECRET, hash = 'sha256') {
  const head = b64(header);
  const body = b64(claims);
  const signature = hash === 'none' ? '' : createHmac(hash, secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
const now = () => Math.floor(t.now().getTime() / 1000);
const good = () => ({ ...live, iat: now(), exp: now() + 600, iss: JWT_ISSUER, aud: JWT_AUDIENCE });
const header = (over: Record<string, unknown> = {}) => ({ alg: 'HS256', typ: 'JWT', kid: keyId(SECRET), ...over });
const me = (token: string, app = t.app) => app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

describe('access tokens: HS256 only, exp, iss and aud required and checked', () => {
  it('accepts a well-formed token for a live session (the forging below is right)', async () => {
    expect((await me(forge(header(), good()))).statusCode).toBe(200);
  });

  it.each([
    { name: 'signed HS512', token: () => forge(header({ alg: 'HS512' }), good(), SECRET, 'sha512') },
    { name: 'signed HS384', token: () => forge(header({ alg: 'HS384' }), good(), SECRET, 'sha384') },
    { name: 'unsigned (alg none)', token: () => forge(header({ alg: 'none' }), good(), SECRET, 'none') },
    { name: 'without exp', token: () => forge(header(), { ...good(), exp: undefined }) },
    { name: 'expired', token: () => forge(header(), { ...good(), iat: now() - 3600, exp: now() - 60 }) },
    { name: 'without iss', token: () => forge(header(), { ...good(), iss: undefined }) },
    { name: 'of another issuer', token: () => forge(header(), { ...good(), iss: 'someone-else' }) },
    { name: 'without aud', token: () => forge(header(), { ...good(), aud: undefined }) },
    { name: 'for another audience', token: () => forge(header(), { ...good(), aud: 'another-api' }) },
    { name: 'without a session id', token: () => forge(header(), { ...good(), sid: undefined }) },
    { name: 'naming a session that does not exist', token: () => forge(header(), { ...good(), sid: '00000000-0000-4000-8000-000000000000' }) },
    { name: "naming someone else's session", token: () => forge(header(), { ...good(), sub: '00000000-0000-4000-8000-000000000000' }) },
    { name: 'without a key id', token: () => forge(header({ kid: undefined }), good()) },
    {
      name: 'signed with another secret',
      token: () => forge(header({ kid: keyId('another-secret-another-secret-another-0123') }), good(), 'another-secret-another-secret-another-0123'),
    },
  ])('refuses a token $name (401)', async ({ token }) => {
    const res = await me(token());
    expect(res.statusCode).toBe(401);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('JWT_SECRET rotation', () => {
  it('a token of the previous secret is accepted while JWT_SECRET_PREVIOUS names it, and refused once it is gone', async () => {
    const token = forge(header(), good());
    const NEXT = 'jwt-next-secret-jwt-next-secret-jwt-next-0123';
    const rotated = await buildApp({ db: t.handle, jwtSecret: NEXT, jwtPreviousSecret: SECRET, config: { clock: t.clock } });
    const finished = await buildApp({ db: t.handle, jwtSecret: NEXT, config: { clock: t.clock } });
    try {
      expect((await me(token, rotated)).statusCode).toBe(200);
      expect((await me(token, finished)).statusCode).toBe(401);
      // New tokens are signed with the new secret, which both accept.
      const fresh = forge(header({ kid: keyId(NEXT) }), good(), NEXT);
      expect((await me(fresh, rotated)).statusCode).toBe(200);
      expect((await me(fresh, finished)).statusCode).toBe(200);
      expect((await me(fresh)).statusCode).toBe(401);
    } finally {
      await rotated.close();
      await finished.close();
    }
  });
});
