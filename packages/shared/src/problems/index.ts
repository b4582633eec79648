import { problemsEn } from './en.ts';
import { fieldsEn } from './fields-en.ts';
import type { Language } from './render.ts';
import { termsEn, termsZhCN } from './terms.ts';
import { fieldsZhCN, problemsZhCN } from './zh-CN.ts';

export * from './en.ts';
export * from './fields-en.ts';
export * from './render.ts';
export * from './terms.ts';
export * from './zh-CN.ts';
export * from './zod-issues.ts';

/** The catalogues per language: the API renders `en` into messages; the web hands both to i18next. */
export const problemLanguages = {
  en: { problems: problemsEn, fields: fieldsEn, terms: termsEn, listSeparator: ', ', nestedSeparator: '; ' },
  'zh-CN': { problems: problemsZhCN, fields: fieldsZhCN, terms: termsZhCN, listSeparator: '、', nestedSeparator: '；' },
} as const satisfies Record<string, Language>;
