import { DownloadOutlined, FileProtectOutlined, UploadOutlined } from '@ant-design/icons';
import { MAX_ATTACHMENT_BYTES } from '@crm/shared';
import { App, Button, Card, Flex, List, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Lead } from '../../../lib/types.ts';
import { downloadAttachment, useAttachments, useLeadReports, useUploadAttachment } from '../api/filings.ts';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** 首报与备案: who reported the company first, later reports, disputes, and the investor's confirmation. */
export function FilingCard({ lead, canWrite }: { lead: Lead; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reports = useLeadReports(lead.id);
  const files = useAttachments(lead.id);
  const upload = useUploadAttachment(lead.id);
  const tr = t as unknown as (key: string) => string;
  const zoneSuffix = (zoneName: string | null) => (zoneName ? `（${zoneName}）` : '');

  const beforeUpload = (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      void message.error(t('filing.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    if (!/\.(pdf|png|jpe?g)$/i.test(file.name)) {
      void message.error(t('filing.wrongType'));
      return Upload.LIST_IGNORE;
    }
    upload.mutate(file, {
      onSuccess: (saved) => void message.success(t('filing.uploaded', { name: saved.originalName })),
      onError: (error) => void message.error(errorText(error, t)),
    });
    return false;
  };

  return (
    <Card
      title={t('filing.title')}
      data-testid="lead-filing"
      extra={
        lead.filedAt ? (
          <Tag icon={<FileProtectOutlined />} color="green" data-testid="lead-filed">
            {t('filing.filed')}
          </Tag>
        ) : (
          <Tag>{t('filing.notFiled')}</Tag>
        )
      }
    >
      <Typography.Title level={5}>{t('filing.first')}</Typography.Title>
      {reports.data?.first ? (
        <Typography.Paragraph data-testid="lead-first-report">
          {t('filing.firstLine', {
            name: reports.data.first.reportedByName,
            at: formatDateTime(reports.data.first.reportedAt),
            zone: zoneSuffix(reports.data.first.zoneName),
          })}
        </Typography.Paragraph>
      ) : (
        <Typography.Paragraph type="secondary">—</Typography.Paragraph>
      )}
      <Typography.Title level={5}>{t('filing.later')}</Typography.Title>
      {reports.data?.later.length ? (
        reports.data.later.map((r) => (
          <Typography.Paragraph key={r.id}>
            {t('filing.laterLine', { name: r.reportedByName, at: formatDateTime(r.reportedAt), zone: zoneSuffix(r.zoneName) })}
          </Typography.Paragraph>
        ))
      ) : (
        <Typography.Paragraph type="secondary">{t('filing.noLater')}</Typography.Paragraph>
      )}
      {reports.data?.disputes.length ? (
        <>
          <Typography.Title level={5}>{t('filing.disputes')}</Typography.Title>
          {reports.data.disputes.map((d) => (
            <Typography.Paragraph key={d.id}>
              <Tag color={d.status === 'open' ? 'orange' : 'default'}>{tr(`filing.disputeStatus.${d.status}`)}</Tag>
              {d.raisedByName}：{d.reason}
              {d.settlementNote ? (
                <Typography.Text type="secondary">
                  {' '}
                  · {d.settledByName}：{d.settlementNote}
                </Typography.Text>
              ) : null}
            </Typography.Paragraph>
          ))}
        </>
      ) : null}

      <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('filing.attachments')}
        </Typography.Title>
        {canWrite ? (
          <Upload accept={ACCEPT} showUploadList={false} beforeUpload={beforeUpload} data-testid="attachment-upload">
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="attachment-upload-button">
              {t('filing.upload')}
            </Button>
          </Upload>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('filing.uploadHint')} {t('filing.filedHelp')}
      </Typography.Paragraph>
      <List
        size="small"
        loading={files.isPending}
        dataSource={files.data?.items ?? []}
        locale={{ emptyText: t('filing.noAttachments') }}
        data-testid="attachment-list"
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="dl"
                size="small"
                icon={<DownloadOutlined />}
                onClick={() => void downloadAttachment(lead.id, a).catch((e: unknown) => void message.error(errorText(e, t)))}
              >
                {t('filing.download')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={a.originalName}
              description={`${sizeText(a.sizeBytes)} · ${t('filing.by', { name: a.uploadedByName, at: formatDateTime(a.createdAt) })} · SHA-256 ${a.sha256.slice(0, 12)}…`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
