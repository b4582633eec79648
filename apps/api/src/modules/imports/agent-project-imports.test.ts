import { agentAgreements, agents, auditLog, dataImports, projectFigures, projects } from '@crm/db';
import { makeIndustry, makeZone, unique } from '@crm/db/test/factories';
import { creditCodeCheckChar, type Agent, type DataImport, type ImportIssue, type Lead } from '@crm/shared';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, daysAgo, errorOf, signIn, startTestApp, today, type Session, type TestApp } from '../../test/harness.ts';
import { failInterruptedImports } from './service.ts';

let t: TestApp;
let boss: Session; // manager
let admin: Session;
let alice: Session; // staff
let bob: Session; // staff
let finance: Session;
let zoneName: string;
let zoneId: string;
let industryName: string;
let industryId: string;

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
  const i = await makeIndustry(t.db);
  industryName = i.industry.name;
  industryId = i.industry.id;
});
afterAll(() => t.close());

// Random per run: a server database that keeps an earlier run's agents and leads sees no collision.
let serial = 10_000_000 + Math.floor(Math.random() * 80_000_000);
function creditCode(wrong = false) {
  const first17 = `91350100M${String(serial++).padStart(8, '0')}`;
  const check = creditCodeCheckChar(first17) as string;
  return first17 + (wrong ? (check === '0' ? '1' : '0') : check);
}

