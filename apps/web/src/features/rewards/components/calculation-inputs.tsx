import { Collapse, Descriptions, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatFen } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';

/** The parts of a reward's frozen inputs worth reading at a glance; the rest is in the JSON below. */
type RewardInputs = {
  milestone?: { name?: string; reachedOn?: string };
  basis?: { kind?: string; amountFen?: number; asOf?: string | null };
  industryFlags?: { leading?: boolean; emerging?: boolean };
  alreadyPaidFen?: number;
  computedAt?: string;
};

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object';

/**
 * Everything the calculation was computed from, frozen when it was made: later changes to the project's
 * figures do not change it. Collapsed by default; the trace above says the same in words.
 */
export function CalculationInputs({ calculation }: { calculation: Calculation }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const inputs = isRecord(calculation.inputs) ? (calculation.inputs as RewardInputs) : {};
  const summary =
    calculation.kind === 'service_fee' ? null : (
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 12 }}
        items={[
          {
            key: 'basis',
            label: t('finance.inputs.basis'),
            children:
              inputs.basis?.amountFen !== undefined
                ? `${formatFen(inputs.basis.amountFen)}${inputs.basis.asOf ? ` (${t('finance.inputs.asOf', { date: formatDate(inputs.basis.asOf) })})` : ''}`
                : '—',
          },
          { key: 'reached', label: t('finance.inputs.reachedOn'), children: formatDate(inputs.milestone?.reachedOn) },
          {
            key: 'industry',
            label: t('finance.inputs.industry'),
            children: inputs.industryFlags?.leading
              ? t('policies.condition.leading_industry')
              : inputs.industryFlags?.emerging
                ? t('policies.condition.emerging_industry')
                : t('finance.inputs.ordinaryIndustry'),
          },
          { key: 'paid', label: t('finance.inputs.alreadyPaid'), children: formatFen(inputs.alreadyPaidFen ?? 0) },
        ]}
      />
    );
  return (
    <Collapse
      data-testid="calc-inputs"
      items={[
        {
          key: 'inputs',
          label: t('finance.inputs.title'),
          extra: (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('finance.inputs.frozen')}
            </Typography.Text>
          ),
          children: (
            <>
              {summary}
              <pre
                style={{
                  margin: 0,
                  maxHeight: 420,
                  overflow: 'auto',
                  padding: 12,
                  fontFamily: token.fontFamilyCode,
                  fontSize: 12,
                  background: token.colorFillQuaternary,
                  borderRadius: token.borderRadius,
                }}
                data-testid="calc-inputs-json"
              >
                {JSON.stringify(calculation.inputs, null, 2)}
              </pre>
            </>
          ),
        },
      ]}
    />
  );
}
