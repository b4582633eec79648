import { JudgementBody, judgementDimensions, judgementRatings } from '@crm/shared';
import { App, Button, Checkbox, Drawer, Flex, Form, Input, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { JudgementBody as JudgementBodyInput } from '../../../lib/types.ts';
import { useJudge } from '../api/lead-clock.ts';

type Values = Record<string, string | boolean | undefined> & { decision?: 'follow' | 'decline'; reason?: string; expertReview?: boolean };

type Props = { open: boolean; leadId: string; feedbackDays: number; onClose: () => void; onSaved: () => void };

/** 研判: the six dimensions rated, the decision and its reason. */
export function JudgementDrawer({ open, leadId, feedbackDays, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, Object.fromEntries(judgementDimensions.map((d) => [`dimensions.${d}.rating`, `${d}_rating`])));
  const judge = useJudge();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const body = {
      dimensions: Object.fromEntries(
        judgementDimensions.map((d) => [
          d,
          { rating: values[`${d}_rating`] as 'favourable', note: ((values[`${d}_note`] as string | undefined) ?? '').trim() || null },
        ]),
      ) as JudgementBodyInput['dimensions'],
      decision: values.decision as 'follow',
      reason: values.reason?.trim() ?? '',
      expertReview: values.expertReview ?? false,
    };
    if (!errors.check(JudgementBody, body)) return;
    judge.mutate(
      { leadId, body },
      {
        onSuccess: () => {
          void message.success(t('judgement.saved'));
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
      size={680}
      destroyOnHidden
      title={t('judgement.formTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={judge.isPending} onClick={() => form.submit()} data-testid="judgement-submit">
            {t('judgement.submit')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('judgement.intro', { days: feedbackDays })}</Typography.Paragraph>
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="judgement-form">
        {judgementDimensions.map((d) => (
          <Flex key={d} gap={12} align="flex-start" wrap>
            <Form.Item
              name={`${d}_rating`}
              label={t(`judgement.dimension.${d}`)}
              rules={[{ required: true, message: t('judgement.rateAll') }]}
              style={{ minWidth: 260, marginBottom: 12 }}
            >
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                data-testid={`judgement-${d}`}
                options={judgementRatings.map((r) => ({ value: r, label: t(`judgement.rating.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name={`${d}_note`} label={t('judgement.note')} style={{ flex: 1, minWidth: 200, marginBottom: 12 }}>
              <Input maxLength={500} />
            </Form.Item>
          </Flex>
        ))}
        <Form.Item
          name="decision"
          label={t('judgement.decision')}
          rules={[{ required: true, message: t('validation.select', { label: t('judgement.decision') }) }]}
        >
          <Radio.Group
            data-testid="judgement-decision"
            options={(['follow', 'decline'] as const).map((v) => ({ value: v, label: t(`judgement.decisionValue.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('judgement.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('judgement.reason') }) }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="judgement-reason" />
        </Form.Item>
        <Form.Item name="expertReview" valuePropName="checked">
          <Checkbox>{t('judgement.expertReview')}</Checkbox>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
