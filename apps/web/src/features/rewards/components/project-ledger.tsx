import type { RewardMilestone } from '@crm/shared';
import type { Recovery } from '@crm/shared';
import { Alert, App, Button, Form, Input, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { EmptyState, LoadingBlock } from '../../../components/states.tsx';
import { formatDate, formatFen } from '../../../lib/format.ts';
import type { ProjectLedgerEntry } from '../../../lib/types.ts';
import { useProjectLedger } from '../api/get-project-ledger.ts';
import { useFlagRecovery, useRecordInstalment, yuanToFen } from '../api/notices.ts';
import { useUser } from '../../../lib/auth.ts';
import { CalculationKindTag, CalculationStatusTag } from './calculation-tags.tsx';

const amount = (fen: number | null, strong = false) =>
  fen === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: strong ? 600 : undefined }}>{formatFen(fen)}</span>
  );

/** Each payment of a ledger: to whom, at which milestone, when, under which reference; and its recoveries (追回). */
function Payments({ entry }: { entry: ProjectLedgerEntry }) {
  const { t } = useTranslation();
  const user = useUser();
  const canFlag = user.roles.includes('finance') || user.roles.includes('manager');
  const canRecord = user.roles.includes('finance');
  const [flagging, setFlagging] = useState<string | null>(null);
  const [recording, setRecording] = useState<Recovery | null>(null);
  if (entry.payments.length === 0) return <Typography.Text type="secondary">{t('finance.ledger.noPayments')}</Typography.Text>;
  return (
    <>
      <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`ledger-payments-${entry.policyId}`}>
        {entry.payments.map((p, index) => (
          <li key={`${p.calculationId}-${p.payeeId}-${index}`}>
            {t('finance.ledger.payment', {
              payee: p.payeeName,
              amount: formatFen(p.amountFen),
              milestone: t(`milestone.${p.milestone as RewardMilestone}`, { defaultValue: p.milestone }),
              date: formatDate(p.paidOn),
            })}{' '}
            <Link to={`/finance/calculations/${p.calculationId}`}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.reference}
              </Typography.Text>
            </Link>
            {canFlag ? (
              <Button type="link" size="small" onClick={() => setFlagging(p.paymentId)} data-testid="ledger-flag-recovery">
                {t('recovery.flag')}
              </Button>
            ) : null}
            {entry.recoveries
              .filter((r) => r.paymentId === p.paymentId)
              .map((r) => (
                <div key={r.id} data-testid={`ledger-recovery-${r.id}`} style={{ marginInlineStart: 12 }}>
                  <Tag color={r.status === 'settled' ? 'green' : 'red'}>{r.status === 'settled' ? t('recovery.settled') : t('recovery.open')}</Tag>
                  <Typography.Text>
                    {t('recovery.line', {
                      payee: r.payeeName,
                      owed: formatFen(r.owedFen),
                      recovered: formatFen(r.recoveredFen),
                      outstanding: formatFen(r.outstandingFen),
                      reason: r.reason,
                    })}
                  </Typography.Text>
                  {canRecord && r.status === 'open' ? (
                    <Button type="link" size="small" onClick={() => setRecording(r)} data-testid="ledger-record-instalment">
                      {t('recovery.instalment')}
                    </Button>
                  ) : null}
                </div>
              ))}
          </li>
        ))}
      </ul>
      <RecoveryModal
        paymentId={flagging}
        recovery={recording}
        onClose={() => {
          setFlagging(null);
          setRecording(null);
        }}
      />
    </>
  );
}

