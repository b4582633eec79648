import { fieldIssue, fieldProblemOf, fieldsProblem, textProblem, type FieldIssue } from '@crm/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** Deep enough for any body the API takes (leads with contacts, policy versions with tiers); deeper is a probe. */
const MAX_DEPTH = 12;

/** A field message the shared checks wrote, as the API sends it (its code read back from the text). */
const issueOf = (field: string, text: string): FieldIssue => {
  const { code, params } = fieldProblemOf({ message: text });
  return fieldIssue(field, code, params);
};

function findProblems(value: unknown, path: string, depth: number, out: FieldIssue[]): void {
  if (out.length >= 10) return;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out.push(issueOf(path, problem));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    out.push(fieldIssue(path, 'NESTED_TOO_DEEP', { max: MAX_DEPTH }));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = textProblem(key);
    const at = path ? `${path}.${key}` : key;
    if (keyProblem) out.push(issueOf(at, keyProblem));
    else findProblems(child, at, depth + 1, out);
  }
}

/**
 * Refuses, before any schema looks at the input, every string in the body, the query or the path that holds NUL
 * or another control character, an unpaired surrogate, or a bidirectional override (ASVS 5.0 1.2, 2.2.1): once
 * here, for every route, whether or not its schema uses the shared text building blocks. Postgres cannot store NUL
 * (it was a 500), and direction overrides make a name read differently from what is stored. The answer is a 400
 * naming each field, like any validation error.
 */
export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const fields: FieldIssue[] = [];
      findProblems(request.params, '', 0, fields);
      findProblems(request.query, '', 0, fields);
      findProblems(request.body, '', 0, fields);
      if (fields.length === 0) return;
      throw fieldsProblem(fields.map((f) => ({ ...f, field: f.field || 'body' })));
    });
  },
  { name: 'input-guard' },
);
