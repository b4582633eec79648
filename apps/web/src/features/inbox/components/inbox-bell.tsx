import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import type { InboxMessage } from '../../../lib/types.ts';
import { useLatest, useMarkAllRead, useMarkRead, useUnreadCount } from '../api/get-inbox.ts';
import { useMessageText } from './message-text.tsx';

/** The bell in the header: the unread count, and the latest messages one click away. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const latest = useLatest(open);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const text = useMessageText();
  const unread = count.data?.count ?? 0;

  const openMessage = (m: InboxMessage) => {
    if (!m.readAt) markRead.mutate(m.id);
    setOpen(false);
    void navigate(m.link);
  };

  const content = (
    <div style={{ width: 380 }} data-testid="inbox-popover">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('inbox.title')}</Typography.Text>
        <Button size="small" type="link" disabled={unread === 0} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="inbox-read-all">
          {t('inbox.readAll')}
        </Button>
      </Flex>
      {latest.data && latest.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        <List<InboxMessage>
          size="small"
          loading={latest.isPending}
          dataSource={latest.data?.items ?? []}
          renderItem={(m) => (
            <List.Item
              onClick={() => openMessage(m)}
              style={{ cursor: 'pointer', paddingInline: 8, background: m.readAt ? undefined : 'rgba(22,119,255,0.06)' }}
              data-testid={`inbox-item-${m.kind}`}
              data-unread={m.readAt ? 'false' : 'true'}
            >
              <div style={{ minWidth: 0 }}>
                <div>
                  {m.readAt ? null : <Badge status="processing" style={{ marginInlineEnd: 6 }} />}
                  {text(m)}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(m.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      <Flex justify="center" style={{ marginTop: 8 }}>
        <Button
          type="link"
          onClick={() => {
            setOpen(false);
            void navigate('/inbox');
          }}
          data-testid="inbox-view-all"
        >
          {t('inbox.viewAll')}
        </Button>
      </Flex>
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Badge count={unread} overflowCount={99} size="small" data-testid="inbox-count" data-count={unread}>
        <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label={t('inbox.bell')} data-testid="inbox-bell" />
      </Badge>
    </Popover>
  );
}
