import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Calculation, RejectBody } from '../../../lib/types.ts';
import { calculationChanged } from './cache.ts';

export type RejectCalculationInput = { id: string; body: RejectBody };

/** A manager who did not make the calculation rejects it; the reason (note) is required. The body carries the `version` read; 409 when the calculation changed since. */
export const rejectCalculation = ({ id, body }: RejectCalculationInput): Promise<Calculation> =>
  api.post<Calculation>(`/reward-calculations/${id}/reject`, body);

export function useRejectCalculation({ mutationConfig }: { mutationConfig?: MutationConfig<typeof rejectCalculation> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: rejectCalculation,
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
