import { type LeadAlreadySignedDetails, SignLeadBody } from '@crm/shared';
import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { ZoneIndustryFields } from '../../../components/zone-industry-fields.tsx';
import { ApiError } from '../../../lib/api.ts';
import { DATE, fenToWanInput } from '../../../lib/format.ts';
import { muOf, muRule, wanAmountRule, wanFenOrZero } from '../../../lib/money-rules.ts';
import type { Lead, ProjectDetail, SignLeadBody as SignLeadInput } from '../../../lib/types.ts';
import { useSignLead } from '../api/sign-lead.ts';
import type { ProjectChoices } from './choices.ts';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';

type Values = {
  signedOn?: Dayjs;
  /** 万元, as typed */
  contractInvestment?: string;
  registeredCapital?: string;
  plannedFixedAssetInvestment?: string;
  expectedAnnualOutput?: string;
  expectedAnnualTax?: string;
  /** 亩, as typed */
  landMu?: string;
  /** 用地批准日期 (issue 14), optional */
  landApprovedOn?: Dayjs | null;
  expectedJobs?: string;
  zoneId?: string | null;
  parkId?: string | null;
  industryId?: string | null;
  chainNodeId?: string | null;
  agentId?: string | null;
  notes?: string;
};

/** API field → form field, for the server's field errors (amounts are typed in 万元). */
const aliases = {
  contractInvestmentFen: 'contractInvestment',
  registeredCapitalFen: 'registeredCapital',
  plannedFixedAssetInvestmentFen: 'plannedFixedAssetInvestment',
  expectedAnnualOutputFen: 'expectedAnnualOutput',
  expectedAnnualTaxFen: 'expectedAnnualTax',
};

const JOBS_PATTERN = /^\d{1,7}$/;

function bodyOf(values: Values): SignLeadInput {
  return {
    signedOn: values.signedOn?.format(DATE) ?? '',
    contractInvestmentFen: wanFenOrZero(values.contractInvestment),
    registeredCapitalFen: wanFenOrZero(values.registeredCapital),
    plannedFixedAssetInvestmentFen: wanFenOrZero(values.plannedFixedAssetInvestment),
    landMu: muOf(values.landMu),
    landApprovedOn: values.landApprovedOn?.format(DATE) ?? null,
    expectedAnnualOutputFen: wanFenOrZero(values.expectedAnnualOutput),
    expectedAnnualTaxFen: wanFenOrZero(values.expectedAnnualTax),
    expectedJobs: values.expectedJobs?.trim() ? Number(values.expectedJobs.trim()) : 0,
    zoneId: values.zoneId ?? '',
    parkId: values.parkId ?? null,
    industryId: values.industryId ?? '',
    chainNodeId: values.chainNodeId ?? null,
    agentId: values.agentId ?? null,
    notes: values.notes?.trim() || null,
  };
}

type Props = {
  open: boolean;
  lead: Lead;
  choices: ProjectChoices;
  onClose: () => void;
  onSigned: (project: ProjectDetail) => void;
};

