import { numberCellText, parseSheetDate, type ImportIssue } from '@crm/shared';
import { cellText, type Cell } from './read.ts';

export type IssueAdder = (field: string, code: ImportIssue['code'], value: string | null, problem: string, fix: string, existingOwner?: string | null) => void;

/**
 * The mapped cells of one row as text and dates, for the agent and project sheets: a formula or an error value is
 * refused whatever the column, a cell with undecodable bytes too (the same reading as the lead sheet's).
 */
export function cellReader(cells: Cell[], columnOf: Map<string, number>, issue: IssueAdder) {
  const text = (field: string): string | null => {
    const i = columnOf.get(field);
    if (i === undefined) return null;
    const cell: Cell = cells[i] ?? { kind: 'empty' };
    if (cell.kind === 'formula') {
      issue(field, 'formula', cellText(cell), '单元格是公式，导入不接受公式', '在表格中把该列“复制 → 选择性粘贴为数值”后重新上传');
      return null;
    }
    if (cell.kind === 'error') {
      issue(field, 'formula', cell.text, `单元格是错误值 ${cell.text}`, '改为正确的值后重新上传');
      return null;
    }
    if (cell.kind === 'number') return numberCellText(cell.value) ?? String(cell.value);
    if (cell.kind === 'date') return cell.date.toISOString().slice(0, 10);
    const t = cellText(cell);
    if (t.includes('\uFFFD')) {
      issue(field, 'encoding', t, '含有无法识别的字符（文件编码不一致）', '用 Excel 另存为 .xlsx，或另存为“CSV UTF-8”后重新上传');
      return null;
    }
    return t === '' ? null : t;
  };
  const date = (field: string): string | null => {
    const i = columnOf.get(field);
    const cell = i === undefined ? undefined : cells[i];
    if (cell?.kind === 'date') {
      // exceljs gives a date cell as midnight UTC of the day shown in the sheet.
      const d = cell.date;
      return parseSheetDate(`${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`);
    }
    const t = text(field);
    if (t === null) return null;
    const parsed = parseSheetDate(t);
    if (!parsed) issue(field, 'date', t, `“${t}”不是可识别的日期`, '写成 2026-11-30、2026/11/30 或 2026年11月30日（2000 至 2099 年）');
    return parsed;
  };
  return { text, date };
}

/** Column index of each mapped field (the first column wins), and the column's name as the file heads it. */
export function columnsOf(headers: string[], mapping: (string | null)[], labels: Record<string, string>) {
  const columnOf = new Map<string, number>();
  mapping.forEach((f, i) => {
    if (f && !columnOf.has(f)) columnOf.set(f, i);
  });
  const columnName = (field: string) => {
    const i = columnOf.get(field);
    return i === undefined ? (labels[field] ?? field) : headers[i] || `第 ${i + 1} 列`;
  };
  return { columnOf, columnName };
}
