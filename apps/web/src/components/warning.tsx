import { Badge, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Warning } from '../lib/types.ts';

/** The follow-up alert of a lead (red / yellow / green), as the API computes it. */
export const warningColors: Record<Warning, string> = {
  red: '#e5484d',
  yellow: '#f5a524',
  green: '#30a46c',
};
const tagColors: Record<Warning, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** A coloured dot with the reason in a tooltip: for tables and cards. */
export function WarningDot({ warning, withText = false }: { warning: Warning; withText?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`warning.${warning}Hint`)}>
      <Badge color={warningColors[warning]} text={withText ? t(`warning.${warning}`) : undefined} data-warning={warning} aria-label={t(`warning.${warning}`)} />
    </Tooltip>
  );
}

/** A tag for the page header of a lead. */
export function WarningTag({ warning }: { warning: Warning }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`warning.${warning}Hint`)}>
      <Tag color={tagColors[warning]} data-warning={warning} data-testid="lead-warning">
        {t(`warning.${warning}`)}
      </Tag>
    </Tooltip>
  );
}