function multipart(filename: string, content: Buffer) {
  const boundary = `----crm${unique('')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
async function upload(as: Session, kind: 'agents' | 'projects' | 'leads', filename: string, content: Buffer) {
  const { payload, contentType } = multipart(filename, content);
  const res = await t.app.inject({ method: 'POST', url: `/api/imports?kind=${kind}`, payload, headers: { ...as.headers, 'content-type': contentType } });
  return Object.assign(res, { data: res.json() as DataImport });
}
const check = (as: Session, imp: DataImport, mapping = imp.mapping) =>
  call<DataImport>(t, { method: 'PUT', url: `/api/imports/${imp.id}/mapping`, as, payload: { mapping } });
async function runToEnd(as: Session, id: string) {
  const started = await call<DataImport>(t, { method: 'POST', url: `/api/imports/${id}/run`, as });
  expect(started.statusCode, started.body).toBe(202);
  for (let i = 0; i < 600; i++) {
    const now = await call<DataImport>(t, { method: 'GET', url: `/api/imports/${id}`, as });
    if (now.data.status !== 'importing') return now.data;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the import did not finish');
}
async function xlsx(headers: string[], rows: ExcelJS.CellValue[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csv = (headers: string[], rows: string[][]) =>
  `${[headers, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
/** The problems of one row, by code. */
const codesAt = (issues: ImportIssue[], row: number) => issues.filter((i) => i.row === row).map((i) => i.code);
/** A date in the three ways people write them. */
const slashed = (d: string) => d.replace(/-/g, '/');
const chinese = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const excelDate = (d: string) => new Date(`${d}T00:00:00Z`);

const AGENT_HEADERS = ['名称', '类型', '统一社会信用代码', '联系人', '电话', '政府单位', '协议名称', '协议开始日期', '协议结束日期'];

async function agentOf(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Agent>(t, { method: 'POST', url: '/api/agents', as, payload: { name: `${unique('代理')}有限公司`, kind: 'agency', ...over } });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}

describe('importing agents (中介/招商代理)', () => {
  it('imports a good file with every field, in three date formats, through the agents service (audited per agent)', async () => {
    const names = [`${unique('导入代理')}有限公司`, `${unique('导入中介')}有限公司`, unique('引荐人')];
    const codes = [creditCode(), creditCode()];
    const file = await xlsx(AGENT_HEADERS, [
      [names[0], '招商代理机构', codes[0], '王经理', '13900000001', '否', '委托招商协议', daysAgo(100), slashed(daysAgo(10))],
      [names[1], '中介', codes[1], '', '', '是', '框架协议', chinese(daysAgo(50)), ''],
      [names[2], '个人', '', '赵六', '13900000003', '', '', '', ''],
    ]);
    const up = await upload(boss, 'agents', '代理名单.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    // Suggested from the headers the first time (remembered on a database an earlier run used).
    expect(up.data).toMatchObject({ kind: 'agents', defaultOwnerId: null });
    expect(up.data.mapping).toEqual([
      'name',
      'kind',
      'creditCode',
      'contactName',
      'phone',
      'isGovernmentUnit',
      'agreementTitle',
      'agreementStartsOn',
      'agreementEndsOn',
    ]);
    const checked = await check(boss, up.data);
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.data).toMatchObject({ status: 'checked', totalRows: 3, validRows: 3, refusedRows: 0, issues: [] });
    expect(await t.db.select().from(agents).where(inArray(agents.name, names))).toHaveLength(0);

    const done = await runToEnd(boss, up.data.id);
    expect(done).toMatchObject({ status: 'done', importedRows: 3, errorReason: null });
    const rows = await t.db.select().from(agents).where(inArray(agents.name, names));
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get(names[0]!)).toMatchObject({
      kind: 'agency',
      creditCode: codes[0],
      contactName: '王经理',
      phone: '13900000001',
      isGovernmentUnit: false,
      createdBy: boss.user.id,
      status: 'active',
    });
    expect(by.get(names[1]!)).toMatchObject({ kind: 'intermediary', isGovernmentUnit: true });
    expect(by.get(names[2]!)).toMatchObject({ kind: 'individual', creditCode: null });
    const agreements = await t.db
      .select()
      .from(agentAgreements)
      .where(
        inArray(
          agentAgreements.agentId,
          rows.map((r) => r.id),
        ),
      );
    expect(agreements.map((a) => [a.title, a.startsOn, a.endsOn]).sort()).toEqual([
      ['委托招商协议', daysAgo(100), daysAgo(10)],
      ['框架协议', daysAgo(50), null],
    ]);
    const trail = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'agent.create'),
          inArray(
            auditLog.entityId,
            rows.map((r) => r.id),
          ),
        ),
      );
    expect(trail).toHaveLength(3);
    expect(trail.every((a) => (a.after as { importId: string }).importId === up.data.id)).toBe(true);
    const run = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'import.run'), eq(auditLog.entityId, up.data.id)));
    expect(run[0]?.after).toMatchObject({ kind: 'agents', importedRows: 3 });
    const list = await call<{ items: DataImport[] }>(t, { method: 'GET', url: '/api/imports?kind=agents', as: admin });
    expect(list.data.items.find((i) => i.id === up.data.id)).toMatchObject({ createdByName: boss.user.displayName, importedRows: 3, kind: 'agents' });
  });

  it('reports every bad row (check digit, duplicates in the file and of another person’s agent, formula, empty required, dates) and writes nothing', async () => {
    const theirs = await agentOf(alice, { creditCode: creditCode() });
    const good = `${unique('好代理')}有限公司`;
    const twice = `${unique('两次')}有限公司`;
    const rows = [
      /* 2 */ [good, '中介', creditCode(), '', '', '', '协议甲', daysAgo(20), ''],
      /* 3 */ [`${unique('错码')}有限公司`, '中介', creditCode(true), '', '', '', '', '', ''],
      /* 4 */ [twice, '中介', '', '', '', '', '', '', ''],
      /* 5 */ [` ${twice}`, '中介', '', '', '', '', '', '', ''],
      /* 6 */ [theirs.name, '招商代理机构', '', '', '', '', '', '', ''],
      /* 7 */ [`${unique('同码')}有限公司`, '中介', theirs.creditCode!, '', '', '', '', '', ''],
      /* 8 */ [`${unique('公式')}有限公司`, '中介', '', '', '=A1&"x"', '', '', '', ''],
      /* 9 */ ['', '中介', '', '', '', '', '', '', ''],
      /* 10 */ [`${unique('无类型')}有限公司`, '', '', '', '', '', '', '', ''],
      /* 11 */ [`${unique('坏日期')}有限公司`, '律所', '', '', '', '也许', '协议乙', '下个月', ''],
      /* 12 */ [`${unique('日期倒')}有限公司`, '中介', '', '', '', '', '协议丙', chinese(daysAgo(5)), slashed(daysAgo(9))],
    ];
    // A GBK csv, as Excel on a Chinese Windows saves it.
    const up = await upload(boss, 'agents', '坏代理.csv', iconv.encode(csv(AGENT_HEADERS, rows), 'gb18030'));
    expect(up.data.encoding).toBe('gb18030');
    const checked = await check(boss, up.data);
    expect(checked.statusCode, checked.body).toBe(200);
    const issues = checked.data.issues;
    expect(checked.data).toMatchObject({ totalRows: 11, validRows: 2, refusedRows: 9 });
    expect(codesAt(issues, 2)).toEqual([]);
    expect(codesAt(issues, 3)).toEqual(['credit_code']);
    expect(codesAt(issues, 4)).toEqual([]);
    expect(codesAt(issues, 5)).toEqual(['duplicate_in_file']);
    expect(issues.find((i) => i.row === 5)?.problem).toMatch(/第 4 行/);
    expect(issues.find((i) => i.row === 6)).toMatchObject({ code: 'duplicate_in_crm', column: '名称', existingOwner: alice.user.displayName });
    expect(issues.find((i) => i.row === 7)).toMatchObject({ code: 'duplicate_in_crm', column: '统一社会信用代码', existingOwner: alice.user.displayName });
    expect(issues.find((i) => i.row === 8)).toMatchObject({ code: 'formula', column: '电话' });
    expect(issues.find((i) => i.row === 9)).toMatchObject({ code: 'required', column: '名称' });
    expect(issues.find((i) => i.row === 10)).toMatchObject({ code: 'required', column: '类型' });
    expect(codesAt(issues, 11).sort()).toEqual(['date', 'invalid', 'unknown_kind']);
    expect(issues.find((i) => i.row === 12)).toMatchObject({ code: 'invalid', column: '协议结束日期' });
    for (const i of issues) expect(i.fix.length).toBeGreaterThan(0);

    const run = await call(t, { method: 'POST', url: `/api/imports/${up.data.id}/run`, as: boss });
    expect(run.statusCode).toBe(412);
    expect(errorOf(run).reason).toBe('IMPORT_REFUSED_ROWS');
    expect(await t.db.select().from(agents).where(eq(agents.name, good))).toHaveLength(0);

    const report = await t.app.inject({ method: 'GET', url: `/api/imports/${up.data.id}/report`, headers: boss.headers });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('问题清单')!;
    expect(sheet.rowCount).toBe(issues.length + 1);
    expect(sheet.getRow(2).getCell(1).value).toBe(3);
  });
});

