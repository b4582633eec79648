import { activities, leads } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import type { Lead, ProjectDetail } from '@crm/shared';
import ExcelJS from 'exceljs';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

let t: TestApp;
let alice: Session;
let bob: Session;
let carol: Session;
let boss: Session;
let boss2: Session;
let finance: Session;
let zoneId: string;
let industryId: string;
let nodeId: string;
let schemeId: string;

const month = today().slice(0, 7);
const year = today().slice(0, 4);

type RankingBody = {
  status: string;
  staffCount: number;
  rows: {
    staffId: string;
    staffName: string;
    scoreHundredths: number;
    rank: number;
    bottom: boolean;
    metrics: { metric: string; actual: number | string; target: number; ratioBp: number }[];
  }[];
  restatements: { staffId: string; metric: string; reported: number | string; current: number | string }[];
};

async function lead(as: Session, fen = 1_000_000) {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('绩效')}有限公司`, channel: 'direct', zoneId, industryId, chainNodeId: nodeId, estimatedInvestmentFen: fen },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}
const visit = (l: Lead, as: Session, staffIds: string[] = [], on = today()) =>
  call(t, { method: 'POST', url: `/api/leads/${l.id}/activities`, payload: { kind: 'visit', occurredOn: on, summary: '拜访', staffIds }, as });
async function sign(l: Lead, as: Session, fen: number) {
  const res = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${l.id}/sign`,
    payload: { signedOn: today(), contractInvestmentFen: fen, zoneId, industryId, chainNodeId: nodeId, landMu: 50 },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}
/** A manager without a stake verifies the newest pending contract investment: only then does it count. */
async function verifyContract(projectId: string, as: Session) {
  const detail = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${projectId}`, as });
  const figure = detail.data.figures.find((f) => f.kind === 'contract_investment' && !f.verified);
  const res = await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${figure?.id}/verify`, as });
  if (res.statusCode !== 200) throw new Error(res.body);
}

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, carol, boss, boss2, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '甲员工' }),
    signIn(t, ['staff'], { displayName: '乙员工' }),
    signIn(t, ['staff'], { displayName: '丙员工' }),
    signIn(t, ['manager']),
    signIn(t, ['manager']),
    signIn(t, ['finance']),
  ]);
  const z = await makeZone(t.db);
  const i = await makeIndustry(t.db, { nodes: ['原料', '制造', '应用'] });
  zoneId = z.zone.id;
  industryId = i.industry.id;
  nodeId = i.nodes[1]?.id ?? '';
  const scheme = await call<{ id: string }>(t, {
    method: 'POST',
    url: '/api/performance/schemes',
    payload: {
      name: unique('月度考核'),
      bottomPercent: 10,
      metrics: [
        { metric: 'new_leads', weight: 20, target: 4 },
        { metric: 'visits', weight: 30, target: 2 },
        { metric: 'signed_projects', weight: 30, target: 1 },
        { metric: 'signed_investment', weight: 20, target: 100_000_000 },
      ],
    },
    as: boss,
  });
  if (scheme.statusCode !== 201) throw new Error(scheme.body);
  schemeId = scheme.data.id;

  // Alice: 4 leads, 2 visits (one with Bob present), signs one project credited 2/3 Alice, 1/3 Bob.
  const a = [await lead(alice, 2_000_000), await lead(alice), await lead(alice), await lead(alice)];
  await visit(a[0] as Lead, alice, [bob.user.id]);
  await visit(a[1] as Lead, alice);
  const project = await sign(a[0] as Lead, alice, 150_000_000);
  await call(t, {
    method: 'PUT',
    url: `/api/projects/${project.id}/credits`,
    payload: {
      credits: [
        { staffId: alice.user.id, role: 'owner', shareBp: 6667 },
        { staffId: bob.user.id, role: 'negotiator', shareBp: 3333 },
      ],
    },
    as: boss,
  });
  await verifyContract(project.id, boss2);
  // Bob: 1 lead of his own.
  await lead(bob);
});
afterAll(() => t.close());

const rank = (as: Session, period = month) => call<RankingBody>(t, { method: 'GET', url: `/api/performance?period=${period}&schemeId=${schemeId}`, as });

