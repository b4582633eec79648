import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { MutationConfig } from '../../../lib/react-query.ts';
import type { ChainNodeInput, Industry } from '../../../lib/types.ts';

export type AddChainNodeInput = { industryId: string; body: ChainNodeInput };

export const addChainNode = ({ industryId, body }: AddChainNodeInput): Promise<Industry> => api.post<Industry>(`/industries/${industryId}/chain-nodes`, body);

export function useAddChainNode({ mutationConfig }: { mutationConfig?: MutationConfig<typeof addChainNode> } = {}) {
  const queryClient = useQueryClient();
  const { onSuccess, ...rest } = mutationConfig ?? {};
  return useMutation({
    ...rest,
    mutationFn: addChainNode,
    onSuccess: async (...args) => {
      await queryClient.invalidateQueries({ queryKey: ['industries'] });
      return onSuccess?.(...args);
    },
  });
}
