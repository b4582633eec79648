import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

/** The person-readable text of any error: the server's message, or ours for a network failure. */
export function errorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) return error.code === 'NETWORK' ? t('errors.network') : error.message;
  if (error instanceof Error && error.message) return error.message;
  return t('errors.unknown');
}

type Props = {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  testId?: string;
};

/** Error state for a list or page: the server's message, its request id for support, and a retry. */
export function ErrorAlert({ error, onRetry, title, testId }: Props) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId ?? 'error-alert'}
      title={title ?? t('errors.title')}
      description={
        <>
          <div>{errorText(error, t)}</div>
          {requestId ? <div style={{ fontSize: 12, opacity: 0.65, marginTop: 4 }}>{t('errors.requestId', { id: requestId })}</div> : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
