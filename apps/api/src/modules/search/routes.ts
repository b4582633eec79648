import { roles, SearchQuery, SearchResult } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as service from './service.ts';

export async function searchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/search',
    {
      ...app.access(roles),
      schema: {
        tags: ['search'],
        summary: 'Header search: leads, projects, agents and people by name, credit code or contact (a few of each, only what you may open)',
        querystring: SearchQuery,
        response: { 200: SearchResult },
      },
    },
    (req) => service.search({ ctx: req.ctx(), input: req.query }),
  );
}
