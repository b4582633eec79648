import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../components/chart.tsx';
import { fenToWanNumber, fenToWanText } from '../../../lib/format.ts';
import type { TrendMonth } from '../../../lib/types.ts';

/** Month by month: new leads and signings as bars (count), signed investment as a line (万元, right axis). */
export function TrendChart({ trend }: { trend: TrendMonth[] }) {
  const { t, i18n } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const months = trend.map((m) => dayjs(`${m.month}-01`).format(i18n.language === 'en' ? 'MMM' : 'M月'));
    const leads = t('dashboard.trend.newLeads');
    const signed = t('dashboard.trend.signed');
    const amount = t('dashboard.trend.signedInvestment');
    return {
      color: ['#60a5fa', '#10b981', '#f59e0b'],
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const list = params as { dataIndex: number }[];
          const month = trend[list[0]?.dataIndex ?? 0];
          if (!month) return '';
          return [
            `<b>${month.month}</b>`,
            `${leads}${t('app.colon')}${month.newLeads}`,
            `${signed}${t('app.colon')}${month.signedProjects}`,
            `${amount}${t('app.colon')}${fenToWanText(month.signedInvestmentFen)} ${t('performance.wanUnit')}`,
            `${t('dashboard.trend.construction')}${t('app.colon')}${month.constructionStarted}`,
          ].join('<br/>');
        },
      },
      legend: { top: 0 },
      grid: { left: 48, right: 72, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: [
        { type: 'value', name: t('dashboard.trend.countAxis'), minInterval: 1 },
        { type: 'value', name: t('performance.wanUnit'), splitLine: { show: false } },
      ],
      series: [
        { type: 'bar', name: leads, data: trend.map((m) => m.newLeads), barMaxWidth: 18 },
        { type: 'bar', name: signed, data: trend.map((m) => m.signedProjects), barMaxWidth: 18 },
        { type: 'line', name: amount, yAxisIndex: 1, smooth: true, symbolSize: 6, data: trend.map((m) => fenToWanNumber(m.signedInvestmentFen)) },
      ],
    };
  }, [trend, t, i18n.language]);
  return <Chart option={option} height={360} label={t('dashboard.trend.title')} testId="trend-chart" />;
}