/** 签约: turns a lead into a project, prefilled from what the lead already says. */
export function SignLeadDrawer({ open, lead, choices, onClose, onSigned }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, aliases);
  const [signedProject, setSignedProject] = useState<string | null | undefined>(undefined);
  const sign = useSignLead();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      signedOn: zoneTodayDay(),
      contractInvestment: lead.estimatedInvestmentFen > 0 ? fenToWanInput(lead.estimatedInvestmentFen) : undefined,
      zoneId: lead.zoneId,
      parkId: lead.parkId,
      industryId: lead.industryId,
      chainNodeId: lead.chainNodeId,
      agentId: lead.agentId,
    });
    setSignedProject(undefined);
    errors.clear();
    // Only when the drawer opens: a refetch behind an open form must not wipe what is being typed.
  }, [open]);

  const agentOptions = useMemo(
    () =>
      choices.agents
        .filter((a) => a.status === 'active' || a.id === lead.agentId)
        .map((a) => ({ value: a.id, label: `${a.name} · ${t(`agentKind.${a.kind}`)}` })),
    [choices.agents, lead.agentId, t],
  );

  const submit = (values: Values) => {
    errors.clear();
    setSignedProject(undefined);
    const body = bodyOf(values);
    if (!errors.check(SignLeadBody, body)) return;
    sign.mutate(
      { leadId: lead.id, body },
      {
        onSuccess: (project) => {
          void message.success(t('sign.signed'));
          onSigned(project);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'CONFLICT') {
            const details = error.details as Partial<LeadAlreadySignedDetails> | undefined;
            setSignedProject(typeof details?.projectId === 'string' ? details.projectId : null);
            return;
          }
          errors.handle(error);
        },
      },
    );
  };

  /** Amounts here say "too large" apart from "not an amount". */
  const wan = { tooLargeMessage: t('validation.tooLarge') };
  const wanInput = (testId: string, placeholder?: string) => (
    <Input inputMode="decimal" suffix={t('leads.wan')} placeholder={placeholder} data-testid={testId} />
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={t('sign.title', { company: lead.companyName })}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={sign.isPending} onClick={() => form.submit()} data-testid="sign-submit">
            {t('sign.submit')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('sign.hint')} />
      {signedProject !== undefined ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="sign-conflict"
          title={t('sign.alreadySigned')}
          action={
            signedProject ? (
              <Link to={`/projects/${signedProject}`} onClick={onClose}>
                <Button size="small">{t('sign.openProject')}</Button>
              </Link>
            ) : undefined
          }
        />
      ) : null}
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} scrollToFirstError data-testid="sign-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="signedOn" label={t('sign.signedOn')} rules={[{ required: true, message: t('validation.select', { label: t('sign.signedOn') }) }]}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} data-testid="sign-signedOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contractInvestment"
              label={t('sign.contractInvestment')}
              rules={[wanAmountRule(t, { ...wan, required: true, positive: true, positiveMessage: t('sign.positive'), label: t('sign.contractInvestment') })]}
            >
              {wanInput('sign-contractInvestment', '5000')}
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('sign.sectionInvestment')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="registeredCapital" label={t('sign.registeredCapital')} rules={[wanAmountRule(t, wan)]}>
              {wanInput('sign-registeredCapital')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="plannedFixedAssetInvestment" label={t('sign.plannedFixedAssetInvestment')} rules={[wanAmountRule(t, wan)]}>
              {wanInput('sign-plannedFixedAssetInvestment')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="expectedAnnualOutput" label={t('sign.expectedAnnualOutput')} rules={[wanAmountRule(t, wan)]}>
              {wanInput('sign-expectedAnnualOutput')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="expectedAnnualTax" label={t('sign.expectedAnnualTax')} rules={[wanAmountRule(t, wan)]}>
              {wanInput('sign-expectedAnnualTax')}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="landMu" label={t('sign.landMu')} rules={[muRule(t)]}>
              <Input inputMode="decimal" suffix={t('sign.mu')} placeholder="120" data-testid="sign-landMu" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="landApprovedOn" label={t('sign.landApprovedOn')} tooltip={t('sign.landApprovedHelp')}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} data-testid="sign-landApprovedOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="expectedJobs" label={t('sign.expectedJobs')} rules={[{ pattern: JOBS_PATTERN, message: t('sign.invalidJobs') }]}>
              <Input inputMode="numeric" suffix={t('sign.people')} data-testid="sign-expectedJobs" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('sign.sectionPlace')}
        </Divider>
        <Row gutter={16}>
          <ZoneIndustryFields
            zones={choices.zones}
            industries={choices.industries}
            labels={{ zone: t('sign.zone'), park: t('sign.park'), industry: t('sign.industry'), chainNode: t('sign.chainNode') }}
            testIdPrefix="sign"
            required
          />
          <Col xs={24} md={12}>
            <Form.Item name="agentId" label={t('sign.agent')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={agentOptions} data-testid="sign-agent" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="notes" label={t('sign.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
