import { Button, Empty, Flex, Result, Skeleton, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Loading state for a page or card body. */
export function LoadingBlock({ rows = 6 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} title={false} />;
}

export function FullPageSpin({ tip }: { tip?: string }) {
  return (
    <Flex vertical align="center" justify="center" gap={16} style={{ minHeight: '100vh' }}>
      <Spin size="large" />
      {tip ? <Typography.Text type="secondary">{tip}</Typography.Text> : null}
    </Flex>
  );
}

/** Empty state with a sentence saying what to do next. */
export function EmptyState({ description, action, testId }: { description: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Empty data-testid={testId} image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ padding: '24px 0' }}>
      {action}
    </Empty>
  );
}

type LoadMoreProps = {
  count: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  testId?: string;
};

/** Keyset pagination: the server hands a cursor for the next page; we append. */
export function LoadMore({ count, hasMore, loading, onLoadMore, testId }: LoadMoreProps) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.loadedCount', { count })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid={testId ?? 'load-more'}>
          {t('common.loadMore')}
        </Button>
      ) : (
        <Typography.Text type="secondary">· {t('common.noMore')}</Typography.Text>
      )}
    </Flex>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbidden')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('errors.backHome')}</Button>
        </Link>
      }
    />
  );
}
