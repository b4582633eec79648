import { agents as agentsTable } from '@crm/db';
import { makeAgent, unique } from '@crm/db/test/factories';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

type Agreement = { id: string; agentId: string; title: string; startsOn: string; endsOn: string | null; status: string };
type Agent = {
  id: string;
  name: string;
  kind: string;
  contactName: string | null;
  phone: string | null;
  email: string | null;
  creditCode: string | null;
  isGovernmentUnit: boolean;
  isPlatformCompany: boolean;
  relatedPartyNote: string | null;
  status: string;
  notes: string | null;
  agreements: Agreement[];
  version: number;
  createdAt: string;
  updatedAt: string;
};
type Page<T> = { items: T[]; nextCursor: string | null };

const VALID_CODE = '9144030071526726XG';
const WRONG_CHECK = '9144030071526726XA';
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let staff: Session;
let manager: Session;
let finance: Session;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp();
  [staff, manager, finance, admin] = await Promise.all([signIn(t, ['staff']), signIn(t, ['manager']), signIn(t, ['finance']), signIn(t, ['admin'])]);
});
afterAll(() => t.close());

const fieldsOf = (res: { json: () => unknown }) => errorOf(res).details?.fields?.map((f) => f.field) ?? [];

async function createAgent(over: Record<string, unknown> = {}, as: Session = staff) {
  const res = await call<Agent>(t, { method: 'POST', url: '/api/agents', payload: { name: unique('代理'), kind: 'agency', ...over }, as });
  expect(res.statusCode, res.body).toBe(201);
  return res.data;
}

async function listAll(query: string, as: Session = staff): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/agents?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call<Page<Agent>>(t, { method: 'GET', url, as });
    expect(res.statusCode, res.body).toBe(200);
    ids.push(...res.data.items.map((a) => a.id));
    cursor = res.data.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return { ids, pages };
}

