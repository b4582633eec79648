import { leads, projects } from '@crm/db';
import { makeIndustry, makeUser, makeZone, unique } from '@crm/db/test/factories';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/rollups.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import * as projectRepo from '../projects/repository.ts';
import * as repo from './repository.ts';

/*
 * Issue 12's property for the dashboard's project figures: project_rollup and milestone_rollup, kept by triggers,
 * always equal a full recount, whatever writes came before — projects signed (first projects and expansions),
 * moved between zones, put on another chain node, re-dated, re-amounted (beyond a bigint's sum too), edited in one
 * statement several at a time, deleted; milestones recorded, re-dated, renamed, removed. Projects are written through
 * the projects repository (the app's own writes); what the app never does (deletes, milestone edits, many rows in
 * one statement, amounts past 2^53) is raw SQL. Then the dashboard's reads equal the same figures counted straight
 * from the tables, as they were read before the rollups.
 * A database of its own: the last tests write with triggers off and truncate, which other files must not see.
 */

let t: TestApp;
let refs: { users: string[]; zones: string[]; industry: string; nodes: (string | null)[] };
// Around the year ends the dashboard cuts at, and month ends.
const days = ['2024-12-31', '2025-01-01', '2025-01-31', '2025-02-01', '2025-06-15', '2025-12-31', '2026-01-01', '2026-02-28'];
const milestoneNames = ['signed', 'registered', 'land_acquired', 'construction_started', 'in_production', 'at_capacity'] as const;
const BIG = 9_223_372_036_854_775_000n; // near bigint's maximum: two of them overflow a bigint sum

beforeAll(async () => {
  t = await startTestApp({ isolated: true });
  const users = await Promise.all([1, 2].map(() => makeUser(t.db, { roles: ['staff'] })));
  const zones = await Promise.all([1, 2, 3].map(() => makeZone(t.db)));
  const ind = await makeIndustry(t.db);
  refs = { users: users.map((u) => u.id), zones: zones.map((z) => z.zone.id), industry: ind.industry.id, nodes: [...ind.nodes.map((n) => n.id), null] };
});
afterAll(async () => t?.close());

/** Rows of a maintained table that differ from its recount (either side), zero rows left aside; one statement. */
async function diff(table: 'project_rollup' | 'milestone_rollup') {
  const kept =
    table === 'project_rollup'
      ? sql`select month, zone_id, chain_node_id, n, fen from project_rollup where not (n = 0 and fen = 0)`
      : sql`select month, milestone, n from milestone_rollup where n <> 0`;
  const recount = table === 'project_rollup' ? sql`select * from crm_project_rollup_recount()` : sql`select * from crm_milestone_rollup_recount()`;
  const res = await t.db.execute(sql`
    with kept as (${kept}), recount as (${recount})
    select 'kept' as side, * from (select * from kept except all select * from recount) a
    union all
    select 'recount', * from (select * from recount except all select * from kept) b`);
  return rowsOf<Record<string, unknown>>(res);
}

/** The dashboard's four figures counted straight from projects and milestones (the statements before issue 12). */
async function scanned(year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const q = async (s: ReturnType<typeof sql>) => rowsOf<Record<string, unknown>>(await t.db.execute(s));
  return {
    perZone: await q(sql`select zone_id as "zoneId", count(*)::int as n, sum(contract_investment_fen)::text as fen from projects
      where signed_on >= ${from}::date and signed_on <= ${to}::date group by zone_id`),
    trend: await q(sql`select to_char(signed_on, 'YYYY-MM') as month, count(*)::int as n, sum(contract_investment_fen)::text as fen from projects
      where signed_on >= ${from}::date and signed_on <= ${to}::date group by 1`),
    construction: await q(sql`select to_char(reached_on, 'YYYY-MM') as month, count(*)::int as n from project_milestones
      where milestone = 'construction_started' and reached_on >= ${from}::date and reached_on <= ${to}::date group by 1`),
    nodes: await q(sql`select c.id as "nodeId", count(p.id)::int as projects from chain_nodes c left join projects p on p.chain_node_id = c.id group by c.id`),
  };
}

