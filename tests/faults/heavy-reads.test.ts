import { openDb } from '@crm/db';
import { makeIndustry, makeUser, makeZone, TEST_PASSWORD } from '@crm/db/test/factories';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from './lib/app-process.ts';
import { startCluster, type Cluster } from './lib/cluster.ts';

/**
 * Issue 12's acceptance point, strictly: a sign-in answers within one second while fifty dashboard requests are in
 * flight. The CRM runs as an operator runs it (its own process, real HTTP) on a server Postgres of this file's own,
 * holding 60,000 leads and 6,000 projects so each dashboard is real work. Here and not in `pnpm test`: fault files
 * run one at a time, so the second measures the CRM and not twenty other test files sharing the two cores (the
 * in-suite test in apps/api/src/modules/dashboard/heavy-reads.test.ts shows the same beside a lenient bound).
 */
let cluster: Cluster;
let app: AppProcess;
let url: string;
let manager: string;
let staff: string;
const LEADS = 60_000;

beforeAll(async () => {
  cluster = await startCluster();
  cluster.createDb('crm');
  url = cluster.url('crm');
  app = await startApp({ url });
  const handle = await openDb({ url });
  try {
    const boss = await makeUser(handle.db, { roles: ['manager'] });
    const member = await makeUser(handle.db, { roles: ['staff'] });
    manager = boss.username;
    staff = member.username;
    const { zone } = await makeZone(handle.db);
    const { industry } = await makeIndustry(handle.db);
    // One statement of leads (the rollup triggers keep up), every tenth signed into a project.
    await handle.db.execute(sql`
      insert into leads (company_name, normalized_name, channel, zone_id, owner_id, created_by, stage, estimated_investment_fen,
                         protection_expires_at, created_at, updated_at, stage_changed_at)
      select '压测企业' || g, '压测企业' || g, (array['online','event','direct'])[1 + g % 3], ${zone.id}::uuid, ${member.id}::uuid,
             ${member.id}::uuid, case when g % 10 = 0 then 'signed' else (array['new','contacted','visited','negotiating','lost'])[1 + g % 5] end,
             (g % 1000) * 1000000, now() + interval '90 days', now() - (g % 365) * interval '1 day', now(), now()
      from generate_series(1, ${LEADS}) g`);
    await handle.db.execute(sql`
      insert into projects (lead_id, name, zone_id, industry_id, owner_id, contract_investment_fen, signed_on, created_by)
      select l.id, l.company_name, l.zone_id, ${industry.id}::uuid, l.owner_id, l.estimated_investment_fen,
             (l.created_at at time zone 'Asia/Shanghai')::date, l.created_by
      from leads l where l.stage = 'signed'`);
    await handle.db.execute(sql`analyze`);
  } finally {
    await handle.close();
  }
}, 240_000);
afterAll(async () => {
  app?.kill('SIGTERM');
  await app?.exited;
  cluster?.destroy();
});

const signIn = async (username: string) => {
  const t0 = performance.now();
  const res = await fetch(`${app.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  const ms = performance.now() - t0;
  return { res, ms, token: res.status === 200 ? ((await res.json()) as { accessToken: string }).accessToken : '' };
};

describe('a sign-in beside fifty dashboards', () => {
  it('answers within one second while the dashboards are in flight, and every dashboard still answers', async () => {
    const { token } = await signIn(manager);
    const headers = { authorization: `Bearer ${token}` };
    const year = new Date().toISOString().slice(0, 4);
    const lone = await fetch(`${app.base}/api/dashboard?year=${year}`, { headers });
    expect(lone.status, await lone.text()).toBe(200);
    const alone = (await signIn(staff)).ms;

    let settled = 0;
    const dashboards = Array.from({ length: 50 }, () =>
      fetch(`${app.base}/api/dashboard?year=${year}`, { headers }).then(async (r) => {
        await r.arrayBuffer();
        settled++;
        return r.status;
      }),
    );
    // Let the fifty reach the server and fill the heavy-read slots and their queue.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const beside = await signIn(staff);
    const inFlight = 50 - settled;
    // The figure, for the run's log (what CI measured, next to the bound).
    console.log(`sign-in alone ${alone.toFixed(0)} ms; beside ${inFlight} of 50 dashboards in flight ${beside.ms.toFixed(0)} ms`);
    expect(beside.res.status).toBe(200);
    expect(inFlight, 'the dashboards had all answered before the sign-in did: nothing was measured').toBeGreaterThan(0);
    expect(beside.ms, `sign-in alone ${alone.toFixed(0)} ms, beside ${inFlight} dashboards in flight ${beside.ms.toFixed(0)} ms`).toBeLessThan(1000);
    expect(await Promise.all(dashboards)).toEqual(Array(50).fill(200));
  });
});
