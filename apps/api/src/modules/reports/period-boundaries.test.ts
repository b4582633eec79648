import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom, zoneDateTime, zoneDayEnd, type Lead, type Report } from '@crm/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, signInAgain, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

/**
 * One clock, one time zone: a record made at 23:59:59 China time on the last day of a month, a quarter and a year
 * belongs to that period, and one made a second later to the next — in reports (JSON and .xlsx), rankings, the
 * dashboard and the funnel — while this process runs in Los Angeles and the database session in Kiritimati (UTC+14),
 * so neither the server's TZ nor the session's can be what decides. The years are far off so that, on a shared
 * server database, no other test's records fall in them.
 */
const ZONE = 'Asia/Shanghai';
const clock = clockFrom('2031-09-30T12:00:00+08:00');
const originalTz = process.env.TZ;

let t: TestApp;
let staff: Session;
let boss: Session;
let zoneId: string;
let industryId: string;
let schemeId: string;
const made: Record<string, Lead> = {};

/** Creates a lead through the API with the clock at the given China-time instant. */
async function leadAt(key: string, instant: string) {
  // Weeks pass between these instants: the staff member signs in again a little before (sessions end by the clock,
  // and hashing the password takes real time, which the clock ticks on by), then the lead is made at the instant.
  clock.set(new Date(Date.parse(instant) - 60_000).toISOString());
  staff = await signInAgain(t, staff);
  // Stopped at the instant: however slow the machine, the lead is made at 23:59:59, not a second later.
  clock.freeze(instant);
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique(key)}有限公司`, channel: 'direct', zoneId, industryId, estimatedInvestmentFen: 1_000_000 },
    as: staff,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  made[key] = res.data;
}

const nameOf = (key: string) => made[key]?.companyName ?? `(no lead ${key})`;

beforeAll(async () => {
  process.env.TZ = 'America/Los_Angeles';
  t = await startTestApp({ config: { clock, timeZone: ZONE }, sessionTimeZone: 'Pacific/Kiritimati' });
  [staff, boss] = await Promise.all([signIn(t, ['staff'], { displayName: unique('边界') }), signIn(t, ['manager'])]);
  zoneId = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;
  const scheme = await call<{ id: string }>(t, {
    method: 'POST',
    url: '/api/performance/schemes',
    payload: { name: unique('边界考核'), bottomPercent: 10, metrics: [{ metric: 'new_leads', weight: 100, target: 1 }] },
    as: boss,
  });
  schemeId = scheme.data.id;
  // Month and quarter end (Q3 → Q4), a plain month end, and the year end.
  await leadAt('sep30', '2031-09-30T23:59:59+08:00');
  await leadAt('oct01', '2031-10-01T00:00:00+08:00');
  await leadAt('oct31', '2031-10-31T23:59:59+08:00');
  await leadAt('nov01', '2031-11-01T00:00:00+08:00');
  await leadAt('dec31', '2031-12-31T23:59:59+08:00');
  await leadAt('jan01', '2032-01-01T00:00:00+08:00');
  // China is already in the new year; UTC is still on 2031-12-31.
  clock.set('2032-01-01T00:29:00+08:00');
  [staff, boss] = await Promise.all([signInAgain(t, staff), signInAgain(t, boss)]);
  clock.set('2032-01-01T00:30:00+08:00');
});

afterAll(async () => {
  await t.close();
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

async function report(kind: 'monthly' | 'quarterly', period: string) {
  const res = await call<Report>(t, {
    method: 'GET',
    url: `/api/reports/${kind}?${kind === 'monthly' ? 'month' : 'quarter'}=${period}&zoneId=${zoneId}`,
    as: boss,
  });
  expect(res.statusCode).toBe(200);
  return res.data;
}
const reportNames = (r: Report) => r.newLeads.map((l) => l.companyName);

describe('records made a second either side of midnight in China land in the zone’s period', () => {
  it.each([
    ['2031-09', ['sep30'], ['oct01']],
    ['2031-10', ['oct01', 'oct31'], ['sep30', 'nov01']],
    ['2031-11', ['nov01'], ['oct31']],
    ['2031-12', ['dec31'], ['jan01']],
    ['2032-01', ['jan01'], ['dec31']],
  ])('the monthly report of %s', async (month, inside, outside) => {
    const names = reportNames(await report('monthly', month));
    for (const key of inside) expect(names).toContain(nameOf(key));
    for (const key of outside) expect(names).not.toContain(nameOf(key));
  });

  it.each([
    ['2031-Q3', ['sep30'], ['oct01']],
    ['2031-Q4', ['oct01', 'oct31', 'nov01', 'dec31'], ['sep30', 'jan01']],
    ['2032-Q1', ['jan01'], ['dec31']],
  ])('the quarterly report of %s', async (quarter, inside, outside) => {
    const names = reportNames(await report('quarterly', quarter));
    for (const key of inside) expect(names).toContain(nameOf(key));
    for (const key of outside) expect(names).not.toContain(nameOf(key));
  });

  it('dates each lead by the China-time day, on screen and in the .xlsx, and prints the time it was made in China', async () => {
    const september = await report('monthly', '2031-09');
    expect(september.newLeads.find((l) => l.companyName === nameOf('sep30'))?.createdOn).toBe('2031-09-30');
    const january = await report('monthly', '2032-01');
    expect(january.newLeads.find((l) => l.companyName === nameOf('jan01'))?.createdOn).toBe('2032-01-01');
    expect(zoneDateTime(january.generatedAt, ZONE)).toMatch(/^2032-01-01 00:3/);

    const res = await t.app.inject({ method: 'GET', url: `/api/reports/monthly?month=2031-09&zoneId=${zoneId}&format=xlsx`, headers: boss.headers });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const cells: string[] = [];
    sheet?.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    const at = cells.indexOf(nameOf('sep30'));
    expect(at).toBeGreaterThan(-1);
    expect(cells.slice(at, at + 8)).toContain('2031-09-30');
    expect(cells.some((c) => c.includes('生成时间：2032-01-01 00:3'))).toBe(true);
    expect(cells.join('|')).not.toContain(nameOf('oct01'));
  });

  it.each([
    ['2031-09', 1],
    ['2031-Q3', 1],
    ['2031-10', 2],
    ['2031-Q4', 4],
    ['2031', 5],
    ['2032-01', 1],
    ['2032', 1],
  ])('counts new leads for the ranking of %s: %i', async (period, expected) => {
    const res = await call<{ rows: { staffId: string; metrics: { metric: string; actual: number }[] }[] }>(t, {
      method: 'GET',
      url: `/api/performance?period=${period}&schemeId=${schemeId}`,
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    const mine = res.data.rows.find((r) => r.staffId === staff.user.id);
    expect(mine?.metrics.find((m) => m.metric === 'new_leads')?.actual).toBe(expected);
  });

  it('drills into a month’s new leads with China-time dates', async () => {
    const res = await call<{ items: { title: string; date: string }[] }>(t, {
      method: 'GET',
      url: `/api/performance/drill?period=2031-12&schemeId=${schemeId}&staffId=${staff.user.id}&metric=new_leads`,
      as: boss,
    });
    expect(res.data.items.map((i) => [i.title, i.date])).toEqual([[nameOf('dec31'), '2031-12-31']]);
  });

  it('puts each lead in its China-time month on the dashboard’s trend', async () => {
    const trend = async (year: number) => {
      const res = await call<{ trend: { month: string; newLeads: number }[] }>(t, { method: 'GET', url: `/api/dashboard?year=${year}`, as: boss });
      expect(res.statusCode).toBe(200);
      return Object.fromEntries(res.data.trend.map((m) => [m.month, m.newLeads]));
    };
    expect(await trend(2031)).toMatchObject({ '2031-09': 1, '2031-10': 2, '2031-11': 1, '2031-12': 1 });
    expect(await trend(2032)).toMatchObject({ '2032-01': 1, '2032-02': 0 });
  });

  it.each([
    ['2031-09-30', '2031-09-30', 1],
    ['2031-10-01', '2031-10-31', 2],
    ['2031-12-31', '2031-12-31', 1],
    ['2032-01-01', '2032-01-01', 1],
    // A part month at each end (two UNION ALL branches on leads) around whole months from the rollup.
    ['2031-09-30', '2032-01-01', 6],
  ])('counts leads created from %s to %s in the funnel: %i', async (from, to, expected) => {
    const res = await call<{ steps: { step: string; count: number }[] }>(t, {
      method: 'GET',
      url: `/api/pipeline/funnel?zoneId=${zoneId}&from=${from}&to=${to}`,
      as: boss,
    });
    expect(res.statusCode).toBe(200);
    expect(res.data.steps[0]?.count).toBe(expected);
  });

  it('protects a lead made at 23:59:59 to the end of the 90th China-time day after that day', () => {
    expect(made.sep30?.protectionExpiresAt).toBe(zoneDayEnd('2031-12-29', ZONE).toISOString());
    expect(made.oct01?.protectionExpiresAt).toBe(zoneDayEnd('2031-12-30', ZONE).toISOString());
  });

  it('takes "today" from the zone: an activity dated 2032-01-01 is not in the future at 00:30 in China', async () => {
    const lead = made.jan01;
    const res = await call(t, {
      method: 'POST',
      url: `/api/leads/${lead?.id}/activities`,
      as: staff,
      payload: { kind: 'visit', occurredOn: '2032-01-01', summary: '元旦拜访' },
    });
    expect(res.statusCode).toBe(201);
    const tomorrow = await call(t, {
      method: 'POST',
      url: `/api/leads/${lead?.id}/activities`,
      as: staff,
      payload: { kind: 'visit', occurredOn: '2032-01-02', summary: '明天' },
    });
    expect(tomorrow.statusCode).toBe(400);
  });
});
