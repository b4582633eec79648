import { CreateSavedViewBody, IdParams, Ok, roles, SavedView, SavedViewListQuery, UpdateSavedViewBody } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function viewsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['saved-views'];
  r.get(
    '/api/saved-views',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Your saved views of a list, then the views managers shared with everyone',
        querystring: SavedViewListQuery,
        response: { 200: z.object({ items: z.array(SavedView) }) },
      },
    },
    async (req) => ({ items: await service.listViews({ ctx: req.ctx(), input: req.query }) }),
  );
  r.post(
    '/api/saved-views',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Save the current filters as a named view (managers may share it with everyone)',
        body: CreateSavedViewBody,
        response: { 201: SavedView },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createView({ ctx: req.ctx(), input: req.body })),
  );
  r.patch(
    '/api/saved-views/:id',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Rename, change or (managers) share your view; send the version you read',
        params: IdParams,
        body: UpdateSavedViewBody,
        response: { 200: SavedView },
      },
    },
    (req) => service.updateView({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/saved-views/:id',
    { ...app.access(roles), schema: { tags, summary: 'Delete your view', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await service.deleteView({ ctx: req.ctx(), id: req.params.id });
      return { ok: true as const };
    },
  );
}
