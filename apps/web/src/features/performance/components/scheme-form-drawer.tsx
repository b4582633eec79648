import { MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CreateSchemeBody, UpdateSchemeBody } from '@crm/shared';
import { Alert, App, Button, Col, Drawer, Flex, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { ApiError } from '../../../lib/api.ts';
import { fenToWanInput } from '../../../lib/format.ts';
import { wanAmountRule, wanFenOf } from '../../../lib/money-rules.ts';
import type { CreateSchemeBody as CreateSchemeInput, PerformanceMetric, Scheme, UpdateSchemeBody as UpdateSchemeInput } from '../../../lib/types.ts';
import { useCreateScheme } from '../api/create-scheme.ts';
import { useUpdateScheme } from '../api/update-scheme.ts';
import { isMoneyMetric, performanceMetrics } from './metric.tsx';

type MetricValues = { metric?: PerformanceMetric; weight?: number | null; target?: string };
/** One person's own target for one metric (it replaces the scheme's target for that person). */
type PersonTargetValues = { staffId?: string; metric?: PerformanceMetric; target?: string };
type TargetPeriod = 'month' | 'quarter' | 'year';
type Values = {
  name?: string;
  targetMode?: 'per_staff' | 'per_team';
  targetPeriod?: TargetPeriod;
  bottomPercent?: number | null;
  appealWorkingDays?: number | null;
  metrics?: MetricValues[];
  staffTargets?: PersonTargetValues[];
};
/** Someone who can be given a target of their own: the scored staff. */
export type SchemeStaff = { id: string; name: string };

const COUNT_PATTERN = /^\d+$/;

const targetText = (metric: PerformanceMetric, target: number) => (isMoneyMetric(metric) ? fenToWanInput(target) : String(target));

function valuesOf(scheme: Scheme): Values {
  return {
    name: scheme.name,
    targetMode: scheme.targetMode,
    targetPeriod: scheme.targetPeriod,
    bottomPercent: scheme.bottomPercent,
    appealWorkingDays: scheme.appealWorkingDays,
    metrics: scheme.metrics.map((m) => ({ metric: m.metric, weight: m.weight, target: targetText(m.metric, m.target) })),
    staffTargets: Object.entries(scheme.staffTargets).flatMap(([staffId, targets]) =>
      Object.entries(targets).map(([metric, target]) => ({
        staffId,
        metric: metric as PerformanceMetric,
        target: targetText(metric as PerformanceMetric, target),
      })),
    ),
  };
}

const targetOf = (m: MetricValues | PersonTargetValues): number => {
  const text = (m.target ?? '').replace(/[,，\s]/g, '');
  if (m.metric && isMoneyMetric(m.metric)) return wanFenOf(text) ?? Number.NaN;
  return COUNT_PATTERN.test(text) ? Number(text) : Number.NaN;
};

function bodyOf(values: Values): CreateSchemeInput & { staffTargets: Record<string, Partial<Record<PerformanceMetric, number>>> } {
  const staffTargets: Record<string, Partial<Record<PerformanceMetric, number>>> = {};
  for (const row of values.staffTargets ?? []) {
    if (!row?.staffId || !row.metric) continue;
    staffTargets[row.staffId] = { ...staffTargets[row.staffId], [row.metric]: targetOf(row) };
  }
  return {
    name: values.name?.trim() ?? '',
    targetMode: values.targetMode ?? 'per_staff',
    targetPeriod: values.targetPeriod ?? 'month',
    bottomPercent: values.bottomPercent ?? 0,
    appealWorkingDays: values.appealWorkingDays ?? 5,
    metrics: (values.metrics ?? []).map((m) => ({ metric: m.metric as PerformanceMetric, weight: m.weight ?? 0, target: targetOf(m) })),
    staffTargets,
  };
}

const weightSum = (metrics: MetricValues[] | undefined) => (metrics ?? []).reduce((sum, m) => sum + (typeof m?.weight === 'number' ? m.weight : 0), 0);

const isStale = (error: unknown) =>
  error instanceof ApiError &&
  error.code === 'CONFLICT' &&
  !!error.details &&
  typeof error.details === 'object' &&
  (error.details as { reason?: unknown }).reason === 'stale_version';

type Props = {
  open: boolean;
  /** Absent: a new scheme. */
  scheme?: Scheme;
  onClose: () => void;
  onSaved: (scheme: Scheme) => void;
  /** Edit mode: fetch the current scheme after someone else saved it first. */
  onReload?: () => Promise<Scheme | undefined>;
  /** Who may be given a target of their own (the scored staff). */
  staff: SchemeStaff[];
};

/**
 * 考核方案: which metrics count, their weights (summing to 100, with the running sum in view), the target per
 * person or for the team, and the share of the ranking flagged 末位.
 */
export function SchemeFormDrawer({ open, scheme, onClose, onSaved, onReload, staff }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const create = useCreateScheme();
  const update = useUpdateScheme();
  const [stale, setStale] = useState(false);
  const [base, setBase] = useState<Scheme | undefined>(scheme);
  const watched = Form.useWatch('metrics', form);
  const watchedTargets = Form.useWatch('staffTargets', form);
  const sum = weightSum(watched);
  const schemeMetrics = (watched ?? []).map((m) => m?.metric).filter((m): m is PerformanceMetric => !!m);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      scheme
        ? valuesOf(scheme)
        : {
            targetMode: 'per_staff',
            targetPeriod: 'month',
            bottomPercent: 10,
            appealWorkingDays: 5,
            staffTargets: [],
            metrics: [
              { metric: 'new_leads', weight: 30, target: '4' },
              { metric: 'visits', weight: 30, target: '6' },
              { metric: 'signed_projects', weight: 40, target: '1' },
            ],
          },
    );
    setBase(scheme);
    setStale(false);
    errors.clear();
    // Only when the drawer opens: a refetch behind an open form must not wipe what is being typed.
  }, [open]);

  const reload = async () => {
    const fresh = await onReload?.();
    if (!fresh) return;
    form.setFieldsValue(valuesOf(fresh));
    setBase(fresh);
    setStale(false);
    errors.clear();
  };

  const failed = (error: unknown) => {
    if (isStale(error)) {
      setStale(true);
      return;
    }
    errors.handle(error);
  };

  const submit = (values: Values) => {
    errors.clear();
    const body = bodyOf(values);
    if (base) {
      const before = bodyOf(valuesOf(base));
      const changes: UpdateSchemeInput = { version: base.version };
      // Only what changed is sent: the server keeps every field a PATCH leaves out.
      for (const key of Object.keys(body) as (keyof typeof body)[]) {
        if (JSON.stringify(body[key]) !== JSON.stringify(before[key])) Object.assign(changes, { [key]: body[key] });
      }
      if (!errors.check(UpdateSchemeBody, changes)) return;
      update.mutate(
        { id: base.id, body: changes },
        {
          onSuccess: (saved) => {
            void message.success(t('performance.scheme.updated'));
            onSaved(saved);
          },
          onError: failed,
        },
      );
      return;
    }
    if (!errors.check(CreateSchemeBody, body)) return;
    create.mutate(body, {
      onSuccess: (saved) => {
        void message.success(t('performance.scheme.created'));
        onSaved(saved);
      },
      onError: failed,
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={scheme ? t('performance.scheme.editTitle') : t('performance.scheme.createTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="scheme-submit">
            {scheme ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {stale ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="scheme-stale-alert"
          title={t('performance.scheme.staleTitle')}
          description={t('performance.scheme.staleBody')}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} scrollToFirstError data-testid="scheme-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('performance.scheme.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('performance.scheme.name') }) }]}
            >
              <Input maxLength={64} placeholder={t('performance.scheme.namePlaceholder')} data-testid="scheme-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="bottomPercent"
              label={t('performance.scheme.bottomPercent')}
              extra={t('performance.scheme.bottomHelp')}
              rules={[{ required: true, message: t('validation.required', { label: t('performance.scheme.bottomPercent') }) }]}
            >
              <InputNumber min={0} max={50} precision={0} suffix="%" style={{ width: 140 }} data-testid="scheme-bottom" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="appealWorkingDays"
              label={t('performance.scheme.appealDays')}
              extra={t('performance.scheme.appealDaysHelp')}
              rules={[{ required: true, message: t('validation.required', { label: t('performance.scheme.appealDays') }) }]}
            >
              <InputNumber
                min={1}
                max={30}
                precision={0}
                suffix={t('performance.scheme.workingDays')}
                style={{ width: 160 }}
                data-testid="scheme-appeal-days"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="targetMode" label={t('performance.scheme.targetMode')}>
              <Radio.Group
                options={[
                  { value: 'per_staff', label: t('performance.scheme.perStaff') },
                  { value: 'per_team', label: t('performance.scheme.perTeam') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="targetPeriod" label={t('performance.scheme.targetPeriod')} extra={t('performance.scheme.targetPeriodHelp')}>
              <Radio.Group
                data-testid="scheme-target-period"
                options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: t(`performance.scheme.targetPeriods.${p}`) }))}
              />
            </Form.Item>
          </Col>
        </Row>

        <Flex justify="space-between" align="baseline" style={{ marginBottom: 8 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('performance.scheme.metrics')}
          </Typography.Title>
          <Typography.Text type={sum === 100 ? 'success' : 'danger'} strong data-testid="scheme-weight-sum">
            {t('performance.scheme.weightSum', { sum })}
          </Typography.Text>
        </Flex>
        <Form.List
          name="metrics"
          rules={[
            {
              validator: async (_, metrics: MetricValues[] | undefined) => {
                if (!metrics || metrics.length === 0) throw new Error(t('performance.scheme.needMetric'));
                const total = weightSum(metrics);
                if (total !== 100) throw new Error(t('performance.scheme.weightMustBe100', { sum: total }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors: listErrors }) => {
            const used = new Set((watched ?? []).map((m) => m?.metric).filter(Boolean));
            return (
              <>
                {fields.map((field, index) => {
                  const metric = watched?.[index]?.metric;
                  const money = !!metric && isMoneyMetric(metric);
                  return (
                    <Row key={field.key} gutter={8} align="top" data-testid={`scheme-metric-${index}`}>
                      <Col flex="220px">
                        <Form.Item
                          name={[field.name, 'metric']}
                          rules={[{ required: true, message: t('validation.select', { label: t('performance.scheme.metric') }) }]}
                        >
                          <Select
                            placeholder={t('performance.scheme.metric')}
                            options={performanceMetrics.map((m) => ({ value: m, label: t(`performance.metric.${m}`), disabled: used.has(m) && m !== metric }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="130px">
                        <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: t('performance.scheme.weightRequired') }]}>
                          <InputNumber
                            min={1}
                            max={100}
                            precision={0}
                            prefix={t('performance.scheme.weightPrefix')}
                            style={{ width: '100%' }}
                            data-testid={`scheme-weight-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="auto">
                        <Form.Item
                          name={[field.name, 'target']}
                          rules={
                            money
                              ? [wanAmountRule(t, { required: true, label: t('performance.scheme.target') })]
                              : [
                                  { required: true, message: t('validation.required', { label: t('performance.scheme.target') }) },
                                  { pattern: COUNT_PATTERN, message: t('performance.scheme.wholeNumber') },
                                ]
                          }
                        >
                          <Input
                            prefix={t('performance.scheme.targetPrefix')}
                            suffix={money ? t('performance.wanUnit') : metric ? t(`performance.unit.${metric}`) : ''}
                            inputMode="decimal"
                            data-testid={`scheme-target-${index}`}
                          />
                        </Form.Item>
                      </Col>
                      <Col flex="32px">
                        <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                      </Col>
                    </Row>
                  );
                })}
                <Form.ErrorList errors={listErrors} />
                {fields.length < performanceMetrics.length ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    style={{ marginTop: 8 }}
                    onClick={() => add({ metric: performanceMetrics.find((m) => !used.has(m)), weight: Math.max(1, 100 - sum), target: '' })}
                    data-testid="scheme-add-metric"
                  >
                    {t('performance.scheme.addMetric')}
                  </Button>
                ) : null}
              </>
            );
          }}
        </Form.List>

        <Typography.Title level={5} style={{ margin: '24px 0 4px' }}>
          {t('performance.scheme.staffTargets')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('performance.scheme.staffTargetsHelp')}
        </Typography.Paragraph>
        <Form.List
          name="staffTargets"
          rules={[
            {
              validator: async (_, rows: PersonTargetValues[] | undefined) => {
                const keys = (rows ?? []).filter((r) => r?.staffId && r.metric).map((r) => `${r.staffId}:${r.metric}`);
                if (new Set(keys).size !== keys.length) throw new Error(t('performance.scheme.staffTargetTwice'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors: listErrors }) => (
            <>
              {fields.map((field, index) => {
                const metric = watchedTargets?.[index]?.metric;
                const money = !!metric && isMoneyMetric(metric);
                return (
                  <Row key={field.key} gutter={8} align="top" data-testid={`scheme-staff-target-${index}`}>
                    <Col flex="180px">
                      <Form.Item
                        name={[field.name, 'staffId']}
                        rules={[{ required: true, message: t('validation.select', { label: t('performance.col.staff') }) }]}
                      >
                        <Select
                          showSearch
                          optionFilterProp="label"
                          placeholder={t('performance.col.staff')}
                          options={staff.map((s) => ({ value: s.id, label: s.name }))}
                          data-testid={`scheme-staff-target-staff-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="200px">
                      <Form.Item
                        name={[field.name, 'metric']}
                        rules={[{ required: true, message: t('validation.select', { label: t('performance.scheme.metric') }) }]}
                      >
                        <Select
                          placeholder={t('performance.scheme.metric')}
                          options={schemeMetrics.map((m) => ({ value: m, label: t(`performance.metric.${m}`) }))}
                          data-testid={`scheme-staff-target-metric-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Form.Item
                        name={[field.name, 'target']}
                        rules={
                          money
                            ? [wanAmountRule(t, { required: true, label: t('performance.scheme.target') })]
                            : [
                                { required: true, message: t('validation.required', { label: t('performance.scheme.target') }) },
                                { pattern: COUNT_PATTERN, message: t('performance.scheme.wholeNumber') },
                              ]
                        }
                      >
                        <Input
                          prefix={t('performance.scheme.targetPrefix')}
                          suffix={money ? t('performance.wanUnit') : metric ? t(`performance.unit.${metric}`) : ''}
                          inputMode="decimal"
                          data-testid={`scheme-staff-target-value-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="32px">
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                    </Col>
                  </Row>
                );
              })}
              <Form.ErrorList errors={listErrors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ metric: schemeMetrics[0], target: '' })}
                disabled={schemeMetrics.length === 0 || staff.length === 0}
                data-testid="scheme-add-staff-target"
              >
                {t('performance.scheme.addStaffTarget')}
              </Button>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('performance.scheme.formula')}
        </Typography.Paragraph>
      </Form>
    </Drawer>
  );
}
