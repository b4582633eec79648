import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { InboxMessage, Items, Page } from '../../../lib/types.ts';

export const getInbox = (params: { unread?: boolean; cursor?: string; limit?: number }, signal?: AbortSignal) =>
  api.get<Page<InboxMessage>>('/inbox', { unread: params.unread ? 'true' : undefined, cursor: params.cursor, limit: params.limit ?? 20 }, signal);

export const getInboxQueryOptions = (unread: boolean) =>
  infiniteQueryOptions({
    queryKey: ['inbox', 'list', { unread }],
    queryFn: ({ pageParam, signal }) => getInbox({ unread, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
export const useInbox = (unread: boolean) => useInfiniteQuery(getInboxQueryOptions(unread));

/** The bell's number; polled, so a reminder made by the scheduler shows up without a reload. */
export const useUnreadCount = () =>
  useQuery(
    queryOptions({
      queryKey: ['inbox', 'unread-count'],
      queryFn: ({ signal }) => api.get<{ count: number }>('/inbox/unread-count', undefined, signal),
      refetchInterval: 60_000,
    }),
  );

export const useLatest = (enabled: boolean) => useQuery({ queryKey: ['inbox', 'latest'], queryFn: ({ signal }) => getInbox({ limit: 8 }, signal), enabled });

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<InboxMessage>(`/inbox/${id}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ count: number }>('/inbox/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

export const useMyIndustries = () =>
  useQuery({
    queryKey: ['inbox', 'industries'],
    queryFn: ({ signal }) => api.get<Items<{ id: string; name: string }>>('/inbox/industries', undefined, signal),
  });

export function useSetMyIndustries() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (industryIds: string[]) => api.put<Items<{ id: string; name: string }>>('/inbox/industries', { industryIds }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox', 'industries'] }),
  });
}
