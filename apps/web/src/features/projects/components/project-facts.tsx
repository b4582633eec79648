import { Card, Col, Descriptions, Row, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fenToWanText, formatDate, formatFen, formatFenLarge, formatMu } from '../../../lib/format.ts';
import type { Project } from '../../../lib/types.ts';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** An amount in 万元/亿元 with the exact yuan figure on hover; a dash for 0 (not yet known). */
function Money({ fen, strong = false }: { fen: number; strong?: boolean }) {
  if (fen <= 0) return dash;
  return (
    <Tooltip title={formatFen(fen)}>
      <Typography.Text strong={strong} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatFenLarge(fen)}
      </Typography.Text>
    </Tooltip>
  );
}

/** 亩产 in 万元 per 亩, from the latest verified figure; "待核实" until there is one. */
export function PerMuText({ fen }: { fen: string | null }) {
  const { t } = useTranslation();
  if (fen === null) return <Typography.Text type="secondary">{t('project.perMuUnknown')}</Typography.Text>;
  return (
    <Tooltip title={`${formatFen(fen)} / ${t('sign.mu')}`}>
      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{t('project.perMuUnit', { amount: `${fenToWanText(fen)}${t('leads.wan')}` })}</span>
    </Tooltip>
  );
}

/** Four headline figures: contract investment, land, output and tax per 亩 (亩产论英雄, policy 二(四)3). */
export function ProjectStats({ project }: { project: Project }) {
  const { t } = useTranslation();
  const perMu = (fen: string | null) =>
    fen === null ? { value: t('project.perMuUnknown'), suffix: undefined } : { value: fenToWanText(fen), suffix: `${t('leads.wan')}/${t('sign.mu')}` };
  const output = perMu(project.perMu.outputFenPerMu);
  const tax = perMu(project.perMu.taxFenPerMu);
  const unknownStyle = { color: 'rgba(0,0,0,0.35)', fontSize: 18 };
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="project-stats">
      <Col xs={12} lg={6}>
        <Card size="small">
          <Tooltip title={formatFen(project.contractInvestmentFen)}>
            <Statistic title={t('project.contractInvestment')} value={formatFenLarge(project.contractInvestmentFen)} />
          </Tooltip>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Statistic
            title={t('project.land')}
            value={project.landMu > 0 ? formatMu(project.landMu) : '—'}
            suffix={project.landMu > 0 ? t('sign.mu') : undefined}
          />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Tooltip title={t('project.perMuHelp')}>
            <Statistic
              title={t('project.perMuOutput')}
              value={output.value}
              suffix={output.suffix}
              styles={{ content: output.suffix ? undefined : unknownStyle }}
            />
          </Tooltip>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card size="small">
          <Tooltip title={t('project.perMuHelp')}>
            <Statistic title={t('project.perMuTax')} value={tax.value} suffix={tax.suffix} styles={{ content: tax.suffix ? undefined : unknownStyle }} />
          </Tooltip>
        </Card>
      </Col>
    </Row>
  );
}

/**
 * The contract investment as reported, and — when a report waits for a manager — what was verified beside it:
 * only the verified amount moves money or ranks people (issue 8).
 */
export function ContractInvestment({ project }: { project: Project }) {
  const { t } = useTranslation();
  if (!project.contractInvestmentPending) return <Money fen={project.contractInvestmentFen} strong />;
  return (
    <div data-testid="contract-pending">
      <Money fen={project.contractInvestmentFen} strong />{' '}
      <Tooltip title={t('project.contractPendingHelp')}>
        <Tag color="orange">{t('project.contractPending')}</Tag>
      </Tooltip>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {project.verifiedContractInvestmentFen === null
            ? t('project.contractNoneVerified')
            : t('project.contractVerified', { amount: formatFen(project.verifiedContractInvestmentFen) })}
        </Typography.Text>
      </div>
    </div>
  );
}

export function ProjectFacts({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 128 } }}
      data-testid="project-facts"
      items={[
        { key: 'contract', label: t('project.contractInvestment'), children: <ContractInvestment project={project} /> },
        { key: 'registered', label: t('project.registeredCapital'), children: <Money fen={project.registeredCapitalFen} /> },
        { key: 'planned', label: t('project.plannedFixedAssetInvestment'), children: <Money fen={project.plannedFixedAssetInvestmentFen} /> },
        { key: 'land', label: t('project.land'), children: project.landMu > 0 ? `${formatMu(project.landMu)} ${t('sign.mu')}` : dash },
        {
          key: 'landApprovedOn',
          label: t('project.landApprovedOn'),
          children: project.landApprovedOn ? <span data-testid="project-land-approved">{formatDate(project.landApprovedOn)}</span> : dash,
        },
        { key: 'output', label: t('project.expectedAnnualOutput'), children: <Money fen={project.expectedAnnualOutputFen} /> },
        { key: 'tax', label: t('project.expectedAnnualTax'), children: <Money fen={project.expectedAnnualTaxFen} /> },
        { key: 'perMuOutput', label: t('project.perMuOutput'), children: <PerMuText fen={project.perMu.outputFenPerMu} /> },
        { key: 'perMuTax', label: t('project.perMuTax'), children: <PerMuText fen={project.perMu.taxFenPerMu} /> },
        { key: 'zone', label: t('project.zone'), children: `${project.zoneName}${project.parkName ? ` · ${project.parkName}` : ''}` },
        {
          key: 'industry',
          label: t('project.industry'),
          children: `${project.industryName}${project.chainNodeName ? ` · ${project.chainNodeName}` : ''}`,
        },
        { key: 'agent', label: t('project.agent'), children: project.agentName ?? dash },
        { key: 'owner', label: t('project.owner'), children: project.ownerName },
        { key: 'signedOn', label: t('project.signedOn'), children: formatDate(project.signedOn) },
        { key: 'jobs', label: t('project.expectedJobs'), children: project.expectedJobs > 0 ? t('project.jobs', { count: project.expectedJobs }) : dash },
        {
          key: 'notes',
          label: t('project.notes'),
          span: 'filled',
          children: project.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{project.notes}</span> : dash,
        },
      ]}
    />
  );
}
