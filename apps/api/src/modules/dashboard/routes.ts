import { Dashboard, Id, ZoneProgress, ZoneTargetsBody, fe } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function dashboardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];
  const Year = z.coerce.number().int().min(2000, fe('YEAR')).max(2100, fe('YEAR'));
  r.get(
    '/api/dashboard',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: "The managers' dashboard for a year",
        querystring: z.object({ year: Year, schemeId: Id.optional() }),
        response: { 200: Dashboard },
      },
    },
    (req, reply) => req.heavy(reply, (ctx) => service.dashboard({ ctx, year: req.query.year, schemeId: req.query.schemeId })),
  );
  r.put(
    '/api/dashboard/targets',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: 'Set zone targets for a year (policy 一(三) goals)',
        body: ZoneTargetsBody,
        response: { 200: z.object({ items: z.array(ZoneProgress) }) },
      },
    },
    async (req) => ({ items: await service.setTargets({ ctx: req.ctx(), input: req.body }) }),
  );
}
