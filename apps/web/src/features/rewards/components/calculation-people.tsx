import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';

/** Maker and checker (制单 / 审批), when, and what they said; the payment as recorded. */
export function CalculationPeople({ calculation: c }: { calculation: Calculation }) {
  const { t } = useTranslation();
  const payment = c.lines.find((line) => line.payment)?.payment ?? null;
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="calc-people"
      items={[
        { key: 'maker', label: t('finance.calc.maker'), children: `${c.makerName} · ${formatDateTime(c.createdAt)}` },
        { key: 'submitted', label: t('finance.calc.submittedAt'), children: c.submittedAt ? formatDateTime(c.submittedAt) : none },
        { key: 'checker', label: t('finance.calc.checker'), children: c.checkerName ? `${c.checkerName} · ${formatDateTime(c.decidedAt)}` : none },
        { key: 'note', label: t('finance.calc.decisionNote'), children: c.decisionNote ?? none },
        {
          key: 'payment',
          label: t('finance.calc.payment'),
          children: payment
            ? t('finance.calc.paymentValue', { date: formatDate(payment.paidOn), reference: payment.reference, name: payment.paidByName })
            : none,
        },
      ]}
    />
  );
}
