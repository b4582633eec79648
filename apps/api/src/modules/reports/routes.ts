import { Id, Report, fe } from '@crm/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../lib/attachment.ts';
import { buildReport, reportXlsx } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const wantsXlsx = (req: FastifyRequest, format?: string) => format === 'xlsx' || (req.headers.accept ?? '').includes(XLSX);

export async function reportsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];
  const send = async (req: FastifyRequest, reply: FastifyReply, period: string, zoneId: string | undefined, format: string | undefined) => {
    const report = await req.heavy(reply, (ctx) => buildReport({ ctx, period, zoneId }));
    if (!wantsXlsx(req, format)) return report;
    const file = await reportXlsx(report, app.config.timeZone);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', attachment(`${report.title}-${report.periodLabel}.xlsx`, `report-${period}.xlsx`))
      .send(file);
  };
  const Format = z.enum(['json', 'xlsx'], fe('JSON_OR_XLSX')).optional();
  r.get(
    '/api/reports/monthly',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: '月调度: the monthly dispatch report (JSON, or .xlsx with ?format=xlsx or Accept)',
        querystring: z.object({ month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, fe('MONTH')), zoneId: Id.optional(), format: Format }),
        response: { 200: Report },
      },
    },
    (req, reply) => send(req, reply, req.query.month, req.query.zoneId, req.query.format),
  );
  r.get(
    '/api/reports/quarterly',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: '季汇报: the quarterly report (JSON, or .xlsx)',
        querystring: z.object({ quarter: z.string().regex(/^20\d{2}-Q[1-4]$/, fe('QUARTER')), zoneId: Id.optional(), format: Format }),
        response: { 200: Report },
      },
    },
    (req, reply) => send(req, reply, req.query.quarter, req.query.zoneId, req.query.format),
  );
}
