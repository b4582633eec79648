import { Card, Col, Flex, Row, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/states.tsx';
import type { ChainIndustry } from '../../../lib/types.ts';

const positions = ['upstream', 'midstream', 'downstream'] as const;
type ChainNode = ChainIndustry['nodes'][number];

function NodeBox({ node }: { node: ChainNode }) {
  const { t } = useTranslation();
  const filled = !node.gap;
  return (
    <Tooltip title={t('dashboard.chain.nodeTip', { projects: node.projects, leads: node.leads })}>
      <div
        data-testid={`chain-node-${node.nodeId}`}
        data-gap={node.gap}
        style={{
          borderRadius: 6,
          padding: '6px 8px',
          marginBottom: 6,
          border: filled ? '1px solid #10b981' : '1px dashed #ef4444',
          background: filled ? '#d1fae5' : '#fff',
        }}
      >
        <Flex justify="space-between" align="center" gap={4}>
          <Typography.Text strong={filled} style={{ fontSize: 13 }} ellipsis>
            {node.name}
          </Typography.Text>
          {filled ? null : (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('dashboard.chain.gap')}
            </Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('dashboard.chain.counts', { projects: node.projects, leads: node.leads })}
        </Typography.Text>
      </div>
    </Tooltip>
  );
}

function IndustryCard({ industry }: { industry: ChainIndustry }) {
  const { t } = useTranslation();
  const gaps = industry.nodes.filter((n) => n.gap).length;
  return (
    <Card
      size="small"
      title={industry.industryName}
      extra={
        <Typography.Text type={gaps > 0 ? 'danger' : 'success'} style={{ fontSize: 12 }}>
          {gaps > 0 ? t('dashboard.chain.gapCount', { count: gaps }) : t('dashboard.chain.complete')}
        </Typography.Text>
      }
      style={{ height: '100%' }}
      data-testid={`chain-${industry.industryId}`}
    >
      <Flex gap={4} wrap style={{ marginBottom: 10, minHeight: 24 }}>
        {industry.leadingIn.map((zone) => (
          <Tag key={`l-${zone}`} color="blue">
            {t('dashboard.chain.leading')}·{zone}
          </Tag>
        ))}
        {industry.emergingIn.map((zone) => (
          <Tag key={`e-${zone}`} color="purple">
            {t('dashboard.chain.emerging')}·{zone}
          </Tag>
        ))}
        {industry.leadingIn.length + industry.emergingIn.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('dashboard.chain.noZone')}
          </Typography.Text>
        ) : null}
      </Flex>
      <Row gutter={8}>
        {positions.map((position) => {
          const nodes = industry.nodes.filter((n) => n.position === position);
          return (
            <Col span={8} key={position}>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
                {t(`chainPosition.${position}`)}
              </Typography.Text>
              {nodes.length > 0 ? (
                nodes.map((node) => <NodeBox key={node.nodeId} node={node} />)
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  —
                </Typography.Text>
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

/**
 * 产业链 (policy 二(二)1–2): for each industry, the zones that lead with it or grow it as emerging, and its nodes
 * up-, mid- and downstream — green where projects have landed, outlined red where the chain has a gap (缺链).
 */
export function IndustryChain({ chain }: { chain: ChainIndustry[] }) {
  const { t } = useTranslation();
  if (chain.length === 0) return <EmptyState description={t('dashboard.chain.empty')} />;
  return (
    <Row gutter={[12, 12]} data-testid="industry-chain">
      {chain.map((industry) => (
        <Col key={industry.industryId} xs={24} lg={12} xxl={8}>
          <IndustryCard industry={industry} />
        </Col>
      ))}
    </Row>
  );
}
