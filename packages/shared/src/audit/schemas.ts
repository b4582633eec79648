import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Id, PageParams } from '../common/schemas.ts';
import { auditActions, auditEntityTypes } from '../labels.ts';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  /** The record's name as it reads now (a lead's company, a project's, an agent's, a user's…); null when gone or nameless. */
  entityName: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** Names of the records the before/after refer to by id (owner, agent, zone…), keyed by id. */
  names: z.record(z.string(), z.string()),
  requestId: z.string().nullable(),
});
/** The audit list's filters (the page and its export share them). */
export const AuditFilters = z.object({
  action: z.enum(auditActions as [string, ...string[]], fe('ONE_OF', { values: 'the audit actions' })).optional(),
  entityType: z.enum(auditEntityTypes as [string, ...string[]], fe('ONE_OF', { values: 'the record types' })).optional(),
  entityId: z.string().trim().max(64).optional(),
  actorId: Id.optional(),
  /** Zone calendar dates, both ends inclusive. */
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  /** Sign-ins, sign-outs and failed sign-ins (auth.*) are left out unless asked for (or filtered by action). */
  includeAuth: z
    .enum(['true', 'false'], fe('BOOLEAN'))
    .transform((v) => v === 'true')
    .optional(),
});
const datesInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const datesIssue = { ...fe('END_BEFORE_START'), path: ['to'] };
export const AuditExportQuery = AuditFilters.refine(datesInOrder, datesIssue);
export const AuditQuery = AuditFilters.extend(PageParams.shape).refine(datesInOrder, datesIssue);
