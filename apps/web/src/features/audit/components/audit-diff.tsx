import { Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditFieldLabel, formatAuditValue, useAuditLang } from '../labels.ts';

type Row = { field: string; before: unknown; after: unknown; changed: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function rowsOf(before: unknown, after: unknown): Row[] {
  if (!isRecord(before) && !isRecord(after)) {
    return [{ field: '—', before, after, changed: JSON.stringify(before) !== JSON.stringify(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    before: before === null ? undefined : b[field],
    after: after === null ? undefined : a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
}

function Value({ text, tone }: { text: string | undefined; tone: 'before' | 'after' | 'same' }) {
  if (text === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const style =
    tone === 'before'
      ? { background: '#fff1f0', color: '#a8071a', textDecoration: 'line-through' }
      : tone === 'after'
        ? { background: '#f6ffed', color: '#135200' }
        : {};
  return <span style={{ ...style, whiteSpace: 'pre-wrap', wordBreak: 'break-all', padding: '1px 4px', borderRadius: 4, fontSize: 13 }}>{text}</span>;
}

type Props = { before: unknown; after: unknown; entityType: string; names: Record<string, string> };

/** Before and after, field by field, labelled and formatted (money, zone times, names); the rest one switch away. */
export function AuditDiff({ before, after, entityType, names }: Props) {
  const { t } = useTranslation();
  const lang = useAuditLang();
  const [showAll, setShowAll] = useState(false);
  if ((before === null || before === undefined) && (after === null || after === undefined)) {
    return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;
  }
  const rows = rowsOf(before, after);
  const visible = showAll ? rows : rows.filter((r) => r.changed);
  const text = (field: string, value: unknown) => (value === undefined ? undefined : formatAuditValue(field, value, entityType, names, lang));
  return (
    <div data-testid="audit-diff">
      <div style={{ marginBottom: 8 }}>
        <Switch size="small" checked={showAll} onChange={setShowAll} /> <Typography.Text type="secondary">{t('audit.showAll')}</Typography.Text>
      </div>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={visible}
        locale={{ emptyText: t('audit.noChanges') }}
        columns={[
          {
            title: t('audit.field'),
            dataIndex: 'field',
            width: 200,
            render: (v: string) => <span title={v}>{auditFieldLabel(v, lang)}</span>,
          },
          {
            title: t('audit.before'),
            dataIndex: 'before',
            render: (_, row) => <Value text={text(row.field, row.before)} tone={row.changed ? 'before' : 'same'} />,
          },
          {
            title: t('audit.after'),
            dataIndex: 'after',
            render: (_, row) => <Value text={text(row.field, row.after)} tone={row.changed ? 'after' : 'same'} />,
          },
        ]}
      />
    </div>
  );
}
