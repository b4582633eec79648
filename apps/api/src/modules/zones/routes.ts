import {
  ChainNodeInput,
  CreateIndustryBody,
  CreateParkBody,
  CreateZoneBody,
  IdParams,
  Industry,
  roles,
  UpdateIndustryBody,
  UpdateZoneBody,
  Zone,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function zonesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/zones',
    { ...app.access(roles), schema: { tags: ['zones'], summary: 'Zones with parks and industries', response: { 200: z.object({ items: z.array(Zone) }) } } },
    async (req) => ({
      items: await service.listZones({ ctx: req.ctx() }),
    }),
  );
  r.post(
    '/api/zones',
    { ...app.access(['admin']), schema: { tags: ['zones'], summary: 'Create a zone (admin)', body: CreateZoneBody, response: { 201: Zone } } },
    async (req, reply) => reply.status(201).send(await service.createZone({ ctx: req.ctx(), input: req.body })),
  );
  r.patch(
    '/api/zones/:id',
    { ...app.access(['admin']), schema: { tags: ['zones'], summary: 'Edit a zone (admin)', params: IdParams, body: UpdateZoneBody, response: { 200: Zone } } },
    (req) => service.updateZone({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/zones/:id/parks',
    {
      ...app.access(['admin']),
      schema: { tags: ['zones'], summary: 'Add a park to a zone (admin)', params: IdParams, body: CreateParkBody, response: { 201: Zone } },
    },
    async (req, reply) => reply.status(201).send(await service.addPark({ ctx: req.ctx(), zoneId: req.params.id, input: req.body })),
  );
  r.get(
    '/api/industries',
    {
      ...app.access(roles),
      schema: { tags: ['industries'], summary: 'Industries with chain nodes', response: { 200: z.object({ items: z.array(Industry) }) } },
    },
    async (req) => ({
      items: await service.listIndustries({ ctx: req.ctx() }),
    }),
  );
  r.post(
    '/api/industries',
    {
      ...app.access(['admin']),
      schema: { tags: ['industries'], summary: 'Create an industry (admin)', body: CreateIndustryBody, response: { 201: Industry } },
    },
    async (req, reply) => reply.status(201).send(await service.createIndustry({ ctx: req.ctx(), input: req.body })),
  );
  r.patch(
    '/api/industries/:id',
    {
      ...app.access(['admin']),
      schema: { tags: ['industries'], summary: 'Edit an industry (admin)', params: IdParams, body: UpdateIndustryBody, response: { 200: Industry } },
    },
    (req) => service.updateIndustry({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/industries/:id/chain-nodes',
    {
      ...app.access(['admin']),
      schema: { tags: ['industries'], summary: 'Add a chain node (admin)', params: IdParams, body: ChainNodeInput, response: { 201: Industry } },
    },
    async (req, reply) => reply.status(201).send(await service.addChainNode({ ctx: req.ctx(), industryId: req.params.id, input: req.body })),
  );
}
