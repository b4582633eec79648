import { IndicatorTable } from '../../shared/components/indicator-table.tsx';
import { divRoundHalfUp, formatFen } from '@crm/shared';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBp, formatDateTime, type FenLike } from '../../../lib/format.ts';
import type { Report, ReportRow } from '../../../lib/types.ts';

/**
 * 万元 with two decimals, rounded half up once from fen — the same figure the spreadsheet's cell holds
 * (1万元 = 1,000,000 fen; fen / 10,000 is 万元 in hundredths).
 */
/** 万元 with two decimals, rounded half up once from the exact fen (a sum arrives as a decimal string). */
export const wanCell = (fen: FenLike): string => formatFen(divRoundHalfUp(BigInt(fen), 10_000n), { symbol: false });

type Cell = ReportRow[string] | undefined;
/** A 分开发区汇总 row of an enclave zone with a partner and a share. */
const isEnclaveRow = (r: ReportRow): boolean =>
  typeof r.enclavePartner === 'string' && r.enclavePartner !== '' && r.partnerShareBp !== null && r.partnerShareBp !== undefined;
const text = (value: Cell) => (value === null || value === undefined || value === '' ? '—' : String(value));
const amount = (value: Cell) => (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)) ? wanCell(value) : '—');

type Column = { key: string; title: string; align?: 'right' | 'center'; width?: number; render?: (row: ReportRow) => ReactNode };