describe('the ranking', () => {
  it('scales monthly targets to the period scored (a quarter is three months of target)', async () => {
    const q = `${year}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;
    const res = await rank(boss, q);
    const a = res.data.rows.find((r) => r.staffId === alice.user.id);
    expect(a?.metrics.map((m) => m.target)).toEqual([12, 6, 3, 300_000_000]);
    // 20×4/12 + 30×2/6 + 30×0.6667/3 + 20×100,005,000/300,000,000 = 6.6667 + 10 + 6.667 + 6.667 = 30.00
    expect(a?.scoreHundredths).toBe(3000);
  });

  it('scores each metric with credit shares applied, exactly', async () => {
    const res = await rank(boss);
    expect(res.statusCode).toBe(200);
    const a = res.data.rows.find((r) => r.staffId === alice.user.id);
    const b = res.data.rows.find((r) => r.staffId === bob.user.id);
    const c = res.data.rows.find((r) => r.staffId === carol.user.id);
    expect(a?.metrics.map((m) => [m.metric, m.actual])).toEqual([
      ['new_leads', 4],
      ['visits', 2],
      ['signed_projects', 0.6667],
      ['signed_investment', '100005000'], // 150,000,000 × 0.6667, fen as a decimal string (a sum can pass 2^53)
    ]);
    // 20×1 + 30×1 + 30×0.6667 + 20×min(1.00005, 1.5) = 20 + 30 + 20.001 + 20.001 = 90.002 → 90.00
    expect(a?.scoreHundredths).toBe(9000);
    // Bob: 1 of 4 leads (5), 1 visit (15), 0.3333 project (9.999), ¥49,995,000 of ¥100,000,000 (9.999) = 39.998 → 40.00
    expect(b?.metrics.map((m) => m.actual)).toEqual([1, 1, 0.3333, '49995000']);
    expect(b?.scoreHundredths).toBe(4000);
    expect(c?.scoreHundredths).toBe(0);
    expect(c?.bottom).toBe(true);
    expect(a && b && a.rank < b.rank).toBe(true);
    expect(a?.bottom).toBe(false);
  });

  it('equals a direct count of the test data', async () => {
    const res = await rank(boss);
    const a = res.data.rows.find((r) => r.staffId === alice.user.id);
    const from = new Date(`${month}-01T00:00:00+08:00`);
    const [{ n } = { n: 0 }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(leads)
      .where(and(eq(leads.createdBy, alice.user.id), gte(leads.createdAt, from), lt(leads.createdAt, new Date(from.getTime() + 40 * 86_400_000))));
    expect(a?.metrics.find((m) => m.metric === 'new_leads')?.actual).toBe(n);
    const [{ v } = { v: 0 }] = await t.db
      .select({ v: sql<number>`count(*)::int` })
      .from(activities)
      .where(sql`${alice.user.id}::uuid = any(${activities.staffIds}) and ${activities.kind} in ('visit', 'inspection')`);
    expect(a?.metrics.find((m) => m.metric === 'visits')?.actual).toBe(v);
  });

  it('drills down from a figure to the records behind it', async () => {
    const leadsBehind = await call<{ items: { type: string; title: string }[] }>(t, {
      method: 'GET',
      url: `/api/performance/drill?period=${month}&schemeId=${schemeId}&staffId=${alice.user.id}&metric=new_leads`,
      as: boss,
    });
    expect(leadsBehind.data.items).toHaveLength(4);
    const visits = await call<{ items: { type: string }[] }>(t, {
      method: 'GET',
      url: `/api/performance/drill?period=${month}&schemeId=${schemeId}&staffId=${bob.user.id}&metric=visits`,
      as: boss,
    });
    expect(visits.data.items.map((i) => i.type)).toEqual(['activity']);
    const projects = await call<{ items: { type: string; shareBp: number }[] }>(t, {
      method: 'GET',
      url: `/api/performance/drill?period=${month}&schemeId=${schemeId}&staffId=${bob.user.id}&metric=signed_projects`,
      as: boss,
    });
    expect(projects.data.items).toMatchObject([{ type: 'project', shareBp: 3333 }]);
  });

  it("shows staff their own row and rank, never a colleague's", async () => {
    const res = await rank(bob);
    expect(res.statusCode).toBe(200);
    expect(res.data.rows.map((r) => r.staffId)).toEqual([bob.user.id]);
    expect(res.data.staffCount).toBeGreaterThanOrEqual(3);
    const other = await call(t, {
      method: 'GET',
      url: `/api/performance/drill?period=${month}&schemeId=${schemeId}&staffId=${alice.user.id}&metric=new_leads`,
      as: bob,
    });
    expect(other.statusCode).toBe(403);
    // Finance computes performance pay, so it reads the whole ranking.
    expect((await rank(finance)).data.rows.length).toBe((await rank(boss)).data.rows.length);
  });

  it('refuses bad schemes and periods with 400 naming the problem', async () => {
    const bad = await call(t, {
      method: 'POST',
      url: '/api/performance/schemes',
      payload: {
        name: unique('坏'),
        metrics: [
          { metric: 'new_leads', weight: 60, target: 1 },
          { metric: 'visits', weight: 30, target: 1 },
        ],
      },
      as: boss,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).message).toContain('90');
    expect(
      (
        await call(t, {
          method: 'POST',
          url: '/api/performance/schemes',
          payload: { name: unique('x'), metrics: [{ metric: 'new_leads', weight: 100, target: 1 }] },
          as: alice,
        })
      ).statusCode,
    ).toBe(403);
    const period = await call(t, { method: 'GET', url: `/api/performance?period=2026-13&schemeId=${schemeId}`, as: boss });
    expect(period.statusCode).toBe(400);
    expect(errorOf(period).details?.fields?.[0]?.field).toBe('period');
  });

  it('splits a performance-pay pool by score with the largest remainder', async () => {
    const res = await call<{ poolFen: number; parts: { staffId: string; amountFen: number }[] }>(t, {
      method: 'POST',
      url: '/api/performance/pay-pool',
      payload: { period: month, schemeId, baseFen: 1_000_000, gradeMultiplier: 3 },
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.poolFen).toBe(3_000_000);
    expect(res.data.parts.reduce((s, p) => s + p.amountFen, 0)).toBe(3_000_000);
    const a = res.data.parts.find((p) => p.staffId === alice.user.id)?.amountFen ?? 0;
    const b = res.data.parts.find((p) => p.staffId === bob.user.id)?.amountFen ?? 0;
    expect(a).toBeGreaterThan(b); // 90 points against 40
    expect(
      (await call(t, { method: 'POST', url: '/api/performance/pay-pool', payload: { period: month, schemeId, baseFen: 1, gradeMultiplier: 6 }, as: boss }))
        .statusCode,
    ).toBe(400);
    // A period where nobody scored has nothing to share the pool by: a clear 412, not a crash.
    const empty = await call(t, {
      method: 'POST',
      url: '/api/performance/pay-pool',
      payload: { period: '2001-01', schemeId, baseFen: 1_000, gradeMultiplier: 2 },
      as: boss,
    });
    expect(empty.statusCode).toBe(412);
    expect(errorOf(empty).message).toMatch(/Nobody scored/);
    expect(
      (await call(t, { method: 'POST', url: '/api/performance/pay-pool', payload: { period: month, schemeId, baseFen: 1, gradeMultiplier: 1 }, as: alice }))
        .statusCode,
    ).toBe(403);
  });
});

describe('editing a scheme', () => {
  it('a PATCH changes only what was sent: a rename keeps the period, bottom share and per-person targets', async () => {
    const created = await call<{
      id: string;
      version: number;
      targetPeriod: string;
      bottomPercent: number;
      staffTargets: Record<string, Record<string, number>>;
    }>(t, {
      method: 'POST',
      url: '/api/performance/schemes',
      payload: {
        name: unique('季度考核'),
        targetPeriod: 'quarter',
        bottomPercent: 20,
        metrics: [{ metric: 'new_leads', weight: 100, target: 12 }],
        staffTargets: { [alice.user.id]: { new_leads: 30 } },
      },
      as: boss,
    });
    expect(created.statusCode).toBe(201);
    const renamed = await call<typeof created.data & { name: string }>(t, {
      method: 'PATCH',
      url: `/api/performance/schemes/${created.data.id}`,
      payload: { version: created.data.version, name: unique('季度考核改') },
      as: boss,
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.data).toMatchObject({ targetPeriod: 'quarter', bottomPercent: 20, staffTargets: { [alice.user.id]: { new_leads: 30 } } });
    // Per-person targets are set by a PATCH too, and apply in the ranking.
    const targeted = await call<typeof created.data>(t, {
      method: 'PATCH',
      url: `/api/performance/schemes/${created.data.id}`,
      payload: { version: renamed.data.version, staffTargets: { [bob.user.id]: { new_leads: 3 } } },
      as: boss,
    });
    expect(targeted.data).toMatchObject({ targetPeriod: 'quarter', bottomPercent: 20, staffTargets: { [bob.user.id]: { new_leads: 3 } } });
    const q = `${year}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;
    const ranking = await call<RankingBody>(t, { method: 'GET', url: `/api/performance?period=${q}&schemeId=${created.data.id}`, as: boss });
    expect(ranking.data.rows.find((r) => r.staffId === bob.user.id)?.metrics[0]?.target).toBe(3);
    expect(ranking.data.rows.find((r) => r.staffId === alice.user.id)?.metrics[0]?.target).toBe(12);
    const notStaff = await call(t, {
      method: 'PATCH',
      url: `/api/performance/schemes/${created.data.id}`,
      payload: { version: targeted.data.version, staffTargets: { [finance.user.id]: { new_leads: 3 } } },
      as: boss,
    });
    expect(notStaff.statusCode).toBe(400);
    expect(errorOf(notStaff).details?.fields?.[0]?.field).toBe(`staffTargets.${finance.user.id}`);
  });
});

