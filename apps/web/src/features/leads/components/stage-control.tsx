import { StageBody, leadStages } from '@crm/shared';
import { App, Button, Form, Input, Modal, Select, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { Lead, LeadStage } from '../../../lib/types.ts';
import { useChangeLeadStage } from '../api/change-lead-stage.ts';

const pipeline = ['new', 'contacted', 'visited', 'negotiating', 'signed'] as const;

/** The pipeline new → signed, with lost shown in place of the step where the lead stopped. */
export function StageSteps({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const lost = lead.stage === 'lost';
  const current = lost ? pipeline.length - 1 : pipeline.indexOf(lead.stage as (typeof pipeline)[number]);
  return (
    <Steps
      size="small"
      current={current}
      status={lost ? 'error' : lead.stage === 'signed' ? 'finish' : 'process'}
      items={pipeline.map((stage, index) => ({
        title: lost && index === pipeline.length - 1 ? t('stage.lost') : t(`stage.${stage}`),
      }))}
      data-testid="lead-stage-steps"
    />
  );
}

type StageValues = { stage?: LeadStage; reason?: string };

export function ChangeStageButton({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<StageValues>();
  const errors = useFormErrors(form);
  const change = useChangeLeadStage();
  const target = Form.useWatch('stage', form);
  // A signed lead has become a project; its stage is final.
  const closed = lead.stage === 'signed';

  const submit = (values: StageValues) => {
    errors.clear();
    const body = { stage: values.stage as LeadStage, reason: values.reason?.trim() || null };
    if (!errors.check(StageBody, body)) return;
    change.mutate(
      { id: lead.id, body },
      {
        onSuccess: (saved) => {
          void message.success(t('lead.stageChanged', { stage: t(`stage.${saved.stage}`) }));
          setOpen(false);
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <>
      <Button
        disabled={closed}
        title={closed ? t('lead.closed', { stage: t(`stage.${lead.stage}`) }) : undefined}
        onClick={() => {
          form.resetFields();
          errors.clear();
          setOpen(true);
        }}
        data-testid="stage-change"
      >
        {t('lead.changeStage')}
      </Button>
      <Modal
        open={open}
        title={t('lead.stageTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={change.isPending}
        okButtonProps={{ danger: target === 'lost', ...{ 'data-testid': 'stage-submit' } }}
        destroyOnHidden
      >
        <FormErrors state={errors.state} />
        <Form<StageValues> form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="stage" label={t('lead.targetStage')} rules={[{ required: true, message: t('validation.select', { label: t('lead.targetStage') }) }]}>
            <Select
              data-testid="stage-select"
              // Signing has its own flow (POST /leads/:id/sign creates the project), so it is not offered here.
              options={leadStages.filter((s) => s !== lead.stage && s !== 'signed').map((s) => ({ value: s, label: t(`stage.${s}`) }))}
            />
          </Form.Item>
          {target === 'lost' ? (
            <Form.Item
              name="reason"
              label={t('lead.reason')}
              extra={t('lead.reasonHelp')}
              rules={[{ required: true, whitespace: true, message: t('lead.reasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="stage-reason" />
            </Form.Item>
          ) : null}
          <Typography.Text type="secondary">{t('lead.signHint')}</Typography.Text>
        </Form>
      </Modal>
    </>
  );
}