/** Flags a payment for recovery (amount owed, reason) or records an instalment (amount, date, reference). */
function RecoveryModal({ paymentId, recovery, onClose }: { paymentId: string | null; recovery: Recovery | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount: string; reason: string; receivedOn: string; reference: string }>();
  const flag = useFlagRecovery();
  const record = useRecordInstalment();
  const open = paymentId !== null || recovery !== null;
  const submit = async () => {
    const v = await form.validateFields();
    const fen = yuanToFen(v.amount);
    if (fen === null || fen <= 0) {
      form.setFields([{ name: 'amount', errors: [t('notice.reasonRequired')] }]);
      return;
    }
    try {
      if (paymentId) await flag.mutateAsync({ paymentId, owedFen: fen, reason: v.reason });
      else if (recovery) await record.mutateAsync({ recovery, amountFen: fen, receivedOn: v.receivedOn, reference: v.reference });
      void message.success(t('recovery.saved'));
      form.resetFields();
      onClose();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <Modal
      open={open}
      title={paymentId ? t('recovery.flagTitle') : t('recovery.instalmentTitle')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={flag.isPending || record.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="amount" label={paymentId ? t('recovery.owed') : t('recovery.amount')} rules={[{ required: true, pattern: /^\d+(\.\d{1,2})?$/ }]}>
          <Input inputMode="decimal" data-testid="recovery-amount" />
        </Form.Item>
        {paymentId ? (
          <Form.Item name="reason" label={t('recovery.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="recovery-reason" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="receivedOn" label={t('recovery.receivedOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
              <Input placeholder="2026-12-01" data-testid="recovery-received-on" />
            </Form.Item>
            <Form.Item name="reference" label={t('recovery.reference')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={128} data-testid="recovery-reference" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 奖励台账: one ledger per policy for the project — the entitlement so far, what was paid to whom, what is still to
 * pay, and what was paid beyond the entitlement after a correction (待追回), with the open calculation if any.
 */
export function ProjectLedgerCard({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const ledger = useProjectLedger(projectId);
  if (ledger.isPending) return <LoadingBlock rows={3} />;
  if (ledger.isError) return <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />;
  const entries = ledger.data.entries;
  const recovering = entries.filter((e) => e.recoveryFen > 0);
  const columns: ColumnsType<ProjectLedgerEntry> = [
    {
      title: t('finance.ledger.policy'),
      dataIndex: 'policyName',
      render: (_, entry) => (
        <div>
          <Link to={`/finance/policies/${entry.policyId}`}>{entry.policyName}</Link>
          <div>
            <CalculationKindTag kind={entry.kind} />
          </div>
        </div>
      ),
    },
    { title: t('finance.ledger.entitled'), dataIndex: 'entitledFen', align: 'right', width: 150, render: (_, entry) => amount(entry.entitledFen) },
    { title: t('finance.ledger.paid'), dataIndex: 'paidFen', align: 'right', width: 150, render: (_, entry) => amount(entry.paidFen, true) },
    { title: t('finance.ledger.remaining'), dataIndex: 'remainingFen', align: 'right', width: 150, render: (_, entry) => amount(entry.remainingFen) },
    {
      title: t('finance.ledger.recovery'),
      dataIndex: 'recoveryFen',
      align: 'right',
      width: 170,
      render: (_, entry) =>
        entry.recoveryFen > 0 ? (
          <Tooltip title={t('finance.forecast.recoveryRowHint')}>
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="ledger-recovery-flag">
              {t('finance.forecast.recoveryTag', { amount: formatFen(entry.recoveryFen) })}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('finance.ledger.open'),
      key: 'open',
      width: 190,
      render: (_, entry) =>
        entry.openCalculation ? (
          <Link to={`/finance/calculations/${entry.openCalculation.id}`}>
            <CalculationStatusTag status={entry.openCalculation.status} />{' '}
            {t(`milestone.${entry.openCalculation.milestone as RewardMilestone}`, { defaultValue: entry.openCalculation.milestone })}{' '}
            {formatFen(entry.openCalculation.dueFen)}
          </Link>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];
  return (
    <div data-testid="project-ledger">
      {recovering.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="ledger-recovery-alert"
          message={t('finance.ledger.recoveryAlert', { count: recovering.length, amount: formatFen(recovering.reduce((s, e) => s + e.recoveryFen, 0)) })}
        />
      ) : null}
      <Table<ProjectLedgerEntry>
        rowKey="policyId"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={entries}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (entry) => <Payments entry={entry} />, defaultExpandAllRows: true, rowExpandable: () => true }}
        locale={{ emptyText: <EmptyState description={t('finance.ledger.empty')} /> }}
        data-testid="project-ledger-table"
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('finance.ledger.hint', { date: formatDate(ledger.data.asOf) })}
      </Typography.Paragraph>
    </div>
  );
}
