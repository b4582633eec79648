/**
 * The lists at the speed of the database (issue 12): for the lead list (first page, a deep keyset page, filtered,
 * searched, the staff view), the lead page and the projects list, the route's p50/p95 through the real app
 * (app.inject: routing, auth, validation, serialisation) beside the very statements that request ran, replayed
 * through postgres.js behind a bare Fastify route (the floor: the database plus HTTP framing), and the ratio of the
 * two (1.0 = the app adds nothing). Then EXPLAIN ANALYZE of those statements: planning as an unnamed statement
 * (planned on every run), planning as the app's named statement (after six runs, the plan cache's choice), and
 * execution.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_bench_speed BENCH_ONLY=lists pnpm bench
 *
 * Kept apart from run.ts's scenarios (run.ts calls benchLists()), so other benches can change without touching it.
 */
import Fastify from 'fastify';
import { TEST_PASSWORD } from '@crm/db/test/factories';
import postgres from 'postgres';
import { capturingApp, percentile, type Statement } from './capture.ts';
import { benchUrl, settleRollups } from './generate.ts';

type Scenario = { name: string; url: string; as: 'manager' | 'staff' };

const RUNS = Number(process.env.BENCH_LIST_RUNS ?? 200);
const WARMUP = 20;

const pct = percentile;
const literal = (v: unknown) =>
  v === null || v === undefined ? 'null' : typeof v === 'number' || typeof v === 'bigint' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;

