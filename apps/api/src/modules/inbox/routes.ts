import { IdParams, InboxQuery, MyIndustries, MyIndustriesBody, Notification, Page, UnreadCount } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

export async function inboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['inbox'];
  r.get(
    '/api/inbox',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'Your reminders and messages, newest first', querystring: InboxQuery, response: { 200: Page(Notification) } },
    },
    (req) => service.listInbox({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/inbox/unread-count',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'How many of your messages are unread (the bell)', response: { 200: UnreadCount } },
    },
    (req) => service.unreadCount({ ctx: req.ctx() }),
  );
  r.post(
    '/api/inbox/:id/read',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'Mark one message read', params: IdParams, response: { 200: Notification } },
    },
    (req) => service.markRead({ ctx: req.ctx(), id: req.params.id }),
  );
  r.post(
    '/api/inbox/read-all',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'Mark every message read', response: { 200: z.object({ count: z.number().int() }) } },
    },
    (req) => service.markAllRead({ ctx: req.ctx() }),
  );
  r.get(
    '/api/inbox/industries',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'Industries you follow: their leads dropping into the public pool are announced to you', response: { 200: MyIndustries } },
    },
    (req) => service.myIndustries({ ctx: req.ctx() }),
  );
  r.put(
    '/api/inbox/industries',
    { ...app.access(['staff']), schema: { tags, summary: 'Set the industries you follow (staff)', body: MyIndustriesBody, response: { 200: MyIndustries } } },
    (req) => service.setMyIndustries({ ctx: req.ctx(), input: req.body }),
  );
}