const PROJECT_HEADERS = ['统一社会信用代码', '企业名称', '签约日期', '签约投资(万元)', '注册资本(万元)', '用地(亩)', '预计就业(人)', '开发区', '行业'];

async function leadOf(as: Session, over: Record<string, unknown> = {}) {
  const res = await call<Lead>(t, {
    method: 'POST',
    url: '/api/leads',
    as,
    payload: { companyName: `${unique('项目线索')}有限公司`, creditCode: creditCode(), channel: 'direct', ...over },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.data;
}
const sign = (as: Session, leadId: string) =>
  call(t, { method: 'POST', url: `/api/leads/${leadId}/sign`, as, payload: { signedOn: daysAgo(3), contractInvestmentFen: 100_00, zoneId, industryId } });

describe('importing projects (signed leads with their figures)', () => {
  it('signs each row’s lead through the projects service: exact fen from 万元, three date formats, zone and industry by name', async () => {
    const [a, b, c] = [await leadOf(alice), await leadOf(bob), await leadOf(alice, { creditCode: null })];
    const file = await xlsx(PROJECT_HEADERS, [
      [a.creditCode, '', excelDate(daysAgo(40)), '1234.56', '500', '35.5', 120, zoneName, industryName],
      [b.creditCode, b.companyName, slashed(daysAgo(20)), 0.000001, '', '', '', zoneName, industryName],
      ['', c.companyName, chinese(daysAgo(2)), '50000', '', '', '', zoneName, industryName],
    ]);
    const up = await upload(admin, 'projects', '项目台账.xlsx', file);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.data.mapping).toEqual([
      'creditCode',
      'companyName',
      'signedOn',
      'contractInvestmentWan',
      'registeredCapitalWan',
      'landMu',
      'expectedJobs',
      'zone',
      'industry',
    ]);
    const checked = await check(admin, up.data);
    expect(checked.data, JSON.stringify(checked.data.issues)).toMatchObject({ status: 'checked', totalRows: 3, refusedRows: 0 });
    // The check signs in a transaction it rolls back: nothing is written.
    expect(
      await t.db
        .select()
        .from(projects)
        .where(inArray(projects.leadId, [a.id, b.id, c.id])),
    ).toHaveLength(0);

    const done = await runToEnd(admin, up.data.id);
    expect(done).toMatchObject({ status: 'done', importedRows: 3 });
    const rows = await t.db
      .select()
      .from(projects)
      .where(inArray(projects.leadId, [a.id, b.id, c.id]));
    const by = new Map(rows.map((r) => [r.leadId, r]));
    expect(by.get(a.id)).toMatchObject({
      ownerId: alice.user.id,
      signedOn: daysAgo(40),
      contractInvestmentFen: 1_234_560_000,
      registeredCapitalFen: 500_000_000,
      landMu: '35.50',
      expectedJobs: 120,
      zoneId,
      industryId,
      currentMilestone: 'signed',
    });
    expect(by.get(b.id)).toMatchObject({ ownerId: bob.user.id, signedOn: daysAgo(20), contractInvestmentFen: 1 });
    expect(by.get(c.id)).toMatchObject({ signedOn: daysAgo(2), contractInvestmentFen: 50_000_000_000_00 / 100 });
    // As signed by hand: the lead is 签约, the contract amount a pending reported figure, audited with the import.
    const lead = await call<Lead>(t, { method: 'GET', url: `/api/leads/${a.id}`, as: boss });
    expect(lead.data.stage).toBe('signed');
    const figures = await t.db
      .select()
      .from(projectFigures)
      .where(eq(projectFigures.projectId, by.get(a.id)!.id));
    expect(figures).toMatchObject([{ kind: 'contract_investment', amountFen: 1_234_560_000, verifiedAt: null }]);
    const trail = await t.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'project.create'),
          inArray(
            auditLog.entityId,
            rows.map((r) => r.id),
          ),
        ),
      );
    expect(trail.map((x) => (x.after as { importId: string }).importId)).toEqual([up.data.id, up.data.id, up.data.id]);
  });

  it('reports every bad row (check digit, unknown zone, duplicates in the file and of another owner’s project, formula, empty required, future date) and writes nothing', async () => {
    const ok = await leadOf(alice);
    const twice = await leadOf(alice);
    const signedByBob = await leadOf(bob);
    expect((await sign(bob, signedByBob.id)).statusCode).toBe(201);
    // Each bad row names its own lead, so each shows only its own problem.
    const o = await Promise.all(Array.from({ length: 7 }, () => leadOf(alice)));
    const other = o[6]!;
    const row = (code: string | null, over: Partial<Record<'date' | 'wan' | 'zone' | 'industry' | 'name', string>> = {}) => [
      code ?? '',
      over.name ?? '',
      over.date ?? daysAgo(10),
      over.wan ?? '100',
      '',
      '',
      '',
      over.zone ?? zoneName,
      over.industry ?? industryName,
    ];
    const rows = [
      /* 2 */ row(ok.creditCode, { date: slashed(daysAgo(10)) }),
      /* 3 */ row(creditCode(true)),
      /* 4 */ row(o[0]!.creditCode, { zone: '不存在的开发区' }),
      /* 5 */ row(twice.creditCode, { date: chinese(daysAgo(8)) }),
      /* 6 */ row(twice.creditCode),
      /* 7 */ row(signedByBob.creditCode),
      /* 8 */ row(o[1]!.creditCode, { wan: '=B2*2' }),
      /* 9 */ row(o[2]!.creditCode, { wan: '' }),
      /* 10 */ row(o[3]!.creditCode, { date: '' }),
      /* 11 */ row(o[4]!.creditCode, { date: '去年' }),
      /* 12 */ row(creditCode()),
      /* 13 */ row(o[5]!.creditCode!.replace(/.$/, ''), { name: '' }),
      /* 14 */ row(null, { name: other.companyName, date: daysAgo(-5) }),
      /* 15 */ row(null, { name: '', industry: '' }),
    ];
    const up = await upload(boss, 'projects', '坏项目.csv', Buffer.from(`\uFEFF${csv(PROJECT_HEADERS, rows)}`));
    const checked = await check(boss, up.data);
    expect(checked.statusCode, checked.body).toBe(200);
    const issues = checked.data.issues;
    expect(checked.data).toMatchObject({ totalRows: 14, validRows: 2 });
    expect(codesAt(issues, 2)).toEqual([]);
    expect(codesAt(issues, 3)).toEqual(['credit_code']);
    expect(codesAt(issues, 4)).toEqual(['unknown_zone']);
    expect(codesAt(issues, 5)).toEqual([]);
    expect(issues.find((i) => i.row === 6)).toMatchObject({ code: 'duplicate_in_file', column: '统一社会信用代码' });
    expect(issues.find((i) => i.row === 7)).toMatchObject({ code: 'duplicate_in_crm', existingOwner: bob.user.displayName });
    expect(issues.find((i) => i.row === 8)).toMatchObject({ code: 'formula', column: '签约投资(万元)' });
    expect(issues.find((i) => i.row === 9)).toMatchObject({ code: 'required', column: '签约投资(万元)' });
    expect(issues.find((i) => i.row === 10)).toMatchObject({ code: 'required', column: '签约日期' });
    expect(issues.find((i) => i.row === 11)).toMatchObject({ code: 'date', column: '签约日期' });
    expect(issues.find((i) => i.row === 12)).toMatchObject({ code: 'unknown_lead' });
    expect(codesAt(issues, 13)).toEqual(['credit_code']);
    // A future signing date is refused by the signing service itself (the check's dry run), in Chinese.
    expect(issues.find((i) => i.row === 14)).toMatchObject({ code: 'not_signable', column: '签约日期' });
    expect(issues.find((i) => i.row === 14)?.problem).toMatch(/[\u4e00-\u9fff]/);
    expect(codesAt(issues, 15).sort()).toEqual(['required', 'required']);

    const run = await call(t, { method: 'POST', url: `/api/imports/${up.data.id}/run`, as: boss });
    expect(run.statusCode).toBe(412);
    expect(
      await t.db
        .select()
        .from(projects)
        .where(inArray(projects.leadId, [ok.id, twice.id, ...o.map((l) => l.id)])),
    ).toHaveLength(0);
    const lead = await call<Lead>(t, { method: 'GET', url: `/api/leads/${ok.id}`, as: boss });
    expect(lead.data.stage).not.toBe('signed');
  });

  it('fails the whole import, stored as a problem reason, when a lead is signed between the check and the run', async () => {
    const [a, b] = [await leadOf(alice), await leadOf(alice)];
    const up = await upload(
      boss,
      'projects',
      'race.csv',
      Buffer.from(
        csv(PROJECT_HEADERS, [
          [a.creditCode!, '', daysAgo(4), '10', '', '', '', zoneName, industryName],
          [b.creditCode!, '', daysAgo(4), '10', '', '', '', zoneName, industryName],
        ]),
      ),
    );
    expect((await check(boss, up.data)).data.refusedRows).toBe(0);
    expect((await sign(alice, b.id)).statusCode).toBe(201);
    const done = await runToEnd(boss, up.data.id);
    expect(done).toMatchObject({ status: 'failed', importedRows: 0, errorReason: 'IMPORT_ROW_CHANGED', errorParams: { row: 3 } });
    expect(done.error).toMatch(/Row 3 is refused now/);
    const [stored] = await t.db.select().from(dataImports).where(eq(dataImports.id, up.data.id));
    expect(stored).toMatchObject({ error: null, errorReason: 'IMPORT_ROW_CHANGED' });
    expect(await t.db.select().from(projects).where(eq(projects.leadId, a.id))).toHaveLength(0);
  });
});

