import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Id, OptionalText, Text } from '../common/schemas.ts';

/**
 * 审批事项 (policy 二(四)5: approval time cut by at least half; 容缺受理; 告知承诺). The kinds are data an admin
 * edits; each item of a project is submitted, accepted — complete, 容缺 (with the missing documents and the day
 * they are due) or 告知承诺 — and then approved or rejected. Clocks count working days from acceptance.
 */
export const WorkingDays = z.number().int(fe('WHOLE_NUMBER')).min(1, fe('AT_LEAST_ONE')).max(365, fe('TOO_LARGE'));
export const ApprovalKind = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  statutoryWorkingDays: z.number().int(),
  targetWorkingDays: z.number().int(),
  position: z.number().int(),
  active: z.boolean(),
});
export type ApprovalKind = z.infer<typeof ApprovalKind>;
export const ApprovalKindBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, fe('CODE_FORMAT')),
  name: Text(50),
  statutoryWorkingDays: WorkingDays,
  /** Defaults to half the statutory days, rounded up. */
  targetWorkingDays: WorkingDays.optional(),
  position: z.number().int().min(0).max(1000).default(0),
  active: z.boolean().default(true),
});
export const UpdateApprovalKindBody = z.object({
  name: Text(50).optional(),
  statutoryWorkingDays: WorkingDays.optional(),
  targetWorkingDays: WorkingDays.optional(),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
});

export const approvalStatuses = ['submitted', 'accepted', 'approved', 'rejected'] as const;
export const ApprovalStatus = z.enum(approvalStatuses, fe('ONE_OF', { values: approvalStatuses.join(', ') }));
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;
/** complete 受理, deficient 容缺受理 (documents owed by a deadline), commitment 告知承诺. */
export const acceptanceModes = ['complete', 'deficient', 'commitment'] as const;
export const AcceptanceMode = z.enum(acceptanceModes, fe('ONE_OF', { values: acceptanceModes.join(', ') }));

export const ApprovalItem = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  zoneId: Id,
  zoneName: z.string(),
  kindId: Id,
  kindName: z.string(),
  status: ApprovalStatus,
  submittedOn: z.string(),
  acceptedOn: z.string().nullable(),
  acceptance: AcceptanceMode.nullable(),
  missingDocuments: z.string().nullable(),
  missingDueOn: z.string().nullable(),
  documentsCompletedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  statutoryWorkingDays: z.number().int(),
  targetWorkingDays: z.number().int(),
  /** The last day within the statutory / target working days after acceptance; null before acceptance. */
  statutoryDueOn: z.string().nullable(),
  targetDueOn: z.string().nullable(),
  /** Working days from acceptance to the decision (or to today while open). */
  elapsedWorkingDays: z.number().int().nullable(),
  /** Open past its statutory days, or 容缺 documents still missing after their deadline. */
  overdue: z.boolean(),
  documentsOverdue: z.boolean(),
  overTarget: z.boolean(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type ApprovalItem = z.infer<typeof ApprovalItem>;

export const SubmitApprovalBody = z.object({ kindId: Id, submittedOn: CalendarDate, note: OptionalText(500) });
export const AcceptApprovalBody = z.object({
  version: z.number(fe('VERSION_NEEDED')).int(),
  acceptedOn: CalendarDate,
  mode: AcceptanceMode,
  missingDocuments: OptionalText(1000),
  missingDueOn: CalendarDate.nullish(),
});
export const DocumentsCompleteBody = z.object({ version: z.number(fe('VERSION_NEEDED')).int(), on: CalendarDate });
export const DecideApprovalBody = z.object({
  version: z.number(fe('VERSION_NEEDED')).int(),
  decidedOn: CalendarDate,
  outcome: z.enum(['approved', 'rejected'], fe('ONE_OF', { values: 'approved, rejected' })),
  note: OptionalText(500),
});
export const ApprovalItemParams = z.object({ id: Id });

export const ApprovalTimesQuery = z.object({ from: CalendarDate.optional(), to: CalendarDate.optional(), zoneId: Id.optional() });
export const ApprovalTimeRow = z.object({
  kindId: Id,
  kindName: z.string(),
  zoneId: Id,
  zoneName: z.string(),
  decided: z.number().int(),
  /** Average working days from acceptance to decision, to one decimal, as text ("7.5"). */
  averageWorkingDays: z.string(),
  statutoryWorkingDays: z.number().int(),
  targetWorkingDays: z.number().int(),
  withinTarget: z.number().int(),
  overStatutory: z.number().int(),
});
