import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { chainPositions } from '@crm/shared';
import { Button, Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChainPosition, Industry } from '../../../lib/types.ts';

const positionColors: Record<ChainPosition, string> = { upstream: 'cyan', midstream: 'blue', downstream: 'geekblue' };

type Props = { industries: Industry[]; onEdit: (industry: Industry) => void; onAddNode: (industry: Industry) => void };

/** Each industry as its chain: upstream → midstream → downstream, so gaps are plain to see. */
export function IndustriesBoard({ industries, onEdit, onAddNode }: Props) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="industries-board">
      {industries.map((industry) => (
        <Card
          key={industry.id}
          title={industry.name}
          extra={
            <Flex gap={8}>
              <Button size="small" icon={<PlusOutlined />} onClick={() => onAddNode(industry)} data-testid={`industry-add-node-${industry.id}`}>
                {t('industries.addNode')}
              </Button>
              <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(industry)}>
                {t('common.edit')}
              </Button>
            </Flex>
          }
        >
          {industry.description ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {industry.description}
            </Typography.Paragraph>
          ) : null}
          <Row gutter={16}>
            {chainPositions.map((position) => {
              const nodes = industry.chainNodes.filter((n) => n.position === position).sort((a, b) => a.sortOrder - b.sortOrder);
              return (
                <Col xs={24} md={8} key={position}>
                  <div
                    style={{
                      border: '1px dashed rgba(5, 5, 5, 0.12)',
                      borderRadius: 8,
                      padding: 12,
                      minHeight: 84,
                      background: 'rgba(0, 0, 0, 0.015)',
                    }}
                  >
                    <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
                      <Tag color={positionColors[position]}>{t(`chainPosition.${position}`)}</Tag>
                    </Typography.Text>
                    {nodes.length > 0 ? (
                      <Flex wrap gap={6}>
                        {nodes.map((node) => (
                          <Tag key={node.id} style={{ marginInlineEnd: 0 }}>
                            {node.name}
                          </Tag>
                        ))}
                      </Flex>
                    ) : (
                      <Typography.Text type="secondary">{t('industries.noNodes')}</Typography.Text>
                    )}
                  </div>
                </Col>
              );
            })}
          </Row>
        </Card>
      ))}
    </Flex>
  );
}
