import { DownloadOutlined } from '@ant-design/icons';
import { importKinds, type ImportKind } from '@crm/shared';
import { Button, Card, Segmented, Space, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { downloadTemplate, useImport, useImports } from '../../features/imports/api/imports.ts';
import { CheckResult, ImportHistory, MappingStep, RunStep, UploadStep } from '../../features/imports/components/import-steps.tsx';
import { useUserDirectory } from '../../features/users/api/get-user-directory.ts';
import { hasRole, useUser } from '../../lib/auth.ts';

/** 数据导入: choose what (线索 / 中介 / 项目), upload a sheet, map its columns, read the check's report, import when no row is refused. */
export default function ImportsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  const [remap, setRemap] = useState(false);
  const current = useImport(id);
  const canChooseOwner = hasRole(user, 'manager', 'admin');
  // Staff import leads; managers and admins also agents and projects (docs/decisions.md).
  const kinds: readonly ImportKind[] = canChooseOwner ? importKinds : ['leads'];
  const asked = params.get('kind') as ImportKind | null;
  const imp = id ? current.data : undefined;
  const kind: ImportKind = imp?.kind ?? (asked && kinds.includes(asked) ? asked : 'leads');
  const history = useImports(kind);
  const owners = useUserDirectory({ enabled: canChooseOwner });
  const open = (next: string | null, nextKind: ImportKind = kind) => {
    setRemap(false);
    setParams(next ? { kind: nextKind, id: next } : { kind: nextKind }, { replace: false });
  };
  const step = !imp ? 0 : imp.status === 'uploaded' || remap ? 1 : imp.status === 'checked' ? 2 : 3;

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        extra={
          <Space wrap>
            {kinds.length > 1 ? (
              <Segmented
                value={kind}
                disabled={!!id}
                options={kinds.map((k) => ({ value: k, label: t(`imports.kindName.${k}`) }))}
                onChange={(k) => open(null, k as ImportKind)}
                data-testid="import-kind"
              />
            ) : null}
            <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate(kind)} data-testid="import-template">
              {t(`imports.templateOf.${kind}`)}
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          items={[
            { title: t('imports.steps.upload') },
            { title: t('imports.steps.map') },
            { title: t('imports.steps.check') },
            { title: t('imports.steps.run') },
          ]}
        />
      </Card>
      <div style={{ marginBottom: 16 }}>
        {id && current.isError ? (
          <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
        ) : id && current.isPending ? (
          <Card>
            <LoadingBlock rows={4} />
          </Card>
        ) : !imp ? (
          <UploadStep key={kind} kind={kind} onUploaded={(u) => open(u.id, u.kind)} />
        ) : step === 1 ? (
          <MappingStep key={`${imp.id}-${imp.checkedAt}`} imp={imp} canChooseOwner={canChooseOwner} owners={owners.data ?? []} onStartOver={() => open(null)} />
        ) : step === 2 ? (
          <CheckResult imp={imp} onStartOver={() => open(null)} onRemap={() => setRemap(true)} />
        ) : (
          <RunStep imp={imp} onStartOver={() => open(null)} onView={() => void navigate(`/${imp.kind}`)} />
        )}
      </div>
      <Card title={t('imports.history')}>
        {history.isError ? (
          <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <ImportHistory items={history.data?.items ?? []} loading={history.isPending} onOpen={open} />
        )}
      </Card>
    </>
  );
}
