import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Industry, Items } from '../../../lib/types.ts';

export const getIndustries = (signal?: AbortSignal): Promise<Items<Industry>> => api.get<Items<Industry>>('/industries', undefined, signal);

export const getIndustriesQueryOptions = () =>
  queryOptions({
    queryKey: ['industries'],
    queryFn: ({ signal }) => getIndustries(signal),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });

export const useIndustries = () => useQuery(getIndustriesQueryOptions());
