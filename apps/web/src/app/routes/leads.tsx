import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { leadChannels, type leadScopes, leadSorts, leadStages } from '@crm/shared';
import { Alert, Badge, Button, Card, Drawer, Flex, Grid, Segmented, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useLeads, type LeadsFilter } from '../../features/leads/api/get-leads.ts';
import { ColumnSettings, useHiddenColumns } from '../../features/leads/components/column-settings.tsx';
import { LeadCards } from '../../features/leads/components/lead-cards.tsx';
import { LeadFormDrawer } from '../../features/leads/components/lead-form-drawer.tsx';
import { LeadsFilters } from '../../features/leads/components/leads-filters.tsx';
import { LeadsTable } from '../../features/leads/components/leads-table.tsx';
import { PoolTable } from '../../features/leads/components/pool-table.tsx';
import { SavedViews } from '../../features/views/components/saved-views.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { LeadTotal, SavedViewFilters, SessionUser } from '../../lib/types.ts';
import { useLeadChoices } from './use-lead-choices.ts';

const warnings = ['red', 'yellow', 'green'] as const;
type Scope = (typeof leadScopes)[number];

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : undefined;

const calendarDate = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/**
 * Which lists a person has: staff land on 我的线索 with 公海 beside it; managers and admins on 全部 (by person with the
 * owner filter) with 公海; finance reads all leads and has no pool to claim from.
 */
export function scopesOf(user: SessionUser): Scope[] {
  if (hasRole(user, 'manager', 'admin')) return ['all', 'pool'];
  if (hasRole(user, 'staff')) return ['mine', 'pool'];
  return ['all'];
}

type ListState = LeadsFilter & { scope: Scope; view?: string };

