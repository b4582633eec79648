import { type TraceStep, traceValueTexts } from '@crm/shared';
import { Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, i18n } from '../../../lib/i18n/index.ts';

/** One step in the reader's language (i18next namespace `trace`); a step stored as an English line shows as it was. */
export function traceStepText(step: TraceStep): string {
  if (step.kind === 'TEXT') return step.text;
  const values = traceValueTexts(currentLanguage(), step.values);
  return (i18n.t as (key: string, options: object) => string)(step.kind, { ns: 'trace', ...values });
}

/**
 * The trace, step by step: every input and step, one per line, numbered, in a fixed-width font so amounts line up,
 * in the reader's language. This is what a checker reads before approving.
 */
export function CalculationTrace({ steps }: { steps: TraceStep[] }) {
  const { t } = useTranslation();
  const trace = steps.map(traceStepText);
  const { token } = theme.useToken();
  if (trace.length === 0) return <Typography.Text type="secondary">{t('finance.calc.noTrace')}</Typography.Text>;
  return (
    <ol
      data-testid="calc-trace"
      style={{
        margin: 0,
        padding: '8px 0 8px 48px',
        fontFamily: token.fontFamilyCode,
        fontSize: 13,
        lineHeight: 1.8,
        background: token.colorFillQuaternary,
        borderRadius: token.borderRadius,
        border: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      {trace.map((line, index) => (
        <li
          key={index}
          style={{
            paddingInlineEnd: 16,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            color: /OVERPAID|BEYOND/.test(steps[index]?.kind ?? '') || /OVERPAID|追回/.test(line) ? token.colorError : undefined,
            fontWeight: index === trace.length - 1 ? 600 : undefined,
          }}
        >
          {line}
        </li>
      ))}
    </ol>
  );
}
