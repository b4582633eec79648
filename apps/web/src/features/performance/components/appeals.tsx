import { Alert, App, Button, Card, Flex, Input, List, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { EmptyState } from '../../../components/states.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { BottomFlag, FlagSummary } from '../../../lib/types.ts';
import { useAppeal, useDecideAppeal, useFlags } from '../api/flags.ts';
import { formatScore } from './metric.tsx';

const COLORS: Record<FlagSummary['status'], string> = { pending: 'orange', appealed: 'blue', upheld: 'red', lifted: 'default', effective: 'red' };

/** Where a 末位 flag stands in its due process: 申诉期至 12-04 / 申诉中 / 维持 / 已撤销 / 已生效. */
export function FlagStatusTag({ flag }: { flag: FlagSummary }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[flag.status]} data-testid="flag-status" data-status={flag.status}>
      {t(`performance.flag.status.${flag.status}`, { appealBy: flag.appealBy })}
    </Tag>
  );
}

/** The flagged person's own card: what the flag means now, and the appeal while its window is open. */
export function MyFlag({ flag, bottomPercent }: { flag: FlagSummary; bottomPercent: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const appeal = useAppeal();
  const submit = () =>
    appeal.mutate(
      { id: flag.id, body: { version: flag.version, reason: reason.trim() } },
      {
        onSuccess: () => {
          setOpen(false);
          void message.success(t('performance.flag.appealed'));
        },
        onError: (error) => void message.error(errorText(error, t)),
      },
    );
  return (
    <>
      <Alert
        type={flag.effective ? 'error' : flag.status === 'lifted' ? 'success' : 'warning'}
        showIcon
        data-testid="my-flag"
        title={
          <Flex gap={8} align="center" wrap>
            <span>{t('performance.mine.flagged', { percent: bottomPercent })}</span>
            <FlagStatusTag flag={flag} />
          </Flex>
        }
        description={t(`performance.flag.explain.${flag.status}`, { appealBy: flag.appealBy })}
        action={
          flag.status === 'pending' ? (
            <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="appeal-open">
              {t('performance.flag.appeal')}
            </Button>
          ) : undefined
        }
      />
      <Modal
        open={open}
        title={t('performance.flag.appealTitle')}
        okText={t('performance.flag.appealOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim().length === 0, loading: appeal.isPending, ...{ 'data-testid': 'appeal-ok' } }}
        onOk={submit}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">{t('performance.flag.appealHelp', { appealBy: flag.appealBy })}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('performance.flag.reasonPlaceholder')}
          data-testid="appeal-reason"
        />
      </Modal>
    </>
  );
}

/** Managers: appeals waiting for a decision, each upheld or lifted with a reason by someone other than the appellant. */
export function AppealsCard({ schemeId, meId }: { schemeId: string; meId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const flags = useFlags({ schemeId, awaitingDecision: 'true' });
  const decide = useDecideAppeal();
  const [deciding, setDeciding] = useState<BottomFlag | null>(null);
  const [outcome, setOutcome] = useState<'uphold' | 'lift'>('lift');
  const [note, setNote] = useState('');
  const items = flags.data?.items ?? [];
  if (flags.isPending || items.length === 0) return null;
  const submit = () => {
    if (!deciding) return;
    decide.mutate(
      { id: deciding.id, body: { version: deciding.version, outcome, note: note.trim() } },
      {
        onSuccess: (flag) => {
          setDeciding(null);
          void message.success(t(`performance.flag.decided.${flag.status === 'lifted' ? 'lifted' : 'upheld'}`, { name: flag.staffName }));
        },
        onError: (error) => void message.error(errorText(error, t)),
      },
    );
  };
  return (
    <Card title={t('performance.flag.appealsTitle', { count: items.length })} style={{ marginBottom: 16 }} data-testid="appeals-card">
      <List<BottomFlag>
        dataSource={items}
        locale={{ emptyText: <EmptyState description={t('performance.flag.noAppeals')} /> }}
        renderItem={(f) => (
          <List.Item
            data-testid={`appeal-${f.staffId}`}
            actions={[
              <Button
                key="decide"
                type="primary"
                size="small"
                disabled={f.staffId === meId}
                title={f.staffId === meId ? t('performance.flag.ownAppeal') : undefined}
                onClick={() => {
                  setDeciding(f);
                  setOutcome('lift');
                  setNote('');
                }}
                data-testid={`decide-${f.staffId}`}
              >
                {t('performance.flag.decide')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  <span>{f.staffName}</span>
                  <Typography.Text type="secondary">
                    {t('performance.flag.rankScore', { period: f.period, rank: f.rank, score: formatScore(f.scoreHundredths) })}
                  </Typography.Text>
                </Flex>
              }
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{f.appealReason}</Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {f.appealedAt ? t('performance.flag.appealedAt', { at: formatDateTime(f.appealedAt) }) : null}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!deciding}
        title={t('performance.flag.decideTitle', { name: deciding?.staffName ?? '' })}
        okText={t('performance.flag.decideOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: note.trim().length === 0, loading: decide.isPending, ...{ 'data-testid': 'decide-ok' } }}
        onOk={submit}
        onCancel={() => setDeciding(null)}
      >
        <Typography.Paragraph>{deciding?.appealReason}</Typography.Paragraph>
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as 'uphold' | 'lift')}
          options={[
            { value: 'lift', label: t('performance.flag.lift') },
            { value: 'uphold', label: t('performance.flag.uphold') },
          ]}
          style={{ marginBottom: 12 }}
          data-testid="decide-outcome"
        />
        <Input.TextArea
          rows={3}
          maxLength={2000}
          showCount
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('performance.flag.notePlaceholder')}
          data-testid="decide-note"
        />
      </Modal>
    </Card>
  );
}
