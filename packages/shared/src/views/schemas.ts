import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { CalendarDate, Id, Text } from '../common/schemas.ts';
import { LeadChannel, LeadSort, LeadStage } from '../leads/schemas.ts';

/** Which list a saved view belongs to (only the leads list has views today). */
export const viewLists = ['leads'] as const;
export const ViewList = z.enum(viewLists, fe('ONE_OF', { values: viewLists.join(', ') }));

/** 我的线索 (own), 公海 (the public pool) or 全部 (everything the person may read: all for managers). */
export const leadScopes = ['mine', 'pool', 'all'] as const;
export const LeadScope = z.enum(leadScopes, fe('ONE_OF', { values: leadScopes.join(', ') }));

/**
 * A saved view's filters: the leads list's address parameters, exactly as the web app writes them in the URL (so a
 * view is a link, and a link is a view). Unknown keys are refused rather than kept.
 */
export const SavedViewFilters = z
  .object({
    scope: LeadScope.optional(),
    q: z
      .string()
      .trim()
      .max(128, fe('TOO_LONG', { max: 128 }))
      .optional(),
    stage: LeadStage.optional(),
    ownerId: Id.optional(),
    zoneId: Id.optional(),
    industryId: Id.optional(),
    channel: LeadChannel.optional(),
    warning: z.enum(['red', 'yellow', 'green'], fe('LEVEL_COLOR')).optional(),
    overdue: z.enum(['true'], fe('ONE_OF', { values: 'true' })).optional(),
    sort: LeadSort.optional(),
    createdFrom: CalendarDate.optional(),
    createdTo: CalendarDate.optional(),
  })
  .strict();

export const SavedView = z.object({
  id: z.string(),
  list: ViewList,
  name: z.string(),
  filters: SavedViewFilters,
  /** Shared by a manager with everyone who reads the list. */
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  /** The caller's own view (they may rename, change, share or delete it). */
  mine: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const SavedViewListQuery = z.object({ list: ViewList.default('leads') });

export const CreateSavedViewBody = z.object({
  list: ViewList.default('leads'),
  name: Text(40),
  filters: SavedViewFilters,
  /** Only managers (and admins) may share a view. */
  shared: z.boolean().default(false),
});

export const UpdateSavedViewBody = z.object({
  name: Text(40).optional(),
  filters: SavedViewFilters.optional(),
  shared: z.boolean().optional(),
  version: z.number(fe('VERSION_NEEDED')).int(),
});
export type SavedView = z.infer<typeof SavedView>;
