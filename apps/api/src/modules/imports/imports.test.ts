import { auditLog, companyReports, dataImports, leads, leadStageHistory } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { creditCodeCheckChar, MAX_IMPORT_BYTES, type DataImport, type DataImportSummary, type ImportIssue, type Lead } from '@crm/shared';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../lib/rollups.ts';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let boss: Session; // manager
let admin: Session;
let alice: Session; // staff
let bob: Session; // staff
let finance: Session;
let zoneName: string;
let zoneId: string;
let parkName: string;
let industryName: string;

beforeAll(async () => {
  t = await startTestApp();
  [boss, admin, alice, bob, finance] = await Promise.all([
    signIn(t, ['manager'], { displayName: unique('主任') }),
    signIn(t, ['admin']),
    signIn(t, ['staff'], { displayName: unique('甲') }),
    signIn(t, ['staff'], { displayName: unique('乙') }),
    signIn(t, ['finance']),
  ]);
  const z = await makeZone(t.db);
  zoneName = z.zone.name;
  zoneId = z.zone.id;
  parkName = z.park.name;
  industryName = (await makeIndustry(t.db)).industry.name;
});
afterAll(() => t.close());

/** A valid 统一社会信用代码 made from a counter (its check character computed), or one with a wrong check character. */
let serial = 1000;
function creditCode(wrong = false) {
  const first17 = `91350100M${String(serial++).padStart(8, '0')}`;
  const check = creditCodeCheckChar(first17) as string;
  return first17 + (wrong ? (check === '0' ? '1' : '0') : check);
}
const company = (label = '') => `${unique(label || '导入')}有限公司`;

