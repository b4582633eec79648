import { IdParams, SaveWeeklyBody, SubmitWeeklyBody, WeekParams, WeekQuery, WeeklyFigures, WeeklyReport, WeeklyTeam } from '@crm/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachment } from '../../lib/attachment.ts';
import * as service from './service.ts';

const Rollup = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  zoneId: z.string().nullable(),
  zoneName: z.string().nullable(),
  rows: z.array(
    z.object({
      userId: z.string(),
      userName: z.string(),
      status: z.string(),
      notes: z.string().nullable(),
      plans: z.string().nullable(),
      figures: WeeklyFigures,
    }),
  ),
  totals: WeeklyFigures,
});

export async function weeklyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['weekly'];
  r.get(
    '/api/weekly-reports/mine',
    {
      ...app.access(['staff']),
      schema: {
        tags,
        summary: '一周一报: your week, drafted from your activities and clocks (default: this week)',
        querystring: WeekQuery.pick({ week: true }),
        response: { 200: WeeklyReport },
      },
    },
    (req) => service.myReport({ ctx: req.ctx(), week: req.query.week }),
  );
  r.put(
    '/api/weekly-reports/mine/:week',
    {
      ...app.access(['staff']),
      schema: { tags, summary: 'Save your notes and plans (a draft)', params: WeekParams, body: SaveWeeklyBody, response: { 200: WeeklyReport } },
    },
    (req) => service.saveMyReport({ ctx: req.ctx(), week: req.params.week, input: req.body }),
  );
  r.post(
    '/api/weekly-reports/mine/:week/submit',
    {
      ...app.access(['staff']),
      schema: {
        tags,
        summary: 'Submit your week: its figures are frozen as reported',
        params: WeekParams,
        body: SubmitWeeklyBody,
        response: { 200: WeeklyReport },
      },
    },
    (req) => service.submitMyReport({ ctx: req.ctx(), week: req.params.week, input: req.body ?? {} }),
  );
  r.get(
    '/api/weekly-reports/team',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: 'Who has submitted the week and who has not (managers)',
        querystring: WeekQuery.pick({ week: true }),
        response: { 200: WeeklyTeam },
      },
    },
    (req) => service.team({ ctx: req.ctx(), week: req.query.week }),
  );
  r.get(
    '/api/weekly-reports/users/:id',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: "One person's week (managers; staff: their own)",
        params: IdParams,
        querystring: WeekQuery.pick({ week: true }),
        response: { 200: WeeklyReport },
      },
    },
    (req) => service.userReport({ ctx: req.ctx(), userId: req.params.id, week: req.query.week }),
  );
  r.get(
    '/api/weekly-reports/rollup',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: "The zone's weekly roll-up (managers): JSON, or .xlsx with ?format=xlsx or Accept",
        querystring: WeekQuery.extend({ format: z.enum(['json', 'xlsx']).optional() }),
        response: { 200: Rollup },
      },
    },
    async (req, reply) => {
      const wantsXlsx = req.query.format === 'xlsx' || (req.headers.accept ?? '').includes('spreadsheetml');
      if (!wantsXlsx) return service.rollup({ ctx: req.ctx(), week: req.query.week, zoneId: req.query.zoneId });
      const { buffer, filename } = await service.rollupXlsx({ ctx: req.ctx(), week: req.query.week, zoneId: req.query.zoneId });
      return (reply as FastifyReply)
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(filename, `weekly-rollup-${req.query.week ?? 'current'}.xlsx`))
        .send(buffer);
    },
  );
}
