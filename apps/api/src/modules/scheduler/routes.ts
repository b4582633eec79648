import { jobs } from '@crm/db';
import { JobRow } from '@crm/shared';
import { desc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../lib/context.ts';

export async function schedulerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/scheduler/jobs',
    { ...app.access(['admin']), schema: { tags: ['scheduler'], summary: 'Scheduled jobs and their last errors (admin): failed digests are seen here', response: { 200: z.object({ items: z.array(JobRow) }) } } },
    async (req) => {
      const ctx = req.ctx();
      requireRole(ctx, ['admin'], 'see scheduled jobs');
      const rows = await ctx.db.select().from(jobs).orderBy(desc(jobs.updatedAt)).limit(200);
      return {
        items: rows.map((j) => ({
          id: j.id,
          kind: j.kind,
          key: j.key,
          status: j.status as 'pending' | 'running' | 'done' | 'failed',
          runAt: j.runAt.toISOString(),
          attempts: j.attempts,
          maxAttempts: j.maxAttempts,
          lastError: j.lastError,
          finishedAt: j.finishedAt?.toISOString() ?? null,
        })),
      };
    },
  );
}
