import { agents, serviceFeeContracts } from '@crm/db';
import { AppError, type CreateServiceFeeContractBody } from '@crm/shared';
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
    if (!agent) throw new AppError('VALIDATION', 'agentId: this agent does not exist', { fields: [{ field: 'agentId', message: 'does not exist' }] });
    const [row] = await tx.insert(serviceFeeContracts).values({ ...input, createdBy: ctx.actor.id }).returning();
    if (!row) throw new AppError('INTERNAL', 'The contract was not saved.');
    await audit(tx, ctx, { action: 'service_fee_contract.create', entityType: 'service_fee_contract', entityId: row.id, after: input });
    return toContract(row, agent.name);
  });
}
