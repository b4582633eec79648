import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Lead } from '../../../lib/types.ts';
import { leadChanged } from './cache.ts';

/** Takes a lead from the public pool; 409 CONFLICT when someone claimed it first. */
export const claimLead = (id: string): Promise<Lead> => api.post<Lead>(`/leads/${id}/claim`);

export function useClaimLead({ mutationConfig }: { mutationConfig?: MutationConfig<typeof claimLead> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: claimLead,
    onSuccess: async (lead, ...args) => {
      await leadChanged(queryClient, lead);
      return onSuccess?.(lead, ...args);
    },
    onError: async (error, ...args) => {
      // Whoever won the race, the pool has changed: show it as it is now.
      await queryClient.invalidateQueries({ queryKey: ['leads'] });
      return onError?.(error, ...args);
    },
  });
}