async function read(year: number) {
  return {
    perZone: (await repo.signedPerZone(t.db, year)).map((r) => ({ ...r })),
    trend: (await repo.signedTrend(t.db, year)).map((r) => ({ ...r })),
    construction: (await repo.constructionTrend(t.db, year)).map((r) => ({ ...r })),
    nodes: (await repo.chainNodeProjects(t.db)).map((r) => ({ nodeId: r.nodeId, projects: r.projects })),
  };
}

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
async function expectDashboardAsScanned() {
  for (const year of [2025, 2026]) {
    const [a, b] = [await read(year), await scanned(year)];
    for (const k of ['perZone', 'trend', 'construction', 'nodes'] as const) expect(sorted(a[k]), `${k} ${year}`).toEqual(sorted(b[k]));
  }
}

const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;

type Op =
  | { op: 'sign'; z: number; n: number; d: number; fen: number; expand: number | null }
  | { op: 'transfer'; p: number; z: number }
  | { op: 'edit'; p: number; n: number | null; d: number | null; fen: number | null }
  | { op: 'amount'; p: number; fen: number }
  | { op: 'huge'; p: number; k: number }
  | { op: 'advance'; p: number; m: number; d: number }
  | { op: 'many'; z: number | null; n: number | null; d: number | null }
  | { op: 'delete'; p: number }
  | { op: 'milestone'; p: number; m: number; d: number }
  | { op: 'remilestone'; i: number; m: number | null; d: number | null }
  | { op: 'unmilestone'; i: number };

const idx = fc.nat(50);
// A column written or left alone, even odds: single-column edits come often.
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 2 });
const fen = fc.nat(2_000_000_000).map((x) => x * 1_000);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('sign' as const), z: idx, n: idx, d: idx, fen, expand: fc.option(idx) }),
  fc.record({ op: fc.constant('sign' as const), z: idx, n: idx, d: idx, fen, expand: fc.constant(null) }),
  fc.record({ op: fc.constant('transfer' as const), p: idx, z: idx }),
  // Any of the three, so a trigger that overlooks one column alone is caught.
  fc.record({ op: fc.constant('edit' as const), p: idx, n: maybe(idx), d: maybe(idx), fen: maybe(fen) }),
  fc.record({ op: fc.constant('amount' as const), p: idx, fen }),
  fc.record({ op: fc.constant('huge' as const), p: idx, k: fc.nat(500) }),
  fc.record({ op: fc.constant('advance' as const), p: idx, m: idx, d: idx }),
  fc.record({ op: fc.constant('many' as const), z: maybe(idx), n: maybe(idx), d: maybe(idx) }),
  fc.record({ op: fc.constant('delete' as const), p: idx }),
  fc.record({ op: fc.constant('milestone' as const), p: idx, m: idx, d: idx }),
  fc.record({ op: fc.constant('remilestone' as const), i: idx, m: maybe(idx), d: maybe(idx) }),
  fc.record({ op: fc.constant('unmilestone' as const), i: idx }),
);

/** A lead of its own for a first project (one first project per lead). */
async function newLead() {
  const [row] = await t.db
    .insert(leads)
    .values({
      companyName: unique('汇总项目企业'),
      normalizedName: unique('project-rollup'),
      channel: 'direct',
      zoneId: refs.zones[0],
      ownerId: refs.users[0] as string,
      createdBy: refs.users[0] as string,
    })
    .returning({ id: leads.id });
  return row!.id;
}

/** A milestone the project has not reached yet, recorded as the app records one; false when it has them all. */
async function recordMilestone(projectId: string, m: number, d: number) {
  const have = new Set((await projectRepo.milestoneRows(t.db, projectId)).map((r) => r.milestone));
  const name = [...milestoneNames.slice(m % milestoneNames.length), ...milestoneNames].find((x) => !have.has(x));
  if (!name) return false;
  await projectRepo.insertMilestone(t.db, { projectId, milestone: name, reachedOn: pick(days, d), recordedBy: refs.users[0] as string });
  return name;
}

