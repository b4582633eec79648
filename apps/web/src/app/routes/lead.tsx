import { ArrowLeftOutlined, EditOutlined, FileDoneOutlined, PlusOutlined, ProjectOutlined } from '@ant-design/icons';
import { openStages } from '@crm/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Result, Row, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { WarningTag } from '../../components/warning.tsx';
import { ActivityFormDrawer } from '../../features/activities/components/activity-form-drawer.tsx';
import { ActivityTimeline } from '../../features/activities/components/activity-timeline.tsx';
import { getLeadQueryOptions, useLead } from '../../features/leads/api/get-lead.ts';
import { ClaimButton } from '../../features/leads/components/claim-button.tsx';
import { LeadFormDrawer } from '../../features/leads/components/lead-form-drawer.tsx';
import { LeadContacts, LeadOverview } from '../../features/leads/components/lead-overview.tsx';
import { ReassignButton } from '../../features/leads/components/reassign-button.tsx';
import { ChangeStageButton, StageSteps } from '../../features/leads/components/stage-control.tsx';
import { StageHistory } from '../../features/leads/components/stage-history.tsx';
import { StageTag } from '../../features/leads/components/stage-tag.tsx';
import { useProjectOfLead } from '../../features/projects/api/get-projects.ts';
import { SignLeadDrawer } from '../../features/projects/components/sign-lead-drawer.tsx';
import { ApiError } from '../../lib/api.ts';
import { hasRole, useUser } from '../../lib/auth.ts';
import { useLeadChoices } from './use-lead-choices.ts';
import { LeadClockCard } from '../../features/clocks/components/lead-clock-card.tsx';
import { FilingCard } from '../../features/filings/components/filing-card.tsx';

export default function LeadRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const queryClient = useQueryClient();
  const lead = useLead(id);
  const choices = useLeadChoices();
  const [editing, setEditing] = useState(false);
  const [logging, setLogging] = useState(false);
  const [signing, setSigning] = useState(false);
  const navigate = useNavigate();
  const signed = lead.data?.stage === 'signed';
  const project = useProjectOfLead({ id, companyName: lead.data?.companyName ?? '' }, signed);

  if (lead.isPending) {
    return (
      <Card>
        <LoadingBlock rows={12} />
      </Card>
    );
  }
  if (lead.isError) {
    if (lead.error instanceof ApiError && lead.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('lead.notFound')}
          extra={
            <Link to="/leads">
              <Button type="primary">{t('lead.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={lead.error} onRetry={() => void lead.refetch()} />;
  }

  const data = lead.data;
  const isManager = hasRole(user, 'manager');
  // Only the owner logs follow-ups, and a pooled lead is claimed first (the server checks the same).
  const canLog = !data.inPool && data.ownerId === user.id && hasRole(user, 'staff');
  const logHint = canLog ? null : data.inPool ? t('activity.claimFirst') : t('activity.ownerOnly');
  const isOpen = (openStages as readonly string[]).includes(data.stage);
  // Signing is for the lead's owner (while it is theirs) or a manager; the server checks the same.
  const canSign = isOpen && (isManager || (data.ownerId === user.id && hasRole(user, 'staff') && !data.inPool));
  // Who may judge, feed back and attach: the owner (while it is theirs) or a manager — the server checks the same.
  const canWork = isManager || (data.ownerId === user.id && hasRole(user, 'staff') && !data.inPool);

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('nav.leads'), to: '/leads' }, { title: data.companyName }]}
        title={
          <>
            <Link to="/leads" aria-label={t('lead.backToList')} style={{ marginInlineEnd: 12, fontSize: 18 }}>
              <ArrowLeftOutlined />
            </Link>
            {data.companyName}
          </>
        }
        tags={
          <>
            <StageTag stage={data.stage} />
            {data.inPool ? <Tag color="volcano">{t('lead.inPool')}</Tag> : null}
            {isOpen ? <WarningTag warning={data.warning} /> : null}
          </>
        }
        subtitle={t('lead.ownerLine', { name: data.ownerName })}
        extra={
          <>
            {data.inPool && hasRole(user, 'staff') ? <ClaimButton lead={data} /> : null}
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="lead-edit">
              {t('common.edit')}
            </Button>
            <ChangeStageButton lead={data} />
            {isManager ? <ReassignButton lead={data} users={choices.users} /> : null}
            {canSign ? (
              <Button type="primary" icon={<FileDoneOutlined />} onClick={() => setSigning(true)} data-testid="lead-sign">
                {t('sign.button')}
              </Button>
            ) : null}
            {signed && project.data ? (
              <Link to={`/projects/${project.data.id}`}>
                <Button type="primary" icon={<ProjectOutlined />} data-testid="lead-project">
                  {t('sign.viewProject')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />

      {data.inPool ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('lead.inPoolBanner')} data-testid="lead-in-pool" /> : null}

      <Card style={{ marginBottom: 16 }}>
        <StageSteps lead={data} />
      </Card>

      {/* The daily rhythm (issue 13): the stage clock with 研判 and 反馈, and 首报 / 备案. */}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={14}>
          <LeadClockCard leadId={data.id} canWrite={canWork} open={isOpen} />
        </Col>
        <Col xs={24} xl={10}>
          <FilingCard lead={data} canWrite={canWork} />
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('lead.overview')} style={{ marginBottom: 16 }}>
            <LeadOverview lead={data} />
          </Card>
          <Card title={t('lead.contacts')} style={{ marginBottom: 16 }}>
            <LeadContacts lead={data} />
          </Card>
          <Card title={t('lead.history')}>
            <StageHistory leadId={data.id} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={t('activity.title')}
            extra={
              <Tooltip title={logHint}>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogging(true)} disabled={!canLog} data-testid="activity-new">
                  {t('activity.new')}
                </Button>
              </Tooltip>
            }
          >
            <ActivityTimeline leadId={data.id} />
          </Card>
        </Col>
      </Row>

      <LeadFormDrawer
        open={editing}
        lead={data}
        choices={choices}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
        onReload={async () => {
          const result = await lead.refetch();
          return result.data;
        }}
      />
      <SignLeadDrawer
        open={signing}
        lead={data}
        choices={choices}
        onClose={() => setSigning(false)}
        onSigned={(signedProject) => {
          setSigning(false);
          // The lead is now signed: its page, the lists and the stage history all changed.
          void queryClient.invalidateQueries({ queryKey: ['leads'] });
          void navigate(`/projects/${signedProject.id}`);
        }}
      />
      <ActivityFormDrawer
        open={logging}
        leadId={data.id}
        users={choices.users}
        currentUserId={user.id}
        onClose={() => setLogging(false)}
        onSaved={() => {
          setLogging(false);
          // A visit or inspection renews protection and may set the next follow-up: show the lead as it is now.
          void queryClient.invalidateQueries({ queryKey: getLeadQueryOptions(data.id).queryKey });
          void queryClient.invalidateQueries({ queryKey: ['leads', 'list'] });
        }}
      />
    </>
  );
}