/** The list's state lives in the address, so a link (or a saved view) reproduces the list; bookmarks survive reloads. */
function stateFromParams(params: URLSearchParams, scopes: Scope[]): ListState {
  return {
    scope: oneOf(scopes, params.get('scope')) ?? scopes[0] ?? 'all',
    view: params.get('view') ?? undefined,
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

/** The filters as the address (and a saved view) spell them: the default scope and empty values are left out. */
export function filtersOf(state: ListState, defaultScope: Scope): SavedViewFilters {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(state)) {
    if (key === 'view' || key === 'pool' || value === undefined || value === null || value === '') continue;
    if (key === 'scope' && value === defaultScope) continue;
    out[key] = String(value);
  }
  return out as SavedViewFilters;
}

const paramsOf = (filters: SavedViewFilters, view?: string) => {
  const params = new URLSearchParams(filters as Record<string, string>);
  if (view) params.set('view', view);
  return params;
};

/** What the API is asked for: the scope becomes the owner (mine) or the pool filter. */
function apiFilter(state: ListState, userId: string): LeadsFilter {
  const { scope, view: _view, ...rest } = state;
  if (scope === 'mine') return { ...rest, ownerId: userId };
  if (scope === 'pool') return { q: rest.q, zoneId: rest.zoneId, industryId: rest.industryId, channel: rest.channel, sort: rest.sort, pool: true };
  return rest;
}

export function TotalLabel({ total }: { total: LeadTotal | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!total) return null;
  const count = total.count.toLocaleString(i18n.language);
  return total.exact ? (
    <Typography.Text type="secondary" data-testid="leads-total">
      {t('ux.total', { count: count as unknown as number })}
    </Typography.Text>
  ) : (
    <Tooltip title={t('ux.totalHelp', { count: count as unknown as number })}>
      <Typography.Text type="secondary" data-testid="leads-total">
        {t('ux.totalOver', { count: count as unknown as number })}
      </Typography.Text>
    </Tooltip>
  );
}

export default function LeadsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const scopes = scopesOf(user);
  const defaultScope = scopes[0] ?? 'all';
  const [params, setParams] = useSearchParams();
  const state = stateFromParams(params, scopes);
  const filters = filtersOf(state, defaultScope);
  const filtered = Object.keys(filters).some((key) => key !== 'sort' && key !== 'scope');
  const leads = useLeads(apiFilter(state, user.id));
  const choices = useLeadChoices();
  const columns = useHiddenColumns(user.id);
  const [creating, setCreating] = useState(false);
  const [claimError, setClaimError] = useState<{ company: string; message: string } | null>(null);
  const rows = leads.data?.pages.flatMap((page) => page.items) ?? [];
  const total = leads.data?.pages[0]?.total;
  const pool = state.scope === 'pool';
  // A phone (below 768px): cards instead of the table, the filters in a drawer.
  const phone = Grid.useBreakpoint().md === false;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = Object.keys(filters).filter((key) => key !== 'scope' && key !== 'sort').length;

  /** Any change of filters leaves the saved view the list was showing (its name would no longer be true). */
  const go = (next: ListState) => setParams(paramsOf(filtersOf(next, defaultScope)), { replace: true });
  const create = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('leads.new')}
    </Button>
  );

  const savedViews = (
    <SavedViews
      currentId={state.view}
      filters={filters}
      canShare={hasRole(user, 'manager', 'admin')}
      onApply={(view) => setParams(view ? paramsOf(view.filters, view.id) : new URLSearchParams(), { replace: true })}
    />
  );
  const filterBar = (
    <LeadsFilters
      value={state}
      onChange={(next) => go({ ...state, ...next, view: undefined, createdFrom: state.createdFrom, createdTo: state.createdTo })}
      onReset={() => go({ scope: state.scope })}
      choices={choices}
      compact={pool}
      hideOwner={state.scope === 'mine'}
    />
  );
  const claim = {
    onClaimed: () => setClaimError(null),
    onFailed: (error: unknown, lead: { companyName: string }) => setClaimError({ company: lead.companyName, message: errorText(error, t) }),
  };

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        subtitle={phone ? undefined : t('leads.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="lead-new">
            {t('leads.new')}
          </Button>
        }
      />
      {claimError ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setClaimError(null) }}
          style={{ marginBottom: 16 }}
          title={`${t('pool.claimFailed')}${t('app.colon')}${claimError.company}`}
          description={claimError.message}
          data-testid="claim-error"
        />
      ) : null}
      <Card>
        <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 12 }} data-testid="leads-toolbar">
          <Flex gap={12} align="center" wrap>
            {scopes.length > 1 ? (
              <Segmented<Scope>
                value={state.scope}
                options={scopes.map((s) => ({ value: s, label: <span data-testid={`scope-${s}`}>{t(`ux.scope.${s}`)}</span> }))}
                onChange={(scope) => go({ scope, q: state.q, zoneId: state.zoneId, industryId: state.industryId, channel: state.channel })}
                data-testid="leads-scope"
              />
            ) : null}
            <TotalLabel total={total} />
          </Flex>
          {phone ? (
            <Badge count={activeFilters} size="small">
              <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} data-testid="leads-filters-open">
                {t('ux.mobile.filters')}
              </Button>
            </Badge>
          ) : (
            <Flex gap={8} align="center" wrap>
              {savedViews}
              {pool ? null : <ColumnSettings hidden={columns.hidden} onChange={columns.save} onReset={columns.reset} />}
              <ExportButton path="/leads/export" params={apiFilter(state, user.id)} fallbackName={pool ? '公海' : '线索'} />
            </Flex>
          )}
        </Flex>
        {phone ? (
          <Drawer
            open={filtersOpen}
            onClose={() => setFiltersOpen(false)}
            placement="right"
            title={t('ux.mobile.filters')}
            extra={
              <Button type="primary" onClick={() => setFiltersOpen(false)} data-testid="leads-filters-done">
                {t('ux.mobile.done')}
              </Button>
            }
            data-testid="leads-filters-drawer"
          >
            <Flex vertical gap={12}>
              {savedViews}
              {filterBar}
            </Flex>
          </Drawer>
        ) : (
          filterBar
        )}
        {state.createdFrom || state.createdTo ? (
          <Tag
            closable
            style={{ marginBottom: 12 }}
            onClose={() => go({ ...state, createdFrom: undefined, createdTo: undefined })}
            data-testid="leads-created-range"
          >
            {t('leads.createdRange', { from: state.createdFrom ?? '…', to: state.createdTo ?? '…' })}
          </Tag>
        ) : null}
        {leads.isError ? (
          <ErrorAlert error={leads.error} onRetry={() => void leads.refetch()} />
        ) : leads.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            {phone ? (
              <LeadCards
                leads={rows}
                claim={pool && hasRole(user, 'staff') ? claim : undefined}
                emptyText={
                  <EmptyState
                    testId={pool ? 'pool-empty' : 'leads-empty'}
                    description={pool ? t('pool.empty') : filtered ? t('leads.emptyFiltered') : t('leads.empty')}
                  />
                }
              />
            ) : pool ? (
              <PoolTable
                leads={rows}
                loading={leads.isFetching && !leads.isFetchingNextPage}
                emptyText={<EmptyState testId="pool-empty" description={t('pool.empty')} />}
                canClaim={hasRole(user, 'staff')}
                onClaimed={claim.onClaimed}
                onClaimFailed={claim.onFailed}
              />
            ) : (
              <LeadsTable
                leads={rows}
                loading={leads.isFetching && !leads.isFetchingNextPage}
                sort={state.sort}
                onSort={(sort) => go({ ...state, sort })}
                hidden={columns.hidden}
                emptyText={
                  <EmptyState
                    testId="leads-empty"
                    description={filtered ? t('leads.emptyFiltered') : t('leads.empty')}
                    action={filtered ? <Button onClick={() => go({ scope: state.scope })}>{t('common.reset')}</Button> : create}
                  />
                }
              />
            )}
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
