import type { Tx } from '@crm/db';
import {
  type Agent,
  type AgentListQuery,
  type CreateAgentBody,
  fieldIssue,
  notFound,
  notSaved,
  problem,
  staleVersion,
  type UpdateAgentBody,
} from '@crm/shared';
import type { z } from 'zod';
import { audit, diff } from '../../lib/audit.ts';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { decodeCursor, pageOf } from '../../lib/cursor.ts';
import * as repo from './repository.ts';

const WRITERS = ['staff', 'manager', 'admin'] as const;
/**
 * What stops an agent's payouts — its eligibility flags (government unit, platform company, related party) and
 * its status — is changed only by managers and finance, and each change gets its own audit entry (issue 8).
 * Finance edits nothing else of an agent; staff, managers and admins keep editing names, contacts and agreements.
 */
const MONEY_ROLES = ['manager', 'finance'] as const;
const eligibilityFields = ['isGovernmentUnit', 'isPlatformCompany', 'relatedPartyNote', 'status'] as const;

export async function listAgents({ ctx, input }: { ctx: Ctx; input: z.infer<typeof AgentListQuery> }) {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see agents');
  const after = input.cursor ? decodeCursor(input.cursor, 'timestamp') : null;
  const rows = await repo.listAgents(ctx.db, {
    q: input.q,
    status: input.status,
    limit: input.limit,
    after,
  });
  // The cursor carries created_at as Postgres text so microseconds survive (a JS Date would drop them).
  const page = pageOf(
    rows,
    input.limit,
    (r) => r.agent,
    (r) => [r.sortKey, r.agent.id],
  );
  return { items: await repo.withAgreements(ctx.db, page.items), nextCursor: page.nextCursor };
}

export async function getAgent({ ctx, id }: { ctx: Ctx; id: string }): Promise<Agent> {
  requireRole(ctx, ['staff', 'manager', 'finance', 'admin'], 'see agents');
  const row = await repo.findAgent(ctx.db, id);
  if (!row) throw notFound('agent');
  const [agent] = await repo.withAgreements(ctx.db, [row]);
  if (!agent) throw notFound('agent');
  return agent;
}

export async function createAgent({ ctx, input }: { ctx: Ctx; input: z.infer<typeof CreateAgentBody> }): Promise<Agent> {
  requireRole(ctx, [...WRITERS], 'manage agents');
  return ctx.db.transaction((tx) => insertAgent(tx, ctx, input));
}

/**
 * Writes one agent, its agreements and its audit entry in the caller's transaction: creating one by hand and
 * importing a sheet of them (issue 12) go through here, so both obey the same rules.
 */
export async function insertAgent(tx: Tx, ctx: Ctx, input: z.infer<typeof CreateAgentBody>, auditExtra: Record<string, unknown> = {}): Promise<Agent> {
  {
    const row = await repo.insertAgent(tx, {
      name: input.name,
      kind: input.kind,
      contactName: input.contactName ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      creditCode: input.creditCode ?? null,
      isGovernmentUnit: input.isGovernmentUnit,
      isPlatformCompany: input.isPlatformCompany,
      relatedPartyNote: input.relatedPartyNote ?? null,
      notes: input.notes ?? null,
      createdBy: ctx.actor.id,
    });
    if (!row) throw notSaved('agent');
    if (input.agreements.length) {
      await repo.addAgreements(tx, row.id, input.agreements);
    }
    const [agent] = await repo.withAgreements(tx, [row]);
    if (!agent) throw notSaved('agent');
    await audit(tx, ctx, { action: 'agent.create', entityType: 'agent', entityId: row.id, after: { ...agent, ...auditExtra } });
    return agent;
  }
}

export async function updateAgent({ ctx, id, input }: { ctx: Ctx; id: string; input: z.infer<typeof UpdateAgentBody> }): Promise<Agent> {
  requireRole(ctx, [...WRITERS, 'finance'], 'manage agents');
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findAgent(tx, id);
    if (!before) throw notFound('agent');
    // Judged on what would change (a form sends the flags it shows, changed or not).
    const touched = eligibilityFields.filter((f) => input[f] !== undefined && input[f] !== before[f]);
    if (touched.length > 0 && !hasRole(ctx, ...MONEY_ROLES)) {
      throw problem(
        'AGENT_PAY_FIELDS_MANAGERS',
        { fields: touched },
        {
          reason: 'eligibility_roles',
          fields: touched.map((field) => fieldIssue(field, 'MANAGERS_AND_FINANCE_ONLY')),
        },
      );
    }
    if (!hasRole(ctx, ...WRITERS)) {
      const other = Object.entries(input).filter(
        ([k, v]) => v !== undefined && k !== 'version' && !(eligibilityFields as readonly string[]).includes(k) && !(Array.isArray(v) && v.length === 0),
      );
      const changed = other.filter(([k, v]) => k === 'addAgreements' || v !== before[k as keyof typeof before]).map(([k]) => k);
      if (changed.length > 0) {
        throw problem(
          'AGENT_FINANCE_FIELDS_ONLY',
          { fields: changed },
          {
            fields: changed.map((field) => fieldIssue(field, 'WRITERS_ONLY')),
          },
        );
      }
    }
    const keep = <T>(value: T | undefined, old: T) => (value === undefined ? old : value);
    const row = await repo.updateAgent(tx, id, input.version, {
      name: input.name ?? before.name,
      kind: input.kind ?? before.kind,
      contactName: keep(input.contactName, before.contactName),
      phone: keep(input.phone, before.phone),
      email: keep(input.email, before.email),
      creditCode: keep(input.creditCode, before.creditCode),
      isGovernmentUnit: input.isGovernmentUnit ?? before.isGovernmentUnit,
      isPlatformCompany: input.isPlatformCompany ?? before.isPlatformCompany,
      relatedPartyNote: keep(input.relatedPartyNote, before.relatedPartyNote),
      notes: keep(input.notes, before.notes),
      status: input.status ?? before.status,
      version: before.version + 1,
      updatedAt: ctx.now(),
    });
    if (!row) throw staleVersion('agent', before.version, input.version);
    const [beforeAgent] = await repo.withAgreements(tx, [before]);
    if (input.addAgreements?.length) {
      await repo.addAgreements(tx, id, input.addAgreements);
    }
    const [agent] = await repo.withAgreements(tx, [row]);
    if (!agent || !beforeAgent) throw notSaved('agent');
    await audit(tx, ctx, { action: 'agent.update', entityType: 'agent', entityId: id, ...diff(beforeAgent, agent) });
    if (touched.length > 0) {
      const pick = (a: Agent) => Object.fromEntries(touched.map((f) => [f, a[f]]));
      await audit(tx, ctx, { action: 'agent.eligibility', entityType: 'agent', entityId: id, before: pick(beforeAgent), after: pick(agent) });
    }
    return agent;
  });
}
