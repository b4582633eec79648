import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, StageHistoryEntry } from '../../../lib/types.ts';

export const getStageHistory = (leadId: string, signal?: AbortSignal): Promise<Items<StageHistoryEntry>> =>
  api.get<Items<StageHistoryEntry>>(`/leads/${leadId}/stage-history`, undefined, signal);

export const getStageHistoryQueryOptions = (leadId: string) =>
  queryOptions({
    queryKey: ['leads', 'detail', leadId, 'stage-history'],
    queryFn: ({ signal }) => getStageHistory(leadId, signal),
    select: (data) => data.items,
  });

export const useStageHistory = (leadId: string) => useQuery(getStageHistoryQueryOptions(leadId));
