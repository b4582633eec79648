import { FunnelPlotOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { errorText, ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadingBlock } from '../../components/states.tsx';
import { useLead } from '../../features/leads/api/get-lead.ts';
import { useChangeLeadStage } from '../../features/leads/api/change-lead-stage.ts';
import { useBoard } from '../../features/pipeline/api/get-board.ts';
import { PipelineFiltersBar } from '../../features/pipeline/components/pipeline-filters.tsx';
import { StageBoard, type CardMove } from '../../features/pipeline/components/stage-board.tsx';
import { SignLeadDrawer } from '../../features/projects/components/sign-lead-drawer.tsx';
import { hasRole, useUser } from '../../lib/auth.ts';
import type { LeadStage } from '../../lib/types.ts';
import { pipelineFilterFromParams, paramsFromPipelineFilter } from './pipeline-params.ts';
import { useLeadChoices } from './use-lead-choices.ts';

/**
 * 管道看板: leads by stage. A card dragged to another column (or moved from its menu) changes the lead's stage; 流失
 * asks for the reason first, and 签约 opens the signing form, since signing makes the project.
 */
export default function PipelineRoute() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filter = pipelineFilterFromParams(params);
  const board = useBoard(filter);
  const choices = useLeadChoices();
  // The server scopes staff to their own leads; managers (and admins, finance) see everyone's.
  const seesAll = hasRole(user, 'manager', 'admin', 'finance');
  const canMove = hasRole(user, 'staff', 'manager', 'admin');
  const [losing, setLosing] = useState<CardMove | null>(null);
  const [signingId, setSigningId] = useState<string | null>(null);
  const signing = useLead(signingId ?? '', { enabled: !!signingId });
  const [reasonForm] = Form.useForm<{ reason: string }>();

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['pipeline'] });
  const changeStage = useChangeLeadStage({
    mutationConfig: {
      onSuccess: (lead) => {
        void refresh();
        void message.success(t('pipeline.moved', { company: lead.companyName, stage: t(`stage.${lead.stage}`) }));
      },
      onError: (error) => {
        void refresh();
        void message.error(errorText(error, t));
      },
    },
  });

  const move = (m: CardMove) => {
    const { card, to } = m;
    if (to === 'lost') {
      reasonForm.resetFields();
      setLosing(m);
    } else if (to === 'signed') {
      setSigningId(card.id);
    } else {
      changeStage.mutate({ id: card.id, body: { stage: to } });
    }
  };

  // "N more" opens the lead list on that stage, carrying the board's filters it understands.
  const moreHref = (stage: LeadStage) => {
    const list = new URLSearchParams({ stage });
    for (const key of ['zoneId', 'channel', 'industryId', 'ownerId'] as const) {
      const value = filter[key];
      if (value) list.set(key, value);
    }
    if (filter.from) list.set('createdFrom', filter.from);
    if (filter.to) list.set('createdTo', filter.to);
    return `/leads?${list.toString()}`;
  };

  return (
    <>
      <PageHeader
        title={t('pipeline.title')}
        subtitle={t('pipeline.subtitle')}
        extra={
          <Link to={`/funnel?${params.toString()}`}>
            <Button icon={<FunnelPlotOutlined />} data-testid="pipeline-to-funnel">
              {t('pipeline.funnel')}
            </Button>
          </Link>
        }
      />
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: 16 } }}>
        <PipelineFiltersBar
          value={filter}
          onChange={(next) => setParams(paramsFromPipelineFilter(next), { replace: true })}
          choices={choices}
          showOwner={seesAll}
        />
      </Card>
      {seesAll ? null : <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('pipeline.staffScope')} />}
      {board.isError ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : board.isPending ? (
        <Card>
          <LoadingBlock rows={8} />
        </Card>
      ) : (
        <StageBoard columns={board.data} moreHref={moreHref} {...(canMove ? { onMove: move } : {})} />
      )}
      <Modal
        open={!!losing}
        title={t('pipeline.lostTitle', { company: losing?.card.companyName ?? '' })}
        okText={t('pipeline.lostOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: changeStage.isPending, 'data-testid': 'lost-ok' } as ButtonProps}
        onCancel={() => setLosing(null)}
        onOk={() => reasonForm.submit()}
        destroyOnHidden
      >
        <Form
          form={reasonForm}
          layout="vertical"
          onFinish={({ reason }) => {
            if (!losing) return;
            changeStage.mutate({ id: losing.card.id, body: { stage: 'lost', reason: reason.trim() } }, { onSuccess: () => setLosing(null) });
          }}
        >
          <Form.Item name="reason" label={t('pipeline.lostReason')} rules={[{ required: true, whitespace: true, message: t('pipeline.lostReasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="lost-reason" />
          </Form.Item>
        </Form>
      </Modal>
      {signing.data ? (
        <SignLeadDrawer
          open={!!signingId}
          lead={signing.data}
          choices={choices}
          onClose={() => setSigningId(null)}
          onSigned={(project) => {
            setSigningId(null);
            void queryClient.invalidateQueries({ queryKey: ['leads'] });
            void refresh();
            void navigate(`/projects/${project.id}`);
          }}
        />
      ) : null}
    </>
  );
}
