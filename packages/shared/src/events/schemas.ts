import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Fen, FenSum, Id, OptionalText, Text } from '../common/schemas.ts';

export const eventKinds = ['roadshow', 'expo', 'delegation', 'business_dinner', 'other'] as const; // 推介会 展会 考察团 以商招商恳谈 其他
export const EventKind = z.enum(eventKinds, fe('ONE_OF', { values: eventKinds.join(', ') }));

const eventFields = {
  name: Text(128),
  kind: EventKind,
  heldOn: CalendarDate,
  endsOn: CalendarDate.nullish(),
  place: Text(200),
  organiser: Text(128),
  zoneId: Id.nullish(),
  costFen: Fen.default(0),
  staffIds: z
    .array(Id)
    .max(50, fe('AT_MOST_STAFF', { max: 50 }))
    .default([]),
  attendeeCount: z.number().int(fe('WHOLE_NUMBER')).min(0, fe('NEGATIVE')).max(1_000_000).default(0),
  participants: OptionalText(2000),
  notes: OptionalText(2000),
};
const datesInOrder = (e: { heldOn?: string; endsOn?: string | null }) => !e.endsOn || !e.heldOn || e.endsOn >= e.heldOn;
const datesIssue = { ...fe('EVENT_ENDS_BEFORE_START'), path: ['endsOn'] };
export const CreateEventBody = z.object(eventFields).refine(datesInOrder, datesIssue);
export const UpdateEventBody = z
  .object({
    version: z.number(fe('VERSION_NEEDED')).int(),
    name: eventFields.name.optional(),
    kind: EventKind.optional(),
    heldOn: CalendarDate.optional(),
    endsOn: eventFields.endsOn,
    place: eventFields.place.optional(),
    organiser: eventFields.organiser.optional(),
    zoneId: eventFields.zoneId,
    costFen: Fen.optional(),
    staffIds: z.array(Id).max(50).optional(),
    attendeeCount: z.number().int().min(0).max(1_000_000).optional(),
    participants: eventFields.participants,
    notes: eventFields.notes,
  })
  .refine(datesInOrder, datesIssue);

/** What an event returned: counted on the leads that name it as their source. */
export const EventFigures = z.object({
  leads: z.number().int(),
  visits: z.number().int(),
  signedProjects: z.number().int(),
  /** A sum over many projects: a decimal string, as every sum of fen (it can pass 2^53). */
  contractInvestmentFen: FenSum,
  costFen: z.number().int(),
  /** 每签约一元的活动成本: cost ÷ contract investment, exact to 6 decimals (null when nothing is signed). */
  costPerSignedYuan: z.string().nullable(),
});

export const PromotionEvent = z.object({
  id: Id,
  name: z.string(),
  kind: EventKind,
  heldOn: z.string(),
  endsOn: z.string().nullable(),
  place: z.string(),
  organiser: z.string(),
  zoneId: Id.nullable(),
  zoneName: z.string().nullable(),
  costFen: z.number().int(),
  staffIds: z.array(Id),
  staffNames: z.array(z.string()),
  attendeeCount: z.number().int(),
  participants: z.string().nullable(),
  notes: z.string().nullable(),
  createdBy: Id,
  version: z.number().int(),
  createdAt: z.string(),
  figures: EventFigures,
  /** Place in the ranking by return (lowest cost per signed ¥ first); null for events with nothing signed yet. */
  rank: z.number().int().nullable(),
});
export type PromotionEvent = z.infer<typeof PromotionEvent>;

export const EventListQuery = z.object({
  sort: z.enum(['-heldOn', 'return'], fe('EVENT_SORT')).default('-heldOn'),
  zoneId: Id.optional(),
  q: z.string().trim().max(128).optional(),
});
export const EventLead = z.object({
  id: Id,
  companyName: z.string(),
  stage: z.string(),
  ownerName: z.string(),
  estimatedInvestmentFen: z.number().int(),
  visits: z.number().int(),
  contractInvestmentFen: z.number().int().nullable(),
  signedOn: z.string().nullable(),
});
export const EventDetail = PromotionEvent.extend({ leads: z.array(EventLead) });
