import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fenToWanText, formatDate, formatFen, formatMu } from '../../../lib/format.ts';
import type { Project } from '../../../lib/types.ts';
import { MilestoneTag } from './milestone-tag.tsx';

type Props = { projects: Project[]; loading: boolean; emptyText: ReactNode };

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function TwoLine({ first, second }: { first: string; second: string | null }) {
  return (
    <div>
      <div>{first}</div>
      {second ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {second}
        </Typography.Text>
      ) : null}
    </div>
  );
}

export function ProjectsTable({ projects, loading, emptyText }: Props) {
  const { t } = useTranslation();
  const perMu = (fen: string | null) => (fen === null ? '—' : fenToWanText(fen));
  const columns: ColumnsType<Project> = [
    {
      title: t('projects.col.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 200,
      render: (_, project) => (
        <Link to={`/projects/${project.id}`} data-testid={`project-link-${project.id}`}>
          {project.name}
        </Link>
      ),
    },
    { title: t('projects.col.milestone'), dataIndex: 'currentMilestone', width: 84, render: (_, p) => <MilestoneTag milestone={p.currentMilestone} /> },
    { title: t('projects.col.zone'), dataIndex: 'zoneName', width: 150, render: (_, p) => <TwoLine first={p.zoneName} second={p.parkName} /> },
    { title: t('projects.col.industry'), dataIndex: 'industryName', width: 140, render: (_, p) => <TwoLine first={p.industryName} second={p.chainNodeName} /> },
    {
      title: t('projects.col.investment'),
      dataIndex: 'contractInvestmentFen',
      align: 'right',
      width: 110,
      render: (_, p) => (
        <Tooltip title={formatFen(p.contractInvestmentFen)}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fenToWanText(p.contractInvestmentFen)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('projects.col.land'),
      dataIndex: 'landMu',
      align: 'right',
      width: 80,
      render: (_, p) => (p.landMu > 0 ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMu(p.landMu)}</span> : dash),
    },
    {
      title: (
        <Tooltip title={t('project.perMuHelp')}>
          {t('projects.col.perMu')}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            ({t('leads.wan')}/{t('sign.mu')})
          </Typography.Text>
        </Tooltip>
      ),
      key: 'perMu',
      align: 'right',
      width: 150,
      render: (_, p) =>
        p.perMu.outputFenPerMu === null && p.perMu.taxFenPerMu === null ? (
          <Typography.Text type="secondary">{t('project.perMuUnknown')}</Typography.Text>
        ) : (
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>
            {perMu(p.perMu.outputFenPerMu)} / {perMu(p.perMu.taxFenPerMu)}
          </span>
        ),
    },
    { title: t('projects.col.owner'), dataIndex: 'ownerName', width: 76, ellipsis: true },
    { title: t('projects.col.signedOn'), dataIndex: 'signedOn', width: 100, render: (_, p) => formatDate(p.signedOn) },
  ];
  return (
    <Table<Project>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={projects}
      loading={loading}
      pagination={false}
      scroll={{ x: 1090 }}
      locale={{ emptyText }}
      data-testid="projects-table"
    />
  );
}
