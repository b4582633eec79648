import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  importFieldLabelsOf,
  importFieldsOf,
  type DataImport,
  type DataImportSummary,
  type ImportIssue,
  type ImportKind,
  type ProblemParams,
} from '@crm/shared';
import { Alert, App, Button, Card, Flex, Progress, Result, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { isApiError } from '../../../lib/api.ts';
import { problemText } from '../../../lib/problems.ts';
import { formatDateTime } from '../../../lib/format.ts';
import type { UserSummary } from '../../../lib/types.ts';
import { downloadReport, useCheckImport, useRunImport, useUploadImport } from '../api/imports.ts';

export function UploadStep({ kind, onUploaded }: { kind: ImportKind; onUploaded: (imp: DataImport) => void }) {
  const { t } = useTranslation();
  const upload = useUploadImport(kind);
  return (
    <Card data-testid="import-upload">
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          upload.mutate(file, { onSuccess: onUploaded });
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? t('imports.uploading') : t('imports.uploadHint')}</p>
        <p className="ant-upload-hint">{t(`imports.uploadNoteOf.${kind}`)}</p>
      </Upload.Dragger>
      {upload.isError ? (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={upload.error} testId="import-upload-error" />
        </div>
      ) : null}
    </Card>
  );
}

const fieldOptions = (kind: ImportKind, t: (k: 'imports.skip') => string) => [
  { value: '', label: t('imports.skip') },
  ...importFieldsOf[kind].map((f) => ({ value: f, label: importFieldLabelsOf[kind][f] ?? f })),
];

export function MappingStep({
  imp,
  canChooseOwner,
  owners,
  onStartOver,
}: {
  imp: DataImport;
  canChooseOwner: boolean;
  owners: UserSummary[];
  onStartOver: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mapping, setMapping] = useState<(string | null)[]>(imp.mapping);
  // Only lead imports have owners (agents have none; a project's owner is its lead's).
  const ownerStep = canChooseOwner && imp.kind === 'leads';
  const [owner, setOwner] = useState<string | null>(imp.defaultOwnerId);
  const check = useCheckImport(imp.id);
  const sample = (i: number) => imp.preview[0]?.values[imp.mapping[i] ?? ''] ?? null;
  return (
    <Card
      title={
        <Space>
          <span>{imp.fileName}</span>
          <Tag color={imp.mappingSource === 'remembered' ? 'green' : 'blue'}>
            {imp.mappingSource === 'remembered' ? t('imports.mappingRemembered') : t('imports.mappingSuggested')}
          </Tag>
        </Space>
      }
      extra={
        <Button icon={<ReloadOutlined />} onClick={onStartOver}>
          {t('imports.startOver')}
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        data-testid="import-mapping"
        dataSource={imp.headers.map((header, index) => ({ header, index }))}
        columns={[
          { title: '#', dataIndex: 'index', width: 56, render: (i: number) => i + 1 },
          { title: t('imports.header'), dataIndex: 'header', render: (h: string, r) => <Typography.Text strong>{h || `#${r.index + 1}`}</Typography.Text> },
          {
            title: t('imports.field'),
            key: 'field',
            width: 260,
            render: (_, r) => (
              <Select
                style={{ width: 240 }}
                showSearch
                optionFilterProp="label"
                value={mapping[r.index] ?? ''}
                options={fieldOptions(imp.kind, t)}
                onChange={(v: string) => setMapping((m) => m.map((x, i) => (i === r.index ? v || null : x)))}
                data-testid={`import-map-${r.index}`}
              />
            ),
          },
          { title: '', key: 'sample', render: (_, r) => <Typography.Text type="secondary">{sample(r.index) ?? ''}</Typography.Text> },
        ]}
      />
      <Flex gap={16} align="center" wrap style={{ marginTop: 16 }}>
        {imp.kind !== 'leads' ? null : ownerStep ? (
          <Space>
            <span>{t('imports.defaultOwner')}</span>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              value={owner ?? undefined}
              onChange={(v: string | undefined) => setOwner(v ?? null)}
              options={owners
                .filter((u) => u.active && (u.roles.includes('staff') || u.roles.includes('manager')))
                .map((u) => ({ value: u.id, label: u.displayName }))}
              data-testid="import-default-owner"
            />
            <Typography.Text type="secondary">{t('imports.defaultOwnerHelp')}</Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('imports.ownSelf')}</Typography.Text>
        )}
        <Button
          type="primary"
          loading={check.isPending}
          onClick={() =>
            check.mutate(
              { mapping, ...(ownerStep ? { defaultOwnerId: owner } : {}) },
              { onError: (e) => void message.error(isApiError(e) ? (e.fields[0]?.message ?? e.message) : String(e)) },
            )
          }
          data-testid="import-check"
        >
          {check.isPending ? t('imports.checking') : t('imports.check')}
        </Button>
      </Flex>
      {check.isError ? (
        <div style={{ marginTop: 16 }}>
          <ErrorAlert error={check.error} />
        </div>
      ) : null}
    </Card>
  );
}

