/**
 * `pnpm load`: several API instances on one Postgres behind a load balancer (issue 11). Starts a private Postgres
 * cluster on a free loopback port (or uses LOAD_DATABASE_URL, an empty database), 200 signed-in staff, and runs the
 * same mixed reads and writes (lists, one lead, new leads, visits; every write with an Idempotency-Key) for 60 s
 * against one instance behind tests/load/proxy.ts, then against two. Prints req/s, p50 and p99 of each and fails
 * on any error. Loopback only; it stops by itself.
 *
 *   pnpm load                 200 users, 60 s per run
 *   LOAD_USERS=50 LOAD_SECONDS=10 pnpm load     (CI=true picks these short figures itself)
 */
import { openDb } from '@crm/db';
import { startApp, type AppProcess } from '../faults/lib/app-process.ts';
import { startCluster, type Cluster } from '../faults/lib/cluster.ts';
import { signInAll, startLoad, summarize } from '../faults/lib/load.ts';
import { seedStaff, verifyAcks } from '../faults/lib/verify.ts';
import { startProxy } from './proxy.ts';

const ci = process.env.CI === 'true';
const USERS = Number(process.env.LOAD_USERS ?? (ci ? 50 : 200));
const SECONDS = Number(process.env.LOAD_SECONDS ?? (ci ? 10 : 60));
const THINK_MS = Number(process.env.LOAD_THINK_MS ?? 100);

let cluster: Cluster | null = null;
let url = process.env.LOAD_DATABASE_URL;
if (!url) {
  cluster = await startCluster();
  cluster.createDb('crm_load');
  url = cluster.url('crm_load');
}
const apps: AppProcess[] = [];
let failed = false;
try {
  process.stdout.write(`${USERS} signed-in staff, ${SECONDS} s per run, ${THINK_MS} ms between a user's actions, on ${url.replace(/\/\/.*@/, '//')}\n`);
  const names = await seedStaff({ url }, USERS, `load${Date.now().toString(36)}`);
  const rows: string[] = [];
  for (const instances of [1, 2]) {
    while (apps.length < instances) apps.push(await startApp({ url }, { env: { LOG_LEVEL: 'warn' } }));
    const proxy = await startProxy(apps.map((a) => a.base));
    const base = `http://127.0.0.1:${proxy.port}`;
    const users = await signInAll(base, names);
    const load = startLoad({ base, users, durationMs: SECONDS * 1000, writeShare: 0.3, thinkMs: THINK_MS });
    const result = await load.done();
    await proxy.close();
    const s = summarize(result.outcomes);
    const errors = result.outcomes.filter((o) => typeof o.status !== 'number' || o.status >= 400).length + result.unexpected.length;
    if (errors > 0) {
      failed = true;
      process.stdout.write(`${result.unexpectedBodies.slice(0, 5).join('\n')}\n`);
    }
    const handle = await openDb({ url });
    const findings = await verifyAcks(handle.db, result.acks);
    await handle.close();
    const lost = findings.missing.length + findings.withoutAudit.length + findings.doubled.length;
    if (lost > 0) failed = true;
    rows.push(
      `${String(instances).padStart(9)}  ${String(Math.round(s.perSecond)).padStart(6)}  ${String(Math.round(s.p50)).padStart(7)}  ${String(Math.round(s.p99)).padStart(7)}  ${String(s.requests).padStart(8)}  ${String(errors).padStart(6)}  ${String(result.acks.length).padStart(6)} ${lost ? `(${lost} lost or doubled!)` : 'all there once'}`,
    );
  }
  process.stdout.write(`\ninstances   req/s  p50 ms   p99 ms  requests  errors  writes\n${rows.join('\n')}\n`);
} catch (error) {
  failed = true;
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
} finally {
  for (const app of apps) {
    app.kill('SIGTERM');
    await app.exited;
  }
  cluster?.destroy();
}
process.exit(failed ? 1 : 0);
