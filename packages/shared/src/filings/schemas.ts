import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Id, Text } from '../common/schemas.ts';

export const CompanyReport = z.object({
  id: Id,
  leadId: Id,
  reportedBy: Id,
  reportedByName: z.string(),
  reportedAt: z.string(),
  zoneId: Id.nullable(),
  zoneName: z.string().nullable(),
  companyName: z.string(),
  channel: z.string().nullable(),
  note: z.string().nullable(),
  isFirst: z.boolean(),
});
export type CompanyReport = z.infer<typeof CompanyReport>;

export const disputeStatuses = ['open', 'first_stands', 'claimant_first'] as const;
export const Dispute = z.object({
  id: Id,
  leadId: Id,
  companyName: z.string(),
  firstReport: CompanyReport,
  claimReport: CompanyReport,
  raisedBy: Id,
  raisedByName: z.string(),
  reason: z.string(),
  status: z.enum(disputeStatuses),
  settledBy: Id.nullable(),
  settledByName: z.string().nullable(),
  settledAt: z.string().nullable(),
  settlementNote: z.string().nullable(),
  createdAt: z.string(),
});
export type Dispute = z.infer<typeof Dispute>;

export const LeadReports = z.object({ first: CompanyReport.nullable(), later: z.array(CompanyReport), disputes: z.array(Dispute) });
export const DisputeBody = z.object({ claimReportId: Id, reason: Text(1000) });
export const SettleBody = z.object({
  outcome: z.enum(['first_stands', 'claimant_first'], fe('DISPUTE_OUTCOME')),
  note: Text(1000),
});
export const DisputeListQuery = z.object({ status: z.enum(disputeStatuses).optional() });

export const attachmentKinds = ['investor_confirmation'] as const;
export const Attachment = z.object({
  id: Id,
  leadId: Id,
  kind: z.enum(attachmentKinds),
  originalName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: Id,
  uploadedByName: z.string(),
  createdAt: z.string(),
});
export const AttachmentParams = z.object({ id: Id, attachmentId: Id });
/** The largest file accepted (a scanned letter fits with room to spare). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const attachmentTypes = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
} as const;
