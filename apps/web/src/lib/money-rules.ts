import { parseYuanToFen } from '@crm/shared';
import type { TFunction } from 'i18next';
import { percentToBp, wanToFen } from './format.ts';

/*
 * antd form rules for amounts and rates typed by people: 万元 and 元 become fen, percentages become basis
 * points, all by string arithmetic (lib/format.ts, @crm/shared money.ts) so no float ever touches money.
 * The rules only say whether the text can be converted; the shared zod schema judges the converted body.
 */

const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/[,，\s]/g, '') : '');
const empty = (value: unknown) => clean(value) === '';
const requiredError = (t: TFunction, label?: string) => new Error(t('validation.required', { label: label ?? '' }));

type Options = { required?: boolean; label?: string; positive?: boolean };

/** 万元 with up to two decimals → fen. */
export const wanAmountRule = (t: TFunction, options: Options = {}) => ({
  validator: (_: unknown, value: unknown) => {
    if (empty(value)) return options.required ? Promise.reject(requiredError(t, options.label)) : Promise.resolve();
    const fen = wanToFen(clean(value));
    if (fen === null) return Promise.reject(new Error(t('validation.wan')));
    if (options.positive && fen <= 0) return Promise.reject(new Error(t('finance.validation.positive')));
    return Promise.resolve();
  },
});

/** 元 with up to two decimals (fen) → fen. */
export const yuanAmountRule = (t: TFunction, options: Options = {}) => ({
  validator: (_: unknown, value: unknown) => {
    if (empty(value)) return options.required ? Promise.reject(requiredError(t, options.label)) : Promise.resolve();
    const fen = parseYuanToFen(clean(value));
    if (fen === null) return Promise.reject(new Error(t('finance.validation.yuan')));
    if (options.positive && fen <= 0) return Promise.reject(new Error(t('finance.validation.positive')));
    return Promise.resolve();
  },
});

/** A percentage 0–100 with up to two decimals → basis points. */
export const percentRule = (t: TFunction, options: Options = {}) => ({
  validator: (_: unknown, value: unknown) => {
    if (empty(value)) return options.required ? Promise.reject(requiredError(t, options.label)) : Promise.resolve();
    const bp = percentToBp(clean(value));
    if (bp === null) return Promise.reject(new Error(t('validation.percent')));
    if (options.positive && bp <= 0) return Promise.reject(new Error(t('finance.validation.positive')));
    return Promise.resolve();
  },
});

/** 万元 as typed → fen; null when empty. Call after the rule passed. */
export const wanFenOf = (value: string | undefined | null): number | null => (empty(value) ? null : wanToFen(clean(value)));
/** 元 as typed → fen; null when empty. */
export const yuanFenOf = (value: string | undefined | null): number | null => (empty(value) ? null : parseYuanToFen(clean(value)));
/** % as typed → basis points; null when empty. */
export const percentBpOf = (value: string | undefined | null): number | null => (empty(value) ? null : percentToBp(clean(value)));

/** fen → the 元 text a form shows ("30000" or "30000.5"), exact. */
export function fenToYuanInput(fen: number): string {
  const value = BigInt(fen);
  const whole = value / 100n;
  const cents = (value % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return cents ? `${whole}.${cents}` : whole.toString();
}
