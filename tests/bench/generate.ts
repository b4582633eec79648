/**
 * Builds the benchmark data set on a server Postgres: 100 staff, the policy's zones, industries, and
 * BENCH_LEADS leads (default 1,000,000) with activities and stage history, generated inside the database
 * with generate_series (minutes, not hours). Idempotent: skips when the data set is already there.
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

async function main() {
  const t0 = performance.now();
  await ensureBenchDatabase();
  const handle = await openDb({ url: benchUrl });
  await handle.close();
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from leads`;
  if (n >= LEADS) {
    console.log(`bench data already present: ${n.toLocaleString()} leads`);
    await ensureProjects(sql);
    await ensureClocks(sql);
    await ensureRollups(sql);
    await sql.end();
    return;
  }
  console.log(`generating ${LEADS.toLocaleString()} leads in ${benchUrl.replace(/\/\/.*@/, '//')} …`);
  await sql.begin(async (tx) => {
    // Bulk loads skip the rollup triggers row by row (issue 12) and recount once at the end (ensureRollups).
    await tx.unsafe('set local session_replication_role = replica');
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
    `);
    await tx.unsafe(`
      create temporary table bench_staff as select row_number() over (order by username) as k, id from users where username like 'bench%' and 'staff' = any(roles);
      create temporary table bench_zone as select row_number() over (order by name) as k, id from zones;
      create temporary table bench_industry as select row_number() over (order by name) as k, id from industries;
    `);
    const staff = (await tx`select count(*)::int as c from bench_staff`)[0]?.c as number;
    const zonesN = (await tx`select count(*)::int as c from bench_zone`)[0]?.c as number;
    const industriesN = (await tx`select count(*)::int as c from bench_industry`)[0]?.c as number;
    const batch = 200_000;
    for (let from = n + 1; from <= LEADS; from += batch) {
      const to = Math.min(LEADS, from + batch - 1);
      await tx.unsafe(`
        insert into leads (company_name, normalized_name, channel, zone_id, industry_id, estimated_investment_fen, owner_id, stage,
                           protection_expires_at, created_by, created_at, updated_at, stage_changed_at)
        select '基准企业' || g || '有限公司', 'bench' || g,
               (array['industry_chain','online','talent','event','direct'])[1 + g % 5],
               z.id, i.id, (g % 997) * 1000000, s.id,
               (array['new','contacted','visited','negotiating','lost','new','contacted'])[1 + (g / 3) % 7],
               now() - interval '400 days' + (g % 500) * interval '1 day',
               s.id,
               now() - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second',
               now() - (g % 300) * interval '1 day',
               now() - (g % 200) * interval '1 day'
        from generate_series(${from}, ${to}) g
        join bench_staff s on s.k = 1 + g % ${staff}
        join bench_zone z on z.k = 1 + g % ${zonesN}
        join bench_industry i on i.k = 1 + g % ${industriesN}
      `);
      console.log(`  leads ${to.toLocaleString()}`);
    }
    await tx.unsafe(`
      insert into activities (lead_id, kind, occurred_on, staff_ids, summary, created_by, created_at, updated_at)
      select l.id, (array['visit','inspection','call','meeting'])[1 + (abs(hashtext(l.id::text)) % 4)],
             (l.created_at + interval '3 days')::date, array[l.owner_id], '基准拜访', l.owner_id, l.created_at, l.created_at
      from leads l where l.normalized_name like 'bench%';
      insert into lead_stage_history (lead_id, from_stage, to_stage, changed_by, changed_at)
      select l.id, null, 'new', l.owner_id, l.created_at from leads l where l.normalized_name like 'bench%';
    `);
  });
  await ensureProjects(sql);
  await ensureClocks(sql);
  await ensureRollups(sql);
  await sql.unsafe('analyze');
  await sql.end();
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * Every 50th bench lead is signed into a project whose milestones advance with its number, so the funnel and
 * the lifecycle board have signing, construction and production to count. Its contract amount is taken as
 * verified, as a manager would have done, so rankings count it.
 */