describe('POST /api/agents', () => {
  it('staff create an agent with agreements (201)', async () => {
    const name = unique('铁岭招商服务有限公司');
    const res = await call<Agent>(t, {
      method: 'POST',
      url: '/api/agents',
      payload: {
        name,
        kind: 'agency',
        contactName: '李经理',
        phone: '13800001111',
        creditCode: VALID_CODE.toLowerCase(),
        notes: '',
        agreements: [
          { title: '委托招商协议2025', startsOn: '2025-01-01', endsOn: '2025-12-31' },
          { title: '框架协议', startsOn: '2024-06-01' },
        ],
      },
      as: staff,
    });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({
      name,
      kind: 'agency',
      contactName: '李经理',
      phone: '13800001111',
      email: null,
      creditCode: VALID_CODE,
      isGovernmentUnit: false,
      isPlatformCompany: false,
      notes: null,
      status: 'active',
      version: 1,
    });
    // Agreements come back oldest start first.
    expect(res.data.agreements.map((a) => ({ title: a.title, startsOn: a.startsOn, endsOn: a.endsOn, status: a.status, agentId: a.agentId }))).toEqual([
      { title: '框架协议', startsOn: '2024-06-01', endsOn: null, status: 'active', agentId: res.data.id },
      { title: '委托招商协议2025', startsOn: '2025-01-01', endsOn: '2025-12-31', status: 'active', agentId: res.data.id },
    ]);
    const read = await call<Agent>(t, { method: 'GET', url: `/api/agents/${res.data.id}`, as: staff });
    expect(read.data).toEqual(res.data);
  });

  it.each([
    ['manager', () => manager],
    ['admin', () => admin],
  ])('%s may create agents too', async (_role, who) => {
    const agent = await createAgent({ kind: 'individual' }, who());
    expect(agent.kind).toBe('individual');
  });

  it.each([
    { name: 'a credit code with a wrong check character', body: { creditCode: WRONG_CHECK }, field: 'creditCode' },
    { name: 'a credit code of 17 characters', body: { creditCode: VALID_CODE.slice(0, 17) }, field: 'creditCode' },
    { name: 'a credit code with a letter I', body: { creditCode: '9144030071526726IG' }, field: 'creditCode' },
    {
      name: 'an agreement ending before it starts',
      body: { agreements: [{ title: '协议', startsOn: '2025-06-01', endsOn: '2025-05-31' }] },
      field: 'agreements.0.endsOn',
    },
    { name: 'an agreement with a bad date', body: { agreements: [{ title: '协议', startsOn: '2025-02-30' }] }, field: 'agreements.0.startsOn' },
    { name: 'an agreement without a title', body: { agreements: [{ title: '', startsOn: '2025-01-01' }] }, field: 'agreements.0.title' },
    { name: 'an unknown kind', body: { kind: 'broker' }, field: 'kind' },
    { name: 'no name', body: { name: '  ' }, field: 'name' },
    { name: 'a name over 128 characters', body: { name: '代'.repeat(129) }, field: 'name' },
    { name: 'notes over 2000 characters', body: { notes: 'n'.repeat(2001) }, field: 'notes' },
  ])('refuses $name with 400 VALIDATION naming $field', async ({ body, field }) => {
    const name = unique('坏代理');
    const res = await call(t, { method: 'POST', url: '/api/agents', payload: { name, kind: 'agency', ...body }, as: staff });
    expect(res.statusCode).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
    expect(error.message).toContain(field);
    const list = await call<Page<Agent>>(t, { method: 'GET', url: `/api/agents?q=${encodeURIComponent(name)}`, as: staff });
    expect(list.data.items).toEqual([]);
  });

  it('finance may not create agents (403)', async () => {
    const name = unique('代理');
    const res = await call(t, { method: 'POST', url: '/api/agents', payload: { name, kind: 'agency' }, as: finance });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    const list = await call<Page<Agent>>(t, { method: 'GET', url: `/api/agents?q=${encodeURIComponent(name)}`, as: staff });
    expect(list.data.items).toEqual([]);
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'POST', url: '/api/agents', payload: { name: unique('代理'), kind: 'agency' } });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /api/agents', () => {
  it('filters by q on the name or contact name', async () => {
    const tag = unique('q');
    const byName = await createAgent({ name: `${tag}代理` });
    const byContact = await createAgent({ contactName: `联系人${tag}` });
    await createAgent();
    const { ids } = await listAll(`q=${tag}`);
    expect(ids.sort()).toEqual([byName.id, byContact.id].sort());
  });

  it('filters by status', async () => {
    const tag = unique('st');
    const active = await createAgent({ name: `${tag}甲` });
    const suspended = await createAgent({ name: `${tag}乙` });
    const patched = await call(t, {
      method: 'PATCH',
      url: `/api/agents/${suspended.id}`,
      payload: { version: suspended.version, status: 'suspended' },
      as: manager,
    });
    expect(patched.statusCode).toBe(200);
    expect((await listAll(`q=${tag}&status=suspended`)).ids).toEqual([suspended.id]);
    expect((await listAll(`q=${tag}&status=active`)).ids).toEqual([active.id]);
  });

  it('pages newest first with a keyset cursor: limit=1 gives each agent exactly once', async () => {
    const tag = unique('pg');
    const created: Agent[] = [];
    for (let i = 0; i < 3; i++) created.push(await createAgent({ name: `${tag}-${i}` }));
    const { ids, pages } = await listAll(`q=${tag}&limit=1`);
    expect(ids).toEqual(created.map((a) => a.id).reverse());
    expect(pages).toBe(3);
  });

  it('pages correctly when agents were created within the same millisecond', async () => {
    // Postgres keeps microseconds; two agents saved a few microseconds apart must still both be listed.
    const tag = unique('us');
    const older = await makeAgent(t.db, staff.user.id, { name: `${tag}-older` });
    const newer = await makeAgent(t.db, staff.user.id, { name: `${tag}-newer` });
    await t.db.update(agentsTable).set({ createdAt: sql`'2025-03-01T08:00:00.123100Z'::timestamptz` }).where(eq(agentsTable.id, older.id));
    await t.db.update(agentsTable).set({ createdAt: sql`'2025-03-01T08:00:00.123900Z'::timestamptz` }).where(eq(agentsTable.id, newer.id));
    const { ids } = await listAll(`q=${tag}&limit=1`);
    expect(ids).toEqual([newer.id, older.id]);
  });

  it('finance and managers can read', async () => {
    const agent = await createAgent();
    for (const who of [finance, manager, admin]) {
      const res = await call<Page<Agent>>(t, { method: 'GET', url: `/api/agents?q=${encodeURIComponent(agent.name)}`, as: who });
      expect(res.statusCode).toBe(200);
      expect(res.data.items.map((a) => a.id)).toEqual([agent.id]);
    }
  });

  it.each([
    { query: 'limit=0', field: 'limit' },
    { query: 'limit=501', field: 'limit' },
    { query: 'status=gone', field: 'status' },
    { query: 'cursor=garbage', field: 'cursor' },
  ])('refuses $query with 400 naming $field', async ({ query, field }) => {
    const res = await call(t, { method: 'GET', url: `/api/agents?${query}`, as: staff });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'GET', url: '/api/agents' });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/agents/:id', () => {
  it('answers one agent with its agreements', async () => {
    const agent = await createAgent({ agreements: [{ title: '协议一', startsOn: '2025-01-01' }] });
    const res = await call<Agent>(t, { method: 'GET', url: `/api/agents/${agent.id}`, as: finance });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual(agent);
  });

  it('is 404 NOT_FOUND for an unknown id', async () => {
    const res = await call(t, { method: 'GET', url: `/api/agents/${MISSING_ID}`, as: staff });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });

  it('is 400 naming id for a malformed id', async () => {
    const res = await call(t, { method: 'GET', url: '/api/agents/12345', as: staff });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain('id');
  });

  it('is 401 without a token', async () => {
    const agent = await createAgent();
    const res = await call(t, { method: 'GET', url: `/api/agents/${agent.id}` });
    expect(res.statusCode).toBe(401);
  });
});

