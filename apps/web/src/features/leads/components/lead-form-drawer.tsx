import { MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { CreateLeadBody, type DuplicateLeadDetails, UpdateLeadBody, channelsNeedingAgent, leadChannels } from '@crm/shared';
import { Alert, App, Button, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { ZoneIndustryFields } from '../../../components/zone-industry-fields.tsx';
import { ApiError } from '../../../lib/api.ts';
import { creditCodeRule } from '../../../lib/credit-code.ts';
import { WAN_PATTERN, fenToWanInput, formatDate, wanToFen } from '../../../lib/format.ts';
import type { Lead } from '../../../lib/types.ts';
import { useCreateLead } from '../api/create-lead.ts';
import { useUpdateLead } from '../api/update-lead.ts';
import type { LeadChoices } from './choices.ts';
import { DisputePrompt } from './dispute-prompt.tsx';
import { bodyOf, changesOf, type LeadFormValues, valuesOf } from './lead-form-values.ts';

/** API field → form field, for the server's field errors. */
const aliases = { estimatedInvestmentFen: 'estimatedInvestment' };

const isDuplicate = (error: unknown): error is ApiError & { details: DuplicateLeadDetails } =>
  error instanceof ApiError &&
  error.code === 'CONFLICT' &&
  !!error.details &&
  typeof error.details === 'object' &&
  typeof (error.details as { leadId?: unknown }).leadId === 'string';

type Props = {
  open: boolean;
  /** Absent: a new lead. */
  lead?: Lead;
  choices: LeadChoices;
  onClose: () => void;
  onSaved: (lead: Lead) => void;
  /** Edit mode: fetch the current lead after a stale-version conflict. */
  onReload?: () => Promise<Lead | undefined>;
};

export function LeadFormDrawer({ open, lead, choices, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeadFormValues>();
  const errors = useFormErrors(form, aliases);
  const [duplicate, setDuplicate] = useState<(DuplicateLeadDetails & { message: string }) | null>(null);
  const [stale, setStale] = useState(false);
  const editing = !!lead;

  const create = useCreateLead();
  const update = useUpdateLead();
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (lead) form.setFieldsValue(valuesOf(lead));
    else form.setFieldsValue({ contacts: [] });
    setDuplicate(null);
    setStale(false);
    errors.clear();
    // Only when the drawer opens: a refetch behind an open form must not wipe what is being typed.
  }, [open]);

  const channel = Form.useWatch('channel', form);
  const needsAgent = !!channel && channelsNeedingAgent.includes(channel);

  const agentOptions = useMemo(
    () =>
      choices.agents
        .filter((a) => a.status === 'active' || a.id === lead?.agentId)
        .map((a) => ({ value: a.id, label: `${a.name} · ${t(`agentKind.${a.kind}`)}` })),
    [choices.agents, lead?.agentId, t],
  );

  const onFailed = (error: unknown) => {
    if (isDuplicate(error)) {
      setDuplicate({ ...error.details, message: error.message });
      return;
    }
    if (editing && error instanceof ApiError && error.code === 'CONFLICT') {
      setStale(true);
      return;
    }
    errors.handle(error);
  };

  const submit = (values: LeadFormValues) => {
    setDuplicate(null);
    setStale(false);
    errors.clear();
    if (lead) {
      const changes = changesOf(lead, values);
      if (!errors.check(UpdateLeadBody, changes)) return;
      if (Object.keys(changes).length === 1) {
        onClose();
        return;
      }
      update.mutate(
        { id: lead.id, body: changes },
        {
          onSuccess: (saved) => {
            void message.success(t('leads.updated'));
            onSaved(saved);
          },
          onError: onFailed,
        },
      );
      return;
    }
    const body = bodyOf(values);
    if (!errors.check(CreateLeadBody, body)) return;
    create.mutate(body, {
      onSuccess: (saved) => {
        void message.success(t('leads.created'));
        onSaved(saved);
      },
      onError: onFailed,
    });
  };

  const reload = async () => {
    const fresh = await onReload?.();
    if (fresh) {
      form.resetFields();
      form.setFieldsValue(valuesOf(fresh));
    }
    setStale(false);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={editing ? t('leads.editTitle') : t('leads.createTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="lead-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {duplicate ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="lead-duplicate-alert"
          title={t('leads.duplicate.title')}
          description={
            <>
              <div>
                {duplicate.stage === 'signed'
                  ? t('leads.duplicate.bodySigned', { owner: duplicate.ownerName })
                  : duplicate.protectionExpiresAt
                    ? t('leads.duplicate.body', { owner: duplicate.ownerName, expires: formatDate(duplicate.protectionExpiresAt) })
                    : t('leads.duplicate.bodyNoExpiry', { owner: duplicate.ownerName })}
              </div>
              <div style={{ fontSize: 12, opacity: 0.7, marginTop: 4 }}>{duplicate.message}</div>
              {duplicate.laterReportId ? <DisputePrompt leadId={duplicate.leadId} laterReportId={duplicate.laterReportId} /> : null}
            </>
          }
          action={
            duplicate.stage === 'signed' && duplicate.projectId ? (
              // A company already here: its new investment is a new project registered from its first (issue 14).
              <Link to={`/projects/${duplicate.projectId}?expand=1`} onClick={onClose}>
                <Button size="small" type="primary" data-testid="lead-duplicate-expand">
                  {t('expand.register')}
                </Button>
              </Link>
            ) : duplicate.leadId !== lead?.id ? (
              <Link to={`/leads/${duplicate.leadId}`} onClick={onClose}>
                <Button size="small">{t('leads.duplicate.open')}</Button>
              </Link>
            ) : undefined
          }
        />
      ) : null}
      {stale ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="lead-stale-alert"
          title={t('leads.stale.title')}
          description={t('leads.stale.body')}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      <FormErrors state={errors.state} />

      <Form<LeadFormValues> form={form} layout="vertical" onFinish={submit} scrollToFirstError data-testid="lead-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="companyName"
              label={t('leads.field.companyName')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('leads.field.companyName') }) }, { max: 128 }]}
            >
              <Input maxLength={128} data-testid="lead-companyName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('leads.field.creditCode')}
              extra={t('leads.field.creditCodeHelp')}
              normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
              rules={[creditCodeRule(t)]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} data-testid="lead-creditCode" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="channel"
              label={t('leads.field.channel')}
              rules={[{ required: true, message: t('validation.select', { label: t('leads.field.channel') }) }]}
            >
              <Select
                data-testid="lead-channel"
                options={leadChannels.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
                onChange={() => form.validateFields(['agentId']).catch(() => undefined)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="agentId"
              label={t('leads.field.agent')}
              extra={needsAgent ? undefined : t('leads.field.agentHelp')}
              rules={[{ required: needsAgent, message: t('validation.select', { label: t('leads.field.agent') }) }]}
            >
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={agentOptions} data-testid="lead-agent" />
            </Form.Item>
          </Col>
          <ZoneIndustryFields
            zones={choices.zones}
            industries={choices.industries}
            labels={{ zone: t('leads.field.zone'), park: t('leads.field.park'), industry: t('leads.field.industry'), chainNode: t('leads.field.chainNode') }}
            testIdPrefix="lead"
          />
          <Col xs={24} md={12}>
            <Form.Item
              name="estimatedInvestment"
              label={t('leads.field.estimatedInvestment')}
              rules={[
                {
                  validator: (_, value: unknown) => {
                    const typed = typeof value === 'string' ? value.replace(/[,，\s]/g, '') : '';
                    if (typed === '') return Promise.resolve();
                    if (lead && typed === fenToWanInput(lead.estimatedInvestmentFen)) return Promise.resolve();
                    if (!WAN_PATTERN.test(typed)) return Promise.reject(new Error(t('validation.wan')));
                    if (wanToFen(typed) === null) return Promise.reject(new Error(t('validation.tooLarge')));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input inputMode="decimal" suffix={t('leads.wan')} placeholder="5000" data-testid="lead-investment" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nextFollowUpOn" label={t('leads.field.nextFollowUpOn')}>
              <DatePicker style={{ width: '100%' }} data-testid="lead-nextFollowUpOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sourceEventId" label={t('events.source')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(choices.events ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.heldOn}）` }))}
                data-testid="lead-sourceEvent"
              />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('leads.field.contacts')}
        </Divider>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Row gutter={8} key={field.key} align="top" data-testid={`lead-contact-${index}`}>
                  <Col xs={12} md={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('leads.field.contactName') }) }]}
                    >
                      <Input placeholder={t('leads.field.contactName')} maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'title']}>
                      <Input placeholder={t('leads.field.contactTitle')} maxLength={64} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name={[field.name, 'phone']}>
                      <Input placeholder={t('leads.field.contactPhone')} maxLength={32} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={7}>
                    <Form.Item name={[field.name, 'email']} rules={[{ type: 'email' }]}>
                      <Input placeholder={t('leads.field.contactEmail')} maxLength={128} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={1}>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              <Form.Item>
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                  {t('leads.field.addContact')}
                </Button>
              </Form.Item>
            </>
          )}
        </Form.List>

        <Form.Item name="notes" label={t('leads.field.notes')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
