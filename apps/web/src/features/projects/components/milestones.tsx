import { MilestoneBody, optionalMilestones, projectMilestones } from '@crm/shared';
import { App, Button, Col, DatePicker, Form, Input, Row, Select, Steps, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import { DATE, formatDate } from '../../../lib/format.ts';
import type { ProjectDetail, ProjectMilestone } from '../../../lib/types.ts';
import { useRecordMilestone } from '../api/record-milestone.ts';
import { isAfterZoneToday, zoneTodayDay } from '../../../lib/zone-time.ts';

const rank = (m: ProjectMilestone) => projectMilestones.indexOf(m);
const isOptional = (m: ProjectMilestone) => optionalMilestones.includes(m);

/**
 * What may be recorded next: every milestone after the current one up to and including the next required
 * one (land_acquired 供地 may be skipped, so after 注册 both 供地 and 开工 are offered).
 */
export function nextMilestones(project: Pick<ProjectDetail, 'currentMilestone'>): ProjectMilestone[] {
  const next: ProjectMilestone[] = [];
  for (const milestone of projectMilestones.slice(rank(project.currentMilestone) + 1)) {
    next.push(milestone);
    if (!isOptional(milestone)) break;
  }
  return next;
}

/** The latest recorded milestone: a new one cannot be dated before it. */
function latestOf(project: ProjectDetail) {
  return project.milestones.reduce<ProjectDetail['milestones'][number] | null>((latest, m) => (!latest || m.reachedOn > latest.reachedOn ? m : latest), null);
}

/** signed → registered → land_acquired (optional) → construction_started → in_production → at_capacity, with dates. */
export function MilestoneSteps({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const current = rank(project.currentMilestone);
  return (
    <Steps
      size="small"
      current={current}
      titlePlacement="vertical"
      data-testid="project-milestones"
      items={projectMilestones.map((milestone) => {
        const entry = project.milestones.find((m) => m.milestone === milestone);
        const skipped = !entry && rank(milestone) < current;
        const title = `${t(`milestone.${milestone}`)}${isOptional(milestone) && !entry ? t('project.optional') : ''}`;
        return {
          key: milestone,
          title,
          status: entry ? 'finish' : 'wait',
          content: entry ? (
            <div data-milestone-date={milestone}>
              <div style={{ fontVariantNumeric: 'tabular-nums' }}>{formatDate(entry.reachedOn)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('project.recordedBy', { name: entry.recordedByName })}
              </Typography.Text>
              {entry.note ? (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {entry.note}
                  </Typography.Text>
                </div>
              ) : null}
            </div>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {skipped ? t('project.skipped') : t('project.pending')}
            </Typography.Text>
          ),
        };
      })}
    />
  );
}

type Values = { milestone?: ProjectMilestone; date?: Dayjs; note?: string };

/** "记录里程碑": the next milestone preselected; the server's field errors (e.g. a date before the previous one) beside the field. */
export function RecordMilestoneForm({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const record = useRecordMilestone();
  const options = useMemo(() => nextMilestones(project), [project]);
  const latest = latestOf(project);

  useEffect(() => {
    if (options.length === 0) return;
    form.setFieldsValue({ milestone: options[0], date: zoneTodayDay(), note: undefined });
    // A new milestone on the page: offer the one after it.
  }, [project.currentMilestone]);

  if (options.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="milestones-complete">
        {t('project.allReached')}
      </Typography.Text>
    );
  }

  const submit = (values: Values) => {
    errors.clear();
    const body = { milestone: values.milestone as ProjectMilestone, date: values.date?.format(DATE) ?? '', note: values.note?.trim() || null };
    if (!errors.check(MilestoneBody, body)) return;
    record.mutate(
      { id: project.id, body },
      {
        onSuccess: () => {
          void message.success(t('project.milestoneRecorded', { milestone: t(`milestone.${body.milestone}`) }));
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <>
      <FormErrors state={errors.state} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="milestone-form"
        initialValues={{ milestone: options[0], date: zoneTodayDay() }}
      >
        <Row gutter={16} align="top">
          <Col xs={24} md={6}>
            <Form.Item
              name="milestone"
              label={t('project.milestone')}
              rules={[{ required: true, message: t('validation.select', { label: t('project.milestone') }) }]}
            >
              <Select
                data-testid="milestone-select"
                options={options.map((m) => ({ value: m, label: `${t(`milestone.${m}`)}${isOptional(m) ? t('project.optional') : ''}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="date"
              label={t('project.date')}
              rules={[
                { required: true, message: t('validation.select', { label: t('project.date') }) },
                {
                  validator: (_, value: Dayjs | undefined) => {
                    if (!value) return Promise.resolve();
                    if (isAfterZoneToday(value)) return Promise.reject(new Error(t('project.futureDate')));
                    if (latest && value.format(DATE) < latest.reachedOn) {
                      return Promise.reject(
                        new Error(t('project.dateBefore', { milestone: t(`milestone.${latest.milestone}`), date: formatDate(latest.reachedOn) })),
                      );
                    }
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="milestone-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="note" label={t('project.note')}>
              <Input maxLength={500} data-testid="milestone-note" />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" block loading={record.isPending} data-testid="milestone-submit">
                {t('project.recordMilestone')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </>
  );
}
