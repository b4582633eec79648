import { fieldProblemOf, paramTexts, problemLanguages, type ProblemParams } from '@crm/shared';
import { currentLanguage, i18n } from './i18n/index.ts';

/**
 * The API answers every problem with a stable `reason` (and each field problem with a `code`) plus parameters; the
 * person reads it in their language through i18next (namespaces `problems` and `fields`, catalogues in
 * @crm/shared/problems). Parameters that name a closed list (milestone, stage, entity …) show that list's label.
 * null when the catalogue does not know the reason (an older or newer server): the caller shows the server's text.
 */
export function problemText(reason: string, params?: ProblemParams): string | null {
  if (!i18n.exists(reason, { ns: 'problems' })) return null;
  const language = problemLanguages[currentLanguage()];
  const texts = paramTexts(language, params, (r, p) => problemText(r, p) ?? r);
  return (i18n.t as (key: string, options: object) => string)(reason, { ns: 'problems', ...texts });
}

export function fieldMessage(code: string, params?: ProblemParams): string | null {
  if (!i18n.exists(code, { ns: 'fields' })) return null;
  const language = problemLanguages[currentLanguage()];
  const texts = paramTexts(language, params, (r, p) => problemText(r, p) ?? r);
  return (i18n.t as (key: string, options: object) => string)(code, { ns: 'fields', ...texts });
}

/** A zod issue from a shared schema run in the browser, in the person's language. */
export function issueMessage(issue: { message: string; code?: string }): string {
  const { code, params } = fieldProblemOf(issue as Parameters<typeof fieldProblemOf>[0]);
  return fieldMessage(code, params) ?? issue.message;
}

/** How a list of field problems reads as one line. */
export const fieldSummary = (fields: { field: string; message: string }[]) =>
  fields.map((f) => `${f.field || 'body'}${currentLanguage() === 'zh-CN' ? '：' : ': '}${f.message}`).join(currentLanguage() === 'zh-CN' ? '；' : '; ');
