import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Calculation, DecisionBody } from '../../../lib/types.ts';
import { calculationChanged } from './cache.ts';

export type SubmitCalculationInput = { id: string; body: DecisionBody };

/** Finance sends a draft to a manager for approval. The body carries the `version` read; 409 when the calculation changed since. */
export const submitCalculation = ({ id, body }: SubmitCalculationInput): Promise<Calculation> =>
  api.post<Calculation>(`/reward-calculations/${id}/submit`, body);

export function useSubmitCalculation({ mutationConfig }: { mutationConfig?: MutationConfig<typeof submitCalculation> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: submitCalculation,
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
