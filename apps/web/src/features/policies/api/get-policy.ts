import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Policy } from '../../../lib/types.ts';

export const getPolicy = (id: string, signal?: AbortSignal): Promise<Policy> => api.get<Policy>(`/policies/${id}`, undefined, signal);

export const getPolicyQueryOptions = (id: string) => queryOptions({ queryKey: ['policies', 'detail', id], queryFn: ({ signal }) => getPolicy(id, signal) });

export const usePolicy = (id: string) => useQuery(getPolicyQueryOptions(id));