function Section({
  heading,
  columns,
  rows,
  total,
  testId,
}: {
  heading: string;
  columns: Column[];
  rows: ReportRow[];
  /** The 合计 row: one cell per column (the first says 合计). */
  total: ReactNode[];
  testId: string;
}) {
  const { t } = useTranslation();
  const tableColumns: ColumnsType<ReportRow> = columns.map((c) => ({
    key: c.key,
    title: c.title,
    align: c.align,
    width: c.width,
    render: (_, row) => (c.render ? c.render(row) : text(row[c.key])),
  }));
  return (
    <section style={{ marginBottom: 28 }} data-testid={testId}>
      <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
        {heading}
      </Typography.Title>
      <Table<ReportRow>
        className="crm-report-table"
        rowKey={(row, index) => `${String(row.no ?? row.zone ?? '')}-${index ?? 0}`}
        size="small"
        bordered
        pagination={false}
        columns={tableColumns}
        dataSource={rows}
        locale={{
          emptyText: (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '6px 0' }}>
              {t('reports.noRows')}
            </Typography.Text>
          ),
        }}
        summary={() => (
          <Table.Summary.Row style={{ background: '#f8fafc', fontWeight: 600 }} data-testid={`${testId}-total`}>
            {total.map((cell, index) => (
              <Table.Summary.Cell key={index} index={index} align={columns[index]?.align}>
                {cell}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </section>
  );
}

/**
 * The report laid out like the spreadsheet the office files: title, 统计期间 and 填报范围, four numbered tables with
 * their 合计 rows, amounts in 万元.
 */
export function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const totals = report.totals;
  const wanTitle = (label: string) => t('performance.withUnit', { label, unit: t('performance.wanUnit') });
  const blank = (n: number) => Array.from({ length: n }, () => '');
  const totalAmount = (fen: FenLike, id: string) => <span data-testid={id}>{wanCell(fen)}</span>;
  // 飞地 (issue 14): the zone's own share and the partner's, shown only when some zone is an enclave with a share.
  // The 合计 keeps the whole, so the two share columns are left blank there (as in the .xlsx).
  const enclaves = report.byZone.some(isEnclaveRow);
  const partnerCell = (r: ReportRow) =>
    isEnclaveRow(r) ? (
      <span data-testid="report-partner-share">
        {amount(r.partnerSignedInvestmentFen)}
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {t('reports.partnerOf', { partner: r.enclavePartner, share: formatBp(Number(r.partnerShareBp)) })}
        </Typography.Text>
      </span>
    ) : (
      '—'
    );

  return (
    <div className="crm-report" data-testid="report-view" style={{ background: '#fff', padding: '32px 40px', border: '1px solid #e5e7eb', borderRadius: 8 }}>
      <Typography.Title level={3} style={{ textAlign: 'center', margin: 0, fontFamily: "'SimSun', 'Songti SC', serif" }} data-testid="report-title">
        {report.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: '10px 0 28px' }} data-testid="report-meta">
        {t('reports.meta', { period: report.periodLabel, zone: report.zone, generated: formatDateTime(report.generatedAt) })}
      </Typography.Paragraph>

      <Section
        heading={t('reports.section.newLeads')}
        testId="report-new-leads"
        rows={report.newLeads}
        columns={[
          { key: 'no', title: t('reports.col.no'), align: 'center', width: 56 },
          { key: 'companyName', title: t('reports.col.company') },
          { key: 'industry', title: t('reports.col.industry') },
          { key: 'zone', title: t('reports.col.intendedZone') },
          { key: 'channel', title: t('reports.col.channel') },
          { key: 'estimatedInvestmentFen', title: wanTitle(t('reports.col.estimated')), align: 'right', render: (r) => amount(r.estimatedInvestmentFen) },
          { key: 'owner', title: t('reports.col.owner') },
          { key: 'createdOn', title: t('reports.col.createdOn'), width: 104 },
        ]}
        total={[
          t('reports.total'),
          t('reports.leadsCount', { count: totals.newLeads }),
          ...blank(3),
          totalAmount(totals.newLeadsInvestmentFen, 'total-new-leads-investment'),
          ...blank(2),
        ]}
      />
      <Section
        heading={t('reports.section.signed')}
        testId="report-signed"
        rows={report.signed}
        columns={[
          { key: 'no', title: t('reports.col.no'), align: 'center', width: 56 },
          { key: 'name', title: t('reports.col.project') },
          { key: 'zone', title: t('reports.col.zone') },
          { key: 'industry', title: t('reports.col.industry') },
          { key: 'contractInvestmentFen', title: wanTitle(t('reports.col.contract')), align: 'right', render: (r) => amount(r.contractInvestmentFen) },
          { key: 'landMu', title: t('reports.col.land'), align: 'right' },
          { key: 'signedOn', title: t('reports.col.signedOn'), width: 104 },
          { key: 'agent', title: t('reports.col.agent') },
          { key: 'owner', title: t('reports.col.owner') },
        ]}
        total={[
          t('reports.total'),
          t('reports.projectsCount', { count: totals.signedProjects }),
          ...blank(2),
          totalAmount(totals.signedInvestmentFen, 'total-signed-investment'),
          ...blank(4),
        ]}
      />
      <Section
        heading={t('reports.section.landed')}
        testId="report-landed"
        rows={report.landed}
        columns={[
          { key: 'no', title: t('reports.col.no'), align: 'center', width: 56 },
          { key: 'name', title: t('reports.col.project') },
          { key: 'zone', title: t('reports.col.zone') },
          { key: 'industry', title: t('reports.col.industry') },
          { key: 'milestone', title: t('reports.col.milestone') },
          { key: 'reachedOn', title: t('reports.col.reachedOn'), width: 104 },
          { key: 'contractInvestmentFen', title: wanTitle(t('reports.col.contract')), align: 'right', render: (r) => amount(r.contractInvestmentFen) },
        ]}
        total={[
          t('reports.total'),
          t('reports.projectsCount', { count: totals.landedProjects }),
          ...blank(4),
          totalAmount(totals.landedInvestmentFen, 'total-landed-investment'),
        ]}
      />
      <Section
        heading={t('reports.section.byZone')}
        testId="report-by-zone"
        rows={report.byZone.map((row, index) => ({ ...row, no: index + 1 }))}
        columns={[
          { key: 'no', title: t('reports.col.no'), align: 'center', width: 56 },
          { key: 'zone', title: t('reports.col.zone') },
          { key: 'newLeads', title: t('reports.col.newLeads'), align: 'right' },
          { key: 'signedProjects', title: t('reports.col.signedProjects'), align: 'right' },
          { key: 'signedInvestmentFen', title: wanTitle(t('reports.col.signedInvestment')), align: 'right', render: (r) => amount(r.signedInvestmentFen) },
          ...(enclaves
            ? [
                {
                  key: 'ownSignedInvestmentFen',
                  title: wanTitle(t('reports.col.ownShare')),
                  align: 'right' as const,
                  render: (r: ReportRow) => amount(r.ownSignedInvestmentFen ?? r.signedInvestmentFen),
                },
                { key: 'partnerSignedInvestmentFen', title: wanTitle(t('reports.col.partnerShare')), align: 'right' as const, render: partnerCell },
              ]
            : []),
          { key: 'landedProjects', title: t('reports.col.landedProjects'), align: 'right' },
        ]}
        total={[
          t('reports.total'),
          '',
          <span data-testid="total-by-zone-leads">{totals.newLeads}</span>,
          <span data-testid="total-by-zone-signed">{totals.signedProjects}</span>,
          totalAmount(totals.signedInvestmentFen, 'total-by-zone-signed-investment'),
          ...(enclaves ? blank(2) : []),
          <span data-testid="total-by-zone-landed">{totals.landedProjects}</span>,
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
        {t('reports.footnote')}
      </Typography.Paragraph>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('reports.section.indicators')}
      </Typography.Title>
      <IndicatorTable zones={report.indicators} />
    </div>
  );
}
