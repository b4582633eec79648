import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, Policy } from '../../../lib/types.ts';

/** Every reward policy with all its versions (a zone has a handful, so no paging). */
export const getPolicies = (signal?: AbortSignal): Promise<Items<Policy>> => api.get<Items<Policy>>('/policies', undefined, signal);

export const getPoliciesQueryOptions = () =>
  queryOptions({
    queryKey: ['policies', 'list'],
    queryFn: ({ signal }) => getPolicies(signal),
    select: (data) => data.items,
  });

export const usePolicies = () => useQuery(getPoliciesQueryOptions());
