import {
  AppealBody,
  FilePayPoolBody,
  PayPoolListQuery,
  PayPoolVersionBody,
  SavedPayPool,
  SavePayPoolBody,
  BottomFlag,
  BottomFlagQuery,
  CreateSchemeBody,
  DecideAppealBody,
  DrillItem,
  DrillQuery,
  IdParams,
  PayPool,
  PayPoolBody,
  PerformanceQuery,
  Ranking,
  roles,
  Scheme,
  UpdateSchemeBody,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as flags from './flags.ts';
import * as pools from './pay-pools.ts';
import * as service from './service.ts';

export async function performanceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['performance'];
  r.get(
    '/api/performance/schemes',
    { ...app.access(roles), schema: { tags, summary: 'Scoring schemes', response: { 200: z.object({ items: z.array(Scheme) }) } } },
    async (req) => ({
      items: await service.listSchemes({ ctx: req.ctx() }),
    }),
  );
  r.post(
    '/api/performance/schemes',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Define a scoring scheme (manager): weights sum to 100', body: CreateSchemeBody, response: { 201: Scheme } },
    },
    async (req, reply) => reply.status(201).send(await service.createScheme({ ctx: req.ctx(), input: req.body })),
  );
  r.patch(
    '/api/performance/schemes/:id',
    { ...app.access(['manager']), schema: { tags, summary: 'Edit a scheme (manager)', params: IdParams, body: UpdateSchemeBody, response: { 200: Scheme } } },
    (req) => service.updateScheme({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/performance',
    {
      ...app.access(roles),
      schema: { tags, summary: 'The ranking of a period (manager: all; staff: their own row)', querystring: PerformanceQuery, response: { 200: Ranking } },
    },
    (req, reply) => req.heavy(reply, (ctx) => service.ranking({ ctx, period: req.query.period, schemeId: req.query.schemeId })),
  );
  r.post(
    '/api/performance/close',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Close a period: freeze its figures and ranking as reported (manager)', body: PerformanceQuery, response: { 200: Ranking } },
    },
    (req) => service.closePeriod({ ctx: req.ctx(), period: req.body.period, schemeId: req.body.schemeId }),
  );
  r.get(
    '/api/performance/drill',
    {
      ...app.access(['manager', 'admin', 'finance', 'staff']),
      schema: {
        tags,
        summary: 'The leads, visits or projects behind one figure',
        querystring: DrillQuery,
        response: { 200: z.object({ items: z.array(DrillItem) }) },
      },
    },
    async (req) => ({ items: await service.drillDown({ ctx: req.ctx(), ...req.query }) }),
  );
  r.post(
    '/api/performance/pay-pool',
    {
      ...app.access(['manager', 'finance']),
      schema: {
        tags,
        summary: 'Performance pay: base × grade multiplier (1–5), split by score (largest remainder)',
        body: PayPoolBody,
        response: { 200: PayPool },
      },
    },
    (req) => service.payPool({ ctx: req.ctx(), input: req.body }),
  );
  r.get(
    '/api/performance/flags',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: '末位 flags of closed periods and their appeals (managers, admins, finance: all; staff: their own)',
        querystring: BottomFlagQuery,
        response: { 200: z.object({ items: z.array(BottomFlag) }) },
      },
    },
    async (req) => ({ items: await flags.listFlags({ ctx: req.ctx(), query: req.query }) }),
  );
  r.post(
    '/api/performance/flags/:id/appeal',
    {
      ...app.access(roles),
      schema: { tags, summary: 'Appeal your own 末位 flag within its window, with reasons', params: IdParams, body: AppealBody, response: { 200: BottomFlag } },
    },
    (req) => flags.appeal({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/performance/flags/:id/decide',
    {
      ...app.access(['manager']),
      schema: {
        tags,
        summary: 'Uphold or lift an appealed 末位 flag (a manager who is not the flagged person)',
        params: IdParams,
        body: DecideAppealBody,
        response: { 200: BottomFlag },
      },
    },
    (req) => flags.decide({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/performance/pay-pools',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: "Zones' saved performance-pay pools of a closed period",
        querystring: PayPoolListQuery,
        response: { 200: z.object({ items: z.array(SavedPayPool) }) },
      },
    },
    async (req) => ({ items: await pools.listPools({ ctx: req.ctx(), query: req.query }) }),
  );
  r.post(
    '/api/performance/pay-pools',
    {
      ...app.access(['manager', 'finance']),
      schema: {
        tags,
        summary: "Save (or compute again) a zone's draft pool from the closed period's scores",
        body: SavePayPoolBody,
        response: { 200: SavedPayPool },
      },
    },
    (req) => pools.savePool({ ctx: req.ctx(), input: req.body }),
  );
  r.post(
    '/api/performance/pay-pools/:id/approve',
    {
      ...app.access(['manager', 'finance']),
      schema: { tags, summary: 'Approve a pool (not its maker, not a payee)', params: IdParams, body: PayPoolVersionBody, response: { 200: SavedPayPool } },
    },
    (req) => pools.approvePool({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/performance/pay-pools/:id/file',
    {
      ...app.access(['finance']),
      schema: {
        tags,
        summary: 'Record the filing (备案) of an approved pool (finance)',
        params: IdParams,
        body: FilePayPoolBody,
        response: { 200: SavedPayPool },
      },
    },
    (req) => pools.filePool({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/performance/pay-pools/:id/export',
    { ...app.access(['manager', 'finance', 'admin']), schema: { tags, summary: "A pool's split as .xlsx for finance", params: IdParams } },
    (req, reply) => pools.exportPool({ ctx: req.ctx(), id: req.params.id, reply }),
  );
}
