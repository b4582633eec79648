import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, SavedView, SavedViewFilters } from '../../../lib/types.ts';

/** Saved views (保存的视图) of the leads list: one's own, then those managers shared with everyone. */
export const savedViewsQueryOptions = () =>
  queryOptions({ queryKey: ['saved-views', 'leads'], queryFn: ({ signal }) => api.get<Items<SavedView>>('/saved-views', { list: 'leads' }, signal) });

export const useSavedViews = () => useQuery(savedViewsQueryOptions());

export type SaveViewInput = { name: string; filters: SavedViewFilters; shared: boolean };

function useInvalidating<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['saved-views'] }) });
}

export const useCreateView = () => useInvalidating((input: SaveViewInput) => api.post<SavedView>('/saved-views', { list: 'leads', ...input }));
export const useDeleteView = () => useInvalidating((id: string) => api.delete<{ ok: true }>(`/saved-views/${id}`));
