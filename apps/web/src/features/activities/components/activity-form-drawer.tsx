import { CreateActivityBody, activityKinds, protectingActivityKinds } from '@crm/shared';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { DATE } from '../../../lib/format.ts';
import type { Activity, ActivityKind, UserSummary } from '../../../lib/types.ts';
import { useCreateActivity } from '../api/create-activity.ts';
import { kindIcons } from './activity-kind.tsx';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';

type Values = {
  kind?: ActivityKind;
  occurredOn?: Dayjs;
  staffIds?: string[];
  contactsMet?: string;
  location?: string;
  summary?: string;
  nextStep?: string;
  nextFollowUpOn?: Dayjs | null;
};

type Props = {
  open: boolean;
  leadId: string;
  users: UserSummary[];
  currentUserId: string;
  onClose: () => void;
  onSaved: (activity: Activity) => void;
};

const text = (value: string | undefined) => value?.trim() || null;

export function ActivityFormDrawer({ open, leadId, users, currentUserId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const create = useCreateActivity();
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ kind: 'visit', occurredOn: zoneTodayDay(), staffIds: [currentUserId] });
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const body = {
      kind: values.kind as ActivityKind,
      occurredOn: values.occurredOn?.format(DATE) ?? '',
      staffIds: values.staffIds ?? [],
      contactsMet: text(values.contactsMet),
      location: text(values.location),
      summary: values.summary?.trim() ?? '',
      nextStep: text(values.nextStep),
      nextFollowUpOn: values.nextFollowUpOn ? values.nextFollowUpOn.format(DATE) : null,
    };
    if (!errors.check(CreateActivityBody, body)) return;
    create.mutate(
      { leadId, body },
      {
        onSuccess: (activity) => {
          void message.success(t('activity.created'));
          onSaved(activity);
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={t('activity.formTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="activity-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {kind && protectingActivityKinds.includes(kind) ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('activity.renews')} /> : null}
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="activity-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('activity.kind')} rules={[{ required: true, message: t('validation.select', { label: t('activity.kind') }) }]}>
              <Select
                data-testid="activity-kind"
                options={activityKinds.map((k) => ({
                  value: k,
                  label: (
                    <span>
                      {kindIcons[k]} {t(`activityKind.${k}`)}
                    </span>
                  ),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="occurredOn"
              label={t('activity.occurredOn')}
              rules={[{ required: true, message: t('validation.select', { label: t('activity.occurredOn') }) }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterZoneToday} data-testid="activity-occurredOn" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="staffIds" label={t('activity.staff')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName }))}
            data-testid="activity-staff"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactsMet" label={t('activity.contactsMet')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="location" label={t('activity.location')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="summary"
          label={t('activity.summary')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('activity.summary') }) }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="activity-summary" />
        </Form.Item>
        <Form.Item name="nextStep" label={t('activity.nextStep')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item
          name="nextFollowUpOn"
          label={t('activity.nextFollowUpOn')}
          dependencies={['occurredOn']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | null | undefined) => {
                const on = getFieldValue('occurredOn') as Dayjs | undefined;
                return value && on && value.isBefore(on, 'day') ? Promise.reject(new Error(t('validation.followUpBeforeActivity'))) : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
