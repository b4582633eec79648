import { BoardColumn, Funnel, LifecycleColumn, PipelineFilters, roles } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function pipelineRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['pipeline'];
  r.get(
    '/api/pipeline/board',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Kanban of lead stages: counts, estimated investment, latest cards',
        querystring: PipelineFilters,
        response: { 200: z.object({ columns: z.array(BoardColumn) }) },
      },
    },
    (req, reply) => req.heavy(reply, (ctx) => service.board({ ctx, input: req.query })),
  );
  r.get(
    '/api/pipeline/lifecycle',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Projects by milestone with 亩产',
        querystring: PipelineFilters,
        response: { 200: z.object({ columns: z.array(LifecycleColumn) }) },
      },
    },
    (req, reply) => req.heavy(reply, (ctx) => service.lifecycle({ ctx, input: req.query })),
  );
  r.get(
    '/api/pipeline/funnel',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Funnel leads → … → production by count and investment, with conversion rates',
        querystring: PipelineFilters,
        response: { 200: Funnel },
      },
    },
    (req, reply) => req.heavy(reply, (ctx) => service.funnel({ ctx, input: req.query })),
  );
}