export async function benchLists() {
  const { app, record, close } = await capturingApp();

  // The floor: one bare route replaying a request's statements through postgres.js (named statements, as the app).
  const replay = new Map<string, Statement[]>();
  const driver = postgres(benchUrl, { max: 10, onnotice: () => {} });
  await settleRollups(driver);
  const bare = Fastify();
  bare.get<{ Params: { name: string } }>('/sql/:name', async (req) => {
    let rows: unknown = null;
    for (const s of replay.get(req.params.name) ?? []) rows = await driver.unsafe(s.query, s.params as postgres.ParameterOrJSON<never>[], { prepare: true });
    return rows;
  });
  await bare.ready();

  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`bench login failed for ${username}: ${res.body} — run pnpm seed:bench`);
    return { authorization: `Bearer ${res.json<{ accessToken: string }>().accessToken}` };
  };
  const headers = { manager: await login('bench96'), staff: await login('bench1') };
  const get = (url: string, as: 'manager' | 'staff') => app.inject({ method: 'GET', url, headers: headers[as] });
  const someZone = (await get('/api/zones', 'manager')).json<{ items: { id: string }[] }>().items[0]?.id;
  let deepCursor = '';
  for (let i = 0; i < 20; i++)
    deepCursor = (await get(`/api/leads?limit=50${deepCursor ? `&cursor=${deepCursor}` : ''}`, 'manager')).json<{ nextCursor: string }>().nextCursor;
  const someLead = (await get('/api/leads?limit=1&sort=-updatedAt', 'manager')).json<{ items: { id: string }[] }>().items[0]?.id;

  const scenarios: Scenario[] = [
    { name: 'leads: first page (manager)', url: '/api/leads?limit=50', as: 'manager' },
    { name: 'leads: page 21 by keyset cursor', url: `/api/leads?limit=50&cursor=${deepCursor}`, as: 'manager' },
    { name: 'leads: filtered (stage + zone)', url: `/api/leads?limit=50&stage=negotiating&zoneId=${someZone}`, as: 'manager' },
    { name: 'leads: searched "企业12345"', url: `/api/leads?limit=50&q=${encodeURIComponent('企业12345')}`, as: 'manager' },
    { name: 'leads: staff (own + pool)', url: '/api/leads?limit=50', as: 'staff' },
    { name: 'lead page', url: `/api/leads/${someLead}`, as: 'manager' },
    { name: 'projects: first page', url: '/api/projects?limit=50', as: 'manager' },
    { name: 'clocks: overdue in one zone', url: `/api/leads?limit=50&overdue=true&sort=clockDueAt&zoneId=${someZone}`, as: 'manager' },
    { name: 'clocks: my overdue (staff)', url: '/api/leads?limit=50&overdue=true&sort=clockDueAt', as: 'staff' },
  ];

  console.log(`\nlists against their own SQL through postgres.js: ${RUNS} runs each after ${WARMUP} warm-ups, app and driver interleaved`);
  console.log(
    `${'scenario'.padEnd(34)} ${'app p50'.padStart(8)} ${'app p95'.padStart(8)} ${'sql p50'.padStart(8)} ${'sql p95'.padStart(8)} ${'ratio'.padStart(6)} ${'stmts'.padStart(5)} ${'plan'.padStart(7)} ${'plan(n)'.padStart(7)} ${'exec'.padStart(7)}`,
  );
  const explained: { name: string; lines: string[] }[] = [];
  for (const s of scenarios) {
    await get(s.url, s.as);
    const { result: res, statements } = await record(() => get(s.url, s.as));
    if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body}`);
    replay.set(s.name, statements);
    const path = `/sql/${encodeURIComponent(s.name)}`;

    const app_: number[] = [];
    const sql_: number[] = [];
    for (let i = 0; i < RUNS + WARMUP; i++) {
      let t0 = performance.now();
      const r = await get(s.url, s.as);
      const a = performance.now() - t0;
      if (r.statusCode !== 200) throw new Error(`${s.name}: ${r.statusCode}`);
      t0 = performance.now();
      await bare.inject({ method: 'GET', url: path });
      const d = performance.now() - t0;
      if (i >= WARMUP) {
        app_.push(a);
        sql_.push(d);
      }
    }
    app_.sort((x, y) => x - y);
    sql_.sort((x, y) => x - y);

    // EXPLAIN ANALYZE each statement: unnamed (planned every time) and as a named statement after six runs.
    let plan = 0;
    let planNamed = 0;
    let exec = 0;
    const lines: string[] = [];
    const reserved = await driver.reserve();
    try {
      for (const [k, st] of statements.entries()) {
        const [row] = await reserved.unsafe(`explain (analyze, format json) ${st.query}`, st.params as never[]);
        const out = (row as Record<string, { 'Planning Time': number; 'Execution Time': number }[]>)['QUERY PLAN']?.[0] ?? {
          'Planning Time': NaN,
          'Execution Time': NaN,
        };
        plan += out['Planning Time'];
        exec += out['Execution Time'];
        let named = NaN;
        try {
          await reserved.unsafe(`prepare bench_stmt_${k} as ${st.query}`);
          const args = st.params.length ? `(${st.params.map(literal).join(', ')})` : '';
          for (let i = 0; i < 6; i++) await reserved.unsafe(`execute bench_stmt_${k}${args}`);
          const [p] = await reserved.unsafe(`explain (analyze, format json) execute bench_stmt_${k}${args}`);
          named = (p as Record<string, { 'Planning Time': number }[]>)['QUERY PLAN']?.[0]?.['Planning Time'] ?? NaN;
          await reserved.unsafe(`deallocate bench_stmt_${k}`);
        } catch (error) {
          lines.push(`    (prepared plan not measured: ${(error as Error).message})`);
        }
        planNamed += Number.isNaN(named) ? 0 : named;
        lines.push(
          `    ${out['Planning Time'].toFixed(2).padStart(6)} plan ${Number.isNaN(named) ? '   n/a' : named.toFixed(2).padStart(6)} plan(named) ${out['Execution Time'].toFixed(2).padStart(6)} exec  ${st.query.slice(0, 110).replace(/\s+/g, ' ')}…`,
        );
      }
    } finally {
      reserved.release();
    }
    explained.push({ name: s.name, lines });
    const ratio = pct(sql_, 0.5) / pct(app_, 0.5);
    console.log(
      `${s.name.padEnd(34)} ${pct(app_, 0.5).toFixed(2).padStart(8)} ${pct(app_, 0.95).toFixed(2).padStart(8)} ${pct(sql_, 0.5).toFixed(2).padStart(8)} ${pct(sql_, 0.95).toFixed(2).padStart(8)} ${`${ratio.toFixed(2)}×`.padStart(6)} ${String(statements.length).padStart(5)} ${plan.toFixed(2).padStart(7)} ${planNamed.toFixed(2).padStart(7)} ${exec.toFixed(2).padStart(7)}`,
    );
  }
  console.log(
    "\n(ms; ratio = sql p50 / app p50; plan = planning as an unnamed statement, plan(n) = as a named statement after six runs, exec = execution; summed over the request's statements)",
  );
  console.log('\nper statement:');
  for (const e of explained) console.log(`  ${e.name}\n${e.lines.join('\n')}`);
  await bare.close();
  await driver.end({ timeout: 5 });
  await close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchLists();
}
