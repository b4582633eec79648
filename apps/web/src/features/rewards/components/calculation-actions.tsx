import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { ApiError } from '../../../lib/api.ts';
import type { Calculation, Role } from '../../../lib/types.ts';
import { ApproveButton, PayButton, RecomputeButton, RejectButton, SubmitButton } from './decision-buttons.tsx';

type Props = {
  calculation: Calculation;
  roles: readonly Role[];
  onError: (error: unknown) => void;
  /** A step succeeded; for 重新核算 the calculation is the new one. */
  onDone: (calculation: Calculation) => void;
};

/**
 * The buttons a person may press on a calculation, by role and status: 提交 and 登记支付 for finance, 批准 and
 * 驳回 for managers. The maker who is also a manager still sees 批准: the server refuses them with a message
 * that says why, which is clearer than a button that vanished.
 */
export function CalculationActions({ calculation: c, roles, onError, onDone }: Props) {
  const isFinance = roles.includes('finance');
  const isManager = roles.includes('manager');
  const props = { calculation: c, onError, onDone };
  return (
    <Flex gap={8} wrap data-testid="calc-actions">
      {/* Any open calculation can be computed again: the new one supersedes it (and a payment refused as stale needs it). */}
      {isFinance && (c.status === 'draft' || c.status === 'rejected' || c.status === 'submitted' || c.status === 'approved') ? (
        <RecomputeButton {...props} />
      ) : null}
      {isFinance && c.status === 'draft' ? <SubmitButton {...props} /> : null}
      {isManager && c.status === 'submitted' ? (
        <>
          <RejectButton {...props} />
          <ApproveButton {...props} />
        </>
      ) : null}
      {isFinance && c.status === 'approved' && c.dueFen > 0 ? <PayButton {...props} /> : null}
    </Flex>
  );
}

/** Why the last step was refused, with a reload when the calculation changed meanwhile (409). */
export function ActionErrorAlert({ error, onClose, onReload }: { error: unknown; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  // A payment refused because the ledger moved since the approval: the amount must be computed again.
  const stale = error instanceof ApiError && (error.details as { reason?: string } | undefined)?.reason === 'stale_calculation';
  // A payment refused by 公示 is not someone else's edit: say why, and there is nothing to reload.
  const notice =
    error instanceof ApiError && error.reason === 'NOTICE_OPEN'
      ? 'notice'
      : error instanceof ApiError && error.reason === 'OBJECTION_OPEN'
        ? 'objection'
        : null;
  const title = notice
    ? t(`notice.refused.${notice}`)
    : stale
      ? t('finance.actions.stale')
      : status === 403
        ? t('finance.actions.forbidden')
        : status === 409
          ? t('finance.actions.conflict')
          : status === 412
            ? t('finance.actions.precondition')
            : t('errors.title');
  return (
    <Alert
      type={status === 409 ? 'warning' : 'error'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={title}
      description={errorText(error, t)}
      data-testid="calc-action-error"
      action={
        status === 409 && !notice ? (
          <Button size="small" onClick={onReload}>
            {t('common.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}
