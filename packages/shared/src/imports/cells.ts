import { FIRST_DATE, LAST_DATE } from '../common/schemas.ts';
import { MAX_FEN } from '../money.ts';

/**
 * Reading the values people type into sheets: dates in the usual Chinese forms and Excel serial numbers, amounts
 * in 万元 or 元 turned into integer fen with decimal-string arithmetic (never a float multiplication).
 */

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return iso >= FIRST_DATE && iso <= LAST_DATE ? iso : null;
}

/** Excel's day number (1900 system: day 1 is 1900-01-01, with its phantom 1900-02-29) → YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string | null {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return null;
  const t = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return realDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** 2026-11-30, 2026/11/30, 2026.11.30, 2026年11月30日, 20261130 or an Excel serial such as 46356 → 2026-11-30. */
export function parseSheetDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,7})(?:\.0+)?$/.exec(s);
  if (m) return excelSerialToDate(Number(m[1]));
  return null;
}

export type MoneyUnit = 'wan' | 'yuan';
const SHIFT: Record<MoneyUnit, number> = { wan: 6, yuan: 2 };

/**
 * "1,234.5" 万元 → 1234500000 fen; "¥12,345.67" 元 → 1234567 fen. A problem (in Chinese) when the text is not an
 * amount, has more decimals than a fen can hold (6 for 万元, 2 for 元), or is beyond the CRM's ceiling.
 */
export function amountToFen(text: string, unit: MoneyUnit): { fen: number } | { problem: string } {
  const cleaned = text.replace(/[,，\s¥￥]/g, '').replace(/(万元|万|元)$/, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) return { problem: `“${text}”不是金额` };
  const whole = m[1] ?? '0';
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const shift = SHIFT[unit];
  if (frac.length > shift)
    return { problem: `“${text}”的小数位超过 ${shift} 位（${unit === 'wan' ? '万元金额最多精确到分，即 6 位小数' : '元金额最多 2 位小数'}）` };
  const fen = BigInt(whole) * 10n ** BigInt(shift) + BigInt(frac.padEnd(shift, '0') || '0');
  if (fen > BigInt(MAX_FEN)) return { problem: `“${text}”超过金额上限（一万亿元）` };
  return { fen: Number(fen) };
}

/**
 * A number cell as people see it in Excel (15 significant digits), as a plain decimal string: 1234.56 stays
 * "1234.56", 0.1 + 0.2 stored as 0.30000000000000004 reads "0.3". null for numbers Excel would show with an exponent.
 */
export function numberCellText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(Number(n.toPrecision(15)));
  return /e/i.test(text) ? null : text;
}
