import type { RewardMilestone } from '@crm/shared';
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Calculation, CalculationStatus, RewardKind } from '../../../lib/types.ts';

export const statusColors: Record<CalculationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'cyan',
  rejected: 'error',
  paid: 'success',
  superseded: 'default',
};

export function CalculationStatusTag({ status }: { status: CalculationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={statusColors[status]}
      data-status={status}
      data-testid="calc-status"
      style={status === 'superseded' ? { textDecoration: 'line-through' } : undefined}
    >
      {t(`finance.status.${status}`)}
    </Tag>
  );
}

const kindColors: Record<RewardKind, string> = { agent_reward: 'geekblue', staff_incentive: 'purple', service_fee: 'cyan' };

export function CalculationKindTag({ kind }: { kind: RewardKind }) {
  const { t } = useTranslation();
  return <Tag color={kindColors[kind]}>{t(`policies.kind.${kind}`)}</Tag>;
}

/** What was computed: the project (or the service-fee contract). */
export const subjectOf = (calculation: Pick<Calculation, 'projectName' | 'contractTitle'>): string =>
  calculation.projectName ?? calculation.contractTitle ?? '—';

/** The milestone of a reward (开工), or the period of a service fee (2026-10, 2026-Q4). */
export function milestoneText(calculation: Pick<Calculation, 'kind' | 'milestone'>, t: TFunction): string {
  if (calculation.kind === 'service_fee') return t('finance.periodValue', { period: calculation.milestone });
  return t(`milestone.${calculation.milestone as RewardMilestone}`, { defaultValue: calculation.milestone });
}

/** The line under the subject in lists: the policy and version of a reward, the agent paid a service fee. */
export const detailText = (calculation: Pick<Calculation, 'kind' | 'policyName' | 'versionNo' | 'lines'>): string =>
  calculation.kind === 'service_fee' ? (calculation.lines[0]?.payeeName ?? '—') : policyText(calculation);

/** "引进项目奖励办法 v1" */
export const policyText = (calculation: Pick<Calculation, 'policyName' | 'versionNo'>): string =>
  calculation.policyName ? `${calculation.policyName}${calculation.versionNo ? ` v${calculation.versionNo}` : ''}` : '—';
