import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leadColumnKeys, type LeadColumnKey } from './leads-table.tsx';

const storageKey = (userId: string) => `crm.leads.columns.${userId}`;
const defaultHidden = (): Set<string> => new Set(leadColumnKeys.filter(([, shown]) => !shown).map(([key]) => key));

function read(userId: string): Set<string> {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    if (!raw) return defaultHidden();
    const parsed: unknown = JSON.parse(raw);
    const known = new Set<string>(leadColumnKeys.map(([key]) => key));
    if (Array.isArray(parsed)) return new Set(parsed.filter((k): k is string => typeof k === 'string' && known.has(k)));
  } catch {
    // storage blocked or a foreign value: the defaults
  }
  return defaultHidden();
}

/** The leads table's hidden columns, kept per person in this browser (localStorage). */
export function useHiddenColumns(userId: string) {
  const [hidden, setHidden] = useState<Set<string>>(() => read(userId));
  const save = useCallback(
    (next: Set<string>) => {
      setHidden(next);
      try {
        localStorage.setItem(storageKey(userId), JSON.stringify([...next]));
      } catch {
        // storage blocked: the choice lasts until the page is left
      }
    },
    [userId],
  );
  const reset = useCallback(() => {
    try {
      localStorage.removeItem(storageKey(userId));
    } catch {
      // ignore
    }
    setHidden(defaultHidden());
  }, [userId]);
  return { hidden, save, reset };
}

const labelKey = {
  warning: 'leads.col.warning',
  stage: 'leads.col.stage',
  clock: 'clock.col',
  ownerName: 'leads.col.owner',
  zoneName: 'leads.col.zone',
  industryName: 'leads.col.industry',
  channel: 'leads.col.channel',
  estimatedInvestmentFen: 'leads.col.investment',
  protectionExpiresAt: 'leads.col.protection',
  nextFollowUpOn: 'leads.col.nextFollowUp',
  createdAt: 'ux.col.createdAt',
  updatedAt: 'ux.col.updatedAt',
} as const satisfies Record<LeadColumnKey, string>;

export function ColumnSettings({ hidden, onChange, onReset }: { hidden: ReadonlySet<string>; onChange: (next: Set<string>) => void; onReset: () => void }) {
  const { t } = useTranslation();
  const content = (
    <Flex vertical gap={6} style={{ minWidth: 180 }} data-testid="column-settings-panel">
      {leadColumnKeys.map(([key]) => (
        <Checkbox
          key={key}
          checked={!hidden.has(key)}
          data-testid={`column-toggle-${key}`}
          onChange={(e) => {
            const next = new Set(hidden);
            if (e.target.checked) next.delete(key);
            else next.add(key);
            onChange(next);
          }}
        >
          {t(labelKey[key])}
        </Checkbox>
      ))}
      <Typography.Link onClick={onReset} style={{ marginTop: 4 }}>
        {t('ux.columns.reset')}
      </Typography.Link>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('ux.columns.title')} content={content}>
      <Button icon={<SettingOutlined />} data-testid="column-settings">
        {t('ux.columns.button')}
      </Button>
    </Popover>
  );
}
