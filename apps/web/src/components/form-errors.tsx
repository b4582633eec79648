import type { FormInstance } from 'antd';
import { Alert } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldProblem } from '../lib/api.ts';
import { schemaProblems, showFieldProblems } from '../lib/form-errors.ts';
import { errorText } from './error-alert.tsx';

type SchemaLike = Parameters<typeof schemaProblems>[0];

export type FormErrorsState = {
  /** An error that is about the request as a whole (permission, conflict, server). */
  error: unknown;
  /** Field problems no field on the form could show. */
  leftOver: FieldProblem[];
};

/**
 * The error half of every form: checks the body against the shared schema before sending, and puts the
 * server's `details.fields` next to the fields they name; whatever is left shows above the buttons.
 */
export function useFormErrors(form: FormInstance, aliases: Record<string, string> = {}) {
  const [state, setState] = useState<FormErrorsState>({ error: null, leftOver: [] });
  const aliasesRef = useRef(aliases);

  const clear = useCallback(() => setState({ error: null, leftOver: [] }), []);

  /** false when the body fails the shared schema (and the problems are on screen). */
  const check = useCallback(
    (schema: SchemaLike, body: unknown): boolean => {
      const problems = schemaProblems(schema, body);
      if (problems.length === 0) return true;
      setState({ error: null, leftOver: showFieldProblems(form, problems, aliasesRef.current) });
      return false;
    },
    [form],
  );

  const handle = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.fields.length > 0) {
        const leftOver = showFieldProblems(form, error.fields, aliasesRef.current);
        const placedAny = leftOver.length < error.fields.length;
        setState({ error: placedAny ? null : error, leftOver: placedAny ? leftOver : [] });
        return;
      }
      setState({ error, leftOver: [] });
    },
    [form],
  );

  return { state, clear, check, handle };
}

export function FormErrors({ state }: { state: FormErrorsState }) {
  const { t } = useTranslation();
  return (
    <>
      {state.error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(state.error, t)} data-testid="form-error" /> : null}
      {state.leftOver.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('errors.formProblems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {state.leftOver.map((p, i) => (
                <li key={`${p.field}-${i}`}>{p.message.startsWith(p.field) ? p.message : `${p.field}: ${p.message}`}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
}
