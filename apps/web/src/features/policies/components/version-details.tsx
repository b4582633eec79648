import { LockOutlined } from '@ant-design/icons';
import { formatFactorBp, formatRateBp, formatShareBp } from '@crm/shared';
import { Card, Descriptions, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatFen, formatFenLarge } from '../../../lib/format.ts';
import type { PolicyVersion, TieredRewardVersionJson } from '../../../lib/types.ts';
import { versionBody } from './version-values.ts';

/** "2025-01-01 起" or "2025-01-01 至 2025-12-31". */
export function EffectiveRange({ version }: { version: Pick<PolicyVersion, 'effectiveFrom' | 'effectiveTo'> }) {
  const { t } = useTranslation();
  return (
    <span>
      {version.effectiveTo
        ? t('policies.rangeTo', { from: formatDate(version.effectiveFrom), to: formatDate(version.effectiveTo) })
        : t('policies.rangeOpen', { from: formatDate(version.effectiveFrom) })}
    </span>
  );
}

/** An amount for people (5,000万元) with the exact figure on hover. */
function Large({ fen }: { fen: number }) {
  if (fen === 0) return <span>0</span>;
  return (
    <Tooltip title={formatFen(fen)}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFenLarge(fen)}</span>
    </Tooltip>
  );
}

type TierRow = { key: number; from: number; upTo: number | null; rateBp: number };

/** The tiers as a table: each slice's range and its rate. */
export function TiersTable({ body }: { body: TieredRewardVersionJson }) {
  const { t } = useTranslation();
  const rows: TierRow[] = body.tiers.map((tier, index) => ({
    key: index,
    from: index === 0 ? 0 : (body.tiers[index - 1]?.upToFen ?? 0),
    upTo: tier.upToFen,
    rateBp: tier.rateBp,
  }));
  const columns: ColumnsType<TierRow> = [
    { title: t('policies.tier'), dataIndex: 'key', width: 90, render: (_, row) => t('policies.tierNo', { n: row.key + 1 }) },
    {
      title: t('policies.tierRange'),
      key: 'range',
      render: (_, row) =>
        row.upTo === null ? (
          <span>
            <Large fen={row.from} /> {t('policies.andAbove')}
          </span>
        ) : (
          <span>
            <Large fen={row.from} /> – <Large fen={row.upTo} />
          </span>
        ),
    },
    {
      title: t('policies.rate'),
      dataIndex: 'rateBp',
      align: 'right',
      width: 120,
      render: (_, row) => <Typography.Text strong>{formatRateBp(row.rateBp)}</Typography.Text>,
    },
  ];
  return <Table<TierRow> size="small" rowKey="key" columns={columns} dataSource={rows} pagination={false} data-testid="tiers-table" />;
}

type Props = {
  version: PolicyVersion;
  /** In effect today. */
  current: boolean;
};

/** One version of a policy, read-only: versions are never edited, a change is a new version. */
export function VersionCard({ version, current }: Props) {
  const { t } = useTranslation();
  const body = versionBody(version);
  const tags = (
    <Flex gap={4} wrap>
      {current ? (
        <Tag color="green" data-testid="version-current">
          {t('policies.current')}
        </Tag>
      ) : null}
      {version.inUse ? (
        <Tooltip title={t('policies.inUseHint')}>
          <Tag icon={<LockOutlined />} data-testid="version-in-use">
            {t('policies.inUse')}
          </Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );

  return (
    <Card
      size="small"
      title={
        <Flex gap={12} align="center" wrap>
          <span>{t('policies.versionNo', { n: version.versionNo })}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            <EffectiveRange version={version} />
          </Typography.Text>
          {tags}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('policies.createdBy', { name: version.createdByName, at: formatDateTime(version.createdAt) })}
        </Typography.Text>
      }
      style={{ marginBottom: 16 }}
      data-testid={`version-${version.versionNo}`}
    >
      {body.kind === 'service_fee' ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'fee', label: t('policies.fee'), children: formatFen(body.feeFen) },
            { key: 'period', label: t('policies.period'), children: t(`policies.periodKind.${body.period}`) },
          ]}
        />
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'basis', label: t('policies.basis'), children: t(`policies.basisKind.${body.basis}`) },
              {
                key: 'mode',
                label: t('policies.mode'),
                children: (
                  <Tooltip title={t(`policies.modeHint.${body.mode}`)}>
                    <Tag color={body.mode === 'marginal' ? 'blue' : 'orange'} data-testid="version-mode">
                      {t(`policies.modeKind.${body.mode}`)}
                    </Tag>
                  </Tooltip>
                ),
              },
              { key: 'threshold', label: t('policies.threshold'), children: formatFen(body.thresholdFen) },
              {
                key: 'multipliers',
                label: t('policies.multipliers'),
                children:
                  body.multipliers.length === 0
                    ? t('policies.noMultiplier')
                    : body.multipliers.map((m) => (
                        <Tag key={m.when} color="gold">
                          {t(`policies.condition.${m.when}`)} ×{formatFactorBp(m.factorBp)}
                        </Tag>
                      )),
              },
              { key: 'cap', label: t('policies.cap'), children: body.capFen === null ? t('policies.noCap') : formatFen(body.capFen) },
              {
                key: 'installments',
                label: t('policies.installments'),
                children: (
                  <Flex gap={4} wrap data-testid="version-installments">
                    {body.installments.map((i) => (
                      <Tag key={i.milestone}>
                        {t(`milestone.${i.milestone}`)} {formatShareBp(i.shareBp)}
                      </Tag>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
          <TiersTable body={body} />
        </>
      )}
      {version.note ? (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('policies.note')}
          {t('app.colon')}
          {version.note}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
