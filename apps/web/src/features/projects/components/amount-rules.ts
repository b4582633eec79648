import type { TFunction } from 'i18next';
import { WAN_PATTERN, parseMu, wanToFen } from '../../../lib/format.ts';

const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/[,，\s]/g, '') : '');

/** A 万元 field: empty is allowed unless `required`; otherwise digits with up to two decimals, within a safe integer of fen. */
export const wanRule = (t: TFunction, options: { required?: boolean; positive?: boolean; label?: string } = {}) => ({
  validator: (_: unknown, value: unknown) => {
    const typed = clean(value);
    if (typed === '') {
      return options.required ? Promise.reject(new Error(t('validation.required', { label: options.label ?? '' }))) : Promise.resolve();
    }
    if (!WAN_PATTERN.test(typed)) return Promise.reject(new Error(t('validation.wan')));
    const fen = wanToFen(typed);
    if (fen === null) return Promise.reject(new Error(t('validation.tooLarge')));
    if (options.positive && fen <= 0) return Promise.reject(new Error(t('sign.positive')));
    return Promise.resolve();
  },
});

/** A 亩 field: at most two decimals. */
export const muRule = (t: TFunction) => ({
  validator: (_: unknown, value: unknown) => {
    const typed = clean(value);
    if (typed === '' || parseMu(typed) !== null) return Promise.resolve();
    return Promise.reject(new Error(t('sign.invalidMu')));
  },
});

/** 万元 as typed → fen; 0 when empty (the API's "not yet known"). */
export const fenOf = (value: string | undefined): number => {
  const typed = clean(value);
  return typed === '' ? 0 : (wanToFen(typed) ?? 0);
};

export const muOf = (value: string | undefined): number => {
  const typed = clean(value);
  return typed === '' ? 0 : (parseMu(typed) ?? 0);
};
