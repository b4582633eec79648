/**
 * Problems (API errors) and field messages are a reason code plus parameters; each language has one catalogue of
 * templates in i18next's `{{name}}` form. The API renders the English catalogue into `message` (for integrators and
 * logs); the web renders the person's language through i18next from the same catalogues.
 */

/** A problem nested in another one's parameters (e.g. each thing that changed since a calculation was made). */
export type NestedProblem = { reason: string; params?: ProblemParams };
export type ParamValue = string | number | boolean | null | readonly string[] | readonly NestedProblem[];
export type ProblemParams = { readonly [name: string]: ParamValue };

/** The `{{name}}` parameters a template asks for, as a type (so a call site must give exactly those). */
export type ParamNames<S extends string> = S extends `${string}{{${infer P}}}${infer Rest}` ? P | ParamNames<Rest> : never;

/** Parameters whose values are keys of a closed list, shown as that list's label in each language. */
export const termParams = ['entity', 'milestone', 'laterMilestone', 'earlierMilestone', 'stage', 'figure', 'status', 'expected', 'roles', 'period'] as const;
export type TermParam = (typeof termParams)[number];
/** Which list each term parameter draws from. */
export const termListOf: Record<TermParam, string> = {
  entity: 'entity',
  milestone: 'milestone',
  laterMilestone: 'milestone',
  earlierMilestone: 'milestone',
  stage: 'stage',
  figure: 'figure',
  status: 'status',
  expected: 'status',
  roles: 'role',
  period: 'period',
};

export type Terms = Record<string, Record<string, string>>;

export type Language = {
  problems: Record<string, string>;
  fields: Record<string, string>;
  terms: Terms;
  /** How a list of items reads: ', ' in English, '、' in Chinese. */
  listSeparator: string;
  /** How nested problems are joined: '; ' in English, '；' in Chinese. */
  nestedSeparator: string;
};

/** `{{name}}` → value, nothing else (the same syntax i18next uses, so both render the same catalogues). */
export function interpolate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

const isNested = (v: unknown): v is NestedProblem => !!v && typeof v === 'object' && typeof (v as NestedProblem).reason === 'string';

/** Parameter values as the text a language shows: list labels for term parameters, nested problems rendered. */
export function paramTexts(
  language: Language,
  params: ProblemParams | undefined,
  render: (reason: string, params?: ProblemParams) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    const list = (termListOf as Record<string, string | undefined>)[name];
    const term = (key: string) => (list ? (language.terms[list]?.[key] ?? key) : key);
    if (Array.isArray(value)) {
      out[name] = value.every(isNested)
        ? (value as NestedProblem[]).map((n) => render(n.reason, n.params)).join(language.nestedSeparator)
        : (value as string[]).map((v) => term(String(v))).join(language.listSeparator);
    } else {
      out[name] = value === null || value === undefined ? '' : term(String(value));
    }
  }
  return out;
}

/** One problem in a language, without i18next (the API's English `message`; tests). */
export function renderProblem(language: Language, reason: string, params?: ProblemParams): string {
  const template = language.problems[reason];
  if (template === undefined) return reason;
  return interpolate(
    template,
    paramTexts(language, params, (r, p) => renderProblem(language, r, p)),
  );
}

/** One field message in a language. */
export function renderField(language: Language, code: string, params?: ProblemParams): string {
  const template = language.fields[code];
  if (template === undefined) return code;
  return interpolate(
    template,
    paramTexts(language, params, (r, p) => renderProblem(language, r, p)),
  );
}
