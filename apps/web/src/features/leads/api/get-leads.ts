import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { LeadChannel, LeadPage, LeadSort, LeadStage, Warning } from '../../../lib/types.ts';

export type LeadsFilter = {
  q?: string;
  stage?: LeadStage;
  ownerId?: string;
  zoneId?: string;
  industryId?: string;
  channel?: LeadChannel;
  /** red / yellow / green follow-up alert (预警). */
  warning?: Warning;
  /** true: only the public pool (公海). */
  pool?: boolean;
  /** Registered from / to these days (YYYY-MM-DD, the zone's calendar): the pipeline board's period. */
  createdFrom?: string;
  createdTo?: string;
  /** true: only leads whose stage clock is past its deadline. */
  overdue?: boolean;
  sort?: LeadSort;
};

export const getLeads = (filter: LeadsFilter & { cursor?: string }, signal?: AbortSignal): Promise<LeadPage> =>
  api.get<LeadPage>('/leads', { ...filter, pool: filter.pool ? 'true' : undefined, overdue: filter.overdue ? 'true' : undefined, limit: 50 }, signal);

export const getLeadsQueryOptions = (filter: LeadsFilter) =>
  infiniteQueryOptions({
    queryKey: ['leads', 'list', filter],
    queryFn: ({ pageParam, signal }) => getLeads({ ...filter, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useLeads = (filter: LeadsFilter) => useInfiniteQuery(getLeadsQueryOptions(filter));
