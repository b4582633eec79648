/**
 * Builds the benchmark data set on a server Postgres: 100 staff, the policy's zones, industries, and
 * BENCH_LEADS leads (default 1,000,000), five activities each, a stage history row each, and every 10th lead signed
 * into a project (100,000) with its milestones, generated inside the database with generate_series, each row written
 * once with its final values (a few minutes). Idempotent: skips when the data set is already there.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_bench pnpm seed:bench
 */
import { openDb } from '@crm/db';
import postgres from 'postgres';

export const benchUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crm_bench';
const LEADS = Number(process.env.BENCH_LEADS ?? 1_000_000);
// argon2id of the test factories' password (TEST_PASSWORD in packages/db/src/test/factories.ts).
const HASH = '$argon2id$v=19$m=65536,p=4,t=3$gIvfJz5XjAIP/AFTzXBGBw$Uynnq8pyHLNuSkOnkzwLmhy1uVTZWeeg9c8gqac20hs';

export async function ensureBenchDatabase(): Promise<void> {
  const url = new URL(benchUrl);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

const ACTIVITIES_PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 5);
/** Every PROJECT_EVERY-th bench lead is signed into a project (10 → 100,000 projects for a million leads). */
const PROJECT_EVERY = Number(process.env.BENCH_PROJECT_EVERY ?? 10);
const BENCH_TABLES = ['leads', 'activities', 'lead_stage_history', 'projects', 'project_milestones'];

/*
 * Every row is written once, with its final values: a lead's stage, furthest stage, protection, stage clock and
 * signing are all functions of its number g, computed in the INSERT … SELECT over generate_series. Ids are
 * md5-derived uuids of g ('lead' || g, 'project' || g), so activities, history and projects name their lead
 * without a join back to a million rows. The secondary indexes are dropped in the same transaction and built
 * once at the end (one sort each instead of a million random inserts), and foreign-key triggers are off for the
 * load (session_replication_role = replica: the ids are right by construction). A failure rolls all of it back,
 * indexes included (DDL is transactional).
 */
// md5 with the version (4) and variant (8) digits set, so the API's uuid validation takes them.
const UUID_OF = (text: string) => `(select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid from md5(${text}) h)`;
const LEAD_ID = (g: string) => UUID_OF(`'lead' || ${g}`);
const PROJECT_ID = (g: string) => UUID_OF(`'project' || ${g}`);
const STAGE = (g: string) =>
  `case when ${g} % ${PROJECT_EVERY} = 0 then 'signed' else (array['new','contacted','visited','negotiating','lost','new','contacted'])[1 + (${g} / 3) % 7] end`;
const CREATED_AT = (g: string) => `(now() - (${g} % 365) * interval '1 day' - (${g} % 86400) * interval '1 second')`;
const MILESTONES = `array['signed','registered','construction_started','in_production','at_capacity']`;

