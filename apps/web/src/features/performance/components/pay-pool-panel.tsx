import { PayPoolBody } from '@crm/shared';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Select, Statistic, Table, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { yuanAmountRule, yuanFenOf } from '../../../lib/money-rules.ts';
import { formatFen } from '../../../lib/format.ts';
import type { PayPool, Zone } from '../../../lib/types.ts';
import { useComputePayPool } from '../api/compute-pay-pool.ts';
import { formatScore } from './metric.tsx';
import { SavedPools } from './saved-pools.tsx';

type Values = { base?: string; gradeMultiplier?: number };
type Part = PayPool['parts'][number];

/**
 * 绩效工资 (policy 三(三)): the pool is the base (what a comparable institution pays) × the grade's multiplier,
 * 1 to 5 by the evaluation result, shared out in proportion to each person's score. `zones` (the page's) are what a
 * pool is saved for.
 */
export function PayPoolPanel({
  period,
  schemeId,
  nothingScored,
  closed,
  zones,
}: {
  period: string;
  schemeId: string;
  nothingScored: boolean;
  closed: boolean;
  zones: Zone[];
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { baseFen: 'base' });
  const compute = useComputePayPool();
  const result = compute.data;

  // Another period or scheme: an earlier result no longer applies.
  useEffect(() => {
    compute.reset();
  }, [period, schemeId]);

  const submit = (values: Values) => {
    errors.clear();
    const body = { period, schemeId, baseFen: yuanFenOf(values.base) ?? 0, gradeMultiplier: values.gradeMultiplier ?? 1 };
    if (!errors.check(PayPoolBody, body)) return;
    compute.mutate(body, { onError: errors.handle });
  };

  return (
    <Card title={t('performance.pay.title')} data-testid="pay-pool">
      <Typography.Paragraph type="secondary">{t('performance.pay.policy')}</Typography.Paragraph>
      {nothingScored ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('performance.pay.nothingScored')} data-testid="pay-nothing-scored" />
      ) : null}
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="inline" onFinish={submit} initialValues={{ gradeMultiplier: 1 }} style={{ rowGap: 8 }}>
        <Form.Item
          name="base"
          label={t('performance.pay.base')}
          rules={[yuanAmountRule(t, { required: true, positive: true, label: t('performance.pay.base') })]}
        >
          <Input
            suffix={t('performance.yuan')}
            placeholder={t('performance.pay.basePlaceholder')}
            style={{ width: 200 }}
            inputMode="decimal"
            data-testid="pay-base"
          />
        </Form.Item>
        <Form.Item name="gradeMultiplier" label={t('performance.pay.grade')}>
          <Select
            style={{ width: 120 }}
            options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('performance.pay.times', { n }) }))}
            data-testid="pay-grade"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={compute.isPending} disabled={nothingScored} data-testid="pay-compute">
            {t('performance.pay.compute')}
          </Button>
        </Form.Item>
      </Form>
      {result ? (
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={7}>
            <Flex vertical gap={12}>
              <Statistic title={t('performance.pay.pool')} value={formatFen(result.poolFen)} data-testid="pay-pool-amount" />
              <Typography.Text type="secondary">{t('performance.pay.formula', { base: formatFen(result.baseFen), n: result.gradeMultiplier })}</Typography.Text>
            </Flex>
          </Col>
          <Col xs={24} md={17}>
            <Table<Part>
              rowKey="staffId"
              size="small"
              pagination={false}
              dataSource={result.parts}
              data-testid="pay-parts"
              columns={[
                { title: t('performance.col.staff'), dataIndex: 'staffName' },
                { title: t('performance.col.score'), dataIndex: 'scoreHundredths', align: 'right', render: (_, p) => formatScore(p.scoreHundredths) },
                {
                  title: t('performance.pay.amount'),
                  dataIndex: 'amountFen',
                  align: 'right',
                  render: (_, p) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(p.amountFen)}</span>,
                },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>{t('reports.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Typography.Text strong>{formatFen(result.parts.reduce((sum, p) => sum + p.amountFen, 0))}</Typography.Text>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Col>
        </Row>
      ) : null}
      <SavedPools
        period={period}
        schemeId={schemeId}
        closed={closed}
        input={result ? { baseFen: result.baseFen, gradeMultiplier: result.gradeMultiplier } : null}
        zones={zones}
      />
    </Card>
  );
}