describe('PATCH /api/agents/:id', () => {
  it('edits fields, bumps the version and keeps what was not sent', async () => {
    const agent = await createAgent({ contactName: '王', phone: '13000000000', creditCode: VALID_CODE });
    const res = await call<Agent>(t, {
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { version: agent.version, name: `${agent.name}（改）`, kind: 'enterprise', isPlatformCompany: true, phone: '' },
      as: manager,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({
      id: agent.id,
      name: `${agent.name}（改）`,
      kind: 'enterprise',
      isPlatformCompany: true,
      phone: null,
      contactName: '王',
      creditCode: VALID_CODE,
      version: agent.version + 1,
    });
    const read = await call<Agent>(t, { method: 'GET', url: `/api/agents/${agent.id}`, as: staff });
    expect(read.data).toEqual(res.data);
  });

  it('adds agreements and keeps the existing ones', async () => {
    const agent = await createAgent({ agreements: [{ title: '旧协议', startsOn: '2024-01-01', endsOn: '2024-12-31' }] });
    const res = await call<Agent>(t, {
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { version: agent.version, addAgreements: [{ title: '续签协议', startsOn: '2025-01-01', endsOn: '2026-12-31' }] },
      as: manager,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.agreements.map((a) => [a.title, a.startsOn, a.endsOn])).toEqual([
      ['旧协议', '2024-01-01', '2024-12-31'],
      ['续签协议', '2025-01-01', '2026-12-31'],
    ]);
    expect(res.data.version).toBe(agent.version + 1);
  });

  it('refuses a stale version with 409 CONFLICT and changes nothing', async () => {
    const agent = await createAgent();
    const first = await call(t, { method: 'PATCH', url: `/api/agents/${agent.id}`, payload: { version: agent.version, notes: '第一次' }, as: staff });
    expect(first.statusCode).toBe(200);
    const stale = await call(t, {
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { version: agent.version, notes: '第二次', addAgreements: [{ title: '不该存在', startsOn: '2025-01-01' }] },
      as: staff,
    });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('CONFLICT');
    const read = await call<Agent>(t, { method: 'GET', url: `/api/agents/${agent.id}`, as: staff });
    expect(read.data).toMatchObject({ notes: '第一次', version: agent.version + 1, agreements: [] });
  });

  it.each([
    { name: 'a wrong credit code check character', body: { creditCode: WRONG_CHECK }, field: 'creditCode' },
    {
      name: 'an added agreement ending before it starts',
      body: { addAgreements: [{ title: '协议', startsOn: '2025-06-01', endsOn: '2024-06-01' }] },
      field: 'addAgreements.0.endsOn',
    },
    { name: 'an unknown status', body: { status: 'deleted' }, field: 'status' },
    { name: 'no version', body: { version: undefined, notes: 'x' }, field: 'version' },
    { name: 'a string version', body: { version: '1' }, field: 'version' },
  ])('refuses $name with 400 naming $field', async ({ body, field }) => {
    const agent = await createAgent();
    const res = await call(t, { method: 'PATCH', url: `/api/agents/${agent.id}`, payload: { version: agent.version, ...body }, as: staff });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(fieldsOf(res)).toContain(field);
    const read = await call<Agent>(t, { method: 'GET', url: `/api/agents/${agent.id}`, as: staff });
    expect(read.data).toEqual(agent);
  });

  it('only managers and finance change what stops payouts (flags, status): staff get 403 naming the fields; each change is audited', async () => {
    const agent = await createAgent();
    for (const body of [{ isPlatformCompany: true }, { isGovernmentUnit: true }, { relatedPartyNote: '投资方股东的亲属' }, { status: 'suspended' }] as const) {
      const res = await call(t, { method: 'PATCH', url: `/api/agents/${agent.id}`, payload: { version: agent.version, ...body }, as: staff });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
      expect(fieldsOf(res)).toEqual(Object.keys(body));
    }
    // Sending the flags unchanged (as a form does) is not a change: staff may still edit the name.
    const same = await call<Agent>(t, {
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { version: agent.version, name: `${agent.name}甲`, isGovernmentUnit: false, status: 'active' },
      as: staff,
    });
    expect(same.statusCode).toBe(200);
    const byFinance = await call<Agent>(t, {
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { version: same.data.version, isGovernmentUnit: true, relatedPartyNote: '实控人亲属' },
      as: finance,
    });
    expect(byFinance.statusCode).toBe(200);
    expect(byFinance.data).toMatchObject({ isGovernmentUnit: true, relatedPartyNote: '实控人亲属' });
    const byManager = await call<Agent>(t, {
      method: 'PATCH',
      url: `/api/agents/${agent.id}`,
      payload: { version: byFinance.data.version, status: 'terminated', isGovernmentUnit: false },
      as: manager,
    });
    expect(byManager.statusCode).toBe(200);
    const audit = await call<{ items: { action: string; actorId: string; before: unknown; after: unknown }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=agent&entityId=${agent.id}`,
      as: manager,
    });
    expect(audit.data.items.filter((e) => e.action === 'agent.eligibility').map(({ actorId, before, after }) => ({ actorId, before, after }))).toEqual([
      { actorId: manager.user.id, before: { isGovernmentUnit: true, status: 'active' }, after: { isGovernmentUnit: false, status: 'terminated' } },
      {
        actorId: finance.user.id,
        before: { isGovernmentUnit: false, relatedPartyNote: null },
        after: { isGovernmentUnit: true, relatedPartyNote: '实控人亲属' },
      },
    ]);
  });

  it('finance may not edit (403) and nothing changes', async () => {
    const agent = await createAgent();
    const res = await call(t, { method: 'PATCH', url: `/api/agents/${agent.id}`, payload: { version: agent.version, notes: '财务改的' }, as: finance });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
    const read = await call<Agent>(t, { method: 'GET', url: `/api/agents/${agent.id}`, as: staff });
    expect(read.data).toEqual(agent);
  });

  it('is 404 for an unknown id and 400 naming id for a malformed one', async () => {
    const unknown = await call(t, { method: 'PATCH', url: `/api/agents/${MISSING_ID}`, payload: { version: 1, notes: 'x' }, as: staff });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
    const malformed = await call(t, { method: 'PATCH', url: '/api/agents/abc', payload: { version: 1, notes: 'x' }, as: staff });
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toContain('id');
  });

  it('is 401 without a token', async () => {
    const agent = await createAgent();
    const res = await call(t, { method: 'PATCH', url: `/api/agents/${agent.id}`, payload: { version: agent.version, notes: 'x' } });
    expect(res.statusCode).toBe(401);
  });
});
