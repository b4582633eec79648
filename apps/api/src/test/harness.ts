import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type DbHandle } from '@crm/db';
import { makeUser, TEST_PASSWORD } from '@crm/db/test/factories';
import type { Role } from '@crm/shared';
import type { LightMyRequestResponse } from 'fastify';
import { addDays, clockFrom, DEFAULT_TIME_ZONE, ErrorBody, FieldsDetails, systemClock, zoneDate, type Clock } from '@crm/shared';
import { isolatedDatabase } from './isolated-db.ts';
import { pgliteTemplate } from './pglite-template.ts';
import { buildApp, type BuildOptions } from '../app.ts';

/**
 * The clock tests run on: the real one, or — with TEST_CLOCK_AT=2026-12-01T01:30:00+08:00 — one that starts at that
 * instant and ticks on, so CI can run the date-sensitive tests as if China had entered a new month and UTC had not.
 */
export function testClock(): Clock {
  const at = process.env.TEST_CLOCK_AT;
  return at ? clockFrom(at) : systemClock;
}

/**
 * For tests that move the clock by days and weeks (stage clocks, reminders, weekly reports): sessions and access
 * tokens expire by the app's clock, and those tests are not about sessions, so theirs last ten years.
 * Session expiry itself is tested in auth/sessions.test.ts with the real limits.
 */
export const LONG_SESSIONS = { accessTokenTtlSeconds: 10 * 365 * 86_400, refreshTokenTtlDays: 3650, sessionMaxDays: 3650 } as const;

/** This test file's clock (each file has its own module instance), and the zone's today and days before it. */
export const fileClock = testClock();
export const today = () => zoneDate(fileClock.now(), DEFAULT_TIME_ZONE);
export const daysAgo = (n: number) => addDays(today(), -n);

/**
 * The real app on a real database: a fresh in-memory PGlite per test file (a copy of the run's migrated template), or the server Postgres named by
 * TEST_DATABASE_URL (shared by all files; factories make every row unique, so files never collide).
 */
export async function startTestApp(options: Omit<BuildOptions, 'db' | 'database'> & { sessionTimeZone?: string; isolated?: boolean } = {}) {
  const url = process.env.TEST_DATABASE_URL;
  const { sessionTimeZone, isolated, ...buildOptions } = options;
  // `isolated`: a database of the file's own, for what depends on every row of a kind (who is at the bottom of a
  // ranking, the scheduler's jobs) and so must not see other files' rows on a shared server database.
  const own = isolated ? await isolatedDatabase() : null;
  const handle: DbHandle = own ? await own.open() : await openDb({ ...(url ? { url } : pgliteTemplate()), ...(sessionTimeZone ? { sessionTimeZone } : {}) });
  const clock = options.config?.clock ?? fileClock;
  // Each file's attachments go to a folder of its own, removed when the app closes.
  const attachmentsDir = options.config?.attachmentsDir ?? mkdtempSync(path.join(os.tmpdir(), 'crm-attachments-'));
  const timeZone = options.config?.timeZone ?? DEFAULT_TIME_ZONE;
  const app = await buildApp({
    db: handle,
    jwtSecret: 'test-secret-test-secret-test-secret-0123456789',
    ...buildOptions,
    config: {
      ...options.config,
      clock,
      // Test files sign in dozens of users from one address (inject's 127.0.0.1) within a minute: the per-address
      // throttle is tested on its own (auth/throttle.test.ts) with its real limits and addresses of its own.
      rateLimit: { signInPerMinute: 100_000, refreshPerMinute: 100_000, ...options.config?.rateLimit },
      // Tests drive the scheduler themselves (app.scheduler.tick()), never by waiting for a timer.
      scheduler: { enabled: false, ...options.config?.scheduler },
      attachmentsDir,
    },
  });
  /** Today in the zone by the app's clock, and n days before it: what tests date their records with. */
  const appToday = () => zoneDate(clock.now(), timeZone);
  return {
    app,
    db: handle.db,
    handle,
    clock,
    now: () => clock.now(),
    today: appToday,
    daysAgo: (n: number) => addDays(appToday(), -n),
    close: async () => {
      await app.close();
      // An isolated PGlite's drop closes its one handle; a server database is dropped once its pool has closed.
      if (!own || own.url) await handle.close();
      await own?.drop();
      if (!options.config?.attachmentsDir) rmSync(attachmentsDir, { recursive: true, force: true });
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

/**
 * The same user signed in afresh. A test that moves the clock by weeks needs it: sessions and access tokens expire
 * by the app's clock (15 minutes, 30 days), as they would for a person away that long.
 */
export async function signInAgain(t: TestApp, session: Session): Promise<Session> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: session.user.username, password: TEST_PASSWORD } });
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

/**
 * Asserts the API error shape — the body is the shared contract (@crm/shared ErrorBody; `details.fields`
 * FieldsDetails), with nothing it does not name — and returns it.
 */
export function errorOf(res: { json: () => unknown }): {
  code: string;
  reason: string;
  params: Record<string, unknown>;
  message: string;
  details?: { fields?: { field: string; code: string; params?: Record<string, unknown>; message: string }[] } & Record<string, unknown>;
  requestId: string;
} {
  const body = res.json() as { error?: { details?: { fields?: unknown } } };
  if (!body.error) throw new Error(`expected an error body, got ${JSON.stringify(body)}`);
  const parsed = ErrorBody.safeParse(body);
  if (!parsed.success) throw new Error(`the error body is not the ErrorBody contract: ${parsed.error.message}\n${JSON.stringify(body)}`);
  // zod drops what a schema does not name: a body holding more than the contract says breaks it too.
  if (JSON.stringify(parsed.data) !== JSON.stringify(body))
    throw new Error(`the error body has more than the ErrorBody contract names: ${JSON.stringify(body)}`);
  const fields = body.error.details?.fields;
  if (fields !== undefined) {
    const parsedFields = FieldsDetails.safeParse(body.error.details);
    if (!parsedFields.success || JSON.stringify(parsedFields.data.fields) !== JSON.stringify(fields))
      throw new Error(`details.fields are not FieldProblem[]: ${JSON.stringify(fields)}`);
  }
  return body.error as ReturnType<typeof errorOf>;
}