function multipart(filename: string, content: Buffer) {
  const boundary = `----crm${unique('')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
async function upload(as: Session, filename: string, content: Buffer) {
  const { payload, contentType } = multipart(filename, content);
  const res = await t.app.inject({ method: 'POST', url: '/api/imports?kind=leads', payload, headers: { ...as.headers, 'content-type': contentType } });
  return Object.assign(res, { data: res.json() as DataImport });
}
const check = (as: Session, imp: DataImport, mapping = imp.mapping, defaultOwnerId?: string | null) =>
  call<DataImport>(t, {
    method: 'PUT',
    url: `/api/imports/${imp.id}/mapping`,
    as,
    payload: { mapping, ...(defaultOwnerId === undefined ? {} : { defaultOwnerId }) },
  });
async function runToEnd(as: Session, id: string) {
  const started = await call<DataImport>(t, { method: 'POST', url: `/api/imports/${id}/run`, as });
  expect(started.statusCode, started.body).toBe(202);
  expect(started.data.status).toBe('importing');
  for (let i = 0; i < 600; i++) {
    const now = await call<DataImport>(t, { method: 'GET', url: `/api/imports/${id}`, as });
    if (now.data.status !== 'importing') return now.data;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}

const HEADERS = ['企业名称', '统一社会信用代码', '联系人', '电话', '行业', '开发区/园区', '渠道', '预计投资(万元)', '负责人', '登记日期'];

async function xlsx(rows: ExcelJS.CellValue[][], headers = HEADERS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('线索');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (rows: string[][], headers = HEADERS) =>
  `${[headers, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

const leadsNamed = (names: string[]) => t.db.select().from(leads).where(inArray(leads.companyName, names));

describe('a good .xlsx, imported by a manager into two owners', () => {
  it('suggests the mapping from the Chinese headers, checks, imports every row with exact fen, clocks, protection, 首报 and audit', async () => {
    const names = [company(), company(), company()];
    const codes = [creditCode(), creditCode()];
    const file = await xlsx([
      [names[0], codes[0], '张三', '13800000001', industryName, zoneName, '产业链招商', '1234.56', alice.user.displayName, new Date(Date.UTC(2025, 10, 30))],
      [names[1], codes[1], '李四', '13800000002', '', parkName, '网络招商', 0.000001, bob.user.username, '2025/11/30'],
      [names[2], '', '', '', industryName, zoneName, '', 50000, '', '2025年11月30日'],
    ]);
    const up = await upload(boss, '存量线索.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.data).toMatchObject({ status: 'uploaded', format: 'xlsx', headers: HEADERS, mappingSource: 'suggested', defaultOwnerId: boss.user.id });
    expect(up.data.mapping).toEqual([
      'companyName',
      'creditCode',
      'contactName',
      'contactPhone',
      'industry',
      'zone',
      'channel',
      'investmentWan',
      'owner',
      'registeredOn',
    ]);

    const checked = await check(boss, up.data);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.data).toMatchObject({ status: 'checked', totalRows: 3, validRows: 3, refusedRows: 0, issueCount: 0, issues: [] });
    expect(checked.data.preview.map((p) => p.values.companyName)).toEqual(names);
    expect(await leadsNamed(names)).toHaveLength(0); // checking writes nothing

    const done = await runToEnd(boss, up.data.id);
    expect(done).toMatchObject({ status: 'done', importedRows: 3, processedRows: 3, error: null });
    const rows = await leadsNamed(names);
    const by = new Map(rows.map((r) => [r.companyName, r]));
    // 1234.56 万元 = 12,345,600 元 = 1,234,560,000 fen; 0.000001 万元 = 1 fen; 50000 万元 = ¥5亿 (major).
    expect(by.get(names[0]!)).toMatchObject({
      ownerId: alice.user.id,
      creditCode: codes[0],
      estimatedInvestmentFen: 1_234_560_000,
      channel: 'industry_chain',
      zoneId,
      stage: 'new',
      isMajor: false,
    });
    expect(by.get(names[0]!)?.contacts).toEqual([{ name: '张三', phone: '13800000001' }]);
    expect(by.get(names[1]!)).toMatchObject({ ownerId: bob.user.id, estimatedInvestmentFen: 1, channel: 'online', zoneId, industryId: null });
    expect(by.get(names[1]!)?.parkId).not.toBeNull();
    expect(by.get(names[2]!)).toMatchObject({ ownerId: boss.user.id, estimatedInvestmentFen: 5_000_000_000_000 / 100, channel: 'direct', isMajor: true });
    for (const r of rows) {
      // Registered on 2025-11-30 in the zone: that is when it was created; its protection and clock start now.
      expect(r.createdAt.toISOString()).toBe('2025-11-29T16:00:00.000Z');
      expect(r.clockPhase).toBe('respond');
      expect(r.clockDueAt).not.toBeNull();
      expect(r.protectionExpiresAt!.getTime()).toBeGreaterThan(t.now().getTime() + 80 * 86_400_000);
    }
    const ids = rows.map((r) => r.id);
    expect(await t.db.select().from(leadStageHistory).where(inArray(leadStageHistory.leadId, ids))).toHaveLength(3);
    expect(await t.db.select().from(companyReports).where(inArray(companyReports.leadId, ids))).toHaveLength(3);
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'lead.create'), inArray(auditLog.entityId, ids))),
    ).toHaveLength(3);
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'import.run'), eq(auditLog.entityId, up.data.id))),
    ).toHaveLength(1);
    // The leads read like any other: the owner sees it with its clock.
    const lead = await call<Lead>(t, { method: 'GET', url: `/api/leads/${by.get(names[0]!)!.id}`, as: alice });
    expect(lead.data.clock?.state).toBe('respond');

    const list = await call<{ items: DataImportSummary[] }>(t, { method: 'GET', url: '/api/imports', as: boss });
    expect(list.data.items.find((i) => i.id === up.data.id)).toMatchObject({
      fileName: '存量线索.xlsx',
      createdByName: boss.user.displayName,
      importedRows: 3,
      refusedRows: 0,
      status: 'done',
    });
    // Done is done: it cannot run twice.
    expect((await call(t, { method: 'POST', url: `/api/imports/${up.data.id}/run`, as: boss })).statusCode).toBe(412);
  });
});

