import { CreateZoneBody, UpdateZoneBody, zoneLevels } from '@crm/shared';
import { App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { bpToPercentInput, percentToBp } from '../../../lib/format.ts';
import type { CreateZoneBody as CreateZoneInput, Industry, UpdateZoneBody as UpdateZoneInput, Zone, ZoneLevel } from '../../../lib/types.ts';
import { useCreateZone } from '../api/create-zone.ts';
import { useUpdateZone } from '../api/update-zone.ts';

type Values = {
  name?: string;
  level?: ZoneLevel;
  county?: string;
  isEnclave?: boolean;
  enclavePartner?: string;
  /** percent, as typed */
  benefitShare?: string;
  leadingIndustryIds?: string[];
  emergingIndustryIds?: string[];
  parks?: string[];
};

const text = (value: string | undefined | null) => value?.trim() || null;

type Props = { open: boolean; zone?: Zone; industries: Industry[]; onClose: () => void };

export function ZoneFormModal({ open, zone, industries, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { benefitShareBp: 'benefitShare' });
  const create = useCreateZone();
  const update = useUpdateZone();
  const isEnclave = Form.useWatch('isEnclave', form);
  const industryOptions = industries.map((i) => ({ value: i.id, label: i.name }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      zone
        ? {
            name: zone.name,
            level: zone.level,
            county: zone.county ?? undefined,
            isEnclave: zone.isEnclave,
            enclavePartner: zone.enclavePartner ?? undefined,
            benefitShare: zone.benefitShareBp === null ? undefined : bpToPercentInput(zone.benefitShareBp),
            leadingIndustryIds: zone.leadingIndustryIds,
            emergingIndustryIds: zone.emergingIndustryIds,
          }
        : { level: 'provincial', isEnclave: false, leadingIndustryIds: [], emergingIndustryIds: [], parks: [] },
    );
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const share = text(values.benefitShare);
    const fields = {
      name: values.name?.trim() ?? '',
      level: values.level as ZoneLevel,
      county: text(values.county),
      isEnclave: !!values.isEnclave,
      enclavePartner: values.isEnclave ? text(values.enclavePartner) : null,
      benefitShareBp: values.isEnclave && share ? percentToBp(share) : null,
      leadingIndustryIds: values.leadingIndustryIds ?? [],
      emergingIndustryIds: values.emergingIndustryIds ?? [],
    };
    if (zone) {
      const body: UpdateZoneInput = { version: zone.version, ...fields };
      if (!errors.check(UpdateZoneBody, body)) return;
      update.mutate(
        { id: zone.id, body },
        {
          onSuccess: () => {
            void message.success(t('zones.updated'));
            onClose();
          },
          onError: errors.handle,
        },
      );
      return;
    }
    const body: CreateZoneInput = { ...fields, parks: (values.parks ?? []).map((p) => p.trim()).filter(Boolean) };
    if (!errors.check(CreateZoneBody, body)) return;
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('zones.created'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open={open}
      title={zone ? t('zones.editTitle') : t('zones.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={zone ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={640}
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="zone-form">
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('zones.field.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('zones.field.name') }) }]}
            >
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="level" label={t('zones.field.level')} rules={[{ required: true }]}>
              <Select options={zoneLevels.map((l) => ({ value: l, label: t(`zoneLevel.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="county" label={t('zones.field.county')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leadingIndustryIds" label={t('zones.field.leading')} rules={[{ type: 'array', max: 2, message: t('validation.maxLeading') }]}>
              <Select mode="multiple" options={industryOptions} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="emergingIndustryIds" label={t('zones.field.emerging')} rules={[{ type: 'array', max: 1, message: t('validation.maxEmerging') }]}>
              <Select mode="multiple" options={industryOptions} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="isEnclave" label={t('zones.field.isEnclave')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          {isEnclave ? (
            <>
              <Col xs={24} md={14}>
                <Form.Item
                  name="enclavePartner"
                  label={t('zones.field.enclavePartner')}
                  rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('zones.field.enclavePartner') }) }]}
                >
                  <Input maxLength={128} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name="benefitShare"
                  label={t('zones.field.benefitShare')}
                  extra={t('zones.field.benefitShareHelp')}
                  rules={[
                    {
                      validator: (_, value: unknown) =>
                        typeof value !== 'string' || value.trim() === '' || percentToBp(value) !== null
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('validation.percent'))),
                    },
                  ]}
                >
                  <Input suffix="%" inputMode="decimal" />
                </Form.Item>
              </Col>
            </>
          ) : null}
          {zone ? null : (
            <Col span={24}>
              <Form.Item name="parks" label={t('zones.field.parksInitial')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
