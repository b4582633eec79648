import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { CreateAgentBody, UpdateAgentBody, agentKinds, agentStatuses } from '@crm/shared';
import { App, Button, Checkbox, Col, DatePicker, Divider, Drawer, Flex, Form, Input, Row, Select, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { creditCodeRule } from '../../../lib/credit-code.ts';
import { DATE, formatDate } from '../../../lib/format.ts';
import type { Agent, AgentKind, AgentStatus, CreateAgentBody as CreateAgentInput, UpdateAgentBody as UpdateAgentInput } from '../../../lib/types.ts';
import { useCreateAgent } from '../api/create-agent.ts';
import { useUpdateAgent } from '../api/update-agent.ts';

type AgreementValues = { title?: string; startsOn?: Dayjs; endsOn?: Dayjs | null };
type Values = {
  name?: string;
  kind?: AgentKind;
  contactName?: string;
  phone?: string;
  email?: string;
  creditCode?: string;
  isGovernmentUnit?: boolean;
  isPlatformCompany?: boolean;
  relatedPartyNote?: string;
  status?: AgentStatus;
  notes?: string;
  agreements?: AgreementValues[];
};

const text = (value: string | undefined | null) => value?.trim() || null;

function valuesOf(agent: Agent): Values {
  return {
    name: agent.name,
    kind: agent.kind,
    contactName: agent.contactName ?? undefined,
    phone: agent.phone ?? undefined,
    email: agent.email ?? undefined,
    creditCode: agent.creditCode ?? undefined,
    isGovernmentUnit: agent.isGovernmentUnit,
    isPlatformCompany: agent.isPlatformCompany,
    relatedPartyNote: agent.relatedPartyNote ?? undefined,
    status: agent.status,
    notes: agent.notes ?? undefined,
    agreements: [],
  };
}

function fieldsOf(values: Values) {
  return {
    name: values.name?.trim() ?? '',
    kind: values.kind as AgentKind,
    contactName: text(values.contactName),
    phone: text(values.phone),
    email: text(values.email),
    creditCode: text(values.creditCode)?.toUpperCase() ?? null,
    isGovernmentUnit: !!values.isGovernmentUnit,
    isPlatformCompany: !!values.isPlatformCompany,
    relatedPartyNote: text(values.relatedPartyNote),
    notes: text(values.notes),
  };
}

const agreementsOf = (values: Values) =>
  (values.agreements ?? []).map((a) => ({
    title: a.title?.trim() ?? '',
    startsOn: a.startsOn?.format(DATE) ?? '',
    endsOn: a.endsOn ? a.endsOn.format(DATE) : null,
  }));

type Props = {
  open: boolean;
  agent?: Agent;
  onClose: () => void;
  onSaved: (agent: Agent) => void;
  /** Managers and finance change what stops payouts (flags, status); others see them read-only once the agent exists. */
  canChangeEligibility: boolean;
};

export function AgentFormDrawer({ open, agent, onClose, onSaved, canChangeEligibility }: Props) {
  // A new agent may be created already flagged (that only stops payouts); clearing a flag is for managers and finance.
  const eligibilityLocked = !!agent && !canChangeEligibility;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { addAgreements: 'agreements' });
  const create = useCreateAgent();
  const update = useUpdateAgent();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(agent ? valuesOf(agent) : { kind: 'agency', isGovernmentUnit: false, isPlatformCompany: false, agreements: [] });
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const fields = fieldsOf(values);
    const agreements = agreementsOf(values);
    if (agent) {
      const before = fieldsOf(valuesOf(agent));
      const body: UpdateAgentInput = { version: agent.version };
      for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
        if (fields[key] !== before[key]) Object.assign(body, { [key]: fields[key] });
      }
      if (values.status && values.status !== agent.status) body.status = values.status;
      if (agreements.length > 0) body.addAgreements = agreements;
      if (!errors.check(UpdateAgentBody, body)) return;
      update.mutate(
        { id: agent.id, body },
        {
          onSuccess: (saved) => {
            void message.success(t('agents.updated'));
            onSaved(saved);
          },
          onError: errors.handle,
        },
      );
      return;
    }
    const body: CreateAgentInput = { ...fields, agreements };
    if (!errors.check(CreateAgentBody, body)) return;
    create.mutate(body, {
      onSuccess: (saved) => {
        void message.success(t('agents.created'));
        onSaved(saved);
      },
      onError: errors.handle,
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={agent ? t('agents.editTitle') : t('agents.createTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="agent-submit">
            {agent ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} scrollToFirstError data-testid="agent-form">
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('agents.field.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('agents.field.name') }) }]}
            >
              <Input maxLength={128} data-testid="agent-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('agents.field.kind')} rules={[{ required: true }]}>
              <Select options={agentKinds.map((k) => ({ value: k, label: t(`agentKind.${k}`) }))} data-testid="agent-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="contactName" label={t('agents.field.contactName')}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label={t('agents.field.phone')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="email" label={t('agents.field.email')} rules={[{ type: 'email' }]}>
              <Input maxLength={128} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="creditCode"
              label={t('agents.field.creditCode')}
              normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
              rules={[creditCodeRule(t)]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          {agent ? (
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('agents.field.status')} extra={eligibilityLocked ? t('agents.eligibilityLocked') : undefined}>
                <Select
                  disabled={eligibilityLocked}
                  data-testid="agent-status"
                  options={agentStatuses.map((s) => ({ value: s, label: t(`agentStatus.${s}`) }))}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24}>
            <Flex gap={24}>
              <Form.Item name="isGovernmentUnit" valuePropName="checked" style={{ marginBottom: 12 }}>
                <Checkbox disabled={eligibilityLocked} data-testid="agent-government">
                  {t('agents.field.isGovernmentUnit')}
                </Checkbox>
              </Form.Item>
              <Form.Item name="isPlatformCompany" valuePropName="checked" style={{ marginBottom: 12 }}>
                <Checkbox disabled={eligibilityLocked}>{t('agents.field.isPlatformCompany')}</Checkbox>
              </Form.Item>
            </Flex>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="relatedPartyNote"
              label={t('agents.field.relatedPartyNote')}
              extra={eligibilityLocked ? t('agents.eligibilityLocked') : t('agents.field.relatedPartyHelp')}
            >
              <Input.TextArea rows={2} maxLength={500} disabled={eligibilityLocked} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="notes" label={t('agents.field.notes')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('agents.field.agreements')}</Divider>
        {agent && agent.agreements.length > 0 ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginBottom: 16 }}
            dataSource={agent.agreements}
            columns={[
              { title: t('agents.field.agreementTitle'), dataIndex: 'title' },
              { title: t('agents.field.startsOn'), dataIndex: 'startsOn', width: 110, render: (v: string) => formatDate(v) },
              { title: t('agents.field.endsOn'), dataIndex: 'endsOn', width: 110, render: (v: string | null) => (v ? formatDate(v) : '—') },
              {
                title: t('agents.field.status'),
                dataIndex: 'status',
                width: 90,
                render: (v: 'active' | 'ended') => <Tag color={v === 'active' ? 'green' : 'default'}>{t(`agreementStatus.${v}`)}</Tag>,
              },
            ]}
          />
        ) : null}
        <Form.List name="agreements">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} align="top">
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={[field.name, 'title']}
                      rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('agents.field.agreementTitle') }) }]}
                    >
                      <Input placeholder={t('agents.field.agreementTitle')} maxLength={128} />
                    </Form.Item>
                  </Col>
                  <Col xs={11} md={6}>
                    <Form.Item
                      name={[field.name, 'startsOn']}
                      rules={[{ required: true, message: t('validation.select', { label: t('agents.field.startsOn') }) }]}
                    >
                      <DatePicker placeholder={t('agents.field.startsOn')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={11} md={6}>
                    <Form.Item
                      name={[field.name, 'endsOn']}
                      dependencies={[['agreements', field.name, 'startsOn']]}
                      rules={[
                        ({ getFieldValue }) => ({
                          validator: (_, value: Dayjs | null | undefined) => {
                            const starts = getFieldValue(['agreements', field.name, 'startsOn']) as Dayjs | undefined;
                            return value && starts && value.isBefore(starts, 'day')
                              ? Promise.reject(new Error(t('validation.endBeforeStart')))
                              : Promise.resolve();
                          },
                        }),
                      ]}
                    >
                      <DatePicker placeholder={t('agents.field.endsOn')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={2} md={2}>
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                {t('agents.field.addAgreement')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
