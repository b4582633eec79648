import { openDb, type DbHandle } from '@crm/db';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import type { Role } from '@crm/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '../app.ts';

/**
 * The real app on a real database: a fresh in-memory PGlite per test file, or the server Postgres named by
 * TEST_DATABASE_URL (shared by all files; factories make every row unique, so files never collide).
 */
export async function startTestApp(options: Omit<BuildOptions, 'db' | 'database'> = {}) {
  const url = process.env.TEST_DATABASE_URL;
  const handle: DbHandle = await openDb(url ? { url } : {});
  const app = await buildApp({
    db: handle,
    jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
    ...options,
    config: { ...options.config, login: { slowStepMs: 1, ...options.config?.login } },
  });
  return {
    app,
    db: handle.db,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export type Session = { token: string; user: { id: string; username: string; displayName: string; roles: Role[] }; headers: { authorization: string } };

/** A new user with the given roles, signed in through the real login route. */
export async function signIn(t: TestApp, roles: Role[] = ['staff'], over: { displayName?: string } = {}): Promise<Session> {
  const row = await makeUser(t.db, { roles, ...over });
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: row.username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const body = res.json<{ accessToken: string; user: Session['user'] }>();
  return { token: body.accessToken, user: body.user, headers: { authorization: `Bearer ${body.accessToken}` } };
}

export type Call = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: unknown; as?: Session | null };

export async function call<T = unknown>(t: TestApp, c: Call): Promise<LightMyRequestResponse & { body: string; data: T }> {
  const res = await t.app.inject({
    method: c.method,
    url: c.url,
    ...(c.payload === undefined ? {} : { payload: c.payload as object }),
    headers: c.as ? c.as.headers : {},
  });
  const data = (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) as T;
  return Object.assign(res, { data });
}

/** Asserts the API error shape and returns it. */
export function errorOf(res: { json: () => unknown }): { code: string; message: string; details?: { fields?: { field: string; message: string }[] } & Record<string, unknown>; requestId: string } {
  const body = res.json() as { error?: unknown };
  if (!body.error) throw new Error(`expected an error body, got ${JSON.stringify(body)}`);
  return body.error as ReturnType<typeof errorOf>;
}

export type { FastifyInstance };
