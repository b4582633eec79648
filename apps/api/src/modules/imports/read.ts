import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/**
 * Reading an uploaded sheet row by row, never whole: exceljs' streaming WorkbookReader for .xlsx (the first
 * worksheet), csv-parse over a decoding stream for .csv (UTF-8, or GB18030 — a superset of GBK — when the bytes are
 * not UTF-8). Cells come out in one small shape, so the checks do not care which format the file was.
 */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; text: string };

export type SheetRow = { row: number; cells: Cell[] };
export type SheetFormat = 'xlsx' | 'csv';

const EMPTY: Cell = { kind: 'empty' };

/** What the file is by its first bytes: a zip (.xlsx), an old OLE2 .xls, or text. */
export async function sniffSheet(file: string): Promise<'xlsx' | 'xls' | 'text'> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    if (head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
    return 'text';
  } finally {
    await handle.close();
  }
}

/**
 * UTF-8 (with or without BOM) or GB18030: a file whose first 256 KB are not valid UTF-8 is taken for GBK/GB18030
 * (what Excel on a Chinese Windows saves as "CSV"). A UTF-8 file with GBK bytes further down would show U+FFFD in
 * those rows, which the checks refuse as an encoding problem.
 */
export async function detectEncoding(file: string): Promise<'utf-8' | 'gb18030'> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let bytes = buf.subarray(0, bytesRead);
    if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'utf-8';
    // A multi-byte character cut at the end of the sample is not an error: drop up to 3 trailing bytes of one.
    if (bytesRead === buf.length) {
      let cut = bytes.length;
      for (let i = 1; i <= 3 && cut - i >= 0; i++) {
        const b = bytes[cut - i] ?? 0;
        if ((b & 0xc0) === 0xc0) {
          cut -= i;
          break;
        }
        if ((b & 0x80) === 0) break;
      }
      bytes = bytes.subarray(0, cut);
    }
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return 'utf-8';
    } catch {
      return 'gb18030';
    }
  } finally {
    await handle.close();
  }
}

function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'date', date: value };
  if (typeof value === 'object') {
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as { formula?: string; sharedFormula?: string };
      return { kind: 'formula', formula: f.formula ?? f.sharedFormula ?? '' };
    }
    if ('richText' in value) {
      const text = value.richText.map((r) => r.text).join('');
      return text.trim() === '' ? EMPTY : { kind: 'text', text };
    }
    if ('error' in value) return { kind: 'error', text: String(value.error) };
    if ('text' in value) {
      const text = typeof value.text === 'string' ? value.text : (value.text as { richText: { text: string }[] }).richText.map((r) => r.text).join('');
      return text.trim() === '' ? EMPTY : { kind: 'text', text };
    }
  }
  return { kind: 'text', text: String(value as unknown) };
}

async function* xlsxRows(file: string): AsyncGenerator<SheetRow> {
  // styles: 'cache' so date-formatted numbers come out as Dates; shared strings cached (they are the sheet's text).
  const input = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i] as ExcelJS.CellValue));
        yield { row: row.number, cells };
      }
      return; // the first worksheet only
    }
  } finally {
    // Stopped early (the header row only, the first sheet only, or a refused chunk): close the file now.
    input.destroy();
  }
}

async function* csvRows(file: string, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<SheetRow> {
  const bytes = createReadStream(file);
  const text: NodeJS.ReadableStream =
    encoding === 'utf-8' ? bytes.pipe(iconv.decodeStream('utf-8', { stripBOM: true })) : bytes.pipe(iconv.decodeStream('gb18030'));
  const parser = text.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }));
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      // A csv has no formulas, but Excel treats a text starting with "=" as one when the file is opened: refused alike.
      yield {
        row: n,
        cells: record.map(
          (v): Cell => (v.trim() === '' ? EMPTY : v.trimStart().startsWith('=') ? { kind: 'formula', formula: v.trim() } : { kind: 'text', text: v }),
        ),
      };
    }
  } finally {
    bytes.destroy();
  }
}

export function readSheet(file: string, format: SheetFormat, encoding: 'utf-8' | 'gb18030' | null): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(file) : csvRows(file, encoding ?? 'utf-8');
}

/** A cell as plain text for headers, reports and previews. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date.toISOString().slice(0, 10);
    case 'formula':
      return `=${cell.formula.replace(/^=/, '')}`;
    case 'error':
      return cell.text;
  }
}

export const isBlankRow = (cells: Cell[]) => cells.every((c) => c.kind === 'empty');
