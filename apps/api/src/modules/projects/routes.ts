import {
  CreditsBody,
  CreditSet,
  ExpansionBody,
  FigureBody,
  FigureParams,
  IdParams,
  LeadAlreadySignedConflict,
  MilestoneBody,
  Page,
  Project,
  ProjectDetail,
  ProjectListQuery,
  roles,
  SignLeadBody,
  UpdateProjectBody,
  ZoneTransferBody,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { builtResponse } from '../../lib/serialize.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import { exportProjects } from './export.ts';
import * as service from './service.ts';

export async function projectsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  r.post(
    '/api/leads/:id/sign',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Sign a lead: it becomes a project (owner or manager); signing twice is a 409',
        params: IdParams,
        body: SignLeadBody,
        response: { 201: ProjectDetail },
        errorResponses: { 409: LeadAlreadySignedConflict },
      },
    },
    async (req, reply) => reply.status(201).send(await service.signLead({ ctx: req.ctx(), leadId: req.params.id, input: req.body })),
  );
  r.get(
    '/api/projects',
    {
      ...app.access(roles),
      ...builtResponse,
      schema: { tags, summary: 'Projects, newest first', querystring: ProjectListQuery, response: { 200: Page(Project) } },
    },
    (req) => service.listProjects({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/projects/export',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'The projects list under its filter, as .xlsx',
        querystring: ProjectListQuery.omit({ limit: true, cursor: true }),
        produces: [XLSX_TYPE],
      },
    },
    (req, reply) => req.download(reply, (ctx) => exportProjects({ ctx, reply, input: req.query })),
  );
  r.get(
    '/api/projects/:id',
    {
      ...app.access(roles),
      schema: { tags, summary: 'A project with milestones, figures and current credits', params: IdParams, response: { 200: ProjectDetail } },
    },
    (req) => service.getProject({ ctx: req.ctx(), id: req.params.id }),
  );
  r.patch(
    '/api/projects/:id',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Edit project facts (owner or manager); send the version you read',
        params: IdParams,
        body: UpdateProjectBody,
        response: { 200: ProjectDetail },
      },
    },
    (req) => service.updateProject({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/projects/:id/milestones',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: { tags, summary: 'Record a milestone with its date, in order', params: IdParams, body: MilestoneBody, response: { 201: ProjectDetail } },
    },
    async (req, reply) => reply.status(201).send(await service.recordMilestone({ ctx: req.ctx(), id: req.params.id, input: req.body })),
  );
  r.post(
    '/api/projects/:id/figures',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Report a figure (kept as history, unverified until a manager verifies it)',
        params: IdParams,
        body: FigureBody,
        response: { 201: ProjectDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.reportFigure({ ctx: req.ctx(), id: req.params.id, input: req.body })),
  );
  r.post(
    '/api/projects/:id/figures/:figureId/verify',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Verify a reported figure (a manager other than the reporter)', params: FigureParams, response: { 200: ProjectDetail } },
    },
    (req) => service.verifyFigure({ ctx: req.ctx(), id: req.params.id, figureId: req.params.figureId }),
  );
  r.put(
    '/api/projects/:id/credits',
    {
      ...app.access(['manager']),
      schema: {
        tags,
        summary: 'Set the credits (manager): shares in bp summing to exactly 10000, plus the introducing agent',
        params: IdParams,
        body: CreditsBody,
        response: { 200: ProjectDetail },
      },
    },
    (req) => service.setCredits({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/projects/:id/credits/history',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'Every credit split the project has had, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CreditSet) }) },
      },
    },
    async (req) => ({ items: await service.creditHistory({ ctx: req.ctx(), id: req.params.id }) }),
  );
  r.post(
    '/api/projects/:id/expansions',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: '登记增资扩产: a later project of a company already here, linked to its first project; its amounts are the increase only',
        params: IdParams,
        body: ExpansionBody,
        response: { 201: ProjectDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await service.registerExpansion({ ctx: req.ctx(), parentId: req.params.id, input: req.body })),
  );
  r.post(
    '/api/projects/:id/transfer',
    {
      ...app.access(['manager']),
      schema: {
        tags,
        summary: "Move a project's credit to another zone (manager, with a reason; kept as history)",
        params: IdParams,
        body: ZoneTransferBody,
        response: { 200: ProjectDetail },
      },
    },
    (req) => service.transferZone({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
}
