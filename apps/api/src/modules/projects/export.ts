import { enumLabel, type Project, type ProjectListQuery } from '@crm/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../lib/context.ts';
import { pages, sendSheet, type Column } from '../../lib/xlsx.ts';
import { listProjects } from './service.ts';

const columns: Column<Project>[] = [
  { header: '项目名称', kind: 'text', width: 32, value: (p) => p.name },
  { header: '当前里程碑', kind: 'text', width: 10, value: (p) => enumLabel('milestone', p.currentMilestone) },
  { header: '签约日期', kind: 'date', value: (p) => p.signedOn },
  { header: '开发区', kind: 'text', width: 20, value: (p) => p.zoneName },
  { header: '园区', kind: 'text', width: 14, value: (p) => p.parkName },
  { header: '产业', kind: 'text', width: 14, value: (p) => p.industryName },
  { header: '产业链环节', kind: 'text', width: 14, value: (p) => p.chainNodeName },
  { header: '代理', kind: 'text', width: 20, value: (p) => p.agentName },
  { header: '负责人', kind: 'text', width: 10, value: (p) => p.ownerName },
  { header: '合同投资额', kind: 'money', width: 20, value: (p) => p.contractInvestmentFen },
  { header: '核实合同投资额', kind: 'money', width: 20, value: (p) => p.verifiedContractInvestmentFen },
  { header: '注册资本', kind: 'money', width: 18, value: (p) => p.registeredCapitalFen },
  { header: '计划固定资产投资', kind: 'money', width: 20, value: (p) => p.plannedFixedAssetInvestmentFen },
  { header: '预计年产值', kind: 'money', width: 18, value: (p) => p.expectedAnnualOutputFen },
  { header: '预计年税收', kind: 'money', width: 18, value: (p) => p.expectedAnnualTaxFen },
  { header: '用地(亩)', kind: 'number', width: 10, value: (p) => p.landMu },
  { header: '预计就业', kind: 'number', width: 10, value: (p) => p.expectedJobs },
  { header: '创建时间', kind: 'datetime', value: (p) => p.createdAt },
];

/** The projects list under its filter as .xlsx: the rows listProjects shows this user (staff: their own and credited). */
export function exportProjects({ ctx, reply, input }: { ctx: Ctx; reply: FastifyReply; input: Omit<z.infer<typeof ProjectListQuery>, 'limit' | 'cursor'> }) {
  const rows = pages((cursor) => listProjects({ ctx, input: { ...input, limit: 500, cursor } }));
  return sendSheet(ctx, reply, { name: '项目', ascii: 'projects', columns, rows });
}
