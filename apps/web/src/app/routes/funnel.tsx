import { AppstoreOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useFunnel } from '../../features/pipeline/api/get-funnel.ts';
import { FunnelChart, FunnelTable } from '../../features/pipeline/components/funnel.tsx';
import { PipelineFiltersBar } from '../../features/pipeline/components/pipeline-filters.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import { pipelineFilterFromParams, paramsFromPipelineFilter } from './pipeline-params.ts';
import { useLeadChoices } from './use-lead-choices.ts';

export default function FunnelRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const filter = pipelineFilterFromParams(params);
  const funnel = useFunnel(filter);
  const choices = useLeadChoices();
  // Managers see the whole zone's funnel and may pick one staff member; staff get their own from the server.
  const seesAll = hasRole(user, 'manager', 'admin', 'finance');

  let body;
  if (funnel.isError) body = <ErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} />;
  else if (funnel.isPending) {
    body = (
      <Card>
        <LoadingBlock rows={10} />
      </Card>
    );
  } else if (funnel.data.every((step) => step.count === 0)) {
    body = (
      <Card>
        <EmptyState
          testId="funnel-empty"
          description={t('funnel.empty')}
          action={<Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('common.reset')}</Button>}
        />
      </Card>
    );
  } else {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('funnel.chart')}>
            <FunnelChart steps={funnel.data} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('funnel.title')}>
            <FunnelTable steps={funnel.data} />
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
              {t('funnel.investmentHint')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    );
  }

  return (
    <>
      <PageHeader
        title={t('funnel.title')}
        subtitle={t('funnel.subtitle')}
        extra={
          <Link to={`/pipeline?${params.toString()}`}>
            <Button icon={<AppstoreOutlined />}>{t('funnel.board')}</Button>
          </Link>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <PipelineFiltersBar
          value={filter}
          onChange={(next) => setParams(paramsFromPipelineFilter(next), { replace: true })}
          choices={choices}
          showOwner={seesAll}
          ownerLabel={t('filters.staff')}
        />
      </Card>
      {seesAll ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('funnel.staffScope')} />}
      {body}
    </>
  );
}
