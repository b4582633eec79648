import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { CreditsBody, creditRoles } from '@crm/shared';
import { Alert, App, Button, Col, Descriptions, Flex, Form, Input, Modal, Row, Select, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { bpToPercentInput, formatBp, formatDateTime, percentToBp } from '../../../lib/format.ts';
import type { CreditLine, CreditRole, CreditSet, ProjectDetail } from '../../../lib/types.ts';
import { useCreditHistory } from '../api/get-credit-history.ts';
import { useSetCredits } from '../api/set-credits.ts';
import type { ProjectChoices } from './choices.ts';

const roleColors: Record<CreditRole, string> = { first_contact: 'cyan', owner: 'blue', negotiator: 'purple', service: 'gold' };

function RoleTag({ role }: { role: CreditRole }) {
  const { t } = useTranslation();
  return <Tag color={roleColors[role]}>{t(`creditRole.${role}`)}</Tag>;
}

/** The current split: who, in which role, what share; and the introducing agent. */
export function CreditSplit({ set }: { set: CreditSet | null }) {
  const { t } = useTranslation();
  if (!set) return <EmptyState description={t('project.creditsEmpty')} />;
  return (
    <div data-testid="credits-current">
      <Table<CreditLine>
        size="small"
        pagination={false}
        rowKey={(line) => `${line.staffId}:${line.role}`}
        dataSource={set.credits}
        columns={[
          { title: t('project.staff'), dataIndex: 'staffName' },
          { title: t('project.role'), dataIndex: 'role', render: (_, line) => <RoleTag role={line.role} /> },
          {
            title: t('project.share'),
            dataIndex: 'shareBp',
            align: 'right',
            render: (_, line) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatBp(line.shareBp)}</span>,
          },
        ]}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 12 }}
        items={[
          { key: 'agent', label: t('project.agent'), children: set.agentName ?? <Typography.Text type="secondary">{t('project.noAgent')}</Typography.Text> },
          { key: 'setBy', label: t('project.setLabel'), children: t('project.setBy', { name: set.setByName, at: formatDateTime(set.setAt) }) },
          ...(set.note ? [{ key: 'note', label: t('project.creditNote'), children: set.note }] : []),
        ]}
      />
    </div>
  );
}

