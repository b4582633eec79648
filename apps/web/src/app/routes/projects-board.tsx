import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { PipelineFiltersBar } from '../../features/pipeline/components/pipeline-filters.tsx';
import { useLifecycle } from '../../features/projects/api/get-lifecycle.ts';
import { LifecycleBoard } from '../../features/projects/components/lifecycle-board.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import { pipelineFilterFromParams, paramsFromPipelineFilter } from './pipeline-params.ts';
import { ProjectsSwitch } from './projects-switch.tsx';
import { useLeadChoices } from './use-lead-choices.ts';

export default function ProjectsBoardRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  // The lifecycle has no channel: projects are filtered by zone, industry, owner and signing date.
  const filter = { ...pipelineFilterFromParams(params), channel: undefined };
  const lifecycle = useLifecycle(filter);
  const choices = useLeadChoices();
  const seesAll = hasRole(user, 'manager', 'admin', 'finance');

  return (
    <>
      <PageHeader title={t('lifecycle.title')} subtitle={t('lifecycle.subtitle')} extra={<ProjectsSwitch value="board" />} />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <PipelineFiltersBar
          value={filter}
          onChange={(next) => setParams(paramsFromPipelineFilter(next), { replace: true })}
          choices={choices}
          showChannel={false}
          showOwner={seesAll}
        />
      </Card>
      {seesAll ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('lifecycle.staffScope')} />}
      {lifecycle.isError ? (
        <ErrorAlert error={lifecycle.error} onRetry={() => void lifecycle.refetch()} />
      ) : lifecycle.isPending ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : (
        <LifecycleBoard columns={lifecycle.data} />
      )}
    </>
  );
}
