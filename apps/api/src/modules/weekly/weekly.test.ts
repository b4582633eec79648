import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom, type Lead, type WeeklyReport } from '@crm/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, LONG_SESSIONS, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

// The week 2026-W49 runs Monday 11-30 to Sunday 12-06 in China.
const clock = clockFrom('2026-11-30T10:00:00+08:00');
const at = (iso: string) => clock.set(iso);

let t: TestApp;
let alice: Session;
let bob: Session;
let boss: Session;
let zoneId: string;
let otherZoneId: string;
let industryId: string;

beforeAll(async () => {
  t = await startTestApp({ config: { clock, ...LONG_SESSIONS } });
  [alice, bob, boss] = await Promise.all([
    signIn(t, ['staff'], { displayName: '周报甲' }),
    signIn(t, ['staff'], { displayName: '周报乙' }),
    signIn(t, ['manager']),
  ]);
  zoneId = (await makeZone(t.db)).zone.id;
  otherZoneId = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;
});
afterAll(() => t.close());

const create = async () =>
  (
    await call<Lead>(t, {
      method: 'POST',
      url: '/api/leads',
      as: alice,
      payload: { companyName: `${unique('周报')}有限公司`, channel: 'online', zoneId, industryId },
    })
  ).data;
const dims = Object.fromEntries(['industryFit', 'market', 'technology', 'environment', 'energy', 'returns'].map((d) => [d, { rating: 'neutral' }]));