export function IssuesTable({ issues }: { issues: ImportIssue[] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.row}-${r.column}-${r.code}`}
      dataSource={issues}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      data-testid="import-issues"
      columns={[
        { title: t('imports.row'), dataIndex: 'row', width: 72 },
        { title: t('imports.column'), dataIndex: 'column', width: 160 },
        {
          title: t('imports.problem'),
          dataIndex: 'problem',
          render: (p: string, r) => (
            <Typography.Text type="danger">
              {p}
              {r.value && r.code !== 'required' ? <Typography.Text type="secondary">（{r.value}）</Typography.Text> : null}
            </Typography.Text>
          ),
        },
        { title: t('imports.fix'), dataIndex: 'fix' },
        { title: t('imports.existingOwner'), dataIndex: 'existingOwner', width: 110, render: (o: string | null) => o ?? '' },
      ]}
    />
  );
}

export function CheckResult({ imp, onStartOver, onRemap }: { imp: DataImport; onStartOver: () => void; onRemap: () => void }) {
  const { t } = useTranslation();
  const run = useRunImport(imp.id);
  const shownFields = importFieldsOf[imp.kind].filter((f) => imp.mapping.includes(f));
  return (
    <Card
      title={imp.fileName}
      extra={
        <Space>
          <Button onClick={onRemap}>{t('imports.steps.map')}</Button>
          <Button icon={<DownloadOutlined />} onClick={() => void downloadReport(imp)} disabled={imp.issueCount === 0} data-testid="import-report">
            {t('imports.report')}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={onStartOver} data-testid="import-start-over">
            {t('imports.startOver')}
          </Button>
        </Space>
      }
    >
      <Flex gap={48} style={{ marginBottom: 16 }}>
        <Statistic title={t('imports.total')} value={imp.totalRows} />
        <Statistic title={t('imports.valid')} value={imp.validRows} valueStyle={{ color: '#389e0d' }} />
        <Statistic
          title={t('imports.refused')}
          value={imp.refusedRows}
          valueStyle={{ color: imp.refusedRows ? '#cf1322' : undefined }}
          data-testid="import-refused"
        />
      </Flex>
      {imp.refusedRows > 0 ? (
        <Alert
          type="error"
          showIcon
          message={t('imports.refusedAlert', { count: imp.refusedRows })}
          style={{ marginBottom: 16 }}
          data-testid="import-refused-alert"
        />
      ) : (
        <Alert
          type="success"
          showIcon
          message={t('imports.noIssues')}
          style={{ marginBottom: 16 }}
          action={
            <Button type="primary" loading={run.isPending} onClick={() => run.mutate()} data-testid="import-run">
              {t('imports.run', { count: imp.validRows })}
            </Button>
          }
        />
      )}
      {run.isError ? <ErrorAlert error={run.error} /> : null}
      {imp.issues.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('imports.issues')}</Typography.Title>
          {imp.issueCount > imp.issues.length ? (
            <Typography.Paragraph type="secondary">{t('imports.moreIssues', { count: imp.issueCount, shown: imp.issues.length })}</Typography.Paragraph>
          ) : null}
          <IssuesTable issues={imp.issues} />
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('imports.preview')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="row"
        pagination={false}
        scroll={{ x: true }}
        data-testid="import-preview"
        dataSource={imp.preview}
        rowClassName={(r) => (r.refused ? 'import-row-refused' : '')}
        columns={[
          {
            title: t('imports.row'),
            dataIndex: 'row',
            width: 64,
            render: (n: number, r) => (r.refused ? <Typography.Text type="danger">{n}</Typography.Text> : n),
          },
          ...shownFields.map((f) => ({
            title: importFieldLabelsOf[imp.kind][f] ?? f,
            key: f,
            render: (_: unknown, r: DataImport['preview'][number]) => r.values[f] ?? '',
          })),
        ]}
      />
    </Card>
  );
}

export function RunStep({ imp, onStartOver, onView }: { imp: DataImport; onStartOver: () => void; onView: () => void }) {
  const { t } = useTranslation();
  // A failed import keeps its reason and parameters: shown in the reader's language from the problems catalogues.
  const reason = (imp.errorReason ? problemText(imp.errorReason, (imp.errorParams ?? undefined) as ProblemParams | undefined) : null) ?? imp.error;
  const percent = imp.status === 'done' ? 100 : imp.validRows ? Math.floor((imp.processedRows / imp.validRows) * 100) : 0;
  return (
    <Card title={imp.fileName}>
      <Progress percent={percent} status={imp.status === 'failed' ? 'exception' : imp.status === 'done' ? 'success' : 'active'} data-testid="import-progress" />
      {imp.status === 'importing' ? (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('imports.importing')} {imp.processedRows.toLocaleString()} / {imp.validRows.toLocaleString()}
        </Typography.Paragraph>
      ) : imp.status === 'done' ? (
        <Result
          status="success"
          title={t(`imports.doneOf.${imp.kind}`, { count: imp.importedRows })}
          extra={[
            <Button type="primary" key="view" onClick={onView}>
              {t(`imports.viewOf.${imp.kind}`)}
            </Button>,
            <Button key="again" onClick={onStartOver}>
              {t('imports.startOver')}
            </Button>,
          ]}
          data-testid="import-done"
        />
      ) : (
        <Result
          status="error"
          title={t('imports.failed')}
          subTitle={reason}
          extra={<Button onClick={onStartOver}>{t('imports.startOver')}</Button>}
          data-testid="import-failed"
        />
      )}
    </Card>
  );
}

const statusColor: Record<DataImportSummary['status'], string> = {
  uploaded: 'default',
  checked: 'blue',
  importing: 'processing',
  done: 'green',
  failed: 'red',
};

export function ImportHistory({ items, loading, onOpen }: { items: DataImportSummary[]; loading: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      locale={{ emptyText: t('imports.historyEmpty') }}
      data-testid="import-history"
      columns={[
        { title: t('imports.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
        { title: t('imports.kind'), dataIndex: 'kind', width: 80, render: (k: ImportKind) => t(`imports.kindName.${k}`) },
        { title: t('imports.file'), dataIndex: 'fileName' },
        { title: t('imports.by'), dataIndex: 'createdByName', width: 120 },
        {
          title: t('imports.status'),
          dataIndex: 'status',
          width: 90,
          render: (s: DataImportSummary['status']) => <Tag color={statusColor[s]}>{t(`imports.statusName.${s}`)}</Tag>,
        },
        { title: t('imports.total'), dataIndex: 'totalRows', width: 80, align: 'right' },
        { title: t('imports.imported'), dataIndex: 'importedRows', width: 80, align: 'right' },
        {
          title: t('imports.refused'),
          dataIndex: 'refusedRows',
          width: 80,
          align: 'right',
          render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n),
        },
        {
          title: '',
          key: 'open',
          width: 70,
          render: (_, r) => (
            <Button size="small" type="link" onClick={() => onOpen(r.id)}>
              {t('imports.open')}
            </Button>
          ),
        },
      ]}
    />
  );
}
