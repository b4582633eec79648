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

  it('documents the error body (@crm/shared ErrorBody) on every route, and the 撞单 409 with who holds the company', async () => {
    type Schema = { $ref?: string; properties?: Record<string, Schema> };
    type Op = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> };
    const res = await call<{ paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } }>(t, {
      method: 'GET',
      url: '/api/openapi.json',
    });
    const schemaOf = (op: Op | undefined, status: string) => op?.responses[status]?.content?.['application/json']?.schema;
    const login = res.data.paths['/api/auth/login']?.post;
    expect(schemaOf(login, '4XX')).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(schemaOf(login, '5XX')).toEqual({ $ref: '#/components/schemas/ErrorBody' });
    expect(Object.keys(res.data.components.schemas.ErrorBody?.properties?.error?.properties ?? {})).toEqual([
      'code',
      'reason',
      'params',
      'message',
      'details',
      'requestId',
    ]);
    const duplicate = schemaOf(res.data.paths['/api/leads']?.post, '409')?.properties?.error?.properties;
    expect(duplicate?.reason).toEqual({ $ref: '#/components/schemas/ProblemReason' });
    expect(duplicate?.details?.properties).toHaveProperty('ownerName');
    expect(duplicate?.details?.properties).toHaveProperty('protectionExpiresAt');
    expect(schemaOf(res.data.paths['/api/leads/{id}']?.patch, '409')?.properties?.error?.properties?.details?.properties).toHaveProperty('leadId');
    expect(schemaOf(res.data.paths['/api/leads/{id}/sign']?.post, '409')?.properties?.error?.properties?.details?.properties).toHaveProperty('projectId');
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
