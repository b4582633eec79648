import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useIndustries } from '../../features/industries/api/get-industries.ts';
import { AddChainNodeModal } from '../../features/industries/components/add-chain-node-modal.tsx';
import { IndustriesBoard } from '../../features/industries/components/industries-board.tsx';
import { IndustryFormModal } from '../../features/industries/components/industry-form-modal.tsx';
import type { Industry } from '../../lib/types.ts';

export default function IndustriesRoute() {
  const { t } = useTranslation();
  const industries = useIndustries();
  const [editing, setEditing] = useState<{ industry?: Industry } | null>(null);
  const [addingNode, setAddingNode] = useState<Industry | null>(null);

  let body;
  if (industries.isError) body = <ErrorAlert error={industries.error} onRetry={() => void industries.refetch()} />;
  else if (industries.isPending) body = <LoadingBlock rows={6} />;
  else if (industries.data.length === 0) {
    body = (
      <Card>
        <EmptyState
          description={t('industries.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
              {t('industries.new')}
            </Button>
          }
        />
      </Card>
    );
  } else body = <IndustriesBoard industries={industries.data} onEdit={(industry) => setEditing({ industry })} onAddNode={setAddingNode} />;

  return (
    <>
      <PageHeader
        title={t('industries.title')}
        subtitle={t('industries.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="industry-new">
            {t('industries.new')}
          </Button>
        }
      />
      {body}
      <IndustryFormModal open={!!editing} industry={editing?.industry} onClose={() => setEditing(null)} />
      <AddChainNodeModal industry={addingNode} onClose={() => setAddingNode(null)} />
    </>
  );
}
