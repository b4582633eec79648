import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Calculation, PayBody } from '../../../lib/types.ts';
import { calculationChanged } from './cache.ts';

export type PayCalculationInput = { id: string; body: PayBody };

/** Finance records the payment of an approved calculation: date and voucher number. At most once (409 after). The body carries the `version` read; 409 when the calculation changed since. */
export const payCalculation = ({ id, body }: PayCalculationInput): Promise<Calculation> => api.post<Calculation>(`/reward-calculations/${id}/pay`, body);

export function usePayCalculation({ mutationConfig }: { mutationConfig?: MutationConfig<typeof payCalculation> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, onError, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: payCalculation,
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
