import { Button, Card, Col, Flex, List, Row, Select, Switch, Typography, App, Badge } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadMore, LoadingBlock } from '../../components/states.tsx';
import { useIndustries } from '../../features/industries/api/get-industries.ts';
import { useInbox, useMarkAllRead, useMarkRead, useMyIndustries, useSetMyIndustries } from '../../features/inbox/api/get-inbox.ts';
import { useMessageText } from '../../features/inbox/components/message-text.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import { formatDateTime } from '../../lib/format.ts';

/** 消息: every reminder and message, newest first; staff choose the industries whose pool leads they hear of. */
export default function InboxRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const text = useMessageText();
  const industries = useIndustries();
  const mine = useMyIndustries();
  const setMine = useSetMyIndustries();
  const [following, setFollowing] = useState<string[]>([]);
  useEffect(() => setFollowing(mine.data?.items.map((i) => i.id) ?? []), [mine.data]);
  const rows = inbox.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title={t('inbox.title')}
        extra={
          <>
            <Flex align="center" gap={6}>
              <Switch checked={unreadOnly} onChange={setUnreadOnly} data-testid="inbox-unread-only" />
              {t('inbox.unreadOnly')}
            </Flex>
            <Button onClick={() => markAll.mutate()} loading={markAll.isPending}>
              {t('inbox.readAll')}
            </Button>
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={hasRole(user, 'staff') ? 16 : 24}>
          <Card>
            {inbox.isError ? (
              <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />
            ) : inbox.isPending ? (
              <LoadingBlock rows={8} />
            ) : rows.length === 0 ? (
              <EmptyState description={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} testId="inbox-empty" />
            ) : (
              <>
                <List
                  dataSource={rows}
                  data-testid="inbox-list"
                  renderItem={(m) => (
                    <List.Item
                      style={{ cursor: 'pointer' }}
                      onClick={() => {
                        if (!m.readAt) markRead.mutate(m.id);
                        void navigate(m.link);
                      }}
                      extra={<Typography.Text type="secondary">{formatDateTime(m.createdAt)}</Typography.Text>}
                    >
                      <span style={{ fontWeight: m.readAt ? 400 : 600 }}>
                        {m.readAt ? null : <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
                        {text(m)}
                      </span>
                    </List.Item>
                  )}
                />
                <LoadMore count={rows.length} hasMore={inbox.hasNextPage} loading={inbox.isFetchingNextPage} onLoadMore={() => void inbox.fetchNextPage()} />
              </>
            )}
          </Card>
        </Col>
        {hasRole(user, 'staff') ? (
          <Col xs={24} xl={8}>
            <Card title={t('inbox.industries')}>
              <Typography.Paragraph type="secondary">{t('inbox.industriesHelp')}</Typography.Paragraph>
              <Select
                mode="multiple"
                style={{ width: '100%' }}
                value={following}
                onChange={setFollowing}
                options={(industries.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
                data-testid="inbox-industries"
              />
              <Button
                type="primary"
                style={{ marginTop: 12 }}
                loading={setMine.isPending}
                onClick={() => setMine.mutate(following, { onSuccess: () => void message.success(t('inbox.industriesSaved')) })}
              >
                {t('common.save')}
              </Button>
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
