import { ZoneTargetsBody } from '@crm/shared';
import { App, Col, Form, Input, Modal, Row, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { ApiError, type FieldProblem } from '../../../lib/api.ts';
import { schemaProblems } from '../../../lib/form-errors.ts';
import { fenToWanInput } from '../../../lib/format.ts';
import { wanAmountRule, wanFenOf } from '../../../lib/money-rules.ts';
import type { ZoneProgress, ZoneTargetsBody as ZoneTargetsInput } from '../../../lib/types.ts';
import { useSetZoneTargets } from '../api/set-zone-targets.ts';
import { isCountTarget, targetMetrics, type TargetMetricKey } from './target-metric.ts';

type Values = { targets: { target?: string; note?: string }[] };
const COUNT = /^\d+$/;

type Props = { year: number; zone: ZoneProgress | null; onClose: () => void };

/**
 * A zone's targets for a year: amounts typed in 万元, new projects as a count, each with an optional note (the
 * policy goal it serves). An empty box leaves that target as it is.
 */
export function ZoneTargetsModal({ year, zone, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const save = useSetZoneTargets();

  useEffect(() => {
    if (!zone) return;
    form.resetFields();
    errors.clear();
    form.setFieldsValue({
      targets: targetMetrics.map((metric) => {
        const target = zone.targets[metric];
        return {
          target: target === null || target === undefined ? '' : isCountTarget(metric) ? String(target) : fenToWanInput(target),
          note: zone.notes[metric] ?? '',
        };
      }),
    });
  }, [zone]);

  const submit = (values: Values) => {
    if (!zone) return;
    errors.clear();
    // Body rows are only the filled-in metrics; remember which form row each came from for the server's errors.
    const rows: { index: number; item: ZoneTargetsInput['targets'][number] }[] = [];
    targetMetrics.forEach((metric, index) => {
      const entry = values.targets[index];
      const text = (entry?.target ?? '').replace(/[,，\s]/g, '');
      if (!text) return;
      const target = isCountTarget(metric) ? Number(text) : (wanFenOf(text) ?? Number.NaN);
      rows.push({ index, item: { zoneId: zone.zoneId, metric, target, note: entry?.note?.trim() || null } });
    });
    const body: ZoneTargetsInput = { year, targets: rows.map((r) => r.item) };
    const toForm = (problems: FieldProblem[]) =>
      problems.map((p) => ({ ...p, field: p.field.replace(/^targets\.(\d+)\./, (_, i: string) => `targets.${rows[Number(i)]?.index ?? i}.`) }));
    const local = schemaProblems(ZoneTargetsBody, body);
    if (local.length > 0) {
      errors.handle(new ApiError({ status: 400, code: 'VALIDATION', message: t('errors.formProblems'), details: { fields: toForm(local) } }));
      return;
    }
    save.mutate(body, {
      onSuccess: () => {
        void message.success(t('dashboard.zones.saved', { zone: zone.zoneName }));
        onClose();
      },
      onError: (error) =>
        errors.handle(
          error instanceof ApiError && error.fields.length > 0
            ? new ApiError({
                status: error.status,
                code: error.code,
                message: error.message,
                requestId: error.requestId,
                details: { fields: toForm(error.fields) },
              })
            : error,
        ),
    });
  };

  const label = (metric: TargetMetricKey) =>
    t('performance.withUnit', {
      label: t(`dashboard.targetMetric.${metric}`),
      unit: isCountTarget(metric) ? t('dashboard.zones.countUnit') : t('performance.wanUnit'),
    });

  return (
    <Modal
      open={!!zone}
      width={680}
      title={zone ? t('dashboard.zones.editTitle', { zone: zone.zoneName, year }) : null}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ ...{ 'data-testid': 'zone-targets-submit' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('dashboard.zones.editHint')}</Typography.Paragraph>
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        {targetMetrics.map((metric, index) => (
          <Row key={metric} gutter={12}>
            <Col span={10}>
              <Form.Item
                name={['targets', index, 'target']}
                label={label(metric)}
                rules={isCountTarget(metric) ? [{ pattern: COUNT, message: t('performance.scheme.wholeNumber') }] : [wanAmountRule(t)]}
              >
                <Input inputMode="decimal" allowClear data-testid={`zone-target-${metric}`} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name={['targets', index, 'note']} label={t('dashboard.zones.note')}>
                <Input maxLength={200} placeholder={t('dashboard.zones.notePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        ))}
      </Form>
    </Modal>
  );
}
