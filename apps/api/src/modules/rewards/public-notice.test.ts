import { zoneIndustries } from '@crm/db';
import { makeAgent, makeAgreement, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import {
  addDays,
  addWorkingDays,
  clockFrom,
  DEFAULT_TIME_ZONE,
  type Calculation,
  type Lead,
  type Notification,
  type NoticeItem,
  type Objection,
  type Policy,
  type ProjectDetail,
  type ProjectLedger,
  type Recovery,
  zoneDate,
} from '@crm/shared';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, fileClock, LONG_SESSIONS, type Session, signIn, startTestApp, type TestApp } from '../../test/harness.ts';

/*
 * 公示 and 追回 (issue 14) through the real API. The app runs on a clock of its own that starts at the harness's
 * "now" (TEST_CLOCK_AT in CI) and that the tests move forward by days to end a notice window.
 */

const clock = clockFrom(fileClock.now());
let t: TestApp;
let staff: Session;
let manager: Session;
let manager2: Session;
let finance: Session;
let admin: Session;
let refs: { zoneId: string; industryId: string; agentId: string };

const today = () => zoneDate(clock.now(), DEFAULT_TIME_ZONE);
const daysAgo = (n: number) => addDays(today(), -n);
/** Moves the app's clock to noon (zone time) of a date. */
const moveTo = (date: string) => clock.set(`${date}T12:00:00+08:00`);

beforeAll(async () => {
  t = await startTestApp({ config: { clock, ...LONG_SESSIONS } });
  [staff, manager, manager2, finance, admin] = await Promise.all([
    signIn(t, ['staff'], { displayName: '招商丙' }),
    signIn(t, ['manager'], { displayName: '经理丙' }),
    signIn(t, ['manager'], { displayName: '经理丁' }),
    signIn(t, ['finance'], { displayName: '财务丙' }),
    signIn(t, ['admin']),
  ]);
  const { zone } = await makeZone(t.db);
  const { industry } = await makeIndustry(t.db);
  await t.db.insert(zoneIndustries).values({ zoneId: zone.id, industryId: industry.id, kind: 'leading' });
  const agent = await makeAgent(t.db, staff.user.id, { name: unique('中介') });
  await makeAgreement(t.db, agent.id);
  refs = { zoneId: zone.id, industryId: industry.id, agentId: agent.id };
});
afterAll(() => t.close());

