import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/states.tsx';
import type { Dashboard } from '../../../lib/types.ts';
import { IndicatorTable } from '../../shared/components/indicator-table.tsx';

const ALL = '*';
const TOTAL = 'total';

/**
 * 一(三) 指标完成情况 on the dashboard (issue 14): the indicators' year to date, year on year, target and 完成率 as
 * GET /api/dashboard gives them. One zone at a time — all zones together by default, since the list of zones can be
 * long — or every zone at once.
 */
export function IndicatorCard({ indicators, year }: { indicators: Dashboard['indicators']; year: number }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<string>(TOTAL);
  const keyOf = (zoneId: string | null) => zoneId ?? TOTAL;
  const zones = shown === ALL ? indicators.zones : indicators.zones.filter((z) => keyOf(z.zoneId) === shown);
  const options = [
    ...indicators.zones.map((z) => ({ value: keyOf(z.zoneId), label: z.zoneId === null ? t('indicators.allZones') : z.zoneName })),
    { value: ALL, label: t('indicators.dashboardAll') },
  ];
  return (
    <Card
      title={t('indicators.dashboardTitle')}
      style={{ marginBottom: 16 }}
      data-testid="dashboard-indicators"
      extra={
        <Flex align="center" gap={12}>
          <Typography.Text type="secondary">{t('indicators.dashboardShow')}</Typography.Text>
          <Select
            size="small"
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={options.some((o) => o.value === shown) ? shown : ALL}
            onChange={setShown}
            options={options}
            data-testid="dashboard-indicators-zone"
          />
          <Link to={`/indicators?tab=sheet&year=${year}`}>
            {t('dashboard.more')} <ArrowRightOutlined />
          </Link>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('indicators.dashboardHint', { month: indicators.throughMonth })}
      </Typography.Paragraph>
      {zones.length === 0 || zones.every((z) => z.rows.length === 0) ? (
        <EmptyState description={t('indicators.dashboardEmpty')} />
      ) : (
        <IndicatorTable zones={zones} showPeriod={false} large testId="dashboard-indicator-table" />
      )}
    </Card>
  );
}
