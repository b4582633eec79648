import { auditLog, savedViews } from '@crm/db';
import type { SavedView } from '@crm/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let alice: Session; // staff
let bob: Session; // staff
let boss: Session; // manager
let finance: Session;

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, boss, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '爱丽丝' }),
    signIn(t, ['staff']),
    signIn(t, ['manager'], { displayName: '孙经理' }),
    signIn(t, ['finance']),
  ]);
});
afterAll(() => t.close());

const views = async (as: Session) => (await call<{ items: SavedView[] }>(t, { method: 'GET', url: '/api/saved-views?list=leads', as })).data.items;
const make = (as: Session, payload: Record<string, unknown>) => call<SavedView>(t, { method: 'POST', url: '/api/saved-views', payload, as });
const auditOf = (id: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, 'saved_view'), eq(auditLog.entityId, id)));

describe('saved views', () => {
  it('creates, lists, renames, changes and deletes one’s own view, each write audited', async () => {
    const created = await make(alice, { name: '我的红色预警', filters: { scope: 'mine', warning: 'red', sort: 'companyName' } });
    expect(created.statusCode).toBe(201);
    expect(created.data).toMatchObject({
      name: '我的红色预警',
      list: 'leads',
      shared: false,
      mine: true,
      ownerName: '爱丽丝',
      version: 1,
      filters: { scope: 'mine', warning: 'red', sort: 'companyName' },
    });
    expect((await views(alice)).map((v) => v.id)).toContain(created.data.id);
    // Nobody else sees a view that is not shared.
    expect((await views(bob)).map((v) => v.id)).not.toContain(created.data.id);
    expect((await views(boss)).map((v) => v.id)).not.toContain(created.data.id);

    const renamed = await call<SavedView>(t, {
      method: 'PATCH',
      url: `/api/saved-views/${created.data.id}`,
      payload: { name: '红色预警', filters: { scope: 'mine', warning: 'yellow' }, version: 1 },
      as: alice,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.data).toMatchObject({ name: '红色预警', version: 2, filters: { scope: 'mine', warning: 'yellow' } });
    // A stale version is a 409, as every edit.
    const stale = await call(t, { method: 'PATCH', url: `/api/saved-views/${created.data.id}`, payload: { name: '又改', version: 1 }, as: alice });
    expect(stale.statusCode).toBe(409);

    const del = await call(t, { method: 'DELETE', url: `/api/saved-views/${created.data.id}`, as: alice });
    expect(del.statusCode).toBe(200);
    expect((await views(alice)).map((v) => v.id)).not.toContain(created.data.id);
    expect(await t.db.select().from(savedViews).where(eq(savedViews.id, created.data.id))).toEqual([]);
    const trail = await auditOf(created.data.id);
    expect(trail.map((a) => a.action).sort()).toEqual(['saved_view.create', 'saved_view.delete', 'saved_view.update']);
    const update = trail.find((a) => a.action === 'saved_view.update');
    expect(update?.actorId).toBe(alice.user.id);
    expect(update?.before).toEqual({ name: '我的红色预警', filters: { scope: 'mine', warning: 'red', sort: 'companyName' } });
  });

  it('refuses a duplicate name (409 naming the field), unknown filter keys and bad values (400)', async () => {
    expect((await make(bob, { name: '本周', filters: { scope: 'pool' } })).statusCode).toBe(201);
    const dup = await make(bob, { name: '本周', filters: {} });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).details?.fields?.map((f) => f.field)).toEqual(['name']);
    // Another person may use the same name.
    expect((await make(alice, { name: '本周', filters: {} })).statusCode).toBe(201);
    for (const [filters, field] of [
      [{ password: 'x' }, 'filters'],
      [{ sort: 'name' }, 'filters.sort'],
      [{ ownerId: 'abc' }, 'filters.ownerId'],
      [{ scope: 'everyone' }, 'filters.scope'],
    ] as const) {
      const res = await make(bob, { name: '坏的', filters });
      expect(res.statusCode, JSON.stringify(filters)).toBe(400);
      expect(
        errorOf(res)
          .details?.fields?.map((f) => f.field)
          .join(','),
        JSON.stringify(filters),
      ).toContain(field);
    }
    expect((await make(bob, { name: '   ', filters: {} })).statusCode).toBe(400);
  });

  it('lets a manager share a view with everyone; staff may use it but not change it, and may not share their own', async () => {
    const shared = await make(boss, { name: '重大项目', filters: { scope: 'all', sort: '-estimatedInvestmentFen' }, shared: true });
    expect(shared.statusCode).toBe(201);
    for (const who of [alice, bob, finance]) {
      const seen = (await views(who)).find((v) => v.id === shared.data.id);
      expect(seen).toMatchObject({ shared: true, mine: false, ownerName: '孙经理' });
    }
    // One's own views come before the shared ones.
    const mineFirst = await views(alice);
    expect(mineFirst.findIndex((v) => v.mine)).toBeLessThan(mineFirst.findIndex((v) => !v.mine));

    const change = await call(t, { method: 'PATCH', url: `/api/saved-views/${shared.data.id}`, payload: { name: '我的了', version: 1 }, as: alice });
    expect(change.statusCode).toBe(403);
    expect(errorOf(change).message).toContain('孙经理');
    expect((await call(t, { method: 'DELETE', url: `/api/saved-views/${shared.data.id}`, as: bob })).statusCode).toBe(403);

    const staffShares = await make(alice, { name: '想分享', filters: {}, shared: true });
    expect(staffShares.statusCode).toBe(403);
    const own = await make(alice, { name: '先私有', filters: {} });
    const later = await call(t, { method: 'PATCH', url: `/api/saved-views/${own.data.id}`, payload: { shared: true, version: 1 }, as: alice });
    expect(later.statusCode).toBe(403);
    expect((await t.db.select().from(savedViews).where(eq(savedViews.id, own.data.id)))[0]?.shared).toBe(false);

    // Unsharing hides it from everyone else again (and from their lists: it is not found for them).
    const unshare = await call<SavedView>(t, { method: 'PATCH', url: `/api/saved-views/${shared.data.id}`, payload: { shared: false, version: 1 }, as: boss });
    expect(unshare.data.shared).toBe(false);
    expect((await views(alice)).map((v) => v.id)).not.toContain(shared.data.id);
    expect((await call(t, { method: 'DELETE', url: `/api/saved-views/${shared.data.id}`, as: alice })).statusCode).toBe(404);
  });

  it("answers 404 for another person's private view and 401 without a token", async () => {
    const priv = await make(bob, { name: '私密', filters: {} });
    expect((await call(t, { method: 'PATCH', url: `/api/saved-views/${priv.data.id}`, payload: { name: 'x', version: 1 }, as: alice })).statusCode).toBe(404);
    expect((await call(t, { method: 'DELETE', url: `/api/saved-views/${priv.data.id}`, as: boss })).statusCode).toBe(404);
    expect((await call(t, { method: 'GET', url: '/api/saved-views' })).statusCode).toBe(401);
    expect((await call(t, { method: 'POST', url: '/api/saved-views', payload: { name: 'x', filters: {} } })).statusCode).toBe(401);
  });
});
