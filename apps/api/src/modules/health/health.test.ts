import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type TestApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('GET /api/health', () => {
  it('answers ok with the database up, without a token', async () => {
    const res = await call(t, { method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ status: 'ok', db: 'up' });
  });
});

describe('OpenAPI', () => {
  it('describes every route from the zod schemas', async () => {
    const res = await call<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(t, { method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.data.openapi).toMatch(/^3\./);
    const routes = t.app.printRoutes({ commonPrefix: false });
    for (const path of ['/api/leads', '/api/leads/{id}', '/api/leads/{id}/claim', '/api/agents', '/api/zones', '/api/users', '/api/audit', '/api/auth/login']) {
      expect(res.data.paths[path], `${path} in the document`).toBeDefined();
    }
    expect(routes).toContain('leads');
    const create = res.data.paths['/api/leads']?.post as { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } };
    expect(create.requestBody?.content?.['application/json']?.schema?.properties).toHaveProperty('creditCode');
  });

  it('serves the browsable docs page', async () => {
    const res = await call(t, { method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(res.statusCode);
  });
});

describe('unknown routes', () => {
  it('are 404 in the error shape', async () => {
    const res = await call(t, { method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('the embedded database on a fresh machine', () => {
  it('creates its data folder, parents included, on first start', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { openDb } = await import('@crm/db');
    const root = mkdtempSync(path.join(tmpdir(), 'crm-fresh-'));
    const dataDir = path.join(root, 'data', 'pglite');
    const handle = await openDb({ dataDir });
    try {
      await handle.ping();
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    } finally {
      await handle.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('when the database is gone', () => {
  it('answers 503 UNAVAILABLE with Retry-After on every route that needs it, and health says down', async () => {
    const own = await startTestApp();
    const session = await signIn(own, ['staff']);
    // The database goes away under the running app (a restart, the PGlite thread gone, a network cut).
    await own.handle.close();
    const list = await call(own, { method: 'GET', url: '/api/leads', as: session });
    expect(list.statusCode).toBe(503);
    expect(list.headers['retry-after']).toBe('2');
    expect(errorOf(list)).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/try again in a few seconds/) });
    const write = await call(own, { method: 'POST', url: '/api/leads', payload: { companyName: '断线时的企业', channel: 'online' }, as: session });
    expect(write.statusCode).toBe(503);
    const health = await call(own, { method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.data).toEqual({ status: 'down', db: 'down' });
    await own.app.close();
  });
});
