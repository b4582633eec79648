import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Form, Input, Modal, Popconfirm, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { ApiError } from '../../../lib/api.ts';
import { showApiError } from '../../../lib/form-errors.ts';
import type { SavedView, SavedViewFilters } from '../../../lib/types.ts';
import { useCreateView, useDeleteView, useSavedViews } from '../api/saved-views.ts';

type Props = {
  /** The view the list shows now (its id is in the address as `view`), if any. */
  currentId?: string;
  /** The filters the list shows now: what "save" keeps. */
  filters: SavedViewFilters;
  onApply: (view: SavedView | null) => void;
  /** Managers may share a view with everyone. */
  canShare: boolean;
};

/** Saved views (保存的视图): pick one to apply its filters, save the current ones under a name, delete one's own. */
export function SavedViews({ currentId, filters, onApply, canShare }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const views = useSavedViews();
  const create = useCreateView();
  const remove = useDeleteView();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const items = views.data?.items ?? [];
  const current = items.find((v) => v.id === currentId);
  const mine = items.filter((v) => v.mine);
  const shared = items.filter((v) => !v.mine);
  const option = (v: SavedView) => ({
    value: v.id,
    label: (
      <span data-testid={`view-option-${v.name}`}>
        {v.name}
        {v.mine ? null : (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
            {t('ux.views.sharedBy', { name: v.ownerName })}
          </Typography.Text>
        )}
      </span>
    ),
  });

  return (
    <Flex gap={4} align="center">
      <Select
        allowClear
        style={{ width: 180 }}
        popupMatchSelectWidth={false}
        placeholder={t('ux.views.placeholder')}
        loading={views.isPending}
        value={current?.id}
        onChange={(id?: string) => onApply(items.find((v) => v.id === id) ?? null)}
        options={[
          ...(mine.length ? [{ label: t('ux.views.mine'), options: mine.map(option) }] : []),
          ...(shared.length ? [{ label: t('ux.views.shared'), options: shared.map(option) }] : []),
        ]}
        data-testid="saved-views"
      />
      <Tooltip title={t('ux.views.saveTitle')}>
        <Button
          icon={<SaveOutlined />}
          aria-label={t('ux.views.save')}
          onClick={() => {
            form.resetFields();
            setSaving(true);
          }}
          data-testid="view-save"
        />
      </Tooltip>
      {current?.mine ? (
        <Popconfirm
          title={t('ux.views.deleteConfirm', { name: current.name })}
          onConfirm={() =>
            remove.mutateAsync(current.id).then(
              () => {
                void message.success(t('ux.views.deleted'));
                onApply(null);
              },
              (e: unknown) => void message.error(errorText(e, t)),
            )
          }
        >
          <Button icon={<DeleteOutlined />} aria-label={t('ux.views.delete')} data-testid="view-delete" />
        </Popconfirm>
      ) : null}
      <Modal
        open={saving}
        title={t('ux.views.saveTitle')}
        okText={t('ux.views.save')}
        confirmLoading={create.isPending}
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'view-save-ok' } as Record<string, string>}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ shared: false }}
          onFinish={(values) =>
            create.mutateAsync({ name: values.name, shared: canShare && values.shared, filters }).then(
              (view) => {
                setSaving(false);
                void message.success(t('ux.views.saved'));
                onApply(view);
              },
              (e: unknown) => {
                const left = showApiError(form, e);
                if (!(e instanceof ApiError) || e.fields.length === 0 || left.length > 0) void message.error(errorText(e, t));
              },
            )
          }
        >
          <Form.Item name="name" label={t('ux.views.name')} rules={[{ required: true, whitespace: true, max: 40 }]}>
            <Input placeholder={t('ux.views.namePlaceholder')} maxLength={40} data-testid="view-name" />
          </Form.Item>
          {canShare ? (
            <Form.Item name="shared" valuePropName="checked" extra={t('ux.views.shareHelp')}>
              <Checkbox data-testid="view-shared">{t('ux.views.share')}</Checkbox>
            </Form.Item>
          ) : null}
        </Form>
      </Modal>
    </Flex>
  );
}
