import { Attachment, AttachmentParams, Dispute, DisputeBody, DisputeListQuery, IdParams, invalid, LeadReports, SettleBody } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../lib/attachment.ts';
import * as files from './attachments.ts';
import * as service from './service.ts';

export async function filingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['filings'];
  r.get(
    '/api/leads/:id/reports',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: '首报: who reported the company first, later reports and disputes', params: IdParams, response: { 200: LeadReports } },
    },
    (req) => service.leadReports({ ctx: req.ctx(), leadId: req.params.id }),
  );
  r.post(
    '/api/leads/:id/disputes',
    {
      ...app.access(['staff', 'manager']),
      schema: {
        tags,
        summary: 'Dispute the first report with your later report (two units claiming one company)',
        params: IdParams,
        body: DisputeBody,
        response: { 201: Dispute },
      },
    },
    async (req, reply) => reply.status(201).send(await service.raiseDispute({ ctx: req.ctx(), leadId: req.params.id, input: req.body })),
  );
  r.get(
    '/api/disputes',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: 'Disputes over first reports (managers)',
        querystring: DisputeListQuery,
        response: { 200: z.object({ items: z.array(Dispute) }) },
      },
    },
    (req) => service.listDisputes({ ctx: req.ctx(), input: req.query }),
  );
  r.post(
    '/api/disputes/:id/settle',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Settle a dispute (a manager who is no party to it)', params: IdParams, body: SettleBody, response: { 200: Dispute } },
    },
    (req) => service.settleDispute({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/leads/:id/attachments',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: "A lead's files (投资方确认函)", params: IdParams, response: { 200: z.object({ items: z.array(Attachment) }) } },
    },
    (req) => files.listAttachments({ ctx: req.ctx(), leadId: req.params.id }),
  );
  r.post(
    '/api/leads/:id/attachments',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Attach the investor\'s confirmation (PDF, PNG or JPEG, at most 10 MB, multipart field "file"): the lead is 已备案',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Attachment },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      // Who may attach is decided before a byte of the file is read.
      await files.assertCanAttach({ ctx, leadId: req.params.id });
      if (!req.isMultipart()) throw invalid('file', 'FILE_MULTIPART');
      const file = await req.file();
      if (file?.fieldname !== 'file') {
        file?.file.resume();
        throw invalid('file', 'FILE_FIELD');
      }
      return reply.status(201).send(await files.storeAttachment({ ctx, leadId: req.params.id, file }));
    },
  );
  r.get(
    '/api/leads/:id/attachments/:attachmentId',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'Download a file of the lead (readers of the lead only)', params: AttachmentParams },
    },
    async (req, reply) => {
      const { row, size, stream } = await files.openAttachment({ ctx: req.ctx(), leadId: req.params.id, attachmentId: req.params.attachmentId });
      const ascii = `attachment-${row.id}${row.storedName.slice(row.storedName.lastIndexOf('.'))}`;
      return reply
        .header('content-type', row.contentType)
        .header('content-length', String(size))
        .header('content-disposition', attachment(row.originalName, ascii))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
}
