import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RewardKind } from '../../../lib/types.ts';

export const policyKindColors: Record<RewardKind, string> = {
  agent_reward: 'geekblue',
  staff_incentive: 'purple',
  service_fee: 'cyan',
};

export function PolicyKindTag({ kind }: { kind: RewardKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={policyKindColors[kind]} data-kind={kind}>
      {t(`policies.kind.${kind}`)}
    </Tag>
  );
}
