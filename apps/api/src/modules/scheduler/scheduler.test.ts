import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { jobs, leads, notifications, rewardCalculations, type DbHandle } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom, type Lead } from '@crm/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { isolatedDatabase } from '../../test/isolated-db.ts';
import { call, LONG_SESSIONS, signIn, type Session, type TestApp } from '../../test/harness.ts';

// Tuesday 2026-12-01, 09:00 in China.
const clock = clockFrom('2026-12-01T09:00:00+08:00');
const at = (iso: string) => clock.set(iso);

type Instance = { app: FastifyInstance; handle: DbHandle; t: TestApp };
let db: Awaited<ReturnType<typeof isolatedDatabase>>;
const live: Instance[] = [];

/** One app instance on the file's database: its own connection pool on a server Postgres, the shared PGlite otherwise. */
async function instance(): Promise<Instance> {
  const handle = await db.open();
  const app = await buildApp({
    db: handle,
    jwtSecret: 'sched-secret-sched-secret-sched-secret-0123',
    config: {
      clock,
      ...LONG_SESSIONS,
      rateLimit: { signInPerMinute: 100_000, refreshPerMinute: 100_000 },
      scheduler: { enabled: false, webhookTimeoutMs: 400 },
      attachmentsDir: mkdtempSync(path.join(os.tmpdir(), 'crm-sched-')),
    },
  });
  const t = { app, db: handle.db, handle, clock, now: () => clock.now() } as unknown as TestApp;
  const inst = { app, handle, t };
  live.push(inst);
  return inst;
}
async function stop(inst: Instance) {
  await inst.app.close();
  rmSync(inst.app.config.attachmentsDir, { recursive: true, force: true });
  if (db.url) await inst.handle.close();
  live.splice(live.indexOf(inst), 1);
}

let a: Instance;
let b: Instance;
let owner: Session;
let follower: Session;
let manager: Session;
let maker: Session;
let zoneId: string;
let industryId: string;

type Receiver = {
  url: string;
  server: Server;
  hits: { url: string; body: { msgtype: string; markdown: Record<string, string> } }[];
  answer: (req: IncomingMessage) => { status: number; body: string } | 'hang';
};
let receiver: Receiver;

beforeAll(async () => {
  db = await isolatedDatabase();
  a = await instance();
  b = await instance();
  [owner, follower, manager, maker] = await Promise.all([
    signIn(a.t, ['staff'], { displayName: '甲专员' }),
    signIn(a.t, ['staff'], { displayName: '乙专员' }),
    signIn(a.t, ['manager'], { displayName: '丙主任' }),
    signIn(a.t, ['finance'], { displayName: '丁会计' }),
  ]);
  zoneId = (await makeZone(a.t.db, { name: `${unique('铁岭')}开发区` })).zone.id;
  industryId = (await makeIndustry(a.t.db)).industry.id;
  const hits: Receiver['hits'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', body: JSON.parse(body) as Receiver['hits'][number]['body'] });
      const answer = receiver.answer(req);
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  receiver = {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    server,
    hits,
    answer: () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }),
  };
});
afterAll(async () => {
  receiver.server.closeAllConnections();
  await new Promise((resolve) => receiver.server.close(resolve));
  for (const inst of [...live]) await stop(inst);
  await db.drop();
});

async function create(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Lead>(a.t, {
    method: 'POST',
    url: '/api/leads',
    as,
    payload: { companyName: `${unique('提醒')}有限公司`, channel: 'online', zoneId, industryId, ...over },
  });
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
  return res.data;
}

/** Every instance ticks at the same moment, as several app servers would. */
const tickAll = async (...insts: Instance[]) => Promise.all(insts.map((i) => i.app.scheduler.tick()));

async function inbox(userId: string) {
  return a.t.db.select().from(notifications).where(eq(notifications.userId, userId));
}
const kinds = async (userId: string) => (await inbox(userId)).map((n) => `${n.kind}:${n.subjectId}`).sort();

