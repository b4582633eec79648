import { ReloadOutlined } from '@ant-design/icons';
import { leadChannels } from '@crm/shared';
import { Button, DatePicker, Flex, Select, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { IndustryFilter, OwnerFilter, ZoneFilter } from '../../../components/filter-selects.tsx';
import { DATE } from '../../../lib/format.ts';
import type { Industry, PipelineFilters, UserSummary, Zone } from '../../../lib/types.ts';

type Props = {
  value: PipelineFilters;
  onChange: (next: PipelineFilters) => void;
  choices: { zones: Zone[]; industries: Industry[]; users: UserSummary[] };
  /** The lifecycle board has no channel (projects are filtered by zone, industry, owner and signing date). */
  showChannel?: boolean;
  /** Staff only ever see their own pipeline, so the owner filter is for managers. */
  showOwner?: boolean;
  ownerLabel?: string;
};

/** The filters the pipeline board, the funnel and the lifecycle board share: zone, channel, industry, owner, period. */
export function PipelineFiltersBar({ value, onChange, choices, showChannel = true, showOwner = true, ownerLabel }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<PipelineFilters>) => onChange({ ...value, ...patch });
  return (
    <Flex gap={8} wrap align="center" data-testid="pipeline-filters">
      <ZoneFilter
        zones={choices.zones}
        placeholder={t('filters.zone')}
        width={170}
        value={value.zoneId}
        onChange={(zoneId) => set({ zoneId })}
        data-testid="filter-zone"
      />
      {showChannel ? (
        <Select
          allowClear
          placeholder={t('filters.channel')}
          style={{ width: 130 }}
          popupMatchSelectWidth={false}
          value={value.channel}
          onChange={(channel) => set({ channel })}
          options={leadChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
          data-testid="filter-channel"
        />
      ) : null}
      <IndustryFilter
        industries={choices.industries}
        placeholder={t('filters.industry')}
        width={150}
        value={value.industryId}
        onChange={(industryId) => set({ industryId })}
        data-testid="filter-industry"
      />
      {showOwner ? (
        <OwnerFilter
          users={choices.users}
          staffOnly
          placeholder={ownerLabel ?? t('filters.owner')}
          width={120}
          value={value.ownerId}
          onChange={(ownerId) => set({ ownerId })}
          data-testid="filter-owner"
        />
      ) : null}
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        placeholder={[t('filters.from'), t('filters.to')]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(range) => set({ from: range?.[0]?.format(DATE) ?? undefined, to: range?.[1]?.format(DATE) ?? undefined })}
        style={{ width: 260 }}
        data-testid="filter-period"
      />
      <Tooltip title={t('common.reset')}>
        <Button icon={<ReloadOutlined />} aria-label={t('common.reset')} onClick={() => onChange({})} data-testid="filter-reset" />
      </Tooltip>
    </Flex>
  );
}
