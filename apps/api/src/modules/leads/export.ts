import { enumLabel, type Lead, type LeadListQuery } from '@crm/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../lib/context.ts';
import { pages, sendSheet, type Column } from '../../lib/xlsx.ts';
import { listLeads } from './service.ts';

const yes = (v: boolean) => (v ? '是' : '否');

const columns: Column<Lead>[] = [
  { header: '企业名称', kind: 'text', width: 32, value: (l) => l.companyName },
  { header: '统一社会信用代码', kind: 'text', width: 22, value: (l) => l.creditCode },
  { header: '阶段', kind: 'text', width: 10, value: (l) => enumLabel('stage', l.stage) },
  { header: '招商渠道', kind: 'text', width: 14, value: (l) => enumLabel('channel', l.channel) },
  { header: '代理', kind: 'text', width: 20, value: (l) => l.agentName },
  { header: '开发区', kind: 'text', width: 20, value: (l) => l.zoneName },
  { header: '园区', kind: 'text', width: 14, value: (l) => l.parkName },
  { header: '产业', kind: 'text', width: 14, value: (l) => l.industryName },
  { header: '产业链环节', kind: 'text', width: 14, value: (l) => l.chainNodeName },
  { header: '预计投资额', kind: 'money', width: 20, value: (l) => l.estimatedInvestmentFen },
  { header: '重大项目', kind: 'text', width: 8, value: (l) => yes(l.isMajor) },
  { header: '负责人', kind: 'text', width: 10, value: (l) => l.ownerName },
  { header: '预警', kind: 'text', width: 10, value: (l) => enumLabel('warning', l.warning) },
  { header: '公海', kind: 'text', width: 6, value: (l) => yes(l.inPool) },
  { header: '保护期至', kind: 'datetime', value: (l) => l.protectionExpiresAt },
  { header: '下次跟进', kind: 'date', value: (l) => l.nextFollowUpOn },
  { header: '最近跟进', kind: 'datetime', value: (l) => l.lastActivityAt },
  { header: '已备案', kind: 'datetime', value: (l) => l.filedAt },
  { header: '流失原因', kind: 'text', width: 20, value: (l) => l.lostReason },
  { header: '联系人', kind: 'text', width: 24, value: (l) => l.contacts.map((c) => [c.name, c.phone].filter(Boolean).join(' ')).join('；') },
  { header: '来源活动', kind: 'text', width: 20, value: (l) => l.sourceEventName },
  { header: '登记时间', kind: 'datetime', value: (l) => l.createdAt },
];

/**
 * The leads list (or the public pool, pool=true) under its filter and sort, as .xlsx: the rows the same list shows the
 * same user (listLeads applies who may see what), streamed page by page and bounded by EXPORT_MAX_ROWS.
 */
export function exportLeads({ ctx, reply, input }: { ctx: Ctx; reply: FastifyReply; input: Omit<z.infer<typeof LeadListQuery>, 'limit' | 'cursor'> }) {
  const rows = pages((cursor) => listLeads({ ctx, input: { ...input, limit: 500, cursor } }));
  return input.pool
    ? sendSheet(ctx, reply, { name: '公海', ascii: 'pool', columns, rows })
    : sendSheet(ctx, reply, { name: '线索', ascii: 'leads', columns, rows });
}
