import { Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/states.tsx';
import { fenToWanText, formatFen, formatMu } from '../../../lib/format.ts';
import type { PerMuRow } from '../../../lib/types.ts';

function PerMu({ fen }: { fen: string | null }) {
  if (fen === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={formatFen(fen)}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fenToWanText(fen)}</span>
    </Tooltip>
  );
}

/** 亩产论英雄 (policy 二(四)3): projects ranked by verified output per 亩, with tax per 亩 beside it. */
export function PerMuTable({ rows }: { rows: PerMuRow[] }) {
  const { t } = useTranslation();
  return (
    <Table<PerMuRow>
      rowKey="projectId"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ y: 360 }}
      data-testid="per-mu-table"
      locale={{ emptyText: <EmptyState description={t('dashboard.perMu.empty')} /> }}
      columns={[
        { title: '#', key: 'rank', width: 44, align: 'center', render: (_, __, index) => index + 1 },
        {
          title: t('dashboard.perMu.project'),
          dataIndex: 'name',
          ellipsis: true,
          render: (_, row) => <Link to={`/projects/${row.projectId}`}>{row.name}</Link>,
        },
        { title: t('dashboard.zones.zone'), dataIndex: 'zoneName', width: 140, ellipsis: true },
        { title: t('dashboard.perMu.land'), dataIndex: 'landMu', width: 84, align: 'right', render: (_, row) => formatMu(row.landMu) },
        { title: t('dashboard.perMu.output'), dataIndex: 'outputFenPerMu', width: 120, align: 'right', render: (_, row) => <PerMu fen={row.outputFenPerMu} /> },
        { title: t('dashboard.perMu.tax'), dataIndex: 'taxFenPerMu', width: 120, align: 'right', render: (_, row) => <PerMu fen={row.taxFenPerMu} /> },
      ]}
    />
  );
}
