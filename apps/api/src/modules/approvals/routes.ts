import {
  AcceptApprovalBody,
  ApprovalItem,
  ApprovalItemParams,
  ApprovalKind,
  ApprovalKindBody,
  ApprovalTimeRow,
  ApprovalTimesQuery,
  DecideApprovalBody,
  DocumentsCompleteBody,
  IdParams,
  roles,
  SubmitApprovalBody,
  UpdateApprovalKindBody,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

/** 审批事项 (policy 二(四)5): the admin's catalogue of kinds, each project's items and their clocks, the averages. */
export async function approvalsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['approvals'];
  const items = z.object({ items: z.array(ApprovalItem) });
  r.get(
    '/api/approval-kinds',
    {
      ...app.access(roles),
      schema: {
        tags,
        summary: 'The catalogue of approval item kinds with statutory and target working days',
        response: { 200: z.object({ items: z.array(ApprovalKind) }) },
      },
    },
    async (req) => ({
      items: await service.listKinds(req.ctx()),
    }),
  );
  r.post(
    '/api/approval-kinds',
    {
      ...app.access(['admin']),
      schema: {
        tags,
        summary: 'Add an approval item kind (admin); the target defaults to half the statutory days',
        body: ApprovalKindBody,
        response: { 201: ApprovalKind },
      },
    },
    async (req, reply) => reply.status(201).send(await service.createKind(req.ctx(), req.body)),
  );
  r.patch(
    '/api/approval-kinds/:id',
    {
      ...app.access(['admin']),
      schema: {
        tags,
        summary: 'Edit an approval item kind (admin); running clocks keep the days they started with',
        params: IdParams,
        body: UpdateApprovalKindBody,
        response: { 200: ApprovalKind },
      },
    },
    (req) => service.updateKind(req.ctx(), req.params.id, req.body),
  );
  r.get(
    '/api/projects/:id/approvals',
    { ...app.access(roles), schema: { tags, summary: "A project's approval items with their clocks", params: IdParams, response: { 200: items } } },
    async (req) => ({
      items: await service.listProjectItems(req.ctx(), req.params.id),
    }),
  );
  r.post(
    '/api/projects/:id/approvals',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Record a submitted approval item (owner or manager)',
        params: IdParams,
        body: SubmitApprovalBody,
        response: { 201: ApprovalItem },
      },
    },
    async (req, reply) => reply.status(201).send(await service.submitItem(req.ctx(), req.params.id, req.body)),
  );
  r.post(
    '/api/approvals/:id/accept',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Accepted (受理): complete, 容缺 with the documents owed and their deadline, or 告知承诺; the clock starts',
        params: ApprovalItemParams,
        body: AcceptApprovalBody,
        response: { 200: ApprovalItem },
      },
    },
    (req) => service.acceptItem(req.ctx(), req.params.id, req.body),
  );
  r.post(
    '/api/approvals/:id/documents',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'The documents owed under 容缺 came in',
        params: ApprovalItemParams,
        body: DocumentsCompleteBody,
        response: { 200: ApprovalItem },
      },
    },
    (req) => service.documentsComplete(req.ctx(), req.params.id, req.body),
  );
  r.post(
    '/api/approvals/:id/decide',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: { tags, summary: 'Approved or rejected (办结)', params: ApprovalItemParams, body: DecideApprovalBody, response: { 200: ApprovalItem } },
    },
    (req) => service.decideItem(req.ctx(), req.params.id, req.body),
  );
  r.get(
    '/api/approvals/overdue',
    {
      ...app.access(roles),
      schema: { tags, summary: 'Open items past their statutory days or with 容缺 documents past due (staff: their projects)', response: { 200: items } },
    },
    async (req) => ({
      items: await service.overdueItems(req.ctx()),
    }),
  );
  r.get(
    '/api/reports/approval-times',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: 'Average approval time per item kind and zone against statutory and target',
        querystring: ApprovalTimesQuery,
        response: { 200: z.object({ items: z.array(ApprovalTimeRow) }) },
      },
    },
    async (req) => ({ items: await service.approvalTimes(req.ctx(), req.query) }),
  );
}
