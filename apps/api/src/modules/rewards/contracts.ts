import type { serviceFeeContracts } from '@crm/db';
import { type CreateServiceFeeContractBody, invalid, notSaved } from '@crm/shared';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';
import * as agentRepo from '../agents/repository.ts';
import * as repo from './repository.ts';

const toContract = (c: typeof serviceFeeContracts.$inferSelect, agentName: string) => ({
  id: c.id,
  agentId: c.agentId,
  agentName,
  title: c.title,
  feeFen: c.feeFen,
  period: c.period as 'month' | 'quarter',
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  createdAt: c.createdAt.toISOString(),
});

export async function listContracts({ ctx }: { ctx: Ctx }) {
  requireRole(ctx, ['finance', 'manager', 'admin'], 'see service-fee contracts');
  const rows = await repo.contractsWithAgent(ctx.db);
  return rows.map((r) => toContract(r.c, r.agentName));
}

/** 购买招商服务 contracts are written by finance or a manager; the fee per period and the dates never change afterwards. */
export async function createContract({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateServiceFeeContractBody> }) {
  requireRole(ctx, ['finance', 'manager'], 'write service-fee contracts');
  return ctx.db.transaction(async (tx) => {
    const agent = await agentRepo.findAgent(tx, input.agentId);
    if (!agent) throw invalid('agentId', 'DOES_NOT_EXIST', { entity: 'agent' });
    const row = await repo.insertContract(tx, { ...input, createdBy: ctx.actor.id });
    if (!row) throw notSaved('contract');
    await audit(tx, ctx, { action: 'service_fee_contract.create', entityType: 'service_fee_contract', entityId: row.id, after: input });
    return toContract(row, agent.name);
  });
}