async function run(ops: Op[]) {
  // Each project: id, and its first project when it is an expansion.
  const mine: { id: string; parent: string | null }[] = [];
  const milestoneIds = async () =>
    rowsOf<{ id: string }>(
      await t.db.execute(
        sql`select m.id from project_milestones m where m.project_id = any(${sql.raw(`array[${mine.map((p) => `'${p.id}'`).join(',') || 'null'}]`)}::uuid[]) order by m.id`,
      ),
    ).map((r) => r.id);
  for (const o of ops) {
    const p = 'p' in o && mine.length ? pick(mine, o.p) : null;
    switch (o.op) {
      case 'sign': {
        const parent = o.expand !== null && mine.length ? pick(mine, o.expand) : null;
        const first = parent ? (parent.parent ?? parent.id) : null;
        const leadId = first
          ? (await t.db.select({ leadId: projects.leadId }).from(projects).where(sql`${projects.id} = ${first}`))[0]!.leadId
          : await newLead();
        const project = await projectRepo.insertProject(t.db, {
          leadId,
          name: unique('项目'),
          contractInvestmentFen: o.fen,
          zoneId: pick(refs.zones, o.z),
          industryId: refs.industry,
          chainNodeId: pick(refs.nodes, o.n),
          ownerId: refs.users[0] as string,
          signedOn: pick(days, o.d),
          createdBy: refs.users[0] as string,
          ...(first ? { parentProjectId: first, kind: 'expansion' as const } : {}),
        });
        mine.push({ id: project!.id, parent: first });
        // As signing does: the signed milestone, on the signing day.
        await projectRepo.insertMilestone(t.db, {
          projectId: project!.id,
          milestone: 'signed',
          reachedOn: pick(days, o.d),
          recordedBy: refs.users[0] as string,
        });
        break;
      }
      case 'transfer':
        if (p) await projectRepo.changeProject(t.db, p.id, { zoneId: pick(refs.zones, o.z) }, new Date());
        break;
      case 'edit':
        if (p)
          await projectRepo.changeProject(
            t.db,
            p.id,
            {
              ...(o.n === null ? {} : { chainNodeId: pick(refs.nodes, o.n) }),
              ...(o.d === null ? {} : { signedOn: pick(days, o.d) }),
              ...(o.fen === null ? {} : { contractInvestmentFen: o.fen }),
            },
            new Date(),
          );
        break;
      case 'amount':
        if (p) await projectRepo.changeProject(t.db, p.id, { contractInvestmentFen: o.fen }, new Date());
        break;
      case 'huge':
        // Past 2^53 (the app's number mode cannot say it): the sums must stay exact past a bigint's range too.
        if (p) await t.db.execute(sql`update projects set contract_investment_fen = ${(BIG + BigInt(o.k)).toString()}::bigint where id = ${p.id}`);
        break;
      case 'advance':
        // A milestone and the project's current one, as recordMilestone does: the project's rollup must not move.
        if (p) {
          const name = await recordMilestone(p.id, o.m, o.d);
          if (name) await projectRepo.changeProject(t.db, p.id, { currentMilestone: name }, new Date());
        }
        break;
      case 'milestone':
        if (p) await recordMilestone(p.id, o.m, o.d);
        break;
      case 'many':
        // Several rows in one statement, some landing on the same rollup key.
        if (mine.length)
          await t.db.execute(sql`update projects set
            zone_id = ${o.z === null ? sql`zone_id` : sql`${pick(refs.zones, o.z)}::uuid`},
            chain_node_id = ${o.n === null ? sql`chain_node_id` : sql`${pick(refs.nodes, o.n)}::uuid`},
            signed_on = ${o.d === null ? sql`signed_on` : sql`${pick(days, o.d)}::date`}
            where id = any(${sql.raw(`array[${mine.map((x) => `'${x.id}'`).join(',')}]`)}::uuid[])`);
        break;
      case 'delete':
        if (p) {
          // A first project goes with its expansions (the parent link holds), milestones first.
          const gone = mine.filter((x) => x.id === p.id || x.parent === p.id).map((x) => x.id);
          const ids = sql.raw(`array[${gone.map((x) => `'${x}'`).join(',')}]::uuid[]`);
          await t.db.execute(sql`delete from project_milestones where project_id = any(${ids})`);
          await t.db.execute(sql`delete from projects where id = any(${ids}) and parent_project_id is not null`);
          await t.db.execute(sql`delete from projects where id = any(${ids})`);
          for (const id of gone)
            mine.splice(
              mine.findIndex((x) => x.id === id),
              1,
            );
        }
        break;
      case 'remilestone': {
        const ids = await milestoneIds();
        // Another day, or another milestone where the project has not got it yet (the unique index holds), or both.
        if (ids.length) {
          const name = o.m === null ? null : pick(milestoneNames, o.m);
          await t.db.execute(sql`update project_milestones m
            set reached_on = ${o.d === null ? sql`m.reached_on` : sql`${pick(days, o.d)}::date`},
                milestone = case when ${name}::text is null or exists (select 1 from project_milestones o where o.project_id = m.project_id and o.milestone = ${name})
                                 then m.milestone else ${name} end
            where m.id = ${pick(ids, o.i)}`);
        }
        break;
      }
      case 'unmilestone': {
        const ids = await milestoneIds();
        if (ids.length) await t.db.execute(sql`delete from project_milestones where id = ${pick(ids, o.i)}`);
        break;
      }
    }
  }
}

