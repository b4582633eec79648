import { App, Button, Flex, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../components/error-alert.tsx';
import { ExportButton } from '../../../components/export-button.tsx';
import { hasRole, useUser } from '../../../lib/auth.ts';
import { formatDateTime, formatFen } from '../../../lib/format.ts';
import type { SavedPayPool, Zone } from '../../../lib/types.ts';
import { useApprovePayPool, useFilePayPool, usePayPools, useSavePayPool } from '../api/pay-pools.ts';

const STATUS_COLOR: Record<SavedPayPool['status'], string> = { draft: 'default', approved: 'blue', filed: 'green' };

/**
 * Saving the computed pool for a zone (a closed period only: the split uses the scores reported to the committee),
 * then approving it (someone other than its maker, who gets none of it) and filing it (备案, finance). The zones to
 * choose from come from the page (app/routes/performance.tsx), which loads them through the zones feature.
 */
export function SavedPools({
  period,
  schemeId,
  closed,
  input,
  zones,
}: {
  period: string;
  schemeId: string;
  closed: boolean;
  input: { baseFen: number; gradeMultiplier: number } | null;
  zones: Zone[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const pools = usePayPools({ schemeId, period }, { enabled: closed });
  const save = useSavePayPool();
  const approve = useApprovePayPool();
  const file = useFilePayPool();
  const [zoneId, setZoneId] = useState<string>();
  const [filing, setFiling] = useState<SavedPayPool | null>(null);
  const [reference, setReference] = useState('');
  const fail = (error: Error) => void message.error(errorText(error, t));

  if (!closed) {
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }} data-testid="pay-save-closed-only">
        {t('performance.pay.saveClosedOnly')}
      </Typography.Paragraph>
    );
  }
  return (
    <div style={{ marginTop: 16 }} data-testid="pay-pools">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('performance.pay.saved')}</Typography.Text>
        <Select
          style={{ width: 220 }}
          placeholder={t('performance.pay.zone')}
          value={zoneId}
          onChange={setZoneId}
          options={zones.map((z) => ({ value: z.id, label: z.name }))}
          data-testid="pay-zone"
        />
        <Button
          type="primary"
          disabled={!input || !zoneId}
          loading={save.isPending}
          onClick={() =>
            input &&
            zoneId &&
            save.mutate({ schemeId, period, zoneId, ...input }, { onSuccess: () => void message.success(t('performance.pay.savedDone')), onError: fail })
          }
          data-testid="pay-save"
        >
          {t('performance.pay.save')}
        </Button>
      </Flex>
      <Table<SavedPayPool>
        rowKey="id"
        size="small"
        pagination={false}
        loading={pools.isPending}
        dataSource={pools.data?.items ?? []}
        locale={{ emptyText: t('performance.pay.noneSaved') }}
        onRow={(p) => ({ 'data-testid': `pool-${p.zoneId}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('performance.pay.zone'), dataIndex: 'zoneName' },
          {
            title: t('performance.pay.pool'),
            dataIndex: 'poolFen',
            align: 'right',
            render: (_, p) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(p.poolFen)}</span>,
          },
          {
            title: t('performance.pay.grade'),
            dataIndex: 'gradeMultiplier',
            align: 'center',
            render: (_, p) => t('performance.pay.times', { n: p.gradeMultiplier }),
          },
          {
            title: t('performance.pay.status'),
            dataIndex: 'status',
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[p.status]} data-testid="pool-status" data-status={p.status}>
                  {t(`performance.pay.statuses.${p.status}`)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.status === 'filed'
                    ? t('performance.pay.filedBy', { name: p.filedByName, ref: p.filingReference, at: p.filedAt ? formatDateTime(p.filedAt) : '' })
                    : p.status === 'approved'
                      ? t('performance.pay.approvedBy', { name: p.approvedByName })
                      : t('performance.pay.madeBy', { name: p.makerName })}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            align: 'right',
            render: (_, p) => (
              <Space>
                {p.status === 'draft' && hasRole(user, 'manager', 'finance') ? (
                  <Button
                    size="small"
                    loading={approve.isPending}
                    onClick={() =>
                      approve.mutate(
                        { id: p.id, version: p.version },
                        { onSuccess: () => void message.success(t('performance.pay.approvedDone')), onError: fail },
                      )
                    }
                    data-testid="pool-approve"
                  >
                    {t('performance.pay.approve')}
                  </Button>
                ) : null}
                {p.status === 'approved' && hasRole(user, 'finance') ? (
                  <Button
                    size="small"
                    onClick={() => {
                      setFiling(p);
                      setReference('');
                    }}
                    data-testid="pool-file"
                  >
                    {t('performance.pay.file')}
                  </Button>
                ) : null}
                <ExportButton path={`/performance/pay-pools/${p.id}/export`} fallbackName="绩效工资" />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!filing}
        title={t('performance.pay.fileTitle', { zone: filing?.zoneName ?? '' })}
        okText={t('performance.pay.file')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reference.trim().length === 0, loading: file.isPending, ...{ 'data-testid': 'pool-file-ok' } }}
        onOk={() =>
          filing && file.mutate({ id: filing.id, version: filing.version, reference: reference.trim() }, { onSuccess: () => setFiling(null), onError: fail })
        }
        onCancel={() => setFiling(null)}
      >
        <Input
          maxLength={64}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          placeholder={t('performance.pay.referencePlaceholder')}
          data-testid="pool-reference"
        />
      </Modal>
    </div>
  );
}
