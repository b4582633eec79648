import { leads } from '@crm/db';
import { makeAgent, makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { clockFrom, type Lead, type ProjectDetail } from '@crm/shared';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

/**
 * Every list's .xlsx export (issue 10), read back with exceljs: money as numbers in yuan with the ¥ format and a 合计
 * row that sums them, labels instead of codes, China's dates and times (the app's clock stands at 00:14 on
 * 2026-12-01 in China, still 11-30 in UTC), the Chinese file name, and the rows the same list shows the same user.
 * (Calculations and payments are read in rewards/rewards.test.ts, where calculations are made.)
 */
const clock = clockFrom('2026-12-01T00:14:00+08:00');
let t: TestApp;
let alice: Session;
let bob: Session;
let manager: Session;
let finance: Session;
let refs: { zoneId: string; industryId: string; agentId: string; agentName: string };
const tag = unique('导出');
let mine: Lead;
let bobs: Lead;

beforeAll(async () => {
  t = await startTestApp({ config: { clock } });
  [alice, bob, manager, finance] = await Promise.all([
    signIn(t, ['staff'], { displayName: '导出甲' }),
    signIn(t, ['staff'], { displayName: '导出乙' }),
    signIn(t, ['manager'], { displayName: '导出经理' }),
    signIn(t, ['finance']),
  ]);
  const { zone } = await makeZone(t.db);
  const { industry } = await makeIndustry(t.db);
  const agent = await makeAgent(t.db, alice.user.id, { name: `=HYPERLINK("x")${tag}` });
  refs = { zoneId: zone.id, industryId: industry.id, agentId: agent.id, agentName: agent.name };
  const lead = async (as: Session, name: string, fen: number, over: Record<string, unknown> = {}) => {
    const res = await call<Lead>(t, {
      method: 'POST',
      url: '/api/leads',
      payload: { companyName: `${tag}${name}有限公司`, channel: 'online', zoneId: zone.id, industryId: industry.id, estimatedInvestmentFen: fen, ...over },
      as,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return res.data;
  };
  mine = await lead(alice, '甲', 104_074_073, { channel: 'agency', agentId: agent.id });
  bobs = await lead(bob, '乙', 50_000_000_01);
});
afterAll(() => t.close());

type Sheet = {
  book: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  header: string[];
  rows: ExcelJS.Row[];
  total: ExcelJS.Row | undefined;
  disposition: string;
  col: (name: string) => number;
};

async function download(url: string, as: Session): Promise<Sheet> {
  const res = await t.app.inject({ method: 'GET', url, headers: as.headers });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const all: ExcelJS.Row[] = [];
  sheet.eachRow((row) => all.push(row));
  const header = (all[0]!.values as unknown[]).slice(1).map(String);
  const totalIndex = all.findIndex((r) => r.getCell(1).value === '合计');
  return {
    book,
    sheet,
    header,
    rows: all.slice(1, totalIndex === -1 ? undefined : totalIndex),
    total: totalIndex === -1 ? undefined : all[totalIndex],
    disposition: String(res.headers['content-disposition']),
    col: (name) => {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`no column ${name} in ${header.join(',')}`);
      return i + 1;
    },
  };
}

/** A money cell: a number of yuan shown as ¥#,##0.00, never text. */
function expectMoney(cell: ExcelJS.Cell, yuan: number) {
  expect(cell.type).toBe(ExcelJS.ValueType.Number);
  expect(cell.value).toBeCloseTo(yuan, 2);
  expect(cell.numFmt).toBe('¥#,##0.00');
}

/** A date-time cell: an Excel date that reads China's wall clock. */
function expectZoneTime(cell: ExcelJS.Cell, wall: string) {
  expect(cell.type).toBe(ExcelJS.ValueType.Date);
  expect((cell.value as Date).toISOString().slice(0, 16)).toBe(wall);
  expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
}

function expectFileName(disposition: string, chinese: string, ascii: string) {
  expect(disposition).toContain(`filename="${ascii}-2026-12-01.xlsx"`);
  expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${chinese}_2026-12-01.xlsx`)}`);
}

describe('GET /api/leads/export', () => {
  it('a manager gets every lead of the filter: money as ¥ numbers with a 合计, labels, China times, a Chinese file name', async () => {
    const s = await download(`/api/leads/export?q=${encodeURIComponent(tag)}`, manager);
    expectFileName(s.disposition, '线索', 'leads');
    expect(s.sheet.name).toBe('线索');
    expect(s.rows.map((r) => r.getCell(s.col('企业名称')).value)).toEqual([bobs.companyName, mine.companyName]);
    const row = s.rows[1]!;
    expectMoney(row.getCell(s.col('预计投资额')), 1_040_740.73);
    expect(row.getCell(s.col('阶段')).value).toBe('新线索');
    expect(row.getCell(s.col('招商渠道')).value).toBe('代理招商');
    expect(s.rows[0]!.getCell(s.col('招商渠道')).value).toBe('网络招商');
    expect(row.getCell(s.col('负责人')).value).toBe('导出甲');
    // Made at 00:14 on 12-01 in China (16:14 on 11-30 in UTC): the sheet says 12-01 00:14.
    expectZoneTime(row.getCell(s.col('登记时间')), '2026-12-01T00:14');
    // A formula-looking agent name is text, marked as such (nothing runs when the file opens).
    const agentCell = row.getCell(s.col('代理'));
    expect(agentCell.type).toBe(ExcelJS.ValueType.String);
    expect(agentCell.value).toBe(refs.agentName);
    expect(agentCell.numFmt).toBe('@');
    // The totals row sums the money column exactly.
    expectMoney(s.total!.getCell(s.col('预计投资额')), 1_040_740.73 + 50_000_000.01);
  });

  it('a staff member gets what their list shows them: their own leads, not a colleague’s', async () => {
    const s = await download(`/api/leads/export?q=${encodeURIComponent(tag)}`, alice);
    expect(s.rows.map((r) => r.getCell(1).value)).toEqual([mine.companyName]);
    expectMoney(s.total!.getCell(s.col('预计投资额')), 1_040_740.73);
    const list = await call<{ items: Lead[] }>(t, { method: 'GET', url: `/api/leads?q=${encodeURIComponent(tag)}`, as: alice });
    expect(list.data.items.map((l) => l.id)).toEqual([mine.id]);
  });

  it('the public pool (pool=true) is its own file, and any staff member exports it', async () => {
    const lapsed = await call<Lead>(t, {
      method: 'POST',
      url: '/api/leads',
      payload: { companyName: `${tag}丙有限公司`, channel: 'direct', zoneId: refs.zoneId, industryId: refs.industryId, estimatedInvestmentFen: 1 },
      as: bob,
    });
    await t.db
      .update(leads)
      .set({ protectionExpiresAt: new Date(t.now().getTime() - 86_400_000) })
      .where(eq(leads.id, lapsed.data.id));
    const s = await download(`/api/leads/export?pool=true&q=${encodeURIComponent(tag)}`, alice);
    expectFileName(s.disposition, '公海', 'pool');
    expect(s.rows.map((r) => r.getCell(1).value)).toEqual([lapsed.data.companyName]);
    expect(s.rows[0]!.getCell(s.col('公海')).value).toBe('是');
    expectMoney(s.total!.getCell(s.col('预计投资额')), 0.01);
  });

  it('refuses a bad filter with 400 in the error shape, not a broken file', async () => {
    const res = await call(t, { method: 'GET', url: '/api/leads/export?stage=maybe', as: manager });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).details?.fields?.map((f) => f.field)).toContain('stage');
  });
});

