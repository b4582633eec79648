import { randomUUID } from 'node:crypto';
import { activities, auditLog, idempotencyKeys, leads } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, signIn, startTestApp, today, type Session, type TestApp } from '../test/harness.ts';

let t: TestApp;
let staff: Session;
let other: Session;
beforeAll(async () => {
  t = await startTestApp();
  staff = await signIn(t, ['staff']);
  other = await signIn(t, ['staff']);
});
afterAll(() => t.close());

const send = (as: Session, method: 'POST' | 'PATCH', url: string, payload: unknown, key?: string) =>
  t.app.inject({ method, url, payload: payload as object, headers: { ...as.headers, ...(key === undefined ? {} : { 'idempotency-key': key }) } });

const newLead = (name = unique('幂等企业')) => ({ companyName: name, channel: 'online', estimatedInvestmentFen: 5_000_000 });

describe('Idempotency-Key on writes', () => {
  it('answers a retried creation with the first answer and writes once, with one audit row', async () => {
    const key = randomUUID();
    const body = newLead();
    const first = await send(staff, 'POST', '/api/leads', body, key);
    expect(first.statusCode).toBe(201);
    const again = await send(staff, 'POST', '/api/leads', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const id = first.json<{ id: string }>().id;
    expect(await t.db.select().from(leads).where(eq(leads.companyName, body.companyName))).toHaveLength(1);
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'lead.create'), eq(auditLog.entityId, id))),
    ).toHaveLength(1);
  });

  it('writes a retried visit once (the write that used to be logged twice after a 500)', async () => {
    const lead = (await send(staff, 'POST', '/api/leads', newLead(), randomUUID())).json<{ id: string }>();
    const key = randomUUID();
    const summary = unique('拜访纪要');
    const body = { kind: 'visit', occurredOn: today(), summary };
    const answers = [
      await send(staff, 'POST', `/api/leads/${lead.id}/activities`, body, key),
      await send(staff, 'POST', `/api/leads/${lead.id}/activities`, body, key),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    expect(answers[1]?.json()).toEqual(answers[0]?.json());
    expect(await t.db.select().from(activities).where(eq(activities.summary, summary))).toHaveLength(1);
  });

  it('lets two copies of one request sent at the same moment write once; both get the same answer', async () => {
    const key = randomUUID();
    const body = newLead();
    const [a, b] = await Promise.all([send(staff, 'POST', '/api/leads', body, key), send(staff, 'POST', '/api/leads', body, key)]);
    expect([a?.statusCode, b?.statusCode]).toEqual([201, 201]);
    expect(a?.json<{ id: string }>().id).toBe(b?.json<{ id: string }>().id);
    expect(await t.db.select().from(leads).where(eq(leads.companyName, body.companyName))).toHaveLength(1);
  });

  it('replays from the result stored with the write when the answer itself was never kept (crash after commit)', async () => {
    const key = randomUUID();
    const body = newLead();
    const first = await send(staff, 'POST', '/api/leads', body, key);
    expect(first.statusCode).toBe(201);
    // As if the process died between the commit and keeping the answer: only the transaction's result is there.
    await t.db
      .update(idempotencyKeys)
      .set({ statusCode: null, responseBody: null })
      .where(and(eq(idempotencyKeys.userId, staff.user.id), eq(idempotencyKeys.key, key)));
    const again = await send(staff, 'POST', '/api/leads', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
  });

  it('refuses the same key with a different request (409), naming the first request', async () => {
    const key = randomUUID();
    expect((await send(staff, 'POST', '/api/leads', newLead(), key)).statusCode).toBe(201);
    const reused = await send(staff, 'POST', '/api/leads', newLead(), key);
    expect(reused.statusCode).toBe(409);
    expect(errorOf(reused)).toMatchObject({ code: 'CONFLICT', details: { reason: 'idempotency_key_reused', method: 'POST', path: '/api/leads' } });
  });

  it('takes no key for a failed write, so the corrected request may use the same key', async () => {
    const key = randomUUID();
    const body = newLead();
    const failed = await send(staff, 'POST', '/api/leads', { ...body, zoneId: randomUUID() }, key);
    expect(failed.statusCode).toBe(400);
    const fixed = await send(staff, 'POST', '/api/leads', body, key);
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('scopes keys per user: another user with the same key gets their own write', async () => {
    const key = randomUUID();
    const mine = await send(staff, 'POST', '/api/leads', newLead(), key);
    const theirs = await send(other, 'POST', '/api/leads', newLead(), key);
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json<{ id: string; ownerId: string }>().ownerId).toBe(other.user.id);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with a clear 400', async () => {
    const res = await send(staff, 'POST', '/api/leads', newLead(), 'x'.repeat(201));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/Idempotency-Key/);
  });

  it('does not let a key replay to someone without the right: the permission check comes first', async () => {
    const key = randomUUID();
    const lead = (await send(staff, 'POST', '/api/leads', newLead(), randomUUID())).json<{ id: string; version: number }>();
    const notes = unique('edited once ');
    const edit = { version: lead.version, notes };
    expect((await send(staff, 'PATCH', `/api/leads/${lead.id}`, edit, key)).statusCode).toBe(200);
    // The other staff member sends the same key and body: keys are per user, so this is their own request — a 403.
    const stranger = await send(other, 'PATCH', `/api/leads/${lead.id}`, edit, key);
    expect(stranger.statusCode).toBe(403);
    const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(leads).where(eq(leads.notes, notes));
    expect(row?.n).toBe(1);
  });
});

describe('the OpenAPI document', () => {
  it('documents the Idempotency-Key header on writes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
    }>();
    const post = doc.paths['/api/leads']?.post;
    expect(post?.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
    expect(doc.paths['/api/leads']?.get?.parameters?.some((p) => p.name === 'idempotency-key') ?? false).toBe(false);
  });
});