/** Every split the project has had, newest first (nothing is overwritten). */
export function CreditHistory({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const history = useCreditHistory(projectId);
  if (history.isPending) return <LoadingBlock rows={3} />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <EmptyState description={t('project.historyEmpty')} />;
  return (
    <Timeline
      data-testid="credits-history"
      items={history.data.map((set) => ({
        key: set.id,
        color: set.isCurrent ? 'blue' : 'gray',
        content: (
          <div>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{t('project.setBy', { name: set.setByName, at: formatDateTime(set.setAt) })}</Typography.Text>
              {set.isCurrent ? <Tag color="blue">{t('project.current')}</Tag> : null}
            </Flex>
            <div style={{ marginTop: 4 }}>
              {set.credits.map((line) => (
                <div key={`${line.staffId}:${line.role}`} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {line.staffName} · {t(`creditRole.${line.role}`)} · {formatBp(line.shareBp)}
                </div>
              ))}
            </div>
            {set.agentName ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('project.agent')}
                {t('app.colon')}
                {set.agentName}
              </Typography.Text>
            ) : null}
            {set.note ? (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {set.note}
                </Typography.Text>
              </div>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}

type Row_ = { staffId?: string; role?: CreditRole; share?: string };
type Values = { credits?: Row_[]; agentId?: string | null; note?: string };

const sumBp = (rows: Row_[] | undefined) => (rows ?? []).reduce((sum, row) => sum + (percentToBp(row?.share ?? '') ?? 0), 0);

type EditorProps = { project: ProjectDetail; choices: Pick<ProjectChoices, 'users' | 'agents'> };

/**
 * Managers set who gets credit (业绩归属). The running total is shown as the shares are typed; the server
 * is the judge of the 10000 bp rule and its message (they sum to … bp) is shown on the list.
 */
export function EditCreditsButton({ project, choices }: EditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const save = useSetCredits();
  const rows = Form.useWatch('credits', form);
  const total = sumBp(rows);
  const staff = choices.users.filter(
    (u) => (u.active || project.credits?.credits.some((c) => c.staffId === u.id)) && (u.roles.includes('staff') || u.roles.includes('manager')),
  );
  const agents = choices.agents.filter((a) => a.status === 'active' || a.id === project.agentId);

  const [initial, setInitial] = useState<Values>({});

  // The form mounts with the modal (destroyOnHidden): it starts from the current split each time it opens.
  const start = () => {
    errors.clear();
    setInitial({
      credits: (project.credits?.credits ?? [{ staffId: project.ownerId, role: 'owner', shareBp: 10000 }]).map((c) => ({
        staffId: c.staffId,
        role: c.role,
        share: bpToPercentInput(c.shareBp),
      })),
      agentId: project.agentId,
    });
    setOpen(true);
  };

  const submit = (values: Values) => {
    errors.clear();
    const body = {
      credits: (values.credits ?? []).map((row) => ({ staffId: row.staffId ?? '', role: row.role as CreditRole, shareBp: percentToBp(row.share ?? '') ?? 0 })),
      agentId: values.agentId ?? null,
      note: values.note?.trim() || null,
    };
    if (!errors.check(CreditsBody, body)) return;
    save.mutate(
      { id: project.id, body },
      {
        onSuccess: () => {
          void message.success(t('project.creditsSaved'));
          setOpen(false);
        },
        onError: errors.handle,
      },
    );
  };

  const diff = Math.abs(10000 - total);
  const sumText =
    total === 10000
      ? t('project.sumOk', { sum: formatBp(total) })
      : t(total < 10000 ? 'project.sumOff' : 'project.sumOver', { sum: formatBp(total), diff: formatBp(diff) });

  return (
    <>
      <Button icon={<EditOutlined />} onClick={start} data-testid="credits-edit">
        {t('project.editCredits')}
      </Button>
      <Modal
        open={open}
        title={t('project.creditsTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        okButtonProps={{ ...{ 'data-testid': 'credits-submit' } }}
        width={720}
        destroyOnHidden
      >
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('project.creditsHint')} />
        <FormErrors state={errors.state} />
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          preserve={false}
          initialValues={initial}
          // A refused total no longer applies once a share or a row changes: the running sum takes over.
          onValuesChange={(changed: Partial<Values>) => {
            if ('credits' in changed && form.getFieldError('credits').length > 0) form.setFields([{ name: 'credits', errors: [] }]);
          }}
          data-testid="credits-form"
        >
          <Form.List name="credits">
            {(fields, { add, remove }, { errors: listErrors }) => (
              <>
                <Row gutter={8} style={{ marginBottom: 4 }}>
                  <Col span={9}>
                    <Typography.Text type="secondary">{t('project.staff')}</Typography.Text>
                  </Col>
                  <Col span={7}>
                    <Typography.Text type="secondary">{t('project.role')}</Typography.Text>
                  </Col>
                  <Col span={6}>
                    <Typography.Text type="secondary">{t('project.share')}</Typography.Text>
                  </Col>
                </Row>
                {fields.map((field, index) => (
                  <Row gutter={8} key={field.key} align="top" data-testid={`credit-row-${index}`}>
                    <Col span={9}>
                      <Form.Item name={[field.name, 'staffId']} rules={[{ required: true, message: t('validation.select', { label: t('project.staff') }) }]}>
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('project.staff')}
                          options={staff.map((u) => ({ value: u.id, label: u.displayName }))}
                          data-testid={`credit-staff-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('validation.select', { label: t('project.role') }) }]}>
                        <Select
                          placeholder={t('project.role')}
                          options={creditRoles.map((r) => ({ value: r, label: t(`creditRole.${r}`) }))}
                          data-testid={`credit-role-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item
                        name={[field.name, 'share']}
                        rules={[
                          {
                            validator: (_, value: unknown) =>
                              typeof value === 'string' && (percentToBp(value) ?? 0) > 0
                                ? Promise.resolve()
                                : Promise.reject(new Error(t('validation.percent'))),
                          },
                        ]}
                      >
                        <Input inputMode="decimal" suffix="%" placeholder="33.33" data-testid={`credit-share-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        disabled={fields.length === 1}
                        onClick={() => remove(field.name)}
                        aria-label={t('common.remove')}
                      />
                    </Col>
                  </Row>
                ))}
                <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ role: 'negotiator' })}
                    disabled={fields.length >= 20}
                    data-testid="credit-add"
                  >
                    {t('project.addLine')}
                  </Button>
                  <Typography.Text strong type={total === 10000 ? 'success' : 'danger'} data-testid="credits-sum" data-sum-bp={total}>
                    {sumText}
                  </Typography.Text>
                </Flex>
                {/* Errors about the list as a whole, e.g. the server's "shares sum to 9000 bp, not 10000". */}
                {listErrors.length > 0 ? (
                  <Alert
                    type="error"
                    showIcon
                    style={{ marginBottom: 16 }}
                    data-testid="credits-error"
                    title={listErrors.map((error, index) => <div key={index}>{error}</div>)}
                  />
                ) : null}
              </>
            )}
          </Form.List>
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={24} md={12}>
              <Form.Item name="agentId" label={t('project.agent')}>
                <Select
                  allowClear
                  placeholder={t('project.noAgent')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={agents.map((a) => ({ value: a.id, label: `${a.name} · ${t(`agentKind.${a.kind}`)}` }))}
                  data-testid="credits-agent"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="note" label={t('project.creditNote')}>
                <Input maxLength={500} data-testid="credits-note" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Modal>
    </>
  );
}
