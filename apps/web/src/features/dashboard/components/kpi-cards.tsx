import { divRoundHalfUp } from '@crm/shared';
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBp, formatFen, formatFenLarge, type FenLike } from '../../../lib/format.ts';
import type { Dashboard } from '../../../lib/types.ts';

const sumFen = (values: FenLike[]) => values.reduce<bigint>((sum, v) => sum + BigInt(v), 0n);
const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

function Kpi({ title, value, note, testId }: { title: string; value: ReactNode; note?: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} styles={{ body: { padding: '14px 16px' } }}>
      <Statistic title={title} value={0} formatter={() => value} data-testid={testId} />
      {note ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

/** The year at a glance: new leads, signings, construction starts, conversion, target completion, chain gaps. */
export function KpiCards({ dashboard }: { dashboard: Dashboard }) {
  const { t } = useTranslation();
  const trend = dashboard.trend;
  const leadsFen = sumFen(trend.map((m) => m.estimatedInvestmentFen));
  const signedFen = sumFen(trend.map((m) => m.signedInvestmentFen));
  const signedStep = dashboard.funnel.steps.find((s) => s.step === 'signed');
  // Completion of the signed-investment targets, over the zones that have one.
  const withTarget = dashboard.zones.filter((z) => typeof z.targets.signed_investment === 'number' && (z.targets.signed_investment ?? 0) > 0);
  const targetFen = sumFen(withTarget.map((z) => z.targets.signed_investment ?? 0));
  const actualFen = sumFen(withTarget.map((z) => z.actuals.signed_investment ?? 0));
  const completionBp = targetFen > 0n ? Number(divRoundHalfUp(actualFen * 10000n, targetFen)) : null;
  const nodes = dashboard.chain.flatMap((c) => c.nodes);
  const gaps = nodes.filter((n) => n.gap).length;

  const items = [
    {
      key: 'leads',
      title: t('dashboard.kpi.newLeads'),
      value: sum(trend.map((m) => m.newLeads)),
      note: t('dashboard.kpi.estimated', { amount: formatFenLarge(leadsFen) }),
    },
    {
      key: 'signed',
      title: t('dashboard.kpi.signed'),
      value: sum(trend.map((m) => m.signedProjects)),
      note: (
        <Tooltip title={formatFen(signedFen)}>
          <span>{t('dashboard.kpi.signedAmount', { amount: formatFenLarge(signedFen) })}</span>
        </Tooltip>
      ),
    },
    {
      key: 'construction',
      title: t('dashboard.kpi.construction'),
      value: sum(trend.map((m) => m.constructionStarted)),
      note: t('dashboard.kpi.constructionNote'),
    },
    {
      key: 'conversion',
      title: t('dashboard.kpi.conversion'),
      value: signedStep?.overallBp === null || signedStep === undefined ? '—' : formatBp(signedStep.overallBp),
      note: t('dashboard.kpi.conversionNote'),
    },
    {
      key: 'completion',
      title: t('dashboard.kpi.completion'),
      value: completionBp === null ? '—' : formatBp(completionBp),
      note:
        completionBp === null
          ? t('dashboard.kpi.noTargets')
          : t('dashboard.kpi.completionNote', { actual: formatFenLarge(actualFen), target: formatFenLarge(targetFen) }),
    },
    { key: 'gaps', title: t('dashboard.kpi.gaps'), value: `${gaps} / ${nodes.length}`, note: t('dashboard.kpi.gapsNote') },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="dashboard-kpis">
      {items.map((item) => (
        <Col key={item.key} xs={12} md={8} xl={4}>
          <Kpi title={item.title} value={item.value} note={item.note} testId={`kpi-${item.key}`} />
        </Col>
      ))}
    </Row>
  );
}
