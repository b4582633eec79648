import { agents, serviceFeeContracts } from '@crm/db';
import { type CreateServiceFeeContractBody, invalid, notSaved } from '@crm/shared';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../lib/audit.ts';
import { requireRole, type Ctx } from '../../lib/context.ts';

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
  const rows = await ctx.db
    .select({ c: serviceFeeContracts, agentName: agents.name })
    .from(serviceFeeContracts)
    .innerJoin(agents, eq(agents.id, serviceFeeContracts.agentId))
    .orderBy(desc(serviceFeeContracts.createdAt));
  return rows.map((r) => toContract(r.c, r.agentName));
}

/** 购买招商服务 contracts are written by finance or a manager; the fee per period and the dates never change afterwards. */
export async function createContract({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateServiceFeeContractBody> }) {
  requireRole(ctx, ['finance', 'manager'], 'write service-fee contracts');
  return ctx.db.transaction(async (tx) => {
    const [agent] = await tx.select().from(agents).where(eq(agents.id, input.agentId));
    if (!agent) throw invalid('agentId', 'DOES_NOT_EXIST', { entity: 'agent' });
    const [row] = await tx.insert(serviceFeeContracts).values({ ...input, createdBy: ctx.actor.id }).returning();
    if (!row) throw notSaved('contract');
    await audit(tx, ctx, { action: 'service_fee_contract.create', entityType: 'service_fee_contract', entityId: row.id, after: input });
    return toContract(row, agent.name);
  });
}