describe('csv files: GBK and UTF-8', () => {
  it('reads a GBK (GB18030) csv as Excel on Chinese Windows saves it, for staff importing their own leads', async () => {
    const names = [company('国标'), company('国标')];
    const text = csv([
      [names[0]!, creditCode(), '王五', '021-5555', industryName, zoneName, '自主招商', '1,200.5', '', '2025-11-30'],
      [names[1]!, '', '', '', '', zoneName, '招商活动', '', alice.user.displayName, '46000'],
    ]);
    const up = await upload(alice, '线索GBK.csv', iconv.encode(text, 'gbk'));
    expect(up.statusCode, up.body).toBe(201);
    expect(up.data).toMatchObject({ format: 'csv', encoding: 'gb18030', headers: HEADERS });
    const checked = await check(alice, up.data);
    expect(checked.data).toMatchObject({ totalRows: 2, refusedRows: 0 });
    const done = await runToEnd(alice, up.data.id);
    expect(done.importedRows).toBe(2);
    const rows = await leadsNamed(names);
    expect(rows.map((r) => r.ownerId)).toEqual([alice.user.id, alice.user.id]);
    expect(rows.find((r) => r.companyName === names[0])?.estimatedInvestmentFen).toBe(1_200_500_000);
    expect(rows.find((r) => r.companyName === names[0])?.contacts).toEqual([{ name: '王五', phone: '021-5555' }]);
    // 46000 is an Excel serial date: 2025-12-09.
    expect(rows.find((r) => r.companyName === names[1])?.createdAt.toISOString()).toBe('2025-12-08T16:00:00.000Z');
  });

  it('reads a UTF-8 csv with a BOM and a 元 column', async () => {
    const names = [company('utf')];
    const headers = ['公司名称', '所属行业', '开发区', '预计投资(元)', '备注'];
    const up = await upload(
      boss,
      'utf8.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([[names[0]!, industryName, zoneName, '¥12,345.67', '老客户,"重点"']], headers))]),
    );
    expect(up.data).toMatchObject({ encoding: 'utf-8', headers });
    expect(up.data.mapping).toEqual(['companyName', 'industry', 'zone', 'investmentYuan', 'notes']);
    const checked = await check(boss, up.data);
    expect(checked.data.refusedRows).toBe(0);
    expect((await runToEnd(boss, up.data.id)).importedRows).toBe(1);
    expect((await leadsNamed(names))[0]).toMatchObject({ estimatedInvestmentFen: 1_234_567, notes: '老客户,"重点"', ownerId: boss.user.id });
  });
});

