import { PassThrough } from 'node:stream';
import { zoneDate, zoneDateTime } from '@crm/shared';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { attachment } from './attachment.ts';
import type { Ctx } from './context.ts';
import { today } from './dates.ts';

/**
 * The one way a list becomes a spreadsheet (issue 10): every list's export — leads, pool, projects, agents,
 * calculations, payments, audit — goes through `sendSheet`, so they all read the same to finance:
 *  - money is a number of yuan with the `¥#,##0.00` format (never text), and the sheet ends with a 合计 row that sums
 *    each money column (summed exactly in fen);
 *  - dates and date-times are the zone's (China's) calendar and wall clock, as real Excel dates;
 *  - text that a spreadsheet would read as a formula stays text (see `setText`);
 *  - the file name is Chinese and dated by the zone's calendar, with an ASCII fallback (RFC 5987);
 *  - rows stream out through exceljs' WorkbookWriter, page by page, and stop at `maxRows` with a line that says so.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MONEY_FORMAT = '¥#,##0.00';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
/** What one export holds at most: enough for any finance sheet, bounded for the 1M-lead list. */
export const EXPORT_MAX_ROWS = 100_000;

/**
 * A value that a spreadsheet would read as a formula (=, +, -, @ first) is written as text: the cell keeps the
 * text number format and a leading apostrophe (quotePrefix), so opening the file never runs anything.
 */
export function setText(cell: ExcelJS.Cell, value: string) {
  cell.value = value;
  if (/^[=+\-@\t\r]/.test(value)) {
    cell.numFmt = '@';
    cell.style = { ...cell.style, numFmt: '@', quotePrefix: true } as ExcelJS.Style;
  }
}

type Fen = number | string | bigint;
type Value = string | number | boolean | Date | null | undefined;
export type Column<T> =
  | { header: string; width?: number; kind: 'money'; value: (row: T) => Fen | null | undefined }
  | { header: string; width?: number; kind: 'text' | 'number' | 'date' | 'datetime'; value: (row: T) => Value };

/** An instant's zone wall clock as an Excel date (Excel dates carry no zone: the cell reads what China's clock read). */
const zoneWall = (at: Date | string, timeZone: string, withTime: boolean): Date => {
  const text = withTime ? zoneDateTime(at, timeZone, { seconds: true }) : zoneDate(at, timeZone);
  return new Date(`${text.replace(' ', 'T')}${withTime ? '' : 'T00:00:00'}Z`);
};
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function writeCell<T>(cell: ExcelJS.Cell, column: Column<T>, row: T, timeZone: string): bigint {
  if (column.kind === 'money') {
    const fen = column.value(row);
    if (fen === null || fen === undefined || fen === '') return 0n;
    const exact = BigInt(fen);
    cell.value = Number(exact) / 100;
    cell.numFmt = MONEY_FORMAT;
    return exact;
  }
  const v = column.value(row);
  if (v === null || v === undefined || v === '') return 0n;
  if (column.kind === 'date' || column.kind === 'datetime') {
    if (typeof v === 'string' && CALENDAR_DATE.test(v)) cell.value = new Date(`${v}T00:00:00Z`);
    else if (typeof v === 'string' || v instanceof Date) cell.value = zoneWall(v, timeZone, column.kind === 'datetime');
    else cell.value = v;
    cell.numFmt = column.kind === 'date' ? DATE_FORMAT : DATE_TIME_FORMAT;
    return 0n;
  }
  if (typeof v === 'string') setText(cell, v);
  else cell.value = v as ExcelJS.CellValue;
  return 0n;
}

export type SheetSpec<T> = {
  /** The Chinese name of the file (without date and extension), e.g. 奖励支付 → 奖励支付_2026-12-01.xlsx. */
  name: string;
  /** Its ASCII fallback, e.g. rewards → rewards-2026-12-01.xlsx. */
  ascii: string;
  columns: Column<T>[];
  /** The rows in the list's order; read lazily, page by page. */
  rows: AsyncIterable<T>;
  maxRows?: number;
};

/** Rows of a keyset-paged list service, page after page, until it has no next page. */
export async function* pages<T>(fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): AsyncGenerator<T> {
  let cursor: string | undefined;
  for (;;) {
    const page = await fetch(cursor);
    yield* page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export const sheetFileName = (ctx: Pick<Ctx, 'now' | 'config'>, name: string, ascii: string) =>
  attachment(`${name}_${today(ctx)}.xlsx`, `${ascii}-${today(ctx)}.xlsx`);

/**
 * Sends a list as a one-sheet .xlsx. The first row is read before the answer starts, so a refusal (403, 400) is an
 * error in the usual shape, not a broken file; after that the workbook streams as the rows come.
 */
export async function sendSheet<T>(ctx: Ctx, reply: FastifyReply, spec: SheetSpec<T>): Promise<FastifyReply> {
  const max = spec.maxRows ?? EXPORT_MAX_ROWS;
  const iterator = spec.rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  const out = new PassThrough();
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', sheetFileName(ctx, spec.name, spec.ascii))
    .header('x-export-max-rows', String(max));
  void writeSheet(ctx, out, spec, iterator, first, max).catch((error: unknown) => out.destroy(error as Error));
  return reply.send(out);
}

async function writeSheet<T>(ctx: Ctx, out: PassThrough, spec: SheetSpec<T>, iterator: AsyncIterator<T>, first: IteratorResult<T>, max: number) {
  const timeZone = ctx.config.timeZone;
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = '招商 CRM';
  book.created = ctx.now();
  const sheet = book.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({ width: c.width ?? (c.kind === 'money' ? 18 : c.kind === 'datetime' ? 17 : c.kind === 'date' ? 12 : 16) }));
  const header = sheet.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const totals = spec.columns.map(() => 0n);
  let count = 0;
  let truncated = false;
  for (let next = first; !next.done; next = await iterator.next()) {
    if (count >= max) {
      truncated = true;
      break;
    }
    const line = sheet.addRow([]);
    spec.columns.forEach((column, i) => {
      totals[i]! += writeCell(line.getCell(i + 1), column, next.value, timeZone);
    });
    line.commit();
    count++;
  }
  await iterator.return?.();
  if (spec.columns.some((c) => c.kind === 'money')) {
    const total = sheet.addRow([]);
    total.getCell(1).value = '合计';
    spec.columns.forEach((column, i) => {
      if (column.kind !== 'money') return;
      const cell = total.getCell(i + 1);
      cell.value = Number(totals[i]!) / 100;
      cell.numFmt = MONEY_FORMAT;
    });
    total.font = { bold: true };
    total.commit();
  }
  if (truncated) {
    const note = sheet.addRow([
      `仅导出前 ${max.toLocaleString('en-US')} 行（合计为这些行之和）；请缩小筛选范围后分批导出。 Only the first ${max} rows were exported: narrow the filter.`,
    ]);
    note.font = { bold: true, color: { argb: 'FFC00000' } };
    note.commit();
  }
  sheet.commit();
  await book.commit();
}
