import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, Scheme } from '../../../lib/types.ts';

/** The scoring schemes (考核方案), oldest first; everyone who is scored or scores may read them. */
export const getSchemes = (signal?: AbortSignal): Promise<Items<Scheme>> => api.get<Items<Scheme>>('/performance/schemes', undefined, signal);

export const getSchemesQueryOptions = () =>
  queryOptions({
    queryKey: ['performance', 'schemes'],
    queryFn: ({ signal }) => getSchemes(signal),
    select: (data) => data.items,
  });

export const useSchemes = () => useQuery(getSchemesQueryOptions());