describe('a file with every kind of bad row', () => {
  it('reports each problem with its row, column and fix, refuses to import, and writes nothing', async () => {
    const other = await call<Lead>(t, { method: 'POST', url: '/api/leads', as: bob, payload: { companyName: company('已有'), channel: 'online' } });
    expect(other.statusCode).toBe(201);
    const good = [company('好'), company('好'), company('好')];
    const badCode = creditCode(true);
    const dupName = company('重复');
    const formulaName = company('公式');
    const file = await xlsx([
      /* 2 */ [good[0], creditCode(), '', '', '', zoneName, '', '', '', '2025-11-30'],
      /* 3 */ [good[1], '', '', '', '', zoneName, '', '', '', '2025/11/30'],
      /* 4 */ [good[2], '', '', '', '', zoneName, '', '', '', '2025年11月30日'],
      /* 5 */ [company('码'), badCode, '', '', '', zoneName, '', '', '', ''],
      /* 6 */ [company('区'), '', '', '', '', '不存在的开发区', '', '', '', ''],
      /* 7 */ [dupName, '', '', '', '', zoneName, '', '', '', ''],
      /* 8 */ [` ${dupName}`, '', '', '', '', zoneName, '', '', '', ''],
      /* 9 */ [other.data.companyName, '', '', '', '', zoneName, '', '', '', ''],
      /* 10 */ [formulaName, '', '', '', '', zoneName, '', { formula: 'B2*10000', result: 100 } as ExcelJS.CellValue, '', ''],
      /* 11 */ ['', '', '张三', '', '', zoneName, '', '', '', ''],
      /* 12 */ [company('日'), '', '', '', '', zoneName, '', '', '', '2025-13-45'],
      /* 13 */ [company('钱'), '', '', '', '', zoneName, '', '12.3456789', '', ''],
      /* 14 */ [company('人'), '', '', '', '', zoneName, '', '', '查无此人', ''],
    ]);
    const up = await upload(boss, '问题文件.xlsx', file);
    const checked = await check(boss, up.data);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.data).toMatchObject({ totalRows: 13, validRows: 4, refusedRows: 9, issueCount: 9 });
    const byRow = new Map<number, ImportIssue>(checked.data.issues.map((i) => [i.row, i]));
    expect([...byRow.keys()].sort((a, b) => a - b)).toEqual([5, 6, 8, 9, 10, 11, 12, 13, 14]);
    expect(byRow.get(5)).toMatchObject({ column: '统一社会信用代码', code: 'credit_code', value: badCode });
    expect(byRow.get(5)?.problem).toMatch(/校验位错误/);
    expect(byRow.get(6)).toMatchObject({ column: '开发区/园区', code: 'unknown_zone', value: '不存在的开发区' });
    expect(byRow.get(8)).toMatchObject({ column: '企业名称', code: 'duplicate_in_file' });
    expect(byRow.get(8)?.problem).toContain('第 7 行');
    expect(byRow.get(9)).toMatchObject({ code: 'duplicate_in_crm', existingOwner: bob.user.displayName });
    expect(byRow.get(10)).toMatchObject({ column: '预计投资(万元)', code: 'formula', value: '=B2*10000' });
    expect(byRow.get(11)).toMatchObject({ column: '企业名称', code: 'required' });
    expect(byRow.get(12)).toMatchObject({ column: '登记日期', code: 'date', value: '2025-13-45' });
    expect(byRow.get(13)).toMatchObject({ column: '预计投资(万元)', code: 'money' });
    expect(byRow.get(14)).toMatchObject({ column: '负责人', code: 'unknown_owner' });
    for (const i of checked.data.issues) expect(i.fix.length).toBeGreaterThan(4);
    expect(checked.data.preview.filter((p) => p.refused).map((p) => p.row)).toEqual([5, 6, 8, 9, 10, 11, 12, 13, 14]);

    // Nothing starts while any row is refused; nothing was written.
    const run = await call(t, { method: 'POST', url: `/api/imports/${up.data.id}/run`, as: boss });
    expect(run.statusCode).toBe(412);
    expect(errorOf(run).message).toMatch(/9 rows are refused/);
    expect(await leadsNamed([...good, dupName, formulaName])).toHaveLength(0);
    const [stored] = await t.db.select().from(dataImports).where(eq(dataImports.id, up.data.id));
    expect(stored).toMatchObject({ status: 'checked', importedRows: 0 });

    // The report as .xlsx: one line per problem.
    const report = await t.app.inject({ method: 'GET', url: `/api/imports/${up.data.id}/report`, headers: boss.headers });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(encodeURIComponent('问题文件_检查报告.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('问题清单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '行号', '列', '问题', '如何修改', '单元格内容', '已有负责人']);
    expect(sheet.rowCount).toBe(10);
    const dupLine = sheet.getRows(2, 9)!.find((r) => r.getCell(1).value === 9)!;
    expect(dupLine.getCell(6).value).toBe(bob.user.displayName);
    // The formula of the upload comes back as text, never as a formula.
    const formulaLine = sheet.getRows(2, 9)!.find((r) => r.getCell(1).value === 10)!;
    expect(formulaLine.getCell(5).formula).toBeUndefined();
  });

  it('refuses 元 amounts with more than two decimals and staff naming another owner', async () => {
    const text = csv([[company(), '', '', '', '', zoneName, '', '', bob.user.displayName, '']]);
    const up = await upload(alice, 'x.csv', Buffer.from(text));
    const checked = await check(alice, up.data);
    expect(checked.data.issues).toEqual([expect.objectContaining({ row: 2, code: 'owner_not_allowed', column: '负责人' })]);
    const yuan = await upload(boss, 'y.csv', Buffer.from(csv([[company(), '1.005']], ['企业名称', '投资额(元)'])));
    expect((await check(boss, yuan.data)).data.issues).toEqual([expect.objectContaining({ row: 2, code: 'money', column: '投资额(元)' })]);
  });
});