describe('GET /api/projects/export', () => {
  it('money columns as ¥ numbers with totals, the milestone as a label, the signing date as a date; staff see their own', async () => {
    const signed = await call<ProjectDetail>(t, {
      method: 'POST',
      url: `/api/leads/${mine.id}/sign`,
      payload: {
        signedOn: '2026-11-30',
        contractInvestmentFen: 104_074_073,
        registeredCapitalFen: 1_000_00,
        landMu: 12.5,
        zoneId: refs.zoneId,
        industryId: refs.industryId,
      },
      as: alice,
    });
    expect(signed.statusCode, signed.body).toBe(201);
    const s = await download(`/api/projects/export?q=${encodeURIComponent(tag)}`, manager);
    expectFileName(s.disposition, '项目', 'projects');
    expect(s.rows).toHaveLength(1);
    const row = s.rows[0]!;
    expect(row.getCell(s.col('项目名称')).value).toBe(signed.data.name);
    expect(row.getCell(s.col('当前里程碑')).value).toBe('签约');
    expectMoney(row.getCell(s.col('合同投资额')), 1_040_740.73);
    expectMoney(row.getCell(s.col('注册资本')), 1_000);
    expect(row.getCell(s.col('核实合同投资额')).value).toBeNull();
    const signedOn = row.getCell(s.col('签约日期'));
    expect(signedOn.type).toBe(ExcelJS.ValueType.Date);
    expect((signedOn.value as Date).toISOString().slice(0, 10)).toBe('2026-11-30');
    expect(row.getCell(s.col('用地(亩)')).value).toBe(12.5);
    expectMoney(s.total!.getCell(s.col('合同投资额')), 1_040_740.73);
    expectMoney(s.total!.getCell(s.col('核实合同投资额')), 0);

    expect((await download(`/api/projects/export?q=${encodeURIComponent(tag)}`, bob)).rows).toHaveLength(0);
    expect((await download(`/api/projects/export?q=${encodeURIComponent(tag)}`, alice)).rows).toHaveLength(1);
  });
});

