import { enumLabel, type Agent, type AgentListQuery } from '@crm/shared';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../lib/context.ts';
import { pages, sendSheet, type Column } from '../../lib/xlsx.ts';
import { listAgents } from './service.ts';

const yes = (v: boolean) => (v ? '是' : '否');
const columns: Column<Agent>[] = [
  { header: '名称', kind: 'text', width: 30, value: (a) => a.name },
  { header: '类型', kind: 'text', width: 18, value: (a) => enumLabel('agentKind', a.kind) },
  { header: '状态', kind: 'text', width: 8, value: (a) => enumLabel('agentStatus', a.status) },
  { header: '联系人', kind: 'text', width: 10, value: (a) => a.contactName },
  { header: '电话', kind: 'text', width: 14, value: (a) => a.phone },
  { header: '邮箱', kind: 'text', width: 20, value: (a) => a.email },
  { header: '统一社会信用代码', kind: 'text', width: 22, value: (a) => a.creditCode },
  { header: '政府单位', kind: 'text', width: 8, value: (a) => yes(a.isGovernmentUnit) },
  { header: '平台公司', kind: 'text', width: 8, value: (a) => yes(a.isPlatformCompany) },
  { header: '生效协议', kind: 'number', width: 8, value: (a) => a.agreements.filter((g) => g.status === 'active').length },
  { header: '备注', kind: 'text', width: 30, value: (a) => a.notes },
  { header: '创建时间', kind: 'datetime', value: (a) => a.createdAt },
];

/** The agents list under its filter as .xlsx. */
export function exportAgents({ ctx, reply, input }: { ctx: Ctx; reply: FastifyReply; input: Omit<z.infer<typeof AgentListQuery>, 'limit' | 'cursor'> }) {
  const rows = pages((cursor) => listAgents({ ctx, input: { ...input, limit: 500, cursor } }));
  return sendSheet(ctx, reply, { name: '招商代理', ascii: 'agents', columns, rows });
}
