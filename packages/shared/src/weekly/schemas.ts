import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Id, OptionalText } from '../common/schemas.ts';
import { WEEK_PATTERN } from '../time/weeks.ts';

export const WeekKey = z.string().regex(WEEK_PATTERN, fe('ISO_WEEK'));
export const WeekParams = z.object({ week: WeekKey });
export const WeekQuery = z.object({ week: WeekKey.optional(), zoneId: Id.optional() });

export const WeeklyFigures = z.object({
  newLeads: z.number().int(),
  visits: z.number().int(),
  inspections: z.number().int(),
  calls: z.number().int(),
  meetings: z.number().int(),
  events: z.number().int(),
  judgements: z.number().int(),
  feedbacks: z.number().int(),
  clocksMet: z.number().int(),
  clocksLate: z.number().int(),
  /** Clocks of the person's leads past their deadline at the end of the week (or now, for the current week). */
  overdueNow: z.number().int(),
  signed: z.number().int(),
});
export type WeeklyFigures = z.infer<typeof WeeklyFigures>;

export const WeeklyActivity = z.object({ leadId: Id, companyName: z.string(), kind: z.string(), occurredOn: z.string(), summary: z.string() });
export const WeeklyOverdue = z.object({ leadId: Id, companyName: z.string(), phase: z.string(), dueAt: z.string() });

export const WeeklyReport = z.object({
  id: Id.nullable(),
  userId: Id,
  userName: z.string(),
  week: z.string(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['draft', 'submitted']),
  notes: z.string().nullable(),
  plans: z.string().nullable(),
  figures: WeeklyFigures,
  activities: z.array(WeeklyActivity),
  overdue: z.array(WeeklyOverdue),
  submittedAt: z.string().nullable(),
  version: z.number().int(),
});
export type WeeklyReport = z.infer<typeof WeeklyReport>;

export const SaveWeeklyBody = z.object({ notes: OptionalText(4000), plans: OptionalText(4000), version: z.number().int().optional() });
export const SubmitWeeklyBody = z.object({ notes: OptionalText(4000), plans: OptionalText(4000), version: z.number().int().optional() });

export const WeeklyTeam = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  submitted: z.number().int(),
  missing: z.number().int(),
  rows: z.array(
    z.object({
      userId: Id,
      userName: z.string(),
      status: z.enum(['submitted', 'draft', 'missing']),
      submittedAt: z.string().nullable(),
      figures: WeeklyFigures.nullable(),
    }),
  ),
});