describe('closing a period', () => {
  it('freezes the figures; later changes appear as restatements, not silent edits', async () => {
    const scheme = await call<{ id: string }>(t, {
      method: 'POST',
      url: '/api/performance/schemes',
      payload: { name: unique('冻结'), metrics: [{ metric: 'new_leads', weight: 100, target: 10 }] },
      as: boss,
    });
    const closed = await call<RankingBody>(t, {
      method: 'POST',
      url: '/api/performance/close',
      payload: { period: month, schemeId: scheme.data.id },
      as: boss,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.data.status).toBe('closed');
    const before = closed.data.rows.find((r) => r.staffId === carol.user.id)?.metrics[0]?.actual;
    await lead(carol); // a late entry in the closed month
    const after = await call<RankingBody>(t, { method: 'GET', url: `/api/performance?period=${month}&schemeId=${scheme.data.id}`, as: boss });
    expect(after.data.rows.find((r) => r.staffId === carol.user.id)?.metrics[0]?.actual).toBe(before);
    expect(after.data.restatements).toContainEqual(
      expect.objectContaining({ staffId: carol.user.id, metric: 'new_leads', reported: before, current: Number(before ?? 0) + 1 }),
    );
    expect((await call(t, { method: 'POST', url: '/api/performance/close', payload: { period: month, schemeId: scheme.data.id }, as: boss2 })).statusCode).toBe(
      409,
    );
    expect((await call(t, { method: 'POST', url: '/api/performance/close', payload: { period: month, schemeId: scheme.data.id }, as: alice })).statusCode).toBe(
      403,
    );
  });
});

describe('the dashboard', () => {
  it("equals direct counts: the zone's actuals, the month's trend, the chain view", async () => {
    await call(t, {
      method: 'PUT',
      url: '/api/dashboard/targets',
      payload: { year: Number(year), targets: [{ zoneId, metric: 'signed_investment', target: 500_000_000, note: '2025目标：固定资产投资增速≥20%' }] },
      as: boss,
    });
    const countMonth = async () =>
      (
        await t.db
          .select({ n: sql<number>`count(*)::int` })
          .from(leads)
          .where(sql`to_char(${leads.createdAt} at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}`)
      )[0]?.n ?? 0;
    // Other test files may add leads meanwhile (one shared server database): bracket the dashboard's count.
    const nBefore = await countMonth();
    const res = await call<{
      zones: { zoneId: string; targets: Record<string, number | null>; actuals: Record<string, number | string> }[];
      trend: { month: string; newLeads: number; signedProjects: number }[];
      chain: { industryId: string; nodes: { nodeId: string; projects: number; leads: number; gap: boolean }[] }[];
      funnel: { steps: { step: string; count: number }[] };
      ranking: unknown;
    }>(t, { method: 'GET', url: `/api/dashboard?year=${year}&schemeId=${schemeId}`, as: boss });
    const nAfter = await countMonth();
    expect(res.statusCode).toBe(200);
    const zone = res.data.zones.find((z) => z.zoneId === zoneId);
    expect(zone?.targets.signed_investment).toBe(500_000_000);
    expect(zone?.actuals).toMatchObject({ signed_investment: '150000000', new_projects: 1 });
    const trendCount = res.data.trend.find((m) => m.month === month)?.newLeads ?? -1;
    expect(trendCount).toBeGreaterThanOrEqual(nBefore);
    expect(trendCount).toBeLessThanOrEqual(nAfter);
    const chain = res.data.chain.find((c) => c.industryId === industryId);
    expect(chain?.nodes.map((x) => [x.projects, x.gap])).toEqual([
      [0, true],
      [1, false],
      [0, true],
    ]);
    const [{ onNode } = { onNode: 0 }] = await t.db
      .select({ onNode: sql<number>`count(*)::int` })
      .from(leads)
      .where(sql`${leads.chainNodeId} = ${nodeId} and ${leads.stage} <> 'lost'`);
    expect(chain?.nodes[1]?.leads).toBe(onNode);
    expect(onNode).toBeGreaterThanOrEqual(5);
    expect(res.data.ranking).not.toBeNull();
    // 亩产: a verified annual output of ¥1,000,000,000,000.00 on the project's 50 亩 is ¥20,000,000,000.00 per 亩
    // (large on purpose, so it tops the twenty best even on a database other tests share).
    const projectsInZone = await call<{ items: { id: string }[] }>(t, { method: 'GET', url: `/api/projects?zoneId=${zoneId}`, as: boss });
    const projectId = projectsInZone.data.items[0]?.id ?? '';
    const reported = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${projectId}/figures`,
      payload: { kind: 'annual_output', amountFen: 100_000_000_000_000, asOf: today() },
      as: alice,
    });
    await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${reported.data.figures[0]?.id}/verify`, as: boss });
    const withOutput = await call<{ perMu: { projectId: string; outputFenPerMu: string | null }[] }>(t, {
      method: 'GET',
      url: `/api/dashboard?year=${year}`,
      as: boss,
    });
    expect(withOutput.data.perMu.find((p) => p.projectId === projectId)?.outputFenPerMu).toBe('2000000000000');
    expect((await call(t, { method: 'GET', url: `/api/dashboard?year=${year}`, as: alice })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: `/api/dashboard?year=${year}&schemeId=${crypto.randomUUID()}`, as: boss })).statusCode).toBe(404);
    // Saving a target again without a note keeps the note.
    await call(t, {
      method: 'PUT',
      url: '/api/dashboard/targets',
      payload: { year: Number(year), targets: [{ zoneId, metric: 'signed_investment', target: 600_000_000 }] },
      as: boss,
    });
    const again = await call<{ zones: { zoneId: string; targets: Record<string, number | null>; notes: Record<string, string | null> }[] }>(t, {
      method: 'GET',
      url: `/api/dashboard?year=${year}`,
      as: boss,
    });
    const z2 = again.data.zones.find((z) => z.zoneId === zoneId);
    expect([z2?.targets.signed_investment, z2?.notes.signed_investment]).toEqual([600_000_000, '2025目标：固定资产投资增速≥20%']);
  });
});

