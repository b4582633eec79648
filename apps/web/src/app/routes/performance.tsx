import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { PeriodPicker, periodLabel } from '../../components/period-picker.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useClosePeriod } from '../../features/performance/api/close-period.ts';
import { useRanking } from '../../features/performance/api/get-ranking.ts';
import { useSchemes } from '../../features/performance/api/get-schemes.ts';
import { AppealsCard } from '../../features/performance/components/appeals.tsx';
import { DrillDrawer } from '../../features/performance/components/drill-drawer.tsx';
import { MyPerformance } from '../../features/performance/components/my-performance.tsx';
import { PayPoolPanel } from '../../features/performance/components/pay-pool-panel.tsx';
import { ClosedBanner, RestatementsCard } from '../../features/performance/components/period-status.tsx';
import { RankingTable } from '../../features/performance/components/ranking-table.tsx';
import { SchemeFormDrawer } from '../../features/performance/components/scheme-form-drawer.tsx';
import { useUserDirectory } from '../../features/users/api/get-user-directory.ts';
import { useZones } from '../../features/zones/api/get-zones.ts';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { PerformanceMetric, RankingRow, Scheme } from '../../lib/types.ts';
import { currentPeriod, zoneToday } from '../../lib/zone-time.ts';
import { periodRange } from '@crm/shared';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/;

/**
 * 绩效考核 (managers) / 我的绩效 (staff). The scheme, period and the figure being drilled into live in the URL
 * (?scheme=&period=&staff=&metric=), so the dashboard can link straight to one person's figures.
 */
