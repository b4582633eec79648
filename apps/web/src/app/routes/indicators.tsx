import { App, Button, Card, Col, Empty, Flex, Input, Radio, Row, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, errorText } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useIndicatorEntries, useIndicatorSheet, useLandYield, useSaveIndicator } from '../../features/indicators/api/indicators.ts';
import { IndicatorTable, indicatorValue } from '../../features/shared/components/indicator-table.tsx';
import { useZones } from '../../features/zones/api/get-zones.ts';
import { useUser } from '../../lib/auth.ts';
import { fenToWanText, percentToBp, wanToFen } from '../../lib/format.ts';
import type { LandYield } from '../../lib/types.ts';
import { zoneToday } from '../../lib/zone-time.ts';

const wan = (v: string | null) => (v === null ? '—' : fenToWanText(v));

/**
 * 指标与亩产 (issue 14): the 一(三) indicators per zone (year to date, year on year, target, 完成率), the entry of
 * monthly actuals and yearly targets (managers and admins), and 亩产 per zone with the bottom list, idle land and
 * 奖惩. Tab and year live in the URL.
 */
export default function IndicatorsRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(zoneToday().slice(0, 4));
  const year = Number(params.get('year')) || thisYear;
  const tab = params.get('tab') ?? 'sheet';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title={t('indicators.title')}
        subtitle={t('indicators.subtitle')}
        extra={
          <Select
            data-testid="indicators-year"
            value={year}
            style={{ width: 110 }}
            onChange={(v) => set('year', String(v))}
            options={[thisYear - 2, thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}` }))}
          />
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => set('tab', k)}
          items={[
            { key: 'sheet', label: t('indicators.tabSheet'), children: tab === 'sheet' ? <Sheet year={year} /> : null },
            { key: 'entry', label: t('indicators.tabEntry'), children: tab === 'entry' ? <Entry year={year} /> : null },
            { key: 'yield', label: t('indicators.tabYield'), children: tab === 'yield' ? <Yield year={year} /> : null },
          ]}
        />
      </Card>
    </>
  );
}

function Sheet({ year }: { year: number }) {
  const { t } = useTranslation();
  const sheet = useIndicatorSheet(year);
  if (sheet.isError) return <ErrorAlert error={sheet.error} onRetry={() => void sheet.refetch()} />;
  if (sheet.isPending) return <LoadingBlock rows={10} />;
  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="indicators-through">
        {t('indicators.through', { month: sheet.data.throughMonth })}
      </Typography.Paragraph>
      <IndicatorTable zones={[...sheet.data.zones, { zoneId: null, zoneName: t('indicators.cityScope'), rows: sheet.data.city }]} showPeriod={false} />
    </>
  );
}

function Entry({ year }: { year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const canEdit = user.roles.some((r) => r === 'manager' || r === 'admin');
  const zones = useZones();
  const sheet = useIndicatorSheet(year);
  const entries = useIndicatorEntries(year);
  const save = useSaveIndicator();
  const [kind, setKind] = useState<'actual' | 'target'>('actual');
  const [code, setCode] = useState<string>('industrial_output');
  const [zoneId, setZoneId] = useState<string | null>(null);
  // This month when the year is the current one (what is entered most), else the year's January.
  const [month, setMonth] = useState(() => (zoneToday().startsWith(String(year)) ? zoneToday().slice(0, 7) : `${year}-01`));
  const [text, setText] = useState('');
  if (sheet.isPending || entries.isPending) return <LoadingBlock rows={6} />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} />;
  const defs = sheet.data.definitions.filter((d) => (kind === 'actual' ? d.source === 'entered' : d.scope === 'zone'));
  const def = defs.find((d) => d.code === code) ?? defs[0];
  const city = def?.scope === 'city';
  const parse = (): number | null => {
    if (!def) return null;
    if (def.unit === 'fen') return wanToFen(text);
    if (def.unit === 'bp') return percentToBp(text);
    return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  };
  const submit = () => {
    const value = parse();
    if (value === null || !def) return void message.error(t('indicators.value'));
    const zone = city ? null : zoneId;
    save.mutate(
      kind === 'actual'
        ? { actual: { indicatorCode: def.code, zoneId: zone, month, value } }
        : { target: { year, indicatorCode: def.code, zoneId: zone, target: value } },
      {
        onSuccess: () => void message.success(t('indicators.saved')),
        onError: (e) => void message.error(errorText(e, t)),
      },
    );
  };
  const zoneName = (id: string | null) =>
    id === null ? (kind === 'actual' ? t('indicators.cityScope') : t('indicators.allZones')) : (zones.data?.find((z) => z.id === id)?.name ?? id);
  const defName = (c: string) => sheet.data.definitions.find((d) => d.code === c)?.name ?? c;
  const unitOf = (c: string) => sheet.data.definitions.find((d) => d.code === c) ?? { unit: 'count' as const };
  type Line = { indicatorCode: string; zoneId: string | null; month: string; value: number };
  const list: Line[] =
    kind === 'actual'
      ? (entries.data?.actuals ?? []).filter((a) => a.month.startsWith(String(year)))
      : (entries.data?.targets ?? []).map((x) => ({ indicatorCode: x.indicatorCode, zoneId: x.zoneId, month: '', value: x.target }));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('indicators.entryHint')}</Typography.Paragraph>
      {canEdit && (
        <Flex gap={8} wrap="wrap" style={{ marginBottom: 16 }} data-testid="indicator-entry-form">
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as 'actual' | 'target')}
            optionType="button"
            options={[
              { value: 'actual', label: t('indicators.kindActual') },
              { value: 'target', label: t('indicators.kindTarget') },
            ]}
          />
          <Select
            data-testid="entry-indicator"
            style={{ width: 220 }}
            value={def?.code}
            onChange={setCode}
            options={defs.map((d) => ({ value: d.code, label: d.name }))}
          />
          {!city && (
            <Select
              data-testid="entry-zone"
              style={{ width: 200 }}
              value={zoneId ?? 'all'}
              onChange={(v) => setZoneId(v === 'all' ? null : v)}
              options={[
                ...(kind === 'target' ? [{ value: 'all', label: t('indicators.allZones') }] : []),
                ...(zones.data ?? []).map((z) => ({ value: z.id, label: z.name })),
              ]}
            />
          )}
          {kind === 'actual' && (
            <Select
              data-testid="entry-month"
              style={{ width: 120 }}
              value={month}
              onChange={setMonth}
              options={Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).map((m) => ({ value: m, label: m }))}
            />
          )}
          <Input
            data-testid="entry-value"
            style={{ width: 160 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            suffix={def?.unit === 'fen' ? '万元' : def?.unit === 'bp' ? '%' : ''}
          />
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="entry-save">
            {t('indicators.save')}
          </Button>
        </Flex>
      )}
      <Table
        size="small"
        rowKey={(r) => `${r.indicatorCode}-${r.zoneId}-${r.month}`}
        dataSource={list}
        pagination={{ pageSize: 12 }}
        columns={[
          { title: t('indicators.indicator'), render: (_, r) => defName(r.indicatorCode) },
          { title: t('indicators.zone'), render: (_, r) => zoneName(r.zoneId) },
          ...(kind === 'actual' ? [{ title: t('indicators.month'), dataIndex: 'month' }] : []),
          { title: t('indicators.value'), align: 'right', render: (_: unknown, r: Line) => indicatorValue(unitOf(r.indicatorCode), String(r.value)) },
        ]}
      />
    </>
  );
}

function Yield({ year }: { year: number }) {
  const { t } = useTranslation();
  const y = useLandYield(year);
  if (y.isError) return <ErrorAlert error={y.error} onRetry={() => void y.refetch()} />;
  if (y.isPending) return <LoadingBlock rows={10} />;
  const d: LandYield = y.data;
  const projectCols = [
    { title: t('indicators.project'), dataIndex: 'name' },
    { title: t('indicators.zone'), dataIndex: 'zoneName' },
    { title: t('indicators.landMu'), dataIndex: 'landMu', align: 'right' as const },
    { title: t('indicators.outputPerMu'), align: 'right' as const, render: (_: unknown, r: { outputFenPerMu: string | null }) => wan(r.outputFenPerMu) },
    { title: t('indicators.taxPerMu'), align: 'right' as const, render: (_: unknown, r: { taxFenPerMu: string | null }) => wan(r.taxFenPerMu) },
  ];
  return (
    <Flex vertical gap={20}>
      <div>
        <Typography.Title level={5}>{t('indicators.yieldZones')}</Typography.Title>
        <Table
          size="small"
          bordered
          pagination={false}
          rowKey="zoneId"
          dataSource={d.zones}
          data-testid="yield-zones"
          columns={[
            { title: t('indicators.zone'), dataIndex: 'zoneName' },
            { title: t('indicators.projects'), dataIndex: 'projects', align: 'right' },
            { title: t('indicators.landMu'), dataIndex: 'landMu', align: 'right' },
            { title: t('indicators.outputPerMu'), align: 'right', render: (_, r) => wan(r.outputFenPerMu) },
            { title: t('indicators.taxPerMu'), align: 'right', render: (_, r) => wan(r.taxFenPerMu) },
            {
              title: t('indicators.idleMu'),
              dataIndex: 'idleMu',
              align: 'right',
              render: (v: number) => (v > 0 ? <Typography.Text type="warning">{v}</Typography.Text> : v),
            },
          ]}
        />
      </div>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('indicators.bottom')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="projectId"
            dataSource={d.bottom}
            data-testid="yield-bottom"
            columns={projectCols}
            locale={{ emptyText: <Empty description={t('indicators.none')} /> }}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={5}>{t('indicators.idle')}</Typography.Title>
          <Table
            size="small"
            pagination={{ pageSize: 8 }}
            rowKey={(r) => `${r.projectId}-${r.flag}`}
            dataSource={d.idle}
            data-testid="yield-idle"
            columns={[
              { title: t('indicators.project'), dataIndex: 'name' },
              { title: t('indicators.zone'), dataIndex: 'zoneName' },
              {
                title: t('indicators.flag'),
                dataIndex: 'flag',
                render: (f: 'approved_not_supplied' | 'supplied_not_used') => (
                  <Tag color={f === 'supplied_not_used' ? 'red' : 'orange'}>{t(`indicators.${f}`)}</Tag>
                ),
              },
              { title: t('indicators.landMu'), dataIndex: 'landMu', align: 'right' },
              { title: t('indicators.since'), dataIndex: 'since' },
              { title: t('indicators.days'), dataIndex: 'days', align: 'right' },
            ]}
          />
        </Col>
      </Row>
      <div data-testid="yield-rewards">
        <Typography.Title level={5}>{t('indicators.rewardsPenalties')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('indicators.rule')}</Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          rowKey={(r) => `${r.kind}-${r.projectId}`}
          dataSource={d.zones.flatMap((z) => [
            ...z.rewarded.map((p) => ({ ...p, kind: 'rewarded' as const })),
            ...z.penalised.map((p) => ({ ...p, kind: 'penalised' as const })),
          ])}
          columns={[
            { title: t('indicators.zone'), dataIndex: 'zoneName' },
            { title: t('indicators.project'), dataIndex: 'name' },
            {
              title: '',
              dataIndex: 'kind',
              render: (k: 'rewarded' | 'penalised') => <Tag color={k === 'rewarded' ? 'green' : 'red'}>{t(`indicators.${k}`)}</Tag>,
            },
            { title: t('indicators.taxPerMu'), align: 'right', render: (_, r) => wan(r.taxFenPerMu) },
            { title: t('indicators.reason'), dataIndex: 'reason' },
          ]}
          locale={{ emptyText: <Empty description={t('indicators.none')} /> }}
        />
      </div>
    </Flex>
  );
}
