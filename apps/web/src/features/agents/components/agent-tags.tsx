import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentKind, AgentStatus } from '../../../lib/types.ts';

const kindColors: Record<AgentKind, string> = { agency: 'geekblue', intermediary: 'cyan', enterprise: 'purple', individual: 'magenta' };
const statusColors: Record<AgentStatus, string> = { active: 'green', suspended: 'orange', terminated: 'default' };

export function AgentKindTag({ kind }: { kind: AgentKind }) {
  const { t } = useTranslation();
  return <Tag color={kindColors[kind]}>{t(`agentKind.${kind}`)}</Tag>;
}

export function AgentStatusTag({ status }: { status: AgentStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`agentStatus.${status}`)}</Tag>;
}
