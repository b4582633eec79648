import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import type { Lead } from '../../../lib/types.ts';
import { useClaimLead } from '../api/claim-lead.ts';

type Props = {
  lead: Pick<Lead, 'id' | 'companyName'>;
  type?: 'primary' | 'default';
  onClaimed?: (lead: Lead) => void;
  /** Where a failed claim (e.g. 409: someone was faster) is shown; a toast when not given. */
  onFailed?: (error: unknown) => void;
};

export function ClaimButton({ lead, type = 'primary', onClaimed, onFailed }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const claim = useClaimLead();
  return (
    <Button
      type={type}
      size={type === 'primary' ? 'middle' : 'small'}
      loading={claim.isPending}
      data-testid={`claim-${lead.id}`}
      onClick={() =>
        claim.mutate(lead.id, {
          onSuccess: (saved) => {
            void message.success(t('pool.claimed', { name: saved.companyName }));
            onClaimed?.(saved);
          },
          onError: (error) => {
            if (onFailed) onFailed(error);
            else void message.error(`${t('pool.claimFailed')}${t('app.colon')}${errorText(error, t)}`);
          },
        })
      }
    >
      {t('pool.claim')}
    </Button>
  );
}