describe('the mapping is remembered per header row', () => {
  it('offers the mapping chosen last time for the same headers', async () => {
    const headers = ['客户', '所在区', '经办人', '随便一列'];
    const first = await upload(boss, 'a.csv', Buffer.from(csv([[company(), zoneName, '', 'x']], headers)));
    expect(first.data.mappingSource).toBe('suggested');
    expect(first.data.mapping).toEqual([null, null, 'owner', null]);
    const chosen = ['companyName', 'zone', 'owner', null];
    expect((await check(boss, first.data, chosen)).data.refusedRows).toBe(0);
    const second = await upload(alice, 'b.csv', Buffer.from(csv([[company(), zoneName, '', 'y']], headers)));
    expect(second.data).toMatchObject({ mappingSource: 'remembered', mapping: chosen });
  });

  it('refuses a mapping without 企业名称 or with a field twice', async () => {
    const up = await upload(boss, 'c.csv', Buffer.from(csv([[company(), zoneName]], ['企业名称', '开发区'])));
    const none = await check(boss, up.data, [null, 'zone']);
    expect(none.statusCode).toBe(400);
    expect(errorOf(none).details?.fields?.[0]).toMatchObject({ field: 'mapping' });
    expect((await check(boss, up.data, ['companyName', 'companyName'])).statusCode).toBe(400);
  });
});

describe('permissions and limits', () => {
  it('lets only staff, managers and admins import; staff see only their own imports', async () => {
    const up = await upload(boss, 'p.csv', Buffer.from(csv([[company(), zoneName]], ['企业名称', '开发区'])));
    expect((await upload(finance, 'p.csv', Buffer.from('企业名称\r\nx\r\n'))).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/imports', as: finance })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: '/api/imports' })).statusCode).toBe(401);
    expect((await call(t, { method: 'GET', url: '/api/imports/template', as: finance })).statusCode).toBe(403);
    expect((await call(t, { method: 'GET', url: `/api/imports/${up.data.id}`, as: alice })).statusCode).toBe(403);
    expect(
      (await call(t, { method: 'PUT', url: `/api/imports/${up.data.id}/mapping`, as: alice, payload: { mapping: ['companyName', 'zone'] } })).statusCode,
    ).toBe(403);
    expect((await call(t, { method: 'POST', url: `/api/imports/${up.data.id}/run`, as: alice })).statusCode).toBe(403);
    const mine = await call<{ items: DataImportSummary[] }>(t, { method: 'GET', url: '/api/imports', as: alice });
    expect(mine.data.items.every((i) => i.createdBy === alice.user.id)).toBe(true);
    expect(mine.data.items.length).toBeGreaterThan(0);
    // Staff cannot choose another default owner; an admin must choose one (admins own no leads).
    const own = await upload(alice, 'q.csv', Buffer.from(csv([[company(), zoneName]], ['企业名称', '开发区'])));
    expect((await check(alice, own.data, own.data.mapping, bob.user.id)).statusCode).toBe(403);
    const byAdmin = await upload(admin, 'r.csv', Buffer.from(csv([[company(), zoneName]], ['企业名称', '开发区'])));
    expect(byAdmin.data.defaultOwnerId).toBeNull();
    expect((await check(admin, byAdmin.data)).data.issues[0]).toMatchObject({ code: 'unknown_owner' });
    const assigned = await check(admin, byAdmin.data, byAdmin.data.mapping, bob.user.id);
    expect(assigned.data).toMatchObject({ refusedRows: 0, defaultOwnerName: bob.user.displayName });
  });

  it('refuses files that are too large, of the wrong kind, or without a header row, with clear errors', async () => {
    const big = await upload(boss, 'big.csv', Buffer.alloc(MAX_IMPORT_BYTES + 1024, 0x41));
    expect(big.statusCode).toBe(413);
    expect(errorOf(big).message).toMatch(/too large: at most 30 MB/);
    const xls = await upload(boss, 'old.xls', Buffer.from('x'));
    expect(xls.statusCode).toBe(400);
    expect(errorOf(xls).details?.fields?.[0]?.message).toMatch(/\.xlsx or \.csv/);
    expect((await upload(boss, 'fake.xlsx', Buffer.from('企业名称\r\n'))).statusCode).toBe(400);
    expect(errorOf(await upload(boss, 'empty.csv', Buffer.from('\r\n\r\n'))).details?.fields?.[0]?.message).toMatch(/no header row/);
  });

  it('serves a template whose headers are suggested back exactly', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/imports/template?kind=leads', headers: alice.headers });
    expect(res.statusCode).toBe(200);
    const up = await upload(alice, '模板.xlsx', res.rawPayload);
    expect(up.data.mapping.every((m) => m !== null)).toBe(true);
    expect(up.data.headers[0]).toBe('企业名称');
  });
});

