import { CreateEventBody, eventKinds, UpdateEventBody } from '@crm/shared';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { DATE } from '../../../lib/format.ts';
import { fenToYuanInput, yuanAmountRule, yuanFenOf } from '../../../lib/money-rules.ts';
import type { EventDetail, UserSummary, Zone } from '../../../lib/types.ts';
import { useSaveEvent } from '../api/events.ts';

type Values = {
  name?: string;
  kind?: string;
  heldOn?: Dayjs;
  endsOn?: Dayjs | null;
  place?: string;
  organiser?: string;
  zoneId?: string | null;
  cost?: string;
  staffIds?: string[];
  attendeeCount?: number | null;
  participants?: string;
  notes?: string;
};
type Props = { open: boolean; event?: EventDetail; zones: Zone[]; users: UserSummary[]; onClose: () => void; onSaved: (event: EventDetail) => void };

export function EventFormDrawer({ open, event, zones, users, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const tr = t as unknown as (key: string) => string;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, { costFen: 'cost' });
  const save = useSaveEvent();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    errors.clear();
    if (event) {
      form.setFieldsValue({
        ...event,
        heldOn: dayjs(event.heldOn),
        endsOn: event.endsOn ? dayjs(event.endsOn) : null,
        cost: fenToYuanInput(event.costFen),
        participants: event.participants ?? undefined,
        notes: event.notes ?? undefined,
      });
    } else form.setFieldsValue({ kind: 'roadshow', cost: '0', attendeeCount: 0 });
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    const costFen = yuanFenOf(values.cost) ?? 0;
    const fields = {
      name: values.name?.trim() ?? '',
      kind: values.kind as 'roadshow',
      heldOn: values.heldOn?.format(DATE) ?? '',
      endsOn: values.endsOn ? values.endsOn.format(DATE) : null,
      place: values.place?.trim() ?? '',
      organiser: values.organiser?.trim() ?? '',
      zoneId: values.zoneId ?? null,
      costFen,
      staffIds: values.staffIds ?? [],
      attendeeCount: values.attendeeCount ?? 0,
      participants: values.participants?.trim() || null,
      notes: values.notes?.trim() || null,
    };
    const body = event ? { ...fields, version: event.version } : fields;
    if (!errors.check(event ? UpdateEventBody : CreateEventBody, body)) return;
    save.mutate(
      { id: event?.id, body },
      {
        onSuccess: (saved) => {
          void message.success(t('events.saved'));
          onSaved(saved);
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
      title={t('events.formTitle')}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="event-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="event-form">
        <Form.Item
          name="name"
          label={t('events.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('events.name') }) }]}
        >
          <Input maxLength={128} data-testid="event-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('events.kind')} rules={[{ required: true }]}>
              <Select options={eventKinds.map((k) => ({ value: k, label: tr(`events.kindValue.${k}`) }))} data-testid="event-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="heldOn" label={t('events.heldOn')} rules={[{ required: true, message: t('validation.select', { label: t('events.heldOn') }) }]}>
              <DatePicker style={{ width: '100%' }} data-testid="event-heldOn" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="endsOn" label={t('events.endsOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="place"
              label={t('events.place')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('events.place') }) }]}
            >
              <Input maxLength={200} data-testid="event-place" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="organiser"
              label={t('events.organiser')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('events.organiser') }) }]}
            >
              <Input maxLength={128} data-testid="event-organiser" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="zoneId" label={t('events.zone')}>
              <Select allowClear options={zones.map((z) => ({ value: z.id, label: z.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="cost" label={t('events.cost')} rules={[yuanAmountRule(t)]}>
              <Input inputMode="decimal" data-testid="event-cost" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="attendeeCount" label={t('events.attendees')}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="staffIds" label={t('events.staff')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={users.filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="participants" label={t('events.participants')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="notes" label={t('events.notes')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