describe('who imports what', () => {
  it('lets staff import leads only; managers and admins import agents and projects; finance nothing', async () => {
    const agentsCsv = Buffer.from(csv(AGENT_HEADERS, [[`${unique('权限')}有限公司`, '中介', '', '', '', '', '', '', '']]));
    for (const kind of ['agents', 'projects'] as const) {
      const refused = await upload(alice, kind, 'x.csv', agentsCsv);
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).reason).toBe('IMPORT_KIND_MANAGERS');
      expect((await call(t, { method: 'GET', url: `/api/imports/template?kind=${kind}`, as: alice })).statusCode).toBe(403);
      expect((await upload(finance, kind, 'x.csv', agentsCsv)).statusCode).toBe(403);
      const tpl = await t.app.inject({ method: 'GET', url: `/api/imports/template?kind=${kind}`, headers: boss.headers });
      expect(tpl.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
      const headers = (wb.worksheets[0]!.getRow(1).values as string[]).slice(1);
      // The template's headers are suggested back as every field of its kind.
      const up = await upload(boss, kind, `模板.xlsx`, tpl.rawPayload);
      expect(
        up.data.mapping.every((f) => f !== null),
        JSON.stringify(headers),
      ).toBe(true);
    }
    expect((await upload(alice, 'leads', 'l.csv', Buffer.from('企业名称\r\n权限测试\r\n'))).statusCode).toBe(201);
    // A staff member cannot reach a manager's agent import either.
    const mine = await upload(boss, 'agents', 'a.csv', agentsCsv);
    expect((await call(t, { method: 'GET', url: `/api/imports/${mine.data.id}`, as: alice })).statusCode).toBe(403);
    // A mapping naming a field of another kind is refused.
    const wrong = await check(boss, mine.data, ['companyName', ...mine.data.mapping.slice(1)]);
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).details?.fields?.[0]).toMatchObject({ field: 'mapping', code: 'MAPPING_UNKNOWN_FIELD' });
  });
});

