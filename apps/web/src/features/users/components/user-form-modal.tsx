import { MIN_PASSWORD_LENGTH } from '@crm/shared';
import { CreateUserBody, UpdateUserBody, roles } from '@crm/shared';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrors, useFormErrors } from '../../../components/form-errors.tsx';
import type { CreateUserBody as CreateUserInput, Role, UpdateUserBody as UpdateUserInput, User } from '../../../lib/types.ts';
import { useCreateUser } from '../api/create-user.ts';
import { useUpdateUser } from '../api/update-user.ts';

type Values = {
  username?: string;
  displayName?: string;
  password?: string;
  roles?: Role[];
  phone?: string;
  email?: string;
  active?: boolean;
};

const text = (value: string | undefined | null) => value?.trim() || null;

type Props = { open: boolean; user?: User; onClose: () => void };

export function UserFormModal({ open, user, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const create = useCreateUser();
  const update = useUpdateUser();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { displayName: user.displayName, roles: user.roles, phone: user.phone ?? undefined, email: user.email ?? undefined, active: user.active }
        : { roles: ['staff'], active: true },
    );
    errors.clear();
  }, [open]);

  const submit = (values: Values) => {
    errors.clear();
    if (user) {
      const body: UpdateUserInput = { version: user.version };
      if (values.displayName?.trim() !== user.displayName) body.displayName = values.displayName?.trim() ?? '';
      if (JSON.stringify(values.roles) !== JSON.stringify(user.roles)) body.roles = values.roles ?? [];
      if (text(values.phone) !== user.phone) body.phone = text(values.phone);
      if (text(values.email) !== user.email) body.email = text(values.email);
      if (values.active !== user.active) body.active = !!values.active;
      if (!errors.check(UpdateUserBody, body)) return;
      update.mutate(
        { id: user.id, body },
        {
          onSuccess: () => {
            void message.success(t('users.updated'));
            onClose();
          },
          onError: errors.handle,
        },
      );
      return;
    }
    const body: CreateUserInput = {
      username: values.username?.trim() ?? '',
      displayName: values.displayName?.trim() ?? '',
      password: values.password ?? '',
      roles: values.roles ?? [],
      phone: text(values.phone),
      email: text(values.email),
    };
    if (!errors.check(CreateUserBody, body)) return;
    create.mutate(body, {
      onSuccess: () => {
        void message.success(t('users.created'));
        onClose();
      },
      onError: errors.handle,
    });
  };

  return (
    <Modal
      open={open}
      title={user ? `${t('users.editTitle')} · ${user.username}` : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={user ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      width={560}
    >
      <FormErrors state={errors.state} />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="user-form">
        {user ? null : (
          <Form.Item
            name="username"
            label={t('users.field.username')}
            rules={[
              { required: true, message: t('validation.required', { label: t('users.field.username') }) },
              { pattern: /^[a-z0-9_.-]{2,32}$/, message: t('validation.username') },
            ]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.field.displayName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required', { label: t('users.field.displayName') }) }]}
        >
          <Input maxLength={64} />
        </Form.Item>
        {user ? null : (
          <Form.Item
            name="password"
            label={t('users.field.password')}
            extra={t('users.mustChangeHint')}
            rules={[
              { required: true, message: t('validation.required', { label: t('users.field.password') }) },
              { min: MIN_PASSWORD_LENGTH, message: t('validation.password', { min: MIN_PASSWORD_LENGTH }) },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={256} />
          </Form.Item>
        )}
        <Form.Item
          name="roles"
          label={t('users.field.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.select', { label: t('users.field.roles') }) }]}
        >
          <Select mode="multiple" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t('users.field.phone')}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="email" label={t('users.field.email')} rules={[{ type: 'email' }]}>
          <Input maxLength={128} />
        </Form.Item>
        {user ? (
          <Form.Item name="active" label={t('users.field.active')} valuePropName="checked">
            <Switch checkedChildren={t('users.active')} unCheckedChildren={t('users.inactive')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
