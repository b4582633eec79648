import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Ctx } from './context.ts';
import { sendSheet, type Column } from './xlsx.ts';

/** The sheet helper on its own: the cap on big lists, and exact totals. (Each list's export is tested in its module.) */
const ctx = { config: { timeZone: 'Asia/Shanghai' }, now: () => new Date('2026-11-30T16:14:00Z') } as unknown as Ctx;
type Row = { name: string; fen: number };
const columns: Column<Row>[] = [
  { header: '名称', kind: 'text', value: (r) => r.name },
  { header: '金额', kind: 'money', value: (r) => r.fen },
];
async function* rows(n: number): AsyncGenerator<Row> {
  for (let i = 1; i <= n; i++) yield { name: i === 1 ? '=1+1' : `第${i}行`, fen: i === 2 ? 104_074_073 : 1 };
}

async function sheetOf(n: number, maxRows: number) {
  const app = Fastify();
  app.get('/x', (_req, reply) => sendSheet(ctx, reply, { name: '测试', ascii: 'test', columns, rows: rows(n), maxRows }));
  const res = await app.inject({ method: 'GET', url: '/x' });
  await app.close();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const all: ExcelJS.Row[] = [];
  book.worksheets[0]!.eachRow((r) => all.push(r));
  return { res, all };
}

describe('sendSheet', () => {
  it('stops at maxRows, says so in the sheet, and totals what it wrote', async () => {
    const { res, all } = await sheetOf(5, 3);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="test-2026-12-01.xlsx"; filename*=UTF-8''${encodeURIComponent('测试_2026-12-01.xlsx')}`,
    );
    expect(all.map((r) => r.getCell(1).value)).toEqual(['名称', '=1+1', '第2行', '第3行', '合计', expect.stringContaining('仅导出前 3 行')]);
    expect(all[1]!.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(all[4]!.getCell(2).value).toBe(1_040_740.75);
    expect(all[4]!.getCell(2).numFmt).toBe('¥#,##0.00');
  });

  it('writes everything, with no note, under the cap', async () => {
    const { all } = await sheetOf(3, 3);
    expect(all.map((r) => r.getCell(1).value)).toEqual(['名称', '=1+1', '第2行', '第3行', '合计']);
  });
});
