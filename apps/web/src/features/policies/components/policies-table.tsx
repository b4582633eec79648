import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../lib/format.ts';
import type { Policy } from '../../../lib/types.ts';
import { PolicyKindTag } from './policy-kind-tag.tsx';
import { EffectiveRange } from './version-details.tsx';
import { today, versionOn } from './version-values.ts';

type Props = { policies: Policy[]; loading?: boolean; emptyText: ReactNode };

export function PoliciesTable({ policies, loading, emptyText }: Props) {
  const { t } = useTranslation();
  const date = today();
  const columns: ColumnsType<Policy> = [
    {
      title: t('policies.col.name'),
      dataIndex: 'name',
      render: (_, policy) => (
        <Link to={`/finance/policies/${policy.id}`} data-testid={`policy-link-${policy.id}`}>
          {policy.name}
        </Link>
      ),
    },
    { title: t('policies.col.kind'), dataIndex: 'kind', width: 140, render: (_, policy) => <PolicyKindTag kind={policy.kind} /> },
    {
      title: t('policies.col.current'),
      key: 'current',
      width: 260,
      render: (_, policy) => {
        const current = versionOn(policy, date);
        if (!current) return <Tag color="default">{t('policies.noCurrent')}</Tag>;
        return (
          <span>
            <Tag color="green">{t('policies.versionNo', { n: current.versionNo })}</Tag>
            <Typography.Text type="secondary">
              <EffectiveRange version={current} />
            </Typography.Text>
          </span>
        );
      },
    },
    { title: t('policies.col.versions'), key: 'versions', width: 90, align: 'right', render: (_, policy) => policy.versions.length },
    {
      title: t('policies.col.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (_, policy) => policy.description ?? <Typography.Text type="secondary">—</Typography.Text>,
    },
    { title: t('policies.col.createdAt'), dataIndex: 'createdAt', width: 120, render: (_, policy) => formatDate(policy.createdAt) },
  ];
  return (
    <Table<Policy>
      rowKey="id"
      columns={columns}
      dataSource={policies}
      loading={loading}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText }}
      data-testid="policies-table"
    />
  );
}
