import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, LoadingBlock } from '../../components/states.tsx';
import { useEvents } from '../../features/events/api/events.ts';
import { EventFormDrawer } from '../../features/events/components/event-form-drawer.tsx';
import { EventsTable } from '../../features/events/components/events-table.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import { useLeadChoices } from './use-lead-choices.ts';

/** 招商活动: every event with its return; sorted by date or ranked by cost per signed ¥. */
export default function EventsRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const sort = params.get('sort') === 'return' ? 'return' : '-heldOn';
  const q = params.get('q') ?? undefined;
  const events = useEvents({ sort, q });
  const choices = useLeadChoices();
  const [creating, setCreating] = useState(false);
  const canCreate = hasRole(user, 'staff', 'manager', 'admin');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('events.title')}
        subtitle={t('events.subtitle')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="event-new">
              {t('events.new')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear defaultValue={q} onSearch={(v) => set('q', v.trim() || undefined)} style={{ width: 240 }} placeholder={t('events.name')} />
          <Segmented
            value={sort}
            onChange={(v) => set('sort', v === 'return' ? 'return' : undefined)}
            options={[
              { value: '-heldOn', label: t('events.sortNewest') },
              { value: 'return', label: t('events.sortReturn') },
            ]}
            data-testid="events-sort"
          />
        </Flex>
        {events.isError ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
        ) : events.isPending ? (
          <LoadingBlock rows={6} />
        ) : (
          <EventsTable
            events={events.data.items}
            loading={events.isFetching}
            emptyText={<EmptyState testId="events-empty" description={q ? t('events.emptyFiltered') : t('events.empty')} />}
          />
        )}
      </Card>
      <EventFormDrawer
        open={creating}
        zones={choices.zones}
        users={choices.users}
        onClose={() => setCreating(false)}
        onSaved={(saved) => {
          setCreating(false);
          void navigate(`/events/${saved.id}`);
        }}
      />
    </>
  );
}