async function ensureProjects(sql: postgres.Sql) {
  const [{ p } = { p: 0 }] = await sql<{ p: number }[]>`select count(*)::int as p from projects`;
  if (p > 0) return;
  console.log('signing every 50th lead into a project …');
  await sql.begin(async (tx) => {
    await tx.unsafe('set local session_replication_role = replica');
    await tx.unsafe(`
      update leads set stage = (array['new','contacted','visited','negotiating','lost','new','contacted'])[1 + (substr(normalized_name, 6)::int / 3) % 7]
      where normalized_name like 'bench%';
      update leads set furthest_stage_rank = case stage when 'contacted' then 1 when 'visited' then 2 when 'negotiating' then 3 when 'lost' then 1 + (substr(normalized_name, 6)::int % 3) else 0 end
      where normalized_name like 'bench%';
      update leads set stage = 'signed', furthest_stage_rank = 4, protection_expires_at = null
      where normalized_name like 'bench%' and substr(normalized_name, 6)::int % 50 = 0;
      insert into projects (lead_id, name, contract_investment_fen, verified_contract_investment_fen, land_mu, zone_id, industry_id, owner_id, signed_on, current_milestone, created_by, created_at, updated_at)
      select l.id, l.company_name, l.estimated_investment_fen + 100000000, l.estimated_investment_fen + 100000000, 50 + (substr(l.normalized_name, 6)::int % 200), l.zone_id, l.industry_id, l.owner_id,
             (l.created_at + interval '30 days')::date,
             (array['signed','registered','construction_started','in_production','at_capacity'])[1 + (substr(l.normalized_name, 6)::int / 50) % 5],
             l.owner_id, l.created_at + interval '30 days', l.created_at + interval '30 days'
      from leads l where l.stage = 'signed' and l.normalized_name like 'bench%';
      insert into project_milestones (project_id, milestone, reached_on, recorded_by)
      select p.id, m.name, p.signed_on + (m.k::int * 30), p.owner_id
      from projects p
      cross join lateral (select * from unnest(array['signed','registered','construction_started','in_production','at_capacity']) with ordinality as x(name, k)) m
      where m.k <= array_position(array['signed','registered','construction_started','in_production','at_capacity'], p.current_milestone);
    `);
  });
  await sql.unsafe('analyze');
}

/** The rollups recounted after the bulk load, which ran without their triggers; skipped when they already match. */
async function ensureRollups(sql: postgres.Sql) {
  const [{ rolled, total } = { rolled: 0, total: 0 }] = await sql<{ rolled: number; total: number }[]>`
    select (select coalesce(sum(n), 0)::int from lead_rollup) as rolled, (select count(*)::int from leads) as total`;
  if (rolled === total && total > 0) return;
  console.log('recounting the rollups …');
  await sql`select crm_rebuild_rollups()`;
  await sql.unsafe('analyze lead_rollup; analyze activity_rollup');
}

/**
 * Stage clocks for the bench's open leads (issue 13), spread over the four phases with deadlines from three weeks
 * ago to three weeks ahead, so the overdue lists and counts have a realistic share of late clocks to find. The
 * deadlines are China midnights like the app's (weekends are not moved here: the bench measures reads, not rules).
 */
async function ensureClocks(sql: postgres.Sql) {
  const [{ c } = { c: 0 }] = await sql<{ c: number }[]>`select count(*)::int as c from leads where clock_phase is not null`;
  if (c > 0) return;
  console.log('starting the stage clocks of open leads …');
  await sql.unsafe(`
    update leads set
      clock_phase = (array['respond','judge','feedback','report'])[1 + substr(normalized_name, 6)::int % 4],
      clock_epoch_at = created_at,
      clock_started_at = now() - (substr(normalized_name, 6)::int % 21) * interval '1 day',
      clock_due_at = (((now() - (substr(normalized_name, 6)::int % 21) * interval '1 day') at time zone 'Asia/Shanghai')::date
                      + (array[1, 3, 7, 14])[1 + substr(normalized_name, 6)::int % 4] + 1)::timestamp at time zone 'Asia/Shanghai',
      is_major = estimated_investment_fen >= 50000000000
    where normalized_name like 'bench%' and stage not in ('signed', 'lost');
  `);
  await sql.unsafe('analyze leads');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
