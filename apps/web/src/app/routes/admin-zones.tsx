import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useIndustries } from '../../features/industries/api/get-industries.ts';
import { useZones } from '../../features/zones/api/get-zones.ts';
import { AddParkModal } from '../../features/zones/components/add-park-modal.tsx';
import { ZoneFormModal } from '../../features/zones/components/zone-form-modal.tsx';
import { ZonesTable } from '../../features/zones/components/zones-table.tsx';
import type { Zone } from '../../lib/types.ts';

export default function ZonesRoute() {
  const { t } = useTranslation();
  const zones = useZones();
  const industries = useIndustries();
  const [editing, setEditing] = useState<{ zone?: Zone } | null>(null);
  const [addingPark, setAddingPark] = useState<Zone | null>(null);

  return (
    <>
      <PageHeader
        title={t('zones.title')}
        subtitle={t('zones.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="zone-new">
            {t('zones.new')}
          </Button>
        }
      />
      <Card>
        {zones.isError ? (
          <ErrorAlert error={zones.error} onRetry={() => void zones.refetch()} />
        ) : zones.isPending ? (
          <LoadingBlock rows={6} />
        ) : (
          <ZonesTable
            zones={zones.data}
            industries={industries.data ?? []}
            loading={zones.isFetching}
            onEdit={(zone) => setEditing({ zone })}
            onAddPark={setAddingPark}
            emptyText={
              <EmptyState
                description={t('zones.empty')}
                action={
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})}>
                    {t('zones.new')}
                  </Button>
                }
              />
            }
          />
        )}
      </Card>
      <ZoneFormModal open={!!editing} zone={editing?.zone} industries={industries.data ?? []} onClose={() => setEditing(null)} />
      <AddParkModal zone={addingPark} onClose={() => setAddingPark(null)} />
    </>
  );
}
