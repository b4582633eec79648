import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Card, Col, DatePicker, Flex, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useDashboard } from '../../features/dashboard/api/get-dashboard.ts';
import { IndicatorCard } from '../../features/dashboard/components/indicator-card.tsx';
import { IndustryChain } from '../../features/dashboard/components/industry-chain.tsx';
import { KpiCards } from '../../features/dashboard/components/kpi-cards.tsx';
import { PerMuTable } from '../../features/dashboard/components/per-mu-table.tsx';
import { RankingSummary } from '../../features/dashboard/components/ranking-summary.tsx';
import { TrendChart } from '../../features/dashboard/components/trend-chart.tsx';
import { ZoneTargetsChart } from '../../features/dashboard/components/zone-targets-chart.tsx';
import { ZoneTargetsModal } from '../../features/dashboard/components/zone-targets-modal.tsx';
import { ZoneTargetsTable } from '../../features/dashboard/components/zone-targets-table.tsx';
import { useSchemes } from '../../features/performance/api/get-schemes.ts';
import { FunnelChart } from '../../features/pipeline/components/funnel.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { ZoneProgress } from '../../lib/types.ts';
import { zoneYear } from '../../lib/zone-time.ts';

/**
 * 驾驶舱: the managers' dashboard for a year — KPIs, the funnel, the monthly trend, zone targets against the
 * policy's goals (一(三)), the staff ranking, industry chains with their gaps, and 亩产.
 */
export default function DashboardRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100 ? yearParam : zoneYear();
  const schemeId = params.get('scheme') ?? undefined;
  const dashboard = useDashboard({ year, schemeId });
  const schemes = useSchemes();
  const [editingZone, setEditingZone] = useState<ZoneProgress | null>(null);
  const canEditTargets = hasRole(user, 'manager', 'admin');

  const change = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  const header = (
    <PageHeader
      title={t('dashboard.title')}
      subtitle={t('dashboard.subtitle')}
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('dashboard.year')}</Typography.Text>
          <DatePicker
            picker="year"
            allowClear={false}
            value={dayjs(new Date(year, 0, 1))}
            onChange={(day) => day && change('year', String(day.year()))}
            disabledDate={(day) => day.year() > zoneYear() + 1}
            data-testid="dashboard-year"
          />
        </Flex>
      }
    />
  );

  if (dashboard.isError) {
    return (
      <>
        {header}
        <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      </>
    );
  }
  if (dashboard.isPending) {
    return (
      <>
        {header}
        <Card>
          <LoadingBlock rows={12} />
        </Card>
      </>
    );
  }

  const data = dashboard.data;
  const funnelEmpty = data.funnel.steps.every((s) => s.count === 0);
  const trendEmpty = data.trend.every((m) => m.newLeads === 0 && m.signedProjects === 0 && m.constructionStarted === 0);
  const ranking = data.ranking;

  return (
    <div data-testid="dashboard">
      {header}
      <KpiCards dashboard={data} />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={10}>
          <Card
            title={t('dashboard.funnel')}
            extra={
              <Link to={`/funnel?from=${year}-01-01&to=${year}-12-31`}>
                {t('dashboard.more')} <ArrowRightOutlined />
              </Link>
            }
            style={{ height: '100%' }}
          >
            {funnelEmpty ? <EmptyState description={t('dashboard.funnelEmpty')} /> : <FunnelChart steps={data.funnel.steps} />}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('dashboard.trend.title')} style={{ height: '100%' }}>
            {trendEmpty ? <EmptyState description={t('dashboard.trend.empty', { year })} /> : <TrendChart trend={data.trend} />}
          </Card>
        </Col>
      </Row>

      <Card title={t('dashboard.zones.title')} style={{ marginBottom: 16 }}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('dashboard.zones.policyTitle')}
          description={t('dashboard.zones.policy')}
          data-testid="policy-goals"
        />
        {data.zones.length === 0 ? (
          <EmptyState description={t('dashboard.zones.empty')} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} xxl={9}>
              <ZoneTargetsChart zones={data.zones} />
            </Col>
            <Col xs={24} xxl={15}>
              <ZoneTargetsTable zones={data.zones} canEdit={canEditTargets} onEdit={setEditingZone} />
            </Col>
          </Row>
        )}
      </Card>

      <IndicatorCard indicators={data.indicators} year={year} />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={9}>
          <Card
            title={t('dashboard.ranking.title', { year })}
            extra={
              <Select
                size="small"
                style={{ width: 180 }}
                placeholder={t('performance.scheme.label')}
                value={ranking?.schemeId}
                onChange={(id: string) => change('scheme', id)}
                options={(schemes.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                data-testid="dashboard-scheme"
              />
            }
            style={{ height: '100%' }}
          >
            {ranking ? (
              <>
                <RankingSummary
                  rows={ranking.rows}
                  onOpen={(row) => void navigate(`/performance?scheme=${ranking.schemeId}&period=${ranking.period}&staff=${row.staffId}`)}
                />
                <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                  {t('dashboard.ranking.hint')}
                </Typography.Paragraph>
              </>
            ) : (
              <EmptyState description={t('dashboard.ranking.noScheme')} action={<Link to="/performance">{t('dashboard.ranking.setUp')}</Link>} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('dashboard.perMu.title')} style={{ height: '100%' }}>
            <PerMuTable rows={data.perMu} />
          </Card>
        </Col>
      </Row>

      <Card title={t('dashboard.chain.title')} extra={<Typography.Text type="secondary">{t('dashboard.chain.legend')}</Typography.Text>}>
        <IndustryChain chain={data.chain} />
      </Card>

      <ZoneTargetsModal year={year} zone={editingZone} onClose={() => setEditingZone(null)} />
    </div>
  );
}