describe('the monthly and quarterly reports', () => {
  it('lists the zone’s new leads, signed and landed projects with totals equal to a direct count', async () => {
    const res = await call<{ title: string; newLeads: unknown[]; signed: { contractInvestmentFen: number }[]; totals: Record<string, number | string> }>(t, {
      method: 'GET',
      url: `/api/reports/monthly?month=${month}&zoneId=${zoneId}`,
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.title).toContain('月调度');
    const [{ n, fen } = { n: 0, fen: '0' }] = await t.db
      .select({ n: sql<number>`count(*)::int`, fen: sql<string>`sum(${leads.estimatedInvestmentFen})::text` })
      .from(leads)
      .where(eq(leads.zoneId, zoneId));
    expect(res.data.totals).toMatchObject({ newLeads: n, newLeadsInvestmentFen: fen, signedProjects: 1, signedInvestmentFen: '150000000' });
    const q = `${year}-Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;
    const quarterly = await call<{ title: string; totals: Record<string, number> }>(t, {
      method: 'GET',
      url: `/api/reports/quarterly?quarter=${q}&zoneId=${zoneId}`,
      as: boss,
    });
    expect(quarterly.data.title).toMatch(/季度汇报$/);
    expect(quarterly.data.totals.newLeads).toBe(n);
  });

  it('as .xlsx: opens, and its totals equal the on-screen ones', async () => {
    const json = await call<{ totals: { newLeads: number; newLeadsInvestmentFen: string; signedProjects: number }; newLeads: unknown[] }>(t, {
      method: 'GET',
      url: `/api/reports/monthly?month=${month}&zoneId=${zoneId}`,
      as: boss,
    });
    const res = await t.app.inject({ method: 'GET', url: `/api/reports/monthly?month=${month}&zoneId=${zoneId}&format=xlsx`, headers: boss.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(String(sheet?.getCell('A1').value)).toContain('招商引资月调度报告');
    const totals: (string | number)[][] = [];
    sheet?.eachRow((row) => {
      if (row.getCell(1).value === '合计') totals.push((row.values as (string | number)[]).slice(1));
    });
    // New leads total: count and 万元; signed total: count and 万元.
    expect(totals[0]?.[1]).toBe(`${json.data.totals.newLeads}条`);
    expect(totals[0]?.[5]).toBe(Math.round(Number(json.data.totals.newLeadsInvestmentFen) / 10_000) / 100);
    expect(totals[1]?.[1]).toBe(`${json.data.totals.signedProjects}个`);
    expect(totals[1]?.[4]).toBe(150);
    const accept = await t.app.inject({
      method: 'GET',
      url: `/api/reports/monthly?month=${month}`,
      headers: { ...boss.headers, accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    expect(accept.headers['content-type']).toContain('spreadsheetml');
  });

  it('is refused to staff and validates the period', async () => {
    expect((await call(t, { method: 'GET', url: `/api/reports/monthly?month=${month}`, as: alice })).statusCode).toBe(403);
    const bad = await call(t, { method: 'GET', url: '/api/reports/monthly?month=2026-13', as: boss });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).details?.fields?.[0]?.field).toBe('month');
    expect((await call(t, { method: 'GET', url: `/api/reports/monthly?month=${month}`, as: finance })).statusCode).toBe(200);
  });
});

describe('the dashboard’s year', () => {
  it('shows the investment and output verified for the chosen year, not the latest whatever the year', async () => {
    const lastYear = String(Number(year) - 1);
    const l = await lead(carol);
    const p = await sign(l, carol, 1_000_000);
    const report = async (kind: string, amountFen: number, asOf: string) => {
      const r = await call<ProjectDetail>(t, { method: 'POST', url: `/api/projects/${p.id}/figures`, payload: { kind, amountFen, asOf }, as: carol });
      const id = r.data.figures.find((f) => !f.verified && f.kind === kind && f.amountFen === amountFen)?.id;
      expect((await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${id}/verify`, as: boss })).statusCode).toBe(200);
    };
    const before = async (y: string) =>
      (
        await call<{ zones: { zoneId: string; actuals: Record<string, string | number> }[] }>(t, { method: 'GET', url: `/api/dashboard?year=${y}`, as: boss })
      ).data.zones.find((z) => z.zoneId === zoneId)?.actuals;
    const [thisBefore, lastBefore] = [await before(year), await before(lastYear)];
    await report('annual_output', 700_000_000, `${lastYear}-12-31`);
    await report('actual_fixed_asset_investment', 300_000_000, `${lastYear}-06-30`);
    await report('annual_output', 900_000_000, today());
    const [thisAfter, lastAfter] = [await before(year), await before(lastYear)];
    const grew = (a: Record<string, string | number> | undefined, b: Record<string, string | number> | undefined, key: string) =>
      BigInt(b?.[key] ?? 0) - BigInt(a?.[key] ?? 0);
    expect(grew(lastBefore, lastAfter, 'annual_output')).toBe(700_000_000n);
    expect(grew(lastBefore, lastAfter, 'fixed_asset_investment')).toBe(300_000_000n);
    expect(grew(thisBefore, thisAfter, 'annual_output')).toBe(900_000_000n);
    expect(grew(thisBefore, thisAfter, 'fixed_asset_investment')).toBe(0n);
  });
});
