import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { daysUntil, formatDate, formatDateTime } from '../../../lib/format.ts';

/** Days before expiry from which a lead is flagged: the owner should visit before it drops to the pool. */
const WARN_DAYS = 14;

/** Protection expiry: red when lapsed, gold within 14 days, plain otherwise. */
export function ProtectionCell({ expiresAt }: { expiresAt: string | null }) {
  const { t } = useTranslation();
  if (!expiresAt) return <Typography.Text type="secondary">—</Typography.Text>;
  const days = daysUntil(expiresAt);
  const date = formatDate(expiresAt);
  if (days < 0) {
    return (
      <Tooltip title={formatDateTime(expiresAt)}>
        <Tag color="red" data-protection="lapsed">
          {date} · {t('leads.protection.lapsed')}
        </Tag>
      </Tooltip>
    );
  }
  if (days <= WARN_DAYS) {
    return (
      <Tooltip title={t('leads.protection.soon', { days })}>
        <Tag color="gold" data-protection="soon">
          {date}
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tooltip title={formatDateTime(expiresAt)}>
      <span data-protection="ok">{date}</span>
    </Tooltip>
  );
}
