import { roles } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

type Schema = {
  type?: string;
  format?: string;
  minLength?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  nullable?: boolean;
  enum?: unknown[];
  pattern?: string;
};
type Operation = { requestBody?: { content?: { 'application/json'?: { schema?: Schema } } }; parameters?: { in: string; name: string; schema?: Schema }[] };
type Doc = { paths: Record<string, Record<string, Operation>> };

let t: TestApp;
let doc: Doc;
let everyone: Session;
beforeAll(async () => {
  t = await startTestApp();
  doc = (await call<Doc>(t, { method: 'GET', url: '/api/openapi.json' })).data;
  // One user with every role, so only the input decides the answer.
  everyone = await signIn(t, [...roles]);
});
afterAll(() => t.close());

const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/refresh', 'POST /api/auth/logout']);
const NOBODY = '00000000-0000-4000-8000-000000000000';

function operations() {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'PUT',
      url: path.replace(/\{[^}]+\}/g, NOBODY),
      op,
    })),
  );
}

/** Free-text string fields of a body schema (not enums, ids, dates or patterns), with their dotted paths. */
function textFields(schema: Schema | undefined, path = ''): { path: string; required: boolean; schema: Schema }[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, prop]) => {
    const at = path ? `${path}.${name}` : name;
    if (prop.type === 'object') return textFields(prop, at);
    if (prop.type === 'array' && prop.items?.type === 'object') return textFields(prop.items, `${at}.0`);
    if (prop.type === 'string' && !prop.enum && !prop.format && !prop.pattern) return [{ path: at, required: (prop.minLength ?? 0) >= 1, schema: prop }];
    return [];
  });
}

function dateFields(schema: Schema | undefined, path = ''): string[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, prop]) => {
    const at = path ? `${path}.${name}` : name;
    if (prop.type === 'object') return dateFields(prop, at);
    if (prop.type === 'array' && prop.items?.type === 'object') return dateFields(prop.items, `${at}.0`);
    return prop.format === 'date' ? [at] : [];
  });
}

/** { a: { b: [ { c: value } ] } } for the path "a.b.0.c" (".0" is the first element of an array). */
function bodyWith(path: string, value: unknown): Record<string, unknown> {
  const nest = (parts: string[]): Record<string, unknown> => {
    const [head, ...rest] = parts;
    if (head === undefined) return {};
    if (rest.length === 0) return { [head]: value };
    if (rest[0] === '0') return { [head]: [rest.length === 1 ? value : nest(rest.slice(1))] };
    return { [head]: nest(rest) };
  };
  return nest(path.split('.'));
}

const fieldsOf = (res: { json: () => unknown }) => errorOf(res).details?.fields?.map((f) => f.field) ?? [];

const BAD_TEXT = [
  { name: 'a NUL byte', value: 'Acme\u0000 Ltd' },
  { name: 'a bell (C0 control)', value: 'Acme\u0007' },
  { name: 'a C1 control', value: 'Acme\u0085' },
  { name: 'a right-to-left override', value: 'Acme\u202Edtl' },
  { name: 'a left-to-right isolate', value: '\u2066Acme' },
];

