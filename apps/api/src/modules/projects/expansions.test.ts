import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { DuplicateLeadConflict, type Lead, type ProjectDetail } from '@crm/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

// Issue 14: a company already here gets a second project (增资扩产) linked to its first; sums count its increase once.
let t: TestApp;
let alice: Session;
let carol: Session;
let bob: Session;
let boss: Session;
let boss2: Session;
let zoneA: string;
let zoneB: string;
let parkB: string;
let industryId: string;
let schemeId: string;
const year = () => Number(today().slice(0, 4));
const month = () => today().slice(0, 7);

beforeAll(async () => {
  t = await startTestApp();
  [alice, carol, bob, boss, boss2] = await Promise.all([
    signIn(t, ['staff'], { displayName: '扩产甲' }),
    signIn(t, ['staff'], { displayName: '扩产丙' }),
    signIn(t, ['staff'], { displayName: '扩产乙' }),
    signIn(t, ['manager']),
    signIn(t, ['manager']),
  ]);
  zoneA = (await makeZone(t.db)).zone.id;
  const b = await makeZone(t.db);
  zoneB = b.zone.id;
  parkB = b.park.id;
  industryId = (await makeIndustry(t.db)).industry.id;
  const scheme = await call<{ id: string }>(t, {
    method: 'POST',
    url: '/api/performance/schemes',
    payload: { name: unique('扩产考核'), bottomPercent: 10, metrics: [{ metric: 'signed_investment', weight: 100, target: 100_000_000 }] },
    as: boss,
  });
  if (scheme.statusCode !== 201) throw new Error(scheme.body);
  schemeId = scheme.data.id;
});
afterAll(() => t.close());

async function signedProject(as: Session, fen: number, zoneId = zoneA) {
  const lead = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('扩产')}有限公司`, channel: 'direct', zoneId, industryId, estimatedInvestmentFen: 1_000_000 },
    as,
  });
  if (lead.statusCode !== 201) throw new Error(lead.body);
  const res = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${lead.data.id}/sign`,
    payload: { signedOn: today(), contractInvestmentFen: fen, zoneId, industryId },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return { lead: lead.data, project: res.data };
}

