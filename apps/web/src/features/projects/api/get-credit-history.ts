import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { CreditSet, Items } from '../../../lib/types.ts';

/** Every credit split the project has had, newest first. */
export const getCreditHistory = (id: string, signal?: AbortSignal): Promise<Items<CreditSet>> =>
  api.get<Items<CreditSet>>(`/projects/${id}/credits/history`, undefined, signal);

export const getCreditHistoryQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['projects', 'detail', id, 'credit-history'],
    queryFn: ({ signal }) => getCreditHistory(id, signal),
    select: (data) => [...data.items].sort((a, b) => b.setAt.localeCompare(a.setAt)),
  });

export const useCreditHistory = (id: string) => useQuery(getCreditHistoryQueryOptions(id));