describe('一周一报', () => {
  it('drafts the week from activities and clocks, saves notes, freezes the figures on submit, once', async () => {
    at('2026-11-30T10:00:00+08:00');
    const [one, two, three] = [await create(), await create(), await create()];
    at('2026-12-01T10:00:00+08:00');
    await call(t, {
      method: 'POST',
      url: `/api/leads/${one?.id}/activities`,
      as: alice,
      payload: { kind: 'visit', occurredOn: '2026-12-01', summary: '拜访总部' },
    });
    await call(t, {
      method: 'POST',
      url: `/api/leads/${two?.id}/activities`,
      as: alice,
      payload: { kind: 'call', occurredOn: '2026-12-01', summary: '电话沟通' },
    });
    at('2026-12-02T10:00:00+08:00');
    await call(t, {
      method: 'POST',
      url: `/api/leads/${one?.id}/judgements`,
      as: alice,
      payload: { dimensions: dims, decision: 'follow', reason: '符合产业定位' },
    });
    at('2026-12-03T10:00:00+08:00');
    await call(t, {
      method: 'POST',
      url: `/api/leads/${one?.id}/feedback`,
      as: alice,
      payload: { recipientKind: 'investor', recipientName: '赵总', method: 'visit', givenOn: '2026-12-03', summary: '当面反馈' },
    });
    expect(
      (
        await call(t, {
          method: 'POST',
          url: `/api/leads/${two?.id}/sign`,
          as: alice,
          payload: { signedOn: '2026-12-03', contractInvestmentFen: 1_000_000_000, zoneId, industryId },
        })
      ).statusCode,
    ).toBe(201);
    void three;
    at('2026-12-04T15:00:00+08:00');

    const draft = await call<WeeklyReport>(t, { method: 'GET', url: '/api/weekly-reports/mine', as: alice });
    expect(draft.statusCode).toBe(200);
    expect(draft.data).toMatchObject({ week: '2026-W49', from: '2026-11-30', to: '2026-12-06', status: 'draft', id: null });
    // Respond (one: on time; two: answered by the call; three: never) and judge and feedback on time.
    expect(draft.data.figures).toEqual({
      newLeads: 3,
      visits: 1,
      inspections: 0,
      calls: 1,
      meetings: 0,
      events: 0,
      judgements: 1,
      feedbacks: 1,
      clocksMet: 4,
      clocksLate: 0,
      overdueNow: 1,
      signed: 1,
    });
    expect(draft.data.activities.map((a) => a.kind).sort()).toEqual(['call', 'visit']);
    expect(draft.data.overdue).toEqual([expect.objectContaining({ leadId: three?.id, phase: 'respond' })]);

    const saved = await call<WeeklyReport>(t, {
      method: 'PUT',
      url: '/api/weekly-reports/mine/2026-W49',
      as: alice,
      payload: { notes: '本周拜访 1 家，签约 1 家', plans: '下周跟进研判结论' },
    });
    expect(saved.data).toMatchObject({ status: 'draft', notes: '本周拜访 1 家，签约 1 家', version: 1 });
    expect((await call(t, { method: 'PUT', url: '/api/weekly-reports/mine/2026-W49', as: alice, payload: { notes: 'x', version: 7 } })).statusCode).toBe(409);
    const submitted = await call<WeeklyReport>(t, { method: 'POST', url: '/api/weekly-reports/mine/2026-W49/submit', as: alice, payload: { version: 1 } });
    expect(submitted.data).toMatchObject({ status: 'submitted', plans: '下周跟进研判结论' });
    expect(Date.parse(submitted.data.submittedAt ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-12-04T15:00:00+08:00'));

    // Later work does not change a submitted week; it cannot be submitted or edited again.
    at('2026-12-05T10:00:00+08:00');
    await call(t, {
      method: 'POST',
      url: `/api/leads/${three?.id}/activities`,
      as: alice,
      payload: { kind: 'meeting', occurredOn: '2026-12-05', summary: '会谈' },
    });
    const frozen = await call<WeeklyReport>(t, { method: 'GET', url: '/api/weekly-reports/mine?week=2026-W49', as: alice });
    expect(frozen.data.figures.meetings).toBe(0);
    expect(frozen.data.figures.overdueNow).toBe(1);
    const again = await call(t, { method: 'POST', url: '/api/weekly-reports/mine/2026-W49/submit', as: alice, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).message).toContain('submitted');
    expect((await call(t, { method: 'PUT', url: '/api/weekly-reports/mine/2026-W49', as: alice, payload: { notes: 'x' } })).statusCode).toBe(409);
    expect((await call(t, { method: 'POST', url: '/api/weekly-reports/mine/2026-W51/submit', as: alice, payload: {} })).statusCode).toBe(400);
    expect((await call(t, { method: 'GET', url: '/api/weekly-reports/mine?week=2026-W60', as: alice })).statusCode).toBe(400);
    expect((await call(t, { method: 'GET', url: '/api/weekly-reports/mine', as: boss })).statusCode).toBe(403);
  });

  it('shows the manager who has not submitted, and exports the zone roll-up to .xlsx', async () => {
    at('2026-12-05T11:00:00+08:00');
    const team = await call<{ rows: { userId: string; status: string; figures: unknown }[] }>(t, {
      method: 'GET',
      url: '/api/weekly-reports/team?week=2026-W49',
      as: boss,
    });
    expect(team.statusCode).toBe(200);
    const rows = team.data.rows;
    const aliceRow = rows.findIndex((r) => r.userId === alice.user.id);
    const bobRow = rows.findIndex((r) => r.userId === bob.user.id);
    expect(rows[aliceRow]).toMatchObject({ status: 'submitted' });
    expect(rows[bobRow]).toMatchObject({ status: 'missing', figures: null });
    expect(bobRow).toBeLessThan(aliceRow); // those who owe the report come first
    expect((await call(t, { method: 'GET', url: '/api/weekly-reports/team', as: alice })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: `/api/weekly-reports/users/${alice.user.id}?week=2026-W49`, as: boss })).statusCode).toBe(200);
    expect((await call(t, { method: 'GET', url: `/api/weekly-reports/users/${alice.user.id}?week=2026-W49`, as: bob })).statusCode).toBe(403);

    const json = await call<{ rows: { userId: string; figures: { newLeads: number; visits: number } }[]; totals: { newLeads: number } }>(t, {
      method: 'GET',
      url: `/api/weekly-reports/rollup?week=2026-W49&zoneId=${zoneId}`,
      as: boss,
    });
    expect(json.data.rows.find((r) => r.userId === alice.user.id)?.figures).toMatchObject({ newLeads: 3, visits: 1 });
    expect(json.data.totals.newLeads).toBe(3);
    const elsewhere = await call<{ rows: { userId: string; figures: { newLeads: number } }[] }>(t, {
      method: 'GET',
      url: `/api/weekly-reports/rollup?week=2026-W49&zoneId=${otherZoneId}`,
      as: boss,
    });
    expect(elsewhere.data.rows.find((r) => r.userId === alice.user.id)?.figures.newLeads).toBe(0);

    const file = await t.app.inject({ method: 'GET', url: `/api/weekly-reports/rollup?week=2026-W49&zoneId=${zoneId}&format=xlsx`, headers: boss.headers });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(String(file.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('一周一报');
    expect(String(sheet?.getCell('A1').value)).toContain('2026-W49');
    const values: string[][] = [];
    sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const aliceLine = values.find((v) => v[1] === '周报甲');
    expect(aliceLine?.slice(2, 5)).toEqual(['已提交', '3', '1']);
    expect(aliceLine).toContain('本周拜访 1 家，签约 1 家');
    expect(values.find((v) => v[1] === '周报乙')?.[2]).toBe('未提交');
    expect(values.at(-1)?.[0]).toBe('合计');
    expect((await t.app.inject({ method: 'GET', url: '/api/weekly-reports/rollup?format=xlsx', headers: alice.headers })).statusCode).toBe(403);
  });
});
