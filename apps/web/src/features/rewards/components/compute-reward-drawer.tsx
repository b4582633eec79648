import { ComputeRewardBody, type RewardMilestone } from '@crm/shared';
import { Alert, Button, Drawer, Empty, Flex, Form, Select, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { ApiError } from '../../../lib/api.ts';
import { formatDate } from '../../../lib/format.ts';
import type { Calculation, RewardKind } from '../../../lib/types.ts';
import { useComputeReward } from '../api/compute-reward.ts';

export type ProjectOption = { id: string; name: string; zoneName: string; currentMilestone: RewardMilestone };
export type PolicyOption = {
  id: string;
  name: string;
  kind: RewardKind;
  /** Milestones at which the version in effect today pays an installment (a hint for the milestone pick). */
  installments: RewardMilestone[];
};
export type ReachedMilestone = { milestone: RewardMilestone; reachedOn: string };

type Props = {
  open: boolean;
  onClose: () => void;
  onComputed: (calculation: Calculation) => void;
  /** The route searches projects (the projects feature) and passes the page of matches. */
  projects: ProjectOption[];
  projectsLoading: boolean;
  onProjectSearch: (q: string) => void;
  onProjectChange: (projectId: string | null) => void;
  /** The chosen project's reached milestones; null until a project is chosen. */
  milestones: ReachedMilestone[] | null;
  milestonesLoading: boolean;
  policies: PolicyOption[];
};

type Values = { projectId?: string; policyId?: string; milestone?: RewardMilestone };

/** The latest reached milestone at which the policy pays; otherwise the latest reached one. */
function suggestedMilestone(milestones: ReachedMilestone[], policy: PolicyOption | undefined): RewardMilestone | undefined {
  const paying = policy ? milestones.filter((m) => policy.installments.includes(m.milestone)) : [];
  return (paying.at(-1) ?? milestones.at(-1))?.milestone;
}

/** 新建核算 (finance): project, policy and a reached milestone → a draft calculation with its trace. */
export function ComputeRewardDrawer(props: Props) {
  const { open, onClose, onComputed, projects, projectsLoading, onProjectSearch, onProjectChange, milestones, milestonesLoading, policies } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [paidId, setPaidId] = useState<string | null>(null);
  const compute = useComputeReward();
  const policyId = Form.useWatch('policyId', form);
  const policy = policies.find((p) => p.id === policyId);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    errors.clear();
    setPaidId(null);
    onProjectChange(null);
    // Only when the drawer opens: a refetch behind an open form must not wipe what is being chosen.
  }, [open]);

  // With a single per-project policy there is nothing to choose (the list may arrive after the drawer opened).
  useEffect(() => {
    if (open && policies.length === 1 && !form.getFieldValue('policyId')) form.setFieldValue('policyId', policies[0]?.id);
  }, [open, policies]);

  // Once the project's milestones (or another policy) are known, suggest the milestone to compute at.
  useEffect(() => {
    if (!milestones) return;
    const current = form.getFieldValue('milestone') as RewardMilestone | undefined;
    if (current && milestones.some((m) => m.milestone === current)) return;
    form.setFieldValue('milestone', suggestedMilestone(milestones, policy));
  }, [milestones, policy]);

  const milestoneOptions = useMemo(
    () =>
      (milestones ?? []).map((m) => ({
        value: m.milestone,
        label: (
          <Flex justify="space-between" gap={8}>
            <span>
              {t(`milestone.${m.milestone}`)}
              <Typography.Text type="secondary"> · {t('finance.compute.reachedOn', { date: formatDate(m.reachedOn) })}</Typography.Text>
            </span>
            {policy?.installments.includes(m.milestone) ? <Tag color="green">{t('finance.compute.installment')}</Tag> : null}
          </Flex>
        ),
        title: t(`milestone.${m.milestone}`),
      })),
    [milestones, policy, t],
  );

  const submit = (values: Values) => {
    errors.clear();
    setPaidId(null);
    const body = { projectId: values.projectId ?? '', policyId: values.policyId ?? '', milestone: values.milestone as RewardMilestone };
    if (!errors.check(ComputeRewardBody, body)) return;
    compute.mutate(body, {
      onSuccess: onComputed,
      onError: (error) => {
        const details = error instanceof ApiError ? (error.details as { calculationId?: unknown } | undefined) : undefined;
        if (error instanceof ApiError && error.status === 409 && typeof details?.calculationId === 'string') setPaidId(details.calculationId);
        errors.handle(error);
      },
    });
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={t('finance.compute.title')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={compute.isPending} onClick={() => form.submit()} data-testid="compute-submit">
            {t('finance.compute.submit')}
          </Button>
        </Flex>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('finance.compute.hint')} />
      <FormErrors state={errors.state} />
      {paidId ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('finance.compute.alreadyPaid')}
          action={
            <Link to={`/finance/calculations/${paidId}`} onClick={onClose}>
              <Button size="small">{t('finance.compute.openPaid')}</Button>
            </Link>
          }
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="compute-form">
        <Form.Item
          name="projectId"
          label={t('finance.compute.project')}
          rules={[{ required: true, message: t('validation.select', { label: t('finance.compute.project') }) }]}
          extra={t('finance.compute.projectHelp')}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: onProjectSearch }}
            allowClear
            placeholder={t('finance.compute.projectPlaceholder')}
            notFoundContent={
              projectsLoading ? <Spin size="small" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finance.compute.noProjects')} />
            }
            options={projects.map((p) => ({
              value: p.id,
              label: `${p.name} · ${p.zoneName} · ${t(`milestone.${p.currentMilestone}`)}`,
            }))}
            onChange={(id?: string) => {
              form.setFieldValue('milestone', undefined);
              onProjectChange(id ?? null);
            }}
            data-testid="compute-project"
          />
        </Form.Item>
        <Form.Item
          name="policyId"
          label={t('finance.compute.policy')}
          rules={[{ required: true, message: t('validation.select', { label: t('finance.compute.policy') }) }]}
        >
          <Select
            placeholder={t('finance.compute.policyPlaceholder')}
            options={policies.map((p) => ({ value: p.id, label: `${p.name} · ${t(`policies.kind.${p.kind}`)}` }))}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finance.compute.noPolicies')} />}
            data-testid="compute-policy"
          />
        </Form.Item>
        <Form.Item
          name="milestone"
          label={t('finance.compute.milestone')}
          rules={[{ required: true, message: t('validation.select', { label: t('finance.compute.milestone') }) }]}
          extra={t('finance.compute.milestoneHelp')}
        >
          <Select
            disabled={!milestones}
            loading={milestonesLoading}
            placeholder={milestones ? undefined : t('finance.compute.pickProjectFirst')}
            options={milestoneOptions}
            optionLabelProp="title"
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('finance.compute.noMilestones')} />}
            data-testid="compute-milestone"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