export default function PerformanceRoute() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const user = useUser();
  const managesAll = hasRole(user, 'manager', 'admin', 'finance');
  const isManager = hasRole(user, 'manager');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<{ scheme?: Scheme } | null>(null);

  const schemes = useSchemes();
  // Per-person targets are for the scored staff; the directory is loaded only where a manager edits schemes.
  const directory = useUserDirectory({ enabled: isManager });
  const schemeParam = params.get('scheme');
  const scheme = schemes.data?.find((s) => s.id === schemeParam) ?? schemes.data?.[0];
  const periodParam = params.get('period') ?? '';
  const period = PERIOD.test(periodParam) ? periodParam : currentPeriod('month');
  const periodText = periodLabel(period, t);
  const ranking = useRanking(scheme ? { period, schemeId: scheme.id } : null);
  const close = useClosePeriod();

  const change = (next: Record<string, string | null>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === null) merged.delete(key);
      else merged.set(key, value);
    }
    setParams(merged, { replace: true });
  };

  const metrics = scheme?.metrics.map((m) => m.metric) ?? [];
  const drillStaffId = params.get('staff');
  const drillMetric = (params.get('metric') as PerformanceMetric | null) ?? metrics[0] ?? null;
  const drillRow = ranking.data?.rows.find((r) => r.staffId === drillStaffId);
  const drillTarget = drillRow && drillMetric ? { staffId: drillRow.staffId, staffName: drillRow.staffName, metric: drillMetric } : null;
  const openDrill = (row: RankingRow, metric: PerformanceMetric) => change({ staff: row.staffId, metric });

  const started = periodRange(period).from <= zoneToday();
  const confirmClose = () => {
    if (!scheme) return;
    void modal.confirm({
      title: t('performance.close.confirmTitle', { period: periodText }),
      content: t('performance.close.confirmBody', { scheme: scheme.name }),
      okText: t('performance.close.ok'),
      cancelText: t('common.cancel'),
      okButtonProps: { ...{ 'data-testid': 'close-period-ok' } },
      onOk: () =>
        close
          .mutateAsync(
            { period, schemeId: scheme.id },
            {
              onSuccess: () => void message.success(t('performance.close.done', { period: periodText })),
              onError: (error) => void message.error(errorText(error, t)),
            },
          )
          .catch(() => undefined),
    });
  };

  const filters = (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
      <Flex gap={12} align="center" justify="space-between" wrap>
        <Flex gap={12} align="center" wrap>
          <Typography.Text type="secondary">{t('performance.scheme.label')}</Typography.Text>
          <Select
            style={{ minWidth: 200 }}
            value={scheme?.id}
            onChange={(id: string) => change({ scheme: id, staff: null, metric: null })}
            options={(schemes.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            data-testid="scheme-select"
          />
          <PeriodPicker value={period} onChange={(next) => change({ period: next, staff: null, metric: null })} />
          {ranking.data ? (
            ranking.data.status === 'closed' ? (
              <Tag color="green" icon={<LockOutlined />} data-testid="period-status">
                {t('performance.status.closed')}
              </Tag>
            ) : (
              <Tag color="blue" data-testid="period-status">
                {t('performance.status.open')}
              </Tag>
            )
          ) : null}
        </Flex>
        {isManager ? (
          <Flex gap={8} wrap>
            {scheme ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing({ scheme })} data-testid="scheme-edit">
                {t('performance.scheme.edit')}
              </Button>
            ) : null}
            <Button icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="scheme-new">
              {t('performance.scheme.new')}
            </Button>
            {ranking.data?.status === 'open' ? (
              <Button
                type="primary"
                danger
                icon={<LockOutlined />}
                disabled={!started}
                title={started ? undefined : t('performance.close.notStarted')}
                loading={close.isPending}
                onClick={confirmClose}
                data-testid="close-period"
              >
                {t('performance.close.button')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );

  let body;
  if (schemes.isError) body = <ErrorAlert error={schemes.error} onRetry={() => void schemes.refetch()} />;
  else if (schemes.isPending)
    body = (
      <Card>
        <LoadingBlock rows={8} />
      </Card>
    );
  else if (!scheme) {
    body = (
      <Card>
        <EmptyState
          testId="schemes-empty"
          description={isManager ? t('performance.noSchemes') : t('performance.noSchemesStaff')}
          action={
            isManager ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                {t('performance.scheme.new')}
              </Button>
            ) : null
          }
        />
      </Card>
    );
  } else if (ranking.isError) body = <ErrorAlert error={ranking.error} onRetry={() => void ranking.refetch()} />;
  else if (ranking.isPending)
    body = (
      <Card>
        <LoadingBlock rows={8} />
      </Card>
    );
  else {
    const data = ranking.data;
    const future = started ? null : (
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('performance.future', { period: periodText })} data-testid="period-future" />
    );
    const closed =
      data.status === 'closed' ? (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Col xs={24} lg={9}>
            <ClosedBanner ranking={data} />
          </Col>
          <Col xs={24} lg={15}>
            <RestatementsCard restatements={data.restatements} />
          </Col>
        </Row>
      ) : (
        future
      );
    if (!managesAll) {
      const mine = data.rows.find((r) => r.staffId === user.id);
      body = (
        <>
          {closed}
          {mine ? (
            <MyPerformance ranking={data} row={mine} onDrill={openDrill} />
          ) : (
            <Card>
              <EmptyState testId="my-performance-empty" description={t('performance.mine.notScored')} />
            </Card>
          )}
        </>
      );
    } else {
      body = (
        <>
          {closed}
          {isManager ? <AppealsCard schemeId={scheme.id} meId={user.id} /> : null}
          <Card
            title={t('performance.rankingTitle', { period: periodText, count: data.staffCount })}
            extra={<Typography.Text type="secondary">{t('performance.bottomRule', { percent: data.scheme.bottomPercent })}</Typography.Text>}
            style={{ marginBottom: 16 }}
          >
            <RankingTable
              rows={data.rows}
              metrics={scheme.metrics}
              loading={ranking.isFetching}
              highlightStaffId={drillStaffId}
              onDrill={openDrill}
              emptyText={<EmptyState testId="ranking-empty" description={t('performance.noStaff')} />}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
              {t('performance.scoreHint')}
            </Typography.Paragraph>
          </Card>
          {hasRole(user, 'manager', 'finance') ? (
            <PayPool period={period} schemeId={scheme.id} closed={data.status === 'closed'} nothingScored={data.rows.every((r) => r.scoreHundredths <= 0)} />
          ) : null}
        </>
      );
    }
  }

  return (
    <>
      <PageHeader
        title={managesAll ? t('performance.title') : t('performance.mine.title')}
        subtitle={managesAll ? t('performance.subtitle') : t('performance.mine.subtitle')}
      />
      {filters}
      {body}
      {scheme ? (
        <DrillDrawer
          period={period}
          periodText={periodText}
          schemeId={scheme.id}
          closed={ranking.data?.status === 'closed'}
          target={drillTarget}
          metrics={metrics}
          onMetricChange={(metric) => change({ metric })}
          onClose={() => change({ staff: null, metric: null })}
        />
      ) : null}
      <SchemeFormDrawer
        open={!!editing}
        scheme={editing?.scheme}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          change({ scheme: saved.id });
        }}
        onReload={async () => {
          const fresh = await schemes.refetch();
          return fresh.data?.find((s) => s.id === editing?.scheme?.id);
        }}
        staff={(directory.data ?? []).filter((u) => u.active && u.roles.includes('staff')).map((u) => ({ id: u.id, name: u.displayName }))}
      />
    </>
  );
}

/**
 * The pay-pool panel with the zones its pools are saved for: the page loads them (features do not import each other),
 * here rather than in the route itself so that only those who see the panel (managers, finance) fetch them.
 */
function PayPool(props: Omit<Parameters<typeof PayPoolPanel>[0], 'zones'>) {
  const zones = useZones();
  return <PayPoolPanel {...props} zones={zones.data ?? []} />;
}
