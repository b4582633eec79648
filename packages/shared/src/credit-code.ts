import { fieldText } from './problems/zod-issues.ts';
/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters; the 18th is a check character over the first 17.
 * domain.md "Unified social credit code" gives the alphabet and weights.
 */
/** The code's 31 characters, in value order: digits and capitals without I, O, S, V, Z. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ALPHABET = CREDIT_CODE_ALPHABET;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return ALPHABET.charAt(check === 31 ? 0 : check);
}

/** null when valid, otherwise a message saying what is wrong (for the field's error). */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return fieldText('CREDIT_CODE_LENGTH', { length: code.length });
  for (const ch of code) {
    if (!ALPHABET.includes(ch)) return fieldText('CREDIT_CODE_CHARACTER', { char: ch });
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code.charAt(17)) return fieldText('CREDIT_CODE_CHECK', { expected, got: code.charAt(17) });
  return null;
}

export const isValidCreditCode = (code: string) => creditCodeProblem(code) === null;
