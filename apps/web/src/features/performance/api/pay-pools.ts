import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Items, SavedPayPool } from '../../../lib/types.ts';

export type PoolsQuery = { schemeId: string; period: string };

/** Zones' saved performance-pay pools of a closed period (managers, finance, admins). */
export const usePayPools = (query: PoolsQuery, { enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: ['performance', 'pay-pools', query],
    queryFn: ({ signal }) => api.get<Items<SavedPayPool>>('/performance/pay-pools', query, signal),
    enabled,
  });

function usePoolMutation<Body>(request: (body: Body) => Promise<SavedPayPool>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['performance', 'pay-pools'] }) });
}

export const useSavePayPool = () =>
  usePoolMutation((body: { schemeId: string; period: string; zoneId: string; baseFen: number; gradeMultiplier: number }) =>
    api.post<SavedPayPool>('/performance/pay-pools', body),
  );
export const useApprovePayPool = () =>
  usePoolMutation(({ id, version }: { id: string; version: number }) => api.post<SavedPayPool>(`/performance/pay-pools/${id}/approve`, { version }));
export const useFilePayPool = () =>
  usePoolMutation(({ id, version, reference }: { id: string; version: number; reference: string }) =>
    api.post<SavedPayPool>(`/performance/pay-pools/${id}/file`, { version, reference }),
  );
