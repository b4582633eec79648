import { fe } from '@crm/shared';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../lib/attachment.ts';
import { today } from '../../lib/dates.ts';
import { assertCanExport, exportAll } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function dataExportRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/export',
    {
      ...app.access(['admin']),
      schema: {
        tags: ['export'],
        summary: 'Every record of every entity (admin), streamed: JSON (one document, a list per entity) or .xlsx (a sheet per entity)',
        querystring: z.object({ format: z.enum(['json', 'xlsx'], fe('JSON_OR_XLSX')).default('json') }),
        produces: ['application/json', XLSX],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx();
      assertCanExport(ctx);
      const { format } = req.query;
      const out = new PassThrough();
      reply
        .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : XLSX)
        .header('content-disposition', attachment(`招商CRM全部数据_${today(ctx)}.${format}`, `crm-export-${today(ctx)}.${format}`));
      void exportAll({ ctx, format, out, snapshot: app.dbHandle.kind === 'postgres' });
      return reply.send(out);
    },
  );
}
