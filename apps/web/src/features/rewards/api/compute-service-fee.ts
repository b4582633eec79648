import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { Calculation, ComputeServiceFeeBody } from '../../../lib/types.ts';
import { calculationChanged } from './cache.ts';

/** A service fee for one month (2026-10) or quarter (2026-Q4) of a contract, prorated by days where it covers part. */
export const computeServiceFee = (body: ComputeServiceFeeBody): Promise<Calculation> => api.post<Calculation>('/service-fee-calculations', body);

export function useComputeServiceFee({ mutationConfig }: { mutationConfig?: MutationConfig<typeof computeServiceFee> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: computeServiceFee,
    onSuccess: async (calculation, ...args) => {
      await calculationChanged(queryClient, calculation);
      return onSuccess?.(calculation, ...args);
    },
  });
}