async function main() {
  const t0 = performance.now();
  await ensureBenchDatabase();
  const handle = await openDb({ url: benchUrl });
  await handle.close();
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from leads`;
  if (n >= LEADS) {
    console.log(`bench data already present: ${n.toLocaleString()} leads`);
    await ensureRollups(sql);
    await sql.end();
    return;
  }
  if (n > 0) throw new Error(`${benchUrl}: ${n} leads already, fewer than ${LEADS}; drop the database and generate again`);
  console.log(
    `generating ${LEADS.toLocaleString()} leads, ${(LEADS * ACTIVITIES_PER_LEAD).toLocaleString()} activities, ${Math.floor(LEADS / PROJECT_EVERY).toLocaleString()} projects in ${benchUrl.replace(/\/\/.*@/, '//')} …`,
  );
  const step = (what: string) => console.log(`  ${what.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
  await sql.begin(async (tx) => {
    // Bulk loads skip the rollup triggers row by row (issue 12) and recount once at the end (ensureRollups).
    await tx.unsafe(`set local session_replication_role = replica; set local maintenance_work_mem = '512MB'; set local synchronous_commit = off`);
    await tx.unsafe(`
      insert into users (username, display_name, password_hash, roles)
      select 'bench' || g, '员工' || g, '${HASH}', case when g <= 95 then array['staff'] when g <= 98 then array['manager'] else array['finance'] end
      from generate_series(1, 100) g on conflict do nothing;
      insert into industries (name) select '产业' || g from generate_series(1, 8) g on conflict do nothing;
      insert into chain_nodes (industry_id, name, position, sort_order)
        select i.id, i.name || '-环节' || g, (array['upstream','midstream','downstream'])[1 + g % 3], g
        from industries i cross join generate_series(1, 4) g on conflict do nothing;
      insert into zones (name, level) select '开发区' || g, 'provincial' from generate_series(1, 5) g on conflict do nothing;
      insert into parks (zone_id, name) select z.id, z.name || '园' || g from zones z cross join generate_series(1, 3) g on conflict do nothing;
      create temporary table bench_staff on commit drop as select (row_number() over (order by username))::int as k, id from users where username like 'bench%' and 'staff' = any(roles);
      create temporary table bench_zone on commit drop as select (row_number() over (order by name))::int as k, id from zones;
      create temporary table bench_industry on commit drop as select (row_number() over (order by name))::int as k, id from industries;
    `);
    const staff = (await tx`select count(*)::int as c from bench_staff`)[0]?.c as number;
    const zonesN = (await tx`select count(*)::int as c from bench_zone`)[0]?.c as number;
    const industriesN = (await tx`select count(*)::int as c from bench_industry`)[0]?.c as number;
    // The secondary indexes (not those behind a primary key or a constraint) go, to be built once at the end.
    const indexes = await tx<{ name: string; def: string }[]>`
      select i.indexname as name, i.indexdef as def from pg_indexes i
      where i.schemaname = 'public' and i.tablename = any(${BENCH_TABLES})
        and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`;
    for (const i of indexes) await tx.unsafe(`drop index "${i.name}"`);
    step(`dropped ${indexes.length} secondary indexes`);

    const batch = 250_000;
    for (let from = 1; from <= LEADS; from += batch) {
      const to = Math.min(LEADS, from + batch - 1);
      await tx.unsafe(`
        insert into leads (id, company_name, normalized_name, channel, zone_id, industry_id, estimated_investment_fen, owner_id, stage,
                           furthest_stage_rank, protection_expires_at, created_by, created_at, updated_at, stage_changed_at,
                           clock_phase, clock_epoch_at, clock_started_at, clock_due_at, is_major)
        select ${LEAD_ID('g')}, '基准企业' || g || '有限公司', 'bench' || g,
               (array['industry_chain','online','talent','event','direct'])[1 + g % 5],
               z.id, i.id, (g % 997) * 1000000, s.id, st.stage,
               case st.stage when 'signed' then 4 when 'contacted' then 1 when 'visited' then 2 when 'negotiating' then 3 when 'lost' then 1 + g % 3 else 0 end,
               case when st.stage = 'signed' then null else now() - interval '400 days' + (g % 500) * interval '1 day' end,
               s.id, ${CREATED_AT('g')}, now() - (g % 300) * interval '1 day', now() - (g % 200) * interval '1 day',
               case when st.open then (array['respond','judge','feedback','report'])[1 + g % 4] end,
               case when st.open then ${CREATED_AT('g')} end,
               case when st.open then now() - (g % 21) * interval '1 day' end,
               case when st.open then (((now() - (g % 21) * interval '1 day') at time zone 'Asia/Shanghai')::date
                                      + (array[1, 3, 7, 14])[1 + g % 4] + 1)::timestamp at time zone 'Asia/Shanghai' end,
               st.open and (g % 997) * 1000000 >= 50000000000
        from generate_series(${from}, ${to}) g
        cross join lateral (select ${STAGE('g')} as stage) st0
        cross join lateral (select st0.stage, st0.stage not in ('signed', 'lost') as open) st
        join bench_staff s on s.k = 1 + g % ${staff}
        join bench_zone z on z.k = 1 + g % ${zonesN}
        join bench_industry i on i.k = 1 + g % ${industriesN}
      `);
      step(`leads ${to.toLocaleString()}`);
    }
    for (let from = 1; from <= LEADS; from += batch) {
      const to = Math.min(LEADS, from + batch - 1);
      await tx.unsafe(`
        insert into activities (lead_id, kind, occurred_on, staff_ids, summary, created_by, created_at, updated_at)
        select ${LEAD_ID('g')}, (array['visit','inspection','call','meeting'])[1 + (g + a.k) % 4],
               (${CREATED_AT('g')} + (3 + 7 * a.k) * interval '1 day')::date, array[s.id], '基准拜访', s.id, ${CREATED_AT('g')}, ${CREATED_AT('g')}
        from generate_series(${from}, ${to}) g
        cross join generate_series(0, ${ACTIVITIES_PER_LEAD - 1}) a(k)
        join bench_staff s on s.k = 1 + g % ${staff}
      `);
      step(`activities for leads up to ${to.toLocaleString()}`);
    }
    await tx.unsafe(`
      insert into lead_stage_history (lead_id, from_stage, to_stage, changed_by, changed_at)
      select ${LEAD_ID('g')}, null, 'new', s.id, ${CREATED_AT('g')}
      from generate_series(1, ${LEADS}) g join bench_staff s on s.k = 1 + g % ${staff}
    `);
    step('stage history');
    // Projects: the signed leads, milestones advancing with the number, the contract amount taken as verified (as a
    // manager would have done) so rankings count it.
    await tx.unsafe(`
      insert into projects (id, lead_id, name, contract_investment_fen, verified_contract_investment_fen, land_mu, zone_id, industry_id, owner_id,
                            signed_on, current_milestone, created_by, created_at, updated_at)
      select ${PROJECT_ID('g')}, ${LEAD_ID('g')}, '基准企业' || g || '有限公司', (g % 997) * 1000000 + 100000000, (g % 997) * 1000000 + 100000000,
             50 + g % 200, z.id, i.id, s.id, (${CREATED_AT('g')} + interval '30 days')::date,
             (${MILESTONES})[1 + (g / ${PROJECT_EVERY}) % 5], s.id, ${CREATED_AT('g')} + interval '30 days', ${CREATED_AT('g')} + interval '30 days'
      from generate_series(${PROJECT_EVERY}, ${LEADS}, ${PROJECT_EVERY}) g
      join bench_staff s on s.k = 1 + g % ${staff}
      join bench_zone z on z.k = 1 + g % ${zonesN}
      join bench_industry i on i.k = 1 + g % ${industriesN};
      insert into project_milestones (project_id, milestone, reached_on, recorded_by)
      select ${PROJECT_ID('g')}, (${MILESTONES})[m], (${CREATED_AT('g')} + interval '30 days')::date + m * 30, s.id
      from generate_series(${PROJECT_EVERY}, ${LEADS}, ${PROJECT_EVERY}) g
      cross join generate_series(1, 5) m
      join bench_staff s on s.k = 1 + g % ${staff}
      where m <= 1 + (g / ${PROJECT_EVERY}) % 5;
    `);
    step('projects and milestones');
    for (const i of indexes) {
      await tx.unsafe(i.def);
    }
    step(`rebuilt ${indexes.length} indexes`);
  });
  await ensureRollups(sql);
  step('rollups recounted');
  await sql.unsafe(`vacuum (analyze) leads, activities, lead_stage_history, projects, project_milestones`);
  step('vacuum analyze');
  await sql.end();
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The rollups recounted after the bulk load, which ran without their triggers; skipped when they already match.
 * Each rollup's count must equal its table's: leads, projects (project_rollup) and milestones (milestone_rollup), so
 * a data set loaded before a rollup existed is recounted too (crm_rebuild_rollups recounts them all).
 */
async function ensureRollups(sql: postgres.Sql) {
  const [counts] = await sql<{ leadsRolled: number; leads: number; projectsRolled: number; projects: number; milestonesRolled: number; milestones: number }[]>`
    select (select coalesce(sum(n), 0)::int from lead_rollup) as "leadsRolled", (select count(*)::int from leads) as leads,
           (select coalesce(sum(n), 0)::int from project_rollup) as "projectsRolled", (select count(*)::int from projects) as projects,
           (select coalesce(sum(n), 0)::int from milestone_rollup) as "milestonesRolled", (select count(*)::int from project_milestones) as milestones`;
  const c = counts ?? { leadsRolled: 0, leads: 0, projectsRolled: 0, projects: 0, milestonesRolled: 0, milestones: 0 };
  if (c.leads > 0 && c.leadsRolled === c.leads && c.projectsRolled === c.projects && c.milestonesRolled === c.milestones) return;
  console.log('recounting the rollups …');
  await sql`select crm_rebuild_rollups()`;
  await settleRollups(sql);
}

const ROLLUPS = ['lead_rollup', 'lead_totals', 'activity_rollup', 'project_rollup', 'milestone_rollup'];

/**
 * VACUUM (ANALYZE) of the rollup tables, as autovacuum would have done by the time anyone reads them: a rebuild
 * leaves every old row dead (200,000 in lead_rollup after the generator's, which made a 62,852-row table a 41 MB
 * scan), and this machine's server runs with autovacuum off. Each table in its own statement (VACUUM refuses to run
 * inside the implicit transaction of a multi-statement query). Cheap when there is nothing to do.
 */
export async function settleRollups(sql: postgres.Sql) {
  for (const table of ROLLUPS) await sql.unsafe(`vacuum (analyze) ${table}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
