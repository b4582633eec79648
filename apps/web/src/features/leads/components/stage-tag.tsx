import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LeadStage } from '../../../lib/types.ts';

export const stageColors: Record<LeadStage, string> = {
  new: 'blue',
  contacted: 'cyan',
  visited: 'geekblue',
  negotiating: 'orange',
  signed: 'green',
  lost: 'default',
};

export function StageTag({ stage }: { stage: LeadStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={stageColors[stage]} variant="outlined" data-stage={stage}>
      {t(`stage.${stage}`)}
    </Tag>
  );
}
