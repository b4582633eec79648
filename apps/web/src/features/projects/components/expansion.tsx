import { BranchesOutlined, SwapOutlined } from '@ant-design/icons';
import { ExpansionBody, UpdateProjectBody, ZoneTransferBody } from '@crm/shared';
import { App, Button, DatePicker, Descriptions, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { api } from '../../../lib/api.ts';
import { DATE, formatDate, formatDateTime, formatFen } from '../../../lib/format.ts';
import { wanAmountRule, wanFenOf, wanFenOrZero } from '../../../lib/money-rules.ts';
import type { ProjectDetail, Zone } from '../../../lib/types.ts';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';
import { useQueryClient } from '@tanstack/react-query';
import { projectChanged } from '../api/cache.ts';

type ExpansionValues = { kind: 'expansion' | 'tech_upgrade'; name?: string; signedOn: Dayjs; contractWan: string; plannedWan?: string; notes?: string };

/**
 * 登记增资扩产 (issue 14): a new project of a company already here, linked to its first. Every amount is the
 * increase only — the first project keeps its own figures, so nothing is counted twice.
 */
export function ExpansionButton({ project, openAtStart = false }: { project: ProjectDetail; openAtStart?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(openAtStart);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ExpansionValues>();
  const errors = useFormErrors(form, { contractInvestmentFen: 'contractWan', plannedFixedAssetInvestmentFen: 'plannedWan' });
  useEffect(() => setOpen(openAtStart), [openAtStart]);
  const submit = async (v: ExpansionValues) => {
    errors.clear();
    const body = {
      kind: v.kind,
      name: v.name,
      signedOn: v.signedOn.format(DATE),
      contractInvestmentFen: wanFenOf(v.contractWan) ?? 0,
      plannedFixedAssetInvestmentFen: wanFenOrZero(v.plannedWan),
      notes: v.notes,
    };
    if (!errors.check(ExpansionBody, body)) return;
    setSaving(true);
    try {
      const created = await api.post<ProjectDetail>(`/projects/${project.id}/expansions`, body);
      await projectChanged(queryClient, created);
      await queryClient.invalidateQueries({ queryKey: ['projects', 'detail', project.parentProjectId ?? project.id] });
      void message.success(t('expand.saved'));
      setOpen(false);
      void navigate(`/projects/${created.id}`);
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button icon={<BranchesOutlined />} onClick={() => setOpen(true)} data-testid="expansion-open">
        {t('expand.register')}
      </Button>
      <Modal
        open={open}
        title={t('expand.title', { name: project.name })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('expand.hint')}</Typography.Paragraph>
        <FormErrors state={errors.state} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'expansion', signedOn: zoneTodayDay() }}>
          <Form.Item name="kind" label={t('expand.kind')}>
            <Radio.Group>
              <Radio value="expansion">{t('expand.kinds.expansion')}</Radio>
              <Radio value="tech_upgrade">{t('expand.kinds.tech_upgrade')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="name" label={t('expand.name')} extra={t('expand.nameHint')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="signedOn" label={t('expand.signedOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={isAfterZoneToday} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="contractWan"
            label={t('expand.increase')}
            rules={[wanAmountRule(t, { required: true, label: t('expand.increase') })]}
            extra={t('expand.increaseHint')}
          >
            <Input addonAfter="万元" inputMode="decimal" data-testid="expansion-increase" />
          </Form.Item>
          <Form.Item name="plannedWan" label={t('expand.plannedIncrease')} rules={[wanAmountRule(t)]}>
            <Input addonAfter="万元" inputMode="decimal" />
          </Form.Item>
          <Form.Item name="notes" label={t('expand.notes')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** A manager moves a project's credit to another zone, with a reason kept in the history. */
export function TransferButton({ project, zones }: { project: ProjectDetail; zones: Zone[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ zoneId: string; parkId?: string; reason: string }>();
  const errors = useFormErrors(form);
  const zoneId = Form.useWatch('zoneId', form);
  const parks = zones.find((z) => z.id === zoneId)?.parks ?? [];
  const submit = async (v: { zoneId: string; parkId?: string; reason: string }) => {
    errors.clear();
    const body = { zoneId: v.zoneId, parkId: v.parkId ?? null, reason: v.reason ?? '', version: project.version };
    if (!errors.check(ZoneTransferBody, body)) return;
    setSaving(true);
    try {
      const saved = await api.post<ProjectDetail>(`/projects/${project.id}/transfer`, body);
      await projectChanged(queryClient, saved);
      void message.success(t('expand.transferred'));
      setOpen(false);
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="transfer-open">
        {t('expand.transfer')}
      </Button>
      <Modal
        open={open}
        title={t('expand.transferTitle', { zone: project.zoneName })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('expand.transferHint')}</Typography.Paragraph>
        <FormErrors state={errors.state} />
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="zoneId" label={t('expand.toZone')} rules={[{ required: true }]}>
            <Select options={zones.filter((z) => z.id !== project.zoneId).map((z) => ({ value: z.id, label: z.name }))} />
          </Form.Item>
          <Form.Item name="parkId" label={t('expand.toPark')}>
            <Select allowClear options={parks.map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('expand.reason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

type CompanyValues = {
  projectCompanyName?: string;
  projectCompanyCreditCode?: string;
  taxpayerName?: string;
  taxpayerCreditCode?: string;
  landApprovedOn?: Dayjs | null;
};

/** The company's projects (first and later), zone moves, and the 项目公司 / taxpayer the figures come from. */
export function ProjectFamily({ project, canWrite }: { project: ProjectDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CompanyValues>();
  const errors = useFormErrors(form);
  const save = async (v: CompanyValues) => {
    errors.clear();
    const text = (x?: string) => (x?.trim() ? x.trim() : null);
    const body = {
      version: project.version,
      projectCompanyName: text(v.projectCompanyName),
      projectCompanyCreditCode: text(v.projectCompanyCreditCode),
      taxpayerName: text(v.taxpayerName),
      taxpayerCreditCode: text(v.taxpayerCreditCode),
      landApprovedOn: v.landApprovedOn ? v.landApprovedOn.format(DATE) : null,
    };
    if (!errors.check(UpdateProjectBody, body)) return;
    setSaving(true);
    try {
      const saved = await api.patch<ProjectDetail>(`/projects/${project.id}`, body);
      await projectChanged(queryClient, saved);
      void message.success(t('common.saved'));
      setEditing(false);
    } catch (e) {
      errors.handle(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Descriptions size="small" column={1} data-testid="project-family">
        <Descriptions.Item label={t('expand.kind')}>
          <Tag color={project.kind === 'new' ? 'default' : 'purple'}>{t(`expand.kinds.${project.kind}`)}</Tag>
          {project.parent ? (
            <span>
              {t('expand.of')} <Link to={`/projects/${project.parent.id}`}>{project.parent.name}</Link>
            </span>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('expand.projectCompany')}>
          {project.projectCompanyName
            ? `${project.projectCompanyName}${project.projectCompanyCreditCode ? ` · ${project.projectCompanyCreditCode}` : ''}`
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('expand.taxpayer')}>
          {project.taxpayerName ? `${project.taxpayerName}${project.taxpayerCreditCode ? ` · ${project.taxpayerCreditCode}` : ''}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      {canWrite ? (
        <Button
          size="small"
          style={{ marginTop: 8 }}
          onClick={() => {
            form.setFieldsValue({
              projectCompanyName: project.projectCompanyName ?? '',
              projectCompanyCreditCode: project.projectCompanyCreditCode ?? '',
              taxpayerName: project.taxpayerName ?? '',
              taxpayerCreditCode: project.taxpayerCreditCode ?? '',
              landApprovedOn: project.landApprovedOn ? dayjs(project.landApprovedOn) : null,
            });
            setEditing(true);
          }}
          data-testid="project-edit-details"
        >
          {t('expand.editCompany')}
        </Button>
      ) : null}
      {project.expansions.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('expand.laterProjects')}
          </Typography.Title>
          <List
            size="small"
            dataSource={project.expansions}
            data-testid="project-expansions"
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <Tag color="purple">{t(`expand.kinds.${e.kind}`)}</Tag>
                  <Link to={`/projects/${e.id}`}>{e.name}</Link>
                  <span>{formatDate(e.signedOn)}</span>
                  <span>{t('expand.increaseShort', { amount: formatFen(e.contractInvestmentFen) })}</span>
                  <Typography.Text type="secondary">{e.zoneName}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      ) : null}
      {project.transfers.length > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('expand.transfers')}
          </Typography.Title>
          <List
            size="small"
            dataSource={project.transfers}
            renderItem={(x) => (
              <List.Item>
                {t('expand.transferLine', {
                  from: x.fromZoneName,
                  to: x.toZoneName,
                  by: x.transferredByName,
                  at: formatDateTime(x.transferredAt),
                  reason: x.reason,
                })}
              </List.Item>
            )}
          />
        </>
      ) : null}
      <Modal
        open={editing}
        title={t('expand.editCompany')}
        onCancel={() => setEditing(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <FormErrors state={errors.state} />
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="projectCompanyName" label={t('expand.projectCompanyName')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="projectCompanyCreditCode" label={t('expand.creditCode')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="taxpayerName" label={t('expand.taxpayerName')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="taxpayerCreditCode" label={t('expand.creditCode')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="landApprovedOn" label={t('sign.landApprovedOn')} tooltip={t('sign.landApprovedHelp')}>
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} data-testid="project-landApprovedOn" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