describe('text with control, NUL and direction characters is a 400 naming the field, on every route', () => {
  it.each(BAD_TEXT)('$name in every text field of every body', async ({ value }) => {
    const wrong: string[] = [];
    let probes = 0;
    for (const { key, method, url, op } of operations()) {
      if (PUBLIC.has(key) && key !== 'POST /api/auth/login') continue;
      for (const field of textFields(op.requestBody?.content?.['application/json']?.schema)) {
        probes++;
        const res = await call(t, { method, url, payload: bodyWith(field.path, value), as: everyone });
        if (res.statusCode !== 400 || !fieldsOf(res).includes(field.path))
          wrong.push(`${key} ${field.path} → ${res.statusCode} ${JSON.stringify(fieldsOf(res))}`);
      }
    }
    expect(probes).toBeGreaterThan(60);
    expect(wrong).toEqual([]);
  });

  it('a NUL byte in every free-text query parameter', async () => {
    const wrong: string[] = [];
    for (const { key, url, op } of operations()) {
      for (const p of (op.parameters ?? []).filter((x) => x.in === 'query' && x.schema?.type === 'string' && !x.schema.enum && !x.schema.format)) {
        const res = await call(t, { method: 'GET', url: `${url}?${p.name}=a%00b`, as: everyone });
        if (res.statusCode !== 400 || !fieldsOf(res).includes(p.name)) wrong.push(`${key} ?${p.name} → ${res.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('an unpaired surrogate (which JSON allows and UTF-8 cannot store) is a 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { ...everyone.headers, 'content-type': 'application/json' },
      payload: '{"companyName":"Acme \\ud800 Ltd","channel":"direct"}',
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('companyName');
  });

  it('names the field in the message too', async () => {
    const res = await call(t, { method: 'POST', url: '/api/leads', payload: { companyName: 'Acme\u0000', channel: 'direct' }, as: everyone });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(errorOf(res).message).toMatch(/^companyName: contains an invisible control or direction character \(U\+0000\)/);
  });
});

describe('names made only of invisible characters are empty', () => {
  it.each([
    { name: 'zero-width spaces', value: '\u200B\u200B\u200B' },
    { name: 'joiners and a BOM', value: '\u200C\u200D\uFEFF' },
    { name: 'a word joiner between spaces', value: ' \u2060 ' },
  ])('$name in every required text field is a 400 naming it', async ({ value }) => {
    const wrong: string[] = [];
    let probes = 0;
    for (const { key, method, url, op } of operations()) {
      if (PUBLIC.has(key)) continue;
      // Passwords are secrets, not names: whatever characters they hold is the user's business.
      for (const field of textFields(op.requestBody?.content?.['application/json']?.schema).filter((f) => f.required && !/password/i.test(f.path))) {
        probes++;
        const res = await call(t, { method, url, payload: bodyWith(field.path, value), as: everyone });
        if (res.statusCode !== 400 || !fieldsOf(res).includes(field.path))
          wrong.push(`${key} ${field.path} → ${res.statusCode} ${JSON.stringify(fieldsOf(res))}`);
      }
    }
    expect(probes).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });
});

describe('dates before 2000-01-01 are a 400 naming the field', () => {
  it.each(['0001-01-01', '1999-12-31', '2100-01-01'])('%s in every date field of every body and query', async (date) => {
    const wrong: string[] = [];
    let probes = 0;
    for (const { key, method, url, op } of operations()) {
      for (const field of dateFields(op.requestBody?.content?.['application/json']?.schema)) {
        probes++;
        const res = await call(t, { method, url, payload: bodyWith(field, date), as: everyone });
        if (res.statusCode !== 400 || !fieldsOf(res).includes(field)) wrong.push(`${key} ${field} → ${res.statusCode} ${JSON.stringify(fieldsOf(res))}`);
      }
      for (const p of (op.parameters ?? []).filter((x) => x.in === 'query' && x.schema?.format === 'date')) {
        probes++;
        const res = await call(t, { method: 'GET', url: `${url}?${p.name}=${date}`, as: everyone });
        if (res.statusCode !== 400 || !fieldsOf(res).includes(p.name)) wrong.push(`${key} ?${p.name} → ${res.statusCode}`);
      }
    }
    expect(probes).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });

  it.each([
    { url: '/api/reports/monthly?month=0001-01', field: 'month' },
    { url: '/api/reports/quarterly?quarter=1999-Q4', field: 'quarter' },
    { url: '/api/performance?period=0001', field: 'period' },
  ])('a period key before 2000 ($url) is a 400 naming $field', async ({ url, field }) => {
    const res = await call(t, { method: 'GET', url, as: everyone });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain(field);
  });

  it('an activity dated 0001-01-01 is refused and not stored', async () => {
    const lead = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/leads',
      payload: { companyName: `古代${NOBODY.slice(-6)}${Date.now()}有限公司`, channel: 'direct' },
      as: everyone,
    });
    expect(lead.statusCode).toBe(201);
    const res = await call(t, {
      method: 'POST',
      url: `/api/leads/${lead.data.id}/activities`,
      payload: { kind: 'visit', occurredOn: '0001-01-01', summary: '拜访' },
      as: everyone,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toContain('occurredOn');
    const timeline = await call<{ items: unknown[] }>(t, { method: 'GET', url: `/api/leads/${lead.data.id}/activities`, as: everyone });
    expect(timeline.data.items).toEqual([]);
  });
});

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
// Forged cursors: none is a cursor any list gave out (and none fits any list's shape).
const FORGED = [
  'not-a-cursor',
  '%%%%',
  b64('not json'),
  b64('null'),
  b64('"just a string"'),
  b64({}),
  b64([]),
  b64([1]),
  b64([1, 2, 3]),
  b64([null, null]),
  b64([{}, []]),
  b64([true, false]),
  b64(['2026-13-45 00:00:00+00', NOBODY]),
  b64(['0001-01-01 00:00:00+00', NOBODY]),
  b64(['2026-02-30T00:00:00Z', NOBODY]),
  b64(['99999999999999999999999999999999999999999999999999999999999999999', NOBODY]),
  b64(['2026-01-01T00:00:00Z', 'not-a-uuid']),
  b64(['2026-01-01T00:00:00Z', 1.5]),
  b64(['a\u0000b', NOBODY]),
  b64(['x'.repeat(400), 7.5]),
  // biome-ignore lint/correctness/noPrecisionLoss: a number beyond a double's range (Infinity) on purpose
  b64([1e400, NOBODY]),
  b64(["2026-01-01'; drop table leads; --", NOBODY]),
  b64(['2026-01-01T00:00:00Z', `${NOBODY}'`]),
  b64(['x', '1; select 1']),
];

describe('malformed list cursors are a 400 naming cursor, never a 500', () => {
  it('on every list that pages, for every forged cursor', async () => {
    const wrong: string[] = [];
    let lists = 0;
    for (const { key, url, op } of operations()) {
      if (!(op.parameters ?? []).some((p) => p.in === 'query' && p.name === 'cursor')) continue;
      lists++;
      for (const cursor of FORGED) {
        const res = await call(t, { method: 'GET', url: `${url}?cursor=${encodeURIComponent(cursor)}`, as: everyone });
        if (res.statusCode !== 400 || !fieldsOf(res).includes('cursor')) wrong.push(`${key} ${cursor.slice(0, 24)} → ${res.statusCode}`);
      }
    }
    expect(FORGED).toHaveLength(24);
    expect(lists).toBeGreaterThanOrEqual(5);
    expect(wrong).toEqual([]);
  });

  it('a cursor from one sort is refused by another (it would be cast to the wrong type)', async () => {
    await call(t, { method: 'POST', url: '/api/leads', payload: { companyName: `排序${Date.now()}甲有限公司`, channel: 'direct' }, as: everyone });
    await call(t, { method: 'POST', url: '/api/leads', payload: { companyName: `排序${Date.now()}乙有限公司`, channel: 'direct' }, as: everyone });
    const page = await call<{ nextCursor: string | null }>(t, { method: 'GET', url: '/api/leads?limit=1&sort=-createdAt', as: everyone });
    expect(page.data.nextCursor).toEqual(expect.any(String));
    const next = await call(t, { method: 'GET', url: `/api/leads?limit=1&sort=-createdAt&cursor=${page.data.nextCursor}`, as: everyone });
    expect(next.statusCode).toBe(200);
    const other = await call(t, { method: 'GET', url: `/api/leads?limit=1&sort=estimatedInvestmentFen&cursor=${page.data.nextCursor}`, as: everyone });
    expect(other.statusCode).toBe(400);
    expect(fieldsOf(other)).toContain('cursor');
  });
});

describe('oversized bodies are 413', () => {
  const big = { companyName: 'x'.repeat(10 * 1024 * 1024), channel: 'direct' };
  it('a 10 MB body is 413 PAYLOAD_TOO_LARGE, in the error shape', async () => {
    const res = await call(t, { method: 'POST', url: '/api/leads', payload: big, as: everyone });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
    expect(errorOf(res).requestId).toEqual(expect.any(String));
  });

  it('is judged after who is asking: 401 without a token, 403 for a role the route is not for', async () => {
    expect((await call(t, { method: 'POST', url: '/api/leads', payload: big })).statusCode).toBe(401);
    const finance = await signIn(t, ['finance']);
    expect((await call(t, { method: 'POST', url: '/api/leads', payload: big, as: finance })).statusCode).toBe(403);
  });
});
