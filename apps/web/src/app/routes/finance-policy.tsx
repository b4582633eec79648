import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { usePolicy } from '../../features/policies/api/get-policy.ts';
import { PolicyKindTag } from '../../features/policies/components/policy-kind-tag.tsx';
import { VersionCard } from '../../features/policies/components/version-details.tsx';
import { VersionFormDrawer } from '../../features/policies/components/version-form-drawer.tsx';
import { today, versionOn } from '../../features/policies/components/version-values.ts';
import { ApiError } from '../../lib/api.ts';
import { hasRole, useUser } from '../../lib/auth.ts';

/** A policy and its versions, newest first; a change is a new version, never an edit. */
export default function FinancePolicyRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const user = useUser();
  const policy = usePolicy(id);
  const [adding, setAdding] = useState(false);

  if (policy.isPending) {
    return (
      <Card>
        <LoadingBlock rows={12} />
      </Card>
    );
  }
  if (policy.isError) {
    if (policy.error instanceof ApiError && policy.error.status === 404) {
      return (
        <Result
          status="404"
          title={t('policies.notFound')}
          extra={
            <Link to="/finance/policies">
              <Button type="primary">{t('policies.backToList')}</Button>
            </Link>
          }
        />
      );
    }
    return <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />;
  }

  const data = policy.data;
  const current = versionOn(data, today());
  const versions = [...data.versions].sort((a, b) => b.versionNo - a.versionNo);
  const canWrite = hasRole(user, 'admin', 'manager');

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: t('finance.nav.group') }, { title: t('finance.nav.policies'), to: '/finance/policies' }, { title: data.name }]}
        title={
          <>
            <Link to="/finance/policies" aria-label={t('policies.backToList')} style={{ marginInlineEnd: 12, fontSize: 18 }}>
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="policy-name">{data.name}</span>
          </>
        }
        tags={<PolicyKindTag kind={data.kind} />}
        subtitle={data.description ?? undefined}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="version-new">
              {t('policies.newVersion')}
            </Button>
          ) : null
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('policies.immutableHint')} />
      {versions.length === 0 ? (
        <Card>
          <EmptyState description={t('policies.noVersions')} />
        </Card>
      ) : (
        <div data-testid="policy-versions">
          {versions.map((version) => (
            <VersionCard key={version.id} version={version} current={version.id === current?.id} />
          ))}
        </div>
      )}
      <VersionFormDrawer open={adding} policy={data} onClose={() => setAdding(false)} />
    </>
  );
}