describe('many rows', () => {
  it('imports 1,300 rows in chunks (bind parameters stay under the limit) in one transaction', async () => {
    const prefix = unique('批量');
    const rows = Array.from({ length: 1300 }, (_, i) => [`${prefix}${i}有限公司`, creditCode(), '', '', '', zoneName, '', String(i), '', '']);
    const up = await upload(boss, 'many.csv', Buffer.from(csv(rows)));
    expect((await check(boss, up.data)).data).toMatchObject({ totalRows: 1300, refusedRows: 0, preview: expect.any(Array) });
    expect((await runToEnd(boss, up.data.id)).importedRows).toBe(1300);
    const ids = (
      await t.db
        .select({ id: leads.id })
        .from(leads)
        .where(like(leads.companyName, `${prefix}%`))
    ).map((l) => l.id);
    expect(ids).toHaveLength(1300);
    // Written a chunk per statement, each lead still has its stage history, its 首报 and its own audit row.
    expect(await t.db.$count(leadStageHistory, inArray(leadStageHistory.leadId, ids))).toBe(1300);
    expect(await t.db.$count(companyReports, and(inArray(companyReports.leadId, ids), eq(companyReports.isFirst, true)))).toBe(1300);
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, 'lead.create'), inArray(auditLog.entityId, ids)))).toBe(1300);
    // lead_rollup (moved once per statement by its insert trigger) still equals a recount; one statement, so the other
    // files' writes on a shared database cannot tear it.
    const diff = await t.db.execute(sql`
      with kept as (select month, zone_id, owner_id, created_by, channel, industry_id, chain_node_id, stage, furthest_stage_rank, project_milestone, n, fen, project_fen
                    from lead_rollup where not (n = 0 and fen = 0 and project_fen = 0)),
           recount as (select * from crm_lead_rollup_recount((select time_zone from rollup_settings where id = 1)))
      select * from (select * from kept except all select * from recount) a
      union all select * from (select * from recount except all select * from kept) b`);
    expect(rowsOf(diff)).toEqual([]);
  });

  it('writes nothing when a row is refused at import time (the CRM changed since the check): the import fails with the reason', async () => {
    const prefix = unique('回滚');
    const rows = Array.from({ length: 700 }, (_, i) => [`${prefix}${i}有限公司`, '', '', '', '', zoneName, '', '', '', '']);
    const up = await upload(boss, 'late.csv', Buffer.from(csv(rows)));
    expect((await check(boss, up.data)).data.refusedRows).toBe(0);
    // Someone registers the company of row 650 meanwhile (in the second chunk: the first chunk was already written).
    expect(
      (await call(t, { method: 'POST', url: '/api/leads', as: bob, payload: { companyName: `${prefix}648有限公司`, channel: 'online' } })).statusCode,
    ).toBe(201);
    const done = await runToEnd(boss, up.data.id);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/Row 650 is refused now/);
    expect(done.importedRows).toBe(0);
    expect(
      await t.db
        .select({ id: leads.id })
        .from(leads)
        .where(like(leads.companyName, `${prefix}%`)),
    ).toHaveLength(1);
  });

  it('reads a large .xlsx of Chinese text without a garbled character (exceljs streaming patch)', async () => {
    const prefix = unique('中文');
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `${prefix}${'长'.repeat(i % 7)}新材料科技${i}有限公司`,
      '',
      '联系人甲乙丙',
      '',
      '',
      zoneName,
      '产业链招商',
      '',
      '',
      '',
    ]);
    const up = await upload(boss, '中文.xlsx', await xlsx(rows));
    const checked = await check(boss, up.data);
    expect(checked.data.issues.filter((i) => i.code === 'encoding')).toEqual([]);
    expect(checked.data).toMatchObject({ totalRows: 3000, refusedRows: 0 });
  });
});
