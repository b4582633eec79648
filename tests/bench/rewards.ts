/**
 * A batch of reward calculations (issue 12): finance computing the reward of 100 projects, one
 * `POST /api/reward-calculations` each (the route finance uses: lock the ledger, evaluate the policy, supersede the
 * open draft, write the calculation, its lines and the audit row, read it back — one transaction), through the real
 * app (app.inject), beside the very statements one request ran replayed through postgres.js in a transaction of
 * their own (rolled back, so the replay writes nothing: the floor is the SQL without the commit).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/crm_bench_speed BENCH_ONLY=rewards pnpm bench
 *
 * The fixture is made once in the bench database and found again on later runs: an agent with an agreement
 * (基准代理), the agent credited on the first BATCH signed projects, and a policy paying 100% at signing on the verified
 * contract investment (基准引进奖励). Every run adds BATCH drafts (each superseding the project's previous one).
 */
import { agentAgreements, agents, projects, rewardPolicies, users } from '@crm/db';
import { TEST_PASSWORD } from '@crm/db/test/factories';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import postgres from 'postgres';
import { capturingApp, percentile } from './capture.ts';
import { benchUrl } from './generate.ts';

const BATCH = Number(process.env.BENCH_REWARD_BATCH ?? 100);
const AGENT = '基准代理';
const POLICY = '基准引进奖励';

export async function rewardBatchBench() {
  const { app, handle, record, close } = await capturingApp();
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`bench login failed for ${username}: ${res.body} — run pnpm seed:bench`);
    return { authorization: `Bearer ${res.json<{ accessToken: string }>().accessToken}` };
  };
  const manager = await login('bench96');
  const finance = await login('bench99');

  // The fixture, made once.
  const [creator] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, 'bench96'));
  if (!creator) throw new Error('bench96 missing — run pnpm seed:bench');
  let [agent] = await handle.db.select({ id: agents.id }).from(agents).where(eq(agents.name, AGENT));
  if (!agent) {
    [agent] = await handle.db.insert(agents).values({ name: AGENT, kind: 'agency', createdBy: creator.id }).returning({ id: agents.id });
    if (!agent) throw new Error('bench agent not created');
    await handle.db.insert(agentAgreements).values({ agentId: agent.id, title: `${AGENT}委托招商协议`, startsOn: '2020-01-01', endsOn: null });
  }
  const batch = await handle.db
    .select({ id: projects.id })
    .from(projects)
    .where(or(isNull(projects.agentId), eq(projects.agentId, agent.id)))
    .orderBy(asc(projects.id))
    .limit(BATCH);
  await handle.db
    .update(projects)
    .set({ agentId: agent.id })
    .where(
      and(
        inArray(
          projects.id,
          batch.map((p) => p.id),
        ),
        isNull(projects.agentId),
      ),
    );
  let [policy] = await handle.db.select({ id: rewardPolicies.id }).from(rewardPolicies).where(eq(rewardPolicies.name, POLICY));
  if (!policy) {
    const version = {
      ...workedExampleVersionJson,
      basis: 'contract_investment',
      thresholdFen: 0,
      installments: [{ milestone: 'signed', shareBp: 10_000 }],
      effectiveFrom: '2020-01-01',
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/policies',
      headers: manager,
      payload: { name: POLICY, kind: 'agent_reward', version, noticeThresholdFen: null },
    });
    if (res.statusCode !== 201) throw new Error(`bench policy: ${res.statusCode} ${res.body}`);
    policy = { id: res.json<{ id: string }>().id };
  }
  const policyId = policy.id;
  const compute = async (projectId: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/reward-calculations', headers: finance, payload: { projectId, policyId, milestone: 'signed' } });
    if (res.statusCode !== 201) throw new Error(`reward calculation for ${projectId}: ${res.statusCode} ${res.body}`);
  };

  // One request's statements, captured once (its second run: the first superseding draft exists as in later runs).
  const first = batch[0]?.id;
  if (!first) throw new Error('no bench projects');
  await compute(first);
  const { statements } = await record(() => compute(first));
  const driver = postgres(benchUrl, { max: 1, onnotice: () => {} });
  // The captured statements supersede the draft that was open before the captured request; by now the open one is
  // the request's own, so the replay's transaction first sets that aside (untimed), as the captured one found it.
  const replay = async () => {
    const reserved = await driver.reserve();
    try {
      await reserved.unsafe('begin');
      await reserved.unsafe(`update reward_calculations set status = 'superseded' where project_id = $1 and policy_id = $2 and status = 'draft'`, [
        first,
        policyId,
      ]);
      const t0 = performance.now();
      for (const s of statements) await reserved.unsafe(s.query, s.params as never[], { prepare: true });
      const took = performance.now() - t0;
      await reserved.unsafe('rollback');
      return took;
    } finally {
      reserved.release();
    }
  };

  // The batch through the API, then the same number of replays through the driver; each timed per calculation.
  const api: number[] = [];
  const batchStart = performance.now();
  for (const p of batch) {
    const t0 = performance.now();
    await compute(p.id);
    api.push(performance.now() - t0);
  }
  const batchMs = performance.now() - batchStart;
  for (let i = 0; i < 3; i++) await replay();
  const floor: number[] = [];
  for (let i = 0; i < batch.length; i++) floor.push(await replay());
  // What a commit costs here (the WAL flush the app's transaction pays and the rolled-back replay does not): a
  // one-row write committed, timed whole.
  const commits: number[] = [];
  for (let i = 0; i < batch.length; i++) {
    const t0 = performance.now();
    await driver.begin((tx) => tx.unsafe('update reward_policies set updated_at = updated_at where id = $1', [policyId]));
    commits.push(performance.now() - t0);
  }
  commits.sort((a, b) => a - b);
  api.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  console.log(`\na batch of reward calculations: ${batch.length} projects, POST /api/reward-calculations as finance, vs the same SQL through the driver`);
  console.log(
    `${'scenario'.padEnd(34)} ${'api p50'.padStart(9)} ${'api p95'.padStart(9)} ${'sql p50'.padStart(9)} ${'sql p95'.padStart(9)} ${'ratio'.padStart(6)} ${'stmts'.padStart(5)} ${'batch'.padStart(9)} ${'commit p50'.padStart(10)}`,
  );
  const ratio = percentile(floor, 0.5) > 0 ? percentile(api, 0.5) / percentile(floor, 0.5) : 0;
  console.log(
    `${'reward: compute at signing'.padEnd(34)} ${ms(percentile(api, 0.5))} ${ms(percentile(api, 0.95))} ${ms(percentile(floor, 0.5))} ${ms(percentile(floor, 0.95))} ${ratio.toFixed(2).padStart(6)} ${String(statements.length).padStart(5)} ${`${(batchMs / 1000).toFixed(2)} s`.padStart(9)} ${ms(percentile(commits, 0.5)).padStart(10)}`,
  );
  console.log(
    "(ratio = api p50 / sql p50; sql = the request's statements in one transaction, timed without its begin and its end: it is rolled back, so no commit is in the floor; commit p50 = a one-row write committed alone)",
  );
  await driver.end({ timeout: 5 });
  await close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await rewardBatchBench();
}
