import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from './api.ts';
import { issueMessage } from './problems.ts';

type NamePath = (string | number)[];

const toNamePath = (field: string): NamePath =>
  field
    .split('.')
    .filter(Boolean)
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));

const sameName = (a: NamePath, b: NamePath) => a.length === b.length && a.every((part, i) => String(part) === String(b[i]));

/**
 * Puts field problems (from the server's `details.fields`, or from a shared zod schema run in the browser)
 * next to the form fields they name: `contacts.0.name` → ['contacts', 0, 'name']. `aliases` maps an API
 * field to the form's own (e.g. estimatedInvestmentFen → estimatedInvestment, typed in 万元).
 * Returns the problems no field on the form could show, for a form-level alert.
 */
export function showFieldProblems(form: FormInstance, problems: FieldProblem[], aliases: Record<string, string> = {}): FieldProblem[] {
  const registered = form.getFieldsError().map((entry) => entry.name as NamePath);
  const shown = new Map<string, { name: NamePath; errors: string[] }>();
  const leftOver: FieldProblem[] = [];
  for (const problem of problems) {
    const first = problem.field.split('.')[0] ?? '';
    const aliased = aliases[problem.field] ?? (aliases[first] ? problem.field.replace(first, aliases[first]) : problem.field);
    const name = toNamePath(aliased);
    if (!registered.some((candidate) => sameName(candidate, name))) {
      leftOver.push(problem);
      continue;
    }
    const key = name.join('.');
    const entry = shown.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    shown.set(key, entry);
  }
  if (shown.size > 0) form.setFields([...shown.values()]);
  return leftOver;
}

/** The server's field problems for a form; anything else about the error is the caller's to show. */
export function showApiError(form: FormInstance, error: unknown, aliases: Record<string, string> = {}): FieldProblem[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  return showFieldProblems(form, error.fields, aliases);
}

type SafeParser = {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
};

/** Runs a shared request schema in the browser, so a form catches what the API would refuse before sending. */
export function schemaProblems(schema: SafeParser, body: unknown): FieldProblem[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issueMessage(issue) }));
}
