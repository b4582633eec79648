import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Progress, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MetricFigure, PerformanceMetric, Ranking, RankingRow } from '../../../lib/types.ts';
import { MyFlag } from './appeals.tsx';
import { MetricValue, RatioText, formatScore, isMoneyMetric } from './metric.tsx';

type Props = { ranking: Ranking; row: RankingRow; onDrill: (row: RankingRow, metric: PerformanceMetric) => void };

/** 我的绩效: one's own rank of N, score, whether flagged 末位, and each figure against its target — nobody else's. */
export function MyPerformance({ ranking, row, onDrill }: Props) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} data-testid="my-performance">
      <Col xs={24} lg={8}>
        <Card style={{ height: '100%' }}>
          <Statistic
            title={t('performance.mine.rank')}
            value={row.rank}
            suffix={<span style={{ fontSize: 18 }}> / {ranking.staffCount}</span>}
            styles={{ content: { fontSize: 40, fontWeight: 600 } }}
            data-testid="my-rank"
          />
          <Statistic title={t('performance.col.score')} value={formatScore(row.scoreHundredths)} style={{ marginTop: 16 }} data-testid="my-score" />
          <div style={{ marginTop: 16 }}>
            {row.flag ? (
              <MyFlag flag={row.flag} bottomPercent={ranking.scheme.bottomPercent} />
            ) : row.bottom ? (
              <Alert
                type="error"
                showIcon
                icon={<WarningOutlined />}
                title={t('performance.mine.flagged', { percent: ranking.scheme.bottomPercent })}
                data-testid="my-flag"
              />
            ) : (
              <Alert type="success" showIcon icon={<CheckCircleOutlined />} title={t('performance.mine.notFlagged')} data-testid="my-flag" />
            )}
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('performance.mine.figures')} style={{ height: '100%' }}>
          <Table<MetricFigure>
            rowKey="metric"
            size="middle"
            pagination={false}
            dataSource={row.metrics}
            data-testid="my-figures"
            columns={[
              {
                title: t('performance.restatements.metric'),
                dataIndex: 'metric',
                render: (_, m) => (
                  <div>
                    <div>{t(`performance.metric.${m.metric}`)}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('performance.weightOf', { weight: m.weight })}
                      {isMoneyMetric(m.metric) ? ` · ${t('performance.wanUnit')}` : ''}
                    </Typography.Text>
                  </div>
                ),
              },
              {
                title: t('performance.mine.actual'),
                dataIndex: 'actual',
                align: 'right',
                render: (_, m) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => onDrill(row, m.metric)}
                    data-testid={`figure-${row.staffId}-${m.metric}`}
                  >
                    <MetricValue metric={m.metric} value={m.actual} />
                  </Button>
                ),
              },
              {
                title: t('performance.mine.target'),
                dataIndex: 'target',
                align: 'right',
                render: (_, m) => <MetricValue metric={m.metric} value={m.target} />,
              },
              {
                title: t('performance.mine.progress'),
                dataIndex: 'ratioBp',
                width: 200,
                render: (_, m) => (
                  <div>
                    <Progress
                      percent={Math.min(100, Math.floor(m.ratioBp / 100))}
                      showInfo={false}
                      size="small"
                      status={m.ratioBp >= 10000 ? 'success' : 'normal'}
                    />
                    <RatioText ratioBp={m.ratioBp} />
                  </div>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
