/**
 * `pnpm bench`: times the API's heavy reads against the benchmark data set on the server Postgres
 * (generate it first with `pnpm seed:bench`). Requests go through the real app (routing, auth, validation,
 * serialisation) with app.inject, so the figures are server time without the network.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { heavyQueryLog, leads, openDb } from '@crm/db';
import postgres from 'postgres';
import { TEST_PASSWORD } from '@crm/db/test/factories';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../apps/api/src/app.ts';
import { benchUrl, settleRollups } from './generate.ts';
import { benchLists } from './lists.ts';
import { rewardBatchBench } from './rewards.ts';

type Scenario = { name: string; url: string | ((prev: unknown) => string); as: 'manager' | 'staff' };

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

async function main() {
  // BENCH_ONLY=lists: only the lists against their own SQL (tests/bench/lists.ts).
  if (process.env.BENCH_ONLY === 'lists') return benchLists();
  // BENCH_ONLY=rewards: only the batch of reward calculations (tests/bench/rewards.ts).
  if (process.env.BENCH_ONLY === 'rewards') return rewardBatchBench();
  // BENCH_ONLY=import: only the 100,000-row import (tests/bench/import.ts, also `pnpm bench:import`).
  if (process.env.BENCH_ONLY === 'import') return importBench();
  const handle = await openDb({ url: benchUrl });
  const settle = postgres(benchUrl, { max: 1, onnotice: () => {} });
  await settleRollups(settle);
  await settle.end();
  const [{ count } = { count: 0 }] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(leads);
  const app = await buildApp({
    db: handle,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    config: { rateLimit: { signInPerMinute: 100_000 }, scheduler: { enabled: false } },
  });
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`bench login failed for ${username}: ${res.body} — run pnpm seed:bench`);
    return { authorization: `Bearer ${res.json<{ accessToken: string }>().accessToken}` };
  };
  const headers = { manager: await login('bench96'), staff: await login('bench1') };
  const someZone = (await app.inject({ method: 'GET', url: '/api/zones', headers: headers.manager })).json<{ items: { id: string }[] }>().items[0]?.id;
  const someIndustry = (await app.inject({ method: 'GET', url: '/api/industries', headers: headers.manager })).json<{ items: { id: string }[] }>().items[0]?.id;

  // A scoring scheme for the ranking (created once in the bench database).
  const schemes = (await app.inject({ method: 'GET', url: '/api/performance/schemes', headers: headers.manager })).json<{ items: { id: string }[] }>().items;
  const schemeId =
    schemes[0]?.id ??
    (
      await app.inject({
        method: 'POST',
        url: '/api/performance/schemes',
        headers: headers.manager,
        payload: {
          name: '基准考核方案',
          metrics: [
            { metric: 'new_leads', weight: 20, target: 3000 },
            { metric: 'visits', weight: 20, target: 3000 },
            { metric: 'signed_projects', weight: 20, target: 100 },
            { metric: 'signed_investment', weight: 20, target: 10_000_000_000 },
            { metric: 'construction_investment', weight: 10, target: 5_000_000_000 },
            { metric: 'in_production', weight: 10, target: 50 },
          ],
        },
      })
    ).json<{ id: string }>().id;
  const year = new Date().getFullYear();

  // A cursor 20 pages deep, to show keyset pages cost the same at any depth.
  let deepCursor = '';
  for (let i = 0; i < 20; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/leads?limit=50${deepCursor ? `&cursor=${deepCursor}` : ''}`, headers: headers.manager });
    deepCursor = res.json<{ nextCursor: string }>().nextCursor;
  }

  // The same 20 pages deep in the overdue list.
  let overdueCursor = '';
  for (let i = 0; i < 20; i++) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/leads?limit=50&overdue=true&sort=clockDueAt${overdueCursor ? `&cursor=${overdueCursor}` : ''}`,
      headers: headers.manager,
    });
    overdueCursor = res.json<{ nextCursor: string }>().nextCursor;
  }

  const scenarios: Scenario[] = [
    { name: 'leads: first page, newest first (manager)', url: '/api/leads?limit=50', as: 'manager' },
    { name: 'leads: page 21 by keyset cursor', url: `/api/leads?limit=50&cursor=${deepCursor}`, as: 'manager' },
    { name: 'leads: stage = negotiating', url: '/api/leads?limit=50&stage=negotiating', as: 'manager' },
    { name: 'leads: zone + industry', url: `/api/leads?limit=50&zoneId=${someZone}&industryId=${someIndustry}`, as: 'manager' },
    { name: 'leads: by estimated investment, largest first', url: '/api/leads?limit=50&sort=-estimatedInvestmentFen', as: 'manager' },
    { name: 'leads: search company name "企业12345"', url: `/api/leads?limit=50&q=${encodeURIComponent('企业12345')}`, as: 'manager' },
    { name: 'leads: staff view (own + public pool)', url: '/api/leads?limit=50', as: 'staff' },
    { name: 'leads: public pool', url: '/api/leads?limit=50&pool=true', as: 'staff' },
    { name: 'leads: 500 per page', url: '/api/leads?limit=500', as: 'manager' },
    { name: 'funnel: all leads (manager)', url: '/api/pipeline/funnel', as: 'manager' },
    { name: 'funnel: one zone, this year', url: `/api/pipeline/funnel?zoneId=${someZone}&from=${new Date().getFullYear()}-01-01`, as: 'manager' },
    { name: 'funnel: one channel + industry', url: `/api/pipeline/funnel?channel=online&industryId=${someIndustry}`, as: 'manager' },
    { name: 'funnel: one staff member (staff view)', url: '/api/pipeline/funnel', as: 'staff' },
    { name: 'kanban board (manager)', url: '/api/pipeline/board', as: 'manager' },
    { name: 'lifecycle board (manager)', url: '/api/pipeline/lifecycle', as: 'manager' },
    { name: `ranking: year ${year}, all staff (manager)`, url: `/api/performance?period=${year}&schemeId=${schemeId}`, as: 'manager' },
    { name: `ranking: year ${year - 1}, all staff (manager)`, url: `/api/performance?period=${year - 1}&schemeId=${schemeId}`, as: 'manager' },
    {
      name: 'ranking: one month (staff: own row)',
      url: `/api/performance?period=${year}-${String(new Date().getMonth() + 1).padStart(2, '0')}&schemeId=${schemeId}`,
      as: 'staff',
    },
    { name: `dashboard: year ${year}`, url: `/api/dashboard?year=${year}&schemeId=${schemeId}`, as: 'manager' },
    // Stage clocks (issue 13): the overdue lists read one range of the partial clock indexes; the counts one
    // index-only grouped pass.
    { name: 'clocks: overdue, most urgent first (manager)', url: '/api/leads?limit=50&overdue=true&sort=clockDueAt', as: 'manager' },
    { name: 'clocks: overdue in one zone', url: `/api/leads?limit=50&overdue=true&sort=clockDueAt&zoneId=${someZone}`, as: 'manager' },
    { name: 'clocks: my overdue leads (staff view)', url: '/api/leads?limit=50&overdue=true&sort=clockDueAt', as: 'staff' },
    { name: 'clocks: every running clock by deadline', url: '/api/leads?limit=50&sort=clockDueAt', as: 'manager' },
    { name: 'clocks: overdue page 21 by keyset cursor', url: () => `/api/leads?limit=50&overdue=true&sort=clockDueAt&cursor=${overdueCursor}`, as: 'manager' },
    { name: 'clocks: overdue counts per person, zone, phase', url: '/api/clocks/summary', as: 'manager' },
  ];

  console.log(`\nbenchmark on ${count.toLocaleString()} leads (server Postgres), ${RUNS} runs each after 3 warm-ups\n`);
  console.log(`${'scenario'.padEnd(52)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'rows'.padStart(6)}`);
  for (const s of scenarios) {
    const url = typeof s.url === 'string' ? s.url : s.url(null);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const res = await app.inject({ method: 'GET', url, headers: headers[s.as] });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body}`);
      const body = res.json<{ items?: unknown[]; steps?: unknown[]; columns?: unknown[]; rows?: unknown[]; trend?: unknown[]; byOwner?: unknown[] }>();
      rows = (body.items ?? body.steps ?? body.columns ?? body.rows ?? body.trend ?? body.byOwner ?? []).length;
      if (i >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? 0;
    console.log(`${s.name.padEnd(52)} ${`${median.toFixed(1)} ms`.padStart(9)} ${`${p95.toFixed(1)} ms`.padStart(9)} ${String(rows).padStart(6)}`);
  }
  await heavyReadBench(app, headers, { schemeId, zoneId: someZone, year });
  await app.close();
  await handle.close();
  await benchLists();
  await rewardBatchBench();
  await importBench();
}

/** The 100,000-row import, in a process of its own: its RSS growth is part of what it measures. */
async function importBench() {
  console.log('\nthe 100,000-row import (tests/bench/import.ts)');
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./import.ts', import.meta.url))], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the import bench failed (exit ${code})`);
}