describe('reminders: each sent once, by several instances, across a restart', () => {
  let ordinary: Lead;
  let major: Lead;
  let lapsing: Lead;
  let ending: Lead;

  it('a major lead involves the manager from its creation', async () => {
    at('2026-12-01T09:00:00+08:00');
    // Staff follow industries to hear of pool leads.
    expect((await call(a.t, { method: 'PUT', url: '/api/inbox/industries', as: follower, payload: { industryIds: [industryId] } })).statusCode).toBe(200);
    expect((await call(a.t, { method: 'PUT', url: '/api/inbox/industries', as: manager, payload: { industryIds: [industryId] } })).statusCode).toBe(403);
    ordinary = await create(owner);
    major = await create(owner, { estimatedInvestmentFen: 60_000_000_000 });
    lapsing = await create(owner);
    ending = await create(owner);
    at('2026-12-01T10:00:00+08:00');
    await call(a.t, {
      method: 'POST',
      url: `/api/leads/${ordinary.id}/activities`,
      as: owner,
      payload: { kind: 'call', occurredOn: '2026-12-01', summary: '电话' },
    }); // 研判 due Friday 12-04
    // Protection: one lapses on Thursday morning (into the pool), one ends a week from Thursday.
    await a.t.db
      .update(leads)
      .set({ protectionExpiresAt: new Date('2026-12-03T05:00:00+08:00') })
      .where(eq(leads.id, lapsing.id));
    await a.t.db
      .update(leads)
      .set({ protectionExpiresAt: new Date('2026-12-10T00:00:00+08:00') })
      .where(eq(leads.id, ending.id));
    at('2026-12-01T10:05:00+08:00');
    const [ra, rb] = await tickAll(a, b);
    expect([...(ra?.ran ?? []), ...(rb?.ran ?? [])].filter((r) => r.kind === 'reminders')).toHaveLength(1);
    expect(await kinds(manager.user.id)).toEqual([`major_lead:${major.id}`]);
    expect(await kinds(owner.user.id)).toEqual([]);
  });

  it('Thursday: due tomorrow, overdue (owner and, for a major lead, the manager), pool match, protection ending, approval waiting', async () => {
    // A calculation submitted on Wednesday awaits a manager other than its maker.
    at('2026-12-02T12:00:00+08:00');
    const [calc] = await a.t.db
      .insert(rewardCalculations)
      .values({
        kind: 'service_fee',
        milestone: '2026-11',
        status: 'submitted',
        inputs: {},
        trace: [],
        totalFen: 100,
        dueFen: 100,
        makerId: maker.user.id,
        submittedAt: clock.now(),
      })
      .returning();
    at('2026-12-03T08:00:00+08:00');
    await tickAll(a, b);
    expect(await kinds(owner.user.id)).toEqual(
      // The lead that lapsed into the pool is nobody's to be late on: no overdue for it.
      [`clock_due_tomorrow:${ordinary.id}`, `clock_overdue:${major.id}`, `clock_overdue:${ending.id}`, `protection_ending:${ending.id}`].sort(),
    );
    expect(await kinds(manager.user.id)).toEqual([`approval_waiting:${calc?.id}`, `clock_overdue:${major.id}`, `major_lead:${major.id}`].sort());
    expect(await kinds(follower.user.id)).toEqual([`pool_match:${lapsing.id}`]);
    expect(await kinds(maker.user.id)).toEqual([]);
    const [due] = (await inbox(owner.user.id)).filter((n) => n.kind === 'clock_due_tomorrow');
    expect(due?.params).toMatchObject({ phase: 'judge', dueOn: '2026-12-04' });
  });

  it('a restart and another tick at the same moment send nothing twice', async () => {
    await stop(b);
    b = await instance(); // the "restarted" instance
    const before = (await a.t.db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0]?.n;
    await tickAll(a, b);
    at('2026-12-03T08:30:00+08:00');
    await tickAll(a, b);
    const after = (await a.t.db.select({ n: sql<number>`count(*)::int` }).from(notifications))[0]?.n;
    expect(after).toBe(before);
  });

  it('Friday 01:00: overdue by more than a day escalates to the manager; Saturday: the judge clock is overdue', async () => {
    at('2026-12-04T01:00:00+08:00');
    await tickAll(a, b);
    expect(await kinds(manager.user.id)).toContain(`clock_escalated:${major.id}`);
    at('2026-12-05T00:30:00+08:00');
    await tickAll(a, b);
    expect(await kinds(owner.user.id)).toContain(`clock_overdue:${ordinary.id}`);
  });

  it('a reassignment tells the new owner at once; unread counts and read marks are one’s own', async () => {
    const res = await call(a.t, {
      method: 'POST',
      url: `/api/leads/${ordinary.id}/reassign`,
      as: manager,
      payload: {
        ownerId: follower.user.id,
        note: '请跟进',
        version: (await call<{ version: number }>(a.t, { method: 'GET', url: `/api/leads/${ordinary.id}`, as: manager })).data.version,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(await kinds(follower.user.id)).toContain(`lead_reassigned:${ordinary.id}`);
    const count = await call<{ count: number }>(a.t, { method: 'GET', url: '/api/inbox/unread-count', as: follower });
    expect(count.data.count).toBe(2);
    const list = await call<{ items: { id: string; kind: string; link: string }[] }>(a.t, { method: 'GET', url: '/api/inbox?unread=true', as: follower });
    expect(list.data.items[0]).toMatchObject({ kind: 'lead_reassigned', link: `/leads/${ordinary.id}` });
    const first = list.data.items[0]?.id ?? '';
    expect((await call(a.t, { method: 'POST', url: `/api/inbox/${first}/read`, as: owner })).statusCode).toBe(404);
    expect((await call(a.t, { method: 'POST', url: `/api/inbox/${first}/read`, as: follower })).statusCode).toBe(200);
    expect((await call<{ count: number }>(a.t, { method: 'GET', url: '/api/inbox/unread-count', as: follower })).data.count).toBe(1);
    expect((await call<{ count: number }>(a.t, { method: 'POST', url: '/api/inbox/read-all', as: follower })).data.count).toBe(1);
    expect((await call<{ count: number }>(a.t, { method: 'GET', url: '/api/inbox/unread-count', as: follower })).data.count).toBe(0);
    expect((await call(a.t, { method: 'GET', url: '/api/inbox' })).statusCode).toBe(401);
    // Every (user, kind, subject, occasion) is in the table once.
    const dupes = await a.t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .groupBy(notifications.userId, notifications.kind, notifications.subjectId, notifications.key)
      .having(sql`count(*) > 1`);
    expect(dupes).toEqual([]);
  });
});

describe('the daily digest to a group robot', () => {
  const admin = async () => signIn(a.t, ['admin']);
  const rules = (over: Record<string, unknown>) => ({
    respondDays: 1,
    judgeDays: 3,
    judgeMajorDays: 7,
    feedbackDays: 7,
    reportEveryDays: 14,
    majorThresholdFen: 50_000_000_000,
    digestHour: 9,
    ...over,
  });

  it('posts once a day per zone, after its hour, whatever the number of instances', async () => {
    const boss = await admin();
    const res = await call(a.t, {
      method: 'PUT',
      url: `/api/zones/${zoneId}/clock-rules`,
      as: boss,
      payload: rules({ webhookKind: 'wecom', webhookUrl: `${receiver.url}/cgi-bin/webhook/send?key=k1` }),
    });
    expect(res.statusCode).toBe(200);
    at('2026-12-07T08:59:00+08:00'); // before the hour: nothing
    await tickAll(a, b);
    expect(receiver.hits).toHaveLength(0);
    at('2026-12-07T09:01:00+08:00');
    await tickAll(a, b);
    at('2026-12-07T09:03:00+08:00');
    await tickAll(a, b);
    expect(receiver.hits).toHaveLength(1);
    const hit = receiver.hits[0];
    expect(hit?.url).toBe('/cgi-bin/webhook/send?key=k1');
    expect(hit?.body.msgtype).toBe('markdown');
    expect(hit?.body.markdown.content).toContain('招商线索日报 2026-12-07');
    expect(hit?.body.markdown.content).toMatch(/超期 \*\*\d+\*\* 条/);
  });

  it('retries a failed post with a growing pause, records the error, and gives up after a bounded number of tries without stopping the tick', async () => {
    receiver.hits.length = 0;
    receiver.answer = () => ({ status: 500, body: 'robot down' });
    at('2026-12-08T09:10:00+08:00');
    const [first] = await tickAll(a);
    expect(first?.ran.find((r) => r.kind === 'digest')).toMatchObject({ ok: false });
    const [job] = await a.t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${zoneId}:2026-12-08`));
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job?.lastError).toContain('HTTP 500');
    // Its next try is a minute later, then 2, 4, 8 … minutes; after 5 tries it is left failed.
    for (let minute = 11; minute < 60; minute++) {
      at(`2026-12-08T09:${String(minute).padStart(2, '0')}:00+08:00`);
      await tickAll(a, b);
    }
    const [gaveUp] = await a.t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${zoneId}:2026-12-08`));
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: 5 });
    expect(receiver.hits).toHaveLength(5);
    // The reminders still ran all along.
    const [reminders] = await a.t.db.select().from(jobs).where(eq(jobs.key, 'reminders'));
    expect(reminders?.status).toBe('pending');
    expect(reminders?.cursor?.getTime()).toBeGreaterThanOrEqual(new Date('2026-12-08T09:59:00+08:00').getTime());
    const seen = await call<{ items: { key: string; status: string; lastError: string }[] }>(a.t, {
      method: 'GET',
      url: '/api/scheduler/jobs',
      as: await admin(),
    });
    expect(seen.data.items.find((j) => j.key === `digest:${zoneId}:2026-12-08`)).toMatchObject({ status: 'failed' });
    expect((await call(a.t, { method: 'GET', url: '/api/scheduler/jobs', as: manager })).statusCode).toBe(403);
  });

  it('a robot that refuses (errcode) or never answers is a failure too; a 钉钉 robot gets a signed URL', async () => {
    receiver.hits.length = 0;
    receiver.answer = () => ({ status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' });
    at('2026-12-09T09:05:00+08:00');
    await tickAll(a);
    const [refused] = await a.t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${zoneId}:2026-12-09`));
    expect(refused?.lastError).toContain('errcode 310000');

    receiver.answer = () => 'hang';
    at('2026-12-09T09:07:00+08:00');
    await tickAll(a);
    const [hung] = await a.t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${zoneId}:2026-12-09`));
    expect(hung).toMatchObject({ status: 'pending', attempts: 2 });

    receiver.answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    const boss = await admin();
    const current = (await call<{ items: { zoneId: string; version: number }[] }>(a.t, { method: 'GET', url: '/api/clocks/rules', as: boss })).data.items.find(
      (r) => r.zoneId === zoneId,
    );
    await call(a.t, {
      method: 'PUT',
      url: `/api/zones/${zoneId}/clock-rules`,
      as: boss,
      payload: rules({ webhookKind: 'dingtalk', webhookUrl: `${receiver.url}/robot/send?access_token=t1`, webhookSecret: 'SEC123', version: current?.version }),
    });
    receiver.hits.length = 0;
    at('2026-12-10T09:05:00+08:00');
    await tickAll(a, b);
    // Yesterday's digest, still waiting for a retry, is given up rather than sent a day late.
    const [stale] = await a.t.db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `digest:${zoneId}:2026-12-09`));
    expect(stale).toMatchObject({ status: 'failed' });
    expect(stale?.lastError).toContain('is over');
    expect(receiver.hits).toHaveLength(1);
    const url = new URL(receiver.hits[0]?.url ?? '', receiver.url);
    const timestamp = url.searchParams.get('timestamp') ?? '';
    expect(url.searchParams.get('access_token')).toBe('t1');
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SEC123').update(`${timestamp}\nSEC123`).digest('base64'));
    expect(receiver.hits[0]?.body.markdown.title).toContain('招商线索日报 2026-12-10');
    const done = await a.t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.key, `digest:${zoneId}:2026-12-10`), eq(jobs.status, 'done')));
    expect(done).toHaveLength(1);
  });
});

