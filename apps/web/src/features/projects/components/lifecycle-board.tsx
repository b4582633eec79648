import { Card, Empty, Flex, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fenToWanText, formatDate, formatFen, formatFenLarge, formatMu, isPositiveFen } from '../../../lib/format.ts';
import type { LifecycleCard, LifecycleColumn } from '../../../lib/types.ts';
import { milestoneColors } from './milestone-tag.tsx';

const presetColors: Record<string, string> = {
  blue: '#1677ff',
  cyan: '#13c2c2',
  geekblue: '#2f54eb',
  orange: '#fa8c16',
  green: '#52c41a',
  purple: '#722ed1',
};

function ProjectCard({ project }: { project: LifecycleCard }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { outputFenPerMu, taxFenPerMu } = project.perMu;
  const perMu = (fen: string | null) => (fen === null ? '—' : `${fenToWanText(fen)}${t('leads.wan')}`);
  return (
    <Link to={`/projects/${project.id}`} data-testid={`lifecycle-card-${project.id}`} style={{ color: 'inherit' }}>
      <Card size="small" hoverable styles={{ body: { padding: '10px 12px' } }}>
        <Typography.Text strong ellipsis={{ tooltip: project.name }} style={{ display: 'block' }}>
          {project.name}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {project.zoneName}
        </Typography.Text>
        <Flex justify="space-between" align="baseline" style={{ marginTop: 6 }}>
          <Tooltip title={formatFen(project.contractInvestmentFen)}>
            <Typography.Text strong style={{ color: token.colorPrimary, fontVariantNumeric: 'tabular-nums' }}>
              {formatFenLarge(project.contractInvestmentFen)}
            </Typography.Text>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {project.landMu > 0 ? t('lifecycle.land', { mu: formatMu(project.landMu) }) : null}
          </Typography.Text>
        </Flex>
        <div style={{ fontSize: 12, marginTop: 4, color: token.colorTextSecondary, fontVariantNumeric: 'tabular-nums' }}>
          {outputFenPerMu === null && taxFenPerMu === null ? (
            <span>
              {t('lifecycle.perMu')}
              {t('app.colon')}
              {t('project.perMuUnknown')}
            </span>
          ) : (
            <Tooltip title={t('project.perMuHelp')}>
              <div>
                {t('project.perMuOutput')} {perMu(outputFenPerMu)}
              </div>
              <div>
                {t('project.perMuTax')} {perMu(taxFenPerMu)}
              </div>
            </Tooltip>
          )}
        </div>
        <div style={{ fontSize: 12, color: token.colorTextTertiary, marginTop: 2 }}>{t('lifecycle.reachedOn', { date: formatDate(project.reachedOn) })}</div>
      </Card>
    </Link>
  );
}

/** Projects by their current milestone: 签约 注册 供地 开工 投产 达产, each with count and contract investment. */
export function LifecycleBoard({ columns }: { columns: LifecycleColumn[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div className="crm-board" data-testid="lifecycle-board">
      {columns.map((column) => (
        <section key={column.milestone} className="crm-board-column" data-testid={`lifecycle-column-${column.milestone}`} data-count={column.count}>
          <header className="crm-board-header" style={{ borderTopColor: presetColors[milestoneColors[column.milestone]] ?? token.colorPrimary }}>
            <Flex justify="space-between" align="baseline">
              <Typography.Text strong>{t(`milestone.${column.milestone}`)}</Typography.Text>
              <Typography.Text type="secondary" data-testid="column-count">
                {column.count}
              </Typography.Text>
            </Flex>
            <Tooltip title={formatFen(column.contractInvestmentFen)}>
              <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
                {isPositiveFen(column.contractInvestmentFen) ? formatFenLarge(column.contractInvestmentFen) : '—'}
              </Typography.Text>
            </Tooltip>
          </header>
          <Flex vertical gap={8} className="crm-board-cards">
            {column.projects.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lifecycle.empty')} style={{ margin: '16px 0' }} />
            ) : (
              column.projects.map((project) => <ProjectCard key={project.id} project={project} />)
            )}
            {column.count > column.projects.length ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
                {t('lifecycle.more', { count: column.count - column.projects.length })}
              </Typography.Text>
            ) : null}
          </Flex>
        </section>
      ))}
    </div>
  );
}
