import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditLog } from '@crm/db';
import { auditActionLabels, auditEntityTypeLabels } from '@crm/shared';
import { makeIndustry, makeUser, makeZone, TEST_PASSWORD, unique } from '@crm/db/test/factories';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

type Entry = {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  entityName: string | null;
  names: Record<string, string>;
  requestId: string | null;
};
type Page<T> = { items: T[]; nextCursor: string | null };

let t: TestApp;
let admin: Session;
let manager: Session;
let staff: Session;
let finance: Session;
beforeAll(async () => {
  t = await startTestApp();
  [admin, manager, staff, finance] = await Promise.all([
    signIn(t, ['admin'], { displayName: '审计管理员' }),
    signIn(t, ['manager']),
    signIn(t, ['staff'], { displayName: '审计专员' }),
    signIn(t, ['finance']),
  ]);
});
afterAll(() => t.close());

/** The trail of one record, newest first, as a manager reads it. */
async function trail(entityType: string, entityId: string, as: Session = manager): Promise<Entry[]> {
  const res = await call<Page<Entry>>(t, { method: 'GET', url: `/api/audit?entityType=${entityType}&entityId=${entityId}&includeAuth=true`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.data.items;
}

/** A write through the API; answers the body and the request id the server gave it. */
async function write<T>(c: Parameters<typeof call>[1], status = 200): Promise<T & { requestId: string }> {
  const res = await call<T>(t, c);
  expect(res.statusCode, res.body).toBe(status);
  return { ...(res.data as T), requestId: String(res.headers['x-request-id']) };
}

describe('agents leave a trail', () => {
  it('create and update: who, when, before and after of the changed fields only', async () => {
    const name = unique('审计代理');
    const created = await write<{ id: string; version: number }>(
      { method: 'POST', url: '/api/agents', payload: { name, kind: 'agency', contactName: '张' }, as: staff },
      201,
    );
    const updated = await write<{ version: number }>({
      method: 'PATCH',
      url: `/api/agents/${created.id}`,
      payload: { version: created.version, name: `${name}-改`, status: 'suspended' },
      as: manager,
    });

    const [eligibility, update, create, ...rest] = await trail('agent', created.id);
    expect(rest).toEqual([]);
    // A change of what stops payouts gets its own entry (issue 8), beside the update's diff.
    expect(eligibility).toMatchObject({
      action: 'agent.eligibility',
      actorId: manager.user.id,
      before: { status: 'active' },
      after: { status: 'suspended' },
      requestId: updated.requestId,
    });
    expect(create).toMatchObject({
      action: 'agent.create',
      entityType: 'agent',
      entityId: created.id,
      actorId: staff.user.id,
      actorName: '审计专员',
      before: null,
      requestId: created.requestId,
    });
    expect(create!.after).toMatchObject({ id: created.id, name, kind: 'agency', contactName: '张', status: 'active' });
    expect(Date.parse(create!.at)).not.toBeNaN();

    expect(update).toMatchObject({ action: 'agent.update', actorId: manager.user.id, requestId: updated.requestId });
    expect(update!.before).toEqual({ name, status: 'active' });
    expect(update!.after).toEqual({ name: `${name}-改`, status: 'suspended' });
    expect(update!.id).toBeGreaterThan(create!.id);
  });

  it('adding an agreement shows the new agreement in after and not in before', async () => {
    const created = await write<{ id: string; version: number }>(
      {
        method: 'POST',
        url: '/api/agents',
        payload: { name: unique('审计代理'), kind: 'agency', agreements: [{ title: '旧协议', startsOn: '2024-01-01' }] },
        as: staff,
      },
      201,
    );
    await write({
      method: 'PATCH',
      url: `/api/agents/${created.id}`,
      payload: { version: created.version, addAgreements: [{ title: '新协议', startsOn: '2025-01-01' }] },
      as: staff,
    });
    const [update] = await trail('agent', created.id);
    expect(update?.action).toBe('agent.update');
    const titles = (side: Record<string, unknown> | null | undefined) => ((side?.agreements ?? []) as { title: string }[]).map((a) => a.title);
    expect(titles(update?.before)).toEqual(['旧协议']);
    expect(titles(update?.after)).toEqual(['旧协议', '新协议']);
  });

  it('a refused write leaves no entry', async () => {
    const created = await write<{ id: string; version: number }>(
      { method: 'POST', url: '/api/agents', payload: { name: unique('审计代理'), kind: 'agency' }, as: staff },
      201,
    );
    const stale = await call(t, { method: 'PATCH', url: `/api/agents/${created.id}`, payload: { version: created.version + 7, notes: 'x' }, as: staff });
    expect(stale.statusCode).toBe(409);
    const forbidden = await call(t, { method: 'PATCH', url: `/api/agents/${created.id}`, payload: { version: created.version, notes: 'x' }, as: finance });
    expect(forbidden.statusCode).toBe(403);
    const invalid = await call(t, {
      method: 'PATCH',
      url: `/api/agents/${created.id}`,
      payload: { version: created.version, creditCode: '9144030071526726XA' },
      as: staff,
    });
    expect(invalid.statusCode).toBe(400);
    expect((await trail('agent', created.id)).map((e) => e.action)).toEqual(['agent.create']);
  });
});

describe('users leave a trail without secrets', () => {
  it('create, edit, password reset, deactivate: actor, changed fields, never a password or hash', async () => {
    const password = 'first-password-1';
    const created = await write<{ id: string; version: number; username: string }>(
      { method: 'POST', url: '/api/users', payload: { username: unique('au'), displayName: '被审计人', password, roles: ['staff'] }, as: admin },
      201,
    );
    const v2 = await write<{ version: number }>({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      payload: { version: created.version, displayName: '改名', roles: ['staff', 'finance'] },
      as: admin,
    });
    const v3 = await write<{ version: number }>({
      method: 'PATCH',
      url: `/api/users/${created.id}`,
      payload: { version: v2.version, password: 'second-password-2' },
      as: admin,
    });
    await write({ method: 'PATCH', url: `/api/users/${created.id}`, payload: { version: v3.version, active: false }, as: admin });

    const entries = await trail('user', created.id, admin);
    expect(entries.map((e) => e.action)).toEqual(['user.update', 'user.update+password', 'user.update', 'user.create']);
    expect(entries.every((e) => e.actorId === admin.user.id && e.actorName === '审计管理员')).toBe(true);
    const [deactivate, , edit, create] = entries;
    expect(create!.after).toMatchObject({ username: created.username, displayName: '被审计人', roles: ['staff'], active: true });
    expect(edit!.before).toEqual({ displayName: '被审计人', roles: ['staff'] });
    expect(edit!.after).toEqual({ displayName: '改名', roles: ['staff', 'finance'] });
    expect(deactivate!.before).toEqual({ active: true });
    // Deactivation ends the user's sessions (none here: they never signed in) and says so.
    expect(deactivate!.after).toEqual({ active: false, sessionsEnded: 0, endReason: 'deactivated' });
    const text = JSON.stringify(entries);
    expect(text).not.toMatch(/passwordHash|argon2/i);
    expect(text).not.toContain(password);
    expect(text).not.toContain('second-password-2');
  });

  it('failed sign-ins, the lock and the unlock are recorded', async () => {
    const user = await makeUser(t.db);
    for (let i = 0; i < 5; i++) await call(t, { method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: `wrong-${i}` } });
    await write({ method: 'PATCH', url: `/api/users/${user.id}`, payload: { version: user.version, unlock: true }, as: admin });
    const login = await call(t, { method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
    expect(login.statusCode).toBe(200);

    // (A successful sign-in may be recorded too; this test is about the failures and the lock.)
    const entries = (await trail('user', user.id)).filter((e) => e.action !== 'auth.login');
    expect(entries.map((e) => e.action)).toEqual([
      'user.unlock',
      'auth.locked',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
    ]);
    expect(entries[0]!.actorId).toBe(admin.user.id);
    // Nobody was signed in for the failures.
    expect(entries.slice(1).every((e) => e.actorId === null)).toBe(true);
    expect(entries[1]!.after).toMatchObject({ failures: 5, lockedUntil: expect.any(String) });
    expect(entries[5]!.after).toMatchObject({ failures: 1, lockedUntil: null });
  });
});

describe('zones and industries leave a trail', () => {
  it('industry create, edit and chain node', async () => {
    const industry = await write<{ id: string; version: number; name: string }>(
      { method: 'POST', url: '/api/industries', payload: { name: unique('审计产业'), chainNodes: [{ name: '上游', position: 'upstream' }] }, as: admin },
      201,
    );
    const newName = unique('审计产业改');
    await write({ method: 'PATCH', url: `/api/industries/${industry.id}`, payload: { version: industry.version, name: newName }, as: admin });
    await write({ method: 'POST', url: `/api/industries/${industry.id}/chain-nodes`, payload: { name: '下游', position: 'downstream' }, as: admin }, 201);

    const [node, edit, create] = await trail('industry', industry.id);
    expect(create).toMatchObject({ action: 'industry.create', actorId: admin.user.id, requestId: industry.requestId });
    expect(create!.after).toMatchObject({ name: industry.name, chainNodes: [expect.objectContaining({ name: '上游', position: 'upstream' })] });
    expect(edit).toMatchObject({
      action: 'industry.update',
      before: expect.objectContaining({ name: industry.name }),
      after: expect.objectContaining({ name: newName }),
    });
    expect(node).toMatchObject({
      action: 'chain_node.create',
      after: expect.objectContaining({ name: '下游', position: 'downstream', industryId: industry.id }),
    });
  });

  it('zone create, edit and park', async () => {
    const industry = await write<{ id: string }>({ method: 'POST', url: '/api/industries', payload: { name: unique('审计产业') }, as: admin }, 201);
    const zone = await write<{ id: string; version: number; name: string }>(
      { method: 'POST', url: '/api/zones', payload: { name: unique('审计开发区'), level: 'provincial', parks: ['一园'] }, as: admin },
      201,
    );
    await write({
      method: 'PATCH',
      url: `/api/zones/${zone.id}`,
      payload: { version: zone.version, county: '西丰县', leadingIndustryIds: [industry.id] },
      as: admin,
    });
    await write({ method: 'POST', url: `/api/zones/${zone.id}/parks`, payload: { name: '二园' }, as: admin }, 201);

    const [park, edit, create] = await trail('zone', zone.id, admin);
    expect(create).toMatchObject({ action: 'zone.create', actorId: admin.user.id, before: null });
    expect(create!.after).toMatchObject({ id: zone.id, name: zone.name, parks: [expect.objectContaining({ name: '一园' })] });
    expect(edit).toMatchObject({ action: 'zone.update', actorId: admin.user.id });
    expect(edit!.before).toMatchObject({ county: null, leadingIndustryIds: [] });
    expect(edit!.after).toMatchObject({ county: '西丰县', leadingIndustryIds: [industry.id] });
    expect(park).toMatchObject({ action: 'park.create', after: expect.objectContaining({ name: '二园', zoneId: zone.id }) });
  });
});

describe('GET /api/audit', () => {
  it('pages newest first with limit=1, each entry once', async () => {
    const created = await write<{ id: string; version: number }>(
      { method: 'POST', url: '/api/agents', payload: { name: unique('审计代理'), kind: 'agency' }, as: staff },
      201,
    );
    let version = created.version;
    for (const notes of ['一', '二', '三'])
      version = (await write<{ version: number }>({ method: 'PATCH', url: `/api/agents/${created.id}`, payload: { version, notes }, as: staff })).version;

    const seen: Entry[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const url: string = `/api/audit?entityType=agent&entityId=${created.id}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await call<Page<Entry>>(t, { method: 'GET', url, as: admin });
      expect(res.statusCode).toBe(200);
      expect(res.data.items).toHaveLength(1);
      seen.push(res.data.items[0]!);
      cursor = res.data.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(seen.map((e) => e.action)).toEqual(['agent.update', 'agent.update', 'agent.update', 'agent.create']);
    expect(seen.map((e) => e.after?.notes ?? null)).toEqual(['三', '二', '一', null]);
    const ids = seen.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(4);
  });

  it('filters by actorId', async () => {
    const actor = await signIn(t, ['staff']);
    const a = await write<{ id: string }>({ method: 'POST', url: '/api/agents', payload: { name: unique('审计代理'), kind: 'agency' }, as: actor }, 201);
    const b = await write<{ id: string }>({ method: 'POST', url: '/api/agents', payload: { name: unique('审计代理'), kind: 'individual' }, as: actor }, 201);
    const res = await call<Page<Entry>>(t, { method: 'GET', url: `/api/audit?actorId=${actor.user.id}&includeAuth=true`, as: manager });
    expect(res.statusCode).toBe(200);
    // Their sign-in is theirs too; the writes follow it, newest first.
    expect(res.data.items.filter((e) => e.action !== 'auth.login').map((e) => e.entityId)).toEqual([b.id, a.id]);
    expect(res.data.items.at(-1)?.action).toBe('auth.login');
  });

  it('an entity without writes has an empty trail', async () => {
    const res = await call<Page<Entry>>(t, { method: 'GET', url: `/api/audit?entityType=agent&entityId=${randomUUID()}`, as: manager });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    { query: 'limit=0', field: 'limit' },
    { query: 'limit=501', field: 'limit' },
    { query: 'actorId=not-a-uuid', field: 'actorId' },
    { query: 'cursor=bad-cursor', field: 'cursor' },
  ])('refuses $query with 400 naming $field', async ({ query, field }) => {
    const res = await call(t, { method: 'GET', url: `/api/audit?${query}`, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).code).toBe('VALIDATION');
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toContain(field);
  });

  it.each([
    ['staff', () => staff],
    ['finance', () => finance],
  ])('is 403 FORBIDDEN for %s', async (_role, who) => {
    const res = await call(t, { method: 'GET', url: `/api/audit?entityType=user&entityId=${who().user.id}`, as: who() });
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).code).toBe('FORBIDDEN');
  });

  it('is 401 without a token', async () => {
    const res = await call(t, { method: 'GET', url: '/api/audit' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });
});

describe('the audit log people can read (issue 10)', () => {
  const list = async (query: string, as: Session = manager) => {
    const res = await call<Page<Entry>>(t, { method: 'GET', url: `/api/audit?${query}`, as });
    expect(res.statusCode, res.body).toBe(200);
    return res.data.items;
  };

  it('every action and entity type the API writes has a label', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(root);
    const source = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    const actions = new Set(
      [...source.matchAll(/action: (?:[^,]*\? )?'([a-z_]+\.[a-z_.+]+)'(?: : '([a-z_]+\.[a-z_.+]+)')?/g)].flatMap((m) => [m[1], m[2]]).filter(Boolean),
    );
    for (const m of source.matchAll(/'(reward\.(?:submit|approve|reject))'/g)) actions.add(m[1]);
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !(a! in auditActionLabels))).toEqual([]);
    const types = new Set([...source.matchAll(/entityType: '([a-z_]+)'/g)].map((m) => m[1]!));
    expect([...types].filter((type) => !(type in auditEntityTypeLabels))).toEqual([]);
  });

  it('names the record and the people and records its values refer to, in the same page', async () => {
    const { zone } = await makeZone(t.db);
    const { industry } = await makeIndustry(t.db);
    const owner = await signIn(t, ['staff'], { displayName: '审计新负责人' });
    const companyName = `${unique('审计')}科技有限公司`;
    const lead = await write<{ id: string; version: number }>(
      {
        method: 'POST',
        url: '/api/leads',
        payload: {
          companyName,
          channel: 'online',
          zoneId: zone.id,
          industryId: industry.id,
          estimatedInvestmentFen: 104_074_073,
          contacts: [{ name: '王总' }],
        },
        as: staff,
      },
      201,
    );
    await write({ method: 'POST', url: `/api/leads/${lead.id}/reassign`, payload: { ownerId: owner.user.id, version: lead.version }, as: manager });
    const [reassign, create] = await list(`entityType=lead&entityId=${lead.id}`);
    expect(reassign).toMatchObject({ action: 'lead.reassign', entityName: companyName });
    expect(reassign!.names[owner.user.id]).toBe('审计新负责人');
    expect(reassign!.names[staff.user.id]).toBe('审计专员');
    expect(create).toMatchObject({ action: 'lead.create', entityName: companyName });
    expect(create!.names[zone.id]).toBe(zone.name);
    expect(create!.names[industry.id]).toBe(industry.name);
  });

  it('hides sign-ins unless asked for, or unless an auth action is the filter', async () => {
    const someone = await signIn(t, ['staff']);
    await write({ method: 'POST', url: '/api/agents', payload: { name: unique('审计代理'), kind: 'agency' }, as: someone }, 201);
    expect((await list(`actorId=${someone.user.id}`)).map((e) => e.action)).toEqual(['agent.create']);
    expect((await list(`actorId=${someone.user.id}&includeAuth=true`)).map((e) => e.action)).toEqual(['agent.create', 'auth.login']);
    expect((await list(`actorId=${someone.user.id}&action=auth.login`)).map((e) => e.action)).toEqual(['auth.login']);
    // By default no page holds a sign-in at all.
    expect((await list('limit=500')).some((e) => e.action.startsWith('auth.'))).toBe(false);
  });

  it('filters by action and by entity type', async () => {
    const byAction = await list('action=agent.create&limit=500');
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((e) => e.action === 'agent.create')).toBe(true);
    const byType = await list('entityType=zone&limit=500');
    expect(byType.length).toBeGreaterThan(0);
    expect(byType.every((e) => e.entityType === 'zone')).toBe(true);
    expect(byType.every((e) => typeof e.entityName === 'string')).toBe(true);
  });

  it('filters by zone dates: 00:10 on 12-01 in China is 12-01, 23:50 on 11-30 is not', async () => {
    const entityId = randomUUID();
    await t.db.insert(auditLog).values([
      { actorId: admin.user.id, action: 'agent.update', entityType: 'agent', entityId, at: new Date('2026-11-30T15:50:00Z'), after: { notes: '11-30 23:50' } },
      { actorId: admin.user.id, action: 'agent.update', entityType: 'agent', entityId, at: new Date('2026-11-30T16:10:00Z'), after: { notes: '12-01 00:10' } },
      { actorId: admin.user.id, action: 'agent.update', entityType: 'agent', entityId, at: new Date('2026-12-01T15:59:00Z'), after: { notes: '12-01 23:59' } },
    ]);
    const notes = async (q: string) => (await list(`entityId=${entityId}&${q}`)).map((e) => e.after?.notes);
    expect(await notes('from=2026-12-01&to=2026-12-01')).toEqual(['12-01 23:59', '12-01 00:10']);
    expect(await notes('to=2026-11-30')).toEqual(['11-30 23:50']);
    expect(await notes('from=2026-12-02')).toEqual([]);
  });

  it.each([
    { query: 'action=lead.explode', field: 'action' },
    { query: 'entityType=spaceship', field: 'entityType' },
    { query: 'from=2026-13-01', field: 'from' },
    { query: 'from=2026-12-02&to=2026-12-01', field: 'to' },
    { query: 'includeAuth=yes', field: 'includeAuth' },
  ])('refuses $query with 400 naming $field', async ({ query, field }) => {
    const res = await call(t, { method: 'GET', url: `/api/audit?${query}`, as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toContain(field);
  });
});