async function policy(notice: { noticeThresholdFen?: number | null; noticeWorkingDays?: number } = {}) {
  const res = await call<Policy>(t, {
    method: 'POST',
    url: '/api/policies',
    payload: { name: unique('公示奖励'), kind: 'agent_reward', version: { ...workedExampleVersionJson, effectiveFrom: '2020-01-01' }, ...notice },
    as: admin,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

/** A signed project at construction start with a verified ¥60,000,000 fixed-asset investment: ¥264,000.00 due. */
async function project(owner: Session = staff) {
  const lead = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('公示')}有限公司`, channel: 'agency', agentId: refs.agentId, zoneId: refs.zoneId, industryId: refs.industryId },
    as: owner,
  });
  if (lead.statusCode !== 201) throw new Error(lead.body);
  const signed = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${lead.data.id}/sign`,
    payload: { signedOn: daysAgo(100), contractInvestmentFen: 20_000_000_000, landMu: 100, zoneId: refs.zoneId, industryId: refs.industryId },
    as: owner,
  });
  if (signed.statusCode !== 201) throw new Error(signed.body);
  const id = signed.data.id;
  await call(t, { method: 'POST', url: `/api/projects/${id}/milestones`, payload: { milestone: 'registered', date: daysAgo(90) }, as: owner });
  await call(t, { method: 'POST', url: `/api/projects/${id}/milestones`, payload: { milestone: 'construction_started', date: daysAgo(80) }, as: owner });
  const r = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/projects/${id}/figures`,
    payload: { kind: 'actual_fixed_asset_investment', amountFen: 6_000_000_000, asOf: daysAgo(1) },
    as: owner,
  });
  const figure = r.data.figures.find((f) => !f.verified && f.kind === 'actual_fixed_asset_investment');
  const v = await call(t, { method: 'POST', url: `/api/projects/${id}/figures/${figure?.id}/verify`, as: manager });
  if (v.statusCode !== 200) throw new Error(v.body);
  return signed.data;
}

const act = (c: { id: string; version: number }, verb: 'submit' | 'approve' | 'pay', as: Session, extra: Record<string, unknown> = {}) =>
  call<Calculation>(t, { method: 'POST', url: `/api/reward-calculations/${c.id}/${verb}`, payload: { version: c.version, ...extra }, as });
const payOn = (c: Calculation, paidOn = today()) => act(c, 'pay', finance, { paidOn, reference: unique('BANK') });
const reload = async (id: string) => (await call<Calculation>(t, { method: 'GET', url: `/api/reward-calculations/${id}`, as: finance })).data;

async function approved(policyId: string, owner: Session = staff) {
  const p = await project(owner);
  const c = await call<Calculation>(t, {
    method: 'POST',
    url: '/api/reward-calculations',
    payload: { projectId: p.id, policyId, milestone: 'construction_started' },
    as: finance,
  });
  if (c.statusCode !== 201) throw new Error(c.body);
  const s = await act(c.data, 'submit', finance);
  const a = await act(s.data, 'approve', manager);
  if (a.statusCode !== 200) throw new Error(a.body);
  return { project: p, calc: a.data };
}

const object = (calculationId: string, as: Session, reason = '该项目实际投资存疑，请核实') =>
  call<Objection>(t, { method: 'POST', url: `/api/reward-calculations/${calculationId}/objections`, payload: { reason }, as });
const resolve = (o: Objection, outcome: 'upheld' | 'dismissed', as: Session) =>
  call<Objection>(t, {
    method: 'POST',
    url: `/api/reward-objections/${o.id}/resolve`,
    payload: { version: o.version, outcome, resolution: outcome === 'upheld' ? '经核实异议成立' : '经核实投资属实' },
    as,
  });

describe('公示: a window that blocks payment until it closes', () => {
  it('publishes an approved reward above ¥50,000 for 5 working days and refuses payment until the day after', async () => {
    const pol = await policy();
    expect(pol).toMatchObject({ noticeThresholdFen: 5_000_000, noticeWorkingDays: 5 });
    const { calc } = await approved(pol.id);
    const approvedOn = today();
    expect(calc.dueFen).toBe(26_400_000);
    expect(calc).toMatchObject({ noticeFrom: approvedOn, noticeUntil: addWorkingDays(approvedOn, 5) });

    const notices = await call<{ items: NoticeItem[] }>(t, { method: 'GET', url: '/api/reward-notices', as: staff });
    expect(notices.statusCode).toBe(200);
    expect(notices.data.items.find((i) => i.calculationId === calc.id)).toMatchObject({
      window: 'open',
      dueFen: 26_400_000,
      payees: [{ payeeType: 'agent', amountFen: 26_400_000 }],
    });

    const refused = await payOn(calc);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).details).toMatchObject({ reason: 'notice_open' });
    expect(errorOf(refused).message).toContain(calc.noticeUntil);
    // On the window's last day, still refused; a payment dated within the window too.
    moveTo(calc.noticeUntil as string);
    expect((await payOn(calc)).statusCode).toBe(409);
    moveTo(addDays(calc.noticeUntil as string, 1));
    expect((await payOn(calc, calc.noticeUntil as string)).statusCode).toBe(409);
    const paid = await payOn(calc);
    expect(paid.statusCode).toBe(200);
    expect(paid.data.status).toBe('paid');
  });

  it('does not delay a payment at or below the threshold', async () => {
    const pol = await policy({ noticeThresholdFen: 26_400_000 });
    const { calc } = await approved(pol.id);
    expect(calc.noticeUntil).toBeNull();
    expect((await payOn(calc)).statusCode).toBe(200);
  });

  it('keeps the window fixed at approval when the policy setting changes later, and audits the change', async () => {
    const pol = await policy({ noticeWorkingDays: 2 });
    const { calc } = await approved(pol.id);
    expect(calc.noticeUntil).toBe(addWorkingDays(today(), 2));
    const put = await call<Policy>(t, {
      method: 'PUT',
      url: `/api/policies/${pol.id}/notice`,
      payload: { noticeThresholdFen: null, noticeWorkingDays: 5 },
      as: manager,
    });
    expect(put.statusCode).toBe(200);
    expect(put.data.noticeThresholdFen).toBeNull();
    expect(
      (await call(t, { method: 'PUT', url: `/api/policies/${pol.id}/notice`, payload: { noticeThresholdFen: null, noticeWorkingDays: 5 }, as: finance }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(t, { method: 'PUT', url: `/api/policies/${pol.id}/notice`, payload: { noticeThresholdFen: 1, noticeWorkingDays: 0 }, as: manager }))
        .statusCode,
    ).toBe(400);
    expect((await payOn(await reload(calc.id))).statusCode).toBe(409);
    const audit = await call<{ items: { action: string }[] }>(t, { method: 'GET', url: `/api/audit?entityType=policy&entityId=${pol.id}`, as: manager });
    expect(audit.data.items.map((e) => e.action)).toContain('policy.notice');
  });
});

describe('公示: objections', () => {
  it('an open objection blocks payment after the window until a manager dismisses it', async () => {
    const pol = await policy();
    const { calc } = await approved(pol.id);
    const o = await object(calc.id, staff);
    expect(o.statusCode).toBe(201);
    expect(o.data).toMatchObject({ status: 'open', raisedBy: staff.user.id, raisedByName: '招商丙' });
    expect((await object(calc.id, staff, '')).statusCode).toBe(400);

    moveTo(addDays(calc.noticeUntil as string, 1));
    // After the window nobody may object any more.
    const late = await object(calc.id, manager2);
    expect(late.statusCode).toBe(412);
    expect(errorOf(late).details).toMatchObject({ reason: 'notice_closed' });
    const blocked = await payOn(calc);
    expect(blocked.statusCode).toBe(409);
    expect(errorOf(blocked).details).toMatchObject({ reason: 'objection_open' });

    // Staff and finance do not resolve; a manager does (and not a stale version of it).
    expect((await resolve(o.data, 'dismissed', staff)).statusCode).toBe(403);
    expect((await resolve(o.data, 'dismissed', finance)).statusCode).toBe(403);
    expect((await resolve({ ...o.data, version: 0 }, 'dismissed', manager)).statusCode).toBe(409);
    const dismissed = await resolve(o.data, 'dismissed', manager);
    expect(dismissed.statusCode).toBe(200);
    expect(dismissed.data).toMatchObject({ status: 'dismissed', resolvedBy: manager.user.id, resolution: '经核实投资属实' });
    expect((await resolve(dismissed.data, 'upheld', manager2)).statusCode).toBe(409);
    expect((await payOn(calc)).statusCode).toBe(200);
    const audit = await call<{ items: { action: string }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=reward_calculation&entityId=${calc.id}`,
      as: manager,
    });
    expect(audit.data.items.map((e) => e.action)).toEqual(expect.arrayContaining(['reward.objection.raise', 'reward.objection.resolve', 'reward.pay']));
  });

  it('an upheld objection sends the calculation back (rejected), and it is never paid', async () => {
    const pol = await policy();
    const { project: p, calc } = await approved(pol.id);
    const o = await object(calc.id, finance, '代理机构与企业存在关联关系');
    // A manager does not resolve an objection they raised.
    const own = await object(calc.id, manager2, '同上');
    expect((await resolve(own.data, 'dismissed', manager2)).statusCode).toBe(403);
    const upheld = await resolve(o.data, 'upheld', manager2);
    expect(upheld.statusCode).toBe(200);
    const after = await reload(calc.id);
    expect(after.status).toBe('rejected');
    expect(after.decisionNote).toContain('公示异议成立');
    moveTo(addDays(calc.noticeUntil as string, 1));
    const pay = await payOn(after);
    expect(pay.statusCode).toBe(409);
    expect(errorOf(pay).details?.reason).not.toBe('notice_open');
    // A rejected calculation is not live: it may be computed again, and a new approval starts a new window.
    const again = await call<Calculation>(t, {
      method: 'POST',
      url: '/api/reward-calculations',
      payload: { projectId: p.id, policyId: pol.id, milestone: 'construction_started' },
      as: finance,
    });
    expect(again.statusCode).toBe(201);
    // Objections only while under notice: not on a draft.
    expect((await object(again.data.id, staff)).statusCode).toBe(412);
  });

  it('sequences of days passing, objections, resolutions and payment attempts: paid only after the window with none open', async () => {
    const pol = await policy({ noticeWorkingDays: 2 });
    type Step = { kind: 'advance'; days: number } | { kind: 'object' } | { kind: 'dismiss' } | { kind: 'pay' };
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('advance' as const), days: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ kind: fc.constant('object' as const) }),
      fc.record({ kind: fc.constant('dismiss' as const) }),
      fc.record({ kind: fc.constant('pay' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        const { calc } = await approved(pol.id);
        const until = calc.noticeUntil as string;
        const open: Objection[] = [];
        let paid = false;
        for (const s of [...steps, { kind: 'advance', days: 6 } as Step, { kind: 'dismiss' } as Step, { kind: 'dismiss' } as Step, { kind: 'pay' } as Step]) {
          if (s.kind === 'advance') moveTo(addDays(today(), s.days));
          if (s.kind === 'object') {
            const r = await object(calc.id, staff);
            // The model: objections are taken while approved and within the window.
            expect(r.statusCode).toBe(!paid && today() <= until ? 201 : 412);
            if (r.statusCode === 201) open.push(r.data);
          }
          if (s.kind === 'dismiss') {
            const o = open.shift();
            if (o) expect((await resolve(o, 'dismissed', manager)).statusCode).toBe(200);
          }
          if (s.kind === 'pay') {
            const r = await payOn(await reload(calc.id));
            const allowed = !paid && today() > until && open.length === 0;
            expect(r.statusCode, `${today()} until ${until}, ${open.length} open, paid ${paid}`).toBe(allowed ? 200 : 409);
            if (r.statusCode === 200) paid = true;
          }
        }
        while (open.length > 0) expect((await resolve(open.shift() as Objection, 'dismissed', manager)).statusCode).toBe(200);
        if (!paid) {
          const last = await payOn(await reload(calc.id));
          expect(last.statusCode, last.body).toBe(200);
        }
        expect((await reload(calc.id)).status).toBe('paid');
      }),
      { numRuns: Number(process.env.NOTICE_RUNS ?? 8) },
    );
  });
});

