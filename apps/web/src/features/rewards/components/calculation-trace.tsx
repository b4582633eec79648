import { Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The trace, as the engine wrote it: every input and step, one per line, numbered, in a fixed-width font so
 * amounts line up. This is what a checker reads before approving.
 */
export function CalculationTrace({ trace }: { trace: string[] }) {
  const { t } = useTranslation();
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
            color: /OVERPAID|追回/.test(line) ? token.colorError : undefined,
            fontWeight: index === trace.length - 1 ? 600 : undefined,
          }}
        >
          {line}
        </li>
      ))}
    </ol>
  );
}
