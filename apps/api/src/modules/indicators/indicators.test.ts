import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom, type IndicatorRow, type IndicatorSheet, type LandYield, type Lead, type ProjectDetail, type Report } from '@crm/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

/**
 * 一(三) indicators and 亩产 (issue 14) on a two-year data set in years of their own (2040–2041), with the clock at
 * 2041-06-15: 完成率, year on year and year to date in the 月调度 and 季汇报 (JSON and .xlsx), entered actuals and
 * targets, 实际到位资金 from verified project figures, 亩产 per zone, the bottom list, idle land and 奖惩.
 * Its own database: the bottom list and idle land are over every project.
 */
const clock = clockFrom('2041-06-15T10:00:00+08:00');
let t: TestApp;
let staff: Session;
let boss: Session;
let boss2: Session;
let finance: Session;
let zoneA: string;
let zoneB: string;
let industryId: string;

async function project(zoneId: string, signedOn: string, contractInvestmentFen: number, over: Record<string, unknown> = {}) {
  const l = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    payload: { companyName: `${unique('指标')}有限公司`, channel: 'direct', zoneId, industryId, estimatedInvestmentFen: 1_000_000 },
    as: staff,
  });
  if (l.statusCode !== 201) throw new Error(l.body);
  const p = await call<ProjectDetail>(t, {
    method: 'POST',
    url: `/api/leads/${l.data.id}/sign`,
    payload: { signedOn, contractInvestmentFen, zoneId, industryId, ...over },
    as: staff,
  });
  if (p.statusCode !== 201) throw new Error(p.body);
  return p.data;
}
async function figure(p: { id: string }, kind: string, amountFen: number, asOf: string, verify = true) {
  const r = await call<ProjectDetail>(t, { method: 'POST', url: `/api/projects/${p.id}/figures`, payload: { kind, amountFen, asOf }, as: staff });
  if (r.statusCode !== 201 && r.statusCode !== 200) throw new Error(r.body);
  const f = r.data.figures.find((x) => x.kind === kind && x.asOf === asOf && !x.verified);
  if (verify && f) {
    const v = await call(t, { method: 'POST', url: `/api/projects/${p.id}/figures/${f.id}/verify`, as: boss });
    if (v.statusCode !== 200) throw new Error(v.body);
  }
}
async function milestone(p: { id: string }, milestone: string, date: string) {
  const r = await call(t, { method: 'POST', url: `/api/projects/${p.id}/milestones`, payload: { milestone, date }, as: staff });
  if (r.statusCode >= 300) throw new Error(r.body);
}
const actual = (indicatorCode: string, zoneId: string | null, month: string, value: number) => ({ indicatorCode, zoneId, month, value });
const row = (rows: IndicatorRow[] | undefined, code: string) => {
  const r = rows?.find((x) => x.code === code);
  if (!r) throw new Error(`no row ${code}`);
  return r;
};

let idleApproved: ProjectDetail;
let idleSupplied: ProjectDetail;
const yieldProjects: ProjectDetail[] = [];

