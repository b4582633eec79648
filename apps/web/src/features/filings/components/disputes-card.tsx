import { App, Button, Card, Empty, Input, List, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorText } from '../../../components/error-alert.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useDisputes, useSettleDispute, type DisputeRow } from '../api/filings.ts';

/** Open disputes over first reports, for a manager with no stake to settle. */
export function DisputesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const disputes = useDisputes('open');
  const settle = useSettleDispute();
  const [settling, setSettling] = useState<DisputeRow | null>(null);
  const [outcome, setOutcome] = useState<'first_stands' | 'claimant_first'>('first_stands');
  const [note, setNote] = useState('');
  const tr = t as unknown as (key: string) => string;
  return (
    <Card title={t('filing.disputes')} style={{ marginBottom: 16 }} data-testid="disputes-card">
      {disputes.data?.items.length ? (
        <List
          dataSource={disputes.data.items}
          renderItem={(d) => (
            <List.Item
              actions={[
                <Button
                  key="s"
                  size="small"
                  onClick={() => {
                    setSettling(d);
                    setNote('');
                  }}
                >
                  {t('filing.settle')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={<Link to={`/leads/${d.leadId}`}>{d.companyName}</Link>}
                description={
                  <>
                    {t('filing.disputeLine', {
                      first: d.firstReport.reportedByName,
                      firstAt: formatDateTime(d.firstReport.reportedAt),
                      claimant: d.claimReport.reportedByName,
                      claimAt: formatDateTime(d.claimReport.reportedAt),
                    })}
                    <div>{d.reason}</div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('filing.noDisputes')} />
      )}
      <Modal
        open={!!settling}
        title={settling?.companyName}
        onCancel={() => setSettling(null)}
        okButtonProps={{ disabled: !note.trim(), loading: settle.isPending }}
        onOk={() =>
          settling &&
          settle.mutate(
            { id: settling.id, outcome, note: note.trim() },
            { onSuccess: () => setSettling(null), onError: (error) => void message.error(errorText(error, t)) },
          )
        }
      >
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as typeof outcome)}
          options={(['first_stands', 'claimant_first'] as const).map((o) => ({ value: o, label: tr(`filing.disputeStatus.${o}`) }))}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('filing.settleHelp')}
        </Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        {settling ? <Tag style={{ marginTop: 8 }}>{tr(`filing.disputeStatus.${settling.status}`)}</Tag> : null}
      </Modal>
    </Card>
  );
}