describe('公示: objections in the inbox', () => {
  const inboxOf = async (who: Session) => {
    const res = await call<{ items: Notification[] }>(t, { method: 'GET', url: '/api/inbox?limit=200', as: who });
    expect(res.statusCode).toBe(200);
    return res.data.items;
  };
  const about = (items: Notification[], subjectId: string, kind: Notification['kind']) => items.filter((n) => n.subjectId === subjectId && n.kind === kind);

  it('tells the managers who may resolve an objection and the maker — not the objector nor a manager with a stake — and tells the objector the outcome', async () => {
    // A manager who owns the project is credited with it: a stake, so they may not resolve its objections.
    const stakeManager = await signIn(t, ['manager'], { displayName: '经理戊' });
    const pol = await policy();
    const { calc, project: p } = await approved(pol.id, stakeManager);
    const raised = await object(calc.id, manager2, '奖励对象的投资额有误');
    expect(raised.statusCode).toBe(201);

    const [toManager, toMaker, toObjector, toStake, toStaff] = await Promise.all([manager, finance, manager2, stakeManager, staff].map(inboxOf));
    const told = about(toManager ?? [], raised.data.id, 'objection_raised');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      subjectType: 'reward_objection',
      link: `/notices?calculation=${calc.id}`,
      readAt: null,
      params: { calculationId: calc.id, projectName: p.name, milestone: 'construction_started', objectorName: '经理丁', reason: '奖励对象的投资额有误' },
    });
    expect(about(toMaker ?? [], raised.data.id, 'objection_raised')).toHaveLength(1);
    expect(about(toObjector ?? [], raised.data.id, 'objection_raised')).toHaveLength(0);
    expect(about(toStake ?? [], raised.data.id, 'objection_raised')).toHaveLength(0);
    expect(about(toStaff ?? [], raised.data.id, 'objection_raised')).toHaveLength(0);
    // The stake manager could not resolve it anyway: the message follows the resolution rule.
    expect((await resolve(raised.data, 'dismissed', stakeManager)).statusCode).toBe(403);

    // The calculation's page lists its objections.
    const listed = await call<{ items: Objection[]; today: string }>(t, { method: 'GET', url: `/api/reward-calculations/${calc.id}/objections`, as: finance });
    expect(listed.statusCode).toBe(200);
    expect(listed.data.today).toBe(today());
    expect(listed.data.items.map((o) => [o.id, o.status])).toEqual([[raised.data.id, 'open']]);
    expect((await call(t, { method: 'GET', url: `/api/reward-calculations/${calc.id}/objections`, as: staff })).statusCode).toBe(403);

    expect(about(await inboxOf(manager2), raised.data.id, 'objection_resolved')).toHaveLength(0);
    const done = await resolve(raised.data, 'dismissed', manager);
    expect(done.statusCode).toBe(200);
    const outcome = about(await inboxOf(manager2), raised.data.id, 'objection_resolved');
    expect(outcome).toHaveLength(1);
    expect(outcome[0]).toMatchObject({
      link: `/notices?calculation=${calc.id}`,
      params: { objectionOutcome: 'dismissed', resolverName: '经理丙', resolution: '经核实投资属实', projectName: p.name },
    });
    expect(about(await inboxOf(manager), raised.data.id, 'objection_resolved')).toHaveLength(0);
  });

  it('tells a staff objector the outcome when upheld, and a refused objection sends nothing', async () => {
    const pol = await policy();
    const { calc } = await approved(pol.id);
    const raised = await object(calc.id, staff);
    expect(raised.statusCode).toBe(201);
    // The maker (finance) and both managers without a stake hear of it; the objector (credited staff) does not.
    for (const who of [finance, manager, manager2]) expect(about(await inboxOf(who), raised.data.id, 'objection_raised')).toHaveLength(1);
    expect(about(await inboxOf(staff), raised.data.id, 'objection_raised')).toHaveLength(0);
    expect((await resolve(raised.data, 'upheld', manager2)).statusCode).toBe(200);
    expect(about(await inboxOf(staff), raised.data.id, 'objection_resolved')[0]?.params).toMatchObject({ objectionOutcome: 'upheld' });

    // Rejected now: a further objection is refused (412) and puts nothing in anyone's inbox.
    const before = (await inboxOf(manager)).filter((n) => n.kind === 'objection_raised').length;
    const refused = await object(calc.id, manager2);
    expect(refused.statusCode).toBe(412);
    expect((await inboxOf(manager)).filter((n) => n.kind === 'objection_raised').length).toBe(before);
  });
});

