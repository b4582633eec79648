import { EditOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Button, Progress, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { fenToWanText, formatBp, formatFen } from '../../../lib/format.ts';
import type { ZoneProgress } from '../../../lib/types.ts';
import { isCountTarget, targetMetrics, type TargetMetricKey } from './target-metric.ts';
import { completionBp } from './zone-targets-chart.tsx';

type Props = { zones: ZoneProgress[]; canEdit: boolean; onEdit: (zone: ZoneProgress) => void };

function Amount({ metric, value }: { metric: TargetMetricKey; value: number | string }) {
  if (isCountTarget(metric)) return <span>{value}</span>;
  return (
    <Tooltip title={formatFen(value)}>
      <span>{fenToWanText(value)}</span>
    </Tooltip>
  );
}

/** Each zone's targets for the year beside what has been reached; managers edit a zone's row. */
export function ZoneTargetsTable({ zones, canEdit, onEdit }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<ZoneProgress> = [
    {
      title: t('dashboard.zones.zone'),
      dataIndex: 'zoneName',
      width: 150,
      fixed: 'left',
      // 飞地 (issue 14): the actuals are the zone's own share; the partner's share and the whole are in the tooltip.
      render: (name: string, zone) =>
        zone.enclave ? (
          <div data-testid={`zone-${zone.zoneId}-enclave`}>
            <div>{name}</div>
            <Tooltip
              title={t('enclave.tooltip', {
                partner: zone.enclave.partner,
                investment: formatFen(zone.enclave.partnerShare.signed_investment),
                fai: formatFen(zone.enclave.partnerShare.fixed_asset_investment),
                output: formatFen(zone.enclave.partnerShare.annual_output),
                tax: formatFen(zone.enclave.partnerShare.annual_tax),
              })}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('enclave.line', { partner: zone.enclave.partner, share: formatBp(zone.enclave.partnerShareBp) })}
              </Typography.Text>
            </Tooltip>
          </div>
        ) : (
          name
        ),
    },
    ...targetMetrics.map((metric): ColumnsType<ZoneProgress>[number] => ({
      key: metric,
      width: 150,
      title: (
        <div>
          <div>{t(`dashboard.targetMetric.${metric}`)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
            {isCountTarget(metric) ? t('dashboard.zones.countUnit') : t('performance.wanUnit')} · {t('dashboard.zones.actualOverTarget')}
          </Typography.Text>
        </div>
      ),
      render: (_, zone) => {
        const target = zone.targets[metric];
        const actual = zone.actuals[metric] ?? 0;
        const bp = completionBp(actual, target);
        const note = zone.notes[metric];
        return (
          <div style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`zone-${zone.zoneId}-${metric}`}>
            <Amount metric={metric} value={actual} />
            <Typography.Text type="secondary">
              {' / '}
              {target === null || target === undefined ? t('dashboard.zones.noTarget') : <Amount metric={metric} value={target} />}
            </Typography.Text>
            {note ? (
              <Tooltip title={note}>
                <InfoCircleOutlined style={{ marginLeft: 6, color: '#94a3b8' }} />
              </Tooltip>
            ) : null}
            {bp === null ? null : (
              <Progress
                percent={Math.min(100, Math.floor(bp / 100))}
                size="small"
                format={() => formatBp(bp)}
                status={bp >= 10000 ? 'success' : 'normal'}
                style={{ margin: 0 }}
              />
            )}
          </div>
        );
      },
    })),
  ];
  if (canEdit) {
    columns.push({
      key: 'actions',
      width: 72,
      fixed: 'right',
      render: (_, zone) => (
        <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(zone)} data-testid={`zone-targets-edit-${zone.zoneId}`}>
          {t('common.edit')}
        </Button>
      ),
    });
  }
  return (
    <Table<ZoneProgress>
      rowKey="zoneId"
      size="small"
      pagination={false}
      columns={columns}
      dataSource={zones}
      scroll={{ x: 760 }}
      data-testid="zone-targets-table"
    />
  );
}
