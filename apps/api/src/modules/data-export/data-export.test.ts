import { auditLog, leads, users } from '@crm/db';
import { unique } from '@crm/db/test/factories';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, errorOf, signIn, startTestApp, type Session, type TestApp } from '../../test/harness.ts';

let t: TestApp;
let admin: Session;
let staff: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t, ['admin']);
  staff = await signIn(t, ['staff']);
  // More leads than one page (1000), so paging is exercised, one of them with a formula-like name.
  for (let i = 0; i < 3; i++) {
    await t.db.insert(leads).values(
      Array.from({ length: 400 }, (_, j) => {
        const name = i === 0 && j === 0 ? `=HYPERLINK("http://x")${unique('')}` : unique('导出企业');
        return {
          companyName: name,
          normalizedName: name,
          channel: 'online' as const,
          ownerId: staff.user.id,
          createdBy: staff.user.id,
          stage: 'new' as const,
          stageChangedAt: t.now(),
        };
      }),
    );
  }
});
afterAll(() => t.close());

type Export = { exportedAt: string; timeZone: string; tables: Record<string, Record<string, unknown>[]> };

describe('GET /api/export (every record, admin)', () => {
  it('streams every record of every entity as JSON, without secrets, and audits the export', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/export?format=json', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/crm-export-\d{4}-\d{2}-\d{2}\.json/);
    const body = res.json<Export>();
    const [count] = await t.db.select({ n: sql<number>`count(*)::int` }).from(leads);
    expect(body.tables.leads).toHaveLength(count?.n ?? -1);
    expect(body.tables.leads?.length).toBeGreaterThan(1000);
    expect(new Set(body.tables.leads?.map((l) => l.id)).size).toBe(body.tables.leads?.length);
    const [userCount] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(body.tables.users).toHaveLength(userCount?.n ?? -1);
    expect(body.tables.users?.[0]).not.toHaveProperty('passwordHash');
    expect(JSON.stringify(body)).not.toMatch(/\$argon2/);
    expect(body.tables).not.toHaveProperty('refresh_tokens');
    expect(body.tables.settings?.some((s) => s.key === 'jwt_secret')).toBe(false);
    for (const table of ['agents', 'activities', 'audit_log', 'projects', 'reward_calculations', 'zones']) expect(body.tables, table).toHaveProperty(table);
    const audited = await t.db.select().from(auditLog).where(eq(auditLog.action, 'export.all'));
    expect(audited.some((a) => a.actorId === admin.user.id)).toBe(true);
  });

  it('streams a workbook with a sheet per entity, formula-like text kept as text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/export?format=xlsx', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('leads');
    expect(sheet).toBeDefined();
    const [count] = await t.db.select({ n: sql<number>`count(*)::int` }).from(leads);
    expect((sheet?.actualRowCount ?? 0) - 1).toBe(count?.n);
    const header = (sheet!.getRow(1).values as unknown[]).filter(Boolean);
    expect(header).toContain('companyName');
    const nameColumn = header.indexOf('companyName') + 1;
    let formula: ExcelJS.Cell | undefined;
    sheet?.eachRow((row) => {
      const cell = row.getCell(nameColumn);
      if (String(cell.value).startsWith('=HYPERLINK')) formula = cell;
    });
    expect(formula?.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['users', 'activities', 'audit_log']));
    expect(book.worksheets.map((w) => w.name)).not.toContain('refresh_tokens');
  });

  it('is for admins only: a manager or staff member gets 403 in the error shape, before any download', async () => {
    const manager = await signIn(t, ['manager']);
    for (const who of [staff, manager]) {
      const res = await call(t, { method: 'GET', url: '/api/export?format=json', as: who });
      expect(res.statusCode).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
  });

  it('refuses an unknown format with a clear 400', async () => {
    const res = await call(t, { method: 'GET', url: '/api/export?format=csv', as: admin });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).message).toMatch(/format/);
  });
});