describe('追回: recovery of an overpaid amount', () => {
  it('is flagged with a reason, recovered in instalments until settled, never beyond what is owed, and shown on the ledger', async () => {
    const pol = await policy({ noticeThresholdFen: null });
    const { project: p, calc } = await approved(pol.id);
    const paid = await payOn(calc);
    expect(paid.statusCode).toBe(200);
    const ledger = await call<ProjectLedger>(t, { method: 'GET', url: `/api/projects/${p.id}/reward-ledger`, as: finance });
    expect(ledger.statusCode, ledger.body).toBe(200);
    const payment = ledger.data.entries.find((e) => e.policyId === pol.id)?.payments[0];
    expect(payment).toMatchObject({ amountFen: 26_400_000 });
    const paymentId = payment?.paymentId as string;

    const flag = (owedFen: number, as: Session = finance) =>
      call<Recovery>(t, { method: 'POST', url: '/api/reward-recoveries', payload: { paymentId, owedFen, reason: '投资额核减，多付部分追回' }, as });
    expect((await flag(1_000_000, staff)).statusCode).toBe(403);
    const tooMuch = await flag(26_400_001);
    expect(tooMuch.statusCode).toBe(412);
    expect(errorOf(tooMuch).details).toMatchObject({ reason: 'recovery_too_much' });
    expect(
      (await call(t, { method: 'POST', url: '/api/reward-recoveries', payload: { paymentId, owedFen: 1_000_000, reason: '' }, as: finance })).statusCode,
    ).toBe(400);
    const rec = await flag(1_000_000, manager);
    expect(rec.statusCode).toBe(201);
    expect(rec.data).toMatchObject({
      owedFen: 1_000_000,
      recoveredFen: 0,
      outstandingFen: 1_000_000,
      status: 'open',
      paidFen: 26_400_000,
      flaggedByName: '经理丙',
    });
    // Together the flags of one payment never exceed it.
    expect((await flag(25_400_001)).statusCode).toBe(412);

    const instalment = (r: Recovery, amountFen: number, receivedOn = today()) =>
      call<Recovery>(t, {
        method: 'POST',
        url: `/api/reward-recoveries/${r.id}/instalments`,
        payload: { version: r.version, amountFen, receivedOn, reference: unique('退款') },
        as: finance,
      });
    expect(
      (
        await call(t, {
          method: 'POST',
          url: `/api/reward-recoveries/${rec.data.id}/instalments`,
          payload: { version: rec.data.version, amountFen: 1, receivedOn: today(), reference: 'x' },
          as: manager,
        })
      ).statusCode,
    ).toBe(403);
    expect((await instalment(rec.data, 100, addDays(today(), 1))).statusCode).toBe(400);
    const first = await instalment(rec.data, 600_000);
    expect(first.statusCode).toBe(200);
    expect(first.data).toMatchObject({ recoveredFen: 600_000, outstandingFen: 400_000, status: 'open' });
    expect((await instalment(rec.data, 100)).statusCode).toBe(409); // stale version
    const over = await instalment(first.data, 400_001);
    expect(over.statusCode).toBe(412);
    expect(errorOf(over).details).toMatchObject({ reason: 'instalment_too_much' });

    const shown = await call<ProjectLedger>(t, { method: 'GET', url: `/api/projects/${p.id}/reward-ledger`, as: manager });
    expect(shown.data.entries.find((e) => e.policyId === pol.id)?.recoveries).toMatchObject([{ id: rec.data.id, outstandingFen: 400_000 }]);
    const before = await call<{ recoveriesOutstandingFen: string }>(t, { method: 'GET', url: `/api/finance/forecast?policyId=${pol.id}`, as: finance });
    expect(before.data.recoveriesOutstandingFen).toBe('400000');

    const last = await instalment(first.data, 400_000);
    expect(last.data).toMatchObject({ recoveredFen: 1_000_000, outstandingFen: 0, status: 'settled' });
    expect(last.data.instalments).toHaveLength(2);
    expect((await instalment(last.data, 1)).statusCode).toBe(409);
    const afterForecast = await call<{ recoveriesOutstandingFen: string }>(t, { method: 'GET', url: `/api/finance/forecast?policyId=${pol.id}`, as: finance });
    expect(afterForecast.data.recoveriesOutstandingFen).toBe('0');
    const list = await call<{ items: Recovery[] }>(t, { method: 'GET', url: `/api/reward-recoveries?projectId=${p.id}`, as: admin });
    expect(list.data.items.map((r) => r.status)).toEqual(['settled']);
    const audit = await call<{ items: { action: string }[] }>(t, {
      method: 'GET',
      url: `/api/audit?entityType=reward_calculation&entityId=${calc.id}`,
      as: manager,
    });
    expect(audit.data.items.map((e) => e.action).filter((a) => a.startsWith('reward.recovery'))).toEqual([
      'reward.recovery.instalment',
      'reward.recovery.instalment',
      'reward.recovery.flag',
    ]);
  });
});