beforeAll(async () => {
  t = await startTestApp({ config: { clock }, isolated: true });
  [staff, boss, boss2, finance] = await Promise.all([signIn(t, ['staff']), signIn(t, ['manager']), signIn(t, ['manager']), signIn(t, ['finance'])]);
  zoneA = (await makeZone(t.db)).zone.id;
  zoneB = (await makeZone(t.db)).zone.id;
  industryId = (await makeIndustry(t.db)).industry.id;

  const months = (y: number, upTo: number) => Array.from({ length: upTo }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);
  const entered = await call(t, {
    method: 'PUT',
    url: '/api/indicators/actuals',
    as: boss,
    payload: {
      actuals: [
        ...months(2040, 5).map((m) => actual('industrial_value_added', zoneA, m, 100_000_000)),
        ...months(2041, 5).map((m) => actual('industrial_value_added', zoneA, m, 110_000_000)),
        actual('industrial_output', zoneA, '2041-05', 400_000_000),
        actual('city_industrial_output', null, '2041-05', 1_000_000_000),
        actual('fixed_asset_investment', zoneA, '2040-04', 100_000_000),
        actual('fixed_asset_investment', zoneA, '2040-05', 100_000_000),
        actual('fixed_asset_investment', zoneA, '2041-04', 150_000_000),
        actual('fixed_asset_investment', zoneA, '2041-05', 90_000_000),
        actual('above_scale_enterprises', zoneA, '2040-05', 35),
        actual('above_scale_enterprises', zoneA, '2041-03', 40),
        actual('above_scale_enterprises', zoneA, '2041-05', 42),
        actual('city_above_scale_enterprises', null, '2040-05', 50),
        actual('city_above_scale_enterprises', null, '2041-05', 50),
      ],
    },
  });
  if (entered.statusCode !== 200) throw new Error(entered.body);
  const targets = await call(t, {
    method: 'PUT',
    url: '/api/indicators/targets',
    as: boss,
    payload: {
      year: 2041,
      targets: [
        { indicatorCode: 'value_added_growth', zoneId: zoneA, target: 1000, note: '不低于10%' },
        { indicatorCode: 'fixed_asset_investment_growth', zoneId: zoneA, target: 2000 },
        { indicatorCode: 'output_share', zoneId: zoneA, target: 4000 },
        { indicatorCode: 'signed_investment', zoneId: zoneA, target: 1_000_000_000 },
        { indicatorCode: 'funds_in_place', zoneId: zoneA, target: 420 },
      ],
    },
  });
  if (targets.statusCode !== 200) throw new Error(targets.body);

  // Signed: 2040-03 (last year), 2041-02 and 2041-05.
  const p1 = await project(zoneA, '2040-03-10', 100_000_000);
  await project(zoneA, '2041-02-01', 300_000_000);
  await project(zoneA, '2041-05-20', 200_000_000);
  // 实际到位资金 is cumulative: 40 by 2040-03, 100 by 2041-01, 250 by 2041-05; an unverified 999 does not count.
  await figure(p1, 'actual_paid_in', 40, '2040-03-15');
  await figure(p1, 'actual_paid_in', 100, '2041-01-10');
  await figure(p1, 'actual_paid_in', 250, '2041-05-10');
  await figure(p1, 'actual_paid_in', 999, '2041-05-12', false);

  // 亩产 in zone B: five projects of 10 亩, tax 100..500 per 亩 ×10, output 1000..5000 ×10 (dated 2041).
  for (const k of [3, 1, 5, 2, 4]) {
    const p = await project(zoneB, '2040-01-05', 500_000_000, { landMu: 10 });
    await figure(p, 'annual_output', k * 10_000, '2041-03-31');
    await figure(p, 'annual_tax', k * 1_000, '2041-03-31');
    yieldProjects[k] = p;
  }
  // A figure of another year and an unverified one do not count.
  const other = await project(zoneB, '2040-01-05', 500_000_000, { landMu: 20 });
  await figure(other, 'annual_output', 1, '2040-12-31');
  await figure(other, 'annual_tax', 1, '2041-04-01', false);

  // Idle land in zone A: approved 2041-01-01 and not supplied; supplied 2040-05-01 and not built on; one built.
  idleApproved = await project(zoneA, '2040-12-01', 100, { landMu: 30, landApprovedOn: '2041-01-01' });
  idleSupplied = await project(zoneA, '2039-12-01', 100, { landMu: 40.5, landApprovedOn: '2040-03-01' });
  await milestone(idleSupplied, 'registered', '2040-04-01');
  await milestone(idleSupplied, 'land_acquired', '2040-05-01');
  const built = await project(zoneA, '2039-12-01', 100, { landMu: 50, landApprovedOn: '2040-03-01' });
  await milestone(built, 'registered', '2040-04-01');
  await milestone(built, 'land_acquired', '2040-05-01');
  await milestone(built, 'construction_started', '2040-06-01');
}, 120_000);
afterAll(() => t?.close());

