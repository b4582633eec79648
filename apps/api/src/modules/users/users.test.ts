import { makeUser, unique } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

type User = {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  phone: string | null;
  email: string | null;
  active: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};
type Page<T> = { items: T[]; nextCursor: string | null };

let t: TestApp;
let admin: Session;
let staff: Session;
let manager: Session;
let finance: Session;
beforeAll(async () => {
  t = await startTestApp();
  [admin, staff, manager, finance] = await Promise.all([signIn(t, ['admin']), signIn(t, ['staff']), signIn(t, ['manager']), signIn(t, ['finance'])]);
});
afterAll(() => t.close());

const newUserBody = (over: Record<string, unknown> = {}) => ({
  username: unique('nu'),
  displayName: '新同事',
  password: 'a-long-password',
  roles: ['staff'],
  ...over,
});

async function createUser(over: Record<string, unknown> = {}) {
  const res = await call<User>(t, { method: 'POST', url: '/api/users', payload: newUserBody(over), as: admin });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

const fieldsOf = (res: { json: () => unknown }) => errorOf(res).details?.fields?.map((f) => f.field) ?? [];

describe('GET /api/users', () => {
  it('lists users for an admin as a Page', async () => {
    const mine = await makeUser(t.db, { roles: ['finance'] });
    const res = await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${mine.username}`, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      items: [expect.objectContaining({ id: mine.id, username: mine.username, roles: ['finance'], active: true, version: 1 })],
      nextCursor: null,
    });
    expect(JSON.stringify(res.data)).not.toMatch(/passwordHash|argon2|"password"/i);
  });

  it('pages with a keyset cursor: limit=1 gives each user once, in username order', async () => {
    const prefix = unique('pg');
    const b = await makeUser(t.db, { username: `${prefix}b` });
    const a = await makeUser(t.db, { username: `${prefix}a` });
    const c = await makeUser(t.db, { username: `${prefix}c` });

    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const url: string = `/api/users?q=${prefix}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await call<Page<User>>(t, { method: 'GET', url, as: admin });
      expect(res.statusCode).toBe(200);
      expect(res.data.items).toHaveLength(1);
      seen.push(res.data.items[0]!.id);
      cursor = res.data.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([a.id, b.id, c.id]);
    expect(cursor).toBeNull();
  });

  it('a page of limit=1 over many users has a nextCursor', async () => {
    const res = await call<Page<User>>(t, { method: 'GET', url: '/api/users?limit=1', as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.data.items).toHaveLength(1);
    expect(res.data.nextCursor).toEqual(expect.any(String));
  });

  it('filters by role', async () => {
    const prefix = unique('rl');
    const fin = await makeUser(t.db, { username: `${prefix}f`, roles: ['finance'] });
    await makeUser(t.db, { username: `${prefix}s`, roles: ['staff'] });
    const res = await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${prefix}&role=finance`, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.data.items.map((u) => u.id)).toEqual([fin.id]);
  });

  it.each([
    { name: 'limit=0', query: 'limit=0', field: 'limit' },
    { name: 'limit=501', query: 'limit=501', field: 'limit' },
    { name: 'an unknown role', query: 'role=boss', field: 'role' },
    { name: 'a forged cursor', query: 'cursor=not-a-cursor', field: 'cursor' },
  ])('refuses $name with 400 naming $field', async ({ query, field }) => {
    const res = await call(t, { method: 'GET', url: `/api/users?${query}`, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
  });

  it.each([
    ['staff', () => staff],
    ['manager', () => manager],
    ['finance', () => finance],
  ])('is 403 FORBIDDEN for %s', async (_role, who) => {
    const res = await call(t, { method: 'GET', url: '/api/users', as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'GET', url: '/api/users' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/users/directory', () => {
  it.each([
    ['staff', () => staff],
    ['manager', () => manager],
    ['finance', () => finance],
    ['admin', () => admin],
  ])('lists colleagues (id, name, roles, active only) for %s', async (_role, who) => {
    const colleague = await makeUser(t.db, { roles: ['manager'], displayName: unique('同事') });
    const res = await call<{ items: Record<string, unknown>[] }>(t, { method: 'GET', url: '/api/users/directory', as: who() });
    expect(res.statusCode).toBe(200);
    const entry = res.data.items.find((u) => u.id === colleague.id);
    expect(entry).toEqual({ id: colleague.id, displayName: colleague.displayName, roles: ['manager'], active: true });
    expect(JSON.stringify(res.data)).not.toMatch(/password|username|phone|email/i);
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'GET', url: '/api/users/directory' });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /api/users', () => {
  it('creates a user (201) who can sign in; the password is never returned', async () => {
    const body = newUserBody({ roles: ['staff', 'manager', 'staff'], phone: '13800000000', email: ' a@example.com ' });
    const res = await call<User>(t, { method: 'POST', url: '/api/users', payload: body, as: admin });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      username: body.username,
      displayName: '新同事',
      roles: ['staff', 'manager'],
      phone: '13800000000',
      email: 'a@example.com',
      active: true,
      lockedUntil: null,
      lastLoginAt: null,
      version: 1,
    });
    expect(res.data.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(
      Object.keys(res.data)
        .filter((k) => k !== 'mustChangePassword')
        .join(','),
    ).not.toMatch(/password/i);
    expect(res.body).not.toContain(body.password);

    const signin = await call<{ user: { id: string } }>(t, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: body.username, password: body.password },
    });
    expect(signin.statusCode).toBe(200);
    expect(signin.data.user.id).toBe(res.data.id);
  });

  it('refuses a taken username with 409 CONFLICT naming username', async () => {
    const existing = await makeUser(t.db);
    const res = await call(t, { method: 'POST', url: '/api/users', payload: newUserBody({ username: existing.username }), as: admin });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('CONFLICT');
    expect(fieldsOf(res)).toContain('username');
  });

  it.each([
    { name: 'a short password', over: { password: 'short' }, field: 'password' },
    { name: 'no password', over: { password: undefined }, field: 'password' },
    { name: 'an unknown role', over: { roles: ['boss'] }, field: 'roles.0' },
    { name: 'no roles', over: { roles: [] }, field: 'roles' },
    { name: 'an upper-case username', over: { username: 'ZhangSan' }, field: 'username' },
    { name: 'a username with spaces', over: { username: 'zhang san' }, field: 'username' },
    { name: 'a one-letter username', over: { username: 'z' }, field: 'username' },
    { name: 'a displayName over 64 characters', over: { displayName: '名'.repeat(65) }, field: 'displayName' },
    { name: 'a blank displayName', over: { displayName: '   ' }, field: 'displayName' },
    { name: 'an oversized phone', over: { phone: '1'.repeat(33) }, field: 'phone' },
  ])('refuses $name with 400 VALIDATION naming $field', async ({ over, field }) => {
    const res = await call(t, { method: 'POST', url: '/api/users', payload: newUserBody(over), as: admin });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
    expect(error.message).toContain(field);
  });

  it('does not create anything on a bad request', async () => {
    const username = unique('bad');
    const res = await call(t, { method: 'POST', url: '/api/users', payload: newUserBody({ username, password: 'short' }), as: admin });
    expect(res.statusCode).toBe(400);
    const list = await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${username}`, as: admin });
    expect(list.data.items).toEqual([]);
  });

  it.each([
    ['staff', () => staff],
    ['manager', () => manager],
    ['finance', () => finance],
  ])('is 403 FORBIDDEN for %s', async (_role, who) => {
    const body = newUserBody();
    const res = await call(t, { method: 'POST', url: '/api/users', payload: body, as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    const list = await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${body.username}`, as: admin });
    expect(list.data.items).toEqual([]);
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'POST', url: '/api/users', payload: newUserBody() });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});

describe('PATCH /api/users/:id', () => {
  it('edits fields, bumps the version, and keeps what was not sent', async () => {
    const user = await createUser({ phone: '13900000000' });
    const res = await call<User>(t, {
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { version: user.version, displayName: '改名了', roles: ['finance'], email: 'x@example.com' },
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id: user.id,
      username: user.username,
      displayName: '改名了',
      roles: ['finance'],
      email: 'x@example.com',
      phone: '13900000000',
      version: user.version + 1,
    });
    expect(
      Object.keys(res.data)
        .filter((k) => k !== 'mustChangePassword')
        .join(','),
    ).not.toMatch(/password/i);
  });

  it('clears an optional field sent as an empty string', async () => {
    const user = await createUser({ phone: '13900000000' });
    const res = await call<User>(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, phone: '' }, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.data.phone).toBeNull();
  });

  it('resets a password: the new one signs in, the old one no longer does', async () => {
    const user = await createUser({ password: 'old-password-1' });
    const res = await call<User>(t, {
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      payload: { version: user.version, password: 'new-password-2' },
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('new-password-2');
    const login = (password: string) => call(t, { method: 'POST', url: '/api/auth/login', payload: { username: user.username, password } });
    expect((await login('old-password-1')).statusCode).toBe(401);
    expect((await login('new-password-2')).statusCode).toBe(200);
  });

  it('refuses a stale version with 409 CONFLICT and changes nothing', async () => {
    const user = await createUser();
    const first = await call<User>(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, displayName: '第一次' }, as: admin });
    expect(first.statusCode).toBe(200);
    const stale = await call(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, displayName: '第二次' }, as: admin });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('CONFLICT');
    expect(errorOf(stale).details).toMatchObject({ currentVersion: user.version + 1 });
    const list = await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${user.username}`, as: admin });
    expect(list.data.items[0]).toMatchObject({ displayName: '第一次', version: user.version + 1 });
  });

  it('an admin cannot remove their own admin role (400 naming roles)', async () => {
    const self = await signIn(t, ['admin', 'manager']);
    const [row] = (await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${self.user.username}`, as: self })).data.items;
    const res = await call(t, { method: 'PATCH', url: `/api/users/${self.user.id}`, payload: { version: row!.version, roles: ['manager'] }, as: self });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain('roles');
    // Still an admin.
    expect((await call(t, { method: 'GET', url: '/api/users?limit=1', as: self })).statusCode).toBe(200);
  });

  it('an admin cannot deactivate themselves (400 naming active)', async () => {
    const self = await signIn(t, ['admin']);
    const res = await call(t, { method: 'PATCH', url: `/api/users/${self.user.id}`, payload: { version: 1, active: false }, as: self });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain('active');
    expect((await call(t, { method: 'GET', url: '/api/me', as: self })).statusCode).toBe(200);
  });

  it('an admin may edit their own name and keep the admin role', async () => {
    const self = await signIn(t, ['admin']);
    const res = await call<User>(t, {
      method: 'PATCH',
      url: `/api/users/${self.user.id}`,
      payload: { version: 1, displayName: '管理员本人', roles: ['admin', 'manager'] },
      as: self,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.roles).toEqual(['admin', 'manager']);
  });

  it('another admin can deactivate an admin', async () => {
    const other = await signIn(t, ['admin']);
    const res = await call<User>(t, { method: 'PATCH', url: `/api/users/${other.user.id}`, payload: { version: 1, active: false }, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.data.active).toBe(false);
    expect((await call(t, { method: 'GET', url: '/api/users', as: other })).statusCode).toBe(401);
  });

  it.each([
    { name: 'no version', body: { displayName: 'x' }, field: 'version' },
    { name: 'a short password', body: { version: 1, password: 'short' }, field: 'password' },
    { name: 'an unknown role', body: { version: 1, roles: ['root'] }, field: 'roles.0' },
    { name: 'an empty roles list', body: { version: 1, roles: [] }, field: 'roles' },
    { name: 'a displayName over 64 characters', body: { version: 1, displayName: 'x'.repeat(65) }, field: 'displayName' },
    { name: 'a non-boolean active', body: { version: 1, active: 'no' }, field: 'active' },
  ])('refuses $name with 400 naming $field', async ({ body, field }) => {
    const user = await makeUser(t.db);
    const res = await call(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: body, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
  });

  it('refuses a malformed id with 400 naming id', async () => {
    const res = await call(t, { method: 'PATCH', url: '/api/users/not-a-uuid', payload: { version: 1, displayName: 'x' }, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain('id');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await call(t, {
      method: 'PATCH',
      url: '/api/users/00000000-0000-4000-8000-000000000000',
      payload: { version: 1, displayName: 'x' },
      as: admin,
    });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it.each([
    ['staff', () => staff],
    ['manager', () => manager],
    ['finance', () => finance],
  ])('is 403 FORBIDDEN for %s, and the user is unchanged', async (_role, who) => {
    const user = await makeUser(t.db, { roles: ['staff'] });
    const res = await call(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: 1, roles: ['admin'] }, as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    const list = await call<Page<User>>(t, { method: 'GET', url: `/api/users?q=${user.username}`, as: admin });
    expect(list.data.items[0]).toMatchObject({ roles: ['staff'], version: 1 });
  });

  it('a staff member cannot promote themselves', async () => {
    const self = await signIn(t, ['staff']);
    const res = await call(t, { method: 'PATCH', url: `/api/users/${self.user.id}`, payload: { version: 1, roles: ['admin'] }, as: self });
    expect(res.statusCode).toBe(403);
  });

  it('is 401 without a token', async () => {
    const user = await makeUser(t.db);
    const res = await call(t, { method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: 1, displayName: 'x' } });
    expect(res.statusCode).toBe(401);
  });
});
