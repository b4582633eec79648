import { PlusOutlined } from '@ant-design/icons';
import { leadChannels, leadSorts, leadStages } from '@crm/shared';
import { Button, Card, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButton } from '../../features/data-export/components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useLeads, type LeadsFilter } from '../../features/leads/api/get-leads.ts';
import { LeadFormDrawer } from '../../features/leads/components/lead-form-drawer.tsx';
import { LeadsFilters } from '../../features/leads/components/leads-filters.tsx';
import { LeadsTable } from '../../features/leads/components/leads-table.tsx';
import { useLeadChoices } from './use-lead-choices.ts';

const warnings = ['red', 'yellow', 'green'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

/** Filters live in the address, so a filtered list can be bookmarked, shared and survives a reload. */
function filterFromParams(params: URLSearchParams): LeadsFilter {
  return {
    q: params.get('q') ?? undefined,
    stage: oneOf(leadStages, params.get('stage')),
    ownerId: params.get('ownerId') ?? undefined,
    zoneId: params.get('zoneId') ?? undefined,
    industryId: params.get('industryId') ?? undefined,
    channel: oneOf(leadChannels, params.get('channel')),
    warning: oneOf(warnings, params.get('warning')),
    overdue: params.get('overdue') === 'true' ? true : undefined,
    sort: oneOf(leadSorts, params.get('sort')),
    createdFrom: calendarDate(params.get('createdFrom')),
    createdTo: calendarDate(params.get('createdTo')),
  };
}

const calendarDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

function paramsFromFilter(filter: LeadsFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== null && value !== '' && key !== 'pool') params.set(key, String(value));
  }
  return params;
}

export default function LeadsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const filtered = Object.entries(filter).some(([key, v]) => v !== undefined && key !== 'sort');
  const leads = useLeads(filter);
  const choices = useLeadChoices();
  const [creating, setCreating] = useState(false);
  const rows = leads.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        subtitle={t('leads.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-new">
            {t('leads.new')}
          </Button>
        }
      />
      <Card>
        <ExportButton path="/leads/export" params={filter} fallbackName="线索" style={{ float: 'right', marginLeft: 8 }} />
        <LeadsFilters value={filter} onChange={(next) => setParams(paramsFromFilter({ ...next, createdFrom: filter.createdFrom, createdTo: filter.createdTo }), { replace: true })} choices={choices} />
        {filter.createdFrom || filter.createdTo ? (
          <Tag
            closable
            style={{ marginBottom: 12 }}
            onClose={() => setParams(paramsFromFilter({ ...filter, createdFrom: undefined, createdTo: undefined }), { replace: true })}
            data-testid="leads-created-range"
          >
            {t('leads.createdRange', { from: filter.createdFrom ?? '…', to: filter.createdTo ?? '…' })}
          </Tag>
        ) : null}
        {leads.isError ? (
          <ErrorAlert error={leads.error} onRetry={() => void leads.refetch()} />
        ) : leads.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <LeadsTable
              leads={rows}
              loading={leads.isFetching && !leads.isFetchingNextPage}
              emptyText={
                <EmptyState
                  testId="leads-empty"
                  description={filtered ? t('leads.emptyFiltered') : t('leads.empty')}
                  action={
                    filtered ? (
                      <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('common.reset')}</Button>
                    ) : (
                      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                        {t('leads.new')}
                      </Button>
                    )
                  }
                />
              }
            />
            <LoadMore
              count={rows.length}
              hasMore={leads.hasNextPage}
              loading={leads.isFetchingNextPage}
              onLoadMore={() => void leads.fetchNextPage()}
              testId="leads-load-more"
            />
          </>
        )}
      </Card>
      <LeadFormDrawer
        open={creating}
        choices={choices}
        onClose={() => setCreating(false)}
        onSaved={(lead) => {
          setCreating(false);
          void navigate(`/leads/${lead.id}`);
        }}
      />
    </>
  );
}