// ---------------------------------------------------------------------------------------------------------------
// Heavy reads (issue 12): funnel, kanban, ranking and dashboard through the API, beside the very statements each
// request sent replayed through the driver (postgres.js, no app), so the ratio shows what routing, auth, the
// heavy-read gate, validation and serialisation add on top of the SQL.
// ---------------------------------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? 0;

async function timeRuns(runs: number, once: () => Promise<void>) {
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

async function heavyReadBench(
  app: Awaited<ReturnType<typeof buildApp>>,
  headers: Record<'manager' | 'staff', { authorization: string }>,
  { schemeId, zoneId, year }: { schemeId: string; zoneId: string | undefined; year: number },
) {
  // The heavy pool's session settings (packages/db/src/client.ts), so the floor runs the SQL as the app does.
  const driver = postgres(benchUrl, { max: 3, onnotice: () => {}, connection: { statement_timeout: 15_000, max_parallel_workers_per_gather: '0' } });
  const cases: { name: string; url: string; as: 'manager' | 'staff' }[] = [
    { name: 'funnel: all leads (manager)', url: '/api/pipeline/funnel', as: 'manager' },
    { name: 'funnel: one zone, from Jan 1', url: `/api/pipeline/funnel?zoneId=${zoneId}&from=${year}-01-01`, as: 'manager' },
    { name: 'funnel: mid-month to mid-month (edges)', url: `/api/pipeline/funnel?from=${year}-01-15&to=${year}-06-15`, as: 'manager' },
    { name: 'funnel: staff view', url: '/api/pipeline/funnel', as: 'staff' },
    { name: 'kanban: counts, sums, cards (manager)', url: '/api/pipeline/board', as: 'manager' },
    { name: `ranking: year ${year} (manager)`, url: `/api/performance?period=${year}&schemeId=${schemeId}`, as: 'manager' },
    { name: `dashboard: year ${year}`, url: `/api/dashboard?year=${year}&schemeId=${schemeId}`, as: 'manager' },
  ];
  console.log(`\nheavy reads: API vs the same SQL through the driver, ${RUNS} runs each after 3 warm-ups`);
  console.log(
    `${'scenario'.padEnd(44)} ${'api p50'.padStart(9)} ${'api p95'.padStart(9)} ${'sql p50'.padStart(9)} ${'sql p95'.padStart(9)} ${'ratio'.padStart(6)} ${'stmts'.padStart(5)}`,
  );
  for (const c of cases) {
    const call = async () => {
      const res = await app.inject({ method: 'GET', url: c.url, headers: headers[c.as] });
      if (res.statusCode !== 200) throw new Error(`${c.name}: ${res.statusCode} ${res.body}`);
    };
    // The statements one request sends on the heavy pool, captured once and replayed as the app sends them (at once).
    heavyQueryLog.entries = [];
    await call();
    const statements = heavyQueryLog.entries;
    heavyQueryLog.entries = null;
    const api = await timeRuns(RUNS, call);
    const sqlOnly = await timeRuns(RUNS, async () => {
      await Promise.all(statements.map((s) => driver.unsafe(s.query, s.params as never[])));
    });
    const ratio = sqlOnly.p50 > 0 ? api.p50 / sqlOnly.p50 : 0;
    const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
    console.log(
      `${c.name.padEnd(44)} ${ms(api.p50)} ${ms(api.p95)} ${ms(sqlOnly.p50)} ${ms(sqlOnly.p95)} ${ratio.toFixed(2).padStart(6)} ${String(statements.length).padStart(5)}`,
    );
  }
  await driver.end();
}

await main();
