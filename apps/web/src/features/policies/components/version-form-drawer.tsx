import { CreateVersionBody } from '@crm/shared';
import { Alert, App, Button, Drawer, Flex, Form } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors } from '../../../components/form-errors.tsx';
import type { Policy } from '../../../lib/types.ts';
import { useAddPolicyVersion } from '../api/add-policy-version.ts';
import { useVersionErrors } from './use-version-errors.ts';
import { VersionFields } from './version-fields.tsx';
import { defaultValues, latestVersion, valuesFromVersion, versionBody, versionFromValues, type VersionValues } from './version-values.ts';

type Props = { open: boolean; policy: Policy; onClose: () => void };

/** "新版本": prefilled from the latest version; saving adds a version, the old ones stay as they were. */
export function VersionFormDrawer({ open, policy, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VersionValues>();
  const errors = useVersionErrors(form);
  const add = useAddPolicyVersion();
  const latest = latestVersion(policy);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(latest ? valuesFromVersion(versionBody(latest)) : defaultValues(policy.kind));
    errors.clear();
    // Only when the drawer opens: a refetch must not wipe what is being typed.
  }, [open]);

  const submit = (values: VersionValues) => {
    errors.clear();
    const body = { version: versionFromValues(policy.kind, values), note: values.note?.trim() || null };
    if (!errors.check(CreateVersionBody, body)) return;
    add.mutate(
      { id: policy.id, body },
      {
        onSuccess: (saved) => {
          const newest = latestVersion(saved);
          void message.success(t('policies.versionSaved', { n: newest?.versionNo ?? '' }));
          onClose();
        },
        onError: errors.handle,
      },
    );
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={820}
      destroyOnHidden
      title={t('policies.newVersionTitle', { name: policy.name })}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="version-submit">
            {t('policies.saveVersion')}
          </Button>
        </Flex>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={latest ? t('policies.newVersionHint', { n: latest.versionNo }) : t('policies.firstVersionHint')}
      />
      <FormErrors state={errors.state} />
      <Form<VersionValues> form={form} layout="vertical" onFinish={submit} onValuesChange={errors.onValuesChange} scrollToFirstError data-testid="version-form">
        <VersionFields kind={policy.kind} />
      </Form>
    </Drawer>
  );
}
