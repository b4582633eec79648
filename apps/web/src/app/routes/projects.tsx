import { projectMilestones } from '@crm/shared';
import { Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useProjects, type ProjectsFilter } from '../../features/projects/api/get-projects.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { ProjectsFilters } from '../../features/projects/components/projects-filters.tsx';
import { ProjectsTable } from '../../features/projects/components/projects-table.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { ProjectMilestone } from '../../lib/types.ts';
import { ProjectsSwitch } from './projects-switch.tsx';
import { useLeadChoices } from './use-lead-choices.ts';

/** Filters live in the address, so a filtered list can be bookmarked, shared and survives a reload. */
function filterFromParams(params: URLSearchParams): ProjectsFilter {
  const milestone = params.get('milestone');
  return {
    q: params.get('q') ?? undefined,
    milestone: milestone && (projectMilestones as readonly string[]).includes(milestone) ? (milestone as ProjectMilestone) : undefined,
    zoneId: params.get('zoneId') ?? undefined,
    industryId: params.get('industryId') ?? undefined,
    ownerId: params.get('ownerId') ?? undefined,
  };
}

function paramsFromFilter(filter: ProjectsFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  return params;
}

export default function ProjectsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const projects = useProjects(filter);
  const choices = useLeadChoices();
  const rows = projects.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('projects.title')}
        subtitle={t('projects.subtitle')}
        extra={
          <Space>
            <ProjectsSwitch value="list" />
            <ExportButton path="/projects/export" params={filter} fallbackName="项目" />
          </Space>
        }
      />
      <Card>
        <ProjectsFilters
          value={filter}
          onChange={(next) => setParams(paramsFromFilter(next), { replace: true })}
          choices={choices}
          showOwner={hasRole(user, 'manager', 'admin', 'finance')}
        />
        {projects.isError ? (
          <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
        ) : projects.isPending ? (
          <LoadingBlock rows={8} />
        ) : (
          <>
            <ProjectsTable
              projects={rows}
              loading={projects.isFetching && !projects.isFetchingNextPage}
              emptyText={
                <EmptyState
                  testId="projects-empty"
                  description={filtered ? t('projects.emptyFiltered') : t('projects.empty')}
                  action={
                    filtered ? (
                      <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('common.reset')}</Button>
                    ) : (
                      <Link to="/leads">
                        <Button type="primary">{t('nav.leads')}</Button>
                      </Link>
                    )
                  }
                />
              }
            />
            <LoadMore
              count={rows.length}
              hasMore={projects.hasNextPage}
              loading={projects.isFetchingNextPage}
              onLoadMore={() => void projects.fetchNextPage()}
              testId="projects-load-more"
            />
          </>
        )}
      </Card>
    </>
  );
}
