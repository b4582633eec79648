import { ArrowLeftOutlined, AimOutlined } from '@ant-design/icons';
import { Button, Card, Col, Result, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useProject } from '../../features/projects/api/get-project.ts';
import { CreditHistory, CreditSplit, EditCreditsButton } from '../../features/projects/components/credits.tsx';
import { FiguresTable, ReportFigureButton } from '../../features/projects/components/figures.tsx';
import { MilestoneSteps, RecordMilestoneForm } from '../../features/projects/components/milestones.tsx';
import { MilestoneTag } from '../../features/projects/components/milestone-tag.tsx';
import { ProjectFacts, ProjectStats } from '../../features/projects/components/project-facts.tsx';
import { ProjectLedgerCard } from '../../features/rewards/components/project-ledger.tsx';
import { ApiError } from '../../lib/api.ts';
import { hasRole, useUser } from '../../lib/auth.ts';
import { formatDate } from '../../lib/format.ts';
import { useLeadChoices } from './use-lead-choices.ts';
import { ExpansionButton, ProjectFamily, TransferButton } from '../../features/projects/components/expansion.tsx';
import { ApprovalItemsCard } from '../../features/approvals/approval-items.tsx';
import { Space } from 'antd';
import { useSearchParams } from 'react-router';

export default function ProjectRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const project = useProject(id);
  const choices = useLeadChoices();
  const [search] = useSearchParams();

  if (project.isPending) {
    return (
      <Card>
        <LoadingBlock rows={12} />
      </Card>
    );
  }
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('project.notFound')}
          extra={
            <Link to="/projects">
              <Button type="primary">{t('project.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />;
  }

  const data = project.data;
  const isManager = hasRole(user, 'manager');
  // The owner (a staff member) or a manager records milestones and figures; the server checks the same.
  const canWrite = isManager || hasRole(user, 'admin') || (data.ownerId === user.id && hasRole(user, 'staff'));
  // The reward ledger names what was paid to whom: finance, managers and admins only (the server checks the same).
  const seesLedger = hasRole(user, 'finance') || isManager || hasRole(user, 'admin');

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('nav.projects'), to: '/projects' }, { title: data.name }]}
        title={
          <>
            <Link to="/projects" aria-label={t('project.backToList')} style={{ marginInlineEnd: 12, fontSize: 18 }}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="project-name">{data.name}</span>
          </>
        }
        tags={<MilestoneTag milestone={data.currentMilestone} />}
        subtitle={t('project.ownerLine', { name: data.ownerName, date: formatDate(data.signedOn) })}
        extra={
          <Space wrap>
            {/* Whoever reads the project may register the company's new investment (the server checks the same). */}
            {hasRole(user, 'staff', 'manager', 'admin') ? <ExpansionButton project={data} openAtStart={search.get('expand') === '1'} /> : null}
            {isManager ? <TransferButton project={data} zones={choices.zones} /> : null}
            <Link to={`/leads/${data.leadId}`}>
              <Button icon={<AimOutlined />}>{t('project.fromLead')}</Button>
            </Link>
          </Space>
        }
      />

      <ProjectStats project={data} />

      <Card title={t('project.milestones')} style={{ marginBottom: 16 }}>
        <MilestoneSteps project={data} />
        {canWrite ? (
          <div style={{ marginTop: 24 }}>
            <RecordMilestoneForm project={data} />
          </div>
        ) : null}
      </Card>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <Card title={t('project.facts')} style={{ height: '100%' }}>
            <ProjectFacts project={data} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('project.credits')} extra={isManager ? <EditCreditsButton project={data} choices={choices} /> : null} style={{ marginBottom: 16 }}>
            <CreditSplit set={data.credits} />
          </Card>
          <Card title={t('project.history')} size="small" style={{ marginBottom: 16 }}>
            <CreditHistory projectId={data.id} />
          </Card>
          <Card title={t('expand.family')} size="small">
            <ProjectFamily project={data} canWrite={canWrite} />
          </Card>
        </Col>
      </Row>

      <Card title={t('project.figures')} extra={canWrite ? <ReportFigureButton project={data} /> : null}>
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          {t('project.figuresHint')}
        </Typography.Paragraph>
        <FiguresTable project={data} canVerify={isManager} currentUserId={user.id} />
      </Card>

      <Card title={t('approvals.title')} style={{ marginTop: 16 }} data-testid="approvals-card">
        <ApprovalItemsCard projectId={data.id} canWrite={canWrite} />
      </Card>

      {seesLedger ? (
        <Card title={t('finance.ledger.title')} style={{ marginTop: 16 }}>
          <ProjectLedgerCard projectId={data.id} />
        </Card>
      ) : null}
    </>
  );
}
