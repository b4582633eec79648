import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, UserSummary } from '../../../lib/types.ts';

export const getUserDirectory = (signal?: AbortSignal): Promise<Items<UserSummary>> => api.get<Items<UserSummary>>('/users/directory', undefined, signal);

export const getUserDirectoryQueryOptions = () =>
  queryOptions({
    queryKey: ['users', 'directory'],
    queryFn: ({ signal }) => getUserDirectory(signal),
    staleTime: 5 * 60_000,
    select: (data) => data.items,
  });

export const useUserDirectory = (options: { enabled?: boolean } = {}) => useQuery({ ...getUserDirectoryQueryOptions(), enabled: options.enabled ?? true });
