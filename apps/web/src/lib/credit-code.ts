import { CREDIT_CODE_ALPHABET as ALPHABET, creditCodeCheckChar, creditCodeProblem } from '@crm/shared';
import type { TFunction } from 'i18next';
import { currentLanguage } from './i18n/index.ts';

/**
 * The shared GB 32100-2015 check (creditCodeProblem) decides; this only says it in the reader's language.
 * null when the code is valid.
 */
export function creditCodeMessage(code: string, t: TFunction): string | null {
  const problem = creditCodeProblem(code);
  if (!problem) return null;
  if (currentLanguage() !== 'zh-CN') return t('validation.creditCode', { problem });
  let zh: string;
  if (code.length !== 18) zh = `应为 18 位（当前 ${code.length} 位）`;
  else {
    const bad = [...code].find((ch) => !ALPHABET.includes(ch));
    if (bad) zh = `不能包含“${bad}”，只能使用数字和除 I、O、S、V、Z 以外的大写字母`;
    else zh = `校验位应为“${creditCodeCheckChar(code.slice(0, 17)) ?? '?'}”，实际为“${code.charAt(17)}”，请核对`;
  }
  return t('validation.creditCode', { problem: zh });
}

/** An antd Form rule: optional, but when given it must pass the national check. */
export const creditCodeRule = (t: TFunction) => ({
  validator: (_: unknown, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
    const message = creditCodeMessage(value.trim().toUpperCase(), t);
    return message ? Promise.reject(new Error(message)) : Promise.resolve();
  },
});
