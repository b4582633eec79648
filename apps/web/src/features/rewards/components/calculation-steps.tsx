import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { Calculation } from '../../../lib/types.ts';

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Where the calculation stands: 草稿 → 已提交 → 已批准 / 已驳回 → 已支付, with who and when. */
export function CalculationSteps({ calculation: c }: { calculation: Calculation }) {
  const { t } = useTranslation();
  const payment = c.lines.find((line) => line.payment)?.payment ?? null;

  let current = 0;
  let status: StepStatus = 'process';
  switch (c.status) {
    case 'draft':
      break;
    case 'submitted':
      current = 2;
      break;
    case 'approved':
      current = 3;
      break;
    case 'rejected':
      current = 2;
      status = 'error';
      break;
    case 'paid':
      current = 3;
      status = 'finish';
      break;
    case 'superseded':
      current = c.decidedAt ? 3 : c.submittedAt ? 2 : 1;
      status = 'wait';
      break;
  }

  const decisionTitle =
    c.status === 'rejected' ? t('finance.status.rejected') : c.status === 'submitted' ? t('finance.steps.awaitingApproval') : t('finance.status.approved');
  const paymentTitle = c.status === 'approved' ? t('finance.steps.awaitingPayment') : t('finance.status.paid');

  return (
    <Steps
      current={current}
      status={status}
      data-testid="calc-steps"
      items={[
        { title: t('finance.status.draft'), content: t('finance.steps.made', { name: c.makerName, at: formatDateTime(c.createdAt) }) },
        { title: t('finance.status.submitted'), content: c.submittedAt ? formatDateTime(c.submittedAt) : null },
        {
          title: decisionTitle,
          content: c.checkerName ? t('finance.steps.decided', { name: c.checkerName, at: formatDateTime(c.decidedAt) }) : null,
        },
        {
          title: paymentTitle,
          content: payment ? t('finance.steps.paid', { date: formatDate(payment.paidOn), reference: payment.reference }) : null,
        },
      ]}
    />
  );
}