describe('月调度 indicators (2041-05, zone A)', () => {
  let rows: IndicatorRow[];
  beforeAll(async () => {
    const res = await call<Report>(t, { method: 'GET', url: `/api/reports/monthly?month=2041-05&zoneId=${zoneA}`, as: boss });
    expect(res.statusCode).toBe(200);
    expect(res.data.indicators).toHaveLength(1);
    rows = res.data.indicators[0]?.rows ?? [];
  });

  it('工业增加值: year to date, the same span last year, growth and its 完成率 against ≥10%', () => {
    const v = row(rows, 'industrial_value_added');
    expect(v).toMatchObject({ period: '110000000', ytd: '550000000', lastYearYtd: '500000000', yoyBp: 1000 });
    expect(row(rows, 'value_added_growth')).toMatchObject({
      period: '1000',
      ytd: '1000',
      target: '1000',
      completionBp: 10000,
      met: true,
      targetNote: '不低于10%',
    });
  });

  it('fixed-asset investment growth: the month fell 10%, the year to date grew 20%', () => {
    expect(row(rows, 'fixed_asset_investment')).toMatchObject({ period: '90000000', ytd: '240000000', lastYearYtd: '200000000', yoyBp: 2000 });
    expect(row(rows, 'fixed_asset_investment_growth')).toMatchObject({ period: '-1000', ytd: '2000', completionBp: 10000, met: true });
  });

  it("shares of the city's output and 规上企业 (a stock: the latest month stands)", () => {
    expect(row(rows, 'output_share')).toMatchObject({ ytd: '4000', target: '4000', met: true });
    expect(row(rows, 'above_scale_enterprises')).toMatchObject({ period: '42', ytd: '42', lastYearYtd: '35', yoyBp: 2000 });
    expect(row(rows, 'above_scale_share')).toMatchObject({ ytd: '8400', lastYearYtd: '7000', yoyBp: 1400, target: null, completionBp: null, met: null });
  });

  it('signed investment and new projects from project records: 完成率 and year on year', () => {
    expect(row(rows, 'signed_investment')).toMatchObject({
      period: '200000000',
      ytd: '500000000',
      lastYearYtd: '100000000',
      yoyBp: 40000,
      target: '1000000000',
      completionBp: 5000,
      met: false,
    });
    expect(row(rows, 'new_projects')).toMatchObject({ period: '1', ytd: '2', lastYearYtd: '1', yoyBp: 10000 });
  });

  it('实际到位资金 from verified cumulative figures: what came in within the span', () => {
    expect(row(rows, 'funds_in_place')).toMatchObject({ period: '150', ytd: '210', lastYearYtd: '40', yoyBp: 42500, target: '420', completionBp: 5000 });
  });
});

