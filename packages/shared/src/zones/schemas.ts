import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Bp, Id, OptionalText, Text } from '../common/schemas.ts';

export const zoneLevels = ['national', 'provincial', 'municipal'] as const;
export const ZoneLevel = z.enum(zoneLevels, fe('ONE_OF', { values: zoneLevels.join(', ') }));
export const chainPositions = ['upstream', 'midstream', 'downstream'] as const;
export const ChainPosition = z.enum(chainPositions, fe('ONE_OF', { values: chainPositions.join(', ') }));

export const ChainNode = z.object({ id: Id, industryId: Id, name: z.string(), position: ChainPosition, sortOrder: z.number().int() });
export const Industry = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  chainNodes: z.array(ChainNode),
  version: z.number().int(),
});
export type Industry = z.infer<typeof Industry>;

export const ChainNodeInput = z.object({ name: Text(64), position: ChainPosition, sortOrder: z.number().int().min(0).max(999).optional() });
export const CreateIndustryBody = z.object({
  name: Text(64),
  description: OptionalText(500),
  chainNodes: z.array(ChainNodeInput).max(100).default([]),
});
export const UpdateIndustryBody = z.object({ version: z.number().int(), name: Text(64).optional(), description: OptionalText(500) });

export const Park = z.object({ id: Id, zoneId: Id, name: z.string() });
export const Zone = z.object({
  id: Id,
  name: z.string(),
  level: ZoneLevel,
  county: z.string().nullable(),
  isEnclave: z.boolean(),
  enclavePartner: z.string().nullable(),
  benefitShareBp: z.number().int().nullable(),
  leadingIndustryIds: z.array(Id),
  emergingIndustryIds: z.array(Id),
  parks: z.array(Park),
  version: z.number().int(),
});
export type Zone = z.infer<typeof Zone>;

const zoneFields = {
  name: Text(64),
  level: ZoneLevel,
  county: OptionalText(64),
  isEnclave: z.boolean().default(false),
  enclavePartner: OptionalText(128),
  benefitShareBp: Bp.nullish(),
  // Policy 二(二)1: each zone picks 1–2 leading industries and one strategic emerging industry.
  leadingIndustryIds: z.array(Id).max(2, fe('LEADING_MAX')).default([]),
  emergingIndustryIds: z.array(Id).max(1, fe('EMERGING_MAX')).default([]),
};
const enclaveRule = (v: { isEnclave?: boolean; enclavePartner?: string | null }) => !v.isEnclave || !!v.enclavePartner;
const enclaveIssue = { ...fe('ENCLAVE_PARTNER'), path: ['enclavePartner'] };

export const CreateZoneBody = z.object({ ...zoneFields, parks: z.array(Text(64)).max(50).default([]) }).refine(enclaveRule, enclaveIssue);
export const UpdateZoneBody = z.object({
  version: z.number().int(),
  name: zoneFields.name.optional(),
  level: ZoneLevel.optional(),
  county: zoneFields.county,
  isEnclave: z.boolean().optional(),
  enclavePartner: zoneFields.enclavePartner,
  benefitShareBp: zoneFields.benefitShareBp,
  leadingIndustryIds: zoneFields.leadingIndustryIds.optional(),
  emergingIndustryIds: zoneFields.emergingIndustryIds.optional(),
});
export const CreateParkBody = z.object({ name: Text(64) });
