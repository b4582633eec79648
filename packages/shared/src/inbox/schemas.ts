import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Id, pageParams } from '../common/schemas.ts';

export const notificationKinds = [
  'clock_due_tomorrow', // your lead's clock is due tomorrow
  'clock_overdue', // your lead's clock is overdue
  'clock_escalated', // a lead's clock is overdue by more than a day (to the manager)
  'lead_reassigned', // a lead was reassigned to you
  'pool_match', // a lead of an industry you follow dropped into the public pool
  'approval_waiting', // a calculation awaits your approval
  'protection_ending', // your protection of a lead ends in 7 days
  'major_lead', // a major (≥ ¥5亿) lead was entered: the manager is involved from the start
  'dispute_raised', // two units claim one company: a manager settles it
  'dispute_settled', // the dispute you are party to was settled
  'bottom_flagged', // you were flagged 末位 in a closed period: you may appeal until a date
  'bottom_appealed', // a flagged person appealed (to managers)
  'bottom_decided', // a manager upheld or lifted your flag
  'approval_item_overdue', // an approval item of your project passed its statutory days, or its 容缺 documents their deadline
  'objection_raised', // someone objected to a reward under 公示 (to the managers who may resolve it and the calculation's maker)
  'objection_resolved', // a manager upheld or dismissed your objection
] as const;
export const NotificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: Id,
  kind: NotificationKind,
  subjectType: z.enum(['lead', 'reward_calculation', 'dispute', 'bottom_flag', 'approval_item', 'reward_objection']),
  subjectId: Id,
  /** Facts for the message (company, phase, due time …): the page words it in the reader's language. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** Where the page opens it. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const InboxQuery = z
  .object({
    unread: z
      .enum(['true', 'false'], fe('BOOLEAN'))
      .transform((v) => v === 'true')
      .optional(),
  })
  .extend(pageParams({ max: 200, fallback: 20 }).shape);
export const UnreadCount = z.object({ count: z.number().int() });
export const MyIndustriesBody = z.object({ industryIds: z.array(Id).max(50, fe('AT_MOST_INDUSTRIES', { max: 50 })) });
export const MyIndustries = z.object({ items: z.array(z.object({ id: Id, name: z.string() })) });

export const JobRow = z.object({
  id: Id,
  kind: z.string(),
  key: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  runAt: z.string(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