describe('project_rollup and milestone_rollup', () => {
  it('equal a full recount after any sequence of writes to projects and milestones, and the dashboard reads what a scan counts', async () => {
    await t.db.execute(sql`select crm_rebuild_rollups()`);
    expect(await diff('project_rollup')).toEqual([]);
    expect(await diff('milestone_rollup')).toEqual([]);
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 30 }), async (ops) => {
        // From an exact start each run (the projects of earlier runs stay): a counterexample is then a run of its own.
        await t.db.execute(sql`select crm_rebuild_rollups()`);
        await run(ops);
        expect(await diff('project_rollup')).toEqual([]);
        expect(await diff('milestone_rollup')).toEqual([]);
        await expectDashboardAsScanned();
      }),
      { numRuns: 25 },
    );
    // Whatever the runs drew: two projects on one key past 2^63 together, summed exactly (numeric, never a bigint).
    await run([
      { op: 'sign', z: 0, n: 0, d: 4, fen: 1_000, expand: null },
      { op: 'sign', z: 0, n: 0, d: 4, fen: 1_000, expand: null },
    ]);
    await t.db.execute(sql`update projects set contract_investment_fen = ${BIG.toString()}::bigint
      where id in (select id from projects order by created_at desc, id limit 2) and signed_on = ${days[4]}::date`);
    expect(await diff('project_rollup')).toEqual([]);
    const trend = await repo.signedTrend(t.db, 2025);
    expect(BigInt(trend.find((r) => r.month === '2025-06')?.fen ?? '0')).toBeGreaterThanOrEqual(2n * BIG);
    await expectDashboardAsScanned();
  });

  it('a write the triggers did not see is caught by the comparison, and a rebuild repairs it', async () => {
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update projects set contract_investment_fen = contract_investment_fen + 1, signed_on = signed_on + 40`);
      await tx.execute(sql`update project_milestones set reached_on = reached_on + 40`);
    });
    expect((await diff('project_rollup')).length).toBeGreaterThan(0);
    expect((await diff('milestone_rollup')).length).toBeGreaterThan(0);
    await t.db.execute(sql`select crm_rebuild_rollups()`);
    expect(await diff('project_rollup')).toEqual([]);
    expect(await diff('milestone_rollup')).toEqual([]);
    await expectDashboardAsScanned();
  });

  it('are emptied with the tables they count (TRUNCATE)', async () => {
    await t.db.execute(sql`truncate project_milestones`);
    expect(rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from milestone_rollup`))[0]?.n).toBe(0);
    await t.db.execute(sql`truncate projects cascade`);
    expect(rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from project_rollup`))[0]?.n).toBe(0);
    expect(await diff('project_rollup')).toEqual([]);
    await expectDashboardAsScanned();
  });
});
