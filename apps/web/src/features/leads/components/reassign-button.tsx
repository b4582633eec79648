import { ReassignBody } from '@crm/shared';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { Lead, UserSummary } from '../../../lib/types.ts';
import { useReassignLead } from '../api/reassign-lead.ts';

type Values = { ownerId?: string; note?: string };

/** Managers only (the server checks; the page shows this button to managers). */
export function ReassignButton({ lead, users }: { lead: Lead; users: UserSummary[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const reassign = useReassignLead();
  const candidates = users.filter((u) => u.active && u.id !== lead.ownerId && (u.roles.includes('staff') || u.roles.includes('manager')));

  const submit = (values: Values) => {
    errors.clear();
    const body = { ownerId: values.ownerId ?? '', version: lead.version, note: values.note?.trim() || null };
    if (!errors.check(ReassignBody, body)) return;
    reassign.mutate(
      { id: lead.id, body },
      {
        onSuccess: (saved) => {
          void message.success(t('lead.reassigned', { name: saved.ownerName }));
          setOpen(false);
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <>
      <Button
        onClick={() => {
          form.resetFields();
          errors.clear();
          setOpen(true);
        }}
        data-testid="lead-reassign"
      >
        {t('lead.reassign')}
      </Button>
      <Modal
        open={open}
        title={t('lead.reassignTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={reassign.isPending}
        destroyOnHidden
      >
        <FormErrors state={errors.state} />
        <Form<Values> form={form} layout="vertical" onFinish={submit} preserve={false}>
          <Form.Item name="ownerId" label={t('lead.newOwner')} rules={[{ required: true, message: t('validation.select', { label: t('lead.newOwner') }) }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={candidates.map((u) => ({ value: u.id, label: u.displayName }))} />
          </Form.Item>
          <Form.Item name="note" label={t('lead.reassignNote')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
