import { CreateEventBody, EventDetail, EventListQuery, IdParams, PromotionEvent, UpdateEventBody } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function eventsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['events'];
  r.get(
    '/api/events',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: '招商活动 with their returns; sort=return ranks by cost per signed ¥',
        querystring: EventListQuery,
        response: { 200: z.object({ items: z.array(PromotionEvent) }) },
      },
    },
    (req) => service.listEvents({ ctx: req.ctx(), input: req.query }),
  );
  r.post(
    '/api/events',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: { tags, summary: 'Record a promotion event (推介会, 展会, 考察团, 以商招商)', body: CreateEventBody, response: { 201: EventDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.createEvent({ ctx: req.ctx(), input: req.body })),
  );
  r.get(
    '/api/events/:id',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'One event, its figures and the leads that came from it', params: IdParams, response: { 200: EventDetail } },
    },
    (req) => service.getEvent({ ctx: req.ctx(), id: req.params.id }),
  );
  r.patch(
    '/api/events/:id',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Edit an event (its recorder or a manager); send the version you read',
        params: IdParams,
        body: UpdateEventBody,
        response: { 200: EventDetail },
      },
    },
    (req) => service.updateEvent({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
}
