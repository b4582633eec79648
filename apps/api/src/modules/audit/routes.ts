import { AuditEntry, AuditExportQuery, AuditQuery, Page } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import { exportAudit, readAudit } from './service.ts';

export { readAudit };

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags: ['audit'],
        summary:
          'The audit trail, newest first (manager, admin): by action, record type, record, person and zone dates; sign-ins (auth.*) only with includeAuth=true',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    (req) => readAudit({ ctx: req.ctx(), input: req.query }),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit/export',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail under the same filters, as .xlsx (manager, admin)',
        querystring: AuditExportQuery,
        produces: [XLSX_TYPE],
      },
    },
    (req, reply) => req.download(reply, (ctx) => exportAudit({ ctx, reply, input: req.query })),
  );
}