describe('季汇报 and the year sheet', () => {
  it('a quarter is April to June, year to date through June; all zones together sum the zones', async () => {
    const res = await call<Report>(t, { method: 'GET', url: '/api/reports/quarterly?quarter=2041-Q2', as: finance });
    expect(res.statusCode).toBe(200);
    const a = res.data.indicators.find((z) => z.zoneId === zoneA)?.rows;
    expect(row(a, 'fixed_asset_investment')).toMatchObject({ period: '240000000', ytd: '240000000' });
    expect(row(a, 'signed_investment')).toMatchObject({ period: '200000000', ytd: '500000000' });
    const all = res.data.indicators.find((z) => z.zoneId === null)?.rows;
    expect(row(all, 'signed_investment').ytd).toBe('500000000');
    expect(row(all, 'output_share').ytd).toBe('4000');
  });

  it('the .xlsx carries the indicators table with 完成率', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reports/monthly?month=2041-05&zoneId=${zoneA}&format=xlsx`,
      headers: { authorization: `Bearer ${boss.token}` },
    });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    book.worksheets[0]?.eachRow((r) => texts.push((r.values as unknown[]).map((v) => String(v ?? '')).join('|')));
    expect(texts.some((x) => x.includes('五、主要指标完成情况'))).toBe(true);
    const growth = texts.find((x) => x.includes('工业增加值增速'));
    expect(growth).toContain('10.00%');
    expect(growth).toContain('100.00%');
  });

  it('the year sheet runs through the current month; the dashboard shows it', async () => {
    const res = await call<IndicatorSheet>(t, { method: 'GET', url: '/api/indicators?year=2041', as: boss });
    expect(res.data.throughMonth).toBe('2041-06');
    const dash = await call<{ indicators: IndicatorSheet }>(t, { method: 'GET', url: '/api/dashboard?year=2041', as: boss });
    expect(dash.statusCode).toBe(200);
    expect(row(dash.data.indicators.zones.find((z) => z.zoneId === zoneA)?.rows, 'signed_investment').ytd).toBe('500000000');
    const last = await call<IndicatorSheet>(t, { method: 'GET', url: '/api/indicators?year=2040', as: boss });
    expect(last.data.throughMonth).toBe('2040-12');
  });
});

describe('entering targets and actuals', () => {
  it('manager and admin only; the city has no zone; no month ahead; audited', async () => {
    expect(
      (await call(t, { method: 'PUT', url: '/api/indicators/actuals', as: finance, payload: { actuals: [actual('industrial_output', zoneA, '2041-05', 1)] } }))
        .statusCode,
    ).toBe(403);
    expect((await call(t, { method: 'PUT', url: '/api/indicators/targets', as: staff, payload: { year: 2041, targets: [] } })).statusCode).toBe(403);
    const city = await call(t, {
      method: 'PUT',
      url: '/api/indicators/actuals',
      as: boss,
      payload: { actuals: [actual('city_industrial_output', zoneA, '2041-05', 1)] },
    });
    expect(city.statusCode).toBe(400);
    const ahead = await call(t, {
      method: 'PUT',
      url: '/api/indicators/actuals',
      as: boss,
      payload: { actuals: [actual('industrial_output', zoneA, '2041-07', 1)] },
    });
    expect(ahead.statusCode).toBe(400);
    const changed = await call<{ actuals: { indicatorCode: string; month: string; value: number }[] }>(t, {
      method: 'PUT',
      url: '/api/indicators/actuals',
      as: boss2,
      payload: { actuals: [actual('industrial_output', zoneB, '2041-01', 7)] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.data.actuals.find((a) => a.indicatorCode === 'industrial_output' && a.month === '2041-01')?.value).toBe(7);
    const removed = await call<{ actuals: unknown[] }>(t, {
      method: 'PUT',
      url: '/api/indicators/actuals',
      as: boss2,
      payload: { actuals: [{ ...actual('industrial_output', zoneB, '2041-01', 0), value: null }] },
    });
    expect(removed.data.actuals).toHaveLength(changed.data.actuals.length - 1);
  });
});

describe('亩产 (2041)', () => {
  let y: LandYield;
  beforeAll(async () => {
    const res = await call<LandYield>(t, { method: 'GET', url: '/api/indicators/land-yield?year=2041&bottom=3', as: boss });
    expect(res.statusCode).toBe(200);
    y = res.data;
  });

  it('per zone: counted projects, land, output and tax per 亩', () => {
    const b = y.zones.find((z) => z.zoneId === zoneB);
    // 1+2+3+4+5 = 15 ×10,000 fen over 50 亩; the other-year and unverified figures do not count.
    expect(b).toMatchObject({ projects: 5, landMu: 50, outputFen: '150000', taxFen: '15000', outputFenPerMu: '3000', taxFenPerMu: '300' });
  });

  it('the bottom list: lowest output per 亩 first', () => {
    expect(y.bottom.map((p) => p.projectId)).toEqual([yieldProjects[1]?.id, yieldProjects[2]?.id, yieldProjects[3]?.id]);
    expect(y.bottom[0]).toMatchObject({ outputFenPerMu: '1000', taxFenPerMu: '100', landMu: 10 });
  });

  it('奖惩: the top fifth by tax per 亩 rewarded, the bottom fifth and land idle a year penalised', () => {
    const b = y.zones.find((z) => z.zoneId === zoneB);
    expect(b?.rewarded.map((p) => p.projectId)).toEqual([yieldProjects[5]?.id]);
    expect(b?.penalised.map((p) => p.projectId)).toEqual([yieldProjects[1]?.id]);
    const a = y.zones.find((z) => z.zoneId === zoneA);
    expect(a?.penalised.map((p) => p.projectId)).toEqual([idleSupplied.id]);
    expect(a?.penalised[0]?.reason).toContain('供而未用');
  });

  it('idle land: 批而未供 and 供而未用 with their days; land built on is not idle', () => {
    const flags = y.idle.map((i) => [i.projectId, i.flag, i.since, i.days]);
    expect(flags).toEqual([
      [idleSupplied.id, 'supplied_not_used', '2040-05-01', 410],
      [idleApproved.id, 'approved_not_supplied', '2041-01-01', 165],
    ]);
    expect(y.zones.find((z) => z.zoneId === zoneA)?.idleMu).toBe(70.5);
  });

  it('staff may not see it', async () => {
    expect((await call(t, { method: 'GET', url: '/api/indicators/land-yield?year=2041', as: staff })).statusCode).toBe(403);
  });
});
