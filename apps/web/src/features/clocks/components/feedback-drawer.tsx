import { FeedbackBody, feedbackMethods, feedbackRecipients } from '@crm/shared';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { DATE } from '../../../lib/format.ts';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';
import { useGiveFeedback } from '../api/lead-clock.ts';

type Values = { recipientKind?: 'investor' | 'referrer'; recipientName?: string; method?: string; givenOn?: Dayjs; summary?: string };
type Props = { open: boolean; leadId: string; decision: 'follow' | 'decline' | null; onClose: () => void; onSaved: () => void };

/** 反馈: to whom the judgement was told, how and when. */
export function FeedbackDrawer({ open, leadId, decision, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const give = useGiveFeedback();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ recipientKind: 'investor', method: 'phone', givenOn: zoneTodayDay() });
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const body = {
      recipientKind: values.recipientKind as 'investor',
      recipientName: values.recipientName?.trim() ?? '',
      method: values.method as 'phone',
      givenOn: values.givenOn?.format(DATE) ?? '',
      summary: values.summary?.trim() ?? '',
    };
    if (!errors.check(FeedbackBody, body)) return;
    give.mutate(
      { leadId, body },
      {
        onSuccess: () => {
          void message.success(t('feedbackForm.saved'));
          onSaved();
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={t('feedbackForm.formTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={give.isPending} onClick={() => form.submit()} data-testid="feedback-submit">
            {t('feedbackForm.submit')}
          </Button>
        </Flex>
      }
    >
      {decision ? (
        <Typography.Paragraph type="secondary">{t('feedbackForm.intro', { decision: t(`judgement.decisionValue.${decision}`) })}</Typography.Paragraph>
      ) : null}
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="feedback-form">
        <Form.Item name="recipientKind" label={t('feedbackForm.recipientKind')} rules={[{ required: true }]}>
          <Radio.Group options={feedbackRecipients.map((r) => ({ value: r, label: t(`feedbackForm.recipient.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="recipientName"
          label={t('feedbackForm.recipientName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('feedbackForm.recipientName') }) }]}
        >
          <Input maxLength={64} data-testid="feedback-recipientName" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="method" label={t('feedbackForm.method')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={feedbackMethods.map((m) => ({ value: m, label: t(`feedbackForm.methodValue.${m}`) }))} data-testid="feedback-method" />
          </Form.Item>
          <Form.Item name="givenOn" label={t('feedbackForm.givenOn')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="summary"
          label={t('feedbackForm.summary')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('feedbackForm.summary') }) }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="feedback-summary" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
