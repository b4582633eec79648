import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Calculation, ComputeRewardBody } from '../../../lib/types.ts';
import { calculationChanged } from './cache.ts';

/**
 * Finance computes a project's reward at a reached milestone: a draft with its trace. 412 when the milestone is
 * not reached, no verified figure exists or no version is in effect; 409 when that milestone is already paid.
 * A live unpaid calculation for the same milestone is superseded by the new one.
 */
export const computeReward = (body: ComputeRewardBody): Promise<Calculation> => api.post<Calculation>('/reward-calculations', body);

export function useComputeReward({ mutationConfig }: { mutationConfig?: MutationConfig<typeof computeReward> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: computeReward,
    onSuccess: async (calculation, ...args) => {
      await calculationChanged(queryClient, calculation);
      return onSuccess?.(calculation, ...args);
    },
  });
}
