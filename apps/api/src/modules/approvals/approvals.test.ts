import { approvalItems } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { addWorkingDays, type ApprovalItem, type ApprovalKind, type Lead, type ProjectDetail } from '@crm/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, type Session, signIn, startTestApp, type TestApp, today } from '../../test/harness.ts';

// Issue 14, policy 二(四)5: approval items with 容缺 / 告知承诺, working-day clocks, overdue, averages.
let t: TestApp;
let alice: Session;
let bob: Session;
let boss: Session;
let admin: Session;
let zoneId: string;
let industryId: string;
let kinds: ApprovalKind[];

beforeAll(async () => {
  t = await startTestApp();
  [alice, bob, boss, admin] = await Promise.all([
    signIn(t, ['staff'], { displayName: '审批甲' }),
    signIn(t, ['staff']),
    signIn(t, ['manager']),
    signIn(t, ['admin']),
  ]);
  zoneId = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;
  const res = await call<{ items: ApprovalKind[] }>(t, { method: 'GET', url: '/api/approval-kinds', as: alice });
  kinds = res.data.items;
});
afterAll(() => t.close());

async function project(as: Session = alice) {
  const lead = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('审批')}有限公司`, channel: 'direct', zoneId, industryId, estimatedInvestmentFen: 1 },
    as,
  });
  const res = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${lead.data.id}/sign`,
    payload: { signedOn: daysAgo(60), contractInvestmentFen: 1_000_000, zoneId, industryId },
    as,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}
const kind = (code: string) => {
  const k = kinds.find((x) => x.code === code);
  if (!k) throw new Error(`no kind ${code}`);
  return k;
};
const submit = (projectId: string, kindId: string, submittedOn: string, as: Session = alice) =>
  call<ApprovalItem>(t, { method: 'POST', url: `/api/projects/${projectId}/approvals`, payload: { kindId, submittedOn }, as });
const accept = (item: ApprovalItem, body: Record<string, unknown>, as: Session = alice) =>
  call<ApprovalItem>(t, { method: 'POST', url: `/api/approvals/${item.id}/accept`, payload: { version: item.version, ...body }, as });
const decide = (item: ApprovalItem, decidedOn: string, outcome = 'approved', as: Session = alice) =>
  call<ApprovalItem>(t, { method: 'POST', url: `/api/approvals/${item.id}/decide`, payload: { version: item.version, decidedOn, outcome }, as });

