import { ReloadOutlined } from '@ant-design/icons';
import { leadChannels, leadSorts, leadStages } from '@crm/shared';
import { Button, Checkbox, Flex, Input, Select, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IndustryFilter, OwnerFilter, ZoneFilter } from '../../../components/filter-selects.tsx';
import { WarningDot } from '../../../components/warning.tsx';
import type { LeadSort, Warning } from '../../../lib/types.ts';
import type { LeadsFilter } from '../api/get-leads.ts';
import type { LeadChoices } from './choices.ts';

const warnings: readonly Warning[] = ['red', 'yellow', 'green'];

type Props = {
  value: LeadsFilter;
  onChange: (next: LeadsFilter) => void;
  choices: LeadChoices;
  /** The pool has no owner or stage filter worth showing. */
  compact?: boolean;
  /** 我的线索: the owner is oneself. */
  hideOwner?: boolean;
  /** Clears the filters (the list keeps its scope); without it, the reset keeps only the pool flag. */
  onReset?: () => void;
};

/**
 * The leads list's filter bar: search, stage, owner, zone, industry, channel, alert, overdue, sort. It only edits
 * the filter it is given; the list (and its toolbar: views, columns, exports) is the caller's.
 */
export function LeadsFilters({ value, onChange, choices, compact = false, hideOwner = false, onReset }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);

  const set = (patch: Partial<LeadsFilter>) => onChange({ ...value, ...patch });
  const selectStyle = { width: 112 };

  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="leads-filters">
      <Input.Search
        allowClear
        placeholder={t('leads.searchPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(text) => set({ q: text.trim() || undefined })}
        style={{ width: 210 }}
        data-testid="leads-search"
      />
      {compact ? null : (
        <Select
          allowClear
          placeholder={t('leads.filterStage')}
          style={selectStyle}
          popupMatchSelectWidth={false}
          value={value.stage}
          onChange={(stage) => set({ stage })}
          data-testid="leads-stage"
          options={leadStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        />
      )}
      {compact || hideOwner ? null : (
        <OwnerFilter
          users={choices.users}
          placeholder={t('leads.filterOwner')}
          width={selectStyle.width}
          value={value.ownerId}
          onChange={(ownerId) => set({ ownerId })}
        />
      )}
      <ZoneFilter zones={choices.zones} placeholder={t('leads.filterZone')} width={150} value={value.zoneId} onChange={(zoneId) => set({ zoneId })} />
      <IndustryFilter
        industries={choices.industries}
        placeholder={t('leads.filterIndustry')}
        width={selectStyle.width}
        value={value.industryId}
        onChange={(industryId) => set({ industryId })}
      />
      <Select
        allowClear
        placeholder={t('leads.filterChannel')}
        style={selectStyle}
        popupMatchSelectWidth={false}
        value={value.channel}
        onChange={(channel) => set({ channel })}
        options={leadChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
      />
      {/* Pooled leads are all overdue: the alert filter is for one's own list. */}
      {compact ? null : (
        <Select<Warning>
          allowClear
          placeholder={t('leads.filterWarning')}
          style={{ width: 124 }}
          popupMatchSelectWidth={false}
          value={value.warning}
          onChange={(warning) => set({ warning })}
          options={warnings.map((w) => ({ value: w, label: <WarningDot warning={w} withText /> }))}
          data-testid="leads-warning"
        />
      )}
      {compact ? null : (
        <Checkbox
          checked={value.overdue === true}
          // Overdue leads are most useful most urgent first.
          onChange={(e) =>
            set(
              e.target.checked
                ? { overdue: true, sort: value.sort ?? 'clockDueAt' }
                : { overdue: undefined, sort: value.sort === 'clockDueAt' ? undefined : value.sort },
            )
          }
          data-testid="leads-overdue"
        >
          {t('clock.filterOverdue')}
        </Checkbox>
      )}
      <Select<LeadSort>
        style={{ width: 176 }}
        data-testid="leads-sort"
        popupMatchSelectWidth={false}
        prefix={t('leads.sortBy')}
        value={value.sort ?? '-createdAt'}
        onChange={(sort) => set({ sort: sort === '-createdAt' ? undefined : sort })}
        options={leadSorts.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
      />
      <Tooltip title={t('common.reset')}>
        <Button
          icon={<ReloadOutlined />}
          aria-label={t('common.reset')}
          onClick={() => (onReset ? onReset() : onChange({ pool: value.pool }))}
          data-testid="leads-reset"
        />
      </Tooltip>
    </Flex>
  );
}
