import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { BottomFlag, Items } from '../../../lib/types.ts';

export type FlagsQuery = { schemeId?: string; period?: string; awaitingDecision?: 'true' };

/** 末位 flags of closed periods: managers see all, staff their own. */
export const getFlags = (query: FlagsQuery, signal?: AbortSignal) => api.get<Items<BottomFlag>>('/performance/flags', query, signal);

export const useFlags = (query: FlagsQuery, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ queryKey: ['performance', 'flags', query], queryFn: ({ signal }) => getFlags(query, signal), enabled });

/** Appealing and deciding change the flag shown in the ranking and in the appeals list: both are refetched. */
function useFlagMutation<Body>(path: (id: string) => string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Body }) => api.post<BottomFlag>(path(id), body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['performance', 'flags'] }),
        queryClient.invalidateQueries({ queryKey: ['performance', 'ranking'] }),
      ]);
    },
  });
}

export const useAppeal = () => useFlagMutation<{ version: number; reason: string }>((id) => `/performance/flags/${id}/appeal`);
export const useDecideAppeal = () => useFlagMutation<{ version: number; outcome: 'uphold' | 'lift'; note: string }>((id) => `/performance/flags/${id}/decide`);
