import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Calculation, DecisionBody } from '../../../lib/types.ts';
import { calculationChanged } from './cache.ts';

export type ApproveCalculationInput = { id: string; body: DecisionBody };

/** A manager who did not make the calculation approves it (403 for the maker: maker–checker). The body carries the `version` read; 409 when the calculation changed since. */
export const approveCalculation = ({ id, body }: ApproveCalculationInput): Promise<Calculation> =>
  api.post<Calculation>(`/reward-calculations/${id}/approve`, body);

export function useApproveCalculation({ mutationConfig }: { mutationConfig?: MutationConfig<typeof approveCalculation> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: approveCalculation,
    onSuccess: async (calculation, ...args) => {
      await calculationChanged(queryClient, calculation);
      return onSuccess?.(calculation, ...args);
    },
    onError: async (error, input, ...args) => {
      // Whatever was refused, show the calculation as it is now (another person may have moved it on).
      await queryClient.invalidateQueries({ queryKey: ['rewards', 'calculations', 'detail', input.id] });
      return onError?.(error, input, ...args);
    },
  });
}
