import {
  CalendarDay,
  CalendarDayBody,
  CalendarQuery,
  ClockRulesFields,
  DayParams,
  Feedback,
  FeedbackBody,
  IdParams,
  Judgement,
  JudgementBody,
  LeadClockDetail,
  Ok,
  OverdueSummary,
  OverdueSummaryQuery,
  Timings,
  TimingsQuery,
  ZoneClockRules,
  ZoneClockRulesBody,
} from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function clocksRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clocks'];
  r.get(
    '/api/leads/:id/clock',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: "A lead's stage clock (响应 → 研判 → 反馈 → 跟进汇报) with its judgements, feedback and ended clocks",
        params: IdParams,
        response: { 200: LeadClockDetail },
      },
    },
    (req) => service.leadClock({ ctx: req.ctx(), leadId: req.params.id }),
  );
  r.post(
    '/api/leads/:id/judgements',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: '研判: rate the dimensions and decide to follow or not (owner or manager)',
        params: IdParams,
        body: JudgementBody,
        response: { 201: Judgement },
      },
    },
    async (req, reply) => reply.status(201).send(await service.judge({ ctx: req.ctx(), leadId: req.params.id, input: req.body })),
  );
  r.post(
    '/api/leads/:id/feedback',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: {
        tags,
        summary: '反馈: the judgement told to the investor or referrer — to whom, how, when',
        params: IdParams,
        body: FeedbackBody,
        response: { 201: Feedback },
      },
    },
    async (req, reply) => reply.status(201).send(await service.giveFeedback({ ctx: req.ctx(), leadId: req.params.id, input: req.body })),
  );
  r.get(
    '/api/clocks/rules',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: "Every zone's clock rules and digest robot (the robot's URL only to administrators)",
        response: { 200: z.object({ defaults: ClockRulesFields, items: z.array(ZoneClockRules) }) },
      },
    },
    (req) => service.listRules({ ctx: req.ctx() }),
  );
  r.put(
    '/api/zones/:id/clock-rules',
    {
      ...app.access(['admin']),
      schema: {
        tags,
        summary: "Set a zone's clock rules, responsible manager and daily digest robot (admin)",
        params: IdParams,
        body: ZoneClockRulesBody,
        response: { 200: ZoneClockRules },
      },
    },
    (req) => service.setRules({ ctx: req.ctx(), zoneId: req.params.id, input: req.body }),
  );
  r.get(
    '/api/clocks/calendar',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: 'Holidays and weekend working days (调休) of a year',
        querystring: CalendarQuery,
        response: { 200: z.object({ items: z.array(CalendarDay) }) },
      },
    },
    (req) => service.listCalendar({ ctx: req.ctx(), year: req.query.year }),
  );
  r.put(
    '/api/clocks/calendar/:day',
    {
      ...app.access(['admin']),
      schema: { tags, summary: 'Mark a day a holiday or a working day (admin)', params: DayParams, body: CalendarDayBody, response: { 200: CalendarDay } },
    },
    (req) => service.setCalendarDay({ ctx: req.ctx(), day: req.params.day, input: req.body }),
  );
  r.delete(
    '/api/clocks/calendar/:day',
    { ...app.access(['admin']), schema: { tags, summary: 'Remove a calendar exception (admin)', params: DayParams, response: { 200: Ok } } },
    (req) => service.removeCalendarDay({ ctx: req.ctx(), day: req.params.day }),
  );
  r.get(
    '/api/clocks/summary',
    {
      ...app.access(['manager', 'admin']),
      schema: {
        tags,
        summary: 'Running, due-today, overdue and escalated clocks per person, zone and phase (managers)',
        querystring: OverdueSummaryQuery,
        response: { 200: OverdueSummary },
      },
    },
    (req) => service.overdueSummary({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/clocks/timings',
    {
      ...app.access(['staff', 'manager', 'admin']),
      schema: { tags, summary: 'Median time-to-respond and time-to-judge per person (staff: own row)', querystring: TimingsQuery, response: { 200: Timings } },
    },
    (req) => service.timings({ ctx: req.ctx(), input: req.query }),
  );
}