describe('GET /api/agents/export', () => {
  it('kind and status as labels, formula-looking names as text', async () => {
    const s = await download(`/api/agents/export?q=${encodeURIComponent(tag)}`, finance);
    expectFileName(s.disposition, '招商代理', 'agents');
    expect(s.rows).toHaveLength(1);
    const row = s.rows[0]!;
    expect(row.getCell(s.col('名称')).value).toBe(refs.agentName);
    expect(row.getCell(s.col('名称')).numFmt).toBe('@');
    expect(row.getCell(s.col('类型')).value).toBe('招商代理机构');
    expect(row.getCell(s.col('状态')).value).toBe('合作中');
    expect(s.total).toBeUndefined();
  });
});

describe('GET /api/audit/export', () => {
  it('the trail under the same filters, labelled, with names, for managers only', async () => {
    const s = await download(`/api/audit/export?entityType=lead&entityId=${mine.id}`, manager);
    expectFileName(s.disposition, '审计日志', 'audit');
    expect(s.rows.map((r) => r.getCell(s.col('动作')).value)).toEqual(['签约', '登记线索']);
    const create = s.rows[1]!;
    expect(create.getCell(s.col('对象类型')).value).toBe('线索');
    expect(create.getCell(s.col('对象')).value).toBe(mine.companyName);
    expect(create.getCell(s.col('操作人')).value).toBe('导出甲');
    expectZoneTime(create.getCell(s.col('时间')), '2026-12-01T00:14');
    const changes = String(create.getCell(s.col('变更')).value);
    expect(changes).toContain('预计投资额: ¥1,040,740.73');
    expect(changes).toContain('招商渠道: 代理招商');
    expect(changes).toContain('负责人: 导出甲');
    // Sign-ins stay out unless asked for, as on the page.
    const mineOnly = await download(`/api/audit/export?actorId=${alice.user.id}`, manager);
    expect(mineOnly.rows.some((r) => r.getCell(s.col('动作')).value === '登录')).toBe(false);
    const withAuth = await download(`/api/audit/export?actorId=${alice.user.id}&includeAuth=true`, manager);
    expect(withAuth.rows.some((r) => r.getCell(s.col('动作')).value === '登录')).toBe(true);

    const refused = await call(t, { method: 'GET', url: '/api/audit/export', as: alice });
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const bad = await call(t, { method: 'GET', url: '/api/audit/export?from=2026-12-02&to=2026-12-01', as: manager });
    expect(bad.statusCode).toBe(400);
  });
});
