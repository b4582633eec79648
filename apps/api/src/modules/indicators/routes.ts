import { IndicatorActualsBody, IndicatorEntries, IndicatorSheet, IndicatorTargetsBody, LandYield, fe } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';
import { roles } from '@crm/shared';

export async function indicatorsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['indicators'];
  const Year = z.coerce.number().int().min(2000, fe('YEAR')).max(2100, fe('YEAR'));
  const Month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, fe('MONTH'));
  r.get(
    '/api/indicators',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: '一(三) indicators per zone: year to date (through a month), year on year, target and 完成率',
        querystring: z.object({ year: Year, through: Month.optional() }),
        response: { 200: IndicatorSheet },
      },
    },
    (req) => service.yearSheet(req.ctx(), req.query.year, req.query.through?.startsWith(String(req.query.year)) ? req.query.through : undefined),
  );
  r.get(
    '/api/indicators/entries',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: { tags, summary: "A year's targets and entered monthly actuals", querystring: z.object({ year: Year }), response: { 200: IndicatorEntries } },
    },
    (req) => service.entries(req.ctx(), req.query.year),
  );
  r.put(
    '/api/indicators/targets',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: 'Set targets per year and zone (null zone: all zones together; null target removes it)',
        body: IndicatorTargetsBody,
        response: { 200: IndicatorEntries },
      },
    },
    (req) => service.setTargets(req.ctx(), req.body),
  );
  r.put(
    '/api/indicators/actuals',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: 'Enter monthly actuals the CRM cannot know (null value removes one)',
        body: IndicatorActualsBody,
        response: { 200: IndicatorEntries },
      },
    },
    (req) => service.setActuals(req.ctx(), req.body),
  );
  r.get(
    '/api/indicators/land-yield',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: '亩产 per zone, the bottom list, idle land (批而未供/供而未用) and 奖惩',
        querystring: z.object({ year: Year, bottom: z.coerce.number().int().min(1).max(100).optional() }),
        response: { 200: LandYield },
      },
    },
    (req) => service.landYield(req.ctx(), req.query.year, req.query.bottom),
  );
  r.get(
    '/api/demo',
    {
      ...app.access(roles),
      schema: {
        tags: ['setup'],
        summary: 'Whether the demo (示例数据) is loaded, and what in it is sample',
        response: { 200: z.object({ loaded: z.boolean(), note: z.string().nullable() }) },
      },
    },
    (req) => service.demoStatus(req.ctx()),
  );
}
