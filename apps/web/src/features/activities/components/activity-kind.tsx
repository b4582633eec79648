import { CarOutlined, CommentOutlined, FlagOutlined, PhoneOutlined, TeamOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityKind } from '../../../lib/types.ts';

export const kindIcons: Record<ActivityKind, ReactNode> = {
  visit: <CarOutlined />,
  inspection: <TeamOutlined />,
  call: <PhoneOutlined />,
  meeting: <CommentOutlined />,
  event: <FlagOutlined />,
};

export const kindColors: Record<ActivityKind, string> = {
  visit: 'blue',
  inspection: 'green',
  call: 'default',
  meeting: 'purple',
  event: 'orange',
};

export function ActivityKindTag({ kind }: { kind: ActivityKind }) {
  const { t } = useTranslation();
  return (
    <Tag icon={kindIcons[kind]} color={kindColors[kind]} data-kind={kind}>
      {t(`activityKind.${kind}`)}
    </Tag>
  );
}
