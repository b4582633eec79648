import { agentAgreements, agents, type DbOrTx } from '@crm/db';
import type { Agent, agentStatuses } from '@crm/shared';
import { and, asc, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { keysetAfter } from '../../lib/cursor.ts';

export type AgentRow = typeof agents.$inferSelect;

export async function withAgreements(db: DbOrTx, rows: AgentRow[]): Promise<Agent[]> {
  if (rows.length === 0) return [];
  const agreements = await db
    .select()
    .from(agentAgreements)
    .where(
      inArray(
        agentAgreements.agentId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(agentAgreements.startsOn));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as Agent['kind'],
    contactName: r.contactName,
    phone: r.phone,
    email: r.email,
    creditCode: r.creditCode,
    isGovernmentUnit: r.isGovernmentUnit,
    isPlatformCompany: r.isPlatformCompany,
    relatedPartyNote: r.relatedPartyNote,
    status: r.status as Agent['status'],
    notes: r.notes,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    agreements: agreements
      .filter((a) => a.agentId === r.id)
      .map((a) => ({ id: a.id, agentId: a.agentId, title: a.title, startsOn: a.startsOn, endsOn: a.endsOn, status: a.status as 'active' | 'ended' })),
  }));
}

/** Newest first, keyset on (created_at, id). */
export async function listAgents(
  db: DbOrTx,
  q: { q?: string; status?: (typeof agentStatuses)[number]; limit: number; after?: readonly [string, string] | null },
) {
  return db
    .select({ agent: agents, sortKey: sql<string>`${agents.createdAt}::text` })
    .from(agents)
    .where(
      and(
        q.q ? or(ilike(agents.name, `%${q.q}%`), ilike(agents.contactName, `%${q.q}%`)) : undefined,
        q.status ? eq(agents.status, q.status) : undefined,
        keysetAfter(agents.createdAt, agents.id, q.after, { cast: 'timestamptz' }),
      ),
    )
    .orderBy(desc(agents.createdAt), desc(agents.id))
    .limit(q.limit + 1);
}

export async function findAgent(db: DbOrTx, id: string) {
  const [row] = await db.select().from(agents).where(eq(agents.id, id));
  return row ?? null;
}

export async function insertAgent(db: DbOrTx, values: typeof agents.$inferInsert): Promise<AgentRow | null> {
  const [row] = await db.insert(agents).values(values).returning();
  return row ?? null;
}

/** Writes the agent only at the version the caller read (null: someone else saved it first). */
export async function updateAgent(db: DbOrTx, id: string, version: number, set: Partial<typeof agents.$inferInsert>): Promise<AgentRow | null> {
  const [row] = await db
    .update(agents)
    .set(set)
    .where(and(eq(agents.id, id), eq(agents.version, version)))
    .returning();
  return row ?? null;
}

export async function addAgreements(db: DbOrTx, agentId: string, list: { title: string; startsOn: string; endsOn?: string | null }[]) {
  await db.insert(agentAgreements).values(list.map((a) => ({ agentId, title: a.title, startsOn: a.startsOn, endsOn: a.endsOn ?? null })));
}
