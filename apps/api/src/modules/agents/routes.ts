import { Agent, AgentListQuery, CreateAgentBody, IdParams, Page, roles, UpdateAgentBody } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import { exportAgents } from './export.ts';
import * as service from './service.ts';

export async function agentsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agents'];
  r.get(
    '/api/agents',
    { ...app.access(roles), schema: { tags, summary: 'Agents, newest first', querystring: AgentListQuery, response: { 200: Page(Agent) } } },
    (req) => service.listAgents({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/agents/export',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'The agents list under its filter, as .xlsx',
        querystring: AgentListQuery.omit({ limit: true, cursor: true }),
        produces: [XLSX_TYPE],
      },
    },
    (req, reply) => req.download(reply, (ctx) => exportAgents({ ctx, reply, input: req.query })),
  );
  r.post(
    '/api/agents',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: { tags, summary: 'Create an agent with its agreements', body: CreateAgentBody, response: { 201: Agent } },
    },
    async (req, reply) => reply.status(201).send(await service.createAgent({ ctx: req.ctx(), input: req.body })),
  );
  r.get('/api/agents/:id', { ...app.access(roles), schema: { tags, summary: 'One agent', params: IdParams, response: { 200: Agent } } }, (req) =>
    service.getAgent({ ctx: req.ctx(), id: req.params.id }),
  );
  r.patch(
    '/api/agents/:id',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: 'Edit an agent; add agreements (staff, managers); its payout flags and status (managers, finance)',
        params: IdParams,
        body: UpdateAgentBody,
        response: { 200: Agent },
      },
    },
    (req) => service.updateAgent({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
}
