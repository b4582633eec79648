import { ArrowLeftOutlined, ProjectOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useCalculation } from '../../features/rewards/api/get-calculation.ts';
import { ActionErrorAlert, CalculationActions } from '../../features/rewards/components/calculation-actions.tsx';
import { CalculationAmounts } from '../../features/rewards/components/calculation-amounts.tsx';
import { CalculationInputs } from '../../features/rewards/components/calculation-inputs.tsx';
import { CalculationNotice } from '../../features/rewards/components/calculation-notice.tsx';
import { CalculationPeople } from '../../features/rewards/components/calculation-people.tsx';
import { CalculationSteps } from '../../features/rewards/components/calculation-steps.tsx';
import { CalculationKindTag, CalculationStatusTag, milestoneText, policyText, subjectOf } from '../../features/rewards/components/calculation-tags.tsx';
import { CalculationTrace } from '../../features/rewards/components/calculation-trace.tsx';
import { PayeeLines } from '../../features/rewards/components/payee-lines.tsx';
import { ApiError } from '../../lib/api.ts';
import { useUser } from '../../lib/auth.ts';

/** One calculation: where it stands, the amounts, the trace, the payees, the frozen inputs and who did what. */
export default function FinanceCalculationRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const calculation = useCalculation(id);
  const [actionError, setActionError] = useState<{ id: string; error: unknown } | null>(null);

  if (calculation.isPending) {
    return (
      <Card>
        <LoadingBlock rows={14} />
      </Card>
    );
  }
  if (calculation.isError) {
    if (calculation.error instanceof ApiError && calculation.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('finance.calc.notFound')}
          extra={
            <Link to="/finance/calculations">
              <Button type="primary">{t('finance.calc.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={calculation.error} onRetry={() => void calculation.refetch()} />;
  }

  const c = calculation.data;
  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('finance.nav.group') }, { title: t('finance.nav.calculations'), to: '/finance/calculations' }, { title: subjectOf(c) }]}
        title={
          <>
            <Link to="/finance/calculations" aria-label={t('finance.calc.backToList')} style={{ marginInlineEnd: 12, fontSize: 18 }}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="calc-subject">{subjectOf(c)}</span>
          </>
        }
        tags={
          <>
            <CalculationStatusTag status={c.status} />
            <CalculationKindTag kind={c.kind} />
          </>
        }
        subtitle={
          c.kind === 'service_fee'
            ? t('finance.calc.subtitleFee', { period: c.milestone })
            : t('finance.calc.subtitle', { policy: policyText(c), milestone: milestoneText(c, t) })
        }
        extra={
          <>
            {c.projectId ? (
              <Link to={`/projects/${c.projectId}`}>
                <Button icon={<ProjectOutlined />}>{t('finance.calc.openProject')}</Button>
              </Link>
            ) : null}
            <CalculationActions
              calculation={c}
              roles={user.roles}
              onError={(error) => setActionError({ id: c.id, error })}
              onDone={(next) => {
                setActionError(null);
                if (next.id !== c.id) void navigate(`/finance/calculations/${next.id}`);
              }}
            />
          </>
        }
      />

      <ActionErrorAlert
        error={actionError?.id === c.id ? actionError.error : null}
        onClose={() => setActionError(null)}
        onReload={() => {
          setActionError(null);
          void calculation.refetch();
        }}
      />
      {c.status === 'superseded' && c.supersededById ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('finance.calc.superseded')}
          action={
            <Link to={`/finance/calculations/${c.supersededById}`}>
              <Button size="small">{t('finance.calc.viewNew')}</Button>
            </Link>
          }
        />
      ) : null}
      {c.status === 'rejected' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('finance.calc.rejectedBy', { name: c.checkerName ?? '—' })}
          description={c.decisionNote}
          data-testid="calc-rejected"
        />
      ) : null}
      {c.supersedesId ? (
        <Typography.Paragraph type="secondary">
          {t('finance.calc.supersedes')} <Link to={`/finance/calculations/${c.supersedesId}`}>{t('finance.calc.viewOld')}</Link>
        </Typography.Paragraph>
      ) : null}

      <Card style={{ marginBottom: 16 }}>
        <CalculationSteps calculation={c} />
      </Card>

      <CalculationNotice calculation={c} />

      <CalculationAmounts calculation={c} />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={16}>
          <Card
            title={t('finance.calc.trace')}
            extra={<Typography.Text type="secondary">{t('finance.calc.traceHint')}</Typography.Text>}
            style={{ height: '100%' }}
          >
            <CalculationTrace steps={c.steps} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('finance.calc.people')} style={{ height: '100%' }}>
            <CalculationPeople calculation={c} />
          </Card>
        </Col>
      </Row>

      <Card title={t('finance.calc.lines')} style={{ marginBottom: 16 }}>
        <PayeeLines lines={c.lines} />
      </Card>

      <CalculationInputs calculation={c} />
    </>
  );
}
