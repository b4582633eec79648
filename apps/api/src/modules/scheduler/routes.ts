import { JobRow } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function schedulerRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/scheduler/jobs',
    {
      ...app.access(['admin']),
      schema: {
        tags: ['scheduler'],
        summary: 'Scheduled jobs and their last errors (admin): failed digests are seen here',
        response: { 200: z.object({ items: z.array(JobRow) }) },
      },
    },
    async (req) => ({ items: await service.listJobs({ ctx: req.ctx() }) }),
  );
}
