import { Activity, CreateActivityBody, IdParams, roles } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function activitiesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  r.get(
    '/api/leads/:id/activities',
    {
      ...app.access(roles),
      schema: { tags, summary: "A lead's activity timeline, newest first", params: IdParams, response: { 200: z.object({ items: z.array(Activity) }) } },
    },
    async (req) => ({ items: await service.listActivities({ ctx: req.ctx(), leadId: req.params.id }) }),
  );
  r.post(
    '/api/leads/:id/activities',
    {
      ...app.access(['staff']),
      schema: {
        tags,
        summary: 'Log a visit, inspection, call, meeting or event; visits and inspections renew protection',
        params: IdParams,
        body: CreateActivityBody,
        response: { 201: Activity },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createActivity({ ctx: req.ctx(), leadId: req.params.id, input: req.body })),
  );
}
