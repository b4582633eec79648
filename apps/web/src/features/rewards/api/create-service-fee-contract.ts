import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { CreateServiceFeeContractBody, ServiceFeeContract } from '../../../lib/types.ts';

/** Finance or a manager; the fee per period and the dates never change afterwards. */
export const createServiceFeeContract = (body: CreateServiceFeeContractBody): Promise<ServiceFeeContract> =>
  api.post<ServiceFeeContract>('/service-fee-contracts', body);

export function useCreateServiceFeeContract({ mutationConfig }: { mutationConfig?: MutationConfig<typeof createServiceFeeContract> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: createServiceFeeContract,
    onSuccess: async (contract, ...args) => {
      await queryClient.invalidateQueries({ queryKey: ['rewards', 'service-fee-contracts'] });
      return onSuccess?.(contract, ...args);
    },
  });
}
