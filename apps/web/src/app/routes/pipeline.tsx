import { FunnelPlotOutlined } from '@ant-design/icons';
import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useBoard } from '../../features/pipeline/api/get-board.ts';
import { PipelineFiltersBar } from '../../features/pipeline/components/pipeline-filters.tsx';
import { StageBoard } from '../../features/pipeline/components/stage-board.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import { pipelineFilterFromParams, paramsFromPipelineFilter } from './pipeline-params.ts';
import { useLeadChoices } from './use-lead-choices.ts';

export default function PipelineRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filter = pipelineFilterFromParams(params);
  const board = useBoard(filter);
  const choices = useLeadChoices();
  // The server scopes staff to their own leads; managers (and admins, finance) see everyone's.
  const seesAll = hasRole(user, 'manager', 'admin', 'finance');

  return (
    <>
      <PageHeader
        title={t('pipeline.title')}
        subtitle={t('pipeline.subtitle')}
        extra={
          <Link to={`/funnel?${params.toString()}`}>
            <Button icon={<FunnelPlotOutlined />} data-testid="pipeline-to-funnel">
              {t('pipeline.funnel')}
            </Button>
          </Link>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <PipelineFiltersBar
          value={filter}
          onChange={(next) => setParams(paramsFromPipelineFilter(next), { replace: true })}
          choices={choices}
          showOwner={seesAll}
        />
      </Card>
      {seesAll ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('pipeline.staffScope')} />}
      {board.isError ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : (
        <StageBoard columns={board.data} />
      )}
    </>
  );
}