describe('an import left importing by a stopped instance', () => {
  it('is marked failed with a reason when the app starts, and can be checked and run again', async () => {
    const name = `${unique('中断')}有限公司`;
    const up = await upload(boss, 'agents', 'stuck.csv', Buffer.from(csv(AGENT_HEADERS, [[name, '中介', '', '', '', '', '', '', '']])));
    expect((await check(boss, up.data)).data.refusedRows).toBe(0);
    await t.db.update(dataImports).set({ status: 'importing', startedAt: t.now() }).where(eq(dataImports.id, up.data.id));
    expect(await failInterruptedImports(t.db, t.now())).toBeGreaterThanOrEqual(1);
    const failed = await call<DataImport>(t, { method: 'GET', url: `/api/imports/${up.data.id}`, as: boss });
    expect(failed.data).toMatchObject({ status: 'failed', errorReason: 'IMPORT_INTERRUPTED' });
    expect(failed.data.error).toMatch(/interrupted/);
    expect(
      await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'import.interrupted'), eq(auditLog.entityId, up.data.id))),
    ).toHaveLength(1);
    expect((await check(boss, failed.data)).data.status).toBe('checked');
    expect(await runToEnd(boss, up.data.id)).toMatchObject({ status: 'done', importedRows: 1, errorReason: null });
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
