import { users } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';
import { passwordProblem } from './password-policy.ts';

describe('passwordProblem (ASVS 5.0 6.2)', () => {
  it.each([
    ['12345678', 'wangjing', /^MIN_CHARS$/],
    ['demo12345', 'wangjing', /^MIN_CHARS$/],
    ['wangjing01', 'wangjing01', /^PASSWORD_HAS_USERNAME$/],
    ['MyWangJing-2026', 'wangjing', /^PASSWORD_HAS_USERNAME$/],
    ['1234567890', 'wangjing', /^PASSWORD_COMMON$/],
    ['qwertyuiop', 'wangjing', /^PASSWORD_COMMON$/],
    ['Password123', 'wangjing', /^PASSWORD_COMMON$/],
    ['Dragon2024!!', 'wangjing', /^PASSWORD_COMMON$/],
    ['zhaoshang2026', 'wangjing', /^PASSWORD_GUESSABLE$/],
    ['Tieling@2026', 'wangjing', /^PASSWORD_GUESSABLE$/],
    ['woaini1314', 'wangjing', /^(PASSWORD_GUESSABLE|PASSWORD_COMMON)$/],
    ['aaaaaaaaaaaa', 'wangjing', /^(PASSWORD_PATTERN|PASSWORD_COMMON)$/],
    ['abcabcabcabc', 'wangjing', /^PASSWORD_PATTERN$/],
    ['abcdefghijkl', 'wangjing', /^PASSWORD_PATTERN$/],
  ])('refuses %s for %s', (password, username, problem) => {
    // A stable field code (problems/fields-en.ts), which the API sends beside its English text.
    expect(passwordProblem(password, username)?.code).toMatch(problem);
  });

  it.each([
    ['correct horse battery staple', 'wangjing'],
    ['铁岭阀门厂的老李很靠谱', 'wangjing'],
    ['tieling-valve-0417', 'wangjing'],
    ['demo-zhaoshang-2026', 'zhangwei'],
    ['test-Orchard-2026', 'u0123456789ab'],
  ])('accepts %s for %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it('the bundled list holds the 10,000 most common passwords', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(10_000);
    expect(lines.slice(0, 3)).toEqual(['123456', 'password', '12345678']);
  });
});

describe('the API applies it wherever a password is set', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await signIn(t, ['admin']);
  });
  afterAll(() => t.close());

  it.each([
    { name: '12345678', password: '12345678', message: /at least 10/ },
    { name: 'a common password', password: 'qwertyuiop', message: /commonly used/ },
  ])('creating a user with $name is a 400 naming password', async ({ password, message }) => {
    const res = await call(t, {
      method: 'POST',
      url: '/api/users',
      payload: { username: unique('pw'), displayName: '新同事', password, roles: ['staff'] },
      as: admin,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toContain('password');
    expect(errorOf(res).message).toMatch(message);
  });

  it('creating a user whose password is the username is a 400', async () => {
    const username = unique('same');
    const res = await call(t, {
      method: 'POST',
      url: '/api/users',
      payload: { username, displayName: '新同事', password: username, roles: ['staff'] },
      as: admin,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/password: must not contain the username/);
  });

  it('an admin reset to a common password is a 400 and changes nothing', async () => {
    const created = await call<{ id: string; version: number; username: string }>(t, {
      method: 'POST',
      url: '/api/users',
      payload: { username: unique('rs'), displayName: '新同事', password: 'first-phrase-of-mine', roles: ['staff'] },
      as: admin,
    });
    expect(created.statusCode).toBe(201);
    const res = await call(t, {
      method: 'PATCH',
      url: `/api/users/${created.data.id}`,
      payload: { version: created.data.version, password: 'password1234' },
      as: admin,
    });
    expect(res.statusCode).toBe(400);
    const signin = await call(t, { method: 'POST', url: '/api/auth/login', payload: { username: created.data.username, password: 'first-phrase-of-mine' } });
    expect(signin.statusCode).toBe(200);
  });

  it('takes a long passphrase (at least 64 characters are allowed) exactly as typed, stored with argon2id', async () => {
    const username = unique('long');
    const passphrase = '铁岭 valve works by the river, spring 2026 — a long phrase of mine, 100 characters or so!';
    expect(passphrase.length).toBeGreaterThan(64);
    const created = await call(t, {
      method: 'POST',
      url: '/api/users',
      payload: { username, displayName: '新同事', password: passphrase, roles: ['staff'] },
      as: admin,
    });
    expect(created.statusCode).toBe(201);
    const [row] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, username));
    expect(row?.hash).toMatch(/^\$argon2id\$v=19\$m=65536,/);
    expect((await call(t, { method: 'POST', url: '/api/auth/login', payload: { username, password: passphrase } })).statusCode).toBe(200);
    // Not trimmed, not case-folded.
    expect((await call(t, { method: 'POST', url: '/api/auth/login', payload: { username, password: `${passphrase} ` } })).statusCode).toBe(401);
    expect((await call(t, { method: 'POST', url: '/api/auth/login', payload: { username, password: passphrase.toUpperCase() } })).statusCode).toBe(401);
  });

  it('a user created by an admin must choose their own password at the first sign-in', async () => {
    const username = unique('nu');
    await call(t, {
      method: 'POST',
      url: '/api/users',
      payload: { username, displayName: '新同事', password: 'handed-over-phrase', roles: ['staff'] },
      as: admin,
    });
    const signin = await call<{ user: { mustChangePassword: boolean } }>(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'handed-over-phrase' },
    });
    expect(signin.data.user.mustChangePassword).toBe(true);
  });
});
