import { chainPositions } from '@crm/shared';
import { Col, Form, Select } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Industry, Zone } from '../lib/types.ts';

type Props = {
  zones: Zone[];
  industries: Industry[];
  /** The four labels, in the form's own wording. */
  labels: { zone: string; park: string; industry: string; chainNode: string };
  /** Prefix of the data-testid attributes: `${testIdPrefix}-zone`, `-park`, `-industry`, `-chainNode`. */
  testIdPrefix: string;
  /** Zone and industry must be chosen (and cannot be cleared). */
  required?: boolean;
};

/**
 * 园区 → 子园区 and 产业 → 产业链环节, as four half-width columns inside a form's Row: the park and chain-node
 * choices follow the zone and industry picked, and picking another zone or industry clears them. The form
 * fields are zoneId, parkId, industryId and chainNodeId.
 */
export function ZoneIndustryFields({ zones, industries, labels, testIdPrefix, required = false }: Props) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const zoneId = Form.useWatch('zoneId', form) as string | null | undefined;
  const industryId = Form.useWatch('industryId', form) as string | null | undefined;

  const parkOptions = useMemo(() => (zones.find((z) => z.id === zoneId)?.parks ?? []).map((p) => ({ value: p.id, label: p.name })), [zones, zoneId]);
  const chainNodeOptions = useMemo(() => {
    const nodes = industries.find((i) => i.id === industryId)?.chainNodes ?? [];
    return chainPositions
      .map((position) => ({
        label: t(`chainPosition.${position}`),
        title: position,
        options: nodes
          .filter((n) => n.position === position)
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map((n) => ({ value: n.id, label: n.name })),
      }))
      .filter((group) => group.options.length > 0);
  }, [industries, industryId, t]);

  const requiredRule = (label: string) => (required ? [{ required: true, message: t('validation.select', { label }) }] : undefined);

  return (
    <>
      <Col xs={24} md={12}>
        <Form.Item name="zoneId" label={labels.zone} rules={requiredRule(labels.zone)}>
          <Select
            allowClear={!required}
            options={zones.map((z) => ({ value: z.id, label: z.name }))}
            onChange={() => form.setFieldValue('parkId', null)}
            data-testid={`${testIdPrefix}-zone`}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="parkId" label={labels.park}>
          <Select allowClear disabled={!zoneId} options={parkOptions} data-testid={`${testIdPrefix}-park`} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="industryId" label={labels.industry} rules={requiredRule(labels.industry)}>
          <Select
            allowClear={!required}
            options={industries.map((i) => ({ value: i.id, label: i.name }))}
            onChange={() => form.setFieldValue('chainNodeId', null)}
            data-testid={`${testIdPrefix}-industry`}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="chainNodeId" label={labels.chainNode}>
          <Select allowClear disabled={!industryId} options={chainNodeOptions} data-testid={`${testIdPrefix}-chainNode`} />
        </Form.Item>
      </Col>
    </>
  );
}
