import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import { useFormErrors } from '../../../components/form-errors.tsx';
import { ApiError, type FieldProblem } from '../../../lib/api.ts';
import { schemaProblems } from '../../../lib/form-errors.ts';
import { formFieldOf } from './version-values.ts';

type SchemaLike = Parameters<typeof schemaProblems>[0];

const toForm = (fields: FieldProblem[]) => fields.map((f) => ({ field: formFieldOf(f.field), message: f.message }));

/**
 * useFormErrors for the version forms: the API names `version.tiers.1.upToFen` where the form has `tiers.1.upTo`
 * (typed in 万元), so field names are translated before the problems are put next to the fields.
 */
export function useVersionErrors(form: FormInstance) {
  const errors = useFormErrors(form);
  const { handle: handleMapped } = errors;

  const handle = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) return handleMapped(error);
      // A taken name is a conflict about the request as a whole: its message says which policy has the name.
      if (error.code === 'CONFLICT') {
        return handleMapped(new ApiError({ status: error.status, code: error.code, message: error.message, requestId: error.requestId }));
      }
      return handleMapped(
        new ApiError({ status: error.status, code: error.code, message: error.message, details: { fields: toForm(error.fields) }, requestId: error.requestId }),
      );
    },
    [handleMapped],
  );

  /** false when the body fails the shared schema; its problems are then shown beside the fields. */
  const check = useCallback(
    (schema: SchemaLike, body: unknown): boolean => {
      const problems = schemaProblems(schema, body);
      if (problems.length === 0) return true;
      handleMapped(
        new ApiError({
          status: 400,
          code: 'VALIDATION',
          message: problems.map((p) => `${p.field}: ${p.message}`).join('; '),
          details: { fields: toForm(problems) },
        }),
      );
      return false;
    },
    [handleMapped],
  );

  /**
   * A rule about a whole list (installment shares summing to 100%, tiers ascending) sits under the list, and
   * antd only clears a field's own errors: once the list is edited, its old message is dropped.
   */
  const onValuesChange = useCallback(
    (changed: Record<string, unknown>) => {
      const lists = ['tiers', 'multipliers', 'installments'].filter((name) => name in changed && form.getFieldError([name]).length > 0);
      if (lists.length > 0) form.setFields(lists.map((name) => ({ name: [name], errors: [] })));
    },
    [form],
  );

  return { state: errors.state, clear: errors.clear, check, handle, onValuesChange };
}
