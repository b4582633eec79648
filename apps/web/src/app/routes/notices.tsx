import type { NoticeItem, Objection, RewardMilestone } from '@crm/shared';
import { App, Button, Card, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useNotices, useRaiseObjection, useResolveObjection } from '../../features/rewards/api/notices.ts';
import { useUser } from '../../lib/auth.ts';
import { formatDate, formatFen } from '../../lib/format.ts';

/** 公示: approved rewards above their policy's notice amount, open to everyone signed in; objections and their resolution. */
export default function NoticesRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const isManager = user.roles.includes('manager');
  const notices = useNotices();
  // An inbox message about an objection opens the list on its reward (?calculation=…): that row stands out.
  const [params] = useSearchParams();
  const focus = params.get('calculation');
  const raise = useRaiseObjection();
  const resolve = useResolveObjection();
  const [objecting, setObjecting] = useState<NoticeItem | null>(null);
  const [resolving, setResolving] = useState<{ objection: Objection; outcome: 'upheld' | 'dismissed' } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const columns: ColumnsType<NoticeItem> = [
    {
      title: t('notice.project'),
      dataIndex: 'projectName',
      render: (name: string | null, item) => (
        <Typography.Text strong>
          {name ?? '—'}
          {item.status === 'rejected' ? t('notice.rejectedNote') : item.status === 'paid' ? t('notice.paidNote') : ''}
        </Typography.Text>
      ),
    },
    { title: t('notice.policy'), dataIndex: 'policyName' },
    { title: t('notice.milestone'), dataIndex: 'milestone', render: (m: string) => t(`milestone.${m as RewardMilestone}`, { defaultValue: m }) },
    { title: t('notice.payees'), key: 'payees', render: (_, item) => item.payees.map((p) => `${p.payeeName} ${formatFen(p.amountFen)}`).join('；') },
    {
      title: t('notice.amount'),
      dataIndex: 'dueFen',
      align: 'right',
      render: (fen: number) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(fen)}</span>,
    },
    { title: t('notice.period'), key: 'period', render: (_, item) => `${formatDate(item.noticeFrom)} – ${formatDate(item.noticeUntil)}` },
    {
      title: t('notice.state'),
      key: 'window',
      render: (_, item) => (item.window === 'open' ? <Tag color="blue">{t('notice.windowOpen')}</Tag> : <Tag>{t('notice.windowClosed')}</Tag>),
    },
    {
      title: t('notice.objections'),
      key: 'objections',
      render: (_, item) =>
        item.objections.length === 0 ? (
          <Typography.Text type="secondary">{t('notice.noObjections')}</Typography.Text>
        ) : (
          <Space direction="vertical" size={4}>
            {item.objections.map((o) => (
              <div key={o.id} data-testid={`objection-${o.id}`}>
                <Tag color={o.status === 'open' ? 'orange' : o.status === 'upheld' ? 'red' : 'default'}>{t(`notice.status.${o.status}`)}</Tag>
                <Typography.Text>
                  {o.raisedByName}：{o.reason}
                </Typography.Text>
                {o.resolution ? (
                  <Typography.Text type="secondary">
                    （{o.resolvedByName}：{o.resolution}）
                  </Typography.Text>
                ) : null}
                {isManager && o.status === 'open' && o.raisedBy !== user.id ? (
                  <Space size={4} className="crm-no-print" style={{ marginInlineStart: 8 }}>
                    <Button size="small" onClick={() => setResolving({ objection: o, outcome: 'dismissed' })} data-testid="objection-dismiss">
                      {t('notice.dismiss')}
                    </Button>
                    <Button size="small" danger onClick={() => setResolving({ objection: o, outcome: 'upheld' })} data-testid="objection-uphold">
                      {t('notice.uphold')}
                    </Button>
                  </Space>
                ) : null}
              </div>
            ))}
          </Space>
        ),
    },
    {
      title: '',
      key: 'actions',
      className: 'crm-no-print',
      render: (_, item) =>
        item.window === 'open' && item.status === 'approved' ? (
          <Button size="small" onClick={() => setObjecting(item)} data-testid="notice-object">
            {t('notice.object')}
          </Button>
        ) : null,
    },
  ];

  const submitObjection = async () => {
    const { reason } = await form.validateFields();
    if (!objecting) return;
    try {
      await raise.mutateAsync({ calculationId: objecting.calculationId, reason });
      void message.success(t('notice.objected'));
      setObjecting(null);
      form.resetFields();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };
  const submitResolution = async () => {
    const { reason } = await form.validateFields();
    if (!resolving) return;
    try {
      await resolve.mutateAsync({ ...resolving, resolution: reason });
      void message.success(t('notice.resolved'));
      setResolving(null);
      form.resetFields();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <>
      <div className="crm-no-print">
        <PageHeader
          title={t('notice.title')}
          subtitle={t('notice.subtitle')}
          extra={
            <Button onClick={() => window.print()} data-testid="notice-print">
              {t('notice.print')}
            </Button>
          }
        />
      </div>
      <div className="crm-print-only" style={{ textAlign: 'center' }}>
        <Typography.Title level={3}>{t('notice.printTitle')}</Typography.Title>
        <Typography.Paragraph>{t('notice.printIntro')}</Typography.Paragraph>
      </div>
      {notices.isError ? (
        <ErrorAlert error={notices.error} onRetry={() => void notices.refetch()} />
      ) : notices.isPending ? (
        <Card>
          <LoadingBlock rows={6} />
        </Card>
      ) : (
        <Card>
          <Table<NoticeItem>
            rowKey="calculationId"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={notices.data.items}
            onRow={(item) =>
              item.calculationId === focus
                ? ({ style: { background: 'var(--ant-color-primary-bg, #e6f4ff)' }, 'data-focused': 'true' } as React.HTMLAttributes<HTMLElement>)
                : {}
            }
            scroll={{ x: 1100 }}
            locale={{ emptyText: <EmptyState description={t('notice.empty')} /> }}
            data-testid="notices-table"
          />
        </Card>
      )}
      <Modal
        open={objecting !== null || resolving !== null}
        title={objecting ? t('notice.objectTitle') : resolving ? (resolving.outcome === 'upheld' ? t('notice.uphold') : t('notice.dismiss')) : ''}
        okText={t('notice.submit')}
        onOk={() => void (objecting ? submitObjection() : submitResolution())}
        confirmLoading={raise.isPending || resolve.isPending}
        onCancel={() => {
          setObjecting(null);
          setResolving(null);
          form.resetFields();
        }}
        destroyOnHidden
      >
        <Flex vertical>
          {objecting ? (
            <Typography.Paragraph type="secondary">
              {objecting.projectName} · {formatFen(objecting.dueFen)}
            </Typography.Paragraph>
          ) : null}
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="reason"
              label={objecting ? t('notice.reason') : t('notice.resolution')}
              rules={[{ required: true, whitespace: true, message: t('notice.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="notice-reason" />
            </Form.Item>
          </Form>
        </Flex>
      </Modal>
    </>
  );
}