describe('clocks for leads that had none', () => {
  it('gives open leads written straight into the database a clock from now, keeping a contact already made', async () => {
    at('2026-12-11T10:00:00+08:00');
    const [fresh, contacted, lost] = await a.t.db
      .insert(leads)
      .values(
        (['new', 'contacted', 'lost'] as const).map((stage) => ({
          companyName: `${unique('导入')}有限公司`,
          normalizedName: unique('import'),
          channel: 'online' as const,
          ownerId: owner.user.id,
          createdBy: owner.user.id,
          stage,
          protectionExpiresAt: new Date('2027-03-01T00:00:00+08:00'),
          createdAt: new Date('2026-06-01T00:00:00+08:00'),
        })),
      )
      .returning({ id: leads.id });
    await tickAll(a, b);
    const rows = await a.t.db.select().from(leads).where(sql`${leads.id} in (${fresh?.id}, ${contacted?.id}, ${lost?.id})`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Friday 12-11 + 1 = Saturday → Monday 12-14; a contacted lead is on its 研判 clock: 12-11 + 3 = Monday 12-14.
    expect(byId.get(fresh?.id ?? '')?.clockPhase).toBe('respond');
    expect(byId.get(fresh?.id ?? '')?.clockStartedAt?.getTime()).toBeGreaterThanOrEqual(new Date('2026-12-11T10:00:00+08:00').getTime());
    expect(byId.get(fresh?.id ?? '')?.clockDueAt?.toISOString()).toBe(new Date('2026-12-15T00:00:00+08:00').toISOString());
    expect(byId.get(contacted?.id ?? '')?.clockPhase).toBe('judge');
    expect(byId.get(lost?.id ?? '')?.clockPhase).toBeNull();
  });
});
