import { RightOutlined } from '@ant-design/icons';
import { Divider, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states.tsx';
import { formatScore } from '../../../lib/format.ts';
import type { RankingRow } from '../../../lib/types.ts';

type Props = { rows: RankingRow[]; onOpen: (row: RankingRow) => void; top?: number };

function RankList({ rows, onOpen, testId }: { rows: RankingRow[]; onOpen: (row: RankingRow) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <List<RankingRow>
      size="small"
      dataSource={rows}
      data-testid={testId}
      renderItem={(row) => (
        <List.Item
          onClick={() => onOpen(row)}
          style={{ cursor: 'pointer', paddingInline: 4 }}
          data-testid={`dashboard-rank-${row.staffId}`}
          extra={<RightOutlined style={{ color: '#94a3b8', fontSize: 12 }} />}
        >
          <Flex align="center" gap={10} style={{ flex: 1, minWidth: 0 }}>
            <span
              style={{
                width: 26,
                height: 26,
                borderRadius: 13,
                display: 'inline-flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontWeight: 600,
                fontSize: 12,
                background: row.bottom ? '#fee2e2' : row.rank <= 3 ? '#1d4ed8' : '#e5e7eb',
                color: row.bottom ? '#b91c1c' : row.rank <= 3 ? '#fff' : '#374151',
              }}
            >
              {row.rank}
            </span>
            <Typography.Text style={{ flex: 1 }} ellipsis>
              {row.staffName}
            </Typography.Text>
            {row.bottom ? <Tag color="red">{t('performance.bottom')}</Tag> : null}
            <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatScore(row.scoreHundredths)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** The year's ranking at a glance: the top few and everyone flagged 末位; a click opens that person's figures. */
export function RankingSummary({ rows, onOpen, top = 5 }: Props) {
  const { t } = useTranslation();
  if (rows.length === 0) return <EmptyState description={t('dashboard.ranking.empty')} />;
  const head = rows.slice(0, top);
  const bottom = rows.filter((r) => r.bottom && !head.includes(r));
  return (
    <div data-testid="dashboard-ranking">
      <RankList rows={head} onOpen={onOpen} testId="dashboard-ranking-top" />
      {bottom.length > 0 ? (
        <>
          <Divider plain style={{ margin: '8px 0' }}>
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('dashboard.ranking.bottom')}
            </Typography.Text>
          </Divider>
          <RankList rows={bottom} onOpen={onOpen} testId="dashboard-ranking-bottom" />
        </>
      ) : null}
    </div>
  );
}