describe('the catalogue', () => {
  it('ships the usual kinds with the target half the statutory days, and only an admin edits it', async () => {
    expect(kinds.map((k) => k.name)).toEqual(expect.arrayContaining(['立项/备案', '用地', '规划许可', '施工许可', '环评', '能评']));
    for (const k of kinds) expect(k.targetWorkingDays).toBe(Math.ceil(k.statutoryWorkingDays / 2));
    const byManager = await call(t, {
      method: 'POST',
      url: '/api/approval-kinds',
      payload: { code: unique('x').replace(/\W/g, '').toLowerCase() || 'xx', name: '消防', statutoryWorkingDays: 10 },
      as: boss,
    });
    expect(byManager.statusCode).toBe(403);
    const code = `fire_${Date.now() % 100000}`;
    const made = await call<ApprovalKind>(t, {
      method: 'POST',
      url: '/api/approval-kinds',
      payload: { code, name: '消防审验', statutoryWorkingDays: 15 },
      as: admin,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.data.targetWorkingDays).toBe(8);
    expect(
      (await call(t, { method: 'POST', url: '/api/approval-kinds', payload: { code, name: '重复', statutoryWorkingDays: 15 }, as: admin })).statusCode,
    ).toBe(409);
    const over = await call(t, { method: 'PATCH', url: `/api/approval-kinds/${made.data.id}`, payload: { targetWorkingDays: 16 }, as: admin });
    expect(over.statusCode).toBe(400);
    const edited = await call<ApprovalKind>(t, {
      method: 'PATCH',
      url: `/api/approval-kinds/${made.data.id}`,
      payload: { statutoryWorkingDays: 20 },
      as: admin,
    });
    expect(edited.data).toMatchObject({ statutoryWorkingDays: 20, targetWorkingDays: 10, name: '消防审验', active: true });
    await call(t, { method: 'PATCH', url: `/api/approval-kinds/${made.data.id}`, payload: { active: false }, as: admin });
    const p = await project();
    const inactive = await submit(p.id, made.data.id, today());
    expect(inactive.statusCode).toBe(400);
  });
});

describe('an item’s lifecycle', () => {
  it('runs submitted → 容缺 accepted → documents → approved, with clocks in working days', async () => {
    const p = await project();
    const k = kind('construction_permit');
    // Bob neither owns nor is credited on Alice's project.
    expect((await submit(p.id, k.id, daysAgo(20), bob)).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: `/api/projects/${p.id}/approvals`, as: bob })).statusCode).toBe(403);
    const submitted = await submit(p.id, k.id, daysAgo(20));
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.data).toMatchObject({ status: 'submitted', acceptedOn: null, statutoryDueOn: null, overdue: false });
    // 容缺 needs the missing documents and their deadline.
    const noDocs = await accept(submitted.data, { acceptedOn: daysAgo(19), mode: 'deficient' });
    expect(noDocs.statusCode).toBe(400);
    expect(errorOf(noDocs).details?.fields?.[0]?.code).toBe('MISSING_DOCUMENTS_NEEDED');
    const noDue = await accept(submitted.data, { acceptedOn: daysAgo(19), mode: 'deficient', missingDocuments: '消防设计文件' });
    expect(errorOf(noDue).details?.fields?.[0]?.code).toBe('MISSING_DUE_NEEDED');
    const early = await accept(submitted.data, { acceptedOn: daysAgo(21), mode: 'complete' });
    expect(errorOf(early).details?.fields?.[0]?.code).toBe('BEFORE_PREVIOUS_STEP');
    const accepted = await accept(submitted.data, { acceptedOn: daysAgo(19), mode: 'deficient', missingDocuments: '消防设计文件', missingDueOn: daysAgo(5) });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.data).toMatchObject({
      status: 'accepted',
      acceptance: 'deficient',
      missingDueOn: daysAgo(5),
      statutoryDueOn: addWorkingDays(daysAgo(19), k.statutoryWorkingDays),
      targetDueOn: addWorkingDays(daysAgo(19), k.targetWorkingDays),
      documentsOverdue: true,
      overdue: true,
    });
    // 19 calendar days hold at least 13 working days: past the permit's 7 statutory days.
    expect(accepted.data.elapsedWorkingDays).toBeGreaterThanOrEqual(13);
    // The overdue list names it for Alice and for a manager, not for Bob.
    const mine = await call<{ items: ApprovalItem[] }>(t, { method: 'GET', url: '/api/approvals/overdue', as: alice });
    expect(mine.data.items.map((i) => i.id)).toContain(accepted.data.id);
    expect((await call<{ items: ApprovalItem[] }>(t, { method: 'GET', url: '/api/approvals/overdue', as: boss })).data.items.map((i) => i.id)).toContain(
      accepted.data.id,
    );
    expect((await call<{ items: ApprovalItem[] }>(t, { method: 'GET', url: '/api/approvals/overdue', as: bob })).data.items.map((i) => i.id)).not.toContain(
      accepted.data.id,
    );
    // The scheduler tells the project's owner once (a second scan adds nothing), and the message opens the project.
    await t.app.scheduler.tick();
    await t.app.scheduler.tick();
    const inbox = await call<{ items: { kind: string; subjectId: string; link: string; params: Record<string, unknown> }[] }>(t, {
      method: 'GET',
      url: '/api/inbox?limit=200',
      as: alice,
    });
    const told = inbox.data.items.filter((n) => n.kind === 'approval_item_overdue' && n.subjectId === accepted.data.id);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ link: `/projects/${p.id}`, params: { why: 'documents', dueOn: daysAgo(5) } });
    // An approval waits for the documents owed; a stale version is refused.
    const tooSoon = await decide(accepted.data, daysAgo(2));
    expect(tooSoon.statusCode).toBe(412);
    expect(errorOf(tooSoon).reason).toBe('APPROVAL_DOCUMENTS_MISSING');
    expect((await decide(submitted.data, daysAgo(2))).statusCode).toBe(409);
    const docs = await call<ApprovalItem>(t, {
      method: 'POST',
      url: `/api/approvals/${accepted.data.id}/documents`,
      payload: { version: accepted.data.version, on: daysAgo(4) },
      as: alice,
    });
    expect(docs.statusCode, docs.body).toBe(200);
    expect(docs.data).toMatchObject({ documentsCompletedOn: daysAgo(4), documentsOverdue: false });
    const done = await decide(docs.data, daysAgo(2));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.data).toMatchObject({ status: 'approved', decidedOn: daysAgo(2), overdue: false, overTarget: true });
    expect((await decide(done.data, daysAgo(1))).statusCode).toBe(409);
    const list = await call<{ items: ApprovalItem[] }>(t, { method: 'GET', url: `/api/projects/${p.id}/approvals`, as: boss });
    expect(list.data.items).toHaveLength(1);
    const audit = await call<{ items: { action: string }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=approval_item&entityId=${done.data.id}`,
      as: boss,
    });
    expect(audit.data.items.map((e) => e.action).sort()).toEqual(['approval.accept', 'approval.decide', 'approval.documents', 'approval.submit']);
  });

  it('告知承诺 and a rejection need no documents; a future date is refused', async () => {
    const p = await project();
    const item = await submit(p.id, kind('energy').id, today());
    expect((await accept(item.data, { acceptedOn: addWorkingDays(today(), 3), mode: 'commitment' })).statusCode).toBe(400);
    const accepted = await accept(item.data, { acceptedOn: today(), mode: 'commitment' });
    expect(accepted.data).toMatchObject({ acceptance: 'commitment', missingDocuments: null, overdue: false, elapsedWorkingDays: 0 });
    const rejected = await decide(accepted.data, today(), 'rejected', boss);
    expect(rejected.data).toMatchObject({ status: 'rejected', overdue: false });
  });
});

describe('average approval time', () => {
  it('averages working days per kind and zone against statutory and target, on known data', async () => {
    const zone2 = await makeZone(t.db);
    const lead = await call<Lead>(t, {
      method: 'POST',
      url: '/api/leads',
      payload: { companyName: `${unique('均值')}有限公司`, channel: 'direct', zoneId: zone2.zone.id, industryId, estimatedInvestmentFen: 1 },
      as: alice,
    });
    const p = (
      await call<ProjectDetail>(t, {
        method: 'POST',
        url: `/api/leads/${lead.data.id}/sign`,
        payload: { signedOn: daysAgo(60), contractInvestmentFen: 1, zoneId: zone2.zone.id, industryId },
        as: alice,
      })
    ).data;
    const k = kind('environmental'); // 30 statutory, 15 target
    // Known Mondays in the past: 2025-03-03 + 10 working days and + 35 working days.
    const spans: [string, number][] = [
      ['2025-03-03', 10],
      ['2025-03-03', 35],
      ['2025-06-02', 15],
    ];
    for (const [from, n] of spans) {
      const s = await submit(p.id, k.id, from);
      await t.db
        .update(approvalItems)
        .set({ status: 'approved', acceptance: 'complete', acceptedOn: from, decidedOn: addWorkingDays(from, n) })
        .where(eq(approvalItems.id, s.data.id));
    }
    // A rejection also counts as decided; an open item does not.
    await submit(p.id, k.id, '2025-07-01');
    const res = await call<{
      items: {
        kindId: string;
        zoneId: string;
        decided: number;
        averageWorkingDays: string;
        statutoryWorkingDays: number;
        targetWorkingDays: number;
        withinTarget: number;
        overStatutory: number;
      }[];
    }>(t, {
      method: 'GET',
      url: `/api/reports/approval-times?zoneId=${zone2.zone.id}&from=2025-01-01&to=2025-12-31`,
      as: boss,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.data.items).toEqual([
      {
        kindId: k.id,
        kindName: '环评',
        zoneId: zone2.zone.id,
        zoneName: zone2.zone.name,
        decided: 3,
        averageWorkingDays: '20.0',
        statutoryWorkingDays: 30,
        targetWorkingDays: 15,
        withinTarget: 2,
        overStatutory: 1,
      },
    ]);
    const half = await call<{ items: { averageWorkingDays: string }[] }>(t, {
      method: 'GET',
      url: `/api/reports/approval-times?zoneId=${zone2.zone.id}&from=2025-01-01&to=2025-05-31`,
      as: boss,
    });
    expect(half.data.items[0]?.averageWorkingDays).toBe('22.5');
    expect((await call(t, { method: 'GET', url: '/api/reports/approval-times', as: alice })).statusCode).toBe(403);
  });
});
