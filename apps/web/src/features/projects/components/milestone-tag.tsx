import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectMilestone } from '../../../lib/types.ts';

export const milestoneColors: Record<ProjectMilestone, string> = {
  signed: 'blue',
  registered: 'cyan',
  land_acquired: 'geekblue',
  construction_started: 'orange',
  in_production: 'green',
  at_capacity: 'purple',
};

export function MilestoneTag({ milestone }: { milestone: ProjectMilestone }) {
  const { t } = useTranslation();
  return (
    <Tag color={milestoneColors[milestone]} variant="outlined" data-milestone={milestone} data-testid="project-milestone-tag">
      {t(`milestone.${milestone}`)}
    </Tag>
  );
}
