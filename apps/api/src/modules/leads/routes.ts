import {
  CreateLeadBody,
  DuplicateLeadConflict,
  IdParams,
  Lead,
  LeadListQuery,
  LeadPage,
  ReassignBody,
  roles,
  StageBody,
  StageHistoryEntry,
  UpdateLeadBody,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { builtResponse } from '../../lib/serialize.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import { exportLeads } from './export.ts';
import * as service from './service.ts';

export async function leadsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['leads'];
  r.get(
    '/api/leads',
    {
      ...app.access(roles),
      ...builtResponse,
      schema: {
        tags,
        summary: 'Leads: search, filter, sort, keyset pages, a bounded total on the first page (staff see their own and the public pool)',
        querystring: LeadListQuery,
        response: { 200: LeadPage },
      },
    },
    (req) => service.listLeads({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/leads/export',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'The leads list (or the pool, pool=true) under its filter and sort, as .xlsx (at most 100,000 rows)',
        querystring: LeadListQuery.omit({ limit: true, cursor: true }),
        produces: [XLSX_TYPE],
      },
    },
    (req, reply) => req.download(reply, (ctx) => exportLeads({ ctx, reply, input: req.query })),
  );
  r.post(
    '/api/leads',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Create a lead; 409 names the owner when the company is already a lead (撞单)',
        body: CreateLeadBody,
        response: { 201: Lead },
        errorResponses: { 409: DuplicateLeadConflict },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createLead({ ctx: req.ctx(), input: req.body })),
  );
  r.get('/api/leads/:id', { ...app.access(roles), ...builtResponse, schema: { tags, summary: 'One lead', params: IdParams, response: { 200: Lead } } }, (req) =>
    service.getLead({ ctx: req.ctx(), id: req.params.id }),
  );
  r.patch(
    '/api/leads/:id',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Edit a lead (owner or manager); send the version you read',
        params: IdParams,
        body: UpdateLeadBody,
        response: { 200: Lead },
        errorResponses: { 409: DuplicateLeadConflict },
      },
    },
    (req) => service.updateLead({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/leads/:id/stage',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: { tags, summary: 'Move a lead to another stage; lost needs a reason', params: IdParams, body: StageBody, response: { 200: Lead } },
    },
    (req) => service.changeStage({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/leads/:id/claim',
    { ...app.access(['staff']), schema: { tags, summary: 'Claim a lead from the public pool (公海)', params: IdParams, response: { 200: Lead } } },
    (req) => service.claimLead({ ctx: req.ctx(), id: req.params.id }),
  );
  r.post(
    '/api/leads/:id/reassign',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Give a lead to another owner (manager)', params: IdParams, body: ReassignBody, response: { 200: Lead } },
    },
    (req) => service.reassignLead({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/leads/:id/stage-history',
    {
      ...app.access(roles),
      schema: { tags, summary: 'When the lead entered each stage', params: IdParams, response: { 200: z.object({ items: z.array(StageHistoryEntry) }) } },
    },
    async (req) => ({ items: await service.getStageHistory({ ctx: req.ctx(), id: req.params.id }) }),
  );
}
