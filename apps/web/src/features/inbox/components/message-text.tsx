import { formatFenLarge } from '@crm/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format.ts';
import type { InboxMessage } from '../../../lib/types.ts';

/** A message worded in the reader's language from the facts the server keeps (company, phase, due day …). */
export function useMessageText() {
  const { t } = useTranslation();
  // Keys with an underscore (clock_overdue) read to i18next's types as a context suffix: look them up untyped.
  const tr = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  return (m: InboxMessage): string => {
    const p = m.params;
    const phase = typeof p.phase === 'string' ? t(`clock.phase.${p.phase as 'respond'}`) : '';
    const outcome = typeof p.outcome === 'string' ? tr(`filing.disputeStatus.${p.outcome}`) : '';
    const amount = typeof p.estimatedInvestmentFen === 'number' ? formatFenLarge(p.estimatedInvestmentFen) : '';
    const expiresAt = typeof p.expiresAt === 'string' ? formatDateTime(p.expiresAt) : '';
    const decisionText = typeof p.decision === 'string' ? tr(`performance.flag.status.${p.decision}`) : '';
    const whyText =
      p.why === 'documents'
        ? tr('approvals.documentsOverdue', { date: String(p.dueOn ?? '') })
        : p.why === 'statutory'
          ? tr('approvals.pastStatutory', { date: String(p.dueOn ?? '') })
          : '';
    const milestoneText = typeof p.milestone === 'string' ? tr(`milestone.${p.milestone}`, { defaultValue: p.milestone }) : '';
    const objectionText = typeof p.objectionOutcome === 'string' ? tr(`notice.status.${p.objectionOutcome}`) : '';
    return tr(`inbox.kind.${m.kind}`, { ...p, phase, outcome, amount, expiresAt, decisionText, whyText, milestoneText, objectionText });
  };
}
