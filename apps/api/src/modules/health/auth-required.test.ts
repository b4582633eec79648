import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// The only routes that answer without a token: liveness, signing in and out, and the API's own description.
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/logout']);

describe('every route needs a token', () => {
  it('answers 401 in the error shape for every documented route called without one', async () => {
    const doc = (await call<{ paths: Record<string, Record<string, unknown>> }>(t, { method: 'GET', url: '/api/openapi.json' })).data;
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), path] as const));
    expect(routes.length).toBeGreaterThan(60);
    const open: string[] = [];
    for (const [method, path] of routes) {
      if (PUBLIC.has(`${method} ${path}`)) continue;
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.app.inject({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} });
      if (res.statusCode !== 401 || (res.json() as { error?: { code?: string } }).error?.code !== 'UNAUTHENTICATED')
        open.push(`${method} ${path} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses a forged token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/leads', headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' } });
    expect(res.statusCode).toBe(401);
  });
});