async function verifyContract(projectId: string, as: Session) {
  const detail = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${projectId}`, as });
  const figure = detail.data.figures.find((f) => f.kind === 'contract_investment' && !f.verified);
  const res = await call(t, { method: 'POST', url: `/api/projects/${projectId}/figures/${figure?.id}/verify`, as });
  if (res.statusCode !== 200) throw new Error(res.body);
}

const zoneActuals = async (zoneId: string) => {
  const res = await call<{ zones: { zoneId: string; actuals: { signed_investment: string; new_projects: number } }[] }>(t, {
    method: 'GET',
    url: `/api/dashboard?year=${year()}&schemeId=${schemeId}`,
    as: boss,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.data.zones.find((z) => z.zoneId === zoneId)?.actuals;
};

describe('a company already here (增资扩产)', () => {
  it('a second lead for a signed company is refused with the expansion path, not the public pool', async () => {
    const { lead, project } = await signedProject(alice, 100_000_000);
    const again = await call(t, {
      method: 'POST',
      url: '/api/leads',
      payload: { companyName: lead.companyName, channel: 'direct', zoneId: zoneA, industryId, estimatedInvestmentFen: 5 },
      as: carol,
    });
    expect(again.statusCode).toBe(409);
    const e = errorOf(again);
    expect(e.reason).toBe('LEAD_DUPLICATE_SIGNED');
    expect(e.message).not.toMatch(/public pool/);
    expect(e.message).toMatch(/expansion/);
    expect(e.details).toMatchObject({ projectId: project.id, expansion: true });
    // Carol's report of the company is logged against the first one (首报): the details name it, as the contract says.
    expect(DuplicateLeadConflict.parse(again.json())).toEqual(again.json());
    expect(e.details).toHaveProperty('laterReportId', expect.stringMatching(/^[0-9a-f-]{36}$/));
    const zh = await t.app.inject({
      method: 'POST',
      url: '/api/leads',
      headers: { ...carol.headers, 'accept-language': 'zh-CN' },
      payload: { companyName: lead.companyName, channel: 'direct', zoneId: zoneA, industryId, estimatedInvestmentFen: 5 },
    });
    expect(errorOf(zh).message).toContain('登记增资扩产');
    expect(errorOf(zh).message).not.toContain('公海');
  });

  it('records the expansion as a new project linked to the first, counted once and only its increase', async () => {
    const { project: parent } = await signedProject(alice, 100_000_000);
    // Carol cannot read Alice's project, so she cannot hang an expansion on it.
    const refused = await call(t, {
      method: 'POST',
      url: `/api/projects/${parent.id}/expansions`,
      payload: { kind: 'expansion', signedOn: today(), contractInvestmentFen: 30_000_000 },
      as: carol,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await call(t, {
      method: 'POST',
      url: `/api/projects/${parent.id}/expansions`,
      payload: { kind: 'new', signedOn: today(), contractInvestmentFen: 30_000_000 },
      as: alice,
    });
    expect(bad.statusCode).toBe(400);
    const before = await zoneActuals(zoneA);
    const res = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${parent.id}/expansions`,
      payload: { kind: 'expansion', signedOn: today(), contractInvestmentFen: 30_000_000 },
      as: alice,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.data).toMatchObject({
      kind: 'expansion',
      parentProjectId: parent.id,
      leadId: parent.leadId,
      contractInvestmentFen: 30_000_000,
      zoneId: zoneA,
      ownerId: alice.user.id,
      parent: { id: parent.id },
    });
    expect(res.data.name).toContain('增资扩产');
    // An expansion registered on the expansion still hangs on the company's first project.
    const second = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${res.data.id}/expansions`,
      payload: { kind: 'tech_upgrade', signedOn: today(), contractInvestmentFen: 1_000 },
      as: alice,
    });
    expect(second.data.parentProjectId).toBe(parent.id);
    const p = await call<ProjectDetail>(t, { method: 'GET', url: `/api/projects/${parent.id}`, as: alice });
    expect(p.data.contractInvestmentFen).toBe(100_000_000);
    expect(p.data.expansions.map((e) => [e.kind, e.contractInvestmentFen])).toEqual([
      ['expansion', 30_000_000],
      ['tech_upgrade', 1_000],
    ]);
    const after = await zoneActuals(zoneA);
    expect(BigInt(after!.signed_investment) - BigInt(before!.signed_investment)).toBe(30_001_000n);
    expect(after!.new_projects - before!.new_projects).toBe(2);
    const audit = await call<{ items: { action: string; entityId: string }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=project&entityId=${res.data.id}`,
      as: boss,
    });
    expect(audit.data.items.map((e) => e.action)).toContain('project.expansion');
  });

  it('the ranking credits the expansion to whoever brought it, with only the increase, once verified', async () => {
    const { project: parent } = await signedProject(bob, 200_000_000);
    await verifyContract(parent.id, boss);
    // Bob's colleague on the parent brings the expansion: the manager credits Carol on the parent so she may register.
    await call(t, {
      method: 'PUT',
      url: `/api/projects/${parent.id}/credits`,
      payload: {
        credits: [
          { staffId: bob.user.id, role: 'owner', shareBp: 9000 },
          { staffId: carol.user.id, role: 'service', shareBp: 1000 },
        ],
      },
      as: boss,
    });
    const exp = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${parent.id}/expansions`,
      payload: { kind: 'expansion', signedOn: today(), contractInvestmentFen: 50_000_000 },
      as: carol,
    });
    expect(exp.statusCode, exp.body).toBe(201);
    expect(exp.data.ownerId).toBe(carol.user.id);
    await verifyContract(exp.data.id, boss2);
    const ranking = await call<{ rows: { staffId: string; metrics: { metric: string; actual: number | string }[] }[] }>(t, {
      method: 'GET',
      url: `/api/performance?period=${month()}&schemeId=${schemeId}`,
      as: boss,
    });
    expect(ranking.statusCode, ranking.body).toBe(200);
    const actual = (s: Session) =>
      Number(ranking.data.rows.find((r) => r.staffId === s.user.id)?.metrics.find((m) => m.metric === 'signed_investment')?.actual);
    // Carol: 10 % of the parent (20,000,000) + all of the increase (50,000,000); Bob: 90 % of the parent only.
    expect(actual(carol)).toBe(70_000_000);
    expect(actual(bob)).toBe(180_000_000);
    // The funnel converts leads: the expansion is not a second signing of Bob's lead.
    const funnel = await call<{ steps: { step: string; count: number }[] }>(t, { method: 'GET', url: `/api/pipeline/funnel?ownerId=${bob.user.id}`, as: boss });
    expect(funnel.data.steps.find((s) => s.step === 'signed')?.count).toBe(1);
  });

  it('moves a project between zones only by an audited manager transfer with a reason, and the credit moves', async () => {
    const { project } = await signedProject(alice, 70_000_000);
    const a0 = await zoneActuals(zoneA);
    const b0 = await zoneActuals(zoneB);
    const staffTry = await call(t, {
      method: 'POST',
      url: `/api/projects/${project.id}/transfer`,
      payload: { zoneId: zoneB, reason: '企业选址变更', version: project.version },
      as: alice,
    });
    expect(staffTry.statusCode).toBe(403);
    const noReason = await call(t, {
      method: 'POST',
      url: `/api/projects/${project.id}/transfer`,
      payload: { zoneId: zoneB, reason: ' ', version: project.version },
      as: boss,
    });
    expect(noReason.statusCode).toBe(400);
    const same = await call(t, {
      method: 'POST',
      url: `/api/projects/${project.id}/transfer`,
      payload: { zoneId: zoneA, reason: '无变化', version: project.version },
      as: boss,
    });
    expect(same.statusCode).toBe(400);
    const stale = await call(t, {
      method: 'POST',
      url: `/api/projects/${project.id}/transfer`,
      payload: { zoneId: zoneB, reason: '企业选址变更', version: project.version - 1 },
      as: boss,
    });
    expect(stale.statusCode).toBe(409);
    // An edit cannot move it: the zone is not an editable field.
    const patch = await call<ProjectDetail>(t, {
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      payload: { version: project.version, zoneId: zoneB },
      as: boss,
    });
    expect(patch.data.zoneId).toBe(zoneA);
    const res = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/projects/${project.id}/transfer`,
      payload: { zoneId: zoneB, parkId: parkB, reason: '企业选址变更到乙区', version: patch.data.version },
      as: boss,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data).toMatchObject({ zoneId: zoneB, parkId: parkB });
    expect(res.data.transfers).toHaveLength(1);
    expect(res.data.transfers[0]).toMatchObject({ fromZoneId: zoneA, toZoneId: zoneB, reason: '企业选址变更到乙区', transferredBy: boss.user.id });
    const a1 = await zoneActuals(zoneA);
    const b1 = await zoneActuals(zoneB);
    expect(BigInt(a0!.signed_investment) - BigInt(a1!.signed_investment)).toBe(70_000_000n);
    expect(BigInt(b1!.signed_investment) - BigInt(b0!.signed_investment)).toBe(70_000_000n);
    const audit = await call<{ items: { action: string; after: Record<string, unknown> }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=project&entityId=${project.id}`,
      as: boss,
    });
    expect(audit.data.items.find((e) => e.action === 'project.transfer')?.after).toMatchObject({ zoneId: zoneB, reason: '企业选址变更到乙区' });
  });

  it('names the project company and taxpayer with credit codes checked like a lead’s', async () => {
    const { project } = await signedProject(alice, 10_000_000);
    const wrong = await call(t, {
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      payload: { version: project.version, projectCompanyName: '某某（苏州）科技有限公司', projectCompanyCreditCode: '9144030071526726XA' },
      as: alice,
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.fields?.map((f) => f.field)).toContain('projectCompanyCreditCode');
    const ok = await call<ProjectDetail>(t, {
      method: 'PATCH',
      url: `/api/projects/${project.id}`,
      payload: {
        version: project.version,
        projectCompanyName: '某某（苏州）科技有限公司',
        projectCompanyCreditCode: '9144030071526726xg',
        taxpayerName: '某某（苏州）科技有限公司',
        taxpayerCreditCode: '9144030071526726XG',
      },
      as: alice,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.data).toMatchObject({
      projectCompanyName: '某某（苏州）科技有限公司',
      projectCompanyCreditCode: '9144030071526726XG',
      taxpayerCreditCode: '9144030071526726XG',
    });
    const other = await call(t, { method: 'PATCH', url: `/api/projects/${project.id}`, payload: { version: ok.data.version, taxpayerName: 'x' }, as: bob });
    expect(other.statusCode).toBe(403);
  });
});
