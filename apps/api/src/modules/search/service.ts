import { SEARCH_LIMIT_PER_KIND, type SearchQuery, type SearchResult } from '@crm/shared';
import type { z } from 'zod';
import { hasRole, requireRole, type Ctx } from '../../lib/context.ts';
import { momentOf } from '../../lib/dates.ts';
import * as repo from './repository.ts';

const READERS = ['staff', 'manager', 'finance', 'admin'] as const;

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The header search (Ctrl+K): leads, projects, agents and people by name, unified social credit code or contact,
 * at most SEARCH_LIMIT_PER_KIND of each. Each kind is scoped exactly as its own list is, so nobody finds here what
 * they could not open: staff find their own leads and the public pool, their own or credited projects, and no
 * people (they have no page to open a colleague on); managers, finance and admins find every lead and project.
 */
export async function search({ ctx, input }: { ctx: Ctx; input: z.infer<typeof SearchQuery> }): Promise<z.infer<typeof SearchResult>> {
  requireRole(ctx, [...READERS], 'search');
  const q = input.q;
  const pattern = like(q);
  const code = /^[0-9A-Z]{18}$/i.test(q) ? q.toUpperCase() : null;
  const seesAll = hasRole(ctx, 'manager', 'admin', 'finance');
  const limit = SEARCH_LIMIT_PER_KIND;

  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const leadRows = repo.searchLeads(ctx.db, { pattern, prefix: escaped, code, visibleTo: seesAll ? undefined : ctx.actor.id, now: momentOf(ctx), limit });
  const projectRows = repo.searchProjects(ctx.db, { pattern, staffId: seesAll ? undefined : ctx.actor.id, limit });
  const agentRows = repo.searchAgents(ctx.db, { pattern, code, limit });
  const peopleRows = hasRole(ctx, 'manager', 'admin') ? repo.searchPeople(ctx.db, { pattern, limit }) : Promise.resolve([]);

  const [l, p, a, u] = await Promise.all([leadRows, projectRows, agentRows, peopleRows]);
  return {
    leads: l.map((r) => ({ id: r.id, title: r.title, detail: [r.creditCode, r.ownerName].filter(Boolean).join(' · ') || null })),
    projects: p.map((r) => ({ id: r.id, title: r.title, detail: r.ownerName })),
    agents: a.map((r) => ({ id: r.id, title: r.title, detail: [r.contactName, r.phone].filter(Boolean).join(' · ') || null })),
    people: u.map((r) => ({ id: r.id, title: r.title, detail: r.username })),
  };
}
