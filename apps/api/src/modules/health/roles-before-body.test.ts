import { roles, type Role } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

type Operation = { 'x-roles'?: Role[]; requestBody?: unknown; parameters?: { in: string; name: string }[] };
type Doc = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let doc: Doc;
const only = new Map<Role, Session>();
beforeAll(async () => {
  t = await startTestApp();
  doc = (await call<Doc>(t, { method: 'GET', url: '/api/openapi.json' })).data;
  for (const role of roles) only.set(role, await signIn(t, [role]));
});
afterAll(() => t.close());

// The routes anyone may call: liveness and signing in and out (which the refresh cookie and Origin guard).
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/logout']);
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** Every documented operation, with a URL whose ids name nothing and a query/body that no schema accepts. */
function operations() {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const hasQuery = (op.parameters ?? []).some((p) => p.in === 'query');
      const url = path.replace(/\{[^}]+\}/g, NOBODY) + (hasQuery ? '?limit=not-a-number&year=x&period=x&month=x&quarter=x&cursor=%00' : '');
      return { key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase() as 'GET', url, op };
    }),
  );
}
const junkBody = (method: string) => (method === 'GET' ? undefined : { version: 'x', amountFen: -1.5, name: 42, unknown: { deeply: ['nested'] } });

describe('every route judges the role before the body (403 before 400)', () => {
  it('names its roles in the OpenAPI document (x-roles), every one but the public few', () => {
    const unnamed = operations()
      .filter((o) => !PUBLIC.has(o.key) && !(o.op['x-roles'] && o.op['x-roles'].length > 0))
      .map((o) => o.key);
    expect(operations().length).toBeGreaterThan(60);
    expect(unnamed).toEqual([]);
  });

  it('answers 403 FORBIDDEN to every role it is not for, whatever the body and query say', async () => {
    const wrong: string[] = [];
    let probes = 0;
    for (const { key, method, url, op } of operations()) {
      const allowed = op['x-roles'];
      if (!allowed) continue;
      for (const role of roles.filter((r) => !allowed.includes(r))) {
        probes++;
        const res = await call(t, { method, url, payload: junkBody(method), as: only.get(role) });
        const code = (res.json() as { error?: { code?: string } }).error?.code;
        if (res.statusCode !== 403 || code !== 'FORBIDDEN') wrong.push(`${key} as ${role} → ${res.statusCode} ${code}`);
      }
    }
    expect(probes).toBeGreaterThan(60);
    expect(wrong).toEqual([]);
  });

  it('lets every role it names through to the body check: the route and its service agree on who may call it', async () => {
    // A role named in x-roles but refused by the service's requireRole would see 400 for a bad body and 403 for a
    // good one: the role judged after the body again. With a bad body or an id that names nothing, the answer must
    // never be a 403.
    const wrong: string[] = [];
    for (const { key, method, url, op } of operations()) {
      for (const role of op['x-roles'] ?? []) {
        const res = await call(t, { method, url, payload: junkBody(method), as: only.get(role) });
        if (res.statusCode === 403) wrong.push(`${key} as ${role} → 403 ${(res.json() as { error?: { message?: string } }).error?.message}`);
        if (res.statusCode >= 500) wrong.push(`${key} as ${role} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the probes of issue 9', () => {
  it.each([
    { who: 'staff' as Role, method: 'POST' as const, url: `/api/leads/${NOBODY}/reassign`, payload: { ownerId: 'not-an-id' } },
    { who: 'staff' as Role, method: 'PUT' as const, url: `/api/projects/${NOBODY}/credits`, payload: { credits: 'none' } },
    { who: 'finance' as Role, method: 'POST' as const, url: '/api/leads', payload: {} },
    { who: 'manager' as Role, method: 'POST' as const, url: '/api/users', payload: { username: 'X Y' } },
    { who: 'staff' as Role, method: 'POST' as const, url: '/api/reward-calculations', payload: { projectId: 1 } },
  ])('$who posting an invalid body to $method $url gets 403, not 400', async ({ who, method, url, payload }) => {
    const res = await call(t, { method, url, payload, as: only.get(who) });
    expect(res.statusCode).toBe(403);
    expect((res.json() as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });
});
