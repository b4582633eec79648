import { Empty, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ClockLabel } from '../../../components/clock-label.tsx';
import { WarningDot } from '../../../components/warning.tsx';
import { fenToWanText, formatDate } from '../../../lib/format.ts';
import type { Lead } from '../../../lib/types.ts';
import { ClaimButton } from './claim-button.tsx';
import { StageTag } from './stage-tag.tsx';

type Props = {
  leads: Lead[];
  emptyText: ReactNode;
  /** The pool's cards carry the claim button (staff). */
  claim?: { onClaimed: (lead: Lead) => void; onFailed: (error: unknown, lead: Lead) => void };
};

/** The leads list on a phone: one card per lead, the facts that decide the next step, the whole card a link. */
export function LeadCards({ leads, emptyText, claim }: Props) {
  const { t } = useTranslation();
  if (leads.length === 0) return <div data-testid="lead-cards">{emptyText ?? <Empty />}</div>;
  return (
    <Flex vertical gap={8} data-testid="lead-cards">
      {leads.map((lead) => {
        const open = lead.stage !== 'signed' && lead.stage !== 'lost';
        return (
          <div key={lead.id} className="crm-lead-card" data-testid={`lead-card-${lead.id}`}>
            <Flex justify="space-between" align="flex-start" gap={8}>
              <Link to={`/leads/${lead.id}`} className="crm-lead-card-title" data-testid={`lead-link-${lead.id}`}>
                {open ? <WarningDot warning={lead.warning} /> : null} {lead.companyName}
              </Link>
              <StageTag stage={lead.stage} />
            </Flex>
            <div className="crm-lead-card-facts">
              <span>{lead.ownerName}</span>
              {lead.zoneName ? <span>{lead.zoneName}</span> : null}
              {lead.industryName ? <span>{lead.industryName}</span> : null}
              <span>{t(`channel.${lead.channel}`)}</span>
            </div>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Flex gap={8} align="center" wrap>
                {lead.estimatedInvestmentFen > 0 ? (
                  <Typography.Text strong>
                    {fenToWanText(lead.estimatedInvestmentFen)}
                    {t('leads.wan')}
                  </Typography.Text>
                ) : null}
                {lead.inPool ? <Tag color="volcano">{t('lead.inPool')}</Tag> : null}
                {lead.clock ? <ClockLabel clock={lead.clock} /> : null}
                {lead.nextFollowUpOn ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('leads.col.nextFollowUp')} {formatDate(lead.nextFollowUpOn)}
                  </Typography.Text>
                ) : null}
              </Flex>
              {claim ? <ClaimButton lead={lead} type="default" onClaimed={claim.onClaimed} onFailed={(e) => claim.onFailed(e, lead)} /> : null}
            </Flex>
          </div>
        );
      })}
    </Flex>
  );
}
