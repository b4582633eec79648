import { activities, leads, projects } from '@crm/db';
import { makeIndustry, makeUser, makeZone, unique } from '@crm/db/test/factories';
import { and, eq, isNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/rollups.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';

/*
 * Issue 12's property: lead_rollup and activity_rollup, kept by triggers, always equal a full recount, whatever
 * sequence of writes came before — leads created, moved between stages, reassigned, re-zoned, re-dated, their
 * investment changed, deleted; projects signed, advanced, re-amounted, removed; expansions (增资扩产, a second project
 * on the same lead, issue 14) added and advanced, which must never move the lead's figures; visits logged, changed,
 * removed.
 * Each comparison is one statement, so on a shared server database the other files' writes cannot tear it.
 */

let t: TestApp;
let refs: { users: string[]; zones: (string | null)[]; industries: (string | null)[]; nodes: (string | null)[] };
const stages = ['new', 'contacted', 'visited', 'negotiating', 'signed', 'lost'] as const;
const milestones = ['signed', 'registered', 'construction_started', 'in_production', 'at_capacity'] as const;
const channels = ['online', 'event', 'direct'] as const;

beforeAll(async () => {
  // A database of its own: the last test rebuilds the rollups in another zone, which other files must not see.
  t = await startTestApp({ isolated: true });
  const users = await Promise.all([1, 2, 3].map(() => makeUser(t.db, { roles: ['staff'] })));
  const zones = await Promise.all([1, 2].map(() => makeZone(t.db)));
  const inds = await Promise.all([1, 2].map(() => makeIndustry(t.db)));
  refs = {
    users: users.map((u) => u.id),
    zones: [...zones.map((z) => z.zone.id), null],
    industries: [...inds.map((i) => i.industry.id), null],
    nodes: [...inds.flatMap((i) => i.nodes.map((n) => n.id)), null],
  };
});
afterAll(async () => t?.close());

/** Rows of the maintained table that differ from the recount (either side), zero rows left aside. */
async function leadRollupDiff() {
  const res = await t.db.execute(sql`
    with kept as (
      select month, zone_id, owner_id, created_by, channel, industry_id, chain_node_id, stage, furthest_stage_rank, project_milestone, n, fen, project_fen
      from lead_rollup where not (n = 0 and fen = 0 and project_fen = 0)),
    recount as (select * from crm_lead_rollup_recount((select time_zone from rollup_settings where id = 1)))
    select 'kept' as side, * from (select * from kept except all select * from recount) a
    union all
    select 'recount', * from (select * from recount except all select * from kept) b`);
  return rowsOf<Record<string, unknown>>(res);
}
/** lead_totals against lead_rollup summed over its key (0026's trigger on lead_rollup), zero rows left aside. */
async function leadTotalsDiff() {
  const res = await t.db.execute(sql`
    with kept as (select month, zone_id, owner_id, created_by, stage, n, fen from lead_totals where n <> 0 or fen <> 0),
    summed as (select month, zone_id, owner_id, created_by, stage, sum(n)::bigint as n, sum(fen) as fen from lead_rollup group by 1, 2, 3, 4, 5
               having sum(n) <> 0 or sum(fen) <> 0)
    select 'kept' as side, * from (select * from kept except all select * from summed) a
    union all
    select 'summed', * from (select * from summed except all select * from kept) b`);
  return rowsOf<Record<string, unknown>>(res);
}
async function activityRollupDiff() {
  const res = await t.db.execute(sql`
    with kept as (select month, staff_id, n from activity_rollup where n <> 0), recount as (select * from crm_activity_rollup_recount())
    select 'kept' as side, * from (select * from kept except all select * from recount) a
    union all
    select 'recount', * from (select * from recount except all select * from kept) b`);
  return rowsOf<Record<string, unknown>>(res);
}

const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
// Instants around month ends in the zone (UTC+8): 16:00Z on the last day is 00:00 the next day in China.
const instants = ['2025-01-31T15:59:59Z', '2025-01-31T16:00:00Z', '2025-06-15T03:00:00Z', '2025-12-31T16:30:00Z', '2026-02-28T15:59:59.999Z'];

type Op =
  | { op: 'create'; a: number; b: number; c: number; d: number; fen: number }
  | { op: 'createMany'; rows: { a: number; b: number; c: number; d: number; fen: number; times: number }[] }
  | { op: 'stage'; lead: number; s: number }
  | { op: 'reassign'; lead: number; u: number }
  | { op: 'move'; lead: number; z: number; i: number; n: number; ch: number }
  | { op: 'redate'; lead: number; at: number }
  | { op: 'amount'; lead: number; fen: number }
  | { op: 'delete'; lead: number }
  | { op: 'sign'; lead: number; fen: number }
  | { op: 'advance'; lead: number; m: number; fen: number }
  | { op: 'unsign'; lead: number }
  | { op: 'expand'; lead: number; fen: number; m: number }
  | { op: 'visit'; lead: number; kind: number; at: number; staff: number[] }
  | { op: 'revisit'; act: number; kind: number; at: number; staff: number[] }
  | { op: 'unvisit'; act: number };

const idx = fc.nat(50);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), a: idx, b: idx, c: idx, d: idx, fen: fc.nat(10_000_000) }),
  fc.record({ op: fc.constant('create' as const), a: idx, b: idx, c: idx, d: idx, fen: fc.nat(10_000_000) }),
  // Several leads in one statement, as an import writes them: the insert trigger sums them per rollup key once per
  // statement, so some rows come several times (the same key, another company).
  fc.record({
    op: fc.constant('createMany' as const),
    rows: fc.array(fc.record({ a: idx, b: idx, c: idx, d: idx, fen: fc.nat(10_000_000), times: fc.integer({ min: 1, max: 3 }) }), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
  fc.record({ op: fc.constant('stage' as const), lead: idx, s: idx }),
  fc.record({ op: fc.constant('reassign' as const), lead: idx, u: idx }),
  fc.record({ op: fc.constant('move' as const), lead: idx, z: idx, i: idx, n: idx, ch: idx }),
  fc.record({ op: fc.constant('redate' as const), lead: idx, at: idx }),
  fc.record({ op: fc.constant('amount' as const), lead: idx, fen: fc.nat(10_000_000) }),
  fc.record({ op: fc.constant('delete' as const), lead: idx }),
  fc.record({ op: fc.constant('sign' as const), lead: idx, fen: fc.nat(10_000_000) }),
  fc.record({ op: fc.constant('advance' as const), lead: idx, m: idx, fen: fc.nat(10_000_000) }),
  fc.record({ op: fc.constant('unsign' as const), lead: idx }),
  fc.record({ op: fc.constant('expand' as const), lead: idx, fen: fc.nat(10_000_000), m: idx }),
  fc.record({ op: fc.constant('visit' as const), lead: idx, kind: idx, at: idx, staff: fc.array(idx, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('revisit' as const), act: idx, kind: idx, at: idx, staff: fc.array(idx, { maxLength: 3 }) }),
  fc.record({ op: fc.constant('unvisit' as const), act: idx }),
);

describe('the rollups', () => {
  it('equal a full recount after any sequence of writes to leads, projects and activities', async () => {
    // The same holds after a rebuild (migration backfill, bulk loads).
    await t.db.execute(sql`select crm_rebuild_rollups()`);
    expect(await leadRollupDiff()).toEqual([]);
    expect(await leadTotalsDiff()).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        const mine: string[] = [];
        const acts: string[] = [];
        for (const o of ops) {
          const lead = 'lead' in o ? (mine.length ? pick(mine, o.lead) : null) : null;
          switch (o.op) {
            case 'create': {
              const [row] = await t.db
                .insert(leads)
                .values({
                  companyName: unique('卷积企业'),
                  normalizedName: unique('rollup'),
                  channel: pick(channels, o.a),
                  zoneId: pick(refs.zones, o.b),
                  industryId: pick(refs.industries, o.c),
                  chainNodeId: pick(refs.nodes, o.d),
                  ownerId: pick(refs.users, o.a + o.b),
                  createdBy: pick(refs.users, o.c),
                  estimatedInvestmentFen: o.fen * 1000,
                  createdAt: new Date(pick(instants, o.d)),
                })
                .returning({ id: leads.id });
              if (row) mine.push(row.id);
              break;
            }
            case 'createMany': {
              const rows = await t.db
                .insert(leads)
                .values(
                  o.rows
                    .flatMap((r) => Array.from({ length: r.times }, () => r))
                    .map((r) => ({
                      companyName: unique('卷积企业'),
                      normalizedName: unique('rollup'),
                      channel: pick(channels, r.a),
                      zoneId: pick(refs.zones, r.b),
                      industryId: pick(refs.industries, r.c),
                      chainNodeId: pick(refs.nodes, r.d),
                      ownerId: pick(refs.users, r.a + r.b),
                      createdBy: pick(refs.users, r.c),
                      estimatedInvestmentFen: r.fen * 1000,
                      createdAt: new Date(pick(instants, r.d)),
                    })),
                )
                .returning({ id: leads.id });
              mine.push(...rows.map((r) => r.id));
              break;
            }
            case 'stage':
              if (lead)
                await t.db
                  .update(leads)
                  .set({ stage: pick(stages, o.s), furthestStageRank: sql`greatest(${leads.furthestStageRank}, ${o.s % 5})` })
                  .where(eq(leads.id, lead));
              break;
            case 'reassign':
              if (lead)
                await t.db
                  .update(leads)
                  .set({ ownerId: pick(refs.users, o.u) })
                  .where(eq(leads.id, lead));
              break;
            case 'move':
              if (lead)
                await t.db
                  .update(leads)
                  .set({
                    zoneId: pick(refs.zones, o.z),
                    industryId: pick(refs.industries, o.i),
                    chainNodeId: pick(refs.nodes, o.n),
                    channel: pick(channels, o.ch),
                  })
                  .where(eq(leads.id, lead));
              break;
            case 'redate':
              if (lead)
                await t.db
                  .update(leads)
                  .set({ createdAt: new Date(pick(instants, o.at)) })
                  .where(eq(leads.id, lead));
              break;
            case 'amount':
              if (lead)
                await t.db
                  .update(leads)
                  .set({ estimatedInvestmentFen: o.fen * 7 })
                  .where(eq(leads.id, lead));
              break;
            case 'delete':
              if (lead) {
                await t.db.delete(activities).where(eq(activities.leadId, lead));
                await t.db.delete(projects).where(eq(projects.leadId, lead));
                await t.db.delete(leads).where(eq(leads.id, lead));
                mine.splice(mine.indexOf(lead), 1);
                acts.length = 0;
              }
              break;
            case 'sign':
              if (lead)
                await t.db
                  .insert(projects)
                  .values({
                    leadId: lead,
                    name: unique('项目'),
                    contractInvestmentFen: o.fen * 100,
                    zoneId: refs.zones[0] as string,
                    industryId: refs.industries[0] as string,
                    ownerId: pick(refs.users, o.fen),
                    signedOn: '2025-03-01',
                    createdBy: pick(refs.users, 0),
                  })
                  .onConflictDoNothing();
              break;
            case 'advance':
              if (lead)
                await t.db
                  .update(projects)
                  .set({ currentMilestone: pick(milestones, o.m), contractInvestmentFen: o.fen * 3 })
                  .where(eq(projects.leadId, lead));
              break;
            case 'unsign':
              // The company's first project and its expansions go together (one statement: the parent link holds).
              if (lead) await t.db.delete(projects).where(eq(projects.leadId, lead));
              break;
            case 'expand':
              if (lead) {
                const [first] = await t.db
                  .select({ id: projects.id })
                  .from(projects)
                  .where(and(eq(projects.leadId, lead), isNull(projects.parentProjectId)));
                if (first)
                  await t.db.insert(projects).values({
                    leadId: lead,
                    parentProjectId: first.id,
                    kind: 'expansion',
                    name: unique('扩产'),
                    contractInvestmentFen: o.fen * 11,
                    currentMilestone: pick(milestones, o.m),
                    zoneId: refs.zones[0] as string,
                    industryId: refs.industries[0] as string,
                    ownerId: pick(refs.users, o.fen),
                    signedOn: '2025-09-01',
                    createdBy: pick(refs.users, 0),
                  });
              }
              break;
            case 'visit':
              if (lead) {
                const [row] = await t.db
                  .insert(activities)
                  .values({
                    leadId: lead,
                    kind: pick(['visit', 'inspection', 'call'], o.kind),
                    occurredOn: pick(instants, o.at).slice(0, 10),
                    staffIds: o.staff.map((s) => pick(refs.users, s)),
                    summary: '拜访',
                    createdBy: pick(refs.users, 0),
                  })
                  .returning({ id: activities.id });
                if (row) acts.push(row.id);
              }
              break;
            case 'revisit':
              if (acts.length)
                await t.db
                  .update(activities)
                  .set({
                    kind: pick(['visit', 'inspection', 'call'], o.kind),
                    occurredOn: pick(instants, o.at).slice(0, 10),
                    staffIds: o.staff.map((s) => pick(refs.users, s)),
                  })
                  .where(eq(activities.id, pick(acts, o.act)));
              break;
            case 'unvisit':
              if (acts.length) {
                const id = pick(acts, o.act);
                await t.db.delete(activities).where(eq(activities.id, id));
                acts.splice(acts.indexOf(id), 1);
              }
              break;
          }
        }
        expect(await leadRollupDiff()).toEqual([]);
        expect(await leadTotalsDiff()).toEqual([]);
        expect(await activityRollupDiff()).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });

  it("never take an expansion's milestone or amount for its lead's: the lead converts once, by its first project", async () => {
    const [lead] = await t.db
      .insert(leads)
      .values({
        companyName: unique('扩产企业'),
        normalizedName: unique('rollup'),
        channel: 'direct',
        zoneId: refs.zones[0],
        industryId: refs.industries[0],
        ownerId: refs.users[0] as string,
        createdBy: refs.users[0] as string,
        estimatedInvestmentFen: 5_000,
      })
      .returning({ id: leads.id });
    const base = {
      leadId: lead!.id,
      zoneId: refs.zones[0] as string,
      industryId: refs.industries[0] as string,
      ownerId: refs.users[0] as string,
      createdBy: refs.users[0] as string,
    };
    const [first] = await t.db
      .insert(projects)
      .values({ ...base, name: unique('项目'), contractInvestmentFen: 700, signedOn: '2025-03-01', currentMilestone: 'registered' })
      .returning({ id: projects.id });
    await t.db.insert(projects).values({
      ...base,
      parentProjectId: first!.id,
      kind: 'expansion',
      name: unique('扩产'),
      contractInvestmentFen: 9_900,
      signedOn: '2025-09-01',
      currentMilestone: 'at_capacity',
    });
    const [row] = await t.db.select({ milestone: leads.projectMilestone, fen: leads.projectContractFen }).from(leads).where(eq(leads.id, lead!.id));
    expect(row).toEqual({ milestone: 'registered', fen: 700 });
    expect(await leadRollupDiff()).toEqual([]);
    expect(await leadTotalsDiff()).toEqual([]);
  });

  it('a write the triggers did not see is caught by the comparison, and a rebuild repairs it', async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(leads).set({ estimatedInvestmentFen: sql`${leads.estimatedInvestmentFen} + 1` });
    });
    expect((await leadRollupDiff()).length).toBeGreaterThan(0);
    await t.db.execute(sql`select crm_rebuild_rollups()`);
    expect(await leadRollupDiff()).toEqual([]);
    expect(await leadTotalsDiff()).toEqual([]);
  });

  it('are rebuilt exactly in another time zone, and the app then reads the recount until its zone matches', async () => {
    await t.db.execute(sql`select crm_rebuild_rollups('Asia/Urumqi')`);
    expect(await leadRollupDiff()).toEqual([]);
    expect(await leadTotalsDiff()).toEqual([]);
    await t.db.execute(sql`select crm_rebuild_rollups('Asia/Shanghai')`);
    expect(await leadRollupDiff()).toEqual([]);
    expect(await leadTotalsDiff()).toEqual([]);
  });
});
