import { ReloadOutlined } from '@ant-design/icons';
import { projectMilestones } from '@crm/shared';
import { Button, Flex, Input, Select, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IndustryFilter, OwnerFilter, ZoneFilter } from '../../../components/filter-selects.tsx';
import type { ProjectsFilter } from '../api/get-projects.ts';
import type { ProjectChoices } from './choices.ts';

type Props = {
  value: ProjectsFilter;
  onChange: (next: ProjectsFilter) => void;
  choices: Pick<ProjectChoices, 'zones' | 'industries' | 'users'>;
  /** Staff see only their own projects, so an owner filter is for managers. */
  showOwner: boolean;
};

export function ProjectsFilters({ value, onChange, choices, showOwner }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: Partial<ProjectsFilter>) => onChange({ ...value, ...patch });

  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="projects-filters">
      <Input.Search
        allowClear
        placeholder={t('projects.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(text) => set({ q: text.trim() || undefined })}
        style={{ width: 220 }}
        data-testid="projects-search"
      />
      <Select
        allowClear
        placeholder={t('filters.milestone')}
        style={{ width: 128 }}
        popupMatchSelectWidth={false}
        value={value.milestone}
        onChange={(milestone) => set({ milestone })}
        options={projectMilestones.map((m) => ({ value: m, label: t(`milestone.${m}`) }))}
        data-testid="projects-milestone"
      />
      <ZoneFilter zones={choices.zones} placeholder={t('filters.zone')} width={160} value={value.zoneId} onChange={(zoneId) => set({ zoneId })} />
      <IndustryFilter
        industries={choices.industries}
        placeholder={t('filters.industry')}
        width={140}
        value={value.industryId}
        onChange={(industryId) => set({ industryId })}
      />
      {showOwner ? (
        <OwnerFilter
          users={choices.users}
          staffOnly
          placeholder={t('filters.owner')}
          width={120}
          value={value.ownerId}
          onChange={(ownerId) => set({ ownerId })}
        />
      ) : null}
      <Tooltip title={t('common.reset')}>
        <Button icon={<ReloadOutlined />} aria-label={t('common.reset')} onClick={() => onChange({})} />
      </Tooltip>
    </Flex>
  );
}
