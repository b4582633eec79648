import { describe, expect, it } from 'vitest';
import { amountToFen, excelSerialToDate, numberCellText, parseSheetDate } from './cells.ts';

describe('parseSheetDate', () => {
  it.each([
    ['2026-11-30', '2026-11-30'],
    ['2026/11/30', '2026-11-30'],
    ['2026.1.5', '2026-01-05'],
    ['2026年11月30日', '2026-11-30'],
    ['2026年1月5', '2026-01-05'],
    ['20261130', '2026-11-30'],
    ['46356', '2026-11-30'],
    ['46356.0', '2026-11-30'],
  ])('reads %s', (text, iso) => expect(parseSheetDate(text)).toBe(iso));
  it.each(['2026-02-30', '2026-13-01', '30/11/2026', 'tomorrow', '1899-12-31', '2100-01-01', ''])('refuses %s', (text) =>
    expect(parseSheetDate(text)).toBeNull(),
  );
  it('counts Excel serials from 1899-12-30 (Excel’s phantom 1900-02-29 before March 1900 is out of range anyway)', () => {
    expect(excelSerialToDate(36526)).toBe('2000-01-01');
    expect(excelSerialToDate(1.5)).toBeNull();
  });
});

describe('amountToFen: decimal strings, never floats', () => {
  it.each([
    ['1234.56', 'wan', 1_234_560_000],
    ['0.000001', 'wan', 1],
    ['0.1', 'wan', 100_000],
    ['1,234,567.891234', 'wan', 1_234_567_891_234],
    ['12,345.67', 'yuan', 1_234_567],
    ['¥ 0.29', 'yuan', 29],
    ['1200万元', 'wan', 1_200_000_000],
    ['100元', 'yuan', 10_000],
    ['1.10', 'yuan', 110],
  ] as const)('%s %s → %i fen', (text, unit, fen) => expect(amountToFen(text, unit)).toEqual({ fen }));
  it('refuses more decimals than a fen holds, negative or non-numbers, and amounts over the ceiling', () => {
    expect(amountToFen('1.005', 'yuan')).toHaveProperty('problem');
    expect(amountToFen('0.0000001', 'wan')).toHaveProperty('problem');
    expect(amountToFen('-5', 'yuan')).toHaveProperty('problem');
    expect(amountToFen('abc', 'wan')).toHaveProperty('problem');
    expect(amountToFen('100000001', 'wan')).toHaveProperty('problem');
  });
  it('reads number cells as Excel shows them', () => {
    expect(numberCellText(0.1 + 0.2)).toBe('0.3');
    expect(numberCellText(1234.56)).toBe('1234.56');
    expect(numberCellText(1e21)).toBeNull();
  });
});
