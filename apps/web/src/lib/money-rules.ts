import { parseYuanToFen } from '@crm/shared';
import type { TFunction } from 'i18next';
import { WAN_PATTERN, parseMu, percentToBp, wanToFen } from './format.ts';

/*
 * antd form rules for amounts and rates typed by people: 万元 and 元 become fen, percentages become basis
 * points, all by string arithmetic (lib/format.ts, @crm/shared money.ts) so no float ever touches money.
 * The rules only say whether the text can be converted; the shared zod schema judges the converted body.
 */

const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/[,，\s]/g, '') : '');
const empty = (value: unknown) => clean(value) === '';
const requiredError = (t: TFunction, label?: string) => new Error(t('validation.required', { label: label ?? '' }));

type Options = {
  required?: boolean;
  label?: string;
  positive?: boolean;
  /** Said when the amount is ≤ 0 and `positive`; by default finance.validation.positive. */
  positiveMessage?: string;
};

type WanOptions = Options & {
  /** Said apart from "not an amount" when a well-formed amount exceeds a safe integer of fen; by default validation.wan. */
  tooLargeMessage?: string;
};

/** 万元 with up to two decimals → fen. */
export const wanAmountRule = (t: TFunction, options: WanOptions = {}) => ({
  validator: (_: unknown, value: unknown) => {
    if (empty(value)) return options.required ? Promise.reject(requiredError(t, options.label)) : Promise.resolve();
    const typed = clean(value);
    const fen = wanToFen(typed);
    if (fen === null) {
      const tooLarge = options.tooLargeMessage !== undefined && WAN_PATTERN.test(typed);
      return Promise.reject(new Error(tooLarge ? options.tooLargeMessage : t('validation.wan')));
    }
    if (options.positive && fen <= 0) return Promise.reject(new Error(options.positiveMessage ?? t('finance.validation.positive')));
    return Promise.resolve();
  },
});

/** 元 with up to two decimals (fen) → fen. */
export const yuanAmountRule = (t: TFunction, options: Options = {}) => ({
  validator: (_: unknown, value: unknown) => {
    if (empty(value)) return options.required ? Promise.reject(requiredError(t, options.label)) : Promise.resolve();
    const fen = parseYuanToFen(clean(value));
    if (fen === null) return Promise.reject(new Error(t('finance.validation.yuan')));
    if (options.positive && fen <= 0) return Promise.reject(new Error(options.positiveMessage ?? t('finance.validation.positive')));
    return Promise.resolve();
  },
});

/** A percentage 0–100 with up to two decimals → basis points. */
export const percentRule = (t: TFunction, options: Options = {}) => ({
  validator: (_: unknown, value: unknown) => {
    if (empty(value)) return options.required ? Promise.reject(requiredError(t, options.label)) : Promise.resolve();
    const bp = percentToBp(clean(value));
    if (bp === null) return Promise.reject(new Error(t('validation.percent')));
    if (options.positive && bp <= 0) return Promise.reject(new Error(options.positiveMessage ?? t('finance.validation.positive')));
    return Promise.resolve();
  },
});

/** 万元 as typed → fen; null when empty. Call after the rule passed. */
export const wanFenOf = (value: string | undefined | null): number | null => (empty(value) ? null : wanToFen(clean(value)));
/** 万元 as typed → fen; 0 when empty (the API's "not yet known"). Call after the rule passed. */
export const wanFenOrZero = (value: string | undefined | null): number => wanFenOf(value) ?? 0;
/** 元 as typed → fen; null when empty. */
export const yuanFenOf = (value: string | undefined | null): number | null => (empty(value) ? null : parseYuanToFen(clean(value)));
/** % as typed → basis points; null when empty. */
export const percentBpOf = (value: string | undefined | null): number | null => (empty(value) ? null : percentToBp(clean(value)));

/** A 亩 field: empty, or at most two decimals. */
export const muRule = (t: TFunction) => ({
  validator: (_: unknown, value: unknown) =>
    empty(value) || parseMu(clean(value)) !== null ? Promise.resolve() : Promise.reject(new Error(t('sign.invalidMu'))),
});
/** 亩 as typed → a number; 0 when empty. */
export const muOf = (value: string | undefined | null): number => (empty(value) ? 0 : (parseMu(clean(value)) ?? 0));

/** fen → the 元 text a form shows ("30000" or "30000.5"), exact. */
export function fenToYuanInput(fen: number): string {
  const value = BigInt(fen);
  const whole = value / 100n;
  const cents = (value % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return cents ? `${whole}.${cents}` : whole.toString();
}
